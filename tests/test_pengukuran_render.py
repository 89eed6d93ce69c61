"""Render the Laporan Pengukuran Kinerja of Lampung Barat 2025 (seed 000) through papermill for
every triwulan and check the figures in the HTML, in Indonesian format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sakip.report.assemble import notebook_blocks
from sakip.report.render import render_report, resolve_params

pytestmark = pytest.mark.slow

AGENCY, YEAR = "lampung-barat-disnakerperin", 2025
LATER = {  # realisasi that only exist from a quarter on: (quarter, text as shown)
    3: ["1.528.704.809", "453.977.943", "151.309.724"],
    4: ["2.082.007.618", "430.030", "88,02%", "507.136.943", "174.538.032"],
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("pengukuran")
    cache: dict[int, str] = {}
    folders: dict[int, Path] = {}

    def get(triwulan: int) -> str:
        if triwulan not in cache:
            params = resolve_params(AGENCY, YEAR, "pengukuran").model_copy(update={"triwulan": triwulan})
            result = render_report(params, output_root=root, workers=2)
            expected = "pengukuran" if triwulan == 4 else f"pengukuran-tw{triwulan}"
            assert result.html.parent.name == expected
            folders[triwulan] = result.html.parent
            html = result.html.read_text(encoding="utf-8")
            cache[triwulan] = re.sub(r'src="data:image/png;base64,[^"]+"', 'src=""', html)
        return cache[triwulan]

    get.folders = folders  # type: ignore[attr-defined]
    return get


def cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_full_year_seed_figures(rendered):
    html = rendered(4)
    assert "Data TW I s.d. TW IV Tahun 2025" in html
    # IKU1 TW IV: 88,02 against 87,02 -> 101,15%; IKU2: 430.030 against 372.855 -> 115,33%
    assert "dengan target 87,02% terealisasi sebesar 88,02%, sehingga capaian kinerjanya 101,15%" in html
    assert "dengan target 372.855 milyar rupiah terealisasi sebesar 430.030 milyar rupiah, sehingga " \
           "capaian kinerjanya 115,33%" in html
    table_cells = cells(html)
    assert "101,15%" in table_cells and "115,33%" in table_cells
    # cumulative keuangan realisasi of S1 at TW IV
    assert "2.082.007.618" in table_cells
    assert "Proyeksi IV" not in html


def test_full_year_structure(rendered):
    html = rendered(4)
    for heading in ("BAB I PENDAHULUAN DAN MEKANISME PENGUKURAN", "BAB II INDIKATOR KINERJA UTAMA",
                    "BAB III PENGUKURAN KINERJA TRIWULAN", "BAB IV CASCADING PERJANJIAN KINERJA",
                    "BAB V ANALISIS DAN PENUTUP"):
        assert heading in html
    # the analyst's mechanism and closing, the IKU per Renstra year, the person responsible
    assert "metode <em>bottom up</em>" in html
    assert "Tabel 2.1" in html and "360.376" in html and "380.312" in html
    assert "KEPALA DINAS" in html and "Kepala Bidang Penempatan Tenaga Kerja" in html
    assert "Grafik 3.2" in html and "Kemajuan Fisik dan Keuangan Kumulatif" in html
    assert "Grafik 4.1" in html
    # the decreasing cumulative keuangan targets of the seed are shown and flagged, not fatal
    assert "Target kumulatif menurun" in html
    assert "target keuangan kumulatif turun dari Rp 930.045.211 (TW II) menjadi Rp 711.282.650" in html
    assert "HAYZA RINSA, S.H" in html
    assert "Decimal(" not in html and ">None<" not in html and "nan" not in cells(html)


@pytest.mark.parametrize("triwulan", [1, 2, 3])
def test_partial_year_shows_only_quarters_so_far(rendered, triwulan):
    html = rendered(triwulan)
    roman = {1: "I", 2: "II", 3: "III"}[triwulan]
    assert f"Data s.d. TW {roman} Tahun 2025" in html
    assert "Proyeksi IV" in html and "diproyeksikan" in html
    # the consistency audit of BAB V quotes the inputs of the run's quarters as typed: a printed
    # TW III figure may equal a TW IV realisasi (seed 000 prints 88,02% in block 1.A at TW III)
    report = html.split("Pemeriksaan Konsistensi Data</h2>")[0] + html.split("Penutup</h2>")[-1]
    for quarter, values in LATER.items():
        if quarter > triwulan:
            for value in values:
                assert value not in report, f"{value} (TW {quarter}) shown in a run up to TW {triwulan}"
    table_cells = cells(html)
    later = [r for q, r in ((3, "III"), (4, "IV")) if q > triwulan]
    for r in later:
        assert r not in table_cells  # no TW column/row beyond the run


def test_up_to_triwulan_ii_projection(rendered):
    html = rendered(2)
    cells_ii = cells(rendered(2))
    # S1 keuangan: 1.049.301.223 at TW II, projected x2 to TW IV
    assert "1.049.301.223" in cells_ii and "2.098.602.446" in cells_ii
    assert "realisasi keuangan akhir tahun diproyeksikan Rp 2.098.602.446" in html
    # IKU1 82,88 carried to the year end against the annual target 87,02 -> 95,24%
    assert "diproyeksikan 82,88% terhadap target tahunan 87,02%, atau capaian 95,24%" in html


def test_chapters_are_elements_numbered_by_the_renderer(rendered):
    html = rendered(2)
    for heading in ("1.1 Latar Belakang", "1.6 Mekanisme Pengumpulan Data Kinerja",
                    "1.6.1 Mekanisme Pengumpulan Data Kinerja", "Tabel 2.1",
                    "3.1 Evaluasi Kinerja Tingkat IKU",
                    "3.2 Evaluasi Rencana Aksi Tingkat Sasaran Strategis",
                    "3.3 Evaluasi Rencana Aksi Sasaran Strategis dan Program",
                    "3.3.1 Meningkatnya Penduduk Angkatan Kerja yang Bekerja",
                    "3.3.2 Meningkatnya PDRB Sektor Industri", "3.4 Peringatan Kemajuan Triwulan",
                    "5.1 Analisis Capaian Kinerja", "5.2 Penutup"):
        assert heading in html
    assert '<div class="callout callout-warning">Data s.d. TW II Tahun 2025:' in html
    folder = rendered.folders[2]
    for chapter in ("p-bab1", "p-bab2", "p-bab3", "p-bab5"):
        kinds = {b.kind for b in notebook_blocks(folder / "notebooks" / f"{chapter}.ipynb")}
        assert "html" not in kinds, f"{chapter}: legacy HTML output"
