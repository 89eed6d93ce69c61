"""BAB III Akuntabilitas Kinerja, sections 3.1, 3.3 and 3.4: the capaian of every IKU, the
realisasi anggaran down to sub kegiatan, prestasi. One element per function; the figures come from
:mod:`sakip.analysis.akuntabilitas` (section 3.2 is :mod:`sakip.components.analisis_sasaran`)."""

from __future__ import annotations

from typing import Optional

from sakip.analysis import akuntabilitas as bab3
from sakip.analysis.overview import NO_SASARAN
from sakip.analysis.report_context import ReportContext
from sakip.analysis.supplementary import tables_at
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import (
    INDICATOR_COLUMNS,
    Parts,
    amount_cell,
    badge_cell,
    indicator_record,
    level_name,
    narrative_parts,
    one_or_many,
    pct_or_dash,
    supplementary_elements,
    unfilled_columns,
)
from sakip.components.elements import Callout, Chart, Element, KpiCards, Paragraphs, Table, badge
from sakip.compute.budget import rollup
from sakip.compute.formatting import fmt_int, fmt_number, fmt_pct, fmt_rupiah
from sakip.compute.wording import describe_target_counts

# --- 3.1 Capaian kinerja organisasi -------------------------------------------------------------


def scale_table(ctx: ReportContext) -> Table:
    """The kriteria scale: the interval of each band with its coloured label."""
    scale = ctx.options.scale
    records = []
    for number, (band, (label, lower, upper)) in enumerate(zip(scale.bands, scale.intervals()), 1):
        if lower is None:
            interval = f"≤ {fmt_number(upper)}"
        elif upper is None:
            interval = f"≥ {fmt_number(lower)}"
        else:
            interval = f"{fmt_number(lower)} – {fmt_number(upper)}"
        records.append({"no": str(number), "interval": interval, "kriteria": badge(label, band.colour)})
    note = None
    if scale.max_capaian is not None:
        note = (f"Capaian di atas {fmt_number(scale.max_capaian, 0)}% dianggap tidak wajar (biasanya target "
                "dalam satuan lain atau realisasi tanpa koma desimal): ditampilkan, tetapi tidak diberi "
                "kriteria dan tidak ikut dirata-ratakan.")
    return Table.from_records("Skala Pengukuran Kinerja", records, [
        p.Column("No", "no", "center"), p.Column("Interval Nilai Capaian (%)", "interval", "center"),
        p.Column("Kriteria", "kriteria", "center", kind="html")], source=scale.citation or scale.name,
        note=note)


def iku_table(ctx: ReportContext) -> Table:
    """Every indicator of the sasaran strategis with its tujuan and sasaran."""
    records = []
    for result in ctx.sasaran:
        for r in result.indicators:
            records.append({**indicator_record(r, ctx.options.scale),
                            "kriteria": badge_cell(ctx.options.scale, r.capaian),
                            "tujuan": result.tujuan.statement if result.tujuan else "-",
                            "sasaran": result.sasaran.statement})
    columns = [p.Column("Tujuan", "tujuan"), p.Column("Sasaran Strategis", "sasaran")] + INDICATOR_COLUMNS
    if unfilled_columns(records, ["tujuan"]):  # no tujuan filled in (BAB II says so): no column of dashes
        columns = columns[1:]
    return Table.from_records(f"Capaian Indikator Kinerja Utama Tahun {ctx.year}", records, columns,
                              source=f"Pengukuran kinerja Tahun {ctx.year}")


def budget_cards(ctx: ReportContext) -> Optional[KpiCards]:
    """Pagu, realisasi and serapan of the whole agency; None without a pagu (section 3.3 says
    what is missing)."""
    total = ctx.budget_total
    if total.pagu is None:
        return None
    if total.realisasi is None or total.serapan is None:  # a pagu alone: no cards of "-"
        return KpiCards(((fmt_rupiah(total.pagu), f"Pagu anggaran {ctx.year}"),))
    return KpiCards((
        (fmt_rupiah(total.pagu), f"Pagu anggaran {ctx.year}"),
        (fmt_rupiah(total.realisasi), "Realisasi anggaran"),
        (fmt_pct(total.serapan), "Serapan anggaran"),
    ))


def summary(ctx: ReportContext) -> Paragraphs:
    """How many indicators are above, at and below target (only the groups that occur), and the
    highest capaian."""
    result = bab3.organisation_summary(ctx.sasaran, ctx.options.max_capaian)
    c = result.counts
    text = describe_target_counts(c.total, c.above, c.equal, c.below, c.unmeasured,
                                  when=f" Tahun {ctx.year}")
    if result.best is not None:
        text += (f" Capaian tertinggi pada indikator {result.best.indicator.name} sebesar "
                 f"{fmt_pct(result.best.capaian.value)}.")
    return Paragraphs(text)


