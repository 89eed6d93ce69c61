"""Laporan Pengukuran Kinerja: measurement mechanism, IKU per Renstra year, the quarterly
evaluation of IKU and of the rencana aksi (physical and financial progress), warnings, analysis
and closing. Figures come from :mod:`sakip.pengukuran`; this module only formats them."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

from .. import pengukuran as pg
from .. import present as p
from ..formatting import fmt_number, fmt_pct, fmt_perf_value, fmt_rupiah
from ..parsing import NumberValue
from ..wording import describe_capaian
from . import charts
from .common import amount_cell, badge, capaian_text
from .context import ReportContext

FLAG_LABELS = {
    "keuangan_tertinggal": "Keuangan tertinggal dari fisik",
    "tanpa_kemajuan": "Tidak ada kemajuan",
    "kumulatif_menurun": "Realisasi kumulatif menurun",
    "target_menurun": "Target kumulatif menurun",
    "melampaui_target": "Realisasi jauh di atas target",
    "melampaui_rencana": "Realisasi keuangan melebihi rencana",
    "rencana_tidak_lengkap": "Rencana keuangan tidak lengkap",
}


# --- shared ------------------------------------------------------------------------------------


def upto(ctx: ReportContext) -> int:
    return pg.check_upto(ctx.options.triwulan)


def quarters(ctx: ReportContext) -> list[int]:
    return list(range(1, upto(ctx) + 1))


def _cached(ctx: ReportContext, key: str, make):
    if key not in ctx._cache:
        ctx._cache[key] = make()
    return ctx._cache[key]


def iku_quarters(ctx: ReportContext) -> list[pg.IndicatorQuarters]:
    return _cached(ctx, "pg-iku", lambda: pg.iku_quarters(ctx.agency, ctx.year, upto(ctx), ctx.options.scale))


def action_blocks(ctx: ReportContext):
    return _cached(ctx, "pg-actions", lambda: pg.action_rows(
        ctx.agency, ctx.year, upto(ctx), ctx.options.scale, ctx.options.max_capaian))


def period_banner(ctx: ReportContext) -> str:
    """The callout saying which quarters the report covers."""
    n = upto(ctx)
    if n == 4:
        return p.note(f"{pg.period_label(n)} Tahun {ctx.year}.", "info")
    return p.note(f"{pg.period_label(n)} Tahun {ctx.year}: laporan ini hanya memuat data Triwulan I "
                  f"s.d. {pg.roman(n)}; nilai akhir tahun adalah proyeksi dari data tersebut.", "warning")


def _narrative(ctx: ReportContext, section: str, number: str, level: int = 2) -> str:
    """The analyst's Markdown of a section, each titled piece under a numbered heading."""
    out = ""
    items = ctx.agency.narrative(section)
    for i, item in enumerate(items, start=1):
        if item.title:
            out += p.heading(f"{number}.{i} {item.title}", level, anchor=f"{section}-{i}")
        out += p.markdown(item.text)
    return out


def _perf(value, unit) -> str:
    return fmt_perf_value(value, unit)


def _capaian_cell(ctx: ReportContext, capaian) -> str:
    if capaian.value is None:
        return p.esc("-")
    return f"{p.esc(fmt_pct(capaian.value))}<br>{badge(ctx.options.scale, capaian)}"


# --- BAB I ---------------------------------------------------------------------------------------


def mekanisme(ctx: ReportContext) -> str:
    """BAB I: background from the analyst, the data-collection mechanism as configured for the
    agency, and who reports what each quarter."""
    out = p.heading("BAB I PENDAHULUAN DAN MEKANISME PENGUKURAN", 1, anchor="bab-i")
    out += period_banner(ctx)
    out += _narrative(ctx, "latar_belakang", "1")
    out += p.heading("1.6 Mekanisme Pengumpulan Data Kinerja", 2, anchor="mekanisme")
    mech = _narrative(ctx, "mekanisme_pengukuran", "1.6", level=3)
    out += mech or p.note("Narasi mekanisme pengukuran (mekanisme_pengukuran) belum diisi.", "warning")
    out += responsibility_table(ctx)
    return out


def responsibility_table(ctx: ReportContext) -> str:
    """Who reports each sasaran and programme, and the quarters with data so far."""
    records = []
    for _sasaran, rows in action_blocks(ctx):
        for row in rows:
            with_data = [q for q in quarters(ctx)
                         if (row.keuangan.quarter(q) and row.keuangan.quarter(q).realisasi is not None)
                         or any(iq.quarter(q) and iq.quarter(q).realisasi is not None for iq in row.indicators)]
            records.append({
                "ref": ("Sasaran: " if row.kind == "sasaran" else "Program: ") + row.label,
                "pj": row.penanggung_jawab,
                "n": str(len(row.indicators)),
                "tw": ", ".join(f"TW {pg.roman(q)}" for q in with_data) or "belum ada",
            })
    if not records:
        return ""
    n = upto(ctx)
    return (p.paragraph(f"Pengumpulan data dilakukan per triwulan. Tabel berikut memuat penanggung "
                        f"jawab tiap sasaran dan program serta triwulan yang datanya sudah tersedia "
                        f"(s.d. Triwulan {pg.roman(n)}).")
            + p.figure("tabel", f"Penanggung Jawab Pengumpulan Data Kinerja Tahun {ctx.year}", p.table_html(records, [
                p.Column("Sasaran/Program", "ref"), p.Column("Penanggung Jawab", "pj"),
                p.Column("Jumlah Indikator", "n", "center"), p.Column("Triwulan Berdata", "tw")]),
                source="Rencana aksi serta realisasi kinerja dan keuangan per triwulan"))


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
    from ..capaian import sasaran_capaian

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


