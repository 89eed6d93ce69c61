"""The PK cascade elements: the chart, the overview and IKU tables, each unit's PK, and the LKjIP
lampiran of Payakumbuh 2024 rendered through papermill (its unit indicators have no realisasi)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from sakip.analysis.context import ReportContext, open_context
from sakip.components import cascade
from sakip.components.elements import Callout, Chart, Heading, Paragraphs, Table, cell_text
from sakip.report.render import render_report, resolve_params
from support import ROOT


def _ctx(agency: str, year: int, options: str = "{}"):
    return open_context(agency, year, str(ROOT / "data" / agency), options)


def _texts(table: Table) -> list[list[str]]:
    return [[cell_text(c) for c in row] for row in table.rows]


@pytest.fixture(scope="module")
def pyk():
    return _ctx("payakumbuh-disnakerperin", 2024)


def test_intro_and_chart_payakumbuh(pyk):
    intro = cascade.intro(pyk)
    assert isinstance(intro, Paragraphs)
    assert intro.texts[0].startswith("Perjanjian Kinerja diturunkan (cascading) dari Kepala Dinas Tenaga Kerja "
                                     "dan Perindustrian kepada 8 unit di bawahnya.")
    assert "(Tahun 2024); capaian di atas 300% dianggap tidak wajar" in intro.texts[0]
    chart = cascade.chart(pyk)
    assert isinstance(chart, Chart) and chart.png.startswith(b"\x89PNG")
    assert chart.title == "Cascading Perjanjian Kinerja Dinas Tenaga Kerja dan Perindustrian"
    # the alt text states every box: unit, holder, number of indicators, capaian
    assert "Kepala Dinas Tenaga Kerja dan Perindustrian (YUNIDA FATWA, S.Sos, M.Si): 3 indikator, capaian 128,70%" in chart.alt
    assert "Kasubag Tata Usaha UPTD Pusat Pelayanan dan Pengembangan Rendang (RENDY ROZENO, A.Md): 1 indikator, " \
           "capaian tidak dapat diukur." in chart.alt


def test_overview_and_iku_tables_payakumbuh(pyk):
    overview = _texts(cascade.overview_table(pyk))
    assert overview[0] == ["Kepala Dinas Tenaga Kerja dan Perindustrian", "YUNIDA FATWA, S.Sos, M.Si", "3",
                           "6.115.342.516", "128,70%", "Sangat Baik", "128,70%"]
    assert overview[2][0] == "\u00a0" * 8 + "Kepala Sub Bagian Umum dan Kepegawaian"
    assert overview[1][4:] == ["tidak dapat diukur", "Tidak Dapat Diukur", "tidak dapat diukur"]
    iku = cascade.iku_table(pyk)
    assert iku.title == "Indikator Unit Kerja yang Mendukung IKU" and iku.note.startswith("Keterkaitan ditelusuri")
    assert _texts(iku)[0] == ["Persentase Penyerapan Tenaga Kerja", "Kepala Bidang Tenaga Kerja",
                              "Persentase penempatan Tenaga Kerja Formal"]


def test_unit_elements_payakumbuh(pyk):
    nodes = {n.unit.unit_id: n for n in cascade.nodes(pyk)}
    naker = nodes["kabid_naker"]
    assert cascade.unit_heading(naker) == Heading("PK Kepala Bidang Tenaga Kerja", 3)
    assert cascade.unit_summary(pyk, naker).texts == (
        "Kepala Bidang Tenaga Kerja (RIKO EKAPUTRA, SE., MM.): capaian unit tidak dapat diukur karena tidak "
        "satu pun dari 4 indikatornya memiliki realisasi.",)
    table = cascade.unit_table(pyk, naker)
    assert table.title == "Perjanjian Kinerja Kepala Bidang Tenaga Kerja Tahun 2024"
    assert _texts(table)[0][-1] == "Persentase Penyerapan Tenaga Kerja"
    budget = cascade.unit_budget_table(naker)
    assert budget.note == "Jumlah anggaran PK (baris bernomor): Rp 1.378.855.108."
    assert cascade.unit_budget_table(nodes["kasubag_umum"]) is None
    summaries = cascade.unit_summaries(pyk)
    assert len(summaries.texts) == len(nodes)
    assert summaries.texts[0] == ("Kepala Dinas Tenaga Kerja dan Perindustrian (YUNIDA FATWA, S.Sos, M.Si): capaian "
                                  "unit 128,70% (rata-rata seluruh 3 indikatornya); bersama unit di "
                                  "bawahnya, capaian gabungan 128,70%.")
    for element in (cascade.intro(pyk), cascade.overview_table(pyk), table, budget, summaries):
        html = element.to_html()
        assert "Decimal(" not in html and "None" not in html


def test_unit_without_indicators_is_a_warning(pyk):
    node = dataclasses.replace(cascade.nodes(pyk)[1], indicators=())
    assert cascade.unit_table(pyk, node) == Callout(
        "PK Sekretaris Dinas Tenaga Kerja dan Perindustrian belum memuat indikator.", "warning")
    assert cascade.unit_summary(pyk, node).texts[0].startswith(
        "Sekretaris Dinas Tenaga Kerja dan Perindustrian (DONISA PUTRA, S.Sos): unit ini belum memiliki indikator")


def test_no_units(pyk):
    agency = dataclasses.replace(pyk.agency, tables={k: v for k, v in pyk.agency.tables.items() if k != "units"},
                                 _index={})
    ctx = ReportContext(agency, 2024, pyk.options)
    assert cascade.intro(ctx) == Callout("Data unit kerja (cascading Perjanjian Kinerja) belum diisi.", "warning")
    assert all(f(ctx) is None for f in (cascade.chart, cascade.overview_table, cascade.iku_table,
                                        cascade.unit_summaries))


def test_lampung_barat_whole_year():
    ctx = _ctx("lampung-barat-disnakerperin", 2025, '{"report": "pengukuran", "triwulan": 4}')
    nodes = {n.unit.unit_id: n for n in cascade.nodes(ctx)}
    assert _texts(cascade.unit_table(ctx, nodes["kadis"]))[0][2:6] == ["87,02%", "88,02%", "101,15%", "Sangat Baik"]
    assert cascade.unit_summary(ctx, nodes["kabid-penempatan"]).texts == (
        "Kepala Bidang Penempatan Tenaga Kerja (pejabat belum diisi): capaian unit tidak dapat diukur: "
        "satu-satunya indikatornya memiliki capaian di atas 300% sehingga tidak dirata-ratakan.",)


def test_cascade_partial_year_lampung_barat():
    ctx = _ctx("lampung-barat-disnakerperin", 2025, '{"triwulan": 2}')
    assert "s.d. TW II" in cascade.intro(ctx).texts[0]
    html = "".join(cascade.unit_table(ctx, n).to_html() for n in cascade.nodes(ctx))
    assert "88,02" not in html  # the TW IV realisasi of IKU1


def test_cascade_chart_has_a_box_per_unit(pyk):
    nodes = cascade.nodes(pyk)
    fig = cascade.cascade_chart(pyk, nodes)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert sum("indikator" in t for t in texts) == len(nodes)
    assert fig.get_size_inches()[0] <= 10.5  # fits an A4 page at print resolution


@pytest.mark.slow
def test_lkjip_lampiran_shows_cascade(tmp_path):
    params = resolve_params("payakumbuh-disnakerperin", 2024, "lkjip")
    result = render_report(params, output_root=tmp_path, workers=1, only=["lampiran"])
    html = result.html.read_text(encoding="utf-8")
    assert "Cascading Perjanjian Kinerja" in html
    assert re.search(r"Grafik L\.\d+</span> Cascading Perjanjian Kinerja", html)
    assert re.search(r'<h3 id="[^"]+" class="toc">PK Kasubag Tata Usaha UPTD Pusat Pelayanan dan Pengembangan '
                     r"Rendang</h3>", html)  # lampiran headings are not numbered
    assert "tidak dapat diukur" in html
