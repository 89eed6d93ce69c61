"""Quarters of a pengukuran run: the last quarter a run reads (``upto``) and how a quarter is
printed ("TW II", "Data s.d. TW II")."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from sakip.compute.triwulan import QUARTERS

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
HUNDRED = Decimal(100)


def roman(quarter: int) -> str:
    """1..4 -> ``I``..``IV`` (as printed: "Triwulan II")."""
    if quarter not in QUARTERS:
        raise ValueError(f"quarter must be 1..4, got {quarter}")
    return ROMAN[quarter]


def check_upto(upto: Optional[int]) -> int:
    """The last quarter of a run: ``None`` means the whole year (4)."""
    if upto is None:
        return 4
    if upto not in QUARTERS:
        raise ValueError(f"triwulan must be 1..4, got {upto}")
    return upto


def period_label(upto: Optional[int]) -> str:
    """"Data s.d. TW II" for a partial year, "Data TW I s.d. TW IV" for the whole year (one
    spelling of a quarter: "TW II", :func:`sakip.compute.wording.quarter_label`)."""
    n = check_upto(upto)
    return "Data TW I s.d. TW IV" if n == 4 else f"Data s.d. TW {roman(n)}"
