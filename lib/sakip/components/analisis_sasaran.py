"""BAB III section 3.2: the seven analyses every LKjIP carries for each sasaran strategis.

1 target against realisasi (the formula worked through), 2 past years (with a trend chart),
3 the Renstra end target (with a projection), 4 the national standard, 5 causes (the analyst's
text), 6 efficiency of budget and staff, 7 supporting programmes with a computed verdict.

The chapter notebook loops over the sasaran and, for each analysis, writes its fixed heading and
displays these elements one by one. Functions about one sasaran take its
:class:`~sakip.analysis.indicators.SasaranResult` ``s`` and its number ``n`` (for the titles);
functions about one indicator take its :class:`~sakip.analysis.indicators.IndicatorResult` ``r``.
The figures come from :mod:`sakip.analysis.akuntabilitas` and :mod:`sakip.analysis.indicators`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Optional

from sakip.analysis import akuntabilitas as bab3
from sakip.analysis import indicators as analysis
from sakip.analysis.indicators import IndicatorResult, SasaranResult
from sakip.analysis.report_context import ReportContext
from sakip.analysis.supplementary import tables_at
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import (
    INDICATOR_COLUMNS,
    Parts,
    amount_cell,
    badge_cell,
    capaian_text,
    indicator_record,
    level_name,
    markdown_list_items,
    markdown_parts,
    narrative,
    narrative_parts,
    number_or_dash,
    one_or_many,
    pct_or_dash,
    realisasi_text,
    supplementary_elements,
    target_text,
    unfilled_columns,
)
from sakip.components.elements import Callout, Chart, Element, Heading, Paragraphs, Table
from sakip.compute import defaults
from sakip.compute.formatting import (
    fmt_int,
    fmt_number,
    fmt_pct,
    fmt_perf_value,
    fmt_rupiah,
    fmt_years,
)
from sakip.compute.trend import YearChange
from sakip.compute.wording import (
    describe_capaian,
    describe_renstra,
    describe_support_counts,
    describe_trend,
    describe_vs_national,
    ordinal,
)


class Formula(Paragraphs):
    """A calculation worked through: an introducing paragraph, then one line per step shown in
    the report's formula style. Its structured content is plain paragraphs, so every export that
    reads paragraphs reads it."""

    def to_html(self) -> str:
        intro, *steps = self.texts
        return f"<p>{p.esc(intro)}</p>" + "".join(f'<p class="formula">{p.esc(s)}</p>' for s in steps)


def _cached(ctx: ReportContext, key: tuple, make: Callable[[], Any]) -> Any:
    """A figure computed once per chapter (several elements show parts of it)."""
    if key not in ctx._cache:
        ctx._cache[key] = make()
    return ctx._cache[key]


def no_sasaran(ctx: ReportContext) -> Optional[Callout]:
    """A note when the agency has no sasaran strategis to analyse."""
    if ctx.sasaran:
        return None
    return Callout("Sasaran strategis belum diisi.", "warning")


def heading(s: SasaranResult, n: int) -> Heading:
    """"Sasaran 1: Meningkatnya Serapan Tenaga Kerja"."""
    return Heading(f"Sasaran {n}: {s.sasaran.statement}", 3)


def overview(ctx: ReportContext, s: SasaranResult) -> Parts:
    """The analyst's description of the sasaran, if any (its Markdown tables as numbered tables)."""
    return one_or_many(narrative_parts(ctx.agency, "gambaran_sasaran", s.sasaran.sasaran_id))


def supplementary(ctx: ReportContext, s: SasaranResult, placement: str) -> list[Element]:
    """The supplementary tables of the sasaran placed in one of its analyses ("capaian", "tren",
    "renstra", "nasional", "penyebab", "efisiensi", "program"), each with its chart when asked."""
    return [e for table in tables_at(ctx.agency, placement, s.sasaran.sasaran_id)
            for e in supplementary_elements(table)]


