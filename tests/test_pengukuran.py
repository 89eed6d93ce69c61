"""Unit tests of sakip.analysis.pengukuran: quarterly series, projections, financial progress, flags and
the PK cascade, on the two example agencies and on small synthetic inputs."""

from __future__ import annotations

from decimal import Decimal

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


@pytest.fixture(scope="module")
def pyk():
    return load_agency(ROOT / "data" / "payakumbuh-disnakerperin")


def r2(value):
    return round_half_up(value, 2)


def ind(**kw) -> m.Indikator:
    base = {"indicator_id": "X", "name": "Indikator X"}
    base.update(kw)
    return m.Indikator(**base)


# --- small helpers -------------------------------------------------------------------------------


def test_roman_and_check_upto():
    assert [pg.roman(q) for q in (1, 2, 3, 4)] == ["I", "II", "III", "IV"]
    with pytest.raises(ValueError):
        pg.roman(5)
    assert pg.check_upto(None) == 4
    assert pg.check_upto(2) == 2
    with pytest.raises(ValueError):
        pg.check_upto(0)


def test_period_label():
    assert pg.period_label(2) == "Data s.d. TW II"
    assert pg.period_label(None) == "Data TW I s.d. TW IV"


def test_numeric():
    assert pg.numeric(NumberValue(D("1.5"))) == D("1.5")
    assert pg.numeric(None) is None


def test_quarter_and_annual_target(lb):
    # The PK (table A) wins over the rencana aksi (table B) for IKU1.
    assert pg.numeric(pg.quarter_target(lb, "IKU1", 2025, 4)) == D("87.02")
    assert pg.numeric(pg.quarter_target(lb, "IKU1", 2025, 1)) == D("82.88")
    # Programme indicators only have rencana aksi targets.
    assert pg.numeric(pg.quarter_target(lb, "IP.3", 2025, 4)) == D("5")
    assert pg.quarter_target(lb, "IP.3", 2025, 1) is None
    assert pg.numeric(pg.annual_target(lb, "IKU2", 2025)) == D("372855")


def test_annual_target_falls_back_to_tahun(pyk):
    assert pg.numeric(pg.annual_target(pyk, "IKU1", 2024)) == D("93.75")


# --- projection ----------------------------------------------------------------------------------


def test_project_indicator_by_aggregation():
    series = {1: D(10), 2: D(20), 3: None, 4: D(99)}
    # kumulatif values are typed s.d. the quarter (seed 000: "per triwulan akumulatif")
    value, basis = pg.project_indicator(ind(triwulan_aggregation="kumulatif"), series, 2)
    assert value == D(40)  # 20 s.d. TW II / 2 * 4
    assert "dikali 4" in basis
    value, _ = pg.project_indicator(ind(triwulan_aggregation="rata_rata"), series, 2)
    assert value == D(15)
    value, basis = pg.project_indicator(ind(), series, 2)  # nilai_akhir by default
    assert value == D(20)
    assert "TW II" in basis
    assert pg.project_indicator(ind(), {1: D(5)}, 2)[0] is None  # no TW II value


# --- indicators per quarter ------------------------------------------------------------------------


def test_indicator_quarters_seed_figures(lb):
    iq = pg.indicator_quarters(lb, lb.indicator("IKU1"), 2025, None, DEFAULT_SCALE)
    assert [r.quarter for r in iq.quarters] == [1, 2, 3, 4]
    assert r2(iq.quarter(4).capaian.value) == D("101.15")  # 88,02 / 87,02
    assert iq.quarter(4).kriteria == "Sangat Baik"
    assert iq.projection is None
    iq2 = pg.indicator_quarters(lb, lb.indicator("IKU2"), 2025, None, DEFAULT_SCALE)
    assert r2(iq2.latest.capaian.value) == D("115.33")  # 430.030 / 372.855


def test_indicator_quarters_partial_year_projects(lb):
    iq = pg.indicator_quarters(lb, lb.indicator("IKU1"), 2025, 2, DEFAULT_SCALE)
    assert [r.quarter for r in iq.quarters] == [1, 2]
    assert iq.projection.value == D("82.88")
    assert r2(iq.projection.capaian.value) == D("95.24")  # 82,88 / 87,02
    assert r2(iq.quarter(1).progress.value) == D("95.24")


def test_iku_quarters(lb):
    assert [iq.indicator.indicator_id for iq in pg.iku_quarters(lb, 2025, 3, DEFAULT_SCALE)] == ["IKU1", "IKU2"]


