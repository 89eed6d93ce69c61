"""The seeds' correct figures, reproduced from the transcribed example data (not from literals)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sakip.analysis import indicators as analysis
from sakip.compute.formatting import fmt_number, fmt_pct
from sakip.compute.trend import renstra_capaian
from sakip.inputs import load_agency
from sakip.model.parsing import parse_perf_value
from support import ROOT


@pytest.fixture(scope="module")
def payakumbuh():
    return load_agency(ROOT / "data" / "payakumbuh-disnakerperin")


@pytest.fixture(scope="module")
def lampung_barat():
    return load_agency(ROOT / "data" / "lampung-barat-disnakerperin")


def _iku(agency, year):
    return {r.indicator.indicator_id: r for r in analysis.iku_results(agency, year, analysis.default_options())}


def test_iku_capaian_and_kriteria(payakumbuh):
    iku = _iku(payakumbuh, 2024)
    assert (fmt_pct(iku["IKU1"].capaian.value), iku["IKU1"].kriteria) == ("101,47%", "Sangat Baik")
    assert fmt_pct(iku["IKU2"].capaian.value) == "184,62%"
    assert fmt_pct(iku["IKU3"].capaian.value) == "100,00%"


def test_realisasi_from_components(payakumbuh):
    iku = _iku(payakumbuh, 2024)
    assert fmt_pct(iku["IKU1"].computed_realisasi) == "95,13%"  # 74.085 / 77.876
    assert fmt_pct(iku["IKU2"].computed_realisasi) == "5,99%"  # (301.636.853 - 284.598.221) / 284.598.221


def test_budget_serapan_and_efisiensi(payakumbuh):
    options = analysis.default_options()
    results = analysis.sasaran_results(payakumbuh, 2024, options)
    assert [fmt_pct(r.budget.serapan) for r in results] == ["94,29%", "95,01%", "85,01%"]
    assert [fmt_number(r.budget.efisiensi) for r in results] == ["5,71", "4,99", "14,99"]
    from sakip.compute.budget import total

    assert fmt_pct(total(payakumbuh.budget_lines(2024)).serapan) == "89,70%"


def test_against_the_renstra_end_target(payakumbuh):
    iku = _iku(payakumbuh, 2024)
    shown = []
    for key in ("IKU1", "IKU2", "IKU3"):
        ind = payakumbuh.indicator(key)
        capaian = renstra_capaian(iku[key].realisasi, parse_perf_value(ind.target_akhir), ind.polarity)
        shown.append(fmt_pct(capaian.value))
    assert shown == ["101,45%", "179,10%", "100,00%"]


def test_lampung_barat_tw4(lampung_barat):
    iku = _iku(lampung_barat, 2025)
    assert fmt_pct(iku["IKU1"].capaian.value) == "101,15%"  # 88,02 against 87,02
    assert fmt_pct(iku["IKU2"].capaian.value) == "115,33%"  # 430.030 against 372.855
    assert iku["IKU1"].realisasi_source == "triwulan"
    assert iku["IKU1"].realisasi.value == Decimal("88.02")
