"""The DuckDB store: ingest of the synthetic pemda and both seed agencies, idempotence,
replacement of one agency only, rejection of invalid inputs, and the ``sakip ingest`` command."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from sakip.cli import main
from sakip.model.schema import TABLES
from sakip.store import database as store
from sakip.store.database import StoreError, checksum, ingest, open_store, table_counts
from support import GENERATED, ROOT

SEEDS = ("payakumbuh-disnakerperin", "lampung-barat-disnakerperin")
CHANGED = "sintetis-dinkes"


def _agency_ids(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if (p / "profile.yaml").is_file())


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, Path, store.IngestReport]:
    """A data folder (generated pemda + the two seed agencies) and a store ingested from it."""
    for seed in SEEDS:
        assert (ROOT / "data" / seed / "profile.yaml").is_file(), f"seed agency data/{seed} is missing"
    root = tmp_path_factory.mktemp("store")
    data = root / "data"
    shutil.copytree(GENERATED, data / "generated" / "kabupaten-sintetis")
    for seed in SEEDS:
        shutil.copytree(ROOT / "data" / seed, data / seed)
    db = root / "sakip.duckdb"
    return data, db, ingest(data, db)


@pytest.fixture()
def work(base, tmp_path) -> tuple[Path, Path]:
    """A private copy of the base data folder and store, to change freely."""
    data, db, _ = base
    shutil.copytree(data, tmp_path / "data")
    shutil.copy(db, tmp_path / "sakip.duckdb")
    moved = ingest(tmp_path / "data", tmp_path / "sakip.duckdb")  # adopts the new paths only
    assert moved.ok and not (moved.added or moved.updated or moved.removed)
    return tmp_path / "data", tmp_path / "sakip.duckdb"


def _state(db: Path, where: str = "") -> tuple[dict[str, int], str]:
    con = open_store(db)
    try:
        if not where:
            return table_counts(con), checksum(con)
        digest = []
        for name, columns in store.all_tables().items():
            cols = ", ".join(f'"{c}"' for c, _ in columns)
            digest.append(con.execute(f'SELECT {cols} FROM "{name}" WHERE {where} ORDER BY ALL').fetchall())
        return {}, repr(digest)
    finally:
        con.close()


def test_first_ingest_adds_every_agency(base):
    data, db, report = base
    expected = set(_agency_ids(data / "generated" / "kabupaten-sintetis")) | set(SEEDS)
    assert report.ok and not report.updated and not report.unchanged
    assert set(report.added) == expected
    con = open_store(db)
    try:
        rows = con.execute("SELECT agency_id, pemda_id, pemda_label, source_kind FROM agencies").fetchall()
        assert {r[0] for r in rows} == expected
        assert {r[2] for r in rows} >= {"Kabupaten Sintetis", "Kota Payakumbuh"}
        counts = table_counts(con)
        for name in ("profile", "sasaran", "indikator", "targets", "realisasi", "budget",
                     "indicator_results"):
            assert counts[name] > 0, name
        assert counts["profile"] == len(expected)
        per_agency = dict(con.execute("SELECT agency_id, count(*) FROM indicator_results GROUP BY 1").fetchall())
        assert set(per_agency) == expected
        grade = con.execute("SELECT value, value_kind, value_grade, value_num FROM realisasi "
                            "WHERE value_kind = 'grade' LIMIT 1").fetchone()
        assert grade[1] == "grade" and grade[2] == grade[0] and grade[3] is None
        number = con.execute("SELECT value, value_num FROM targets WHERE agency_id = ? AND "
                             "indicator_id = 'IKU1' AND year = 2024 AND source = 'pk'",
                             [CHANGED]).fetchone()
        assert number[1] == Decimal(number[0].replace(".", "").replace(",", "."))
        kriteria = {r[0] for r in con.execute("SELECT DISTINCT kriteria FROM indicator_results").fetchall()}
        assert "Sangat Baik" in kriteria and "Tidak Dapat Diukur" in kriteria
        implausible = con.execute("SELECT count(*) FROM indicator_results WHERE capaian > 300").fetchone()[0]
        assert implausible >= 2  # the two injected capaian_implausible mistakes
        payakumbuh = con.execute(
            "SELECT realisasi_num, round(capaian, 2), kriteria FROM indicator_results "
            "WHERE agency_id = 'payakumbuh-disnakerperin' AND indicator_id = 'IKU1' AND year = 2024"
        ).fetchone()
        assert payakumbuh == (Decimal("95.13"), Decimal("101.47"), "Sangat Baik")  # Tabel 3.2
    finally:
        con.close()


def test_the_store_keeps_quarters_as_the_period_path_reads_them(base):
    """indicator_quarters and budget_quarters hold the figures of sakip.compute.period: seed 000
    (Lampung Barat 2025) IKU1 TW II and sasaran S1's keuangan s.d. TW II."""
    from sakip.compute import period
    from sakip.inputs import load_agency

    data, db, _ = base
    lb = load_agency(data / "lampung-barat-disnakerperin")
    con = open_store(db)
    try:
        row = con.execute(
            "SELECT target, realisasi, realisasi_num, capaian, progress, kriteria FROM indicator_quarters "
            "WHERE agency_id = 'lampung-barat-disnakerperin' AND indicator_id = 'IKU1' AND year = 2025 "
            "AND quarter = 2").fetchone()
        f = period.indicator_period(lb, lb.indicator("IKU1"), 2025, 2)
        assert row[0] == "82,88 %" and row[1] == "82,88 %" and row[2] == Decimal("82.88")
        assert row[3] == round(f.capaian.value, 6) and row[4] == round(f.progress.value, 6)
        assert row[5] == "Sangat Baik"
        money = con.execute(
            "SELECT plan, plan_basis, keuangan_target, keuangan_realisasi, keuangan_realisasi_within, "
            "serapan, rencana FROM budget_quarters WHERE agency_id = 'lampung-barat-disnakerperin' "
            "AND ref = 'S1' AND year = 2025 AND quarter = 2").fetchone()
        b = period.budget_period(lb, "S1", 2025, "TW2")
        assert money[:5] == (Decimal("609107750"), "target_tw4", Decimal("930045211"),
                             Decimal("1049301223"), Decimal("1049301223") - Decimal("513690689"))
        assert money[5] == round(b.serapan, 6) and money[6] == round(b.rencana, 6)
        # every ref with quarterly rows has its four quarters; a quarter never reported is NULL
        per_ref = con.execute("SELECT count(DISTINCT quarter) FROM budget_quarters GROUP BY agency_id, ref, year"
                              ).fetchall()
        assert {r[0] for r in per_ref} == {4}
    finally:
        con.close()


