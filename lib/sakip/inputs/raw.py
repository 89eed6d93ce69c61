"""Read an agency's folder or workbook into raw text tables, without judging the values.

Every cell is kept as the text an analyst typed, so identifiers such as ``010`` stay ``010``
and Indonesian numerals reach :mod:`sakip.model.parsing` untouched. Problems that make a file or a
cell unreadable (not a workbook, not UTF-8, invalid YAML, a formula) are collected, never
raised one by one. Inputs are only ever opened for reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Sequence, cast

import yaml

from sakip.inputs.problems import Problem
from sakip.model.schema import BY_NAME, PROFILE

#: First-cell prefix that marks the template's example rows; such rows are skipped.
EXAMPLE_PREFIX = "contoh:"
#: Workbook sheets that hold notes or helper lists rather than a table.
NOTE_SHEETS = {"readme", "petunjuk"}
PROFILE_FILE = "profile.yaml"
NARRATIVE_DIR = "narrative"


@dataclass
class RawRow:
    """One data row: the non-empty cells as text, keyed by column name."""

    row: int | None
    values: dict[str, str]
    file: str | None = None  # when the row has a file of its own (narrative/*.md)
    rows: dict[str, int] = field(default_factory=dict)  # per-column line (YAML mappings)
    reported: set[str] = field(default_factory=set)  # columns whose cell already has a problem

    def row_of(self, column: str | None) -> int | None:
        return self.rows.get(column, self.row) if column else self.row


@dataclass
class RawTable:
    name: str
    file: str
    sheet: str | None
    columns: list[str]
    rows: list[RawRow] = field(default_factory=list)

    def problem(self, message: str, row: RawRow | None = None, column: str | None = None,
                line: int | None = None) -> Problem:
        file = (row.file if row is not None and row.file else self.file)
        if line is None and row is not None:
            line = row.row_of(column)
        return Problem(file, self.sheet, line, column, message)


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


def read_input(path: Path | str) -> RawInput:
    """Read a folder or an ``.xlsx`` workbook; raise ``FileNotFoundError`` if it is absent."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if path.is_dir():
        return _read_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    if suffix == ".csv":
        message = ("is a single CSV file; give the agency's folder (profile.yaml plus one CSV "
                   "per table) or an .xlsx workbook")
    elif suffix == ".xls":
        message = "is an old-style .xls workbook; save it as .xlsx (Excel Workbook) first"
    else:
        message = "is neither an agency folder nor an .xlsx workbook"
    return RawInput(path, "file", {}, [Problem(str(path), message=message)], "", str(path))


# --- folder ---------------------------------------------------------------------------------


def _decode(data: bytes, display: str, problems: list[Problem]) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(display, row=line, message=(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as "
            "'CSV UTF-8' or UTF-8 text")))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_folder(folder: Path) -> RawInput:
    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    hasher = _Hasher()

    profile_path = folder / PROFILE_FILE
    if profile_path.is_file():
        data = profile_path.read_bytes()
        hasher.add(PROFILE_FILE, data)
        text = _decode(data, str(profile_path), problems)
        if text is not None:
            table = _yaml_profile(text, str(profile_path), problems)
            if table is not None:
                tables["profile"] = table
    for extra in ("profile.yml", "profile.csv"):
        if (folder / extra).exists():
            problems.append(Problem(str(folder / extra), message=(
                f"the profile must be written as {PROFILE_FILE} (a YAML mapping); "
                "rename or remove this file")))

    for csv_path in sorted(folder.glob("*.csv")) + sorted(folder.glob("*.CSV")):
        name = csv_path.stem
        display = str(csv_path)
        if name == "profile":
            continue
        if name not in BY_NAME or name == "narrative":
            problems.append(Problem(display, message=_unknown_table_message(name, "file")))
            continue
        data = csv_path.read_bytes()
        hasher.add(csv_path.name, data)
        text = _decode(data, display, problems)
        if text is not None:
            tables[name] = _csv_table(name, text, display, problems)

    narrative_dir = folder / NARRATIVE_DIR
    if narrative_dir.is_dir():
        md_files = sorted(p for p in narrative_dir.iterdir() if p.suffix.lower() == ".md")
        table = RawTable("narrative", str(narrative_dir), None, [])
        for md in md_files:
            data = md.read_bytes()
            hasher.add(f"{NARRATIVE_DIR}/{md.name}", data)
            text = _decode(data, str(md), problems)
            if text is not None:
                row = _markdown_row(text, str(md), problems)
                if row is not None:
                    table.rows.append(row)
        table.columns = list(dict.fromkeys(c for r in table.rows for c in r.values))
        if table.rows:
            tables["narrative"] = table
    return RawInput(folder, "folder", tables, problems, hasher.hexdigest(), str(folder))


