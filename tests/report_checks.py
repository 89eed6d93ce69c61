"""Checks that a rendered report reads like a finished one, on its HTML page (any agency, any report).

Each check returns the list of problems it found (empty: none), so a test can assert on one
report or print all of them for another:

- :func:`empty_headings`: a heading directly followed by a heading of the same or a higher level,
  or by the end of its chapter;
- :func:`numbering_gaps`: section numbers ("3.2.1") and table and chart numbers ("Tabel 3.4")
  that skip or repeat within a chapter;
- :func:`raw_text`: text that no editor would pass: "sebesar -", "- (- dari -)", a range of years
  whose ends are the same ("Tahun 2024-2024"), "nan", "None", "NaN";
- :func:`dash_columns` (not in :func:`report_problems`: the seed of Lampung Barat still has PK
  tables without annual targets): table columns holding only "-".

Import as ``from report_checks import report_problems``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_HEADING = re.compile(r"h([1-6])")
_SKIPPED = {"style", "script", "nav"}
_BLOCKS = {"p", "li", "ul", "ol", "div", "figure", "figcaption", "table", "img", "svg", "blockquote"}


@dataclass(frozen=True)
class Piece:
    """One piece of a chapter in reading order: a heading (``level`` 1-6) or content (``level`` 0,
    ``table`` when it is the text of a table)."""

    chapter: str
    level: int
    text: str
    table: bool = False


class _Reader(HTMLParser):
    """The chapters of a report page as pieces: headings, and the text of anything else."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self.chapter = ""
        self._heading: int = 0
        self._skip = 0
        self._tables = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self._text.append(" ")  # "<strong>-</strong><span>Pagu</span>" reads "- Pagu"
        if tag in _SKIPPED:
            self._skip += 1
        elif tag == "section" and "chapter" in (values.get("class") or "").split():
            self._flush()
            self.chapter = values.get("id") or ""
        elif self._skip:
            return
        elif _HEADING.fullmatch(tag):
            self._flush()
            self._heading = int(tag[1])
        elif tag in _BLOCKS:
            self._flush()
            self._tables += tag == "table"
            if tag in {"img", "svg"}:
                self.pieces.append(Piece(self.chapter, 0, f"[{tag}] {values.get('alt') or ''}"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif _HEADING.fullmatch(tag) and self._heading:
            text = " ".join("".join(self._text).split())
            self.pieces.append(Piece(self.chapter, self._heading, text))
            self._text, self._heading = [], 0
        elif tag in _BLOCKS:
            self._flush()
            self._tables -= tag == "table"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text and self.chapter and not self._heading:
            self.pieces.append(Piece(self.chapter, 0, text, self._tables > 0))
        self._text = []

    def close(self) -> None:
        super().close()
        self._flush()


def pieces(page: str) -> list[Piece]:
    """The chapters' headings and content of a report page, in reading order (cover, daftar isi
    and colophon are not in a chapter and are left out)."""
    page = re.sub(r'<footer class="colophon".*?</footer>', "", page, flags=re.S)
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return [p for p in reader.pieces if p.chapter]


def empty_headings(page: str) -> list[str]:
    """Headings with nothing under them before the next heading of the same or a higher level
    (or the end of the chapter)."""
    found = pieces(page)
    problems = []
    for i, piece in enumerate(found):
        if not piece.level or piece.level == 1:
            continue
        after = found[i + 1] if i + 1 < len(found) else None
        if after is None or after.chapter != piece.chapter or 0 < after.level <= piece.level:
            problems.append(f"{piece.chapter}: empty heading {piece.text!r}")
    return problems


_SECTION_NUMBER = re.compile(r"(\d+(?:\.\d+)+)\.? ")  # "3.2.1 Sasaran 1", and "1.2. Membandingkan" (level 4)
_LABEL = re.compile(r'<span class="label">(Tabel|Grafik) ([A-Z]*\d*)\.(\d+)</span>')


def numbering_gaps(page: str) -> list[str]:
    """Section numbers of each chapter that do not run 1, 2, 3 at each level (a level restarts
    under a new parent), and table and chart numbers of each prefix that do not run 1, 2, 3."""
    problems = []
    last: dict[tuple[str, str], int] = {}
    for piece in pieces(page):
        match = _SECTION_NUMBER.match(piece.text) if piece.level else None
        if not match:
            continue
        *parent, number = match.group(1).split(".")
        key = (piece.chapter, f"h{piece.level}:" + ".".join(parent))
        expected = last.get(key, 0) + 1
        if int(number) != expected:
            problems.append(f"{piece.chapter}: section {match.group(1)} where {expected} was due")
        last[key] = int(number)
    counters: dict[tuple[str, str], int] = {}
    for kind, prefix, number in _LABEL.findall(page):
        expected = counters.get((kind, prefix), 0) + 1
        if int(number) != expected:
            problems.append(f"{kind} {prefix}.{number} where {prefix}.{expected} was due")
        counters[(kind, prefix)] = int(number)
    return problems


_RAW = [
    (re.compile(r"\bsebesar\s*[-–—](?!\w)"), "an amount written as '-'"),
    (re.compile(r"\(\s*[-–—]\s*dari\s*[-–—]\s*\)"), "a card '- (- dari -)'"),
    (re.compile(r"^[-–—] \w"), "a card whose figure is '-'"),
    (re.compile(r"(?:[:,]|\brealisasi|\btarget|\bcapaian|\bsebesar)\s+[-–—]\s*(?:[.;,)]|$)"),
     "a figure written as '-' in a sentence"),
    (re.compile(r"\b(?:nan|NaN|None|null|NaT)\b"), "a raw missing value"),
]
_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b")


def raw_text(page: str) -> list[str]:
    """Text of the chapters that no editor would pass (see the module's docstring); tables are
    and headings are checked only for raw missing values and one-year ranges (a "-" in a table cell
    is the usual mark of no data)."""
    problems = []
    for piece in pieces(page):
        text = piece.text
        for pattern, what in _RAW:
            if (piece.level or piece.table) and what != "a raw missing value":
                continue
            for match in pattern.finditer(text):
                start = max(0, match.start() - 60)
                problems.append(f"{piece.chapter}: {what}: ...{text[start:match.end() + 20]}...")
        for match in _YEARS.finditer(text):
            if match.group(1) == match.group(2):
                problems.append(f"{piece.chapter}: a one-year range {match.group(0)!r}")
    return problems


class _Tables(HTMLParser):
    """Every table of a page: its caption, its header row and its body rows, as cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[str], list[list[str]]]] = []
        self._caption: list[str] = []
        self._in_caption = False
        self._table: tuple[str, list[str], list[list[str]]] | None = None
        self._row: list[tuple[str, str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figcaption":
            self._in_caption, self._caption = True, []
        elif tag == "table":
            self._table = (" ".join("".join(self._caption).split()), [], [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in {"td", "th"} and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption":
            self._in_caption = False
        elif tag in {"td", "th"} and self._row is not None and self._cell is not None:
            self._row.append((" ".join("".join(self._cell).split()), tag))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            cells = [text for text, _ in self._row]
            if all(kind == "th" for _, kind in self._row):
                self._table[1][:] = cells
            else:
                self._table[2].append(cells)
            self._row = None
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self._caption.append(data)
        if self._cell is not None:
            self._cell.append(data)


def dash_columns(page: str, allowed: tuple[str, ...] = ("Realisasi",)) -> list[str]:
    """Table columns whose every body cell is "-": a column that says nothing (its table should
    leave it out and say once what is missing). ``allowed``: column headers where "-" in every
    row is itself the finding (no realisasi yet, next to the target and the kriteria)."""
    reader = _Tables()
    reader.feed(page)
    problems = []
    for caption, header, rows in reader.tables:
        for j, name in enumerate(header):
            cells = [row[j] for row in rows if j < len(row)]
            if name not in allowed and cells and all(c in ("-", "") for c in cells) and "-" in cells:
                problems.append(f"{caption}: column {name!r} holds only '-'")
    return problems


def report_problems(page: str) -> list[str]:
    """Every problem of the three checks."""
    return empty_headings(page) + numbering_gaps(page) + raw_text(page)
