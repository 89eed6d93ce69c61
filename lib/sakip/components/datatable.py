"""A :class:`~sakip.components.excel.DataTable` of raw values as a displayed :class:`Table`.

The compare and summary reports build each table once, as a DataTable (numbers as ``Decimal``,
typed columns); :func:`table` formats its cells for the page and keeps the DataTable in the
element's ``data``, from which the renderer writes the workbook. So the page and the workbook
show the same table, computed once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from sakip.components import html as h
from sakip.components.elements import Cell, Column, Table, badge
from sakip.components.excel import DataTable
from sakip.compute.formatting import fmt_int, fmt_number, fmt_pct, fmt_rupiah
from sakip.compute.kriteria import NOT_MEASURABLE, NOT_MEASURABLE_COLOUR, KriteriaScale
from sakip.crossagency import shown

#: Alignment per column kind (numbers, the default, are right-aligned).
ALIGN = {"text": "left", "list": "left", "kriteria": "center", "pct_kriteria": "center",
         "rank": "center"}


def kriteria_colours(scale: KriteriaScale) -> dict[str, str]:
    """The colour of every kriteria label of ``scale`` (and of 'Tidak Dapat Diukur')."""
    colours = {b.label: b.colour for b in scale.bands}
    colours[NOT_MEASURABLE] = NOT_MEASURABLE_COLOUR
    return colours


def _points(value: Any) -> str:
    """A change in points with its sign: "+1,25", "-0,40", "0,00"."""
    return ("+" if shown(Decimal(value)) > 0 else "") + fmt_number(value)


_TEXT: dict[str, Callable[[Any], str]] = {
    "int": fmt_int,
    "rank": str,
    "pct": fmt_pct,
    "points": _points,
    "rupiah": fmt_rupiah,
    "list": lambda v: ", ".join(v) if v else "-",
}


def cell(value: Any, kind: str, colours: dict[str, str]) -> Cell:
    """One displayed cell of a raw value of column kind ``kind``: a kriteria is a badge; a
    capaian coloured by its kriteria is a badge whose label is the capaian, with the kriteria
    named in the badge's title and in the cell's text; a missing value is "-"."""
    if kind == "pct_kriteria":
        capaian, kriteria = value if value is not None else (None, None)
        if kriteria is None:
            return ""
        text = "-" if capaian is None else fmt_pct(capaian)
        html = h.kriteria_badge(text, colours.get(kriteria)).replace(
            'class="kriteria"', f'class="kriteria" title="{h.esc(kriteria)}"')
        return {"html": html, "text": f"{text} ({kriteria})"}
    if kind == "kriteria":
        return badge(value, colours.get(value or NOT_MEASURABLE))
    if value is None:
        return "-"
    return _TEXT.get(kind, str)(value)


def table(data: DataTable, scale: KriteriaScale) -> Table:
    """The Table element of ``data``: formatted cells for the page, ``data`` kept for the
    workbook. A table without rows still shows its columns, noted "Tidak ada data."."""
    colours = kriteria_colours(scale)
    rows = tuple(tuple(cell(r.get(c.key), c.kind, colours) for c in data.columns) for r in data.rows)
    note = data.note if rows else " ".join(t for t in ("Tidak ada data.", data.note) if t)
    return Table(data.title, tuple(Column(c.header, ALIGN.get(c.kind, "right")) for c in data.columns),
                 rows, note=note, source=data.source, data=data)
