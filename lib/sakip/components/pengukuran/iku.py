"""BAB II (every IKU with its target per Renstra year) and BAB III, evaluation of the IKU per
triwulan (with the year-end projection of a partial year)."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from sakip.analysis import pengukuran as pg
from sakip.analysis.report_context import ReportContext
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import badge_cell, capaian_text
from sakip.components.elements import Chart, Paragraphs, Table
from sakip.components.pengukuran.shared import iku_quarters, quarters, upto
from sakip.compute.formatting import fmt_int, fmt_perf_value
from sakip.compute.wording import describe_capaian
from sakip.model.parsing import NumberValue

# --- BAB II --------------------------------------------------------------------------------------


def iku_intro(ctx: ReportContext) -> Paragraphs:
    """How many IKU the agency set for its Renstra period."""
    prof = ctx.profile
    return Paragraphs(f"{prof.agency_name} {prof.pemda_label} menetapkan {fmt_int(len(ctx.agency.iku))} "
                      f"IKU untuk periode Renstra {ctx.renstra_period}:")


def iku_table(ctx: ReportContext) -> Table:
    """Every IKU with its tujuan, sasaran, unit and target for each year of the Renstra."""
    years = pg.renstra_years(ctx.profile)
    records = []
    for i, ind in enumerate(ctx.agency.iku, start=1):
        sasaran = ctx.agency.sasaran(ind.sasaran_id) if ind.sasaran_id else None
        tujuan = ctx.agency.tujuan(sasaran.tujuan_id) if sasaran and sasaran.tujuan_id else None
        rec = {"no": fmt_int(i), "tujuan": tujuan.statement if tujuan else "-",
               "sasaran": sasaran.statement if sasaran else "-", "indikator": ind.name,
               "satuan": ind.unit or "-"}
        for year, value in pg.iku_year_targets(ctx.agency, ind.indicator_id, years).items():
            rec[f"y{year}"] = fmt_perf_value(value, None)
        records.append(rec)
    columns = [p.Column("No", "no", "center"), p.Column("Tujuan", "tujuan"), p.Column("Sasaran", "sasaran"),
               p.Column("Indikator Kinerja", "indikator"), p.Column("Satuan", "satuan", "center")]
    columns += [p.Column(str(y), f"y{y}", "right") for y in years]
    return Table.from_records(
        f"Indikator Kinerja Utama {ctx.profile.agency_name}", records, columns,
        header_groups=[("Indikator", 5), ("Target Kinerja", len(years))],
        source=f"Dokumen perencanaan {ctx.profile.agency_name} {ctx.renstra_period}")


# --- BAB III: evaluation of the IKU ---------------------------------------------------------------


def iku_evaluation_table(ctx: ReportContext) -> Table:
    """Target, realisasi and capaian (with kriteria) of every IKU per triwulan, and for a partial
    year the "Proyeksi IV" row (annual target, projected realisasi)."""
    n = upto(ctx)
    items = iku_quarters(ctx)
    scale = ctx.options.scale
    records, classes = [], []
    for iq in items:
        unit = iq.indicator.unit
        sasaran = ctx.agency.sasaran(iq.indicator.sasaran_id) if iq.indicator.sasaran_id else None
        for j, r in enumerate(iq.quarters):
            first = j == 0
            records.append({
                "sasaran": (sasaran.statement if sasaran else "-") if first else "",
                "indikator": iq.indicator.name if first else "",
                "satuan": (unit or "-") if first else "",
                "tw": pg.roman(r.quarter),
                "target": fmt_perf_value(r.target, unit),
                "realisasi": fmt_perf_value(r.realisasi, unit),
                "capaian": capaian_text(r.capaian),
                "kriteria": badge_cell(scale, r.capaian),
            })
            classes.append("")
        if iq.projection is not None:
            value = None if iq.projection.value is None else NumberValue(iq.projection.value)
            records.append({"sasaran": "", "indikator": "", "satuan": "", "tw": "Proyeksi IV",
                            "target": fmt_perf_value(iq.annual_target, unit), "realisasi": fmt_perf_value(value, unit),
                            "capaian": capaian_text(iq.projection.capaian),
                            "kriteria": badge_cell(scale, iq.projection.capaian)})
            classes.append("total")
    columns = [p.Column("Sasaran Strategis", "sasaran"), p.Column("Indikator Kinerja", "indikator"),
               p.Column("Satuan", "satuan", "center"), p.Column("TW", "tw", "center"),
               p.Column("Target", "target", "right"), p.Column("Realisasi", "realisasi", "right"),
               p.Column("Capaian", "capaian", "right"), p.Column("Kriteria", "kriteria", "center", kind="html")]
    note = None
    if n < 4:
        note = ("Baris \u201cProyeksi IV\u201d: target tahunan dan proyeksi realisasi akhir tahun ("
                + "; ".join(f"{iq.indicator.name}: {iq.projection.basis}" for iq in items if iq.projection)
                + ").")
    return Table.from_records(
        f"Evaluasi Kinerja Tingkat IKU per Triwulan Tahun {ctx.year} ({pg.period_label(n)})",
        records, columns, row_classes=classes, note=note,
        source="Evaluasi kinerja tingkat IKU; capaian = realisasi / target triwulan × 100")


def iku_sentences(ctx: ReportContext) -> Optional[Paragraphs]:
    """Each IKU at the last quarter of the run in one sentence, and for a partial year its
    year-end projection (``None`` when no IKU has a quarter)."""
    sentences = []
    for iq in iku_quarters(ctx):
        latest = iq.latest
        if latest is None:
            continue
        unit = iq.indicator.unit
        sentences.append(f"TW {pg.roman(latest.quarter)}: " + describe_capaian(
            iq.indicator.name, latest.target, latest.realisasi, latest.capaian, latest.kriteria, unit,
            ctx.options.max_capaian))
        if iq.projection is not None and iq.projection.value is not None:
            sentences.append(
                f"Bila {iq.projection.basis}, realisasi akhir tahun {iq.indicator.name} diproyeksikan "
                f"{fmt_perf_value(NumberValue(iq.projection.value), unit)} terhadap target tahunan "
                f"{fmt_perf_value(iq.annual_target, unit)}, atau capaian "
                f"{capaian_text(iq.projection.capaian)} ({iq.projection.kriteria}).")
    return Paragraphs(*sentences) if sentences else None


def iku_chart(ctx: ReportContext) -> Optional[Chart]:
    """Capaian of every IKU per triwulan, grouped bars (``None`` without IKU)."""
    items = iku_quarters(ctx)
    qs = quarters(ctx)
    if not items or not qs:
        return None
    series = {f"TW {pg.roman(q)}": [_capaian_at_value(iq, q) for iq in items] for q in qs}
    fig = charts.grouped_bars([iq.indicator.name for iq in items], series, ylabel="Capaian (%)",
                              places=0, label_places=2)
    alt = "Capaian IKU per triwulan: " + "; ".join(
        f"{iq.indicator.name}: " + ", ".join(
            f"TW {pg.roman(q)} {_capaian_at_text(iq, q)}" for q in qs)
        for iq in items) + "."
    return Chart.from_figure(fig, f"Capaian IKU per Triwulan Tahun {ctx.year} ({pg.period_label(upto(ctx))})",
                             alt=alt)


def _capaian_at_value(iq: pg.IndicatorQuarters, q: int) -> Optional[Decimal]:
    """The capaian of quarter ``q`` (``None`` when the indicator has no row for it)."""
    r = iq.quarter(q)
    return None if r is None else r.capaian.value


def _capaian_at_text(iq: pg.IndicatorQuarters, q: int) -> str:
    """The capaian of quarter ``q`` as printed ("-" when the indicator has no row for it)."""
    r = iq.quarter(q)
    return "-" if r is None else capaian_text(r.capaian)
