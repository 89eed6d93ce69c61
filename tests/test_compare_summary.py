"""Excel export (escaping, formats), the DataTable -> Table conversion, the elements of the
compare and summary chapters and, marked slow, rendering both store reports."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sakip import crossagency as cx
from sakip.components import compare, summary
from sakip.components.datatable import table
from sakip.components.elements import Callout, Chart, Heading, KpiCards, Paragraphs, Table
from sakip.components.excel import (
    Col,
    DataTable,
    excel_from_json,
    excel_json,
    safe_text,
    write_workbook,
)
from sakip.compute.kriteria import scale_from_config
from support import ROOT


@pytest.mark.parametrize("text, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("Dinas Sosial", "Dinas Sosial"), (None, ""),
])
def test_safe_text(text, expected):
    assert safe_text(text) == expected


def test_workbook_escapes_and_formats(tmp_path):
    table = DataTable("Uji =1+1", [Col("Nama", "name"), Col("Pagu", "pagu", "rupiah"),
                                   Col("Serapan", "serapan", "pct"), Col("Kriteria", "k", "kriteria"),
                                   Col("Daftar", "items", "list")],
                      [{"name": "=cmd|' /C calc'!A0", "pagu": Decimal("1234567"),
                        "serapan": Decimal("89.6989"), "k": "Baik", "items": ["-a", "b"]}],
                      note="+catatan")
    path = write_workbook(tmp_path / "t.xlsx", [("Tabel 1.1", table)], colours={"Baik": "#7fbc41"})
    wb = load_workbook(path)
    assert wb.sheetnames == ["Daftar", "Tabel 1.1"]
    ws = wb["Tabel 1.1"]
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate  # nothing can run as a formula
    assert ws["A4"].value == "'=cmd|' /C calc'!A0"
    assert ws["B4"].value == 1234567 and ws["B4"].number_format == '"Rp "#,##0'
    assert ws["C4"].value == pytest.approx(89.6989) and ws["C4"].number_format == '#,##0.00"%"'
    assert ws["D4"].fill.fgColor.rgb.endswith("7FBC41")
    assert ws["E4"].value == "'-a, b"
    assert ws["A6"].value == "'+catatan"


def test_table_shows_formatted_cells_and_keeps_raw_values():
    data = DataTable("Uji", [Col("Nama", "name"), Col("Capaian", "capaian", "pct"),
                             Col("Kriteria", "k", "kriteria"), Col("Matriks", "m", "pct_kriteria"),
                             Col("Perubahan", "d", "points"), Col("Peringkat", "r", "rank"),
                             Col("Pagu", "pagu", "rupiah"), Col("Daftar", "items", "list")],
                     [{"name": "A", "capaian": Decimal("97.775"), "k": "Baik",
                       "m": (Decimal("101.5"), "Sangat Baik"), "d": Decimal("0.004"), "r": 2,
                       "pagu": Decimal("1234567"), "items": ["x", "y"]},
                      {"name": "B", "capaian": None, "k": None, "m": None, "d": Decimal("-1.5"),
                       "r": None, "pagu": None, "items": []}], source="Sumber uji", note="Catatan")
    element = table(data, scale_from_config("default"))
    assert isinstance(element, Table) and element.data is data
    first, second = element.rows
    assert first[:2] == ("A", "97,78%") and first[4:] == ("0,00", "2", "Rp 1.234.567", "x, y")
    assert first[2]["badge"] == "Baik" and first[2]["colour"].startswith("#")
    assert first[3]["text"] == "101,50% (Sangat Baik)" and 'title="Sangat Baik"' in first[3]["html"]
    assert second == ("B", "-", {"badge": "Tidak Dapat Diukur", "colour": "#9e9e9e"}, "", "-1,50",
                      "-", "-", "-")
    assert [c.align for c in element.columns] == ["left", "right", "center", "center", "right",
                                                  "center", "right", "left"]
    assert (element.note, element.source) == ("Catatan", "Sumber uji")
    bundle = element._repr_mimebundle_()
    back = excel_from_json(bundle["application/vnd.sakip.element+json"]["data"])
    assert excel_json(back) == excel_json(data)  # the workbook gets the raw values, exactly
    assert back.rows[0]["capaian"] == Decimal("97.775")


def test_empty_table_keeps_its_columns():
    element = table(DataTable("Kosong", [Col("Nama", "name")], [], note="Catatan"),
                    scale_from_config("default"))
    assert element.rows == () and element.note == "Tidak ada data. Catatan"
    assert "Tidak ada data." in element.to_html()


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    from sakip.store.database import ingest, open_store

    db = tmp_path_factory.mktemp("store") / "sakip.duckdb"
    ingest(ROOT / "data", db)
    con = open_store(db)
    yield cx.CrossAgency(con, 2024, cx.Selection("kabupaten-sintetis", pemda_id="kabupaten-sintetis",
                                                 trend_indicator="sintetis-dinsos:IKU2"), str(db))
    con.close()


def test_summary_elements(ctx):
    assert isinstance(summary.kpi(ctx), KpiCards)
    assert summary.kpi(ctx).cards[2] == ("Rp 360.869.545.800", "Pagu 2024")
    capaian = summary.executive_capaian(ctx).texts
    assert capaian[0] == ("Pada Tahun 2024, Kabupaten Sintetis mengukur 117 Indikator Kinerja Utama dari "
                          "36 perangkat daerah: 83 Sangat Baik, 24 Baik, 5 Cukup, 3 Kurang, 2 Sangat Kurang.")
    assert capaian[1].startswith("53 indikator pada 31 perangkat daerah belum mencapai target; "
                                 "capaian terendah 48,29%")
    assert summary.executive_anggaran(ctx).texts[1] == (
        "Serapan terendah per urusan ada pada urusan Kepemudaan dan Olahraga (83,99%).")
    assert "(Sasaran 10, Sasaran 14)" in summary.executive_cascade(ctx).texts[0]
    assert summary.executive_change(ctx).texts == (
        "Jumlah indikator berkriteria Sangat Baik berkurang 14 dari 97 pada Tahun 2023 menjadi 83 "
        "pada Tahun 2024.",)
    assert summary.executive_audit(ctx).texts == (
        "Audit konsistensi data menemukan 12 temuan (7 kesalahan) pada 11 dari 36 perangkat daerah.",)
    note = summary.coverage_note(ctx)
    assert isinstance(note, Callout) and note.tone == "warning" and note.text.startswith("2 sasaran")
    assert summary.change_heading(ctx) == Heading("Perubahan terhadap Tahun 2023", 2)
    findings = summary.findings_agency_table(ctx)
    assert findings.rows[-1][:5] == ("Jumlah", "7", "5", "0", "12")
    assert findings.data.rows[-1]["total"] == 12
    assert isinstance(summary.urusan_chart(ctx), Chart)
    assert "Kepemudaan dan Olahraga 83,99%" in summary.urusan_chart(ctx).alt


def test_compare_elements(ctx):
    assert compare.intro(ctx) == Paragraphs("Bab ini menyandingkan 117 Indikator Kinerja Utama (IKU) dari "
                                            "36 perangkat daerah pada Tahun 2024.")
    matrix = compare.matrix_table(ctx)
    assert len(matrix.rows) == 36 and matrix.data.columns[1].kind == "pct_kriteria"
    ranking = compare.ranking_table(ctx)
    assert [r[0] for r in ranking.rows][:1] == ["1"]
    assert compare.trend_heading(ctx).text == ctx.names[ctx.trend_agency]
    assert compare.indicator_heading(ctx) == Heading("Indikator Persentase penduduk miskin", 2)
    chart = compare.quadrant_chart(ctx)
    assert chart.alt.startswith("Garis median serapan 89,74%, garis target capaian 100,00%.")
    assert compare.ties_text(ctx).texts == ("Tidak ada perangkat daerah dengan rata-rata capaian yang sama.",)
    text = compare.quadrant_text(ctx).texts[0]
    counts = cx.quadrant_counts(ctx.quadrant.points)
    assert f"{counts[cx.HIGH_LOW]} perangkat daerah berada pada kuadran {cx.HIGH_LOW}" in text


def test_trend_elements_without_options(ctx):
    plain = cx.CrossAgency(ctx.con, 2024, cx.Selection("kabupaten-sintetis", pemda_id="kabupaten-sintetis"))
    assert compare.indicator_heading(plain) is None
    assert compare.indicator_trend_chart(plain) is None and compare.indicator_trend_table(plain) is None
    assert "peringkat rata-rata capaian terbaik" in compare.trend_choice(plain).texts[0]
    chosen = cx.CrossAgency(ctx.con, 2024, cx.Selection("kabupaten-sintetis", pemda_id="kabupaten-sintetis",
                                                        trend_agency="sintetis-dinsos"))
    assert compare.trend_choice(chosen) is None
    assert compare.trend_heading(chosen) == Heading("Dinas Sosial", 2)


def _text(html: str) -> str:
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from sakip.report.render import render_store_report
    from sakip.store.database import ingest

    tmp = tmp_path_factory.mktemp("reports")
    db = tmp / "sakip.duckdb"
    ingest(ROOT / "data", db)
    out = tmp / "out"
    summary = render_store_report("summary", db_path=db, year=2024, pemda_id="kabupaten-sintetis",
                                  output_root=out, workers=3)
    compare = render_store_report("compare", db_path=db, year=2024, pemda_id="kabupaten-sintetis",
                                  trend_indicator="sintetis-dinsos:IKU2", output_root=out, workers=3)
    return summary, compare


@pytest.mark.slow
def test_summary_html(rendered):
    summary, _ = rendered
    assert summary.html.parent.parts[-3:] == ("kabupaten-sintetis", "2024", "summary")
    html = summary.html.read_text(encoding="utf-8")
    text = _text(html)
    for figure in ("117 Indikator Kinerja Utama", "83 Sangat Baik, 24 Baik, 5 Cukup, 3 Kurang, 2 Sangat Kurang",
                   "53 indikator pada 31 perangkat daerah belum mencapai target",
                   "Rp 360.869.545.800", "89,14%", "2 sasaran belum didukung indikator perangkat daerah",
                   "Sasaran 10", "Sasaran 14", "Tabel 1.1", "Tabel 4.1"):
        assert figure in text, figure
    images = re.findall(r'<img [^>]*src="([^"]*)"', html)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    assert f'href="{summary.excel.name}"' in html and summary.embedded
    assert "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," in html
    tables = re.findall(r'<span class="label">(Tabel [^<]+)</span>', html)
    wb = load_workbook(summary.excel)
    assert wb.sheetnames[1:] == tables  # every table of the page, one sheet each
    for marker in ("Traceback", "Decimal(", 'class="dataframe"'):
        assert marker not in html


@pytest.mark.slow
def test_compare_html(rendered):
    _, compare = rendered
    html = compare.html.read_text(encoding="utf-8")
    text = _text(html)
    for figure in ("kinerja tinggi, belanja rendah", "Peringkat", "89,74%", "Tren",
                   "Nilai SAKIP Perangkat Daerah", "Matriks Capaian IKU"):
        assert figure in text, figure
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', html)) >= 4
    assert compare.excel.exists() and compare.excel.parent == compare.html.parent
    tables = re.findall(r'<span class="label">(Tabel [^<]+)</span>', html)
    assert "Tabel 4.2" in tables  # the trend of the indicator asked for
    assert load_workbook(compare.excel).sheetnames[1:] == tables
