"""Ringkasan tahunan Bappeda: kriteria, below target, budget by urusan, RPJMD cascade coverage,
change against the previous year and audit findings of every agency of a pemda.

Every sentence of the executive text is built from the figures it states (:mod:`sakip.compute.wording`
style), so it cannot contradict the tables.
"""

from __future__ import annotations

from typing import Callable

from sakip.analysis.crossagency import CrossAgency
from sakip.components import charts
from sakip.components import html as p
from sakip.components.compare import store_source, table_block
from sakip.components.excel import Col, DataTable
from sakip.compute.formatting import fmt_int, fmt_pct, fmt_rupiah
from sakip.compute.kriteria import NOT_MEASURABLE

# --- executive text ------------------------------------------------------------------------------


def executive_sentences(ctx: CrossAgency) -> list[str]:
    res, year = ctx.results, ctx.year
    n_ag = len(ctx.agency_ids)
    counts = {r.kriteria: r.indicators for r in ctx.kriteria_agencies.itertuples()}
    parts = [f"{fmt_int(counts[label])} {label}" for label in ctx.scale.labels + [NOT_MEASURABLE]
             if counts.get(label)]
    out = [f"Pada Tahun {year}, {ctx.pemda_label} mengukur {fmt_int(len(res))} Indikator Kinerja "
           f"Utama dari {fmt_int(n_ag)} perangkat daerah: " + ", ".join(parts) + "."]
    below = ctx.below
    n_below_ag = below["agency_id"].nunique()
    if len(below):
        worst = below.iloc[0]
        out.append(f"{fmt_int(len(below))} indikator pada {fmt_int(n_below_ag)} perangkat daerah belum "
                   f"mencapai target; capaian terendah {fmt_pct(worst['capaian'])} pada indikator "
                   f"{worst['indicator']} ({worst['agency']}).")
    else:
        out.append("Seluruh indikator yang dapat diukur telah mencapai atau melampaui target.")
    total = ctx.total
    if total["pagu"]:
        out.append(f"Realisasi anggaran seluruh perangkat daerah sebesar {fmt_rupiah(total['realisasi'])} "
                   f"dari pagu {fmt_rupiah(total['pagu'])}, atau serapan {fmt_pct(total['serapan'])}.")
        urusan = ctx.urusan[[s is not None for s in ctx.urusan["serapan"]]]
        if len(urusan) > 1:
            low = min(urusan.to_dict("records"), key=lambda r: (r["serapan"], r["urusan"]))
            out.append(f"Serapan terendah per urusan ada pada urusan {low['urusan']} "
                       f"({fmt_pct(low['serapan'])}).")
    cov = ctx.coverage
    unserved = [r["number"] or r["code"] for r in cov.to_dict("records") if r["n_indicators"] == 0]
    sentence = (f"Dari {fmt_int(len(cov))} sasaran RPJMD/RPD, {fmt_int(len(cov) - len(unserved))} "
                "didukung oleh indikator perangkat daerah")
    sentence += (f"; {fmt_int(len(unserved))} sasaran belum didukung indikator perangkat daerah mana "
                 f"pun ({', '.join(unserved)})." if unserved else ".")
    out.append(sentence)
    kc = {r.kriteria: r for r in ctx.kriteria_change.itertuples()}
    top = ctx.scale.labels[0]
    if top in kc and len(ctx.results_of(year - 1)):
        c = kc[top]
        verb = "bertambah" if c.change > 0 else "berkurang" if c.change < 0 else "tetap"
        amount = f" {fmt_int(abs(c.change))}" if c.change else ""
        out.append(f"Jumlah indikator berkriteria {top} {verb}{amount} dari {fmt_int(c.previous)} "
                   f"pada Tahun {year - 1} menjadi {fmt_int(c.current)} pada Tahun {year}."
                   if c.change else f"Jumlah indikator berkriteria {top} tetap {fmt_int(c.current)} "
                   f"seperti Tahun {year - 1}.")
    fa = ctx.findings_by_agency
    n_find = int(fa["total"].sum())
    n_err = int(fa["error"].sum())
    with_findings = int((fa["total"] > 0).sum())
    out.append(f"Audit konsistensi data menemukan {fmt_int(n_find)} temuan ({fmt_int(n_err)} kesalahan) "
               f"pada {fmt_int(with_findings)} dari {fmt_int(n_ag)} perangkat daerah.")
    return out


