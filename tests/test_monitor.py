"""The Bappeda's quarterly monitoring (sakip monitor): its counts against counts computed
independently from the input folders, the injected situations of the generated pemda named by
the report, the audit findings of the quarter, the elements, and the rendered report."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from sakip.cli import main
from sakip.components import monitor as views
from sakip.components.elements import Callout, KpiCards, Paragraphs, Table
from sakip.crossagency.context import Selection
from sakip.crossagency.monitor import (
    LAG_CAPAIAN,
    LAG_POINTS,
    monitor_options,
    monitor_summary,
    open_monitor,
    up_to_quarter,
)
from sakip.inputs import load_agency
from support import ROOT

PEMDA_DIR = ROOT / "data" / "generated" / "kabupaten-sintetis"
PEMDA, YEAR = "kabupaten-sintetis", 2026
HUNDRED = Decimal(100)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    from sakip.store.database import ingest

    db = tmp_path_factory.mktemp("monitor") / "sakip.duckdb"
    assert ingest(PEMDA_DIR, db).ok
    return db


def _open(store: Path, quarter: int):
    return open_monitor(PEMDA, YEAR, str(store), monitor_options(Selection(PEMDA, pemda_id=PEMDA), quarter))


@pytest.fixture(scope="module")
def m(store):
    monitor = _open(store, 2)
    yield monitor
    monitor.con.close()


# --- an independent reading of the input folders ---------------------------------------------------


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / f"{name}.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]


def _num(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _shown(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _independent(quarter: int) -> dict[str, dict]:
    """Per agency, from the CSV files alone: reported, serapan against rencana, mean capaian of
    the IKU against the quarter's target (rencana aksi), lag and projection (docs/MONITOR.md)."""
    out = {}
    tw = f"TW{quarter}"
    for folder in sorted(p for p in PEMDA_DIR.iterdir() if (p / "profile.yaml").is_file()):
        name = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))["agency_name"]
        real = {r["indicator_id"]: r["value"] for r in _rows(folder, "realisasi")
                if r["year"] == str(YEAR) and r.get("period") == tw and r["value"] not in ("", "-")}
        money = [r for r in _rows(folder, "budget_quarterly") if r["year"] == str(YEAR) and r["period"] == tw]
        reported = bool(real) or any(r["keuangan_realisasi"] for r in money)
        pagu = {r["code"]: _num(r["pagu"]) for r in _rows(folder, "budget")
                if r["year"] == str(YEAR) and r["level"] == "program"}
        plan = sum((pagu[r["ref"]] for r in money), Decimal(0))
        rencana = sum((_num(r["keuangan_target"]) for r in money), Decimal(0)) / plan * HUNDRED
        serapan = (sum((_num(r["keuangan_realisasi"]) for r in money if r["keuangan_realisasi"]),
                       Decimal(0)) / plan * HUNDRED)
        targets = {(r["indicator_id"], r.get("period") or "TAHUN"): r["value"] for r in _rows(folder, "targets")
                   if r["year"] == str(YEAR) and r["source"] == "rencana_aksi"}
        capaian, projected = [], []
        for ind in _rows(folder, "indikator"):
            iid = ind["indicator_id"]
            if ind["is_iku"] != "ya" or iid not in real or (iid, tw) not in targets:
                continue
            r, t, t4 = _num(real[iid]), _num(targets[(iid, tw)]), _num(targets[(iid, "TW4")])
            if ind["polarity"] == "lower":
                capaian.append(max(Decimal(0), (2 * t - r) / t * HUNDRED))
                projected.append(max(Decimal(0), (2 * t4 - r) / t4 * HUNDRED))  # nilai_akhir: carried over
            else:
                capaian.append(r / t * HUNDRED)
                projected.append(r / t4 * HUNDRED)
        mean = sum(capaian, Decimal(0)) / len(capaian) if capaian else None
        mean_projected = sum(projected, Decimal(0)) / len(projected) if projected else None
        lag_anggaran = reported and _shown(serapan) - _shown(rencana) < -LAG_POINTS
        lag_kinerja = reported and mean is not None and _shown(mean) < LAG_CAPAIAN
        out[name] = {"reported": reported, "lag_anggaran": lag_anggaran, "lag_kinerja": lag_kinerja,
                     "lagging": lag_anggaran or lag_kinerja,
                     "projected_miss": reported and mean_projected is not None and _shown(mean_projected) < HUNDRED}
    return out


