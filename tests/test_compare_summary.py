"""Excel export (escaping, formats) and, marked slow, rendering both store reports."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sakip.components.excel import Col, DataTable, safe_text, write_workbook

ROOT = Path(__file__).resolve().parents[1]


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