def ringkasan(ctx: CrossAgency) -> str:
    total = ctx.total
    kpi = ('<div class="kpi">'
           f"<div><strong>{fmt_int(len(ctx.agency_ids))}</strong><span>Perangkat daerah</span></div>"
           f"<div><strong>{fmt_int(len(ctx.results))}</strong><span>Indikator Kinerja Utama</span></div>"
           f"<div><strong>{p.esc(fmt_rupiah(total['pagu']))}</strong><span>Pagu {ctx.year}</span></div>"
           f"<div><strong>{p.esc(fmt_pct(total['serapan']))}</strong><span>Serapan anggaran</span></div>"
           "</div>")
    return (p.heading("RINGKASAN EKSEKUTIF", 1, anchor="ringkasan") + kpi
            + p.paragraphs(executive_sentences(ctx)))


# --- BAB I: capaian -----------------------------------------------------------------------------


def kriteria_agencies_table(ctx: CrossAgency) -> DataTable:
    rows = [{"kriteria": r.kriteria, "indicators": r.indicators, "n_agencies": r.n_agencies,
             "agencies": r.agencies} for r in ctx.kriteria_agencies.itertuples()]
    return DataTable(f"Jumlah IKU per Kriteria dan Perangkat Daerahnya Tahun {ctx.year}", [
        Col("Kriteria", "kriteria", "kriteria"), Col("Jumlah IKU", "indicators", "int"),
        Col("Jumlah Perangkat Daerah", "n_agencies", "int"), Col("Perangkat Daerah", "agencies", "list")],
        rows, source=store_source(ctx))


def kriteria_per_agency_table(ctx: CrossAgency) -> DataTable:
    from sakip.components.compare import kriteria_table

    return kriteria_table(ctx)


def below_table(ctx: CrossAgency) -> DataTable:
    rows = [{"agency": r.agency, "code": r.indicator_id, "indicator": r.indicator,
             "target": r.target or "-", "realisasi": r.realisasi or "-", "capaian": r.capaian,
             "kriteria": r.kriteria} for r in ctx.below.itertuples()]
    return DataTable(f"IKU di Bawah Target Tahun {ctx.year}", [
        Col("Perangkat Daerah", "agency"), Col("Kode", "code"), Col("Indikator", "indicator"),
        Col("Target", "target"), Col("Realisasi", "realisasi"), Col("Capaian", "capaian", "pct"),
        Col("Kriteria", "kriteria", "kriteria")], rows, source=store_source(ctx),
        note="Di bawah target: capaian yang, dibulatkan dua desimal, kurang dari 100%. Terendah lebih dulu.")


def below_agencies_table(ctx: CrossAgency) -> DataTable:
    scores = ctx.scores[ctx.scores["n_below"] > 0]
    rows = [{"agency": r.agency, "n_below": r.n_below, "n_measured": r.n_measured,
             "mean": r.mean_capaian} for r in scores.itertuples()]
    rows.sort(key=lambda r: (-r["n_below"], r["agency"]))
    return DataTable(f"Perangkat Daerah dengan IKU di Bawah Target Tahun {ctx.year}", [
        Col("Perangkat Daerah", "agency"), Col("IKU di Bawah Target", "n_below", "int"),
        Col("IKU Terukur", "n_measured", "int"), Col("Rata-rata Capaian", "mean", "pct")], rows,
        source=store_source(ctx))


def kriteria_change_table(ctx: CrossAgency) -> DataTable:
    rows = [{"kriteria": r.kriteria, "previous": r.previous, "current": r.current, "change": r.change}
            for r in ctx.kriteria_change.itertuples()]
    return DataTable(f"Jumlah IKU per Kriteria Tahun {ctx.year - 1} dan {ctx.year}", [
        Col("Kriteria", "kriteria", "kriteria"), Col(f"Tahun {ctx.year - 1}", "previous", "int"),
        Col(f"Tahun {ctx.year}", "current", "int"), Col("Perubahan", "change", "points")], rows,
        source="Basis data analitis sakip")