# --- 1 Target against realisasi -------------------------------------------------------------------


def capaian_table(ctx: ReportContext, s: SasaranResult, n: int) -> Table:
    """Target, realisasi, capaian and kriteria of each indicator of the sasaran."""
    scale = ctx.options.scale
    records = [{**indicator_record(r, scale), "kriteria": badge_cell(scale, r.capaian)} for r in s.indicators]
    return Table.from_records(f"Capaian Kinerja Sasaran {n} Tahun {ctx.year}", records, INDICATOR_COLUMNS)


def _formula(ctx: ReportContext, r: IndicatorResult) -> Optional[bab3.WorkedFormula]:
    return _cached(ctx, ("bab3-formula", r.indicator.indicator_id),
                   lambda: bab3.worked_formula(ctx.agency, r, ctx.year))


def formula(ctx: ReportContext, r: IndicatorResult) -> Formula | Callout | None:
    """The indicator's formula worked through with its components; a note when it cannot be;
    None when the indicator has no formula."""
    work = _formula(ctx, r)
    if work is None:
        return None
    if work.error is not None:
        return Callout(f"Rumus indikator {r.indicator.name} tidak dapat dihitung dari komponennya: "
                       f"{work.error}.", "warning")
    return Formula("Dengan rumus perhitungan:", *(f"= {step}" for step in work.steps))


def formula_check(ctx: ReportContext, r: IndicatorResult) -> Optional[Callout]:
    """A note when the reported realisasi is not the formula's result (as shown)."""
    work = _formula(ctx, r)
    if work is None or not work.reported_differs:
        return None
    return Callout(f"Realisasi yang dilaporkan ({realisasi_text(r)}) berbeda dari hasil rumus "
                   f"({fmt_number(work.computed_shown)}); capaian pada laporan ini dihitung dari "
                   "realisasi yang dilaporkan. Lihat lampiran Audit Data.", "warning")


def capaian_sentence(r: IndicatorResult, max_capaian: Optional[Decimal] = defaults.MAX_CAPAIAN) -> Paragraphs:
    """Target, realisasi, capaian and kriteria of one indicator in a sentence (a capaian above
    ``max_capaian`` is stated but not classified)."""
    ind = r.indicator
    return Paragraphs(describe_capaian(ind.name, r.target, r.realisasi, r.capaian, r.kriteria, ind.unit,
                                       max_capaian))


def sasaran_capaian(s: SasaranResult) -> Optional[Paragraphs]:
    """The sasaran's capaian over its indicators, when it has more than one."""
    if len(s.indicators) < 2:
        return None
    if s.capaian.value is None:  # no kriteria to add to "tidak dapat diukur"
        return Paragraphs(f"Rata-rata capaian sasaran ini {capaian_text(s.capaian)}.")
    return Paragraphs(f"Rata-rata capaian sasaran ini {capaian_text(s.capaian)} dengan kriteria {s.kriteria}.")


def no_indicators(s: SasaranResult) -> Optional[Paragraphs]:
    """One sentence for a sasaran without indicators (none of the seven analyses can be made);
    None when it has indicators."""
    if s.indicators:
        return None
    return Paragraphs("Indikator kinerja sasaran ini belum diisi, sehingga capaiannya belum dapat dianalisis.")


# --- 2 Against the previous years -----------------------------------------------------------------


def _history(ctx: ReportContext, r: IndicatorResult) -> bab3.IndicatorHistory:
    return _cached(ctx, ("bab3-history", r.indicator.indicator_id),
                   lambda: bab3.indicator_history(ctx.agency, r, ctx.year, ctx.options))


def _change_text(change: Optional[YearChange], unit: Optional[str]) -> str:
    """"naik 0,32 poin (0,34%)", "tetap", or "-" when there is nothing to compare."""
    if change is None:
        return "-"
    if change.direction == "tetap" or change.change_points is None:
        return change.direction
    shown_unit = "poin" if (unit or "").strip() in ("%", "") else unit
    text = f"{change.direction} {fmt_number(abs(change.change_points))} {shown_unit}"
    return text + ("" if change.change_pct is None else f" ({fmt_pct(change.change_pct)})")


