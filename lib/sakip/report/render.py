"""Render a report for one agency-year: validate, execute every chapter, assemble, publish.

Output layout (``output/`` by default)::

    output/<agency_id>/<year>/<report>/<report>-<agency_id>-<year>.html   the report
    output/<agency_id>/<year>/<report>/chapters/<chapter>.html            each chapter alone
    output/<agency_id>/<year>/<report>/notebooks/<chapter>.ipynb          executed notebooks (audit trail)

Everything is produced in a staging folder first and moved into place only when every chapter
succeeded, so an earlier good report is never replaced by a partial one.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import html as _html
import json
import multiprocessing
import os
import re
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

from sakip.compute.formatting import fmt_date_id
from sakip.i18n import _
from sakip.inputs.fingerprint import input_fingerprint
from sakip.inputs.problems import InputError
from sakip.report.chapters import (
    PROJECT_ROOT,
    REPORT_TITLES,
    Chapter,
    ExtraChapter,
    chapters_for,
    data_path_text,
)
from sakip.report.docinfo import (
    DEFAULT_COPY,
    KERJA,
    DocumentInfo,
    chapters_for_copy,
    check_copy,
    is_synthetic,
    read_logo,
)
from sakip.report.execute import ChapterError, check_signature, execute_chapter
from sakip.report.lifetime import die_with_parent
from sakip.report.params import ParamsError, ReportParams, load_params
from sakip.report.params import find_params as _find_params

if TYPE_CHECKING:
    from sakip.report.assemble import RenderedChapter


def find_params(params_dir: Path = PROJECT_ROOT / "params"):
    return _find_params(params_dir)


class RenderError(RuntimeError):
    """A report that could not be made; the message says why and what is available."""


class NoDataForYear(RenderError):
    """The agency's input holds no figure of the report's year."""


@dataclass(frozen=True)
class RenderResult:
    params: ReportParams
    html: Path
    chapters: tuple[Path, ...]
    notebooks: tuple[Path, ...]
    pdf: Optional[Path] = None
    docx: Optional[Path] = None


def sakip_version() -> str:
    try:
        return version("sakip")
    except PackageNotFoundError:  # running from a source tree without installation
        return "0+unknown"


def report_label(params: ReportParams, partial: bool = False, copy: str = DEFAULT_COPY) -> str:
    """``lkjip``, ``pengukuran`` or, for a pengukuran up to an earlier triwulan, ``pengukuran-tw2``;
    the working copy gets ``-kerja`` and a run of selected chapters only ``-bagian``, so neither
    ever replaces the official copy of the whole report."""
    label: str = params.report
    if params.report == "pengukuran" and params.triwulan not in (None, 4):
        label = f"pengukuran-tw{params.triwulan}"
    if copy == KERJA:
        label += "-kerja"
    return f"{label}-bagian" if partial else label


def output_dir(params: ReportParams, root: Path, partial: bool = False, copy: str = DEFAULT_COPY) -> Path:
    return root / params.agency_id / str(params.year) / report_label(params, partial, copy)


def report_filename(params: ReportParams, partial: bool = False, copy: str = DEFAULT_COPY) -> str:
    return f"{report_label(params, partial, copy)}-{params.agency_id}-{params.year}.html"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def subtitle_for(params: ReportParams) -> str:
    """What the cover must say about the data's reach, e.g. a pengukuran up to triwulan II."""
    if params.report == "pengukuran" and params.triwulan not in (None, 4):
        return f"Data s.d. Triwulan {_ROMAN[params.triwulan]} Tahun {params.year}"
    return ""


