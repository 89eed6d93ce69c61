"""BAB IV (the PK cascade) and BAB V (analysis and closing)."""

from __future__ import annotations

from sakip.analysis import pengukuran as pg
from sakip.analysis.context import ReportContext
from sakip.components import html as p
from sakip.components.pengukuran.shared import action_blocks, iku_quarters, upto
from sakip.compute.formatting import fmt_pct

# --- BAB IV / V -------------------------------------------------------------------------------------


def cascade_chapter(ctx: ReportContext) -> str:
    from sakip.components import cascade

    return (p.heading("BAB IV CASCADING PERJANJIAN KINERJA", 1, anchor="bab-iv")
            + cascade.cascade_section(ctx, heading="Pohon Kinerja dan Capaian Unit", number="4.1"))


def analysis(ctx: ReportContext) -> str:
    """BAB V 5.1: the analyst's analysis, preceded by a summary computed from the figures."""
    n = upto(ctx)
    out = p.heading("BAB V ANALISIS DAN PENUTUP", 1, anchor="bab-v")
    out += p.heading("5.1 Analisis Capaian Kinerja", 2, anchor="analisis")
    items = iku_quarters(ctx)
    latest = [iq.latest for iq in items if iq.latest is not None]
    measured = [r for r in latest if r.capaian.value is not None]
    met = [r for r in measured if r.capaian.value >= 100]
    flags = pg.all_flags(action_blocks(ctx))
    summary = (f"Sampai dengan Triwulan {pg.roman(n)} Tahun {ctx.year}, {len(measured)} dari {len(items)} IKU "
               f"dapat diukur dan {len(met)} di antaranya mencapai atau melampaui target triwulan")
    if measured:
        from sakip.compute.capaian import sasaran_capaian

        mean = sasaran_capaian([r.capaian for r in measured], "mean")
        summary += f"; rata-rata capaian IKU {fmt_pct(mean.value)} ({ctx.options.scale.classify(mean.value)})"
    summary += f". Pemeriksaan kemajuan triwulan mencatat {len(flags)} peringatan (Subbab 3.3)."
    out += p.paragraph(summary)
    for item in ctx.agency.narrative("catatan"):
        out += p.markdown(item.text)
    return out


def closing(ctx: ReportContext) -> str:
    """BAB V 5.2: the analyst's closing text and the head's signature."""
    out = p.heading("5.2 Penutup", 2, anchor="penutup")
    out += "".join(p.markdown(n.text) for n in ctx.agency.narrative("penutup")) or p.paragraph(
        "Narasi penutup belum diisi.")
    prof = ctx.profile
    place = f"{prof.report_city or prof.pemda_name}, {ctx.year}"
    out += (f'<div class="signature"><p>{p.esc(place)}</p>'
            f'<p>{p.esc(prof.head_position or "Kepala " + prof.agency_name)}</p>'
            f'<p class="name">{p.esc(prof.head_name)}</p><p>{p.esc(prof.head_rank or "")}</p>'
            f'<p>{"NIP. " + p.esc(prof.head_nip) if prof.head_nip else ""}</p></div>')
    return out
