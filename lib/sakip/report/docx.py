"""The report as an editable Word document, written with python-docx from the chapters' blocks.

The document is built from the same :class:`~sakip.report.assemble.Block` list as the HTML page
(headings with their numbers, the notebooks' prose, and every element's structured JSON), never
by converting the page, so the figures are the same strings. It starts from a **reference
document**: the pemda's own (params ``docx_reference``: its styles, letterhead in the header,
margins, fonts) or the default one written by :func:`reference_document`. The reference's body is
not used; its styles, page set-up, headers and footers are.

What the document carries: headings in Word's heading styles (navigation pane, bookmarks in a
PDF export), an updatable table of contents and updatable lists of tables and charts (fields
that Word refreshes on opening), real tables with header rows repeated on every page and rows
that never split, the report's numbered captions ("Tabel 3.3 ..."), charts as pictures with
their alt text, the signature block, the running header and "Halaman X dari Y" in the footer.
Legacy HTML blocks (chapters not yet converted to elements) are written on a best-effort basis:
their headings, paragraphs, lists, tables and pictures. Why python-docx: docs/DOCUMENTS.md.
"""

from __future__ import annotations

import base64
import html as _html
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from markdown_it import MarkdownIt

from sakip.compute.kriteria import NOT_MEASURABLE
from sakip.report.assemble import RenderedChapter
from sakip.report.reproducible import stamp_ooxml

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table as TableObject
    from docx.text.paragraph import Paragraph

    from sakip.report.docinfo import DocumentInfo

# --- the default reference document -------------------------------------------------------------

#: Style names the builder uses; a reference that lacks one gets it added with the default look.
CAPTION_TABLE = "Keterangan Tabel"
CAPTION_CHART = "Keterangan Grafik"
NOTE = "Catatan"
SOURCE = "Sumber"
FORMULA = "Rumus"
SIGNATURE = "Tanda Tangan"
COVER = "Sampul"
LIST_TITLE = "Judul Daftar"
KPI_VALUE = "Angka Kunci"
TABLE_STYLE = "Tabel Laporan"
TABLE_TEXT = "Isi Tabel"

HEAD = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x5B, 0x67, 0x75)
HEAD_FILL = "1F4E79"
TOTAL_FILL = "DDE6EF"
BODY_FONT = "Arial"
LANGUAGE = "id-ID"

#: Text width of an A4 portrait page with the default margins (21 - 3 - 2 cm), and landscape.
TEXT_WIDTH_CM = 16.0
WIDE_TEXT_WIDTH_CM = 24.7
#: Tables with more columns than this go on a landscape page, as in the PDF.
WIDE_TABLE_COLUMNS = 12

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


def reference_document() -> "DocumentObject":
    """The default reference: A4, binding margin on the left, Arial, Indonesian proofing
    language, the report's heading colours, and every style the builder uses. A pemda copies it
    (``sakip docx-reference FILE``), edits styles, margins and the header in Word, and names it
    in params ``docx_reference``."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance, section.footer_distance = Cm(1.2), Cm(1.1)
    _language(doc)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(11)
    _east_asian_font(normal, BODY_FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 16), (2, 13), (3, 12), (4, 11)):
        style = styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = BODY_FONT, Pt(size), True
        style.font.italic = False
        _east_asian_font(style, BODY_FONT)
        style.font.color.rgb = HEAD
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        if level == 1:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = styles["Title"]
    title.font.name, title.font.size, title.font.bold = BODY_FONT, Pt(22), True
    title.font.color.rgb = HEAD
    _east_asian_font(title, BODY_FONT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _remove_border(title)
    caption = styles["Caption"]
    caption.font.name, caption.font.size, caption.font.bold = BODY_FONT, Pt(10), True
    caption.font.italic = False
    caption.font.color.rgb = HEAD
    ensure_styles(doc)
    return doc


def write_reference(path: Path) -> Path:
    """Write the default reference document (for a pemda to adapt)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    reference_document().save(str(path))
    return path


def _language(doc: "DocumentObject") -> None:
    """Indonesian as the proofing language of every style (docDefaults)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _east_asian_font(style: Any, name: str) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _remove_border(style: Any) -> None:
    ppr = style.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)


def _paragraph_style(doc: "DocumentObject", name: str, base: str = "Normal") -> Optional[Any]:
    """The style ``name``, added (based on ``base``) when the reference lacks it; None when it
    was already there (the reference's look is kept)."""
    try:
        doc.styles[name]
        return None
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        try:
            style.base_style = doc.styles[base]
        except KeyError:
            pass
        style.quick_style = True
        return style


def _border(element: Any, sides: Iterable[str], size: int = 4, colour: str = "C9D1DA",
            container: str = "w:pBdr") -> None:
    borders = OxmlElement(container)
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), colour)
        borders.append(edge)
    element.append(borders)


