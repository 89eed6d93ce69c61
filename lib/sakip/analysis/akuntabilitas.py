"""The figures of BAB III Akuntabilitas Kinerja that are more than one indicator's result.

Every count, verdict, comparison and projection that a sentence or table of the chapter states is
decided here, so that the components (:mod:`sakip.components.akuntabilitas`,
:mod:`sakip.components.analisis_sasaran`) only format:

* 3.1: the "met target" counts (:func:`sakip.analysis.indicators.target_counts`, decided on the
  capaian as shown) and the indicator with the highest capaian;
* 3.2, for each sasaran: the formula worked through and whether the reported realisasi differs
  from it, the indicator's history with each year's change, the Renstra end target with a linear
  projection, the national standard and whether it matches the national data, the efficiency of
  budget and staff with its verdict;
* 3.3: the programmes' serapan, the breakdown per urusan when there is one, and how many sub
  kegiatan absorbed at least 90%, 80% to 90% and less than 80% of their pagu.

Values are compared as shown (rounded half-up to two decimals), the rule of the tables.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sakip.analysis.indicators import (
    IndicatorResult,
    Options,
    SasaranResult,
    TargetCounts,
    computed_realisasi,
    history,
    history_years,
    numeric,
    target_counts,
)
from sakip.compute import defaults
from sakip.compute.budget import BudgetSummary, RollupRow, rollup, serapan_by
from sakip.compute.capaian import Capaian
from sakip.compute.formatting import round_half_up
from sakip.compute.formula import FormulaError, worked_steps
from sakip.compute.kriteria import is_implausible
from sakip.compute.trend import Projection, YearChange, compare_years, project, renstra_capaian
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import NumberValue, PerfValue, parse_perf_value

# --- 3.1 Capaian kinerja organisasi -------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationSummary:
    """The year's strategic indicators: how many are above, at and below target (as shown), and
    the one with the highest capaian (None when none can be measured)."""

    counts: TargetCounts
    best: Optional[IndicatorResult]


def strategic_indicators(sasaran: Sequence[SasaranResult]) -> list[IndicatorResult]:
    """Every indicator of the sasaran strategis, sasaran by sasaran, in input order."""
    return [r for s in sasaran for r in s.indicators]


def best_indicator(results: Sequence[IndicatorResult],
                   max_capaian: Optional[Decimal] = defaults.MAX_CAPAIAN) -> Optional[IndicatorResult]:
    """The indicator with the highest plausible capaian (the first one on a tie); None when none
    is measurable (an implausible capaian is never the "highest")."""
    measured = [(value, r) for r in results if (value := r.capaian.value) is not None
                and not is_implausible(value, max_capaian)]
    if not measured:
        return None
    return max(measured, key=lambda pair: pair[0])[1]


def organisation_summary(sasaran: Sequence[SasaranResult],
                         max_capaian: Optional[Decimal] = defaults.MAX_CAPAIAN) -> OrganisationSummary:
    results = strategic_indicators(sasaran)
    return OrganisationSummary(target_counts(results, max_capaian), best_indicator(results, max_capaian))


# --- 3.2.1 Target against realisasi -------------------------------------------------------------


@dataclass(frozen=True)
class WorkedFormula:
    """An indicator's formula worked through with its components.

    ``steps`` are the lines of the calculation (the formula in words, then the numbers and the
    result); ``error`` says why it could not be worked through (then ``steps`` is empty).
    ``reported_differs`` is True when the realisasi as reported, rounded to two decimals, is not
    the formula's result rounded alike (``computed_shown``): the capaian keeps the reported one.
    """

    steps: tuple[str, ...]
    error: Optional[str] = None
    computed_shown: Optional[Decimal] = None
    reported_differs: bool = False


def worked_formula(agency: Agency, result: IndicatorResult, year: int) -> Optional[WorkedFormula]:
    """The indicator's calculation for ``year``; None when the indicator has no formula."""
    indicator = result.indicator
    if not indicator.formula:
        return None
    entries = agency.components(indicator.indicator_id)
    components = {key: c.value for key, c in entries.items() if c.value is not None}
    labels = {name: c.label for (name, _year), c in entries.items() if c.label}
    try:
        steps = worked_steps(indicator.formula, components, year, labels=labels)
    except FormulaError as exc:
        return WorkedFormula((), error=str(exc))
    reported = numeric(result.realisasi)
    if result.computed_realisasi is None or reported is None:
        return WorkedFormula(tuple(steps))
    shown = round_half_up(result.computed_realisasi)
    return WorkedFormula(tuple(steps), computed_shown=shown,
                         reported_differs=shown != round_half_up(reported))


