"""Render many reports: a bounded pool of warm workers, incremental, every failure collected.

A :class:`Job` is one report (an agency's LKjIP or pengukuran from its params, or a store report).
:func:`run_batch` first computes each job's fingerprint (:mod:`sakip.report.fingerprint`) in this
process and passes over the reports that are unchanged; the others go to workers:

- ``executor="local"``: ``workers`` processes started for the batch. They are forked by
  multiprocessing's fork server, which imports the library, pandas, matplotlib, IPython and
  papermill once for all of them (:mod:`sakip.report.forkserver`, :func:`sakip.report.engine.warm`;
  a new interpreter each where there is no fork server), and each renders whole reports, one at
  a time, every chapter in-process, so an agency is loaded and validated once per report. A job
  that fails (bad input, a failing chapter) is reported and the worker goes on. A worker that
  dies (killed, out of memory, a crash in a C library) is replaced; the report it was rendering
  is rendered again with a kernel per chapter, the isolated path, and no other is affected.
- ``executor="dask"``: the same job function on the workers of a Dask distributed cluster
  (:mod:`sakip.report.cluster`), warmed the same way.
- ``executor="inline"``: everything in this process, one job after the other (tests, debugging).

Each finished job gives an :class:`Outcome` (rendered, unchanged or failed, with the message, the
time and the worker's memory), passed to ``on_outcome`` as it arrives.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from sakip.i18n import _, language_from_environment, set_language
from sakip.inputs.fingerprint import input_files
from sakip.report.chapters import PROJECT_ROOT, data_path_text
from sakip.report.fingerprint import Fingerprint
from sakip.report.jobs import (
    FAILED,
    RENDERED,
    UNCHANGED,
    Job,
    Outcome,
    Settings,
    StoreReport,
    Summary,
    describe,
    memory,
    plan,
    render_job,
)
from sakip.report.lifetime import die_with_parent, silence_output
from sakip.report.params import ReportParams, load_yaml_text

log = logging.getLogger(__name__)

__all__ = ["EXECUTORS", "FAILED", "RENDERED", "UNCHANGED", "Job", "LocalPool", "Outcome",
           "Settings", "StoreReport", "Summary", "agency_folders", "describe",
           "jobs_from_params", "memory", "params_for_folders", "run_batch"]

EXECUTORS = ("local", "dask", "inline")


# --- jobs --------------------------------------------------------------------------------------


def jobs_from_params(params: Iterable[ReportParams], only: Sequence[str] = ()) -> list[Job]:
    return [Job(params=p, only=tuple(only)) for p in params]


def agency_folders(data_dir: Path) -> list[Path]:
    """Every agency folder under ``data_dir`` (a folder holding a profile.yaml), sorted."""
    data_dir = Path(data_dir)
    return sorted(p.parent for p in data_dir.rglob("profile.yaml")
                  if not any(part.startswith(".") for part in p.relative_to(data_dir).parts))


def params_for_folders(data_dir: Path, year: int, *, pemda_id: Optional[str] = None,
                       report: str = "lkjip") -> list[ReportParams]:
    """Report params for the agencies under ``data_dir`` (those of ``pemda_id`` only, when given):
    no params file needed, the library's defaults for everything but agency, year and input."""
    found = []
    for folder in agency_folders(data_dir):
        try:
            profile = load_yaml_text(folder / "profile.yaml")
        except Exception:  # noqa: BLE001 - a broken profile is reported when the agency renders
            profile = {}
        if not isinstance(profile, dict):
            profile = {}
        if pemda_id is not None and str(profile.get("pemda_id", "")).strip() != pemda_id:
            continue
        agency_id = str(profile.get("agency_id") or folder.name).strip()
        found.append(ReportParams.model_validate({"agency_id": agency_id, "year": year,
                                                  "data_path": data_path_text(folder), "report": report}))
    return found


# --- the batch ---------------------------------------------------------------------------------


Planned = tuple[Optional[Fingerprint], Optional[Outcome]]


