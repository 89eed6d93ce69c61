"""What ``sakip render`` shows of a batch: one progress bar, a line per report, the failures and a
summary at the end (in Indonesian, like every message to the analyst)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Optional, Sequence

import typer

from sakip.i18n import _, get_language
from sakip.report.batch import plan_batch, run_batch
from sakip.report.docinfo import DEFAULT_COPY
from sakip.report.jobs import FAILED, Job, Settings, Summary, describe
from sakip.report.render import year_without_data


def render_jobs(jobs: Sequence[Job], *, output_root: Path, workers: int = 2,
                executor: str = "local", scheduler: Optional[str] = None, isolated: bool = False,
                force: bool = False, copy: str = DEFAULT_COPY, pdf: bool = False,
                docx: bool = False) -> int:
    """Render ``jobs`` and report on the terminal; the exit code: 1 when any report failed."""

    single = len(jobs) == 1
    settings = Settings(output_root=str(output_root), force=force, isolated=isolated,
                        chapter_workers=max(1, workers) if single else 1, copy=copy, pdf=pdf,
                        docx=docx)
    if single and executor == "local":
        # One report: rendered here. A worker would import everything this process already has
        # (half a second more from cold); with --isolated the kernels are the isolation.
        executor = "inline"
    if not jobs:
        typer.echo(_("no report to render"), err=True)
        return 1
    with language_for_workers():
        return _render(jobs, settings, single=single, workers=workers, executor=executor,
                       scheduler=scheduler)


@contextlib.contextmanager
def language_for_workers():
    """The worker processes started for the batch speak the language chosen (``--lang``): they
    read it from ``SAKIP_LANG``, set for the batch only."""
    before = os.environ.get("SAKIP_LANG")
    os.environ["SAKIP_LANG"] = get_language()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SAKIP_LANG", None)
        else:
            os.environ["SAKIP_LANG"] = before


def _render(jobs: Sequence[Job], settings: Settings, *, single: bool, workers: int,
            executor: str, scheduler: Optional[str]) -> int:
    planned, pool = plan_batch(jobs, settings, workers=workers, executor=executor)
    todo = [job.params for job, (_fp, outcome) in zip(jobs, planned)
            if outcome is None and job.params is not None]
    if len(todo) > 1:
        refusal = year_without_data(todo)
        if refusal:  # one line, before any report is rendered (and nothing written)
            if pool is not None:
                pool.terminate()
            typer.echo(_("error: {message}").format(message=refusal), err=True)
            return 1
    if single or all(outcome is not None for _, outcome in planned):
        # nothing to wait for (or one report): lines as they come, no progress bar
        outcomes = run_batch(jobs, settings, workers=workers, executor=executor,
                             scheduler=scheduler, planned=planned, pool=pool,
                             on_outcome=lambda o: typer.echo(describe(o)))
    else:
        # rich only when there is a bar to show (an unchanged re-run starts faster without it)
        from rich.console import Console
        from rich.progress import (  # (see above)
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=Console(highlight=False)) as progress:
            task = progress.add_task(_("rendering reports"), total=len(jobs))

            def on_outcome(outcome) -> None:
                progress.console.print(describe(outcome), markup=False)
                progress.advance(task)

            outcomes = run_batch(jobs, settings, workers=workers, executor=executor,
                                 scheduler=scheduler, planned=planned, pool=pool,
                                 on_outcome=on_outcome)
    summary = Summary.of(outcomes)
    for outcome in summary.failed:
        typer.echo(_("error: {message}").format(message=f"{outcome.job.label}: {outcome.message}"),
                   err=True)
    if single:
        if outcomes[0].status != FAILED:
            typer.echo(_("wrote {path}").format(path=outcomes[0].html))
            for note in outcomes[0].notes:
                typer.echo(note)
    else:
        typer.echo(summary.line())
    return 1 if summary.failed else 0
