"""Quarterly performance measurement (Laporan Pengukuran Kinerja) and the PK cascade.

Built on :mod:`sakip.triwulan` (cumulative series, year-end projection, schedule warnings),
:mod:`sakip.capaian` and :mod:`sakip.kriteria`. Nothing here formats for display except the
Indonesian messages of :class:`Flag`, which are worded from the numbers they report. Every rule is
documented in ``docs/PENGUKURAN.md``; in short:

* a run "up to triwulan N" only ever reads TW1..TWN realisasi (``upto``);
* **physical progress** (kinerja) of an indicator at quarter q = its capaian at q measured against
  the *annual* target (TW IV target, else the TAHUN target), so that 100 means the year's target
  is reached; a sasaran's or programme's physical progress is the mean over its measurable
  indicators, unless ``budget_quarterly.fisik_realisasi`` is given;
* **financial progress** (keuangan) at q = cumulative keuangan realisasi at q / annual plan ×
  100, where the **annual plan** is Σ pagu of the budget lines of the ref when known, else the
  cumulative keuangan target of TW IV, else that of the latest quarter with a target;
* **projection** to TW IV: ``triwulan.project_year_end`` for cumulative money and for
  ``kumulatif`` indicators; the latest value for ``nilai_akhir`` indicators (a stock or a rate
  carries over); the mean so far for ``rata_rata`` indicators;
* the **cascade** follows ``units.parent_unit_id``; a unit's capaian is the mean of its measurable
  indicators ("tidak dapat diukur" when none has a realisasi).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Optional

from . import model as m
from .agency import Agency
from .budget import rollup, serapan_by
from .capaian import Capaian, compute_capaian, sasaran_capaian
from .formatting import fmt_number, fmt_pct, fmt_rupiah
from .kriteria import KriteriaScale
from .parsing import NumberValue, PerfValue
from .triwulan import (
    DEFAULT_GAP,
    QUARTERS,
    aggregate,
    behind_schedule,
    cumulative,
    pct_of,
    project_year_end,
    quarter_number,
)

#: Target sources for quarterly values, in order of precedence (the PK first, then the
#: rencana aksi that breaks it down per quarter).
QUARTER_SOURCES = ("pk_perubahan", "pk", "rencana_aksi", "rkt", "renstra", "iku")
#: Target sources of a year's target in the Renstra/IKU table.
YEAR_SOURCES = ("iku", "renstra", "pk_perubahan", "pk", "rkt")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
HUNDRED = Decimal(100)

FlagKind = Literal["keuangan_tertinggal", "tanpa_kemajuan", "kumulatif_menurun", "target_menurun",
                   "melampaui_target", "melampaui_rencana", "rencana_tidak_lengkap"]


def roman(quarter: int) -> str:
    """1..4 -> ``I``..``IV`` (as printed: "Triwulan II")."""
    if quarter not in QUARTERS:
        raise ValueError(f"quarter must be 1..4, got {quarter}")
    return ROMAN[quarter]


def check_upto(upto: Optional[int]) -> int:
    """The last quarter of a run: ``None`` means the whole year (4)."""
    if upto is None:
        return 4
    if upto not in QUARTERS:
        raise ValueError(f"triwulan must be 1..4, got {upto}")
    return upto


def period_label(upto: Optional[int]) -> str:
    """"Data s.d. Triwulan II" for a partial year, "Data Triwulan I s.d. IV" for the whole year."""
    n = check_upto(upto)
    return "Data Triwulan I s.d. IV" if n == 4 else f"Data s.d. Triwulan {roman(n)}"


@dataclass(frozen=True)
class Flag:
    """A warning on quarterly progress, worded from the numbers (Indonesian, for the report)."""

    ref: str
    label: str  # what the ref is (indicator or sasaran/programme name)
    quarter: Optional[int]
    kind: FlagKind
    series: Literal["fisik", "keuangan", "target_keuangan"]
    message: str


# --- values per quarter -----------------------------------------------------------------------


def numeric(value: Optional[PerfValue]) -> Optional[Decimal]:
    """The number of a numeric performance value; ``None`` for grades, ranges or missing."""
    return value.value if isinstance(value, NumberValue) else None


def quarter_target(agency: Agency, indicator_id: str, year: int, quarter: int,
                   sources: Sequence[str] = QUARTER_SOURCES) -> Optional[PerfValue]:
    """The target of one quarter, the PK first, then the rencana aksi."""
    row = agency.target(indicator_id, year, f"TW{quarter}", sources=sources)
    return None if row is None else row.parsed


def annual_target(agency: Agency, indicator_id: str, year: int,
                  sources: Sequence[str] = QUARTER_SOURCES) -> Optional[PerfValue]:
    """The year's target: the TW IV target (end of the year) or else the TAHUN target."""
    value = quarter_target(agency, indicator_id, year, 4, sources)
    if value is None:
        row = agency.target(indicator_id, year, "TAHUN", sources=tuple(sources) + ("iku",))
        value = None if row is None else row.parsed
    return value