def test_renstra_years_and_iku_year_targets(lb):
    years = pg.renstra_years(lb.profile)
    assert years == [2023, 2024, 2025, 2026]
    targets = pg.iku_year_targets(lb, "IKU2", years)
    assert [pg.numeric(targets[y]) for y in years] == [D(360376), D(365544), D(372855), D(380312)]


# --- financial progress ------------------------------------------------------------------------------


def test_annual_plan_rules():
    assert pg.annual_plan({1: D(5), 4: D(10)}, D(100)) == pg.AnnualPlan(D(100), "pagu")
    assert pg.annual_plan({1: D(5), 4: D(10)}) == pg.AnnualPlan(D(10), "target_tw4", 4)
    plan = pg.annual_plan({1: D(5), 2: D(7), 3: None, 4: None})
    assert plan == pg.AnnualPlan(D(7), "target_terakhir", 2)
    assert "TW II" in plan.description
    assert pg.annual_plan({1: None}).basis == "tidak_ada"
    assert pg.annual_plan({4: D(10)}, D(0)).basis == "target_tw4"  # a 0 pagu is no plan


def test_quarterly_rows(lb):
    rows = pg.quarterly_rows(lb, "S1", 2025)
    assert sorted(rows) == [1, 2, 3, 4]
    assert rows[4].keuangan_realisasi == D("2082007618")


def test_ref_pagu(lb, pyk):
    assert pg.ref_pagu(lb, "P1", 2025) is None  # the seed prints no pagu
    assert pg.ref_pagu(pyk, "S1", 2024) == D("1407615308")
    from sakip.compute.budget import rollup

    expected = {r.code: r.pagu for r in rollup(pyk.budget_lines(2024))}["P1"]
    assert pg.ref_pagu(pyk, "P1", 2024) == expected


def test_financial_progress_s1(lb):
    fp = pg.financial_progress(lb, "S1", 2025, None)
    assert fp.quarter(4).realisasi == D("2082007618")
    assert fp.plan.amount == D("609107750") and fp.plan.basis == "target_tw4"
    assert r2(fp.quarter(1).pct) == D("84.33")
    assert fp.projection is None and fp.projection_pct is None
    assert fp.penanggung_jawab == "KEPALA DINAS"
    assert fp.has_data


def test_financial_progress_partial_year(lb):
    fp = pg.financial_progress(lb, "S1", 2025, 2)
    assert [q.quarter for q in fp.quarters] == [1, 2]
    assert fp.projection == D("1049301223") * 2
    assert fp.pct_series.keys() == {1, 2}


def test_financial_progress_unknown_ref(lb):
    fp = pg.financial_progress(lb, "NOPE", 2025, None)
    assert not fp.has_data and fp.plan.basis == "tidak_ada" and fp.penanggung_jawab is None


def _iq(progress: list[Decimal | None]) -> pg.IndicatorQuarters:
    quarters = tuple(pg.QuarterResult(q, None, None, Capaian.unmeasurable("x"), "-",
                                      Capaian(v, True, None, "ratio") if v is not None else Capaian.unmeasurable("x"))
                     for q, v in enumerate(progress, start=1))
    return pg.IndicatorQuarters(ind(), 2025, len(progress), quarters, None, None)


def test_physical_progress_mean_and_explicit():
    a, b = _iq([D(50), D(100)]), _iq([D(70), None])
    assert pg.physical_progress([a, b]) == {1: D(60), 2: D(100)}
    assert pg.physical_progress([a, b], {2: D(42)}) == {1: D(60), 2: D(42)}
    assert pg.physical_progress([_iq([None])]) == {1: None}


def test_action_rows_structure(lb):
    blocks = pg.action_rows(lb, 2025, None, DEFAULT_SCALE)
    assert [s.sasaran_id for s, _ in blocks] == ["S1", "S2"]
    s1 = blocks[0][1]
    assert [r.ref for r in s1] == ["S1", "P1", "P2", "P3", "P4"]
    assert s1[0].kind == "sasaran" and s1[1].kind == "program"
    assert s1[1].penanggung_jawab == "Sekretaris"
    # S2 has no penanggung jawab typed: the head of the agency answers for it.
    assert blocks[1][1][0].penanggung_jawab == "Kepala Dinas Tenaga Kerja dan Perindustrian"
    assert r2(s1[0].fisik[4]) == D("101.15")


# --- flags ---------------------------------------------------------------------------------------------


def test_decreasing_steps():
    assert pg.decreasing_steps({1: D(5), 2: D(9), 3: D(7), 4: None}) == [(2, 3)]
    assert pg.decreasing_steps({1: D(1), 2: D(1)}) == []


