"""One report of a batch: what it is (:class:`Job`), how it is rendered (:class:`Settings`,
:func:`render_job`, what a worker runs) and what became of it (:class:`Outcome`).

Rendering a job renders the whole report in the calling process, every chapter in-process
(:mod:`sakip.report.engine`) or, isolated, with a kernel per chapter, then stores its fingerprint
beside it (:mod:`sakip.report.fingerprint`). Every error becomes a failed outcome with a message
for the analyst: one failing report never stops a batch.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Optional

from sakip.i18n import _, decimal
from sakip.inputs import InputError
from sakip.inputs.fingerprint import MissingInput
from sakip.report.docinfo import DEFAULT_COPY, KERJA
from sakip.report.execute import ChapterError
from sakip.report.fingerprint import (
    Fingerprint,
    is_unchanged,
    report_fingerprint,
    store_fingerprint,
    write_stored,
)
from sakip.report.params import ParamsError, ReportParams
from sakip.report.render import (
    RenderError,
    output_dir,
    render_report,
    render_store_report,
    report_filename,
    report_label,
)

RENDERED, UNCHANGED, FAILED = "rendered", "unchanged", "failed"


@dataclass(frozen=True)
class StoreReport:
    """A compare or summary report of the agencies in the DuckDB store."""

    kind: str
    db_path: str
    year: int
    pemda_id: Optional[str] = None
    agencies: tuple[str, ...] = ()
    trend_agency: Optional[str] = None
    trend_indicator: Optional[str] = None
    triwulan: Optional[int] = None  # monitor: the quarter monitored

    def arguments(self) -> dict:
        return {"db_path": Path(self.db_path), "year": self.year, "pemda_id": self.pemda_id,
                "agencies": self.agencies, "trend_agency": self.trend_agency,
                "trend_indicator": self.trend_indicator, "triwulan": self.triwulan}

    @property
    def folder(self) -> str:
        """The report's folder name without the copy's suffix (as render_store_report names it)."""
        if self.kind == "monitor" and self.triwulan is not None:
            return f"monitor-tw{self.triwulan}"
        return self.kind


@dataclass(frozen=True)
class Job:
    """One report to make: from ``params`` (an agency report) or ``store`` (a store report);
    ``only`` renders those chapters alone (a partial report, ``-bagian``)."""

    params: Optional[ReportParams] = None
    store: Optional[StoreReport] = None
    only: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if self.params is not None:
            return (f"{self.params.agency_id} {self.params.year} "
                    f"{report_label(self.params, bool(self.only))}")
        assert self.store is not None
        return f"{self.store.folder} {self.store.pemda_id or 'perbandingan'} {self.store.year}"


@dataclass
class Outcome:
    """What became of a job."""

    job: Job
    status: str  # RENDERED, UNCHANGED or FAILED
    message: str = ""
    html: Optional[str] = None
    seconds: float = 0.0
    worker: Optional[int] = None  # process id of the worker that rendered it
    rss: Optional[int] = None  # the worker's resident memory after the job, bytes
    peak_rss: Optional[int] = None  # the worker's peak resident memory so far, bytes
    retried: bool = False  # its worker died; rendered again with a kernel per chapter
    notes: tuple[str, ...] = ()  # more lines for the analyst (the workbook of a store report)

    @property
    def ok(self) -> bool:
        return self.status != FAILED


@dataclass(frozen=True)
class Settings:
    """How the jobs of a batch are rendered (the same for every job; sent to the workers)."""

    output_root: str
    generated_at: Optional[datetime] = None
    force: bool = False  # render even when the fingerprint says unchanged
    isolated: bool = False  # a kernel per chapter instead of the warm in-process engine
    chapter_workers: int = 2  # chapters at a time on the isolated path
    copy: str = DEFAULT_COPY  # resmi or kerja (docs/DOCUMENTS.md)
    pdf: bool = False  # also the PDF
    docx: bool = False  # also the Word document

    @property
    def documents(self) -> dict:
        return {"copy": self.copy, "pdf": self.pdf, "docx": self.docx}


def output_folder(job: Job, settings: Settings) -> tuple[Path, Path]:
    """The report folder of a job and its page."""
    root = Path(settings.output_root)
    if job.params is not None:
        partial = bool(job.only)
        folder = output_dir(job.params, root, partial, settings.copy)
        return folder, folder / report_filename(job.params, partial, settings.copy)
    store = job.store
    assert store is not None
    label = store.pemda_id or "perbandingan"
    name = store.folder + ("-kerja" if settings.copy == KERJA else "")
    folder = root / label / str(store.year) / name
    return folder, folder / f"{name}-{label}-{store.year}.html"


def fingerprint_of(job: Job, settings: Settings) -> Fingerprint:
    if job.params is not None:
        return report_fingerprint(job.params, job.only, **settings.documents)
    assert job.store is not None
    return store_fingerprint(job.store.kind, **job.store.arguments(), **settings.documents)


def plan(job: Job, settings: Settings) -> tuple[Optional[Fingerprint], Optional[Outcome]]:
    """The job's fingerprint, and an outcome when there is nothing to render (unchanged). A
    fingerprint that cannot be taken (missing input, stale store) leaves the job to the renderer,
    which says what is wrong."""
    try:
        fingerprint = fingerprint_of(job, settings)
    except Exception:  # noqa: BLE001 - rendering reports the problem properly
        return None, None
    folder, page = output_folder(job, settings)
    if not settings.force and is_unchanged(folder, page, fingerprint):
        return fingerprint, Outcome(job, UNCHANGED, html=str(page))
    return fingerprint, None


def render_job(job: Job, settings: Settings, fingerprint: Optional[Fingerprint] = None,
               isolated: Optional[bool] = None) -> Outcome:
    """Render one job here and store its fingerprint beside it; every error becomes a failed
    outcome. What a worker runs."""
    isolated = settings.isolated if isolated is None else isolated
    engine = "kernel" if isolated else "inprocess"
    start = time.perf_counter()
    try:
        if fingerprint is None:
            try:
                fingerprint = fingerprint_of(job, settings)
            except Exception:  # noqa: BLE001 - rendering reports the problem properly
                fingerprint = None
        html, notes = _render(job, settings, engine)
        if fingerprint is not None:
            write_stored(output_folder(job, settings)[0], fingerprint)
        outcome = Outcome(job, RENDERED, html=str(html), notes=notes)
    except Exception as exc:  # noqa: BLE001 - one failing report never stops the others
        outcome = Outcome(job, FAILED, message=message_of(exc))
    outcome.seconds = time.perf_counter() - start
    outcome.worker = os.getpid()
    outcome.rss, outcome.peak_rss = memory()
    return outcome


def _render(job: Job, settings: Settings, engine: str) -> tuple[Path, tuple[str, ...]]:
    """The page, and what else the analyst should be told."""
    root = Path(settings.output_root)
    # chapters in parallel need child processes, which a daemonic process (a Dask worker, a pool's
    # worker) may not have: there, one kernel after the other
    parallel = engine == "kernel" and not multiprocessing.current_process().daemon
    workers = settings.chapter_workers if parallel else 1
    if job.params is not None:
        result = render_report(job.params, output_root=root, generated_at=settings.generated_at,
                               workers=workers, only=job.only or None, engine=engine,
                               **settings.documents)
        return result.html, _written(result.pdf, result.docx)
    assert job.store is not None
    store = render_store_report(job.store.kind, output_root=root, workers=workers,
                                generated_at=settings.generated_at, engine=engine,
                                **job.store.arguments(), **settings.documents)
    return store.html, _written(store.pdf, store.docx) + (
        (_("wrote {path}") if store.embedded else
         _("wrote {path} (too big to embed: linked from the HTML only)")).format(
             path=store.excel),)


def _written(*paths: Optional[Path]) -> tuple[str, ...]:
    return tuple(_("wrote {path}").format(path=path) for path in paths if path is not None)


def message_of(exc: BaseException) -> str:
    """What the analyst is told about a failed report."""
    if isinstance(exc, InputError):
        return exc.report().strip()
    if isinstance(exc, (RenderError, ChapterError, ParamsError, MissingInput)):
        return str(exc)  # the library's own messages, in the analyst's language
    return f"{type(exc).__name__}: {exc}"


def memory() -> tuple[Optional[int], Optional[int]]:
    """This process's resident memory now and at its peak, in bytes (Linux; None elsewhere)."""
    current = peak = None
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    current = int(line.split()[1]) * 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
    except OSError:
        pass
    return current, peak


