"""BAB II Perencanaan Kinerja: RPJMD/RPD link, Renstra, IKU, PK of the year, budget per sasaran.
Each function returns one element; selections and sums come from :mod:`sakip.analysis.overview`."""

from __future__ import annotations

from typing import Optional, Sequence

from sakip.analysis import overview
from sakip.analysis.report_context import ReportContext
from sakip.components.common import amount_cell, pct_or_dash, unfilled_columns, unfilled_note
from sakip.components.elements import Callout, Heading, Paragraphs, Table
from sakip.components.html import Column, esc
from sakip.compute.formatting import fmt_int, fmt_perf_value
from sakip.model.parsing import parse_perf_value


def _plan_name(ctx: ReportContext) -> str:
    return ctx.profile.plan_name or "RPJMD"


def plan_heading(ctx: ReportContext) -> Heading:
    """The section on the regional plan, named as the pemda names it (RPJMD or RPD)."""
    return Heading(_plan_name(ctx), 2)


def plan_intro(ctx: ReportContext) -> Paragraphs | Callout:
    """How the agency's plan follows the regional plan, or what is missing."""
    if not ctx.agency.rows("rpjmd"):
        return Callout("Keterkaitan dengan tujuan dan sasaran RPJMD/RPD belum diisi.", "warning")
    return Paragraphs(f"Perencanaan kinerja {ctx.profile.agency_name} merupakan penjabaran dari "
                      f"{_plan_name(ctx)}. Tujuan dan sasaran daerah yang didukung adalah sebagai berikut.")


def plan_table(ctx: ReportContext) -> Optional[Table]:
    """Each tujuan and sasaran of the regional plan with the agency's tujuan and sasaran that
    support it; None when the regional plan is not entered."""
    items = ctx.agency.rows("rpjmd")
    if not items:
        return None
    served = overview.rpjmd_support(ctx.agency)
    records = [{"jenis": item.kind.capitalize(), "nomor": item.number or item.code,
                "pernyataan": item.statement, "didukung": "; ".join(served.get(item.code, [])) or "-"}
               for item in items]
    return Table.from_records(f"Tujuan dan Sasaran {_plan_name(ctx)} yang Didukung", records, [
        Column("Jenis", "jenis"), Column("Nomor", "nomor"), Column("Pernyataan", "pernyataan"),
        Column("Tujuan/Sasaran Perangkat Daerah yang Mendukung", "didukung")])


def renstra_heading(ctx: ReportContext) -> Heading:
    return Heading(f"Rencana Strategis {ctx.renstra_period}", 2)


def renstra_table(ctx: ReportContext) -> Table:
    """Tujuan, sasaran and their indicators with the baseline, the target of every Renstra year
    and the final target; the tujuan, the baseline, the yearly targets or the final target are
    left out when none is filled in (the note says so)."""
    years = overview.renstra_years(ctx)
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
    columns = [Column("Tujuan", "tujuan"), Column("Indikator Tujuan", "indikator_tujuan"),
               Column("Sasaran", "sasaran"), Column("Indikator Sasaran", "indikator"),
               Column("Satuan", "satuan", "center"), Column("Kondisi Awal", "awal", "right")]
    columns += [Column(str(y), str(y), "right") for y in years]
    columns.append(Column("Kondisi Akhir", "akhir", "right"))
    groups = [("kondisi awal", ["awal"]), ("target per tahun", [str(y) for y in years]),
              ("kondisi akhir", ["akhir"])]
    empty = unfilled_columns(records, [key for _, keys in groups for key in keys] + ["tujuan"])
    left_out = {key for _, keys in groups if keys and all(k in empty for k in keys) for key in keys}
    notes = [unfilled_note(groups, empty)]
    if "tujuan" in empty:  # no sasaran is linked to a tujuan: no columns of dashes
        left_out |= {"tujuan", "indikator_tujuan"}
        notes.insert(0, "Tujuan Renstra belum diisi.")
    return Table.from_records("Tujuan dan Sasaran Jangka Menengah", records,
                              [c for c in columns if c.key not in left_out],
                              source=f"Renstra {ctx.profile.agency_name} {ctx.renstra_period}",
                              note=" ".join(n for n in notes if n) or None)


def _numbered(items: Sequence[str]) -> dict:
    """A cell holding a numbered list (HTML for the page, numbered lines for Word)."""
    return {"html": "<ol>" + "".join(f"<li>{esc(t)}</li>" for t in items) + "</ol>",
            "text": "\n".join(f"{i}. {t}" for i, t in enumerate(items, 1))}


