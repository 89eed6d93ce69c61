"""Ikhtisar Eksekutif: the year on one page. Every figure comes from
:mod:`sakip.analysis.overview`; each function returns one element."""

from __future__ import annotations

from typing import Optional

from sakip.analysis import overview
from sakip.analysis.indicators import Movement
from sakip.analysis.report_context import ReportContext
from sakip.components.common import (
    INDICATOR_COLUMNS,
    capaian_text,
    pct_or_dash,
    realisasi_text,
    sasaran_indicator_records,
    target_text,
)
from sakip.components.elements import BulletList, KpiCards, Paragraphs, Table
from sakip.components.html import Column
from sakip.compute.formatting import fmt_int, fmt_pct, fmt_rupiah
from sakip.compute.wording import describe_trend


def opening(ctx: ReportContext) -> Paragraphs:
    """What the report covers: the agency, the year, the number of indicators and sasaran."""
    prof = ctx.profile
    figures = overview.year_overview(ctx)
    year_text = (f", tahun ke-{ctx.renstra_year_index} pelaksanaan Renstra {ctx.renstra_period}"
                 if ctx.renstra_year_index else "")
    return Paragraphs(
        f"Laporan Kinerja Instansi Pemerintah {prof.agency_name} {prof.pemda_label} Tahun {ctx.year}"
        f"{year_text}, menyajikan capaian {fmt_int(len(figures.results))} indikator kinerja dari "
        f"{fmt_int(figures.n_sasaran)} sasaran strategis beserta realisasi anggarannya.")


def key_figures(ctx: ReportContext) -> KpiCards:
    """The mean capaian with its kriteria, the indicators that met their target, the serapan."""
    figures = overview.year_overview(ctx)
    budget = figures.budget
    realisasi = "-" if budget.realisasi is None else fmt_rupiah(budget.realisasi)
    pagu = "-" if budget.pagu is None else fmt_rupiah(budget.pagu)
    return KpiCards((
        (capaian_text(figures.mean), f"Rata-rata capaian indikator ({figures.mean_kriteria})"),
        (f"{fmt_int(figures.counts.met)} dari {fmt_int(figures.counts.total)}",
         "indikator mencapai atau melampaui target"),
        (pct_or_dash(budget.serapan), f"serapan anggaran ({realisasi} dari {pagu})"),
    ))


def indicator_table(ctx: ReportContext) -> Table:
    """Every strategic indicator with its sasaran: target, realisasi, capaian, kriteria."""
    return Table.from_records(f"Ringkasan Capaian Indikator Kinerja Tahun {ctx.year}",
                              sasaran_indicator_records(ctx),
                              [Column("Sasaran Strategis", "sasaran")] + INDICATOR_COLUMNS)


def _trend(m: Movement) -> str:
    r = m.result
    return describe_trend(r.indicator.name, m.previous, r.realisasi, r.indicator.polarity,
                          year_from=m.previous_year, year_to=r.year, unit=r.indicator.unit)


def improved(ctx: ReportContext) -> BulletList | Paragraphs:
    """The indicators whose realisasi improved on the latest earlier year."""
    moves = overview.year_movements(ctx).improved
    if not moves:
        return Paragraphs("Tidak ada indikator yang membaik.")
    return BulletList(tuple(_trend(m) for m in moves))


def declined(ctx: ReportContext) -> BulletList | Paragraphs:
    """The indicators whose realisasi declined from the latest earlier year."""
    moves = overview.year_movements(ctx).declined
    if not moves:
        return Paragraphs("Tidak ada indikator yang menurun.")
    return BulletList(tuple(_trend(m) for m in moves))


def short_of_target(ctx: ReportContext) -> BulletList | Paragraphs:
    """The indicators below target or that cannot be measured, with their figures."""
    short = overview.short_of_target(overview.year_overview(ctx).results)
    if not short:
        return Paragraphs(f"Seluruh indikator mencapai atau melampaui target Tahun {ctx.year}.")
    return BulletList(tuple(f"{r.indicator.name}: target {target_text(r)}, realisasi {realisasi_text(r)}, "
                            f"capaian {capaian_text(r.capaian)}." for r in short))


def budget_absorption(ctx: ReportContext) -> Optional[Paragraphs]:
    """The overall serapan and the sasaran below the threshold; None without a serapan."""
    total = ctx.budget_total
    if total.serapan is None:
        return None
    text = f"Serapan anggaran keseluruhan {fmt_pct(total.serapan)}"
    low = overview.low_serapan(ctx.sasaran)
    if low:
        text += (f"; serapan di bawah {fmt_pct(overview.LOW_SERAPAN, strip=True)} pada sasaran "
                 + "; ".join(f"{s.sasaran.statement} ({fmt_pct(s.budget.serapan)})" for s in low))
    return Paragraphs(text + ".")
