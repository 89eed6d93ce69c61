"""BAB III Akuntabilitas Kinerja: the figures of sakip.analysis.akuntabilitas and the elements
the chapter's components build from them (one element per call, formatting only)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import nbformat
import papermill
import pytest

from sakip.analysis import akuntabilitas as bab3
from sakip.analysis import indicators as analysis
from sakip.analysis.context import ReportContext, open_context
from sakip.components import akuntabilitas as c31
from sakip.components import analisis_sasaran as c32
from sakip.components.elements import (
    MIME,
    Callout,
    Chart,
    Heading,
    KpiCards,
    Narrative,
    Paragraphs,
    Table,
)
from sakip.compute.capaian import Capaian
from sakip.compute.formatting import fmt_pct
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.report.assemble import notebook_blocks
from sakip.report.chapters import NOTEBOOK_DIR
from support import ROOT

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture(scope="module")
def pyk() -> ReportContext:
    return open_context("payakumbuh-disnakerperin", 2024, str(ROOT / "data" / "payakumbuh-disnakerperin"), "{}")


@pytest.fixture(scope="module")
def lb() -> ReportContext:
    return open_context("lampung-barat-disnakerperin", 2025, str(ROOT / "data" / "lampung-barat-disnakerperin"),
                        "{}")


@pytest.fixture(scope="module")
def tiny() -> ReportContext:
    return open_context("contoh-disnaker", 2024, str(TINY), "{}")


def _indicator(ctx: ReportContext, indicator_id: str) -> analysis.IndicatorResult:
    return next(r for s in ctx.sasaran for r in s.indicators if r.indicator.indicator_id == indicator_id)


def _result(value, name="X") -> analysis.IndicatorResult:
    """A minimal indicator result with only a capaian (what the 3.1 counts look at)."""
    indicator = m.Indikator(indicator_id=name, sasaran_id="S1", name=name)
    capaian = (Capaian.unmeasurable("realisasi belum tersedia") if value is None
               else Capaian(Decimal(value), True, None, "ratio"))
    return analysis.IndicatorResult(indicator, 2024, "TAHUN", None, None, None, capaian, "")


# --- analysis ------------------------------------------------------------------------------------


def test_best_indicator_is_the_highest_capaian_and_the_first_on_a_tie():
    a, b, c = _result("99.5", "A"), _result("120", "B"), _result("120", "C")
    assert bab3.best_indicator([a, b, c]) is b
    assert bab3.best_indicator([_result(None)]) is None
    assert bab3.best_indicator([]) is None


def test_organisation_summary_counts_on_the_capaian_as_shown(pyk):
    summary = bab3.organisation_summary(pyk.sasaran)
    assert (summary.counts.total, summary.counts.above, summary.counts.equal, summary.counts.below,
            summary.counts.unmeasured) == (3, 2, 1, 0, 0)
    assert summary.best.indicator.name == "Persentase Peningkatan Nilai Produksi"
    # 99,996% is shown as 100,00%: "sesuai", never "belum".
    counts = bab3.organisation_summary([]).counts
    assert counts.total == 0
    assert analysis.target_counts([_result("99.996")]).equal == 1


def test_worked_formula_flags_a_reported_realisasi_that_is_not_the_formula_result(pyk):
    iku1 = bab3.worked_formula(pyk.agency, _indicator(pyk, "IKU1"), 2024)
    assert iku1.steps[-1] == "74.085 / 77.876 × 100% = 95,13%" and not iku1.reported_differs
    iku2 = bab3.worked_formula(pyk.agency, _indicator(pyk, "IKU2"), 2024)
    assert iku2.reported_differs and iku2.computed_shown == Decimal("5.99")
    assert bab3.worked_formula(pyk.agency, _indicator(pyk, "IKU3"), 2024) is None  # no formula


def test_indicator_history_changes_against_the_latest_earlier_realisasi(pyk):
    hist = bab3.indicator_history(pyk.agency, _indicator(pyk, "IKU1"), 2024, pyk.options)
    assert hist.years == (2022, 2023, 2024)
    assert [r.change.direction if r.change else None for r in hist.rows] == [None, "naik", "turun"]
    assert hist.previous.year == 2023 and hist.charted
    grade = bab3.indicator_history(pyk.agency, _indicator(pyk, "IKU3"), 2024, pyk.options)
    assert not grade.charted and [r.change.direction if r.change else None for r in grade.rows][1:] == \
        ["tetap", "tetap"]


def test_indicator_history_without_earlier_realisasi(lb):
    r = lb.sasaran[0].indicators[0]
    hist = bab3.indicator_history(lb.agency, r, 2025, lb.options)
    assert hist.previous is None and not hist.charted
    assert all(row.change is None for row in hist.rows)


def test_renstra_comparison_with_projection(pyk):
    c = bab3.renstra_comparison(pyk.agency, _indicator(pyk, "IKU1"), 2024, 2026)
    assert fmt_pct(c.capaian.value) == "101,45%"
    assert c.projection is not None and c.projection.reaches
    # A grade end target is not projected; nor is the last year of the Renstra.
    assert bab3.renstra_comparison(pyk.agency, _indicator(pyk, "IKU3"), 2024, 2026).projection is None
    assert bab3.renstra_comparison(pyk.agency, _indicator(pyk, "IKU1"), 2024, 2024).projection is None


def test_national_comparison_recomputes_the_standard_from_national_data(pyk):
    c = bab3.national_comparison(pyk.agency, _indicator(pyk, "IKU1"), 2024)
    assert c.standard.value == Decimal("97.68") and c.computed_differs
    assert c.source and "BPS" in c.source
    grade = bab3.national_comparison(pyk.agency, _indicator(pyk, "IKU3"), 2024)
    assert not grade.computed_differs


@pytest.mark.parametrize("ratio, standing", [
    ("1.08", bab3.LEBIH_TINGGI), ("1.005", bab3.LEBIH_TINGGI), ("1.004", bab3.SAMA), ("0.995", bab3.SAMA),
    ("0.994", bab3.LEBIH_RENDAH), (None, None),
])
def test_ratio_standing_on_the_ratio_as_shown(ratio, standing):
    assert bab3.ratio_standing(None if ratio is None else Decimal(ratio)) == standing


def test_sasaran_efficiency(pyk, lb):
    eff = bab3.sasaran_efficiency(pyk.agency, pyk.sasaran[0], 2024)
    assert eff.standing == bab3.LEBIH_TINGGI and eff.staff_total == 5
    assert eff.staff == (("ASN", 3), ("TJP", 2))
    missing = bab3.sasaran_efficiency(lb.agency, lb.sasaran[0], 2025)
    assert missing.ratio is None and missing.standing is None


def _line(code, parent=None, pagu=None, realisasi=None, level="sub_kegiatan", urusan=None):
    return {"code": code, "parent_code": parent, "level": level, "pagu": pagu, "realisasi": realisasi,
            "urusan": urusan, "sasaran_id": "S1"}


def test_serapan_bands_on_the_serapan_as_shown():
    lines = [_line("P", level="program"),
             _line("A", "P", 100_000, 89_995),  # 89,995% is shown 90,00%: high
             _line("B", "P", 100_000, 89_994),  # 89,99%: middle
             _line("C", "P", 100_000, 79_995),  # 80,00%: middle
             _line("D", "P", 100_000, 79_994),  # 79,99%: low
             _line("E", "P", 100_000, None)]  # no serapan: not counted
    bands = bab3.serapan_bands(lines)
    assert (bands.total, bands.high, bands.middle, bands.low) == (4, 1, 2, 1)
    assert bab3.serapan_bands([_line("A", pagu=None)]) is None


def test_urusan_serapan_only_when_the_lines_name_an_urusan():
    assert bab3.urusan_serapan([_line("A", pagu=10, realisasi=5)]) is None
    by = bab3.urusan_serapan([_line("A", pagu=10, realisasi=5, urusan="Tenaga Kerja")])
    assert list(by) == ["Tenaga Kerja"] and by["Tenaga Kerja"].serapan == 50


def test_programme_serapan_sums_the_sub_kegiatan():
    lines = [_line("P", level="program"), _line("K", "P", level="kegiatan"), _line("S", "K", 200, 150)]
    (programme,) = bab3.programme_serapan(lines)
    assert programme.code == "P" and programme.serapan == 75


# --- components --------------------------------------------------------------------------------


def test_capaian_organisasi_elements(pyk):
    scale = c31.scale_table(pyk)
    assert isinstance(scale, Table) and scale.rows[0][1] == "≥ 91,00" and scale.rows[0][2]["badge"] == "Sangat Baik"
    iku = c31.iku_table(pyk)
    assert iku.title == "Capaian Indikator Kinerja Utama Tahun 2024" and len(iku.rows) == 3
    assert iku.rows[0][6] == "101,47%" and iku.rows[0][7] == {"badge": "Sangat Baik", "colour": iku.rows[0][7]["colour"]}
    cards = c31.budget_cards(pyk)
    assert isinstance(cards, KpiCards) and cards.cards[0] == ("Rp 6.643.861.122", "Pagu anggaran 2024")
    assert c31.summary(pyk).texts == (
        "Seluruh 3 indikator kinerja sasaran strategis Tahun 2024 mencapai target: 2 melampaui target dan "
        "1 sesuai dengan target. Capaian tertinggi pada indikator Persentase Peningkatan Nilai Produksi "
        "sebesar 184,62%.",)


def test_realisasi_anggaran_elements(pyk):
    assert c31.budget_sentence(pyk).texts[0].endswith("terealisasi Rp 5.959.374.081 atau 89,70%.")
    table = c31.budget_table(pyk)
    assert table.rows[-1][1:] == ("Jumlah", "6.643.861.122", "5.959.374.081", "89,70%")
    assert table.row_classes[-1] == "total"
    chart = c31.programme_chart(pyk)
    assert isinstance(chart, Chart) and "Program Hubungan Industrial: 91,44%" in chart.alt
    assert [r[0] for r in c31.urusan_table(pyk).rows] == ["Tenaga Kerja", "Perindustrian"]
    assert c31.serapan_spread(pyk).texts == (
        "Dari 30 sub kegiatan, 21 menyerap anggaran ≥ 90%, 8 antara 80% dan 90%, dan 1 di bawah 80%.",)
    assert isinstance(c31.prestasi(pyk), Narrative)


def test_realisasi_anggaran_without_amounts(lb):
    note = c31.budget_sentence(lb)
    assert isinstance(note, Callout) and note.text == "Pagu dan realisasi anggaran Tahun 2025 belum diisi."
    assert c31.programme_chart(lb) is None  # bars of missing amounts would read as 0%
    assert c31.serapan_spread(lb) is None
    assert c31.prestasi(lb).texts == ("Tidak ada prestasi atau penghargaan yang dicatat untuk Tahun 2025.",)


def test_analysis_of_a_sasaran(pyk):
    s1, s2 = pyk.sasaran[0], pyk.sasaran[1]
    assert c32.heading(s1, 1) == Heading("Sasaran 1: Meningkatnya Serapan Tenaga Kerja", 3)
    assert c32.capaian_table(pyk, s1, 1).title == "Capaian Kinerja Sasaran 1 Tahun 2024"
    r1, r2 = s1.indicators[0], s2.indicators[0]
    formula = c32.formula(pyk, r1)
    assert formula.texts[-1] == "= 74.085 / 77.876 × 100% = 95,13%"
    assert '<p class="formula">= 74.085 / 77.876' in formula.to_html()
    assert formula._repr_mimebundle_()[MIME]["kind"] == "paragraphs"
    assert c32.formula_check(pyk, r1) is None
    assert "berbeda dari hasil rumus (5,99)" in c32.formula_check(pyk, r2).text
    assert c32.sasaran_capaian(s1) is None  # one indicator: no mean
    history = c32.history_table(pyk, r1)
    assert [row[3] for row in history.rows] == ["-", "naik 0,32 poin (0,34%)", "turun 0,03 poin (-0,03%)"]
    assert c32.history_chart(pyk, r1).alt.startswith("Realisasi 2022: 94,84%; 2023: 95,16%; 2024: 95,13%.")
    assert "turun dari 95,16% pada Tahun 2023 menjadi 95,13% pada Tahun 2024" in c32.trend_sentence(pyk, r1).texts[0]
    assert c32.renstra_table(pyk, s1).rows == (("Persentase Penyerapan Tenaga Kerja", "95,13%", "93,77%", "101,45%"),)
    assert c32.renstra_sentences(pyk, s1).texts[0].startswith("Tahun 2024 merupakan tahun kedua pelaksanaan Renstra")
    assert c32.national_table(pyk, s1, 1).rows[0][2] == "97,68%"
    assert "(95,09%)" in c32.national_check(pyk, r1).text
    assert c32.causes(pyk, s1).markdown.startswith("**Faktor pendukung:**")
    # the typed "(Tabel 3.7)" of the source document is marked in place
    assert any("Tabel 3.7" in sentence for sentence, _note in c32.causes(pyk, s1).marks)
    assert c32.efficiency_table(pyk, s1, 1).rows[0][5:] == ("5,71", "1,08")
    assert "lebih tinggi daripada proporsi" in c32.efficiency_sentence(pyk, s1).texts[0]
    assert c32.staff_sentence(pyk, s1).texts == (
        "Sumber daya manusia yang menangani sasaran ini berjumlah 5 orang (3 ASN, 2 TJP).",)
    assert len(c32.programme_table(pyk, s1, 1).rows) == 14
    assert c32.programme_counts(pyk, s1).texts[0] == "Seluruh 14 indikator program/kegiatan pendukung menunjang."
    assert c32.no_sasaran(pyk) is None


def test_analysis_of_a_sasaran_with_missing_data(lb):
    s = lb.sasaran[0]
    r = s.indicators[0]
    assert c32.history_chart(lb, r) is None
    assert c32.trend_sentence(lb, r).texts[0].endswith("tahun-tahun sebelumnya belum tersedia.")
    assert c32.causes(lb, s) == Callout("Analisis penyebab belum diisi oleh analis.", "warning")
    assert c32.efficiency_sentence(lb, s) is None and c32.staff_sentence(lb, s) is None
    assert c32.overview(lb, s) is None
    assert c32.programme_counts(lb, s).texts[0] == "Seluruh 4 indikator program/kegiatan pendukung tidak dapat dinilai."


def test_every_component_handles_the_tiny_fixture(tiny):
    """Ranges, grades, lower-is-better and a negative realisasi: every element builds."""
    elements = [c31.scale_table(tiny), c31.iku_table(tiny), c31.budget_cards(tiny), c31.summary(tiny),
                c31.budget_sentence(tiny), c31.budget_table(tiny), c31.programme_chart(tiny),
                c31.urusan_table(tiny), c31.serapan_spread(tiny), c31.prestasi(tiny), c32.no_sasaran(tiny)]
    for n, s in enumerate(tiny.sasaran, 1):
        elements += [c32.heading(s, n), c32.overview(tiny, s), c32.capaian_table(tiny, s, n),
                     c32.sasaran_capaian(s), c32.renstra_table(tiny, s), c32.renstra_sentences(tiny, s),
                     c32.national_table(tiny, s, n), c32.causes(tiny, s), c32.efficiency_table(tiny, s, n),
                     c32.efficiency_sentence(tiny, s), c32.staff_sentence(tiny, s),
                     c32.efficiency_narrative(tiny, s), c32.programme_table(tiny, s, n),
                     c32.programme_counts(tiny, s), c32.programme_narrative(tiny, s)]
        for r in s.indicators:
            elements += [c32.formula(tiny, r), c32.formula_check(tiny, r), c32.capaian_sentence(r),
                         c32.history_table(tiny, r), c32.history_chart(tiny, r), c32.trend_sentence(tiny, r),
                         c32.national_sentence(tiny, r), c32.national_check(tiny, r)]
    shown = [e for e in elements if e is not None]
    for element in shown:
        bundle = element._repr_mimebundle_()
        assert bundle["text/html"] and bundle[MIME]["kind"]
    assert isinstance(c32.causes(tiny, tiny.sasaran[0]), Narrative)  # the fixture's faktor pendukung
    assert c32.sasaran_capaian(tiny.sasaran[0]).texts[0].startswith("Rata-rata capaian sasaran ini")
    assert isinstance(c31.summary(tiny), Paragraphs)


def test_no_sasaran_note():
    ctx = ReportContext(Agency.__new__(Agency), 2024, analysis.default_options())
    ctx.__dict__["sasaran"] = []  # the cached property, as if the agency had none
    assert c32.no_sasaran(ctx) == Callout("Sasaran strategis belum diisi.", "warning")


@pytest.mark.slow
def test_chapter_notebook_runs_on_the_tiny_fixture(tmp_path):
    """The notebook as shipped, with the tiny agency: every cell runs and shows elements only."""
    out = tmp_path / "bab3.ipynb"
    papermill.execute_notebook(str(NOTEBOOK_DIR / "lkjip" / "03_akuntabilitas.ipynb"), str(out),
                               parameters={"agency_id": "contoh-disnaker", "year": 2024,
                                           "data_path": str(TINY), "options_json": "{}"},
                               kernel_name="python3", progress_bar=False, cwd=str(ROOT))
    nb = nbformat.read(out, as_version=4)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                if o.get("output_type") == "error"]
    blocks = notebook_blocks(out)
    assert "html" not in {b.kind for b in blocks}  # no legacy pre-built HTML
    headings = [b.data["text"] for b in blocks if b.kind == "heading"]
    assert headings[:3] == ["BAB III AKUNTABILITAS KINERJA", "Capaian Kinerja Organisasi", "Analisis Capaian Kinerja"]
    assert "Sasaran 2: Meningkatnya pertumbuhan industri kecil" in headings
    assert "2.7. Analisis program/kegiatan yang menunjang keberhasilan atau kegagalan" in headings
    assert headings[-2:] == ["Realisasi Anggaran", "Prestasi dan Penghargaan"]
