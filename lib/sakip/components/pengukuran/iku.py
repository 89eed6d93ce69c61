"""BAB II (every IKU with its target per Renstra year) and BAB III 3.1 (the IKU per triwulan, with
the year-end projection of a partial year)."""

from __future__ import annotations

from sakip.analysis import pengukuran as pg
from sakip.analysis.context import ReportContext
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import badge, capaian_text
from sakip.components.pengukuran.shared import _perf, iku_quarters, period_banner, quarters, upto
from sakip.compute.wording import describe_capaian
from sakip.model.parsing import NumberValue

# --- BAB II --------------------------------------------------------------------------------------


def iku_table(ctx: ReportContext) -> str:
    """BAB II: every IKU with its target for each year of the Renstra."""
    years = pg.renstra_years(ctx.profile)
    out = p.heading("BAB II INDIKATOR KINERJA UTAMA", 1, anchor="bab-ii")
    out += p.paragraph(
        f"Indikator Kinerja Utama (IKU) merupakan ukuran keberhasilan tujuan dan sasaran strategis "
        f"{ctx.profile.agency_name} {ctx.profile.pemda_label}. Ketercapaian target IKU dalam "
        f"Perjanjian Kinerja menjadi ukuran keberhasilan organisasi. {len(ctx.agency.iku)} IKU "
        f"ditetapkan untuk periode Renstra {ctx.renstra_period}:")
    records = []
    for i, ind in enumerate(ctx.agency.iku, start=1):
        sasaran = ctx.agency.sasaran(ind.sasaran_id) if ind.sasaran_id else None
        tujuan = ctx.agency.tujuan(sasaran.tujuan_id) if sasaran and sasaran.tujuan_id else None
        rec = {"no": str(i), "tujuan": tujuan.statement if tujuan else "-",
               "sasaran": sasaran.statement if sasaran else "-", "indikator": ind.name,
               "satuan": ind.unit or "-"}
        for year, value in pg.iku_year_targets(ctx.agency, ind.indicator_id, years).items():
            rec[f"y{year}"] = _perf(value, None)
        records.append(rec)
    columns = [p.Column("No", "no", "center"), p.Column("Tujuan", "tujuan"), p.Column("Sasaran", "sasaran"),
               p.Column("Indikator Kinerja", "indikator"), p.Column("Satuan", "satuan", "center")]
    columns += [p.Column(str(y), f"y{y}", "right") for y in years]
    out += p.figure("tabel", f"Indikator Kinerja Utama {ctx.profile.agency_name}", p.table_html(
        records, columns, header_groups=[("Indikator", 5), ("Target Kinerja", len(years))]),
        source=f"Dokumen perencanaan {ctx.profile.agency_name} {ctx.renstra_period}")
    return out


# --- BAB III -------------------------------------------------------------------------------------


def iku_evaluation(ctx: ReportContext) -> str:
    """3.1: target, realisasi and capaian (with kriteria) of every IKU per triwulan, and the
    year-end projection of a partial year."""
    n = upto(ctx)
    out = p.heading("BAB III PENGUKURAN KINERJA TRIWULAN", 1, anchor="bab-iii") + period_banner(ctx)
    out += p.heading("3.1 Evaluasi Kinerja Tingkat IKU", 2, anchor="evaluasi-iku")
    items = iku_quarters(ctx)
    records, classes = [], []
    for iq in items:
        unit = iq.indicator.unit
        sasaran = ctx.agency.sasaran(iq.indicator.sasaran_id) if iq.indicator.sasaran_id else None
        for j, r in enumerate(iq.quarters):
            records.append({
                "sasaran": (sasaran.statement if sasaran else "-") if j == 0 else "",
                "indikator": iq.indicator.name if j == 0 else "",
                "satuan": (unit or "-") if j == 0 else "",
                "tw": pg.roman(r.quarter),
                "target": _perf(r.target, unit),
                "realisasi": _perf(r.realisasi, unit),
                "capaian": capaian_text(r.capaian),
                "kriteria": badge(ctx.options.scale, r.capaian),
            })
            classes.append("")
        if iq.projection is not None:
            value = None if iq.projection.value is None else NumberValue(iq.projection.value)
            records.append({"sasaran": "", "indikator": "", "satuan": "", "tw": "Proyeksi IV",
                            "target": _perf(iq.annual_target, unit), "realisasi": _perf(value, unit),
                            "capaian": capaian_text(iq.projection.capaian),
                            "kriteria": badge(ctx.options.scale, iq.projection.capaian)})
            classes.append("total")
    columns = [p.Column("Sasaran Strategis", "sasaran"), p.Column("Indikator Kinerja", "indikator"),
               p.Column("Satuan", "satuan", "center"), p.Column("TW", "tw", "center"),
               p.Column("Target", "target", "right"), p.Column("Realisasi", "realisasi", "right"),
               p.Column("Capaian", "capaian", "right"), p.Column("Kriteria", "kriteria", "center", kind="html")]
    out += p.figure("tabel", f"Evaluasi Kinerja Tingkat IKU per Triwulan Tahun {ctx.year} ({pg.period_label(n)})",
                    p.table_html(records, columns, row_classes=classes),
                    source="Evaluasi kinerja tingkat IKU; capaian = realisasi / target triwulan × 100",
                    note=("Baris \u201cProyeksi IV\u201d: target tahunan dan proyeksi realisasi akhir tahun ("
                          + "; ".join(f"{iq.indicator.name}: {iq.projection.basis}"
                                      for iq in items if iq.projection) + ").") if n < 4 else None)
    sentences = []
    for iq in items:
        latest = iq.latest
        if latest is None:
            continue
        sentences.append(f"Triwulan {pg.roman(latest.quarter)}: " + describe_capaian(
            iq.indicator.name, latest.target, latest.realisasi, latest.capaian, latest.kriteria,
            iq.indicator.unit))
        if iq.projection is not None and iq.projection.value is not None:
            sentences.append(
                f"Bila {iq.projection.basis}, realisasi akhir tahun {iq.indicator.name} diproyeksikan "
                f"{_perf(NumberValue(iq.projection.value), iq.indicator.unit)} terhadap target tahunan "
                f"{_perf(iq.annual_target, iq.indicator.unit)}, atau capaian "
                f"{capaian_text(iq.projection.capaian)} ({iq.projection.kriteria}).")
    out += p.paragraphs(sentences)
    qs = quarters(ctx)
    if items and qs:
        series = {f"TW {pg.roman(q)}": [iq.quarter(q).capaian.value if iq.quarter(q) else None for iq in items]
                  for q in qs}
        fig = charts.grouped_bars([iq.indicator.name for iq in items], series, ylabel="Capaian (%)",
                                  places=0, label_places=2)
        out += p.chart(fig, f"Capaian IKU per Triwulan Tahun {ctx.year} ({pg.period_label(n)})",
                       alt="Capaian tiap IKU per triwulan dalam persen")
    return out
