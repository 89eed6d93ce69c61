"""Write the documents of one copy of a report from its rendered chapters: the HTML page (and
each chapter alone), and on request the PDF and the Word document, all from the same blocks."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from sakip.report.assemble import RenderedChapter, render_page
from sakip.report.copies import for_copy
from sakip.report.docinfo import DocumentInfo


@dataclass(frozen=True)
class Written:
    """Names of the files written, relative to the folder they were written in."""

    html: str
    chapters: tuple[str, ...] = ()
    pdf: Optional[str] = None
    docx: Optional[str] = None
    pdf_pages: Optional[int] = None
    pdf_seconds: Optional[float] = None
    docx_seconds: Optional[float] = None


def write_documents(folder: Path, base: str, rendered: Sequence[RenderedChapter], info: DocumentInfo,
                    *, chapter_pages: bool = True, pdf: bool = False, docx: bool = False,
                    docx_reference: Optional[Path] = None, download_html: str = "") -> Written:
    """``<base>.html`` (+ ``chapters/<id>.html``), ``<base>.pdf`` and ``<base>.docx`` in ``folder``."""
    shown = for_copy(rendered, info.copy)
    chapter_files: list[str] = []
    if chapter_pages:
        (folder / "chapters").mkdir(exist_ok=True)
        for chapter in shown:
            name = f"chapters/{chapter.chapter.id}.html"
            (folder / name).write_text(render_page([chapter], info, cover=False,
                                                   standalone_chapter=chapter.chapter.id),
                                       encoding="utf-8")
            chapter_files.append(name)
    html_name = f"{base}.html"
    (folder / html_name).write_text(render_page(shown, info, download_html=download_html),
                                    encoding="utf-8")
    pdf_name = docx_name = None
    pages = pdf_seconds = docx_seconds = None
    if pdf:
        # WeasyPrint and pango load only when a PDF is asked for
        from sakip.report.pdf import write_pdf

        pdf_name = f"{base}.pdf"
        result = write_pdf(shown, info, folder / pdf_name)
        pages, pdf_seconds = result.pages, result.seconds
    if docx:
        # python-docx loads only when a .docx is asked for
        from sakip.report.docx import write_docx

        started = time.perf_counter()
        docx_name = f"{base}.docx"
        write_docx(shown, info, folder / docx_name, reference=docx_reference)
        docx_seconds = time.perf_counter() - started
    return Written(html_name, tuple(chapter_files), pdf_name, docx_name, pages, pdf_seconds,
                   docx_seconds)
