"""Execute one chapter notebook with papermill, with a strict parameter signature.

papermill only warns about unknown parameters; here a notebook behaves like a function: the
parameters passed must be exactly those its ``parameters`` cell declares, checked before any
kernel starts. A failing cell becomes a :class:`ChapterError` naming chapter, cell and cause.
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from sakip.i18n import _
from sakip.report.chapters import (
    CHAPTER_PARAMETERS,
    PROJECT_ROOT,
    Chapter,
    declared_parameters,
)


class ChapterError(RuntimeError):
    """A chapter that could not be executed; the message is meant for the analyst."""


@dataclass(frozen=True)
class ChapterRun:
    chapter: Chapter
    output: Path
    #: the executed notebook as written to ``output``, when it was executed in this process
    notebook: Any = None

    @property
    def executed(self) -> Any:
        """What the page is built from: the notebook in memory, else its file."""
        return self.notebook if self.notebook is not None else self.output


def check_signature(chapter: Chapter, parameters: Mapping[str, Any]) -> None:
    """Refuse unknown or missing parameters before anything runs."""
    declared = set(declared_parameters(chapter.path))
    given = set(parameters)
    missing, unknown = sorted(declared - given), sorted(given - declared)
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing parameter(s) {names}").format(names=", ".join(missing)))
        if unknown:
            parts.append(_("unknown parameter(s) {names}").format(names=", ".join(unknown)))
        raise ChapterError(_("chapter '{chapter}' ({notebook}): {problems}; it declares: "
                             "{declared}").format(chapter=chapter.id, notebook=chapter.notebook,
                                                  problems="; ".join(parts),
                                                  declared=", ".join(sorted(declared))
                                                  or _("nothing")))
    if declared != set(CHAPTER_PARAMETERS):
        raise ChapterError(_("chapter '{chapter}' ({notebook}) declares {declared}, expected "
                             "exactly {expected}").format(
                                 chapter=chapter.id, notebook=chapter.notebook,
                                 declared=sorted(declared), expected=list(CHAPTER_PARAMETERS)))


def _describe_failure(chapter: Chapter, exc: Exception, output: Path) -> str:
    """Name the failing cell as a reader of the chapter notebook counts it (1-based, without the
    cell papermill injects), with its first source line and the error."""
    index = getattr(exc, "cell_index", None)
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    where, source = _("a cell"), ""
    try:
        import nbformat  # only when a chapter failed

        cells = nbformat.read(output, as_version=4).cells
        added_by_papermill = {"injected-parameters", "papermill-error-cell-tag"}
        original = [c for c in cells if not added_by_papermill & set(c.metadata.get("tags", []))]
        failing = [c for c in original if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
        if failing:
            where = _("cell {number}").format(number=original.index(failing[0]) + 1)
            lines = [line for line in failing[0].source.splitlines() if line.strip()]
            source = f" [{lines[0].strip()[:80]}]" if lines else ""
    except (OSError, ValueError):
        if index is not None:
            where = _("cell {number}").format(number=index)
    return _("chapter '{chapter}' ({heading}) failed at {where}{source}: {error}: {message}. "
             "The executed notebook is kept at {path} for inspection.").format(
                 chapter=chapter.id, heading=chapter.heading, where=where, source=source,
                 error=ename, message=evalue, path=output)


@contextmanager
def _stderr_to(path: Path):
    """Send this process's stderr, and so the kernel's, to ``path`` (kept with the notebook).

    Kernels print start-up warnings straight to the inherited file descriptor; they belong in
    the audit trail, not on the analyst's terminal.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


#: How chapters can be executed: a new kernel each (isolated) or in this process (warm).
ENGINES = ("kernel", "inprocess")


def execute_chapter(chapter: Chapter, parameters: Mapping[str, Any], output: Path,
                    *, retries: int = 1, engine: str = "kernel") -> ChapterRun:
    """Run ``chapter`` with ``parameters`` into ``output`` (the audit trail).

    ``engine="kernel"`` starts a new kernel for the chapter; ``engine="inprocess"`` executes its
    cells in this process with :mod:`sakip.report.engine` (warm, a fresh namespace per notebook).
    papermill parameterises and writes the notebook either way."""
    # papermill (and nbformat, jsonschema) when a chapter is run, not when the renderer is imported
    import papermill
    from papermill.exceptions import PapermillExecutionError  # (see above)

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    check_signature(chapter, parameters)
    output.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("papermill").setLevel(logging.WARNING)
    if engine == "inprocess":
        from sakip.report import engine as inprocess  # IPython and the rest: the fast path only

        inprocess.warm()  # once per process: imports, the shell, the state notebooks start from
        try:
            with _stderr_to(output.with_suffix(".log")):
                executed = papermill.execute_notebook(
                    str(chapter.path), str(output), parameters=dict(parameters),
                    engine_name=inprocess.ENGINE_NAME, kernel_name="python3", progress_bar=False,
                    cwd=str(PROJECT_ROOT), request_save_on_cell_execute=False,
                )
        except PapermillExecutionError as exc:
            raise ChapterError(_describe_failure(chapter, exc, output)) from None
        return ChapterRun(chapter, output, executed)
    attempt = 0
    while True:
        try:
            with _stderr_to(output.with_suffix(".log")):
                papermill.execute_notebook(
                    str(chapter.path), str(output), parameters=dict(parameters),
                    kernel_name="python3", progress_bar=False, cwd=str(PROJECT_ROOT),
                    request_save_on_cell_execute=False, start_timeout=120,
                    shutdown_kernel="immediate",
                )
            return ChapterRun(chapter, output)
        except PapermillExecutionError as exc:
            raise ChapterError(_describe_failure(chapter, exc, output)) from None
        except RuntimeError as exc:
            # Kernel start can race under load ("Kernel didn't respond", "Address already in
            # use": nteract/papermill#239, #511); one retry is enough in practice.
            if attempt >= retries:
                raise ChapterError(_("chapter '{chapter}': the notebook kernel failed: {error}")
                                   .format(chapter=chapter.id, error=exc)) from None
            attempt += 1