def resolve_params(agency_id: str, year: int, report: str = "lkjip",
                   params_dir: Path = PROJECT_ROOT / "params") -> ReportParams:
    """The params file for an agency-year; an unknown one lists what is available."""
    available = [p for _, p in find_params(params_dir) if p.report == report]
    for params in available:
        if params.agency_id == agency_id and params.year == year:
            return params
    agencies = sorted({p.agency_id for p in available})
    if agency_id not in agencies:
        raise RenderError(_("unknown agency '{agency}' for a {report} report; available: "
                            "{agencies}. ").format(agency=agency_id, report=report,
                                                   agencies=", ".join(agencies)
                                                   or _("none (no params/*.yaml)"))
                          + how_to_add())
    years = sorted(p.year for p in available if p.agency_id == agency_id)
    raise RenderError(_("no {report} params for {agency} {year}; available years: {years}. "
                        "Another year: run `sakip render PATH --year YEAR` with the agency's "
                        "folder or workbook, or add params/<id>-<year>.yaml").format(
                          report=report, agency=agency_id, year=year,
                          years=", ".join(map(str, years))))


def how_to_add() -> str:
    """How to add an agency (every "unknown agency" error says it, in the current language)."""
    return _("A new agency: `sakip new ID` writes the folder data/ID to fill in; an agency's "
             "folder or workbook is rendered with `sakip render PATH --year YEAR` (no params "
             "file needed), or add params/<id>-<year>.yaml")


def how_to_start() -> str:
    """How to start an agency that does not exist yet (every "unknown agency" error says it)."""
    return _("A new agency: `sakip new ID` writes the folder data/ID to fill in (with --xlsx, "
             "a workbook), then `sakip validate data/ID` and `sakip render data/ID --year YEAR`.")


def params_for_input(path: Path, year: int, report: str = "lkjip") -> ReportParams:
    """Params for an agency folder or .xlsx workbook without a params file: id from its
    profile, the library's defaults for every option; a year without data is refused here,
    before anything is written."""
    from sakip.analysis.context import load_agency_cached  # the chapters run in-process reuse it

    path = Path(path)
    if not path.exists():
        raise RenderError(_("{path} not found: give the agency's folder or .xlsx workbook "
                            "(`sakip template` writes an empty workbook)").format(path=path)
                          + ". " + how_to_start())
    try:
        agency = load_agency_cached(path.resolve())
    except InputError:
        raise RenderError(_("{path} is not valid yet; run `sakip validate {path}` for the list "
                            "of its problems").format(path=path)) from None
    try:
        params = ReportParams.model_validate({"agency_id": agency.agency_id, "year": year,
                                              "data_path": data_path_text(path),
                                              "report": report})
    except ValueError as exc:
        raise RenderError(f"{path}: {exc}") from None
    _load_checked(params)  # the year (and for a pengukuran, its triwulan) has data
    return params


def params_from_file(path: Path, year: Optional[int] = None) -> ReportParams:
    """A params file given by its path, anywhere (e.g. beside the agency's workbook): a relative
    ``data_path`` is read from the file's own folder; ``year``, when given, replaces the file's.
    The year is checked before any work, as for a folder or workbook."""

    path = Path(path)
    if not path.is_file():
        raise RenderError(_("params file {path} not found").format(path=path))
    params = load_params(path)
    data = (path.parent / params.data_path).resolve()  # an absolute data_path stays itself
    update: dict = {"data_path": data_path_text(data)}
    if year is not None:
        update["year"] = year
    params = params.model_copy(update=update)
    if not data.exists():
        raise RenderError(_("{path}: data_path {data} not found (a relative data_path is read "
                            "from the params file's folder)").format(path=path, data=data))
    _load_checked(params)
    return params


def check_year(params: ReportParams) -> None:
    """Refuse a params file's year without data before any work (one line, nothing written);
    an unusable input is left to the render, which lists every problem."""
    try:
        _load_checked(params)
    except (InputError, OSError):
        return


def year_without_data(params_list: Sequence[ReportParams]) -> Optional[str]:
    """When no agency of a batch has data for its year: the one line that says so (a batch whose
    year is wrong stops before any report, as a single report does). The first agency is read
    (the workers warm up meanwhile); the others only when it has no data that year."""
    def lacks_year(params: ReportParams) -> bool:
        try:
            _load_checked(params)
        except NoDataForYear:
            return True
        except (RenderError, InputError, OSError):  # the render says what is wrong
            return False
        return False

    if not all(lacks_year(p) for p in params_list):  # stops at the first agency with data
        return None
    years = sorted({p.year for p in params_list})
    return _("no agency of this batch has data for {year}").format(
        year=", ".join(map(str, years)))


