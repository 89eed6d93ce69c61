"""Lampiran of the LKjIP: the Perjanjian Kinerja of the head and of every unit, the RKT, the IKU
and the formulir pengukuran kinerja (the cascade overview comes from :mod:`.cascade`). Every
figure comes from :mod:`sakip.analysis.lampiran`; each function returns one element."""

from __future__ import annotations

from typing import Optional

from sakip.analysis import lampiran as la
from sakip.analysis.report_context import ReportContext
from sakip.analysis.supplementary import tables_at
from sakip.components import html as p
from sakip.components.common import (
    INDICATOR_COLUMNS,
    amount_cell,
    badge_cell,
    indicator_record,
    rupiah_or_dash,
    supplementary_elements,
    unfilled_columns,
    unfilled_note,
)
from sakip.components.elements import BulletList, Callout, Element, Heading, Paragraphs, Table
from sakip.compute.formatting import fmt_perf_value, fmt_rupiah

_TARGET_COLUMNS = [p.Column("Indikator Kinerja", "indikator"), p.Column("Target", "target", "right")]


def supplementary(ctx: ReportContext) -> list[Element]:
    """The supplementary tables placed in the lampiran (``placement: lampiran``, the default of a
    table without a sasaran), with their charts."""
    return [e for table in tables_at(ctx.agency, "lampiran") for e in supplementary_elements(table)]


def intro(ctx: ReportContext) -> Paragraphs:
    """What the lampiran holds: the PK of the units and their cascade only when units are
    entered."""
    units = (" dan setiap unit kerja di bawahnya, cascading Perjanjian Kinerja" if unit_pks(ctx) else "")
    return Paragraphs(f"Lampiran ini memuat Perjanjian Kinerja kepala perangkat daerah{units}, Rencana "
                      "Kinerja Tahunan, Indikator Kinerja Utama, dan formulir pengukuran kinerja.")


def year_heading(ctx: ReportContext, text: str) -> Heading:
    """A section heading that names the report year: "Perjanjian Kinerja Tahun 2024"."""
    return Heading(f"{text} Tahun {ctx.year}", 2)


def unit_pks(ctx: ReportContext) -> list[la.UnitPk]:
    """The PK of every unit, depth-first from the head (computed once per chapter)."""
    key = ("lampiran.unit_pks",)
    if key not in ctx._cache:
        ctx._cache[key] = la.unit_pks(ctx.agency, ctx.year)
    return ctx._cache[key]


def head_pk(ctx: ReportContext) -> Optional[Table]:
    """Without units (no cascade), the head's Perjanjian Kinerja from the year's PK targets of
    the strategic indicators; None when units are entered (their PKs are shown) or there is no
    PK target."""
    if unit_pks(ctx):
        return None
    records = [{"sasaran": t.sasaran.statement, "indikator": t.indicator.name,
                "target": fmt_perf_value(t.target, t.indicator.unit)} for t in la.head_pk_targets(ctx.agency, ctx.year)]
    if not records:
        return None
    head = ctx.profile.head_position or f"Kepala {ctx.profile.agency_name}"
    return Table.from_records(f"Perjanjian Kinerja {head} Tahun {ctx.year}", records,
                              [p.Column("Sasaran Strategis", "sasaran"), *_TARGET_COLUMNS])


def pk_missing(ctx: ReportContext) -> Optional[Callout]:
    """A warning when neither a unit of the cascade nor a PK target of the year has been entered
    (nothing else to show then)."""
    if unit_pks(ctx) or la.head_pk_targets(ctx.agency, ctx.year):
        return None
    return Callout("Data cascading Perjanjian Kinerja belum diisi.", "warning")


def pk_heading(pk: la.UnitPk) -> Heading:
    return Heading(f"PK {pk.unit.position}", 3)


def pk_parties(pk: la.UnitPk) -> Paragraphs:
    """The two parties of the PK: the unit's holder and the direct superior."""
    unit = pk.unit
    nip = f" (NIP {unit.holder_nip})" if unit.holder_nip else ""
    first = (f"{unit.holder_name}{nip}, {unit.position}" if unit.holder_name
             else f"{unit.position} (nama pejabat belum diisi)")
    second = (f"{pk.superior_name} ({pk.superior_position})" if pk.superior_name
              else f"{pk.superior_position} (nama pejabat belum diisi)")
    return Paragraphs(f"Pihak pertama: {first}. Pihak kedua (atasan langsung): {second}.")


