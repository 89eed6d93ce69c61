"""Reading, validating and writing an agency's inputs (a folder of CSV files or a workbook).

>>> from sakip.inputs import load_agency  # doctest: +SKIP
>>> agency = load_agency("data/payakumbuh-disnakerperin")  # doctest: +SKIP

``load_agency`` raises :class:`InputError` listing every :class:`Problem` at once.
"""

from __future__ import annotations

from pathlib import Path

from sakip.inputs.limits import Limits
from sakip.inputs.problems import DestinationError, InputError, Problem
from sakip.inputs.raw import EXAMPLE_PREFIX, RawInput, read_input
from sakip.inputs.validate import REQUIRED_TABLES, build_agency
from sakip.model.agency import Agency

__all__ = [
    "EXAMPLE_PREFIX",
    "REQUIRED_TABLES",
    "Agency",
    "DestinationError",
    "InputError",
    "Limits",
    "Problem",
    "RawInput",
    "build_agency",
    "load_agency",
    "read_input",
]


def load_agency(path: Path | str, limits: Limits | None = None) -> Agency:
    """Read and validate an agency folder or ``.xlsx`` workbook.

    Raises :class:`InputError` (every problem at once) when the input cannot be used, and
    ``FileNotFoundError`` when ``path`` does not exist. The input is never modified. ``limits``
    bound the work (default: the documented limits, changed by ``SAKIP_*`` variables).
    """
    return build_agency(read_input(path, limits))
