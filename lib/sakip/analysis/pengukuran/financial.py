"""Cumulative financial progress (keuangan) of a ref per triwulan: the annual plan it is measured
against (pagu, else a cumulative target), the share of that plan and the year-end projection."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sakip.analysis.pengukuran.periods import check_upto
from sakip.compute.period import (
    AnnualPlan,
    annual_plan,
    budget_period,
    quarterly_rows,
    ref_pagu,
)
from sakip.compute.triwulan import pct_of, project_year_end
from sakip.model.agency import Agency

# The annual plan of a ref (AnnualPlan, annual_plan, ref_pagu) and its quarterly rows are the
# period path of sakip.compute.period; financial progress of TW q is its serapan s.d. TW q.
__all__ = ["AnnualPlan", "FinancialProgress", "FinancialQuarter", "annual_plan",
           "financial_progress", "quarterly_rows", "ref_pagu"]


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
    the annual plan (:func:`sakip.compute.period.budget_period`: the serapan s.d. the quarter),
    and (partial year) the projected TW IV realisasi."""
    n = check_upto(upto)
    figures = [budget_period(agency, ref, year, f"TW{q}") for q in range(1, n + 1)]
    plan = figures[0].plan
    quarters = [FinancialQuarter(q, f.target, f.realisasi, f.serapan)
                for q, f in enumerate(figures, 1)]
    projection = None
    if n < 4:
        projection = project_year_end({r.quarter: r.realisasi for r in quarters}, n)
    return FinancialProgress(ref, year, n, plan, tuple(quarters), projection,
                             figures[0].penanggung_jawab)
