"""Figures across agencies, computed from the analytical store (``docs/COMPARE.md``).

Every function here is pure: it takes a read-only DuckDB connection (or rows read from it) and
returns DataFrames or dataclasses whose numbers are :class:`~decimal.Decimal` (DuckDB rows are
fetched with ``fetchall``, never ``.df()``, so ``DECIMAL(38,6)`` never becomes a float). Nothing
is rounded or formatted here; views do that at the very end.

Rules, each documented in ``docs/COMPARE.md``:

* indicators are the agencies' IKU (``indicator_results.is_iku``) with their capaian and kriteria
  as stored by ``sakip ingest`` (default kriteria scale);
* below target = a measurable capaian that, shown with two decimals, is under 100%;
* an agency's mean capaian averages its measurable IKU capaian, leaving out the implausible
  ones (above ``max_capaian``, 300% by default: the audit's ``capaian_implausible``);
* serapan is always ``Σ realisasi / Σ pagu`` over leaf budget lines (:mod:`sakip.compute.budget`), never
  an average of percentages; a leaf without urusan takes its programme's;
* rankings use the values as shown (two decimals) and the ``min`` method: 1, 2, 2, 4;
* audit findings are computed when asked, by :func:`sakip.audit.run_audit` on each agency's input
  as recorded in ``agencies.source``; the input must be the one ingested (same ``input_hash``,
  see :func:`stale_agencies`), so the findings describe exactly the figures in the store.
"""

# The package is split by concern; every name a caller used from the former single module is
# re-exported here, so ``from sakip.crossagency import ...`` and ``cx.<name>`` keep working:
# common (constants, error, reading helpers), selection (agencies, freshness, IKU results),
# scores (values as shown, ranks, kriteria, quadrant), budget (per agency and urusan),
# cascade (RPJMD coverage), change (previous year, trends), findings (audit), context (the
# CrossAgency object a notebook opens), statements (the counts and orderings the chapters state).

from sakip.crossagency.budget import (
    BUDGET_COLUMNS,
    budget_by_agency,
    budget_by_urusan,
    budget_lines,
    budget_total,
)
from sakip.crossagency.cascade import COVERAGE_COLUMNS, cascade_coverage
from sakip.crossagency.change import (
    CHANGE_COLUMNS,
    agency_trend,
    indicator_trend,
    kriteria_change,
    year_change,
)
from sakip.crossagency.common import (
    COMPARISON_LABEL,
    DEFAULT_MAX_CAPAIAN,
    HUNDRED,
    NO_URUSAN,
    CrossAgencyError,
)
from sakip.crossagency.context import CrossAgency, Selection, open_crossagency
from sakip.crossagency.findings import audit_findings, findings_by_agency, findings_by_code
from sakip.crossagency.scores import (
    HIGH_HIGH,
    HIGH_LOW,
    LOW_HIGH,
    LOW_LOW,
    SCORE_COLUMNS,
    Quadrant,
    agency_scores,
    below_target,
    below_target_list,
    kriteria_agencies,
    kriteria_counts,
    mean,
    median,
    quadrant,
    rank_min,
    shown,
)
from sakip.crossagency.selection import (
    RESULT_COLUMNS,
    agencies,
    iku_results,
    stale_agencies,
    years,
)
from sakip.crossagency.statements import (
    QUADRANT_ORDER,
    BelowSummary,
    CoverageSummary,
    ExecutiveSummary,
    FindingsSummary,
    KriteriaShift,
    Overview,
    agencies_below,
    below_summary,
    coverage_summary,
    executive_summary,
    findings_ranked,
    findings_summary,
    findings_totals,
    implausible_total,
    is_served,
    kriteria_spread,
    kriteria_totals,
    lowest_urusan,
    numbered_quadrant,
    overview,
    quadrant_counts,
    ranked_scores,
    sasaran_label,
    shared_ranks,
    top_kriteria_shift,
    with_serapan,
)

__all__ = [
    "agencies",
    "agencies_below",
    "agency_scores",
    "agency_trend",
    "audit_findings",
    "below_summary",
    "below_target",
    "below_target_list",
    "BelowSummary",
    "budget_by_agency",
    "budget_by_urusan",
    "BUDGET_COLUMNS",
    "budget_lines",
    "budget_total",
    "cascade_coverage",
    "CHANGE_COLUMNS",
    "COMPARISON_LABEL",
    "COVERAGE_COLUMNS",
    "coverage_summary",
    "CoverageSummary",
    "CrossAgency",
    "CrossAgencyError",
    "DEFAULT_MAX_CAPAIAN",
    "executive_summary",
    "ExecutiveSummary",
    "findings_by_agency",
    "findings_by_code",
    "findings_ranked",
    "findings_summary",
    "findings_totals",
    "FindingsSummary",
    "HIGH_HIGH",
    "HIGH_LOW",
    "HUNDRED",
    "iku_results",
    "implausible_total",
    "indicator_trend",
    "is_served",
    "kriteria_agencies",
    "kriteria_change",
    "kriteria_counts",
    "kriteria_spread",
    "kriteria_totals",
    "KriteriaShift",
    "LOW_HIGH",
    "LOW_LOW",
    "lowest_urusan",
    "mean",
    "median",
    "NO_URUSAN",
    "numbered_quadrant",
    "open_crossagency",
    "Overview",
    "overview",
    "Quadrant",
    "quadrant",
    "quadrant_counts",
    "QUADRANT_ORDER",
    "rank_min",
    "ranked_scores",
    "RESULT_COLUMNS",
    "sasaran_label",
    "SCORE_COLUMNS",
    "Selection",
    "shared_ranks",
    "shown",
    "stale_agencies",
    "top_kriteria_shift",
    "with_serapan",
    "year_change",
    "years",
]
