"""The elements a chapter notebook displays: one table, chart, paragraph, heading, list or note.

Every component function returns exactly one :class:`Element`. An element is displayed by
IPython through :meth:`Element._repr_mimebundle_` as two representations of the same content:

- ``text/html``: the HTML the report shows (escaped, deterministic, one row a line);
- ``application/vnd.sakip.element+json`` (:data:`MIME`): the structured content, from which the
  renderer builds the Word document and the store reports' workbook, so that the HTML, the Word
  file and the workbook carry the same figures without computing anything twice.

Tables and charts are emitted as ``<figure>`` blocks with their title in ``data-title``; the
renderer numbers them per chapter ("Tabel 3.3", "Grafik 3.1") and builds the daftar tabel and
daftar grafik, so numbering stays right however chapters are combined or edited.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any, Optional, Sequence, Union

from sakip.components import html as h
from sakip.components.excel import DataTable, excel_json
from sakip.compute.kriteria import NOT_MEASURABLE

#: The MIME type of an element's structured content in an executed notebook.
MIME = "application/vnd.sakip.element+json"

#: A table cell: formatted text, or a kriteria badge ``{"badge": label, "colour": "#rrggbb"}``,
#: or pre-built safe HTML ``{"html": ..., "text": ...}`` (links, line breaks).
Cell = Union[str, dict]


class Element:
    """Base class: one displayable block of a chapter."""

    kind: str = "element"

    def to_html(self) -> str:
        raise NotImplementedError

    def to_json(self) -> dict[str, Any]:
        raise NotImplementedError

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/html": self.to_html(), MIME: {"kind": self.kind, **self.to_json()}}

    def _repr_html_(self) -> str:  # for front ends that ask for HTML only
        return self.to_html()

    def summary(self) -> str:
        """What the element shows, in a few words (its title or the start of its text)."""
        return ""

    def __repr__(self) -> str:
        """Short: the ``text/plain`` of a displayed element, which goes into every executed
        notebook. The dataclass repr held the whole content (a chart's PNG as a bytes literal):
        about 650 KB of a generated agency's notebooks, encoded and written for nothing."""
        words = self.summary()
        if len(words) > 80:
            words = words[:79] + "…"
        return f"<{type(self).__name__} {words!r}>" if words else f"<{type(self).__name__}>"


@dataclass(frozen=True, repr=False)
class Heading(Element):
    """A heading whose text depends on the data (e.g. one per sasaran); fixed headings belong in
    the notebook's markdown. Levels 2-4; the renderer numbers levels 2 and 3."""

    text: str
    level: int = 3
    kind = "heading"

    def __post_init__(self) -> None:
        if self.level not in (2, 3, 4):
            raise ValueError(f"heading level {self.level} (expected 2, 3 or 4)")

    def summary(self) -> str:
        return self.text

    def to_html(self) -> str:
        return f"<h{self.level}>{h.esc(self.text)}</h{self.level}>"

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "level": self.level}


@dataclass(frozen=True, repr=False)
class Paragraphs(Element):
    """One or more paragraphs of generated text (each derived from the numbers)."""

    texts: tuple[str, ...]
    kind = "paragraphs"

    def __init__(self, *texts: Optional[str]) -> None:
        object.__setattr__(self, "texts", tuple(t for t in texts if t))

    def summary(self) -> str:
        return self.texts[0] if self.texts else ""

    def to_html(self) -> str:
        return "".join(f"<p>{h.esc(t)}</p>" for t in self.texts)

    def to_json(self) -> dict[str, Any]:
        return {"texts": list(self.texts)}


@dataclass(frozen=True, repr=False)
class Narrative(Element):
    """The analyst's own Markdown text, rendered safely (no raw HTML, sanitised).

    ``marks`` are (sentence, note) pairs of the consistency audit (``sakip.audit.narrative``): the
    sentence that contradicts the numbers is highlighted in place and the note follows the text."""

    markdown: str
    marks: tuple[tuple[str, str], ...] = ()
    kind = "narrative"

    def summary(self) -> str:
        return self.markdown.strip().split("\n", 1)[0]

    def to_html(self) -> str:
        out = h.markdown(self.markdown)
        notes = []
        for sentence, note in self.marks:
            escaped = h.esc(sentence).replace("&#x27;", "'")
            target = escaped if escaped in out else h.esc(sentence)
            if target in out:
                out = out.replace(target, f'<mark class="audit" title="{h.esc(note)}">{target}</mark>', 1)
            notes.append(note)
        if notes:
            out += "".join(f'<p class="audit-note">Catatan pemeriksaan angka: {h.esc(n)} '
                           f"Lihat lampiran Audit Data.</p>" for n in dict.fromkeys(notes))
        return out

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"markdown": self.markdown}
        if self.marks:
            data["marks"] = [{"sentence": s, "note": n} for s, n in self.marks]
        return data


