"""Read an agency's folder or workbook into raw text tables, without judging the values.

Every cell is kept as the text an analyst typed, so identifiers such as ``010`` stay ``010``
and Indonesian numerals reach :mod:`sakip.model.parsing` untouched. Problems that make a file or a
cell unreadable (not a workbook, not UTF-8, invalid YAML, a formula) are collected, never
raised one by one. Inputs are only ever opened for reading.

What is read is exactly what belongs to the agency, and all of it: only regular files inside the
agency folder (a symbolic link leaving it, a FIFO or a device is refused, naming the path), names
that collide when letter case is ignored are refused, and files that are not read are listed as
warnings. Every read is bounded by :class:`~sakip.inputs.limits.Limits`, checked before the memory
is spent (a workbook's sizes are taken from its zip directory before anything is decompressed).
Cells holding control or invisible characters, text longer than a workbook cell can hold, merged
cells and hidden sheets are refused with their location; hidden rows and columns are warned about.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import math
import os
import posixpath
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Sequence, cast
from xml.sax.saxutils import unescape

import yaml

from sakip.i18n import _
from sakip.inputs.fingerprint import MissingInput
from sakip.inputs.limits import Limits, current_limits, describe
from sakip.inputs.problems import Problem, visible
from sakip.model.schema import BY_NAME, PROFILE, PROFILE_SHEET_COLUMNS, TableSpec, table_for

#: First-cell prefix that marks the template's example rows; such rows are skipped.
EXAMPLE_PREFIX = "contoh:"
#: Workbook sheets that hold notes or helper lists rather than a table.
NOTE_SHEETS = {"readme", "petunjuk"}
PROFILE_FILE = "profile.yaml"
NARRATIVE_DIR = "narrative"
#: Workbook suffixes read as workbooks (macros of an .xlsm are never run, only its values read).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: A zip member smaller than this is not held to ``max_compression_ratio``.
RATIO_FLOOR = 2**20


@dataclass
class RawRow:
    """One data row: the non-empty cells as text, keyed by column name."""

    row: int | None
    values: dict[str, str]
    file: str | None = None  # when the row has a file of its own (narrative/*.md)
    rows: dict[str, int] = field(default_factory=dict)  # per-column line (YAML mappings)
    reported: set[str] = field(default_factory=set)  # columns whose cell already has a problem
    refused: dict[str, str] = field(default_factory=dict)  # cells refused as read (bad text)
    numeric: set[str] = field(default_factory=set)  # columns typed into a number cell (workbook)

    def row_of(self, column: str | None) -> int | None:
        return self.rows.get(column, self.row) if column else self.row


@dataclass
class RawTable:
    name: str
    file: str
    sheet: str | None
    columns: list[str]
    rows: list[RawRow] = field(default_factory=list)
    #: Non-blank data lines read so far (example rows included), against ``max_rows``.
    data_lines: int = 0
    #: Column key -> the header as written, where the two differ (an Indonesian label).
    written: dict[str, str] = field(default_factory=dict)
    #: Column key -> its Indonesian label, for a table written with labels: a column it lacks
    #: is named the way the others are.
    labels: dict[str, str] = field(default_factory=dict)

    def problem(self, message: str, row: RawRow | None = None, column: str | None = None,
                line: int | None = None) -> Problem:
        """A problem located in this table; the column is named as the analyst wrote it."""
        file = (row.file if row is not None and row.file else self.file)
        if line is None and row is not None:
            line = row.row_of(column)
        shown = (self.written.get(column) or self.labels.get(column, column)) if column else column
        return Problem(file, self.sheet, line, shown, message)


@dataclass
class RawInput:
    """What was read from one folder or workbook."""

    source: Path
    kind: str  # "folder" or "workbook"
    tables: dict[str, RawTable]
    problems: list[Problem]
    input_hash: str
    #: Where a missing table would have been looked for (folder path or workbook path).
    label: str = ""
    #: What the analyst should know but that does not stop the input (files not read ...).
    warnings: list[Problem] = field(default_factory=list)
    #: Tables whose file was found but refused (already reported): never "missing" as well.
    unread: set[str] = field(default_factory=set)


class _Hasher:
    """sha256 over (relative path, size, bytes) of every file read, in sorted path order."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, name: str, data: bytes) -> None:
        self.files[name] = data

    def hexdigest(self) -> str:
        digest = hashlib.sha256()
        for name in sorted(self.files):
            data = self.files[name]
            digest.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0")
            digest.update(data)
        return digest.hexdigest()


def read_input(path: Path | str, limits: Limits | None = None) -> RawInput:
    """Read a folder or an ``.xlsx`` workbook; raise ``MissingInput`` (a ``FileNotFoundError``)
    if it is absent.

    ``limits`` bound the work (default: :func:`~sakip.inputs.limits.current_limits`).
    """
    path = Path(path)
    limits = limits or current_limits()
    try:
        info = path.stat()
    except FileNotFoundError:
        raise MissingInput(_("{path}: no such file or folder").format(path=path)) from None
    if stat.S_ISDIR(info.st_mode):
        return _read_folder(path, _Context(limits))
    if not stat.S_ISREG(info.st_mode):
        return RawInput(path, "file", {}, [Problem(str(path), message=(
            _("is {kind}, not a regular file; give the agency's folder or an "
              ".xlsx workbook").format(kind=_kind_of(info.st_mode))))], "", str(path))
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(path, _Context(limits))
    if suffix == ".csv":
        message = (_("is a single CSV file; give the agency's folder (profile.yaml plus one CSV "
                     "per table) or an .xlsx workbook"))
    elif suffix == ".xls":
        message = _("is an old-style .xls workbook; save it as .xlsx (Excel Workbook) first")
    else:
        message = _("is neither an agency folder nor an .xlsx workbook")
    return RawInput(path, "file", {}, [Problem(str(path), message=message)], "", str(path))


