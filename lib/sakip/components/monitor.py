"""The Bappeda's quarterly monitoring report: who reported triwulan N, capaian and serapan to date
per agency and per urusan against the quarter's targets and plans, the projection to the year
end, the agencies and IKU that lag most, the change against the previous quarter and the audit
findings of the quarter.

Each function returns one element of a chapter of ``notebooks/monitor/``. Every number comes
from :mod:`sakip.crossagency.monitor` (the executive text from :func:`monitor_summary`, the same
figures the tables show); nothing is computed here but the wording.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import Optional, Sequence

from sakip.components import charts
from sakip.components.audit_appendix import CODE_LABELS, SEVERITY_LABELS
from sakip.components.datatable import table
from sakip.components.elements import Callout, Chart, Heading, KpiCards, Paragraphs, Table
from sakip.components.excel import Col, DataTable
from sakip.compute.formatting import fmt_int, fmt_number, fmt_pct, fmt_rupiah
from sakip.crossagency import shown
from sakip.crossagency.monitor import (
    LAG_CAPAIAN,
    LAG_POINTS,
    WORST_IKU,
    Monitor,
    MonitorSummary,
    lagging_agencies,
    monitor_summary,
    roman,
)

HUNDRED = Decimal(100)
LABELS = {**CODE_LABELS, "printed_uncomputable": "Angka tercetak tidak dapat dihitung dari data"}
ASPECTS = {"anggaran": "anggaran", "kinerja": "kinerja"}


def _tw(m: Monitor) -> str:
    return f"Triwulan {roman(m.quarter)}"


def source(m: Monitor) -> str:
    """The source line of a table of the quarter."""
    return (f"Basis data analitis sakip ({fmt_int(len(m.names))} perangkat daerah), Tahun {m.year} "
            f"s.d. {_tw(m)}")


def _names(items: Sequence[str]) -> str:
    """"A", "A dan B", "A, B, dan C" (the serial comma keeps names that contain "dan" apart)."""
    items = list(items)
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def _summary(m: Monitor) -> MonitorSummary:
    key = ("monitor.summary",)
    if key not in m._cache:
        m._cache[key] = monitor_summary(m)
    return m._cache[key]


def _status_label(row: dict) -> str:
    if not row["reported"]:
        return "Belum melapor"
    if row["lagging"]:
        aspects = [ASPECTS[a] for a in ("anggaran", "kinerja") if row[f"lag_{a}"]]
        return "Tertinggal (" + " dan ".join(aspects) + ")"
    if row["projected_miss"]:
        return "Berisiko tidak mencapai target"
    return "Sesuai rencana"


# --- executive summary --------------------------------------------------------------------------


def kpi(m: Monitor) -> KpiCards:
    """Agencies that reported (of all), lagging, projected to miss; serapan against the plan."""
    s = _summary(m)
    t = s.totals
    return KpiCards(((f"{fmt_int(t.n_reported)} dari {fmt_int(t.n_agencies)}",
                      f"Perangkat daerah melapor {_tw(m)} ({fmt_int(len(s.late))} belum)"),
                     (fmt_int(len(s.lagging)), "Perangkat daerah tertinggal"),
                     (fmt_int(len(s.projected_miss)), "Diproyeksikan tidak mencapai target tahunan"),
                     (fmt_pct(t.serapan), f"Serapan s.d. {_tw(m)} (rencana {fmt_pct(t.rencana)})")))


def _late_sentence(m: Monitor, late: Sequence[tuple[str, int]]) -> str:
    groups: dict[int, list[str]] = {}
    for name, last in late:
        groups.setdefault(last, []).append(name)
    parts = []
    for last in sorted(groups, reverse=True):
        what = ("belum melapor sama sekali tahun ini" if last == 0
                else f"terakhir melapor Triwulan {roman(last)}")
        parts.append(f"{_names(groups[last])} ({what})")
    return (f"{fmt_int(len(late))} perangkat daerah belum melaporkan {_tw(m)}: "
            + "; ".join(parts) + ".")


def executive_reporting(m: Monitor) -> Paragraphs:
    """How many agencies reported the quarter, and which have not."""
    s = _summary(m)
    first = (f"Sampai dengan {_tw(m)} Tahun {m.year}, {fmt_int(s.totals.n_reported)} dari "
             f"{fmt_int(s.totals.n_agencies)} perangkat daerah {m.pemda_label} telah melaporkan "
             "realisasi kinerja dan anggaran triwulan ini.")
    second = _late_sentence(m, s.late) if s.late else f"Seluruh perangkat daerah telah melaporkan {_tw(m)}."
    return Paragraphs(first, second)


def executive_progress(m: Monitor) -> Paragraphs:
    """Serapan against the plan and mean capaian to date, the lagging agencies and the
    projection, the lowest IKU."""
    s = _summary(m)
    t = s.totals
    texts: list[Optional[str]] = []
    if t.plan:
        texts.append(f"Perangkat daerah yang telah melapor merealisasikan anggaran {fmt_rupiah(t.realisasi)} "
                     f"dari rencana setahun {fmt_rupiah(t.plan)}, atau serapan {fmt_pct(t.serapan)}, "
                     f"sedangkan rencana keuangan s.d. {_tw(m)} sebesar {fmt_pct(t.rencana)}.")
    if t.mean_capaian is not None:
        texts.append(f"Rata-rata capaian Indikator Kinerja Utama s.d. {_tw(m)} terhadap target "
                     f"triwulannya adalah {fmt_pct(t.mean_capaian)}.")
    if s.lagging:
        named = "; ".join(f"{name} ({' dan '.join(aspects)})" for name, aspects in s.lagging)
        sentence = f"{fmt_int(len(s.lagging))} perangkat daerah tertinggal: {named}."
        if s.worst_deviation is not None:
            name, points = s.worst_deviation
            sentence += (f" Serapan yang paling jauh di bawah rencana ada pada {name}, "
                         f"{fmt_number(-points)} poin di bawah rencananya.")
        texts.append(sentence)
    else:
        texts.append("Tidak ada perangkat daerah yang tertinggal dari rencana anggaran maupun target kinerjanya.")
    if s.projected_miss:
        texts.append(f"Bila tren s.d. {_tw(m)} berlanjut, {fmt_int(len(s.projected_miss))} perangkat "
                     f"daerah diproyeksikan tidak mencapai target tahunan: {_names(s.projected_miss)}.")
    else:
        texts.append(f"Bila tren s.d. {_tw(m)} berlanjut, seluruh perangkat daerah yang telah melapor "
                     "diproyeksikan mencapai target tahunannya.")
    if s.worst_iku is not None:
        indicator, agency, capaian = s.worst_iku
        texts.append(f"Capaian IKU terendah s.d. {_tw(m)} adalah {indicator} pada {agency} "
                     f"({fmt_pct(capaian)}).")
    return Paragraphs(*texts)


def _direction(previous: Optional[Decimal], current: Optional[Decimal], unit: str) -> Optional[str]:
    if previous is None or current is None:
        return None
    a, b = shown(previous), shown(current)
    if a == b:
        return f"tetap {fmt_number(b)}{unit}"
    verb = "naik" if b > a else "turun"
    return f"{verb} dari {fmt_number(a)}{unit} menjadi {fmt_number(b)}{unit}"


def executive_change(m: Monitor) -> Optional[Paragraphs]:
    """The reporting, the serapan and the mean capaian against the previous quarter (none for
    Triwulan I)."""
    s = _summary(m)
    p, t = s.previous, s.totals
    if p is None or m.previous_quarter is None:
        return None
    reported = (f"jumlah perangkat daerah yang melapor tetap {fmt_int(t.n_reported)}"
                if p.n_reported == t.n_reported else
                f"jumlah perangkat daerah yang melapor {'bertambah' if t.n_reported > p.n_reported else 'berkurang'} "
                f"dari {fmt_int(p.n_reported)} menjadi {fmt_int(t.n_reported)}")
    parts = [reported]
    serapan = _direction(p.serapan, t.serapan, "%")
    if serapan:
        parts.append(f"serapan {serapan}")
    capaian = _direction(p.mean_capaian, t.mean_capaian, "%")
    if capaian:
        parts.append(f"rata-rata capaian IKU {capaian}")
    return Paragraphs(f"Dibandingkan Triwulan {roman(m.previous_quarter)}, " + _names(parts)
                      + " (masing-masing atas perangkat daerah yang telah melapor pada triwulan itu).")


def executive_audit(m: Monitor) -> Paragraphs:
    """The audit findings of the year on the data s.d. the quarter."""
    s = _summary(m)
    if not s.n_findings:
        return Paragraphs(f"Audit konsistensi data Tahun {m.year} s.d. {_tw(m)} tidak menemukan temuan.")
    return Paragraphs(f"Audit konsistensi data Tahun {m.year} s.d. {_tw(m)} menemukan "
                      f"{fmt_int(s.n_findings)} temuan ({fmt_int(s.n_errors)} kesalahan) pada "
                      f"{fmt_int(s.n_agencies_with_findings)} perangkat daerah.")


# --- BAB I: reporting ---------------------------------------------------------------------------


def reporting_table(m: Monitor) -> Table:
    """Each agency: the last quarter it reported, its status for the quarter, its IKU with a
    target and with a realisasi of the quarter."""
    rows = [{"agency": r["agency"],
             "last": f"Triwulan {roman(r['last_quarter'])}" if r["last_quarter"] else "Belum ada",
             "status": "Sudah melapor" if r["reported"] else "Belum melapor",
             "n_target": r["n_iku_target"], "n_reported": r["n_iku_reported"]}
            for r in m.status.to_dict("records")]
    return table(DataTable(f"Status Pelaporan Perangkat Daerah {_tw(m)} Tahun {m.year}", [
        Col("Perangkat Daerah", "agency"), Col("Triwulan Terakhir Dilaporkan", "last"),
        Col(f"Status {_tw(m)}", "status"), Col(f"IKU Bertarget {_tw(m)}", "n_target", "int"),
        Col(f"IKU dengan Realisasi {_tw(m)}", "n_reported", "int")], rows, source=source(m),
        note=(f"Melapor: ada realisasi {_tw(m)} untuk sedikitnya satu indikator atau satu baris "
              "realisasi keuangan triwulan.")), m.scale)


def late_note(m: Monitor) -> Callout | Paragraphs:
    """The late reporters (a warning), or that everyone reported."""
    late = _summary(m).late
    if not late:
        return Paragraphs(f"Seluruh perangkat daerah telah melaporkan {_tw(m)}.")
    return Callout(_late_sentence(m, late) + " Angka pada bab berikut hanya mencakup perangkat daerah "
                   "yang telah melapor.", "warning")


# --- BAB II: capaian and serapan ----------------------------------------------------------------


def agency_table(m: Monitor) -> Table:
    """Per agency: IKU below target, mean capaian and its kriteria, rencana and serapan s.d. the
    quarter, the deviation and the status."""
    rows = []
    for r in m.status.to_dict("records"):
        kriteria = m.scale.classify(r["mean_capaian"]) if r["mean_capaian"] is not None else None
        rows.append({"agency": r["agency"], "n_below": r["n_below"] if r["reported"] else None,
                     "mean": (r["mean_capaian"], kriteria) if r["reported"] else None,
                     "rencana": r["rencana"], "serapan": r["serapan"], "deviation": r["deviation"],
                     "status": _status_label(r)})
    tw = _tw(m)
    return table(DataTable(f"Capaian dan Serapan s.d. {tw} Tahun {m.year} per Perangkat Daerah", [
        Col("Perangkat Daerah", "agency"), Col("IKU di Bawah Target", "n_below", "int"),
        Col(f"Rata-rata Capaian s.d. {tw}", "mean", "pct_kriteria"),
        Col(f"Rencana Keuangan s.d. {tw}", "rencana", "pct"), Col(f"Serapan s.d. {tw}", "serapan", "pct"),
        Col("Deviasi (poin)", "deviation", "points"), Col("Status", "status")], rows, source=source(m),
        note=(f"Capaian: realisasi terhadap target triwulan, keduanya s.d. {tw}; rencana dan serapan: target "
              f"dan realisasi keuangan s.d. {tw} terhadap rencana setahun (pagu). Tertinggal: serapan lebih "
              f"dari {fmt_number(LAG_POINTS, 0)} poin di bawah rencana (anggaran) atau rata-rata capaian di "
              f"bawah {fmt_pct(LAG_CAPAIAN, 0)} (kinerja).")), m.scale)


def serapan_chart(m: Monitor) -> Optional[Chart]:
    """Rencana and serapan s.d. the quarter per reporting agency (none without any)."""
    rows = [r for r in m.status.to_dict("records") if r["serapan"] is not None]
    if not rows:
        return None
    names = [r["agency"] for r in rows]
    tw = _tw(m)
    fig = charts.grouped_bars(names, {f"Rencana s.d. {tw} (%)": [r["rencana"] for r in rows],
                                      f"Serapan s.d. {tw} (%)": [r["serapan"] for r in rows]},
                              ylabel="Persen dari rencana setahun", label_places=2, horizontal=True)
    axes = fig.axes[0]  # long agency names: a wider margin and shorter lines than the default
    axes.set_position((0.40, 0.12, 0.54, 0.8))
    axes.set_yticks(axes.get_yticks(), [textwrap.fill(n, 30) for n in names], fontsize=8)
    axes.legend(frameon=False, fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    alt = f"Rencana dan serapan anggaran s.d. {tw} per perangkat daerah: " + "; ".join(
        f"{r['agency']} rencana {fmt_pct(r['rencana'])}, serapan {fmt_pct(r['serapan'])}" for r in rows) + "."
    return Chart.from_figure(fig, f"Rencana dan Serapan Anggaran s.d. {tw} Tahun {m.year}", alt=alt,
                             source=source(m))


def urusan_table(m: Monitor) -> Table:
    """Per urusan: agencies and reporters, plan, rencana and serapan, mean capaian, with a
    'Jumlah' row."""
    s = _summary(m)
    rows = [dict(r) for r in m.urusan.to_dict("records")]
    for r in rows:
        r["mean"] = (r["mean_capaian"], m.scale.classify(r["mean_capaian"])) if r["mean_capaian"] is not None else None
        if not r["n_reported"]:  # nothing reported in this urusan: no sums to show
            r["plan"] = r["realisasi"] = None
    t = s.totals
    rows.append({"urusan": "Jumlah", "n_agencies": t.n_agencies, "n_reported": t.n_reported, "plan": t.plan,
                 "realisasi": t.realisasi, "rencana": t.rencana, "serapan": t.serapan,
                 "n_iku": sum(r["n_iku"] for r in rows),
                 "mean": (t.mean_capaian, m.scale.classify(t.mean_capaian)) if t.mean_capaian is not None else None})
    tw = _tw(m)
    return table(DataTable(f"Capaian dan Serapan s.d. {tw} Tahun {m.year} per Urusan", [
        Col("Urusan", "urusan"), Col("Jumlah Perangkat Daerah", "n_agencies", "int"),
        Col("Sudah Melapor", "n_reported", "int"), Col("Rencana Setahun", "plan", "rupiah"),
        Col(f"Realisasi s.d. {tw}", "realisasi", "rupiah"), Col(f"Rencana s.d. {tw}", "rencana", "pct"),
        Col(f"Serapan s.d. {tw}", "serapan", "pct"), Col("IKU Terukur", "n_iku", "int"),
        Col(f"Rata-rata Capaian s.d. {tw}", "mean", "pct_kriteria")], rows, source=source(m),
        note=("Jumlah atas program perangkat daerah yang telah melapor (jumlah dahulu, baru dibagi); "
              "IKU masuk urusan program sasarannya.")), m.scale)


def lagging_table(m: Monitor) -> Table:
    """The lagging agencies, furthest behind first."""
    rows = [{"agency": r["agency"], "aspect": " dan ".join(a for a in ("anggaran", "kinerja") if r[f"lag_{a}"]),
             "rencana": r["rencana"], "serapan": r["serapan"], "deviation": r["deviation"],
             "mean": (r["mean_capaian"], m.scale.classify(r["mean_capaian"]))
             if r["mean_capaian"] is not None else None, "n_below": r["n_below"]}
            for r in lagging_agencies(m.status)]
    tw = _tw(m)
    return table(DataTable(f"Perangkat Daerah Tertinggal s.d. {tw} Tahun {m.year}", [
        Col("Perangkat Daerah", "agency"), Col("Tertinggal pada", "aspect"),
        Col(f"Rencana s.d. {tw}", "rencana", "pct"), Col(f"Serapan s.d. {tw}", "serapan", "pct"),
        Col("Deviasi (poin)", "deviation", "points"), Col(f"Rata-rata Capaian s.d. {tw}", "mean", "pct_kriteria"),
        Col("IKU di Bawah Target", "n_below", "int")], rows, source=source(m),
        note="Yang paling jauh di bawah rencana keuangan lebih dulu, lalu yang rata-rata capaiannya terendah."),
        m.scale)


def worst_iku_table(m: Monitor) -> Table:
    """The IKU furthest below their quarter's target."""
    rows = [{"agency": r["agency"], "code": r["indicator_id"], "indicator": r["indicator"],
             "target": r["target"] or "-", "realisasi": r["realisasi"] or "-",
             "capaian": r["capaian"], "kriteria": r["kriteria"]} for r in m.worst_iku.to_dict("records")]
    tw = _tw(m)
    return table(DataTable(f"IKU dengan Capaian Terendah s.d. {tw} Tahun {m.year}", [
        Col("Perangkat Daerah", "agency"), Col("Kode", "code"), Col("Indikator", "indicator"),
        Col(f"Target {tw}", "target"), Col(f"Realisasi {tw}", "realisasi"),
        Col("Capaian", "capaian", "pct"), Col("Kriteria", "kriteria", "kriteria")], rows, source=source(m),
        note=(f"IKU di bawah target triwulannya pada perangkat daerah yang telah melapor, terendah lebih dulu "
              f"(paling banyak {fmt_int(WORST_IKU)}).")), m.scale)


