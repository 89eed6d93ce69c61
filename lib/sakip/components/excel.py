"""Tables of the compare and summary reports, shown in HTML and downloadable as one workbook.

A :class:`DataTable` holds raw values (``Decimal``, ``int``, text) and typed columns; the views
format it for HTML with :mod:`sakip.compute.formatting`, and :func:`write_workbook` writes it to a sheet
with numbers kept as numbers and Indonesian-style number formats (``#.##0`` thousands, two
decimals for percentages, ``Rp`` for amounts; Excel shows the separators of the reader's locale,
so an Indonesian Excel shows ``1.024,07``).

Text cells beginning with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) are written with
a leading apostrophe, so a name typed as ``=HYPERLINK(...)`` in an input can never run as a formula
in the workbook (CSV/formula injection, OWASP).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional, Sequence

#: Column kinds: how a value is shown and written.
KINDS = ("text", "int", "pct", "points", "rupiah", "kriteria", "pct_kriteria", "list", "rank")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

NUMBER_FORMATS = {
    "int": "#,##0",
    "rank": "0",
    "pct": '#,##0.00"%"',
    "pct_kriteria": '#,##0.00"%"',
    "points": '+#,##0.00;-#,##0.00;0,00',
    "rupiah": '"Rp "#,##0',
}


@dataclass(frozen=True)
class Col:
    header: str
    key: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass
class DataTable:
    """A titled table of raw values; ``pct_kriteria`` cells are ``(capaian, kriteria)`` pairs,
    ``kriteria`` cells a label, ``list`` cells a list of texts."""

    title: str
    columns: Sequence[Col]
    rows: list[dict] = field(default_factory=list)
    source: Optional[str] = None
    note: Optional[str] = None


def safe_text(text: Any) -> str:
    """Text that a spreadsheet shows as text, never evaluates: a leading apostrophe before
    ``=``, ``+``, ``-``, ``@``, tab or carriage return."""
    text = "" if text is None else str(text)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # Excel stores doubles; the Decimal is exact up to that point
    return value


def excel_value(value: Any, kind: str) -> Any:
    """The cell value of a raw value: a number for numeric kinds, escaped text otherwise."""
    if value is None:
        return None
    if kind == "pct_kriteria":
        value = value[0]
    if kind in NUMBER_FORMATS:
        return None if value is None else _number(value)
    if kind == "list":
        return safe_text(", ".join(str(v) for v in value))
    return safe_text(value)


def sheet_name(label: str, used: set[str]) -> str:
    """'Tabel 1.1' as a sheet name (≤ 31 characters, none of []:*?/\\), unique in the workbook."""
    name = "".join(c for c in label if c not in '[]:*?/\\')[:31] or "Tabel"
    base, n = name, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        name = base[:31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def write_workbook(path: Path, tables: Sequence[tuple[str, DataTable]], *, title: str = "",
                   colours: Optional[dict[str, str]] = None) -> Path:
    """Write one sheet per table (``label`` like 'Tabel 1.1', and the table) after a 'Daftar'
    sheet listing them; ``colours`` maps kriteria labels to #rrggbb fills."""
    # function-local: openpyxl takes ~0,4 s to import and only the workbook download needs it
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill  # function-local: as Workbook above
    from openpyxl.utils import get_column_letter  # function-local: as Workbook above

    colours = colours or {}
    wb = Workbook()
    index = wb.active
    index.title = "Daftar"
    index.append([safe_text(title or "Daftar Tabel")])
    index["A1"].font = Font(bold=True, size=12)
    index.append([])
    index.append(["Sheet", "Tabel"])
    for cell in index[3]:
        cell.font = Font(bold=True)
    used = {"Daftar"}
    bold = Font(bold=True)
    for label, table in tables:
        name = sheet_name(label, used)
        index.append([name, safe_text(f"{label} {table.title}")])
        ws = wb.create_sheet(name)
        ws.append([safe_text(f"{label} {table.title}")])
        ws["A1"].font = Font(bold=True, size=12)
        ws.append([])
        ws.append([safe_text(c.header) for c in table.columns])
        for cell in ws[3]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for record in table.rows:
            values = [excel_value(record.get(c.key), c.kind) for c in table.columns]
            ws.append(values)
            row = ws.max_row
            for i, c in enumerate(table.columns, 1):
                cell = ws.cell(row=row, column=i)
                if c.kind in NUMBER_FORMATS:
                    cell.number_format = NUMBER_FORMATS[c.kind]
                label_k = None
                raw = record.get(c.key)
                if c.kind == "kriteria":
                    label_k = raw
                elif c.kind == "pct_kriteria" and raw is not None:
                    label_k = raw[1]
                colour = colours.get(label_k or "")
                if colour:
                    cell.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
        extra = [t for t in (table.note, f"Sumber: {table.source}" if table.source else None) if t]
        if extra:
            ws.append([])
            for text in extra:
                ws.append([safe_text(text)])
        for i, c in enumerate(table.columns, 1):
            width = max([len(c.header)] + [len(str(excel_value(r.get(c.key), c.kind) or ""))
                                           for r in table.rows[:200]])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
        ws.freeze_panes = "A4"
    index.column_dimensions["A"].width = 14
    index.column_dimensions["B"].width = 90
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


_NUMERIC_KINDS = ("int", "rank", "pct", "points", "rupiah")


def _raw_to_json(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "pct_kriteria":
        number, label = value
        return [None if number is None else str(number), label]
    if kind in _NUMERIC_KINDS:
        return str(value) if isinstance(value, Decimal) else value
    if kind == "list":
        return [str(v) for v in value]
    return str(value)


def _raw_from_json(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "pct_kriteria":
        number, label = value
        return (None if number is None else Decimal(number), label)
    if kind in _NUMERIC_KINDS:
        return Decimal(value) if isinstance(value, str) else value
    return value


def excel_json(table: DataTable) -> dict[str, Any]:
    """A DataTable as JSON (Decimals as exact strings): what an executed notebook carries so that
    the renderer writes the workbook from the very table the page shows."""
    return {"title": table.title, "source": table.source, "note": table.note,
            "columns": [{"header": c.header, "key": c.key, "kind": c.kind} for c in table.columns],
            "rows": [{c.key: _raw_to_json(r.get(c.key), c.kind) for c in table.columns}
                     for r in table.rows]}


def excel_from_json(data: dict[str, Any]) -> DataTable:
    """The inverse of :func:`excel_json`."""
    columns = [Col(c["header"], c["key"], c["kind"]) for c in data["columns"]]
    rows = [{c.key: _raw_from_json(r.get(c.key), c.kind) for c in columns} for r in data["rows"]]
    return DataTable(data["title"], columns, rows, source=data.get("source"), note=data.get("note"))
