"""BAB III, the warnings on quarterly progress: a summary sentence and the table of warnings."""

from __future__ import annotations

from typing import Optional

from sakip.analysis import pengukuran as pg
from sakip.analysis.report_context import ReportContext
from sakip.components import html as p
from sakip.components.elements import Paragraphs, Table
from sakip.components.pengukuran.shared import action_blocks, upto
from sakip.compute.formatting import fmt_int, fmt_number

FLAG_LABELS = {
    "keuangan_tertinggal": "Keuangan tertinggal dari fisik",
    "tanpa_kemajuan": "Tidak ada kemajuan",
    "kumulatif_menurun": "Realisasi kumulatif menurun",
    "target_menurun": "Target kumulatif menurun",
    "melampaui_target": "Realisasi jauh di atas target",
    "melampaui_rencana": "Realisasi keuangan melebihi rencana",
    "rencana_tidak_lengkap": "Rencana keuangan tidak lengkap",
}


def flags_summary(ctx: ReportContext) -> Paragraphs:
    """How many warnings of each kind the run raised, and the thresholds behind them."""
    flags = pg.all_flags(action_blocks(ctx))
    n = pg.roman(upto(ctx))
    if not flags:
        return Paragraphs(f"Tidak ada peringatan s.d. TW {n}.")
    counts = pg.count_flags(flags)
    return Paragraphs(
        f"Pemeriksaan otomatis atas data s.d. TW {n} menghasilkan {fmt_int(len(flags))} "
        "peringatan: " + ", ".join(f"{FLAG_LABELS[k].lower()} {fmt_int(v)}" for k, v in counts.items())
        + f". Keuangan dianggap tertinggal bila lebih dari {fmt_number(pg.DEFAULT_GAP, 0)} poin di "
        f"bawah kemajuan fisik; capaian di atas {fmt_number(ctx.options.max_capaian, 0)}% dianggap "
        "tidak wajar.")


def flags_table(ctx: ReportContext) -> Optional[Table]:
    """Every warning, worded from the numbers (``None`` when there is none)."""
    flags = pg.all_flags(action_blocks(ctx))
    if not flags:
        return None
    records = [{"ref": f.label, "tw": pg.roman(f.quarter) if f.quarter else "-",
                "jenis": FLAG_LABELS[f.kind], "uraian": f.message} for f in flags]
    return Table.from_records(
        f"Peringatan Kemajuan Fisik dan Keuangan ({pg.period_label(upto(ctx))})", records,
        [p.Column("Sasaran/Program", "ref"), p.Column("TW", "tw", "center"),
         p.Column("Jenis", "jenis"), p.Column("Uraian", "uraian")])
