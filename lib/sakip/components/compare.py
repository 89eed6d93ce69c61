"""Perbandingan antarperangkat daerah: IKU side by side, serapan, quadrant, ranking, trend.

Each function returns one element of a chapter of ``notebooks/compare/`` (the summary chapters
reuse a few tables). The figures, counts and orderings come from
:mod:`sakip.crossagency`; every table is built once as a
:class:`~sakip.components.excel.DataTable` of raw values and shown through
:func:`sakip.components.datatable.table`, which keeps the raw values for the workbook.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional, Sequence

from sakip import crossagency as cx
from sakip.components import charts
from sakip.components.datatable import kriteria_colours as kriteria_colours  # renderer
from sakip.components.datatable import table
from sakip.components.elements import Chart, Heading, Paragraphs, Table
from sakip.components.excel import Col, DataTable
from sakip.compute.formatting import fmt_int, fmt_pct
from sakip.compute.kriteria import NOT_MEASURABLE
from sakip.crossagency import HIGH_HIGH, HIGH_LOW, LOW_HIGH, LOW_LOW, CrossAgency

QUADRANT_COLOURS = {HIGH_LOW: "#1b7837", HIGH_HIGH: "#1f4e79", LOW_LOW: "#f1a340", LOW_HIGH: "#c0392b"}


def store_source(ctx: CrossAgency) -> str:
    """The source line of a table of the report's year."""
    return (f"Basis data analitis sakip ({cx.overview(ctx).n_agencies} perangkat daerah), "
            f"Tahun {ctx.year}")


def _pct_or_dash(value: Optional[Decimal]) -> str:
    return "-" if value is None else fmt_pct(value)


def _series(labels: Sequence[object], values: Sequence[Optional[Decimal]]) -> str:
    """A chart's figures for its alt text: "A 91,20%; B 88,05%"."""
    return "; ".join(f"{label} {'tanpa data' if v is None else fmt_pct(v)}"
                     for label, v in zip(labels, values))


# --- BAB I: IKU side by side --------------------------------------------------------------------


def intro(ctx: CrossAgency) -> Paragraphs:
    """What the chapter sets side by side: how many IKU of how many agencies."""
    o = cx.overview(ctx)
    return Paragraphs(f"Bab ini menyandingkan {fmt_int(o.n_indicators)} Indikator Kinerja Utama (IKU) "
                      f"dari {fmt_int(o.n_agencies)} perangkat daerah pada Tahun {ctx.year}.")


def iku_table(ctx: CrossAgency) -> Table:
    """Every IKU of every agency: target, realisasi, capaian and kriteria."""
    rows = [{"agency": r.agency, "code": r.indicator_id, "indicator": r.indicator,
             "unit": r.unit or "-", "target": r.target or "-", "realisasi": r.realisasi or "-",
             "capaian": r.capaian, "kriteria": r.kriteria} for r in ctx.results.itertuples()]
    return table(DataTable(f"Capaian Indikator Kinerja Utama per Perangkat Daerah Tahun {ctx.year}", [
        Col("Perangkat Daerah", "agency"), Col("Kode", "code"), Col("Indikator Kinerja Utama", "indicator"),
        Col("Satuan", "unit"), Col("Target", "target"), Col("Realisasi", "realisasi"),
        Col("Capaian", "capaian", "pct"), Col("Kriteria", "kriteria", "kriteria")], rows,
        source=store_source(ctx), note="Target dan realisasi seperti tercatat pada masukan."), ctx.scale)


def matrix_table(ctx: CrossAgency) -> Table:
    """Agencies by IKU code, each cell the capaian coloured by its kriteria."""
    codes = list(dict.fromkeys(ctx.results["indicator_id"]))
    rows = []
    for agency_id, name in ctx.names.items():
        mine = ctx.results[ctx.results["agency_id"] == agency_id]
        row: dict[str, Any] = {"agency": name}
        for r in mine.itertuples():
            row[r.indicator_id] = (r.capaian, r.kriteria)
        rows.append(row)
    return table(DataTable(f"Matriks Capaian IKU (Perangkat Daerah × Indikator) Tahun {ctx.year}",
                           [Col("Perangkat Daerah", "agency")] + [Col(c, c, "pct_kriteria") for c in codes],
                           rows, source=store_source(ctx),
                           note="Warna sel = kriteria capaian; nama indikator tiap kode pada tabel sebelumnya."),
                 ctx.scale)