def _fp(targets, reals, plan=None) -> pg.FinancialProgress:
    plan = plan or pg.annual_plan(dict(enumerate(targets, start=1)))
    quarters = tuple(pg.FinancialQuarter(q, t, r, None if r is None or not plan.amount else r / plan.amount * 100)
                     for q, (t, r) in enumerate(zip(targets, reals), start=1))
    return pg.FinancialProgress("P", 2025, len(quarters), plan, quarters, None, None)


def test_progress_flags_seed_like_decreasing_targets():
    fp = _fp([D(300), D(200), D(100), D(100)], [D(10), D(20), D(30), D(150)])
    flags = pg.progress_flags("P", "Program P", [], {}, fp)
    kinds = [f.kind for f in flags]
    assert kinds.count("target_menurun") == 2
    menurun = next(f for f in flags if f.kind == "target_menurun")
    assert "Rp 300" in menurun.message and "Rp 700" in menurun.message  # the sum of TW I-IV
    over = next(f for f in flags if f.kind == "melampaui_rencana")
    assert over.quarter == 4 and "150,00%" in over.message


def test_progress_flags_behind_and_no_progress():
    fp = _fp([D(100)] * 4, [D(10), D(10), D(20), D(30)])
    flags = pg.progress_flags("P", "Program P", [], {1: D(50), 2: D(50), 3: D(60), 4: D(90)}, fp)
    kinds = {(f.kind, f.quarter) for f in flags}
    assert ("keuangan_tertinggal", 1) in kinds  # 50 vs 10
    assert ("tanpa_kemajuan", 2) in kinds  # fisik 50 -> 50
    assert ("kumulatif_menurun", 2) not in kinds


def test_progress_flags_decreasing_realisasi_and_incomplete_plan():
    fp = _fp([D(100), D(100), None, None], [D(50), D(40), None, None])
    flags = pg.progress_flags("P", "Program P", [], {}, fp)
    kinds = [f.kind for f in flags]
    assert "kumulatif_menurun" in kinds and "rencana_tidak_lengkap" in kinds


def test_progress_flags_far_above_target(lb):
    blocks = pg.action_rows(lb, 2025, None, DEFAULT_SCALE)
    p3 = next(r for _, rows in blocks for r in rows if r.ref == "P3")
    above = [f for f in p3.flags if f.kind == "melampaui_target"]
    assert above and all("300%" in f.message for f in above)
    # an implausible physical value is not compared with money
    assert not any(f.kind == "keuangan_tertinggal" and f.quarter == 1 for f in p3.flags)


def test_all_flags_and_count(lb):
    blocks = pg.action_rows(lb, 2025, None, DEFAULT_SCALE)
    flags = pg.all_flags(blocks)
    counts = pg.count_flags(flags)
    assert sum(counts.values()) == len(flags)
    assert counts["target_menurun"] >= 2
    s1 = [f for f in flags if f.ref == "S1" and f.kind == "target_menurun"]
    assert [f.quarter for f in s1] == [3, 4]  # 930.045.211 -> 711.282.650 -> 609.107.750


def test_flags_respect_upto(lb):
    blocks = pg.action_rows(lb, 2025, 2, DEFAULT_SCALE)
    assert all(f.quarter is None or f.quarter <= 2 for f in pg.all_flags(blocks))


# --- cascade ---------------------------------------------------------------------------------------------


def test_unit_tree_order_and_cycle():
    units = [m.Unit(unit_id="a", kind="kepala", position="A", order=1),
             m.Unit(unit_id="c", parent_unit_id="a", kind="kabid", position="C", order=3),
             m.Unit(unit_id="b", parent_unit_id="a", kind="sekretaris", position="B", order=2),
             m.Unit(unit_id="d", parent_unit_id="b", kind="kasubag", position="D", order=4)]
    assert [(u.unit_id, d) for u, d in pg.unit_tree(units)] == [("a", 0), ("b", 1), ("d", 2), ("c", 1)]
    cyclic = [m.Unit(unit_id="x", parent_unit_id="y", kind="kabid", position="X"),
              m.Unit(unit_id="y", parent_unit_id="x", kind="kabid", position="Y"),
              m.Unit(unit_id="h", kind="kepala", position="H")]
    with pytest.raises(ValueError, match="cycle"):
        pg.unit_tree(cyclic)


def test_supported_iku_transitive(pyk):
    assert pg.supported_iku(pyk, "IKU2", 2024) == ("IKU2",)
    assert pg.supported_iku(pyk, "U.kabid_naker.1", 2024) == ("IKU1",)
    # fungsional -> kabid indicator -> IKU2
    assert pg.supported_iku(pyk, "U.jf_penyuluh_industri.1", 2024) == ("IKU2",)
    # unit indicator -> programme indicator IP.P5 -> programme P5 serves S2 -> IKU2
    assert pg.supported_iku(pyk, "U.kabid_industri.2", 2024) == ("IKU2",)
    assert pg.supported_iku(pyk, "U.kasubag_umum.1", 2024) == ()
    assert pg.supported_iku(pyk, "NOPE", 2024) == ()


