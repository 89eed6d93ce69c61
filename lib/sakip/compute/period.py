"""Every figure in its period: the one reading of quarterly (triwulan) inputs.

The reports (:mod:`sakip.analysis.pengukuran`, which re-exports these names), the audit
(:mod:`sakip.audit.printed` through :mod:`sakip.audit._amounts`) and the store
(:mod:`sakip.store.database`, tables ``indicator_quarters`` and ``budget_quarters``) read a
quarter's target, realisasi, capaian, serapan and progress here, so that a TW II figure means
the same thing everywhere. It lives in ``compute`` because the audit and the analysis are
independent siblings: this is the lowest layer both may import. Rules (``docs/FORMULAS.md``,
"Every figure in its period"):

* **What a typed quarterly value is.** Values of ``TW1``..``TW4`` are typed as the documents
  print them: "s.d. triwulan" (seed 000: "Kinerja dan Keuangan Per triwulan Akumulatif").
  An indicator's ``triwulan_aggregation`` says what that means:

  - ``kumulatif`` (flows: people trained): the value is the running total s.d. the quarter;
    within the quarter = this value − the previous quarter's; the year = the TW IV value;
  - ``nilai_akhir`` (default; stocks and rates): the value is the level at the quarter's end;
    to date and within the quarter are that level; the year = the last quarter's level;
  - ``rata_rata`` (indices averaged over the year): the value is the quarter's own; to date =
    the mean of the quarters so far; the year = the mean of the quarters.

  Targets of a quarter are read the same way. Keuangan and fisik of ``budget_quarterly`` are
  cumulative by definition (as ``kumulatif``).
* **Target of a period.** A quarter: PK perubahan, PK, rencana aksi, RKT, Renstra, IKU (the PK
  first, the rencana aksi that breaks it down per quarter next); the year (``TAHUN``): PK
  perubahan, PK, RKT, Renstra, IKU; the **annual target** of a quarterly run: the TW IV
  target, else the ``TAHUN`` one.
* **Budget of a period.** The annual plan of a ref is Σ pagu of its leaf budget lines, else the
  cumulative keuangan target of TW IV, else that of the latest quarter; the **serapan** of TW q
  is the keuangan realisasi s.d. TW q / annual plan × 100 (the financial progress of the
  pengukuran report), the **rencana** of TW q the keuangan target s.d. TW q / annual plan × 100.
  For the year: Σ realisasi / Σ pagu of the budget table (``sakip.compute.budget.serapan``),
  else the TW IV realisasi against the plan.

Nothing here formats or rounds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Optional

from sakip.compute.budget import rollup, serapan, serapan_by
from sakip.compute.capaian import Capaian, compute_capaian
from sakip.compute.triwulan import QUARTERS, Aggregation, pct_of, per_quarter
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import NumberValue, PerfValue

#: The periods a figure may have: the year and its four quarters.
PERIODS = ("TAHUN", "TW1", "TW2", "TW3", "TW4")
#: How a quarterly figure is read: ``sd`` = s.d. triwulan (to date), ``dalam`` = within it.
Basis = Literal["sd", "dalam"]
#: Target sources for a quarter, in order of precedence.
QUARTER_SOURCES = ("pk_perubahan", "pk", "rencana_aksi", "rkt", "renstra", "iku")
#: Target sources for the year (the default of :meth:`sakip.model.agency.Agency.target`).
ANNUAL_SOURCES = ("pk_perubahan", "pk", "rkt", "renstra", "iku")
HUNDRED = Decimal(100)


def quarter_of(period: str) -> Optional[int]:
    """``TW2`` -> 2; ``TAHUN`` -> None. Anything else is an error."""
    if period == "TAHUN":
        return None
    if period not in PERIODS:
        raise ValueError(f"'{period}' is not a period (TAHUN, TW1..TW4)")
    return int(period[2])


def aggregation(indicator: m.Indikator) -> Aggregation:
    """The indicator's ``triwulan_aggregation`` (default ``nilai_akhir``)."""
    return indicator.triwulan_aggregation or "nilai_akhir"