@dataclass
class _Context:
    """What one read shares: the limits, the problems and warnings found, the rows read so far."""

    limits: Limits
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    total_rows: int = 0
    #: Set once ``max_total_rows`` is passed: every table stops being read.
    exhausted: bool = False

    def count_row(self, file: str, sheet: str | None, line: int) -> bool:
        """Count one data row; False (and one problem) once the whole input holds too many."""
        if self.exhausted:
            return False
        self.total_rows += 1
        if self.total_rows > self.limits.max_total_rows:
            self.exhausted = True
            self.problems.append(Problem(file, sheet, line, None, (
                _("the input holds more than {limit} data rows in all; reading stopped here "
                  "({limit_note})").format(limit=self.limits.max_total_rows, limit_note=describe(
                      "max_total_rows", self.limits.max_total_rows)))))
            return False
        return True


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    return _("not a regular file")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _open_regular(path: Path, root: str | None, display: str,
                  ctx: _Context) -> tuple[int, os.stat_result] | None:
    """Open ``path`` for reading if it is a regular file (inside ``root`` when given).

    A symbolic link is followed only when its target lies inside ``root``; FIFOs, devices and
    sockets are never opened for reading data (``O_NONBLOCK``: opening cannot hang either).
    """
    info = os.lstat(path)
    target = path
    if stat.S_ISLNK(info.st_mode):
        resolved = os.path.realpath(path)
        if root is not None and not _inside(resolved, root):
            ctx.problems.append(Problem(display, message=(
                _("is a symbolic link to {resolved}, outside the agency folder; only files inside "
                  "the folder are read (copy the file into the folder instead)").format(
                    resolved=resolved))))
            return None
        try:
            info = os.stat(resolved)
        except FileNotFoundError:
            ctx.problems.append(Problem(display, message=(
                _("is a symbolic link to {resolved}, which does not exist").format(
                    resolved=resolved))))
            return None
        target = Path(resolved)
    if not stat.S_ISREG(info.st_mode):
        ctx.problems.append(Problem(display, message=(
            _("is {kind}, not a regular file; only regular files are read").format(
                kind=_kind_of(info.st_mode)))))
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(target, flags)
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):  # replaced between lstat and open
        os.close(handle)
        ctx.problems.append(Problem(display, message=(
            _("is {kind}, not a regular file; only regular files are read").format(
                kind=_kind_of(info.st_mode)))))
        return None
    return handle, info