def pk_targets(ctx: ReportContext, pk: la.UnitPk) -> Optional[Table]:
    """The sasaran, indicators and targets the unit signs (None when its PK holds none)."""
    if not pk.targets:
        return None
    records = [{"sasaran": t.sasaran.statement, "indikator": t.indicator.name,
                "target": fmt_perf_value(t.target, t.indicator.unit)} for t in pk.targets]
    return Table.from_records(f"Perjanjian Kinerja {pk.unit.position} Tahun {ctx.year}", records,
                              [p.Column("Sasaran", "sasaran"), *_TARGET_COLUMNS])


def pk_budget(pk: la.UnitPk) -> Optional[Table]:
    """The programmes and budget written in the unit's PK, TOTAL rows as printed (None when the
    PK lists none)."""
    if not pk.budget:
        return None
    records = [{"program": b.name, "anggaran": amount_cell(b.amount), "ket": b.sumber_dana or "-"}
               for b in pk.budget]
    return Table.from_records(
        f"Program dan Anggaran dalam PK {pk.unit.position}", records,
        [p.Column("Program/Kegiatan", "program"), p.Column("Anggaran (Rp)", "anggaran", "right"),
         p.Column("Keterangan", "ket")],
        row_classes=["total" if b.is_total else "" for b in pk.budget],
        note="Angka seperti tertulis dalam dokumen PK; selisih terhadap tabel anggaran dicatat di Audit Data.")


def pk_inovasi(pk: la.UnitPk) -> Optional[BulletList]:
    """The unit's inovasi of the year (None when it records none)."""
    return BulletList(pk.inovasi) if pk.inovasi else None


def rkt_table(ctx: ReportContext) -> Table:
    records = [{"sasaran": t.sasaran.statement, "indikator": t.indicator.name,
                "target": fmt_perf_value(t.target, t.indicator.unit)}
               for t in la.rkt_targets(ctx.agency, ctx.year)]
    return Table.from_records(f"Rencana Kinerja Tahunan Tahun {ctx.year}", records,
                              [p.Column("Sasaran Strategis", "sasaran"), *_TARGET_COLUMNS])


def iku_table(ctx: ReportContext) -> Table:
    """Each IKU with its sasaran, unit, rationale, way of measuring and data source (a column
    that no IKU fills in is left out, and the note says so)."""
    records = [{"sasaran": s.statement if s else "-", "iku": ind.name, "satuan": ind.unit or "-",
                "alasan": ind.rationale or "-", "cara": ind.formula_text or "-",
                "sumber": ind.data_source or "-"} for ind, s in la.iku_rows(ctx.agency)]
    groups = [("alasan", ["alasan"]), ("cara pengukuran", ["cara"]), ("sumber data", ["sumber"])]
    empty = unfilled_columns(records, ["alasan", "cara", "sumber"])
    columns = [p.Column("Sasaran Strategis", "sasaran"), p.Column("Indikator Kinerja Utama", "iku"),
               p.Column("Satuan", "satuan", "center"), p.Column("Alasan", "alasan"),
               p.Column("Cara Pengukuran", "cara"), p.Column("Sumber Data", "sumber")]
    return Table.from_records(
        f"Sasaran Strategis dan Indikator Kinerja Utama {ctx.renstra_period}", records,
        [c for c in columns if c.key not in empty], note=unfilled_note(groups, empty))


def formulir_table(ctx: ReportContext) -> Table:
    """The formulir pengukuran kinerja: every strategic indicator with target, realisasi,
    capaian and kriteria."""
    scale = ctx.options.scale
    records = [{**indicator_record(r, scale), "sasaran": s.sasaran.statement,
                "kriteria": badge_cell(scale, r.capaian)}
               for s in ctx.sasaran for r in s.indicators]
    return Table.from_records(
        f"Formulir Pengukuran Kinerja Tingkat Perangkat Daerah Tahun {ctx.year}", records,
        [p.Column("Sasaran Strategis", "sasaran"), *INDICATOR_COLUMNS])


def formulir_budget(ctx: ReportContext) -> Optional[Paragraphs]:
    """The year's total pagu and realisasi under the formulir; None without a pagu (BAB III
    says that the budget is not filled in)."""
    total = ctx.budget_total
    if total.pagu is None:
        return None
    if total.realisasi is None:
        return Paragraphs(f"Jumlah anggaran kegiatan Tahun {ctx.year}: {fmt_rupiah(total.pagu)}; "
                          "realisasi anggaran belum diisi.")
    return Paragraphs(f"Jumlah anggaran kegiatan Tahun {ctx.year}: {rupiah_or_dash(total.pagu)}; "
                      f"jumlah realisasi anggaran: {rupiah_or_dash(total.realisasi)}.")