def _earlier_years(ctx: ReportContext, r: IndicatorResult) -> bool:
    """Whether the indicator has a target or a realisasi in a year before the report's."""
    return any(year < ctx.year for year in _history(ctx, r).years)


def history_missing(ctx: ReportContext, s: SasaranResult) -> Optional[Paragraphs]:
    """One sentence when no indicator of the sasaran has an earlier year (the comparison with
    the previous years cannot be made); None otherwise."""
    if not s.indicators or any(_earlier_years(ctx, r) for r in s.indicators):
        return None
    return Paragraphs("Data target dan realisasi tahun-tahun sebelumnya untuk indikator sasaran ini "
                      "belum diisi, sehingga perbandingan dengan tahun-tahun sebelumnya belum dapat "
                      "disajikan.")


def history_indicators(ctx: ReportContext, s: SasaranResult) -> list[IndicatorResult]:
    """The indicators whose history the section shows: all of them, or none when
    :func:`history_missing` already says that no earlier year was filled in."""
    return [] if history_missing(ctx, s) is not None else list(s.indicators)


def history_table(ctx: ReportContext, r: IndicatorResult) -> Optional[Table]:
    """The indicator year by year: target, realisasi, its change, capaian and kriteria; None
    when it has no earlier year (its one row is the table of the year's capaian again)."""
    if not _earlier_years(ctx, r):
        return None
    hist = _history(ctx, r)
    ind = r.indicator
    records = [{"tahun": str(row.result.year), "target": target_text(row.result),
                "realisasi": realisasi_text(row.result), "perubahan": _change_text(row.change, ind.unit),
                "capaian": capaian_text(row.result.capaian),
                "kriteria": badge_cell(ctx.options.scale, row.result.capaian)} for row in hist.rows]
    title = (f"Perkembangan Capaian {ind.name} Tahun {fmt_years(hist.years[0], hist.years[-1])}" if hist.years
             else f"Perkembangan Capaian {ind.name}")
    columns = [p.Column("Tahun", "tahun", "center"), p.Column("Target", "target", "right"),
               p.Column("Realisasi", "realisasi", "right"), p.Column("Perubahan Realisasi", "perubahan", "right"),
               p.Column("Capaian", "capaian", "right"), p.Column("Kriteria", "kriteria", "center", kind="html")]
    empty = unfilled_columns(records, ["perubahan"])  # no two years with a realisasi: nothing changed
    return Table.from_records(title, records, [c for c in columns if c.key not in empty])


def history_chart(ctx: ReportContext, r: IndicatorResult) -> Optional[Chart]:
    """Realisasi and target over the years, when at least two years have a numeric realisasi."""
    hist = _history(ctx, r)
    if not hist.charted:
        return None
    ind = r.indicator
    fig = charts.line_trend(list(hist.years), {"Realisasi": hist.realisasi_series,
                                               "Target": hist.target_series}, ylabel=ind.unit or "")

    realisasi = "; ".join(f"{row.result.year}: {realisasi_text(row.result)}"
                          for row, v in zip(hist.rows, hist.realisasi_series) if v is not None)
    targets = "; ".join(f"{row.result.year}: {target_text(row.result)}"
                        for row, v in zip(hist.rows, hist.target_series) if v is not None)
    alt = f"Realisasi {realisasi}." + (f" Target {targets}." if targets else "")
    return Chart.from_figure(fig, f"Perkembangan Realisasi {ind.name}", alt=alt)


