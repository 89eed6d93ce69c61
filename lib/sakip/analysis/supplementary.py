"""Supplementary tables (``supplementary.csv``): the city and national data, job seekers,
placements, industry figures an LKjIP prints next to its analyses (seed 004 Tabel 3.17, 3.18 and
the unnumbered tables of sasaran 1).

Cells are grouped into tables (``table_id``), rows and columns in the order of the input. A
table is shown where its ``placement`` says (one of the seven analyses of its sasaran in BAB III,
BAB I, 3.3 or the lampiran; default: "capaian" of its sasaran, else the lampiran), with a chart
when ``chart`` asks for one. Values are read with the one rule of
:attr:`sakip.model.rows.SupplementaryCell.number` (``1,853`` of a whole unit is 1.853) and shown
with the decimals they were typed with; totals are shown as printed (the audit checks them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sakip.compute.formatting import typed_places
from sakip.model import rows as m
from sakip.model.agency import Agency

#: Where a table without a placement goes: with its sasaran's capaian, else in the lampiran.
DEFAULT_SASARAN_PLACEMENT = "capaian"
DEFAULT_PLACEMENT = "lampiran"


@dataclass(frozen=True)
class SupplementaryTable:
    """One supplementary table: its cells by (row, column), rows and columns in input order."""

    table_id: str
    title: str
    sasaran_id: Optional[str]
    placement: str
    chart: Optional[str]
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], m.SupplementaryCell]
    source: Optional[str]
    doc_ref: Optional[str]

    def cell(self, row: str, column: str) -> Optional[m.SupplementaryCell]:
        return self.cells.get((row, column))

    def number(self, row: str, column: str) -> Optional[Decimal]:
        cell = self.cell(row, column)
        return None if cell is None else cell.number

    def row_unit(self, row: str) -> Optional[str]:
        """The unit of a row (its first cell that names one)."""
        for column in self.columns:
            cell = self.cell(row, column)
            if cell is not None and cell.unit:
                return cell.unit
        return None

    @property
    def units(self) -> tuple[Optional[str], ...]:
        """The distinct units of the rows, in order (one entry when the table has one unit)."""
        return tuple(dict.fromkeys(_unit_key(self.row_unit(r)) for r in self.rows))

    @property
    def single_unit(self) -> Optional[str]:
        """The table's unit when every row has the same one (as first written), else None."""
        if len(self.units) != 1:
            return None
        return next((self.row_unit(r) for r in self.rows if self.row_unit(r)), None)

    def is_total_row(self, row: str) -> bool:
        """A row whose cells are all printed totals."""
        flags = {bool(c.is_total) for (r, _c), c in self.cells.items() if r == row}
        return flags == {True}

    def series(self, row: str) -> list[Optional[Decimal]]:
        """A row's numbers across the columns (for a chart)."""
        return [self.number(row, c) for c in self.columns]

    @property
    def charted_rows(self) -> tuple[str, ...]:
        """The rows a chart draws: the detail rows with at least one number."""
        return tuple(r for r in self.rows if not self.is_total_row(r)
                     and any(v is not None for v in self.series(r)))


def _unit_key(unit: Optional[str]) -> Optional[str]:
    return None if unit is None else unit.strip().lower().rstrip(".") or None


def _first(cells: Sequence[m.SupplementaryCell], attr: str) -> Optional[str]:
    return next((getattr(c, attr) for c in cells if getattr(c, attr)), None)


def supplementary_tables(agency: Agency) -> list[SupplementaryTable]:
    """Every supplementary table of the agency, in the order of its first cell."""
    grouped: dict[str, list[m.SupplementaryCell]] = {}
    for cell in agency.rows("supplementary"):
        grouped.setdefault(cell.table_id, []).append(cell)
    tables = []
    for table_id, cells in grouped.items():
        sasaran_id = _first(cells, "sasaran_id")
        placement = _first(cells, "placement") or (
            DEFAULT_SASARAN_PLACEMENT if sasaran_id else DEFAULT_PLACEMENT)
        tables.append(SupplementaryTable(
            table_id=table_id, title=cells[0].title, sasaran_id=sasaran_id, placement=placement,
            chart=_first(cells, "chart"),
            rows=tuple(dict.fromkeys(c.row_label for c in cells)),
            columns=tuple(dict.fromkeys(c.col_label for c in cells)),
            cells={(c.row_label, c.col_label): c for c in cells},
            source=_first(cells, "source"), doc_ref=_first(cells, "doc_ref")))
    return tables


def tables_at(agency: Agency, placement: str, sasaran_id: Optional[str] = None) -> list[SupplementaryTable]:
    """The tables shown at ``placement`` (for the sasaran analyses: of ``sasaran_id``)."""
    return [t for t in supplementary_tables(agency)
            if t.placement == placement and (sasaran_id is None or t.sasaran_id == sasaran_id)]


def shown_places(value: Decimal) -> int:
    """Decimals to show a supplementary number with: those it was typed with (at most 2)."""
    return typed_places(value)
