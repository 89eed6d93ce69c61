"""Formatting of results shared by every chapter view."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from sakip.analysis.indicators import IndicatorResult
from sakip.components import html as p
from sakip.components.elements import Narrative
from sakip.components.elements import badge as badge_element
from sakip.compute.capaian import Capaian
from sakip.compute.formatting import fmt_number, fmt_pct, fmt_perf_value, fmt_rupiah
from sakip.compute.kriteria import KriteriaScale

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


def narrative(agency, section: str, sasaran_id: str | None = None) -> Optional[Narrative]:
    """The analyst's Markdown for a section (and sasaran) as one element; None when empty."""
    texts = [n.text for n in agency.narrative(section, sasaran_id) if n.text and n.text.strip()]
    return Narrative("\n\n".join(texts)) if texts else None


def badge_cell(scale: KriteriaScale, capaian: Capaian) -> dict:
    """A kriteria badge table cell (label and the scale's colour)."""
    return badge_element(scale.classify(capaian.value), scale.colour(capaian.value))


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
