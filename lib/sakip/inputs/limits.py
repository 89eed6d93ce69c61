"""The limits that bound the work done on any input, in one place (documented in docs/LIMITS.md).

Every limit has a default here; each can be changed with an environment variable
``SAKIP_<NAME>`` (``SAKIP_MAX_ROWS=200000``) or, for ``validate``, ``convert`` and ``ingest``,
with ``--limit NAME=VALUE``. Sizes accept a binary suffix: ``50M`` = 50 MiB, ``1G``, ``512K``.
A limit is checked before the memory it protects is spent: file sizes from ``stat`` and from the
zip directory of a workbook, before any byte is decompressed or parsed.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields, replace
from typing import Iterable, Mapping

from sakip.i18n import _

MiB = 2**20


@dataclass(frozen=True)
class Limits:
    """Upper bounds on what one agency's input may hold; see docs/LIMITS.md for each."""

    #: Bytes of one input file: a CSV, a Markdown or YAML file, or a workbook as stored.
    max_file_bytes: int = 50 * MiB
    #: Bytes of ``profile.yaml`` and of a narrative file's front matter.
    max_yaml_bytes: int = 1 * MiB
    #: Sum of the uncompressed sizes of a workbook's zip members.
    max_unzipped_bytes: int = 200 * MiB
    #: Uncompressed / compressed size of one zip member (members above 1 MiB).
    max_compression_ratio: int = 200
    #: Members of a workbook's zip archive.
    max_zip_members: int = 1000
    #: Sheets of a workbook.
    max_sheets: int = 100
    #: Entries of an agency folder, and of its narrative folder.
    max_folder_entries: int = 2000
    #: Characters of one cell (CSV field, sheet cell, YAML value, narrative text): Excel's own.
    max_cell_chars: int = 32_767
    #: Data rows of one table (sheet or CSV file; the header not counted).
    max_rows: int = 100_000
    #: Data rows of all tables of one input together.
    max_total_rows: int = 300_000
    #: Columns of one table (the last column holding a value counts).
    max_columns: int = 200

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Limits":
        """The defaults, changed by the ``SAKIP_<NAME>`` variables of ``environ``."""
        environ = os.environ if environ is None else environ
        changes = {}
        for item in fields(cls):
            text = environ.get(f"SAKIP_{item.name.upper()}")
            if text is not None and text.strip():
                changes[item.name] = parse_size(text, f"SAKIP_{item.name.upper()}")
        return replace(cls(), **changes)

    def with_options(self, options: Iterable[str]) -> "Limits":
        """These limits changed by ``NAME=VALUE`` strings (the ``--limit`` option)."""
        known = {f.name for f in fields(self)}
        changes = {}
        for option in options:
            name, sep, value = option.partition("=")
            name = name.strip().lower().replace("-", "_")
            if not sep or name not in known:
                raise LimitError(_("--limit {option}: use NAME=VALUE with NAME one of {names}")
                                 .format(option=option, names=", ".join(sorted(known))))
            changes[name] = parse_size(value, f"--limit {name}")
        return replace(self, **changes)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class LimitError(ValueError):
    """A limit given in the environment or on the command line that is not a positive number."""


_SUFFIXES = {"k": 2**10, "m": 2**20, "g": 2**30}


def parse_size(text: str, where: str) -> int:
    """``100000``, ``100_000``, ``50M`` (MiB), ``1G``: a positive whole number."""
    token = text.strip().replace("_", "").lower().removesuffix("b").removesuffix("i")
    factor = 1
    if token[-1:] in _SUFFIXES:
        factor, token = _SUFFIXES[token[-1]], token[:-1]
    if not token.isdigit() or int(token) <= 0:
        raise LimitError(_("{where}={text!r}: a limit is a positive whole number (50M = 50 MiB)").format(where=where, text=text))
    return int(token) * factor


#: The limits without any environment variable: what docs/LIMITS.md documents.
DEFAULT_LIMITS = Limits()


def current_limits() -> Limits:
    """The limits in force for this process: the defaults changed by ``SAKIP_*`` variables."""
    return Limits.from_env()


def describe(name: str, value: int) -> str:
    """``max_rows = 100000`` with the way to change it, for messages."""
    return _("limit {name} = {value}; see docs/LIMITS.md, SAKIP_{upper} to change it").format(
        name=name, value=value, upper=name.upper())