def numeric(value: Optional[PerfValue]) -> Optional[Decimal]:
    """The number of a numeric performance value; ``None`` for grades, ranges or missing."""
    return value.value if isinstance(value, NumberValue) else None


# --- typed quarterly values -----------------------------------------------------------------------


def _present(typed: Mapping[int, Optional[Decimal]], upto: int = 4) -> dict[int, Decimal]:
    return {q: v for q in QUARTERS if q <= upto and (v := typed.get(q)) is not None}


def to_date(typed: Mapping[int, Optional[Decimal]], quarter: int, how: Aggregation) -> Optional[Decimal]:
    """The figure s.d. TW ``quarter`` from the typed quarterly values (module doc); ``None``
    when the quarter has no value."""
    if typed.get(quarter) is None:
        return None
    if how == "rata_rata":
        present = _present(typed, quarter)
        return sum(present.values(), Decimal(0)) / Decimal(len(present))
    return typed[quarter]


def within(typed: Mapping[int, Optional[Decimal]], quarter: int, how: Aggregation) -> Optional[Decimal]:
    """The figure within TW ``quarter`` alone: for ``kumulatif`` the increase since the previous
    quarter (``None`` when that one is missing), else the quarter's own value."""
    value = typed.get(quarter)
    if value is None:
        return None
    if how != "kumulatif" or quarter == 1:
        return value
    previous = typed.get(quarter - 1)
    return None if previous is None else value - previous


def year_from_quarters(typed: Mapping[int, Optional[Decimal]], how: Aggregation) -> Optional[Decimal]:
    """The year's figure from its quarters: the last quarter's value (``kumulatif``: the running
    total; ``nilai_akhir``: the level), the mean for ``rata_rata``; ``None`` without any."""
    present = _present(typed)
    if not present:
        return None
    if how == "rata_rata":
        return sum(present.values(), Decimal(0)) / Decimal(len(present))
    return present[max(present)]


def flows(typed_cumulative: Mapping[int, Optional[Decimal]]) -> dict[int, Decimal]:
    """Each quarter's own increment of a cumulative series (the first quarter present keeps its
    value): :func:`sakip.compute.triwulan.per_quarter`."""
    return per_quarter(typed_cumulative)


def project_to_year_end(typed: Mapping[int, Optional[Decimal]], upto: int,
                        how: Aggregation) -> tuple[Optional[Decimal], str]:
    """Year-end value from the quarters I..``upto`` and how it was projected (Indonesian):
    ``kumulatif`` linearly from the running total, ``C(N) / N × 4``; ``rata_rata`` the mean so
    far; ``nilai_akhir`` the TW N level carried over. ``None`` when TW N has no value."""
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[upto]
    value = to_date(typed, upto, how)
    if how == "kumulatif":
        projected = None if value is None else value / Decimal(upto) * Decimal(4)
        return projected, f"nilai s.d. TW {roman} dibagi {upto} dikali 4"
    if how == "rata_rata":
        return value, f"rata-rata TW I s.d. {roman}"
    return value, f"nilai TW {roman} dianggap bertahan sampai akhir tahun"


# --- indicators -------------------------------------------------------------------------------------


def target_row(agency: Agency, indicator_id: str, year: int, period: str) -> Optional[m.Target]:
    """The target row in force for a period (quarter or year; module doc)."""
    sources = ANNUAL_SOURCES if period == "TAHUN" else QUARTER_SOURCES
    return agency.target(indicator_id, year, period, sources=sources)


def quarter_target(agency: Agency, indicator_id: str, year: int, quarter: int,
                   sources: Sequence[str] = QUARTER_SOURCES) -> Optional[PerfValue]:
    """The typed target of one quarter, the PK first, then the rencana aksi."""
    row = agency.target(indicator_id, year, f"TW{quarter}", sources=sources)
    return None if row is None else row.parsed