def trend_sentence(ctx: ReportContext, r: IndicatorResult) -> Paragraphs:
    """The change of the realisasi from the latest earlier year that has one."""
    hist = _history(ctx, r)
    ind = r.indicator
    last = hist.previous
    if last is None:
        return Paragraphs(f"Data realisasi indikator {ind.name} tahun-tahun sebelumnya belum tersedia.")
    return Paragraphs(describe_trend(ind.name, last.realisasi, r.realisasi, ind.polarity,
                                     year_from=last.year, year_to=ctx.year, unit=ind.unit))


# --- 3 Against the Renstra end target -------------------------------------------------------------


def _renstra(ctx: ReportContext, s: SasaranResult) -> list[bab3.RenstraComparison]:
    return _cached(ctx, ("bab3-renstra", s.sasaran.sasaran_id), lambda: [
        bab3.renstra_comparison(ctx.agency, r, ctx.year, ctx.profile.renstra_end) for r in s.indicators])


def _no_target_akhir(ctx: ReportContext, s: SasaranResult) -> bool:
    """Whether no indicator of the sasaran has a Renstra end target."""
    return all(c.target_akhir is None for c in _renstra(ctx, s))


def renstra_table(ctx: ReportContext, s: SasaranResult) -> Optional[Table]:
    """Each indicator's realisasi against the Renstra end target; None when no indicator of the
    sasaran has one (:func:`renstra_sentences` says so)."""
    if _no_target_akhir(ctx, s):
        return None
    end = ctx.profile.renstra_end
    records = [{"indikator": c.result.indicator.name, "realisasi": realisasi_text(c.result),
                "akhir": fmt_perf_value(c.target_akhir, c.result.indicator.unit),
                "capaian": capaian_text(c.capaian)} for c in _renstra(ctx, s)]
    return Table.from_records(f"Realisasi Tahun {ctx.year} terhadap Target Akhir Renstra {end}", records, [
        p.Column("Indikator Kinerja", "indikator"), p.Column(f"Realisasi {ctx.year}", "realisasi", "right"),
        p.Column(f"Target Akhir {end}", "akhir", "right"), p.Column("% Capaian", "capaian", "right")])


def renstra_sentences(ctx: ReportContext, s: SasaranResult) -> Paragraphs:
    """Where the year stands in the Renstra period, and each indicator against its end target
    with the linear projection to the end year."""
    end = ctx.profile.renstra_end
    if s.indicators and _no_target_akhir(ctx, s):
        sentences = [f"Data target akhir Renstra (Tahun {end}) untuk indikator sasaran ini belum diisi, "
                     "sehingga realisasinya belum dapat dibandingkan dengan target jangka menengah."]
    else:
        sentences = [describe_renstra(c.result.indicator.name, c.result.realisasi, c.target_akhir, c.capaian,
                                  year=ctx.year, end_year=end, unit=c.result.indicator.unit,
                                      projection=c.projection) for c in _renstra(ctx, s)]
    index_text = (f"Tahun {ctx.year} merupakan tahun {ordinal(ctx.renstra_year_index)} pelaksanaan Renstra "
                  f"{ctx.renstra_period}. ") if ctx.renstra_year_index else ""
    return Paragraphs(index_text + " ".join(sentences))


# --- 4 Against the national standard --------------------------------------------------------------


def _national(ctx: ReportContext, r: IndicatorResult) -> bab3.NationalComparison:
    return _cached(ctx, ("bab3-national", r.indicator.indicator_id),
                   lambda: bab3.national_comparison(ctx.agency, r, ctx.year))


def national_missing(ctx: ReportContext, s: SasaranResult) -> Optional[Paragraphs]:
    """One sentence when no indicator of the sasaran has a national standard; None otherwise."""
    if not s.indicators or any(_national(ctx, r).standard is not None for r in s.indicators):
        return None
    return Paragraphs("Data standar nasional untuk indikator sasaran ini belum diisi, sehingga "
                      "realisasinya belum dapat dibandingkan dengan standar nasional.")


