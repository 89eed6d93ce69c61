"""Indonesian display formatting of numbers, amounts, performance values and dates.

The only place where figures are rounded. Rounding is **half-up to two decimals** (the way
analysts round by hand and the way LKjIP tables are printed: ``2,675`` -> ``2,68``,
``0,125`` -> ``0,13``). Babel rounds half to even (python-babel/babel#90), so every value is first
quantized with :data:`decimal.ROUND_HALF_UP` and only then handed to Babel with an explicit
pattern that has exactly as many decimals as the quantized value: Babel has nothing left to round.

Locale ``id_ID``: ``.`` groups thousands, ``,`` is the decimal mark (``1.024,07``).
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from sakip.model.parsing import DirectionValue, GradeValue, NumberValue, PerfValue, RangeValue

LOCALE = "id_ID"

#: Units shown without a suffix: the number is itself the "nilai"/index.
_NO_SUFFIX_UNITS = {"", "nilai", "indeks", "index", "predikat", "skor", "angka"}

#: Typographic en dash between the bounds of a range, as in printed LKjIP tables.
RANGE_DASH = "\u2013"

Numeric = Decimal | int | float | str


def _to_decimal(value: Numeric) -> Decimal:
    if isinstance(value, float):  # floats carry binary noise; go through repr like parsing does
        return Decimal(repr(value))
    return value if isinstance(value, Decimal) else Decimal(value)


def round_half_up(value: Numeric, places: int = 2) -> Decimal:
    """Round half away from zero to ``places`` decimals (``2.675`` -> ``2.68``).

    >>> round_half_up(Decimal("0.125"))
    Decimal('0.13')
    >>> round_half_up(Decimal("-0.125"))
    Decimal('-0.13')
    """
    if places < 0:
        raise ValueError("places must be >= 0")
    exponent = Decimal(1).scaleb(-places)
    return _to_decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)


def _pattern(places: int, strip: bool) -> str:
    if places == 0:
        return "#,##0"
    return "#,##0." + ("#" if strip else "0") * places


def fmt_number(value: Numeric | None, places: int = 2, strip: bool = False) -> str:
    """Format a number the Indonesian way, rounded half-up: ``95,13``, ``1.024,07``.

    ``strip=True`` drops trailing zero decimals (``6`` instead of ``6,00``, ``101,5``), used for
    values that were typed without decimals. ``None`` gives ``-``.
    """
    if value is None:
        return "-"
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0,00"
    return format_decimal(rounded, format=_pattern(places, strip), locale=LOCALE)


def fmt_int(value: Numeric | None) -> str:
    """Format a whole number with thousands dots (``74.085``); rounds half-up if needed."""
    return fmt_number(value, places=0)


def fmt_pct(value: Numeric | None, places: int = 2, strip: bool = False) -> str:
    """Format a percentage: ``93,75%`` (no space before ``%``, as printed in LKjIP tables)."""
    if value is None:
        return "-"
    return f"{fmt_number(value, places, strip)}%"


def fmt_rupiah(value: Numeric | None) -> str:
    """Format an amount in Rupiah: ``Rp 6.643.861.122``.

    Convention: a space after ``Rp``; no decimals unless the amount has a non-zero fraction
    (then two, rounded half-up: ``Rp 1.234,50``); a negative amount is ``-Rp 68.762.889``.
    """
    if value is None:
        return "-"
    amount = _to_decimal(value)
    places = 0 if amount == amount.to_integral_value() else 2
    text = fmt_number(abs(amount), places=places)
    sign = "-" if round_half_up(amount, places) < 0 else ""
    return f"{sign}Rp {text}"


def typed_places(value: Decimal, max_places: int = 2) -> int:
    """Decimals the value was typed with, capped at ``max_places`` (``6`` -> 0, ``93,75`` -> 2)."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        return max_places
    return max(0, min(-exponent, max_places))


def _with_unit(text: str, unit: str | None) -> str:
    clean = (unit or "").strip()
    if clean == "%":
        return f"{text}%"
    if clean.lower() in _NO_SUFFIX_UNITS:
        return text
    return f"{text} {clean}"


def fmt_perf_value(value: PerfValue | None, unit: str | None = None, places: int | None = None) -> str:
    """Format a target or realisasi as printed in a report.

    Numbers keep the decimals they were typed with (at most two, unless ``places`` is given),
    so a typed ``6`` stays ``6%`` and ``93,75`` stays ``93,75%``. Grades print as is (``A``),
    ranges with an en dash (``5,80–6,00``), directions as ``meningkat``/``menurun``, and a
    missing value as ``-``. ``%`` is appended without a space, other units with one, and units
    such as ``Nilai``/``Indeks`` are not appended.
    """
    if value is None:
        return "-"
    if isinstance(value, NumberValue):
        p = typed_places(value.value) if places is None else places
        return _with_unit(fmt_number(value.value, p), unit)
    if isinstance(value, GradeValue):
        return value.grade
    if isinstance(value, RangeValue):
        p_low = typed_places(value.low) if places is None else places
        p_high = typed_places(value.high) if places is None else places
        p = max(p_low, p_high)
        return _with_unit(f"{fmt_number(value.low, p)}{RANGE_DASH}{fmt_number(value.high, p)}", unit)
    if isinstance(value, DirectionValue):
        return "meningkat" if value.direction == "up" else "menurun"
    raise TypeError(f"not a performance value: {value!r}")


def fmt_date_id(date: _dt.date) -> str:
    """Format a date in Indonesian long form: ``31 Desember 2024``."""
    return format_date(date, format="long", locale=LOCALE)


def fmt_years(first: int, last: int) -> str:
    """The years from ``first`` to ``last`` as a caption shows them: ``2022–2024``, and a single
    year when both are the same (``2024``, never ``2024–2024``)."""
    if first == last:
        return str(first)
    return f"{first}{RANGE_DASH}{last}"
