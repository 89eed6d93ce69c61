"""The element functions of the Laporan Pengukuran Kinerja (sakip.components.pengukuran) on the
example agency, for the whole year and up to triwulan II: each returns one element with the
figures of the baseline report, and a run up to TW II shows nothing of TW III-IV."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from sakip.analysis.context import ReportContext, open_context
from sakip.analysis.indicators import default_options
from sakip.components import pengukuran
from sakip.components.elements import (
    Callout,
    Chart,
    Heading,
    Narrative,
    Paragraphs,
    Signature,
    Table,
    cell_text,
)
from support import ROOT

AGENCY, YEAR = "lampung-barat-disnakerperin", 2025


def _ctx(triwulan: int) -> ReportContext:
    options = json.dumps({"report": "pengukuran", "triwulan": triwulan})
    return open_context(AGENCY, YEAR, str(ROOT / "data" / AGENCY), options)


@pytest.fixture(scope="module")
def full() -> ReportContext:
    return _ctx(4)


@pytest.fixture(scope="module")
def tw2() -> ReportContext:
    return _ctx(2)


def texts(table: Table) -> list[list[str]]:
    return [[cell_text(c) for c in row] for row in table.rows]


def test_period_banner(full, tw2):
    assert pengukuran.period_banner(full) == Callout("Data TW I s.d. TW IV Tahun 2025.", "info")
    banner = pengukuran.period_banner(tw2)
    assert banner.tone == "warning" and banner.text.startswith("Data s.d. TW II Tahun 2025:")


def test_narrative_elements_titles_become_unnumbered_headings(full):
    elements = pengukuran.narrative_elements(full, "latar_belakang", 2)
    headings = [e for e in elements if isinstance(e, Heading)]
    assert [h.text for h in headings][:2] == ["Latar Belakang", "Dasar Hukum"]
    assert all(h.level == 2 for h in headings)
    assert all(isinstance(e, (Heading, Narrative)) for e in elements)
    mech = pengukuran.narrative_elements(full, "mekanisme_pengukuran", 3)
    assert {e.level for e in mech if isinstance(e, Heading)} == {3}
    assert pengukuran.missing_narrative(full, "mekanisme_pengukuran", "mekanisme pengukuran") is None
    missing = pengukuran.missing_narrative(full, "tidak_ada", "contoh")
    assert missing == Callout("Narasi contoh (tidak_ada) belum diisi.", "warning")


def test_responsibility(full, tw2):
    intro = pengukuran.responsibility_intro(tw2)
    assert isinstance(intro, Paragraphs) and intro.texts[0].endswith("(s.d. TW II).")
    table = pengukuran.responsibility_table(tw2)
    rows = texts(table)
    assert rows[0] == ["Sasaran: Meningkatnya Penduduk Angkatan Kerja yang Bekerja", "KEPALA DINAS", "1",
                       "TW I, TW II"]
    assert len(rows) == 8
    assert texts(pengukuran.responsibility_table(full))[0][3] == "TW I, TW II, TW III, TW IV"


def test_iku_table_and_intro(full):
    assert pengukuran.iku_intro(full).texts == (
        "Dinas Tenaga Kerja dan Perindustrian Kabupaten Lampung Barat menetapkan 2 IKU untuk periode "
        "Renstra 2023-2026:",)
    table = pengukuran.iku_table(full)
    assert table.header_groups == (("Indikator", 5), ("Target Kinerja", 4))
    assert texts(table)[1][-4:] == ["360.376", "365.544", "372.855", "380.312"]


def test_iku_evaluation_full_year(full):
    table = pengukuran.iku_evaluation_table(full)
    rows = texts(table)
    assert [r[3] for r in rows] == ["I", "II", "III", "IV"] * 2
    assert rows[3][4:] == ["87,02%", "88,02%", "101,15%", "Sangat Baik"]
    assert table.note is None
    assert isinstance(table.rows[0][7], dict) and table.rows[0][7]["badge"] == "Sangat Baik"
    sentences = pengukuran.iku_sentences(full).texts
    assert len(sentences) == 2 and "capaian kinerjanya 115,33%" in sentences[1]
    chart = pengukuran.iku_chart(full)
    assert isinstance(chart, Chart) and "TW IV 101,15%" in chart.alt and "TW IV 115,33%" in chart.alt


def test_iku_evaluation_up_to_triwulan_ii(tw2):
    table = pengukuran.iku_evaluation_table(tw2)
    assert [r[3] for r in texts(table)] == ["I", "II", "Proyeksi IV"] * 2
    assert table.row_classes == ("", "", "total") * 2
    assert table.note.startswith("Baris \u201cProyeksi IV\u201d")
    sentences = pengukuran.iku_sentences(tw2).texts
    assert "diproyeksikan 82,88% terhadap target tahunan 87,02%, atau capaian 95,24%" in sentences[1]
    chart = pengukuran.iku_chart(tw2)
    assert "TW III" not in chart.alt and "TW II 113,12%" in chart.alt


def test_action_elements_full_year(full):
    sasaran, rows = pengukuran.action_blocks(full)[0]
    assert pengukuran.sasaran_heading(sasaran) == Heading(sasaran.statement, 3)
    table = pengukuran.action_table(full, sasaran, rows)
    cells = texts(table)
    assert cells[0][0].startswith("Sasaran: Meningkatnya Penduduk Angkatan Kerja yang Bekerja\n")
    assert cells[3][6:8] == ["2.082.007.618", "341,81%"]
    assert "Proyeksi IV" not in [c[1] for c in cells]
    assert table.header_groups[1] == ("Kinerja Kumulatif", 3)
    chart = pengukuran.progress_chart(full, sasaran, rows)
    assert "Fisik: TW I 95,24%" in chart.alt and "TW IV 341,81%" in chart.alt
    text = pengukuran.progress_text(full, rows)
    assert text.texts == ("Sampai dengan TW IV, kemajuan fisik kumulatif sasaran ini 101,15% dan "
                          "kemajuan keuangan kumulatif 341,81% (Rp 2.082.007.618 dari rencana setahun "
                          "Rp 609.107.750).",)


def test_action_elements_up_to_triwulan_ii(tw2):
    sasaran, rows = pengukuran.action_blocks(tw2)[0]
    cells = texts(pengukuran.action_table(tw2, sasaran, rows))
    assert [c[1] for c in cells[:3]] == ["I", "II", "Proyeksi IV"]
    assert cells[2][4:8] == ["95,24%", "609.107.750", "2.098.602.446", "344,54%"]
    assert all("2.082.007.618" not in c for row in cells for c in row)
    text = pengukuran.progress_text(tw2, rows).texts
    assert text[1] == ("Dengan laju rata-rata TW I s.d. TW II, realisasi keuangan akhir tahun "
                       "diproyeksikan Rp 2.098.602.446 (344,54% dari rencana).")


def test_flags(full):
    summary = pengukuran.flags_summary(full).texts[0]
    assert summary.startswith("Pemeriksaan otomatis atas data s.d. TW IV menghasilkan 35 peringatan")
    assert "lebih dari 20 poin" in summary and "di atas 300%" in summary
    table = pengukuran.flags_table(full)
    assert len(table.rows) == 35 and table.columns[2].header == "Jenis"


def test_conclusion(full, tw2):
    assert pengukuran.analysis_summary(full).texts == (
        "Sampai dengan TW IV Tahun 2025, seluruh 2 IKU dapat diukur dan semuanya mencapai "
        "atau melampaui target triwulan; rata-rata capaian IKU 108,24% (Sangat Baik). Pemeriksaan "
        "kemajuan triwulan mencatat 35 peringatan (lihat bagian Peringatan Kemajuan Triwulan).",)
    assert "Sampai dengan TW II Tahun 2025" in pengukuran.analysis_summary(tw2).texts[0]
    assert isinstance(pengukuran.analyst_notes(full), Narrative)
    assert isinstance(pengukuran.closing_words(full), Narrative)
    sig = pengukuran.signature(full)
    assert isinstance(sig, Signature)
    assert (sig.place_date, sig.name, sig.nip) == ("Lampung Barat, 2025", "HAYZA RINSA, S.H",
                                                   "19710405 199101 1 001")


def test_missing_analyst_text_is_named():
    empty = SimpleNamespace(narrative=lambda section, sasaran_id=None: [])
    ctx = ReportContext(empty, YEAR, default_options())  # type: ignore[arg-type]
    assert pengukuran.analyst_notes(ctx) is None
    assert pengukuran.closing_words(ctx) == Callout("Narasi penutup (penutup) belum diisi.", "warning")
    assert pengukuran.narrative_elements(ctx, "latar_belakang") == []