def plan_batch(jobs: Sequence[Job], settings: Settings, *, workers: int = 2,
               executor: str = "local") -> tuple[list[Planned], Optional["LocalPool"]]:
    """:func:`plan` every job. With the local executor, the pool's first workers are started as
    soon as a second report to render is found, so that they import the library while the rest
    is planned (a worker takes about a second to warm up; a single report is rendered in this
    process and an unchanged re-run starts no worker). Pass the pool to :func:`run_batch`."""
    settings = _resolved(settings)
    planned: list[Planned] = []
    pool: Optional[LocalPool] = None
    to_render = 0
    try:
        for job in jobs:
            planned.append(plan(job, settings))
            if planned[-1][1] is None:
                to_render += 1
                if to_render == 2 and executor == "local" and workers > 1:
                    pool = LocalPool(workers, settings)
                    pool.start(2)
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    return planned, pool


def run_batch(jobs: Sequence[Job], settings: Settings, *, workers: int = 2,
              executor: str = "local", scheduler=None,
              on_outcome: Optional[Callable[[Outcome], None]] = None,
              on_start: Optional[Callable[[Job, int], None]] = None,
              planned: Optional[Sequence[Planned]] = None,
              pool: Optional["LocalPool"] = None) -> list[Outcome]:
    """Render ``jobs``: unchanged ones are passed over, the others rendered by ``executor``.

    ``scheduler`` (Dask only): the scheduler's address, or a ``distributed.Client``.
    ``on_start(job, pid)`` is told which worker took a job. ``planned``: :func:`plan` of every
    job, when the caller already has it; ``pool``: the local pool :func:`plan_batch` started
    (used for the local executor, stopped otherwise). Returns every outcome, in the order of
    ``jobs``."""
    try:
        return _run_batch(jobs, settings, workers=workers, executor=executor,
                          scheduler=scheduler, on_outcome=on_outcome, on_start=on_start,
                          planned=planned, pool=pool)
    finally:
        if pool is not None:
            pool.terminate()  # a no-op when it ran: running closes it