def kriteria_table(ctx: CrossAgency) -> Table:
    """IKU per kriteria and agency, with a 'Jumlah' row."""
    labels = ctx.scale.labels + [NOT_MEASURABLE]
    rows = [dict(r) for r in ctx.kriteria.to_dict("records")]
    rows.append({"agency": "Jumlah", **cx.kriteria_totals(ctx.kriteria, labels)})
    return table(DataTable(f"Jumlah IKU per Kriteria dan Perangkat Daerah Tahun {ctx.year}",
                           [Col("Perangkat Daerah", "agency")] + [Col(label, label, "int") for label in labels]
                           + [Col("Jumlah IKU", "total", "int")], rows, source=store_source(ctx)),
                 ctx.scale)


# --- BAB II: serapan and the quadrant -----------------------------------------------------------


def serapan_table(ctx: CrossAgency) -> Table:
    """Pagu, realisasi, serapan and its rank per agency, with a 'Jumlah' row."""
    o = cx.overview(ctx)
    rows = [{"agency": r.agency, "pagu": r.pagu, "realisasi": r.realisasi, "serapan": r.serapan,
             "rank": r.rank_serapan} for r in ctx.scores.itertuples()]
    rows.append({"agency": "Jumlah", "pagu": o.pagu, "realisasi": o.realisasi, "serapan": o.serapan,
                 "rank": None})
    return table(DataTable(f"Serapan Anggaran per Perangkat Daerah Tahun {ctx.year}", [
        Col("Perangkat Daerah", "agency"), Col("Pagu", "pagu", "rupiah"),
        Col("Realisasi", "realisasi", "rupiah"), Col("Serapan", "serapan", "pct"),
        Col("Peringkat Serapan", "rank", "rank")], rows, source=store_source(ctx),
        note="Serapan = jumlah realisasi / jumlah pagu × 100 (sub kegiatan), juga pada baris Jumlah."),
        ctx.scale)


def serapan_chart(ctx: CrossAgency) -> Chart:
    """Serapan per agency as horizontal bars (agencies with a budget)."""
    scores = cx.with_serapan(ctx.scores)
    agencies, values = list(scores["agency"]), list(scores["serapan"])
    fig = charts.grouped_bars(agencies, {"Serapan (%)": values}, ylabel="Serapan (%)", label_places=2,
                              horizontal=True)
    return Chart.from_figure(fig, f"Serapan Anggaran per Perangkat Daerah Tahun {ctx.year}",
                             alt=f"Serapan anggaran per perangkat daerah: {_series(agencies, values)}.",
                             source=store_source(ctx))


def quadrant_chart(ctx: CrossAgency) -> Chart:
    """Serapan (x) against mean capaian (y), one numbered point per agency, with the median
    serapan and the 100% target as the quadrant lines."""
    import matplotlib.pyplot as plt  # function-local: only this chart draws by hand (Agg set by charts)
    from matplotlib.ticker import MaxNLocator  # function-local: with the pyplot import above

    q = ctx.quadrant
    records = cx.numbered_quadrant(q.points)
    fig = plt.figure(figsize=(7.0, 5.0))
    ax = fig.add_axes((0.1, 0.1, 0.86, 0.84))
    xs, ys = [float(r["serapan"]) for r in records], [float(r["mean"]) for r in records]
    ax.scatter(xs, ys, s=28, c=[QUADRANT_COLOURS[r["quadrant"]] for r in records], zorder=3)
    # Numbers, not names: 30-40 names overlap; the table under the chart gives each number's agency.
    for x, y, r in zip(xs, ys, records):
        ax.annotate(r["no"], (x, y), textcoords="offset points", xytext=(3, 3), fontsize=6.5)
    ax.axhline(float(q.y_line), color="#555", linewidth=1, linestyle="--")
    if q.x_line is not None:
        ax.axvline(float(q.x_line), color="#555", linewidth=1, linestyle="--")
    ax.margins(0.12)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    box = dict(boxstyle="round,pad=0.25", fc="white", ec="#bbb", alpha=0.9)
    for label, x, y, va, ha in ((HIGH_LOW, x0, y1, "top", "left"), (HIGH_HIGH, x1, y1, "top", "right"),
                                (LOW_LOW, x0, y0, "bottom", "left"), (LOW_HIGH, x1, y0, "bottom", "right")):
        ax.text(x, y, f" {label} ", va=va, ha=ha, fontsize=8, color=QUADRANT_COLOURS[label], bbox=box)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MaxNLocator(integer=True))
        axis.set_major_formatter(charts.axis_format(0))
    ax.set_xlabel("Serapan anggaran (%)")
    ax.set_ylabel("Rata-rata capaian IKU (%)")
    alt = (f"Garis median serapan {_pct_or_dash(q.x_line)}, garis target capaian {fmt_pct(q.y_line)}. "
           "Titik bernomor (serapan; rata-rata capaian; kuadran): "
           + ", ".join(f"{r['no']} {r['agency']} ({fmt_pct(r['serapan'])}; {fmt_pct(r['mean'])}; "
                       f"{r['quadrant']})" for r in records) + ".")
    return Chart.from_figure(fig, f"Kuadran Capaian Kinerja dan Serapan Anggaran Tahun {ctx.year}", alt=alt,
                             source=store_source(ctx)
                             + "; nomor titik sesuai kolom No pada tabel posisi kuadran")