@pytest.mark.parametrize("quarter", [1, 2])
def test_counts_equal_counts_computed_from_the_input_folders(store, quarter):
    expected = _independent(quarter)
    m = _open(store, quarter)
    try:
        s = monitor_summary(m, with_findings=False)
        assert s.totals.n_agencies == len(expected) == 36
        assert s.totals.n_reported == sum(e["reported"] for e in expected.values())
        assert {name for name, _ in s.late} == {n for n, e in expected.items() if not e["reported"]}
        assert {name for name, _ in s.lagging} == {n for n, e in expected.items() if e["lagging"]}
        assert {(name, aspects) for name, aspects in s.lagging} == {
            (n, tuple(a for a in ("anggaran", "kinerja") if e[f"lag_{a}"])) for n, e in expected.items()
            if e["lagging"]}
        assert set(s.projected_miss) == {n for n, e in expected.items() if e["projected_miss"]}
        # the report's first card states the same counts
        cards = dict((label, value) for value, label in views.kpi(m).cards)
        late = len(expected) - s.totals.n_reported
        assert cards[f"Perangkat daerah melapor Triwulan {'I' * quarter} ({late} belum)"] == \
            f"{s.totals.n_reported} dari 36"
        assert cards["Perangkat daerah tertinggal"] == str(len(s.lagging))
    finally:
        m.con.close()


def test_the_injected_situations_are_the_ones_the_report_names(m):
    manifest = yaml.safe_load((PEMDA_DIR / "injected_situations.yaml").read_text(encoding="utf-8"))
    assert manifest["year"] == YEAR and manifest["triwulan"] == 2
    names = m.names
    situations = manifest["situations"]
    late = {names[s["agency_id"]]: s["last_quarter"] for s in situations if s["kind"] == "belum_melapor"}
    lagging = {names[s["agency_id"]]: tuple(s["aspects"]) for s in situations if s["kind"] == "tertinggal"}
    at_risk = {names[s["agency_id"]] for s in situations if s["kind"] == "berisiko"}
    s = monitor_summary(m, with_findings=False)
    assert dict(s.late) == late and len(late) == 4
    assert dict(s.lagging) == lagging and len(lagging) == 3
    assert set(s.projected_miss) == at_risk | {n for n, a in lagging.items() if "kinerja" in a}
    # and the executive text says so
    text = " ".join(views.executive_reporting(m).texts + views.executive_progress(m).texts)
    for name in [*late, *lagging, *at_risk]:
        assert name in text
    assert "4 perangkat daerah belum melaporkan Triwulan II" in text
    assert "3 perangkat daerah tertinggal" in text


def test_audit_findings_of_the_quarter(m, store):
    manifest = yaml.safe_load((PEMDA_DIR / "injected_situations.yaml").read_text(encoding="utf-8"))
    findings = m.findings
    assert sorted(zip(findings["agency_id"], findings["code"])) == sorted(
        (x["agency_id"], x["code"]) for x in manifest["mistakes"])
    assert set(findings["year"]) == {YEAR}
    assert "dalam TW II saja" in " ".join(findings["message"])
    first = _open(store, 1)
    try:
        assert len(first.findings) == 0  # the printed TW II figures are not part of TW I
    finally:
        first.con.close()
    table = views.findings_table(m)
    assert len(table.rows) == 2 and table.rows[0][1] == "Kesalahan"
    assert views.executive_audit(m).texts == (
        "Audit konsistensi data Tahun 2026 s.d. Triwulan II menemukan 2 temuan (1 kesalahan) pada 2 "
        "perangkat daerah.",)


