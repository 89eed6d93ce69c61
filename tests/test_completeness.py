"""Every input table appears where a reader expects it: supplementary tables in their section
with their chart, Markdown tables of the analyst's text as numbered tables, the Landasan Hukum
and the Sistematika Penyajian (issue 14)."""

from __future__ import annotations

import pytest

from sakip.analysis import front
from sakip.analysis.context import open_context
from sakip.analysis.supplementary import supplementary_tables
from sakip.components import analisis_sasaran as c32
from sakip.components import pendahuluan as bab1
from sakip.components.common import markdown_parts
from sakip.components.elements import BulletList, Chart, Narrative, Paragraphs, Table, flatten
from sakip.model.rows import Profile, SupplementaryCell
from support import ROOT


@pytest.fixture(scope="module")
def pyk():
    return open_context("payakumbuh-disnakerperin", 2024, str(ROOT / "data/payakumbuh-disnakerperin"), "{}")


def _tables(elements) -> list[Table]:
    return [e for e in flatten(elements) if isinstance(e, Table)]


def test_supplementary_tables_of_the_example_appear_in_their_section_with_their_numbers(pyk):
    s1, s2 = pyk.sasaran[0], pyk.sasaran[1]
    capaian = _tables(c32.supplementary(pyk, s1, "capaian"))
    assert [t.title for t in capaian] == ["Data Ketenagakerjaan Kota Payakumbuh Tahun 2023-2024"]
    assert ("Bekerja", "orang", "74.137", "74.085") in capaian[0].rows
    assert [t.title for t in _tables(c32.supplementary(pyk, s1, "nasional"))] == [
        "Data Ketenagakerjaan Nasional Tahun 2024"]
    program = c32.supplementary(pyk, s2, "program")
    titles = [e.title for e in program]
    # Seed 004 Tabel 3.17 and 3.18, and Grafik 3.2 drawn from Tabel 3.18.
    assert titles[:3] == ["Data Perkembangan Usaha Industri Kota Payakumbuh Tahun 2019-2024",
                          "Jumlah Usaha Industri Berdasarkan Klasifikasi Usaha",
                          "Jumlah Usaha Industri Berdasarkan Klasifikasi Usaha"]
    assert isinstance(program[2], Chart) and "Formal: 2019 583" in program[2].alt
    industri = program[0]
    # "1,853" typed the English way in a column of units is 1.853; "1.400" stays 1.400.
    assert industri.rows[0] == ("Unit Usaha", "Unit", "1.853", "1.902", "1.928", "2.000", "2.454", "2.500")
    assert industri.rows[1][-1] == "1.400"
    assert industri.row_classes[0] == "total"
    every = {t.table_id for t in supplementary_tables(pyk.agency)}
    shown = {t.title for s in pyk.sasaran for pl in ("capaian", "tren", "renstra", "nasional", "penyebab",
                                                     "efisiensi", "program")
             for t in _tables(c32.supplementary(pyk, s, pl))}
    assert len(shown) == len(every) == 9


def test_supplementary_placement_and_chart_default():
    cell = SupplementaryCell(table_id="t", title="T", row_label="a", col_label="2024", value="1,853",
                             unit="orang")
    assert cell.placement is None and cell.chart is None
    assert cell.number == 1853
    assert str(SupplementaryCell(table_id="t", title="T", row_label="a", col_label="x", value="4,87").number) \
        == "4.87"


def test_markdown_tables_of_the_analysts_text_become_numbered_tables(pyk):
    parts = flatten(c32.programme_narrative(pyk, pyk.sasaran[1]))
    tables = _tables(parts)
    assert [t.title for t in tables] == [
        "Kegiatan yang dilaksanakan dan/atau diikuti oleh Dekranasda Kota Payakumbuh selama Tahun 2024",
        "Sertifikat Halal Mekanisme Reguler", "Sertifikat Halal Mekanisme Self Declare"]
    assert [len(t.rows) for t in tables] == [25, 5, 44]
    assert tables[0].columns[0].align == "right" and tables[0].columns[1].align == "left"
    assert any(isinstance(e, Narrative) for e in parts)


def test_markdown_parts_caption_source_and_prose():
    text = ("Pengantar.\n\na) Jumlah Pencari Kerja Menurut Pendidikan\n\n| Pendidikan | Jumlah |\n|---|---|\n"
            "| SD | 1 |\n| SLTA | 153 |\n\nSumber Data : Laporan Kegiatan 2024\n\nPenutup.")
    parts = markdown_parts(text)
    assert [type(p).__name__ for p in parts] == ["Narrative", "Table", "Narrative"]
    table = parts[1]
    assert table.title == "Jumlah Pencari Kerja Menurut Pendidikan" and table.source == "Laporan Kegiatan 2024"
    assert table.rows == (("SD", "1"), ("SLTA", "153"))
    assert parts[2].markdown == "Penutup."
    assert markdown_parts("Tabel 3.1 Skala Pengukuran Kinerja:\n| A | B |\n|---|---|\n| 1 | 2 |")[0].title == \
        "Skala Pengukuran Kinerja"
    assert markdown_parts("Hanya teks.") == [Narrative("Hanya teks.")]
    assert markdown_parts("  ") == []


def _profile(**extra) -> Profile:
    return Profile(agency_id="x", agency_name="Dinas X", pemda_id="kota-x", pemda_kind="kota",
                   pemda_name="X", province="P", head_name="H", renstra_start=2023, renstra_end=2026,
                   **extra)