def _load_checked(params: ReportParams):
    from sakip.analysis.context import load_agency_cached  # the chapters run in-process reuse it

    data_path = (PROJECT_ROOT / params.data_path).resolve()
    agency = load_agency_cached(data_path)
    if agency.agency_id != params.agency_id:
        raise RenderError(_("params say agency '{agency}' but {path} holds '{found}'").format(
            agency=params.agency_id, path=params.data_path, found=agency.agency_id))
    years = agency.years_with_data()
    if params.year not in years:
        raise NoDataForYear(_("no data for {agency} in {year}; years with data: {years}").format(
            agency=params.agency_id, year=params.year,
            years=", ".join(map(str, years)) or _("none")))
    if params.report == "pengukuran" and not quarters_with_data(agency, params.year):
        raise NoDataForYear(_("no quarterly data for {agency} in {year}: a pengukuran report "
                              "needs targets or realisasi per triwulan (TW1-TW4)").format(
                                  agency=params.agency_id, year=params.year))
    return agency, data_path


def quarters_with_data(agency, year: int) -> list[str]:
    """The triwulan (TW1-TW4) of ``year`` with a target or a realisasi."""
    periods = {row.period for table in ("targets", "realisasi") for row in agency.rows(table)
               if row.year == year}
    return sorted(periods & {"TW1", "TW2", "TW3", "TW4"})


def with_chapter_titles(options_json: str, chapters: Sequence[Chapter]) -> str:
    """The chapters' options with the titles of every chapter of the report as this copy renders
    it (the Sistematika Penyajian describes exactly these, a pemda's own chapters included)."""
    data = json.loads(options_json)
    data["chapter_titles"] = [c.heading for c in chapters]
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _input_state(params: ReportParams) -> Optional[str]:
    """The fingerprint of the agency's input files now (None when they cannot be read)."""
    try:
        return input_fingerprint((PROJECT_ROOT / params.data_path).resolve())
    except OSError:
        return None


def _formatted_now(moment: datetime) -> str:
    return f"{fmt_date_id(moment.date())} pukul {moment:%H.%M} UTC"


_LEFTOVER = re.compile(r"^(?:\.staging-.+-(\d+)-[^-]+|.+\.previous-(\d+))$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the staging and ``.previous`` folders that runs killed before they finished left
    in ``folder`` (their process is gone); a running render's are kept."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        match = _LEFTOVER.match(entry.name)
        if match and entry.is_dir() and not _alive(int(match.group(1) or match.group(2))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@contextmanager
def _output_lock(final: Path):
    """One render at a time per output folder: a second one is refused with a clear message
    instead of both writing (the lock is released by the system even after ``kill -9``)."""
    lock_path = final.parent / f".{final.name}.lock"
    handle = open(lock_path, "a+")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RenderError(_("{path} is being made by another process (lock {lock}); wait "
                                "until it is done, then try again").format(
                                    path=final, lock=lock_path)) from None
        yield
    finally:
        handle.close()


@contextmanager
def _staged(final: Path, prefix: str):
    """A staging folder beside ``final``. On success it replaces ``final`` whole; a failing
    chapter's run is kept as ``<final>.failed`` for inspection; any other error removes it.
    One run at a time per output folder; what killed runs left behind is cleaned first."""
    final.parent.mkdir(parents=True, exist_ok=True)
    with _output_lock(final):
        clean_leftovers(final.parent)
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{prefix}-{os.getpid()}-",
                                        dir=final.parent))
        with _staging_outcome(final, staging):
            yield staging