def _read_bytes(path: Path, root: str | None, display: str, limit: int, limit_name: str,
                ctx: _Context) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, else ``None`` and a problem."""
    opened = _open_regular(path, root, display, ctx)
    if opened is None:
        return None
    handle, info = opened
    try:
        if info.st_size > limit:
            ctx.problems.append(Problem(display, message=(
                _("is {size} bytes, more than {limit} ({limit_note})").format(
                    size=info.st_size, limit=limit, limit_note=describe(limit_name, limit)))))
            return None
        chunks, size = [], 0
        while True:  # read to the end, but never past the limit: a file may grow meanwhile
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                ctx.problems.append(Problem(display, message=(
                    _("grew past {limit} bytes while it was read ({limit_note})").format(
                        limit=limit, limit_note=describe(limit_name, limit)))))
                return None
        return b"".join(chunks)
    finally:
        os.close(handle)


def _list_folder(folder: Path, display: str, ctx: _Context,
                 clashing: set[str] | None = None) -> list[str]:
    """Names in ``folder`` (at most ``max_folder_entries``); names equal but for letter case are
    reported, added to ``clashing`` and left out, so that neither is read."""
    names: list[str] = []
    limit = ctx.limits.max_folder_entries
    with os.scandir(folder) as entries:
        for entry in entries:
            if len(names) >= limit:
                ctx.problems.append(Problem(display, message=(
                    _("holds more than {limit} files; only an agency's inputs belong here "
                      "({limit_note})").format(
                        limit=limit, limit_note=describe('max_folder_entries', limit)))))
                break
            names.append(entry.name)
    groups: dict[str, list[str]] = {}
    for name in names:
        # equal for Windows and macOS: letter case, and composed vs decomposed accents
        groups.setdefault(unicodedata.normalize("NFC", name).casefold(), []).append(name)
    clashing = set() if clashing is None else clashing
    for group in groups.values():
        if len(group) > 1:
            group.sort()
            clashing.update(group)
            ctx.problems.append(Problem(os.path.join(display, group[0]), message=(
                _("names {names} differ only in letter case (or in how an accent is encoded): "
                  "keep one (on Windows and macOS they are the same file)").format(
                      names=_(" and ").join(f"'{n}'" for n in group)))))
    return sorted(n for n in names if n not in clashing)


def _not_read(display: str, names: list[str], what: str, ctx: _Context) -> None:
    if not names:
        return
    shown = ", ".join(names[:20]) + (" " + _("and {count} more").format(count=len(names) - 20)
                                     if len(names) > 20 else "")
    ctx.warnings.append(Problem(display, message=_("not read ({what}): {shown}").format(
        what=what, shown=shown)))


# --- folder ---------------------------------------------------------------------------------


def _decode(data: bytes, display: str, problems: list[Problem]) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(display, row=line, message=(
            _("is not UTF-8 text (byte 0x{byte:02x}); save the file as "
              "'CSV UTF-8' or UTF-8 text").format(byte=data[exc.start]))))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_folder(folder: Path, ctx: _Context) -> RawInput:
    problems = ctx.problems
    tables: dict[str, RawTable] = {}
    unread: set[str] = set()
    hasher = _Hasher()
    root = os.path.realpath(folder)
    display = str(folder)
    ignored: list[str] = []
    csv_files: list[str] = []
    has_profile = has_narrative = False
    clashing: set[str] = set()
    names = _list_folder(folder, display, ctx, clashing)
    for name in clashing:  # refused already: never reported as missing as well
        lowered = name.lower()
        if lowered == PROFILE_FILE:
            unread.add(PROFILE.name)
        elif lowered.endswith(".csv"):
            unread.add(lowered[:-4])
    for name in names:
        lowered = name.lower()
        if name == PROFILE_FILE:
            has_profile = True
        elif lowered in ("profile.yml", "profile.csv", "profile.yaml"):
            problems.append(Problem(str(folder / name), message=(
                _("the profile must be written as {file} (a YAML mapping); "
                  "rename or remove this file").format(file=PROFILE_FILE))))
        elif name == NARRATIVE_DIR:
            has_narrative = True
        elif name.startswith(".") or name.startswith("~$"):
            ignored.append(name)
        elif lowered.endswith(".csv"):
            csv_files.append(name)
        else:
            ignored.append(name + ("/" if (folder / name).is_dir() else ""))

    if has_profile:
        profile_path = folder / PROFILE_FILE
        unread.add(PROFILE.name)
        data = _read_bytes(profile_path, root, str(profile_path), ctx.limits.max_yaml_bytes,
                           "max_yaml_bytes", ctx)
        if data is not None:
            hasher.add(PROFILE_FILE, data)
            text = _decode(data, str(profile_path), problems)
            if text is not None:
                table = _yaml_profile(text, str(profile_path), ctx)
                if table is not None:
                    resolve_columns(PROFILE, table, ctx.problems)
                    tables["profile"] = table

    for name in csv_files:
        csv_path = folder / name
        table_name = name[:-4]
        path_text = str(csv_path)
        if table_name == "profile":
            continue
        if table_name not in BY_NAME or table_name == "narrative":
            problems.append(Problem(path_text, message=_unknown_table_message(table_name, "file")))
            continue
        unread.add(table_name)
        data = _read_bytes(csv_path, root, path_text, ctx.limits.max_file_bytes,
                           "max_file_bytes", ctx)
        if data is None:
            continue
        hasher.add(name, data)
        text = _decode(data, path_text, problems)
        table = None if text is None else _csv_table(table_name, text, path_text, ctx)
        if table is not None:
            resolve_columns(BY_NAME[table_name], table, ctx.problems)
            tables[table_name] = table

    if has_narrative:
        table = _read_narrative(folder / NARRATIVE_DIR, root, hasher, ctx)
        if table is not None and table.rows:
            tables["narrative"] = table
    _not_read(display, ignored, _("only {profile}, <table>.csv and {narrative}/*.md are").format(
        profile=PROFILE_FILE, narrative=NARRATIVE_DIR), ctx)
    return RawInput(folder, "folder", tables, problems, hasher.hexdigest(), display,
                    ctx.warnings, unread)


def _read_narrative(narrative_dir: Path, root: str, hasher: _Hasher,
                    ctx: _Context) -> RawTable | None:
    display = str(narrative_dir)
    info = os.lstat(narrative_dir)
    if stat.S_ISLNK(info.st_mode):
        resolved = os.path.realpath(narrative_dir)
        if not _inside(resolved, root):
            ctx.problems.append(Problem(display, message=(
                _("is a symbolic link to {resolved}, outside the agency folder; only files inside "
                  "the folder are read").format(resolved=resolved))))
            return None
    if not narrative_dir.is_dir():
        ctx.problems.append(Problem(display, message=(
            _("must be a folder of Markdown files (narrative/*.md); it is "
              "{kind}").format(
                kind=_kind_of(os.stat(narrative_dir).st_mode) if narrative_dir.exists() else _('missing')))))
        return None
    table = RawTable("narrative", display, None, [])
    ignored: list[str] = []
    for name in _list_folder(narrative_dir, display, ctx):
        if name.startswith(".") or not name.lower().endswith(".md"):
            ignored.append(name)
            continue
        md = narrative_dir / name
        data = _read_bytes(md, root, str(md), ctx.limits.max_file_bytes, "max_file_bytes", ctx)
        if data is None:
            continue
        hasher.add(f"{NARRATIVE_DIR}/{name}", data)
        text = _decode(data, str(md), ctx.problems)
        if text is not None:
            row = _markdown_row(text, str(md), ctx)
            if row is not None and ctx.count_row(str(md), None, 1):
                table.rows.append(row)
    table.columns = list(dict.fromkeys(c for r in table.rows for c in r.values))
    _not_read(display, ignored, _("only *.md files are"), ctx)
    return table


def resolve_columns(spec: TableSpec, table: RawTable, problems: list[Problem]) -> None:
    """Name the columns of ``table`` by their keys, whether written as key or as label.

    What was written is kept in ``table.written`` (problems name the column that way); a column
    written twice, once as its key and once as its label, is a problem and only its first
    occurrence is read. Unknown names are left as written, for validation to report.
    """
    _rename_columns(table, spec.column_for, problems,
                    lambda written: _written_line(spec, table, written))
    if table.written:
        table.labels = spec.labels


def _written_line(spec: TableSpec, table: RawTable, written: str) -> int | None:
    if spec is PROFILE and table.rows:
        return table.rows[0].rows.get(written, table.rows[0].row)
    return 1


def _rename_columns(table: RawTable, lookup, problems: list[Problem], line_of) -> None:
    columns: list[str] = []
    first: dict[str, str] = {}  # key -> the first name it was written as
    dropped: set[str] = set()
    for written in table.columns:
        key = lookup(written) if written else None
        if key is None:
            columns.append(written)
            continue
        if key in first and first[key] != written:
            problems.append(Problem(table.file, table.sheet, line_of(written), written, _(
                "'{first}' and '{second}' name the same column ({key}): keep one of them; "
                "only '{first}' is read").format(first=first[key], second=written, key=key)))
            dropped.add(written)
            continue
        first.setdefault(key, written)
        columns.append(key)
    rename = {written: key for key, written in first.items()}
    if all(k == w for w, k in rename.items()) and not dropped:
        return
    table.columns = columns
    table.written.update({key: written for written, key in rename.items() if key != written})

    def renamed(mapping: dict) -> dict:
        return {rename.get(c, c): v for c, v in mapping.items() if c not in dropped}

    for row in table.rows:
        row.values = renamed(row.values)
        row.rows = renamed(row.rows)
        row.refused = renamed(row.refused)
        row.reported = {rename.get(c, c) for c in row.reported if c not in dropped}
        row.numeric = {rename.get(c, c) for c in row.numeric if c not in dropped}


def _unknown_table_message(name: str, what: str) -> str:
    import difflib  # only for the rare unknown name

    if name == "narrative" and what == "file":
        return _("narrative text goes into narrative/*.md files with a YAML front matter, not a CSV")
    known = [t.name for t in BY_NAME.values()]
    if what == "sheet":
        known = [n for t in BY_NAME.values() for n in dict.fromkeys((t.sheet_label, t.name))]
    close = difflib.get_close_matches(name.lower(), known, n=1)
    if what == "sheet" and not close:
        lowered = {n.lower(): n for n in known}
        close = [lowered[c] for c in difflib.get_close_matches(name.lower(), list(lowered), n=1)]
    if close:
        return _("'{name}' is not a known table; did you mean '{close}'?").format(name=name,
                                                                                 close=close[0])
    return _("'{name}' is not a known table; known tables: {tables}").format(
        name=name, tables=", ".join(known))


def _csv_table(name: str, text: str, display: str, ctx: _Context) -> RawTable | None:
    """The table of a CSV file; ``None`` (reported) when its header has too many columns."""
    problems = ctx.problems
    first_line = text.split("\n", 1)[0]
    # Excel in an Indonesian locale saves "CSV" with semicolons (the comma is the decimal mark).
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    if csv.field_size_limit() <= ctx.limits.max_cell_chars:
        csv.field_size_limit(ctx.limits.max_cell_chars + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = RawTable(name, display, None, [])
    header: list[str] | None = None
    last_line = 0
    try:
        for record in reader:
            line, last_line = last_line + 1, reader.line_num
            if header is None:
                header = [c.strip() for c in record]
                if not _columns_within_limit(header, table, line, ctx):
                    return None
                table.columns = header
                continue
            if not _row_within_limit(table, line, record, ctx):
                break
            _add_record(table, header, record, line, ctx)
    except csv.Error as exc:
        problems.append(Problem(display, row=reader.line_num, message=_("is not valid CSV: {exc}").format(exc=exc)))
    if header is None:
        problems.append(Problem(display, row=1, message=_("is empty; the first line must hold the "
                                "column names")))
    return table


def _columns_within_limit(header: Sequence[str], table: RawTable, line: int,
                          ctx: _Context) -> bool:
    limit = ctx.limits.max_columns
    if len(header) <= limit:
        return True
    ctx.problems.append(Problem(table.file, table.sheet, line, None, (
        _("has {count} columns, more than {limit} ({limit_note})").format(
            count=len(header), limit=limit, limit_note=describe('max_columns', limit)))))
    return False


def _row_within_limit(table: RawTable, line: int, record: Sequence[object],
                      ctx: _Context) -> bool:
    """False once a table holds more than ``max_rows`` data rows, or the input too many rows in
    all (one problem each); blank records are not counted."""
    if all(c is None or (isinstance(c, str) and not c.strip()) for c in record):
        return not ctx.exhausted
    table.data_lines += 1
    limit = ctx.limits.max_rows
    if table.data_lines > limit:
        ctx.problems.append(Problem(table.file, table.sheet, line, None, (
            _("the table holds more than {limit} data rows; reading stopped here "
              "({limit_note})").format(limit=limit, limit_note=describe('max_rows', limit)))))
        return False
    return ctx.count_row(table.file, table.sheet, line)


#: Characters that a reader cannot see: control characters (but tab and newline), format
#: characters (zero-width space and joiners, BOM, bidirectional overrides, soft hyphen) and the
#: line and paragraph separators.
def bad_characters(text: str) -> list[str]:
    """The control and invisible characters of ``text``, in order of appearance, once each."""
    if text.isprintable():  # the common case, checked in C: nothing to look for
        return []
    found: dict[str, None] = {}
    for ch in text:
        if ch in "\t\n" or ch.isprintable():
            continue
        if ch == " " or unicodedata.category(ch) in ("Zs",):
            continue
        found[ch] = None
    return list(found)


def _describe_chars(chars: list[str]) -> str:
    names = []
    kinds = {"Cc": _("control character"), "Co": _("private-use character"),
             "Cn": _("unassigned character")}
    for ch in chars[:3]:
        name = unicodedata.name(ch, "") or ("NULL" if ch == "\0" else
                                            kinds.get(unicodedata.category(ch), "character"))
        names.append(f"U+{ord(ch):04X} {name}")
    return ", ".join(names) + (" ..." if len(chars) > 3 else "")


def check_cell(text: str, limits: Limits) -> str | None:
    """Why a cell's text cannot be taken as typed (too long, invisible characters), or None."""
    if len(text) > limits.max_cell_chars:
        return (_("holds {count} characters, more than a workbook cell can hold "
                  "({limit_note}); shorten the text or "
                  "split it (narrative: several files or rows with an 'order')").format(
                    count=len(text), limit_note=describe('max_cell_chars', limits.max_cell_chars)))
    chars = bad_characters(text)
    if chars:
        return (_("'{text}' holds an invisible or control character "
                  "({characters}); retype the value without it").format(
                    text=visible(_short(text, 60)), characters=_describe_chars(chars)))
    return None