def flags_section(ctx: ReportContext) -> str:
    """3.3: every warning, worded from the numbers."""
    flags = pg.all_flags(action_blocks(ctx))
    out = p.heading("3.3 Peringatan Kemajuan Triwulan", 2, anchor="peringatan")
    if not flags:
        return out + p.paragraph(f"Tidak ada peringatan s.d. Triwulan {pg.roman(upto(ctx))}.")
    counts = pg.count_flags(flags)
    out += p.paragraph(
        f"Pemeriksaan otomatis atas data s.d. Triwulan {pg.roman(upto(ctx))} menghasilkan {len(flags)} "
        "peringatan: " + ", ".join(f"{FLAG_LABELS[k].lower()} {v}" for k, v in counts.items())
        + f". Keuangan dianggap tertinggal bila lebih dari {fmt_number(pg.DEFAULT_GAP, 0)} poin di "
        f"bawah kemajuan fisik; capaian di atas {fmt_number(ctx.options.max_capaian, 0)}% dianggap tidak wajar.")
    records = [{"ref": f.label, "tw": pg.roman(f.quarter) if f.quarter else "-",
                "jenis": FLAG_LABELS[f.kind], "uraian": f.message} for f in flags]
    out += p.figure("tabel", f"Peringatan Kemajuan Fisik dan Keuangan ({pg.period_label(upto(ctx))})",
                    p.table_html(records, [p.Column("Sasaran/Program", "ref"), p.Column("TW", "tw", "center"),
                                           p.Column("Jenis", "jenis"), p.Column("Uraian", "uraian")]))
    return out


# --- BAB IV / V -------------------------------------------------------------------------------------


def cascade_chapter(ctx: ReportContext) -> str:
    from . import cascade

    return (p.heading("BAB IV CASCADING PERJANJIAN KINERJA", 1, anchor="bab-iv")
            + cascade.cascade_section(ctx, heading="Pohon Kinerja dan Capaian Unit", number="4.1"))


def analysis(ctx: ReportContext) -> str:
    """BAB V 5.1: the analyst's analysis, preceded by a summary computed from the figures."""
    n = upto(ctx)
    out = p.heading("BAB V ANALISIS DAN PENUTUP", 1, anchor="bab-v")
    out += p.heading("5.1 Analisis Capaian Kinerja", 2, anchor="analisis")
    items = iku_quarters(ctx)
    latest = [iq.latest for iq in items if iq.latest is not None]
    measured = [r for r in latest if r.capaian.value is not None]
    met = [r for r in measured if r.capaian.value >= 100]
    flags = pg.all_flags(action_blocks(ctx))
    summary = (f"Sampai dengan Triwulan {pg.roman(n)} Tahun {ctx.year}, {len(measured)} dari {len(items)} IKU "
               f"dapat diukur dan {len(met)} di antaranya mencapai atau melampaui target triwulan")
    if measured:
        from ..capaian import sasaran_capaian

        mean = sasaran_capaian([r.capaian for r in measured], "mean")
        summary += f"; rata-rata capaian IKU {fmt_pct(mean.value)} ({ctx.options.scale.classify(mean.value)})"
    summary += f". Pemeriksaan kemajuan triwulan mencatat {len(flags)} peringatan (Subbab 3.3)."
    out += p.paragraph(summary)
    for item in ctx.agency.narrative("catatan"):
        out += p.markdown(item.text)
    return out


def closing(ctx: ReportContext) -> str:
    """BAB V 5.2: the analyst's closing text and the head's signature."""
    out = p.heading("5.2 Penutup", 2, anchor="penutup")
    out += "".join(p.markdown(n.text) for n in ctx.agency.narrative("penutup")) or p.paragraph(
        "Narasi penutup belum diisi.")
    prof = ctx.profile
    place = f"{prof.report_city or prof.pemda_name}, {ctx.year}"
    out += (f'<div class="signature"><p>{p.esc(place)}</p>'
            f'<p>{p.esc(prof.head_position or "Kepala " + prof.agency_name)}</p>'
            f'<p class="name">{p.esc(prof.head_name)}</p><p>{p.esc(prof.head_rank or "")}</p>'
            f'<p>{"NIP. " + p.esc(prof.head_nip) if prof.head_nip else ""}</p></div>')
    return out
