"""BAB III Akuntabilitas Kinerja: capaian of every IKU, the seven analyses of each sasaran,
realisasi anggaran down to sub kegiatan, prestasi."""

from __future__ import annotations

from sakip.analysis.context import ReportContext
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import (
    INDICATOR_COLUMNS,
    LEVEL_LABELS,
    amount_cell,
    indicator_record,
    narrative_html,
    pct_or_dash,
)
from sakip.compute.budget import rollup, serapan_by
from sakip.compute.formatting import fmt_int, fmt_number, fmt_pct, fmt_rupiah, round_half_up

# --- 3.1 ----------------------------------------------------------------------------------------


def scale_table(ctx: ReportContext) -> str:
    scale = ctx.options.scale
    records = []
    for i, (label, lower, upper) in enumerate(scale.intervals()):
        if lower is None:
            interval = f"≤ {fmt_number(upper)}"
        elif upper is None:
            interval = f"≥ {fmt_number(lower)}"
        else:
            interval = f"{fmt_number(lower)} – {fmt_number(upper)}"
        records.append({"no": str(i + 1), "interval": interval,
                        "kriteria": p.kriteria_badge(label, scale.bands[i].colour)})
    return (p.paragraph("Capaian kinerja dikategorikan menurut skala pengukuran berikut; nilai "
                        "dibandingkan setelah dibulatkan ke dua desimal, sehingga tidak ada celah "
                        "antarkategori dan capaian di atas 100% termasuk kategori tertinggi.")
            + p.figure("tabel", "Skala Pengukuran Kinerja", p.table_html(records, [
                p.Column("No", "no", "center"), p.Column("Interval Nilai Capaian (%)", "interval", "center"),
                p.Column("Kriteria", "kriteria", "center", kind="html")]), source=scale.citation or scale.name))


def capaian_organisasi(ctx: ReportContext) -> str:
    out = p.heading("BAB III AKUNTABILITAS KINERJA", 1, anchor="bab-iii")
    out += p.heading("3.1 Capaian Kinerja Organisasi") + scale_table(ctx)
    records = []
    for result in ctx.sasaran:
        for r in result.indicators:
            rec = indicator_record(r, ctx.options.scale)
            rec.update(tujuan=result.tujuan.statement if result.tujuan else "-", sasaran=result.sasaran.statement)
            records.append(rec)
    columns = [p.Column("Tujuan", "tujuan"), p.Column("Sasaran Strategis", "sasaran")] + INDICATOR_COLUMNS
    out += p.figure("tabel", f"Capaian Indikator Kinerja Utama Tahun {ctx.year}",
                    p.table_html(records, columns), source=f"Pengukuran kinerja Tahun {ctx.year}")
    total = ctx.budget_total
    out += ('<div class="kpi">'
            f"<div><strong>{rupiah_html(total.pagu)}</strong><span>Pagu anggaran {ctx.year}</span></div>"
            f"<div><strong>{rupiah_html(total.realisasi)}</strong><span>Realisasi anggaran</span></div>"
            f"<div><strong>{p.esc(pct_or_dash(total.serapan))}</strong><span>Serapan anggaran</span></div>"
            "</div>")
    out += p.paragraph(summary_sentence(ctx))
    return out


def rupiah_html(value) -> str:
    return p.esc("-" if value is None else fmt_rupiah(value))


def summary_sentence(ctx: ReportContext) -> str:
    results = [r for s in ctx.sasaran for r in s.indicators]
    measured = [r for r in results if r.capaian.value is not None]
    above = [r for r in measured if round_half_up(r.capaian.value) > 100]
    equal = [r for r in measured if round_half_up(r.capaian.value) == 100]
    below = [r for r in measured if round_half_up(r.capaian.value) < 100]
    parts = [f"Dari {fmt_int(len(results))} indikator kinerja sasaran strategis Tahun {ctx.year}, "
             f"{fmt_int(len(above))} indikator melampaui target, {fmt_int(len(equal))} indikator "
             f"sesuai target dan {fmt_int(len(below))} indikator belum mencapai target"]
    unmeasured = len(results) - len(measured)
    if unmeasured:
        parts.append(f", sedangkan {fmt_int(unmeasured)} indikator tidak dapat diukur")
    text = "".join(parts) + "."
    if measured:
        best = max(measured, key=lambda r: r.capaian.value)
        text += (f" Capaian tertinggi pada indikator {best.indicator.name} sebesar "
                 f"{fmt_pct(best.capaian.value)}.")
    return text