def _run_batch(jobs: Sequence[Job], settings: Settings, *, workers: int, executor: str,
               scheduler, on_outcome, on_start, planned, pool) -> list[Outcome]:
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}; use one of {', '.join(EXECUTORS)}")
    settings = _resolved(settings)
    outcomes: dict[int, Outcome] = {}
    todo: list[tuple[int, Job, Optional[Fingerprint]]] = []

    def done(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if on_outcome:
            on_outcome(outcome)

    for index, job in enumerate(jobs):
        fingerprint, outcome = planned[index] if planned is not None else plan(job, settings)
        if outcome is not None:
            done(index, outcome)
        else:
            todo.append((index, job, fingerprint))
    # Largest first, so that no worker is left with a big report while the others are idle.
    todo.sort(key=lambda item: -_size(item[1]))
    if todo:
        if executor == "inline" or (executor == "local" and len(todo) == 1):
            # One report to render (a single report, or one changed agency): here, as a single
            # report is; a worker would first import again everything this process has.
            for index, job, fingerprint in todo:
                if on_start:
                    on_start(job, os.getpid())
                done(index, render_job(job, settings, fingerprint))
        elif executor == "local":
            if pool is None or pool.settings != settings:
                pool = LocalPool(min(max(1, workers), len(todo)), settings)
            pool.size = min(max(1, workers), len(todo))
            pool.run(todo, done, on_start)
        else:
            from sakip.report.cluster import run_on_dask  # Dask is optional and heavy

            run_on_dask(todo, settings, scheduler, done, workers=max(1, workers))
    return [outcomes[i] for i in range(len(jobs))]


def _resolved(settings: Settings) -> Settings:
    """``settings`` with an absolute output folder (workers may run elsewhere)."""
    return replace(settings, output_root=str(Path(settings.output_root).resolve()))


def _size(job: Job) -> int:
    """How much there is to render, roughly: the bytes of the agency's input (store reports,
    which cover every agency, count as large)."""
    if job.params is None:
        return 1 << 40
    try:
        path = (PROJECT_ROOT / job.params.data_path).resolve()
        return sum(full.stat().st_size for _, full in input_files(path))
    except OSError:
        return 0


# --- the local pool ----------------------------------------------------------------------------


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: Optional[tuple[int, Job, Optional[Fingerprint], bool]] = None  # (index, job, fp, isolated)
    jobs_done: int = 0


class LocalPool:
    """``size`` warm worker processes; each takes the next job when it finishes one."""

    def __init__(self, size: int, settings: Settings) -> None:
        self.size = size
        self.settings = settings
        self.context = worker_context(settings)
        self.workers: list[_Worker] = []
        self._holds_server = False  # workers of this pool were forked by the fork server
        self._starting: Optional[threading.Thread] = None
        self._start_error: Optional[BaseException] = None

    def start(self, count: int) -> None:
        """Start up to ``count`` workers (they warm up until they are given a job). Workers of
        the fork server are started in the background: this returns at once, while the server,
        the first time, warms up (about a second and a half) before it forks them. New
        interpreters are started here (at once too), by this thread: a worker asks to end when
        the thread that started it ends (``PR_SET_PDEATHSIG``)."""
        self.started()
        if self.context.get_start_method() != "forkserver":
            self._start(count)
            self.started()
            return
        self._starting = threading.Thread(target=self._start, args=(count,),
                                          name="sakip-pool-start", daemon=True)
        self._starting.start()

    def _start(self, count: int) -> None:
        try:
            while len(self.workers) < min(count, self.size):
                if self._spawn(background=True) is None:
                    break  # no fork server: the batch's thread starts new interpreters
        except BaseException as exc:  # noqa: BLE001 - raised again by started()
            self._start_error = exc

    def _join_start(self) -> None:
        if self._starting is not None:
            self._starting.join()
            self._starting = None

    def started(self) -> list[_Worker]:
        """The workers, once those :meth:`start` asked for are started (or it failed: raised)."""
        self._join_start()
        if self._start_error is not None:
            error, self._start_error = self._start_error, None
            raise error
        return self.workers

    def terminate(self) -> None:
        """Stop every worker now (workers that were never needed, or after an interruption)."""
        try:
            self.started()
        except Exception:  # noqa: BLE001 - stopping: what did start is stopped below
            pass
        for worker in self.workers:
            worker.process.terminate()
        for worker in self.workers:
            worker.process.join(timeout=5)
            worker.conn.close()
        self.workers = []
        self._release_server()

    def _release_server(self) -> None:
        with _server_lock:
            if not self._holds_server:
                return
            self._holds_server = False
            _fork_server_users.discard(id(self))
            if not _fork_server_users and _server_state["ours"]:
                stop_fork_server()

    def _spawn(self, background: bool = False) -> Optional[_Worker]:
        """Start one worker; None when the fork server turned out to be unavailable and this
        runs in the background (the batch's thread then starts new interpreters)."""
        if self.context.get_start_method() == "forkserver":
            with _server_lock:
                if not self._holds_server:
                    if not _fork_server_users:  # the first user: is the server ours to stop?
                        _server_state["ours"] = _fork_server_pid() is None
                    self._holds_server = True
                    _fork_server_users.add(id(self))
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=worker_main, args=(child, self.settings, os.getpid(), dict(os.environ),
                                      os.getcwd()),
            name="sakip-worker", daemon=True)
        try:
            process.start()
        except (OSError, EOFError) as exc:
            parent.close()
            child.close()
            if self.context.get_start_method() != "forkserver" or any(
                    w.process.is_alive() for w in self.workers):
                raise  # a server that forked this pool's workers: not to be replaced now
            # no fork server here (a sandbox without Unix sockets): new interpreters, as before
            log.warning("fork server unavailable (%s): workers start as new interpreters", exc)
            self._release_server()
            self.context = multiprocessing.get_context("spawn")
            return None if background else self._spawn()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def run(self, todo, done, on_start=None) -> None:
        queue: deque = deque((index, job, fp, self.settings.isolated) for index, job, fp in todo)
        try:
            self.started()
            while queue or any(w.task for w in self.workers):
                while len(self.workers) < self.size and len(self.workers) < len(queue) + sum(
                        1 for w in self.workers if w.task):
                    self._spawn()  # (here, in the batch's thread, it always gives a worker)
                for worker in self.workers:
                    if worker.task is None and queue:
                        worker.task = queue.popleft()
                        index, job, fingerprint, isolated = worker.task
                        worker.conn.send((job, fingerprint, isolated))
                        if on_start:
                            on_start(job, worker.process.pid)
                busy = [w for w in self.workers if w.task is not None]
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
                for worker in busy:
                    if worker.conn in ready or worker.process.sentinel in ready:
                        self._collect(worker, queue, done)
        except BaseException:  # Ctrl-C or a bug here: stop the workers now, not after their job
            self._join_start()  # every worker started is in the list
            for worker in self.workers:
                worker.process.terminate()
            raise
        finally:
            self.close()

    def _collect(self, worker: _Worker, queue: deque, done) -> None:
        assert worker.task is not None
        index, job, fingerprint, isolated = worker.task
        try:
            if worker.conn.poll():
                outcome = worker.conn.recv()
                worker.task = None
                worker.jobs_done += 1
                done(index, outcome)
                return
        except (EOFError, OSError):
            pass
        if worker.process.is_alive():  # woke up for nothing: keep waiting
            return
        # The worker died with the job: replace it; render the job again on the isolated path.
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        worker.conn.close()
        self.workers.remove(worker)
        if isolated:
            done(index, Outcome(job, FAILED, retried=True, message=(
                _("the worker rendering it stopped (exit code {code}), also with a kernel "
                  "per chapter").format(code=code))))
        else:
            queue.appendleft((index, job, fingerprint, True))

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 10
        for worker in self.workers:
            worker.process.join(timeout=max(0.1, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(timeout=5)
            worker.conn.close()
        self.workers = []
        self._release_server()


#: What the fork server imports before forking workers (:mod:`sakip.report.forkserver`).
FORKSERVER_PRELOAD = "sakip.report.forkserver"


def worker_context(settings: Settings) -> (
        multiprocessing.context.SpawnContext | multiprocessing.context.ForkServerContext):
    """How the pool starts its workers. Warm workers are forked by multiprocessing's fork server,
    which warms up once (:mod:`sakip.report.forkserver`) for every worker of this process; where
    there is no fork server (Windows), and for isolated workers (which run kernels and need no
    warm-up), each worker is a new interpreter (``spawn``). Either way a worker starts from a
    process that holds no thread and no state of the batch's."""
    if settings.isolated or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    if _fork_server_pid() is None:  # a server that runs already is left as its owner set it up
        context.set_forkserver_preload([FORKSERVER_PRELOAD])
    return context


#: The pools whose workers the fork server started (by ``id``); it is stopped when the last one
#: closes. Registering, releasing and stopping hold the lock, so that a pool starting its workers
#: never connects to a server that is being stopped.
_fork_server_users: set[int] = set()
_server_lock = threading.Lock()
#: Whether the server was started by these pools (one started by the host application, which
#: multiprocessing shares process-wide, is used but never stopped here).
_server_state = {"ours": False}


def _fork_server_pid() -> Optional[int]:
    from multiprocessing import forkserver  # only where workers are forked by it

    return getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)


def stop_fork_server() -> None:
    """Stop this process's fork server (and wait for it), so that a batch leaves no process
    behind: neither a warm server holding memory in a long-lived process, nor one that outlives
    the command for a moment (its CPU time, and its workers', is then the command's, as with
    workers it started itself). multiprocessing has no public call for this; the one its own
    tests use is taken when it is there (the server is sent SIGTERM first: its workers are gone
    or going by then)."""
    from multiprocessing import forkserver  # only where workers were forked by it

    pid = _fork_server_pid()
    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if pid is None or not callable(stop):
        return
    try:  # at once: it would otherwise wait for every worker it forked (they hold its lifeline)
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    stop()


def worker_main(conn, settings: Settings, parent_pid: int = 0,
                environ: Optional[dict[str, str]] = None, cwd: Optional[str] = None) -> None:
    """A local worker: warm up, then render the jobs it is sent until it is sent None. It ends with
    the batch's process, even after a ``kill -9`` of it (:func:`lifetime.die_with_parent`).

    ``environ`` and ``cwd``: the batch's environment and working folder when it started the
    worker, which a worker forked by the fork server takes as a new interpreter would (the
    server's environment is the one it started with); the language and the time zone are
    chosen again from them."""
    if parent_pid:
        die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the batch decides when workers stop
    silence_output()
    if environ is not None and environ != os.environ:
        os.environ.clear()
        os.environ.update(environ)
        if hasattr(time, "tzset"):
            time.tzset()
    if cwd is not None:
        os.chdir(cwd)
    set_language(language_from_environment())
    if not settings.isolated:
        from sakip.report import engine  # here, so that importing this module stays light

        engine.warm(freeze=True, rehearse=True)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job, fingerprint, isolated = message
        try:
            outcome = render_job(job, settings, fingerprint, isolated=isolated)
            if isolated and not settings.isolated:
                outcome.retried = True
        except BaseException:  # noqa: BLE001 - render_job catches Exceptions; anything else too
            outcome = Outcome(job, FAILED, message=traceback.format_exc(limit=5))
        gc.collect()
        outcome.rss, outcome.peak_rss = memory()
        conn.send(outcome)