# --- 3.3 Realisasi anggaran ---------------------------------------------------------------------


def budget_sentence(ctx: ReportContext) -> Paragraphs | Callout:
    """The agency's pagu, realisasi and serapan in one sentence; a note when they are missing."""
    if not ctx.budget_lines:
        return Callout(f"Data anggaran Tahun {ctx.year} belum diisi.", "warning")
    total = ctx.budget_total
    if total.pagu is None:
        what = "Pagu dan realisasi" if total.realisasi is None else "Pagu"
        return Callout(f"{what} anggaran Tahun {ctx.year} belum diisi.", "warning")
    if total.realisasi is None or total.serapan is None:
        return Paragraphs(f"Pada Tahun {ctx.year} pagu anggaran {ctx.profile.agency_name} sebesar "
                          f"{fmt_rupiah(total.pagu)}; realisasinya belum diisi.")
    return Paragraphs(f"Pada Tahun {ctx.year} pagu anggaran {ctx.profile.agency_name} sebesar "
                      f"{fmt_rupiah(total.pagu)} terealisasi {fmt_rupiah(total.realisasi)} atau "
                      f"{fmt_pct(total.serapan)}.")


def _no_amounts(ctx: ReportContext) -> bool:
    """Budget lines without any pagu or realisasi: their tables would hold only dashes (the
    sentence of :func:`budget_sentence` says what is missing)."""
    return ctx.budget_total.pagu is None and ctx.budget_total.realisasi is None


def budget_table(ctx: ReportContext) -> Optional[Table]:
    """Pagu, realisasi and serapan of every programme, kegiatan and sub kegiatan, by sasaran;
    None without budget lines or without any amount."""
    lines = ctx.budget_lines
    if not lines or _no_amounts(ctx):
        return None
    names = {line.code: line.name for line in lines}
    sasaran_names: dict[Optional[str], str] = {s.sasaran_id: s.statement for s in ctx.agency.strategic_sasaran}
    total = ctx.budget_total
    records, classes = [], []
    for row in rollup(lines):
        records.append({"sasaran": sasaran_names.get(row.sasaran_id, NO_SASARAN) if row.depth == 0 else "",
                        "uraian": level_name(row.level, names[row.code]),
                        "pagu": amount_cell(row.pagu), "realisasi": amount_cell(row.realisasi),
                        "serapan": pct_or_dash(row.serapan)})
        classes.append(f"level-{row.level}")
    records.append({"sasaran": "", "uraian": "Jumlah", "pagu": amount_cell(total.pagu),
                    "realisasi": amount_cell(total.realisasi), "serapan": pct_or_dash(total.serapan)})
    classes.append("total")
    return Table.from_records(f"Akuntabilitas Keuangan Tahun {ctx.year}", records, [
        p.Column("Sasaran", "sasaran"), p.Column("Program/Kegiatan/Sub Kegiatan", "uraian"),
        p.Column("Pagu (Rp)", "pagu", "right"), p.Column("Realisasi (Rp)", "realisasi", "right"),
        p.Column("%", "serapan", "right")], row_classes=classes,
        note=("Pagu dan realisasi program dan kegiatan adalah jumlah sub kegiatannya."
              if any(line.parent_code for line in lines) else None))


def programme_chart(ctx: ReportContext) -> Optional[Chart]:
    """The serapan of each programme as horizontal bars; None when fewer than two programmes
    have one (bars of missing amounts would read as 0%, and one bar compares nothing: the table
    shows it)."""
    programmes = bab3.programme_serapan(ctx.budget_lines) if ctx.budget_lines else []
    if sum(row.serapan is not None for row in programmes) < 2:
        return None
    names = {line.code: line.name for line in ctx.budget_lines}
    labels = [names[row.code].title() for row in programmes]
    values = [row.serapan for row in programmes]
    fig = charts.grouped_bars(labels, {"% Serapan": values}, places=0, label_places=2,
                              horizontal=True, ylabel="Serapan (%)")
    alt = "Serapan anggaran per program: " + "; ".join(
        f"{label}: {pct_or_dash(value)}" for label, value in zip(labels, values)) + "."
    return Chart.from_figure(fig, f"Serapan Anggaran per Program Tahun {ctx.year}", alt=alt)


def urusan_table(ctx: ReportContext) -> Optional[Table]:
    """Pagu, realisasi and serapan per urusan, when the budget lines name their urusan and carry
    amounts."""
    by_urusan = bab3.urusan_serapan(ctx.budget_lines) if ctx.budget_lines and not _no_amounts(ctx) else None
    if not by_urusan:
        return None
    records = [{"urusan": key or "-", "pagu": amount_cell(v.pagu), "realisasi": amount_cell(v.realisasi),
                "serapan": pct_or_dash(v.serapan)} for key, v in by_urusan.items()]
    return Table.from_records(f"Realisasi Anggaran per Urusan Tahun {ctx.year}", records, [
        p.Column("Urusan", "urusan"), p.Column("Pagu (Rp)", "pagu", "right"),
        p.Column("Realisasi (Rp)", "realisasi", "right"), p.Column("% Serapan", "serapan", "right")])


