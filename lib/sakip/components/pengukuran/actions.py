"""BAB III, evaluation of the rencana aksi: per sasaran, the sasaran and its programmes quarter by
quarter with cumulative physical and financial progress (one table), a chart of the sasaran's
progress and a sentence on it."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

from sakip.analysis import pengukuran as pg
from sakip.analysis.report_context import ReportContext
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import amount_cell, labelled, pct_or_dash
from sakip.components.elements import Callout, Chart, Heading, Paragraphs, Table
from sakip.components.pengukuran.shared import action_blocks, quarters, upto
from sakip.compute.formatting import fmt_pct, fmt_perf_value, fmt_rupiah
from sakip.model import rows as m
from sakip.model.parsing import NumberValue, PerfValue


def _short_unit(unit: Optional[str]) -> Optional[str]:
    """Only "%" is repeated in the narrow kinerja columns; other units are named with the indicator."""
    return unit if unit and unit.strip() == "%" else None


def _progress_figure(row: pg.ActionRow, qs: Sequence[int], cap: Decimal):
    """Cumulative physical versus financial progress (%) of one sasaran/programme per triwulan;
    values above ``cap`` are drawn at the cap and labelled with their real value."""
    # function-local: at the top, pyplot would load before sakip.components.charts selects Agg
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(7.0, 3.2))
    ax = fig.add_axes((0.09, 0.14, 0.88, 0.72))
    styles = (("Kinerja (fisik)", row.fisik, charts.PALETTE[0], "-", 6),
              ("Keuangan", row.keuangan.pct_series, charts.PALETTE[1], "--", -13))
    top = Decimal(100)
    for _, series, _, _, _ in styles:
        for v in series.values():
            if v is not None:
                top = max(top, min(v, cap))
    for name, series, colour, style, offset in styles:
        points = [(q, v) for q in qs if (v := series.get(q)) is not None]
        if not points:
            continue
        xs = [q for q, _ in points]
        ys = [float(min(v, cap)) for _, v in points]
        ax.plot(xs, ys, marker="o", color=colour, linestyle=style, label=name)
        for x, (_, v) in zip(xs, points):
            label = fmt_pct(v) + (" (terpotong)" if v > cap else "")
            ax.annotate(label, (x, float(min(v, cap))), textcoords="offset points", xytext=(0, offset),
                        ha="center", fontsize=7.2, color=colour)
    ax.axhline(100, color="#7f7f7f", linewidth=0.8, linestyle=":")
    ax.set_xticks(list(qs), [f"TW {pg.roman(q)}" for q in qs])
    ax.set_xlim(min(qs) - 0.4, max(qs) + 0.4)
    ax.set_ylim(0, float(top) * 1.18)
    ax.yaxis.set_major_formatter(charts.axis_format(0))
    ax.set_ylabel("Kumulatif (%)")
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, 1.16), ncol=2)
    return fig


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


_SOURCE_LABELS = {"rencana_aksi": "rencana aksi", "pk_perubahan": "PK perubahan", "pk": "PK", "rkt": "RKT",
                  "renstra": "Renstra", "iku": "IKU"}


def sasaran_plan_table(ctx: ReportContext) -> Table | Callout:
    """The rencana aksi at the level of the sasaran strategis: each indicator with its target and
    realisasi in every quarter of the run and the person responsible (seed 000 "Evaluasi Rencana
    Aksi Tingkat Tujuan Sasaran Strategis"). The unit is given once, in its own column; a note
    names the quarters whose rencana aksi target is not the one the capaian is measured against."""
    responsible = {rows[0].ref: rows[0].penanggung_jawab for _s, rows in action_blocks(ctx) if rows}
    plan = pg.sasaran_plan(ctx.agency, ctx.year, upto(ctx), responsible)
    if not plan:
        return Callout("Sasaran strategis dan indikatornya belum diisi.", "warning")
    qs = quarters(ctx)
    n = upto(ctx)
    records = []
    for number, row in enumerate(plan, 1):
        record = {"no": str(number), "sasaran": row.sasaran.statement, "indikator": row.indicator.name,
                  "satuan": row.indicator.unit or "-", "pj": row.penanggung_jawab}
        for q, target, real in zip(qs, row.targets, row.realisasi):
            record[f"t{q}"] = fmt_perf_value(target, None)
            record[f"r{q}"] = fmt_perf_value(real, None)
        records.append(record)
    columns = [p.Column("No", "no", "center"), p.Column("Sasaran Strategis", "sasaran"),
               p.Column("Indikator Kinerja", "indikator"), p.Column("Satuan", "satuan", "center")]
    columns += [p.Column(f"TW {pg.roman(q)}", f"t{q}", "right") for q in qs]
    columns += [p.Column(f"TW {pg.roman(q)}", f"r{q}", "right") for q in qs]
    columns += [p.Column("Penanggung Jawab", "pj")]
    groups = [("", 4), ("Target Kinerja", len(qs)), ("Realisasi Kinerja", len(qs)), ("", 1)]
    other = sorted({s for row in plan for s in row.other_sources}, key=list(_SOURCE_LABELS).index)
    notes = []
    if other:
        notes.append("Triwulan tanpa target rencana aksi memakai target " +
                     ", ".join(_SOURCE_LABELS[s] for s in other) + ".")
    differ = [f"{row.indicator.name} pada " + _and([f"TW {pg.roman(q)}" for q in row.differing_quarters])
              for row in plan if row.differing_quarters]
    if differ:
        notes.append("Target rencana aksi berbeda dari target Perjanjian Kinerja yang menjadi dasar capaian "
                     "pada evaluasi tingkat IKU untuk " + "; ".join(differ) + "; lihat pemeriksaan konsistensi "
                     "data (target berbeda antardokumen).")
    note = " ".join(notes) or None
    return Table.from_records(
        f"Evaluasi Rencana Aksi Tingkat Sasaran Strategis Tahun {ctx.year} ({pg.period_label(n)})",
        records, columns, header_groups=groups, note=note,
        source="Rencana aksi dan realisasi kinerja per triwulan")


def sasaran_heading(sasaran: m.Sasaran) -> Heading:
    """The heading of one sasaran's rencana aksi (level 3, numbered by the renderer)."""
    return Heading(sasaran.statement, 3)


def action_table(ctx: ReportContext, sasaran: m.Sasaran, rows: Sequence[pg.ActionRow]) -> Table:
    """The sasaran and its programmes quarter by quarter: kinerja target and realisasi,
    cumulative physical progress, cumulative keuangan target and realisasi, financial progress
    and the person responsible; for a partial year a "Proyeksi IV" row per block."""
    n = upto(ctx)
    qs = quarters(ctx)
    records, classes = [], []
    for row in rows:
        for j, q in enumerate(qs):
            fq = row.keuangan.quarter(q)
            first = j == 0
            records.append({
                "ref": _ref_cell(row) if first else "",
                "tw": pg.roman(q),
                "kt": _lines([fmt_perf_value(_quarter_value(iq, q, "target"), _short_unit(iq.indicator.unit))
                              for iq in row.indicators]),
                "kr": _lines([fmt_perf_value(_quarter_value(iq, q, "realisasi"), _short_unit(iq.indicator.unit))
                              for iq in row.indicators]),
                "fisik": pct_or_dash(row.fisik.get(q)),
                "ut": amount_cell(fq.target if fq else None),
                "ur": amount_cell(fq.realisasi if fq else None),
                "upct": pct_or_dash(fq.pct if fq else None),
                "pj": row.penanggung_jawab if first else "",
            })
            classes.append("level-program" if row.kind == "sasaran" and first else "")
        if n < 4:
            records.append({
                "ref": "", "tw": "Proyeksi IV",
                "kt": _lines([fmt_perf_value(iq.annual_target, _short_unit(iq.indicator.unit))
                              for iq in row.indicators]),
                "kr": _lines([fmt_perf_value(_projected_value(iq), _short_unit(iq.indicator.unit))
                              for iq in row.indicators]),
                "fisik": pct_or_dash(pg.projected_fisik(row)),
                "ut": amount_cell(row.keuangan.plan.amount), "ur": amount_cell(row.keuangan.projection),
                "upct": pct_or_dash(row.keuangan.projection_pct),
                "pj": "",
            })
            classes.append("total")
    columns = [p.Column("Sasaran/Program dan Indikator", "ref", kind="html"), p.Column("TW", "tw", "center"),
               p.Column("Target", "kt", "right", kind="html"), p.Column("Realisasi", "kr", "right", kind="html"),
               p.Column("Fisik (%)", "fisik", "right"), p.Column("Target (Rp)", "ut", "right"),
               p.Column("Realisasi (Rp)", "ur", "right"), p.Column("Keuangan (%)", "upct", "right"),
               p.Column("Penanggung Jawab", "pj")]
    note = _plan_note(rows) + (" Baris \u201cProyeksi IV\u201d: target tahunan, proyeksi realisasi dan "
                               "rencana keuangan setahun." if n < 4 else "")
    return Table.from_records(
        f"Evaluasi Rencana Aksi: {sasaran.statement} ({pg.period_label(n)})", records, columns,
        row_classes=classes, note=note,
        header_groups=[("", 2), ("Kinerja Kumulatif", 3), ("Keuangan Kumulatif", 3), ("", 1)],
        source="Evaluasi rencana aksi tujuan/sasaran strategis/program (kinerja dan keuangan per "
               "triwulan akumulatif)")


def progress_chart(ctx: ReportContext, sasaran: m.Sasaran, rows: Sequence[pg.ActionRow]) -> Chart:
    """Cumulative physical and financial progress of the sasaran (its own row) per triwulan."""
    head = rows[0]
    qs = quarters(ctx)
    alt = ("Kemajuan kumulatif per triwulan. Fisik: "
           + ", ".join(f"TW {pg.roman(q)} {pct_or_dash(head.fisik.get(q))}" for q in qs)
           + "; keuangan: "
           + ", ".join(f"TW {pg.roman(q)} {pct_or_dash(head.keuangan.pct_series.get(q))}" for q in qs)
           + ".")
    return Chart.from_figure(_progress_figure(head, qs, ctx.options.max_capaian),
                             f"Kemajuan Fisik dan Keuangan Kumulatif: {sasaran.statement}", alt=alt)


def progress_text(ctx: ReportContext, rows: Sequence[pg.ActionRow]) -> Paragraphs | Callout:
    """The sasaran's physical and financial progress at the last quarter and, for a partial year,
    the projected year-end keuangan; a note when neither can be computed."""
    n = upto(ctx)
    row = rows[0]
    q = pg.latest_fisik_quarter(row)
    fq = row.keuangan.quarter(n)
    out = []
    if q is not None or (fq and fq.pct is not None):
        fisik = fmt_pct(row.fisik[q]) if q is not None else "tidak dapat diukur"
        keu = (f"{fmt_pct(fq.pct)} ({fmt_rupiah(fq.realisasi)} dari rencana setahun "
               f"{fmt_rupiah(row.keuangan.plan.amount)})") if fq and fq.pct is not None else "tidak dapat dihitung"
        out.append(f"Sampai dengan TW {pg.roman(n)}, kemajuan fisik kumulatif sasaran ini "
                   f"{fisik} dan kemajuan keuangan kumulatif {keu}.")
    if n < 4 and row.keuangan.projection is not None:
        out.append(f"Dengan laju rata-rata TW I s.d. TW {pg.roman(n)}, realisasi keuangan akhir tahun "
                   f"diproyeksikan {fmt_rupiah(row.keuangan.projection)}"
                   + (f" ({fmt_pct(row.keuangan.projection_pct)} dari rencana)."
                      if row.keuangan.projection_pct is not None else "."))
    if not out:
        return Callout(f"Data kemajuan fisik dan keuangan sasaran ini s.d. TW {pg.roman(n)} "
                       "belum diisi.", "warning")
    return Paragraphs(*out)


def _quarter_value(iq: pg.IndicatorQuarters, q: int, what: str) -> Optional[PerfValue]:
    r = iq.quarter(q)
    if r is None:
        return None
    return r.target if what == "target" else r.realisasi


def _projected_value(iq: pg.IndicatorQuarters) -> Optional[NumberValue]:
    if iq.projection is None or iq.projection.value is None:
        return None
    return NumberValue(iq.projection.value)


def _lines(texts: Sequence[str]) -> dict:
    """Several values in one cell, one a line ("-" when there is none)."""
    if not texts:
        return {"html": "-", "text": "-"}
    return {"html": "<br>".join(p.esc(t) for t in texts), "text": "\n".join(texts)}


def _ref_cell(row: pg.ActionRow) -> dict:
    """The sasaran or programme with its indicators, one a line (units other than "%" named)."""
    kind = "Sasaran" if row.kind == "sasaran" else "Program"
    names_html, names_text = [], []
    for iq in row.indicators:
        unit = iq.indicator.unit if iq.indicator.unit and _short_unit(iq.indicator.unit) is None else None
        suffix = f" (satuan: {unit})" if unit else ""
        names_html.append(f"<br><em>{p.esc(iq.indicator.name)}</em>{p.esc(suffix)}")
        names_text.append(iq.indicator.name + suffix)
    if not names_html:
        names_html, names_text = ["<br><em>(tanpa indikator)</em>"], ["(tanpa indikator)"]
    title = labelled(kind, row.label, ": ")
    head = (f"<strong>{p.esc(title)}</strong>" if title == row.label.strip()
            else f"<strong>{kind}:</strong> {p.esc(row.label)}")
    return {"html": head + "".join(names_html), "text": "\n".join([title, *names_text])}


def _plan_note(rows: Sequence[pg.ActionRow]) -> str:
    parts = [f"{'sasaran' if r.kind == 'sasaran' else r.ref}: {fmt_rupiah(r.keuangan.plan.amount)} "
             f"({r.keuangan.plan.description})" for r in rows if r.keuangan.has_data]
    return ("Rencana keuangan setahun " + "; ".join(parts) + ".") if parts else "Tidak ada data keuangan triwulan."