def _unknown_table_message(name: str, what: str) -> str:
    import difflib

    if name == "narrative" and what == "file":
        return "narrative text goes into narrative/*.md files with a YAML front matter, not a CSV"
    known = [t.name for t in BY_NAME.values()]
    close = difflib.get_close_matches(name.lower(), known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known tables: {', '.join(known)}"
    return f"'{name}' is not a known table{hint}"


def _csv_table(name: str, text: str, display: str, problems: list[Problem]) -> RawTable:
    first_line = text.split("\n", 1)[0]
    # Excel in an Indonesian locale saves "CSV" with semicolons (the comma is the decimal mark).
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = RawTable(name, display, None, [])
    header: list[str] | None = None
    last_line = 0
    try:
        for record in reader:
            line, last_line = last_line + 1, reader.line_num
            if header is None:
                header = [c.strip() for c in record]
                table.columns = header
                continue
            _add_record(table, header, record, line, problems)
    except csv.Error as exc:
        problems.append(Problem(display, row=reader.line_num, message=f"is not valid CSV: {exc}"))
    if header is None:
        problems.append(Problem(display, row=1, message="is empty; the first line must hold the "
                                "column names"))
    return table


def _add_record(table: RawTable, header: list[str], record: Sequence[str | None], line: int,
                problems: list[Problem], file: str | None = None) -> None:
    cells = [("" if c is None else c) for c in record]
    if all(not c.strip() for c in cells):
        return
    values: dict[str, str] = {}
    for index, cell in enumerate(cells):
        text = cell.strip()
        if not text:
            continue
        column = header[index] if index < len(header) else ""
        if not column:
            problems.append(Problem(file or table.file, table.sheet, line, None, (
                f"value '{_short(text)}' in column {index + 1}, which has no name in the "
                "header row")))
            continue
        values.setdefault(column, text)
    first = next((c.strip() for c in cells if c.strip()), "")
    if first.lower().startswith(EXAMPLE_PREFIX):
        return
    table.rows.append(RawRow(line, values, file))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yaml_mapping(text: str, display: str, problems: list[Problem],
                  first_line: int = 1) -> RawRow | None:
    """Read a flat YAML mapping keeping every scalar exactly as written (no 010 -> 8)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + first_line
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(display, row=line, message=f"is not valid YAML: {reason}"))
        return None
    if node is None:
        return RawRow(first_line, {}, display)
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(display, row=node.start_mark.line + first_line, message=(
            "must be a mapping of 'field: value' lines")))
        return None
    row = RawRow(first_line, {}, display)
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + first_line
        key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else "?"
        if key in row.values or key in row.rows:
            problems.append(Problem(display, row=line, column=key, message=(
                f"'{key}' is given twice (first on line {row.rows[key]})")))
            continue
        row.rows[key] = line
        if not isinstance(value_node, yaml.ScalarNode):
            problems.append(Problem(display, row=line, column=key, message=(
                "must be a single value, not a list or a mapping")))
            row.reported.add(key)
            continue
        value = value_node.value.strip()
        if value_node.style is None and value in ("~", "null", "Null", "NULL"):
            value = ""
        if value:
            row.values[key] = value
    return row


def _yaml_profile(text: str, display: str, problems: list[Problem]) -> RawTable | None:
    row = _yaml_mapping(text, display, problems)
    if row is None:
        return None
    row.file, row.row = None, None
    return RawTable("profile", display, None, list(row.rows), [row])


def _markdown_row(text: str, display: str, problems: list[Problem]) -> RawRow | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(display, row=1, message=(
            "must start with a YAML front matter: a '---' line, 'section: ...' (and "
            "sasaran_id, order, title), then another '---' line, then the text")))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        problems.append(Problem(display, row=1, message=(
            "front matter is not closed: add a '---' line after its last field")))
        return None
    row = _yaml_mapping("\n".join(lines[1:end]), display, problems, first_line=2)
    if row is None:
        return None
    if "text" in row.rows:
        problems.append(Problem(display, row=row.rows["text"], column="text", message=(
            "the text is the Markdown after the front matter; remove 'text' from the front "
            "matter")))
        row.reported.add("text")
        row.values.pop("text", None)
    body = "\n".join(lines[end + 1:]).strip()
    if body:
        row.values["text"] = body
    row.rows["text"] = end + 2
    row.row = None
    return row


# --- workbook -------------------------------------------------------------------------------


def _read_workbook(path: Path) -> RawInput:
    from openpyxl import load_workbook

    display = str(path)
    data = path.read_bytes()
    hasher = _Hasher()
    hasher.add(path.name, data)
    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    result = RawInput(path, "workbook", tables, problems, hasher.hexdigest(), display)
    if data[:4] == b"\xd0\xcf\x11\xe0":
        problems.append(Problem(display, message=(
            "is an old-style .xls workbook (or an encrypted one); save it as an unprotected "
            ".xlsx (Excel Workbook)")))
        return result
    if not data.startswith(b"PK"):
        kind = "a text file" if _looks_like_text(data) else "not a zip archive"
        problems.append(Problem(display, message=(
            f"is not an Excel .xlsx workbook (it is {kind}); save it from Excel as .xlsx")))
        return result
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        problems.append(Problem(display, message=(
            f"is a damaged .xlsx workbook (the zip archive is broken: {exc}); save it again "
            "from Excel")))
        return result
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a non-workbook zip
        problems.append(Problem(display, message=(
            "is not a readable .xlsx workbook (a zip archive without a valid workbook inside: "
            f"{type(exc).__name__}); save it again from Excel")))
        return result
    try:
        for sheet_name in workbook.sheetnames:
            name = sheet_name.strip()
            if name.lower() in NOTE_SHEETS or name.startswith("_"):
                continue
            if name not in BY_NAME:
                problems.append(Problem(display, sheet_name, message=(
                    _unknown_table_message(name, "sheet") + " (sheets named README or starting "
                    "with '_' are ignored)")))
                continue
            if name in tables:
                problems.append(Problem(display, sheet_name, message=f"a second sheet '{name}'"))
                continue
            try:
                table = _sheet_table(name, workbook[sheet_name], display, sheet_name, problems)
            except Exception as exc:  # noqa: BLE001 - a sheet whose XML is broken
                problems.append(Problem(display, sheet_name, message=(
                    f"cannot be read ({type(exc).__name__}: {exc}); save the workbook again")))
                continue
            read = _profile_from_sheet(table, problems) if name == PROFILE.name else table
            if read is not None:
                tables[name] = read
    finally:
        workbook.close()
    return result


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
            f"cell holds a formula ({_short(str(formula))}); enter the value itself")))
        return None
    if kind == "e":
        problems.append(Problem(table.file, table.sheet, line, column, (
            f"cell holds the Excel error {value}; enter the value itself")))
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


def _sheet_table(name: str, sheet, display: str, sheet_name: str,
                 problems: list[Problem]) -> RawTable:
    table = RawTable(name, display, sheet_name, [])
    header: list[str] | None = None
    for line, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
        if header is None:
            texts = [_cell_text(c, table, line, None, problems) for c in cells]
            if all(t is None or not t.strip() for t in texts):
                if line == 1 and _sheet_has_data(sheet):
                    problems.append(Problem(display, sheet_name, 1, None, (
                        "row 1 must hold the column names")))
                break
            header = [(t or "").strip() for t in texts]
            table.columns = header
            continue
        record = []
        for index, cell in enumerate(cells):
            column = header[index] if index < len(header) else None
            record.append(_cell_text(cell, table, line, column, problems) or "")
        before = len(table.rows)
        _add_record(table, header, record, line, problems)
        if len(table.rows) > before:
            row = table.rows[-1]
            for index, cell in enumerate(cells):
                if getattr(cell, "data_type", None) in ("f", "e") and index < len(header):
                    row.reported.add(header[index])
    return table


def _sheet_has_data(sheet) -> bool:
    return any(v is not None and str(v).strip() for r in sheet.iter_rows(values_only=True)
               for v in r)


def _profile_from_sheet(table: RawTable, problems: list[Problem]) -> RawTable | None:
    """Turn the two-column ``field``/``value`` sheet into a one-row profile table."""
    missing = [c for c in ("field", "value") if c not in table.columns]
    if missing:
        problems.append(Problem(table.file, table.sheet, 1, None, (
            "the profile sheet needs two columns named 'field' and 'value' in row 1")))
        return None
    for extra in table.columns:
        if extra and extra not in ("field", "value", "description"):
            problems.append(Problem(table.file, table.sheet, 1, extra, (
                "unknown column; the profile sheet has only 'field' and 'value'")))
    profile = RawRow(None, {})
    for row in table.rows:
        key = row.values.get("field", "").strip()
        if not key:
            if row.values.get("value"):
                problems.append(Problem(table.file, table.sheet, row.row, "field", (
                    "is empty; name the profile field this value is for")))
            continue
        if key in profile.rows:
            problems.append(Problem(table.file, table.sheet, row.row, "field", (
                f"'{key}' is given twice (first on row {profile.rows[key]})")))
            continue
        # rows of a sheet always carry their line number (_sheet_table numbers every row)
        profile.rows[key] = cast(int, row.row)
        if "value" in row.values:
            profile.values[key] = row.values["value"]
        if "value" in row.reported:
            profile.reported.add(key)
    return RawTable("profile", table.file, table.sheet, list(profile.rows), [profile])