def test_every_input_table_has_a_store_table_with_every_column(base):
    _, db, _ = base
    con = open_store(db)
    try:
        for spec in TABLES:
            columns = {r[0] for r in con.execute(f'DESCRIBE "{spec.name}"').fetchall()}
            assert set(spec.columns) | {"agency_id", "row_no"} <= columns, spec.name
    finally:
        con.close()


def test_second_ingest_changes_nothing(work):
    data, db = work
    before = _state(db)
    report = ingest(data, db)
    assert report.ok and not report.added and not report.updated and not report.removed
    assert len(report.unchanged) == len(_agency_ids(data / "generated" / "kabupaten-sintetis")) + 2
    assert _state(db) == before


def test_a_changed_agency_replaces_only_its_rows(work):
    data, db = work
    others_before = _state(db, f"agency_id <> '{CHANGED}'")
    realisasi = data / "generated" / "kabupaten-sintetis" / CHANGED / "realisasi.csv"
    lines = realisasi.read_text(encoding="utf-8").splitlines(keepends=True)
    ind, year, _ = lines[1].strip().split(",", 2)
    lines[1] = f'{ind},{year},"77,77"\n'
    realisasi.write_text("".join(lines), encoding="utf-8")
    report = ingest(data, db)
    assert report.updated == [CHANGED] and not report.added and report.ok
    assert _state(db, f"agency_id <> '{CHANGED}'") == others_before
    con = open_store(db)
    try:
        value = con.execute("SELECT value, value_num FROM realisasi WHERE agency_id = ? AND "
                            "indicator_id = ? AND year = ?", [CHANGED, ind, int(year)]).fetchone()
        result = con.execute("SELECT realisasi FROM indicator_results WHERE agency_id = ? AND "
                             "indicator_id = ? AND year = ?", [CHANGED, ind, int(year)]).fetchone()
    finally:
        con.close()
    assert value == ("77,77", Decimal("77.77")) and result == ("77,77",)


