"""Lampiran: Perjanjian Kinerja of the head and of every unit (the cascade), RKT, IKU, and the
formulir pengukuran kinerja."""

from __future__ import annotations

from sakip.analysis.context import ReportContext
from sakip.components import html as p
from sakip.components.common import (
    INDICATOR_COLUMNS,
    amount_cell,
    rupiah_or_dash,
    sasaran_indicator_records,
)
from sakip.compute.formatting import fmt_perf_value


def _tree(ctx: ReportContext):
    """Units depth-first from the head, with their depth."""
    units = ctx.agency.units()
    children: dict = {}
    for u in units:
        children.setdefault(u.parent_unit_id, []).append(u)
    out, stack = [], [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        out.append((unit, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(unit.unit_id, [])))
    return out


def perjanjian_kinerja(ctx: ReportContext) -> str:
    out = p.heading("LAMPIRAN", 1, anchor="lampiran") + p.heading(f"Perjanjian Kinerja Tahun {ctx.year}")
    tree = _tree(ctx)
    if not tree:
        return out + p.note("Data cascading Perjanjian Kinerja belum diisi.", "warning")
    by_id = {u.unit_id: u for u, _ in tree}
    for unit, _depth in tree:
        parent = by_id.get(unit.parent_unit_id)
        superior = (f"{parent.holder_name or '-'} ({parent.position})" if parent else
                    f"{ctx.profile.superior_name or '-'} ({ctx.profile.superior_position or 'Kepala Daerah'})")
        out += p.heading(f"PK {unit.position}", 3, anchor=f"pk-{unit.unit_id}")
        out += (f"<p>Pihak pertama: <strong>{p.esc(unit.holder_name or '-')}</strong>"
                f"{' (NIP ' + p.esc(unit.holder_nip) + ')' if unit.holder_nip else ''}, {p.esc(unit.position)}. "
                f"Pihak kedua (atasan langsung): {p.esc(superior)}.</p>")
        sasaran = [s for s in ctx.agency.rows("sasaran") if s.unit_id == unit.unit_id]
        if unit.kind == "kepala" and not sasaran:
            sasaran = ctx.agency.strategic_sasaran
        records = []
        for s in sasaran:
            for ind in ctx.agency.indicators_of(s.sasaran_id):
                row = ctx.agency.target(ind.indicator_id, ctx.year, sources=("pk_perubahan", "pk"))
                records.append({"sasaran": s.statement, "indikator": ind.name,
                                "target": fmt_perf_value(row.parsed if row else None, ind.unit)})
        if records:
            out += p.figure("tabel", f"Perjanjian Kinerja {unit.position} Tahun {ctx.year}", p.table_html(records, [
                p.Column("Sasaran", "sasaran"), p.Column("Indikator Kinerja", "indikator"),
                p.Column("Target", "target", "right")]))
        budget = [b for b in ctx.agency.rows("pk_budget") if b.unit_id == unit.unit_id and b.year == ctx.year]
        if budget:
            recs = [{"program": b.name, "anggaran": amount_cell(b.amount), "ket": b.sumber_dana or "-"}
                    for b in budget]
            out += p.figure("tabel", f"Program dan Anggaran dalam PK {unit.position}", p.table_html(recs, [
                p.Column("Program/Kegiatan", "program"), p.Column("Anggaran (Rp)", "anggaran", "right"),
                p.Column("Keterangan", "ket")], row_classes=["total" if b.is_total else "" for b in budget]),
                note="Angka seperti tertulis dalam dokumen PK; selisih terhadap tabel anggaran dicatat di Audit Data.")
        inovasi = [i.name for i in ctx.agency.rows("inovasi") if i.unit_id == unit.unit_id and i.year == ctx.year]
        if inovasi:
            out += "<p><strong>Inovasi:</strong></p>" + p.bullet_list(inovasi)
    return out


def rkt(ctx: ReportContext) -> str:
    records = []
    for s in ctx.agency.strategic_sasaran:
        for ind in ctx.agency.indicators_of(s.sasaran_id):
            row = ctx.agency.target(ind.indicator_id, ctx.year, sources=("rkt", "pk", "renstra"))
            records.append({"sasaran": s.statement, "indikator": ind.name,
                            "target": fmt_perf_value(row.parsed if row else None, ind.unit)})
    return p.heading(f"Rencana Kinerja Tahunan (RKT) Tahun {ctx.year}") + p.figure(
        "tabel", f"Rencana Kinerja Tahunan Tahun {ctx.year}", p.table_html(records, [
            p.Column("Sasaran Strategis", "sasaran"), p.Column("Indikator Kinerja", "indikator"),
            p.Column("Target", "target", "right")]))


def iku_decision(ctx: ReportContext) -> str:
    records = []
    for ind in ctx.agency.iku:
        s = ctx.agency.sasaran(ind.sasaran_id) if ind.sasaran_id else None
        records.append({"sasaran": s.statement if s else "-", "iku": ind.name, "satuan": ind.unit or "-",
                        "alasan": ind.rationale or "-", "cara": ind.formula_text or "-",
                        "sumber": ind.data_source or "-"})
    return p.heading("Indikator Kinerja Utama") + p.figure(
        "tabel", f"Sasaran Strategis dan Indikator Kinerja Utama {ctx.renstra_period}", p.table_html(records, [
            p.Column("Sasaran Strategis", "sasaran"), p.Column("Indikator Kinerja Utama", "iku"),
            p.Column("Satuan", "satuan", "center"), p.Column("Alasan", "alasan"),
            p.Column("Cara Pengukuran", "cara"), p.Column("Sumber Data", "sumber")]))


def formulir_pengukuran(ctx: ReportContext) -> str:
    records = sasaran_indicator_records(ctx)
    total = ctx.budget_total
    return (p.heading(f"Formulir Pengukuran Kinerja Tahun {ctx.year}")
            + p.figure("tabel", f"Formulir Pengukuran Kinerja Tingkat Perangkat Daerah Tahun {ctx.year}",
                       p.table_html(records, [p.Column("Sasaran Strategis", "sasaran")] + INDICATOR_COLUMNS))
            + p.paragraph(f"Jumlah anggaran kegiatan Tahun {ctx.year}: {rupiah_or_dash(total.pagu)}; "
                          f"jumlah realisasi anggaran: {rupiah_or_dash(total.realisasi)}."))
