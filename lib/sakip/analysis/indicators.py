"""Figures of a report, computed from an agency's validated inputs.

This module composes the pure functions of :mod:`sakip.compute.capaian`, :mod:`sakip.compute.kriteria`,
:mod:`sakip.compute.formula`, :mod:`sakip.compute.budget` and :mod:`sakip.compute.trend` into the results that chapters
present: per indicator, per sasaran, per budget line, per year. Nothing here formats or rounds;
chapters format with :mod:`sakip.compute.formatting` at the very end.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping, Optional, Protocol, Sequence, cast

from sakip.compute import defaults
from sakip.compute.budget import BudgetSummary, performance_per_budget, total
from sakip.compute.capaian import Capaian, SasaranAggregation, compute_capaian, sasaran_capaian
from sakip.compute.formatting import round_half_up
from sakip.compute.formula import FormulaError, evaluate
from sakip.compute.kriteria import KriteriaScale, is_implausible, scale_from_config
from sakip.compute.period import annual_realisasi as period_annual_realisasi
from sakip.compute.trend import compare_years
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import NumberValue, PerfValue


@dataclass(frozen=True)
class Options:
    """Report options that change figures (from the params file).

    The kriteria scale carries the plausible maximum ``max_capaian``: a capaian above it is never
    classified, in any table or sentence of any report (:func:`sakip.compute.kriteria.is_implausible`).
    """

    scale: KriteriaScale
    sasaran_aggregation: SasaranAggregation = defaults.SASARAN_AGGREGATION
    max_capaian: Decimal = defaults.MAX_CAPAIAN
    menunjang_threshold: Decimal = defaults.MENUNJANG_THRESHOLD
    triwulan: Optional[int] = None
    report_date: Optional[_dt.date] = None  # params ``tanggal_laporan``: the date of the signature
    #: The titles of the chapters of this report as rendered (set by the renderer: the copy's
    #: chapters, a pemda's own included), for the Sistematika Penyajian; empty when a notebook
    #: runs on its own.
    chapter_titles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "scale", self.scale.with_max(self.max_capaian))

    @classmethod
    def from_json(cls, options_json: str) -> "Options":
        data = json.loads(options_json or "{}")
        return cls(
            scale=scale_from_config(data.get("kriteria_scale", defaults.KRITERIA_SCALE)),
            sasaran_aggregation=data.get("sasaran_aggregation", defaults.SASARAN_AGGREGATION),
            max_capaian=Decimal(str(data.get("max_capaian", defaults.MAX_CAPAIAN))),
            menunjang_threshold=Decimal(str(data.get("menunjang_threshold", defaults.MENUNJANG_THRESHOLD))),
            triwulan=data.get("triwulan"),
            report_date=_dt.date.fromisoformat(data["tanggal_laporan"]) if data.get("tanggal_laporan") else None,
            chapter_titles=tuple(str(t) for t in data.get("chapter_titles") or ()),
        )


def default_options() -> Options:
    return Options.from_json("{}")


# --- indicators ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator in one year (or triwulan): target, realisasi, capaian and kriteria."""

    indicator: m.Indikator
    year: int
    period: str
    target: Optional[PerfValue]
    target_source: Optional[str]
    realisasi: Optional[PerfValue]
    capaian: Capaian
    kriteria: str
    computed_realisasi: Optional[Decimal] = None  # from the formula's components, if any
    formula_error: Optional[str] = None
    realisasi_source: str = ""  # "tahunan" (entered), "triwulan" (aggregated) or "" (none)

    @property
    def measurable(self) -> bool:
        return self.capaian.measurable


def computed_realisasi(agency: Agency, indicator: m.Indikator, year: int,
                       scope: str = "daerah") -> tuple[Optional[Decimal], Optional[str]]:
    """The realisasi recomputed from the formula's components; (None, reason) when it can't be."""
    if not indicator.formula:
        return None, None
    components = {key: c.value for key, c in agency.components(indicator.indicator_id, scope).items()
                  if c.value is not None}
    if not components:
        return None, None
    try:
        return evaluate(indicator.formula, components, year), None
    except FormulaError as exc:
        return None, str(exc)


