"""The ``sakip`` command line. One small function per command; the work lives in modules.

:func:`main` is the entry point: it turns every failure into a message and an exit code
(1 = the input has problems, 2 = a file could not be read or written, 3 = internal error),
never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sakip.compute import defaults
from sakip.i18n import LANGUAGES, N_, _, language_from_environment, ngettext, set_language
from sakip.inputs import InputError, load_agency
from sakip.inputs.limits import LimitError
from sakip.inputs.problems import DestinationError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help=N_("LKjIP reports of Indonesian government agencies from analysts' inputs."),
)


@app.command(help=N_("Write an empty, documented input workbook."))
def template(
    path: Annotated[Path, typer.Argument(help=N_("Workbook to write (.xlsx)."))],
    force: Annotated[bool, typer.Option("--force", help=N_("Replace an existing file."))] = False,
) -> None:
    # function-local: openpyxl is loaded only for this command
    from sakip.inputs.template import write_template

    write_template(path, force=force)
    typer.echo(_("wrote {path}").format(path=path))


@app.command(help=N_("Start a new agency: a folder of documented empty tables (or a workbook) "
                     "to fill in."))
def new(
    agency_id: Annotated[str, typer.Argument(help=N_("Id of the new agency, e.g. kota-contoh-disnakerperin."))],
    path: Annotated[Optional[Path], typer.Argument(metavar="PATH", help=N_("Where to write it (default: data/ID, or data/ID.xlsx with --xlsx)."))] = None,
    xlsx: Annotated[bool, typer.Option("--xlsx", help=N_("A workbook instead of a folder."))] = False,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace an existing folder or workbook."))] = False,
) -> None:
    # function-local: the CLI starts fast, each command imports its own
    from sakip.inputs.new import new_agency

    dest = new_agency(agency_id, path, workbook=xlsx, force=force)
    what = _("the sheets") if dest.suffix.lower() == ".xlsx" else _("profile.yaml and the CSV files")
    typer.echo(_("wrote {path}: fill in {what}, then check them with `sakip validate {path}` and "
                 "render the report with `sakip render {path} --year YEAR`").format(
                     path=dest, what=what))


LimitOption = Annotated[list[str] | None, typer.Option(
    "--limit", metavar="NAME=VALUE", help=N_("Change a limit of docs/LIMITS.md (repeatable)."))]


def _limits(options: list[str] | None):
    from sakip.inputs.limits import LimitError, current_limits  # commands load lazily

    try:
        return current_limits().with_options(options or [])
    except LimitError as exc:
        raise typer.BadParameter(str(exc), param_hint="--limit") from None


def _warn(warnings, err: bool = False) -> None:
    for warning in warnings:
        typer.echo(_("warning: {warning}").format(warning=warning), err=err)


@app.command(help=N_("Check an agency's inputs and list every problem (and what was not read)."))
def validate(
    path: Annotated[Path, typer.Argument(help=N_("Agency folder or .xlsx workbook."))],
    limit: LimitOption = None,
) -> None:
    from sakip.inputs import build_agency, read_input  # commands load lazily

    raw = read_input(path, _limits(limit))
    try:
        agency = build_agency(raw)
    except InputError as exc:
        _warn(raw.warnings)
        typer.echo(exc.report())
        raise typer.Exit(1) from None
    _warn(raw.warnings)
    tables = [rows for rows in agency.tables.values() if rows]
    n_rows = sum(len(rows) for rows in tables)
    typer.echo(_("OK: {agency}, {tables}, {rows}").format(
        agency=agency.profile.agency_name,
        tables=ngettext("{count} table", "{count} tables", len(tables)).format(count=len(tables)),
        rows=ngettext("{count} row", "{count} rows", n_rows).format(count=n_rows)))


@app.command(help=N_("List every contradiction in an agency's inputs (see docs/AUDIT.md)."))
def audit(
    path: Annotated[Path, typer.Argument(help=N_("Agency folder or .xlsx workbook."))],
    output_format: Annotated[str, typer.Option("--format", help=N_("text, json or csv."))] = "text",
    strict: Annotated[bool, typer.Option("--strict", help=N_("Exit 1 when there are errors."))] = False,
    max_capaian: Annotated[Optional[float], typer.Option(
        "--max-capaian", help=N_("Capaian (%) above this is implausible (default {max_capaian}, "
        "or the params file's)."))] = None,
    kriteria: Annotated[Optional[str], typer.Option(
        "--kriteria", help=N_("Kriteria scale printed kriteria are checked against: a name of "
        "sakip.compute.kriteria.SCALES (default: the params file's, else 'default')."))] = None,
    params: Annotated[Optional[Path], typer.Option(
        "--params", help=N_("A report params file (params/*.yaml): its kriteria_scale and max_capaian."))] = None,
    report: Annotated[Optional[Path], typer.Option(
        "--report", help=N_("The rendered report (its .html, or its folder) whose table numbers the "
        "'Tabel x.y' typed in the analyst's text are checked against."))] = None,
) -> None:
    from decimal import Decimal  # function-local: the CLI starts fast, each command imports its own

    from sakip.audit import (  # function-local: as above
        AuditConfig,
        run_audit,
        to_csv,
        to_json,
        to_text,
    )
    from sakip.audit.narrative import numbering_from_html  # function-local: as above
    from sakip.compute.kriteria import KriteriaError, scale_from_config  # function-local: as above

    if output_format not in ("text", "json", "csv"):
        raise typer.BadParameter(_("use text, json or csv"), param_hint="--format")
    scale_config: object = kriteria
    limit = max_capaian
    if params is not None:
        from sakip.report.params import ParamsError, load_params  # function-local: as above

        try:
            report_params = load_params(params)
        except ParamsError as exc:
            raise typer.BadParameter(str(exc), param_hint="--params") from None
        scale_config = kriteria if kriteria is not None else report_params.kriteria_scale
        limit = max_capaian if max_capaian is not None else report_params.max_capaian
    try:
        scale = scale_from_config(scale_config)  # type: ignore[arg-type]
    except KriteriaError as exc:
        raise typer.BadParameter(str(exc), param_hint="--kriteria") from None
    numbering = None
    if report is not None:
        page = report if report.is_file() else next(iter(sorted(report.glob("*.html"))), None)
        if page is None or not page.is_file():
            raise typer.BadParameter(_("no rendered report (.html) at {path}").format(path=report),
                                     param_hint="--report")
        numbering = numbering_from_html(page.read_text(encoding="utf-8"))
    try:
        agency = load_agency(path)
    except InputError as exc:
        typer.echo(exc.report())
        raise typer.Exit(1) from None
    config = AuditConfig(max_capaian=Decimal(repr(limit)) if limit is not None else defaults.MAX_CAPAIAN,
                         kriteria=scale, numbering=numbering)
    findings = run_audit(agency, config)
    if output_format == "text":
        typer.echo(to_text(findings, agency.agency_id), nl=False)
    else:
        typer.echo((to_json if output_format == "json" else to_csv)(findings), nl=False)
    if strict and any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


@app.command(help=N_("Convert a folder into a workbook, or a workbook into a folder."))
def convert(
    src: Annotated[Path, typer.Argument(help=N_("Agency folder or .xlsx workbook."))],
    dest: Annotated[Path, typer.Argument(help=N_("Output: a .xlsx workbook or a folder."))],
    force: Annotated[bool, typer.Option("--force", help=N_("Replace an existing output."))] = False,
    limit: LimitOption = None,
) -> None:
    from sakip.inputs.write import convert as convert_input  # commands load lazily

    warnings: list = []
    try:
        agency = convert_input(src, dest, force=force, limits=_limits(limit), warnings=warnings)
    finally:
        _warn(warnings, err=True)
    typer.echo(_("wrote {path} ({agency})").format(path=dest, agency=agency.profile.agency_name))


@app.command(help=N_("Write a synthetic pemda (Kabupaten Sintetis), clearly labelled DATA SINTETIS."))
def generate(
    out: Annotated[Path, typer.Option(help=N_("Folder to write (replaced if generated before)."))]
    = Path("data/generated/kabupaten-sintetis"),
    seed: Annotated[int, typer.Option(help=N_("Random seed: same seed, same bytes."))] = 2026,
    agencies: Annotated[int, typer.Option(help=N_("Number of agencies."))] = 36,
    clean: Annotated[bool, typer.Option("--clean", help=N_("Inject no input mistakes."))] = False,
) -> None:
    from sakip.synthetic import GenerateError, generate_pemda  # function-local: only this command

    try:
        report = generate_pemda(out, seed=seed, n_agencies=agencies, inject=not clean)
    except GenerateError as exc:
        typer.echo(_("error: {message}").format(message=exc), err=True)
        raise typer.Exit(1) from None
    for agency_id in report.agencies:
        load_agency(out / agency_id)  # a generated agency that fails validation is a bug
    typer.echo(report.summary())


@app.command(help=N_("Load every valid agency under --data into the DuckDB store (idempotent)."))
def ingest(
    data: Annotated[Path, typer.Option(help=N_("Folder searched for agency folders and workbooks."))]
    = Path("data"),
    db: Annotated[Path, typer.Option(help=N_("DuckDB store file."))] = Path("output/sakip.duckdb"),
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help=N_("Build the store anew from every input (e.g. after it was damaged); "
        "the old file is kept as <db>.bak."))] = False,
    limit: LimitOption = None,
) -> None:
    from sakip.store.database import ingest as ingest_store  # duckdb: only to ingest

    report = ingest_store(data, db, rebuild=rebuild, limits=_limits(limit))
    for line in report.warning_lines():
        typer.echo(line, err=True)
    for rejected in report.rejected:
        typer.echo(rejected.report(), err=True)
    typer.echo(report.summary())
    if report.rejected:
        raise typer.Exit(1)


@app.command(help=N_("Render reports: every chapter notebook executed with papermill, one HTML file each (and on "
    "request its PDF and Word document, docs/DOCUMENTS.md); a report whose inputs, params, chapters "
    "and library are unchanged is passed over (docs/SCALE.md)."))
def render(
    path: Annotated[Path | None, typer.Argument(help=N_("Agency folder or .xlsx workbook, rendered with --year and default options (no params file needed); or a params file (.yaml) anywhere, whose relative data_path is read from its own folder."))] = None,
    agency: Annotated[str | None, typer.Option(help=N_("Agency id (see params/*.yaml)."))] = None,
    year: Annotated[int | None, typer.Option(help=N_("Report year."))] = None,
    report: Annotated[str, typer.Option(help=N_("Report kind: lkjip or pengukuran."))] = "lkjip",
    triwulan: Annotated[int | None, typer.Option(help=N_("Pengukuran: render up to this triwulan (1-4)."))] = None,
    render_all: Annotated[bool, typer.Option("--all", help=N_("Render every params/*.yaml."))] = False,
    pemda: Annotated[str | None, typer.Option(help=N_("Render every agency of this pemda under --data (with --year; no params files needed)."))] = None,
    data: Annotated[Path, typer.Option(help=N_("Folder searched for agency folders (with --pemda)."))] = Path("data"),
    chapter: Annotated[list[str] | None, typer.Option(help=N_("Only these chapter ids (repeatable)."))] = None,
    output: Annotated[Path, typer.Option(help=N_("Output root folder."))] = Path("output"),
    workers: Annotated[int, typer.Option(help=N_("Worker processes (with --isolated and one report: chapters in parallel)."))] = 2,
    pdf: Annotated[bool, typer.Option("--pdf", help=N_("Also write the PDF beside the HTML."))] = False,
    docx: Annotated[bool, typer.Option("--docx", help=N_("Also write the Word document (.docx)."))] = False,
    salinan: Annotated[str, typer.Option(help=N_("resmi (the copy that is signed) or kerja (working copy with the Audit Data appendix)."))] = "resmi",
    isolated: Annotated[bool, typer.Option("--isolated", help=N_("A new kernel per chapter instead of warm in-process workers."))] = False,
    force: Annotated[bool, typer.Option("--force", help=N_("Render even the reports whose inputs, params, chapters and library are unchanged."))] = False,
    executor: Annotated[str, typer.Option(help=N_("local (worker processes here) or dask (a Dask cluster, see docs/SCALE.md)."))] = "local",
    scheduler: Annotated[str | None, typer.Option(help=N_("Dask scheduler address (with --executor dask; default: a local cluster)."))] = None,
) -> None:
    # the report machinery is imported by the commands that render, not by every sakip call
    from sakip.report import render as r
    from sakip.report.batch import jobs_from_params, params_for_folders  # (see above)
    from sakip.report.batch_cli import render_jobs  # (see above)
    from sakip.report.execute import ChapterError  # (see above)
    from sakip.report.params import ParamsError  # (see above)

    if executor not in ("local", "dask"):
        raise typer.BadParameter(_("use local or dask"), param_hint="--executor")
    documents = _documents(salinan, pdf, docx)
    try:
        if triwulan is not None and not 1 <= triwulan <= 4:
            raise r.RenderError(_("--triwulan {triwulan} is not valid: use 1, 2, 3 or 4").format(
                triwulan=triwulan))
        if path is not None and path.suffix.lower() in (".yaml", ".yml"):
            if agency is not None or render_all or pemda is not None:
                raise r.RenderError(_("with a params file give no --agency, --pemda or --all"))
            params = [r.params_from_file(path, year)]
        elif path is not None:
            if year is None or agency is not None or render_all or pemda is not None:
                raise r.RenderError(_("with PATH give --year only (no --agency, --pemda or --all)"))
            params = [r.params_for_input(path, year, report)]
            _input_warnings(path)
        elif render_all:
            params = [p for _, p in r.find_params()]
        elif pemda is not None:
            if year is None:
                raise r.RenderError(_("give --year with --pemda"))
            params = params_for_folders(data, year, pemda_id=pemda, report=report)
            if not params:
                raise r.RenderError(_("no agency of pemda '{pemda}' under {folder}").format(
                    pemda=pemda, folder=data) + ". " + r.how_to_start())
        else:
            if agency is None or year is None:
                raise r.RenderError(_("give PATH and --year, --agency and --year, --pemda and --year, "
                                      "or --all"))
            params = [r.resolve_params(agency, year, report)]
            r.check_year(params[0])
        if triwulan is not None and (path is not None or agency is not None):
            params = [p.model_copy(update={"triwulan": triwulan}) for p in params]
    except (r.RenderError, ChapterError, ParamsError) as exc:
        typer.echo(_("error: {message}").format(message=exc), err=True)
        raise typer.Exit(1) from None
    code = render_jobs(jobs_from_params(params, chapter or ()), output_root=output,
                       workers=workers, executor=executor, scheduler=scheduler,
                       isolated=isolated, force=force, **documents)
    if code:
        raise typer.Exit(code)


def _input_warnings(path: Path) -> None:
    """What ``validate`` would warn about an agency rendered from its folder or workbook (a number
    that reads two ways ...), on stderr before the report is made; the input is valid here."""
    from sakip.inputs import build_agency, read_input  # commands load lazily

    raw = read_input(path)
    try:
        build_agency(raw)
    except InputError:  # pragma: no cover - params_for_input refused it already
        return
    _warn(raw.warnings, err=True)


def _documents(salinan: str, pdf: bool, docx: bool) -> dict:
    """The copy and the extra documents asked for (the same options on every report command)."""
    from sakip.report.docinfo import COPIES  # the CLI imports report modules per command

    if salinan not in COPIES:
        raise typer.BadParameter(_("use resmi or kerja"), param_hint="--salinan")
    return {"copy": salinan, "pdf": pdf, "docx": docx}


# --- reports over many agencies, from the store (docs/COMPARE.md) ------------------------------


def _store_report(kind: str, *, output_root: Path, workers: int, isolated: bool, force: bool,
                  db_path: Path, copy: str, pdf: bool, docx: bool, **selection) -> None:
    # the report machinery is imported by the commands that render, not by every sakip call
    from sakip.report.batch import Job, StoreReport
    from sakip.report.batch_cli import render_jobs  # (see above)

    job = Job(store=StoreReport(kind, str(db_path.resolve()), **selection))
    code = render_jobs([job], output_root=output_root, workers=workers, isolated=isolated,
                       force=force, copy=copy, pdf=pdf, docx=docx)
    if code:
        raise typer.Exit(code)


_ISOLATED = typer.Option("--isolated", help=N_("A new kernel per chapter instead of in-process execution."))
_FORCE = typer.Option("--force", help=N_("Render even when the selection's inputs, chapters and library are unchanged."))
_WORKERS = typer.Option(help=N_("With --isolated: chapters executed in parallel."))

# The options every store report (compare, summary, monitor) takes, declared once.
DbOpt = Annotated[Path, typer.Option(help=N_("DuckDB store file (see sakip ingest)."))]
OutputOpt = Annotated[Path, typer.Option(help=N_("Output root folder."))]
WorkersOpt = Annotated[int, _WORKERS]
PdfOpt = Annotated[bool, typer.Option("--pdf", help=N_("Also write the PDF beside the HTML."))]
DocxOpt = Annotated[bool, typer.Option("--docx", help=N_("Also write the Word document (.docx)."))]
SalinanOpt = Annotated[str, typer.Option(help=N_("resmi or kerja (docs/DOCUMENTS.md)."))]
IsolatedOpt = Annotated[bool, _ISOLATED]
ForceOpt = Annotated[bool, _FORCE]


@app.command(help=N_("Compare agencies side by side (IKU, serapan, quadrant, ranking, trend) from the store."))
def compare(
    year: Annotated[int, typer.Option(help=N_("Report year."))],
    agencies: Annotated[str | None, typer.Option(help=N_("Agency ids, comma-separated (default: all of --pemda, or all)."))] = None,
    pemda: Annotated[str | None, typer.Option(help=N_("Pemda id: compare its agencies."))] = None,
    trend_agency: Annotated[str | None, typer.Option(help=N_("Agency whose trend is shown (default: best ranked)."))] = None,
    trend_indicator: Annotated[str | None, typer.Option(help=N_("Also the trend of one IKU: AGENCY:INDICATOR."))] = None,
    db: DbOpt = Path("output/sakip.duckdb"),
    output: OutputOpt = Path("output"),
    workers: WorkersOpt = 2,
    pdf: PdfOpt = False,
    docx: DocxOpt = False,
    salinan: SalinanOpt = "resmi",
    isolated: IsolatedOpt = False,
    force: ForceOpt = False,
) -> None:
    ids = tuple(a.strip() for a in (agencies or "").split(",") if a.strip())
    _store_report("compare", db_path=db, year=year, pemda_id=pemda, agencies=ids,
                  trend_agency=trend_agency, trend_indicator=trend_indicator,
                  output_root=output, workers=workers, isolated=isolated, force=force,
                  **_documents(salinan, pdf, docx))


@app.command(help=N_("The Bappeda annual summary of every agency of a pemda, from the store."))
def summary(
    pemda: Annotated[str, typer.Option(help=N_("Pemda id (agencies.pemda_id in the store)."))],
    year: Annotated[int, typer.Option(help=N_("Report year."))],
    db: DbOpt = Path("output/sakip.duckdb"),
    output: OutputOpt = Path("output"),
    workers: WorkersOpt = 2,
    pdf: PdfOpt = False,
    docx: DocxOpt = False,
    salinan: SalinanOpt = "resmi",
    isolated: IsolatedOpt = False,
    force: ForceOpt = False,
) -> None:
    _store_report("summary", db_path=db, year=year, pemda_id=pemda, output_root=output,
                  workers=workers, isolated=isolated, force=force,
                  **_documents(salinan, pdf, docx))


@app.command("docx-reference", help=N_("Write the default Word reference document, for a pemda to adapt (params docx_reference)."))
def docx_reference(
    path: Annotated[Path, typer.Argument(help=N_("Reference document to write (.docx)."))],
    force: Annotated[bool, typer.Option("--force", help=N_("Replace an existing file."))] = False,
) -> None:
    from sakip.report.docx import write_reference  # python-docx only for this command

    if path.exists() and not force:
        typer.echo(_("error: {path} exists (use --force to replace it)").format(
            path=path), err=True)
        raise typer.Exit(2)
    write_reference(path)
    typer.echo(_("wrote {path}").format(path=path))


@app.command(help=N_("The Bappeda's quarterly monitoring of every agency of a pemda, from the store."))
def monitor(
    pemda: Annotated[str, typer.Option(help=N_("Pemda id (agencies.pemda_id in the store)."))],
    year: Annotated[int, typer.Option(help=N_("Report year."))],
    triwulan: Annotated[int, typer.Option(help=N_("Quarter monitored (1-4): data s.d. this triwulan."))],
    db: DbOpt = Path("output/sakip.duckdb"),
    output: OutputOpt = Path("output"),
    workers: WorkersOpt = 2,
    pdf: PdfOpt = False,
    docx: DocxOpt = False,
    salinan: SalinanOpt = "resmi",
    isolated: IsolatedOpt = False,
    force: ForceOpt = False,
) -> None:
    _store_report("monitor", db_path=db, year=year, pemda_id=pemda, triwulan=triwulan,
                  output_root=output, workers=workers, isolated=isolated, force=force,
                  **_documents(salinan, pdf, docx))


@app.command(help=N_("Benchmarks of rendering against a floor they compute (docs/BENCHMARKS.md; make bench)."))
def bench(
    quick: Annotated[bool, typer.Option("--quick", help=N_("Two rounds, no Dask run."))] = False,
    rounds: Annotated[int | None, typer.Option(help=N_("Rounds of every measurement."))] = None,
    no_docs: Annotated[bool, typer.Option("--no-docs", help=N_("Do not rewrite docs/BENCHMARKS.md."))] = False,
) -> None:
    from sakip.report.bench import main as run_bench  # the benchmark's imports, only here

    argv = (["--quick"] if quick else []) + (["--rounds", str(rounds)] if rounds else []) + \
        (["--no-docs"] if no_docs else [])
    raise typer.Exit(run_bench(argv))


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; exit 0 on success, 1 on input problems, 2 on file errors, 3 on bugs.

    The language is chosen first (``--lang``, else ``SAKIP_LANG`` or the locale), then the
    commands are built with their help in that language."""
    args = list(sys.argv[1:] if argv is None else argv)
    set_language(language_from_environment())
    try:
        language, args = take_language(args)
    except ValueError as exc:
        typer.echo(_("error: {message}").format(message=exc), err=True)
        sys.exit(2)
    set_language(language or language_from_environment())
    try:
        code = build_command()(args=args, prog_name="sakip", standalone_mode=False)
    except InputError as exc:
        typer.echo(exc.report(), err=True)
        sys.exit(1)
    except typer.Abort:
        typer.echo(_("aborted"), err=True)
        sys.exit(1)
    except typer.TyperException as exc:  # usage errors: missing argument, unknown option ...
        _show_usage_error(exc)
        sys.exit(exc.exit_code)
    except (FileNotFoundError, PermissionError, IsADirectoryError, FileExistsError,
            NotADirectoryError) as exc:
        typer.echo(_("error: {message}").format(message=_os_message(exc)), err=True)
        sys.exit(2)
    except OSError as exc:
        typer.echo(_("error: {message}").format(message=_os_message(exc)), err=True)
        sys.exit(2)
    except (DestinationError, LimitError) as exc:
        typer.echo(_("error: {message}").format(message=exc), err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the promise: no traceback, ever
        message = str(exc).splitlines()[0] if str(exc) else ""
        typer.echo(_("internal error: {kind}: {message}").format(kind=type(exc).__name__,
                                                                message=message), err=True)
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)


