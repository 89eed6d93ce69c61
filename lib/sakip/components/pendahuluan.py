"""BAB I Pendahuluan: profile, tugas and fungsi, staff, facilities, budget, isu strategis."""

from __future__ import annotations

from sakip.analysis import indicators as analysis
from sakip.analysis.context import ReportContext
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import amount_cell, narrative_html, rupiah_or_dash
from sakip.compute.formatting import fmt_int


def opening(ctx: ReportContext) -> str:
    prof = ctx.profile
    intro = narrative_html(ctx.agency, "latar_belakang") or p.paragraph(
        f"Laporan Kinerja Instansi Pemerintah (LKjIP) {prof.agency_name} {prof.pemda_label} "
        f"Tahun {ctx.year} disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan "
        f"fungsi serta pencapaian sasaran strategis yang ditetapkan dalam Renstra "
        f"{ctx.renstra_period}.")
    return p.heading("BAB I PENDAHULUAN", 1, anchor="bab-i") + p.heading("1.1 Latar Belakang") + intro


def _staff_section(ctx: ReportContext, table: str, title: str, group_header: str) -> str:
    pivot = analysis.staff_pivot(ctx.agency, table)
    if pivot is None:
        return ""
    records, classes = [], []
    for group in pivot.groups:
        record = {"group": group}
        for i, unit in enumerate(pivot.units):
            record[f"u{i}L"] = fmt_int(pivot.count(group, unit, "L"))
            record[f"u{i}P"] = fmt_int(pivot.count(group, unit, "P"))
        record.update(L=fmt_int(pivot.count(group, None, "L")), P=fmt_int(pivot.count(group, None, "P")),
                      T=fmt_int(pivot.count(group)))
        records.append(record)
        classes.append("")
    total = {"group": "Jumlah"}
    for i, unit in enumerate(pivot.units):
        total[f"u{i}L"] = fmt_int(pivot.count(None, unit, "L"))
        total[f"u{i}P"] = fmt_int(pivot.count(None, unit, "P"))
    total.update(L=fmt_int(pivot.count(gender="L")), P=fmt_int(pivot.count(gender="P")), T=fmt_int(pivot.count()))
    records.append(total)
    classes.append("total")
    columns = [p.Column(group_header, "group")]
    for i, _unit in enumerate(pivot.units):
        columns += [p.Column("L", f"u{i}L", "right"), p.Column("P", f"u{i}P", "right")]
    columns += [p.Column("L", "L", "right"), p.Column("P", "P", "right"), p.Column("Total", "T", "right")]
    groups = [("", 1)] + [(u, 2) for u in pivot.units] + [("Jumlah", 3)]
    table_block = p.figure("tabel", title, p.table_html(records, columns, header_groups=groups,
                                                          row_classes=classes),
                           source="Data kepegawaian perangkat daerah")
    fig = charts.stacked_bars(list(pivot.groups), {
        "Laki-laki": [pivot.count(g, None, "L") for g in pivot.groups],
        "Perempuan": [pivot.count(g, None, "P") for g in pivot.groups]}, ylabel="Orang")
    return table_block + p.chart(fig, f"Pegawai Berdasarkan {group_header}")


def staff(ctx: ReportContext) -> str:
    pivot = analysis.staff_pivot(ctx.agency, "pangkat") or analysis.staff_pivot(ctx.agency, "pendidikan")
    out = p.heading("1.2 Aspek Strategis Organisasi") + p.heading("1.2.1 Kondisi Sumber Daya Manusia", 3)
    if pivot is None:
        return out + p.note("Data kepegawaian belum diisi.", "warning")
    out += p.paragraph(
        f"Pada Tahun {ctx.year} {ctx.profile.agency_name} didukung oleh {fmt_int(pivot.count())} orang "
        f"pegawai, terdiri dari {fmt_int(pivot.count(gender='L'))} orang laki-laki dan "
        f"{fmt_int(pivot.count(gender='P'))} orang perempuan.")
    out += _staff_section(ctx, "pangkat", "Pegawai Berdasarkan Pangkat/Golongan dan Jenis Kelamin", "Pangkat/Golongan")
    out += _staff_section(ctx, "pendidikan", "Pegawai Berdasarkan Pendidikan dan Jenis Kelamin", "Pendidikan")
    return out