def _add_record(table: RawTable, header: list[str], record: Sequence[str | None], line: int,
                ctx: _Context, file: str | None = None,
                reported: set[str] | None = None) -> RawRow | None:
    problems = ctx.problems
    cells = [("" if c is None else c) for c in record]
    if all(not c.strip() for c in cells):
        return None
    values: dict[str, str] = {}
    refused: set[str] = set(reported or ())
    bad: dict[str, str] = {}
    for index, cell in enumerate(cells):
        text = cell.strip()
        if not text:
            continue
        column = header[index] if index < len(header) else ""
        if not column:
            problems.append(Problem(file or table.file, table.sheet, line, None, (
                _("value '{text}' in column {index}, which has no name in the "
                  "header row").format(text=_short(text), index=index + 1))))
            continue
        why = check_cell(text, ctx.limits)
        if why is not None:
            problems.append(Problem(file or table.file, table.sheet, line, column, why))
            refused.add(column)
            bad[column] = text
            continue
        values.setdefault(column, text)
    first = next((c.strip() for c in cells if c.strip()), "")
    if first.lower().startswith(EXAMPLE_PREFIX):
        return None
    row = RawRow(line, values, file, reported=refused, refused=bad)
    table.rows.append(row)
    return row


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yaml_mapping(text: str, display: str, ctx: _Context,
                  first_line: int = 1) -> RawRow | None:
    """Read a flat YAML mapping keeping every scalar exactly as written (no 010 -> 8)."""
    problems = ctx.problems
    limit = ctx.limits.max_yaml_bytes
    if len(text.encode("utf-8")) > limit:
        problems.append(Problem(display, row=first_line, message=(
            _("the YAML is more than {limit} bytes ({limit_note})").format(
                limit=limit, limit_note=describe('max_yaml_bytes', limit)))))
        return None
    try:
        tag = next((t for t in yaml.scan(text, Loader=yaml.SafeLoader)
                    if isinstance(t, yaml.TagToken)), None)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + first_line
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(display, row=line, message=_("is not valid YAML: {reason}").format(
            reason=reason)))
        return None
    except RecursionError:
        problems.append(Problem(display, row=first_line, message=(
            _("is not a flat mapping: its lists or mappings are nested too deeply"))))
        return None
    if tag is not None:
        handle, suffix = tag.value
        problems.append(Problem(display, row=tag.start_mark.line + first_line, message=(
            _("the YAML tag '{handle}{suffix}' is not allowed: write the plain value "
              "(quoted if it must stay text)").format(handle=handle or '', suffix=suffix))))
        return None
    if node is None:
        return RawRow(first_line, {}, display)
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(display, row=node.start_mark.line + first_line, message=(
            _("must be a mapping of 'field: value' lines"))))
        return None
    row = RawRow(first_line, {}, display)
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + first_line
        key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else "?"
        if key in row.values or key in row.rows:
            problems.append(Problem(display, row=line, column=key, message=(
                _("'{key}' is given twice (first on line {line})").format(
                    key=key, line=row.rows[key]))))
            continue
        row.rows[key] = line
        if not isinstance(value_node, yaml.ScalarNode):
            problems.append(Problem(display, row=line, column=key, message=(
                _("must be a single value, not a list or a mapping"))))
            row.reported.add(key)
            continue
        value = value_node.value.strip()
        if value_node.style is None and value in ("~", "null", "Null", "NULL"):
            value = ""
        if value:
            why = check_cell(value, ctx.limits)
            if why is not None:
                problems.append(Problem(display, row=line, column=key, message=why))
                row.reported.add(key)
                row.refused[key] = value
                continue
            row.values[key] = value
    return row


