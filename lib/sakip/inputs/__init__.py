"""Reading, validating and writing an agency's inputs (a folder of CSV files or a workbook).

>>> from sakip.inputs import load_agency  # doctest: +SKIP
>>> agency = load_agency("data/payakumbuh-disnakerperin")  # doctest: +SKIP

``load_agency`` raises :class:`InputError` listing every :class:`Problem` at once.

The package's names are loaded on first use (PEP 562): importing ``sakip.inputs.problems`` or
``sakip.inputs.fingerprint`` (what planning a batch needs) does not load the readers and the
pydantic row models, about 0,2 s of an unchanged re-run's half second (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip.inputs.limits import Limits
from sakip.inputs.problems import DestinationError, InputError, Problem

if TYPE_CHECKING:
    from sakip.inputs.raw import EXAMPLE_PREFIX, RawInput, read_input
    from sakip.inputs.validate import REQUIRED_TABLES, build_agency
    from sakip.model.agency import Agency

#: Where each name loaded on first use lives.
_LAZY = {"EXAMPLE_PREFIX": "sakip.inputs.raw", "RawInput": "sakip.inputs.raw",
         "read_input": "sakip.inputs.raw", "REQUIRED_TABLES": "sakip.inputs.validate",
         "build_agency": "sakip.inputs.validate", "Agency": "sakip.model.agency"}

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def load_agency(path: Path | str, limits: Limits | None = None) -> "Agency":
    """Read and validate an agency folder or ``.xlsx`` workbook.

    Raises :class:`InputError` (every problem at once) when the input cannot be used, and
    ``FileNotFoundError`` when ``path`` does not exist. The input is never modified. ``limits``
    bound the work (default: the documented limits, changed by ``SAKIP_*`` variables).
    """
    # loaded here, on first use (see the module's docstring)
    from sakip.inputs.raw import read_input
    from sakip.inputs.validate import build_agency  # (see above)

    return build_agency(read_input(path, limits))
