"""Turn executed chapter notebooks into one document: blocks, numbering, contents, one HTML page.

A chapter notebook *is* the chapter: its markdown cells carry the headings and the fixed prose,
and each code cell displays one element (:mod:`sakip.components.elements`). Reading an executed
notebook gives a list of :class:`Block` (headings, markdown prose, elements) from which the HTML
page, the Word document and the store reports' workbook are all made, so they cannot disagree.

A heading with nothing under it is left out (a section whose elements all had nothing to show).
Numbering is done here, once, after that: in a chapter with a numeric prefix ("3"), level-2 headings become
"3.1", "3.2" and level-3 headings "3.1.1", in the order they appear, so that a section left out
or added leaves no gap; tables and charts become "Tabel 3.1" and "Grafik 3.1". Level-1 headings
are chapter titles (the notebook's first one is the chapter's title); level 4 is not numbered.

nbconvert's HTML export is not used for the page: it re-renders every output and measured 1,7 s
per report for nothing the page needs (the elements already carry their HTML).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence

import jinja2
import nbformat
import nh3
from markdown_it import MarkdownIt

from sakip.components.elements import MIME
from sakip.components.html import slug
from sakip.report.chapters import Chapter

if TYPE_CHECKING:
    from sakip.report.docinfo import DocumentInfo

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Markdown cells with this tag are notes for whoever edits the notebook, not report text.
NOTE_TAG = "catatan-penyunting"

# The notebook's markdown is written by the project or the pemda: CommonMark with tables, no raw
# HTML, sanitised once more.
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_MD_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "br", "table", "thead", "tbody", "tr",
            "th", "td", "blockquote", "code", "pre", "hr", "a", "h5", "h6"}
_FIGURE = re.compile(r'<figure class="sakip-(tabel|grafik)" data-title="([^"]*)"><figcaption></figcaption>')
_FOREIGN_TAGS = _MD_TAGS | {"div", "span", "img", "caption", "figure", "figcaption"}


@dataclass
class Entry:
    anchor: str
    text: str
    level: int = 1


@dataclass
class Block:
    """One piece of a chapter in reading order.

    ``kind`` is ``heading`` (``data``: level, text, number, anchor), ``markdown`` (``data``:
    the markdown source of fixed prose) or an element kind (``data``: the element's JSON, plus
    ``label`` such as "Tabel 3.1" for numbered tables and charts). ``html`` is what the page shows.
    """

    kind: str
    html: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class RenderedChapter:
    chapter: Chapter
    title: str
    blocks: list[Block] = field(default_factory=list)
    toc: list[Entry] = field(default_factory=list)
    tables: list[Entry] = field(default_factory=list)
    charts: list[Entry] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(b.html for b in self.blocks)


def markdown_html(text: str) -> str:
    """Fixed prose of a notebook as safe HTML."""
    return nh3.clean(_MD.render(text), tags=_MD_TAGS, attributes={"a": {"href"}},
                     url_schemes={"http", "https", "mailto"})


def split_markdown(source: str) -> list[tuple[str, Any]]:
    """A markdown cell as ("heading", (level, text)) and ("markdown", source) pieces in order."""
    lines = source.splitlines()
    tokens = _MD.parse(source)
    pieces: list[tuple[str, Any]] = []
    cursor = 0
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        start, end = token.map
        before = "\n".join(lines[cursor:start]).strip()
        if before:
            pieces.append(("markdown", before))
        text = tokens[i + 1].content.strip() if i + 1 < len(tokens) else ""
        pieces.append(("heading", (int(token.tag[1]), text)))
        cursor = end
    rest = "\n".join(lines[cursor:]).strip()
    if rest:
        pieces.append(("markdown", rest))
    return pieces


def _output_block(output: dict[str, Any]) -> Optional[Block]:
    """The block of one notebook output: an element (our MIME type), else a foreign HTML table
    (e.g. a DataFrame a pemda displays in its own chapter, sanitised) or a PNG; print output and
    plain-text reprs are not report content."""
    if output.get("output_type") not in {"display_data", "execute_result"}:
        return None
    data = output.get("data", {})
    if MIME in data:
        element = dict(data[MIME])
        return Block(element["kind"], data.get("text/html", ""), element)
    if "text/html" in data:
        text = data["text/html"]
        text = "".join(text) if isinstance(text, list) else text
        return Block("html", nh3.clean(text, tags=_FOREIGN_TAGS, attributes={"a": {"href"}}),
                     {"html": text})
    if "image/png" in data:
        return Block("html", f'<img src="data:image/png;base64,{data["image/png"]}" alt="">', {})
    return None


def notebook_blocks(notebook: Path | Any) -> list[Block]:
    """The blocks of an executed chapter notebook, in reading order (not yet numbered).

    ``notebook``: the executed notebook's file, or the notebook itself as papermill returned it
    after writing that file (the in-process engine: reading the file back would cost a report
    about 17 ms, docs/BENCHMARKS.md; the content is the same)."""
    nb = nbformat.read(notebook, as_version=4) if isinstance(notebook, Path) else notebook
    blocks: list[Block] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if NOTE_TAG in cell.metadata.get("tags", []):
                continue
            for kind, value in split_markdown(cell.source):
                if kind == "heading":
                    level, text = value
                    blocks.append(Block("heading", "", {"level": level, "text": text}))
                else:
                    blocks.append(Block("markdown", markdown_html(value), {"markdown": value}))
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                block = _output_block(output)
                if block is not None:
                    blocks.append(block)
    return blocks


def without_empty_sections(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` without the headings that have nothing under them: a heading (level 2 or
    lower) followed directly by a heading of the same or a higher level, or by the end of the
    chapter, is left out, and so is a heading whose every sub-heading was left out. Chapter
    titles (level 1) stay. Numbering comes after (:func:`number_chapter`), so nothing left out
    leaves a gap."""
    kept: list[Block] = []
    for block in reversed(blocks):  # what follows a heading is known when it is reached
        if block.kind == "heading" and int(block.data["level"]) > 1:
            level = int(block.data["level"])
            after = kept[-1] if kept else None
            if after is None or (after.kind == "heading" and int(after.data["level"]) <= level):
                continue
        kept.append(block)
    return kept[::-1]