# --- the language of the interface (docs/I18N.md) -----------------------------------------------


def take_language(args: list[str]) -> tuple[str | None, list[str]]:
    """The ``--lang`` option (``--lang en`` or ``--lang=en``, anywhere before ``--``) and the
    arguments without it; :class:`ValueError` for a language sakip does not speak."""
    language = None
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang" or arg.startswith("--lang="):
            if arg == "--lang":
                if i + 1 >= len(args):
                    raise ValueError(_("--lang needs a value: {languages}").format(
                        languages=", ".join(LANGUAGES)))
                value, i = args[i + 1], i + 2
            else:
                value, i = arg.split("=", 1)[1], i + 1
            if value.strip().lower() not in LANGUAGES:
                raise ValueError(_("unknown language '{language}' for --lang: use {languages}")
                                 .format(language=value, languages=_(" or ").join(LANGUAGES)))
            language = value.strip().lower()
            continue
        rest.append(arg)
        i += 1
    return language, rest


@app.callback()
def _options(
    lang: Annotated[Optional[str], typer.Option(
        "--lang", metavar="id|en", help=N_("Language of the messages: id (Indonesian, the "
        "default) or en (English); also SAKIP_LANG or an English locale. Before or after the "
        "command."))] = None,
) -> None:
    # main() takes --lang out of the arguments before the commands are built (their help is in
    # the language chosen); this option is here for the help page and for callers of ``app``.
    if lang is not None and lang in ("id", "en"):
        set_language(lang)


