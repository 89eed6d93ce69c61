"""The PK cascade view: the chart, the overview and unit tables, and the LKjIP lampiran of
Payakumbuh 2024 rendered through papermill (its unit indicators have no realisasi)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sakip.analysis.context import open_context
from sakip.components import cascade
from sakip.report.render import render_report, resolve_params

ROOT = Path(__file__).resolve().parents[1]


def _ctx(agency: str, year: int, options: str = "{}"):
    return open_context(agency, year, str(ROOT / "data" / agency), options)


def test_cascade_section_payakumbuh():
    html = cascade.cascade_section(_ctx("payakumbuh-disnakerperin", 2024))
    assert 'class="sakip-grafik"' in html and "data:image/png;base64," in html
    for holder in ("YUNIDA FATWA, S.Sos, M.Si", "RENDI PRATAMA, S.I.A", "RENDY ROZENO, A.Md"):
        assert holder in html
    assert "Kepala UPTD Pusat Pelayanan dan Pengembangan Rendang" in html
    assert "capaian unit tidak dapat diukur karena tidak satu pun dari 3 indikatornya memiliki realisasi" in html
    assert "Indikator Unit Kerja yang Mendukung IKU" in html
    assert "1.378.855.108" in html  # PK budget of the Kepala Bidang Tenaga Kerja
    assert "Decimal(" not in html and "None" not in re.sub(r'src="[^"]+"', "", html)


def test_cascade_overview_only():
    html = cascade.cascade_section(_ctx("payakumbuh-disnakerperin", 2024), detail=False)
    assert "Ringkasan Cascading Perjanjian Kinerja" in html
    assert "Perjanjian Kinerja Kepala Bidang Tenaga Kerja Tahun 2024" not in html


def test_cascade_partial_year_lampung_barat():
    html = cascade.cascade_section(_ctx("lampung-barat-disnakerperin", 2025, '{"triwulan": 2}'))
    assert "s.d. Triwulan II" in html
    assert "88,02" not in html  # the TW IV realisasi of IKU1


def test_cascade_chart_has_a_box_per_unit():
    ctx = _ctx("payakumbuh-disnakerperin", 2024)
    nodes = cascade.nodes(ctx)
    fig = cascade.cascade_chart(ctx, nodes)
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
    assert "tidak dapat diukur" in html
    assert "Kasubag Tata Usaha UPTD Pusat Pelayanan dan Pengembangan Rendang" in html