def number_chapter(chapter: Chapter, blocks: Sequence[Block]) -> RenderedChapter:
    """Number headings, tables and charts of one chapter, give every heading a unique anchor, and
    collect the entries of the daftar isi, daftar tabel and daftar grafik."""
    numbered = chapter.prefix.isdigit()
    title = ""
    rendered = RenderedChapter(chapter, "")
    counters = {"tabel": 0, "grafik": 0}
    section, subsection = 0, 0
    used: set[str] = set()
    outline = 0  # the level of the heading before: a heading is shown at most one level below it
    for block in blocks:
        if block.kind == "heading":
            level, text = int(block.data["level"]), str(block.data["text"])
            number = ""
            if level == 1:
                title = title or text
            elif numbered and level == 2:
                section, subsection = section + 1, 0
                number = f"{chapter.prefix}.{section}"
            elif numbered and level == 3 and section:
                subsection += 1
                number = f"{chapter.prefix}.{section}.{subsection}"
            base = f"{chapter.id}-{slug(text)}"
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            shown = f"{number} {text}".strip()
            # Headings in order for screen readers and the PDF's bookmarks: "###" right under "#"
            # is shown as a level-2 heading (its numbering is unchanged).
            level = min(level, outline + 1) if outline else level
            outline = level
            block.data.update(number=number, anchor=anchor, level=level)
            css = ' class="toc"' if level <= 3 else ""
            block.html = f'<h{level} id="{anchor}"{css}>{html.escape(shown)}</h{level}>'
            if level <= 3:
                rendered.toc.append(Entry(anchor, shown, level))
        elif block.kind in {"table", "chart", "figure", "html"}:
            if block.kind == "html":  # legacy pre-built HTML: its own headings enter the contents
                block.html = _legacy_headings(chapter, block.html, rendered, used)

            def caption(match: re.Match, block: Block = block) -> str:
                kind, title_attr = match.group(1), match.group(2)
                counters[kind] += 1
                label = f"{'Tabel' if kind == 'tabel' else 'Grafik'} {chapter.prefix}.{counters[kind]}"
                anchor = f"{kind}-{chapter.prefix}-{counters[kind]}".lower()
                block.data["label"] = label
                entry = Entry(anchor, html.unescape(f"{label} {title_attr}"))
                (rendered.tables if kind == "tabel" else rendered.charts).append(entry)
                return (f'<figure class="sakip-{kind}" id="{anchor}"><figcaption>'
                        f'<span class="label">{label}</span> {title_attr}</figcaption>')

            block.html = _FIGURE.sub(caption, block.html, count=0 if block.kind == "html" else 1)
        rendered.blocks.append(block)
    rendered.title = title or (rendered.toc[0].text if rendered.toc else chapter.id)
    return rendered


_LEGACY_HEADING = re.compile(r'<h([1-3]) id="([^"]*)" class="toc">(.*?)</h\1>', re.DOTALL)


def _legacy_headings(chapter: Chapter, body: str, rendered: RenderedChapter, used: set[str]) -> str:
    def heading(match: re.Match) -> str:
        level, anchor, text = int(match.group(1)), match.group(2), match.group(3)
        unique = f"{chapter.id}-{anchor}"
        used.add(unique)
        rendered.toc.append(Entry(unique, html.unescape(re.sub(r"<[^>]+>", "", text)).strip(), level))
        return f'<h{level} id="{unique}" class="toc">{text}</h{level}>'

    return _LEGACY_HEADING.sub(heading, body)


def render_chapter(chapter: Chapter, executed: Path | Any) -> RenderedChapter:
    """The numbered chapter of an executed notebook (its file, or the notebook in memory)."""
    return number_chapter(chapter, without_empty_sections(notebook_blocks(executed)))


@lru_cache(maxsize=1)
def _page_template() -> tuple[jinja2.Template, str]:
    """The page template and style sheet, compiled once per process (a report writes a page per
    chapter; compiling the template for each cost 15 % of a report in a batch, docs/BENCHMARKS.md).
    They ship with the package, so a process never sees them change."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             undefined=jinja2.StrictUndefined)
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return env.get_template("report.html.j2"), css


def render_page(chapters: Sequence[RenderedChapter], info: "DocumentInfo", *, cover: bool = True,
                standalone_chapter: Optional[str] = None, download_html: str = "",
                print_css: str = "") -> str:
    """The HTML page of a report (``cover``: with cover, front matter, daftar isi, daftar tabel,
    daftar grafik and colophon) or of one chapter alone. ``print_css`` is added after the screen
    style sheet (the PDF's paged layout, sakip.report.pdf)."""
    template, css = _page_template()
    return template.render(
        chapters=chapters, info=info, css=css, print_css=print_css, cover=cover,
        tables=[t for c in chapters for t in c.tables], charts=[g for c in chapters for g in c.charts],
        standalone_chapter=standalone_chapter, download_html=download_html,
    )