@dataclass(frozen=True)
class QuarterResult:
    """One indicator in one quarter: target, realisasi, capaian against that quarter's target,
    and physical progress (capaian against the annual target)."""

    quarter: int
    target: Optional[PerfValue]
    realisasi: Optional[PerfValue]
    capaian: Capaian
    kriteria: str
    progress: Capaian


@dataclass(frozen=True)
class Projection:
    """Year-end projection from the quarters so far (``basis`` says how, in Indonesian)."""

    value: Optional[Decimal]
    capaian: Capaian
    kriteria: str
    basis: str


@dataclass(frozen=True)
class IndicatorQuarters:
    """An indicator's quarters I..``upto``, its annual target and the year-end projection."""

    indicator: m.Indikator
    year: int
    upto: int
    quarters: tuple[QuarterResult, ...]
    annual_target: Optional[PerfValue]
    projection: Optional[Projection]

    def quarter(self, q: int) -> Optional[QuarterResult]:
        return next((r for r in self.quarters if r.quarter == q), None)

    @property
    def latest(self) -> Optional[QuarterResult]:
        """The last quarter of the run (TW ``upto``)."""
        return self.quarter(self.upto)


def _capaian(indicator: m.Indikator, target: Optional[PerfValue],
             realisasi: Optional[PerfValue]) -> Capaian:
    return compute_capaian(target, realisasi, indicator.polarity, method=indicator.capaian_method,
                           cap=indicator.capaian_cap)


def project_indicator(indicator: m.Indikator, realisasi: Mapping[int, Optional[Decimal]],
                      upto: int) -> tuple[Optional[Decimal], str]:
    """Year-end value of an indicator from its quarterly realisasi up to ``upto``.

    ``kumulatif``: quarterly flows summed and projected linearly (``project_year_end``);
    ``rata_rata``: the mean so far; ``nilai_akhir`` (default): the latest value carries over.
    Returns (value, basis) with the basis in Indonesian.
    """
    upto = check_upto(upto)
    present = {q: v for q, v in realisasi.items() if q <= upto}
    how = indicator.triwulan_aggregation or "nilai_akhir"
    if how == "kumulatif":
        return (project_year_end(cumulative(present), upto),
                f"jumlah s.d. TW {roman(upto)} dibagi {upto} dikali 4")
    if how == "rata_rata":
        return aggregate(present, "rata_rata"), f"rata-rata TW I s.d. {roman(upto)}"
    value = present.get(upto)
    return value, f"nilai TW {roman(upto)} dianggap bertahan sampai akhir tahun"


def indicator_quarters(agency: Agency, indicator: m.Indikator, year: int, upto: Optional[int],
                       scale: KriteriaScale) -> IndicatorQuarters:
    """Target, realisasi and capaian of each quarter I..``upto`` and the year-end projection
    (only for a partial year; ``None`` when ``upto`` is 4)."""
    n = check_upto(upto)
    annual = annual_target(agency, indicator.indicator_id, year)
    rows = []
    for q in range(1, n + 1):
        target = quarter_target(agency, indicator.indicator_id, year, q)
        realisasi = agency.realisasi_value(indicator.indicator_id, year, f"TW{q}")
        capaian = _capaian(indicator, target, realisasi)
        rows.append(QuarterResult(q, target, realisasi, capaian, scale.classify(capaian.value),
                                  _capaian(indicator, annual, realisasi)))
    projection = None
    if n < 4:
        series = {r.quarter: numeric(r.realisasi) for r in rows}
        value, basis = project_indicator(indicator, series, n)
        cap = _capaian(indicator, annual, None if value is None else NumberValue(value))
        projection = Projection(value, cap, scale.classify(cap.value), basis)
    return IndicatorQuarters(indicator, year, n, tuple(rows), annual, projection)