def _shade(element: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    element.append(shading)


def ensure_styles(doc: "DocumentObject") -> None:
    """Add every style the builder uses that ``doc`` lacks (a pemda's reference may have only
    some): headings with outline levels, captions, notes, table text, the table style."""
    for level in (1, 2, 3, 4):
        style = _paragraph_style(doc, f"Heading {level}")
        if style is not None:
            style.font.bold = True
            style.font.size = Pt({1: 16, 2: 13, 3: 12, 4: 11}[level])
            style.paragraph_format.keep_with_next = True
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level - 1))
            style.element.get_or_add_pPr().append(outline)
    _paragraph_style(doc, "Title")
    if _paragraph_style(doc, "Caption") is not None:
        doc.styles["Caption"].font.bold = True
    for name in (CAPTION_TABLE, CAPTION_CHART):
        style = _paragraph_style(doc, name, "Caption")
        if style is not None:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.space_before = Pt(8)
            style.paragraph_format.space_after = Pt(4)
    style = _paragraph_style(doc, NOTE)
    if style is not None:
        style.font.size = Pt(10)
        ppr = style.element.get_or_add_pPr()
        _border(ppr, ["left"], size=24, colour=HEAD_FILL)
        _shade(ppr, "EEF3F8")
        style.paragraph_format.left_indent = Cm(0.3)
    style = _paragraph_style(doc, SOURCE)
    if style is not None:
        style.font.size, style.font.color.rgb = Pt(8.5), MUTED
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(2), Pt(8)
    style = _paragraph_style(doc, FORMULA)
    if style is not None:
        style.font.name = "Courier New"
        style.font.size = Pt(10)
        style.paragraph_format.left_indent = Cm(0.5)
    style = _paragraph_style(doc, SIGNATURE)
    if style is not None:
        style.paragraph_format.left_indent = Cm(8.5)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.keep_with_next = True
    style = _paragraph_style(doc, COVER)
    if style is not None:
        style.font.bold, style.font.size = True, Pt(13)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style = _paragraph_style(doc, LIST_TITLE)
    if style is not None:
        style.font.bold, style.font.size, style.font.color.rgb = True, Pt(14), HEAD
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_after = Pt(12)
    style = _paragraph_style(doc, KPI_VALUE)
    if style is not None:
        style.font.bold, style.font.size, style.font.color.rgb = True, Pt(14), HEAD
        style.paragraph_format.space_after = Pt(0)
    style = _paragraph_style(doc, TABLE_TEXT)
    if style is not None:
        style.font.size = Pt(8.5)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
    for level in (1, 2, 3):
        style = _paragraph_style(doc, f"toc {level}")
        if style is not None:
            style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            style.paragraph_format.space_after = Pt(2)
    for name in ("List Bullet", "List Bullet 2", "Quote"):
        _paragraph_style(doc, name)
    try:
        doc.styles[TABLE_STYLE]
    except KeyError:
        table_style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        tblpr = table_style.element.find(qn("w:tblPr"))
        if tblpr is None:
            tblpr = OxmlElement("w:tblPr")
            table_style.element.append(tblpr)
        _border(tblpr, ["top", "left", "bottom", "right", "insideH", "insideV"], 4, "9AA5B1",
                container="w:tblBorders")
        margins = OxmlElement("w:tblCellMar")
        for side, width in (("left", 70), ("right", 70)):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:w"), str(width))
            edge.set(qn("w:type"), "dxa")
            margins.append(edge)
        tblpr.append(margins)


# --- fields (page numbers, table of contents) ---------------------------------------------------


def _fld_char(kind: str, dirty: bool = False) -> Any:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    return char


def _field_runs(paragraph: "Paragraph", instruction: str, shown: Optional[str] = None) -> None:
    """A simple field (PAGE, NUMPAGES, SEQ) with ``shown`` as its current result; without
    ``shown``, a field with no result (TC: an entry for a table of contents, shown nowhere)."""
    begin = paragraph.add_run()
    begin._r.append(_fld_char("begin"))
    instr = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr._r.append(text)
    if shown is not None:
        separate = paragraph.add_run()
        separate._r.append(_fld_char("separate"))
        paragraph.add_run(shown)
    end = paragraph.add_run()
    end._r.append(_fld_char("end"))


def _complex_field(doc: "DocumentObject", instruction: str, entries: Sequence[tuple[str, str]],
                   empty: str) -> None:
    """A field spanning paragraphs (TOC): its current result is ``entries`` as (style, text)
    paragraphs, so the list reads right even before Word updates it with page numbers."""
    first = doc.add_paragraph()
    begin = first.add_run()
    begin._r.append(_fld_char("begin", dirty=True))
    instr = first.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr._r.append(text)
    separate = first.add_run()
    separate._r.append(_fld_char("separate"))
    last = first
    rows = list(entries) or [("Normal", empty)]
    for i, (style, entry) in enumerate(rows):
        paragraph = first if i == 0 else doc.add_paragraph()
        paragraph.style = doc.styles[style]
        paragraph.add_run(entry)
        last = paragraph
    end = last.add_run()
    end._r.append(_fld_char("end"))