def annual_realisasi(agency: Agency, indicator: m.Indikator, year: int) -> tuple[Optional[PerfValue], str]:
    """The year's realisasi: as entered, else read from its triwulan values by the indicator's
    ``triwulan_aggregation`` (:func:`sakip.compute.period.annual_realisasi`, the one period
    path). Returns the value and where it came from ("tahunan", "triwulan" or "")."""
    return period_annual_realisasi(agency, indicator, year)


def indicator_result(agency: Agency, indicator: m.Indikator, year: int, options: Options,
                     period: str = "TAHUN") -> IndicatorResult:
    target_row = agency.target(indicator.indicator_id, year, period)
    target = None if target_row is None else target_row.parsed
    if period == "TAHUN":
        realisasi, realisasi_source = annual_realisasi(agency, indicator, year)
        previous, _ = annual_realisasi(agency, indicator, year - 1)
    else:
        realisasi = agency.realisasi_value(indicator.indicator_id, year, period)
        realisasi_source, previous = "triwulan", None
    capaian = compute_capaian(target, realisasi, indicator.polarity,
                              method=indicator.capaian_method, cap=indicator.capaian_cap,
                              previous=previous)
    computed, error = computed_realisasi(agency, indicator, year)
    return IndicatorResult(
        indicator=indicator, year=year, period=period, target=target,
        target_source=None if target_row is None else target_row.source, realisasi=realisasi,
        capaian=capaian, kriteria=options.scale.classify(capaian.value),
        computed_realisasi=computed, formula_error=error, realisasi_source=realisasi_source,
    )


def iku_results(agency: Agency, year: int, options: Options) -> list[IndicatorResult]:
    return [indicator_result(agency, i, year, options) for i in agency.iku]


# --- sasaran --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SasaranResult:
    sasaran: m.Sasaran
    tujuan: Optional[m.Tujuan]
    indicators: tuple[IndicatorResult, ...]
    capaian: Capaian
    kriteria: str
    budget: BudgetSummary

    @property
    def performance_per_budget(self) -> Optional[Decimal]:
        """Capaian per serapan (see docs/FORMULAS.md): above 1, more performance than money spent."""
        return performance_per_budget(self.capaian.value, self.budget.serapan)


def sasaran_lines(agency: Agency, sasaran_id: str, year: int) -> list[m.BudgetLine]:
    """Budget lines of a sasaran: those tagged with it and every descendant of them."""
    lines = agency.budget_lines(year)
    children: dict[str, list[m.BudgetLine]] = {}
    for line in lines:
        if line.parent_code:
            children.setdefault(line.parent_code, []).append(line)
    selected: list[m.BudgetLine] = []
    stack = [line for line in lines if line.sasaran_id == sasaran_id]
    seen: set[str] = set()
    while stack:
        line = stack.pop()
        if line.code in seen:
            continue
        seen.add(line.code)
        selected.append(line)
        stack.extend(children.get(line.code, []))
    order = {line.code: i for i, line in enumerate(lines)}
    return sorted(selected, key=lambda line: order[line.code])


def sasaran_results(agency: Agency, year: int, options: Options) -> list[SasaranResult]:
    results = []
    for sasaran in agency.strategic_sasaran:
        indicators = tuple(indicator_result(agency, i, year, options)
                           for i in agency.indicators_of(sasaran.sasaran_id))
        capaian = sasaran_capaian(plausible([r.capaian for r in indicators], options.max_capaian),
                                  options.sasaran_aggregation)
        results.append(SasaranResult(
            sasaran=sasaran, tujuan=agency.tujuan(sasaran.tujuan_id) if sasaran.tujuan_id else None,
            indicators=indicators, capaian=capaian, kriteria=options.scale.classify(capaian.value),
            budget=total(sasaran_lines(agency, sasaran.sasaran_id, year)),
        ))
    return results


# --- years ------------------------------------------------------------------------------------


def history(agency: Agency, indicator: m.Indikator, years: Sequence[int], options: Options) -> list[IndicatorResult]:
    """The indicator's result in each of ``years`` (missing years give unmeasurable results)."""
    return [indicator_result(agency, indicator, y, options) for y in years]


def history_years(agency: Agency, indicator: m.Indikator, year: int) -> list[int]:
    """Years up to ``year`` with a target or a realisasi for the indicator."""
    years = {t.year for t in agency.rows("targets") if t.indicator_id == indicator.indicator_id}
    years |= {r.year for r in agency.rows("realisasi") if r.indicator_id == indicator.indicator_id}
    return sorted(y for y in years if y <= year)


