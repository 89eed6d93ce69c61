"""The report as a paged PDF, laid out by WeasyPrint from the same HTML as the page.

The page's HTML gets a paged style sheet (``templates/print.css.j2``): A4 with a binding margin,
a running header and "Halaman X dari Y" footer from ``@page`` margin boxes, page numbers in the
daftar isi, daftar tabel and daftar grafik from ``target-counter()``, a page break before every
chapter, table header rows repeated, charts and short tables kept whole, wide tables on landscape
pages. WeasyPrint turns the headings into PDF bookmarks and the page's ``<title>``, ``<meta>`` and
``lang`` into the document's metadata. Why WeasyPrint and what it costs: docs/DOCUMENTS.md.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import jinja2

from sakip.i18n import _
from sakip.report.assemble import TEMPLATES, RenderedChapter, render_page

if TYPE_CHECKING:
    from sakip.report.docinfo import DocumentInfo

#: A table with at most this many body rows is never split across pages.
SHORT_TABLE_ROWS = 8
#: A table with more columns than this is printed on a landscape page.
WIDE_TABLE_COLUMNS = 12

_FIGURE = re.compile(r'<figure class="sakip-tabel"(.*?)</figure>', re.DOTALL)


class PdfError(RuntimeError):
    """WeasyPrint is missing or failed; the message says what to install."""


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    seconds: float


def css_string(text: str) -> str:
    """A CSS string literal, safe inside a ``<style>`` element."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
               .replace("<", "\\3c "))
    return f'"{escaped}"'


def print_css(info: "DocumentInfo") -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False)
    env.filters["css_string"] = css_string
    marks = []
    if info.copy == "kerja":
        marks.append("SALINAN KERJA")
    if info.synthetic:
        marks.append("DATA SINTETIS")
    return env.get_template("print.css.j2").render(header=info.running_header,
                                                   mark=" \u00b7 ".join(marks))


def _mark_tables(page: str) -> str:
    """Classes the paged layout needs: ``utuh`` (short: never split), ``lebar`` (landscape)."""
    def mark(match: re.Match) -> str:
        body = match.group(0)
        tbody = body.split("<tbody>", 1)[-1]
        rows = tbody.count("<tr")
        columns = max((len(re.findall(r"<t[hd][ >]", tr)) for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)),
                      default=0)
        classes = ["sakip-tabel"]
        if rows <= SHORT_TABLE_ROWS:
            classes.append("utuh")
        if columns > WIDE_TABLE_COLUMNS:
            classes.append("lebar")
        return body.replace('<figure class="sakip-tabel"', f'<figure class="{" ".join(classes)}"', 1)

    return _FIGURE.sub(mark, page)


def paged_html(chapters: Sequence[RenderedChapter], info: "DocumentInfo") -> str:
    """The page's HTML as the PDF lays it out."""
    return _mark_tables(render_page(chapters, info, print_css=print_css(info)))


def write_pdf(chapters: Sequence[RenderedChapter], info: "DocumentInfo", target: Path) -> PdfResult:
    """Lay out the report and write ``target``; returns its page count and the time taken."""
    started = time.perf_counter()
    try:
        import weasyprint  # heavy (about 1 s), and needs Debian's pango: only when a PDF is made
    except (ImportError, OSError) as exc:  # OSError: the Python package is there, pango is not
        raise PdfError(_("the PDF needs WeasyPrint and Debian's pango: run 'make setup' (pip "
                         "install weasyprint; apt-get install libpango-1.0-0 libpangoft2-1.0-0): "
                         "{error}").format(error=exc)) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # unsupported screen-only CSS is expected
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=paged_html(chapters, info), base_url=str(TEMPLATES)).render()
    document.metadata.lang = "id"
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target)
    return PdfResult(target, len(document.pages), time.perf_counter() - started)
