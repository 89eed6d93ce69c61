"""Cumulative financial progress (keuangan) of a ref per triwulan: the annual plan it is measured
against (pagu, else a cumulative target), the share of that plan and the year-end projection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Optional

from sakip.analysis.pengukuran.periods import check_upto, roman
from sakip.compute.budget import rollup, serapan_by
from sakip.compute.triwulan import QUARTERS, pct_of, project_year_end, quarter_number
from sakip.model import rows as m
from sakip.model.agency import Agency

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
