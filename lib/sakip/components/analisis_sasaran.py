"""BAB III section 3.2: the seven analyses every LKjIP carries for each sasaran strategis.

1 target against realisasi (the formula worked through), 2 past years (with a trend chart),
3 the Renstra end target (with a projection), 4 the national standard, 5 causes (the analyst's
text), 6 efficiency of budget and staff, 7 supporting programmes with a computed verdict.
"""

from __future__ import annotations

from sakip.analysis import indicators as analysis
from sakip.analysis.context import ReportContext
from sakip.components import charts
from sakip.components import html as p
from sakip.components.common import (
    INDICATOR_COLUMNS,
    LEVEL_LABELS,
    amount_cell,
    badge,
    capaian_text,
    indicator_record,
    narrative_html,
    number_or_dash,
    pct_or_dash,
    realisasi_text,
    target_text,
)
from sakip.compute.formatting import (
    fmt_int,
    fmt_number,
    fmt_pct,
    fmt_perf_value,
    fmt_rupiah,
    round_half_up,
)
from sakip.compute.formula import FormulaError, worked_steps
from sakip.compute.trend import compare_years, project, renstra_capaian
from sakip.compute.wording import (
    describe_capaian,
    describe_renstra,
    describe_trend,
    describe_vs_national,
)
from sakip.model.parsing import NumberValue, parse_perf_value


def sasaran_intro(ctx: ReportContext, index: int) -> str:
    result = ctx.sasaran[index]
    s = result.sasaran
    out = ""
    if index == 0:
        out += p.heading("3.2 Analisis Capaian Kinerja")
    out += p.heading(f"Sasaran {index + 1}: {s.statement}", 3, anchor=f"sasaran-{s.sasaran_id}")
    out += narrative_html(ctx.agency, "gambaran_sasaran", s.sasaran_id)
    return out


def _sub(index: int, n: int, text: str) -> str:
    return f"<h4>{index + 1}.{n}. {p.esc(text)}</h4>"


def target_vs_realisasi(ctx: ReportContext, index: int) -> str:
    result = ctx.sasaran[index]
    out = _sub(index, 1, "Membandingkan target dan realisasi kinerja tahun ini")
    records = [indicator_record(r, ctx.options.scale) for r in result.indicators]
    out += p.figure("tabel", f"Capaian Kinerja Sasaran {index + 1} Tahun {ctx.year}",
                    p.table_html(records, INDICATOR_COLUMNS))
    for r in result.indicators:
        out += _formula_block(ctx, r)
        out += p.paragraph(describe_capaian(r.indicator.name, r.target, r.realisasi, r.capaian,
                                            r.kriteria, r.indicator.unit))
    if len(result.indicators) > 1:
        out += p.paragraph(f"Rata-rata capaian sasaran ini {capaian_text(result.capaian)} "
                           f"dengan kriteria {result.kriteria}.")
    return out


def _formula_block(ctx: ReportContext, r: analysis.IndicatorResult) -> str:
    ind = r.indicator
    if not ind.formula:
        return ""
    components = {k: c.value for k, c in ctx.agency.components(ind.indicator_id).items() if c.value is not None}
    labels = {name: c.label for (name, _y), c in ctx.agency.components(ind.indicator_id).items() if c.label}
    try:
        steps = worked_steps(ind.formula, components, ctx.year, labels=labels)
    except FormulaError as exc:
        return p.note(f"Rumus indikator {ind.name} tidak dapat dihitung dari komponennya: {exc}.", "warning")
    out = p.paragraph("Dengan rumus perhitungan:") + "".join(
        f'<p class="formula">= {p.esc(step)}</p>' for step in steps)
    entered = analysis.numeric(r.realisasi)
    if r.computed_realisasi is not None and entered is not None:
        shown_computed = round_half_up(r.computed_realisasi)
        if shown_computed != round_half_up(entered):
            out += p.note(
                f"Realisasi yang dilaporkan ({realisasi_text(r)}) berbeda dari hasil rumus "
                f"({fmt_number(shown_computed)}); capaian pada laporan ini dihitung dari realisasi "
                "yang dilaporkan. Lihat lampiran Audit Data.", "warning")
    return out


