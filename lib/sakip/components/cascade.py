"""The PK cascade (cascading Perjanjian Kinerja): the org chart, the overview table, the unit
indicators that serve each IKU, and each unit's PK with target, realisasi, capaian and budget.
Shown in BAB IV of the Laporan Pengukuran Kinerja (every unit in detail) and in the LKjIP
lampiran (the overview and one sentence per unit). Every figure comes from
:func:`sakip.analysis.pengukuran.cascade`; each function returns one element."""

from __future__ import annotations

import textwrap
from typing import Optional

from sakip.analysis import lampiran as la
from sakip.analysis import pengukuran as pg
from sakip.analysis.report_context import ReportContext
from sakip.components import html as p
from sakip.components.common import amount_cell, badge_cell, capaian_text, rupiah_or_dash
from sakip.components.elements import Callout, Chart, Heading, Paragraphs, Table
from sakip.compute.formatting import fmt_int, fmt_number, fmt_perf_value
from sakip.compute.wording import none_of


def _upto(ctx: ReportContext) -> Optional[int]:
    return ctx.options.triwulan


def nodes(ctx: ReportContext) -> list[pg.CascadeNode]:
    """The cascade for the report's period, depth-first from the head (computed once per chapter)."""
    key = ("cascade", _upto(ctx))
    if key not in ctx._cache:
        ctx._cache[key] = pg.cascade(ctx.agency, ctx.year, _upto(ctx), ctx.options.max_capaian)
    return ctx._cache[key]


def _capaian_short(capaian) -> str:
    return capaian_text(capaian) if capaian.value is not None else "tidak dapat diukur"


def p_text_colour(background: str) -> str:
    """Black or white footer text, whichever reads better on the kriteria colour."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#111" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#fff"


def cascade_chart(ctx: ReportContext, items: list[pg.CascadeNode]):
    """The org chart: one box per unit (position, holder, number of indicators, capaian),
    coloured by the kriteria of its capaian, linked to its superior by elbow lines."""
    # function-local: matplotlib takes ~0,9 s to import; in this module only the org chart uses it
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch  # function-local: as pyplot, the line above

    layout = pg.tree_layout(items)
    n_cols = max(1, int(max(x for x, _ in layout.values())) + 1)
    depth = max(d for _, d in layout.values()) + 1
    box_w, box_h, gap_x, gap_y = 1.9, 1.45, 0.22, 0.5
    width_in = max(7.0, min(n_cols * (box_w + gap_x) * 0.62, 10.5))
    height_in = depth * (box_h + gap_y) * 0.62 + 0.3
    fig = plt.figure(figsize=(width_in, height_in))
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
    ax.set_xlim(-box_w / 2 - 0.1, (n_cols - 1) * (box_w + gap_x) + box_w / 2 + 0.1)
    ax.set_ylim(-(depth - 1) * (box_h + gap_y) - box_h / 2 - 0.1, box_h / 2 + 0.1)
    ax.axis("off")
    by_id = {n.unit.unit_id: n for n in items}
    # Few columns leave room: larger type, so that the chart reads like the tables around it.
    fs = max(1.0, min(1.3, 5 / n_cols))

    def centre(unit_id: str) -> tuple[float, float]:
        x, d = layout[unit_id]
        return x * (box_w + gap_x), -d * (box_h + gap_y)

    for node in items:
        px, py = centre(node.unit.unit_id)
        for child in node.children:
            if child not in by_id:
                continue
            cx, cy = centre(child)
            mid = py - box_h / 2 - gap_y / 2
            ax.plot([px, px, cx, cx], [py - box_h / 2, mid, mid, cy + box_h / 2],
                    color="#7f7f7f", linewidth=0.8, zorder=1)
    scale = ctx.options.scale
    for node in items:
        x, y = centre(node.unit.unit_id)
        colour = scale.colour(node.capaian.value)
        ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h,
                                    boxstyle="round,pad=0.02,rounding_size=0.06", linewidth=0.8,
                                    edgecolor="#1f4e79", facecolor="#ffffff", zorder=2))
        ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, 0.44,
                                    boxstyle="square,pad=0", linewidth=0, facecolor=colour,
                                    zorder=3))
        title = textwrap.fill(node.unit.position, 24, max_lines=3, placeholder=" …")
        ax.text(x, y + box_h / 2 - 0.06, title, ha="center", va="top", fontsize=6 * fs,
                fontweight="bold", zorder=4, linespacing=1.05)
        holder = textwrap.fill(node.unit.holder_name or "(pejabat belum diisi)", 26, max_lines=2,
                               placeholder="…")
        ax.text(x, y - 0.05, holder, ha="center", va="center", fontsize=5.6 * fs, zorder=4,
                style="italic" if not node.unit.holder_name else "normal")
        footer = (f"{len(node.indicators)} indikator\ncapaian {_capaian_short(node.capaian)}"
                  if node.capaian.value is not None else
                  f"{len(node.indicators)} indikator\ncapaian tidak dapat diukur")
        ax.text(x, y - box_h / 2 + 0.22, footer, ha="center", va="center", fontsize=5.6 * fs,
                zorder=4, linespacing=1.1, color=p_text_colour(colour))
    return fig


def intro(ctx: ReportContext) -> Paragraphs | Callout:
    """How the PK is cascaded and how a unit's capaian is read (a warning when there are no units)."""
    items = nodes(ctx)
    if not items:
        return Callout("Data unit kerja (cascading Perjanjian Kinerja) belum diisi.", "warning")
    upto = _upto(ctx)
    period = (f"s.d. TW {pg.roman(upto)}" if upto and upto < 4 else f"Tahun {ctx.year}")
    return Paragraphs(
        f"Perjanjian Kinerja diturunkan (cascading) dari {items[0].unit.position} kepada "
        f"{fmt_int(la.units_below_head(items))} unit di bawahnya. Capaian unit adalah rata-rata capaian "
        f"indikator unit yang dapat diukur ({period}); capaian di atas "
        f"{fmt_number(ctx.options.max_capaian, 0)}% dianggap tidak wajar dan tidak ikut dirata-ratakan. "
        "Unit tanpa realisasi indikator ditandai \u201ctidak dapat diukur\u201d.")


