"""The Bappeda annual summary: kriteria, IKU below target, budget by urusan, RPJMD cascade coverage,
change against the previous year and audit findings of every agency of a pemda.

Each function returns one element of a chapter of ``notebooks/summary/``. Every sentence of the
executive text states figures computed by :func:`sakip.crossagency.executive_summary`,
the same figures the tables show, so it cannot contradict them.
"""

from __future__ import annotations

from typing import Optional

from sakip import crossagency as cx
from sakip.components import charts
from sakip.components.compare import store_source
from sakip.components.datatable import table
from sakip.components.elements import Callout, Chart, Heading, KpiCards, Paragraphs, Table
from sakip.components.excel import Col, DataTable
from sakip.compute.formatting import fmt_int, fmt_pct, fmt_rupiah
from sakip.crossagency import CrossAgency

# --- executive summary --------------------------------------------------------------------------


def kpi(ctx: CrossAgency) -> KpiCards:
    """Agencies, IKU, pagu and serapan of the year."""
    o = cx.overview(ctx)
    return KpiCards(((fmt_int(o.n_agencies), "Perangkat daerah"),
                     (fmt_int(o.n_indicators), "Indikator Kinerja Utama"),
                     (fmt_rupiah(o.pagu), f"Pagu {ctx.year}"),
                     (fmt_pct(o.serapan), "Serapan anggaran")))


def executive_capaian(ctx: CrossAgency) -> Paragraphs:
    """The IKU by kriteria, then those below target and the lowest capaian."""
    s = cx.executive_summary(ctx)
    spread = ", ".join(f"{fmt_int(n)} {label}" for label, n in s.spread)
    first = (f"Pada Tahun {ctx.year}, {ctx.pemda_label} mengukur {fmt_int(s.overview.n_indicators)} "
             f"Indikator Kinerja Utama dari {fmt_int(s.overview.n_agencies)} perangkat daerah: {spread}.")
    b = s.below
    if b.n_indicators:
        second = (f"{fmt_int(b.n_indicators)} indikator pada {fmt_int(b.n_agencies)} perangkat daerah "
                  f"belum mencapai target; capaian terendah {fmt_pct(b.lowest_capaian)} pada indikator "
                  f"{b.lowest_indicator} ({b.lowest_agency}).")
    else:
        second = "Seluruh indikator yang dapat diukur telah mencapai atau melampaui target."
    return Paragraphs(first, second)


def executive_anggaran(ctx: CrossAgency) -> Optional[Paragraphs]:
    """The budget's realisasi and serapan, and the urusan with the lowest serapan (none without
    a pagu)."""
    s = cx.executive_summary(ctx)
    o = s.overview
    if not o.has_budget:
        return None
    low = s.lowest_urusan
    return Paragraphs(
        f"Realisasi anggaran seluruh perangkat daerah sebesar {fmt_rupiah(o.realisasi)} dari pagu "
        f"{fmt_rupiah(o.pagu)}, atau serapan {fmt_pct(o.serapan)}.",
        None if low is None else (f"Serapan terendah per urusan ada pada urusan {low['urusan']} "
                                  f"({fmt_pct(low['serapan'])})."))


def executive_cascade(ctx: CrossAgency) -> Paragraphs:
    """How many sasaran of the RPJMD/RPD the agencies' IKU support, and which they do not."""
    c = cx.executive_summary(ctx).coverage
    sentence = (f"Dari {fmt_int(c.n_sasaran)} sasaran RPJMD/RPD, {fmt_int(c.n_served)} didukung oleh "
                "indikator perangkat daerah")
    if c.unserved:
        labels = ", ".join(label for label, _ in c.unserved)
        sentence += (f"; {fmt_int(len(c.unserved))} sasaran belum didukung indikator perangkat daerah "
                     f"mana pun ({labels}).")
    else:
        sentence += "."
    return Paragraphs(sentence)


