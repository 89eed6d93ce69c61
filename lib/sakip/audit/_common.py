"""Shared helpers of the audit checks: locating rows, comparing shown figures, formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Optional, TypeGuard, TypeVar

from sakip.audit.findings import AuditConfig, Finding, Severity
from sakip.compute.capaian import Capaian, compute_capaian
from sakip.compute.formatting import fmt_number, fmt_pct, fmt_rupiah, round_half_up
from sakip.model.agency import Agency
from sakip.model.parsing import NumberValue, ParseError, PerfValue, parse_perf_value
from sakip.model.rows import Indikator, Row

#: Target sources in order of precedence for measuring a capaian: the PK perubahan replaces
#: the PK; a rencana aksi is the only source of most triwulan targets.
TARGET_SOURCES = ("pk_perubahan", "pk", "rkt", "renstra", "iku", "rencana_aksi")

_T = TypeVar("_T")
_K = TypeVar("_K")

PERIOD_LABELS = {"TAHUN": "tahunan", "TW1": "TW I", "TW2": "TW II", "TW3": "TW III", "TW4": "TW IV"}


def places(value: Decimal) -> int:
    """Decimals a value was typed with (``6`` -> 0, ``93,75`` -> 2, ``82,880`` -> 3)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def shown_equals(shown: Decimal, computed: Decimal) -> bool:
    """True when ``shown`` is ``computed`` rounded half-up to the decimals ``shown`` has.

    ``95,13`` shows 95,1318 and ``6`` shows 5,9869 (both rounded), ``95,14`` does not.
    """
    return shown == round_half_up(computed, places(shown))


def num(value: Optional[Decimal], max_places: int = 2, typed: bool = False) -> str:
    """A number the Indonesian way with the decimals it needs (at most ``max_places``);
    ``typed=True`` keeps the decimals it was typed with (``87,20``)."""
    if value is None:
        return "-"
    p = min(places(value if typed else value.normalize()), max_places)
    return fmt_number(value, places=p)


def cap(text: str) -> str:
    """First letter upper-case, the rest untouched (unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]


def pct(value: Optional[Decimal]) -> str:
    return fmt_pct(value) if value is not None else "-"


def rp(value: Optional[Decimal]) -> str:
    return fmt_rupiah(value)


def perf_text(value: Optional[PerfValue], raw: Optional[str] = None) -> str:
    """A performance value for a message: the number Indonesian-style, else as typed."""
    if isinstance(value, NumberValue):
        return num(value.value, 4, typed=True)
    return raw if raw is not None else "-"


def parse_perf(text: Optional[str]) -> Optional[PerfValue]:
    """Parse a printed value leniently: ``None`` when it cannot be read."""
    try:
        return parse_perf_value(text)
    except (ParseError, ValueError):
        return None


def period_label(period: str) -> str:
    return PERIOD_LABELS.get(period, period)


def is_amount_equal(a: Decimal, b: Decimal, config: AuditConfig) -> bool:
    return abs(a - b) < config.amount_tolerance


def all_present(values: list[Optional[_T]]) -> TypeGuard[list[_T]]:
    """True when none of ``values`` is ``None`` (``not any(v is None ...)``, told to the type
    checker so that the values may be summed)."""
    return all(v is not None for v in values)


def all_values_present(values: dict[_K, Optional[_T]]) -> TypeGuard[dict[_K, _T]]:
    """True when none of the dict's values is ``None`` (as :func:`all_present`)."""
    return all(v is not None for v in values.values())


@dataclass
class Context:
    """What every check receives: the agency, the configuration and row-locating helpers."""

    agency: Agency
    config: AuditConfig
    _positions: dict = field(default_factory=dict)

    @property
    def agency_id(self) -> str:
        return self.agency.agency_id

    def row_number(self, table: str, row: Row) -> Optional[int]:
        """Line of ``row`` in its file or sheet (header = 1), as the loader recorded it."""
        if table not in self._positions:
            self._positions[table] = {id(r): i for i, r in enumerate(self.agency.rows(table))}
        index = self._positions[table].get(id(row))
        return None if index is None else self.agency.source_line(table, index)

    def location(self, table: str, rows: Row | Iterable[Row] | None = None,
                 doc_ref: Optional[str] = None) -> str:
        """``budget.csv baris 6 (Tabel 3.25)`` or ``workbook.xlsx [Anggaran] baris 6, 7``: in
        Indonesian like every finding (the Audit Data appendix shows it), the sheet named as the
        analyst named it."""
        source = self.agency.source
        if source is not None and source.suffix.lower() in (".xlsx", ".xlsm"):
            where = f"{source.name} [{self.agency.source_sheets.get(table, table)}]"
        else:
            where = f"{table}.csv"
        if rows is not None:
            items = [rows] if isinstance(rows, Row) else list(rows)
            numbers = sorted({n for n in (self.row_number(table, r) for r in items) if n})
            if numbers:
                where += " baris " + ", ".join(str(n) for n in _compress(numbers))
        if doc_ref:
            where += f" ({doc_ref})"
        return where

    def finding(self, code: str, severity: Severity, location: str, expected: str, found: str,
                message: str, suggestion: str, ref: Optional[str] = None,
                year: Optional[int] = None) -> Finding:
        return Finding(code=code, severity=severity, agency_id=self.agency_id, location=location,
                       expected=expected, found=found, message=message, suggestion=suggestion,
                       ref=ref, year=year)

    # -- performance helpers -------------------------------------------------------------
    def target_row(self, indicator_id: str, year: int, period: str = "TAHUN"):
        return self.agency.target(indicator_id, year, period, sources=TARGET_SOURCES)

    def capaian(self, indicator: Indikator, target: Optional[PerfValue],
                realisasi: Optional[PerfValue], year: int, capped: bool = True) -> Capaian:
        """The capaian as the report computes it (lower-is-better method and cap included;
        ``capped=False`` ignores the indicator's cap)."""
        previous = self.agency.realisasi_value(indicator.indicator_id, year - 1)
        try:
            return compute_capaian(target, realisasi, indicator.polarity,
                                   method=indicator.capaian_method,
                                   cap=indicator.capaian_cap if capped else None,
                                   previous=previous)
        except ValueError:
            return Capaian.unmeasurable("tidak dapat dihitung")

    def indicator(self, indicator_id: str) -> Optional[Indikator]:
        try:
            return self.agency.indicator(indicator_id)
        except KeyError:
            return None


def _compress(numbers: list[int]) -> list[str]:
    """``[5, 6, 7, 9]`` -> ``["5-7", "9"]``."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return out


__all__ = ["Context", "TARGET_SOURCES", "cap", "is_amount_equal", "num", "parse_perf", "pct",
           "perf_text", "period_label", "places", "round_half_up", "rp", "shown_equals"]


def merge_by_culprit(violations: list[tuple[frozenset, Finding]]) -> list[Finding]:
    """One finding instead of several when a single cell explains all of them.

    ``violations`` pairs each finding with the cells (any hashable ids) its constraint involves.
    A wrong parent amount breaks its own roll-up, its parent's and its row's; when one cell is
    part of every violated constraint, only the first finding is kept, with a note.
    """
    if len(violations) < 2:
        return [f for _, f in violations]
    common = frozenset.intersection(*(cells for cells, _ in violations))
    if not common:
        return [f for _, f in violations]
    first = violations[0][1]
    note = (f" Satu angka yang sama menjelaskan {len(violations)} ketidakcocokan; "
            "betulkan angka ini lebih dulu.")
    return [Finding(**{**first.__dict__, "message": first.message + note})]
