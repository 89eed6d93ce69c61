"""Figures of the front chapters (sakip.analysis.overview): counts and selections on the values as
shown, and the example agencies' figures."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from sakip.analysis import overview
from sakip.compute.capaian import Capaian


def _result(value: str | None) -> SimpleNamespace:
    capaian = (Capaian.unmeasurable("target 0") if value is None
               else Capaian(Decimal(value), True, None, "ratio"))
    return SimpleNamespace(capaian=capaian)


@pytest.fixture
def payakumbuh(payakumbuh_ctx):
    return payakumbuh_ctx


@pytest.fixture
def lampung_barat(lampung_barat_ctx):
    return lampung_barat_ctx


def test_short_of_target_follows_the_capaian_as_shown():
    results = [_result("99.994"), _result("99.995"), _result("100"), _result("120"), _result(None)]
    short = overview.short_of_target(results)
    # 99,995 is shown as 100,00%: it met the target, like the table says.
    assert short == [results[0], results[4]]


def test_split_movements_leaves_unchanged_out():
    up = SimpleNamespace(improved=True, direction="naik")
    down = SimpleNamespace(improved=False, direction="turun")
    same = SimpleNamespace(improved=False, direction="tetap")
    moves = overview.split_movements([up, same, down])
    assert moves.improved == (up,) and moves.declined == (down,)


def test_low_serapan_compares_the_serapan_as_shown():
    def sasaran(serapan):
        return SimpleNamespace(budget=SimpleNamespace(serapan=None if serapan is None else Decimal(serapan)))

    rows = [sasaran("89.994"), sasaran("89.995"), sasaran("95"), sasaran(None)]
    assert overview.low_serapan(rows) == [rows[0]]
    assert overview.low_serapan(rows, Decimal(96)) == rows[:3]


def test_apbd_total_is_the_first_total_line_with_an_amount_after_the_change():
    def row(is_total, after):
        return SimpleNamespace(line=SimpleNamespace(is_total=is_total, after=after))

    rows = [row(False, Decimal(5)), row(True, None), row(True, Decimal(7)), row(True, Decimal(9))]
    assert overview.apbd_total(rows) is rows[2]
    assert overview.apbd_total(rows[:2]) is None


def test_year_overview_of_payakumbuh(payakumbuh):
    figures = overview.year_overview(payakumbuh)
    assert figures.n_sasaran == 3 and len(figures.results) == 3
    assert (figures.counts.met, figures.counts.total) == (3, 3)
    assert figures.mean_kriteria == "Sangat Baik"
    assert str(figures.budget.pagu) == "6643861122"


def test_movements_and_low_serapan_of_payakumbuh(payakumbuh):
    moves = overview.year_movements(payakumbuh)
    assert [m.result.indicator.name for m in moves.improved] == ["Persentase Peningkatan Nilai Produksi"]
    assert [m.result.indicator.name for m in moves.declined] == ["Persentase Penyerapan Tenaga Kerja"]
    low = overview.low_serapan(payakumbuh.sasaran)
    assert [s.sasaran.statement for s in low] == [
        "Meningkatnya Akuntabilitas Kinerja Dinas Tenaga Kerja dan Perindustrian"]


def test_bab1_figures_of_payakumbuh(payakumbuh):
    pivot = overview.headcount(payakumbuh.agency)
    assert (pivot.count(), pivot.count(gender="L"), pivot.count(gender="P")) == (23, 11, 12)
    issues = overview.strategic_issues(payakumbuh.agency)
    assert [i.no for i in issues] == sorted(i.no for i in issues) and len(issues) == 2


def test_bab2_figures_of_payakumbuh(payakumbuh):
    assert overview.renstra_years(payakumbuh) == [2023, 2024, 2025, 2026]
    support = overview.rpjmd_support(payakumbuh.agency)
    assert any("Meningkatnya Serapan Tenaga Kerja" in v for v in support.values())
    strategies = overview.strategies(payakumbuh.agency)
    assert [s.sasaran.statement for s in strategies] == [
        "Meningkatnya Serapan Tenaga Kerja", "Meningkatnya Produksi Industri Pengolahan"]
    assert strategies[0].strategies == ("Meningkatkan Upaya Penurunan Angka Pengangguran",)


def test_budget_tree_sums_and_orders(payakumbuh):
    rows = overview.budget_tree(payakumbuh)
    assert rows[0].kind == "sasaran" and rows[0].label == "Meningkatnya Serapan Tenaga Kerja"
    assert (str(rows[0].pagu), str(rows[0].realisasi)) == ("1407615308", "1327231136")
    assert rows[1].kind == "line" and rows[1].level == "program"
    assert rows[-1].kind == "total" and rows[-1].pagu == payakumbuh.budget_total.pagu
    # every sasaran row's pagu is the sum of its programmes
    current, programmes = None, Decimal(0)
    for row in rows:
        if row.kind in ("sasaran", "total"):
            if current is not None:
                assert programmes == current.pagu
            current, programmes = row, Decimal(0)
        elif row.level == "program":
            programmes += row.pagu


def test_missing_data_gives_empty_selections(lampung_barat):
    assert overview.headcount(lampung_barat.agency) is None
    assert overview.strategic_issues(lampung_barat.agency) == []
    assert overview.rpjmd_support(lampung_barat.agency) == {}
    assert overview.short_of_target(overview.year_overview(lampung_barat).results) == []


def test_rows_of_year_never_sums_several_years():
    from types import SimpleNamespace as Row

    from sakip.analysis.indicators import rows_of_year

    rows = [Row(year=2023, n=1), Row(year=2024, n=2), Row(year=2024, n=3)]
    assert [r.n for r in rows_of_year(rows, 2024)] == [2, 3]
    assert [r.n for r in rows_of_year(rows, 2025)] == [2, 3]  # latest earlier year
    assert [r.n for r in rows_of_year(rows, 2022)] == []
    undated = [Row(year=None, n=7), Row(year=2020, n=8)]
    assert [r.n for r in rows_of_year(undated, 2024)] == [7]
    assert len(rows_of_year(rows, None)) == 3
