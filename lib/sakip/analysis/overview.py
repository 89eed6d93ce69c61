"""Figures of the report's front chapters: the Ikhtisar Eksekutif, BAB I and BAB II.

Every count, selection and verdict that a sentence or a table of these chapters states is made
here, so that the components only format. "Met target" follows the one rule of
:func:`sakip.analysis.indicators.target_status` (decided on the capaian as shown); a serapan is
compared with a threshold as shown too (rounded half-up to two decimals).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional, Sequence

from sakip.analysis.indicators import (
    ApbdRow,
    IndicatorResult,
    MeanCoverage,
    Movement,
    SasaranResult,
    StaffPivot,
    TargetCounts,
    history_years,
    mean_capaian,
    mean_coverage,
    movements,
    sasaran_lines,
    staff_pivot,
    target_counts,
    target_status,
)
from sakip.analysis.report_context import ReportContext
from sakip.compute import defaults
from sakip.compute.budget import BudgetSummary, rollup, total
from sakip.compute.capaian import Capaian
from sakip.compute.formatting import round_half_up
from sakip.model import rows as m
from sakip.model.agency import Agency

#: A sasaran whose serapan (as shown) is below this (%) is named in the Ikhtisar.
LOW_SERAPAN = Decimal(90)

#: The staff tables of BAB I, in the order they are shown.
STAFF_TABLES = ("pangkat", "pendidikan")


# --- Ikhtisar Eksekutif ----------------------------------------------------------------------------


def indicator_results(sasaran: Sequence[SasaranResult]) -> list[IndicatorResult]:
    """Every indicator of the sasaran strategis, in order."""
    return [r for s in sasaran for r in s.indicators]


@dataclass(frozen=True)
class YearOverview:
    """The year in figures: the indicators, their mean capaian and its kriteria, how many met
    their target, and the agency's budget."""

    n_sasaran: int
    results: tuple[IndicatorResult, ...]
    mean: Capaian
    mean_kriteria: str
    counts: TargetCounts
    budget: BudgetSummary
    #: how many indicators the mean covers (the others cannot be measured or are implausible)
    coverage: MeanCoverage


def year_overview(ctx: ReportContext) -> YearOverview:
    """The one reading of the year's figures that the Kata Pengantar, the Ikhtisar and BAB IV
    state (so their mean, counts and budget never differ)."""
    results = indicator_results(ctx.sasaran)
    limit = ctx.options.max_capaian
    mean = mean_capaian(results, limit)
    return YearOverview(len(ctx.sasaran), tuple(results), mean,
                        ctx.options.scale.classify(mean.value), target_counts(results, limit),
                        ctx.budget_total, mean_coverage([r.capaian for r in results], limit))


def short_of_target(results: Sequence[IndicatorResult],
                    max_capaian: Optional[Decimal] = defaults.MAX_CAPAIAN) -> list[IndicatorResult]:
    """Indicators below target (as shown) or that cannot be measured (implausible ones
    included), in order."""
    return [r for r in results if target_status(r.capaian, max_capaian) in (None, "belum")]


@dataclass(frozen=True)
class Movements:
    """Indicators whose realisasi improved, and those that declined, against the latest earlier
    year (an unchanged realisasi is in neither)."""

    improved: tuple[Movement, ...]
    declined: tuple[Movement, ...]


def split_movements(moves: Sequence[Movement]) -> Movements:
    return Movements(tuple(m for m in moves if m.improved),
                     tuple(m for m in moves if not m.improved and m.direction != "tetap"))


def has_earlier_realisasi(agency: Agency, results: Sequence[IndicatorResult]) -> bool:
    """Whether any of the indicators has a realisasi in a year before its result's year (without
    one, no indicator can have improved or declined)."""
    return any(agency.realisasi_value(r.indicator.indicator_id, year) is not None
               for r in results for year in history_years(agency, r.indicator, r.year - 1))


def year_movements(ctx: ReportContext) -> Movements:
    """:func:`split_movements` of the year's strategic indicators."""
    return split_movements(movements(ctx.agency, indicator_results(ctx.sasaran)))


def low_serapan(sasaran: Sequence[SasaranResult],
                threshold: Decimal = LOW_SERAPAN) -> list[SasaranResult]:
    """Sasaran whose serapan, as shown, is below ``threshold`` (sasaran without one are left out)."""
    return [s for s in sasaran
            if s.budget.serapan is not None and round_half_up(s.budget.serapan) < threshold]


# --- BAB I -------------------------------------------------------------------------------------