@contextmanager
def _staging_outcome(final: Path, staging: Path):
    try:
        yield staging
    except ChapterError as exc:
        failed = final.with_name(final.name + ".failed")
        shutil.rmtree(failed, ignore_errors=True)
        os.replace(staging, failed)
        raise ChapterError(str(exc).replace(str(staging), str(failed))) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    staging.chmod(0o755)  # mkdtemp makes it private; a published report is readable like any file
    _publish(staging, final)


def _publish(staging: Path, final: Path) -> None:
    """Move a finished staging folder into place, replacing the previous report whole."""
    final.parent.mkdir(parents=True, exist_ok=True)
    previous = None
    if final.exists():
        previous = final.with_name(final.name + f".previous-{os.getpid()}")
        os.replace(final, previous)
    os.replace(staging, final)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def render_report(params: ReportParams, *, output_root: Path = PROJECT_ROOT / "output",
                  generated_at: Optional[datetime] = None, workers: int = 2,
                  only: Optional[Sequence[str]] = None,
                  on_chapter: Optional[Callable[[Chapter], None]] = None,
                  copy: str = DEFAULT_COPY, pdf: bool = False, docx: bool = False,
                  engine: str = "kernel") -> RenderResult:
    """Execute every chapter of ``params.report`` and publish the HTML report of the ``copy``
    (``resmi`` or ``kerja``, docs/DOCUMENTS.md), with its PDF and Word files on request.

    ``engine``: ``"kernel"``, a new kernel per chapter (``workers`` chapters at a time), or
    ``"inprocess"``, every chapter in this process one after the other (sakip.report.engine);
    the same bytes either way."""
    # the page machinery (nbformat, jinja2, the documents) when a report is made, not when
    # planning imports this module: an unchanged re-run of a batch never needs it
    from sakip.report.assemble import render_chapter
    from sakip.report.documents import write_documents  # (see above)

    check_copy(copy)
    read_before = _input_state(params)
    agency, data_path = _load_checked(params)
    logo, docx_reference = _document_inputs(params, agency, data_path)
    in_copy = chapters_for_copy(report_chapters(params), copy)
    chapters = [c for c in in_copy if not only or c.id in only]
    if not chapters:
        raise RenderError(
            _("no chapters to render for report '{report}' matching {chapters}").format(
                report=params.report, chapters=list(only)) if only else
            _("no chapters to render for report '{report}'").format(report=params.report))
    parameters = {"agency_id": params.agency_id, "year": params.year,
                  "data_path": str(data_path),
                  "options_json": with_chapter_titles(params.options_json(), in_copy)}
    for chapter in chapters:  # strict signatures: fail before any kernel starts
        check_signature(chapter, parameters)

    partial = bool(only)
    final = output_dir(params, output_root, partial, copy)
    with _staged(final, params.report) as staging:
        runs = _execute_all(chapters, parameters, staging / "notebooks", workers, on_chapter,
                            engine)
        rendered = [render_chapter(run.chapter, run.executed) for run in runs]
        moment = generated_at or datetime.now(timezone.utc)
        provenance = {"version": sakip_version(), "input_hash": agency.input_hash or "-",
                      "source": params.data_path, "generated_at": _formatted_now(moment)}
        info = DocumentInfo(params.title or REPORT_TITLES[params.report], agency.profile.agency_name,
                            agency.profile.pemda_label, params.year, provenance,
                            subtitle=subtitle_for(params), copy=copy, logo=logo,
                            synthetic=is_synthetic(agency.profile, data_path),
                            extra={"created": moment.isoformat(timespec="seconds")})
        written = write_documents(staging, report_filename(params, partial, copy)[:-len(".html")],
                                  rendered, info, pdf=pdf, docx=docx, docx_reference=docx_reference)
        if _input_state(params) != read_before:  # what is shown is what was read
            raise RenderError(_("the input {path} changed while the report was made; the report "
                                "is not published (the previous one stays). Run the command "
                                "again once the data is edited").format(path=params.data_path))
    return RenderResult(params, final / written.html, tuple(final / f for f in written.chapters),
                        tuple(final / "notebooks" / f"{r.chapter.id}.ipynb" for r in runs),
                        final / written.pdf if written.pdf else None,
                        final / written.docx if written.docx else None)


