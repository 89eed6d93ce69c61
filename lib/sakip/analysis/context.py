"""Opening the object every chapter notebook starts from (:class:`ReportContext`, defined in
:mod:`sakip.analysis.report_context` so that components can take it without importing
:mod:`sakip.inputs`)."""

from __future__ import annotations

import warnings
from pathlib import Path

from sakip.analysis import indicators as analysis
from sakip.analysis.report_context import ReportContext
from sakip.inputs import load_agency

__all__ = ["ReportContext", "open_context", "resolve_data_path"]


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
    warnings.filterwarnings("ignore")  # a report shows no library warnings
    agency = load_agency(resolve_data_path(data_path))
    if agency.agency_id != agency_id:
        raise ValueError(f"{data_path} holds agency '{agency.agency_id}', not '{agency_id}'")
    return ReportContext(agency, int(year), analysis.Options.from_json(options_json))
