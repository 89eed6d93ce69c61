"""HTML building blocks of the elements (sakip.components.elements): escaping, sanitised Markdown,
kriteria badges, figure wrappers, notes. Never computation.

Tables and charts are emitted as ``<figure>`` blocks with their title in ``data-title``; the
report assembler numbers them per chapter ("Tabel 3.3", "Grafik 3.1") and builds the daftar tabel
and daftar grafik, so numbering stays right however chapters are combined.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Optional

import nh3
from markdown_it import MarkdownIt

from sakip.compute.kriteria import NOT_MEASURABLE

# Analyst text is Markdown without raw HTML; the rendered HTML is sanitised once more with nh3
# (Ammonia) so that a script or an event handler typed into a cell can never reach the report.
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "br", "table", "thead", "tbody",
                 "tr", "th", "td", "blockquote", "h4", "h5", "h6", "code", "pre", "hr", "a"}


def esc(text: object) -> str:
    """HTML-escape any value; None becomes an empty string."""
    return "" if text is None else html.escape(str(text), quote=True)


_TAG = re.compile(r"<[^>]+>")


def strip_tags(fragment: str) -> str:
    """The text of an HTML fragment (tags removed, entities decoded)."""
    return html.unescape(_TAG.sub("", fragment)).strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "bagian"


def markdown(text: Optional[str]) -> str:
    """Render analyst Markdown safely (no raw HTML, sanitised output)."""
    if not text:
        return ""
    rendered = _MD.render(text)
    return nh3.clean(rendered, tags=_ALLOWED_TAGS, attributes={"a": {"href"}},
                     url_schemes={"http", "https", "mailto"})


@dataclass(frozen=True)
class Column:
    """A display column: header text, the record key holding the (already formatted) cell, and
    alignment. Numbers are right-aligned so that decimal commas line up."""

    header: str
    key: str
    align: str = "left"
    kind: str = "text"  # "text", or "html" for pre-built safe HTML (badges, links)


def _text_colour(background: str) -> str:
    """Black or white text, whichever reads better on ``background`` (#rrggbb)."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#111" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#fff"


def kriteria_badge(label: Optional[str], colour: Optional[str] = None) -> str:
    """A coloured kriteria label; the colour comes from the kriteria scale's band."""
    label = label or NOT_MEASURABLE
    colour = colour if colour and re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else "#9e9e9e"
    # a long label ("Tidak Dapat Diukur") may wrap in a narrow printed column; "Sangat Kurang"
    # and shorter stay on one line
    classes = "kriteria kriteria-panjang" if len(label) > 14 else "kriteria"
    return (f'<span class="{classes}" style="background:{colour};color:{_text_colour(colour)}">'
            f"{esc(label)}</span>")


def figure(kind: str, title: str, body: str, *, source: Optional[str] = None,
           note: Optional[str] = None) -> str:
    """Wrap a table or chart as a numbered figure; ``kind`` is "tabel" or "grafik"."""
    if kind not in {"tabel", "grafik"}:
        raise ValueError(f"unknown figure kind {kind!r}")
    extra = ""
    if note:
        extra += f'<p class="catatan">{esc(note)}</p>'
    if source:
        extra += f'<p class="sumber">Sumber: {esc(source)}</p>'
    return (f'<figure class="sakip-{kind}" data-title="{esc(title)}">'
            f"<figcaption></figcaption>{body}{extra}</figure>")


def note(text: str, kind: str = "info") -> str:
    return f'<div class="callout callout-{esc(kind)}">{esc(text)}</div>'