def _document_inputs(params: ReportParams, agency, data_path: Path):
    """The pemda's logo (profile ``logo``) and Word reference (params ``docx_reference``)."""
    try:
        logo = read_logo(agency.profile.logo, data_path)
    except ValueError as exc:
        raise RenderError(str(exc)) from None
    reference = None
    if params.docx_reference:
        reference = (PROJECT_ROOT / params.docx_reference).resolve()
        if not reference.is_file() or reference.suffix.lower() != ".docx":
            raise RenderError(_("docx_reference: {path} is not a .docx file").format(
                path=params.docx_reference))
    return logo, reference


def report_chapters(params: ReportParams) -> tuple[Chapter, ...]:
    """The chapters of a params file's report: shipped, replaced from ``chapters_dir``, extended
    with ``extra_chapters``; a named folder or notebook that does not exist is an error."""
    chapters_dir = None
    if params.chapters_dir:
        chapters_dir = (PROJECT_ROOT / params.chapters_dir).resolve()
        if not chapters_dir.is_dir():
            raise RenderError(_("chapters_dir: folder {path} not found").format(
                path=params.chapters_dir))
    extra = []
    for item in params.extra_chapters:
        notebook = (PROJECT_ROOT / item.notebook).resolve()
        if not notebook.is_file() or notebook.suffix != ".ipynb":
            raise RenderError(_("extra_chapters: notebook {path} not found (an .ipynb file "
                                "relative to the project root)").format(path=item.notebook))
        extra.append(ExtraChapter(item.id, notebook, item.prefix, item.after))
    chapters = chapters_for(params.report, chapters_dir=chapters_dir, extra=extra)
    ids = [c.id for c in chapters]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RenderError(_("extra_chapters: chapter id(s) used twice: {ids}").format(
            ids=", ".join(duplicates)))
    return chapters


def _execute_all(chapters, parameters, notebook_dir: Path, workers: int, on_chapter,
                 engine: str = "kernel"):
    outputs = [notebook_dir / f"{c.id}.ipynb" for c in chapters]
    if workers <= 1 or len(chapters) == 1 or engine != "kernel":
        runs = []
        for chapter, output in zip(chapters, outputs):
            runs.append(execute_chapter(chapter, parameters, output, engine=engine))
            if on_chapter:
                on_chapter(chapter)
        return runs
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(execute_chapter, c, parameters, o) for c, o in zip(chapters, outputs)]
        runs = []
        for chapter, future in zip(chapters, futures):
            runs.append(future.result())
            if on_chapter:
                on_chapter(chapter)
        return runs


def render_all(params_dir: Path = PROJECT_ROOT / "params", *, output_root: Path = PROJECT_ROOT / "output",
               report: Optional[str] = None, on_report: Optional[Callable[[ReportParams, Optional[str]], None]] = None,
               workers: int = 2) -> list[tuple[ReportParams, Optional[str]]]:
    """Render every params file; returns (params, error message or None) per report."""
    results = []
    for _path, params in find_params(params_dir):
        if report and params.report != report:
            continue
        error = None
        try:
            render_report(params, output_root=output_root, workers=workers)
        except (RenderError, ChapterError, ParamsError) as exc:
            error = str(exc)
        except Exception as exc:  # an input problem or similar: report it, go on with the rest
            error = f"{type(exc).__name__}: {exc}"
        results.append((params, error))
        if on_report:
            on_report(params, error)
    return results


# --- reports over many agencies, from the store (docs/COMPARE.md) --------------------------------

#: Above this size the workbook is only linked, not also embedded in the HTML as a data: link.
MAX_EMBEDDED_HTML = 5 * 1024 * 1024


@dataclass(frozen=True)
class StoreReportResult:
    html: Path
    excel: Path
    embedded: bool  # the workbook is also inside the HTML as a data: link
    notebooks: tuple[Path, ...]
    pdf: Optional[Path] = None
    docx: Optional[Path] = None


