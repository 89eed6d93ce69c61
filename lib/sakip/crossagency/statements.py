"""The counts, orderings and verdicts that the compare and summary chapters state.

The chapters' sentences and table rows are formatted in :mod:`sakip.components.compare` and
:mod:`sakip.components.summary`; every number they state is computed here, from the frames of
:class:`~sakip.crossagency.context.CrossAgency`, so that a sentence and the table beside
it can never disagree. Nothing here formats or rounds for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Optional, Sequence

import pandas as pd

from sakip.compute.kriteria import KriteriaScale
from sakip.crossagency.scores import HIGH_HIGH, HIGH_LOW, LOW_HIGH, LOW_LOW

if TYPE_CHECKING:  # only for the annotations: the context imports nothing from here
    from sakip.crossagency.context import CrossAgency

#: The quadrants in the order the position table lists them (best first).
QUADRANT_ORDER = (HIGH_LOW, HIGH_HIGH, LOW_LOW, LOW_HIGH)


# --- the whole selection ------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """The size of the selection and its budget in the report's year."""

    n_agencies: int
    n_indicators: int
    pagu: Decimal
    realisasi: Decimal
    serapan: Optional[Decimal]

    @property
    def has_budget(self) -> bool:
        """Whether any pagu was recorded (a serapan sentence needs one)."""
        return bool(self.pagu)


def overview(ctx: "CrossAgency") -> Overview:
    """Agencies, IKU and the budget total of the selection in ``ctx.year``."""
    total = ctx.total
    return Overview(len(ctx.agency_ids), len(ctx.results), total["pagu"], total["realisasi"],
                    total["serapan"])


