"""Parse numbers and performance values the way Indonesian analysts type them.

Spreadsheets filled in by hand carry ``93,75%``, ``6.643.861.122``, ``Rp. 1.407.615.308,-``,
``(68.762.889,-)`` for a negative amount, grades such as ``A`` or ``BB``, ranges such as
``5,80-6,00``, directions such as ``meningkat``, and ``-`` or an empty cell for "no data".
Everything is parsed into :class:`decimal.Decimal` so that no binary rounding creeps into
figures that are printed with two decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal, Union

from sakip.i18n import _

#: An identifier (agency, indicator, unit, chapter ...): what a file name and a URL can carry.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")

MISSING_TOKENS = {"", "-", "–", "—", "n/a", "na", "nan", "none", "null", "tidak ada data", "td"}

#: AKIP-style grades, lowest first (PermenPANRB 88/2021 predicates).
GRADE_SCALE: tuple[str, ...] = ("D", "C", "CC", "B", "BB", "A", "AA")

DIRECTIONS: dict[str, Literal["up", "down"]] = {"meningkat": "up", "naik": "up", "menurun": "down",
                                                "turun": "down"}

#: Largest absolute value accepted: beyond this a cell is almost certainly a typing error
#: (the whole Indonesian state budget is below 10^16 rupiah).
MAX_ABS_VALUE = Decimal("1e16")

#: Longest text read as a number (``Rp. 1.407.615.308,-`` has 19 characters); longer text is
#: refused before any pattern is tried, so that reading a cell never takes more than linear time.
MAX_NUMBER_CHARS = 100
#: Longest text read as a performance value (a range holds two numbers).
MAX_PERF_CHARS = 2 * MAX_NUMBER_CHARS + 20


class ParseError(ValueError):
    """A cell that cannot be read as the expected kind of value."""


class NotANumber(ParseError):
    """Text that is not written as a number at all (``'20x4'``)."""


_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_TRAILING_DASH = re.compile(r",-+$|\.-+$|,—$")
_UNIT_SUFFIX = re.compile(
    r"\s*(%|persen|orang|org|unit|lembaga|dokumen|laporan|paket|perkara|ikm|perusahaan|"
    r"milyar|miliar|point|poin)\s*$",
    re.IGNORECASE,
)


def is_missing(text: object) -> bool:
    """True for an empty cell, ``-`` and the other tokens analysts use for "no data"."""
    if text is None:
        return True
    if isinstance(text, float) and text != text:  # NaN from pandas
        return True
    return str(text).strip().lower() in MISSING_TOKENS


def _normalise_separators(body: str) -> str:
    """Turn an Indonesian- or English-formatted numeral into Python's ``1234.5`` form.

    Rules, in order: a comma is the decimal mark and dots group thousands (Indonesian);
    with only dots, groups of exactly three digits after each dot mean thousands
    (``6.643.861.122``), anything else means a decimal point (``82.88``, seen in seed 000).
    """
    if "," in body and "." in body:
        if body.rfind(",") > body.rfind("."):
            return body.replace(".", "").replace(",", ".")
        return body.replace(",", "")  # English 1,234.5
    if "," in body:
        if body.count(",") > 1:
            raise ParseError(_("'{body}' has more than one decimal comma").format(body=body))
        return body.replace(",", ".")
    if "." in body:
        head, *groups = body.split(".")
        if all(len(g) == 3 for g in groups) and head.lstrip("-+") != "" and (
            len(groups) > 1 or len(head.lstrip("-+")) <= 3
        ):
            if len(groups) > 1 or not head.lstrip("-+").startswith("0"):
                return body.replace(".", "")
        if body.count(".") > 1:
            raise ParseError(_("'{body}' mixes dots in a way that is neither thousands nor decimals").format(body=body))
    return body


def parse_number(text: object, *, allow_percent: bool = True) -> Decimal | None:
    """Parse a numeric cell into a Decimal; ``None`` when the cell is missing.

    >>> parse_number("93,75%")
    Decimal('93.75')
    >>> parse_number("Rp. 1.407.615.308,-")
    Decimal('1407615308')
    >>> parse_number("(68.762.889,-)")
    Decimal('-68762889')
    """
    if is_missing(text):
        return None
    if isinstance(text, bool):
        raise ParseError(_("'{text}' is a yes/no value, not a number").format(text=text))
    if isinstance(text, (int, Decimal)):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))
    else:
        raw = str(text).strip()
        if len(raw) > MAX_NUMBER_CHARS:
            raise ParseError(_("'{raw}…' is not a number (it has {count} characters, a "
                               "number at most {max_chars})").format(
                                 raw=raw[:30], count=len(raw), max_chars=MAX_NUMBER_CHARS))
        if raw.startswith("="):
            raise ParseError(_("'{raw}' is a spreadsheet formula; enter the value itself").format(
                raw=raw))
        body = raw.replace("\u00a0", " ").strip()
        negative = False
        if body.startswith("(") and body.endswith(")"):
            negative, body = True, body[1:-1].strip()
        body = _CURRENCY.sub("", body)
        body = _TRAILING_DASH.sub("", body).strip()
        had_percent = body.endswith("%")
        body = _UNIT_SUFFIX.sub("", body).strip()
        if had_percent and not allow_percent:
            raise ParseError(_("'{raw}' is a percentage where an amount is expected").format(
                raw=raw))
        body = body.replace(" ", "")
        if body.startswith("-") and not negative:
            negative, body = True, body[1:]
        if not re.fullmatch(r"[0-9][0-9.,]*", body):
            raise NotANumber(_("'{raw}' is not a number").format(raw=raw))
        try:
            value = Decimal(_normalise_separators(body))
        except InvalidOperation as exc:  # pragma: no cover - guarded by the regex above
            raise NotANumber(_("'{raw}' is not a number").format(raw=raw)) from exc
        if negative:
            value = -value
    if not value.is_finite():
        raise ParseError(_("'{text}' is not a finite number").format(text=text))
    if abs(value) >= MAX_ABS_VALUE:
        raise ParseError(_("'{text}' is implausibly large (limit {limit:,.0f})").format(
            text=text, limit=MAX_ABS_VALUE))
    return value


#: A number with one separator followed by exactly three digits and no leading zero: ``97.500``
#: or ``1,234``. Only such a numeral reads differently under the two separator conventions.
_ONE_GROUP = re.compile(r"^[1-9][0-9]{0,2}([.,])[0-9]{3}$")

#: Where a value is likely to lie: a percentage (rarely above 1000) or a count or rupiah amount
#: of whole units (rarely with three decimals).
Likely = Literal["percent", "whole"]


@dataclass(frozen=True)
class Ambiguity:
    """Two readings of one numeral: the one :func:`parse_number` takes, and the other."""

    taken: Decimal
    other: Decimal
    separator: str  # "." or ","

    @property
    def taken_groups_thousands(self) -> bool:
        return abs(self.taken) > abs(self.other)


def separator_ambiguity(text: object, likely: Likely | None = None) -> Ambiguity | None:
    """Both readings of a numeral whose meaning depends on the separator convention, when the
    reading taken is the unlikely one; ``None`` for every other value.

    Only a numeral with a single separator followed by exactly three digits is read two ways
    (``97.500``: 97500 or 97,5; ``1,234``: 1,234 or 1234). :func:`parse_number` reads the dot as
    grouping thousands and the comma as the decimal mark, so the doubt is reported where that
    reading is unlikely: a dot in a percentage (a ``%`` typed, or ``likely="percent"``), a comma
    in a count or an amount (``likely="whole"``). ``6.643.861.122``, ``93,75``, ``82.88`` and
    ``Rp. 1.407.615.308,-`` are unambiguous.

    >>> separator_ambiguity("97.500", "percent")
    Ambiguity(taken=Decimal('97500'), other=Decimal('97.500'), separator='.')
    >>> separator_ambiguity("1,234", "whole")
    Ambiguity(taken=Decimal('1.234'), other=Decimal('1234'), separator=',')
    >>> separator_ambiguity("6.643.861.122", "whole") is None
    True
    """
    if not isinstance(text, str) or len(text) > MAX_NUMBER_CHARS:
        return None
    body = text.replace("\u00a0", " ").strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1].strip()
    body = _TRAILING_DASH.sub("", _CURRENCY.sub("", body)).strip()
    had_percent = body.endswith("%")
    body = _UNIT_SUFFIX.sub("", body).strip().replace(" ", "").lstrip("-")
    match = _ONE_GROUP.match(body)
    if match is None:
        return None
    separator = match.group(1)
    if separator == "." and not (had_percent or likely == "percent"):
        return None
    if separator == "," and (had_percent or likely != "whole"):
        return None
    try:
        taken = parse_number(text)
    except ParseError:
        return None
    if taken is None:
        return None
    grouped, decimal = Decimal(body.replace(separator, "")), Decimal(body.replace(separator, "."))
    other = decimal if abs(taken) == grouped else grouped
    return Ambiguity(taken, -other if taken < 0 else other, separator)


def parse_amount(text: object) -> Decimal | None:
    """Parse a Rupiah amount (``Rp. 1.407.615.308,-``); percentages are rejected."""
    return parse_number(text, allow_percent=False)


# --- performance values: numbers, grades, ranges, directions ------------------------------


@dataclass(frozen=True)
class NumberValue:
    value: Decimal
    kind: Literal["number"] = "number"


@dataclass(frozen=True)
class GradeValue:
    grade: str
    kind: Literal["grade"] = "grade"

    @property
    def rank(self) -> int:
        return GRADE_SCALE.index(self.grade)


@dataclass(frozen=True)
class RangeValue:
    low: Decimal
    high: Decimal
    kind: Literal["range"] = "range"


@dataclass(frozen=True)
class DirectionValue:
    direction: Literal["up", "down"]
    kind: Literal["direction"] = "direction"


PerfValue = Union[NumberValue, GradeValue, RangeValue, DirectionValue]

_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|–|s/d|s\.d\.?|sampai)\s*(.+?)\s*$", re.IGNORECASE)


def parse_perf_value(text: object) -> PerfValue | None:
    """Parse a target or realisasi cell: number, AKIP grade, range or direction.

    >>> parse_perf_value("5,80-6,00")
    RangeValue(low=Decimal('5.80'), high=Decimal('6.00'), kind='range')
    >>> parse_perf_value("BB")
    GradeValue(grade='BB', kind='grade')
    """
    if is_missing(text):
        return None
    if not isinstance(text, str):
        number = parse_number(text)
        return None if number is None else NumberValue(number)
    raw = text.strip()
    if len(raw) > MAX_PERF_CHARS:
        raise ParseError(_("'{raw}…' is not a performance value (it has {count} "
                           "characters, a value at most {max_chars})").format(
                             raw=raw[:30], count=len(raw), max_chars=MAX_PERF_CHARS))
    upper = raw.upper().replace("NILAI", "").strip().strip('"').strip()
    if upper in GRADE_SCALE:
        return GradeValue(upper)
    lower = raw.lower()
    if lower in DIRECTIONS:
        return DirectionValue(DIRECTIONS[lower])
    match = _RANGE.match(raw)
    if match and not raw.startswith("-") and not raw.startswith("("):
        low, high = parse_number(match.group(1)), parse_number(match.group(2))
        if low is None or high is None:
            raise ParseError(_("'{raw}' is an incomplete range").format(raw=raw))
        if low > high:
            raise ParseError(_("'{raw}' is a range whose lower bound exceeds its upper bound").format(raw=raw))
        return RangeValue(low, high)
    number = parse_number(raw)
    return None if number is None else NumberValue(number)


def format_perf_value_raw(value: PerfValue | None) -> str:
    """Plain, locale-free rendering used in error messages and keys."""
    if value is None:
        return "-"
    if isinstance(value, NumberValue):
        return str(value.value)
    if isinstance(value, GradeValue):
        return value.grade
    if isinstance(value, RangeValue):
        return f"{value.low}-{value.high}"
    return "meningkat" if value.direction == "up" else "menurun"


def parse_bool(text: object) -> bool | None:
    """Read ``ya``/``tidak``, ``Y``/``N``, ``1``/``0``, ``true``/``false``; None when missing."""
    if is_missing(text):
        return None
    if isinstance(text, bool):
        return text
    token = str(text).strip().lower()
    if token in {"ya", "y", "yes", "1", "true", "benar", "iku"}:
        return True
    if token in {"tidak", "t", "n", "no", "0", "false", "bukan"}:
        return False
    raise ParseError(_("'{text}' is not ya/tidak").format(text=text))
