"""Batches: fingerprints (hit, miss, invalidation by each part), a failing agency, a worker killed
mid-batch, and the Dask path giving the local pool's bytes."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sakip.report import batch
from sakip.report import fingerprint as fp
from sakip.report.batch import FAILED, RENDERED, UNCHANGED, Job, Settings, run_batch
from support import library_env, run_python

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


def test_workers_start_while_the_rest_is_planned_and_only_when_needed(data, tmp_path):
    """plan_batch starts the pool once a second report to render is found (the workers warm up
    while the rest is planned); an unchanged re-run, or a single report, starts none; the pool
    it started renders the batch, which gives what an unplanned run gives."""
    out = tmp_path / "out"
    todo = jobs(data)
    planned, pool = batch.plan_batch(todo, settings(out))
    assert pool is not None and len(pool.started()) == 2
    assert all(w.process.is_alive() for w in pool.workers)
    outcomes = run_batch(todo, settings(out), planned=planned, pool=pool)
    assert set(statuses(outcomes).values()) == {RENDERED}
    assert pool.workers == []  # closed by the run

    planned, pool = batch.plan_batch(todo, settings(out))
    assert pool is None and all(outcome is not None for _, outcome in planned)

    touch_input(data / AGENCIES[0])
    planned, pool = batch.plan_batch(todo, settings(out))
    assert pool is None  # one report to render: rendered in this process
    assert statuses(run_batch(todo, settings(out), planned=planned))[AGENCIES[0]] == RENDERED


def test_a_started_pool_is_stopped_when_the_batch_runs_elsewhere(data, tmp_path):
    todo = jobs(data)
    planned, pool = batch.plan_batch(todo, settings(tmp_path / "out"))
    assert pool is not None
    processes = [w.process for w in pool.started()]
    outcomes = run_batch(todo, settings(tmp_path / "out"), planned=planned, pool=pool,
                         executor="inline")
    assert set(statuses(outcomes).values()) == {RENDERED}
    assert pool.workers == [] and not any(p.is_alive() for p in processes)


def test_planning_a_batch_loads_none_of_the_page_machinery(data, tmp_path):
    """An unchanged re-run only plans: the command line, the params of every folder and the
    fingerprints load neither the readers' row models nor nbformat, jinja2, IPython or papermill
    (about 0,4 s of start-up, docs/BENCHMARKS.md)."""

    code = ("import sys; import sakip.cli; from sakip.report import batch, batch_cli; "
            f"todo = batch.jobs_from_params(batch.params_for_folders(__import__('pathlib').Path("
            f"{str(data)!r}), 2024)); "
            f"print(len(batch.plan_batch(todo, batch.Settings(output_root={str(tmp_path)!r}), "
            "executor='inline')[0])); "
            "print(sorted(m for m in ('nbformat', 'jinja2', 'IPython', 'papermill', 'openpyxl', "
            "'sakip.model.rows', 'sakip.inputs.raw', 'sakip.report.assemble') if m in sys.modules))")
    run = run_python("-c", code)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == [str(len(AGENCIES)), "[]"]


def _test_chapter(path: Path, code: str) -> Path:
    """A chapter notebook at ``path``: a title, the parameters cell, and one cell of ``code``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Lampiran Uji"),
        nbformat.v4.new_code_cell("agency_id = 'x'\nyear = 2024\ndata_path = 'x'\n"
                                  "options_json = '{}'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(code),
    ]
    nbformat.write(nb, path)
    return path


def _killing_chapter(folder: Path) -> Path:
    """A chapter that kills the process it runs in when that is a warm worker (the in-process
    engine), and shows a heading in a kernel (the isolated retry)."""
    return _test_chapter(folder / "uji.ipynb", "import os, signal, sys\n"
                         "if 'sakip.report.engine' in sys.modules:\n"
                         "    os.kill(os.getpid(), signal.SIGKILL)\n"
                         "print('dirender ulang')")


@pytest.mark.slow
def test_a_dask_worker_killed_mid_batch(data, tmp_path):
    """On Dask as locally: the report whose worker died (KilledWorker) is rendered again with a
    kernel per chapter, and every report is rendered. (Dask may have queued another report on
    the same worker; with no failure allowed that one is retried the same way.)"""
    import dask
    from distributed import Client, LocalCluster

    notebook = _killing_chapter(tmp_path)
    victim = sorted(AGENCIES)[1]
    todo = []
    for params in batch.params_for_folders(data, 2024, pemda_id=PEMDA):
        if params.agency_id == victim:
            params = type(params).model_validate({**params.model_dump(), "extra_chapters": [
                {"id": "uji", "prefix": "L9", "notebook": str(notebook)}]})
            todo.append(Job(params=params, only=("bab4", "uji")))
        else:
            todo.append(Job(params=params, only=("bab4",)))
    # no rescheduling before KilledWorker (Dask's default reschedules a lost worker's task 3 times)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster, Client(cluster) as client:
        outcomes = run_batch(todo, settings(tmp_path / "out"), executor="dask", scheduler=client)
    by_agency = {o.job.params.agency_id: o for o in outcomes}
    assert all(o.status == RENDERED for o in outcomes), [o.message for o in outcomes]
    assert by_agency[victim].retried
    executed = Path(by_agency[victim].html).parent / "notebooks" / "uji.ipynb"
    assert "dirender ulang" in executed.read_text(encoding="utf-8")