def chart(ctx: ReportContext) -> Optional[Chart]:
    """The org chart, with an alt text that states each box: unit, holder, indicators, capaian."""
    items = nodes(ctx)
    if not items:
        return None
    boxes = "; ".join(f"{n.unit.position} ({n.unit.holder_name or 'pejabat belum diisi'}): "
                      f"{fmt_int(len(n.indicators))} indikator, capaian {_capaian_short(n.capaian)}"
                      for n in items)
    return Chart.from_figure(cascade_chart(ctx, items), f"Cascading Perjanjian Kinerja {ctx.profile.agency_name}",
                             alt=f"Bagan cascading Perjanjian Kinerja. {boxes}.")


def overview_table(ctx: ReportContext) -> Optional[Table]:
    """Every unit with its holder, number of indicators, PK budget, own and rolled-up capaian."""
    items = nodes(ctx)
    if not items:
        return None
    records = [{
        "unit": "\u00a0\u00a0\u00a0\u00a0" * node.depth + node.unit.position,
        "pejabat": node.unit.holder_name or "-",
        "n": fmt_int(len(node.indicators)),
        "anggaran": amount_cell(node.budget_total),
        "capaian": _capaian_short(node.capaian),
        "kriteria": badge_cell(ctx.options.scale, node.capaian),
        "gabungan": _capaian_short(node.rollup),
    } for node in items]
    return Table.from_records(f"Ringkasan Cascading Perjanjian Kinerja Tahun {ctx.year}", records, [
        p.Column("Unit/Jabatan", "unit"), p.Column("Pejabat", "pejabat"),
        p.Column("Jumlah Indikator", "n", "center"), p.Column("Anggaran PK (Rp)", "anggaran", "right"),
        p.Column("Capaian Unit", "capaian", "right"), p.Column("Kriteria", "kriteria", "center", kind="html"),
        p.Column("Capaian Gabungan", "gabungan", "right")])


def iku_table(ctx: ReportContext) -> Optional[Table]:
    """For each IKU, the unit indicators that serve it (traced up the cascade)."""
    items = nodes(ctx)
    if not items:
        return None
    records = []
    for iku, supporters in pg.iku_support(ctx.agency, items):
        if not supporters:
            records.append({"iku": iku.name, "unit": "-", "indikator": "(belum ada indikator unit yang mendukung)"})
        for unit, ui in supporters:
            records.append({"iku": iku.name, "unit": unit.position, "indikator": ui.indicator.name})
    return Table.from_records("Indikator Unit Kerja yang Mendukung IKU", records, [
        p.Column("Indikator Kinerja Utama", "iku"), p.Column("Unit/Jabatan", "unit"),
        p.Column("Indikator Unit yang Mendukung", "indikator")],
        note="Keterkaitan ditelusuri berjenjang melalui indikator atasan yang didukung; indikator "
             "program mendukung IKU sasaran program tersebut.")


