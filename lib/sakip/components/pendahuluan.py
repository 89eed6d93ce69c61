"""BAB I Pendahuluan: latar belakang, staff, organisation, facilities, budget, isu strategis.
Each function returns one element; counts and selections come from :mod:`sakip.analysis`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from sakip.analysis import front, overview
from sakip.analysis import indicators as analysis
from sakip.analysis.report_context import ReportContext
from sakip.analysis.supplementary import tables_at
from sakip.components import charts
from sakip.components.common import (
    Parts,
    amount_cell,
    narrative_parts,
    one_or_many,
    rupiah_or_dash,
    supplementary_elements,
)
from sakip.components.elements import BulletList, Callout, Chart, Element, Paragraphs, Table
from sakip.components.html import Column
from sakip.compute.formatting import fmt_int

#: Per staff table: the header of its group column and the title of the table.
STAFF_TABLES = {
    "pangkat": ("Pangkat/Golongan", "Pegawai Berdasarkan Pangkat/Golongan dan Jenis Kelamin"),
    "pendidikan": ("Pendidikan", "Pegawai Berdasarkan Pendidikan dan Jenis Kelamin"),
}
STAFF_SOURCE = "Data kepegawaian perangkat daerah"


def background(ctx: ReportContext) -> Parts | Paragraphs:
    """The analyst's latar belakang (its Markdown tables numbered), else a sentence on why the
    report is written."""
    prof = ctx.profile
    return one_or_many(narrative_parts(ctx.agency, "latar_belakang")) or Paragraphs(
        f"Laporan Kinerja Instansi Pemerintah (LKjIP) {prof.agency_name} {prof.pemda_label} "
        f"Tahun {ctx.year} disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan "
        f"fungsi serta pencapaian sasaran strategis yang ditetapkan dalam Renstra "
        f"{ctx.renstra_period}.")


def staff_summary(ctx: ReportContext) -> Paragraphs | Callout:
    """How many people work for the agency, men and women."""
    pivot = overview.headcount(ctx.agency, ctx.year)
    if pivot is None:
        return Callout("Data kepegawaian belum diisi.", "warning")
    return Paragraphs(
        f"Pada Tahun {ctx.year} {ctx.profile.agency_name} didukung oleh {fmt_int(pivot.count())} orang "
        f"pegawai, terdiri dari {fmt_int(pivot.count(gender='L'))} orang laki-laki dan "
        f"{fmt_int(pivot.count(gender='P'))} orang perempuan.")


def _staff_record(pivot: analysis.StaffPivot, label: str, group: Optional[str]) -> dict:
    record = {"group": label}
    for i, unit in enumerate(pivot.units):
        record[f"u{i}L"] = fmt_int(pivot.count(group, unit, "L"))
        record[f"u{i}P"] = fmt_int(pivot.count(group, unit, "P"))
    record.update(L=fmt_int(pivot.count(group, None, "L")), P=fmt_int(pivot.count(group, None, "P")),
                  T=fmt_int(pivot.count(group)))
    return record


def staff_table(ctx: ReportContext, table: str) -> Optional[Table]:
    """Staff by rank ("pangkat") or education ("pendidikan"), per unit and gender, with the sums;
    None without that data."""
    pivot = analysis.staff_pivot(ctx.agency, table, ctx.year)
    if pivot is None:
        return None
    group_header, title = STAFF_TABLES[table]
    records = [_staff_record(pivot, group, group) for group in pivot.groups]
    records.append(_staff_record(pivot, "Jumlah", None))
    columns = [Column(group_header, "group")]
    for i, _unit in enumerate(pivot.units):
        columns += [Column("L", f"u{i}L", "right"), Column("P", f"u{i}P", "right")]
    columns += [Column("L", "L", "right"), Column("P", "P", "right"), Column("Total", "T", "right")]
    groups = [("", 1)] + [(u, 2) for u in pivot.units] + [("Jumlah", 3)]
    return Table.from_records(title, records, columns, header_groups=groups,
                              row_classes=[""] * len(pivot.groups) + ["total"], source=STAFF_SOURCE)


def staff_chart(ctx: ReportContext, table: str) -> Optional[Chart]:
    """Men and women per rank or education, stacked; None without that data."""
    pivot = analysis.staff_pivot(ctx.agency, table, ctx.year)
    if pivot is None:
        return None
    group_header, _title = STAFF_TABLES[table]
    men = [pivot.count(g, None, "L") for g in pivot.groups]
    women = [pivot.count(g, None, "P") for g in pivot.groups]
    fig = charts.stacked_bars(list(pivot.groups), {"Laki-laki": men, "Perempuan": women}, ylabel="Orang")
    alt = (f"Jumlah pegawai menurut {group_header.lower()}: " + "; ".join(
        f"{g}: {fmt_int(m)} laki-laki dan {fmt_int(w)} perempuan"
        for g, m, w in zip(pivot.groups, men, women)) + ".")
    return Chart.from_figure(fig, f"Pegawai Berdasarkan {group_header}", alt=alt)


def duties(ctx: ReportContext) -> Parts:
    """The analyst's text on the tugas and fungsi, if any."""
    return one_or_many(narrative_parts(ctx.agency, "tugas_fungsi"))


def structure_text(ctx: ReportContext) -> Parts:
    """The analyst's text on the susunan organisasi, if any."""
    return one_or_many(narrative_parts(ctx.agency, "struktur_organisasi"))