def national_indicators(ctx: ReportContext, s: SasaranResult) -> list[IndicatorResult]:
    """The indicators compared one by one: all of them, or none when :func:`national_missing`
    already says that no standard was filled in."""
    return [] if national_missing(ctx, s) is not None else list(s.indicators)


def national_table(ctx: ReportContext, s: SasaranResult, n: int) -> Optional[Table]:
    """Each indicator's realisasi next to the national standard and its source; None when no
    indicator has a standard (:func:`national_missing` says so)."""
    if national_missing(ctx, s) is not None:
        return None
    records = []
    for r in s.indicators:
        c = _national(ctx, r)
        records.append({"indikator": r.indicator.name, "realisasi": realisasi_text(r),
                        "standar": fmt_perf_value(c.standard, r.indicator.unit), "sumber": c.source or "-"})
    return Table.from_records(f"Realisasi Sasaran {n} Tahun {ctx.year} dibandingkan Standar Nasional", records, [
        p.Column("Indikator Kinerja", "indikator"), p.Column(f"Realisasi {ctx.year}", "realisasi", "right"),
        p.Column("Standar Nasional", "standar", "right"), p.Column("Sumber", "sumber")])


def national_sentence(ctx: ReportContext, r: IndicatorResult) -> Paragraphs:
    """The indicator's realisasi against the national standard in a sentence."""
    ind = r.indicator
    return Paragraphs(describe_vs_national(ind.name, r.realisasi, _national(ctx, r).standard, ind.polarity,
                                           unit=ind.unit, year=ctx.year))


def national_check(ctx: ReportContext, r: IndicatorResult) -> Optional[Callout]:
    """A note when the national standard is not what the indicator's formula gives from the
    national data."""
    c = _national(ctx, r)
    if not c.computed_differs:
        return None
    unit = r.indicator.unit
    percent = "%" if (unit or "").strip() == "%" else ""
    return Callout(f"Standar nasional {fmt_perf_value(c.standard, unit)} berbeda dari nilai yang dihitung "
                   f"dari data nasional dengan rumus indikator ({fmt_number(c.computed)}{percent}). "
                   "Lihat lampiran Audit Data.", "warning")


# --- 5 Causes -----------------------------------------------------------------------------------

#: The analyst's sections of the causes analysis, in the order shown, with their labels.
CAUSE_SECTIONS = (("Faktor pendukung", "faktor_pendukung"), ("Faktor penghambat", "faktor_penghambat"),
                  ("Solusi dan rekomendasi", "solusi"),
                  ("Analisis keberhasilan/kegagalan", "analisis_keberhasilan"))


def causes(ctx: ReportContext, s: SasaranResult) -> Parts:
    """The analyst's supporting and hindering factors, solutions and analysis, each under its
    label (Markdown tables as numbered tables); a note when none is written."""
    parts: list[str] = []
    marks: list[tuple[str, str]] = []
    for label, section in CAUSE_SECTIONS:
        text = narrative(ctx.agency, section, s.sasaran.sasaran_id)
        if text is not None:
            parts.append(f"**{label}:**\n\n{text.markdown}")
            marks += text.marks
    if not parts:
        return Callout("Analisis penyebab belum diisi oleh analis.", "warning")
    return one_or_many(markdown_parts("\n\n".join(parts), marks=tuple(marks)))