def annual_target(agency: Agency, indicator_id: str, year: int,
                  sources: Sequence[str] = QUARTER_SOURCES) -> Optional[PerfValue]:
    """The year's target for a quarterly run: the TW IV target (end of the year) or else the
    TAHUN target."""
    value = quarter_target(agency, indicator_id, year, 4, sources)
    if value is None:
        row = agency.target(indicator_id, year, "TAHUN", sources=tuple(sources) + ("iku",))
        value = None if row is None else row.parsed
    return value


def typed_quarters(agency: Agency, indicator_id: str, year: int,
                   what: Literal["target", "realisasi"]) -> dict[int, Optional[PerfValue]]:
    """The typed values of the four quarters (the target in force of each quarter)."""
    if what == "target":
        return {q: quarter_target(agency, indicator_id, year, q) for q in QUARTERS}
    return {q: agency.realisasi_value(indicator_id, year, f"TW{q}") for q in QUARTERS}


def _value_in(typed: Mapping[int, Optional[PerfValue]], quarter: int, how: Aggregation,
              basis: Basis) -> Optional[PerfValue]:
    value = typed.get(quarter)
    if value is None:
        return None
    plain = (basis == "sd" and how != "rata_rata") or (basis == "dalam" and how != "kumulatif")
    if plain:
        return value  # the typed value itself (a grade or a range stays one)
    numbers = {q: numeric(v) for q, v in typed.items()}
    result = to_date(numbers, quarter, how) if basis == "sd" else within(numbers, quarter, how)
    return None if result is None else NumberValue(result)


def annual_realisasi(agency: Agency, indicator: m.Indikator, year: int) -> tuple[Optional[PerfValue], str]:
    """The year's realisasi: as entered (``TAHUN``), else from its quarters
    (:func:`year_from_quarters`). Returns the value and where it came from ("tahunan",
    "triwulan" or "")."""
    entered = agency.realisasi_value(indicator.indicator_id, year)
    if entered is not None:
        return entered, "tahunan"
    typed = typed_quarters(agency, indicator.indicator_id, year, "realisasi")
    value = year_from_quarters({q: numeric(v) for q, v in typed.items()}, aggregation(indicator))
    return (None, "") if value is None else (NumberValue(value), "triwulan")


def realisasi_in(agency: Agency, indicator: m.Indikator, year: int, period: str,
                 basis: Basis = "sd") -> Optional[PerfValue]:
    """An indicator's realisasi in a period: the year's (:func:`annual_realisasi`), or a
    quarter's s.d. the quarter (``sd``) or within it (``dalam``)."""
    quarter = quarter_of(period)
    if quarter is None:
        return annual_realisasi(agency, indicator, year)[0]
    typed = typed_quarters(agency, indicator.indicator_id, year, "realisasi")
    return _value_in(typed, quarter, aggregation(indicator), basis)


def target_in(agency: Agency, indicator: m.Indikator, year: int, period: str,
              basis: Basis = "sd") -> Optional[PerfValue]:
    """An indicator's target in a period, read like its realisasi."""
    quarter = quarter_of(period)
    if quarter is None:
        row = target_row(agency, indicator.indicator_id, year, period)
        return None if row is None else row.parsed
    typed = typed_quarters(agency, indicator.indicator_id, year, "target")
    return _value_in(typed, quarter, aggregation(indicator), basis)


def indicator_capaian(indicator: m.Indikator, target: Optional[PerfValue],
                      realisasi: Optional[PerfValue], previous: Optional[PerfValue] = None,
                      capped: bool = True) -> Capaian:
    """The capaian of ``indicator`` with its own polarity, method and cap (``capped=False``
    ignores the cap); a value that cannot be compared is unmeasurable, not an error."""
    try:
        return compute_capaian(target, realisasi, indicator.polarity,
                               method=indicator.capaian_method,
                               cap=indicator.capaian_cap if capped else None, previous=previous)
    except ValueError:
        return Capaian.unmeasurable("tidak dapat dihitung")


