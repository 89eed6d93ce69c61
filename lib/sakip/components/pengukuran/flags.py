"""BAB III 3.3: the warnings on quarterly progress, worded from the numbers."""

from __future__ import annotations

from sakip.analysis import pengukuran as pg
from sakip.analysis.context import ReportContext
from sakip.components import html as p
from sakip.components.pengukuran.shared import action_blocks, upto
from sakip.compute.formatting import fmt_number

FLAG_LABELS = {
    "keuangan_tertinggal": "Keuangan tertinggal dari fisik",
    "tanpa_kemajuan": "Tidak ada kemajuan",
    "kumulatif_menurun": "Realisasi kumulatif menurun",
    "target_menurun": "Target kumulatif menurun",
    "melampaui_target": "Realisasi jauh di atas target",
    "melampaui_rencana": "Realisasi keuangan melebihi rencana",
    "rencana_tidak_lengkap": "Rencana keuangan tidak lengkap",
}


def flags_section(ctx: ReportContext) -> str:
    """3.3: every warning, worded from the numbers."""
    flags = pg.all_flags(action_blocks(ctx))
    out = p.heading("3.3 Peringatan Kemajuan Triwulan", 2, anchor="peringatan")
    if not flags:
        return out + p.paragraph(f"Tidak ada peringatan s.d. Triwulan {pg.roman(upto(ctx))}.")
    counts = pg.count_flags(flags)
    out += p.paragraph(
        f"Pemeriksaan otomatis atas data s.d. Triwulan {pg.roman(upto(ctx))} menghasilkan {len(flags)} "
        "peringatan: " + ", ".join(f"{FLAG_LABELS[k].lower()} {v}" for k, v in counts.items())
        + f". Keuangan dianggap tertinggal bila lebih dari {fmt_number(pg.DEFAULT_GAP, 0)} poin di "
        f"bawah kemajuan fisik; capaian di atas {fmt_number(ctx.options.max_capaian, 0)}% dianggap tidak wajar.")
    records = [{"ref": f.label, "tw": pg.roman(f.quarter) if f.quarter else "-",
                "jenis": FLAG_LABELS[f.kind], "uraian": f.message} for f in flags]
    out += p.figure("tabel", f"Peringatan Kemajuan Fisik dan Keuangan ({pg.period_label(upto(ctx))})",
                    p.table_html(records, [p.Column("Sasaran/Program", "ref"), p.Column("TW", "tw", "center"),
                                           p.Column("Jenis", "jenis"), p.Column("Uraian", "uraian")]))
    return out