def _yaml_profile(text: str, display: str, ctx: _Context) -> RawTable | None:
    row = _yaml_mapping(text, display, ctx)
    if row is None:
        return None
    row.file, row.row = None, None
    return RawTable("profile", display, None, list(row.rows), [row])


def _markdown_row(text: str, display: str, ctx: _Context) -> RawRow | None:
    problems = ctx.problems
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(display, row=1, message=(
            _("must start with a YAML front matter: a '---' line, 'section: ...' (and "
              "sasaran_id, order, title), then another '---' line, then the text"))))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        problems.append(Problem(display, row=1, message=(
            _("front matter is not closed: add a '---' line after its last field"))))
        return None
    row = _yaml_mapping("\n".join(lines[1:end]), display, ctx, first_line=2)
    if row is None:
        return None
    if "text" in row.rows:
        problems.append(Problem(display, row=row.rows["text"], column="text", message=(
            _("the text is the Markdown after the front matter; remove 'text' from the front "
              "matter"))))
        row.reported.add("text")
        row.values.pop("text", None)
    body = "\n".join(lines[end + 1:]).strip()
    row.rows["text"] = end + 2
    if body:
        why = check_cell(body, ctx.limits)
        if why is not None:
            problems.append(Problem(display, row=end + 2, column="text", message=why))
            row.reported.add("text")
        else:
            row.values["text"] = body
    row.row = None
    return row


# --- workbook -------------------------------------------------------------------------------


#: What a damaged zip raises while it is read: a broken directory, or a member whose compressed
#: data is corrupt (zlib's "invalid distance too far back").
BROKEN_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error)