def capaian_in(agency: Agency, indicator: m.Indikator, year: int, period: str,
               basis: Basis = "sd", capped: bool = True) -> Capaian:
    """The capaian of a period: its realisasi against its target, both read the same way; for
    the year with last year's realisasi (direction targets)."""
    previous = annual_realisasi(agency, indicator, year - 1)[0] if period == "TAHUN" else None
    return indicator_capaian(indicator, target_in(agency, indicator, year, period, basis),
                             realisasi_in(agency, indicator, year, period, basis), previous, capped)


@dataclass(frozen=True)
class IndicatorPeriod:
    """One indicator in one quarter: the figures s.d. the quarter and within it, its capaian
    against the quarter's target and against the annual target (physical progress), and the
    year-end projection from the quarters so far."""

    indicator: m.Indikator
    year: int
    quarter: int
    target: Optional[PerfValue]  # s.d. the quarter
    realisasi: Optional[PerfValue]  # s.d. the quarter
    target_within: Optional[PerfValue]
    realisasi_within: Optional[PerfValue]
    annual_target: Optional[PerfValue]
    capaian: Capaian  # realisasi against target, s.d. the quarter
    capaian_within: Capaian
    progress: Capaian  # realisasi s.d. the quarter against the annual target
    projection: Optional[Decimal]
    projection_basis: str
    projected_capaian: Capaian  # projection against the annual target

    @property
    def reported(self) -> bool:
        """Whether the quarter has a realisasi."""
        return self.realisasi is not None


def indicator_period(agency: Agency, indicator: m.Indikator, year: int, quarter: int) -> IndicatorPeriod:
    """Every figure of an indicator in TW ``quarter`` (module doc)."""
    period = f"TW{quarter}"
    how = aggregation(indicator)
    annual = annual_target(agency, indicator.indicator_id, year)
    target = target_in(agency, indicator, year, period)
    realisasi = realisasi_in(agency, indicator, year, period)
    t_in = target_in(agency, indicator, year, period, "dalam")
    r_in = realisasi_in(agency, indicator, year, period, "dalam")
    typed = typed_quarters(agency, indicator.indicator_id, year, "realisasi")
    projection, basis = project_to_year_end({q: numeric(v) for q, v in typed.items() if q <= quarter},
                                            quarter, how)
    projected = indicator_capaian(indicator, annual,
                                  None if projection is None else NumberValue(projection))
    return IndicatorPeriod(indicator, year, quarter, target, realisasi, t_in, r_in, annual,
                           indicator_capaian(indicator, target, realisasi),
                           indicator_capaian(indicator, t_in, r_in),
                           indicator_capaian(indicator, annual, realisasi),
                           projection, basis, projected)


# --- budget -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualPlan:
    """The year's financial plan of a ref and where it comes from (module doc)."""

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
            roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[self.quarter]
            return f"target keuangan kumulatif TW {roman}, karena TW IV tidak diisi"
        return "tidak ada rencana keuangan"