def _update_fields_on_open(doc: "DocumentObject") -> None:
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


# --- tables -----------------------------------------------------------------------------------


@dataclass
class CellSpec:
    text: str
    span: int = 1
    fill: Optional[str] = None  # "1a9850": a kriteria badge's colour
    bold: bool = False


@dataclass
class TableSpec:
    header: list[list[CellSpec]] = field(default_factory=list)
    body: list[list[CellSpec]] = field(default_factory=list)
    row_kinds: list[str] = field(default_factory=list)  # per body row: "", "total", "level-program" ...
    aligns: list[str] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return max((sum(c.span for c in row) for row in self.header + self.body), default=0)


def _ink_on(fill: str) -> RGBColor:
    r, g, b = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    return RGBColor(0x11, 0x11, 0x11) if 0.299 * r + 0.587 * g + 0.114 * b > 150 else RGBColor(0xFF, 0xFF, 0xFF)


_ALIGN = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "left": WD_ALIGN_PARAGRAPH.LEFT}


#: Width of one character of table text (8,5 pt) and a cell's side padding, in cm.
_CHAR_CM, _PAD_CM = 0.17, 0.4


def _column_widths(spec: TableSpec, total_cm: float) -> list[float]:
    """Column widths from what each column holds, so that Word, LibreOffice and Google Docs lay
    the table out alike (their autofit differs): first what may never break (the longest word,
    a figure, a badge), then the rest of the width to the columns with longer text."""
    n = spec.columns
    minimum = [3 * _CHAR_CM + _PAD_CM] * n
    wanted = [0.0] * n
    for is_header, rows in ((True, spec.header), (False, spec.body)):
        for row in rows:
            col = 0
            for cell in row:
                if cell.span == 1 and col < n:
                    align = spec.aligns[col] if col < len(spec.aligns) else "left"
                    words = [len(w) for w in cell.text.split()] or [0]
                    unbroken = len(cell.text) if (cell.fill or (align != "left" and not is_header
                                                                and len(cell.text) <= 20)) else max(words)
                    factor = 1.15 if is_header or cell.fill else 1.0  # bold text is wider
                    minimum[col] = max(minimum[col], min(unbroken, 24) * _CHAR_CM * factor + _PAD_CM)
                    if not is_header:
                        wanted[col] = max(wanted[col], min(len(cell.text), 120) * _CHAR_CM + _PAD_CM)
                col += cell.span
    floor = sum(minimum)
    if floor >= total_cm:
        return [m * total_cm / floor for m in minimum]
    extra = total_cm - floor
    more = [max(w - m, 0.0) for w, m in zip(wanted, minimum)]
    if sum(more) <= extra:  # everything fits on one line: share what is left by size
        spare = extra - sum(more)
        return [m + x + spare * m / floor for m, x in zip(minimum, more)]
    return [m + extra * x / sum(more) for m, x in zip(minimum, more)]


def _set_cell_width(cell: Any, width_cm: float) -> None:
    cell.width = Cm(width_cm)


