from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.compute.budget import (
    BudgetError,
    efisiensi,
    performance_per_budget,
    rollup,
    rollup_frame,
    serapan,
    serapan_by,
    total,
)
from sakip.compute.formatting import round_half_up
from sakip.model.rows import BudgetLine


def line(code, level, parent, pagu, real, sasaran=None, **extra):
    return {"code": code, "level": level, "parent_code": parent, "sasaran_id": sasaran,
            "pagu": None if pagu is None else D(pagu),
            "realisasi": None if real is None else D(real), **extra}


def test_seed_serapan_total_and_per_sasaran():
    assert round_half_up(serapan(D("6643861122"), D("5959374081"))) == D("89.70")
    for pagu, real, s, e in [("1407615308", "1327231136", "94.29", "5.71"),
                             ("1806269606", "1716223162", "95.01", "4.99"),
                             ("3429976208", "2915919783", "85.01", "14.99")]:
        value = serapan(D(pagu), D(real))
        assert round_half_up(value) == D(s)
        assert round_half_up(efisiensi(value)) == D(e)


def test_serapan_missing_or_zero():
    assert serapan(D(0), D(5)) is None
    assert serapan(None, D(5)) is None
    assert serapan(D(5), None) is None
    assert serapan(D(5), D(0)) == 0
    assert efisiensi(None) is None


def test_performance_per_budget():
    ratio = performance_per_budget(D("101.472"), serapan(D("1407615308"), D("1327231136")))
    assert ratio.quantize(D("0.0001")) == D("1.0762")
    assert performance_per_budget(None, D(90)) is None
    assert performance_per_budget(D(90), D(0)) is None
    assert performance_per_budget(D(90), None) is None


TREE = [
    line("P1", "program", None, "1000", "900", "S1"),       # printed total differs (leaves: 1100)
    line("P1.K1", "kegiatan", "P1", None, None),
    line("P1.K1.S1", "sub_kegiatan", "P1.K1", "600", "550"),
    line("P1.K1.S2", "sub_kegiatan", "P1.K1", "500", "400"),
    line("P2", "program", None, "200", "100", "S2"),        # a leaf program
    line("P3", "program", None, None, None, None),
    line("P3.K1", "kegiatan", "P3", "300", None, "S2"),
]


def test_rollup_sums_leaves_and_keeps_printed_values():
    rows = {r.code: r for r in rollup(TREE)}
    p1 = rows["P1"]
    assert (p1.pagu, p1.realisasi) == (D(1100), D(950))
    assert (p1.own_pagu, p1.own_realisasi) == (D(1000), D(900))
    assert p1.pagu_differs and p1.realisasi_differs
    assert p1.n_leaves == 2 and not p1.is_leaf and p1.depth == 0 and p1.complete
    k1 = rows["P1.K1"]
    assert (k1.pagu, k1.own_pagu, k1.sasaran_id, k1.depth) == (D(1100), None, "S1", 1)
    assert not k1.pagu_differs  # nothing printed to compare
    leaf = rows["P1.K1.S1"]
    assert leaf.is_leaf and leaf.pagu == leaf.own_pagu == D(600) and leaf.sasaran_id == "S1"
    assert not leaf.pagu_differs
    assert round_half_up(rows["P1"].serapan) == D("86.36")
    p3 = rows["P3"]
    assert p3.pagu == D(300) and p3.realisasi is None and not p3.complete and p3.serapan is None
    assert [r.code for r in rollup(TREE)] == [x["code"] for x in TREE]


def test_rollup_accepts_models_and_frames():
    models = [BudgetLine(year=2024, code="P1", level="program", name="Program", pagu="1.000"),
              BudgetLine(year=2024, code="P1.K1", level="kegiatan", parent_code="P1", name="K",
                         pagu="Rp. 1.000,-", realisasi="900")]
    rows = rollup(models)
    assert rows[0].pagu == D(1000) and rows[0].realisasi == D(900)
    frame = rollup_frame(TREE)
    assert list(frame["code"]) == [x["code"] for x in TREE]
    assert "own_pagu" in frame.columns and "serapan" in frame.columns


@pytest.mark.parametrize("lines, message", [
    ([line("A", "program", None, 1, 1), line("A", "program", None, 1, 1)], "appears twice"),
    ([line("A", "kegiatan", "X", 1, 1)], "not a code"),
    ([line("A", "kegiatan", "B", 1, 1), line("B", "kegiatan", "A", 1, 1)], "cycle"),
    ([line("", "program", None, 1, 1)], "no code"),
])
def test_rollup_rejects_broken_trees(lines, message):
    with pytest.raises(BudgetError, match=message):
        rollup(lines)


def test_serapan_by_sums_leaves_with_inherited_keys():
    by = serapan_by(TREE, "sasaran_id")
    assert by["S1"].pagu == D(1100) and by["S1"].realisasi == D(950) and by["S1"].n_lines == 2
    assert by["S2"].pagu == D(500) and by["S2"].realisasi == D(100) and not by["S2"].complete
    assert round_half_up(by["S1"].serapan) == D("86.36")
    assert round_half_up(by["S1"].efisiensi) == D("13.64")
    programs = serapan_by(TREE, "program")
    assert list(programs) == ["P1", "P2", "P3"]
    assert programs["P1"].pagu == D(1100)
    by_level = serapan_by(TREE, lambda ln: ln["level"])
    assert by_level["sub_kegiatan"].pagu == D(1100)


def test_serapan_by_is_a_ratio_of_sums_not_a_mean_of_ratios():
    lines = [line("A", "program", None, "100", "100", "S"),
             line("B", "program", None, "900", "450", "S")]
    assert serapan_by(lines, "sasaran_id")["S"].serapan == D(55)  # not (100 + 50) / 2 = 75


def test_serapan_by_key_none_and_total():
    lines = [line("A", "program", None, "100", "50"), line("B", "program", None, "100", "100", "S")]
    by = serapan_by(lines, "sasaran_id")
    assert by[None].pagu == D(100)
    t = total(lines)
    assert (t.pagu, t.realisasi, t.serapan) == (D(200), D(150), D(75))
    assert total([]).pagu is None
    nan_line = {"code": "A", "parent_code": None, "pagu": float("nan"), "realisasi": D("NaN")}
    assert serapan_by([nan_line], "program")["A"].pagu is None
    assert serapan_by([nan_line], "program")["A"].realisasi is None


amounts = st.integers(min_value=0, max_value=10**12).map(D)


@given(st.lists(st.tuples(amounts, amounts, st.sampled_from(["S1", "S2"])), min_size=1, max_size=8))
def test_group_sums_add_up_to_total(items):
    lines = [line(f"P{i}", "program", None, p, r, s) for i, (p, r, s) in enumerate(items)]
    by = serapan_by(lines, "sasaran_id")
    assert sum(g.pagu for g in by.values()) == total(lines).pagu == sum(p for p, _, _ in items)
    assert sum(g.realisasi for g in by.values()) == total(lines).realisasi