# --- workers forked by the fork server -----------------------------------------------------------


def _broken_jobs(tmp_path: Path) -> list[Job]:
    """Two reports that fail in the worker (their input folder is gone), so the worker's own
    message comes back."""
    params = [batch.ReportParams.model_validate({"agency_id": f"hilang-{i}", "year": 2024,
                                                 "data_path": str(tmp_path / f"hilang-{i}")})
              for i in range(2)]
    return batch.jobs_from_params(params)


@pytest.mark.slow
def test_forked_workers_take_the_batch_language_and_folder_not_the_servers(tmp_path, monkeypatch):
    """A worker forked by a fork server that started for another batch (Indonesian, another
    working folder) speaks the language of its own batch and works in its folder, as a new
    interpreter would."""
    monkeypatch.setenv("SAKIP_LANG", "id")
    first = batch.LocalPool(1, settings(tmp_path / "a"))
    first.start(1)
    try:
        assert len(first.started()) == 1  # the server runs, started with SAKIP_LANG=id
        monkeypatch.setenv("SAKIP_LANG", "en")
        monkeypatch.chdir(tmp_path)
        outcomes = run_batch(_broken_jobs(tmp_path), settings(tmp_path / "b"), workers=2)
    finally:
        first.terminate()
    assert [o.status for o in outcomes] == [FAILED, FAILED]
    assert all(o.worker != os.getpid() for o in outcomes)
    messages = " ".join(o.message for o in outcomes)
    assert "no such file or folder" in messages and "tidak" not in messages, messages


BUSY_BATCH = """
import sys, time
from pathlib import Path
from sakip.report import batch
data, notebook, out = sys.argv[1:4]
params = batch.params_for_folders(Path(data), 2024)[0]
params = type(params).model_validate({**params.model_dump(), "extra_chapters": [
    {"id": "uji", "prefix": "L9", "notebook": notebook}]})
pool = batch.LocalPool(1, batch.Settings(output_root=out))
pool.start(1)
worker = pool.started()[0]
worker.conn.send((batch.Job(params=params, only=("uji",)), None, False))
print(worker.process.pid, flush=True)
time.sleep(60)
"""


def _sleeping_chapter(folder: Path, marker: Path) -> Path:
    """A chapter that says it started (``marker``) and then takes a minute."""
    return _test_chapter(folder / "lama.ipynb",
                         f"import time\nopen({str(marker)!r}, 'w').close()\ntime.sleep(60)")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes in /proc")
def test_a_busy_forked_worker_ends_when_the_batch_is_killed(data, tmp_path):
    """kill -9 of the batch while a worker renders: the worker, busy (it does not read its pipe
    to the batch) and forked by the fork server (its parent is the server, which lives on while
    any worker it forked does), sees the batch gone through its lifeline and ends; then the
    server ends too."""
    import subprocess
    import time

    marker = tmp_path / "begonnen"
    notebook = _sleeping_chapter(tmp_path, marker)
    process = subprocess.Popen([sys.executable, "-c", BUSY_BATCH, str(data), str(notebook),
                                str(tmp_path / "out")], stdout=subprocess.PIPE, text=True,
                               env=library_env())
    worker_pid = int(process.stdout.readline())
    deadline = time.monotonic() + 60
    while not marker.exists():  # the worker is in the chapter
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.1)
    with open(f"/proc/{worker_pid}/stat") as stat:
        server_pid = int(stat.read().rsplit(")", 1)[1].split()[1])
    assert server_pid != process.pid  # forked by the server, not by the batch
    process.kill()
    process.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{worker_pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return
        except FileNotFoundError:
            return
        time.sleep(0.1)
    os.kill(worker_pid, signal.SIGKILL)
    pytest.fail("the worker outlived the killed batch")


def _fork_servers() -> list[int]:
    """This process's children that are multiprocessing fork servers (Linux)."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except FileNotFoundError:
                continue
            if b"multiprocessing.forkserver" in command:
                found.append(int(pid))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes in /proc")
def test_a_batch_leaves_no_fork_server_behind(data, tmp_path):
    """Whichever way the pool came (planned ahead and passed in, or made by run_batch), the
    fork server it used is stopped when the batch ends."""
    outcomes = run_batch(jobs(data), settings(tmp_path / "a"), workers=2)
    assert {o.status for o in outcomes} == {RENDERED}
    assert _fork_servers() == []
    planned, pool = batch.plan_batch(jobs(data), settings(tmp_path / "b"))
    assert pool is not None and pool.started() and _fork_servers() != []  # one runs now
    run_batch(jobs(data), settings(tmp_path / "b"), planned=planned, pool=pool)
    assert _fork_servers() == []