def strategy_table(ctx: ReportContext) -> Optional[Table]:
    """The strategi and arah kebijakan of each sasaran; None when none are entered."""
    rows = overview.strategies(ctx.agency)
    if not rows:
        return None
    records = [{"sasaran": r.sasaran.statement, "strategi": _numbered(r.strategies),
                "kebijakan": _numbered(r.policies)} for r in rows]
    return Table.from_records("Sasaran, Strategi dan Arah Kebijakan", records, [
        Column("Sasaran", "sasaran"), Column("Strategi", "strategi", kind="html"),
        Column("Arah Kebijakan", "kebijakan", kind="html")])


def _has_formulas(ctx: ReportContext) -> bool:
    return any(ind.formula_text for ind in ctx.agency.iku)


def iku_intro(ctx: ReportContext) -> Paragraphs:
    """The IKU introduced; the formulas promised only when the table shows some."""
    tail = ", dengan formula sebagai berikut." if _has_formulas(ctx) else " berikut."
    return Paragraphs(f"{ctx.profile.agency_name} menetapkan {fmt_int(len(ctx.agency.iku))} Indikator "
                      f"Kinerja Utama sebagai ukuran keberhasilan sasaran strategis{tail}")


def iku_table(ctx: ReportContext) -> Table:
    """Each IKU with its sasaran, unit, rationale, formula and data source (a column that no IKU
    fills in is left out, and the note says so)."""
    records = []
    for ind in ctx.agency.iku:
        sasaran = ctx.agency.sasaran(ind.sasaran_id) if ind.sasaran_id else None
        records.append({"sasaran": sasaran.statement if sasaran else "-", "iku": ind.name,
                        "satuan": ind.unit or "-", "alasan": ind.rationale or "-",
                        "formula": ind.formula_text or "-", "sumber": ind.data_source or "-"})
    groups = [("alasan", ["alasan"]), ("formula", ["formula"]), ("sumber data", ["sumber"])]
    empty = unfilled_columns(records, ["alasan", "formula", "sumber"])
    columns = [Column("Sasaran Strategis", "sasaran"), Column("Indikator Kinerja Utama", "iku"),
               Column("Satuan", "satuan", "center"), Column("Alasan", "alasan"),
               Column("Formula", "formula"), Column("Sumber Data", "sumber")]
    title = "Indikator Kinerja Utama dan Formulanya" if _has_formulas(ctx) else "Indikator Kinerja Utama"
    return Table.from_records(title, records,
                              [c for c in columns if c.key not in empty], note=unfilled_note(groups, empty))


def pk_heading(ctx: ReportContext) -> Heading:
    return Heading(f"Perjanjian Kinerja Tahun {ctx.year}", 2)


def pk_intro(ctx: ReportContext) -> Paragraphs:
    return Paragraphs("Perjanjian Kinerja memuat komitmen kepala perangkat daerah kepada kepala "
                      f"daerah atas target kinerja Tahun {ctx.year} berikut.")


def pk_table(ctx: ReportContext) -> Table:
    """The target of each strategic indicator in the year's (revised) Perjanjian Kinerja."""
    records = []
    for s in ctx.agency.strategic_sasaran:
        for ind in ctx.agency.indicators_of(s.sasaran_id):
            row = ctx.agency.target(ind.indicator_id, ctx.year, sources=("pk_perubahan", "pk"))
            records.append({"sasaran": s.statement, "indikator": ind.name,
                            "target": fmt_perf_value(row.parsed if row else None, ind.unit)})
    return Table.from_records(f"Perjanjian Kinerja Tahun {ctx.year}", records, [
        Column("Sasaran Strategis", "sasaran"), Column("Indikator Kinerja", "indikator"),
        Column("Target", "target", "right")])


_ROW_CLASS = {"sasaran": "total", "total": "total"}


def budget_table(ctx: ReportContext) -> Optional[Table]:
    """Pagu per sasaran down to sub kegiatan; amounts of parents are sums of their leaves. None
    when no sasaran has budget lines, or none has an amount (a table of dashes)."""
    rows = overview.budget_tree(ctx)
    if not rows or all(r.pagu is None and r.realisasi is None for r in rows):
        return None
    records = [{"uraian": r.label, "pagu": amount_cell(r.pagu), "realisasi": amount_cell(r.realisasi),
                "serapan": pct_or_dash(r.serapan)} for r in rows]
    return Table.from_records(f"Anggaran per Sasaran Strategis Tahun {ctx.year}", records, [
        Column("Sasaran / Program / Kegiatan / Sub Kegiatan", "uraian"),
        Column("Anggaran (Rp)", "pagu", "right"), Column("Realisasi (Rp)", "realisasi", "right"),
        Column("% Serapan", "serapan", "right")],
        row_classes=[_ROW_CLASS.get(r.kind, f"level-{r.level}") for r in rows],
        note=("Anggaran program dan kegiatan adalah jumlah sub kegiatannya; serapan = Σ realisasi / Σ pagu."
              if any(line.parent_code for line in ctx.budget_lines) else "Serapan = Σ realisasi / Σ pagu."))
