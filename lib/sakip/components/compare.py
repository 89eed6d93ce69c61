"""Perbandingan antarperangkat daerah: IKU side by side, serapan, quadrant, ranking, trend.

Views format only: the figures come from :mod:`sakip.analysis.crossagency`; every table is a
:class:`~sakip.components.excel.DataTable` so the same table goes to the HTML and to the workbook.
``excel_tables`` lists every table in the order the chapters show them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Optional

from sakip.analysis.crossagency import HIGH_HIGH, HIGH_LOW, LOW_HIGH, LOW_LOW, CrossAgency, shown
from sakip.components import charts
from sakip.components import html as p
from sakip.components.excel import Col, DataTable
from sakip.compute.formatting import fmt_int, fmt_number, fmt_pct, fmt_rupiah
from sakip.compute.kriteria import NOT_MEASURABLE, NOT_MEASURABLE_COLOUR, KriteriaScale

# --- shared by the compare and summary views ---------------------------------------------------


def kriteria_colours(scale: KriteriaScale) -> dict[str, str]:
    colours = {b.label: b.colour for b in scale.bands}
    colours[NOT_MEASURABLE] = NOT_MEASURABLE_COLOUR
    return colours


def cell_html(value, kind: str, colours: dict[str, str]) -> str:
    """One formatted, escaped table cell."""
    if kind == "pct_kriteria":
        capaian, kriteria = value if value is not None else (None, None)
        if kriteria is None:
            return ""
        text = "-" if capaian is None else fmt_pct(capaian)
        return p.kriteria_badge(text, colours.get(kriteria)).replace(
            'class="kriteria"', f'class="kriteria" title="{p.esc(kriteria)}"')
    if kind == "kriteria":
        return p.kriteria_badge(value, colours.get(value or NOT_MEASURABLE))
    if value is None:
        return "-"
    text = {
        "int": lambda v: fmt_int(v),
        "rank": lambda v: str(v),
        "pct": lambda v: fmt_pct(v),
        "points": lambda v: ("+" if shown(Decimal(v)) > 0 else "") + fmt_number(v),
        "rupiah": lambda v: fmt_rupiah(v),
        "list": lambda v: ", ".join(v) if v else "-",
    }.get(kind, str)(value)
    return p.esc(text)


ALIGN = {"text": "left", "list": "left", "kriteria": "center", "pct_kriteria": "center",
         "rank": "center"}


def table_block(table: DataTable, scale: KriteriaScale) -> str:
    """A DataTable as a numbered ``Tabel`` figure."""
    colours = kriteria_colours(scale)
    records = [{c.key: cell_html(r.get(c.key), c.kind, colours) for c in table.columns}
               for r in table.rows]
    columns = [p.Column(c.header, c.key, ALIGN.get(c.kind, "right"), kind="html")
               for c in table.columns]
    body = p.table_html(records, columns) if records else p.paragraph("Tidak ada data.")
    return p.figure("tabel", table.title, body, source=table.source, note=table.note)


def store_source(ctx: CrossAgency) -> str:
    return f"Basis data analitis sakip ({len(ctx.agency_ids)} perangkat daerah), Tahun {ctx.year}"


def _f(value) -> float:
    return float(value)


# --- BAB I: IKU side by side --------------------------------------------------------------------


def iku_table(ctx: CrossAgency) -> DataTable:
    rows = []
    for r in ctx.results.itertuples():
        rows.append({"agency": r.agency, "code": r.indicator_id, "indicator": r.indicator,
                     "unit": r.unit or "-", "target": r.target or "-", "realisasi": r.realisasi or "-",
                     "capaian": r.capaian, "kriteria": r.kriteria})
    return DataTable(f"Capaian Indikator Kinerja Utama per Perangkat Daerah Tahun {ctx.year}", [
        Col("Perangkat Daerah", "agency"), Col("Kode", "code"), Col("Indikator Kinerja Utama", "indicator"),
        Col("Satuan", "unit"), Col("Target", "target"), Col("Realisasi", "realisasi"),
        Col("Capaian", "capaian", "pct"), Col("Kriteria", "kriteria", "kriteria")], rows,
        source=store_source(ctx), note="Target dan realisasi seperti tercatat pada masukan.")


def matrix_table(ctx: CrossAgency) -> DataTable:
    codes = list(dict.fromkeys(ctx.results["indicator_id"]))
    rows = []
    for agency_id, name in ctx.names.items():
        mine = ctx.results[ctx.results["agency_id"] == agency_id]
        row = {"agency": name}
        for r in mine.itertuples():
            row[r.indicator_id] = (r.capaian, r.kriteria)
        rows.append(row)
    return DataTable(f"Matriks Capaian IKU (Perangkat Daerah × Indikator) Tahun {ctx.year}",
                     [Col("Perangkat Daerah", "agency")] + [Col(c, c, "pct_kriteria") for c in codes],
                     rows, source=store_source(ctx),
                     note="Warna sel = kriteria capaian; nama indikator tiap kode pada tabel sebelumnya.")


def kriteria_table(ctx: CrossAgency) -> DataTable:
    labels = ctx.scale.labels + [NOT_MEASURABLE]
    rows = [dict(r) for r in ctx.kriteria.to_dict("records")]
    total = {"agency": "Jumlah", **{label: int(ctx.kriteria[label].sum()) for label in labels},
             "total": int(ctx.kriteria["total"].sum())}
    return DataTable(f"Jumlah IKU per Kriteria dan Perangkat Daerah Tahun {ctx.year}",
                     [Col("Perangkat Daerah", "agency")] + [Col(label, label, "int") for label in labels]
                     + [Col("Jumlah IKU", "total", "int")], rows + [total], source=store_source(ctx))


def compare_capaian(ctx: CrossAgency) -> str:
    n = len(ctx.results)
    return (p.heading("BAB I CAPAIAN INDIKATOR KINERJA UTAMA", 1, anchor="c-bab-i")
            + p.paragraph(f"Bab ini menyandingkan {fmt_int(n)} Indikator Kinerja Utama (IKU) dari "
                          f"{fmt_int(len(ctx.agency_ids))} perangkat daerah pada Tahun {ctx.year}.")
            + p.heading("1.1 Capaian IKU Berdampingan")
            + table_block(iku_table(ctx), ctx.scale) + table_block(matrix_table(ctx), ctx.scale)
            + p.heading("1.2 Sebaran Kriteria")
            + table_block(kriteria_table(ctx), ctx.scale))


def tables_capaian(ctx: CrossAgency) -> list[DataTable]:
    return [iku_table(ctx), matrix_table(ctx), kriteria_table(ctx)]


# --- BAB II: serapan and the quadrant -----------------------------------------------------------


def serapan_table(ctx: CrossAgency) -> DataTable:
    rows = [{"agency": r.agency, "pagu": r.pagu, "realisasi": r.realisasi, "serapan": r.serapan,
             "rank": r.rank_serapan} for r in ctx.scores.itertuples()]
    rows.append({"agency": "Jumlah", "pagu": ctx.total["pagu"], "realisasi": ctx.total["realisasi"],
                 "serapan": ctx.total["serapan"], "rank": None})
    return DataTable(f"Serapan Anggaran per Perangkat Daerah Tahun {ctx.year}", [
        Col("Perangkat Daerah", "agency"), Col("Pagu", "pagu", "rupiah"),
        Col("Realisasi", "realisasi", "rupiah"), Col("Serapan", "serapan", "pct"),
        Col("Peringkat Serapan", "rank", "rank")], rows, source=store_source(ctx),
        note="Serapan = jumlah realisasi / jumlah pagu × 100 (sub kegiatan), juga pada baris Jumlah.")


def _quadrant_records(ctx: CrossAgency) -> list[dict]:
    """Agencies in table order (by quadrant), numbered: the chart labels its points by number."""
    order = {HIGH_LOW: 0, HIGH_HIGH: 1, LOW_LOW: 2, LOW_HIGH: 3}
    points = sorted(ctx.quadrant.points.to_dict("records"), key=lambda r: order[r["quadrant"]])
    return [{"no": str(i), "agency": r["agency"], "serapan": r["serapan"], "mean": r["mean_capaian"],
             "quadrant": r["quadrant"]} for i, r in enumerate(points, 1)]


def quadrant_table(ctx: CrossAgency) -> DataTable:
    return DataTable(f"Posisi Perangkat Daerah pada Kuadran Capaian dan Serapan Tahun {ctx.year}", [
        Col("No", "no"), Col("Perangkat Daerah", "agency"), Col("Serapan", "serapan", "pct"),
        Col("Rata-rata Capaian IKU", "mean", "pct"), Col("Kuadran", "quadrant")], _quadrant_records(ctx),
        source=store_source(ctx))


def serapan_chart(ctx: CrossAgency) -> str:
    scores = ctx.scores[[s is not None for s in ctx.scores["serapan"]]]
    fig = charts.grouped_bars(list(scores["agency"]), {"Serapan (%)": list(scores["serapan"])},
                              ylabel="Serapan (%)", label_places=2, horizontal=True)
    return p.chart(fig, f"Serapan Anggaran per Perangkat Daerah Tahun {ctx.year}",
                   source=store_source(ctx))


def quadrant_chart(ctx: CrossAgency) -> str:
    import matplotlib.pyplot as plt

    q = ctx.quadrant
    records = _quadrant_records(ctx)
    fig = plt.figure(figsize=(7.0, 5.0))
    ax = fig.add_axes((0.1, 0.1, 0.86, 0.84))
    xs, ys = [_f(r["serapan"]) for r in records], [_f(r["mean"]) for r in records]
    colours = {HIGH_LOW: "#1b7837", HIGH_HIGH: "#1f4e79", LOW_LOW: "#f1a340", LOW_HIGH: "#c0392b"}
    ax.scatter(xs, ys, s=28, c=[colours[r["quadrant"]] for r in records], zorder=3)
    # Numbers, not names: 30-40 names overlap; the table under the chart gives each number's agency.
    for x, y, r in zip(xs, ys, records):
        ax.annotate(r["no"], (x, y), textcoords="offset points", xytext=(3, 3), fontsize=6.5)
    ax.axhline(_f(q.y_line), color="#555", linewidth=1, linestyle="--")
    if q.x_line is not None:
        ax.axvline(_f(q.x_line), color="#555", linewidth=1, linestyle="--")
    ax.margins(0.12)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    box = dict(boxstyle="round,pad=0.25", fc="white", ec="#bbb", alpha=0.9)
    ax.text(x0, y1, f" {HIGH_LOW} ", va="top", ha="left", fontsize=8, color=colours[HIGH_LOW], bbox=box)
    ax.text(x1, y1, f" {HIGH_HIGH} ", va="top", ha="right", fontsize=8, color=colours[HIGH_HIGH], bbox=box)
    ax.text(x0, y0, f" {LOW_LOW} ", va="bottom", ha="left", fontsize=8, color=colours[LOW_LOW], bbox=box)
    ax.text(x1, y0, f" {LOW_HIGH} ", va="bottom", ha="right", fontsize=8, color=colours[LOW_HIGH], bbox=box)
    from matplotlib.ticker import MaxNLocator

    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MaxNLocator(integer=True))
        axis.set_major_formatter(charts._axis_format(0))
    ax.set_xlabel("Serapan anggaran (%)")
    ax.set_ylabel("Rata-rata capaian IKU (%)")
    return p.chart(fig, f"Kuadran Capaian Kinerja dan Serapan Anggaran Tahun {ctx.year}",
                   source=store_source(ctx) + "; nomor titik sesuai kolom No pada tabel posisi kuadran")


def quadrant_text(ctx: CrossAgency) -> str:
    q = ctx.quadrant
    counts = q.points["quadrant"].value_counts()
    median = "-" if q.x_line is None else fmt_pct(q.x_line)
    return p.paragraph(
        f"Garis vertikal adalah median serapan ({median}), garis horizontal capaian 100% (target). "
        f"{fmt_int(int(counts.get(HIGH_LOW, 0)))} perangkat daerah berada pada kuadran {HIGH_LOW}, "
        f"{fmt_int(int(counts.get(HIGH_HIGH, 0)))} pada kuadran {HIGH_HIGH}, "
        f"{fmt_int(int(counts.get(LOW_LOW, 0)))} pada kuadran {LOW_LOW} dan "
        f"{fmt_int(int(counts.get(LOW_HIGH, 0)))} pada kuadran {LOW_HIGH}.")


def compare_anggaran(ctx: CrossAgency) -> str:
    return (p.heading("BAB II SERAPAN ANGGARAN DAN KUADRAN KINERJA", 1, anchor="c-bab-ii")
            + p.heading("2.1 Serapan Anggaran") + table_block(serapan_table(ctx), ctx.scale)
            + serapan_chart(ctx)
            + p.heading("2.2 Kuadran Capaian dan Serapan") + quadrant_chart(ctx) + quadrant_text(ctx)
            + table_block(quadrant_table(ctx), ctx.scale))


def tables_anggaran(ctx: CrossAgency) -> list[DataTable]:
    return [serapan_table(ctx), quadrant_table(ctx)]


# --- BAB III: ranking ---------------------------------------------------------------------------


def ranking_table(ctx: CrossAgency) -> DataTable:
    ranked = sorted(ctx.scores.to_dict("records"),
                    key=lambda r: (r["rank_capaian"] is None, r["rank_capaian"] or 0))
    rows = [{"rank": r["rank_capaian"], "agency": r["agency"], "n_iku": r["n_iku"],
             "n_measured": r["n_measured"], "mean": r["mean_capaian"], "n_below": r["n_below"],
             "serapan": r["serapan"], "rank_serapan": r["rank_serapan"]} for r in ranked]
    excluded = int(ctx.scores["n_implausible"].sum())
    note = ("Peringkat dengan nilai yang ditampilkan (dua desimal); nilai sama berbagi peringkat "
            "terbaik dan peringkat berikutnya dilompati (1, 2, 2, 4).")
    if excluded:
        note += (f" {fmt_int(excluded)} capaian di atas {fmt_pct(ctx.selection.max_capaian, 0)} "
                 "(tidak wajar menurut audit) tidak dihitung dalam rata-rata.")
    return DataTable(f"Peringkat Perangkat Daerah menurut Rata-rata Capaian IKU Tahun {ctx.year}", [
        Col("Peringkat", "rank", "rank"), Col("Perangkat Daerah", "agency"),
        Col("Jumlah IKU", "n_iku", "int"), Col("IKU Terukur", "n_measured", "int"),
        Col("Rata-rata Capaian", "mean", "pct"), Col("IKU di Bawah Target", "n_below", "int"),
        Col("Serapan", "serapan", "pct"), Col("Peringkat Serapan", "rank_serapan", "rank")],
        rows, source=store_source(ctx), note=note)


def ties_text(ctx: CrossAgency) -> str:
    ranks = [r for r in ctx.scores["rank_capaian"] if r is not None]
    shared = sorted({r for r in ranks if ranks.count(r) > 1})
    if not shared:
        return p.paragraph("Tidak ada perangkat daerah dengan rata-rata capaian yang sama.")
    parts = [f"peringkat {r} ({fmt_int(ranks.count(r))} perangkat daerah)" for r in shared]
    return p.paragraph("Rata-rata capaian yang sama menghasilkan peringkat bersama: "
                       + ", ".join(parts) + ".")


def compare_peringkat(ctx: CrossAgency) -> str:
    return (p.heading("BAB III PERINGKAT", 1, anchor="c-bab-iii")
            + table_block(ranking_table(ctx), ctx.scale) + ties_text(ctx))


def tables_peringkat(ctx: CrossAgency) -> list[DataTable]:
    return [ranking_table(ctx)]


# --- BAB IV: trend ------------------------------------------------------------------------------


def agency_trend_table(ctx: CrossAgency) -> DataTable:
    rows = [dict(r) for r in ctx.agency_trend.to_dict("records")]
    return DataTable(f"Tren Kinerja dan Anggaran {ctx.names[ctx.trend_agency]}", [
        Col("Tahun", "year", "rank"), Col("Jumlah IKU", "n_iku", "int"),
        Col("IKU Terukur", "n_measured", "int"), Col("IKU di Bawah Target", "n_below", "int"),
        Col("Rata-rata Capaian", "mean_capaian", "pct"), Col("Pagu", "pagu", "rupiah"),
        Col("Realisasi", "realisasi", "rupiah"), Col("Serapan", "serapan", "pct")], rows,
        source="Basis data analitis sakip, semua tahun")


def indicator_trend_table(ctx: CrossAgency) -> Optional[DataTable]:
    frame = ctx.indicator_trend
    if frame is None:
        return None
    first = frame.iloc[0]
    rows = [{"year": r.year, "target": r.target or "-", "realisasi": r.realisasi or "-",
             "capaian": r.capaian, "kriteria": r.kriteria} for r in frame.itertuples()]
    return DataTable(f"Tren {first['indicator']} ({first['agency']})", [
        Col("Tahun", "year", "rank"), Col("Target", "target"), Col("Realisasi", "realisasi"),
        Col("Capaian", "capaian", "pct"), Col("Kriteria", "kriteria", "kriteria")], rows,
        source="Basis data analitis sakip, semua tahun")


def compare_tren(ctx: CrossAgency) -> str:
    trend = ctx.agency_trend
    name = ctx.names[ctx.trend_agency]
    out = p.heading("BAB IV TREN ANTARTAHUN", 1, anchor="c-bab-iv")
    out += p.heading(f"4.1 {name}")
    if not ctx.selection.trend_agency:
        out += p.paragraph(f"Ditampilkan perangkat daerah dengan peringkat rata-rata capaian "
                           f"terbaik Tahun {ctx.year}: {name}.")
    fig = charts.line_trend(list(trend["year"]), {"Rata-rata capaian IKU (%)": list(trend["mean_capaian"]),
                                                  "Serapan anggaran (%)": list(trend["serapan"])},
                            ylabel="%", reference=("100%", Decimal(100)))
    out += p.chart(fig, f"Tren Rata-rata Capaian IKU dan Serapan {name}")
    out += table_block(agency_trend_table(ctx), ctx.scale)
    table = indicator_trend_table(ctx)
    if table is not None:
        frame = ctx.indicator_trend
        out += p.heading(f"4.2 Indikator {frame.iloc[0]['indicator']}")
        fig = charts.line_trend(list(frame["year"]), {"Capaian (%)": list(frame["capaian"])},
                                ylabel="Capaian (%)", reference=("100%", Decimal(100)))
        out += p.chart(fig, table.title.replace("Tren ", "Tren Capaian ", 1))
        out += table_block(table, ctx.scale)
    return out


def tables_tren(ctx: CrossAgency) -> list[DataTable]:
    tables = [agency_trend_table(ctx)]
    extra = indicator_trend_table(ctx)
    return tables + ([extra] if extra is not None else [])


#: Tables of each chapter (by chapter id, in report order), for the workbook.
TABLES: dict[str, Callable[[CrossAgency], list[DataTable]]] = {
    "c-bab1": tables_capaian, "c-bab2": tables_anggaran, "c-bab3": tables_peringkat,
    "c-bab4": tables_tren,
}