# --- 3.2.2 Against the previous years -------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One year of an indicator with the change of its realisasi from the latest earlier year
    that has one (None in the first year, without a realisasi, or when not comparable)."""

    result: IndicatorResult
    change: Optional[YearChange]


@dataclass(frozen=True)
class IndicatorHistory:
    """An indicator over every year up to the report year that has a target or a realisasi."""

    indicator: m.Indikator
    years: tuple[int, ...]
    rows: tuple[HistoryRow, ...]
    previous: Optional[IndicatorResult]  # the latest earlier year with a realisasi

    @property
    def realisasi_series(self) -> list[Optional[Decimal]]:
        """The numeric realisasi of each year (None for grades and missing years)."""
        return [numeric(row.result.realisasi) for row in self.rows]

    @property
    def target_series(self) -> list[Optional[Decimal]]:
        return [numeric(row.result.target) for row in self.rows]

    @property
    def charted(self) -> bool:
        """A trend chart needs at least two years with a numeric realisasi."""
        return sum(v is not None for v in self.realisasi_series) >= 2


def indicator_history(agency: Agency, result: IndicatorResult, year: int,
                      options: Options) -> IndicatorHistory:
    indicator = result.indicator
    years = history_years(agency, indicator, year)
    rows: list[HistoryRow] = []
    earlier: Optional[tuple[int, PerfValue]] = None  # the latest year with a realisasi so far
    for h in history(agency, indicator, years, options):
        change = None
        if earlier is not None and h.realisasi is not None:
            change = compare_years(earlier[1], h.realisasi, indicator.polarity,
                                   year_from=earlier[0], year_to=h.year)
        rows.append(HistoryRow(h, change))
        if h.realisasi is not None:
            earlier = (h.year, h.realisasi)
    previous = [row.result for row in rows if row.result.year < year and row.result.realisasi is not None]
    return IndicatorHistory(indicator, tuple(years), tuple(rows), previous[-1] if previous else None)


# --- 3.2.3 Against the Renstra end target ---------------------------------------------------------


@dataclass(frozen=True)
class RenstraComparison:
    """The year's realisasi against the Renstra end target, and where the linear trend of the
    realisasi leads by the end year (only for a numeric end target and a later end year)."""

    result: IndicatorResult
    target_akhir: Optional[PerfValue]
    capaian: Capaian
    projection: Optional[Projection]


def renstra_comparison(agency: Agency, result: IndicatorResult, year: int,
                       end_year: int) -> RenstraComparison:
    indicator = result.indicator
    target_akhir = parse_perf_value(indicator.target_akhir)
    capaian = renstra_capaian(result.realisasi, target_akhir, indicator.polarity,
                              method=indicator.capaian_method)
    projection = None
    if isinstance(target_akhir, NumberValue) and end_year > year:
        series = {y: agency.realisasi_value(indicator.indicator_id, y)
                  for y in history_years(agency, indicator, year)}
        projection = project(series, end_year, target_akhir=target_akhir, polarity=indicator.polarity)
    return RenstraComparison(result, target_akhir, capaian, projection)


# --- 3.2.4 Against the national standard ----------------------------------------------------------


@dataclass(frozen=True)
class NationalComparison:
    """The national standard of the year and the value the indicator's formula gives from the
    national data; ``computed_differs`` when the two differ as shown (a data issue to report)."""

    result: IndicatorResult
    standard: Optional[PerfValue]
    source: Optional[str]
    computed: Optional[Decimal]
    computed_differs: bool


def national_comparison(agency: Agency, result: IndicatorResult, year: int) -> NationalComparison:
    indicator = result.indicator
    row = agency.national_standard(indicator.indicator_id, year)
    standard = row.parsed if row else None
    computed, _error = computed_realisasi(agency, indicator, year, scope="nasional")
    differs = (computed is not None and isinstance(standard, NumberValue)
               and round_half_up(computed) != round_half_up(standard.value))
    return NationalComparison(result, standard, row.source if row and row.source else None,
                              computed, differs)


# --- 3.2.6 Efficiency of budget and staff ------------------------------------------------------

#: How the capaian compares with the share of the budget spent (ratio capaian / serapan against 1).
LEBIH_TINGGI = "lebih tinggi"
SAMA = "sama"
LEBIH_RENDAH = "lebih rendah"


def ratio_standing(ratio: Optional[Decimal]) -> Optional[str]:
    """:data:`LEBIH_TINGGI`, :data:`SAMA` or :data:`LEBIH_RENDAH` as the ratio, rounded half-up to
    two decimals as shown, is above, at or below 1; None without a ratio."""
    if ratio is None:
        return None
    shown = round_half_up(ratio)
    return LEBIH_TINGGI if shown > 1 else SAMA if shown == 1 else LEBIH_RENDAH


@dataclass(frozen=True)
class SasaranEfficiency:
    """Budget and staff of a sasaran against its capaian.

    ``ratio`` is capaian / % serapan (docs/FORMULAS.md) and ``standing`` its verdict (see
    :func:`ratio_standing`); ``staff`` the (category, count) of the people working on it.
    """

    budget: BudgetSummary
    capaian: Capaian
    ratio: Optional[Decimal]
    standing: Optional[str]
    staff: tuple[tuple[str, Optional[int]], ...]

    @property
    def staff_total(self) -> int:
        return sum(count or 0 for _category, count in self.staff)


def sasaran_efficiency(agency: Agency, result: SasaranResult, year: int) -> SasaranEfficiency:
    ratio = result.performance_per_budget
    staff = tuple((r.category, r.count) for r in agency.rows("sasaran_staff")
                  if r.sasaran_id == result.sasaran.sasaran_id and r.year == year)
    return SasaranEfficiency(result.budget, result.capaian, ratio, ratio_standing(ratio), staff)


# --- 3.3 Realisasi anggaran ---------------------------------------------------------------------

#: Serapan bands of the sub kegiatan (%): at least SERAPAN_HIGH, from SERAPAN_LOW, below it.
SERAPAN_HIGH = Decimal(90)
SERAPAN_LOW = Decimal(80)


def programme_serapan(lines: Sequence[m.BudgetLine]) -> list[RollupRow]:
    """The programme lines with their amounts summed from their sub kegiatan."""
    return [row for row in rollup(lines) if row.level == "program"]


def urusan_serapan(lines: Sequence[m.BudgetLine]) -> Optional[Mapping[Hashable, BudgetSummary]]:
    """Pagu, realisasi and serapan per urusan; None when the lines name no urusan at all (a
    single group of lines without one says nothing)."""
    by_urusan = serapan_by(lines, "urusan")
    if len(by_urusan) > 1 or (by_urusan and None not in by_urusan):
        return by_urusan
    return None


def sumber_dana_serapan(lines: Sequence[m.BudgetLine]) -> Optional[Mapping[Hashable, BudgetSummary]]:
    """Pagu, realisasi and serapan per sumber dana (APBD, DAK, DBHCHT ...), Σ realisasi / Σ pagu of
    the sub kegiatan (a line without one takes its parent's); None when no line names one. The
    key None collects the lines that name none ("tidak disebut")."""
    by_source = serapan_by(lines, "sumber_dana")
    return by_source if any(key is not None for key in by_source) else None


@dataclass(frozen=True)
class SerapanBands:
    """How many sub kegiatan (leaf lines with a serapan) absorbed at least ``high`` % of their
    pagu, from ``low`` % to below ``high`` %, and less than ``low`` % (as shown). ``level`` is the
    level the counted lines share (``sub_kegiatan``; ``program`` for a budget without kegiatan
    detail), None when they are of different levels."""

    total: int
    high: int
    middle: int
    low: int
    high_threshold: Decimal = SERAPAN_HIGH
    low_threshold: Decimal = SERAPAN_LOW
    level: Optional[str] = "sub_kegiatan"


def serapan_bands(lines: Sequence[m.BudgetLine], *, high: Decimal = SERAPAN_HIGH,
                  low: Decimal = SERAPAN_LOW) -> Optional[SerapanBands]:
    """The sub kegiatan by serapan band; None when no sub kegiatan has a serapan."""
    leaves = [(row, row.serapan) for row in rollup(lines) if row.is_leaf]
    shown = [round_half_up(serapan) for _, serapan in leaves if serapan is not None]
    if not shown:
        return None
    n_high = sum(1 for s in shown if s >= high)
    n_middle = sum(1 for s in shown if low <= s < high)
    levels = {row.level for row, serapan in leaves if serapan is not None}
    return SerapanBands(len(shown), n_high, n_middle, len(shown) - n_high - n_middle, high, low,
                        levels.pop() if len(levels) == 1 else None)