def _mark_row(row: Any, header: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    trpr.append(cant_split)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        trpr.append(repeat)


def _write_cell(cell: Any, spec: CellSpec, align: str, *, header: bool, row_kind: str,
                style: Any) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if header else _ALIGN.get(align, WD_ALIGN_PARAGRAPH.LEFT)
    for i, line in enumerate(spec.text.split("\n")):
        if i:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.bold = header or spec.bold or row_kind in ("total", "level-program") or spec.fill is not None
        if header:
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        elif spec.fill:  # a kriteria badge: the words on their colour, as on the page
            run.font.color.rgb = _ink_on(spec.fill)
            _shade(run._r.get_or_add_rPr(), spec.fill)
    fill = HEAD_FILL if header else TOTAL_FILL if row_kind == "total" else None
    if fill:
        _shade(cell._tc.get_or_add_tcPr(), fill)


def add_table(doc: "DocumentObject", spec: TableSpec, width_cm: float = TEXT_WIDTH_CM) -> Optional["TableObject"]:
    """A real Word table: header rows repeated on every page, rows that never split, numbers
    aligned as on the page, kriteria badges as coloured cells that keep their words."""
    n = spec.columns
    if n == 0:
        return None
    table = doc.add_table(rows=0, cols=n)
    try:
        table.style = doc.styles[TABLE_STYLE]
    except KeyError:
        pass
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(spec, width_cm)
    for column, width in zip(table.columns, widths):  # the grid: LibreOffice lays out from it
        column.width = Cm(width)
    text_style = doc.styles[TABLE_TEXT]
    for kind, rows in (("header", spec.header), ("body", spec.body)):
        for r, cells in enumerate(rows):
            row = table.add_row()
            _mark_row(row, header=kind == "header")
            row_cells = row.cells
            for i, width in enumerate(widths):
                _set_cell_width(row_cells[i], width)
            col = 0
            row_kind = spec.row_kinds[r] if kind == "body" and r < len(spec.row_kinds) else ""
            for cell_spec in cells:
                if col >= n:
                    break
                cell = row_cells[col]
                span = min(cell_spec.span, n - col)
                if span > 1:
                    cell = cell.merge(row_cells[col + span - 1])
                align = spec.aligns[col] if col < len(spec.aligns) else "left"
                _write_cell(cell, cell_spec, align, header=kind == "header", row_kind=row_kind,
                            style=text_style)
                col += span
            for rest in range(col, n):
                row_cells[rest].paragraphs[0].style = text_style
    return table


def element_table(data: dict) -> TableSpec:
    """The TableSpec of a ``table`` element's JSON."""
    columns = data.get("columns") or []
    spec = TableSpec(aligns=[c.get("align", "left") for c in columns])
    if data.get("header_groups"):
        spec.header.append([CellSpec(str(title), int(span)) for title, span in data["header_groups"]])
    spec.header.append([CellSpec(str(c.get("header", ""))) for c in columns])
    for row in data.get("rows") or []:
        spec.body.append([_cell_spec(cell) for cell in row])
    spec.row_kinds = [str(k or "") for k in (data.get("row_classes") or [])]
    return spec


def _cell_spec(cell: Any) -> CellSpec:
    if isinstance(cell, dict):
        if "badge" in cell:
            colour = str(cell.get("colour") or "#9e9e9e").lstrip("#")
            colour = colour if re.fullmatch(r"[0-9a-fA-F]{6}", colour) else "9E9E9E"
            return CellSpec(str(cell.get("badge") or NOT_MEASURABLE), fill=colour.upper())
        fragment = str(cell.get("html") or "")
        if fragment:
            return CellSpec(_html_text(fragment))
        return CellSpec(str(cell.get("text") or ""))
    return CellSpec("" if cell is None else str(cell))


def _html_text(fragment: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", fragment)
    text = re.sub(r"</(p|li|div)>", "\n", text)
    return _html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


# --- the builder --------------------------------------------------------------------------------


class _Builder:
    def __init__(self, doc: "DocumentObject", info: "DocumentInfo") -> None:
        self.doc = doc
        self.info = info
        self.styles = doc.styles

    # paragraphs
    def para(self, text: str = "", style: Optional[str] = None, *, align: Any = None,
             bold: bool = False) -> "Paragraph":
        paragraph = self.doc.add_paragraph(style=self.styles[style] if style else None)
        if text:
            paragraph.add_run(text).bold = bold or None
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def heading(self, text: str, level: int, *, page_break: bool = False) -> None:
        level = max(1, min(level, 4))
        paragraph = self.doc.add_paragraph(style=self.styles[f"Heading {level}"])
        paragraph.add_run(text)
        if page_break:
            paragraph.paragraph_format.page_break_before = True

    def caption(self, label: str, title: str, kind: str) -> None:
        """"Tabel 3.3 Judul" in the caption style of its kind, with a TC field (an invisible
        entry) that the daftar tabel / daftar grafik field collects (TOC \\f t, \\f g). The
        report's own numbering is kept: Word's SEQ numbering knows no "Tabel IE.1" or "L.2"."""
        style = CAPTION_TABLE if kind == "tabel" else CAPTION_CHART
        paragraph = self.doc.add_paragraph(style=self.styles[style])
        paragraph.add_run(label).bold = True
        if title:
            paragraph.add_run(f" {title}")
        entry = f"{label} {title}".strip().replace('"', "\u201d")
        _field_runs(paragraph, f'TC "{entry}" \\f {"t" if kind == "tabel" else "g"} \\l 1')

    def source(self, text: Optional[str], prefix: str = "") -> None:
        if text:
            self.para(f"{prefix}{text}", SOURCE)

    def picture(self, png: bytes, alt: str, max_width_cm: float = TEXT_WIDTH_CM) -> None:
        try:
            image = Image.from_blob(png)
        except Exception:  # noqa: BLE001 - an unreadable picture is left out, its text stays
            return
        dpi = image.horz_dpi or 96
        natural_cm = image.px_width / (dpi if dpi > 1 else 96) * 2.54
        width = Cm(min(max_width_cm, natural_cm))
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(png), width=width)
        for props in run._r.iter(qn("wp:docPr")):
            props.set("descr", alt)
            props.set("title", alt[:250])

    def table(self, spec: TableSpec) -> None:
        wide = spec.columns > WIDE_TABLE_COLUMNS
        if wide:
            self.landscape(True)
        add_table(self.doc, spec, WIDE_TEXT_WIDTH_CM if wide else TEXT_WIDTH_CM)
        if wide:
            self.landscape(False)
        # an empty paragraph keeps two consecutive tables from merging into one
        self.doc.add_paragraph(style=self.styles[SOURCE])

    def landscape(self, on: bool) -> None:
        """A section break to a landscape page (or back); headers, footers and page numbering
        continue from the previous section."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        width, height = section.page_width, section.page_height
        if on != (width > height):
            section.page_width, section.page_height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if on else WD_ORIENT.PORTRAIT

    def kpi(self, cards: Sequence[Sequence[str]]) -> None:
        if not cards:
            return
        table = self.doc.add_table(rows=1, cols=len(cards))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, card in zip(table.rows[0].cells, cards):
            value, label = (list(card) + ["", ""])[:2]
            first = cell.paragraphs[0]
            first.style = self.styles[KPI_VALUE]
            first.add_run(str(value))
            cell.add_paragraph(str(label), style=self.styles[TABLE_TEXT])
            tcpr = cell._tc.get_or_add_tcPr()
            _border(tcpr, ["top", "left", "bottom", "right"], 4, "C9D1DA", container="w:tcBorders")
        self.doc.add_paragraph(style=self.styles[SOURCE])

    def signature(self, data: dict) -> None:
        lines = [data.get("place_date", ""), data.get("position", "")]
        first = True
        for line in lines:
            paragraph = self.para(str(line), SIGNATURE)
            if first:
                paragraph.paragraph_format.space_before = Pt(18)
                first = False
        for _ in range(3):
            self.para("", SIGNATURE)
        name = self.para("", SIGNATURE)
        run = name.add_run(str(data.get("name", "")))
        run.bold, run.underline = True, True
        if data.get("rank"):
            self.para(str(data["rank"]), SIGNATURE)
        last = self.para(f"NIP. {data['nip']}" if data.get("nip") else "", SIGNATURE)
        last.paragraph_format.keep_with_next = False

    def callout(self, text: str) -> None:
        self.para(text, NOTE)

    def bullets(self, items: Iterable[str], ordered: bool = False, level: int = 1) -> None:
        for n, item in enumerate(items, start=1):
            self.list_item(lambda p, item=item: p.add_run(str(item)), ordered, n, level)

    def list_item(self, fill: Any, ordered: bool, number: int, level: int = 1) -> "Paragraph":
        """A list item: bullets in Word's List Bullet style; numbered items carry their number as
        text (Word's list numbering would continue across separate lists)."""
        if ordered:
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.75 * level)
            paragraph.paragraph_format.first_line_indent = Cm(-0.6)
            paragraph.add_run(f"{number}.\t")
        else:
            name = "List Bullet" if level <= 1 else "List Bullet 2"
            paragraph = self.doc.add_paragraph(style=self.styles[name])
        fill(paragraph)
        return paragraph

    # markdown
    def markdown(self, source: str) -> None:
        _MarkdownWriter(self).write(source)

    # blocks
    def block(self, block: Any) -> None:
        kind, data = block.kind, block.data
        if kind == "heading":
            level = int(data.get("level", 2))
            text = f"{data.get('number', '')} {data.get('text', '')}".strip()
            self.heading(text, level, page_break=level == 1)
        elif kind in ("markdown", "narrative"):
            self.markdown(str(data.get("markdown", "")))
        elif kind == "paragraphs":
            for text in data.get("texts", []):
                self.para(str(text))
        elif kind == "list":
            self.bullets(data.get("items", []), bool(data.get("ordered")))
        elif kind == "callout":
            self.callout(str(data.get("text", "")))
        elif kind == "kpi":
            self.kpi(data.get("cards", []))
        elif kind == "table":
            self.caption(str(data.get("label", "Tabel")), str(data.get("title", "")), "tabel")
            self.table(element_table(data))
            self.source(data.get("note"))
            self.source(data.get("source"), "Sumber: ")
        elif kind == "chart":
            self.caption(str(data.get("label", "Grafik")), str(data.get("title", "")), "grafik")
            png = base64.b64decode(data.get("png") or b"")
            self.picture(png, str(data.get("alt") or data.get("title") or ""))
            self.source(data.get("source"), "Sumber: ")
        elif kind == "figure":
            figure_kind = "tabel" if data.get("figure_kind") == "tabel" else "grafik"
            self.caption(str(data.get("label", "Grafik")), str(data.get("title", "")), figure_kind)
            for line in str(data.get("text", "")).split("\n"):
                if line.strip():
                    self.para(line.strip())
            self.source(data.get("source"), "Sumber: ")
        elif kind == "signature":
            self.signature(data)
        elif kind == "html":
            _HtmlWriter(self).write(block.html)
        # other kinds (unknown to this version) carry no text we could place safely


# --- markdown (the notebooks' prose and the analyst's narrative) --------------------------------


class _MarkdownWriter:
    def __init__(self, builder: _Builder) -> None:
        self.b = builder

    def write(self, source: str) -> None:
        tokens = _MD.parse(source or "")
        i = 0
        lists: list[list[Any]] = []  # stack of [ordered, next number]
        quote = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type in ("bullet_list_open", "ordered_list_open"):
                lists.append([token.type == "ordered_list_open", int(token.attrGet("start") or 1)])
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif token.type == "blockquote_open":
                quote += 1
            elif token.type == "blockquote_close":
                quote -= 1
            elif token.type == "heading_open":
                level = int(token.tag[1])
                self.b.heading(tokens[i + 1].content, max(2, min(level, 4)))
                i += 2
            elif token.type == "paragraph_open":
                inline = tokens[i + 1]
                if lists:
                    ordered, number = lists[-1]
                    lists[-1][1] += 1
                    self.b.list_item(lambda p, inline=inline: self.inline(p, inline.children or []),
                                     ordered, number, len(lists))
                else:
                    paragraph = self.b.para(style="Quote" if quote else None)
                    self.inline(paragraph, inline.children or [])
                i += 2
            elif token.type in ("fence", "code_block"):
                for line in token.content.rstrip("\n").split("\n"):
                    self.b.para(line, FORMULA)
            elif token.type == "table_open":
                i = self.table(tokens, i)
                continue
            i += 1

    def inline(self, paragraph: "Paragraph", children: Sequence[Any]) -> None:
        bold = italic = 0
        for child in children:
            if child.type == "strong_open":
                bold += 1
            elif child.type == "strong_close":
                bold -= 1
            elif child.type == "em_open":
                italic += 1
            elif child.type == "em_close":
                italic -= 1
            elif child.type in ("text", "code_inline"):
                run = paragraph.add_run(child.content)
                run.bold = bool(bold) or None
                run.italic = bool(italic) or None
            elif child.type == "softbreak":
                paragraph.add_run(" ")
            elif child.type == "hardbreak":
                paragraph.add_run().add_break(WD_BREAK.LINE)

    def table(self, tokens: Sequence[Any], i: int) -> int:
        spec = TableSpec()
        section = "body"
        row: list[CellSpec] = []
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "thead_open":
                section = "header"
            elif token.type == "tbody_open":
                section = "body"
            elif token.type == "tr_open":
                row = []
            elif token.type == "tr_close":
                (spec.header if section == "header" else spec.body).append(row)
            elif token.type in ("th_open", "td_open"):
                style = token.attrGet("style") or ""
                align = "right" if "right" in style else "center" if "center" in style else "left"
                if section == "header":
                    spec.aligns.append(align)
                row.append(CellSpec(tokens[i + 1].content))
            i += 1
        self.b.table(spec)
        return i + 1


# --- legacy HTML blocks (best effort) -----------------------------------------------------------

_VOID = {"br", "img", "hr", "meta", "input", "col", "wbr"}


@dataclass
class _Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append("\n")
            else:
                parts.append(child.text())
                if child.tag in ("p", "li", "div"):
                    parts.append("\n")
        return "".join(parts)

    def find(self, tag: str) -> Optional["_Node"]:
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None


class _TreeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _squash(text: str) -> str:
    return "\n".join(re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")).strip()


class _HtmlWriter:
    """Pre-built HTML of a chapter not yet converted to elements: its headings, paragraphs,
    lists, numbered tables and charts, key figures, notes and signature."""

    def __init__(self, builder: _Builder) -> None:
        self.b = builder

    def write(self, fragment: str) -> None:
        parser = _TreeParser()
        parser.feed(fragment or "")
        parser.close()
        self.children(parser.root)

    def children(self, node: _Node) -> None:
        loose: list[Any] = []
        for child in node.children:
            if isinstance(child, str) or child.tag in ("strong", "b", "em", "i", "span", "a", "code", "br"):
                loose.append(child)
                continue
            self.flush(loose)
            loose = []
            self.node(child)
        self.flush(loose)

    def flush(self, loose: list[Any]) -> None:
        if any((c if isinstance(c, str) else c.text()).strip() for c in loose):
            paragraph = self.b.para()
            self.inline(paragraph, loose)

    def inline(self, paragraph: "Paragraph", nodes: Sequence[Any], bold: bool = False,
               italic: bool = False) -> None:
        for child in nodes:
            if isinstance(child, str):
                text = re.sub(r"\s+", " ", child)
                if text:
                    run = paragraph.add_run(text)
                    run.bold = bold or None
                    run.italic = italic or None
            elif child.tag == "br":
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif child.tag == "img":
                continue
            else:
                self.inline(paragraph, child.children, bold or child.tag in ("strong", "b"),
                            italic or child.tag in ("em", "i"))

    def node(self, node: _Node) -> None:
        tag, classes = node.tag, node.classes()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.b.heading(_squash(node.text()), min(int(tag[1]), 4), page_break=tag == "h1")
        elif tag == "p":
            style = FORMULA if "formula" in classes else SOURCE if classes & {"sumber", "catatan"} else None
            paragraph = self.b.para(style=style)
            self.inline(paragraph, node.children)
        elif tag in ("ul", "ol"):
            number = 0
            for item in node.children:
                if isinstance(item, _Node) and item.tag == "li":
                    number += 1
                    self.b.list_item(lambda p, item=item: self.inline(p, item.children),
                                     tag == "ol", number)
        elif tag == "figure":
            self.figure(node)
        elif tag == "table":
            self.b.table(self.table_spec(node))
        elif tag == "img":
            self.image(node)
        elif tag == "div" and "kpi" in classes:
            cards = []
            for card in node.children:
                if isinstance(card, _Node):
                    value = card.find("strong")
                    label = card.find("span")
                    cards.append((_squash(value.text()) if value else "", _squash(label.text()) if label else ""))
            self.b.kpi(cards)
        elif tag == "div" and "callout" in classes:
            self.b.callout(_squash(node.text()))
        elif tag == "div" and "signature" in classes:
            lines = [_squash(c.text()) for c in node.children if isinstance(c, _Node)]
            for line in lines:
                paragraph = self.b.para(line, SIGNATURE)
            if lines:
                paragraph.paragraph_format.keep_with_next = False
        elif tag == "blockquote":
            self.b.para(_squash(node.text()), "Quote")
        elif tag in ("style", "script"):
            return
        else:
            self.children(node)

    def figure(self, node: _Node) -> None:
        kind = "tabel" if "sakip-tabel" in node.classes() else "grafik"
        for child in node.children:
            if not isinstance(child, _Node):
                continue
            if child.tag == "figcaption":
                label_node = child.find("span")
                label = _squash(label_node.text()) if label_node else ""
                title = _squash(child.text())
                title = title[len(label):].strip() if label and title.startswith(label) else title
                self.b.caption(label, title, kind)
            else:
                self.node(child)

    def image(self, node: _Node) -> None:
        src = node.attrs.get("src", "")
        match = re.match(r"data:image/(?:png|jpeg);base64,(.*)", src, re.DOTALL)
        if match:
            self.b.picture(base64.b64decode(match.group(1)), node.attrs.get("alt", ""))

    def table_spec(self, node: _Node) -> TableSpec:
        spec = TableSpec()
        for section in node.children:
            if not isinstance(section, _Node):
                continue
            rows = [section] if section.tag == "tr" else [r for r in section.children
                                                           if isinstance(r, _Node) and r.tag == "tr"]
            for tr in rows:
                cells = [c for c in tr.children if isinstance(c, _Node) and c.tag in ("th", "td")]
                specs = [self.cell(c) for c in cells]
                if section.tag == "thead":
                    spec.header.append(specs)
                else:
                    spec.body.append(specs)
                    spec.row_kinds.append(next((k for k in ("total", "level-program")
                                                if k in tr.classes()), ""))
                if not spec.aligns and cells and (section.tag != "thead" or tr is rows[-1]):
                    spec.aligns = []
                    for c in cells:
                        cls = c.classes()
                        align = "right" if "right" in cls else "center" if "center" in cls else "left"
                        spec.aligns += [align] * self.span(c)
        if not spec.header and spec.body and all(c.tag == "th" for c in self.cells_of_first_row(node)):
            spec.header.append(spec.body.pop(0))
            if spec.row_kinds:
                spec.row_kinds.pop(0)
        return spec

    @staticmethod
    def cells_of_first_row(node: _Node) -> list[_Node]:
        tr = node.find("tr")
        return [c for c in tr.children if isinstance(c, _Node) and c.tag in ("th", "td")] if tr else []

    @staticmethod
    def span(cell: _Node) -> int:
        try:
            return max(1, int(cell.attrs.get("colspan") or 1))
        except ValueError:
            return 1

    def cell(self, cell: _Node) -> CellSpec:
        badge = None
        for child in cell.children:
            if isinstance(child, _Node) and "kriteria" in child.classes():
                colour = re.search(r"background:\s*#([0-9a-fA-F]{6})", child.attrs.get("style", ""))
                badge = colour.group(1).upper() if colour else "9E9E9E"
        return CellSpec(_squash(cell.text()), self.span(cell), fill=badge,
                        bold="total" in cell.classes())


# --- the document -------------------------------------------------------------------------------


def _clear_body(doc: "DocumentObject") -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _has_content(part: Any) -> bool:
    element = part._element
    return bool("".join(element.itertext()).strip()) or bool(element.findall(".//" + qn("w:fldChar"))) \
        or bool(element.findall(".//" + qn("w:drawing")))


def _header_footer(doc: "DocumentObject", info: "DocumentInfo") -> None:
    """Running header and "Halaman X dari Y", unless the reference brings its own; the cover
    (first page) has neither, unless the reference puts a letterhead there."""
    section = doc.sections[0]
    if not section.different_first_page_header_footer:
        section.different_first_page_header_footer = True
    if not _has_content(section.header):
        paragraph = section.header.paragraphs[0] if section.header.paragraphs else section.header.add_paragraph()
        paragraph.style = doc.styles["Header"]
        marks = [m for m, on in (("SALINAN KERJA", info.copy == "kerja"), ("DATA SINTETIS", info.synthetic)) if on]
        run = paragraph.add_run(info.running_header + ("".join(f" \u00b7 {m}" for m in marks)))
        run.font.size, run.font.color.rgb = Pt(8), MUTED
        _border(paragraph._p.get_or_add_pPr(), ["bottom"], 4, "C9D1DA")
    if not _has_content(section.footer):
        paragraph = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        paragraph.style = doc.styles["Footer"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run("Halaman ")
        _field_runs(paragraph, "PAGE", "1")
        paragraph.add_run(" dari ")
        _field_runs(paragraph, "NUMPAGES", "1")
        for run in paragraph.runs:
            run.font.size = Pt(9)


def _properties(doc: "DocumentObject", info: "DocumentInfo") -> None:
    props = doc.core_properties
    props.title = info.full_title
    props.author = info.author
    props.last_modified_by = info.author
    props.subject = f"{info.title} Tahun {info.year}"
    props.keywords = f"{info.title}; {info.agency_name}; {info.pemda_label}; {info.year}"
    props.category = info.copy_name
    props.language = LANGUAGE
    props.comments = f"sakip {info.provenance.get('version', '')}; sidik data {info.provenance.get('input_hash', '')}"
    created = info.extra.get("created")
    if created:
        moment = datetime.fromisoformat(created)
        props.created = props.modified = moment.replace(tzinfo=None)
    props.revision = 1


def _cover(b: _Builder, info: "DocumentInfo") -> None:
    spacer = b.para()
    spacer.paragraph_format.space_before = Pt(60)
    if info.logo is not None and info.logo.mime in ("image/png", "image/jpeg"):
        b.picture(info.logo.data, f"Lambang {info.pemda_label}", max_width_cm=3.5)
    b.para(f"PEMERINTAH {info.pemda_label.upper()}", COVER)
    title = b.para(info.cover_title, "Title")
    title.paragraph_format.space_before = Pt(36)
    b.para(f"TAHUN {info.year}", "Title")
    agency = b.para(info.agency_name.upper(), COVER)
    agency.paragraph_format.space_before = Pt(36)
    b.para(info.pemda_label.upper(), COVER)
    if info.subtitle:
        b.para(info.subtitle, COVER)
    for mark, on in (("SALINAN KERJA", info.copy == "kerja"), ("DATA SINTETIS", info.synthetic)):
        if on:
            paragraph = b.para("", COVER)
            paragraph.paragraph_format.space_before = Pt(24)
            run = paragraph.add_run(mark)
            run.font.color.rgb = RGBColor(0xB0, 0x3A, 0x2E)


def _lists(b: _Builder, chapters: Sequence[RenderedChapter]) -> None:
    """Daftar isi, daftar tabel and daftar grafik as fields Word updates with page numbers."""
    toc = [(f"toc {min(e.level, 3)}", e.text) for c in chapters for e in c.toc]
    tables = [("toc 1", t.text) for c in chapters for t in c.tables]
    charts = [("toc 1", g.text) for c in chapters for g in c.charts]
    for title, instruction, entries, empty in (
        ("DAFTAR ISI", 'TOC \\o "1-3" \\h \\z \\u', toc, "Daftar isi kosong."),
        ("DAFTAR TABEL", "TOC \\h \\z \\f t", tables, "Tidak ada tabel."),
        ("DAFTAR GRAFIK", "TOC \\h \\z \\f g", charts, "Tidak ada grafik."),
    ):
        heading = b.para(title, LIST_TITLE)
        heading.paragraph_format.page_break_before = True
        _complex_field(b.doc, instruction, entries, empty)


def _colophon(b: _Builder, info: "DocumentInfo") -> None:
    heading = b.para("KOLOFON", LIST_TITLE)
    heading.paragraph_format.page_break_before = True
    for label, text in info.colophon():
        paragraph = b.para()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(text)
    b.para(info.colophon_note(), SOURCE)


def build_docx(chapters: Sequence[RenderedChapter], info: "DocumentInfo",
               reference: Optional[Path] = None) -> "DocumentObject":
    """The Word document of the chapters (already selected for the copy)."""
    doc = Document(str(reference)) if reference else reference_document()
    _clear_body(doc)
    ensure_styles(doc)
    _language(doc)
    _header_footer(doc, info)
    _properties(doc, info)
    _update_fields_on_open(doc)
    b = _Builder(doc, info)
    _cover(b, info)
    front = [c for c in chapters if c.chapter.front]
    for chapter in front:
        for block in chapter.blocks:
            b.block(block)
    _lists(b, chapters)
    for chapter in chapters:
        if chapter.chapter.front:
            continue
        for block in chapter.blocks:
            b.block(block)
    _colophon(b, info)
    return doc


def write_docx(chapters: Sequence[RenderedChapter], info: "DocumentInfo", target: Path,
               reference: Optional[Path] = None) -> Path:
    doc = build_docx(chapters, info, reference)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    target.write_bytes(buffer.getvalue())
    created = info.extra.get("created")
    if created:  # the same bytes for the same report: the zip's entries carry its time too
        stamp_ooxml(target, datetime.fromisoformat(created))
    return target


__all__ = ["build_docx", "write_docx", "reference_document", "write_reference", "ensure_styles",
           "add_table", "TableSpec", "CellSpec", "element_table"]