def causes_table(ctx: ReportContext, s: SasaranResult, n: int) -> Optional[Table]:
    """The "Analisis Keberhasilan/Kegagalan" table (seed 004 Tabel 3.7, 3.14): each indicator's
    target, realisasi and capaian (computed) next to the analyst's points of success or failure
    (the first list of ``analisis_keberhasilan``) and the solutions (the first list of
    ``solusi``); None when the analyst listed neither."""
    def items(section: str) -> list[str]:
        text = narrative(ctx.agency, section, s.sasaran.sasaran_id)
        return markdown_list_items(text.markdown) if text is not None else []

    analysis_items, solutions = items("analisis_keberhasilan"), items("solusi")
    if not analysis_items and not solutions:
        return None

    def cell(values: list[str]) -> dict:
        if not values:
            return {"html": "-", "text": "-"}
        return {"html": "<br>".join(p.esc(f"{i}. {v}") for i, v in enumerate(values, 1)),
                "text": "; ".join(values)}

    records = []
    for k, r in enumerate(s.indicators):
        records.append({"indikator": r.indicator.name, "target": target_text(r), "realisasi": realisasi_text(r),
                        "capaian": capaian_text(r.capaian),
                        "analisis": cell(analysis_items if k == 0 else []),
                        "solusi": cell(solutions if k == 0 else [])})
    return Table.from_records(f"Analisis Keberhasilan/Kegagalan Kinerja Sasaran {n} Tahun {ctx.year}", records, [
        p.Column("Indikator Kinerja", "indikator"), p.Column("Target", "target", "right"),
        p.Column("Realisasi", "realisasi", "right"), p.Column("% Capaian", "capaian", "right"),
        p.Column("Analisis Keberhasilan/Kegagalan", "analisis", kind="html"),
        p.Column("Solusi yang Dilakukan", "solusi", kind="html")],
        note="Target, realisasi dan capaian dihitung dari data masukan; analisis dan solusi dari teks analis.")


# --- 6 Efficiency -------------------------------------------------------------------------------

_STANDING_WORDS = {bab3.LEBIH_TINGGI: "lebih tinggi daripada", bab3.SAMA: "sama dengan",
                   bab3.LEBIH_RENDAH: "lebih rendah daripada"}


def _efficiency(ctx: ReportContext, s: SasaranResult) -> bab3.SasaranEfficiency:
    return _cached(ctx, ("bab3-efficiency", s.sasaran.sasaran_id),
                   lambda: bab3.sasaran_efficiency(ctx.agency, s, ctx.year))


def efficiency_table(ctx: ReportContext, s: SasaranResult, n: int) -> Table | Paragraphs:
    """Capaian, budget, serapan, efisiensi and the capaian/serapan ratio of the sasaran; a
    sentence instead when no budget of the sasaran was filled in for the year."""
    eff = _efficiency(ctx, s)
    b = eff.budget
    if b.pagu is None and b.realisasi is None:
        return Paragraphs(f"Data anggaran sasaran ini Tahun {ctx.year} belum diisi, sehingga efisiensi "
                          "penggunaan anggaran belum dapat dianalisis.")
    records = [{"uraian": s.sasaran.statement, "capaian": capaian_text(s.capaian),
                "pagu": amount_cell(b.pagu), "realisasi": amount_cell(b.realisasi),
                "serapan": pct_or_dash(b.serapan), "efisiensi": number_or_dash(b.efisiensi),
                "rasio": number_or_dash(eff.ratio)}]
    return Table.from_records(f"Analisis Efisiensi Sumber Daya Sasaran {n} Tahun {ctx.year}", records, [
        p.Column("Sasaran", "uraian"), p.Column("Capaian Kinerja", "capaian", "right"),
        p.Column("Anggaran (Rp)", "pagu", "right"), p.Column("Realisasi (Rp)", "realisasi", "right"),
        p.Column("% Serapan", "serapan", "right"), p.Column("Efisiensi (100 − serapan)", "efisiensi", "right"),
        p.Column("Rasio Capaian/Serapan", "rasio", "right")],
        note="Efisiensi = 100 − % serapan; rasio = capaian kinerja / % serapan.")