# --- BAB III: projection and change -------------------------------------------------------------


def projection_intro(m: Monitor) -> Paragraphs:
    """How the year end is projected, and how many agencies are projected to miss."""
    s = _summary(m)
    reporters = s.totals.n_reported
    return Paragraphs(
        f"Proyeksi akhir tahun memakai data s.d. {_tw(m)}: indikator kumulatif diproyeksikan "
        f"linear (nilai s.d. {_tw(m)} dibagi {m.quarter} dikali 4), indikator nilai akhir "
        f"mempertahankan nilai {_tw(m)}, dan indikator rata-rata memakai rata-rata triwulan yang "
        "sudah ada; hasilnya dibandingkan dengan target tahunan.",
        f"Dari {fmt_int(reporters)} perangkat daerah yang telah melapor, "
        f"{fmt_int(len(s.projected_miss))} diproyeksikan tidak mencapai target tahunan.")


def projection_table(m: Monitor) -> Table:
    """Per agency: mean capaian to date, the projected mean capaian and the verdict."""
    rows = []
    for r in m.status.to_dict("records"):
        if not r["reported"]:
            verdict = "Belum dapat diproyeksikan (belum melapor)"
        elif r["mean_projected"] is None:
            verdict = "Belum dapat diproyeksikan (tidak ada IKU terukur)"
        else:
            verdict = ("Diproyeksikan tidak mencapai target" if r["projected_miss"]
                       else "Diproyeksikan mencapai target")
        rows.append({"agency": r["agency"], "mean": r["mean_capaian"], "projected": r["mean_projected"],
                     "verdict": verdict})
    tw = _tw(m)
    return table(DataTable(f"Proyeksi Capaian Akhir Tahun {m.year} dari Data s.d. {tw}", [
        Col("Perangkat Daerah", "agency"), Col(f"Rata-rata Capaian s.d. {tw}", "mean", "pct"),
        Col("Proyeksi Rata-rata Capaian Akhir Tahun", "projected", "pct"), Col("Keterangan", "verdict")],
        rows, source=source(m),
        note="Tidak mencapai target: proyeksi rata-rata capaian, dibulatkan dua desimal, kurang dari 100%."),
        m.scale)