_VERB = {"up": "bertambah", "down": "berkurang"}


def executive_change(ctx: CrossAgency) -> Optional[Paragraphs]:
    """How the number of IKU of the best kriteria changed since the previous year (none without
    results in the previous year)."""
    shift = cx.executive_summary(ctx).top_shift
    if shift is None:
        return None
    y0, y1 = ctx.previous_year, ctx.year
    if shift.direction == "same":
        return Paragraphs(f"Jumlah indikator berkriteria {shift.kriteria} tetap {fmt_int(shift.current)} "
                          f"seperti Tahun {y0}.")
    return Paragraphs(f"Jumlah indikator berkriteria {shift.kriteria} {_VERB[shift.direction]} "
                      f"{fmt_int(abs(shift.change))} dari {fmt_int(shift.previous)} pada Tahun {y0} "
                      f"menjadi {fmt_int(shift.current)} pada Tahun {y1}.")


def executive_audit(ctx: CrossAgency) -> Paragraphs:
    """The audit findings over all agencies."""
    f = cx.executive_summary(ctx).findings
    return Paragraphs(f"Audit konsistensi data menemukan {fmt_int(f.n_findings)} temuan "
                      f"({fmt_int(f.n_errors)} kesalahan) pada {fmt_int(f.n_with_findings)} dari "
                      f"{fmt_int(f.n_agencies)} perangkat daerah.")


# --- BAB I: capaian -----------------------------------------------------------------------------


def kriteria_agencies_table(ctx: CrossAgency) -> Table:
    """Per kriteria: the number of IKU and the agencies holding them."""
    rows = [{"kriteria": r.kriteria, "indicators": r.indicators, "n_agencies": r.n_agencies,
             "agencies": r.agencies} for r in ctx.kriteria_agencies.itertuples()]
    return table(DataTable(f"Jumlah IKU per Kriteria dan Perangkat Daerahnya Tahun {ctx.year}", [
        Col("Kriteria", "kriteria", "kriteria"), Col("Jumlah IKU", "indicators", "int"),
        Col("Jumlah Perangkat Daerah", "n_agencies", "int"), Col("Perangkat Daerah", "agencies", "list")],
        rows, source=store_source(ctx)), ctx.scale)


def below_table(ctx: CrossAgency) -> Table:
    """Every IKU below target, lowest capaian first."""
    rows = [{"agency": r.agency, "code": r.indicator_id, "indicator": r.indicator,
             "target": r.target or "-", "realisasi": r.realisasi or "-", "capaian": r.capaian,
             "kriteria": r.kriteria} for r in ctx.below.itertuples()]
    return table(DataTable(f"IKU di Bawah Target Tahun {ctx.year}", [
        Col("Perangkat Daerah", "agency"), Col("Kode", "code"), Col("Indikator", "indicator"),
        Col("Target", "target"), Col("Realisasi", "realisasi"), Col("Capaian", "capaian", "pct"),
        Col("Kriteria", "kriteria", "kriteria")], rows, source=store_source(ctx),
        note="Di bawah target: capaian yang, dibulatkan dua desimal, kurang dari 100%. Terendah lebih dulu."),
        ctx.scale)


def below_agencies_table(ctx: CrossAgency) -> Table:
    """The agencies with IKU below target, most first."""
    rows = [{"agency": r["agency"], "n_below": r["n_below"], "n_measured": r["n_measured"],
             "mean": r["mean_capaian"]} for r in cx.agencies_below(ctx.scores)]
    return table(DataTable(f"Perangkat Daerah dengan IKU di Bawah Target Tahun {ctx.year}", [
        Col("Perangkat Daerah", "agency"), Col("IKU di Bawah Target", "n_below", "int"),
        Col("IKU Terukur", "n_measured", "int"), Col("Rata-rata Capaian", "mean", "pct")], rows,
        source=store_source(ctx)), ctx.scale)


