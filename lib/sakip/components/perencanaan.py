"""BAB II Perencanaan Kinerja: RPJMD/RPD link, Renstra, IKU, PK of the year, budget per sasaran."""

from __future__ import annotations

from sakip.analysis.context import ReportContext
from sakip.analysis.indicators import sasaran_lines
from sakip.components import html as p
from sakip.components.common import amount_cell, pct_or_dash
from sakip.compute.budget import rollup
from sakip.compute.formatting import fmt_perf_value
from sakip.model.parsing import parse_perf_value


def _renstra_years(ctx: ReportContext) -> list[int]:
    return list(range(ctx.profile.renstra_start, ctx.profile.renstra_end + 1))


def plan_link(ctx: ReportContext) -> str:
    out = p.heading("BAB II PERENCANAAN KINERJA", 1, anchor="bab-ii")
    plan = ctx.profile.plan_name or "RPJMD"
    out += p.heading(f"2.1 {plan}")
    items = ctx.agency.rows("rpjmd")
    if not items:
        return out + p.note("Keterkaitan dengan tujuan dan sasaran RPJMD/RPD belum diisi.", "warning")
    served = {}
    for s in ctx.agency.strategic_sasaran:
        if s.rpjmd_code:
            served.setdefault(s.rpjmd_code, []).append(s.statement)
    for t in ctx.agency.rows("tujuan"):
        if t.rpjmd_code:
            served.setdefault(t.rpjmd_code, []).append(t.statement)
    records = []
    for item in items:
        records.append({"jenis": item.kind.capitalize(), "nomor": item.number or item.code,
                        "pernyataan": item.statement,
                        "didukung": "; ".join(served.get(item.code, [])) or "-"})
    out += p.paragraph(f"Perencanaan kinerja {ctx.profile.agency_name} merupakan penjabaran dari "
                       f"{plan}. Tujuan dan sasaran daerah yang didukung adalah sebagai berikut.")
    return out + p.figure("tabel", f"Tujuan dan Sasaran {plan} yang Didukung", p.table_html(records, [
        p.Column("Jenis", "jenis"), p.Column("Nomor", "nomor"), p.Column("Pernyataan", "pernyataan"),
        p.Column("Tujuan/Sasaran Perangkat Daerah yang Mendukung", "didukung")]))


def renstra(ctx: ReportContext) -> str:
    years = _renstra_years(ctx)
    out = p.heading(f"2.2 Rencana Strategis {ctx.renstra_period}")
    records = []
    for s in ctx.agency.strategic_sasaran:
        tujuan = ctx.agency.tujuan(s.tujuan_id) if s.tujuan_id else None
        for ind in ctx.agency.indicators_of(s.sasaran_id):
            record = {"tujuan": tujuan.statement if tujuan else "-",
                      "indikator_tujuan": (tujuan.indicator if tujuan and tujuan.indicator else "-"),
                      "sasaran": s.statement, "indikator": ind.name, "satuan": ind.unit or "-",
                      "awal": fmt_perf_value(parse_perf_value(ind.baseline)),
                      "akhir": fmt_perf_value(parse_perf_value(ind.target_akhir))}
            for y in years:
                row = ctx.agency.target(ind.indicator_id, y, sources=("renstra",))
                record[str(y)] = fmt_perf_value(row.parsed if row else None)
            records.append(record)
    columns = [p.Column("Tujuan", "tujuan"), p.Column("Indikator Tujuan", "indikator_tujuan"),
               p.Column("Sasaran", "sasaran"), p.Column("Indikator Sasaran", "indikator"),
               p.Column("Satuan", "satuan", "center"), p.Column("Kondisi Awal", "awal", "right")]
    columns += [p.Column(str(y), str(y), "right") for y in years]
    columns.append(p.Column("Kondisi Akhir", "akhir", "right"))
    out += p.figure("tabel", "Tujuan dan Sasaran Jangka Menengah", p.table_html(records, columns),
                    source=f"Renstra {ctx.profile.agency_name} {ctx.renstra_period}")
    strategies = ctx.agency.rows("strategi")
    if strategies:
        rows = []
        for s in ctx.agency.strategic_sasaran:
            mine = [x for x in strategies if x.sasaran_id == s.sasaran_id]
            strat = [x.text for x in sorted(mine, key=lambda x: x.no or 0) if x.kind == "strategi"]
            policy = [x.text for x in sorted(mine, key=lambda x: x.no or 0) if x.kind == "arah_kebijakan"]
            if strat or policy:
                rows.append({"sasaran": s.statement,
                             "strategi": "<ol>" + "".join(f"<li>{p.esc(t)}</li>" for t in strat) + "</ol>",
                             "kebijakan": "<ol>" + "".join(f"<li>{p.esc(t)}</li>" for t in policy) + "</ol>"})
        out += p.figure("tabel", "Sasaran, Strategi dan Arah Kebijakan", p.table_html(rows, [
            p.Column("Sasaran", "sasaran"), p.Column("Strategi", "strategi", kind="html"),
            p.Column("Arah Kebijakan", "kebijakan", kind="html")]))
    return out


