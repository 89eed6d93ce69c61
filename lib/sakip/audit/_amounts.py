"""Budget amounts as the audit sees them: a line's own figure, or the sum of its children; and
the money of a ref in a quarter, read by the period path of :mod:`sakip.compute.period` (the
one the pengukuran report and the store use)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Optional

from sakip.audit._common import all_present
from sakip.compute.period import BudgetPeriod, budget_period, quarter_of
from sakip.model.agency import Agency
from sakip.model.rows import BudgetLine

AMOUNT_FIELDS = ("pagu", "realisasi", "pagu_murni")
FIELD_LABELS = {"pagu": "pagu", "realisasi": "realisasi", "pagu_murni": "pagu murni"}


class BudgetTree:
    """The budget lines of one year with parent/child look-ups."""

    def __init__(self, agency: Agency, year: int):
        self.year = year
        self.lines: list[BudgetLine] = agency.budget_lines(year)
        self.by_code = {b.code: b for b in self.lines}
        self.children: dict[str, list[BudgetLine]] = defaultdict(list)
        for line in self.lines:
            if line.parent_code is not None:
                self.children[line.parent_code].append(line)

    @property
    def programs(self) -> list[BudgetLine]:
        return [b for b in self.lines if b.level == "program"]

    def effective(self, line: BudgetLine, field: str) -> Optional[Decimal]:
        """The line's own amount, else the sum of its children's (``None`` if any is missing)."""
        own = getattr(line, field)
        if own is not None:
            return own
        return self.children_sum(line, field)

    def children_sum(self, line: BudgetLine, field: str) -> Optional[Decimal]:
        kids = self.children.get(line.code, [])
        if not kids:
            return None
        values = [self.effective(k, field) for k in kids]
        if not all_present(values):
            return None
        return sum(values, Decimal(0))

    def total(self, lines: list[BudgetLine], field: str) -> Optional[Decimal]:
        if not lines:
            return None
        values = [self.effective(b, field) for b in lines]
        if not all_present(values):
            return None
        return sum(values, Decimal(0))

    def agency_total(self, field: str) -> Optional[Decimal]:
        """Sum of every programme (the agency's whole budget of the year)."""
        return self.total(self.programs, field)

    def sasaran_lines(self, sasaran_id: str) -> list[BudgetLine]:
        """The topmost lines tagged with ``sasaran_id`` (their parents are not tagged with it)."""
        out = []
        for line in self.lines:
            if line.sasaran_id != sasaran_id:
                continue
            parent = self.by_code.get(line.parent_code) if line.parent_code else None
            if parent is None or parent.sasaran_id != sasaran_id:
                out.append(line)
        return out


def budget_years(agency: Agency) -> list[int]:
    return sorted({b.year for b in agency.rows("budget")})


def quarter_budget(agency: Agency, ref: str, year: int, period: str) -> Optional[BudgetPeriod]:
    """The money of a ref in quarter ``period`` (``TW1``..``TW4``): the ref's own
    ``budget_quarterly`` rows, else, for an indicator, those of its budget line or of its
    sasaran; ``None`` when none of them has a row for the year (nothing to compare with)."""
    if quarter_of(period) is None:
        raise ValueError(f"{period} is not a quarter")
    refs = [ref]
    try:
        indicator = agency.indicator(ref)
    except KeyError:
        indicator = None
    if indicator is not None:
        refs += [r for r in (indicator.budget_code, indicator.sasaran_id) if r]
    quarterly = {(q.ref, q.year) for q in agency.rows("budget_quarterly")}
    for candidate in refs:
        if (candidate, year) in quarterly:
            return budget_period(agency, candidate, year, period)
    return None