def change_heading(ctx: CrossAgency) -> Heading:
    """The section comparing with the previous year, named by that year."""
    return Heading(f"Perubahan terhadap Tahun {ctx.previous_year}", 2)


def kriteria_change_table(ctx: CrossAgency) -> Table:
    """IKU per kriteria in the previous and the current year."""
    rows = [{"kriteria": r.kriteria, "previous": r.previous, "current": r.current, "change": r.change}
            for r in ctx.kriteria_change.itertuples()]
    y0, y1 = ctx.previous_year, ctx.year
    return table(DataTable(f"Jumlah IKU per Kriteria Tahun {y0} dan {y1}", [
        Col("Kriteria", "kriteria", "kriteria"), Col(f"Tahun {y0}", "previous", "int"),
        Col(f"Tahun {y1}", "current", "int"), Col("Perubahan", "change", "points")], rows,
        source="Basis data analitis sakip"), ctx.scale)


def change_table(ctx: CrossAgency) -> Table:
    """Mean capaian, IKU below target and serapan of each agency in both years."""
    rows = [dict(r) for r in ctx.change.to_dict("records")]
    y0, y1 = ctx.previous_year, ctx.year
    return table(DataTable(f"Perubahan Capaian dan Serapan Tahun {y0} ke {y1} per Perangkat Daerah", [
        Col("Perangkat Daerah", "agency"), Col(f"Rata-rata Capaian {y0}", "mean_previous", "pct"),
        Col(f"Rata-rata Capaian {y1}", "mean_current", "pct"), Col("Perubahan (poin)", "mean_change", "points"),
        Col(f"IKU di Bawah Target {y0}", "below_previous", "int"),
        Col(f"IKU di Bawah Target {y1}", "below_current", "int"),
        Col(f"Serapan {y0}", "serapan_previous", "pct"), Col(f"Serapan {y1}", "serapan_current", "pct"),
        Col("Perubahan Serapan (poin)", "serapan_change", "points")], rows,
        source="Basis data analitis sakip",
        note="Perubahan = selisih nilai yang ditampilkan (dua desimal); '-' bila salah satu tahun tanpa data."),
        ctx.scale)


# --- BAB II: budget -----------------------------------------------------------------------------


def urusan_table(ctx: CrossAgency) -> Table:
    """Pagu, realisasi and serapan per urusan, with a 'Jumlah' row."""
    o = cx.overview(ctx)
    rows = [dict(r) for r in ctx.urusan.to_dict("records")]
    rows.append({"urusan": "Jumlah", "pagu": o.pagu, "realisasi": o.realisasi, "serapan": o.serapan,
                 "n_agencies": o.n_agencies})
    return table(DataTable(f"Pagu, Realisasi dan Serapan Anggaran per Urusan Tahun {ctx.year}", [
        Col("Urusan", "urusan"), Col("Pagu", "pagu", "rupiah"), Col("Realisasi", "realisasi", "rupiah"),
        Col("Serapan", "serapan", "pct"), Col("Jumlah Perangkat Daerah", "n_agencies", "int")], rows,
        source=store_source(ctx),
        note="Serapan = jumlah realisasi / jumlah pagu × 100 atas sub kegiatan; urusan dari program induknya."),
        ctx.scale)


def urusan_chart(ctx: CrossAgency) -> Chart:
    """Serapan per urusan as horizontal bars."""
    urusan = cx.with_serapan(ctx.urusan)
    names, values = list(urusan["urusan"]), list(urusan["serapan"])
    fig = charts.grouped_bars(names, {"Serapan (%)": values}, ylabel="Serapan (%)", label_places=2,
                              horizontal=True)
    alt = "Serapan anggaran per urusan: " + "; ".join(f"{n} {fmt_pct(v)}" for n, v in zip(names, values)) + "."
    return Chart.from_figure(fig, f"Serapan Anggaran per Urusan Tahun {ctx.year}", alt=alt,
                             source=store_source(ctx))