# --- 3.3 and 3.4 -------------------------------------------------------------------------------


def realisasi_anggaran(ctx: ReportContext) -> str:
    out = p.heading("3.3 Realisasi Anggaran")
    lines = ctx.budget_lines
    if not lines:
        return out + p.note(f"Data anggaran Tahun {ctx.year} belum diisi.", "warning")
    total = ctx.budget_total
    out += p.paragraph(f"Pada Tahun {ctx.year} pagu anggaran {ctx.profile.agency_name} sebesar "
                       f"{fmt_rupiah(total.pagu)} terealisasi {fmt_rupiah(total.realisasi)} atau "
                       f"{pct_or_dash(total.serapan)}.")
    names = {line.code: line for line in lines}
    sasaran_names = {s.sasaran_id: s.statement for s in ctx.agency.strategic_sasaran}
    records, classes = [], []
    for row in rollup(lines):
        records.append({"sasaran": sasaran_names.get(row.sasaran_id, "-") if row.depth == 0 else "",
                        "uraian": f"{LEVEL_LABELS.get(row.level, '')} {names[row.code].name}".strip(),
                        "pagu": amount_cell(row.pagu), "realisasi": amount_cell(row.realisasi),
                        "serapan": pct_or_dash(row.serapan)})
        classes.append(f"level-{row.level}")
    records.append({"sasaran": "", "uraian": "Jumlah", "pagu": amount_cell(total.pagu),
                    "realisasi": amount_cell(total.realisasi), "serapan": pct_or_dash(total.serapan)})
    classes.append("total")
    out += p.figure("tabel", f"Akuntabilitas Keuangan Tahun {ctx.year}", p.table_html(records, [
        p.Column("Sasaran", "sasaran"), p.Column("Program/Kegiatan/Sub Kegiatan", "uraian"),
        p.Column("Pagu (Rp)", "pagu", "right"), p.Column("Realisasi (Rp)", "realisasi", "right"),
        p.Column("%", "serapan", "right")], row_classes=classes),
        note="Pagu dan realisasi program dan kegiatan adalah jumlah sub kegiatannya.")
    programs = [r for r in rollup(lines) if r.level == "program"]
    if programs:
        fig = charts.grouped_bars([names[r.code].name.title() for r in programs],
                                  {"% Serapan": [r.serapan for r in programs]}, places=0,
                                  label_places=2, horizontal=True, ylabel="% serapan")
        out += p.chart(fig, f"Serapan Anggaran per Program Tahun {ctx.year}")
    by_urusan = serapan_by(lines, "urusan")
    if len(by_urusan) > 1 or (by_urusan and None not in by_urusan):
        recs = [{"urusan": key or "-", "pagu": amount_cell(v.pagu), "realisasi": amount_cell(v.realisasi),
                 "serapan": pct_or_dash(v.serapan)} for key, v in by_urusan.items()]
        out += p.figure("tabel", f"Realisasi Anggaran per Urusan Tahun {ctx.year}", p.table_html(recs, [
            p.Column("Urusan", "urusan"), p.Column("Pagu (Rp)", "pagu", "right"),
            p.Column("Realisasi (Rp)", "realisasi", "right"), p.Column("% Serapan", "serapan", "right")]))
    leaves = [r for r in rollup(lines) if r.is_leaf and r.serapan is not None]
    if leaves:
        high = sum(1 for r in leaves if round_half_up(r.serapan) >= 90)
        mid = sum(1 for r in leaves if 80 <= round_half_up(r.serapan) < 90)
        low = len(leaves) - high - mid
        out += p.paragraph(f"Dari {fmt_int(len(leaves))} sub kegiatan, {fmt_int(high)} menyerap anggaran "
                           f"≥ 90%, {fmt_int(mid)} antara 80% dan 90%, dan {fmt_int(low)} di bawah 80%.")
    return out


def prestasi(ctx: ReportContext) -> str:
    text = narrative_html(ctx.agency, "prestasi")
    return p.heading("3.4 Prestasi dan Penghargaan") + (
        text or p.paragraph(f"Tidak ada prestasi atau penghargaan yang dicatat untuk Tahun {ctx.year}."))

