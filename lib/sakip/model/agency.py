"""The validated inputs of one agency, as an immutable object with convenient look-ups."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional

from sakip.model import rows as m
from sakip.model.parsing import PerfValue


@dataclass(frozen=True)
class Agency:
    """Everything an agency's workbook or folder holds, after validation.

    ``tables`` maps a table name of :mod:`sakip.model.schema` to its rows in input order.
    """

    profile: m.Profile
    tables: Mapping[str, tuple[m.Row, ...]]
    source: Optional[Path] = None
    input_hash: str = ""
    #: per table, the line of each row in its file or sheet (header = 1), in row order
    source_lines: Mapping[str, tuple[Optional[int], ...]] = field(default_factory=dict, repr=False,
                                                                   compare=False)
    #: per table read from a workbook, the name of its sheet as the analyst wrote it
    source_sheets: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    # -- generic access ------------------------------------------------------------------
    def rows(self, name: str) -> tuple:
        return tuple(self.tables.get(name, ()))

    def source_line(self, name: str, index: int) -> Optional[int]:
        """Line of the ``index``-th row of table ``name`` in its file or sheet; without a record
        of it (an Agency built in code), the line it would have with no blank lines."""
        lines = self.source_lines.get(name)
        if lines is not None and index < len(lines) and lines[index] is not None:
            return lines[index]
        return index + 2

    @property
    def agency_id(self) -> str:
        return self.profile.agency_id

    # -- plans ---------------------------------------------------------------------------
    @property
    def strategic_sasaran(self) -> list[m.Sasaran]:
        """Agency-level sasaran strategis (those not owned by a unit), in input order."""
        return [s for s in self.rows("sasaran") if s.unit_id is None]

    def sasaran(self, sasaran_id: str) -> m.Sasaran:
        return self._lookup("sasaran", "sasaran_id")[sasaran_id]

    def tujuan(self, tujuan_id: str) -> Optional[m.Tujuan]:
        return self._lookup("tujuan", "tujuan_id").get(tujuan_id)

    def indicator(self, indicator_id: str) -> m.Indikator:
        return self._lookup("indikator", "indicator_id")[indicator_id]

    def indicators_of(self, sasaran_id: str) -> list[m.Indikator]:
        return [i for i in self.rows("indikator") if i.sasaran_id == sasaran_id]

    def budget_indicators(self, code: str) -> list[m.Indikator]:
        return [i for i in self.rows("indikator") if i.budget_code == code]

    @property
    def iku(self) -> list[m.Indikator]:
        """IKU of the agency: flagged IKU, else every indicator of a strategic sasaran."""
        strategic = {s.sasaran_id for s in self.strategic_sasaran}
        flagged = [i for i in self.rows("indikator") if i.is_iku]
        return flagged or [i for i in self.rows("indikator") if i.sasaran_id in strategic]

    # -- values --------------------------------------------------------------------------
    def target(self, indicator_id: str, year: int, period: str = "TAHUN",
               sources: Iterable[str] = ("pk_perubahan", "pk", "rkt", "renstra", "iku")) -> Optional[m.Target]:
        """The target in force: the PK perubahan if there is one, else PK, RKT, Renstra."""
        by_source = {t.source: t for t in self.rows("targets")
                     if t.indicator_id == indicator_id and t.year == year and t.period == period}
        for source in sources:
            if source in by_source and by_source[source].value is not None:
                return by_source[source]
        return None

    def target_value(self, indicator_id: str, year: int, period: str = "TAHUN") -> Optional[PerfValue]:
        row = self.target(indicator_id, year, period)
        return None if row is None else row.parsed

    def realisasi(self, indicator_id: str, year: int, period: str = "TAHUN") -> Optional[m.Realisasi]:
        return self._lookup_multi("realisasi", ("indicator_id", "year", "period")).get(
            (indicator_id, year, period))

    def realisasi_value(self, indicator_id: str, year: int, period: str = "TAHUN") -> Optional[PerfValue]:
        row = self.realisasi(indicator_id, year, period)
        return None if row is None else row.parsed

    def national_standard(self, indicator_id: str, year: int) -> Optional[m.NationalStandard]:
        return self._lookup_multi("national_standards", ("indicator_id", "year")).get((indicator_id, year))

    def components(self, indicator_id: str, scope: str = "daerah") -> dict[tuple[str, int], m.Component]:
        return {(c.name, c.year): c for c in self.rows("components")
                if c.indicator_id == indicator_id and c.scope == scope}

    def years_with_data(self) -> list[int]:
        years = {r.year for r in self.rows("realisasi")} | {t.year for t in self.rows("targets")}
        return sorted(years)

    def narrative(self, section: str, sasaran_id: Optional[str] = None) -> list[m.Narrative]:
        items = [n for n in self.rows("narrative") if n.section == section and n.sasaran_id == sasaran_id]
        return sorted(items, key=lambda n: (n.order is None, n.order or 0))

    def budget_lines(self, year: int) -> list[m.BudgetLine]:
        return [b for b in self.rows("budget") if b.year == year]

    def units(self) -> list[m.Unit]:
        return sorted(self.rows("units"), key=lambda u: (u.order is None, u.order or 0))

    # -- internals -----------------------------------------------------------------------
    def _lookup(self, table: str, column: str) -> dict:
        cache_key = (table, column)
        if cache_key not in self._index:
            self._index[cache_key] = {getattr(r, column): r for r in self.rows(table)}
        return self._index[cache_key]

    def _lookup_multi(self, table: str, columns: tuple[str, ...]) -> dict:
        cache_key = (table, columns)
        if cache_key not in self._index:
            self._index[cache_key] = {tuple(getattr(r, c) for c in columns): r for r in self.rows(table)}
        return self._index[cache_key]