def change_table(ctx: CrossAgency) -> DataTable:
    rows = [dict(r) for r in ctx.change.to_dict("records")]
    y0, y1 = ctx.year - 1, ctx.year
    return DataTable(f"Perubahan Capaian dan Serapan Tahun {y0} ke {y1} per Perangkat Daerah", [
        Col("Perangkat Daerah", "agency"), Col(f"Rata-rata Capaian {y0}", "mean_previous", "pct"),
        Col(f"Rata-rata Capaian {y1}", "mean_current", "pct"), Col("Perubahan (poin)", "mean_change", "points"),
        Col(f"IKU di Bawah Target {y0}", "below_previous", "int"),
        Col(f"IKU di Bawah Target {y1}", "below_current", "int"),
        Col(f"Serapan {y0}", "serapan_previous", "pct"), Col(f"Serapan {y1}", "serapan_current", "pct"),
        Col("Perubahan Serapan (poin)", "serapan_change", "points")], rows,
        source="Basis data analitis sakip",
        note="Perubahan = selisih nilai yang ditampilkan (dua desimal); '-' bila salah satu tahun tanpa data.")


def summary_capaian(ctx: CrossAgency) -> str:
    return (p.heading("BAB I CAPAIAN KINERJA PERANGKAT DAERAH", 1, anchor="s-bab-i")
            + p.heading("1.1 Sebaran Kriteria") + table_block(kriteria_agencies_table(ctx), ctx.scale)
            + table_block(kriteria_per_agency_table(ctx), ctx.scale)
            + p.heading("1.2 Indikator dan Perangkat Daerah di Bawah Target")
            + table_block(below_table(ctx), ctx.scale) + table_block(below_agencies_table(ctx), ctx.scale)
            + p.heading(f"1.3 Perubahan terhadap Tahun {ctx.year - 1}")
            + table_block(kriteria_change_table(ctx), ctx.scale) + table_block(change_table(ctx), ctx.scale))


def tables_capaian(ctx: CrossAgency) -> list[DataTable]:
    return [kriteria_agencies_table(ctx), kriteria_per_agency_table(ctx), below_table(ctx),
            below_agencies_table(ctx), kriteria_change_table(ctx), change_table(ctx)]


# --- BAB II: budget -------------------------------------------------------------------------------


def urusan_table(ctx: CrossAgency) -> DataTable:
    rows = [dict(r) for r in ctx.urusan.to_dict("records")]
    rows.append({"urusan": "Jumlah", "pagu": ctx.total["pagu"], "realisasi": ctx.total["realisasi"],
                 "serapan": ctx.total["serapan"], "n_agencies": len(ctx.agency_ids)})
    return DataTable(f"Pagu, Realisasi dan Serapan Anggaran per Urusan Tahun {ctx.year}", [
        Col("Urusan", "urusan"), Col("Pagu", "pagu", "rupiah"), Col("Realisasi", "realisasi", "rupiah"),
        Col("Serapan", "serapan", "pct"), Col("Jumlah Perangkat Daerah", "n_agencies", "int")], rows,
        source=store_source(ctx),
        note="Serapan = jumlah realisasi / jumlah pagu × 100 atas sub kegiatan; urusan dari program induknya.")


def summary_anggaran(ctx: CrossAgency) -> str:
    from sakip.components.compare import serapan_table

    urusan = ctx.urusan[[s is not None for s in ctx.urusan["serapan"]]]
    fig = charts.grouped_bars(list(urusan["urusan"]), {"Serapan (%)": list(urusan["serapan"])},
                              ylabel="Serapan (%)", label_places=2, horizontal=True)
    return (p.heading("BAB II ANGGARAN", 1, anchor="s-bab-ii")
            + p.heading("2.1 Anggaran per Urusan") + table_block(urusan_table(ctx), ctx.scale)
            + p.chart(fig, f"Serapan Anggaran per Urusan Tahun {ctx.year}", source=store_source(ctx))
            + p.heading("2.2 Anggaran per Perangkat Daerah") + table_block(serapan_table(ctx), ctx.scale))


def tables_anggaran(ctx: CrossAgency) -> list[DataTable]:
    from sakip.components.compare import serapan_table

    return [urusan_table(ctx), serapan_table(ctx)]


# --- BAB III: cascade coverage -------------------------------------------------------------------