def organisation_table(ctx: ReportContext) -> Table | Callout:
    """Each position with its holder and direct superior."""
    units = ctx.agency.units()
    if not units:
        return Callout("Data susunan organisasi belum diisi.", "warning")
    by_id = {u.unit_id: u for u in units}
    records = [{"jabatan": u.position, "pejabat": u.holder_name or "-",
                "atasan": by_id[u.parent_unit_id].position if u.parent_unit_id in by_id else "-"}
               for u in units]
    return Table.from_records("Susunan Organisasi dan Pejabat", records, [
        Column("Jabatan", "jabatan"), Column("Nama Pejabat", "pejabat"),
        Column("Atasan Langsung", "atasan")])


def facilities(ctx: ReportContext) -> Table | Callout:
    """The inventory of facilities and their condition."""
    rows = analysis.rows_of_year(ctx.agency.rows("facilities"), ctx.year)
    if not rows:
        return Callout("Data sarana dan prasarana belum diisi.", "warning")
    records = [{"no": fmt_int(r.no) if r.no is not None else fmt_int(i), "item": r.item,
                "jumlah": fmt_int(r.quantity), "ket": r.location or "-", "kondisi": r.condition or "-"}
               for i, r in enumerate(rows, 1)]
    return Table.from_records("Sarana dan Prasarana", records, [
        Column("No", "no", "center"), Column("Jenis Barang", "item"),
        Column("Jumlah", "jumlah", "right"), Column("Keterangan", "ket"),
        Column("Kondisi", "kondisi")], source="Buku inventaris perangkat daerah")


def budget_summary(ctx: ReportContext) -> Paragraphs | Callout | None:
    """The year's spending after and before the change of the APBD; the pagu when there is no
    APBD table; a note when neither is known."""
    rows = analysis.apbd_rows(ctx.agency, ctx.year)
    if not rows:
        if ctx.budget_total.pagu is None:
            return Callout(f"Data APBD dan pagu anggaran Tahun {ctx.year} belum diisi.", "warning")
        return Paragraphs(f"Pagu anggaran Tahun {ctx.year} sebesar {rupiah_or_dash(ctx.budget_total.pagu)}.")
    total = overview.apbd_total(rows)
    if total is None:
        return None
    before = ("" if total.line.before is None  # no "dari - sebelum perubahan"
              else f", dari {rupiah_or_dash(total.line.before)} sebelum perubahan")
    return Paragraphs(
        f"Pada Tahun {ctx.year} {ctx.profile.agency_name} didukung anggaran belanja sebesar "
        f"{rupiah_or_dash(total.line.after)} setelah perubahan{before}.")


def apbd_table(ctx: ReportContext) -> Optional[Table]:
    """The APBD before and after the change, with the difference; None without an APBD table."""
    rows = analysis.apbd_rows(ctx.agency, ctx.year)
    if not rows:
        return None
    records = [{"kode": r.line.account_code, "uraian": r.line.name,
                "sebelum": amount_cell(r.line.before), "sesudah": amount_cell(r.line.after),
                "selisih": amount_cell(r.change)} for r in rows]
    return Table.from_records(
        f"Anggaran Pendapatan dan Belanja Daerah (APBD) Tahun {ctx.year}", records, [
            Column("Kode Rekening", "kode"), Column("Uraian", "uraian"),
            Column("Sebelum Perubahan (Rp)", "sebelum", "right"),
            Column("Setelah Perubahan (Rp)", "sesudah", "right"),
            Column("Bertambah/(Berkurang) (Rp)", "selisih", "right")],
        row_classes=["total" if r.line.is_total else "" for r in rows],
        note="Selisih dihitung dari kolom sesudah dikurangi sebelum perubahan.")


def supplementary(ctx: ReportContext) -> list[Element]:
    """The supplementary tables placed in BAB I (``placement: pendahuluan``), with their charts."""
    return [e for table in tables_at(ctx.agency, "pendahuluan") for e in supplementary_elements(table)]


def legal_basis(ctx: ReportContext) -> BulletList:
    """The Landasan Hukum: the regulations of the profile with the SAKIP regulations it does not
    name (Perpres 29/2014, PermenPANRB 53/2014 and 88/2021), by the hierarchy of law."""
    return BulletList(tuple(front.legal_basis(ctx.profile)), ordered=True)


def sistematika(ctx: ReportContext, titles: Sequence[str] = ()) -> BulletList | Callout:
    """The Sistematika Penyajian: one entry per chapter of the report as rendered (the renderer
    passes the titles of the copy's chapters, a pemda's own included, in the options), else the
    titles the notebook passes in when it runs on its own; so that a chapter added, removed or
    renamed is described as it is."""
    items = front.sistematika(ctx.options.chapter_titles or titles)
    if not items:
        return Callout("Daftar bab laporan tidak tersedia.", "warning")
    return BulletList(tuple(f"{c.title}: {'bab' if c.title.upper().startswith('BAB') else 'bagian'} ini "
                            f"{c.description}" for c in items))


def strategic_issues(ctx: ReportContext) -> BulletList | Callout:
    """The isu strategis, numbered."""
    issues = overview.strategic_issues(ctx.agency)
    if not issues:
        return Callout("Isu strategis belum diisi.", "warning")
    return BulletList(tuple(i.statement for i in issues), ordered=True)
