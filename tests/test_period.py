"""Every figure in its period (sakip.compute.period): typed quarterly values read per aggregation,
s.d. the quarter and within it, the year from its quarters, budget figures of a quarter; and the
same reading in the pengukuran report, the LKjIP's annual realisasi and the audit."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sakip.analysis import pengukuran as pg
from sakip.analysis.indicators import annual_realisasi
from sakip.compute import period as p
from sakip.compute.kriteria import DEFAULT_SCALE
from sakip.inputs import load_agency
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import NumberValue
from support import ROOT

TYPED = {1: D(50), 2: D(120), 3: None, 4: D(240)}


@pytest.mark.parametrize("how,quarter,sd,dalam", [
    ("kumulatif", 1, D(50), D(50)),
    ("kumulatif", 2, D(120), D(70)),
    ("kumulatif", 3, None, None),
    ("kumulatif", 4, D(240), None),  # TW III missing: nothing to subtract
    ("nilai_akhir", 2, D(120), D(120)),
    ("rata_rata", 2, D(85), D(120)),
    ("rata_rata", 4, D(410) / 3, D(240)),
])
def test_to_date_and_within(how, quarter, sd, dalam):
    assert p.to_date(TYPED, quarter, how) == sd
    assert p.within(TYPED, quarter, how) == dalam


def test_year_from_quarters():
    assert p.year_from_quarters(TYPED, "kumulatif") == D(240)  # the running total, not a sum
    assert p.year_from_quarters({1: D(5), 2: D(9)}, "kumulatif") == D(9)
    assert p.year_from_quarters(TYPED, "nilai_akhir") == D(240)
    assert p.year_from_quarters(TYPED, "rata_rata") == D(410) / 3
    assert p.year_from_quarters({}, "kumulatif") is None


def test_projection_per_aggregation():
    assert p.project_to_year_end(TYPED, 2, "kumulatif")[0] == D(240)  # 120 / 2 * 4
    assert p.project_to_year_end(TYPED, 2, "nilai_akhir")[0] == D(120)
    assert p.project_to_year_end(TYPED, 2, "rata_rata")[0] == D(85)
    assert p.project_to_year_end(TYPED, 3, "kumulatif")[0] is None


def test_quarter_of():
    assert p.quarter_of("TW2") == 2 and p.quarter_of("TAHUN") is None
    with pytest.raises(ValueError):
        p.quarter_of("TW5")


def _agency() -> Agency:
    profile = m.Profile(agency_id="uji", agency_name="Dinas Uji", pemda_id="kota-uji",
                        pemda_kind="kota", pemda_name="Uji", province="Uji", head_name="Kepala",
                        renstra_start=2023, renstra_end=2026)
    tables = {
        "sasaran": (m.Sasaran(sasaran_id="S1", statement="Meningkatnya pelatihan"),),
        "indikator": (m.Indikator(indicator_id="IKU1", sasaran_id="S1", name="Jumlah Peserta",
                                  unit="orang", triwulan_aggregation="kumulatif", is_iku="ya"),),
        "targets": tuple(m.Target(indicator_id="IKU1", year=2024, period=f"TW{q}",
                                  source="rencana_aksi", value=str(60 * q)) for q in range(1, 5)),
        "realisasi": tuple(m.Realisasi(indicator_id="IKU1", year=2024, period=f"TW{q}", value=v)
                           for q, v in ((1, "50"), (2, "120"))),
        "budget": (m.BudgetLine(year=2024, code="P1", level="program", name="Program",
                                sasaran_id="S1", pagu="400", realisasi="380"),),
        "budget_quarterly": tuple(m.BudgetQuarter(year=2024, ref="P1", period=f"TW{q}",
                                                  keuangan_target=str(t), keuangan_realisasi=r)
                                  for q, t, r in ((1, 60, "40"), (2, 160, "100"), (3, 280, None),
                                                  (4, 400, None))),
    }
    return Agency(profile=profile, tables=tables)


def test_indicator_period_kumulatif():
    agency = _agency()
    f = p.indicator_period(agency, agency.indicator("IKU1"), 2024, 2)
    assert p.numeric(f.target) == D(120) and p.numeric(f.realisasi) == D(120)
    assert p.numeric(f.target_within) == D(60) and p.numeric(f.realisasi_within) == D(70)
    assert f.capaian.value == D(100) and f.capaian_within.value == D(70) / D(60) * 100
    assert p.numeric(f.annual_target) == D(240) and f.progress.value == D(50)
    assert f.projection == D(240) and f.projected_capaian.value == D(100) and f.reported
    assert not p.indicator_period(agency, agency.indicator("IKU1"), 2024, 3).reported
    # the year, without a TAHUN realisasi: the running total of the last quarter reported
    assert annual_realisasi(agency, agency.indicator("IKU1"), 2024) == (NumberValue(D(120)), "triwulan")


def test_budget_period_quarter_and_year():
    agency = _agency()
    tw2 = p.budget_period(agency, "P1", 2024, "TW2")
    assert tw2.plan.amount == D(400) and tw2.plan.basis == "pagu"
    assert (tw2.target, tw2.realisasi, tw2.target_within, tw2.realisasi_within) == (D(160), D(100), D(100), D(60))
    assert tw2.serapan == D(25) and tw2.rencana == D(40) and tw2.serapan_within == D(15)
    assert p.period_serapan(agency, "P1", 2024, "TW2", "dalam") == D(15)
    assert p.period_serapan(agency, "P1", 2024, "TAHUN") == D(95)  # 380 / 400
    # the pengukuran report's financial progress is the same serapan
    fp = pg.financial_progress(agency, "P1", 2024, 2)
    assert fp.quarter(2).pct == tw2.serapan and fp.plan == tw2.plan


def test_pengukuran_reads_quarters_through_the_period_path():
    lb = load_agency(ROOT / "data" / "lampung-barat-disnakerperin")
    for indicator in lb.iku:
        iq = pg.indicator_quarters(lb, indicator, 2025, 2, DEFAULT_SCALE)
        for r in iq.quarters:
            f = p.indicator_period(lb, indicator, 2025, r.quarter)
            assert (r.target, r.realisasi, r.capaian, r.progress) == (f.target, f.realisasi, f.capaian, f.progress)