def test_an_invalid_agency_is_rejected_whole_and_keeps_its_previous_rows(work):
    data, db = work
    before = _state(db)
    targets = data / "generated" / "kabupaten-sintetis" / CHANGED / "targets.csv"
    lines = targets.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",20", ",19", 1)  # year 1921: out of range
    lines[5] = lines[5].replace("IKU", "IKU-UNKNOWN", 1)
    targets.write_text("".join(lines), encoding="utf-8")
    report = ingest(data, db)
    assert not report.ok and [Path(r.source).name for r in report.rejected] == [CHANGED]
    problems = report.rejected[0].problems
    assert len(problems) >= 2 and all(p.file.endswith("targets.csv") for p in problems)
    assert {p.row for p in problems} >= {4, 6}
    assert _state(db) == before


def test_an_invalid_workbook_is_rejected_and_a_duplicate_agency_id_too(work):
    from sakip.inputs.write import convert

    data, db = work
    before = _state(db)
    (data / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    convert(data / "generated" / "kabupaten-sintetis" / CHANGED, data / "copy-of-dinkes.xlsx")
    report = ingest(data, db)
    rejected = {Path(r.source).name: r for r in report.rejected}
    assert set(rejected) == {"broken.xlsx", "copy-of-dinkes.xlsx"}
    assert "sudah dipakai" in str(rejected["copy-of-dinkes.xlsx"].problems[0])
    assert _state(db) == before


def test_a_workbook_is_ingested_and_a_vanished_input_removed(work):
    from sakip.inputs.write import convert

    data, db = work
    folder = data / "generated" / "kabupaten-sintetis" / CHANGED
    convert(folder, data / "dinkes.xlsx")
    shutil.rmtree(folder)
    report = ingest(data, db)
    assert report.ok and report.updated == [CHANGED]
    con = open_store(db)
    try:
        kind = con.execute("SELECT source_kind FROM agencies WHERE agency_id = ?", [CHANGED]).fetchone()
        assert kind == ("workbook",)
    finally:
        con.close()
    (data / "dinkes.xlsx").unlink()
    report = ingest(data, db)
    assert report.removed == [CHANGED] and report.ok
    con = open_store(db)
    try:
        for name in store.all_tables():
            count = con.execute(f'SELECT count(*) FROM "{name}" WHERE agency_id = ?', [CHANGED]).fetchone()
            assert count == (0,), name
    finally:
        con.close()


def test_a_failed_write_leaves_the_store_as_it_was(work, monkeypatch):
    data, db = work
    before = _state(db)
    (data / "generated" / "kabupaten-sintetis" / CHANGED / "realisasi.csv").write_text(
        "indicator_id,year,value\nIKU1,2021,\"50,00\"\n", encoding="utf-8")
    real_insert = store._insert

    def failing(con, table, columns, records):
        if table == "realisasi":
            raise RuntimeError("disk full")
        real_insert(con, table, columns, records)

    monkeypatch.setattr(store, "_insert", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(data, db)
    assert _state(db) == before


def test_cli_ingest_exit_codes_and_summary(work, capsys):
    data, db = work
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "--data", str(data), "--db", str(db)])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "0 ditambahkan, 0 diperbarui, 38 tidak berubah, 0 ditolak" in out
    (data / "generated" / "kabupaten-sintetis" / CHANGED / "sasaran.csv").write_text(
        "sasaran_id,statement\n,\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "--data", str(data), "--db", str(db)])
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "1 ditolak" in captured.out and "sasaran.csv" in captured.err


def test_open_store_read_only_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="sakip ingest"):
        open_store(tmp_path / "none.duckdb")
    con = open_store(tmp_path / "new.duckdb", read_only=False)
    con.close()
    con = open_store(tmp_path / "new.duckdb")
    try:
        assert all(v == 0 for v in table_counts(con).values())
    finally:
        con.close()


def test_discover_finds_folders_and_workbooks_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "profile.yaml").write_text("x: 1\n")
    (tmp_path / "a" / "inner").mkdir()
    (tmp_path / "a" / "inner" / "profile.yaml").write_text("x: 1\n")
    (tmp_path / "b.xlsx").write_bytes(b"")
    (tmp_path / "~$b.xlsx").write_bytes(b"")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "profile.yaml").write_text("x: 1\n")
    (tmp_path / "notes.csv").write_text("a\n")
    assert store.discover(tmp_path) == [tmp_path / "a", tmp_path / "b.xlsx"]


def test_store_doc_lists_every_table_and_column():
    doc = (ROOT / "docs" / "STORE.md").read_text(encoding="utf-8")
    section = doc.split("<!-- schema:begin -->\n", 1)[1].split("\n<!-- schema:end -->", 1)[0]
    assert section == store.schema_markdown(), "regenerate the schema part of docs/STORE.md"
