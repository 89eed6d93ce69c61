"""The object every chapter notebook opens first: the agency, the year and the options."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
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


def resolve_data_path(data_path: str) -> Path:
    """An agency input named relative to the project root, found from wherever the notebook runs:
    papermill runs from the root, Jupyter from the notebook's own folder."""
    path = Path(data_path)
    if path.is_absolute() or path.exists():
        return path
    for parent in Path.cwd().resolve().parents:
        if (parent / path).exists():
            return parent / path
    return path


def open_context(agency_id: str, year: int, data_path: str, options_json: str) -> ReportContext:
    """Load and validate the agency (as the renderer did) and prepare the chapter's context."""
    from sakip.inputs import load_agency

    warnings.filterwarnings("ignore")  # a report shows no library warnings
    agency = load_agency(resolve_data_path(data_path))
    if agency.agency_id != agency_id:
        raise ValueError(f"{data_path} holds agency '{agency.agency_id}', not '{agency_id}'")
    return ReportContext(agency, int(year), analysis.Options.from_json(options_json))