def _read_workbook(path: Path, ctx: _Context) -> RawInput:
    from openpyxl import load_workbook  # openpyxl loads slowly: only for workbooks

    display = str(path)
    problems = ctx.problems
    tables: dict[str, RawTable] = {}
    limits = ctx.limits
    data = _read_bytes(path, None, display, limits.max_file_bytes, "max_file_bytes", ctx)
    hasher = _Hasher()
    if data is not None:
        hasher.add(path.name, data)
    result = RawInput(path, "workbook", tables, problems, hasher.hexdigest(), display,
                      ctx.warnings)
    if data is None:
        return result
    if data[:4] == b"\xd0\xcf\x11\xe0":
        problems.append(Problem(display, message=(
            _("is an old-style .xls workbook (or an encrypted one); save it as an unprotected "
              ".xlsx (Excel Workbook)"))))
        return result
    if not data.startswith(b"PK"):
        kind = _("a text file") if _looks_like_text(data) else _("not a zip archive")
        problems.append(Problem(display, message=(
            _("is not an Excel .xlsx workbook (it is {kind}); save it from Excel as .xlsx").format(
                kind=kind))))
        return result
    try:
        sheet_members = _check_zip(data, display, ctx)
    except (*BROKEN_ZIP, ValueError) as exc:
        problems.append(Problem(display, message=(
            _("is a damaged .xlsx workbook (the zip archive is broken: {exc}); save it again "
              "from Excel").format(exc=exc))))
        return result
    if sheet_members is None:
        return result
    if path.suffix.lower() == ".xlsm":
        ctx.warnings.append(Problem(display, message=(
            _("is a macro-enabled workbook: its macros are never run, only the values it "
              "stores are read"))))
    try:
        with _sheets_not_sized():
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False,
                                     keep_links=False)
    except BROKEN_ZIP as exc:
        problems.append(Problem(display, message=(
            _("is a damaged .xlsx workbook (the zip archive is broken: {exc}); save it again "
              "from Excel").format(exc=exc))))
        return result
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a non-workbook zip
        cause = exc.__cause__ or exc.__context__ or exc  # openpyxl wraps what went wrong
        problems.append(Problem(display, message=(
            _("is not a readable .xlsx workbook (a zip archive without a valid workbook inside: "
              "{kind}); save it again from Excel").format(kind=type(cause).__name__))))
        return result
    seen_sheets: dict[str, str] = {}  # table -> the name of its first sheet
    try:
        names = workbook.sheetnames
        if len(names) > limits.max_sheets:
            problems.append(Problem(display, message=(
                _("has {count} sheets, more than {max_sheets} "
                  "({limit_note})").format(
                    count=len(names), max_sheets=limits.max_sheets,
                    limit_note=describe('max_sheets', limits.max_sheets)))))
            return result
        for sheet_name in names:
            name = sheet_name.strip()
            if name.lower() in NOTE_SHEETS or name.startswith("_"):
                continue
            spec = table_for(name)
            if spec is None:
                problems.append(Problem(display, sheet_name, message=(
                    _unknown_table_message(name, "sheet") + " " + _("(sheets named README or "
                    "starting with '_' are ignored)"))))
                continue
            if spec.name in tables or spec.name in seen_sheets:
                first = seen_sheets.get(spec.name, name)
                if first == name:
                    message = _("a second sheet '{name}'").format(name=name)
                else:
                    message = _("sheets '{first}' and '{second}' are the same table ({table}): "
                                "keep one of them; only '{first}' is read").format(
                                    first=first, second=name, table=spec.name)
                problems.append(Problem(display, sheet_name, message=message))
                continue
            seen_sheets[spec.name] = name
            name = spec.name
            sheet = workbook[sheet_name]
            state = getattr(sheet, "sheet_state", "visible")
            if state != "visible":
                problems.append(Problem(display, sheet_name, message=(
                    (_("the sheet is very hidden in Excel; unhide it (or delete it): a hidden "
                       "sheet would be read without being seen") if state == "veryHidden" else
                     _("the sheet is hidden in Excel; unhide it (or delete it): a hidden sheet "
                       "would be read without being seen")))))
                continue
            if not hasattr(sheet, "_get_source"):
                problems.append(Problem(display, sheet_name, message=(
                    _("is a chart sheet, not a table; rename it (README or starting with '_') or "
                      "delete it"))))
                continue
            if ctx.exhausted:
                break
            try:
                table = _sheet_table(name, sheet, workbook, display, sheet_name, ctx)
            except Exception as exc:  # noqa: BLE001 - a sheet whose XML is broken
                problems.append(Problem(display, sheet_name, message=(
                    _("cannot be read ({kind}: {exc}); save "
                      "the workbook again").format(
                        kind=type(exc).__name__, exc=_short(str(exc), 120)))))
                continue
            read = _profile_from_sheet(table, problems) if name == PROFILE.name else table
            if read is not None:
                resolve_columns(spec, read, problems)
                tables[name] = read
    finally:
        workbook.close()
    return result


@contextlib.contextmanager
def _sheets_not_sized():
    """Open a read-only workbook without sizing its sheets.

    openpyxl's read-only worksheet reads each sheet's ``<dimension>`` when it is created; a sheet
    without one (openpyxl's own write-only mode writes none) is parsed to its end for nothing,
    which doubled the reading time of a big workbook. :func:`_sheet_table` streams the rows and
    never uses the declared size, so sizing is skipped while the workbook is opened.
    """
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # openpyxl: workbooks only

    original = ReadOnlyWorksheet._get_size
    ReadOnlyWorksheet._get_size = lambda self: None
    try:
        yield
    finally:
        ReadOnlyWorksheet._get_size = original


