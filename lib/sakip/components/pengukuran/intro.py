"""BAB I: who reports each sasaran and programme, and the quarters with data so far. The
background and the mechanism are the analyst's narrative (:func:`.shared.narrative_elements`)."""

from __future__ import annotations

from typing import Optional

from sakip.analysis import pengukuran as pg
from sakip.analysis.report_context import ReportContext
from sakip.components import html as p
from sakip.components.common import labelled
from sakip.components.elements import Paragraphs, Table
from sakip.components.pengukuran.shared import action_blocks, quarters, upto
from sakip.compute.formatting import fmt_int
from sakip.compute.wording import quarter_label


def _responsibility_records(ctx: ReportContext) -> list[dict]:
    records = []
    for _sasaran, rows in action_blocks(ctx):
        for row in rows:
            with_data = pg.quarters_with_data(row, quarters(ctx))
            records.append({
                "ref": labelled("Sasaran" if row.kind == "sasaran" else "Program", row.label, ": "),
                "pj": row.penanggung_jawab,
                "n": fmt_int(len(row.indicators)),
                "tw": ", ".join(quarter_label(q) for q in with_data) or "belum ada",
            })
    return records


def responsibility_intro(ctx: ReportContext) -> Optional[Paragraphs]:
    """The sentence introducing the table of the persons responsible (``None`` without rows)."""
    if not _responsibility_records(ctx):
        return None
    return Paragraphs(f"Pengumpulan data dilakukan per triwulan. Tabel berikut memuat penanggung "
                      f"jawab tiap sasaran dan program serta triwulan yang datanya sudah tersedia "
                      f"(s.d. {quarter_label(upto(ctx))}).")


def responsibility_table(ctx: ReportContext) -> Optional[Table]:
    """Who reports each sasaran and programme, its number of indicators and the quarters with
    data so far (``None`` when the agency has no strategic sasaran)."""
    records = _responsibility_records(ctx)
    if not records:
        return None
    return Table.from_records(
        f"Penanggung Jawab Pengumpulan Data Kinerja Tahun {ctx.year}", records,
        [p.Column("Sasaran/Program", "ref"), p.Column("Penanggung Jawab", "pj"),
         p.Column("Jumlah Indikator", "n", "center"), p.Column("Triwulan Berdata", "tw")],
        source="Rencana aksi serta realisasi kinerja dan keuangan per triwulan")