def numeric(value: Optional[PerfValue]) -> Optional[Decimal]:
    return value.value if isinstance(value, NumberValue) else None


# --- BAB I tables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffPivot:
    """Staff counts by group (rank or education) and unit, split by gender, with sums computed
    from the detail cells (printed totals are the audit's business, not the report's)."""

    groups: tuple[str, ...]
    units: tuple[str, ...]
    cells: Mapping[tuple[str, str, str], int]  # (group, unit, gender) -> count

    def count(self, group: Optional[str] = None, unit: Optional[str] = None,
              gender: Optional[str] = None) -> int:
        return sum(v for (g, u, s), v in self.cells.items()
                   if (group is None or g == group) and (unit is None or u == unit)
                   and (gender is None or s == gender))


_TOTAL_LABELS = {"jumlah", "total", "jumlah total"}


def rows_of_year(rows: Sequence[Any], year: Optional[int]) -> list[Any]:
    """The rows of a table keyed by year (staff, facilities) that describe ``year``: those of that
    year; else, when none is, the rows without a year; else those of the latest earlier year. So
    an agency that records several years never has them summed together."""
    if year is None:
        return list(rows)
    exact = [r for r in rows if r.year == year]
    if exact:
        return exact
    undated = [r for r in rows if r.year is None]
    if undated:
        return undated
    earlier = sorted({r.year for r in rows if r.year is not None and r.year < year})
    return [r for r in rows if earlier and r.year == earlier[-1]]


def staff_pivot(agency: Agency, table: str, year: Optional[int] = None) -> Optional[StaffPivot]:
    """Staff per group, unit and gender of one table ("pangkat", "pendidikan") for ``year``
    (:func:`rows_of_year`)."""
    rows = [r for r in rows_of_year(agency.rows("staff"), year) if r.table == table and not r.is_total
            and r.row_label.strip().lower() not in _TOTAL_LABELS
            and r.unit_label.strip().lower() not in _TOTAL_LABELS and r.gender]
    if not rows:
        return None
    groups = tuple(dict.fromkeys(r.row_label for r in rows))
    units = tuple(dict.fromkeys(r.unit_label for r in rows))
    cells: dict[tuple[str, str, str], int] = {}
    for r in rows:
        key = (r.row_label, r.unit_label, r.gender)
        cells[key] = cells.get(key, 0) + (r.count or 0)
    return StaffPivot(groups, units, cells)


@dataclass(frozen=True)
class ApbdRow:
    line: m.ApbdLine
    change: Optional[Decimal]  # after - before, computed


def apbd_rows(agency: Agency, year: int) -> list[ApbdRow]:
    rows = []
    for line in agency.rows("apbd"):
        if line.year != year:
            continue
        change = None if line.after is None or line.before is None else line.after - line.before
        rows.append(ApbdRow(line, change))
    return rows


# --- supporting programmes ----------------------------------------------------------------------

MENUNJANG = "menunjang"
KURANG_MENUNJANG = "kurang menunjang"
TIDAK_DAPAT_DINILAI = "tidak dapat dinilai"


def support_verdict(capaian: Capaian, threshold: Decimal) -> str:
    """"menunjang" when the programme indicator's capaian (as shown, 2 decimals) reaches the
    threshold (default 76, the lower bound of "Baik"), "kurang menunjang" below it, and
    "tidak dapat dinilai" without a capaian. Computed, never typed (docs/FORMULAS.md)."""
    if capaian.value is None:
        return TIDAK_DAPAT_DINILAI
    return MENUNJANG if round_half_up(capaian.value) >= threshold else KURANG_MENUNJANG


@dataclass(frozen=True)
class ProgrammeSupport:
    line: m.BudgetLine
    result: IndicatorResult
    verdict: str


def programme_support(agency: Agency, sasaran_id: str, year: int, options: Options) -> list[ProgrammeSupport]:
    """Each programme/kegiatan/sub kegiatan indicator under a sasaran, with its verdict."""
    rows = []
    for line in sasaran_lines(agency, sasaran_id, year):
        for indicator in agency.budget_indicators(line.code):
            result = indicator_result(agency, indicator, year, options)
            rows.append(ProgrammeSupport(line, result, support_verdict(result.capaian, options.menunjang_threshold)))
    return rows