@dataclass(frozen=True, repr=False)
class BulletList(Element):
    items: tuple[str, ...]
    ordered: bool = False
    kind = "list"

    def summary(self) -> str:
        return f"{len(self.items)} butir" + (f": {self.items[0]}" if self.items else "")

    def to_html(self) -> str:
        tag = "ol" if self.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{h.esc(i)}</li>" for i in self.items) + f"</{tag}>"

    def to_json(self) -> dict[str, Any]:
        return {"items": list(self.items), "ordered": self.ordered}


@dataclass(frozen=True, repr=False)
class Callout(Element):
    """A boxed note: ``info`` (what a reader should know) or ``warning`` (missing data)."""

    text: str
    tone: str = "info"
    kind = "callout"

    def summary(self) -> str:
        return self.text

    def to_html(self) -> str:
        return h.note(self.text, self.tone)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "tone": self.tone}


@dataclass(frozen=True)
class Column:
    """A display column: header text, alignment ("left", "right", "center")."""

    header: str
    align: str = "left"


@dataclass(frozen=True, repr=False)
class Table(Element):
    """A numbered table. Cells are formatted text (see :data:`Cell`); ``data`` holds the raw values
    for the workbook of the store reports (kept as numbers there)."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    header_groups: Optional[tuple[tuple[str, int], ...]] = None
    row_classes: Optional[tuple[str, ...]] = None
    note: Optional[str] = None
    source: Optional[str] = None
    data: Optional[DataTable] = None
    kind = "table"

    @classmethod
    def from_records(cls, title: str, records: Sequence[dict], columns: Sequence[h.Column], *,
                     header_groups: Optional[Sequence[tuple[str, int]]] = None,
                     row_classes: Optional[Sequence[str]] = None, note: Optional[str] = None,
                     source: Optional[str] = None, data: Optional[DataTable] = None) -> "Table":
        """Build from records keyed like :class:`sakip.components.html.Column` (the form the
        components already use): ``kind="html"`` columns hold a badge or safe HTML."""
        rows = []
        for record in records:
            row: list[Cell] = []
            for c in columns:
                value = record.get(c.key)
                if c.kind == "html":
                    row.append(value if isinstance(value, dict) else {"html": value or "",
                                                                      "text": h.strip_tags(value or "")})
                else:
                    row.append("" if value is None else str(value))
            rows.append(tuple(row))
        return cls(title, tuple(Column(c.header, c.align) for c in columns), tuple(rows),
                   tuple(header_groups) if header_groups else None,
                   tuple(row_classes) if row_classes else None, note, source, data)

    def summary(self) -> str:
        return f"{self.title} ({len(self.rows)} baris)"

    def to_html(self) -> str:
        out = ['<table class="data">', "<thead>"]
        if self.header_groups:
            out.append("<tr>" + "".join(f'<th colspan="{span}" scope="colgroup">{h.esc(title)}</th>'
                                        for title, span in self.header_groups) + "</tr>")
        out.append("<tr>" + "".join(f'<th class="{c.align}" scope="col">{h.esc(c.header)}</th>'
                                    for c in self.columns) + "</tr>")
        out.append("</thead><tbody>")
        for i, row in enumerate(self.rows):
            css = self.row_classes[i] if self.row_classes and i < len(self.row_classes) else ""
            attr = f' class="{h.esc(css)}"' if css else ""
            cells = "".join(f'<td class="{cell_class(c.align, v)}">{cell_html(v)}</td>'
                            for c, v in zip(self.columns, row))
            out.append(f"<tr{attr}>{cells}</tr>")
        out.append("</tbody></table>")
        return h.figure("tabel", self.title, "\n".join(out), source=self.source, note=self.note)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "columns": [{"header": c.header, "align": c.align} for c in self.columns],
                "rows": [list(r) for r in self.rows],
                "header_groups": [list(g) for g in self.header_groups] if self.header_groups else None,
                "row_classes": list(self.row_classes) if self.row_classes else None,
                "note": self.note, "source": self.source,
                "data": excel_json(self.data) if self.data is not None else None}


#: A right-aligned cell longer than this holds words ("tidak dapat diukur (realisasi belum
#: tersedia)"), not a figure: it may wrap, or it would push the table past the page.
WRAP_AFTER = 24


def cell_class(align: str, cell: Cell) -> str:
    """The class of a body cell: its column's alignment, and ``wrap`` for a right-aligned cell
    holding words rather than a figure (figures never wrap)."""
    return f"{align} wrap" if align == "right" and len(cell_text(cell)) > WRAP_AFTER else align


def cell_html(cell: Cell) -> str:
    if isinstance(cell, dict):
        if "badge" in cell:
            return h.kriteria_badge(cell["badge"], cell.get("colour"))
        return str(cell.get("html", ""))
    return h.esc(cell)


def cell_text(cell: Cell) -> str:
    """The plain text of a cell (for Word and for alt texts)."""
    if isinstance(cell, dict):
        return str(cell.get("badge") or cell.get("text") or "")
    return cell


def badge(label: Optional[str], colour: Optional[str]) -> dict:
    """A kriteria badge cell: the label is always written (colour is never the only carrier)."""
    return {"badge": label or NOT_MEASURABLE, "colour": colour}


@dataclass(frozen=True, repr=False)
class Chart(Element):
    """A numbered chart: a PNG with an alt text that states its figures."""

    title: str
    png: bytes
    alt: str
    source: Optional[str] = None
    kind = "chart"

    @classmethod
    def from_figure(cls, fig: Any, title: str, *, alt: Optional[str] = None,
                    source: Optional[str] = None) -> "Chart":
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
        import matplotlib.pyplot as plt  # function-local: matplotlib is only needed for charts

        plt.close(fig)
        return cls(title, buffer.getvalue(), alt or title, source)

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    def summary(self) -> str:
        return self.title

    def to_html(self) -> str:
        img = f'<img src="{self.data_uri()}" alt="{h.esc(self.alt)}">'
        return h.figure("grafik", self.title, img, source=self.source)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "png": base64.b64encode(self.png).decode("ascii"),
                "alt": self.alt, "source": self.source}


@dataclass(frozen=True, repr=False)
class KpiCards(Element):
    """Key figures side by side: (value, label) pairs, values already formatted."""

    cards: tuple[tuple[str, str], ...]
    kind = "kpi"

    def summary(self) -> str:
        return ", ".join(label for label, _ in self.cards)

    def to_html(self) -> str:
        return ('<div class="kpi">' + "".join(
            f"<div><strong>{h.esc(v)}</strong><span>{h.esc(label)}</span></div>"
            for v, label in self.cards) + "</div>")

    def to_json(self) -> dict[str, Any]:
        return {"cards": [list(c) for c in self.cards]}


@dataclass(frozen=True, repr=False)
class Signature(Element):
    """The signature block: place and date, position, name, rank, NIP."""

    place_date: str
    position: str
    name: str
    rank: str = ""
    nip: str = ""
    kind = "signature"

    def summary(self) -> str:
        return f"{self.position}, {self.name}"

    def to_html(self) -> str:
        lines = [self.place_date, self.position]
        out = "".join(f"<p>{h.esc(x)}</p>" for x in lines)
        out += f'<p class="name">{h.esc(self.name)}</p>'
        out += f"<p>{h.esc(self.rank)}</p>" if self.rank else ""
        out += f"<p>NIP. {h.esc(self.nip)}</p>" if self.nip else ""
        return f'<div class="signature">{out}</div>'

    def to_json(self) -> dict[str, Any]:
        return {"place_date": self.place_date, "position": self.position, "name": self.name,
                "rank": self.rank, "nip": self.nip}


@dataclass(frozen=True, repr=False)
class Figure(Element):
    """A numbered figure drawn in HTML/SVG (e.g. the cascade org chart), with a text equivalent
    for Word and screen readers."""

    title: str
    body_html: str
    text: str
    figure_kind: str = "grafik"
    source: Optional[str] = None
    kind = "figure"

    def summary(self) -> str:
        return self.title

    def to_html(self) -> str:
        return h.figure(self.figure_kind, self.title, self.body_html, source=self.source)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text, "figure_kind": self.figure_kind,
                "source": self.source}


Shown = Union[Element, Sequence["Shown"], None]


def flatten(*elements: Shown) -> list[Element]:
    """The elements in order, lists and tuples of elements opened, None left out (a component
    that shows a variable number of elements, e.g. the analyst's text with its tables, returns
    a list)."""
    out: list[Element] = []
    for element in elements:
        if element is None:
            continue
        if isinstance(element, Element):
            out.append(element)
        else:
            out.extend(flatten(*element))
    return out


def show(*elements: Shown) -> None:
    """Display elements in a loop cell, in order; None (nothing to show) displays nothing, where
    IPython's own ``display(None)`` would print "None" in Jupyter; a list of elements is shown
    element by element."""
    from IPython.display import display  # function-local: IPython exists only inside a kernel

    for element in flatten(*elements):
        display(element)