def headcount(agency: Agency, year: Optional[int] = None) -> Optional[StaffPivot]:
    """The staff pivot whose totals the chapter states: by rank, else by education; None
    without staff data."""
    for table in STAFF_TABLES:
        pivot = staff_pivot(agency, table, year)
        if pivot is not None:
            return pivot
    return None


def apbd_total(rows: Sequence[ApbdRow]) -> Optional[ApbdRow]:
    """The APBD's first total line that has an amount after the change (None if there is none)."""
    return next((r for r in rows if r.line.is_total and r.line.after is not None), None)


def strategic_issues(agency: Agency) -> list[m.IsuStrategis]:
    """The isu strategis in their numbered order."""
    return sorted(agency.rows("isu_strategis"), key=lambda r: r.no or 0)


# --- BAB II ------------------------------------------------------------------------------------


def renstra_years(ctx: ReportContext) -> list[int]:
    """Every year of the Renstra period, first to last."""
    return list(range(ctx.profile.renstra_start, ctx.profile.renstra_end + 1))


def rpjmd_support(agency: Agency) -> dict[str, list[str]]:
    """For each RPJMD/RPD code, the statements of the agency's sasaran strategis and then of its
    tujuan that support it."""
    served: dict[str, list[str]] = {}
    for s in agency.strategic_sasaran:
        if s.rpjmd_code:
            served.setdefault(s.rpjmd_code, []).append(s.statement)
    for t in agency.rows("tujuan"):
        if t.rpjmd_code:
            served.setdefault(t.rpjmd_code, []).append(t.statement)
    return served


@dataclass(frozen=True)
class SasaranStrategy:
    sasaran: m.Sasaran
    strategies: tuple[str, ...]
    policies: tuple[str, ...]  # arah kebijakan


def strategies(agency: Agency) -> list[SasaranStrategy]:
    """The strategi and arah kebijakan of each sasaran strategis, in their numbered order;
    sasaran with neither are left out."""
    rows = agency.rows("strategi")
    out = []
    for s in agency.strategic_sasaran:
        mine = sorted((x for x in rows if x.sasaran_id == s.sasaran_id), key=lambda x: x.no or 0)
        strat = tuple(x.text for x in mine if x.kind == "strategi")
        policy = tuple(x.text for x in mine if x.kind == "arah_kebijakan")
        if strat or policy:
            out.append(SasaranStrategy(s, strat, policy))
    return out


@dataclass(frozen=True)
class BudgetTreeRow:
    """One row of the budget per sasaran: ``kind`` is "sasaran", "line" (a programme, kegiatan
    or sub kegiatan, with its ``level``) or "total" (the agency's)."""

    kind: str
    label: str
    pagu: Optional[Decimal]
    realisasi: Optional[Decimal]
    serapan: Optional[Decimal]
    level: Optional[str] = None


#: The group of budget lines that support no sasaran strategis in the budget per sasaran.
NO_SASARAN = "Tidak terkait langsung dengan sasaran strategis"


def budget_tree(ctx: ReportContext) -> list[BudgetTreeRow]:
    """Each sasaran with its budget lines down to sub kegiatan (amounts of parents are sums of
    their leaves), then the lines of no sasaran strategis (e.g. the programme penunjang) under
    :data:`NO_SASARAN`, so that the rows add up to the agency's total, which comes last; empty
    when no sasaran has budget lines."""
    names = {line.code: line.name for line in ctx.budget_lines}
    rows: list[BudgetTreeRow] = []
    for result in ctx.sasaran:
        lines = sasaran_lines(ctx.agency, result.sasaran.sasaran_id, ctx.year)
        if not lines:
            continue
        b = result.budget
        rows.append(BudgetTreeRow("sasaran", result.sasaran.statement, b.pagu, b.realisasi, b.serapan))
        rows.extend(BudgetTreeRow("line", names[r.code], r.pagu, r.realisasi, r.serapan, r.level)
                    for r in rollup(lines))
    if not rows:
        return []
    strategic = {result.sasaran.sasaran_id for result in ctx.sasaran}
    unlinked = [r for r in rollup(ctx.budget_lines) if r.sasaran_id not in strategic]
    if unlinked:
        codes = {r.code for r in unlinked}
        b = total([line for line in ctx.budget_lines if line.code in codes])
        rows.append(BudgetTreeRow("sasaran", NO_SASARAN, b.pagu, b.realisasi, b.serapan))
        rows.extend(BudgetTreeRow("line", names[r.code], r.pagu, r.realisasi, r.serapan, r.level)
                    for r in unlinked)
    t = ctx.budget_total
    rows.append(BudgetTreeRow("total", "Jumlah", t.pagu, t.realisasi, t.serapan))
    return rows
