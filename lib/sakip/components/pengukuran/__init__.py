"""Laporan Pengukuran Kinerja: the elements of its chapters (BAB I-III and V; BAB IV, the PK
cascade, is :mod:`sakip.components.cascade`). Figures come from :mod:`sakip.analysis.pengukuran`;
this package only formats them, one element per function.

The notebooks in ``notebooks/pengukuran/`` call the names re-exported here
(``pengukuran.iku_table(ctx)``), one module per part of the report:

* :mod:`.shared`: the quarters of the run, cached figures, period banner, analyst's narrative;
* :mod:`.intro`: BAB I, who reports what each quarter;
* :mod:`.iku`: BAB II (IKU per Renstra year) and the IKU per triwulan of BAB III;
* :mod:`.actions`: BAB III, the rencana aksi with physical and financial progress;
* :mod:`.flags`: BAB III, the warnings;
* :mod:`.conclusion`: BAB V, analysis, closing and signature.
"""

from sakip.components.pengukuran.actions import (
    action_table,
    progress_chart,
    progress_text,
    sasaran_heading,
    sasaran_plan_table,
)
from sakip.components.pengukuran.conclusion import (
    analysis_summary,
    analyst_notes,
    closing_words,
    signature,
)
from sakip.components.pengukuran.flags import FLAG_LABELS, flags_summary, flags_table
from sakip.components.pengukuran.iku import (
    iku_chart,
    iku_evaluation_table,
    iku_intro,
    iku_sentences,
    iku_table,
)
from sakip.components.pengukuran.intro import responsibility_intro, responsibility_table
from sakip.components.pengukuran.shared import (
    action_blocks,
    missing_narrative,
    narrative_elements,
    period_banner,
)

__all__ = [
    "FLAG_LABELS",
    "action_blocks",
    "action_table",
    "analysis_summary",
    "analyst_notes",
    "closing_words",
    "flags_summary",
    "flags_table",
    "iku_chart",
    "iku_evaluation_table",
    "iku_intro",
    "iku_sentences",
    "iku_table",
    "missing_narrative",
    "narrative_elements",
    "period_banner",
    "progress_chart",
    "progress_text",
    "responsibility_intro",
    "responsibility_table",
    "sasaran_heading",
    "sasaran_plan_table",
    "signature",
]