def iku_quarters(agency: Agency, year: int, upto: Optional[int],
                 scale: KriteriaScale) -> list[IndicatorQuarters]:
    """Every IKU of the agency, quarter by quarter."""
    return [indicator_quarters(agency, i, year, upto, scale) for i in agency.iku]


def renstra_years(profile: m.Profile) -> list[int]:
    """The years of the Renstra period."""
    return list(range(profile.renstra_start, profile.renstra_end + 1))


def iku_year_targets(agency: Agency, indicator_id: str,
                     years: Iterable[int]) -> dict[int, Optional[PerfValue]]:
    """The IKU's target for each year of the Renstra (IKU document first, then Renstra, PK)."""
    out = {}
    for year in years:
        row = agency.target(indicator_id, year, "TAHUN", sources=YEAR_SOURCES)
        out[year] = None if row is None else row.parsed
    return out


# --- financial progress -------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualPlan:
    """The year's financial plan of a ref and where it comes from (see docs/PENGUKURAN.md)."""

    amount: Optional[Decimal]
    basis: Literal["pagu", "target_tw4", "target_terakhir", "tidak_ada"]
    quarter: Optional[int] = None  # the quarter whose cumulative target was used

    @property
    def description(self) -> str:
        if self.basis == "pagu":
            return "pagu anggaran"
        if self.basis == "target_tw4":
            return "target keuangan kumulatif TW IV"
        if self.basis == "target_terakhir" and self.quarter:
            return f"target keuangan kumulatif TW {roman(self.quarter)}, karena TW IV tidak diisi"
        return "tidak ada rencana keuangan"


def quarterly_rows(agency: Agency, ref: str, year: int) -> dict[int, m.BudgetQuarter]:
    """The ``budget_quarterly`` rows of a ref, by quarter."""
    return {quarter_number(r.period): r for r in agency.rows("budget_quarterly")
            if r.ref == ref and r.year == year and r.period != "TAHUN"}


def annual_plan(targets: Mapping[int, Optional[Decimal]], pagu: Optional[Decimal] = None) -> AnnualPlan:
    """The annual financial plan: the pagu when known, else the TW IV cumulative target, else the
    cumulative target of the latest quarter that has one."""
    if pagu is not None and pagu > 0:
        return AnnualPlan(pagu, "pagu")
    present = {q: v for q, v in targets.items() if v is not None}
    if 4 in present:
        return AnnualPlan(present[4], "target_tw4", 4)
    if present:
        q = max(present)
        return AnnualPlan(present[q], "target_terakhir", q)
    return AnnualPlan(None, "tidak_ada")


def ref_pagu(agency: Agency, ref: str, year: int) -> Optional[Decimal]:
    """Σ pagu of the budget lines of a ref: a budget code (the line and its sub-tree) or a
    sasaran (the lines tagged with it); ``None`` when no such line has a pagu."""
    lines = agency.budget_lines(year)
    if not lines:
        return None
    by_code = {r.code: r for r in rollup(lines)}
    if ref in by_code:
        return by_code[ref].pagu
    summary = serapan_by(lines, "sasaran_id").get(ref)
    return None if summary is None else summary.pagu


@dataclass(frozen=True)
class FinancialQuarter:
    quarter: int
    target: Optional[Decimal]  # cumulative keuangan target (Rp), as typed
    realisasi: Optional[Decimal]  # cumulative keuangan realisasi (Rp)
    pct: Optional[Decimal]  # realisasi / annual plan × 100