def build_command():
    """The click command of :data:`app` with every help text in the current language."""
    from sakip.i18n import toolkit  # click's own texts: only when the command is built

    toolkit.install()
    command = typer.main.get_command(app)
    _translate_help(command)
    return command


class _HelpValues(dict):
    """Values put into help texts when they are shown; other braces are left as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_HELP_VALUES = _HelpValues(max_capaian=int(defaults.MAX_CAPAIAN))


def _translate_help(command) -> None:
    for item in [command, *getattr(command, "params", ())]:
        for attribute in ("help", "short_help"):
            text = getattr(item, attribute, None)
            if isinstance(text, str) and text:
                text = _(text)
                if "{" in text:
                    text = text.format_map(_HELP_VALUES)
                setattr(item, attribute, text)
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub)


def _show_usage_error(exc) -> None:
    """A usage error as click shows it (usage line, hint, message), in the current language."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        exc.show()  # the help page
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        typer.echo(f"{ctx.get_usage()}\n{hint}", err=True)
    typer.echo(_("Error: {message}").format(message=_usage_message(exc)), err=True)


def _usage_message(exc) -> str:
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    if kind == "MissingParameter":
        hint = _param_hint(exc)
        if getattr(param, "param_type_name", "") == "option":
            return _("Missing option {name}.").format(name=hint)
        return _("Missing argument {name}.").format(name=hint)
    if kind == "NoSuchOption":
        message = _("No such option: {name}").format(name=exc.option_name)
        if getattr(exc, "possibilities", None):
            message += " " + _("(Possible options: {options})").format(
                options=", ".join(sorted(exc.possibilities)))
        return message
    message = getattr(exc, "message", None) or str(exc)
    if kind == "BadParameter":
        hint = _param_hint(exc)
        if hint:
            return _("Invalid value for {param_hint}: {message}").format(
                param_hint=hint, message=_(message))
        return _("Invalid value: {message}").format(message=_(message))
    prefix = "Got unexpected extra argument(s) ("
    if message.startswith(prefix) and message.endswith(")"):
        return _("Got unexpected extra argument(s) ({args})").format(args=message[len(prefix):-1])
    return _(message)


def _param_hint(exc) -> str:
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        try:
            hint = param.get_error_hint(exc.ctx)
        except TypeError:  # typer's own click takes no context
            hint = param.get_error_hint()
    if hint is None:
        return ""
    if not isinstance(hint, str):
        hint = " / ".join(repr(h) for h in hint)
    return hint


def _os_message(exc: OSError) -> str:
    if exc.filename and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


if __name__ == "__main__":  # pragma: no cover
    main()
