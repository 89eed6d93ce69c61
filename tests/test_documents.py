"""The Word document and the PDF built from blocks, the official and working copies, the cover's
logo and the colophon (docs/DOCUMENTS.md). Fast: elements made here, no notebook runs."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from sakip.components.elements import (
    BulletList,
    Callout,
    Chart,
    Column,
    Figure,
    Heading,
    KpiCards,
    Narrative,
    Paragraphs,
    Signature,
    Table,
    badge,
)
from sakip.report.assemble import Block, number_chapter
from sakip.report.chapters import Chapter
from sakip.report.copies import for_copy, leaks
from sakip.report.docinfo import (
    DocumentInfo,
    chapters_for_copy,
    is_synthetic,
    read_logo,
    shown_source,
)
from sakip.report.docx import build_docx, reference_document, write_docx
from support import ROOT

PROVENANCE = {"version": "0.2.0", "input_hash": "ab" * 32, "source": "data/contoh",
              "generated_at": "1 Desember 2025 pukul 10.00 UTC"}


def _png() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 2))
    ax.bar(["2023", "2024"], [95.16, 95.13])
    return Chart.from_figure(fig, "x").png


def _block(element) -> Block:
    bundle = element._repr_mimebundle_()
    data = dict(bundle["application/vnd.sakip.element+json"])
    return Block(data["kind"], bundle["text/html"], data)


def _md(source: str) -> Block:
    return Block("markdown", "", {"markdown": source})


def _heading(text: str, level: int) -> Block:
    return Block("heading", "", {"level": level, "text": text})


def _chapter(chapter_id: str, prefix: str, blocks, front: bool = False):
    return number_chapter(Chapter(chapter_id, prefix, f"{chapter_id}.ipynb", front=front), blocks)


TABLE = Table(
    "Capaian Indikator Kinerja Utama Tahun 2024",
    (Column("Indikator"), Column("Target", "right"), Column("Realisasi", "right"),
     Column("Capaian", "right"), Column("Kriteria", "center")),
    (("Persentase Penyerapan Tenaga Kerja", "93,75%", "95,13%", "101,47%", badge("Sangat Baik", "#1a9850")),
     ("Persentase Peningkatan Nilai Produksi", "3,25%", "6%", "184,62%", badge("Sangat Baik", "#1a9850")),
     ("Jumlah", "", "", "", "")),
    header_groups=(("Indikator", 1), ("Tahun 2024", 4)), row_classes=("", "", "total"),
    note="Capaian = realisasi / target × 100%.", source="Perjanjian Kinerja 2024",
)


@pytest.fixture(scope="module")
def chapters():
    png = _png()
    front = _chapter("kata-pengantar", "KP", [
        _heading("KATA PENGANTAR", 1),
        _block(Callout("Kata pengantar ini disusun otomatis.", "review")),
        _block(Paragraphs("Puji syukur kami panjatkan.")),
    ], front=True)
    bab3 = _chapter("bab3", "3", [
        _heading("BAB III AKUNTABILITAS KINERJA", 1),
        _md("Bab ini menyajikan **capaian kinerja**.\n\nPresentation only: figures from `sakip.analysis`."),
        _heading("Capaian Kinerja Organisasi", 2),
        _block(Paragraphs("Rata-rata capaian 128,70%.", "Serapan anggaran 89,70%.")),
        _block(TABLE),
        _block(Heading("Sasaran 1: Meningkatnya Serapan Tenaga Kerja", 3)),
        _block(Chart(title="Perkembangan Capaian 2022-2024", png=png,
                     alt="Capaian 2023 95,16%, 2024 95,13%", source="BPS")),
        _block(KpiCards((("128,70%", "Rata-rata capaian"), ("89,70%", "Serapan anggaran")))),
        _block(BulletList(("Pelatihan kerja", "Pameran produk"))),
        _block(BulletList(("Pertama", "Kedua"), ordered=True)),
        _block(Narrative("Analis menulis:\n\n- butir *satu*\n- butir **dua**\n\n| A | B |\n|---|--:|\n| x | 1,5 |")),
        _block(Callout("Realisasi 2024 belum lengkap.", "warning")),
        _block(Figure("Cascading Kinerja", "<div>bagan</div>", "Kepala Dinas\nSekretaris")),
        Block("html", '<p>Tabel milik pemda:</p><table><thead><tr><th>Unit</th><th>Nilai</th></tr></thead>'
                      '<tbody><tr><td>UPTD</td><td>74.085</td></tr></tbody></table>', {}),
        _heading("Penutup", 2),
        _block(Signature("Payakumbuh, 20 Januari 2025", "Kepala Dinas", "YUNIDA FATWA, S.Sos, M.Si",
                         "Pembina Utama Muda", "19670601 198809 2 001")),
    ])
    audit = _chapter("audit", "A", [_heading("Lampiran Audit Data", 1),
                                    _block(Paragraphs("Temuan: data/contoh/budget.csv baris 4."))])
    return [front, bab3, audit]


def _info(copy: str = "resmi", **kw) -> DocumentInfo:
    return DocumentInfo("Laporan Kinerja Instansi Pemerintah (LKjIP)", "Dinas Tenaga Kerja dan Perindustrian",
                        "Kota Payakumbuh", 2024, PROVENANCE, copy=copy,
                        extra={"created": "2025-12-01T10:00:00+00:00"}, **kw)


@pytest.fixture(scope="module")
def document(chapters, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "laporan.docx"
    write_docx(for_copy(chapters, "resmi"), _info(), path)
    return Document(str(path))


def _body_text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _all_text(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return _body_text(doc) + "\n" + "\n".join(cells)


# --- copies ---------------------------------------------------------------------------------


def test_official_copy_drops_audit_review_notes_and_developer_notes(chapters):
    official = for_copy(chapters, "resmi")
    assert [c.chapter.id for c in official] == ["kata-pengantar", "bab3"]
    kinds = [b.kind for c in official for b in c.blocks]
    assert "callout" in kinds  # the warning stays
    assert not any(b.data.get("tone") == "review" for c in official for b in c.blocks)
    prose = [b.data["markdown"] for b in official[1].blocks if b.kind == "markdown"]
    assert prose == ["Bab ini menyajikan **capaian kinerja**."]
    working = for_copy(chapters, "kerja")
    assert [c.chapter.id for c in working] == ["kata-pengantar", "bab3", "audit"]
    assert chapters[1].blocks[1].data["markdown"].endswith("`sakip.analysis`.")  # input unchanged


@pytest.mark.parametrize("text, official", [
    ("Standar nasional berbeda (95,09%). Lihat lampiran Audit Data.", "Standar nasional berbeda (95,09%)."),
    ("Angka seperti tertulis dalam dokumen PK; selisih terhadap tabel anggaran dicatat di Audit Data.",
     "Angka seperti tertulis dalam dokumen PK."),
    ("Efisiensi = 100 − % serapan (lihat docs/FORMULAS.md).", "Efisiensi = 100 − % serapan."),
    ("Sumber: sakip audit atas masukan yang tersimpan (docs/AUDIT.md)", "Sumber: sakip audit atas masukan yang tersimpan"),
    ("Capaian 101,47%.", "Capaian 101,47%."),
])
def test_official_copy_drops_pointers_to_what_it_does_not_carry(text, official):
    chapter = _chapter("bab3", "3", [_block(Paragraphs(text)), _block(Table(
        "Uji", (Column("A"),), (("x",),), note=text))])
    shown = for_copy([chapter], "resmi")[0]
    assert shown.blocks[0].data["texts"] == [official]
    assert shown.blocks[1].data["note"] == official
    assert f"<p>{official}</p>" in shown.blocks[0].html
    assert for_copy([chapter], "kerja")[0].blocks[0].data["texts"] == [text]


def test_official_copy_does_not_execute_the_audit_chapter():
    from sakip.report.chapters import LKJIP

    assert "audit" not in [c.id for c in chapters_for_copy(LKJIP, "resmi")]
    assert "audit" in [c.id for c in chapters_for_copy(LKJIP, "kerja")]
    with pytest.raises(ValueError, match="salinan .* tidak dikenal"):
        chapters_for_copy(LKJIP, "draft")


@pytest.mark.parametrize("text, kind", [
    ("lihat docs/FORMULAS.md", "file path"), ("berkas data/x/budget.csv baris 4", "file path"),
    ("di /work/main/output", "absolute path"), ("kolom realisasi_source", "developer name"),
    ("modul sakip.analysis", "developer name"), ("nilai None", "English"),
])
def test_leaks_are_found(text, kind):
    assert kind in [k for k, _ in leaks(text)]


def test_leaks_leave_report_text_alone():
    assert leaks("Capaian 101,47% (Sangat Baik) pada Tahun 2024; Kabupaten/Kota; S1/D4; 3f/pf") == []


def test_colophon_in_indonesian_names_the_source_only_in_the_working_copy():
    official = dict(_info("resmi").colophon())
    working = dict(_info("kerja").colophon())
    assert official["Dibuat dengan"] == "perangkat lunak sakip versi 0.2.0"
    assert official["Sidik data masukan (SHA-256)"] == "ab" * 32
    assert "Data masukan" not in official and working["Data masukan"] == "data/contoh"
    assert shown_source(str(ROOT / "data" / "x")) == "data/x"
    assert shown_source("/elsewhere/store.duckdb") == "store.duckdb"


def test_logo_is_read_from_the_agency_folder(tmp_path):
    (tmp_path / "lambang.png").write_bytes(_png())
    logo = read_logo("lambang.png", tmp_path)
    assert logo is not None and logo.mime == "image/png" and logo.data_uri().startswith("data:image/png;base64,")
    assert read_logo(None, tmp_path) is None
    with pytest.raises(ValueError, match="tidak ditemukan"):
        read_logo("tidak-ada.png", tmp_path)
    with pytest.raises(ValueError, match="di dalam"):
        read_logo("../lambang.png", tmp_path / "sub")
    with pytest.raises(ValueError, match=".png atau .jpg"):
        read_logo("lambang.gif", tmp_path)


def test_generated_data_is_synthetic():
    assert is_synthetic(None, ROOT / "data" / "generated" / "kabupaten-sintetis" / "sintetis-dinsos")
    assert not is_synthetic(None, ROOT / "data" / "payakumbuh-disnakerperin")

    class Profile:
        synthetic = True

    assert is_synthetic(Profile(), ROOT / "data" / "payakumbuh-disnakerperin")


# --- the Word document ------------------------------------------------------------------------


def test_headings_use_words_heading_styles_in_order(document):
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "KATA PENGANTAR") in headings
    assert ("Heading 1", "BAB III AKUNTABILITAS KINERJA") in headings
    assert ("Heading 2", "3.1 Capaian Kinerja Organisasi") in headings
    assert ("Heading 3", "3.1.1 Sasaran 1: Meningkatnya Serapan Tenaga Kerja") in headings
    levels = [int(name.split()[-1]) for name, _ in headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    chapter = next(p for p in document.paragraphs
                   if p.text == "BAB III AKUNTABILITAS KINERJA" and p.style.name == "Heading 1")
    assert chapter.paragraph_format.page_break_before


def test_tables_have_repeated_header_rows_captions_and_the_same_figures(document):
    table = next(t for t in document.tables if "101,47%" in [c.text for c in t.rows[2].cells])
    header_rows = [r for r in table.rows if r._tr.trPr is not None
                   and r._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(header_rows) == 2  # the column groups and the columns
    assert [c.text for c in table.rows[1].cells] == ["Indikator", "Target", "Realisasi", "Capaian", "Kriteria"]
    assert [c.text for c in table.rows[2].cells] == ["Persentase Penyerapan Tenaga Kerja", "93,75%", "95,13%",
                                                    "101,47%", "Sangat Baik"]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    badge_run = table.rows[2].cells[4].paragraphs[0].runs[0]
    assert badge_run._r.rPr.find(qn("w:shd")).get(qn("w:fill")) == "1A9850"  # colour and words
    captions = [p.text for p in document.paragraphs if p.style.name == "Keterangan Tabel"]
    assert "Tabel 3.1 Capaian Indikator Kinerja Utama Tahun 2024" in captions
    text = _body_text(document)
    assert "Sumber: Perjanjian Kinerja 2024" in text and "Capaian = realisasi / target × 100%." in text


def test_chart_is_a_picture_with_its_alt_text(document):
    descriptions = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]
    assert "Capaian 2023 95,16%, 2024 95,13%" in descriptions
    captions = [p.text for p in document.paragraphs if p.style.name == "Keterangan Grafik"]
    assert captions[:2] == ["Grafik 3.1 Perkembangan Capaian 2022-2024", "Grafik 3.2 Cascading Kinerja"]


def test_elements_of_every_kind_are_written(document):
    text = _all_text(document)
    for expected in ("Puji syukur kami panjatkan.", "Rata-rata capaian 128,70%.", "Serapan anggaran 89,70%.",
                     "Pelatihan kerja", "1.\tPertama", "2.\tKedua", "butir satu", "Realisasi 2024 belum lengkap.",
                     "Kepala Dinas", "Sekretaris", "Tabel milik pemda:", "74.085", "128,70%",
                     "Rata-rata capaian"):
        assert expected in text, expected
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "capaian kinerja" in bold and "dua" in bold
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)
    assert any([c.text for c in row.cells] == ["x", "1,5"] for t in document.tables for row in t.rows)


def test_official_copy_leaves_out_the_review_note_and_the_audit(document):
    text = _all_text(document)
    assert "disusun otomatis" not in text and "Audit Data" not in text and "sakip.analysis" not in text


def test_signature_block(document):
    paragraphs = [p.text for p in document.paragraphs if p.style.name == "Tanda Tangan"]
    assert paragraphs[0] == "Payakumbuh, 20 Januari 2025"
    assert "YUNIDA FATWA, S.Sos, M.Si" in paragraphs and "NIP. 19670601 198809 2 001" in paragraphs
    name = next(p for p in document.paragraphs if p.text == "YUNIDA FATWA, S.Sos, M.Si")
    assert name.runs[0].bold and name.runs[0].underline


def _instructions(part) -> str:
    return " ".join(t.text for t in part.iter(qn("w:instrText")))


def test_fields_page_numbers_and_lists(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer  # the cover has no header or footer
    footer = section.footer._element
    assert "PAGE" in _instructions(footer) and "NUMPAGES" in _instructions(footer)
    assert "Halaman" in "".join(footer.itertext())
    assert "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2024" in section.header.paragraphs[0].text
    body = _instructions(document.element.body)
    assert 'TOC \\o "1-3"' in body and "TOC \\h \\z \\f t" in body and "TOC \\h \\z \\f g" in body
    assert 'TC "Tabel 3.1 Capaian Indikator Kinerja Utama Tahun 2024" \\f t' in body
    assert document.settings.element.find(qn("w:updateFields")) is not None
    toc = [p.text for p in document.paragraphs if p.style.name.startswith("toc")]
    assert "3.1 Capaian Kinerja Organisasi" in toc  # readable before Word updates it


def test_document_properties_and_page(document):
    props = document.core_properties
    assert props.title.startswith("Laporan Kinerja Instansi Pemerintah (LKjIP) Dinas Tenaga Kerja")
    assert props.author == "Dinas Tenaga Kerja dan Perindustrian Kota Payakumbuh"
    assert props.language == "id-ID"
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert section.left_margin.cm > section.right_margin.cm  # binding margin
    assert "KOLOFON" in _body_text(document) and "perangkat lunak sakip versi 0.2.0" in _body_text(document)


def test_working_copy_and_synthetic_data_are_marked(chapters, tmp_path):
    doc = build_docx(for_copy(chapters, "kerja"), _info("kerja", synthetic=True))
    text = _all_text(doc)
    assert "SALINAN KERJA" in text and "DATA SINTETIS" in text and "disusun otomatis" in text
    assert "Lampiran Audit Data" in text and "Data masukan: data/contoh" in text
    assert "SALINAN KERJA" in doc.sections[0].header.paragraphs[0].text


def test_logo_on_the_cover(chapters, tmp_path):
    (tmp_path / "lambang.png").write_bytes(_png())
    doc = build_docx(for_copy(chapters, "resmi"), _info(logo=read_logo("lambang.png", tmp_path)))
    descriptions = [d.get("descr") for d in doc.element.body.iter(qn("wp:docPr"))]
    assert descriptions[0] == "Lambang Kota Payakumbuh"


def test_a_pemda_reference_gives_styles_and_letterhead(chapters, tmp_path):
    reference = reference_document()
    reference.styles["Normal"].font.name = "Bookman Old Style"
    section = reference.sections[0]
    section.header.paragraphs[0].text = "PEMERINTAH KOTA PAYAKUMBUH - KOP SURAT"
    section.left_margin = section.left_margin + section.left_margin // 4
    reference.add_paragraph("isi contoh yang tidak dipakai")
    path = tmp_path / "referensi.docx"
    reference.save(str(path))
    doc = build_docx(for_copy(chapters, "resmi"), _info(), reference=path)
    assert doc.styles["Normal"].font.name == "Bookman Old Style"
    assert doc.sections[0].header.paragraphs[0].text == "PEMERINTAH KOTA PAYAKUMBUH - KOP SURAT"
    assert round(doc.sections[0].left_margin.cm, 2) == 3.75
    assert "isi contoh yang tidak dipakai" not in _body_text(doc)
    assert "Halaman" in "".join(doc.sections[0].footer._element.itertext())


def test_a_reference_without_our_styles_gets_them(chapters, tmp_path):
    bare = Document()
    path = tmp_path / "polos.docx"
    bare.save(str(path))
    doc = build_docx(for_copy(chapters, "resmi"), _info(), reference=path)
    for name in ("Keterangan Tabel", "Keterangan Grafik", "Tanda Tangan", "Catatan", "Tabel Laporan"):
        assert doc.styles[name] is not None
    buffer = io.BytesIO()
    doc.save(buffer)
    assert Document(io.BytesIO(buffer.getvalue())).paragraphs


def test_cli_writes_the_reference(tmp_path):
    from typer.testing import CliRunner

    from sakip.cli import app

    target = tmp_path / "referensi.docx"
    result = CliRunner().invoke(app, ["docx-reference", str(target)])
    assert result.exit_code == 0, result.output
    doc = Document(str(target))
    assert doc.styles["Keterangan Tabel"] and round(doc.sections[0].page_width.cm, 1) == 21.0
    again = CliRunner().invoke(app, ["docx-reference", str(target)])
    assert again.exit_code == 2


def test_unknown_copy_is_refused_by_the_cli():
    from typer.testing import CliRunner

    from sakip.cli import app

    result = CliRunner().invoke(app, ["render", "--agency", "x", "--year", "2024", "--salinan", "draft"])
    assert result.exit_code != 0 and "resmi atau kerja" in result.output


# --- the signature and the Kata Pengantar -------------------------------------------------------


@pytest.fixture(scope="module")
def context():
    from sakip.analysis.context import open_context

    return open_context("payakumbuh-disnakerperin", 2024, str(ROOT / "data" / "payakumbuh-disnakerperin"),
                        '{"tanggal_laporan": "2025-01-20"}')


def test_signature_has_the_full_indonesian_date(context):
    from dataclasses import replace

    from sakip.components import penutup

    assert penutup.signature(context).place_date == "Payakumbuh, 20 Januari 2025"
    undated = replace(context, options=replace(context.options, report_date=None))
    assert penutup.signature(undated).place_date == "Payakumbuh, .................... 2025"
    assert context.options.report_date == date(2025, 1, 20)


def test_kata_pengantar_from_the_numbers_is_marked_for_review(context):
    from sakip.components import kata_pengantar

    text = " ".join(kata_pengantar.text(context).texts)
    assert "Dinas Tenaga Kerja dan Perindustrian Kota Payakumbuh Tahun 2024" in text
    assert "dari 3 indikator kinerja sasaran strategis, 3 indikator mencapai atau melampaui target" in text
    assert "Rp 5.959.374.081" in text and "89,70%" in text
    assert kata_pengantar.review_note(context).tone == "review"
    assert kata_pengantar.signature(context).name == "YUNIDA FATWA, S.Sos, M.Si"


def test_kata_pengantar_written_by_the_analyst_is_used_as_is(tmp_path):
    from sakip.analysis.context import open_context
    from sakip.components import kata_pengantar

    data = tmp_path / "agency"
    shutil.copytree(ROOT / "data" / "payakumbuh-disnakerperin", data)
    (data / "narrative" / "kata_pengantar.md").write_text(
        "---\nsection: kata_pengantar\n---\nDengan memanjatkan puji syukur, kami sampaikan laporan ini.\n",
        encoding="utf-8")
    ctx = open_context("payakumbuh-disnakerperin", 2024, str(data), "{}")
    assert kata_pengantar.text(ctx).markdown.startswith("Dengan memanjatkan puji syukur")
    assert kata_pengantar.review_note(ctx) is None


# --- the PDF (WeasyPrint; skipped without it) ---------------------------------------------------


def _weasyprint_or_skip():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint or Debian's pango missing (make setup): {exc}")


def test_pdf_pages_footer_contents_and_metadata(chapters, tmp_path):
    _weasyprint_or_skip()
    from pypdf import PdfReader

    from sakip.report.pdf import write_pdf

    result = write_pdf(for_copy(chapters, "resmi"), _info(), tmp_path / "laporan.pdf")
    reader = PdfReader(str(result.path))
    assert result.pages == len(reader.pages) >= 6
    texts = [page.extract_text() for page in reader.pages]
    assert "Halaman" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Halaman {number} dari {len(texts)}" in text
    for page in reader.pages:
        assert {round(float(page.mediabox.width)), round(float(page.mediabox.height))} == {595, 842}
    toc = texts[2]
    match = re.search(r"3\.1 Capaian Kinerja Organisasi[ .]*?(\d+)\s", toc)
    assert match, toc
    assert "3.1 Capaian Kinerja Organisasi" in texts[int(match.group(1)) - 1]
    meta = reader.metadata
    assert meta.title.startswith("Laporan Kinerja Instansi Pemerintah (LKjIP)")
    assert meta.author == "Dinas Tenaga Kerja dan Perindustrian Kota Payakumbuh"
    assert reader.trailer["/Root"]["/Lang"] == "id"
    assert [o.title for o in reader.outline if not isinstance(o, list)][:3] == [
        "Sampul", "KATA PENGANTAR", "DAFTAR ISI"]


def test_headings_are_shown_in_order():
    chapter = _chapter("ikhtisar", "IE", [_heading("IKHTISAR EKSEKUTIF", 1), _heading("Hal yang membaik", 3),
                                          _heading("Rincian", 4), _heading("Lain", 2)])
    levels = [b.data["level"] for b in chapter.blocks]
    assert levels == [1, 2, 3, 2]
    assert chapter.blocks[1].html.startswith("<h2 ")
