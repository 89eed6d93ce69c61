"""The example report as the document that gets signed: its PDF (read with pypdf) and its Word
document (read with python-docx, converted by LibreOffice), official and working copies, and the
same documents for the pengukuran report, the comparison and the Bappeda summary."""

from __future__ import annotations

import html as _html
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from sakip.report.copies import leaks
from sakip.report.render import render_report, resolve_params
from support import ROOT

pytestmark = pytest.mark.slow



def _weasyprint_or_skip():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint or Debian's pango missing (make setup): {exc}")


@pytest.fixture(scope="module")
def official(tmp_path_factory):
    _weasyprint_or_skip()
    out = tmp_path_factory.mktemp("resmi")
    return render_report(resolve_params("payakumbuh-disnakerperin", 2024), output_root=out,
                         pdf=True, docx=True)


@pytest.fixture(scope="module")
def working(tmp_path_factory):
    out = tmp_path_factory.mktemp("kerja")
    return render_report(resolve_params("payakumbuh-disnakerperin", 2024), output_root=out,
                         copy="kerja", docx=True)


@pytest.fixture(scope="module")
def pdf_pages(official):
    from pypdf import PdfReader

    reader = PdfReader(str(official.pdf))
    return reader, [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def word(official):
    return Document(str(official.docx))


def _visible(page: str) -> str:
    page = re.sub(r"<(style|head)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return re.sub(r"\s+", " ", " ".join(parts))


# --- where the files go ---------------------------------------------------------------------------


def test_pdf_and_docx_beside_the_html(official, working):
    assert official.pdf == official.html.with_suffix(".pdf") and official.pdf.exists()
    assert official.docx == official.html.with_suffix(".docx") and official.docx.exists()
    assert official.html.parent.name == "lkjip"
    assert working.html.parent.name == "lkjip-kerja" and working.pdf is None


# --- the PDF --------------------------------------------------------------------------------------


def test_pdf_is_a4_with_a_sane_page_count(pdf_pages):
    reader, texts = pdf_pages
    assert 30 <= len(texts) <= 200
    for page in reader.pages:
        size = {round(float(page.mediabox.width)), round(float(page.mediabox.height))}
        assert size == {595, 842}  # A4, portrait or (wide tables) landscape


@pytest.mark.parametrize("figure", ["101,47", "89,70", "Rp 6.643.861.122", "74.085 / 77.876 × 100% = 95,13%",
                                    "Payakumbuh, 20 Januari 2025", "NIP. 19670601 198809 2 001"])
def test_pdf_key_figures_can_be_extracted(pdf_pages, figure):
    assert any(figure in text for text in pdf_pages[1])


def test_pdf_footer_on_every_page_after_the_cover(pdf_pages):
    _, texts = pdf_pages
    assert "Halaman" not in texts[0]
    missing = [n for n, text in enumerate(texts[1:], start=2) if f"Halaman {n} dari {len(texts)}" not in text]
    assert missing == []
    header = "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2024 · Dinas Tenaga Kerja dan Perindustrian"
    assert all(header in text for text in texts[1:])


def _entries(texts: list[str], title: str, next_title: str) -> list[tuple[str, int]]:
    """(text, page) of the entries of the list that starts on the page titled ``title``."""
    start = next(i for i, t in enumerate(texts) if title in t)
    end = next(i for i, t in enumerate(texts) if i > start and next_title in t)
    joined = " ".join(texts[start:end]).replace(title, " ")
    joined = re.sub(r"Halaman \d+ dari \d+|Laporan Kinerja Instansi Pemerintah \(LKjIP\) Tahun 2024 · "
                    r"Dinas Tenaga Kerja dan Perindustrian Kota Payakumbuh", " ", joined)
    return [(re.sub(r"\s+", " ", m.group(1)).strip(), int(m.group(2)))
            for m in re.finditer(r"(.+?)\s*(?:\. ?){2,}\s*(\d+)(?=\s|$)", joined)]


def test_daftar_isi_page_numbers_are_where_the_headings_are(pdf_pages):
    _, texts = pdf_pages
    entries = _entries(texts, "DAFTAR ISI", "DAFTAR TABEL")
    numbered = [(t, p) for t, p in entries if re.match(r"^\d+(\.\d+)+ \S", t)]
    assert len(numbered) >= 5, entries[:10]
    wrong = [(t, p) for t, p in numbered if t not in texts[p - 1]]
    assert wrong == []
    chapters = [(t, p) for t, p in entries if t.upper().startswith("BAB ")]
    assert chapters and all(t in texts[p - 1] for t, p in chapters)


def test_daftar_tabel_and_grafik_page_numbers(pdf_pages):
    _, texts = pdf_pages
    tables = _entries(texts, "DAFTAR TABEL", "DAFTAR GRAFIK")
    charts = _entries(texts, "DAFTAR GRAFIK", "IKHTISAR EKSEKUTIF")
    assert len(tables) >= 20 and len(charts) >= 3
    for kind, entries in (("Tabel", tables), ("Grafik", charts)):
        labels = [t.split(" ", 2)[:2] for t, _ in entries]
        assert all(label[0] == kind for label in labels)
        wrong = [(t, p) for t, p in entries if " ".join(t.split(" ", 2)[:2]) + " " not in texts[p - 1]]
        assert wrong == []


def test_pdf_bookmarks_and_metadata(pdf_pages):
    reader, _ = pdf_pages
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "DAFTAR ISI" in titles and any(t.startswith("BAB III") for t in titles)
    meta = reader.metadata
    assert meta.title == ("Laporan Kinerja Instansi Pemerintah (LKjIP) Dinas Tenaga Kerja dan "
                          "Perindustrian Kota Payakumbuh Tahun 2024")
    assert meta.author == "Dinas Tenaga Kerja dan Perindustrian Kota Payakumbuh"
    assert meta.subject and reader.trailer["/Root"]["/Lang"] == "id"


# --- the official copy in all three formats ---------------------------------------------------------


def test_official_copy_has_no_audit_no_path_and_no_developer_words(official, pdf_pages, word):
    page = official.html.read_text(encoding="utf-8")
    texts = {"html": _visible(page), "pdf": " ".join(pdf_pages[1]), "docx": _docx_text(word)}
    for name, text in texts.items():
        assert "Audit Data" not in text and "SALINAN KERJA" not in text, name
        assert "disusun otomatis" not in text, name
        assert "data/payakumbuh" not in text and str(ROOT) not in text, name
        assert leaks(text) == [], (name, leaks(text)[:5])
    assert 'id="chapter-audit"' not in page
    cover = re.search(r'<section class="cover">(.*?)</section>', page, re.DOTALL).group(1)
    assert "/" not in _visible(cover)
    assert "Kolofon" in texts["html"] and "Sidik data masukan (SHA-256)" in texts["html"]


def test_working_copy_keeps_the_audit_appendix_and_says_so(working):
    page = _visible(working.html.read_text(encoding="utf-8"))
    assert "LAMPIRAN AUDIT DATA" in page.upper() and "SALINAN KERJA" in page
    assert "Kata pengantar ini disusun otomatis" in page  # generated: marked for review
    word = _docx_text(Document(str(working.docx)))
    assert "SALINAN KERJA" in word and "Rp 1.137.154.750" in word and "Data masukan: data/payakumbuh" in word


# --- the Word document ----------------------------------------------------------------------------


def test_docx_headings_are_the_pages_headings(official, word):
    page = official.html.read_text(encoding="utf-8")
    body = page.split('<section class="chapter"', 1)[1]
    html_h = [(int(lvl), _visible(text)) for lvl, text in re.findall(r"<h([1-3])[^>]*>(.*?)</h\1>", body, re.DOTALL)]
    html_h = [h for h in html_h if h[1] != "Kolofon"]
    docx_h = [(int(p.style.name[-1]), p.text) for p in word.paragraphs
              if p.style.name in ("Heading 1", "Heading 2", "Heading 3")]
    assert docx_h[0] == (1, "KATA PENGANTAR")
    assert docx_h[1:] == html_h


def test_docx_tables_have_header_rows_and_the_pages_captions(official, word):
    page = official.html.read_text(encoding="utf-8")
    html_captions = [_visible(c) for c in re.findall(r'<figure class="sakip-tabel"[^>]*><figcaption>(.*?)</figcaption>',
                                                     page, re.DOTALL)]
    captions = [p.text for p in word.paragraphs if p.style.name == "Keterangan Tabel"]
    assert captions == html_captions and len(captions) >= 20
    with_header = [t for t in word.tables if t.rows and t.rows[0]._tr.trPr is not None
                   and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(with_header) >= len(captions)
    chart_alts = [d.get("descr") for d in word.element.body.iter(qn("wp:docPr"))]
    assert len([a for a in chart_alts if a]) >= 5


_NUMBER = re.compile(r"\d[\d.]*(?:,\d+)?%?")


def test_docx_numbers_are_the_pages_numbers(official, word):
    page = official.html.read_text(encoding="utf-8")
    body = page.split('<section class="chapter"', 1)[1].split('<section class="colophon"', 1)[0]
    front = page.split('<section class="cover">', 1)[1].split('<nav class="front', 1)[0]
    html_numbers = Counter(_NUMBER.findall(_visible(front + body)))
    units = []
    for paragraph in word.paragraphs:
        if paragraph.text == "KOLOFON":
            break
        if not paragraph.style.name.startswith("toc") and paragraph.style.name != "Judul Daftar":
            units.append(re.sub(r"^\d+\.\t", "", paragraph.text))  # a numbered item's number is the <ol>'s
    for table in word.tables:  # each cell once (python-docx repeats a merged cell per grid column)
        units += ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in table._tbl.iter(qn("w:tc"))]
    docx_numbers = Counter(_NUMBER.findall(" ".join(units)))
    missing = html_numbers - docx_numbers
    extra = docx_numbers - html_numbers
    assert not missing and not extra, (list(missing.items())[:10], list(extra.items())[:10])


@pytest.mark.parametrize("figure", ["101,47%", "89,70%", "Rp 6.643.861.122", "Rp 5.959.374.081",
                                    "74.085 / 77.876 × 100% = 95,13%"])
def test_docx_key_figures(word, figure):
    assert figure in _docx_text(word)


def test_docx_signature_blocks_with_the_full_date(word):
    signature = [p.text for p in word.paragraphs if p.style.name == "Tanda Tangan"]
    assert signature.count("Payakumbuh, 20 Januari 2025") == 2  # Kata Pengantar and BAB IV
    assert "YUNIDA FATWA, S.Sos, M.Si" in signature and "NIP. 19670601 198809 2 001" in signature


def test_libreoffice_converts_the_docx(official, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice Writer missing (make office-deps installs libreoffice-writer-nogui)")
    from pypdf import PdfReader

    profile = tmp_path / "profile"
    run = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(official.docx)],
                         capture_output=True, text=True, timeout=300)
    converted = tmp_path / official.docx.with_suffix(".pdf").name
    assert run.returncode == 0 and converted.exists(), run.stderr
    reader = PdfReader(str(converted))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 30 and "101,47%" in text and "Payakumbuh, 20 Januari 2025" in text


# --- synthetic data, the pengukuran report, the comparison and the summary --------------------------


def test_report_from_generated_data_carries_the_banner(tmp_path):
    from sakip.report.params import ReportParams

    params = ReportParams(agency_id="sintetis-dinsos", year=2024,
                          data_path="data/generated/kabupaten-sintetis/sintetis-dinsos")
    result = render_report(params, output_root=tmp_path, only=["bab4"], workers=1, docx=True)
    page = result.html.read_text(encoding="utf-8")
    assert 'class="banner banner-sintetis"' in page and "DATA SINTETIS" in _visible(page)
    assert "DATA SINTETIS" in _docx_text(Document(str(result.docx)))


def _check_pdf(path: Path, figures: tuple[str, ...]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) >= 3 and "Halaman" not in texts[0]
    assert all(f"Halaman {n} dari {len(texts)}" in t for n, t in enumerate(texts[1:], start=2))
    joined = re.sub(r"\s+", " ", " ".join(texts))
    for figure in figures:
        assert figure in joined, figure


def test_pengukuran_report_as_pdf_and_docx(tmp_path):
    _weasyprint_or_skip()
    params = resolve_params("lampung-barat-disnakerperin", 2025, "pengukuran")
    result = render_report(params, output_root=tmp_path, pdf=True, docx=True)
    _check_pdf(result.pdf, ("2.082.007.618", "88,02%"))
    word = Document(str(result.docx))
    assert "2.082.007.618" in _docx_text(word)
    assert any(p.style.name == "Heading 1" for p in word.paragraphs)


@pytest.fixture(scope="module")
def store_reports(tmp_path_factory):
    _weasyprint_or_skip()
    from sakip.report.render import render_store_report
    from sakip.store.database import ingest

    tmp = tmp_path_factory.mktemp("store")
    db = tmp / "sakip.duckdb"
    ingest(ROOT / "data", db)
    kwargs = dict(db_path=db, year=2024, pemda_id="kabupaten-sintetis", output_root=tmp / "out",
                  pdf=True, docx=True)
    return (render_store_report("summary", **kwargs), render_store_report("compare", **kwargs))


@pytest.mark.parametrize("which, figures", [(0, ("Rp 360.869.545.800", "89,14%")), (1, ("89,74%",))])
def test_store_reports_as_pdf_and_docx(store_reports, which, figures):
    result = store_reports[which]
    assert result.pdf.parent == result.html.parent == result.docx.parent
    _check_pdf(result.pdf, figures)
    word = _docx_text(Document(str(result.docx)))
    assert all(f in word for f in figures) and "DATA SINTETIS" in word
    assert str(ROOT) not in result.html.read_text(encoding="utf-8")  # no path of this machine