def count_verdicts(rows: Sequence[ProgrammeSupport]) -> dict[str, int]:
    counts = {MENUNJANG: 0, KURANG_MENUNJANG: 0, TIDAK_DAPAT_DINILAI: 0}
    for row in rows:
        counts[row.verdict] += 1
    return counts


# --- year over year, for summaries ------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    result: IndicatorResult
    previous_year: int
    previous: PerfValue
    improved: bool
    direction: str  # "naik", "turun", "tetap"


def movements(agency: Agency, results: Sequence[IndicatorResult]) -> list[Movement]:
    """Each indicator's realisasi against its latest earlier realisasi (as shown, 2 decimals)."""
    out = []
    for r in results:
        if r.realisasi is None:
            continue
        earlier = [y for y in history_years(agency, r.indicator, r.year - 1)
                   if agency.realisasi_value(r.indicator.indicator_id, y) is not None]
        if not earlier:
            continue
        year = earlier[-1]
        # ``earlier`` holds only years that have a realisasi value
        previous = cast(PerfValue, agency.realisasi_value(r.indicator.indicator_id, year))
        change = compare_years(previous, r.realisasi, r.indicator.polarity, year_from=year, year_to=r.year)
        if change is not None:
            out.append(Movement(r, year, previous, change.improved, change.direction))
    return out


def plausible(items: Sequence[Capaian], max_capaian: Optional[Decimal]) -> list[Capaian]:
    """The capaian that may enter an average: those not above the plausible maximum (an
    implausible capaian is shown, never classified nor averaged; see
    :func:`sakip.compute.kriteria.is_implausible`)."""
    return [c for c in items if not is_implausible(c.value, max_capaian)]


def mean_capaian(results: Sequence[IndicatorResult],
                 max_capaian: Optional[Decimal] = defaults.MAX_CAPAIAN) -> Capaian:
    """The mean capaian of ``results``, implausible ones left out."""
    return sasaran_capaian(plausible([r.capaian for r in results], max_capaian), "mean")


@dataclass(frozen=True)
class MeanCoverage:
    """How many indicators an average covers: ``averaged`` of ``total``, the others not measurable
    (``unmeasured``) or implausible (``implausible``), so that a sentence can say it honestly."""

    total: int
    averaged: int
    unmeasured: int
    implausible: int


def mean_coverage(items: Sequence[Capaian], max_capaian: Optional[Decimal]) -> MeanCoverage:
    implausible = sum(1 for c in items if is_implausible(c.value, max_capaian))
    unmeasured = sum(1 for c in items if c.value is None)
    return MeanCoverage(len(items), len(items) - implausible - unmeasured, unmeasured, implausible)


# --- meeting the target: one rule for every chapter -------------------------------------------------


def target_status(capaian: Capaian, max_capaian: Optional[Decimal] = defaults.MAX_CAPAIAN) -> Optional[str]:
    """"melampaui", "sesuai" or "belum" (above, at, below 100%), decided on the capaian *as shown*
    (rounded half-up to two decimals, the rule the kriteria follows), so that a table showing
    100,00% and a sentence counting it never disagree; None when it cannot be measured or is
    implausible (above ``max_capaian``: never classified, see
    :func:`sakip.compute.kriteria.is_implausible`)."""
    if capaian.value is None or is_implausible(capaian.value, max_capaian):
        return None
    shown = round_half_up(capaian.value)
    if shown > 100:
        return "melampaui"
    return "sesuai" if shown == 100 else "belum"


@dataclass(frozen=True)
class TargetCounts:
    """How many indicators are above, at and below target, and how many cannot be measured."""

    total: int
    above: int
    equal: int
    below: int
    unmeasured: int

    @property
    def met(self) -> int:
        return self.above + self.equal

    @property
    def measured(self) -> int:
        return self.total - self.unmeasured


class HasCapaian(Protocol):
    """Anything that carries a capaian: an indicator's result, one of its quarters."""

    @property
    def capaian(self) -> Capaian: ...


def target_counts(results: Sequence[HasCapaian],
                  max_capaian: Optional[Decimal] = defaults.MAX_CAPAIAN) -> TargetCounts:
    """Above, at and below target (as shown); implausible capaian count as not measurable."""
    statuses = [target_status(r.capaian, max_capaian) for r in results]
    return TargetCounts(len(statuses), statuses.count("melampaui"), statuses.count("sesuai"),
                        statuses.count("belum"), statuses.count(None))
