"""Unit tests of the consistency audit on small hand-made agencies.

``clean()`` is a small agency whose figures all agree: the audit must find nothing in it. Each
dirty test changes one figure and checks that exactly the expected findings appear.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from sakip.audit import CODES, FRAME_COLUMNS, AuditConfig, Finding, audit_frame, run_audit
from sakip.audit.render import to_csv, to_json, to_text
from sakip.model import rows as m
from sakip.model.agency import Agency

PROFILE = m.Profile(agency_id="kota-uji-dinas", agency_name="Dinas Uji", pemda_id="kota-uji",
                    pemda_kind="kota", pemda_name="Uji", province="Sumatera Barat",
                    head_name="Kepala Uji", renstra_start=2023, renstra_end=2026)


def _rows(model, *dicts):
    return [model(**d) for d in dicts]


def clean_tables() -> dict[str, list]:
    t: dict[str, list] = {}
    t["units"] = _rows(m.Unit, dict(unit_id="kadis", kind="kepala", position="Kepala Dinas"),
                       dict(unit_id="kabid", parent_unit_id="kadis", kind="kabid",
                            position="Kabid"))
    t["sasaran"] = _rows(m.Sasaran, dict(sasaran_id="S1", statement="Meningkatnya serapan"),
                         dict(sasaran_id="S2", statement="Meningkatnya industri"))
    t["indikator"] = _rows(
        m.Indikator,
        dict(indicator_id="IKU1", sasaran_id="S1", name="Persentase Penyerapan Tenaga Kerja",
             unit="%", formula="bekerja / angkatan_kerja * 100", target_akhir="93,77",
             is_iku="ya"),
        dict(indicator_id="IKU2", sasaran_id="S2", name="Jumlah Peserta Pelatihan",
             unit="orang", triwulan_aggregation="kumulatif", is_iku="ya"),
        dict(indicator_id="IKU3", sasaran_id="S2", name="Persentase Peningkatan Nilai Produksi",
             unit="%", is_iku="ya"),
        dict(indicator_id="IKU4", sasaran_id="S2", name="Nilai Kinerja", unit="Nilai",
             triwulan_aggregation="nilai_akhir"))
    t["targets"] = _rows(
        m.Target,
        dict(indicator_id="IKU1", year=2024, source="renstra", value="93,75"),
        dict(indicator_id="IKU1", year=2024, source="pk", value="93,75%"),
        dict(indicator_id="IKU1", year=2024, source="iku", value="93.75"),
        dict(indicator_id="IKU2", year=2024, source="pk", value="240"),
        *[dict(indicator_id="IKU2", year=2024, period=f"TW{i}", source="rencana_aksi",
               value=str(60 * i)) for i in range(1, 5)],
        dict(indicator_id="IKU3", year=2024, source="pk", value="100"),
        dict(indicator_id="IKU4", year=2024, source="pk", value="80"),
        dict(indicator_id="IKU4", year=2024, period="TW4", source="rencana_aksi", value="80"))
    t["realisasi"] = _rows(
        m.Realisasi,
        dict(indicator_id="IKU1", year=2024, value="95,13"),
        dict(indicator_id="IKU2", year=2024, value="240"),
        *[dict(indicator_id="IKU2", year=2024, period=f"TW{i}", value=v)
          for i, v in zip(range(1, 5), ("50", "120", "200", "240"))],
        dict(indicator_id="IKU3", year=2024, value="150"),
        dict(indicator_id="IKU4", year=2024, value="82"))
    t["components"] = _rows(
        m.Component,
        dict(indicator_id="IKU1", year=2024, name="bekerja", value="74.085"),
        dict(indicator_id="IKU1", year=2024, name="angkatan_kerja", value="77.876"),
        dict(indicator_id="IKU1", year=2024, scope="nasional", name="bekerja",
             value="144.642.004"),
        dict(indicator_id="IKU1", year=2024, scope="nasional", name="angkatan_kerja",
             value="152.107.603"))
    t["national_standards"] = _rows(m.NationalStandard,
                                    dict(indicator_id="IKU1", year=2024, value="95,09"))
    t["budget"] = _rows(
        m.BudgetLine,
        dict(year=2024, code="P1", level="program", name="Program Penempatan", sasaran_id="S1",
             pagu_murni="280", pagu="300", realisasi="270"),
        dict(year=2024, code="P1.K1", level="kegiatan", parent_code="P1", name="Kegiatan A",
             pagu_murni="280", pagu="300", realisasi="270"),
        dict(year=2024, code="P1.K1.S1", level="sub_kegiatan", parent_code="P1.K1",
             name="Sub A1", pagu_murni="100", pagu="100", realisasi="90"),
        dict(year=2024, code="P1.K1.S2", level="sub_kegiatan", parent_code="P1.K1",
             name="Sub A2", pagu_murni="180", pagu="200", realisasi="180"),
        dict(year=2024, code="P2", level="program", name="Program Industri", sasaran_id="S2",
             pagu_murni="700", pagu="700", realisasi="630"))
    t["pk_budget"] = _rows(
        m.PkBudget,
        dict(unit_id="kadis", year=2024, no=1, name="Program Penempatan", budget_code="P1",
             amount="Rp. 300,-"),
        dict(unit_id="kadis", year=2024, no=2, name="Program Industri", budget_code="P2",
             amount="700"),
        dict(unit_id="kadis", year=2024, name="TOTAL", amount="1.000", is_total="ya"),
        dict(unit_id="kabid", year=2024, no=1, name="Program Industri", budget_code="P2",
             amount="700"),
        dict(unit_id="kabid", year=2024, name="TOTAL", amount="700", is_total="ya"))
    t["apbd"] = _rows(
        m.ApbdLine,
        dict(year=2024, account_code="5", name="BELANJA DAERAH"),
        dict(year=2024, account_code="5.1", name="Belanja Operasi", before="980", after="1000",
             change="20"),
        dict(year=2024, account_code="5.1.01", name="Belanja Pegawai", before="500",
             after="480", change="(20)"),
        dict(year=2024, account_code="5.1.02", name="Belanja Barang", before="480",
             after="520", change="40"),
        dict(year=2024, account_code="JML", name="Jumlah Belanja", before="980", after="1000",
             change="20", is_total="ya"),
        dict(year=2024, account_code="SD", name="Total Surplus/Defisit", before="(980)",
             after="(1000)", change="(20)", is_total="ya"))
    t["budget_quarterly"] = _rows(
        m.BudgetQuarter,
        *[dict(year=2024, ref=ref, period=f"TW{i}", keuangan_target=str(75 * i),
               keuangan_realisasi=str(r), fisik_target=str(25 * i), fisik_realisasi=str(25 * i))
          for ref in ("S1", "P1") for i, r in zip(range(1, 5), (60, 130, 200, 270))])
    staff = [("IV", "Sekretariat", "L", 1, None), ("IV", "Sekretariat", "P", 2, None),
             ("IV", "Bidang", "L", 3, None), ("III", "Sekretariat", "P", 4, None),
             ("III", "Bidang", "L", 5, None),
             ("IV", "Jumlah", "L", 4, "ya"), ("IV", "Jumlah", "P", 2, "ya"),
             ("IV", "Total", None, 6, "ya"), ("III", "Jumlah", "L", 5, "ya"),
             ("III", "Jumlah", "P", 4, "ya"), ("III", "Total", None, 9, "ya"),
             ("Jumlah", "Sekretariat", "L", 1, "ya"), ("Jumlah", "Sekretariat", "P", 6, "ya"),
             ("Jumlah", "Bidang", "L", 8, "ya"), ("Jumlah", "Jumlah", "L", 9, "ya"),
             ("Jumlah", "Jumlah", "P", 6, "ya"), ("Jumlah", "Total", None, 15, "ya")]
    t["staff"] = _rows(m.StaffCount, *[dict(table="pangkat", row_label=r, unit_label=u,
                                            gender=g, count=c, is_total=tot, year=2024)
                                       for r, u, g, c, tot in staff])
    t["facilities"] = _rows(m.Facility, dict(no=1, item="Kursi", quantity=5, baik=3,
                                             rusak_ringan=2, condition="3 Baik/2 Rusak Ringan"))
    sup = [("Angkatan Kerja", "100", "ya"), ("Bekerja", "95", None), ("Penganggur", "5", None),
           ("Bukan Angkatan Kerja", "50", "ya"), ("Sekolah", "20", None), ("Lainnya", "30", None),
           ("Penduduk Usia Kerja", "150", "ya")]
    t["supplementary"] = _rows(m.SupplementaryCell, *[
        dict(table_id="naker", title="Data Ketenagakerjaan", row_label=r, col_label="2024",
             value=v, is_total=tot, unit="orang") for r, v, tot in sup])
    printed = [("Tabel 3.3", "IKU1", "target", "93,75%"), ("Tabel 3.3", "IKU1", "realisasi", "95,13%"),
               ("Tabel 3.3", "IKU1", "capaian", "101,47%"),
               ("Tabel 3.3", "IKU1", "kriteria", "Sangat Baik"),
               ("Tabel 3.5", "IKU1", "capaian_renstra", "101,45%"),
               ("Tabel 3.6", "IKU1", "standar_nasional", "95,09%"),
               ("Tabel 3.25", "P1", "serapan", "90%"), ("Tabel 3.8", "S1", "efisiensi", "10"),
               ("Tabel 2.6", "S1", "pagu", "300"),
               ("Tabel 3.25", "P1", "realisasi_anggaran", "Rp. 270,-"),
               ("Tabel 3.9", "S2", "capaian", "117,5")]
    t["printed"] = _rows(m.PrintedFigure, *[dict(doc_ref=d, ref=r, year=2024, field=f, value=v)
                                            for d, r, f, v in printed])
    return t


def make(tables: dict[str, list]) -> Agency:
    return Agency(profile=PROFILE, tables={k: tuple(v) for k, v in tables.items()})


def replace(tables: dict[str, list], table: str, match: dict, **changes) -> dict[str, list]:
    """A copy of ``tables`` where the one row of ``table`` matching ``match`` gets ``changes``."""
    out = {k: list(v) for k, v in tables.items()}
    hits = [i for i, r in enumerate(out[table])
            if all(getattr(r, k) == v for k, v in match.items())]
    assert len(hits) == 1, (table, match, hits)
    row = out[table][hits[0]]
    out[table][hits[0]] = type(row)(**{**row.model_dump(), **changes})
    return out


def codes(findings: list[Finding]) -> Counter:
    return Counter(f.code for f in findings)


def audit(tables, **config) -> list[Finding]:
    return run_audit(make(tables), AuditConfig(**config))


# --- the clean agency -----------------------------------------------------------------------

def test_clean_agency_has_no_finding():
    findings = audit(clean_tables())
    assert findings == [], "\n" + to_text(findings)


def test_clean_agency_text_says_consistent():
    assert "Tidak ada temuan" in to_text([], "x")


# --- budget ---------------------------------------------------------------------------------

def test_sub_kegiatan_not_summing_to_kegiatan():
    tables = replace(clean_tables(), "budget", {"code": "P1.K1.S1"}, pagu=Decimal(150))
    findings = audit(tables)
    assert codes(findings) == Counter({"budget_rollup": 1})
    f = findings[0]
    assert f.ref == "P1.K1" and f.severity == "error"
    assert f.expected == "Rp 350" and f.found == "Rp 300"
    assert f.location == "budget.csv baris 3"


def test_wrong_kegiatan_amount_is_one_finding():
    tables = replace(clean_tables(), "budget", {"code": "P1.K1"}, pagu=Decimal(310))
    findings = audit(tables)
    assert codes(findings) == Counter({"budget_rollup": 1})
    assert "Satu angka yang sama" in findings[0].message


def test_realisasi_rollup_of_programme():
    tables = replace(clean_tables(), "budget", {"code": "P1"}, realisasi=Decimal(275))
    findings = audit(tables, codes=frozenset({"budget_rollup"}))
    assert [(f.ref, f.found) for f in findings] == [("P1", "Rp 275")]


def test_empty_parent_is_the_sum_of_its_children():
    tables = replace(clean_tables(), "budget", {"code": "P1.K1"}, pagu=None, realisasi=None,
                     pagu_murni=None)
    assert audit(tables) == []


def test_programmes_against_apbd_total():
    tables = replace(clean_tables(), "budget", {"code": "P2"}, pagu=Decimal(750))
    tables = replace(tables, "pk_budget", {"unit_id": "kadis", "budget_code": "P2"},
                     amount=Decimal(750))
    tables = replace(tables, "pk_budget", {"unit_id": "kadis", "is_total": True},
                     amount=Decimal(1050))
    tables = replace(tables, "pk_budget", {"unit_id": "kabid", "budget_code": "P2"},
                     amount=Decimal(750))
    tables = replace(tables, "pk_budget", {"unit_id": "kabid", "is_total": True},
                     amount=Decimal(750))
    findings = audit(tables)
    assert codes(findings) == Counter({"budget_rollup": 1})
    assert findings[0].location == "apbd.csv baris 6"


def test_quarterly_sasaran_against_its_programmes():
    tables = replace(clean_tables(), "budget_quarterly", {"ref": "S1", "period": "TW2"},
                     keuangan_realisasi=Decimal(140))
    findings = audit(tables)
    assert codes(findings) == Counter({"budget_rollup": 1})
    assert "TW II" in findings[0].found


# --- PK -------------------------------------------------------------------------------------

def test_pk_programme_amount_differs_from_budget_and_total():
    tables = replace(clean_tables(), "pk_budget", {"unit_id": "kadis", "budget_code": "P2"},
                     amount=Decimal(600))
    findings = audit(tables)
    assert codes(findings) == Counter({"pk_budget_mismatch": 1, "pk_total": 1})
    total = next(f for f in findings if f.code == "pk_total")
    assert "pk_budget_mismatch" in total.message


def test_pk_amount_equal_to_pagu_murni_is_accepted():
    tables = replace(clean_tables(), "pk_budget", {"unit_id": "kadis", "budget_code": "P1"},
                     amount=Decimal(280))
    tables = replace(tables, "pk_budget", {"unit_id": "kadis", "is_total": True},
                     amount=Decimal(980))
    assert codes(audit(tables)) == Counter()


def test_pk_total_row_wrong_is_one_finding():
    tables = replace(clean_tables(), "pk_budget", {"unit_id": "kadis", "is_total": True},
                     amount=Decimal(1100))
    assert codes(audit(tables)) == Counter({"pk_total": 1})


# --- formulas -------------------------------------------------------------------------------

def test_formula_mismatch_error():
    tables = replace(clean_tables(), "components", {"name": "angkatan_kerja", "scope": "daerah"},
                     value=Decimal(78876))
    findings = audit(tables)
    assert codes(findings) == Counter({"formula_mismatch": 1})
    assert findings[0].severity == "error" and findings[0].expected == "93,9259"


def _rounded_tables():
    tables = replace(clean_tables(), "realisasi", {"indicator_id": "IKU1"}, value="95,1")
    tables["printed"] = [p for p in tables["printed"] if p.ref != "IKU1"]
    return tables


def test_formula_rounded_value_is_a_warning_with_capaian_effect():
    findings = audit(_rounded_tables())
    assert codes(findings) == Counter({"formula_mismatch": 1})
    f = findings[0]
    assert f.severity == "warning"
    assert "101,47%" in f.message and "101,44%" in f.message


def test_formula_rounded_without_capaian_effect_is_info():
    tables = replace(clean_tables(), "realisasi", {"indicator_id": "IKU1"}, value="95,132")
    assert audit(tables) == []  # three decimals: not a rounded value at all
    tables = replace(clean_tables(), "components", {"name": "bekerja", "scope": "daerah"},
                     value=Decimal("74085.0"))
    assert audit(tables) == []


def test_national_standard_mismatch():
    tables = replace(clean_tables(), "national_standards", {"indicator_id": "IKU1"},
                     value="97,68")
    tables["printed"] = [p for p in tables["printed"] if p.field != "standar_nasional"]
    findings = audit(tables)
    assert codes(findings) == Counter({"national_standard_mismatch": 1})
    assert findings[0].expected == "95,09" and findings[0].found == "97,68"


# --- printed figures ------------------------------------------------------------------------

@pytest.mark.parametrize("field,ref,value,expected", [
    ("capaian", "IKU1", "151,24%", "101,47%"),
    ("realisasi", "IKU1", "141,79%", "95,13"),
    ("kriteria", "IKU1", "Baik", "Sangat Baik"),
    ("serapan", "P1", "91%", "90,00%"),
    ("efisiensi", "S1", "11", "10"),
    ("pagu", "S1", "310", "Rp 300"),
    ("capaian", "S2", "130", "117,50%"),
    ("target", "IKU1", "93,70", "93,75"),
])
def test_printed_mismatch(field, ref, value, expected):
    tables = clean_tables()
    tables["printed"] = [p for p in tables["printed"] if not (p.field == field and p.ref == ref)]
    tables["printed"].append(m.PrintedFigure(doc_ref="Tabel X", ref=ref, year=2024, field=field,
                                             value=value))
    findings = audit(tables)
    assert codes(findings) == Counter({"printed_mismatch": 1})
    assert findings[0].expected == expected
    assert "Tabel X" in findings[0].location


def test_printed_value_rounded_to_its_decimals_matches():
    tables = clean_tables()
    tables["printed"].append(m.PrintedFigure(doc_ref="Tabel 3.9", ref="IKU1", year=2024,
                                             field="capaian", value="101,5"))
    tables["printed"].append(m.PrintedFigure(doc_ref="Tabel 3.2", ref="IKU1", year=2024,
                                             field="capaian", value="101"))
    assert audit(tables) == []


def test_printed_unreadable_is_a_warning():
    tables = clean_tables()
    tables["printed"].append(m.PrintedFigure(doc_ref="Tabel 3.26", ref="IKU1", year=2024,
                                             field="capaian", value="1.024.07 %"))
    findings = audit(tables)
    assert [(f.code, f.severity) for f in findings] == [("printed_mismatch", "warning")]


# --- printed figures in their period ---------------------------------------------------------
# The clean agency: P1 pagu 300 (realisasi 270, serapan 90% for the year); its keuangan realisasi
# s.d. TW I..IV 60, 130, 200, 270, so the TW II serapan is 130 / 300 = 43,33%.


def _with_printed(*rows) -> dict[str, list]:
    tables = clean_tables()
    tables["printed"] = [*tables["printed"], *[
        m.PrintedFigure(doc_ref="Laporan TW II", ref=ref, year=2024, field=field, value=value,
                        period=period) for ref, field, value, period in rows]]
    return tables


def test_printed_tw2_serapan_is_checked_against_tw2_amounts():
    assert audit(_with_printed(("P1", "serapan", "43,33%", "TW2"),
                               ("P1", "realisasi_anggaran", "130", "TW2"),
                               ("P1", "pagu", "300", "TW2"),
                               ("P1", "efisiensi", "56,67", "TW2"))) == []
    # the annual serapan printed as the TW II one: right for the year, wrong for TW II
    findings = audit(_with_printed(("P1", "serapan", "90%", "TW2")))
    assert codes(findings) == Counter({"printed_mismatch": 1})
    assert findings[0].expected == "43,33%" and "TW II" in findings[0].message


def test_printed_tw2_figure_within_the_quarter_is_named():
    findings = audit(_with_printed(("P1", "realisasi_anggaran", "70", "TW2")))
    assert codes(findings) == Counter({"printed_mismatch": 1})
    assert findings[0].expected == "Rp 130"
    assert "dalam TW II saja" in findings[0].message
    # IKU2 is kumulatif: 120 s.d. TW II (50 in TW I, so 70 within TW II)
    assert audit(_with_printed(("IKU2", "realisasi", "120", "TW2"),
                               ("IKU2", "capaian", "100%", "TW2"))) == []
    findings = audit(_with_printed(("IKU2", "realisasi", "70", "TW2")))
    assert codes(findings) == Counter({"printed_mismatch": 1})
    assert "dalam TW II saja" in findings[0].message


@pytest.mark.parametrize("ref,field,value,period,why", [
    ("IKU1", "capaian", "101%", "TW2", "tidak ada target TW II 2024 untuk IKU1"),
    ("IKU3", "target", "25", "TW3", "tidak ada target TW III 2024 untuk IKU3"),
    ("IKU1", "realisasi", "95", "TW1", "tidak ada realisasi TW I 2024 untuk IKU1"),
    ("S2", "serapan", "40%", "TW2", "tidak ada data keuangan triwulan"),
    ("P9", "pagu", "300", "TAHUN", "kode P9 tidak dikenal"),
    ("kadis", "pagu", "1.000", "TAHUN", "kode kadis adalah unit kerja"),
    ("IKU2", "capaian_renstra", "100", "TAHUN", "target akhir Renstra"),
])
def test_printed_without_a_computable_counterpart(ref, field, value, period, why):
    findings = audit(_with_printed((ref, field, value, period)))
    assert codes(findings) == Counter({"printed_uncomputable": 1}), to_text(findings)
    f = findings[0]
    assert f.severity == ("info" if ref == "kadis" else "warning") and f.found == value and f.ref == ref
    assert why in f.message and "Laporan TW II" in f.location


# --- table totals ---------------------------------------------------------------------------

@pytest.mark.parametrize("match,count", [
    ({"row_label": "Jumlah", "unit_label": "Total"}, 16),
    ({"row_label": "IV", "unit_label": "Jumlah", "gender": "L"}, 5),
    ({"row_label": "Jumlah", "unit_label": "Sekretariat", "gender": "P"}, 7),
])
def test_staff_totals(match, count):
    tables = replace(clean_tables(), "staff", match, count=count)
    findings = audit(tables)
    assert codes(findings) == Counter({"table_total": 1})


def test_supplementary_totals_heading_and_grand_total():
    tables = replace(clean_tables(), "supplementary", {"row_label": "Angkatan Kerja"},
                     value="101")
    findings = audit(tables)
    # the subtotal is wrong, and so is the grand total built on it
    assert codes(findings) == Counter({"table_total": 1})
    assert findings[0].found == "101"


def test_facilities_conditions_against_quantity():
    tables = replace(clean_tables(), "facilities", {"item": "Kursi"}, quantity=6)
    findings = audit(tables)
    assert codes(findings) == Counter({"table_total": 1})


@pytest.mark.parametrize("match,changes", [
    ({"account_code": "5.1.01"}, {"after": Decimal(490), "change": Decimal(-10)}),
    ({"account_code": "5.1.02"}, {"change": Decimal(30)}),
    ({"account_code": "JML"}, {"before": Decimal(990), "change": Decimal(10)}),
    ({"account_code": "5.1"}, {"after": Decimal(1010)}),  # one cell, three constraints
])
def test_apbd_totals(match, changes):
    tables = replace(clean_tables(), "apbd", match, **changes)
    findings = audit(tables)
    assert codes(findings) == Counter({"table_total": 1}), to_text(findings)


# --- triwulan -------------------------------------------------------------------------------

def test_cumulative_budget_decrease():
    tables = clean_tables()
    for ref in ("S1", "P1"):
        tables = replace(tables, "budget_quarterly", {"ref": ref, "period": "TW3"},
                         keuangan_target=Decimal(140))
    findings = audit(tables)
    assert codes(findings) == Counter({"cumulative_decrease": 2})
    assert "TW II ke TW III" in findings[0].message


def test_cumulative_indicator_decrease_and_quarter_above_year():
    tables = replace(clean_tables(), "realisasi", {"indicator_id": "IKU2", "period": "TW3"},
                     value="100")
    assert codes(audit(tables)) == Counter({"cumulative_decrease": 1})
    tables = replace(clean_tables(), "realisasi", {"indicator_id": "IKU2", "period": "TW3"},
                     value="250")
    assert codes(audit(tables)) == Counter({"cumulative_decrease": 1, "quarter_exceeds_year": 1})


def test_quarterly_keuangan_above_annual_realisasi():
    tables = clean_tables()
    for ref in ("S1", "P1"):
        tables = replace(tables, "budget_quarterly", {"ref": ref, "period": "TW4"},
                         keuangan_realisasi=Decimal(280))
    assert codes(audit(tables)) == Counter({"quarter_exceeds_year": 2})


# --- implausible values ---------------------------------------------------------------------

def test_share_above_100():
    tables = replace(clean_tables(), "realisasi", {"indicator_id": "IKU1"}, value="101,2")
    tables["printed"] = []
    tables["components"] = []
    tables["national_standards"] = []
    findings = audit(tables)
    assert codes(findings) == Counter({"share_above_100": 1})


def test_growth_rate_may_exceed_100():
    tables = replace(clean_tables(), "realisasi", {"indicator_id": "IKU3"}, value="250")
    tables["printed"] = [p for p in tables["printed"] if p.ref != "S2"]
    assert audit(tables) == []


def test_capaian_implausible_uses_configurable_bound():
    tables = replace(clean_tables(), "targets", {"indicator_id": "IKU3"}, value="40")
    tables["printed"] = [p for p in tables["printed"] if p.ref != "S2"]
    findings = audit(tables)
    assert codes(findings) == Counter({"capaian_implausible": 1})
    assert findings[0].found == "375,00%" and findings[0].severity == "warning"
    assert audit(tables, max_capaian=Decimal(400)) == []


@pytest.mark.parametrize("table,match,changes", [
    ("realisasi", {"indicator_id": "IKU3"}, {"value": "365544"}),
    ("realisasi", {"indicator_id": "IKU2", "period": "TAHUN"}, {"value": "240,5"}),
    ("targets", {"indicator_id": "IKU3"}, {"value": "100 orang"}),
    ("indikator", {"indicator_id": "IKU2"}, {"unit": "%"}),
])
def test_unit_mismatch(table, match, changes):
    tables = replace(clean_tables(), table, match, **changes)
    found = codes(audit(tables, codes=frozenset({"unit_mismatch"})))
    assert found == Counter({"unit_mismatch": 1})


# --- targets --------------------------------------------------------------------------------

def test_target_inconsistent_across_sources():
    tables = replace(clean_tables(), "targets", {"indicator_id": "IKU1", "source": "renstra"},
                     value="93,77")
    findings = audit(tables)
    assert codes(findings) == Counter({"target_inconsistent": 1})
    assert "renstra 93,77" in findings[0].found


def test_pk_perubahan_replaces_pk():
    tables = clean_tables()
    tables["targets"] = [*tables["targets"],
                         m.Target(indicator_id="IKU3", year=2024, source="pk_perubahan",
                                  value="100")]
    tables = replace(tables, "targets", {"indicator_id": "IKU3", "source": "pk"}, value="90")
    assert audit(tables) == []


def test_nilai_akhir_tw4_target_is_the_annual_target():
    tables = replace(clean_tables(), "targets", {"indicator_id": "IKU4", "period": "TW4"},
                     value="85")
    findings = audit(tables)
    assert codes(findings) == Counter({"target_inconsistent": 1})


# --- API and output -------------------------------------------------------------------------

def test_order_is_deterministic_and_by_severity():
    tables = replace(clean_tables(), "targets", {"indicator_id": "IKU1", "source": "renstra"},
                     value="93,77")
    tables = replace(tables, "budget", {"code": "P1.K1.S1"}, pagu=Decimal(150))
    first, second = audit(tables), audit(tables)
    assert first == second
    assert [f.severity for f in first] == ["error", "warning"]


def test_codes_filter_and_unknown_code():
    tables = replace(clean_tables(), "budget", {"code": "P1.K1.S1"}, pagu=Decimal(150))
    assert audit(tables, codes=frozenset({"pk_total"})) == []
    with pytest.raises(ValueError):
        AuditConfig(codes=frozenset({"nope"}))


def test_audit_frame_has_stable_columns():
    assert list(audit_frame([]).columns) == list(FRAME_COLUMNS)
    tables = replace(clean_tables(), "budget", {"code": "P1.K1.S1"}, pagu=Decimal(150))
    frame = audit_frame(audit(tables))
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert frame.loc[0, "code"] == "budget_rollup" and frame.loc[0, "year"] == 2024


def test_renderers():
    tables = replace(clean_tables(), "budget", {"code": "P1.K1.S1"}, pagu=Decimal(150))
    findings = audit(tables)
    text = to_text(findings, "kota-uji-dinas")
    assert "KESALAHAN (error): 1" in text and "[budget_rollup]" in text
    assert '"code": "budget_rollup"' in to_json(findings)
    assert to_csv(findings).splitlines()[0] == ",".join(FRAME_COLUMNS)


def test_every_code_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "AUDIT.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in doc