# --- BAB III: cascade coverage ------------------------------------------------------------------


def coverage_table(ctx: CrossAgency) -> Table:
    """Each sasaran of the RPJMD/RPD: whether, by how many agencies and IKU, it is supported."""
    rows = [{**r, "sasaran": f"{cx.sasaran_label(r)}: {r['statement']}",
             "status": "Didukung" if cx.is_served(r) else "Tidak didukung"}
            for r in ctx.coverage.to_dict("records")]
    return table(DataTable(f"Dukungan Indikator Perangkat Daerah terhadap Sasaran RPJMD/RPD Tahun {ctx.year}", [
        Col("Sasaran RPJMD/RPD", "sasaran"), Col("Status", "status"),
        Col("Jumlah Perangkat Daerah", "n_agencies", "int"), Col("Jumlah IKU", "n_indicators", "int"),
        Col("Rata-rata Capaian", "mean_capaian", "pct"), Col("IKU di Bawah Target", "n_below", "int"),
        Col("Perangkat Daerah", "agencies", "list")], rows, source=store_source(ctx),
        note="Sebuah IKU mendukung sasaran RPJMD/RPD yang dirujuk sasaran strategisnya "
             "(atau tujuan Renstra-nya bila sasaran tidak merujuk)."), ctx.scale)


def coverage_note(ctx: CrossAgency) -> Callout | Paragraphs:
    """The sasaran no IKU supports (a warning), or that every sasaran is supported."""
    c = cx.coverage_summary(ctx.coverage)
    if not c.unserved:
        return Paragraphs("Setiap sasaran RPJMD/RPD didukung oleh sedikitnya satu indikator perangkat daerah.")
    names = "; ".join(f"{label} ({statement})" for label, statement in c.unserved)
    return Callout(f"{fmt_int(len(c.unserved))} sasaran RPJMD/RPD tidak didukung indikator perangkat "
                   f"daerah mana pun: {names}.", "warning")


# --- BAB IV: audit findings ---------------------------------------------------------------------


def audit_intro(ctx: CrossAgency) -> Paragraphs:
    """How many agencies the audit checked and how many have findings."""
    f = cx.findings_summary(ctx.findings_by_agency)
    return Paragraphs(f"Audit memeriksa {fmt_int(f.n_agencies)} perangkat daerah; "
                      f"{fmt_int(f.n_with_findings)} di antaranya memiliki temuan.")


def findings_agency_table(ctx: CrossAgency) -> Table:
    """Findings per agency and severity with their codes, most errors first, and a 'Jumlah' row."""
    fa = ctx.findings_by_agency
    rows = [{**r, "codes": [f"{code} ({n})" for code, n in r["codes"]]} for r in cx.findings_ranked(fa)]
    rows.append({"agency": "Jumlah", **cx.findings_totals(fa), "codes": []})
    return table(DataTable("Temuan Audit Konsistensi Data per Perangkat Daerah", [
        Col("Perangkat Daerah", "agency"), Col("Galat (error)", "error", "int"),
        Col("Peringatan (warning)", "warning", "int"), Col("Catatan (info)", "info", "int"),
        Col("Jumlah", "total", "int"), Col("Kode Temuan", "codes", "list")], rows,
        source="sakip audit atas masukan yang tersimpan (docs/AUDIT.md)"), ctx.scale)


def findings_code_table(ctx: CrossAgency) -> Table:
    """Findings per audit code and severity, with the number of agencies."""
    rows = [dict(r) for r in ctx.findings_by_code.to_dict("records")]
    return table(DataTable("Temuan Audit per Kode dan Tingkat", [
        Col("Kode", "code"), Col("Tingkat", "severity"), Col("Jumlah Temuan", "count", "int"),
        Col("Jumlah Perangkat Daerah", "n_agencies", "int")], rows,
        source="sakip audit (docs/AUDIT.md)"), ctx.scale)
