"""What the chapters of the Laporan Pengukuran Kinerja state about a run: the quarters it covers,
the quarters with data of each sasaran or programme, the latest physical progress, the projected
physical progress of a partial year and the summary of BAB V (how many IKU met their target, on
the capaian as shown, and their mean capaian).

The components only format these figures; nothing here formats for display.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sakip.analysis.indicators import TargetCounts, plausible, target_counts
from sakip.analysis.pengukuran.actions import ActionRow
from sakip.analysis.pengukuran.periods import check_upto
from sakip.analysis.pengukuran.quarters import IndicatorQuarters
from sakip.compute.capaian import Capaian, sasaran_capaian
from sakip.compute.kriteria import KriteriaScale


def run_quarters(upto: Optional[int]) -> list[int]:
    """The quarters a run up to ``upto`` covers: ``[1, 2]`` up to TW II, ``[1, 2, 3, 4]`` for the
    whole year (``None``)."""
    return list(range(1, check_upto(upto) + 1))


def quarters_with_data(row: ActionRow, quarters: Sequence[int]) -> list[int]:
    """The quarters in which a sasaran or programme has a realisasi: a cumulative keuangan
    realisasi, or a realisasi of any of its indicators."""
    out = []
    for q in quarters:
        money = row.keuangan.quarter(q)
        has_money = money is not None and money.realisasi is not None
        has_kinerja = any(r is not None and r.realisasi is not None
                          for r in (iq.quarter(q) for iq in row.indicators))
        if has_money or has_kinerja:
            out.append(q)
    return out


def latest_fisik_quarter(row: ActionRow) -> Optional[int]:
    """The last quarter with a physical progress value (``None`` when there is none)."""
    return max((q for q, v in row.fisik.items() if v is not None), default=None)


def projected_fisik(row: ActionRow) -> Optional[Decimal]:
    """Projected physical progress at the year end: the mean of the projected capaian of the
    row's indicators against their annual targets (``None`` for a whole year, or when no
    indicator has a measurable projection)."""
    items = [iq.projection.capaian for iq in row.indicators if iq.projection is not None]
    return sasaran_capaian(items, "mean").value if items else None


@dataclass(frozen=True)
class IkuSummary:
    """The IKU at the last quarter of a run: how many there are, how many are measured and meet
    their quarter's target (:func:`sakip.analysis.indicators.target_counts`, decided on the
    capaian as shown), their mean capaian and its kriteria, and the number of progress warnings."""

    total: int
    counts: TargetCounts
    mean: Capaian
    mean_kriteria: str
    flags: int


def iku_summary(items: Sequence[IndicatorQuarters], scale: KriteriaScale,
                flag_count: int = 0) -> IkuSummary:
    """Summary of the IKU at their latest quarter (TW ``upto``); ``flag_count`` is the number of
    warnings of the run (:func:`sakip.analysis.pengukuran.all_flags`). A capaian above the
    scale's plausible maximum is neither counted as met nor averaged."""
    latest = [iq.latest for iq in items if iq.latest is not None]
    counts = target_counts(latest, scale.max_capaian)
    mean = sasaran_capaian(plausible([r.capaian for r in latest], scale.max_capaian), "mean")
    return IkuSummary(len(items), counts, mean, scale.classify(mean.value), flag_count)