def organisation(ctx: ReportContext) -> str:
    out = p.heading("1.2.2 Tugas, Fungsi dan Susunan Organisasi", 3)
    out += narrative_html(ctx.agency, "tugas_fungsi") + narrative_html(ctx.agency, "struktur_organisasi")
    units = ctx.agency.units()
    if units:
        by_id = {u.unit_id: u for u in units}
        records = [{"jabatan": u.position, "pejabat": u.holder_name or "-",
                    "atasan": by_id[u.parent_unit_id].position if u.parent_unit_id in by_id else "-"}
                   for u in units]
        out += p.figure("tabel", "Susunan Organisasi dan Pejabat", p.table_html(records, [
            p.Column("Jabatan", "jabatan"), p.Column("Nama Pejabat", "pejabat"),
            p.Column("Atasan Langsung", "atasan")]))
    return out


def facilities(ctx: ReportContext) -> str:
    rows = ctx.agency.rows("facilities")
    if not rows:
        return ""
    records = [{"no": fmt_int(r.no) if r.no is not None else str(i + 1), "item": r.item,
                "jumlah": fmt_int(r.quantity), "ket": r.location or "-", "kondisi": r.condition or "-"}
               for i, r in enumerate(rows)]
    return p.heading("1.2.3 Kondisi Sarana dan Prasarana", 3) + p.figure(
        "tabel", "Sarana dan Prasarana", p.table_html(records, [
            p.Column("No", "no", "center"), p.Column("Jenis Barang", "item"),
            p.Column("Jumlah", "jumlah", "right"), p.Column("Keterangan", "ket"),
            p.Column("Kondisi", "kondisi")]), source="Buku inventaris perangkat daerah")


def budget(ctx: ReportContext) -> str:
    rows = analysis.apbd_rows(ctx.agency, ctx.year)
    out = p.heading("1.2.4 Anggaran", 3)
    if not rows:
        return out + p.paragraph(
            f"Pagu anggaran Tahun {ctx.year} sebesar {rupiah_or_dash(ctx.budget_total.pagu)}.")
    records, classes = [], []
    for r in rows:
        records.append({"kode": r.line.account_code, "uraian": r.line.name,
                        "sebelum": amount_cell(r.line.before), "sesudah": amount_cell(r.line.after),
                        "selisih": amount_cell(r.change)})
        classes.append("total" if r.line.is_total else "")
    totals = [r for r in rows if r.line.is_total and r.line.after is not None]
    sentence = ""
    if totals:
        t = totals[0]
        sentence = p.paragraph(
            f"Pada Tahun {ctx.year} {ctx.profile.agency_name} didukung anggaran belanja sebesar "
            f"{rupiah_or_dash(t.line.after)} setelah perubahan, dari {rupiah_or_dash(t.line.before)} "
            f"sebelum perubahan.")
    return out + sentence + p.figure("tabel", f"Anggaran Pendapatan dan Belanja Daerah (APBD) Tahun {ctx.year}",
                                     p.table_html(records, [
                                         p.Column("Kode Rekening", "kode"), p.Column("Uraian", "uraian"),
                                         p.Column("Sebelum Perubahan (Rp)", "sebelum", "right"),
                                         p.Column("Setelah Perubahan (Rp)", "sesudah", "right"),
                                         p.Column("Bertambah/(Berkurang) (Rp)", "selisih", "right")],
                                         row_classes=classes), note="Selisih dihitung dari kolom sesudah dikurangi sebelum perubahan.")


def strategic_issues(ctx: ReportContext) -> str:
    issues = sorted(ctx.agency.rows("isu_strategis"), key=lambda r: r.no or 0)
    if not issues:
        return ""
    return (p.heading("1.3 Isu Strategis") + "<ol>" +
            "".join(f"<li>{p.esc(i.statement)}</li>" for i in issues) + "</ol>")