def test_landasan_hukum_adds_the_sakip_regulations_in_the_order_of_the_law(pyk):
    assert front.legal_basis(_profile()) == list(front.SAKIP_REGULATIONS)
    items = bab1.legal_basis(pyk).items
    assert isinstance(bab1.legal_basis(pyk), BulletList) and len(items) == 7
    assert items[0].startswith("Undang-Undang Nomor 28 Tahun 1999")
    assert items[-1].startswith("Peraturan Daerah Kota Payakumbuh Nomor 3 Tahun 2022")
    # Perpres 29/2014 and PermenPANRB 53/2014 are in the pemda's list (worded differently): once each.
    assert sum("Nomor 29 Tahun 2014" in i for i in items) == 1
    assert sum("Nomor 53 Tahun 2014" in i for i in items) == 1
    assert any("Nomor 88 Tahun 2021" in i for i in items)


def test_sistematika_follows_the_chapters_present(pyk):
    titles = ["IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN", "BAB IV PENUTUP", "LAMPIRAN DAERAH"]
    items = bab1.sistematika(pyk, titles).items
    assert items[0].startswith("IKHTISAR EKSEKUTIF: bagian ini menyajikan ringkasan")
    assert items[1].startswith("BAB I PENDAHULUAN: bab ini menyajikan")
    assert items[3] == "LAMPIRAN DAERAH: bagian ini memuat lampiran daerah."
    assert bab1.sistematika(pyk, []).tone == "warning"


def test_show_opens_lists_and_skips_none():
    a, b = Paragraphs("a"), Paragraphs("b")
    assert flatten(a, None, [b, None, (a,)]) == [a, b, a]


def _lb(triwulan: int):
    import json

    return open_context("lampung-barat-disnakerperin", 2025, str(ROOT / "data/lampung-barat-disnakerperin"),
                        json.dumps({"report": "pengukuran", "triwulan": triwulan}))


def test_pengukuran_has_the_rencana_aksi_table_of_the_sasaran():
    from sakip.components import pengukuran
    from sakip.components.elements import cell_text

    table = pengukuran.sasaran_plan_table(_lb(4))
    assert table.title == "Evaluasi Rencana Aksi Tingkat Sasaran Strategis Tahun 2025 (Data TW I s.d. TW IV)"
    assert table.header_groups == (("", 4), ("Target Kinerja", 4), ("Realisasi Kinerja", 4), ("", 1))
    rows = [[cell_text(c) for c in r] for r in table.rows]
    # seed 000 "Evaluasi Rencana Aksi Tingkat Tujuan Sasaran Strategis": rencana aksi targets
    # 82,83 (TW I-III) and 87,20 (TW IV); realisasi as entered; the unit once, in its column
    assert rows[0] == ["1", "Meningkatnya Penduduk Angkatan Kerja yang Bekerja",
                       "% Peningkatan Penduduk Angkatan Kerja Yang bekerja", "%",
                       "82,83", "82,83", "82,83", "87,20", "82,88", "82,88", "82,88", "88,02", "KEPALA DINAS"]
    assert rows[1][3:8] == ["milyar rupiah", "365.544", "365.544", "365.544", "372.855"]
    assert "berbeda dari target Perjanjian Kinerja" in table.note and "TW IV" in table.note
    partial = pengukuran.sasaran_plan_table(_lb(2))
    assert len(partial.columns) == 9 and partial.header_groups[1] == ("Target Kinerja", 2)


def test_serapan_per_sumber_dana(pyk, tmp_path):
    import shutil

    from sakip.components import akuntabilitas as bab3
    from sakip.components.elements import Paragraphs

    one = bab3.sumber_dana(pyk)
    assert isinstance(one, Paragraphs) and one.texts[0] == (
        "Seluruh pagu anggaran Tahun 2024 bersumber dari APBD: Rp 6.643.861.122, terealisasi "
        "Rp 5.959.374.081 atau 89,70%.")
    folder = tmp_path / "agency"
    shutil.copytree(ROOT / "data/payakumbuh-disnakerperin", folder)
    budget = folder / "budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines()
    # Sub kegiatan Penyediaan Gaji dan Tunjangan ASN paid from the DAU
    lines = [line.replace(",APBD,", ",DAU,") if "Penyediaan Gaji dan Tunjangan ASN" in line else line
             for line in lines]
    budget.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ctx = open_context("payakumbuh-disnakerperin", 2024, str(folder), "{}")
    table = bab3.sumber_dana(ctx)
    assert isinstance(table, Table)
    assert table.rows[0] == ("APBD", "4.188.388.409", "3.982.301.245", "95,08%")
    assert table.rows[1] == ("DAU", "2.455.472.713", "1.977.072.836", "80,52%")
    assert table.rows[-1] == ("Jumlah", "6.643.861.122", "5.959.374.081", "89,70%")


def test_the_analysis_of_success_or_failure_is_a_table(pyk):
    from sakip.components.elements import cell_text

    # seed 004 Tabel 3.7 (sasaran 1) and 3.14 (sasaran 2); none for sasaran 3 (no list, no solusi)
    t1 = c32.causes_table(pyk, pyk.sasaran[0], 1)
    assert t1.title == "Analisis Keberhasilan/Kegagalan Kinerja Sasaran 1 Tahun 2024"
    row = [cell_text(c) for c in t1.rows[0]]
    # the figures computed (the seed prints 141,79% and 151,24% here), the text the analyst's
    assert row[:4] == ["Persentase Penyerapan Tenaga Kerja", "93,75%", "95,13%", "101,47%"]
    assert row[4].startswith("Pelatihan dalam meningkatkan kompetensi SDM pencari kerja; Kerjasama")
    assert row[5].startswith("Pengadaan sarana promosi lowongan kerja")
    assert c32.causes_table(pyk, pyk.sasaran[1], 2).rows[0][3] == "184,62%"
    assert c32.causes_table(pyk, pyk.sasaran[2], 3) is None
