"""Quarterly (triwulan) values: aggregation to a year, cumulative series, a linear year-end
projection and schedule warnings. Quarters are the integers 1..4 (TW1..TW4).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sakip.compute.formatting import fmt_number

Aggregation = Literal["kumulatif", "nilai_akhir", "rata_rata"]
QUARTERS = (1, 2, 3, 4)

#: Default tolerated gap (percentage points) between physical and financial realisasi.
DEFAULT_GAP = Decimal(20)


def _check_quarters(values: Mapping[int, object]) -> None:
    bad = [q for q in values if q not in QUARTERS]
    if bad:
        raise ValueError(f"quarters must be 1..4, got {sorted(bad)}")


def quarter_number(period: str) -> int:
    """``TW1``..``TW4`` (the model's period codes) -> 1..4."""
    if period not in ("TW1", "TW2", "TW3", "TW4"):
        raise ValueError(f"'{period}' is not a quarter (TW1..TW4)")
    return int(period[2])


def _present(values: Mapping[int, Decimal | None]) -> dict[int, Decimal]:
    _check_quarters(values)
    return {q: value for q in sorted(values) if (value := values[q]) is not None}


def aggregate(values: Mapping[int, Decimal | None], how: Aggregation) -> Decimal | None:
    """A year's value from per-quarter values.

    * ``kumulatif``: sum of the quarters (flows: people trained, cases settled);
    * ``nilai_akhir``: the last quarter with a value (stocks and cumulative percentages);
    * ``rata_rata``: mean of the quarters with a value (indices, rates).

    Missing quarters are left out; ``None`` when no quarter has a value.
    """
    present = _present(values)
    if not present:
        return None
    if how == "kumulatif":
        return sum(present.values(), Decimal(0))
    if how == "nilai_akhir":
        return present[max(present)]
    if how == "rata_rata":
        return sum(present.values(), Decimal(0)) / Decimal(len(present))
    raise ValueError(f"unknown aggregation {how!r}: use kumulatif, nilai_akhir or rata_rata")


def cumulative(per_quarter: Mapping[int, Decimal | None]) -> dict[int, Decimal]:
    """Running totals s.d. each quarter that has a value (a missing quarter has no entry and
    adds nothing)."""
    out: dict[int, Decimal] = {}
    running = Decimal(0)
    for q, value in _present(per_quarter).items():
        running += value
        out[q] = running
    return out


def per_quarter(cumulative_by_quarter: Mapping[int, Decimal | None]) -> dict[int, Decimal]:
    """Inverse of :func:`cumulative`: each quarter's own increment (first present quarter keeps
    its cumulative value)."""
    out: dict[int, Decimal] = {}
    previous = Decimal(0)
    for q, value in _present(cumulative_by_quarter).items():
        out[q] = value - previous
        previous = value
    return out


def project_year_end(cumulative_by_quarter: Mapping[int, Decimal | None], upto: int) -> Decimal | None:
    """Linear projection of the cumulative value to TW4: ``C(upto) / upto × 4``.

    Assumes the average pace of the quarters so far continues (straight line through the
    origin). ``upto = 4`` returns the actual TW4 value; ``None`` when quarter ``upto`` has no
    value. Not meaningful for ``nilai_akhir``/``rata_rata`` indicators, whose TW4 value is not a
    sum.
    """
    if upto not in QUARTERS:
        raise ValueError(f"upto must be 1..4, got {upto}")
    value = cumulative_by_quarter.get(upto)
    if value is None:
        return None
    return value / Decimal(upto) * Decimal(4)


@dataclass(frozen=True)
class ScheduleFlag:
    """A warning on quarterly progress; ``message`` is Indonesian, for the report."""

    quarter: int
    kind: Literal["keuangan_tertinggal", "tanpa_kemajuan", "kumulatif_menurun"]
    series: Literal["fisik", "keuangan"]
    message: str


def behind_schedule(fisik: Mapping[int, Decimal | None], keuangan: Mapping[int, Decimal | None],
                    *, gap: Decimal = DEFAULT_GAP) -> list[ScheduleFlag]:
    """Warnings on cumulative physical (``fisik``) and financial (``keuangan``) realisasi, both in
    percent of the year's plan, per quarter:

    * ``keuangan_tertinggal``: fisik − keuangan > ``gap`` points (default 20): money is far behind
      the work reported as done;
    * ``tanpa_kemajuan``: a cumulative series that did not grow since the previous quarter while
      still below 100%;
    * ``kumulatif_menurun``: a cumulative series that decreased (a typing or reporting error).
    """
    flags: list[ScheduleFlag] = []
    f, k = _present(fisik), _present(keuangan)
    for q in QUARTERS:
        if q in f and q in k and f[q] - k[q] > gap:
            flags.append(ScheduleFlag(q, "keuangan_tertinggal", "keuangan",
                                      f"TW{q}: realisasi keuangan {fmt_number(k[q])}% tertinggal "
                                      f"{fmt_number(f[q] - k[q])} poin dari realisasi fisik "
                                      f"{fmt_number(f[q])}%"))
    both: tuple[tuple[Literal["fisik", "keuangan"], dict[int, Decimal]], ...] = (("fisik", f),
                                                                                ("keuangan", k))
    for name, series in both:
        quarters = sorted(series)
        for a, b in itertools.pairwise(quarters):
            if series[b] < series[a]:
                flags.append(ScheduleFlag(b, "kumulatif_menurun", name,
                                          f"TW{b}: realisasi {name} kumulatif turun dari "
                                          f"{fmt_number(series[a])}% menjadi {fmt_number(series[b])}%"))
            elif series[b] == series[a] and series[b] < 100:
                flags.append(ScheduleFlag(b, "tanpa_kemajuan", name,
                                          f"TW{b}: realisasi {name} tidak bertambah sejak TW{a} "
                                          f"({fmt_number(series[b])}%)"))
    return sorted(flags, key=lambda fl: (fl.quarter, fl.series, fl.kind))


def pct_of(amount: Decimal | None, plan: Decimal | None) -> Decimal | None:
    """``amount / plan × 100`` (e.g. cumulative keuangan in Rp against the pagu); ``None`` when
    either is missing or the plan is 0."""
    if amount is None or plan is None or plan == 0:
        return None
    return amount / plan * Decimal(100)