def quarterly_rows(agency: Agency, ref: str, year: int) -> dict[int, m.BudgetQuarter]:
    """The ``budget_quarterly`` rows of a ref, by quarter."""
    return {int(r.period[2]): r for r in agency.rows("budget_quarterly")
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


def _ref_summary(agency: Agency, ref: str, year: int, field: Literal["pagu", "realisasi"]) -> Optional[Decimal]:
    lines = agency.budget_lines(year)
    if not lines:
        return None
    by_code = {r.code: r for r in rollup(lines)}
    if ref in by_code:
        return getattr(by_code[ref], field)
    summary = serapan_by(lines, "sasaran_id").get(ref)
    return None if summary is None else getattr(summary, field)


def ref_pagu(agency: Agency, ref: str, year: int) -> Optional[Decimal]:
    """Σ pagu of the budget lines of a ref: a budget code (the line and its sub-tree) or a
    sasaran (the lines tagged with it); ``None`` when no such line has a pagu."""
    return _ref_summary(agency, ref, year, "pagu")


def ref_realisasi(agency: Agency, ref: str, year: int) -> Optional[Decimal]:
    """Σ realisasi of the budget lines of a ref (as :func:`ref_pagu`)."""
    return _ref_summary(agency, ref, year, "realisasi")


@dataclass(frozen=True)
class BudgetPeriod:
    """The money of a ref in a period. For a quarter: the annual plan, the cumulative keuangan
    target and realisasi s.d. the quarter and within it, serapan (realisasi s.d. / plan) and
    rencana (target s.d. / plan), fisik as typed. For the year: pagu and realisasi of the budget
    table (else the plan and the TW IV realisasi)."""

    ref: str
    year: int
    period: str
    plan: AnnualPlan
    target: Optional[Decimal]
    realisasi: Optional[Decimal]
    target_within: Optional[Decimal]
    realisasi_within: Optional[Decimal]
    fisik_target: Optional[Decimal] = None
    fisik_realisasi: Optional[Decimal] = None
    penanggung_jawab: Optional[str] = None

    @property
    def serapan(self) -> Optional[Decimal]:
        """Realisasi (s.d. the quarter, or the year's) / annual plan × 100."""
        return pct_of(self.realisasi, self.plan.amount)

    @property
    def serapan_within(self) -> Optional[Decimal]:
        return pct_of(self.realisasi_within, self.plan.amount)

    @property
    def rencana(self) -> Optional[Decimal]:
        """The planned share of the year s.d. the quarter: target s.d. / annual plan × 100."""
        return pct_of(self.target, self.plan.amount)

    @property
    def has_data(self) -> bool:
        return self.target is not None or self.realisasi is not None


def budget_period(agency: Agency, ref: str, year: int, period: str) -> BudgetPeriod:
    """The money of a ref (budget code, sasaran or tujuan) in a period (module doc)."""
    rows = quarterly_rows(agency, ref, year)
    targets = {q: rows[q].keuangan_target if q in rows else None for q in QUARTERS}
    reals = {q: rows[q].keuangan_realisasi if q in rows else None for q in QUARTERS}
    pagu = ref_pagu(agency, ref, year)
    plan = annual_plan(targets, pagu)
    quarter = quarter_of(period)
    if quarter is None:
        realisasi = ref_realisasi(agency, ref, year) if pagu is not None else None
        if realisasi is None:
            realisasi = reals.get(4)
        return BudgetPeriod(ref, year, period, plan, plan.amount, realisasi, None, None)
    row = rows.get(quarter)
    pj = next((rows[q].penanggung_jawab for q in sorted(rows) if rows[q].penanggung_jawab), None)
    return BudgetPeriod(ref, year, period, plan, targets[quarter], reals[quarter],
                        within(targets, quarter, "kumulatif"), within(reals, quarter, "kumulatif"),
                        None if row is None else row.fisik_target,
                        None if row is None else row.fisik_realisasi, pj)


def period_serapan(agency: Agency, ref: str, year: int, period: str,
                   basis: Basis = "sd") -> Optional[Decimal]:
    """Serapan of a ref in a period: s.d. the quarter (or the year's) or within the quarter."""
    figure = budget_period(agency, ref, year, period)
    if figure.period == "TAHUN":
        return serapan(figure.plan.amount, figure.realisasi)
    return figure.serapan if basis == "sd" else figure.serapan_within


__all__ = [
    "ANNUAL_SOURCES", "AnnualPlan", "Basis", "BudgetPeriod", "HUNDRED", "IndicatorPeriod",
    "PERIODS", "QUARTER_SOURCES", "aggregation", "annual_plan", "annual_realisasi",
    "annual_target", "budget_period", "capaian_in", "flows", "indicator_capaian",
    "indicator_period", "numeric", "period_serapan", "project_to_year_end", "quarter_of",
    "quarter_target", "quarterly_rows", "realisasi_in", "ref_pagu", "ref_realisasi",
    "target_in", "target_row", "to_date", "typed_quarters", "within", "year_from_quarters",
]