def efficiency_sentence(ctx: ReportContext, s: SasaranResult) -> Optional[Paragraphs]:
    """The budget spent against the capaian reached, with the verdict of their ratio; None
    without a serapan or a capaian."""
    eff = _efficiency(ctx, s)
    if eff.standing is None:
        return None
    b = eff.budget
    return Paragraphs(
        f"Dengan anggaran {fmt_rupiah(b.pagu)} yang terealisasi {fmt_rupiah(b.realisasi)} "
        f"({fmt_pct(b.serapan)}), sasaran ini mencapai capaian kinerja {fmt_pct(eff.capaian.value)}; "
        f"anggaran yang tidak terserap sebesar {fmt_number(b.efisiensi)} poin persentase. Rasio capaian "
        f"terhadap serapan {fmt_number(eff.ratio)}, artinya capaian kinerja {_STANDING_WORDS[eff.standing]} "
        "proporsi anggaran yang digunakan.")


def staff_sentence(ctx: ReportContext, s: SasaranResult) -> Optional[Paragraphs]:
    """The people working on the sasaran, by category; None when not recorded."""
    eff = _efficiency(ctx, s)
    if not eff.staff:
        return None
    detail = ", ".join(f"{fmt_int(count)} {category}" for category, count in eff.staff)
    return Paragraphs(f"Sumber daya manusia yang menangani sasaran ini berjumlah {fmt_int(eff.staff_total)} "
                      f"orang ({detail}).")


def efficiency_narrative(ctx: ReportContext, s: SasaranResult) -> Parts:
    """The analyst's text on the efficiency of staff, if any."""
    return one_or_many(narrative_parts(ctx.agency, "efisiensi_sdm", s.sasaran.sasaran_id))


# --- 7 Supporting programmes --------------------------------------------------------------------


def _support(ctx: ReportContext, s: SasaranResult) -> list[analysis.ProgrammeSupport]:
    return _cached(ctx, ("bab3-support", s.sasaran.sasaran_id), lambda: analysis.programme_support(
        ctx.agency, s.sasaran.sasaran_id, ctx.year, ctx.options))


def programme_table(ctx: ReportContext, s: SasaranResult, n: int) -> Table | Callout:
    """Each programme, kegiatan and sub kegiatan indicator under the sasaran with its capaian and
    whether it supports the sasaran; a note when there is none."""
    rows = _support(ctx, s)
    if not rows:
        return Callout("Belum ada indikator program/kegiatan untuk sasaran ini.", "warning")
    records = [{"uraian": level_name(row.line.level, row.line.name),
                "indikator": row.result.indicator.name, "target": target_text(row.result),
                "realisasi": realisasi_text(row.result), "capaian": capaian_text(row.result.capaian),
                "verdict": row.verdict.capitalize()} for row in rows]
    return Table.from_records(f"Program/Kegiatan yang Menunjang Sasaran {n} Tahun {ctx.year}", records, [
        p.Column("Program/Kegiatan/Sub Kegiatan", "uraian"), p.Column("Indikator", "indikator"),
        p.Column("Target", "target", "right"), p.Column("Realisasi", "realisasi", "right"),
        p.Column("Capaian", "capaian", "right"), p.Column("Menunjang/Kurang", "verdict", "center")],
        row_classes=[f"level-{row.line.level}" for row in rows],
        note=(f"Menunjang bila capaian indikator ≥ {fmt_number(ctx.options.menunjang_threshold)}%; "
              "ditentukan dari angka, bukan diketik."))


def programme_counts(ctx: ReportContext, s: SasaranResult) -> Optional[Paragraphs]:
    """How many programme indicators support the sasaran; None when there is none."""
    rows = _support(ctx, s)
    if not rows:
        return None
    counts = analysis.count_verdicts(rows)
    return Paragraphs(describe_support_counts(len(rows), counts[analysis.MENUNJANG],
                                              counts[analysis.KURANG_MENUNJANG],
                                              counts[analysis.TIDAK_DAPAT_DINILAI]))


def programme_narrative(ctx: ReportContext, s: SasaranResult) -> Parts:
    """The analyst's account of the programmes and kegiatan, if any; the lists it prints as
    Markdown tables (events, certificate holders) become numbered tables."""
    return one_or_many(narrative_parts(ctx.agency, "kegiatan", s.sasaran.sasaran_id))
