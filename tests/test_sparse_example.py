"""A sparse agency reads like a finished report (issue #12).

``data/contoh-dinas-kecil`` is an invented small agency with the minimum a new analyst fills in the
first year (see its NOTES.md). Its LKjIP, and two sparser variants of it (no budget; no budget,
no realisasi and no tujuan), are rendered and read with the general checks of
``tests/report_checks.py``: no empty heading, no numbering gap, no "sebesar -", no
"- (- dari -)", no "Tahun 2024-2024", no "nan"/"None". The seed reports are held to the same
checks. The small functions the reports rely on are tested first.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from report_checks import dash_columns, empty_headings, numbering_gaps, raw_text, report_problems
from sakip.components.common import unfilled_columns, unfilled_note
from sakip.compute.formatting import fmt_years
from sakip.compute.wording import known_figures, ordinal
from sakip.inputs import load_agency
from sakip.model.parsing import NumberValue
from sakip.report.assemble import Block, without_empty_sections
from support import DATA, LAMPUNG_BARAT, PAYAKUMBUH

SPARSE = DATA / "contoh-dinas-kecil"

# --- the small functions ---------------------------------------------------------------------------


def _heading(level: int, text: str = "") -> Block:
    return Block("heading", "", {"level": level, "text": text or f"h{level}"})


def _prose(text: str = "isi") -> Block:
    return Block("paragraphs", f"<p>{text}</p>", {"texts": [text]})


def _kept(blocks: list[Block]) -> list[str]:
    return [b.data.get("text") or b.data["texts"][0] for b in without_empty_sections(blocks)]


def test_without_empty_sections_leaves_out_headings_with_nothing_under_them():
    blocks = [_heading(1, "BAB I"), _prose("pengantar"),
              _heading(2, "A"), _heading(3, "A.1"), _prose("a1"),
              _heading(3, "A.2"),                       # followed by a level-2 heading: empty
              _heading(2, "B"), _heading(3, "B.1"),     # B.1 empty, so B is empty too
              _heading(2, "C"), _heading(4, "C.x"), _prose("cx"),
              _heading(4, "C.y"),                       # level 4 at the end: empty
              ]
    assert _kept(blocks) == ["BAB I", "pengantar", "A", "A.1", "a1", "C", "C.x", "cx"]


def test_without_empty_sections_keeps_chapter_titles_and_full_sections():
    blocks = [_heading(1, "LAMPIRAN"), _heading(2, "A"), _prose(), _heading(2, "B"), _prose()]
    assert without_empty_sections(blocks) == blocks
    assert _kept([_heading(1, "BAB IV")]) == ["BAB IV"]
    assert without_empty_sections([]) == []


def test_fmt_years_shows_one_year_once():
    assert fmt_years(2024, 2024) == "2024"
    assert fmt_years(2022, 2024) == "2022\u20132024"


def test_known_figures_leave_missing_ones_out():
    assert known_figures((("target", Decimal("55")), ("realisasi", None))) == "target 55"
    assert known_figures((("target", NumberValue(Decimal("60"))), ("realisasi", Decimal("55.17"))), "%") == (
        "target 60%, realisasi 55,17%")
    assert known_figures((("target", None), ("realisasi", None))) == ""


def test_ordinal():
    assert [ordinal(n) for n in (1, 2, 3, 10, 11)] == ["pertama", "kedua", "ketiga", "kesepuluh", "ke-11"]


def test_unfilled_columns_and_their_note():
    records = [{"a": "x", "b": "-", "c": ""}, {"a": "-", "b": "-", "c": " "}]
    assert unfilled_columns(records, ["a", "b", "c"]) == ["b", "c"]
    assert unfilled_columns([], ["a"]) == []
    groups = [("kondisi awal", ["b"]), ("target per tahun", ["c", "d"]), ("kondisi akhir", ["c"])]
    assert unfilled_note(groups, ["b", "c"]) == "Kondisi awal dan kondisi akhir indikator belum diisi."
    assert unfilled_note(groups, []) is None


def test_serapan_bands_name_the_level_they_count():
    from sakip.analysis.akuntabilitas import serapan_bands

    def line(code, level, parent, pagu, realisasi):
        return {"code": code, "level": level, "parent_code": parent, "pagu": Decimal(pagu),
                "realisasi": Decimal(realisasi), "sasaran_id": None}

    programmes = [line("P1", "program", None, 100, 95), line("P2", "program", None, 100, 70)]
    bands = serapan_bands(programmes)
    assert (bands.total, bands.high, bands.middle, bands.low, bands.level) == (2, 1, 0, 1, "program")
    mixed = programmes + [line("P3", "program", None, 0, 0), line("P3.K1", "kegiatan", "P3", 10, 9)]
    assert serapan_bands(mixed).level is None  # programmes and a kegiatan: lines of two levels


def test_earlier_realisasi_and_the_head_pk_of_the_sparse_example(payakumbuh_ctx):
    from sakip.analysis.context import open_context
    from sakip.analysis.overview import has_earlier_realisasi, indicator_results
    from sakip.components import ikhtisar, lampiran

    ctx = open_context("contoh-dinas-kecil", 2024, str(SPARSE), "{}")
    assert not has_earlier_realisasi(ctx.agency, indicator_results(ctx.sasaran))
    assert has_earlier_realisasi(payakumbuh_ctx.agency, indicator_results(payakumbuh_ctx.sasaran))
    assert ikhtisar.earlier_years_missing(payakumbuh_ctx) is None
    assert ikhtisar.earlier_years_missing(ctx) is not None and ikhtisar.improved(ctx) is None
    head = lampiran.head_pk(ctx)
    assert head.title == "Perjanjian Kinerja Kepala Dinas Perpustakaan dan Kearsipan Tahun 2024"
    assert len(head.rows) == 5 and lampiran.pk_missing(ctx) is None
    assert lampiran.head_pk(payakumbuh_ctx) is None  # its units' PKs are shown instead


# --- the checks themselves -------------------------------------------------------------------------


def _page(body: str) -> str:
    return f'<html><body><section class="chapter" id="chapter-bab1">{body}</section></body></html>'


def test_checks_find_what_they_look_for():
    assert empty_headings(_page("<h1>BAB I</h1><h2>1.1 A</h2><p>x</p><h2>1.2 B</h2>")) == [
        "chapter-bab1: empty heading '1.2 B'"]
    assert empty_headings(_page("<h1>BAB I</h1><h2>1.1 A</h2><h3>1.1.1 A</h3><p>x</p>")) == []
    assert numbering_gaps(_page("<h2>1.1 A</h2><p>x</p><h3>1.1.1 a</h3><p>x</p><h3>1.1.3 c</h3><p>x</p>"
                                "<h2>1.2 B</h2><p>x</p><h3>1.2.1 a</h3><p>x</p>")) == [
        "chapter-bab1: section 1.1.3 where 2 was due"]
    assert numbering_gaps(_page("<h4>1.1. a</h4><p>x</p><h4>1.3. c</h4><p>x</p>")) == [
        "chapter-bab1: section 1.3 where 2 was due"]
    assert numbering_gaps(_page('<span class="label">Tabel 1.1</span><span class="label">Tabel 1.3</span>')) == [
        "Tabel 1.3 where 1.2 was due"]
    found = raw_text(_page("<p>Pagu anggaran Tahun 2024 sebesar -.</p>"
                           '<div class="kpi"><div><strong>-</strong><span>serapan (- dari -)</span></div></div>'
                           "<figcaption>Tabel 3.4 Perkembangan Tahun 2024\u20132024</figcaption>"
                           "<p>target 55,00, realisasi -.</p><p>nilai None</p>"
                           "<table><tr><td>-</td><td>2022-2024</td></tr></table>"))
    kinds = {f.split(": ")[1] for f in found}
    assert kinds == {"an amount written as '-'", "a card '- (- dari -)'", "a card whose figure is '-'",
                     "a figure written as '-' in a sentence", "a raw missing value", "a one-year range '2024–2024'"}
    assert raw_text(_page("<table><tr><td>-</td><td>-</td></tr></table><p>Rp 1.000 (2022-2024)</p>")) == []
    table = ('<figure><figcaption>Tabel 2.1 X</figcaption><table><thead><tr><th>A</th><th>Realisasi</th>'
             '<th>B</th></tr></thead><tbody><tr><td>a</td><td>-</td><td>-</td></tr>'
             '<tr><td>b</td><td>-</td><td>1</td></tr><tr><td>c</td><td>-</td><td>-</td></tr></tbody></table></figure>')
    assert dash_columns(_page(table)) == []
    assert dash_columns(_page(table.replace("<td>1</td>", "<td>-</td>"))) == ["Tabel 2.1 X: column 'B' holds only '-'"]


# --- the reports -----------------------------------------------------------------------------------


def _render(path: Path, year: int, out: Path) -> str:
    from sakip.report.render import params_for_input, render_report

    result = render_report(params_for_input(path, year), output_root=out, engine="inprocess")
    return result.html.read_text(encoding="utf-8")


def _variant(tmp: Path, name: str, drop: tuple[str, ...], sasaran: str = "") -> Path:
    """A copy of the sparse example without the files ``drop`` (and without tujuan links when
    tujuan.csv is dropped), with the line ``sasaran`` added to sasaran.csv."""
    folder = tmp / name
    shutil.copytree(SPARSE, folder)
    (folder / "NOTES.md").unlink()
    for file in drop:
        (folder / file).unlink()
    profile = folder / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("contoh-dinas-kecil", name), encoding="utf-8")
    if sasaran:
        with (folder / "sasaran.csv").open("a", encoding="utf-8") as f:
            f.write(sasaran + "\n")
    if "tujuan.csv" in drop:
        sasaran = folder / "sasaran.csv"
        sasaran.write_text(re.sub(r"^(S\d),T\d,", r"\1,,", sasaran.read_text(encoding="utf-8"), flags=re.M),
                           encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("sparse")
    out = tmp / "out"
    return {
        "contoh": _render(SPARSE, 2024, out),
        "tanpa-anggaran": _render(_variant(tmp, "tanpa-anggaran", ("budget.csv",)), 2024, out),
        "minimal": _render(_variant(tmp, "minimal", ("budget.csv", "realisasi.csv", "tujuan.csv")), 2024, out),
        "sasaran-tanpa-indikator": _render(_variant(tmp, "sasaran-tanpa-indikator", (),
                                                    "S3,T2,3,Meningkatnya Layanan Arsip Digital"), 2024, out),
    }


def _text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_example_is_valid_and_labelled_as_invented():
    agency = load_agency(SPARSE)
    assert agency.profile.synthetic
    assert "invented" in (SPARSE / "NOTES.md").read_text(encoding="utf-8")
    assert agency.years_with_data() == [2024]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["contoh", "tanpa-anggaran", "minimal", "sasaran-tanpa-indikator"])
def test_sparse_reports_read_like_finished_reports(pages, name):
    assert report_problems(pages[name]) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["contoh", "tanpa-anggaran", "sasaran-tanpa-indikator"])
def test_no_table_column_of_the_sparse_reports_holds_only_dashes(pages, name):
    assert dash_columns(pages[name]) == []


@pytest.mark.slow
def test_the_sparse_example_says_once_what_is_missing(pages):
    text = _text(pages["contoh"])
    assert "DATA SINTETIS" in text
    # one sentence per sasaran instead of tables of dashes and a sentence per indicator
    for missing in ("Data target dan realisasi tahun-tahun sebelumnya untuk indikator sasaran ini belum diisi",
                    "Data target akhir Renstra (Tahun 2026) untuk indikator sasaran ini belum diisi",
                    "Data standar nasional untuk indikator sasaran ini belum diisi"):
        assert text.count(missing) == 2, missing
    assert "Perkembangan Capaian" not in text and "standar nasional belum tersedia" not in text
    assert text.count("Data realisasi tahun-tahun sebelumnya belum diisi") == 1  # the Ikhtisar, once
    assert "Tidak ada indikator yang membaik" not in text
    assert "Kondisi awal, target per tahun dan kondisi akhir indikator belum diisi." in text
    assert "Alasan, formula dan sumber data indikator belum diisi." in text
    # figures, and sentences that follow from them
    for figure in ("Rp 4.956.730.000", "Rp 4.679.843.250", "94,41%", "97,52%", "102,59%", "91,96%",
                   "Tidak terkait langsung dengan sasaran strategis 3.215.480.000",
                   "Seluruh 3 program menyerap anggaran ≥ 90%.", "tahun pertama pelaksanaan Renstra 2024-2026",
                   "target 55,00, capaian tidak dapat diukur (realisasi belum tersedia)."):
        assert figure in text, figure
    assert "sub kegiatan, 3" not in text and "jumlah sub kegiatannya" not in text


@pytest.mark.slow
def test_without_budget_nothing_reads_as_an_amount(pages):
    text = _text(pages["tanpa-anggaran"])
    assert text.count("Data anggaran Tahun 2024 belum diisi.") == 1
    assert "Data APBD dan pagu anggaran Tahun 2024 belum diisi." in text
    assert "serapan anggaran" not in text.lower().replace("serapan anggaran per", "")
    assert "realisasi anggarannya" not in text and "Jumlah anggaran kegiatan" not in text


@pytest.mark.slow
def test_with_nothing_measured_no_average_is_claimed(pages):
    text = _text(pages["minimal"])
    assert "belum ada yang dapat diukur" in text
    assert "0 dari 5" not in text and "dengan kriteria Tidak Dapat Diukur" not in text
    assert "5 indikator tidak dapat diukur, sehingga rata-rata capaian belum dapat dihitung." in text


@pytest.mark.slow
def test_a_sasaran_without_indicators_is_said_once_not_analysed(pages):
    text = _text(pages["sasaran-tanpa-indikator"])
    start = text.rindex("3.2.3 Sasaran 3")  # the section, not its line in the daftar isi
    section = text[start:text.index("3.3 Realisasi Anggaran", start)]
    assert "Indikator kinerja sasaran ini belum diisi" in section and "Membandingkan" not in section


@pytest.mark.slow
@pytest.mark.parametrize("path, year", [(PAYAKUMBUH, 2024), (LAMPUNG_BARAT, 2025)])
def test_the_seed_reports_pass_the_same_checks(tmp_path, path, year):
    assert report_problems(_render(path, year, tmp_path)) == []
