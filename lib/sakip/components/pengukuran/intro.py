"""BAB I: background, the data-collection mechanism and who reports what each quarter."""

from __future__ import annotations

from sakip.analysis import pengukuran as pg
from sakip.analysis.context import ReportContext
from sakip.components import html as p
from sakip.components.pengukuran.shared import (
    _narrative,
    action_blocks,
    period_banner,
    quarters,
    upto,
)

# --- BAB I ---------------------------------------------------------------------------------------


def mekanisme(ctx: ReportContext) -> str:
    """BAB I: background from the analyst, the data-collection mechanism as configured for the
    agency, and who reports what each quarter."""
    out = p.heading("BAB I PENDAHULUAN DAN MEKANISME PENGUKURAN", 1, anchor="bab-i")
    out += period_banner(ctx)
    out += _narrative(ctx, "latar_belakang", "1")
    out += p.heading("1.6 Mekanisme Pengumpulan Data Kinerja", 2, anchor="mekanisme")
    mech = _narrative(ctx, "mekanisme_pengukuran", "1.6", level=3)
    out += mech or p.note("Narasi mekanisme pengukuran (mekanisme_pengukuran) belum diisi.", "warning")
    out += responsibility_table(ctx)
    return out


def responsibility_table(ctx: ReportContext) -> str:
    """Who reports each sasaran and programme, and the quarters with data so far."""
    records = []
    for _sasaran, rows in action_blocks(ctx):
        for row in rows:
            with_data = [q for q in quarters(ctx)
                         if (row.keuangan.quarter(q) and row.keuangan.quarter(q).realisasi is not None)
                         or any(iq.quarter(q) and iq.quarter(q).realisasi is not None for iq in row.indicators)]
            records.append({
                "ref": ("Sasaran: " if row.kind == "sasaran" else "Program: ") + row.label,
                "pj": row.penanggung_jawab,
                "n": str(len(row.indicators)),
                "tw": ", ".join(f"TW {pg.roman(q)}" for q in with_data) or "belum ada",
            })
    if not records:
        return ""
    n = upto(ctx)
    return (p.paragraph(f"Pengumpulan data dilakukan per triwulan. Tabel berikut memuat penanggung "
                        f"jawab tiap sasaran dan program serta triwulan yang datanya sudah tersedia "
                        f"(s.d. Triwulan {pg.roman(n)}).")
            + p.figure("tabel", f"Penanggung Jawab Pengumpulan Data Kinerja Tahun {ctx.year}", p.table_html(records, [
                p.Column("Sasaran/Program", "ref"), p.Column("Penanggung Jawab", "pj"),
                p.Column("Jumlah Indikator", "n", "center"), p.Column("Triwulan Berdata", "tw")]),
                source="Rencana aksi serta realisasi kinerja dan keuangan per triwulan"))