def _download_block(excel_name: str, data: bytes, embed: bool) -> str:
    name = _html.escape(excel_name, quote=True)
    links = f'<a href="{name}" download>{name}</a> (berkas di samping laporan ini)'
    if embed:
        uri = ("data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"
               + base64.b64encode(data).decode("ascii"))
        links += f' &middot; <a href="{uri}" download="{name}">salinan tertanam di laporan ini</a>'
    return (f'<section class="unduhan"><p><strong>Unduh semua tabel (Excel):</strong> {links}</p>'
            '</section>')


def workbook_tables(rendered: Sequence["RenderedChapter"]) -> list[tuple[str, Any]]:
    """Every table the chapters displayed with its raw values, labelled as the page numbers it
    ("Tabel 1.2"): the workbook holds exactly the tables the page shows, computed once."""
    from sakip.components.excel import excel_from_json  # store reports only (see render_report)

    return [(block.data["label"], excel_from_json(block.data["data"]))
            for chapter in rendered for block in chapter.blocks
            if block.kind == "table" and block.data.get("data")]


def render_store_report(kind: str, *, db_path: Path, year: int, pemda_id: Optional[str] = None,
                        agencies: Sequence[str] = (), trend_agency: Optional[str] = None,
                        trend_indicator: Optional[str] = None,
                        output_root: Path = PROJECT_ROOT / "output", workers: int = 2,
                        generated_at: Optional[datetime] = None,
                        on_chapter: Optional[Callable[[Chapter], None]] = None,
                        triwulan: Optional[int] = None, copy: str = DEFAULT_COPY,
                        pdf: bool = False, docx: bool = False,
                        docx_reference: Optional[Path] = None,
                        engine: str = "kernel") -> StoreReportResult:
    """Render a ``compare``, ``summary`` or ``monitor`` report of several agencies from the DuckDB
    store (``monitor``: the Bappeda's quarterly monitoring up to ``triwulan``, docs/MONITOR.md,
    written to ``<kind>-tw<N>/``).

    The store must exist and hold the current inputs of every selected agency (else a
    :class:`RenderError` says to run ``sakip ingest``). Output:
    ``<output_root>/<pemda_id or 'perbandingan'>/<year>/<kind>/`` with the HTML, the workbook of
    every table next to it, and the executed notebooks.
    """
    # function-local: the store, DuckDB and the compare components only for store reports
    from sakip import crossagency as cx
    from sakip.components import compare as compare_views  # function-local: as above
    from sakip.components.excel import write_workbook  # function-local: as above
    from sakip.report.assemble import render_chapter, render_page  # (see render_report)
    from sakip.report.documents import write_documents  # (see render_report)
    from sakip.report.reproducible import stamp_workbook  # function-local: as above
    from sakip.store.database import StoreError, open_store  # function-local: as above

    if kind not in ("compare", "summary", "monitor"):
        raise RenderError(_("unknown store report '{kind}'").format(kind=kind))
    if kind == "monitor" and triwulan not in (1, 2, 3, 4):
        raise RenderError(_("a monitor report needs --triwulan 1..4, not {triwulan}").format(
            triwulan=triwulan))
    check_copy(copy)
    db_path = Path(db_path).resolve()
    label = pemda_id or cx.COMPARISON_LABEL
    selection = cx.Selection(label=label, pemda_id=pemda_id, agencies=tuple(agencies),
                             trend_agency=trend_agency, trend_indicator=trend_indicator)
    try:
        con = open_store(db_path, read_only=True)
    except StoreError as exc:
        raise RenderError(str(exc)) from None
    try:
        ctx = cx.CrossAgency(con, year, selection, str(db_path))
        try:
            selected = ctx.selected
            stale = cx.stale_agencies(selected)
            if stale:
                raise RenderError(_("the store {path} is out of date: {agencies}. Run 'sakip "
                                    "ingest' (with the --data and --db you used) first").format(
                                        path=db_path, agencies="; ".join(stale)))
            available = cx.years(con, ctx.agency_ids)
            if year not in available:
                raise RenderError(_("no data for {year} in the selection; years with data: "
                                    "{years}").format(year=year, years=", ".join(
                                        map(str, available)) or _("none")))
            if kind == "compare":
                ctx.trend_agency  # noqa: B018 - validate the trend options before any kernel
                ctx.indicator_trend  # noqa: B018
            if kind == "monitor":
                quarterly = con.execute(
                    "SELECT count(*) FROM budget_quarters WHERE year = ? AND agency_id IN "
                    f"({', '.join('?' for _ in ctx.agency_ids)})", [year, *ctx.agency_ids]).fetchone()
                if not quarterly or not quarterly[0]:
                    raise RenderError(_("no quarterly data for {year} in the selection "
                                        "(budget_quarterly); nothing to monitor").format(
                                            year=year))
        except cx.CrossAgencyError as exc:
            raise RenderError(str(exc)) from None
        colours = compare_views.kriteria_colours(ctx.scale)
        fingerprint = hashlib.sha256("".join(sorted(selected["input_hash"])).encode()).hexdigest()
        synthetic = any(is_synthetic(None, Path(str(source))) for source in selected["source"])
        agency_name = (f"{len(ctx.agency_ids)} Perangkat Daerah" if pemda_id is None
                       else f"Seluruh Perangkat Daerah ({len(ctx.agency_ids)})")
        pemda_label = ctx.pemda_label
    finally:
        con.close()

    chapters = list(chapters_for(kind))
    options_json = selection.to_json()
    folder, subtitle = kind, ""
    if kind == "monitor" and triwulan is not None:
        from sakip.crossagency.monitor import monitor_options  # function-local: like cx above

        options_json = monitor_options(selection, triwulan)
        folder, subtitle = f"monitor-tw{triwulan}", f"Data s.d. Triwulan {_ROMAN[triwulan]} Tahun {year}"
    parameters = {"agency_id": label, "year": year, "data_path": str(db_path),
                  "options_json": options_json}
    for chapter in chapters:
        check_signature(chapter, parameters)
    suffix = "-kerja" if copy == KERJA else ""
    final = output_root / label / str(year) / f"{folder}{suffix}"
    base = f"{folder}{suffix}-{label}-{year}"
    with _staged(final, kind) as staging:
        runs = _execute_all(chapters, parameters, staging / "notebooks", workers, on_chapter,
                            engine)
        rendered = [render_chapter(run.chapter, run.executed) for run in runs]
        labelled = workbook_tables(rendered)
        title = REPORT_TITLES[kind]
        excel = write_workbook(staging / f"{base}.xlsx", labelled,
                               title=f"{title} {pemda_label} Tahun {year}", colours=colours)
        moment = generated_at or datetime.now(timezone.utc)
        stamp_workbook(excel, moment)  # the same bytes for the same report (and page)
        provenance = {"version": sakip_version(), "input_hash": fingerprint,
                      "source": str(db_path), "generated_at": _formatted_now(moment)}
        info = DocumentInfo(title, agency_name, pemda_label, year, provenance, subtitle=subtitle,
                            copy=copy, synthetic=synthetic,
                            extra={"created": moment.isoformat(timespec="seconds")})
        data = excel.read_bytes()
        embedded = (len(render_page(rendered, info)) + len(data) * 4 // 3 + 2000
                    <= MAX_EMBEDDED_HTML)
        written = write_documents(staging, base, rendered, info, chapter_pages=False, pdf=pdf,
                                  docx=docx, docx_reference=docx_reference,
                                  download_html=_download_block(excel.name, data, embedded))
    return StoreReportResult(final / written.html, final / f"{base}.xlsx", embedded,
                             tuple(final / "notebooks" / f"{r.chapter.id}.ipynb" for r in runs),
                             final / written.pdf if written.pdf else None,
                             final / written.docx if written.docx else None)