@dataclass
class Summary:
    """The outcomes of a batch by status."""

    rendered: list[Outcome] = field(default_factory=list)
    unchanged: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> "Summary":
        summary = cls()
        for outcome in outcomes:
            {RENDERED: summary.rendered, UNCHANGED: summary.unchanged,
             FAILED: summary.failed}[outcome.status].append(outcome)
        return summary

    def line(self) -> str:
        total = len(self.rendered) + len(self.unchanged) + len(self.failed)
        return _("{total} reports: {rendered} rendered, {unchanged} unchanged (passed over), "
                 "{failed} failed").format(total=total, rendered=len(self.rendered),
                                           unchanged=len(self.unchanged), failed=len(self.failed))


def describe(outcome: Outcome) -> str:
    """One line for the analyst about an outcome (in the current language)."""
    label = outcome.job.label
    if outcome.status == UNCHANGED:
        return _("unchanged, passed over: {label}").format(label=label)
    if outcome.status == RENDERED:
        if outcome.retried:
            return _("rendered: {label} ({seconds} s) (again with a kernel per chapter after "
                     "its worker stopped)").format(label=label, seconds=decimal(outcome.seconds))
        return _("rendered: {label} ({seconds} s)").format(label=label,
                                                         seconds=decimal(outcome.seconds))
    first = outcome.message.strip().splitlines()[0] if outcome.message.strip() else "?"
    return _("failed: {label}: {message}").format(label=label, message=first)