def test_unit_indicators(lb, pyk):
    units = {u.unit_id: u for u in lb.units()}
    assert [i.indicator_id for i, _ in pg.unit_indicators(lb, units["kadis"], 2025)] == ["IKU1", "IKU2"]
    # the PK of this kabid is written in programme indicators: IP.4 (no sasaran) joins IP.2
    assert [i.indicator_id for i, _ in pg.unit_indicators(lb, units["kabid-pelatihan-hi"], 2025)] == ["IP.2", "IP.4"]
    punits = {u.unit_id: u for u in pyk.units()}
    ids = [i.indicator_id for i, _ in pg.unit_indicators(pyk, punits["sekretaris"], 2024)]
    assert ids == ["U.sekretaris.1", "U.sekretaris.2", "U.sekretaris.3"]


def test_plausible_mean():
    items = [Capaian(D(100), True, None, "ratio"), Capaian(D(80), True, None, "ratio"),
             Capaian(D(5000), True, None, "ratio"), Capaian.unmeasurable("x")]
    assert pg.plausible_mean(items, D(300)).value == D(90)
    assert pg.plausible_mean(items, None).value == (D(5180) / 3)
    assert not pg.plausible_mean([Capaian.unmeasurable("x")], D(300)).measurable


def test_period_value(lb, pyk):
    target, real = pg.period_value(pyk, pyk.indicator("IKU1"), 2024, None)
    assert pg.numeric(target) == D("93.75") and pg.numeric(real) == D("95.13")
    target, real = pg.period_value(lb, lb.indicator("IKU1"), 2025, None)  # TW only: aggregated
    assert pg.numeric(target) == D("87.02") and pg.numeric(real) == D("88.02")
    target, real = pg.period_value(lb, lb.indicator("IKU1"), 2025, 2)
    assert pg.numeric(target) == D("82.88") and pg.numeric(real) == D("82.88")


def test_cascade_payakumbuh(pyk):
    nodes = pg.cascade(pyk, 2024)
    by_id = {n.unit.unit_id: n for n in nodes}
    assert nodes[0].unit.unit_id == "kadis" and nodes[0].depth == 0
    assert set(by_id) == {u.unit_id for u in pyk.units()}
    # unit indicators have no realisasi: not measurable, with the reason
    for uid in ("sekretaris", "kabid_naker", "jf_penyuluh_industri", "kasubag_tu_uptd"):
        assert not by_id[uid].capaian.measurable
        assert by_id[uid].capaian.reason == "tidak ada indikator yang dapat diukur"
    assert by_id["kadis"].capaian.measurable
    assert by_id["sekretaris"].children == ("kasubag_umum", "kasubag_prokeu")
    assert by_id["kabid_naker"].budget_total == D("1378855108")
    assert by_id["jf_penyuluh_industri"].budget_total == D("1277751000")  # sub kegiatan rows
    assert all(not b.is_total for n in nodes for b in n.budget)


def test_cascade_lampung_barat_excludes_implausible(lb):
    nodes = {n.unit.unit_id: n for n in pg.cascade(lb, 2025)}
    assert not nodes["kabid-penempatan"].capaian.measurable  # IP.3: 1.360.000%
    assert nodes["kadis"].rollup.value < 300


def test_iku_support(pyk):
    nodes = pg.cascade(pyk, 2024)
    support = dict((i.indicator_id, s) for i, s in pg.iku_support(pyk, nodes))
    iku2 = {ui.indicator.indicator_id for _, ui in support["IKU2"]}
    assert {"U.kabid_industri.1", "U.jf_penyuluh_industri.1", "U.kasubag_tu_uptd.1"} <= iku2
    assert all(unit.unit_id != "kadis" for _, s in support.items() for unit, _ in s)


def test_tree_layout(pyk):
    nodes = pg.cascade(pyk, 2024)
    layout = pg.tree_layout(nodes)
    assert set(layout) == {n.unit.unit_id for n in nodes}
    leaves = [n.unit.unit_id for n in nodes if not n.children]
    assert sorted(layout[u][0] for u in leaves) == list(map(float, range(len(leaves))))
    x_sek = layout["sekretaris"][0]
    assert x_sek == (layout["kasubag_umum"][0] + layout["kasubag_prokeu"][0]) / 2
    assert layout["kadis"][1] == 0 and layout["kasubag_umum"][1] == 2