def versus_past_years(ctx: ReportContext, index: int) -> str:
    result = ctx.sasaran[index]
    out = _sub(index, 2, "Membandingkan realisasi dan capaian tahun ini dengan tahun-tahun sebelumnya")
    for r in result.indicators:
        ind = r.indicator
        years = analysis.history_years(ctx.agency, ind, ctx.year)
        history = analysis.history(ctx.agency, ind, years, ctx.options)
        records, earlier = [], None
        for h in history:
            records.append({"tahun": str(h.year), "target": target_text(h), "realisasi": realisasi_text(h),
                            "perubahan": _change_text(earlier, h),
                            "capaian": capaian_text(h.capaian), "kriteria": badge(ctx.options.scale, h.capaian)})
            earlier = h if h.realisasi is not None else earlier
        out += p.figure("tabel", f"Perkembangan Capaian {ind.name} Tahun {years[0]}–{years[-1]}"
                        if years else f"Perkembangan Capaian {ind.name}", p.table_html(records, [
                            p.Column("Tahun", "tahun", "center"), p.Column("Target", "target", "right"),
                            p.Column("Realisasi", "realisasi", "right"),
                            p.Column("Perubahan Realisasi", "perubahan", "right"),
                            p.Column("Capaian", "capaian", "right"),
                            p.Column("Kriteria", "kriteria", "center", kind="html")]))
        numeric_real = [analysis.numeric(h.realisasi) for h in history]
        if sum(v is not None for v in numeric_real) >= 2:
            fig = charts.line_trend(years, {"Realisasi": numeric_real,
                                            "Target": [analysis.numeric(h.target) for h in history]},
                                    ylabel=ind.unit or "")
            out += p.chart(fig, f"Perkembangan Realisasi {ind.name}")
        previous = [h for h in history if h.year < ctx.year and h.realisasi is not None]
        if previous:
            last = previous[-1]
            out += p.paragraph(describe_trend(ind.name, last.realisasi, r.realisasi, ind.polarity,
                                              year_from=last.year, year_to=ctx.year, unit=ind.unit))
        else:
            out += p.paragraph(f"Data realisasi indikator {ind.name} tahun-tahun sebelumnya belum tersedia.")
    return out


def _change_text(earlier: analysis.IndicatorResult | None, current: analysis.IndicatorResult) -> str:
    """"naik 0,32 poin (0,34%)" against the latest earlier realisasi; "-" when not comparable."""
    if earlier is None or current.realisasi is None:
        return "-"
    change = compare_years(earlier.realisasi, current.realisasi, current.indicator.polarity,
                           year_from=earlier.year, year_to=current.year)
    if change is None:
        return "-"
    if change.direction == "tetap" or change.change_points is None:
        return change.direction
    unit = "poin" if (current.indicator.unit or "").strip() in ("%", "") else current.indicator.unit
    text = f"{change.direction} {fmt_number(abs(change.change_points))} {unit}"
    return text + ("" if change.change_pct is None else f" ({fmt_pct(change.change_pct)})")


def versus_renstra(ctx: ReportContext, index: int) -> str:
    result = ctx.sasaran[index]
    end = ctx.profile.renstra_end
    out = _sub(index, 3, "Membandingkan realisasi dengan target jangka menengah Renstra")
    records, sentences = [], []
    for r in result.indicators:
        ind = r.indicator
        target_akhir = parse_perf_value(ind.target_akhir)
        capaian = renstra_capaian(r.realisasi, target_akhir, ind.polarity, method=ind.capaian_method)
        records.append({"indikator": ind.name, "realisasi": realisasi_text(r),
                        "akhir": fmt_perf_value(target_akhir, ind.unit), "capaian": capaian_text(capaian)})
        series = {y: ctx.agency.realisasi_value(ind.indicator_id, y)
                  for y in analysis.history_years(ctx.agency, ind, ctx.year)}
        projection = None
        if isinstance(target_akhir, NumberValue) and end > ctx.year:
            projection = project(series, end, target_akhir=target_akhir, polarity=ind.polarity)
        sentences.append(describe_renstra(ind.name, r.realisasi, target_akhir, capaian, year=ctx.year,
                                          end_year=end, unit=ind.unit, projection=projection))
    out += p.figure("tabel", f"Realisasi Tahun {ctx.year} terhadap Target Akhir Renstra {end}",
                    p.table_html(records, [
                        p.Column("Indikator Kinerja", "indikator"),
                        p.Column(f"Realisasi {ctx.year}", "realisasi", "right"),
                        p.Column(f"Target Akhir {end}", "akhir", "right"),
                        p.Column("% Capaian", "capaian", "right")]))
    index_text = (f"Tahun {ctx.year} merupakan tahun ke-{ctx.renstra_year_index} pelaksanaan Renstra "
                  f"{ctx.renstra_period}. ") if ctx.renstra_year_index else ""
    return out + p.paragraph(index_text + " ".join(sentences))