def _check_zip(data: bytes, display: str, ctx: _Context) -> dict[str, str] | None:
    """Check the workbook's zip directory against the limits before anything is decompressed.

    Returns the sheet name of each worksheet member (for messages), or ``None`` when a limit is
    exceeded (reported). The sizes are the declared ones: ``zipfile`` never yields more bytes
    than a member declares (a member that lies fails its CRC check instead).
    """
    limits = ctx.limits
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            ctx.problems.append(Problem(display, message=(
                _("is a zip archive of {count} files, more than "
                  "{max_zip_members} ({limit_note})").format(
                    count=len(members), max_zip_members=limits.max_zip_members,
                    limit_note=describe('max_zip_members', limits.max_zip_members)))))
            return None
        seen: set[str] = set()
        for member in members:
            if member.filename in seen:
                ctx.problems.append(Problem(display, message=(
                    _("holds two zip members named '{filename}'; save it again from Excel").format(
                        filename=member.filename))))
                return None
            seen.add(member.filename)
        sheets = _sheet_names(archive, limits)
        ok = True
        total = sum(m.file_size for m in members)
        if total > limits.max_unzipped_bytes:
            largest = max(members, key=lambda m: m.file_size)
            ctx.problems.append(Problem(display, sheets.get(largest.filename), message=(
                _("unzips to {total} bytes, more than {max_unzipped_bytes} "
                  "({limit_note}); the largest "
                  "part is {filename} ({file_size} bytes)").format(
                    total=total, max_unzipped_bytes=limits.max_unzipped_bytes,
                    limit_note=describe('max_unzipped_bytes', limits.max_unzipped_bytes),
                    filename=largest.filename, file_size=largest.file_size))))
            ok = False
        for member in members:
            if member.file_size <= RATIO_FLOOR:
                continue
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                ctx.problems.append(Problem(display, sheets.get(member.filename), message=(
                    _("{filename} expands {ratio:.0f} times when unzipped "
                      "({compress_size} -> {file_size} bytes), more than "
                      "{max_compression_ratio} "
                      "({limit_note})").format(
                        filename=member.filename, ratio=ratio, compress_size=member.compress_size,
                        file_size=member.file_size,
                        max_compression_ratio=limits.max_compression_ratio,
                        limit_note=describe('max_compression_ratio', limits.max_compression_ratio)))))
                ok = False
        return sheets if ok else None


def _sheet_names(archive: zipfile.ZipFile, limits: Limits) -> dict[str, str]:
    """``xl/worksheets/sheetN.xml`` -> sheet name, read from the small workbook parts; ``{}``
    when they are missing, too big or unreadable (openpyxl then says what is wrong)."""
    try:
        parts = {}
        for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            info = archive.getinfo(name)
            if info.file_size > limits.max_yaml_bytes:
                return {}
            parts[name] = archive.read(name).decode("utf-8", "replace")
    except (KeyError, *BROKEN_ZIP, ValueError, OSError, NotImplementedError):
        return {}
    targets = {}
    for rel in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*>", parts["xl/_rels/workbook.xml.rels"]):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', rel.group(0)))
        if "Id" in attrs and "Target" in attrs:
            target = attrs["Target"]
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            targets[attrs["Id"]] = target
    names = {}
    for sheet in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", parts["xl/workbook.xml"]):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', sheet.group(0)))
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        if rid in targets and "name" in attrs:
            names[targets[rid]] = _xml_unescape(attrs["name"])
    return names


def _xml_unescape(text: str) -> str:
    return unescape(text, {"&quot;": '"', "&apos;": "'"})


def _looks_like_text(data: bytes) -> bool:
    sample = data[:2048]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\0" not in sample