def iku(ctx: ReportContext) -> str:
    out = p.heading("2.3 Indikator Kinerja Utama (IKU)")
    records = []
    for ind in ctx.agency.iku:
        sasaran = ctx.agency.sasaran(ind.sasaran_id) if ind.sasaran_id else None
        records.append({"sasaran": sasaran.statement if sasaran else "-", "iku": ind.name,
                        "satuan": ind.unit or "-", "alasan": ind.rationale or "-",
                        "formula": ind.formula_text or "-", "sumber": ind.data_source or "-"})
    out += p.paragraph(f"{ctx.profile.agency_name} menetapkan {len(records)} Indikator Kinerja Utama "
                       "sebagai ukuran keberhasilan sasaran strategis, dengan formula sebagai berikut.")
    return out + p.figure("tabel", "Indikator Kinerja Utama dan Formulanya", p.table_html(records, [
        p.Column("Sasaran Strategis", "sasaran"), p.Column("Indikator Kinerja Utama", "iku"),
        p.Column("Satuan", "satuan", "center"), p.Column("Alasan", "alasan"),
        p.Column("Formula", "formula"), p.Column("Sumber Data", "sumber")]))


def perjanjian_kinerja(ctx: ReportContext) -> str:
    out = p.heading(f"2.4 Perjanjian Kinerja Tahun {ctx.year}")
    records = []
    for s in ctx.agency.strategic_sasaran:
        for ind in ctx.agency.indicators_of(s.sasaran_id):
            row = ctx.agency.target(ind.indicator_id, ctx.year, sources=("pk_perubahan", "pk"))
            records.append({"sasaran": s.statement, "indikator": ind.name,
                            "target": fmt_perf_value(row.parsed if row else None, ind.unit)})
    out += p.paragraph("Perjanjian Kinerja memuat komitmen kepala perangkat daerah kepada kepala "
                       f"daerah atas target kinerja Tahun {ctx.year} berikut.")
    return out + p.figure("tabel", f"Perjanjian Kinerja Tahun {ctx.year}", p.table_html(records, [
        p.Column("Sasaran Strategis", "sasaran"), p.Column("Indikator Kinerja", "indikator"),
        p.Column("Target", "target", "right")]))


def budget_per_sasaran(ctx: ReportContext) -> str:
    """Pagu per sasaran down to sub kegiatan; amounts of parents are sums of their leaves."""
    records, classes = [], []
    names = {line.code: line.name for line in ctx.budget_lines}
    for result in ctx.sasaran:
        lines = sasaran_lines(ctx.agency, result.sasaran.sasaran_id, ctx.year)
        if not lines:
            continue
        records.append({"uraian": result.sasaran.statement, "pagu": amount_cell(result.budget.pagu),
                        "realisasi": amount_cell(result.budget.realisasi),
                        "serapan": pct_or_dash(result.budget.serapan)})
        classes.append("total")
        for row in rollup(lines):
            records.append({"uraian": names[row.code], "pagu": amount_cell(row.pagu),
                            "realisasi": amount_cell(row.realisasi), "serapan": pct_or_dash(row.serapan)})
            classes.append(f"level-{row.level}")
    if not records:
        return ""
    total = ctx.budget_total
    records.append({"uraian": "Jumlah", "pagu": amount_cell(total.pagu),
                    "realisasi": amount_cell(total.realisasi), "serapan": pct_or_dash(total.serapan)})
    classes.append("total")
    return p.figure("tabel", f"Anggaran per Sasaran Strategis Tahun {ctx.year}", p.table_html(records, [
        p.Column("Sasaran / Program / Kegiatan / Sub Kegiatan", "uraian"),
        p.Column("Anggaran (Rp)", "pagu", "right"), p.Column("Realisasi (Rp)", "realisasi", "right"),
        p.Column("% Serapan", "serapan", "right")], row_classes=classes),
        note="Anggaran program dan kegiatan adalah jumlah sub kegiatannya; serapan = Σ realisasi / Σ pagu.")
