"""The rencana aksi evaluation: per strategic sasaran, the sasaran and its programmes quarter by
quarter with physical and financial progress, the person responsible and the flags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Optional

from sakip.analysis.pengukuran.financial import (
    FinancialProgress,
    financial_progress,
    quarterly_rows,
)
from sakip.analysis.pengukuran.flags import Flag, progress_flags
from sakip.analysis.pengukuran.periods import check_upto
from sakip.analysis.pengukuran.quarters import IndicatorQuarters, indicator_quarters
from sakip.compute import defaults
from sakip.compute.capaian import sasaran_capaian
from sakip.compute.kriteria import KriteriaScale
from sakip.compute.triwulan import DEFAULT_GAP
from sakip.model import rows as m
from sakip.model.agency import Agency

# --- rencana aksi: sasaran and programmes ----------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """One row block of the rencana aksi evaluation: a sasaran or a programme, its indicators
    quarter by quarter, physical and financial progress, and the person responsible."""

    ref: str
    kind: Literal["sasaran", "program"]
    label: str
    indicators: tuple[IndicatorQuarters, ...]
    fisik: dict[int, Optional[Decimal]]  # physical progress (%) per quarter
    keuangan: FinancialProgress
    penanggung_jawab: str
    flags: tuple[Flag, ...] = ()


def physical_progress(indicators: Sequence[IndicatorQuarters],
                      explicit: Optional[Mapping[int, Optional[Decimal]]] = None) -> dict[int, Optional[Decimal]]:
    """Physical progress (%) per quarter: the explicit ``fisik_realisasi`` when typed, else the
    mean over the measurable indicators of their capaian against the annual target."""
    quarters = sorted({r.quarter for i in indicators for r in i.quarters}
                      | set(explicit or {}))
    out: dict[int, Optional[Decimal]] = {}
    for q in quarters:
        if explicit and explicit.get(q) is not None:
            out[q] = explicit[q]
            continue
        items = [r.progress for i in indicators for r in i.quarters if r.quarter == q]
        mean = sasaran_capaian(items, "mean")
        out[q] = mean.value
    return out


def _responsible(agency: Agency, keuangan: FinancialProgress, unit_id: Optional[str]) -> str:
    if keuangan.penanggung_jawab:
        return keuangan.penanggung_jawab
    units = {u.unit_id: u for u in agency.units()}
    if unit_id and unit_id in units:
        return units[unit_id].position
    head = next((u for u in agency.units() if u.kind == "kepala"), None)
    return head.position if head else (agency.profile.head_position or "Kepala Perangkat Daerah")


def action_rows(agency: Agency, year: int, upto: Optional[int], scale: KriteriaScale,
                max_capaian: Decimal = defaults.MAX_CAPAIAN, gap: Decimal = DEFAULT_GAP) -> list[tuple[m.Sasaran, list[ActionRow]]]:
    """Per strategic sasaran: the sasaran's own row, then one row per programme whose budget line
    serves it (``budget.sasaran_id``), each with its flags."""
    out = []
    programmes = [b for b in agency.budget_lines(year) if b.level == "program"]
    for sasaran in agency.strategic_sasaran:
        rows = []
        blocks: list[tuple[str, Literal["sasaran", "program"], str, list[m.Indikator],
                           Optional[str]]] = [
            (sasaran.sasaran_id, "sasaran", sasaran.statement,
             agency.indicators_of(sasaran.sasaran_id), sasaran.unit_id)]
        for line in programmes:
            if line.sasaran_id == sasaran.sasaran_id:
                blocks.append((line.code, "program", line.name, agency.budget_indicators(line.code),
                               line.unit_id))
        for ref, kind, label, indicators, unit_id in blocks:
            iq = tuple(indicator_quarters(agency, i, year, upto, scale) for i in indicators)
            explicit_rows = quarterly_rows(agency, ref, year)
            explicit = {q: r.fisik_realisasi for q, r in explicit_rows.items()
                        if q <= check_upto(upto)}
            fisik = physical_progress(iq, explicit)
            keuangan = financial_progress(agency, ref, year, upto)
            flags = progress_flags(ref, label, iq, fisik, keuangan, max_capaian=max_capaian, gap=gap)
            rows.append(ActionRow(ref, kind, label, iq, fisik, keuangan,
                                  _responsible(agency, keuangan, unit_id), tuple(flags)))
        out.append((sasaran, rows))
    return out


# --- flags ------------------------------------------------------------------------------------------


def all_flags(blocks: Sequence[tuple[m.Sasaran, Sequence[ActionRow]]]) -> list[Flag]:
    """The flags of every row block, sasaran by sasaran."""
    return [f for _, rows in blocks for r in rows for f in r.flags]
