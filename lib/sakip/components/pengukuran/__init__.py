"""Laporan Pengukuran Kinerja: measurement mechanism, IKU per Renstra year, the quarterly
evaluation of IKU and of the rencana aksi (physical and financial progress), warnings, analysis
and closing. Figures come from :mod:`sakip.analysis.pengukuran`; this package only formats them.

One module per part of the report; the notebooks in ``notebooks/pengukuran/`` call the names
re-exported here (``pengukuran.iku_table(ctx)``):

* :mod:`.shared`: the quarters of the run, cached figures, period banner, narrative;
* :mod:`.intro`: BAB I, mechanism and responsibilities;
* :mod:`.iku`: BAB II (IKU per Renstra year) and 3.1 (IKU per triwulan);
* :mod:`.actions`: 3.2, the rencana aksi with physical and financial progress;
* :mod:`.flags`: 3.3, the warnings;
* :mod:`.conclusion`: BAB IV (cascade) and BAB V (analysis, closing).
"""

from sakip.components.pengukuran.actions import action_evaluation, progress_chart
from sakip.components.pengukuran.conclusion import analysis, cascade_chapter, closing
from sakip.components.pengukuran.flags import FLAG_LABELS, flags_section
from sakip.components.pengukuran.iku import iku_evaluation, iku_table
from sakip.components.pengukuran.intro import mekanisme, responsibility_table
from sakip.components.pengukuran.shared import (
    action_blocks,
    iku_quarters,
    period_banner,
    quarters,
    upto,
)

__all__ = [
    "FLAG_LABELS",
    "action_blocks",
    "action_evaluation",
    "analysis",
    "cascade_chapter",
    "closing",
    "flags_section",
    "iku_evaluation",
    "iku_quarters",
    "iku_table",
    "mekanisme",
    "period_banner",
    "progress_chart",
    "quarters",
    "responsibility_table",
    "upto",
]
