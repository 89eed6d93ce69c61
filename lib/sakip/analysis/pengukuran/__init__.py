"""Quarterly performance measurement (Laporan Pengukuran Kinerja) and the PK cascade.

Built on :mod:`sakip.compute.triwulan` (cumulative series, year-end projection, schedule warnings),
:mod:`sakip.compute.capaian` and :mod:`sakip.compute.kriteria`. Nothing here formats for display except the
Indonesian messages of :class:`Flag`, which are worded from the numbers they report. Every rule is
documented in ``docs/PENGUKURAN.md``; in short:

* a run "up to triwulan N" only ever reads TW1..TWN realisasi (``upto``);
* **physical progress** (kinerja) of an indicator at quarter q = its capaian at q measured against
  the *annual* target (TW IV target, else the TAHUN target), so that 100 means the year's target
  is reached; a sasaran's or programme's physical progress is the mean over its measurable
  indicators, unless ``budget_quarterly.fisik_realisasi`` is given;
* **financial progress** (keuangan) at q = cumulative keuangan realisasi at q / annual plan ×
  100, where the **annual plan** is Σ pagu of the budget lines of the ref when known, else the
  cumulative keuangan target of TW IV, else that of the latest quarter with a target;
* **projection** to TW IV: ``triwulan.project_year_end`` for cumulative money and for
  ``kumulatif`` indicators; the latest value for ``nilai_akhir`` indicators (a stock or a rate
  carries over); the mean so far for ``rata_rata`` indicators;
* the **cascade** follows ``units.parent_unit_id``; a unit's capaian is the mean of its measurable
  indicators ("tidak dapat diukur" when none has a realisasi).

Modules, one concern each (``from sakip.analysis.pengukuran import X`` works for every public name):

* :mod:`.periods`: the quarters of a run (``upto``, "Triwulan II");
* :mod:`.quarters`: an indicator quarter by quarter, its projection, IKU targets per year;
* :mod:`.financial`: cumulative financial progress against the annual plan;
* :mod:`.flags`: warnings on quarterly progress;
* :mod:`.actions`: the rencana aksi rows (sasaran and programmes) with their progress and flags,
  and all the flags of a run;
* :mod:`.sasaran_plan`: the rencana aksi at the level of the sasaran strategis (targets and
  realisasi per quarter, person responsible);
* :mod:`.pk_cascade`: the PK cascade and its org-chart layout;
* :mod:`.summary`: what the chapters state about a run (quarters with data, the IKU summary).
"""

from sakip.analysis.pengukuran.actions import ActionRow, action_rows, all_flags, physical_progress
from sakip.analysis.pengukuran.financial import (
    AnnualPlan,
    FinancialProgress,
    FinancialQuarter,
    annual_plan,
    financial_progress,
    quarterly_rows,
    ref_pagu,
)
from sakip.analysis.pengukuran.flags import (
    Flag,
    FlagKind,
    count_flags,
    decreasing_steps,
    progress_flags,
)
from sakip.analysis.pengukuran.periods import HUNDRED, ROMAN, check_upto, period_label, roman
from sakip.analysis.pengukuran.pk_cascade import (
    CascadeNode,
    UnitIndicator,
    cascade,
    iku_support,
    period_value,
    plausible_mean,
    supported_iku,
    tree_layout,
    unit_indicators,
    unit_tree,
)
from sakip.analysis.pengukuran.quarters import (
    QUARTER_SOURCES,
    YEAR_SOURCES,
    IndicatorQuarters,
    Projection,
    QuarterResult,
    annual_target,
    iku_quarters,
    iku_year_targets,
    indicator_capaian,
    indicator_quarters,
    numeric,
    project_indicator,
    quarter_target,
    renstra_years,
)
from sakip.analysis.pengukuran.sasaran_plan import RENCANA_AKSI_FIRST, SasaranPlanRow, sasaran_plan
from sakip.analysis.pengukuran.summary import (
    IkuSummary,
    iku_summary,
    latest_fisik_quarter,
    projected_fisik,
    quarters_with_data,
    run_quarters,
)
from sakip.compute.triwulan import (
    DEFAULT_GAP,  # part of this package's interface: the views word flags with it
)

__all__ = [
    "RENCANA_AKSI_FIRST",
    "SasaranPlanRow",
    "sasaran_plan",
    "action_rows",
    "ActionRow",
    "all_flags",
    "annual_plan",
    "annual_target",
    "AnnualPlan",
    "cascade",
    "CascadeNode",
    "check_upto",
    "count_flags",
    "decreasing_steps",
    "DEFAULT_GAP",
    "financial_progress",
    "FinancialProgress",
    "FinancialQuarter",
    "Flag",
    "FlagKind",
    "HUNDRED",
    "iku_quarters",
    "iku_summary",
    "IkuSummary",
    "iku_support",
    "iku_year_targets",
    "indicator_capaian",
    "indicator_quarters",
    "IndicatorQuarters",
    "latest_fisik_quarter",
    "numeric",
    "period_label",
    "period_value",
    "physical_progress",
    "plausible_mean",
    "progress_flags",
    "project_indicator",
    "projected_fisik",
    "Projection",
    "QUARTER_SOURCES",
    "quarter_target",
    "quarterly_rows",
    "quarters_with_data",
    "QuarterResult",
    "ref_pagu",
    "renstra_years",
    "ROMAN",
    "roman",
    "run_quarters",
    "supported_iku",
    "tree_layout",
    "unit_indicators",
    "unit_tree",
    "UnitIndicator",
    "YEAR_SOURCES",
]