def versus_national(ctx: ReportContext, index: int) -> str:
    result = ctx.sasaran[index]
    out = _sub(index, 4, "Membandingkan realisasi dengan standar nasional")
    records, body = [], ""
    for r in result.indicators:
        ind = r.indicator
        standard_row = ctx.agency.national_standard(ind.indicator_id, ctx.year)
        standard = standard_row.parsed if standard_row else None
        records.append({"indikator": ind.name, "realisasi": realisasi_text(r),
                        "standar": fmt_perf_value(standard, ind.unit),
                        "sumber": (standard_row.source if standard_row and standard_row.source else "-")})
        body += p.paragraph(describe_vs_national(ind.name, r.realisasi, standard, ind.polarity,
                                                 unit=ind.unit, year=ctx.year))
        computed, _error = analysis.computed_realisasi(ctx.agency, ind, ctx.year, scope="nasional")
        if computed is not None and isinstance(standard, NumberValue) and \
                round_half_up(computed) != round_half_up(standard.value):
            body += p.note(f"Standar nasional {fmt_perf_value(standard, ind.unit)} berbeda dari nilai yang "
                           f"dihitung dari data nasional dengan rumus indikator ({fmt_number(computed)}"
                           f"{'%' if (ind.unit or '').strip() == '%' else ''}). Lihat lampiran Audit Data.",
                           "warning")
    out += p.figure("tabel", f"Realisasi Sasaran {index + 1} Tahun {ctx.year} dibandingkan Standar Nasional",
                    p.table_html(records, [
                        p.Column("Indikator Kinerja", "indikator"),
                        p.Column(f"Realisasi {ctx.year}", "realisasi", "right"),
                        p.Column("Standar Nasional", "standar", "right"), p.Column("Sumber", "sumber")]))
    return out + body


def causes(ctx: ReportContext, index: int) -> str:
    sid = ctx.sasaran[index].sasaran.sasaran_id
    out = _sub(index, 5, "Analisis penyebab keberhasilan/kegagalan dan solusi")
    parts = [("Faktor pendukung", "faktor_pendukung"), ("Faktor penghambat", "faktor_penghambat"),
             ("Solusi dan rekomendasi", "solusi"), ("Analisis keberhasilan/kegagalan", "analisis_keberhasilan")]
    body = ""
    for title, section in parts:
        text = narrative_html(ctx.agency, section, sid)
        if text:
            body += f"<p><strong>{p.esc(title)}:</strong></p>{text}"
    return out + (body or p.note("Analisis penyebab belum diisi oleh analis.", "warning"))


