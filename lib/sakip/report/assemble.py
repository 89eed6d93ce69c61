"""Turn executed chapter notebooks into one self-contained HTML report.

nbconvert renders each executed notebook to an HTML fragment (``basic`` template, inputs and
prompts excluded). The fragments are stitched into one page: figures are numbered per chapter,
headings get unique anchors, and the table of contents, daftar tabel and daftar grafik are built
from what the chapters actually contain.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import jinja2
import nbformat

from sakip.report.chapters import Chapter

# nbconvert re-serialises output HTML (attribute order may change), so match tags by attributes.
_FIGURE = re.compile(r'<figure(\s[^>]*)>\s*<figcaption>\s*</figcaption>')
_HEADING = re.compile(r'<h([1-3])(\s[^>]*)>(.*?)</h\1>', re.DOTALL)
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class Entry:
    anchor: str
    text: str
    level: int = 1


@dataclass
class RenderedChapter:
    chapter: Chapter
    body: str
    toc: list[Entry] = field(default_factory=list)
    tables: list[Entry] = field(default_factory=list)
    charts: list[Entry] = field(default_factory=list)


def notebook_fragment(notebook_path: Path) -> str:
    """The HTML of an executed notebook's outputs: no code, no prompts, no stray streams."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            # Printed text and warnings are not part of a report; chapters present through
            # sakip.components.html only.
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") in
                            {"display_data", "execute_result"} and "text/html" in o.get("data", {})]
            for output in cell.outputs:
                output["data"] = {"text/html": output["data"]["text/html"]}
        elif cell.cell_type == "markdown":
            cell.source = ""
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, exclude_markdown=True, exclude_raw=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def number_chapter(chapter: Chapter, fragment: str) -> RenderedChapter:
    """Number the chapter's tables and charts and collect its headings."""
    rendered = RenderedChapter(chapter, "")
    counters = {"tabel": 0, "grafik": 0}

    def figure(match: re.Match) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        kind, title = attrs.get("class", "").removeprefix("sakip-"), attrs.get("data-title", "")
        if kind not in counters:
            return match.group(0)
        counters[kind] += 1
        label = f"{'Tabel' if kind == 'tabel' else 'Grafik'} {chapter.prefix}.{counters[kind]}"
        anchor = f"{kind}-{chapter.prefix}-{counters[kind]}".lower()
        entry = Entry(anchor, html.unescape(f"{label} {title}"))  # the page template escapes
        (rendered.tables if kind == "tabel" else rendered.charts).append(entry)
        return (f'<figure class="sakip-{kind}" id="{anchor}"><figcaption>'
                f'<span class="label">{label}</span> {title}</figcaption>')

    def heading(match: re.Match) -> str:
        attrs = dict(_ATTR.findall(match.group(2)))
        if "toc" not in attrs.get("class", "").split():
            return match.group(0)
        level, anchor, text = int(match.group(1)), attrs.get("id", ""), match.group(3)
        text = re.sub(r'<a class="anchor-link".*?</a>', "", text, flags=re.DOTALL)
        unique = f"{chapter.id}-{anchor}"
        rendered.toc.append(Entry(unique, html.unescape(re.sub(r"<[^>]+>", "", text)).strip(), level))
        return f'<h{level} id="{unique}" class="toc">{text}</h{level}>'

    body = _FIGURE.sub(figure, fragment)
    rendered.body = _HEADING.sub(heading, body)
    return rendered


def render_page(chapters: Sequence[RenderedChapter], *, title: str, subtitle: str,
                agency_name: str, pemda_label: str, year: int, provenance: dict,
                cover: bool = True, standalone_chapter: Optional[str] = None) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             undefined=jinja2.StrictUndefined)
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    template = env.get_template("report.html.j2")
    return template.render(
        chapters=chapters, title=title, subtitle=subtitle, agency_name=agency_name,
        pemda_label=pemda_label, year=year, provenance=provenance, css=css, cover=cover,
        tables=[t for c in chapters for t in c.tables], charts=[g for c in chapters for g in c.charts],
        standalone_chapter=standalone_chapter,
    )