def _cell_text(cell, table: RawTable, line: int, column: str | None,
               problems: list[Problem]) -> str | None:
    """The text an analyst sees in a cell; formulas and Excel errors become problems."""
    value = cell.value
    if value is None:
        return None
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        formula = value if isinstance(value, str) else getattr(value, "text", "") or "formula"
        problems.append(Problem(table.file, table.sheet, line, column, (
            _("cell holds a formula ({formula}); enter the value itself").format(
                formula=_short(str(formula))))))
        return None
    if kind == "e":
        problems.append(Problem(table.file, table.sheet, line, column, (
            _("cell holds the Excel error {value}; enter the value itself").format(value=value))))
        return None
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        percent = "%" in (getattr(cell, "number_format", None) or "")
        return number_text(value, percent)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def number_text(value: float, percent: bool = False) -> str:
    """Write a numeric Excel cell the Indonesian way (``93,75``), as Excel shows it.

    A decimal comma keeps ``1.234`` (one point two three four) from being read later as the
    thousands-grouped 1234. Percent-formatted cells hold a fraction (0.9375 for 93,75%).
    """
    if not math.isfinite(value):
        return str(value)
    number = Decimal(format(value, ".15g"))
    if percent:
        number *= 100
    text = format(number.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(".", ",")
    return text + ("%" if percent else "")


def _sheet_table(name: str, sheet, workbook, display: str, sheet_name: str,
                 ctx: _Context) -> RawTable:
    """Read one sheet row by row with openpyxl's streaming parser.

    Only rows that hold a value are handled (never the padding that a sheet's declared
    dimension would imply), and reading stops at the row and column limits. Merged cells are
    refused; hidden rows and columns holding values are warned about.
    """
    from openpyxl.cell.read_only import ReadOnlyCell  # openpyxl: workbooks only
    from openpyxl.utils import get_column_letter  # openpyxl: workbooks only
    from openpyxl.worksheet._reader import WorkSheetParser  # the streaming sheet parser

    problems = ctx.problems
    limits = ctx.limits
    table = RawTable(name, display, sheet_name, [])
    header: list[str] | None = None
    header_seen = False
    wide_reported = False
    data_rows: list[int] = []
    data_columns: set[int] = set()
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=False,
                                 epoch=workbook.epoch, date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        for line, parsed in parser.parse():
            cells = [c for c in parsed if c["value"] is not None]
            if not cells:
                continue
            if any(c["column"] > limits.max_columns for c in cells):
                if not wide_reported:
                    far = max(c["column"] for c in cells)
                    problems.append(Problem(display, sheet_name, line, None, (
                        _("has a value in column {letter} (column {far}), beyond "
                          "{max_columns} columns ({limit_note})").format(
                            letter=get_column_letter(far), far=far, max_columns=limits.max_columns,
                            limit_note=describe('max_columns', limits.max_columns)))))
                    wide_reported = True
                cells = [c for c in cells if c["column"] <= limits.max_columns]
                if not cells:
                    continue
            width = max(c["column"] for c in cells)
            row_cells = [None] * width
            for c in cells:
                row_cells[c["column"] - 1] = ReadOnlyCell(sheet, **c)
            if not header_seen:
                header_seen = True
                if line != 1:
                    problems.append(Problem(display, sheet_name, 1, None, (
                        _("row 1 must hold the column names"))))
                    break
                texts = [None if c is None else _cell_text(c, table, line, None, problems)
                         for c in row_cells]
                header = [(t or "").strip() for t in texts]
                if not any(header):
                    problems.append(Problem(display, sheet_name, 1, None, (
                        _("row 1 must hold the column names"))))
                    break
                table.columns = header
                continue
            assert header is not None
            if not _row_within_limit(table, line, [c["value"] for c in cells], ctx):
                break
            record = []
            reported: set[str] = set()
            numeric: set[str] = set()
            for index, cell in enumerate(row_cells):
                column = header[index] if index < len(header) else None
                text = None if cell is None else _cell_text(cell, table, line, column, problems)
                record.append(text or "")
                if cell is not None and cell.data_type in ("f", "e") and column:
                    reported.add(column)
                if cell is not None and cell.data_type == "n" and column:
                    numeric.add(column)
            added = _add_record(table, header, record, line, ctx, reported=reported)
            if added is not None:
                added.numeric = numeric
                data_rows.append(line)
                data_columns.update(i + 1 for i, c in enumerate(row_cells) if c is not None)
        else:
            _merged_and_hidden(parser, table, data_rows, data_columns, ctx)
    return table


def _merged_and_hidden(parser, table: RawTable, data_rows: list[int], data_columns: set[int],
                       ctx: _Context) -> None:
    """Merged ranges are refused (only their first cell holds the value); hidden rows and
    columns that hold data are warned about (they are read, but not seen in Excel)."""
    from openpyxl.utils import get_column_letter  # openpyxl: workbooks only

    merged = getattr(parser, "merged_cells", None)
    for merged_range in getattr(merged, "mergeCell", None) or ():
        ref = str(merged_range.ref)
        first = ref.split(":", 1)[0]
        row = int("".join(ch for ch in first if ch.isdigit()) or 0) or None
        ctx.problems.append(Problem(table.file, table.sheet, row, None, (
            _("cells {ref} are merged; unmerge them and type the value in every cell (only the "
              "first cell of a merged range holds a value)").format(ref=ref))))
    hidden_rows = [r for r in data_rows
                   if str(parser.row_dimensions.get(str(r), {}).get("hidden", "0")) in ("1", "true")]
    if hidden_rows:
        ctx.warnings.append(Problem(table.file, table.sheet, hidden_rows[0], None, (
            _("hidden (or filtered out) rows hold data and are read all the same: rows {rows}")
            .format(rows=_ranges(hidden_rows)))))
    hidden_columns = []
    for attrs in parser.column_dimensions.values():
        if str(attrs.get("hidden", "0")) not in ("1", "true"):
            continue
        try:
            low, high = int(attrs.get("min", 0)), int(attrs.get("max", 0))
        except ValueError:
            continue
        hidden_columns += [c for c in sorted(data_columns) if low <= c <= high]
    if hidden_columns:
        letters = ", ".join(get_column_letter(c) for c in sorted(set(hidden_columns))[:20])
        ctx.warnings.append(Problem(table.file, table.sheet, None, None, (
            _("hidden columns hold data and are read all the same: {letters}").format(
                letters=letters))))


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    following: list[int | None] = [*numbers[1:], None]
    for n in following:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts[:20]) + (" ..." if len(parts) > 20 else "")


def _profile_from_sheet(table: RawTable, problems: list[Problem]) -> RawTable | None:
    """Turn the two-column ``field``/``value`` sheet into a one-row profile table (the columns
    may carry their Indonesian labels ``Isian``/``Nilai``/``Keterangan``)."""
    by_label = {label: key for key, label in PROFILE_SHEET_COLUMNS.items()}
    _rename_columns(table, lambda written: written if written in PROFILE_SHEET_COLUMNS
                    else by_label.get(written), problems, lambda written: 1)
    missing = [c for c in ("field", "value") if c not in table.columns]
    if missing:
        problems.append(Problem(table.file, table.sheet, 1, None, _(
            "the profile sheet needs two columns named '{field}' and '{value}' (or 'field' and "
            "'value') in row 1").format(field=PROFILE_SHEET_COLUMNS["field"],
                                        value=PROFILE_SHEET_COLUMNS["value"])))
        return None
    for extra in table.columns:
        if extra and extra not in ("field", "value", "description"):
            problems.append(Problem(table.file, table.sheet, 1, extra, (
                _("unknown column; the profile sheet has only 'field' and 'value'"))))
    profile = RawRow(None, {})
    for row in table.rows:
        key = row.values.get("field", "").strip()
        if not key:
            if row.values.get("value"):
                problems.append(Problem(table.file, table.sheet, row.row, table.written.get("field", "field"), (
                    _("is empty; name the profile field this value is for"))))
            continue
        if key in profile.rows:
            problems.append(Problem(table.file, table.sheet, row.row, table.written.get("field", "field"), (
                _("'{key}' is given twice (first on row {row})").format(
                    key=key, row=profile.rows[key]))))
            continue
        # rows of a sheet always carry their line number (_sheet_table numbers every row)
        profile.rows[key] = cast(int, row.row)
        if "value" in row.values:
            profile.values[key] = row.values["value"]
        if "value" in row.reported:
            profile.reported.add(key)
    return RawTable("profile", table.file, table.sheet, list(profile.rows), [profile])