def efficiency(ctx: ReportContext, index: int) -> str:
    result = ctx.sasaran[index]
    b = result.budget
    out = _sub(index, 6, "Analisis efisiensi penggunaan sumber daya")
    records = [{"uraian": result.sasaran.statement, "capaian": capaian_text(result.capaian),
                "pagu": amount_cell(b.pagu), "realisasi": amount_cell(b.realisasi),
                "serapan": pct_or_dash(b.serapan), "efisiensi": number_or_dash(b.efisiensi),
                "rasio": number_or_dash(result.performance_per_budget)}]
    out += p.figure("tabel", f"Analisis Efisiensi Sumber Daya Sasaran {index + 1} Tahun {ctx.year}",
                    p.table_html(records, [
                        p.Column("Sasaran", "uraian"), p.Column("Capaian Kinerja", "capaian", "right"),
                        p.Column("Anggaran (Rp)", "pagu", "right"), p.Column("Realisasi (Rp)", "realisasi", "right"),
                        p.Column("% Serapan", "serapan", "right"), p.Column("Efisiensi (100 − serapan)", "efisiensi", "right"),
                        p.Column("Rasio Capaian/Serapan", "rasio", "right")]),
                    note="Efisiensi = 100 − % serapan; rasio = capaian kinerja / % serapan (lihat docs/FORMULAS.md).")
    if b.serapan is not None and result.capaian.value is not None:
        ratio = result.performance_per_budget
        verdict = ("lebih tinggi daripada" if round_half_up(ratio) > 1 else
                   "sama dengan" if round_half_up(ratio) == 1 else "lebih rendah daripada")
        out += p.paragraph(
            f"Dengan anggaran {fmt_rupiah(b.pagu)} yang terealisasi {fmt_rupiah(b.realisasi)} "
            f"({fmt_pct(b.serapan)}), sasaran ini mencapai capaian kinerja {fmt_pct(result.capaian.value)}; "
            f"anggaran yang tidak terserap sebesar {fmt_number(b.efisiensi)} poin persentase. Rasio capaian "
            f"terhadap serapan {fmt_number(ratio)}, artinya capaian kinerja {verdict} proporsi anggaran yang digunakan.")
    staff = [r for r in ctx.agency.rows("sasaran_staff")
             if r.sasaran_id == result.sasaran.sasaran_id and r.year == ctx.year]
    if staff:
        total = sum(r.count or 0 for r in staff)
        detail = ", ".join(f"{fmt_int(r.count)} {r.category}" for r in staff)
        out += p.paragraph(f"Sumber daya manusia yang menangani sasaran ini berjumlah {fmt_int(total)} "
                           f"orang ({detail}).")
    return out + narrative_html(ctx.agency, "efisiensi_sdm", result.sasaran.sasaran_id)


def supporting_programmes(ctx: ReportContext, index: int) -> str:
    result = ctx.sasaran[index]
    out = _sub(index, 7, "Analisis program/kegiatan yang menunjang keberhasilan atau kegagalan")
    rows = analysis.programme_support(ctx.agency, result.sasaran.sasaran_id, ctx.year, ctx.options)
    if not rows:
        return out + p.note("Belum ada indikator program/kegiatan untuk sasaran ini.", "warning")
    records, classes = [], []
    for row in rows:
        r = row.result
        records.append({"uraian": f"{LEVEL_LABELS[row.line.level]} {row.line.name}", "indikator": r.indicator.name,
                        "target": target_text(r), "realisasi": realisasi_text(r),
                        "capaian": capaian_text(r.capaian), "verdict": row.verdict.capitalize()})
        classes.append(f"level-{row.line.level}")
    out += p.figure("tabel", f"Program/Kegiatan yang Menunjang Sasaran {index + 1} Tahun {ctx.year}",
                    p.table_html(records, [
                        p.Column("Program/Kegiatan/Sub Kegiatan", "uraian"), p.Column("Indikator", "indikator"),
                        p.Column("Target", "target", "right"), p.Column("Realisasi", "realisasi", "right"),
                        p.Column("Capaian", "capaian", "right"), p.Column("Menunjang/Kurang", "verdict", "center")],
                        row_classes=classes),
                    note=(f"Menunjang bila capaian indikator ≥ {fmt_number(ctx.options.menunjang_threshold)}%; "
                          "ditentukan dari angka, bukan diketik."))
    counts = analysis.count_verdicts(rows)
    out += p.paragraph(
        f"Dari {fmt_int(len(rows))} indikator program/kegiatan pendukung, {fmt_int(counts['menunjang'])} "
        f"menunjang, {fmt_int(counts['kurang menunjang'])} kurang menunjang dan "
        f"{fmt_int(counts['tidak dapat dinilai'])} tidak dapat dinilai.")
    return out + narrative_html(ctx.agency, "kegiatan", result.sasaran.sasaran_id)