@dataclass(frozen=True)
class FinancialProgress:
    ref: str
    year: int
    upto: int
    plan: AnnualPlan
    quarters: tuple[FinancialQuarter, ...]
    projection: Optional[Decimal]  # projected TW IV realisasi (Rp), partial years only
    penanggung_jawab: Optional[str]

    @property
    def projection_pct(self) -> Optional[Decimal]:
        return pct_of(self.projection, self.plan.amount)

    def quarter(self, q: int) -> Optional[FinancialQuarter]:
        return next((r for r in self.quarters if r.quarter == q), None)

    @property
    def pct_series(self) -> dict[int, Optional[Decimal]]:
        return {r.quarter: r.pct for r in self.quarters}

    @property
    def has_data(self) -> bool:
        return any(r.target is not None or r.realisasi is not None for r in self.quarters)


def financial_progress(agency: Agency, ref: str, year: int, upto: Optional[int]) -> FinancialProgress:
    """Cumulative keuangan target and realisasi of a ref per quarter I..``upto``, as a share of
    the annual plan, and (partial year) the projected TW IV realisasi."""
    n = check_upto(upto)
    rows = quarterly_rows(agency, ref, year)
    all_targets = {q: rows[q].keuangan_target if q in rows else None for q in QUARTERS}
    plan = annual_plan(all_targets, ref_pagu(agency, ref, year))
    quarters = []
    for q in range(1, n + 1):
        row = rows.get(q)
        real = None if row is None else row.keuangan_realisasi
        quarters.append(FinancialQuarter(q, None if row is None else row.keuangan_target, real,
                                         pct_of(real, plan.amount)))
    projection = None
    if n < 4:
        projection = project_year_end({r.quarter: r.realisasi for r in quarters}, n)
    pj = next((rows[q].penanggung_jawab for q in sorted(rows) if rows[q].penanggung_jawab), None)
    return FinancialProgress(ref, year, n, plan, tuple(quarters), projection, pj)