def test_up_to_quarter_keeps_plans_and_drops_later_realisasi():
    lb = load_agency(ROOT / "data" / "lampung-barat-disnakerperin")
    cut = up_to_quarter(lb, 2025, 2)
    assert not [r for r in cut.rows("realisasi") if r.year == 2025 and r.period in ("TW3", "TW4")]
    assert len(cut.rows("targets")) == len(lb.rows("targets"))
    tw3 = [r for r in cut.rows("budget_quarterly") if r.period == "TW3"]
    assert tw3 and all(r.keuangan_realisasi is None for r in tw3)
    assert [r.keuangan_target for r in tw3] == [r.keuangan_target for r in lb.rows("budget_quarterly")
                                                if r.period == "TW3"]
    kept = cut.rows("realisasi")[-1]
    original = lb.rows("realisasi").index(kept)
    assert cut.source_line("realisasi", len(cut.rows("realisasi")) - 1) == lb.source_line("realisasi", original)


def test_elements(m, store):
    assert isinstance(views.kpi(m), KpiCards)
    note = views.late_note(m)
    assert isinstance(note, Callout) and note.tone == "warning" and "Inspektorat Daerah (belum melapor" in note.text
    agencies = views.agency_table(m)
    status = {row[0]: row[-1] for row in agencies.rows}
    assert status["Dinas Perhubungan"] == "Belum melapor"
    assert status["Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"] == "Tertinggal (anggaran dan kinerja)"
    assert status["Dinas Kesehatan"] == "Berisiko tidak mencapai target"
    urusan = views.urusan_table(m)
    s = monitor_summary(m, with_findings=False)
    total = urusan.data.rows[-1]
    assert total["urusan"] == "Jumlah" and total["plan"] == s.totals.plan and total["serapan"] == s.totals.serapan
    assert sum(r["realisasi"] or 0 for r in urusan.data.rows[:-1]) == s.totals.realisasi
    assert len(views.worst_iku_table(m).rows) == 10
    assert [r[0] for r in views.lagging_table(m).rows][0] == s.worst_deviation[0]
    assert views.change_heading(m).text == "Perubahan terhadap Triwulan I"
    assert isinstance(views.change_table(m), Table)
    assert views.executive_change(m).texts[0].startswith(
        "Dibandingkan Triwulan I, jumlah perangkat daerah yang melapor berkurang dari 35 menjadi 32")
    first = _open(store, 1)
    try:
        assert isinstance(views.change_table(first), Paragraphs)
        assert views.executive_change(first) is None
    finally:
        first.con.close()


def test_options_and_errors(store, tmp_path, capsys):
    from sakip.crossagency import CrossAgencyError

    with pytest.raises(CrossAgencyError, match="triwulan"):
        open_monitor(PEMDA, YEAR, str(store), '{"pemda_id": "kabupaten-sintetis"}')
    with pytest.raises(CrossAgencyError, match="sakip ingest"):
        open_monitor(PEMDA, YEAR, str(tmp_path / "none.duckdb"), monitor_options(Selection(PEMDA), 2))
    with pytest.raises(SystemExit) as exit_info:
        main(["monitor", "--pemda", PEMDA, "--year", "2026", "--triwulan", "5", "--db", str(store),
              "--output", str(tmp_path)])
    assert exit_info.value.code == 1 and "triwulan 1..4" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["monitor", "--pemda", PEMDA, "--year", "2023", "--triwulan", "2", "--db", str(store),
              "--output", str(tmp_path)])
    assert exit_info.value.code == 1 and "tidak ada data triwulanan tahun 2023" in capsys.readouterr().err


@pytest.mark.slow
def test_render_monitor_report(store, tmp_path):
    from sakip.report.render import render_store_report

    result = render_store_report("monitor", db_path=store, year=YEAR, pemda_id=PEMDA, triwulan=2,
                                 output_root=tmp_path, workers=2)
    assert result.html.parent.parts[-3:] == (PEMDA, str(YEAR), "monitor-tw2")
    assert result.html.is_file() and result.excel.is_file() and result.embedded
    html = result.html.read_text(encoding="utf-8")
    assert "Data s.d. Triwulan II Tahun 2026" in html
    assert "Pemantauan Triwulanan Kinerja dan Anggaran Perangkat Daerah" in html
    assert "32 dari 36 perangkat daerah Kabupaten Sintetis telah melaporkan" in html
    assert "Tabel 2.2 Capaian dan Serapan s.d. Triwulan II Tahun 2026 per Urusan" in html
    from openpyxl import load_workbook

    sheets = load_workbook(result.excel, read_only=True).sheetnames
    assert len(sheets) >= 8
