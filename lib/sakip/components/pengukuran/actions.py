"""BAB III 3.2: the rencana aksi evaluation, sasaran and programmes quarter by quarter with
cumulative physical and financial progress, one chart per sasaran."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

from sakip.analysis import pengukuran as pg
from sakip.analysis.context import ReportContext
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import amount_cell
from sakip.components.pengukuran.shared import _perf, action_blocks, quarters, upto
from sakip.compute.formatting import fmt_pct, fmt_rupiah
from sakip.model.parsing import NumberValue


def _short_unit(unit: Optional[str]) -> Optional[str]:
    """Only "%" is repeated in the narrow kinerja columns; other units are named with the indicator."""
    return unit if unit and unit.strip() == "%" else None


def _indicator_lines(row: pg.ActionRow, q: int, what: str) -> str:
    parts = []
    for iq in row.indicators:
        r = iq.quarter(q)
        value = None if r is None else (r.target if what == "target" else r.realisasi)
        parts.append(p.esc(_perf(value, _short_unit(iq.indicator.unit))))
    return "<br>".join(parts) or "-"


def progress_chart(row: pg.ActionRow, qs: Sequence[int], cap: Decimal):
    """Cumulative physical versus financial progress (%) of one sasaran/programme per triwulan;
    values above ``cap`` are drawn at the cap and labelled with their real value."""
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
        points = [(q, series.get(q)) for q in qs if series.get(q) is not None]
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
    ax.yaxis.set_major_formatter(charts._axis_format(0))
    ax.set_ylabel("Kumulatif (%)")
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, 1.16), ncol=2)
    return fig


def action_evaluation(ctx: ReportContext) -> str:
    """3.2: per sasaran, the sasaran and its programmes quarter by quarter: kinerja target and
    realisasi, cumulative physical progress, cumulative keuangan target and realisasi, financial
    progress and the person responsible; one chart per sasaran."""
    n = upto(ctx)
    qs = quarters(ctx)
    out = p.heading("3.2 Evaluasi Rencana Aksi Sasaran Strategis dan Program", 2, anchor="rencana-aksi")
    out += p.paragraph(
        "Kinerja (fisik) kumulatif adalah capaian realisasi indikator terhadap target tahunan "
        "(target Triwulan IV), dirata-ratakan untuk sasaran atau program dengan lebih dari satu "
        "indikator. Keuangan kumulatif adalah realisasi keuangan kumulatif dibagi rencana "
        "keuangan setahun (pagu bila tersedia, bila tidak target keuangan kumulatif Triwulan IV).")
    for i, (sasaran, rows) in enumerate(action_blocks(ctx), start=1):
        out += p.heading(f"3.2.{i} {sasaran.statement}", 3, anchor=f"rencana-aksi-{sasaran.sasaran_id}")
        records, classes = [], []
        for row in rows:
            for j, q in enumerate(qs):
                fq = row.keuangan.quarter(q)
                first = j == 0
                records.append({
                    "ref": _ref_cell(row) if first else "",
                    "tw": pg.roman(q),
                    "kt": _indicator_lines(row, q, "target"),
                    "kr": _indicator_lines(row, q, "realisasi"),
                    "fisik": fmt_pct(row.fisik.get(q)) if row.fisik.get(q) is not None else "-",
                    "ut": amount_cell(fq.target if fq else None),
                    "ur": amount_cell(fq.realisasi if fq else None),
                    "upct": fmt_pct(fq.pct) if fq and fq.pct is not None else "-",
                    "pj": p.esc(row.penanggung_jawab) if first else "",
                })
                classes.append("level-program" if row.kind == "sasaran" and first else "")
            if n < 4:
                proj_fisik = _projected_fisik(row)
                records.append({
                    "ref": "", "tw": "Proyeksi IV",
                    "kt": "<br>".join(p.esc(_perf(iq.annual_target, _short_unit(iq.indicator.unit)))
                                      for iq in row.indicators) or "-",
                    "kr": "<br>".join(p.esc(_perf(NumberValue(iq.projection.value) if iq.projection and iq.projection.value is not None else None,
                                                  _short_unit(iq.indicator.unit))) for iq in row.indicators) or "-",
                    "fisik": fmt_pct(proj_fisik) if proj_fisik is not None else "-",
                    "ut": amount_cell(row.keuangan.plan.amount), "ur": amount_cell(row.keuangan.projection),
                    "upct": fmt_pct(row.keuangan.projection_pct) if row.keuangan.projection_pct is not None else "-",
                    "pj": "",
                })
                classes.append("total")
        columns = [p.Column("Sasaran/Program dan Indikator", "ref", kind="html"), p.Column("TW", "tw", "center"),
                   p.Column("Target", "kt", "right", kind="html"), p.Column("Realisasi", "kr", "right", kind="html"),
                   p.Column("Fisik (%)", "fisik", "right"), p.Column("Target (Rp)", "ut", "right"),
                   p.Column("Realisasi (Rp)", "ur", "right"), p.Column("Keuangan (%)", "upct", "right"),
                   p.Column("Penanggung Jawab", "pj", kind="html")]
        out += p.figure("tabel", f"Evaluasi Rencana Aksi: {sasaran.statement} ({pg.period_label(n)})",
                        p.table_html(records, columns, row_classes=classes,
                                     header_groups=[("", 2), ("Kinerja Kumulatif", 3), ("Keuangan Kumulatif", 3), ("", 1)]),
                        source="Evaluasi rencana aksi tujuan/sasaran strategis/program (kinerja dan keuangan per triwulan akumulatif)",
                        note=_plan_note(rows) + (" Baris \u201cProyeksi IV\u201d: target tahunan, proyeksi realisasi dan "
                                                 "rencana keuangan setahun." if n < 4 else ""))
        head = rows[0]
        out += p.chart(progress_chart(head, qs, ctx.options.max_capaian),
                       f"Kemajuan Fisik dan Keuangan Kumulatif: {sasaran.statement}",
                       alt="Garis kemajuan fisik dan keuangan kumulatif per triwulan")
        out += p.paragraphs(_progress_sentences(head, n))
    return out


def _ref_cell(row: pg.ActionRow) -> str:
    kind = "Sasaran" if row.kind == "sasaran" else "Program"
    names = "".join(
        f"<br><em>{p.esc(iq.indicator.name)}</em>"
        + (f" (satuan: {p.esc(iq.indicator.unit)})" if _short_unit(iq.indicator.unit) is None and iq.indicator.unit else "")
        for iq in row.indicators)
    return f"<strong>{kind}:</strong> {p.esc(row.label)}{names or '<br><em>(tanpa indikator)</em>'}"


def _projected_fisik(row: pg.ActionRow) -> Optional[Decimal]:
    from sakip.compute.capaian import sasaran_capaian

    items = [iq.projection.capaian for iq in row.indicators if iq.projection is not None]
    return sasaran_capaian(items, "mean").value if items else None


def _plan_note(rows: Sequence[pg.ActionRow]) -> str:
    parts = [f"{'sasaran' if r.kind == 'sasaran' else r.ref}: {fmt_rupiah(r.keuangan.plan.amount)} "
             f"({r.keuangan.plan.description})" for r in rows if r.keuangan.has_data]
    return ("Rencana keuangan setahun " + "; ".join(parts) + ".") if parts else "Tidak ada data keuangan triwulan."


def _progress_sentences(row: pg.ActionRow, n: int) -> list[str]:
    q = max((k for k, v in row.fisik.items() if v is not None), default=None)
    fq = row.keuangan.quarter(n)
    out = []
    if q is not None or (fq and fq.pct is not None):
        fisik = fmt_pct(row.fisik[q]) if q is not None else "tidak dapat diukur"
        keu = (f"{fmt_pct(fq.pct)} ({fmt_rupiah(fq.realisasi)} dari rencana setahun "
               f"{fmt_rupiah(row.keuangan.plan.amount)})") if fq and fq.pct is not None else "tidak dapat dihitung"
        out.append(f"Sampai dengan Triwulan {pg.roman(n)}, kemajuan fisik kumulatif sasaran ini "
                   f"{fisik} dan kemajuan keuangan kumulatif {keu}.")
    if n < 4 and row.keuangan.projection is not None:
        out.append(f"Dengan laju rata-rata Triwulan I s.d. {pg.roman(n)}, realisasi keuangan akhir tahun "
                   f"diproyeksikan {fmt_rupiah(row.keuangan.projection)}"
                   + (f" ({fmt_pct(row.keuangan.projection_pct)} dari rencana)."
                      if row.keuangan.projection_pct is not None else "."))
    return out