def coverage_table(ctx: CrossAgency) -> DataTable:
    rows = []
    for r in ctx.coverage.to_dict("records"):
        rows.append({**r, "sasaran": f"{r['number'] or r['code']}: {r['statement']}",
                     "status": "Didukung" if r["n_indicators"] else "Tidak didukung"})
    return DataTable(f"Dukungan Indikator Perangkat Daerah terhadap Sasaran RPJMD/RPD Tahun {ctx.year}", [
        Col("Sasaran RPJMD/RPD", "sasaran"), Col("Status", "status"),
        Col("Jumlah Perangkat Daerah", "n_agencies", "int"), Col("Jumlah IKU", "n_indicators", "int"),
        Col("Rata-rata Capaian", "mean_capaian", "pct"), Col("IKU di Bawah Target", "n_below", "int"),
        Col("Perangkat Daerah", "agencies", "list")], rows, source=store_source(ctx),
        note="Sebuah IKU mendukung sasaran RPJMD/RPD yang dirujuk sasaran strategisnya "
             "(atau tujuan Renstra-nya bila sasaran tidak merujuk).")


def summary_cascade(ctx: CrossAgency) -> str:
    cov = ctx.coverage
    unserved = [f"{r['number'] or r['code']} ({r['statement']})" for r in cov.to_dict("records")
                if r["n_indicators"] == 0]
    out = (p.heading("BAB III KETERKAITAN DENGAN SASARAN RPJMD/RPD", 1, anchor="s-bab-iii")
           + table_block(coverage_table(ctx), ctx.scale))
    if unserved:
        out += p.note(f"{fmt_int(len(unserved))} sasaran RPJMD/RPD tidak didukung indikator perangkat "
                      "daerah mana pun: " + "; ".join(unserved) + ".", "warning")
    else:
        out += p.paragraph("Setiap sasaran RPJMD/RPD didukung oleh sedikitnya satu indikator perangkat daerah.")
    return out


def tables_cascade(ctx: CrossAgency) -> list[DataTable]:
    return [coverage_table(ctx)]


# --- BAB IV: audit findings ----------------------------------------------------------------------


def findings_agency_table(ctx: CrossAgency) -> DataTable:
    rows = []
    for r in ctx.findings_by_agency.to_dict("records"):
        rows.append({**r, "codes": [f"{code} ({n})" for code, n in r["codes"]]})
    rows.sort(key=lambda r: (-r["error"], -r["total"], r["agency"]))
    total = {"agency": "Jumlah", **{k: int(ctx.findings_by_agency[k].sum())
                                    for k in ("error", "warning", "info", "total")}, "codes": []}
    return DataTable("Temuan Audit Konsistensi Data per Perangkat Daerah", [
        Col("Perangkat Daerah", "agency"), Col("Galat (error)", "error", "int"),
        Col("Peringatan (warning)", "warning", "int"), Col("Catatan (info)", "info", "int"),
        Col("Jumlah", "total", "int"), Col("Kode Temuan", "codes", "list")], rows + [total],
        source="sakip audit atas masukan yang tersimpan (docs/AUDIT.md)")


def findings_code_table(ctx: CrossAgency) -> DataTable:
    rows = [dict(r) for r in ctx.findings_by_code.to_dict("records")]
    return DataTable("Temuan Audit per Kode dan Tingkat", [
        Col("Kode", "code"), Col("Tingkat", "severity"), Col("Jumlah Temuan", "count", "int"),
        Col("Jumlah Perangkat Daerah", "n_agencies", "int")], rows,
        source="sakip audit (docs/AUDIT.md)")


def summary_audit(ctx: CrossAgency) -> str:
    fa = ctx.findings_by_agency
    return (p.heading("BAB IV TEMUAN AUDIT KONSISTENSI DATA", 1, anchor="s-bab-iv")
            + p.paragraph(f"Audit memeriksa {fmt_int(len(fa))} perangkat daerah; "
                          f"{fmt_int(int((fa['total'] > 0).sum()))} di antaranya memiliki temuan. "
                          "Perangkat daerah dengan kesalahan terbanyak ditampilkan lebih dulu.")
            + table_block(findings_agency_table(ctx), ctx.scale)
            + table_block(findings_code_table(ctx), ctx.scale))


def tables_audit(ctx: CrossAgency) -> list[DataTable]:
    return [findings_agency_table(ctx), findings_code_table(ctx)]


TABLES: dict[str, Callable[[CrossAgency], list[DataTable]]] = {
    "s-ringkasan": lambda ctx: [], "s-bab1": tables_capaian, "s-bab2": tables_anggaran,
    "s-bab3": tables_cascade, "s-bab4": tables_audit,
}