def sumber_dana(ctx: ReportContext) -> Table | Paragraphs | None:
    """Pagu, realisasi and serapan per sumber dana, the way the APBD reports it; one sentence when
    the whole budget has one source; None when the budget lines name none."""
    by_source = (bab3.sumber_dana_serapan(ctx.budget_lines) if ctx.budget_lines and not _no_amounts(ctx)
                 else None)
    if not by_source:
        return None
    if len(by_source) == 1:
        source, total = next(iter(by_source.items()))
        if total.pagu is None or total.realisasi is None or total.serapan is None:
            return Paragraphs(f"Seluruh anggaran Tahun {ctx.year} bersumber dari {source}.")
        return Paragraphs(f"Seluruh pagu anggaran Tahun {ctx.year} bersumber dari {source}: "
                          f"{fmt_rupiah(total.pagu)}, terealisasi {fmt_rupiah(total.realisasi)} "
                          f"atau {fmt_pct(total.serapan)}.")
    records = [{"sumber": key or "tidak disebut", "pagu": amount_cell(v.pagu),
                "realisasi": amount_cell(v.realisasi), "serapan": pct_or_dash(v.serapan)}
               for key, v in by_source.items()]
    total = ctx.budget_total
    records.append({"sumber": "Jumlah", "pagu": amount_cell(total.pagu), "realisasi": amount_cell(total.realisasi),
                    "serapan": pct_or_dash(total.serapan)})
    return Table.from_records(f"Realisasi Anggaran per Sumber Dana Tahun {ctx.year}", records, [
        p.Column("Sumber Dana", "sumber"), p.Column("Pagu (Rp)", "pagu", "right"),
        p.Column("Realisasi (Rp)", "realisasi", "right"), p.Column("% Serapan", "serapan", "right")],
        row_classes=[""] * len(by_source) + ["total"],
        note="Serapan = jumlah realisasi dibagi jumlah pagu sub kegiatan setiap sumber dana.")


#: What the lines counted by :func:`serapan_spread` are called (None: lines of different levels).
_LEAF_NOUNS = {"sub_kegiatan": "sub kegiatan", "kegiatan": "kegiatan", "program": "program",
               None: "rincian anggaran"}


def serapan_spread(ctx: ReportContext) -> Optional[Paragraphs]:
    """How many sub kegiatan (or programmes, for a budget without kegiatan detail) absorbed at
    least 90%, 80% to 90% and less than 80% of their pagu; the bands without a line are left out."""
    bands = bab3.serapan_bands(ctx.budget_lines) if ctx.budget_lines else None
    if bands is None:
        return None
    high, low = fmt_number(bands.high_threshold, 0), fmt_number(bands.low_threshold, 0)
    noun = _LEAF_NOUNS.get(bands.level, "rincian anggaran")
    groups = [(n, text) for n, text in ((bands.high, f"≥ {high}%"), (bands.middle, f"antara {low}% dan {high}%"),
                                         (bands.low, f"di bawah {low}%")) if n]
    if len(groups) == 1:
        whole = f"Satu-satunya {noun}" if bands.total == 1 else f"Seluruh {fmt_int(bands.total)} {noun}"
        return Paragraphs(f"{whole} menyerap anggaran {groups[0][1]}.")
    parts = [f"{fmt_int(n)} {'menyerap anggaran ' if i == 0 else ''}{text}" for i, (n, text) in enumerate(groups)]
    listed = parts[0] + " dan " + parts[1] if len(parts) == 2 else ", ".join(parts[:-1]) + ", dan " + parts[-1]
    return Paragraphs(f"Dari {fmt_int(bands.total)} {noun}, {listed}.")


# --- 3.4 Prestasi dan penghargaan ----------------------------------------------------------------


def supplementary(ctx: ReportContext) -> list[Element]:
    """The supplementary tables placed with the realisasi anggaran (``placement: anggaran``)."""
    return [e for table in tables_at(ctx.agency, "anggaran") for e in supplementary_elements(table)]


def prestasi(ctx: ReportContext) -> Parts | Paragraphs:
    """The analyst's account of the year's achievements and awards."""
    return one_or_many(narrative_parts(ctx.agency, "prestasi")) or Paragraphs(
        f"Tidak ada prestasi atau penghargaan yang dicatat untuk Tahun {ctx.year}.")
