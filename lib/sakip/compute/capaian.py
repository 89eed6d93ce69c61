"""Capaian (achievement, %) of an indicator: realisasi measured against its target.

Every rule is documented in ``docs/FORMULAS.md``; in short (T = target, R = realisasi):

* ``higher`` (makin tinggi makin baik): ``R / T × 100`` (PermenPANRB 53/2014, the rule the
  seeds print: 95,13 / 93,75 = 101,47%).
* ``lower`` (makin rendah makin baik), default ``kondisi_khusus``: ``(2T − R) / T × 100``, i.e.
  ``(1 + (1 − R/T)) × 100``, the "kondisi khusus" formula of the PermenPANRB performance-management
  rules (PermenPANRB 8/2021, carried into 6/2022), floored at 0 so that a realisasi beyond twice
  the target never yields a negative capaian. Alternative ``inverse_ratio``: ``T / R × 100``.
* ``grade`` (AKIP predicates D < C < CC < B < BB < A < AA): 100 when R ≥ T, else
  ``rank(R) / rank(T) × 100`` on 1-based ranks (D = 1 … AA = 7). A project convention: the
  regulations define the predicates, not a percentage between them.
* range targets (``5,80-6,00``): 100 inside the range; outside, the nearest bound takes the place
  of T in the polarity's formula (PermenPANRB 8/2021 lampiran: the upper bound when realisasi is
  above the range, the lower bound when below).
* direction targets (``meningkat``/``menurun``): compared with the previous year's realisasi P:
  met -> 100; not met -> ``R / P × 100`` for ``meningkat`` and the lower-is-better formula with P
  as target for ``menurun``; no P -> tidak dapat diukur.

Nothing here rounds, raises on data, or returns NaN: a capaian that cannot be computed is
``Capaian(value=None, measurable=False, reason=...)`` with the reason in Indonesian.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sakip.model.parsing import (
    GRADE_SCALE,
    DirectionValue,
    GradeValue,
    NumberValue,
    PerfValue,
    RangeValue,
)

Polarity = Literal["higher", "lower", "grade"]
LowerMethod = Literal["kondisi_khusus", "inverse_ratio"]
SasaranAggregation = Literal["mean", "min"]

HUNDRED = Decimal(100)
ZERO = Decimal(0)

#: Reasons (Indonesian, shown in the report) for a capaian that cannot be measured.
REASON_NO_TARGET = "target belum ditetapkan"
REASON_NO_REALISASI = "realisasi belum tersedia"
REASON_TARGET_ZERO = "target 0"
REASON_TARGET_NEGATIVE = "target bernilai negatif"
REASON_REALISASI_ZERO = "realisasi 0 (rumus T/R tidak terdefinisi)"
REASON_NO_PREVIOUS = "realisasi tahun sebelumnya belum tersedia"
REASON_PREVIOUS_ZERO = "realisasi tahun sebelumnya 0"
REASON_MISMATCH = "jenis target dan realisasi tidak sebanding"
REASON_NONE_MEASURABLE = "tidak ada indikator yang dapat diukur"


@dataclass(frozen=True)
class Capaian:
    """An unrounded capaian in percent, or the reason why it cannot be measured.

    ``method`` names the rule that produced the value: ``ratio``, ``kondisi_khusus``,
    ``inverse_ratio``, ``grade_rank``, ``range``, ``direction``, ``mean``, ``min``; ``capped``
    is appended (``ratio+cap``) when the optional cap was applied.
    """

    value: Decimal | None
    measurable: bool
    reason: str | None
    method: str

    @classmethod
    def unmeasurable(cls, reason: str, method: str = "none") -> Capaian:
        return cls(None, False, reason, method)


def _ok(value: Decimal, method: str) -> Capaian:
    return Capaian(value, True, None, method)


def _lower(target: Decimal, realisasi: Decimal, method: LowerMethod) -> Capaian:
    """Lower-is-better capaian against a positive number ``target``."""
    if method == "inverse_ratio":
        if realisasi == 0:
            return Capaian.unmeasurable(REASON_REALISASI_ZERO, method)
        if realisasi < 0:
            return Capaian.unmeasurable("realisasi bernilai negatif", method)
        return _ok(target / realisasi * HUNDRED, method)
    value = (2 * target - realisasi) / target * HUNDRED
    return _ok(max(value, ZERO), method)


def _number(target: Decimal, realisasi: Decimal, polarity: Polarity, method: LowerMethod) -> Capaian:
    if target == 0:
        return Capaian.unmeasurable(REASON_TARGET_ZERO, method if polarity == "lower" else "ratio")
    if target < 0:
        return Capaian.unmeasurable(REASON_TARGET_NEGATIVE, method if polarity == "lower" else "ratio")
    if polarity == "lower":
        return _lower(target, realisasi, method)
    return _ok(realisasi / target * HUNDRED, "ratio")


def _range(target: RangeValue, realisasi: Decimal, polarity: Polarity, method: LowerMethod) -> Capaian:
    if target.low <= realisasi <= target.high:
        return _ok(HUNDRED, "range")
    bound = target.high if realisasi > target.high else target.low
    inner = _number(bound, realisasi, polarity, method)
    if inner.value is None:  # not measurable (a measurable capaian always has a value)
        return Capaian.unmeasurable(f"batas rentang target {bound}: {inner.reason}", "range")
    return _ok(inner.value, "range")


def grade_rank(grade: str) -> int:
    """1-based rank of an AKIP predicate: D = 1, C = 2, CC = 3, B = 4, BB = 5, A = 6, AA = 7."""
    return GRADE_SCALE.index(grade) + 1


def _grade(target: GradeValue, realisasi: GradeValue) -> Capaian:
    if realisasi.rank >= target.rank:
        return _ok(HUNDRED, "grade_rank")
    return _ok(Decimal(grade_rank(realisasi.grade)) / Decimal(grade_rank(target.grade)) * HUNDRED,
               "grade_rank")


def _direction(target: DirectionValue, realisasi: Decimal, previous: PerfValue | None,
               method: LowerMethod) -> Capaian:
    if previous is None:
        return Capaian.unmeasurable(REASON_NO_PREVIOUS, "direction")
    if not isinstance(previous, NumberValue):
        return Capaian.unmeasurable(REASON_MISMATCH, "direction")
    prev = previous.value
    if target.direction == "up":
        if realisasi > prev:
            return _ok(HUNDRED, "direction")
        if prev <= 0:
            return Capaian.unmeasurable(REASON_PREVIOUS_ZERO if prev == 0 else
                                        "realisasi tahun sebelumnya bernilai negatif", "direction")
        return _ok(realisasi / prev * HUNDRED, "direction")
    if realisasi < prev:
        return _ok(HUNDRED, "direction")
    if prev <= 0:
        return Capaian.unmeasurable(REASON_PREVIOUS_ZERO if prev == 0 else
                                    "realisasi tahun sebelumnya bernilai negatif", "direction")
    inner = _lower(prev, realisasi, method)
    if inner.value is None:  # not measurable (a measurable capaian always has a value)
        return Capaian.unmeasurable(inner.reason or REASON_MISMATCH, "direction")
    return _ok(inner.value, "direction")


def _normalise_method(method: str | None) -> LowerMethod:
    if method in (None, "default", "kondisi_khusus"):
        return "kondisi_khusus"
    if method == "inverse_ratio":
        return "inverse_ratio"
    raise ValueError(f"unknown capaian method {method!r}: use 'kondisi_khusus' or 'inverse_ratio'")


def compute_capaian(
    target: PerfValue | None,
    realisasi: PerfValue | None,
    polarity: Polarity,
    *,
    method: LowerMethod | Literal["default"] | None = None,
    cap: Decimal | None = None,
    previous: PerfValue | None = None,
) -> Capaian:
    """Capaian (%) of one indicator, unrounded; see the module docstring for every rule.

    :param target: the target (PK, Renstra ...) as parsed; ``None`` = not set.
    :param realisasi: the realisasi as parsed; ``None`` = not yet available.
    :param polarity: ``higher``, ``lower`` or ``grade`` (``Indikator.polarity``).
    :param method: formula for ``lower``: ``kondisi_khusus`` (default, ``(2T−R)/T×100`` floored
        at 0) or ``inverse_ratio`` (``T/R×100``); ``default`` is accepted as ``None``.
    :param cap: optional upper bound of the capaian (``Indikator.capaian_cap``), e.g. 120.
    :param previous: last year's realisasi, needed only for ``meningkat``/``menurun`` targets.

    >>> compute_capaian(NumberValue(Decimal("93.75")), NumberValue(Decimal("95.13")), "higher").value
    Decimal('101.47200')
    """
    lower_method = _normalise_method(method)
    if polarity not in ("higher", "lower", "grade"):
        raise ValueError(f"unknown polarity {polarity!r}: use 'higher', 'lower' or 'grade'")
    if target is None:
        result = Capaian.unmeasurable(REASON_NO_TARGET)
    elif realisasi is None:
        result = Capaian.unmeasurable(REASON_NO_REALISASI)
    elif isinstance(target, GradeValue) or isinstance(realisasi, GradeValue):
        if isinstance(target, GradeValue) and isinstance(realisasi, GradeValue):
            result = _grade(target, realisasi)
        else:
            result = Capaian.unmeasurable(REASON_MISMATCH, "grade_rank")
    elif not isinstance(realisasi, NumberValue):
        result = Capaian.unmeasurable(REASON_MISMATCH)
    else:
        # A numeric indicator flagged "grade" (e.g. an AKIP score 0-100) is higher-is-better.
        numeric_polarity: Polarity = "lower" if polarity == "lower" else "higher"
        r = realisasi.value
        if isinstance(target, NumberValue):
            result = _number(target.value, r, numeric_polarity, lower_method)
        elif isinstance(target, RangeValue):
            result = _range(target, r, numeric_polarity, lower_method)
        elif isinstance(target, DirectionValue):
            result = _direction(target, r, previous, lower_method)
        else:  # pragma: no cover - PerfValue is a closed union
            result = Capaian.unmeasurable(REASON_MISMATCH)
    return apply_cap(result, cap)


def apply_cap(capaian: Capaian, cap: Decimal | None) -> Capaian:
    """Limit a measurable capaian to ``cap`` percent (no-op when ``cap`` is None)."""
    if cap is None or capaian.value is None or capaian.value <= cap:
        return capaian
    return Capaian(cap, True, None, f"{capaian.method}+cap")


def sasaran_capaian(items: Sequence[Capaian], how: SasaranAggregation = "mean") -> Capaian:
    """Capaian of a sasaran from the capaian of its indicators.

    ``mean``: arithmetic mean of the measurable indicators (the usual "rata-rata capaian"
    of LKjIP tables); ``min``: the weakest indicator. Unmeasurable indicators are left out;
    when none is measurable the sasaran is not measurable either.
    """
    if how not in ("mean", "min"):
        raise ValueError(f"unknown aggregation {how!r}: use 'mean' or 'min'")
    values = [c.value for c in items if c.measurable and c.value is not None]
    if not values:
        return Capaian.unmeasurable(REASON_NONE_MEASURABLE, how)
    if how == "min":
        return _ok(min(values), how)
    return _ok(sum(values, ZERO) / Decimal(len(values)), how)
