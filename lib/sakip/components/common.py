"""Formatting of results shared by every chapter view."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional, Sequence

from markdown_it import MarkdownIt

from sakip.analysis.indicators import IndicatorResult
from sakip.analysis.supplementary import SupplementaryTable, shown_places
from sakip.audit import narrative as narrative_audit
from sakip.audit.findings import AuditConfig
from sakip.components import charts
from sakip.components import html as p
from sakip.components.elements import Chart, Column, Element, Narrative, Table
from sakip.components.elements import badge as badge_element
from sakip.compute.capaian import Capaian
from sakip.compute.formatting import fmt_number, fmt_pct, fmt_perf_value, fmt_rupiah
from sakip.compute.kriteria import KriteriaScale
from sakip.compute.wording import join_and, start_sentence

NOT_MEASURABLE = "tidak dapat diukur"


def capaian_text(capaian: Capaian) -> str:
    """"101,47%", or "tidak dapat diukur (target 0)" when there is no value."""
    if capaian.value is None:
        return f"{NOT_MEASURABLE} ({capaian.reason})" if capaian.reason else NOT_MEASURABLE
    return fmt_pct(capaian.value)


def pct_or_dash(value: Optional[Decimal]) -> str:
    return "-" if value is None else fmt_pct(value)


def number_or_dash(value: Optional[Decimal], places: int = 2) -> str:
    return "-" if value is None else fmt_number(value, places)


def rupiah_or_dash(value: Optional[Decimal]) -> str:
    return "-" if value is None else fmt_rupiah(value)


def amount_cell(value: Optional[Decimal]) -> str:
    """An amount in a table column headed "(Rp)": thousands dots, no currency prefix."""
    return "-" if value is None else fmt_number(value, 0)


def badge(scale: KriteriaScale, capaian: Capaian) -> str:
    return p.kriteria_badge(scale.classify(capaian.value), scale.colour(capaian.value))


def target_text(result: IndicatorResult) -> str:
    return fmt_perf_value(result.target, result.indicator.unit)


def realisasi_text(result: IndicatorResult) -> str:
    return fmt_perf_value(result.realisasi, result.indicator.unit)


def indicator_record(result: IndicatorResult, scale: KriteriaScale) -> dict:
    """The usual columns of an indicator row: target, realisasi, capaian, kriteria."""
    return {
        "indikator": result.indicator.name,
        "satuan": result.indicator.unit or "-",
        "target": target_text(result),
        "realisasi": realisasi_text(result),
        "capaian": capaian_text(result.capaian),
        "kriteria": badge(scale, result.capaian),
    }


INDICATOR_COLUMNS = [
    p.Column("Indikator Kinerja", "indikator"),
    p.Column("Satuan", "satuan", "center"),
    p.Column("Target", "target", "right"),
    p.Column("Realisasi", "realisasi", "right"),
    p.Column("Capaian", "capaian", "right"),
    p.Column("Kriteria", "kriteria", "center", kind="html"),
]


LEVEL_LABELS = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}


def labelled(label: str, name: str, sep: str = " ") -> str:
    """``label`` before ``name`` unless the name already starts with it: "Program" and
    "PROGRAM PELATIHAN KERJA" give "PROGRAM PELATIHAN KERJA", never "Program PROGRAM ..."."""
    if not label:
        return name
    if name.strip().lower().startswith(label.lower() + " "):
        return name.strip()
    return f"{label}{sep}{name.strip()}"


def level_name(level: Optional[str], name: str) -> str:
    """A budget line with its level: "Kegiatan Pembinaan ...", "PROGRAM PENEMPATAN ..."."""
    return labelled(LEVEL_LABELS.get(level or "", ""), name)


_MARKS: dict[int, tuple[object, list]] = {}


def audit_marks(agency) -> list:
    """(narrative row, sentence, note) of every contradiction the audit finds in the analyst's
    text (``sakip.audit.narrative``), computed once per agency object."""
    cached = _MARKS.get(id(agency))
    if cached is None or cached[0] is not agency:
        cached = (agency, narrative_audit.marks(agency, AuditConfig()))
        _MARKS.clear()
        _MARKS[id(agency)] = cached
    return cached[1]


def narrative(agency, section: str, sasaran_id: str | None = None) -> Optional[Narrative]:
    """The analyst's Markdown for a section (and sasaran) as one element, each sentence that
    contradicts the numbers marked in place (the report is a working copy the analyst corrects);
    None when empty."""
    rows = [n for n in agency.narrative(section, sasaran_id) if n.text and n.text.strip()]
    if not rows:
        return None
    marks = tuple((sentence, note) for row, sentence, note in audit_marks(agency)
                  if any(row is r for r in rows))
    return Narrative("\n\n".join(n.text for n in rows), marks)


def badge_cell(scale: KriteriaScale, capaian: Capaian) -> dict:
    """A kriteria badge table cell (label and the scale's colour)."""
    return badge_element(scale.classify(capaian.value), scale.colour(capaian.value))


Parts = Element | list[Element] | None


def one_or_many(parts: list[Element]) -> Parts:
    """None for no element, the element itself for one, else the list (shown element by element
    with :func:`sakip.components.elements.show`)."""
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else parts


def narrative_parts(agency, section: str, sasaran_id: str | None = None) -> list[Element]:
    """The analyst's Markdown for a section (and sasaran) as elements: its prose as
    :class:`Narrative` and each Markdown table as a numbered :class:`Table` (see
    :func:`markdown_parts`); an empty list when there is no text."""
    found = narrative(agency, section, sasaran_id)
    return [] if found is None else markdown_parts(found.markdown, marks=found.marks)


_MD_TABLES = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]\s+)?(?:[a-z]\)|\d+\)|[a-z]\.|\d+\.)?\s*", re.IGNORECASE)
_TABLE_NO = re.compile(r"^(?:Tabel|Table)\.?\s*[A-Z]?[\d.]*\s*[:.]?\s*", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\s*Sumber(?:\s+Data)?\s*:\s*(?P<source>.+?)\s*$", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"^[-(]?(?:Rp\.?\s*)?[\d.,]+%?\)?(?:,-)?\s*[a-zA-Z ]{0,12}$")


def _caption(text: str) -> Optional[str]:
    """The title of the table below a short one-line paragraph ("a) Jumlah Pencari Kerja ...",
    "Tabel 3.1 Skala Pengukuran Kinerja:"), None when the paragraph is prose."""
    line = text.strip()
    if "\n" in line or not line or len(line) > 160 or line.endswith((".", ";")):
        return None
    title = _TABLE_NO.sub("", _LIST_MARK.sub("", line, count=1), count=1)
    title = title.replace("**", "").replace("__", "").strip().rstrip(":").strip()
    return title or None


_LEAD_WORDS = re.compile(r"^(?:berikut(?:nya)?|adapun|yaitu|antara lain)\s+", re.IGNORECASE)
_LEAD_TAIL = re.compile(r"\s*(?:sebagai berikut|berikut ini|adalah|yaitu)?\s*:\s*$", re.IGNORECASE)


def _lead_in(text: str) -> Optional[str]:
    """A title from prose that introduces the table ("... Berikut kegiatan yang dilaksanakan
    oleh Dekranasda selama Tahun 2024 :"): its last sentence, when it ends with a colon."""
    line = " ".join(text.split())
    if not line.endswith(":"):
        return None
    sentence = re.split(r"(?<=[.!?])\s+", line)[-1]
    title = _LEAD_TAIL.sub("", _LEAD_WORDS.sub("", sentence)).strip()
    return title[:1].upper() + title[1:] if 0 < len(title) <= 160 else None


def _inline_text(token) -> str:
    return "".join(child.content for child in (token.children or [])
                   if child.type in ("text", "code_inline")).strip() or token.content.strip()


def _table_rows(tokens, start: int) -> tuple[list[str], list[list[str]]]:
    header: list[str] = []
    rows: list[list[str]] = []
    row: list[str] = []
    in_head = False
    for token in tokens[start:]:
        if token.type == "table_close":
            break
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline":
            row.append(_inline_text(token))
        elif token.type == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(row)
    return header, rows


def markdown_parts(text: str, default_title: str = "Data Pendukung",
                   marks: tuple[tuple[str, str], ...] = ()) -> list[Element]:
    """Analyst Markdown split into elements: prose stays :class:`Narrative`; every pipe table
    becomes a :class:`Table`, numbered by the renderer like every table, titled from the short
    line just above it ("a) Penempatan Tenaga Kerja Menurut Pendidikan ...", a typed "Tabel 3.1"
    dropped: the renderer numbers) and with the "Sumber Data : ..." line just below it as its
    source. Numbers are right-aligned; the cells are shown as typed."""
    tokens = _MD_TABLES.parse(text)
    lines = text.splitlines()
    blocks = [(i, t) for i, t in enumerate(tokens) if t.level == 0 and t.map is not None and t.nesting >= 0]
    if not any(t.type == "table_open" for _i, t in blocks):
        return [Narrative(text, marks)] if text.strip() else []
    out: list[Element] = []
    cursor = 0

    def prose(end: int) -> None:
        chunk = "\n".join(lines[cursor:end]).strip()
        if chunk:
            out.append(Narrative(chunk, tuple(m for m in marks if m[0] in chunk)))

    for k, (index, token) in enumerate(blocks):
        if token.type != "table_open" or token.map is None:
            continue
        start, end = token.map
        title, text_end = None, start
        if k > 0 and blocks[k - 1][1].type == "paragraph_open":
            before = blocks[k - 1][1]
            if before.map is not None and before.map[0] >= cursor:
                content = tokens[blocks[k - 1][0] + 1].content
                title = _caption(content)
                if title is not None:
                    text_end = before.map[0]
                else:
                    title = _lead_in(content)
        source = None
        if k + 1 < len(blocks) and blocks[k + 1][1].type == "paragraph_open":
            after = blocks[k + 1][1]
            match = _SOURCE_LINE.match(tokens[blocks[k + 1][0] + 1].content)
            if match and after.map is not None:
                source, end = match.group("source"), after.map[1]
        prose(text_end)
        header, rows = _table_rows(tokens, index)
        width = max([len(header), *(len(r) for r in rows)])
        header += [""] * (width - len(header))
        body = tuple(tuple(r + [""] * (width - len(r))) for r in rows)
        numeric = [bool(body) and all(not r[c] or r[c] == "-" or _NUMBER_CELL.match(r[c]) for r in body)
                   and any(r[c] and r[c] != "-" for r in body) for c in range(width)]
        columns = tuple(Column(h, "right" if numeric[c] else "left") for c, h in enumerate(header))
        out.append(Table(title or default_title, columns, body, source=source))
        cursor = end
    prose(len(lines))
    return out


def markdown_list_items(text: str) -> list[str]:
    """The items of the first list (bulleted or numbered) of a Markdown text, as plain text."""
    tokens = _MD_TABLES.parse(text)
    items: list[str] = []
    depth, inside = 0, False
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            inside = inside or depth == 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and inside:
                break
        elif token.type == "inline" and inside and depth == 1:
            items.append(_inline_text(token).rstrip(";.").strip())
    return [i for i in items if i]


def supplementary_elements(table: SupplementaryTable) -> list[Element]:
    """A supplementary table as a numbered :class:`Table` (a "Satuan" column when its rows have
    different units, otherwise the unit once in the first header), then its chart when the input
    asks for one. Numbers are shown the Indonesian way with the decimals they were typed with
    (``1,853`` typed the English way in a column of units is 1.853); totals as printed."""
    unit = table.single_unit
    mixed = len(table.units) > 1
    first = "Uraian" if mixed or not unit else f"Uraian (satuan: {unit})"
    columns = [Column(first)] + ([Column("Satuan", "center")] if mixed else [])
    columns += [Column(c, "right") for c in table.columns]
    rows, classes = [], []
    for row in table.rows:
        cells: list[str] = [row] + ([table.row_unit(row) or "-"] if mixed else [])
        for column in table.columns:
            cell = table.cell(row, column)
            number = None if cell is None else cell.number
            if number is not None:
                cells.append(fmt_number(number, shown_places(number)))
            else:
                cells.append((cell.value or "-") if cell is not None else "-")
        rows.append(tuple(cells))
        classes.append("total" if table.is_total_row(row) else "")
    out: list[Element] = [Table(table.title, tuple(columns), tuple(rows),
                                row_classes=tuple(classes) if any(classes) else None,
                                source=table.source)]
    chart = supplementary_chart(table)
    if chart is not None:
        out.append(chart)
    return out


def supplementary_chart(table: SupplementaryTable) -> Optional[Chart]:
    """The chart the input asks for: bars (``batang``) grouped by column with one bar per row,
    or lines (``garis``) over the columns; None without a request or without numbers."""
    rows = table.charted_rows
    if table.chart is None or not rows:
        return None
    series = {row: table.series(row) for row in rows}
    unit = table.single_unit or ""
    years = [int(c) for c in table.columns if c.strip().isdigit()]
    if table.chart == "garis" and len(years) == len(table.columns):
        fig = charts.line_trend(years, series, ylabel=unit, places=0)
    else:
        fig = charts.grouped_bars(list(table.columns), series, ylabel=unit)
    alt = f"{table.title}: " + "; ".join(
        f"{row}: " + ", ".join(f"{c} {fmt_number(v, shown_places(v))}" for c, v in zip(table.columns, values)
                               if v is not None) for row, values in series.items()) + "."
    return Chart.from_figure(fig, table.title, alt=alt, source=table.source)


def narrative_html(agency, section: str, sasaran_id: str | None = None) -> str:
    """The analyst's Markdown for a section (and sasaran), rendered safely, in order."""
    return "".join(p.markdown(n.text) for n in agency.narrative(section, sasaran_id))


def sasaran_indicator_records(ctx) -> list[dict]:
    """Every strategic indicator's row (target, realisasi, capaian, kriteria) with its sasaran."""
    records = []
    for s in ctx.sasaran:
        for r in s.indicators:
            rec = indicator_record(r, ctx.options.scale)
            rec["sasaran"] = s.sasaran.statement
            records.append(rec)
    return records


#: What a table cell holds when there is no value.
NO_VALUE = "-"


def unfilled_columns(records: Sequence[dict], keys: Sequence[str]) -> list[str]:
    """The keys, among ``keys`` and in their order, whose cell is empty (``"-"`` or blank) in
    every record: columns a table leaves out, and whose absence its note states once. Nothing
    is left out of a table without records."""
    if not records:
        return []
    return [key for key in keys
            if all(str(record.get(key, "")).strip() in ("", NO_VALUE) for record in records)]


def unfilled_note(groups: Sequence[tuple[str, Sequence[str]]], empty: Sequence[str],
                  subject: str = "indikator") -> Optional[str]:
    """The note of a table that left out unfilled columns: "Kondisi awal dan kondisi akhir
    indikator belum diisi." for the groups (label, column keys) whose every column is in
    ``empty``; None when no group is."""
    missing = [label for label, keys in groups if keys and all(k in empty for k in keys)]
    return f"{start_sentence(join_and(missing))} {subject} belum diisi." if missing else None