def quadrant_text(ctx: CrossAgency) -> Paragraphs:
    """The quadrant lines and how many agencies each quadrant holds."""
    q = ctx.quadrant
    counts = cx.quadrant_counts(q.points)
    return Paragraphs(
        f"Garis vertikal adalah median serapan ({_pct_or_dash(q.x_line)}), garis horizontal capaian "
        f"100% (target). {fmt_int(counts[HIGH_LOW])} perangkat daerah berada pada kuadran {HIGH_LOW}, "
        f"{fmt_int(counts[HIGH_HIGH])} pada kuadran {HIGH_HIGH}, "
        f"{fmt_int(counts[LOW_LOW])} pada kuadran {LOW_LOW} dan "
        f"{fmt_int(counts[LOW_HIGH])} pada kuadran {LOW_HIGH}.")


def quadrant_table(ctx: CrossAgency) -> Table:
    """The agencies by quadrant, numbered as the chart's points."""
    return table(DataTable(f"Posisi Perangkat Daerah pada Kuadran Capaian dan Serapan Tahun {ctx.year}", [
        Col("No", "no"), Col("Perangkat Daerah", "agency"), Col("Serapan", "serapan", "pct"),
        Col("Rata-rata Capaian IKU", "mean", "pct"), Col("Kuadran", "quadrant")],
        cx.numbered_quadrant(ctx.quadrant.points), source=store_source(ctx)), ctx.scale)


# --- BAB III: ranking ---------------------------------------------------------------------------


def ranking_table(ctx: CrossAgency) -> Table:
    """The agencies by rank of their mean capaian (ties share a rank), with their serapan rank."""
    rows = [{"rank": r["rank_capaian"], "agency": r["agency"], "n_iku": r["n_iku"],
             "n_measured": r["n_measured"], "mean": r["mean_capaian"], "n_below": r["n_below"],
             "serapan": r["serapan"], "rank_serapan": r["rank_serapan"]} for r in cx.ranked_scores(ctx.scores)]
    excluded = cx.implausible_total(ctx.scores)
    note = ("Peringkat dengan nilai yang ditampilkan (dua desimal); nilai sama berbagi peringkat "
            "terbaik dan peringkat berikutnya dilompati (1, 2, 2, 4).")
    if excluded:
        note += (f" {fmt_int(excluded)} capaian di atas {fmt_pct(ctx.selection.max_capaian, 0)} "
                 "(tidak wajar menurut audit) tidak dihitung dalam rata-rata.")
    return table(DataTable(f"Peringkat Perangkat Daerah menurut Rata-rata Capaian IKU Tahun {ctx.year}", [
        Col("Peringkat", "rank", "rank"), Col("Perangkat Daerah", "agency"),
        Col("Jumlah IKU", "n_iku", "int"), Col("IKU Terukur", "n_measured", "int"),
        Col("Rata-rata Capaian", "mean", "pct"), Col("IKU di Bawah Target", "n_below", "int"),
        Col("Serapan", "serapan", "pct"), Col("Peringkat Serapan", "rank_serapan", "rank")],
        rows, source=store_source(ctx), note=note), ctx.scale)


def ties_text(ctx: CrossAgency) -> Paragraphs:
    """The ranks shared by several agencies, or that there are none."""
    shared = cx.shared_ranks(list(ctx.scores["rank_capaian"]))
    if not shared:
        return Paragraphs("Tidak ada perangkat daerah dengan rata-rata capaian yang sama.")
    parts = [f"peringkat {rank} ({fmt_int(n)} perangkat daerah)" for rank, n in shared]
    return Paragraphs("Rata-rata capaian yang sama menghasilkan peringkat bersama: " + ", ".join(parts) + ".")


