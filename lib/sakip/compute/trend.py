"""Comparisons over time and against references: year over year, Renstra end target,
projection to the end of the Renstra period, and the national standard.

Conventions (``docs/FORMULAS.md``):

* direction ``naik``/``turun``/``tetap`` is the raw movement of the number (or of the grade's
  rank); ``improved`` honours the polarity (for lower-is-better a decrease is an improvement);
* values are compared **as shown** (rounded half-up to 2 decimals), so two values printed alike
  are never called "naik"/"turun" or "di atas"/"di bawah";
* the projection is an ordinary least-squares line over every year with a value (or the last
  year-to-year change, ``method="last_change"``), extrapolated to the last Renstra year.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Literal

from sakip.compute.capaian import Capaian, LowerMethod, Polarity, compute_capaian
from sakip.compute.formatting import round_half_up
from sakip.model.parsing import GradeValue, NumberValue, PerfValue, RangeValue

Direction = Literal["naik", "turun", "tetap"]
Comparable = Decimal | PerfValue
HUNDRED = Decimal(100)


def _as_perf(value: Comparable | None) -> PerfValue | None:
    if value is None or isinstance(value, (NumberValue, GradeValue, RangeValue)):
        return value
    if isinstance(value, Decimal):
        return NumberValue(value)
    if isinstance(value, int):
        return NumberValue(Decimal(value))
    return value  # DirectionValue: handled by the callers as not comparable


@dataclass(frozen=True)
class YearChange:
    """Movement between two years. ``change_points``/``change_pct`` are ``None`` for grades;
    ``change_pct`` is ``None`` when the earlier value is 0."""

    year_from: int | None
    year_to: int | None
    value_from: PerfValue
    value_to: PerfValue
    change_points: Decimal | None
    change_pct: Decimal | None
    direction: Direction
    improved: bool


def _is_better(direction: Direction, polarity: Polarity) -> bool:
    if direction == "tetap":
        return False
    return direction == ("turun" if polarity == "lower" else "naik")


def compare_years(previous: Comparable | None, current: Comparable | None, polarity: Polarity, *,
                  year_from: int | None = None, year_to: int | None = None) -> YearChange | None:
    """Change from ``previous`` to ``current``; ``None`` when they cannot be compared
    (missing value, a range or direction, a grade against a number).

    change (points) = current − previous; change (%) = (current − previous) / |previous| × 100.
    Seed: 95,16 -> 95,13 is ``turun`` by 0,03 points (not an improvement for higher-is-better).
    """
    prev, cur = _as_perf(previous), _as_perf(current)
    if isinstance(prev, GradeValue) and isinstance(cur, GradeValue):
        diff = cur.rank - prev.rank
        direction: Direction = "naik" if diff > 0 else "turun" if diff < 0 else "tetap"
        return YearChange(year_from, year_to, prev, cur, None, None, direction,
                          _is_better(direction, "higher"))
    if not (isinstance(prev, NumberValue) and isinstance(cur, NumberValue)):
        return None
    points = cur.value - prev.value
    shown = round_half_up(cur.value) - round_half_up(prev.value)
    direction = "naik" if shown > 0 else "turun" if shown < 0 else "tetap"
    pct = None if prev.value == 0 else points / abs(prev.value) * HUNDRED
    return YearChange(year_from, year_to, prev, cur, points, pct, direction,
                      _is_better(direction, polarity))


def year_over_year(series: Mapping[int, Comparable | None], polarity: Polarity) -> list[YearChange]:
    """Changes between consecutive years that both have a comparable value (gaps are skipped:
    2022 -> 2024 when 2023 is missing)."""
    years = sorted(y for y, v in series.items() if v is not None)
    out = []
    for a, b in itertools.pairwise(years):
        change = compare_years(series[a], series[b], polarity, year_from=a, year_to=b)
        if change is not None:
            out.append(change)
    return out


def renstra_capaian(realisasi: Comparable | None, target_akhir: Comparable | None,
                    polarity: Polarity, *,
                    method: LowerMethod | Literal["default"] | None = None) -> Capaian:
    """Capaian against the Renstra end-of-period target, same rules as :func:`compute_capaian`.

    Seed: 95,13 vs 93,77 -> 101,45%; 6 vs 3,35 -> 179,10%; A vs A -> 100%.
    """
    return compute_capaian(_as_perf(target_akhir), _as_perf(realisasi), polarity, method=method)


@dataclass(frozen=True)
class Projection:
    """A linear projection to ``year``; ``reaches`` compares it with the end target (as shown)."""

    year: int
    value: Decimal
    slope: Decimal
    method: Literal["least_squares", "last_change"]
    years_used: tuple[int, ...]
    target: Decimal | None = None
    reaches: bool | None = None


def _numeric_series(series: Mapping[int, Comparable | None]) -> dict[int, Decimal]:
    out = {}
    for year, value in series.items():
        perf = _as_perf(value)
        if isinstance(perf, NumberValue):
            out[int(year)] = perf.value
    return out


def project(series: Mapping[int, Comparable | None], to_year: int, *,
            method: Literal["least_squares", "last_change"] = "least_squares",
            target_akhir: Comparable | None = None,
            polarity: Polarity = "higher") -> Projection | None:
    """Extrapolate a numeric series linearly to ``to_year``.

    ``least_squares`` (default): slope b = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)², value = ȳ + b (to_year − x̄),
    over every year with a number. ``last_change``: the last two years' change repeated each
    year. ``None`` with fewer than two numeric years (grades and ranges are not projected).
    With ``target_akhir`` (a number) ``reaches`` says whether the projection meets it, honouring
    the polarity (for lower-is-better: projected <= target), compared as shown (2 decimals).
    """
    data = _numeric_series(series)
    years = sorted(data)
    if len(years) < 2:
        return None
    if method == "last_change":
        a, b = years[-2], years[-1]
        slope = (data[b] - data[a]) / Decimal(b - a)
        value = data[b] + slope * Decimal(to_year - b)
        used: tuple[int, ...] = (a, b)
    elif method == "least_squares":
        n = Decimal(len(years))
        x_mean = Decimal(sum(years)) / n
        y_mean = sum((data[y] for y in years), Decimal(0)) / n
        sxx = sum(((Decimal(y) - x_mean) ** 2 for y in years), Decimal(0))
        sxy = sum(((Decimal(y) - x_mean) * (data[y] - y_mean) for y in years), Decimal(0))
        slope = sxy / sxx
        value = y_mean + slope * (Decimal(to_year) - x_mean)
        used = tuple(years)
    else:
        raise ValueError(f"unknown projection method {method!r}")
    target = _as_perf(target_akhir)
    target_value = target.value if isinstance(target, NumberValue) else None
    reaches = None
    if target_value is not None:
        shown, goal = round_half_up(value), round_half_up(target_value)
        reaches = shown <= goal if polarity == "lower" else shown >= goal
    return Projection(to_year, value, slope, method, used, target_value, reaches)


class Verdict(str, Enum):
    """Realisasi against a national standard, in terms of performance (polarity honoured):
    ``di_atas`` = better than the standard, ``di_bawah`` = worse."""

    DI_ATAS = "di_atas"
    SAMA = "sama"
    DI_BAWAH = "di_bawah"
    TIDAK_DAPAT_DIBANDINGKAN = "tidak_dapat_dibandingkan"


def compare_national(realisasi: Comparable | None, standard: Comparable | None,
                     polarity: Polarity) -> Verdict:
    """Verdict of a realisasi against the national standard.

    Numbers are compared as shown (2 decimals); for lower-is-better a smaller realisasi is
    ``di_atas``. Grades compare by rank. A range standard counts as ``sama`` when the realisasi
    is inside it. Missing or incomparable values give ``tidak_dapat_dibandingkan``.
    Seed: 95,13% against 97,68% (higher-is-better) -> ``di_bawah``.
    """
    r, s = _as_perf(realisasi), _as_perf(standard)
    if r is None or s is None:
        return Verdict.TIDAK_DAPAT_DIBANDINGKAN
    if isinstance(r, GradeValue) and isinstance(s, GradeValue):
        diff = r.rank - s.rank
    elif isinstance(r, NumberValue) and isinstance(s, NumberValue):
        shown_r, shown_s = round_half_up(r.value), round_half_up(s.value)
        diff = (shown_r > shown_s) - (shown_r < shown_s)
        if polarity == "lower":
            diff = -diff
    elif isinstance(r, NumberValue) and isinstance(s, RangeValue):
        shown_r = round_half_up(r.value)
        low, high = round_half_up(s.low), round_half_up(s.high)
        diff = 0 if low <= shown_r <= high else (1 if shown_r > high else -1)
        if polarity == "lower":
            diff = -diff
    else:
        return Verdict.TIDAK_DAPAT_DIBANDINGKAN
    if diff > 0:
        return Verdict.DI_ATAS
    if diff < 0:
        return Verdict.DI_BAWAH
    return Verdict.SAMA
