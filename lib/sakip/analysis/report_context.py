"""The object every chapter opens first: the agency, the year and the options, with the figures
computed once per chapter. Notebooks build it with :func:`sakip.analysis.context.open_context`;
components take it as their first argument (and so import this module, which reads no inputs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from sakip.analysis import indicators as analysis
from sakip.compute.budget import BudgetSummary, total
from sakip.model.agency import Agency


@dataclass
class ReportContext:
    agency: Agency
    year: int
    options: analysis.Options
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def profile(self):
        return self.agency.profile

    @cached_property
    def iku(self) -> list[analysis.IndicatorResult]:
        return analysis.iku_results(self.agency, self.year, self.options)

    @cached_property
    def sasaran(self) -> list[analysis.SasaranResult]:
        return analysis.sasaran_results(self.agency, self.year, self.options)

    @cached_property
    def budget_lines(self):
        return self.agency.budget_lines(self.year)

    @cached_property
    def budget_total(self) -> BudgetSummary:
        return total(self.budget_lines)

    @property
    def renstra_period(self) -> str:
        return f"{self.profile.renstra_start}-{self.profile.renstra_end}"

    @property
    def renstra_year_index(self) -> Optional[int]:
        """1 for the first year of the Renstra period, None when the year lies outside it."""
        index = self.year - self.profile.renstra_start + 1
        span = self.profile.renstra_end - self.profile.renstra_start + 1
        return index if 1 <= index <= span else None