# --- BAB IV: trend ------------------------------------------------------------------------------


def trend_heading(ctx: CrossAgency) -> Heading:
    """The section of the agency whose trend is shown: its name."""
    return Heading(ctx.names[ctx.trend_agency], 2)


def trend_choice(ctx: CrossAgency) -> Optional[Paragraphs]:
    """Why this agency, when the report did not name one: the best ranked."""
    if ctx.selection.trend_agency:
        return None
    return Paragraphs(f"Ditampilkan perangkat daerah dengan peringkat rata-rata capaian terbaik "
                      f"Tahun {ctx.year}: {ctx.names[ctx.trend_agency]}.")


def agency_trend_chart(ctx: CrossAgency) -> Chart:
    """Mean capaian and serapan of the trend agency across its years."""
    trend = ctx.agency_trend
    years, means, serapan = list(trend["year"]), list(trend["mean_capaian"]), list(trend["serapan"])
    fig = charts.line_trend(years, {"Rata-rata capaian IKU (%)": means, "Serapan anggaran (%)": serapan},
                            ylabel="%", reference=("100%", Decimal(100)))
    alt = (f"Rata-rata capaian IKU: {_series(years, means)}. "
           f"Serapan anggaran: {_series(years, serapan)}.")
    return Chart.from_figure(fig, f"Tren Rata-rata Capaian IKU dan Serapan {ctx.names[ctx.trend_agency]}",
                             alt=alt)


def agency_trend_table(ctx: CrossAgency) -> Table:
    """The trend agency's IKU counts, mean capaian and budget per year."""
    rows = [dict(r) for r in ctx.agency_trend.to_dict("records")]
    return table(DataTable(f"Tren Kinerja dan Anggaran {ctx.names[ctx.trend_agency]}", [
        Col("Tahun", "year", "rank"), Col("Jumlah IKU", "n_iku", "int"),
        Col("IKU Terukur", "n_measured", "int"), Col("IKU di Bawah Target", "n_below", "int"),
        Col("Rata-rata Capaian", "mean_capaian", "pct"), Col("Pagu", "pagu", "rupiah"),
        Col("Realisasi", "realisasi", "rupiah"), Col("Serapan", "serapan", "pct")], rows,
        source="Basis data analitis sakip, semua tahun"), ctx.scale)


def _indicator_name(ctx: CrossAgency) -> tuple[str, str]:
    """Only called when an indicator trend was asked for (``indicator_trend`` is not None)."""
    trend = ctx.indicator_trend
    assert trend is not None
    first = trend.iloc[0]
    return str(first["indicator"]), str(first["agency"])


def indicator_heading(ctx: CrossAgency) -> Optional[Heading]:
    """The section of the indicator asked for (``trend_indicator``), if any."""
    if ctx.indicator_trend is None:
        return None
    return Heading(f"Indikator {_indicator_name(ctx)[0]}", 2)


def indicator_trend_chart(ctx: CrossAgency) -> Optional[Chart]:
    """The capaian of the indicator asked for across the years, if any."""
    frame = ctx.indicator_trend
    if frame is None:
        return None
    indicator, agency = _indicator_name(ctx)
    years, values = list(frame["year"]), list(frame["capaian"])
    fig = charts.line_trend(years, {"Capaian (%)": values}, ylabel="Capaian (%)",
                            reference=("100%", Decimal(100)))
    return Chart.from_figure(fig, f"Tren Capaian {indicator} ({agency})",
                             alt=f"Capaian {indicator}: {_series(years, values)}.")


def indicator_trend_table(ctx: CrossAgency) -> Optional[Table]:
    """Target, realisasi, capaian and kriteria of the indicator asked for per year, if any."""
    frame = ctx.indicator_trend
    if frame is None:
        return None
    indicator, agency = _indicator_name(ctx)
    rows = [{"year": r.year, "target": r.target or "-", "realisasi": r.realisasi or "-",
             "capaian": r.capaian, "kriteria": r.kriteria} for r in frame.itertuples()]
    return table(DataTable(f"Tren {indicator} ({agency})", [
        Col("Tahun", "year", "rank"), Col("Target", "target"), Col("Realisasi", "realisasi"),
        Col("Capaian", "capaian", "pct"), Col("Kriteria", "kriteria", "kriteria")], rows,
        source="Basis data analitis sakip, semua tahun"), ctx.scale)
