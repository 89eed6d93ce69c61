"""Batches: fingerprints (hit, miss, invalidation by each part), a failing agency, a worker killed
mid-batch, and the Dask path giving the local pool's bytes."""

from __future__ import annotations

import os
import shutil
import signal
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sakip.report import batch
from sakip.report import fingerprint as fp
from sakip.report.batch import FAILED, RENDERED, UNCHANGED, Job, Settings, run_batch

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "data" / "generated" / "kabupaten-sintetis"
AGENCIES = ("sintetis-dinsos", "sintetis-dispora", "sintetis-diskan")
MOMENT = datetime(2025, 3, 31, 8, 0, tzinfo=timezone.utc)
PEMDA = "kabupaten-sintetis"


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder with three agencies of the generated pemda."""
    folder = tmp_path / "data"
    for agency in AGENCIES:
        shutil.copytree(GENERATED / agency, folder / agency)
    return folder


def jobs(data: Path, only=("bab4",)) -> list[Job]:
    return batch.jobs_from_params(batch.params_for_folders(data, 2024, pemda_id=PEMDA), only)


def settings(out: Path, **kwargs) -> Settings:
    return Settings(output_root=str(out), generated_at=MOMENT, **kwargs)


def statuses(outcomes) -> dict[str, str]:
    return {o.job.params.agency_id if o.job.params else o.job.store.kind: o.status
            for o in outcomes}


def touch_input(folder: Path) -> None:
    """A real change of an agency's input: one realisasi value."""
    path = folder / "realisasi.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header, first = lines[0].split(","), lines[1].split(",")
    column = header.index("value")
    first[column] = str(first[column]) + "1" if first[column] else "1"
    lines[1] = ",".join(first)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- fingerprints (no rendering) ---------------------------------------------------------------


def test_params_for_a_pemda_need_no_params_file(data):
    params = batch.params_for_folders(data, 2024, pemda_id=PEMDA)
    assert [p.agency_id for p in params] == sorted(AGENCIES)
    assert all(p.year == 2024 and p.report == "lkjip" for p in params)
    assert batch.params_for_folders(data, 2024, pemda_id="kota-lain") == []


def test_each_part_of_the_fingerprint_changes_with_its_cause(data, tmp_path, monkeypatch):
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    shutil.copy(ROOT / "notebooks" / "lkjip" / "04_penutup.ipynb", chapters)
    params = batch.params_for_folders(data, 2024, pemda_id=PEMDA)[0]
    params = params.model_copy(update={"chapters_dir": str(chapters)})
    base = fp.report_fingerprint(params)
    assert base.changed(base) == [] and base.changed(None) == list(fp.PARTS)

    touch_input(data / params.agency_id)
    assert fp.report_fingerprint(params).changed(base) == ["inputs"]
    base = fp.report_fingerprint(params)

    other = params.model_copy(update={"max_capaian": 250})
    assert fp.report_fingerprint(other).changed(base) == ["params"]
    assert fp.report_fingerprint(params, only=("bab4",)).changed(base) == ["params", "chapters"]

    notebook = chapters / "04_penutup.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("BAB IV", "BAB 4"),
                        encoding="utf-8")
    assert fp.report_fingerprint(params).changed(base) == ["chapters"]
    base = fp.report_fingerprint(params)

    monkeypatch.setattr(fp, "library_hash", lambda: "another version of the library")
    assert fp.report_fingerprint(params).changed(base) == ["library"]


def test_library_hash_covers_every_library_file(tmp_path):
    library = tmp_path / "sakip"
    (library / "report" / "templates").mkdir(parents=True)
    (library / "a.py").write_text("x = 1\n")
    (library / "report" / "templates" / "page.css").write_text("p {}\n")
    first = fp.library_hash(library)
    (library / "report" / "templates" / "page.css").write_text("p { margin: 0 }\n")
    second = fp.library_hash(library)
    (library / "b.py").write_text("")
    assert len({first, second, fp.library_hash(library)}) == 3


def test_a_stored_fingerprint_that_cannot_be_read_means_render(tmp_path):
    (tmp_path / fp.FINGERPRINT_FILE).write_text("{not json")
    page = tmp_path / "page.html"
    page.write_text("x")
    assert fp.read_stored(tmp_path) is None
    assert not fp.is_unchanged(tmp_path, page, fp.Fingerprint({"inputs": "a"}))