def _summary_sentence(node: pg.CascadeNode, max_capaian) -> str:
    n, k = fmt_int(len(node.indicators)), fmt_int(node.n_measurable)
    if node.capaian.value is not None:
        total, averaged = len(node.indicators), node.n_averaged
        if total == averaged == 1:
            basis = "dari satu-satunya indikatornya"
        elif total == averaged:
            basis = f"rata-rata seluruh {n} indikatornya"
        else:
            share = ("hanya satu" if averaged == 1 else f"rata-rata {fmt_int(averaged)}") + f" dari {n} indikatornya"
            basis = f"{share}; yang lain tidak dapat diukur atau di atas {fmt_number(max_capaian, 0)}%"
        own = f"capaian unit {capaian_text(node.capaian)} ({basis})"
    elif node.n_measurable:
        which = ("satu-satunya indikatornya" if len(node.indicators) == 1 == node.n_measurable
                 else f"{k} dari {n} indikator")
        own = (f"capaian unit tidak dapat diukur: {which} memiliki capaian di atas "
               f"{fmt_number(max_capaian, 0)}% sehingga tidak dirata-ratakan")
    elif node.indicators:
        own = f"capaian unit tidak dapat diukur karena {none_of(len(node.indicators))}"
    else:
        own = "unit ini belum memiliki indikator dalam PK"
    text = f"{node.unit.position} ({node.unit.holder_name or 'pejabat belum diisi'}): {own}"
    if node.children:
        text += (f"; bersama unit di bawahnya, capaian gabungan {capaian_text(node.rollup)}"
                 if node.rollup.value is not None else "; capaian gabungan dengan unit di bawahnya tidak dapat diukur")
    return text + "."


def unit_summaries(ctx: ReportContext) -> Optional[Paragraphs]:
    """One sentence per unit on its capaian (the LKjIP lampiran, whose unit PKs are listed above)."""
    items = nodes(ctx)
    if not items:
        return None
    return Paragraphs(*(_summary_sentence(node, ctx.options.max_capaian) for node in items))


def unit_heading(node: pg.CascadeNode) -> Heading:
    return Heading(f"PK {node.unit.position}", 3)


def unit_summary(ctx: ReportContext, node: pg.CascadeNode) -> Paragraphs:
    """The unit's capaian in one sentence: its own and, with the units below it, the rolled-up one."""
    return Paragraphs(_summary_sentence(node, ctx.options.max_capaian))


def unit_table(ctx: ReportContext, node: pg.CascadeNode) -> Table | Callout:
    """The unit's PK: sasaran, indicators, target, realisasi, capaian, kriteria and the IKU served."""
    if not node.indicators:
        return Callout(f"PK {node.unit.position} belum memuat indikator.", "warning")
    scale = ctx.options.scale
    iku_names = {i.indicator_id: i.name for i in ctx.agency.iku}
    records = [{
        "sasaran": ui.sasaran.statement if ui.sasaran else "-",
        "indikator": ui.indicator.name,
        "target": fmt_perf_value(ui.target, ui.indicator.unit),
        "realisasi": fmt_perf_value(ui.realisasi, ui.indicator.unit),
        "capaian": capaian_text(ui.capaian),
        "kriteria": badge_cell(scale, ui.capaian),
        "iku": ", ".join(iku_names.get(i, i) for i in ui.supports_iku) or "-",
    } for ui in node.indicators]
    return Table.from_records(f"Perjanjian Kinerja {node.unit.position} Tahun {ctx.year}", records, [
        p.Column("Sasaran", "sasaran"), p.Column("Indikator Kinerja", "indikator"),
        p.Column("Target", "target", "right"), p.Column("Realisasi", "realisasi", "right"),
        p.Column("Capaian", "capaian", "right"), p.Column("Kriteria", "kriteria", "center", kind="html"),
        p.Column("Mendukung IKU", "iku")])


def unit_budget_table(node: pg.CascadeNode) -> Optional[Table]:
    """The programmes and budget of the unit's PK (None when the PK lists none)."""
    if not node.budget:
        return None
    records = [{"no": str(b.no) if b.no is not None else "", "program": b.name,
                "anggaran": amount_cell(b.amount), "ket": b.sumber_dana or "-"} for b in node.budget]
    return Table.from_records(f"Program dan Anggaran dalam PK {node.unit.position}", records, [
        p.Column("No", "no", "center"), p.Column("Program/Kegiatan/Sub Kegiatan", "program"),
        p.Column("Anggaran (Rp)", "anggaran", "right"), p.Column("Keterangan", "ket")],
        note=f"Jumlah anggaran PK (baris bernomor): {rupiah_or_dash(node.budget_total)}.")
