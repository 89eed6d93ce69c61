"""Unit tests of sakip.analysis.pengukuran.summary: what the pengukuran chapters state about a
run (quarters, quarters with data, latest and projected physical progress, the IKU summary)."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

import pytest

from sakip.analysis import pengukuran as pg
from sakip.compute.capaian import Capaian
from sakip.compute.formatting import round_half_up
from sakip.compute.kriteria import DEFAULT_SCALE
from sakip.inputs import load_agency
from sakip.model import rows as m
from sakip.model.parsing import NumberValue
from support import ROOT

D = Decimal


@pytest.fixture(scope="module")
def lb():
    return load_agency(ROOT / "data" / "lampung-barat-disnakerperin")


def _cap(value: Optional[Decimal]) -> Capaian:
    return Capaian(value, True, None, "ratio") if value is not None else Capaian.unmeasurable("x")


def _iq(capaian: list[Optional[Decimal]], realisasi: Optional[list] = None,
        projection: Optional[Decimal] = None) -> pg.IndicatorQuarters:
    """An indicator with the given capaian per quarter (and realisasi, default: none)."""
    realisasi = realisasi or [None] * len(capaian)
    quarters = tuple(pg.QuarterResult(q, None, None if r is None else NumberValue(D(r)), _cap(v), "-", _cap(v))
                     for q, (v, r) in enumerate(zip(capaian, realisasi), start=1))
    proj = None if projection is None else pg.Projection(projection, _cap(projection), "-", "basis")
    return pg.IndicatorQuarters(m.Indikator(indicator_id="X", name="X"), 2025, len(capaian), quarters,
                                None, proj)


def _fp(reals: list[Optional[Decimal]]) -> pg.FinancialProgress:
    plan = pg.annual_plan({})
    quarters = tuple(pg.FinancialQuarter(q, None, r, None) for q, r in enumerate(reals, start=1))
    return pg.FinancialProgress("P", 2025, len(reals), plan, quarters, None, None)


def _row(indicators, reals, fisik=None) -> pg.ActionRow:
    return pg.ActionRow("P", "program", "Program P", tuple(indicators), fisik or {}, _fp(reals), "PJ")


def test_run_quarters():
    assert pg.run_quarters(2) == [1, 2]
    assert pg.run_quarters(None) == [1, 2, 3, 4]
    with pytest.raises(ValueError):
        pg.run_quarters(5)


def test_quarters_with_data_money_or_kinerja():
    row = _row([_iq([None, None, None], realisasi=[None, None, 5])], [D(10), None, None])
    assert pg.quarters_with_data(row, [1, 2, 3]) == [1, 3]
    assert pg.quarters_with_data(row, [1, 2]) == [1]
    assert pg.quarters_with_data(_row([], [None, None]), [1, 2]) == []


def test_quarters_with_data_seed(lb):
    blocks = pg.action_rows(lb, 2025, 2, DEFAULT_SCALE)
    assert all(pg.quarters_with_data(r, [1, 2]) == [1, 2] for _, rows in blocks for r in rows)


def test_latest_fisik_quarter():
    assert pg.latest_fisik_quarter(_row([], [], {1: D(5), 2: D(7), 3: None})) == 2
    assert pg.latest_fisik_quarter(_row([], [], {1: None})) is None


def test_projected_fisik_is_the_mean_of_projections():
    row = _row([_iq([D(1)], projection=D(80)), _iq([D(1)], projection=D(100)), _iq([D(1)])], [])
    assert pg.projected_fisik(row) == D(90)
    assert pg.projected_fisik(_row([_iq([D(1)])], [])) is None  # whole year: no projection


def test_projected_fisik_seed_up_to_triwulan_ii(lb):
    s1 = pg.action_rows(lb, 2025, 2, DEFAULT_SCALE)[0][1][0]
    assert round_half_up(pg.projected_fisik(s1), 2) == D("95.24")


def test_iku_summary_counts_on_the_capaian_as_shown():
    # 99,996% is shown as 100,00%: it meets the target; 99,994% is shown as 99,99%: it does not
    items = [_iq([D(50), D("99.996")]), _iq([D("99.994")]), _iq([None]), _iq([D(120)])]
    summary = pg.iku_summary(items, DEFAULT_SCALE, flag_count=3)
    assert summary.total == 4
    assert summary.counts.measured == 3 and summary.counts.met == 2
    assert summary.counts.above == 1 and summary.counts.equal == 1 and summary.counts.below == 1
    assert summary.mean.value == (D("99.996") + D("99.994") + D(120)) / 3
    assert summary.mean_kriteria == DEFAULT_SCALE.classify(summary.mean.value)
    assert summary.flags == 3


def test_iku_summary_nothing_measured():
    summary = pg.iku_summary([_iq([None])], DEFAULT_SCALE)
    assert summary.counts.measured == 0 and summary.counts.met == 0
    assert summary.mean.value is None and summary.flags == 0


@pytest.mark.parametrize("upto", [1, 2, 3, 4])
def test_iku_summary_seed(lb, upto):
    summary = pg.iku_summary(pg.iku_quarters(lb, 2025, upto, DEFAULT_SCALE), DEFAULT_SCALE)
    assert (summary.total, summary.counts.measured, summary.counts.met) == (2, 2, 2)
    expected = {4: D("108.24")}.get(upto, D("106.56"))
    assert round_half_up(summary.mean.value, 2) == expected
