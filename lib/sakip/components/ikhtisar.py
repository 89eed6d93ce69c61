"""Ikhtisar Eksekutif: the year on one page, every sentence generated from the numbers."""

from __future__ import annotations

from sakip.analysis import indicators as analysis
from sakip.analysis.context import ReportContext
from sakip.components import html as p
from sakip.components.common import (
    INDICATOR_COLUMNS,
    capaian_text,
    pct_or_dash,
    realisasi_text,
    sasaran_indicator_records,
    target_text,
)
from sakip.compute.formatting import fmt_int, fmt_pct, fmt_rupiah, round_half_up
from sakip.compute.wording import describe_trend


def summary(ctx: ReportContext) -> str:
    prof = ctx.profile
    results = [r for s in ctx.sasaran for r in s.indicators]
    mean = analysis.mean_capaian(results)
    met = [r for r in results if r.capaian.value is not None and round_half_up(r.capaian.value) >= 100]
    total = ctx.budget_total
    out = p.heading("IKHTISAR EKSEKUTIF", 1, anchor="ikhtisar")
    year_text = (f", tahun ke-{ctx.renstra_year_index} pelaksanaan Renstra {ctx.renstra_period}"
                 if ctx.renstra_year_index else "")
    out += p.paragraph(
        f"Laporan Kinerja Instansi Pemerintah {prof.agency_name} {prof.pemda_label} Tahun {ctx.year}"
        f"{year_text}, menyajikan capaian {fmt_int(len(results))} indikator kinerja dari "
        f"{fmt_int(len(ctx.sasaran))} sasaran strategis beserta realisasi anggarannya.")
    out += ('<div class="kpi">'
            f"<div><strong>{p.esc(capaian_text(mean))}</strong><span>Rata-rata capaian indikator "
            f"({p.esc(ctx.options.scale.classify(mean.value))})</span></div>"
            f"<div><strong>{fmt_int(len(met))} dari {fmt_int(len(results))}</strong><span>indikator mencapai "
            "atau melampaui target</span></div>"
            f"<div><strong>{p.esc(pct_or_dash(total.serapan))}</strong><span>serapan anggaran "
            f"({p.esc('-' if total.realisasi is None else fmt_rupiah(total.realisasi))} dari "
            f"{p.esc('-' if total.pagu is None else fmt_rupiah(total.pagu))})</span></div></div>")
    records = sasaran_indicator_records(ctx)
    out += p.figure("tabel", f"Ringkasan Capaian Indikator Kinerja Tahun {ctx.year}",
                    p.table_html(records, [p.Column("Sasaran Strategis", "sasaran")] + INDICATOR_COLUMNS))
    return out


def highlights(ctx: ReportContext) -> str:
    results = [r for s in ctx.sasaran for r in s.indicators]
    moves = analysis.movements(ctx.agency, results)
    better = [m for m in moves if m.improved]
    worse = [m for m in moves if not m.improved and m.direction != "tetap"]
    short = [r for r in results if r.capaian.value is None or round_half_up(r.capaian.value) < 100]
    out = p.heading("Hal yang membaik dan yang belum tercapai", 3, anchor="ikhtisar-sorotan")

    def trend(m: analysis.Movement) -> str:
        r = m.result
        return describe_trend(r.indicator.name, m.previous, r.realisasi, r.indicator.polarity,
                              year_from=m.previous_year, year_to=r.year, unit=r.indicator.unit)

    out += "<p><strong>Membaik dibanding tahun sebelumnya:</strong></p>"
    out += p.bullet_list([trend(m) for m in better]) if better else p.paragraph("Tidak ada indikator yang membaik.")
    if worse:
        out += "<p><strong>Menurun dibanding tahun sebelumnya:</strong></p>" + p.bullet_list([trend(m) for m in worse])
    out += "<p><strong>Belum mencapai target atau tidak dapat diukur:</strong></p>"
    if short:
        out += p.bullet_list([f"{r.indicator.name}: target {target_text(r)}, realisasi {realisasi_text(r)}, "
                              f"capaian {capaian_text(r.capaian)}." for r in short])
    else:
        out += p.paragraph(f"Seluruh indikator mencapai atau melampaui target Tahun {ctx.year}.")
    total = ctx.budget_total
    if total.serapan is not None:
        low = [s for s in ctx.sasaran if s.budget.serapan is not None and round_half_up(s.budget.serapan) < 90]
        text = f"Serapan anggaran keseluruhan {fmt_pct(total.serapan)}"
        if low:
            text += "; serapan di bawah 90% pada sasaran " + "; ".join(
                f"{s.sasaran.statement} ({fmt_pct(s.budget.serapan)})" for s in low)
        out += p.paragraph(text + ".")
    return out
