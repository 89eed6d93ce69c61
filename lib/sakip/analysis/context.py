"""Opening the object every chapter notebook starts from (:class:`ReportContext`, defined in
:mod:`sakip.analysis.report_context` so that components can take it without importing
:mod:`sakip.inputs`)."""

from __future__ import annotations

import threading
import warnings
from collections import OrderedDict
from pathlib import Path

from sakip.analysis import indicators as analysis
from sakip.analysis.report_context import ReportContext
from sakip.inputs import load_agency
from sakip.inputs.fingerprint import input_fingerprint
from sakip.model.agency import Agency

__all__ = ["ReportContext", "load_agency_cached", "open_context", "resolve_data_path"]


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


#: Agencies kept by :func:`load_agency_cached` (the last few: a worker renders one agency after
#: another, and memory must stay flat across a batch).
AGENCY_CACHE_SIZE = 4

_agencies: "OrderedDict[tuple[str, str], Agency]" = OrderedDict()
_agencies_lock = threading.Lock()


def load_agency_cached(path: Path | str) -> Agency:
    """Load and validate an agency once per version of its input: the chapters of a report (and
    the renderer before them) run in one process share the validated :class:`Agency`, keyed by
    the folder and the fingerprint of its files, so an edited input is loaded again."""
    key = (str(Path(path).resolve()), input_fingerprint(path))
    with _agencies_lock:
        agency = _agencies.get(key)
        if agency is not None:
            _agencies.move_to_end(key)
            return agency
    agency = load_agency(path)
    with _agencies_lock:
        _agencies[key] = agency
        while len(_agencies) > AGENCY_CACHE_SIZE:
            _agencies.popitem(last=False)
    return agency


def open_context(agency_id: str, year: int, data_path: str, options_json: str) -> ReportContext:
    """Load and validate the agency (once per version of its input in this process, see
    :func:`load_agency_cached`) and prepare the chapter's context."""
    warnings.filterwarnings("ignore")  # a report shows no library warnings
    agency = load_agency_cached(resolve_data_path(data_path))
    if agency.agency_id != agency_id:
        raise ValueError(f"{data_path} holds agency '{agency.agency_id}', not '{agency_id}'")
    return ReportContext(agency, int(year), analysis.Options.from_json(options_json))