# --- rencana aksi: sasaran and programmes ----------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """One row block of the rencana aksi evaluation: a sasaran or a programme, its indicators
    quarter by quarter, physical and financial progress, and the person responsible."""

    ref: str
    kind: Literal["sasaran", "program"]
    label: str
    indicators: tuple[IndicatorQuarters, ...]
    fisik: dict[int, Optional[Decimal]]  # physical progress (%) per quarter
    keuangan: FinancialProgress
    penanggung_jawab: str
    flags: tuple[Flag, ...] = ()


def physical_progress(indicators: Sequence[IndicatorQuarters],
                      explicit: Optional[Mapping[int, Optional[Decimal]]] = None) -> dict[int, Optional[Decimal]]:
    """Physical progress (%) per quarter: the explicit ``fisik_realisasi`` when typed, else the
    mean over the measurable indicators of their capaian against the annual target."""
    quarters = sorted({r.quarter for i in indicators for r in i.quarters}
                      | set(explicit or {}))
    out: dict[int, Optional[Decimal]] = {}
    for q in quarters:
        if explicit and explicit.get(q) is not None:
            out[q] = explicit[q]
            continue
        items = [r.progress for i in indicators for r in i.quarters if r.quarter == q]
        mean = sasaran_capaian(items, "mean")
        out[q] = mean.value
    return out


def _responsible(agency: Agency, keuangan: FinancialProgress, unit_id: Optional[str]) -> str:
    if keuangan.penanggung_jawab:
        return keuangan.penanggung_jawab
    units = {u.unit_id: u for u in agency.units()}
    if unit_id and unit_id in units:
        return units[unit_id].position
    head = next((u for u in agency.units() if u.kind == "kepala"), None)
    return head.position if head else (agency.profile.head_position or "Kepala Perangkat Daerah")


def action_rows(agency: Agency, year: int, upto: Optional[int], scale: KriteriaScale,
                max_capaian: Decimal = Decimal(300), gap: Decimal = DEFAULT_GAP) -> list[tuple[m.Sasaran, list[ActionRow]]]:
    """Per strategic sasaran: the sasaran's own row, then one row per programme whose budget line
    serves it (``budget.sasaran_id``), each with its flags."""
    out = []
    programmes = [b for b in agency.budget_lines(year) if b.level == "program"]
    for sasaran in agency.strategic_sasaran:
        rows = []
        blocks: list[tuple[str, str, str, list[m.Indikator], Optional[str]]] = [
            (sasaran.sasaran_id, "sasaran", sasaran.statement,
             agency.indicators_of(sasaran.sasaran_id), sasaran.unit_id)]
        for line in programmes:
            if line.sasaran_id == sasaran.sasaran_id:
                blocks.append((line.code, "program", line.name, agency.budget_indicators(line.code),
                               line.unit_id))
        for ref, kind, label, indicators, unit_id in blocks:
            iq = tuple(indicator_quarters(agency, i, year, upto, scale) for i in indicators)
            explicit_rows = quarterly_rows(agency, ref, year)
            explicit = {q: r.fisik_realisasi for q, r in explicit_rows.items()
                        if q <= check_upto(upto)}
            fisik = physical_progress(iq, explicit)
            keuangan = financial_progress(agency, ref, year, upto)
            flags = progress_flags(ref, label, iq, fisik, keuangan, max_capaian=max_capaian, gap=gap)
            rows.append(ActionRow(ref, kind, label, iq, fisik, keuangan,  # type: ignore[arg-type]
                                  _responsible(agency, keuangan, unit_id), tuple(flags)))
        out.append((sasaran, rows))
    return out


# --- flags ------------------------------------------------------------------------------------------


def decreasing_steps(series: Mapping[int, Optional[Decimal]]) -> list[tuple[int, int]]:
    """Pairs (earlier quarter, later quarter) of consecutive present values where the later one
    is smaller: a cumulative series must never decrease."""
    present = sorted((q, v) for q, v in series.items() if v is not None)
    return [(a, b) for (a, va), (b, vb) in itertools.pairwise(present) if vb < va]


def progress_flags(ref: str, label: str, indicators: Sequence[IndicatorQuarters],
                   fisik: Mapping[int, Optional[Decimal]], keuangan: FinancialProgress, *,
                   max_capaian: Decimal = Decimal(300), gap: Decimal = DEFAULT_GAP) -> list[Flag]:
    """Every warning on one row block, in quarter order:

    * ``keuangan_tertinggal``, ``tanpa_kemajuan``, ``kumulatif_menurun``: from
      :func:`sakip.triwulan.behind_schedule` on physical and financial progress (%), physical
      values above ``max_capaian`` left out (they are flagged as ``melampaui_target``);
    * ``target_menurun``: the cumulative keuangan *targets* decrease (a printed error: a
      cumulative plan cannot shrink); the message gives their sum, the plan they would make if
      they were per-quarter amounts;
    * ``melampaui_target``: an indicator whose capaian, against the quarter's or else the annual
      target, exceeds ``max_capaian`` (default 300%);
    * ``melampaui_rencana``: cumulative keuangan realisasi above the annual plan;
    * ``rencana_tidak_lengkap``: no TW IV keuangan target, so an earlier quarter's was used.
    """
    flags: list[Flag] = []
    plausible = {q: v for q, v in fisik.items() if v is not None and v <= max_capaian}
    for sf in behind_schedule(plausible, keuangan.pct_series, gap=gap):
        flags.append(Flag(ref, label, sf.quarter, sf.kind, sf.series, sf.message))
    targets = {r.quarter: r.target for r in keuangan.quarters}
    for a, b in decreasing_steps(targets):
        total = sum((v for v in targets.values() if v is not None), Decimal(0))
        flags.append(Flag(ref, label, b, "target_menurun", "target_keuangan",
                          f"TW{b}: target keuangan kumulatif turun dari {fmt_rupiah(targets[a])} "
                          f"(TW{a}) menjadi {fmt_rupiah(targets[b])}; target kumulatif tidak "
                          f"mungkin berkurang. Bila dibaca sebagai target per triwulan, jumlah "
                          f"TW I s.d. {roman(max(targets))} adalah {fmt_rupiah(total)}."))
    for iq in indicators:
        for r in iq.quarters:
            if r.capaian.value is not None and r.capaian.value > max_capaian:
                flags.append(Flag(ref, label, r.quarter, "melampaui_target", "fisik",
                                  f"TW{r.quarter}: capaian {iq.indicator.name} "
                                  f"{fmt_pct(r.capaian.value)} melebihi {fmt_number(max_capaian, 0)}%; "
                                  "periksa target dan realisasinya."))
            elif r.progress.value is not None and r.progress.value > max_capaian:
                flags.append(Flag(ref, label, r.quarter, "melampaui_target", "fisik",
                                  f"TW{r.quarter}: realisasi {iq.indicator.name} "
                                  f"{fmt_pct(r.progress.value)} dari target tahunan, melebihi "
                                  f"{fmt_number(max_capaian, 0)}%; periksa target dan realisasinya."))
    plan = keuangan.plan
    for r in keuangan.quarters:
        if r.pct is not None and r.pct > HUNDRED:
            flags.append(Flag(ref, label, r.quarter, "melampaui_rencana", "keuangan",
                              f"TW{r.quarter}: realisasi keuangan kumulatif {fmt_rupiah(r.realisasi)} "
                              f"= {fmt_pct(r.pct)} dari rencana setahun {fmt_rupiah(plan.amount)} "
                              f"({plan.description})."))
            break  # once above the plan, later quarters stay above it
    if plan.basis == "target_terakhir":
        flags.append(Flag(ref, label, None, "rencana_tidak_lengkap", "target_keuangan",
                          f"Target keuangan TW IV tidak diisi; rencana setahun diambil dari "
                          f"{plan.description}: {fmt_rupiah(plan.amount)}."))
    return sorted(flags, key=lambda f: (f.quarter or 5, f.kind))


def all_flags(blocks: Sequence[tuple[m.Sasaran, Sequence[ActionRow]]]) -> list[Flag]:
    """The flags of every row block, sasaran by sasaran."""
    return [f for _, rows in blocks for r in rows for f in r.flags]


def count_flags(flags: Iterable[Flag]) -> dict[str, int]:
    """Number of flags per kind (kinds without flags are left out)."""
    counts: dict[str, int] = {}
    for f in flags:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return counts


# --- the PK cascade ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitIndicator:
    """An indicator in a unit's PK with its target, realisasi and capaian for the period."""

    indicator: m.Indikator
    sasaran: Optional[m.Sasaran]
    target: Optional[PerfValue]
    realisasi: Optional[PerfValue]
    capaian: Capaian
    supports_iku: tuple[str, ...]