def change_heading(m: Monitor) -> Heading:
    """The section comparing with the previous quarter, named by it."""
    if m.previous_quarter is None:
        return Heading("Perubahan terhadap Triwulan Sebelumnya", 2)
    return Heading(f"Perubahan terhadap Triwulan {roman(m.previous_quarter)}", 2)


def change_table(m: Monitor) -> Table | Paragraphs:
    """Mean capaian and serapan of each agency at the previous and the current quarter (a
    sentence for Triwulan I, which has no previous quarter)."""
    if m.change is None or m.previous_quarter is None:
        return Paragraphs(f"{_tw(m)} adalah triwulan pertama tahun {m.year}; belum ada triwulan "
                          "sebelumnya untuk dibandingkan.")
    rows = [dict(r) for r in m.change.to_dict("records")]
    for r in rows:
        r["reported"] = ("Ya" if r["reported_previous"] else "Tidak") + " / " + ("Ya" if r["reported_current"] else "Tidak")
    a, b = f"TW {roman(m.previous_quarter)}", f"TW {roman(m.quarter)}"
    return table(DataTable(f"Perubahan Capaian dan Serapan dari {a} ke {b} Tahun {m.year}", [
        Col("Perangkat Daerah", "agency"), Col(f"Melapor {a} / {b}", "reported"),
        Col(f"Rata-rata Capaian s.d. {a}", "mean_previous", "pct"), Col(f"Rata-rata Capaian s.d. {b}", "mean_current", "pct"),
        Col("Perubahan Capaian (poin)", "mean_change", "points"), Col(f"Serapan s.d. {a}", "serapan_previous", "pct"),
        Col(f"Serapan s.d. {b}", "serapan_current", "pct"), Col("Perubahan Serapan (poin)", "serapan_change", "points")],
        rows, source=source(m),
        note="Perubahan = selisih nilai yang ditampilkan (dua desimal); '-' bila salah satu triwulan belum dilaporkan."),
        m.scale)