# --- rendering ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_cache_hit_miss_and_invalidation(data, tmp_path):
    out = tmp_path / "out"
    first = run_batch(jobs(data), settings(out), executor="inline")
    assert set(statuses(first).values()) == {RENDERED}
    stored = fp.read_stored(Path(first[0].html).parent)
    assert stored is not None and set(stored.parts) == set(fp.PARTS)

    again = run_batch(jobs(data), settings(out), executor="inline")
    assert set(statuses(again).values()) == {UNCHANGED}  # hit
    assert batch.describe(again[0]).startswith("tidak berubah, dilewati: ")

    Path(again[0].html).unlink()  # miss: the page is gone
    touch_input(data / AGENCIES[0])  # invalidated: one agency's input changed
    third = statuses(run_batch(jobs(data), settings(out), executor="inline"))
    first_id = sorted(AGENCIES)[0]
    assert third == {first_id: RENDERED, AGENCIES[0]: RENDERED,
                     **{a: UNCHANGED for a in AGENCIES if a not in (first_id, AGENCIES[0])}}

    forced = run_batch(jobs(data), settings(out, force=True), executor="inline")
    assert set(statuses(forced).values()) == {RENDERED}


@pytest.mark.slow
def test_store_report_re_renders_when_an_agency_it_covers_changes(data, tmp_path):
    from sakip.store.database import ingest

    db = tmp_path / "sakip.duckdb"
    ingest(data, db)
    job = Job(store=batch.StoreReport("summary", str(db), 2024, pemda_id=PEMDA))
    out = tmp_path / "out"
    assert run_batch([job], settings(out), executor="inline")[0].status == RENDERED
    assert run_batch([job], settings(out), executor="inline")[0].status == UNCHANGED
    touch_input(data / AGENCIES[1])
    stale = run_batch([job], settings(out), executor="inline")[0]
    assert stale.status == FAILED and "sakip ingest" in stale.message  # never "unchanged"
    ingest(data, db)
    assert run_batch([job], settings(out), executor="inline")[0].status == RENDERED


@pytest.mark.slow
def test_a_failing_agency_never_stops_the_others(data, tmp_path, capsys):
    from sakip.cli import main

    broken = data / "sintetis-rusak"
    shutil.copytree(data / AGENCIES[0], broken)
    profile = (broken / "profile.yaml").read_text(encoding="utf-8")
    (broken / "profile.yaml").write_text(profile.replace(AGENCIES[0], "sintetis-rusak"),
                                         encoding="utf-8")
    (broken / "indikator.csv").write_text("bukan,tabel,indikator\n1,2,3\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["render", "--pemda", PEMDA, "--year", "2024", "--data", str(data), "--output",
              str(tmp_path / "out"), "--chapter", "bab4", "--workers", "2"])
    captured = capsys.readouterr()
    assert exit_info.value.code == 1
    assert "4 laporan: 3 dirender, 0 tidak berubah (dilewati), 1 gagal" in captured.out
    assert "gagal: sintetis-rusak 2024 lkjip-bagian" in captured.out
    assert "kesalahan: sintetis-rusak 2024 lkjip-bagian: " in captured.err
    for agency in AGENCIES:
        assert (tmp_path / "out" / agency / "2024" / "lkjip-bagian").is_dir()


@pytest.mark.slow
def test_a_worker_killed_mid_batch(data, tmp_path):
    """The killed worker's report is rendered again (with a kernel per chapter); the others are
    rendered by the warm workers as if nothing happened."""
    victim = sorted(AGENCIES)[1]
    killed = []

    def on_start(job, pid):
        if job.params.agency_id == victim and not killed:
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)

    outcomes = run_batch(jobs(data), settings(tmp_path / "out"), workers=2, on_start=on_start)
    by_agency = {o.job.params.agency_id: o for o in outcomes}
    assert killed and all(o.status == RENDERED for o in outcomes), [o.message for o in outcomes]
    assert by_agency[victim].retried and by_agency[victim].worker != killed[0]
    assert not any(o.retried for a, o in by_agency.items() if a != victim)


@pytest.mark.slow
def test_dask_gives_the_bytes_of_the_local_pool(data, tmp_path):
    from distributed import Client, LocalCluster

    local = run_batch(jobs(data, only=()), settings(tmp_path / "local"), workers=2)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        remote = run_batch(jobs(data, only=()), settings(tmp_path / "dask"), executor="dask",
                           scheduler=client)
    assert [o.status for o in local] == [o.status for o in remote] == [RENDERED] * len(AGENCIES)
    for a, b in zip(local, remote):
        assert Path(a.html).read_bytes() == Path(b.html).read_bytes()
        assert Path(a.html).parent.relative_to(tmp_path / "local") == \
            Path(b.html).parent.relative_to(tmp_path / "dask")
