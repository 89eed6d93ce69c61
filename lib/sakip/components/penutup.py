"""BAB IV Penutup: kesimpulan generated from the numbers, then the analyst's text."""

from __future__ import annotations

from collections import Counter

from sakip.analysis import indicators as analysis
from sakip.analysis.context import ReportContext
from sakip.components import html as p
from sakip.components.common import capaian_text, narrative_html, pct_or_dash
from sakip.compute.formatting import fmt_int, fmt_rupiah


def conclusion(ctx: ReportContext) -> str:
    results = [r for s in ctx.sasaran for r in s.indicators]
    counts = Counter(r.kriteria for r in results)
    order = ctx.options.scale.labels + ["Tidak Dapat Diukur"]
    spread = ", ".join(f"{fmt_int(counts[label])} indikator berkriteria {label}" for label in order if counts[label])
    mean = analysis.mean_capaian(results)
    total = ctx.budget_total
    out = p.heading("BAB IV PENUTUP", 1, anchor="bab-iv") + p.heading("4.1 Kesimpulan")
    year_text = (f" merupakan tahun ke-{ctx.renstra_year_index} dari Renstra {ctx.renstra_period}"
                 if ctx.renstra_year_index else "")
    out += p.paragraph(
        f"Tahun {ctx.year}{year_text}. {ctx.profile.agency_name} memiliki {fmt_int(len(ctx.sasaran))} "
        f"sasaran strategis dengan {fmt_int(len(results))} indikator kinerja. Hasil pengukuran: "
        f"{spread or 'belum ada indikator yang diukur'}, dengan rata-rata capaian {capaian_text(mean)}.")
    if total.pagu is not None:
        out += p.paragraph(
            f"Anggaran sebesar {fmt_rupiah(total.pagu)} terealisasi {fmt_rupiah(total.realisasi) if total.realisasi is not None else '-'} "
            f"atau {pct_or_dash(total.serapan)}.")
    return out


def problems_and_follow_up(ctx: ReportContext) -> str:
    out = p.heading("4.2 Permasalahan") + (narrative_html(ctx.agency, "permasalahan") or p.paragraph("Tidak ada permasalahan yang dicatat."))
    out += p.heading("4.3 Tindak Lanjut") + (narrative_html(ctx.agency, "tindak_lanjut") or p.paragraph("Tidak ada tindak lanjut yang dicatat."))
    out += narrative_html(ctx.agency, "penutup")
    prof = ctx.profile
    place = f"{prof.report_city or prof.pemda_name}, {ctx.year + 1}"
    out += (f'<div class="signature"><p>{p.esc(place)}</p><p>{p.esc(prof.head_position or "Kepala " + prof.agency_name)}</p>'
            f'<p class="name">{p.esc(prof.head_name)}</p><p>{p.esc(prof.head_rank or "")}</p>'
            f'<p>{"NIP. " + p.esc(prof.head_nip) if prof.head_nip else ""}</p></div>')
    return out