def with_serapan(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a budget frame (per agency or per urusan) that have a serapan (a chart shows
    only those)."""
    return frame[[s is not None for s in frame["serapan"]]]


# --- kriteria -----------------------------------------------------------------------------------


def kriteria_spread(kriteria_agencies: pd.DataFrame) -> list[tuple[str, int]]:
    """(kriteria, number of IKU) for every kriteria that occurs, in the scale's order then
    'Tidak Dapat Diukur' (the order of :func:`~sakip.crossagency.kriteria_agencies`)."""
    return [(r.kriteria, int(r.indicators)) for r in kriteria_agencies.itertuples() if r.indicators]


def kriteria_totals(kriteria: pd.DataFrame, labels: Sequence[str]) -> dict[str, int]:
    """The column sums of :func:`~sakip.crossagency.kriteria_counts` (each label and
    ``total``): the 'Jumlah' row."""
    totals = {label: int(kriteria[label].sum()) for label in labels}
    totals["total"] = int(kriteria["total"].sum())
    return totals


@dataclass(frozen=True)
class KriteriaShift:
    """How the number of IKU of one kriteria changed from the previous year."""

    kriteria: str
    previous: int
    current: int
    change: int

    @property
    def direction(self) -> str:
        """``"up"``, ``"down"`` or ``"same"``."""
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"


def top_kriteria_shift(kriteria_change: pd.DataFrame, scale: KriteriaScale,
                       has_previous: bool) -> Optional[KriteriaShift]:
    """The change of the scale's best kriteria ("Sangat Baik"), or None when the previous year has
    no IKU result to compare with."""
    top = scale.labels[0]
    rows = {r.kriteria: r for r in kriteria_change.itertuples()}
    if top not in rows or not has_previous:
        return None
    row = rows[top]
    return KriteriaShift(top, int(row.previous), int(row.current), int(row.change))


# --- below target -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BelowSummary:
    """The IKU below target: how many, on how many agencies, and the lowest one."""

    n_indicators: int
    n_agencies: int
    lowest_capaian: Optional[Decimal] = None
    lowest_indicator: Optional[str] = None
    lowest_agency: Optional[str] = None


def below_summary(below: pd.DataFrame) -> BelowSummary:
    """From :func:`~sakip.crossagency.below_target_list` (lowest capaian first)."""
    if not len(below):
        return BelowSummary(0, 0)
    worst = below.iloc[0]
    return BelowSummary(len(below), int(below["agency_id"].nunique()), worst["capaian"],
                        worst["indicator"], worst["agency"])


def agencies_below(scores: pd.DataFrame) -> list[dict]:
    """The agencies with at least one IKU below target, most such IKU first, then by name."""
    rows = [r for r in scores.to_dict("records") if r["n_below"] > 0]
    return sorted(rows, key=lambda r: (-r["n_below"], r["agency"]))


# --- budget -------------------------------------------------------------------------------------


def lowest_urusan(urusan: pd.DataFrame) -> Optional[dict]:
    """The urusan with the lowest serapan (ties: by name), when at least two urusan have one."""
    present = with_serapan(urusan).to_dict("records")
    if len(present) <= 1:
        return None
    return min(present, key=lambda r: (r["serapan"], r["urusan"]))


# --- RPJMD/RPD cascade --------------------------------------------------------------------------


def sasaran_label(record: dict) -> str:
    """How a sasaran of the plan is named: its number ("Sasaran 10"), else its code."""
    return str(record["number"] or record["code"])


def is_served(record: dict) -> bool:
    """A sasaran of the plan is served when at least one IKU supports it."""
    return bool(record["n_indicators"])


@dataclass(frozen=True)
class CoverageSummary:
    """How many sasaran of the plan there are, how many are served, and those that are not
    (label and statement, in the plan's order)."""

    n_sasaran: int
    n_served: int
    unserved: tuple[tuple[str, str], ...]


def coverage_summary(coverage: pd.DataFrame) -> CoverageSummary:
    """From :func:`~sakip.crossagency.cascade_coverage`."""
    records = coverage.to_dict("records")
    unserved = tuple((sasaran_label(r), str(r["statement"])) for r in records if not is_served(r))
    return CoverageSummary(len(records), len(records) - len(unserved), unserved)


# --- audit findings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingsSummary:
    """Audit findings over the selection."""

    n_agencies: int
    n_with_findings: int
    n_findings: int
    n_errors: int


def findings_summary(by_agency: pd.DataFrame) -> FindingsSummary:
    """From :func:`~sakip.crossagency.findings_by_agency` (every selected agency)."""
    return FindingsSummary(len(by_agency), int((by_agency["total"] > 0).sum()),
                           int(by_agency["total"].sum()), int(by_agency["error"].sum()))


def findings_ranked(by_agency: pd.DataFrame) -> list[dict]:
    """Agencies with the most errors first, then the most findings, then by name."""
    return sorted(by_agency.to_dict("records"), key=lambda r: (-r["error"], -r["total"], r["agency"]))


def findings_totals(by_agency: pd.DataFrame) -> dict[str, int]:
    """The 'Jumlah' row: findings per severity and in all."""
    return {k: int(by_agency[k].sum()) for k in ("error", "warning", "info", "total")}


# --- ranking and quadrant -----------------------------------------------------------------------


def ranked_scores(scores: pd.DataFrame) -> list[dict]:
    """The agencies' scores by capaian rank (shared ranks keep selection order; unranked last)."""
    return sorted(scores.to_dict("records"),
                  key=lambda r: (r["rank_capaian"] is None, r["rank_capaian"] or 0))


def shared_ranks(ranks: Sequence[Optional[int]]) -> list[tuple[int, int]]:
    """(rank, number of agencies) for every rank held by more than one agency, best first."""
    present = [r for r in ranks if r is not None]
    return [(r, present.count(r)) for r in sorted({r for r in present if present.count(r) > 1})]


def implausible_total(scores: pd.DataFrame) -> int:
    """IKU capaian left out of the means as implausible (above ``max_capaian``)."""
    return int(scores["n_implausible"].sum())


def quadrant_counts(points: pd.DataFrame) -> dict[str, int]:
    """Agencies per quadrant, every quadrant present (0 when empty), in :data:`QUADRANT_ORDER`."""
    counts = points["quadrant"].value_counts() if len(points) else pd.Series(dtype=int)
    return {q: int(counts.get(q, 0)) for q in QUADRANT_ORDER}


def numbered_quadrant(points: pd.DataFrame) -> list[dict]:
    """The quadrant's agencies by quadrant (:data:`QUADRANT_ORDER`, selection order within),
    numbered from 1: the chart labels its points with these numbers, the table explains them."""
    order = {q: i for i, q in enumerate(QUADRANT_ORDER)}
    rows = sorted(points.to_dict("records"), key=lambda r: order[r["quadrant"]])
    return [{"no": str(i), "agency": r["agency"], "serapan": r["serapan"],
             "mean": r["mean_capaian"], "quadrant": r["quadrant"]} for i, r in enumerate(rows, 1)]


# --- the executive summary ----------------------------------------------------------------------


@dataclass(frozen=True)
class ExecutiveSummary:
    """Every figure the Bappeda summary's executive text states."""

    overview: Overview
    spread: tuple[tuple[str, int], ...]
    below: BelowSummary
    lowest_urusan: Optional[dict]
    coverage: CoverageSummary
    top_shift: Optional[KriteriaShift]
    findings: FindingsSummary


def executive_summary(ctx: "CrossAgency") -> ExecutiveSummary:
    """The figures of the executive text of ``ctx``'s year."""
    has_previous = len(ctx.results_of(ctx.previous_year)) > 0
    return ExecutiveSummary(
        overview(ctx), tuple(kriteria_spread(ctx.kriteria_agencies)), below_summary(ctx.below),
        lowest_urusan(ctx.urusan), coverage_summary(ctx.coverage),
        top_kriteria_shift(ctx.kriteria_change, ctx.scale, has_previous),
        findings_summary(ctx.findings_by_agency))