# --- BAB IV: audit findings of the quarter ------------------------------------------------------


def audit_intro(m: Monitor) -> Paragraphs:
    """What was audited and how many findings there are."""
    return Paragraphs(
        f"Audit memeriksa masukan {fmt_int(len(m.names))} perangkat daerah sebagaimana adanya pada "
        f"{_tw(m)} (realisasi triwulan sesudahnya tidak ikut diperiksa) dan mencatat temuan "
        f"Tahun {m.year}.", executive_audit(m).texts[0])


def findings_table(m: Monitor) -> Table:
    """Every finding of the year s.d. the quarter: agency, severity, kind, where, what."""
    order = {"error": 0, "warning": 1, "info": 2}
    records = sorted(m.findings.to_dict("records"), key=lambda r: (order[r["severity"]], r["agency"]))
    rows = [{"agency": r["agency"], "severity": SEVERITY_LABELS[r["severity"]],
             "kind": LABELS.get(r["code"], r["code"]), "code": r["code"], "location": r["location"],
             "message": r["message"], "expected": r["expected"], "found": r["found"]} for r in records]
    return table(DataTable(f"Temuan Audit Data Tahun {m.year} s.d. {_tw(m)}", [
        Col("Perangkat Daerah", "agency"), Col("Tingkat", "severity"), Col("Jenis Temuan", "kind"),
        Col("Kode", "code"), Col("Lokasi", "location"), Col("Uraian", "message"),
        Col("Seharusnya", "expected"), Col("Tercatat", "found")], rows,
        source="sakip audit atas masukan yang tersimpan (docs/AUDIT.md)",
        note="Kesalahan lebih dulu, lalu peringatan dan informasi."), m.scale)
