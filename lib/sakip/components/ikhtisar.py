"""Ikhtisar Eksekutif: the year on one page. Every figure comes from
:mod:`sakip.analysis.overview`; each function returns one element."""

from __future__ import annotations

from typing import Optional

from sakip.analysis import overview
from sakip.analysis.indicators import IndicatorResult, Movement
from sakip.analysis.report_context import ReportContext
from sakip.components.common import (
    INDICATOR_COLUMNS,
    capaian_text,
    realisasi_text,
    sasaran_indicator_records,
    target_text,
)
from sakip.components.elements import BulletList, KpiCards, Narrative, Paragraphs, Table
from sakip.components.html import Column
from sakip.compute.formatting import fmt_int, fmt_pct, fmt_rupiah
from sakip.compute.wording import describe_trend, mean_of, ordinal


def opening(ctx: ReportContext) -> Paragraphs:
    """What the report covers: the agency, the year, the number of indicators and sasaran (and
    the realisasi anggaran when it is filled in)."""
    prof = ctx.profile
    figures = overview.year_overview(ctx)
    year_text = (f", tahun {ordinal(ctx.renstra_year_index)} pelaksanaan Renstra {ctx.renstra_period}"
                 if ctx.renstra_year_index else "")
    return Paragraphs(
        f"Laporan Kinerja Instansi Pemerintah {prof.agency_name} {prof.pemda_label} Tahun {ctx.year}"
        f"{year_text}, menyajikan capaian {fmt_int(len(figures.results))} indikator kinerja dari "
        f"{fmt_int(figures.n_sasaran)} sasaran strategis"
        + (" beserta realisasi anggarannya." if figures.budget.realisasi is not None else "."))


def key_figures(ctx: ReportContext) -> KpiCards:
    """The mean capaian with its kriteria, the indicators that met their target, the serapan
    (or the pagu alone when its realisasi is missing; no budget card without a pagu); only the
    number of indicators when none can be measured."""
    figures = overview.year_overview(ctx)
    budget = figures.budget
    counts = figures.counts
    if figures.mean.value is None:  # nothing measured: no "0 dari 5" and no mean to show
        cards = [(fmt_int(counts.total), "indikator kinerja, belum ada yang dapat diukur")]
    else:
        cover = figures.coverage
        cards = [(capaian_text(figures.mean), f"Rata-rata capaian "
                  f"{mean_of(cover.averaged, cover.total)} ({figures.mean_kriteria})"),
                 (f"{fmt_int(counts.met)} dari {fmt_int(counts.total)}", "indikator mencapai atau melampaui target")]
    if budget.serapan is not None and budget.pagu is not None and budget.realisasi is not None:
        cards.append((fmt_pct(budget.serapan),
                      f"serapan anggaran ({fmt_rupiah(budget.realisasi)} dari {fmt_rupiah(budget.pagu)})"))
    elif budget.pagu is not None:  # a pagu without its realisasi
        cards.append((fmt_rupiah(budget.pagu), f"pagu anggaran {ctx.year} (realisasi belum diisi)"))
    return KpiCards(tuple(cards))


def indicator_table(ctx: ReportContext) -> Table:
    """Every strategic indicator with its sasaran: target, realisasi, capaian, kriteria."""
    return Table.from_records(f"Ringkasan Capaian Indikator Kinerja Tahun {ctx.year}",
                              sasaran_indicator_records(ctx),
                              [Column("Sasaran Strategis", "sasaran")] + INDICATOR_COLUMNS)


def _trend(m: Movement) -> str:
    r = m.result
    return describe_trend(r.indicator.name, m.previous, r.realisasi, r.indicator.polarity,
                          year_from=m.previous_year, year_to=r.year, unit=r.indicator.unit)


def earlier_years_missing(ctx: ReportContext) -> Optional[Paragraphs]:
    """One sentence when no indicator has a realisasi of an earlier year (then nothing can have
    improved or declined, and :func:`movement_label`, :func:`improved` and :func:`declined`
    show nothing); None otherwise."""
    if overview.has_earlier_realisasi(ctx.agency, overview.year_overview(ctx).results):
        return None
    return Paragraphs("Data realisasi tahun-tahun sebelumnya belum diisi, sehingga indikator yang membaik "
                      "atau menurun dibanding tahun sebelumnya belum dapat disajikan.")


def movement_label(ctx: ReportContext, text: str) -> Optional[Narrative]:
    """The bold label of a list of movements ("**Membaik dibanding tahun sebelumnya:**"); None
    when :func:`earlier_years_missing` says there is nothing to compare."""
    return None if earlier_years_missing(ctx) is not None else Narrative(f"**{text}:**")


def improved(ctx: ReportContext) -> BulletList | Paragraphs | None:
    """The indicators whose realisasi improved on the latest earlier year; None without any
    earlier realisasi."""
    if earlier_years_missing(ctx) is not None:
        return None
    moves = overview.year_movements(ctx).improved
    if not moves:
        return Paragraphs("Tidak ada indikator yang membaik.")
    return BulletList(tuple(_trend(m) for m in moves))


def declined(ctx: ReportContext) -> BulletList | Paragraphs | None:
    """The indicators whose realisasi declined from the latest earlier year; None without any
    earlier realisasi."""
    if earlier_years_missing(ctx) is not None:
        return None
    moves = overview.year_movements(ctx).declined
    if not moves:
        return Paragraphs("Tidak ada indikator yang menurun.")
    return BulletList(tuple(_trend(m) for m in moves))


def _short_item(r: IndicatorResult) -> str:
    """"X: target 60%, realisasi 55,17%, capaian 91,95%." (a missing figure is left out, not "-")."""
    figures = [f"{label} {text}" for label, text in (("target", target_text(r)), ("realisasi", realisasi_text(r)))
               if text != "-"]
    return f"{r.indicator.name}: " + ", ".join(figures + [f"capaian {capaian_text(r.capaian)}"]) + "."


def short_of_target(ctx: ReportContext) -> BulletList | Paragraphs:
    """The indicators below target or that cannot be measured, with their figures."""
    short = overview.short_of_target(overview.year_overview(ctx).results)
    if not short:
        return Paragraphs(f"Seluruh indikator mencapai atau melampaui target Tahun {ctx.year}.")
    return BulletList(tuple(_short_item(r) for r in short))


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
