from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.compute.triwulan import (
    aggregate,
    behind_schedule,
    cumulative,
    pct_of,
    per_quarter,
    project_year_end,
    quarter_number,
)

Q = {1: D("10"), 2: D("20"), 3: None, 4: D("30")}


def test_aggregate():
    assert aggregate(Q, "kumulatif") == D(60)
    assert aggregate(Q, "nilai_akhir") == D(30)
    assert aggregate(Q, "rata_rata") == D(20)
    assert aggregate({1: D(5), 2: None}, "nilai_akhir") == D(5)
    assert aggregate({}, "kumulatif") is None
    assert aggregate({1: None}, "rata_rata") is None
    with pytest.raises(ValueError):
        aggregate(Q, "median")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1..4"):
        aggregate({5: D(1)}, "kumulatif")


def test_seed_lampung_barat_nilai_akhir():
    # Realisasi per TW (seed 000): 82,83 / 82,83 / 82,83 / 88,02 -> the year's value is TW4.
    tw = {1: D("82.83"), 2: D("82.83"), 3: D("82.83"), 4: D("88.02")}
    assert aggregate(tw, "nilai_akhir") == D("88.02")


def test_cumulative_and_inverse():
    assert cumulative(Q) == {1: D(10), 2: D(30), 4: D(60)}
    assert per_quarter({1: D(10), 2: D(30), 4: D(60)}) == {1: D(10), 2: D(20), 4: D(30)}
    assert cumulative({}) == {}


def test_project_year_end():
    assert project_year_end({1: D(10), 2: D(30)}, 2) == D(60)
    assert project_year_end({1: D(25)}, 1) == D(100)
    assert project_year_end({4: D(77)}, 4) == D(77)
    assert project_year_end({1: D(10)}, 2) is None
    with pytest.raises(ValueError):
        project_year_end({1: D(10)}, 5)


def test_quarter_number_and_pct_of():
    assert [quarter_number(p) for p in ("TW1", "TW2", "TW3", "TW4")] == [1, 2, 3, 4]
    with pytest.raises(ValueError):
        quarter_number("TAHUN")
    assert pct_of(D("513690689"), D("2082007618")).quantize(D("0.01")) == D("24.67")
    assert pct_of(None, D(1)) is None and pct_of(D(1), D(0)) is None


def test_behind_schedule_flags():
    fisik = {1: D(30), 2: D(60), 3: D(60), 4: D(100)}
    keuangan = {1: D(5), 2: D(50), 3: D(45), 4: D(95)}
    flags = behind_schedule(fisik, keuangan)
    kinds = [(f.quarter, f.kind, f.series) for f in flags]
    assert (1, "keuangan_tertinggal", "keuangan") in kinds       # 25 points behind
    assert (2, "keuangan_tertinggal", "keuangan") not in kinds   # 10 points: tolerated
    assert (3, "tanpa_kemajuan", "fisik") in kinds
    assert (3, "kumulatif_menurun", "keuangan") in kinds
    assert (4, "tanpa_kemajuan", "fisik") not in kinds
    assert flags == sorted(flags, key=lambda f: (f.quarter, f.series, f.kind))
    msg = next(f.message for f in flags if f.kind == "keuangan_tertinggal")
    assert msg == "TW1: realisasi keuangan 5,00% tertinggal 25,00 poin dari realisasi fisik 30,00%"
    assert [f.kind for f in behind_schedule(fisik, keuangan, gap=D(30))].count(
        "keuangan_tertinggal") == 0


def test_behind_schedule_complete_and_empty():
    assert behind_schedule({4: D(100)}, {4: D(100)}) == []
    assert behind_schedule({3: D(100), 4: D(100)}, {}) == []  # done: no "tanpa kemajuan"
    assert behind_schedule({}, {}) == []


quarterly = st.dictionaries(st.integers(1, 4),
                            st.decimals(min_value=0, max_value=10**9, allow_nan=False, places=2))


@given(quarterly)
def test_cumulative_properties(values):
    cum = cumulative(values)
    assert aggregate(values, "kumulatif") == (cum[max(cum)] if cum else None)
    assert per_quarter(cum) == {q: v for q, v in values.items() if v is not None}
    series = [cum[q] for q in sorted(cum)]
    assert series == sorted(series)
    assert not [f for f in behind_schedule(cum, cum) if f.kind == "kumulatif_menurun"]