@dataclass(frozen=True)
class CascadeNode:
    unit: m.Unit
    depth: int
    indicators: tuple[UnitIndicator, ...]
    budget: tuple[m.PkBudget, ...]  # PK budget rows (printed TOTAL rows excluded)
    budget_total: Optional[Decimal]  # Σ of the rows at the top level of the unit's PK
    capaian: Capaian  # mean of the unit's measurable indicators
    rollup: Capaian  # mean over the unit and every unit below it
    children: tuple[str, ...] = field(default_factory=tuple)

    @property
    def n_measurable(self) -> int:
        return sum(1 for i in self.indicators if i.capaian.measurable)


def unit_tree(units: Sequence[m.Unit]) -> list[tuple[m.Unit, int]]:
    """Units depth-first from the head(s), in their ``order``, with their depth (head = 0).
    A unit whose parent is unknown is treated as a root; a cycle raises ``ValueError``."""
    ids = {u.unit_id for u in units}
    children: dict[Optional[str], list[m.Unit]] = {}
    for u in sorted(units, key=lambda u: (u.order is None, u.order or 0)):
        parent = u.parent_unit_id if u.parent_unit_id in ids else None
        children.setdefault(parent, []).append(u)
    out: list[tuple[m.Unit, int]] = []
    seen: set[str] = set()
    stack = [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        if unit.unit_id in seen:
            continue
        seen.add(unit.unit_id)
        out.append((unit, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(unit.unit_id, [])))
    if len(out) != len(units):
        missing = sorted(ids - seen)
        raise ValueError(f"units {missing} form a cycle of parent_unit_id")
    return out


def _budget_sasaran(agency: Agency, code: str, year: int) -> Optional[str]:
    by_code = {b.code: b for b in agency.budget_lines(year)}
    current: Optional[str] = code
    while current is not None and current in by_code:
        line = by_code[current]
        if line.sasaran_id:
            return line.sasaran_id
        current = line.parent_code
    return None


def supported_iku(agency: Agency, indicator_id: str, year: int) -> tuple[str, ...]:
    """The IKU an indicator serves, following ``Indikator.supports`` transitively; an indicator of
    a budget line serves the IKU of the line's sasaran (inherited from its parents); an IKU
    serves itself. Empty when the chain reaches no IKU."""
    iku_ids = {i.indicator_id for i in agency.iku}
    indicators = {i.indicator_id: i for i in agency.rows("indikator")}
    strategic = {s.sasaran_id for s in agency.strategic_sasaran}
    found: list[str] = []
    seen: set[str] = set()
    stack = [indicator_id]
    while stack:
        current = stack.pop()
        if current in seen or current not in indicators:
            continue
        seen.add(current)
        if current in iku_ids:
            found.append(current)
            continue
        ind = indicators[current]
        if ind.supports:
            stack.append(ind.supports)
            continue
        sasaran_id = ind.sasaran_id if ind.sasaran_id in strategic else None
        if sasaran_id is None and ind.budget_code:
            sasaran_id = _budget_sasaran(agency, ind.budget_code, year)
        if sasaran_id in strategic:
            stack.extend(i.indicator_id for i in agency.indicators_of(sasaran_id)
                         if i.indicator_id in iku_ids)
    order = [i.indicator_id for i in agency.iku]
    return tuple(sorted(set(found), key=order.index))


def unit_indicators(agency: Agency, unit: m.Unit, year: int) -> list[tuple[m.Indikator, Optional[m.Sasaran]]]:
    """The indicators in a unit's PK: those of the sasaran owned by the unit (the head, without
    sasaran of its own, signs the strategic sasaran and their IKU). When the unit's PK is written
    in programme indicators (its sasaran hold indicators with a budget code), the programme
    indicators of the unit's budget lines that have no sasaran are added too."""
    own = [s for s in agency.rows("sasaran") if s.unit_id == unit.unit_id]
    if unit.kind == "kepala" and not own:
        own = agency.strategic_sasaran
    out: list[tuple[m.Indikator, Optional[m.Sasaran]]] = [
        (i, s) for s in own for i in agency.indicators_of(s.sasaran_id)]
    if not any(i.budget_code for i, _ in out):
        return out
    lines = {b.code: b for b in agency.budget_lines(year)}
    taken = {i.indicator_id for i, _ in out}
    for ind in agency.rows("indikator"):
        if ind.indicator_id in taken or ind.sasaran_id or not ind.budget_code:
            continue
        line = lines.get(ind.budget_code)
        if line is not None and line.unit_id == unit.unit_id:
            out.append((ind, None))
    return out


def plausible_mean(items: Iterable[Capaian], max_capaian: Optional[Decimal] = None) -> Capaian:
    """Mean of the measurable capaian, leaving out those above ``max_capaian`` (implausible, a
    typing error more often than a performance); "tidak dapat diukur" when none is left."""
    kept = [c for c in items
            if not (max_capaian is not None and c.value is not None and c.value > max_capaian)]
    return sasaran_capaian(kept, "mean")


def period_value(agency: Agency, indicator: m.Indikator, year: int,
                 upto: Optional[int]) -> tuple[Optional[PerfValue], Optional[PerfValue]]:
    """(target, realisasi) of an indicator for a cascade run up to ``upto``.

    Whole year: the TAHUN target (PK perubahan first) else the TW IV target; the TAHUN realisasi,
    else the quarters aggregated (``triwulan_aggregation``, default ``nilai_akhir``). Partial
    year: the TW ``upto`` target and the quarters I..``upto`` aggregated.
    """
    n = check_upto(upto)
    iid = indicator.indicator_id
    if n == 4:
        row = agency.target(iid, year, "TAHUN", sources=("pk_perubahan", "pk", "rkt", "renstra", "iku"))
        target = row.parsed if row is not None else quarter_target(agency, iid, year, 4)
        realisasi = agency.realisasi_value(iid, year)
        if realisasi is not None:
            return target, realisasi
    else:
        target = quarter_target(agency, iid, year, n)
    quarters = {q: numeric(agency.realisasi_value(iid, year, f"TW{q}")) for q in range(1, n + 1)}
    value = aggregate(quarters, indicator.triwulan_aggregation or "nilai_akhir")
    return target, None if value is None else NumberValue(value)


def cascade(agency: Agency, year: int, upto: Optional[int] = None,
            max_capaian: Optional[Decimal] = Decimal(300)) -> list[CascadeNode]:
    """The PK cascade, depth-first from the head: each unit's indicators with target, realisasi
    and capaian, its PK budget, its own capaian (mean of its measurable indicators) and the
    capaian rolled up over its sub-tree; capaian above ``max_capaian`` stay in the tables but
    are left out of both means (:func:`plausible_mean`)."""
    tree = unit_tree(agency.units())
    children: dict[str, list[str]] = {}
    for unit, _ in tree:
        if unit.parent_unit_id:
            children.setdefault(unit.parent_unit_id, []).append(unit.unit_id)
    own: dict[str, list[UnitIndicator]] = {}
    for unit, _ in tree:
        items = []
        for ind, sasaran in unit_indicators(agency, unit, year):
            target, realisasi = period_value(agency, ind, year, upto)
            items.append(UnitIndicator(ind, sasaran, target, realisasi,
                                       _capaian(ind, target, realisasi),
                                       supported_iku(agency, ind.indicator_id, year)))
        own[unit.unit_id] = items

    def subtree(unit_id: str) -> list[UnitIndicator]:
        out = list(own[unit_id])
        for child in children.get(unit_id, []):
            out.extend(subtree(child))
        return out

    nodes = []
    for unit, depth in tree:
        budget = tuple(b for b in agency.rows("pk_budget")
                       if b.unit_id == unit.unit_id and b.year == year and not b.is_total)
        top = [b.amount for b in budget if b.amount is not None and b.no is not None]
        amounts = top or [b.amount for b in budget if b.amount is not None]
        nodes.append(CascadeNode(
            unit=unit, depth=depth, indicators=tuple(own[unit.unit_id]), budget=budget,
            budget_total=sum(amounts, Decimal(0)) if amounts else None,
            capaian=plausible_mean([i.capaian for i in own[unit.unit_id]], max_capaian),
            rollup=plausible_mean([i.capaian for i in subtree(unit.unit_id)], max_capaian),
            children=tuple(children.get(unit.unit_id, [])),
        ))
    return nodes


def iku_support(agency: Agency, nodes: Sequence[CascadeNode]) -> list[tuple[m.Indikator, list[tuple[m.Unit, UnitIndicator]]]]:
    """For each IKU, the unit indicators below the head that serve it (transitively)."""
    out = []
    for iku in agency.iku:
        supporters = [(n.unit, ui) for n in nodes for ui in n.indicators
                      if n.depth > 0 and iku.indicator_id in ui.supports_iku
                      and ui.indicator.indicator_id != iku.indicator_id]
        out.append((iku, supporters))
    return out


def tree_layout(nodes: Sequence[CascadeNode]) -> dict[str, tuple[float, int]]:
    """(x, depth) of each unit for an org chart: leaves at consecutive x, a parent centred
    above its children."""
    by_id = {n.unit.unit_id: n for n in nodes}
    pos: dict[str, tuple[float, int]] = {}
    next_x = [0.0]

    def place(unit_id: str) -> float:
        node = by_id[unit_id]
        kids = [c for c in node.children if c in by_id]
        if not kids:
            x = next_x[0]
            next_x[0] += 1
        else:
            xs = [place(c) for c in kids]
            x = (xs[0] + xs[-1]) / 2
        pos[unit_id] = (x, node.depth)
        return x

    for node in nodes:
        if node.depth == 0:
            place(node.unit.unit_id)
    return pos
