"""docs/MENYUSUN-LKJIP.md (the walkthrough in Indonesian) kept true: its commands are run.

The doc marks what the test does with HTML comments (invisible on GitHub):

``<!-- walkthrough:run -->`` / ``<!-- walkthrough:run exit=1 -->``
    before a ```` ```bash ```` block: every line is one ``sakip ...`` command (a ``# comment``
    may follow). The commands run in order, in one temporary folder, through the venv's python
    (``python -m sakip.cli``); each must exit with the code given (default 0).
``<!-- walkthrough:output -->``
    before a ```` ```text ```` block: an excerpt of the output (stdout and stderr) of the run
    block just above. Its lines must appear in the output in that order, each equal to a whole
    output line (leading and trailing spaces aside); ``…`` inside a line stands for any text,
    a line ``…`` alone marks lines left out. A ``wrote PATH`` line of the output must name a
    file that exists.
``<!-- walkthrough:sheet NAME -->``
    before a Markdown table: the rows the analyst types into sheet NAME of the workbook, from
    row 3 down (row 2 is the template's ``contoh:`` row); only the table's columns are filled,
    by name. Sheet ``profile`` takes a ``field | value`` table (column ``value`` beside the field).
``<!-- walkthrough:set SHEET ROW COLUMN [VALUE] -->``
    one cell changed (emptied without VALUE): a typing mistake shown, then corrected.
``<!-- walkthrough:summary -->``
    before a ```` ```bash ```` block: the commands at a glance, not run; each must be one of the
    commands that are run, so the two places cannot drift apart.

The sheet and set steps apply to the one ``.xlsx`` workbook in the folder at that point. Every
```` `output/...` ```` path the doc names must exist after the run.

The output excerpts live in the doc only (one place to update when a message changes); the
few lines the doc must keep quoting, whatever else changes, are ``KEY_EXCERPTS`` below.

``SAKIP_WALKTHROUGH_IMAGES=1`` also rewrites the doc's screenshots (docs/img/walkthrough-*.png)
from the report this run rendered (needs /usr/bin/chromium and pdftoppm); review them by eye.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sakip.model.schema import BY_NAME, PROFILE, PROFILE_SHEET_COLUMNS, TABLES
from support import ROOT

DOC = ROOT / "docs" / "MENYUSUN-LKJIP.md"
IMG = ROOT / "docs" / "img"
MAX_IMAGE_BYTES = 300_000
ELLIPSIS = "…"

#: Lines the doc's output excerpts must keep showing: the outcomes a reader relies on (a clean
#: validation, a clean audit, the documents written). Update here and in the doc together.
KEY_EXCERPTS = (
    "OK: Dinas Perpustakaan dan Kearsipan, 7 tabel, 26 baris",
    "Audit konsistensi contoh-dispusip: 0 temuan (0 error, 0 warning, 0 info)",
    "ditulis: …/output/contoh-dispusip/2024/lkjip/lkjip-contoh-dispusip-2024.pdf",
    "ditulis: …/output/contoh-dispusip/2024/lkjip/lkjip-contoh-dispusip-2024.docx",
)

MARKER = re.compile(r"^<!--\s*walkthrough:(\w+)\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^```(\w*)\s*$")


@dataclass
class Step:
    kind: str                      # run, output, sheet, set, summary, file
    line: int                      # line of the marker in the doc (1-based)
    args: str = ""
    lines: list[str] = field(default_factory=list)   # the block's or table's lines


def parse(text: str) -> list[Step]:
    """The marked steps of the doc, in order, each with the block or table that follows it."""
    lines = text.splitlines()
    steps: list[Step] = []
    index = 0
    while index < len(lines):
        match = MARKER.match(lines[index].strip())
        index += 1
        if not match:
            continue
        step = Step(match.group(1), index, match.group(2))
        if step.kind == "set":
            steps.append(step)
            continue
        while index < len(lines) and not lines[index].strip():
            index += 1
        if step.kind == "sheet":
            while index < len(lines) and lines[index].lstrip().startswith("|"):
                step.lines.append(lines[index].strip())
                index += 1
            assert step.lines, f"line {step.line}: walkthrough:sheet is not followed by a table"
        else:
            fence = FENCE.match(lines[index]) if index < len(lines) else None
            assert fence, f"line {step.line}: walkthrough:{step.kind} is not followed by a code block"
            wanted = {"output": "text", "file": "yaml"}.get(step.kind, "bash")
            assert fence.group(1) == wanted, f"line {step.line}: expected a ```{wanted} block"
            index += 1
            while index < len(lines) and not lines[index].startswith("```"):
                step.lines.append(lines[index])
                index += 1
            index += 1
        assert step.kind in ("run", "output", "sheet", "summary", "file"), \
            f"line {step.line}: unknown marker walkthrough:{step.kind}"
        steps.append(step)
    return steps


def commands(step: Step) -> list[list[str]]:
    """The argument lists of a run or summary block (comments and blank lines left out)."""
    result = []
    for line in step.lines:
        argv = shlex.split(line, comments=True)
        if argv:
            assert argv[0] == "sakip", f"line {step.line}: only sakip commands run here: {line!r}"
            result.append(argv)
    assert result, f"line {step.line}: a command block without commands"
    return result


def table(step: Step) -> tuple[list[str], list[list[str]]]:
    """A Markdown table as its header and rows of cell texts (the separator row left out)."""
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in step.lines]
    header, body = cells[0], [row for row in cells[2:]]
    assert set(cells[1][0]) <= set("-: "), f"line {step.line}: no separator row"
    for row in body:
        assert len(row) == len(header), f"line {step.line}: a row of {len(row)} cells: {row}"
    return header, body


def excerpt_matches(expected: list[str], output: str) -> str | None:
    """None when the excerpt's lines appear in the output in order, else what is missing."""
    got = [line.strip() for line in output.splitlines()]
    position = 0
    for line in (line.strip() for line in expected):
        if not line or line == ELLIPSIS:
            continue
        pattern = re.compile(".*".join(re.escape(part) for part in line.split(ELLIPSIS)))
        for found in range(position, len(got)):
            if pattern.fullmatch(got[found]):
                position = found + 1
                break
        else:
            return line
    return None


# --- the doc itself (fast) -----------------------------------------------------------------------

STEPS = parse(DOC.read_text(encoding="utf-8"))
RUNS = [argv for step in STEPS if step.kind == "run" for argv in commands(step)]


def test_the_doc_has_every_step_of_the_walkthrough():
    kinds = [step.kind for step in STEPS]
    run_words = {argv[1] for argv in RUNS}
    assert {"new", "validate", "audit", "render"} <= run_words
    assert any("--pdf" in argv and "--docx" in argv for argv in RUNS)
    assert kinds.count("summary") == 1 and "sheet" in kinds
    for index, step in enumerate(STEPS):
        if step.kind == "output":
            assert index and STEPS[index - 1].kind == "run", \
                f"line {step.line}: an output block must follow a run block"


def test_the_summary_lists_only_commands_that_are_run():
    summary = next(step for step in STEPS if step.kind == "summary")
    for argv in commands(summary):
        assert argv in RUNS, f"the summary's {shlex.join(argv)!r} is not run by the walkthrough"


def test_sheet_tables_name_real_columns_in_the_sheets_order():
    """The doc's tables use the names the analyst sees in the workbook: the Indonesian names of
    the columns (and of the profile's fields); ``walkthrough:sheet`` names the table's key."""
    columns = {spec.name: [spec.labels[c] for c in spec.columns] for spec in TABLES}
    for step in (s for s in STEPS if s.kind == "sheet"):
        header, body = table(step)
        if step.args == PROFILE.name:
            assert header == [PROFILE_SHEET_COLUMNS["field"], PROFILE_SHEET_COLUMNS["value"]], \
                f"line {step.line}"
            unknown = {row[0] for row in body} - set(PROFILE.labels.values())
            assert not unknown, f"line {step.line}: not profile fields: {unknown}"
            continue
        assert step.args in columns, f"line {step.line}: no sheet {step.args!r}"
        sheet = columns[step.args]
        assert set(header) <= set(sheet), f"line {step.line}: {set(header) - set(sheet)}"
        assert header == sorted(header, key=sheet.index), \
            f"line {step.line}: columns not in the order of sheet {step.args}: {sheet}"


def test_the_key_excerpts_are_quoted_in_the_doc():
    quoted = {line.strip() for step in STEPS if step.kind == "output" for line in step.lines}
    for line in KEY_EXCERPTS:
        assert line in quoted, f"the doc no longer quotes {line!r} in an output block"


def test_an_excerpt_matches_whole_lines_in_order_with_ellipses():
    output = "ditulis: /tmp/x/output/a.html\n  OK: Dinas A, 7 tables, 26 rows\n12 problems in the input\n"
    assert excerpt_matches(["ditulis: …/output/a.html", "…", "12 problems in the input"], output) is None
    assert excerpt_matches(["OK: Dinas A, 7 tables, 26 rows"], output) is None
    assert excerpt_matches(["OK: Dinas A, 7 tables, 25 rows"], output) == "OK: Dinas A, 7 tables, 25 rows"
    assert excerpt_matches(["OK: Dinas A"], output) == "OK: Dinas A"          # a whole line
    assert excerpt_matches(["12 problems in the input", "ditulis: …"], output) == "ditulis: …"  # order


def test_screenshots_exist_and_are_small():
    images = re.findall(r"!\[[^\]]*\]\((img/[^)]+\.png)\)", DOC.read_text(encoding="utf-8"))
    assert len(images) >= 2
    for name in images:
        path = DOC.parent / name
        assert path.is_file(), f"{name} is referenced but missing"
        assert path.stat().st_size <= MAX_IMAGE_BYTES, f"{name} is larger than ~300 KB"


# --- the walkthrough run (slow: it renders the report, its PDF and Word document) ---------------

@dataclass
class Run:
    folder: Path
    outputs: list[tuple[Step, str, str]]     # (run step, command line, output) in order


def _workbook(folder: Path) -> Path:
    books = sorted(folder.glob("*.xlsx"))
    assert len(books) == 1, f"expected one workbook in the folder, found {books}"
    return books[0]


def _type_sheet(book: Path, step: Step) -> None:
    from openpyxl import load_workbook

    header, body = table(step)
    workbook = load_workbook(book)
    sheet = workbook[BY_NAME[step.args].sheet_label]
    if step.args == PROFILE.name:
        rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
        for name, value in body:
            sheet.cell(rows[name], 2).value = value or None
    else:
        names = [cell.value for cell in sheet[1]]
        # as the doc says: the example rows are deleted, the data typed from row 2
        examples = [row for row in range(2, sheet.max_row + 1)
                    if str(sheet.cell(row, 1).value or "").startswith("contoh:")]
        assert examples, "the sheet has no example row any more: update the doc"
        for row in reversed(examples):
            sheet.delete_rows(row)
        for offset, row in enumerate(body):
            for column, value in zip(header, row):
                if value:
                    sheet.cell(2 + offset, names.index(column) + 1).value = value
    workbook.save(book)


def _set_cell(book: Path, step: Step) -> None:
    from openpyxl import load_workbook

    parts = step.args.split(maxsplit=3)
    assert len(parts) >= 3, f"line {step.line}: walkthrough:set SHEET ROW COLUMN [VALUE]"
    spec, row, column = BY_NAME[parts[0]], int(parts[1]), parts[2]
    workbook = load_workbook(book)
    sheet = workbook[spec.sheet_label]
    names = [cell.value for cell in sheet[1]]
    sheet.cell(row, names.index(spec.labels[column]) + 1).value = (
        parts[3] if len(parts) == 4 else None)
    workbook.save(book)


def _sakip(argv: list[str], folder: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        filter(None, [str(ROOT / "lib"), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "sakip.cli", *argv[1:]], cwd=folder, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=900)


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory) -> Run:
    folder = tmp_path_factory.mktemp("lkjip")
    outputs: list[tuple[Step, str, str]] = []
    for step in STEPS:
        if step.kind == "sheet":
            _type_sheet(_workbook(folder), step)
        elif step.kind == "set":
            _set_cell(_workbook(folder), step)
        elif step.kind == "file":  # a file the analyst writes, as the doc shows it
            (folder / step.args).write_text("\n".join(step.lines) + "\n", encoding="utf-8")
        elif step.kind == "run":
            expected = int(step.args.partition("exit=")[2] or 0)
            text = ""
            for argv in commands(step):
                done = _sakip(argv, folder)
                assert done.returncode == expected, (
                    f"doc line {step.line}: `{shlex.join(argv)}` exited {done.returncode}, "
                    f"the doc says {expected}:\n{done.stdout}")
                text += done.stdout
            outputs.append((step, shlex.join(argv), text))
    run = Run(folder, outputs)
    if os.environ.get("SAKIP_WALKTHROUGH_IMAGES") == "1":
        _screenshots(run)
    return run


@pytest.mark.slow
def test_every_command_exits_as_the_doc_says(walkthrough):
    assert len(walkthrough.outputs) == sum(1 for step in STEPS if step.kind == "run")


@pytest.mark.slow
def test_every_quoted_output_is_what_the_command_prints(walkthrough):
    by_step = {id(step): (command, text) for step, command, text in walkthrough.outputs}
    for index, step in enumerate(STEPS):
        if step.kind != "output":
            continue
        command, text = by_step[id(STEPS[index - 1])]
        missing = excerpt_matches(step.lines, text)
        assert missing is None, (f"doc line {step.line}: `{command}` no longer prints "
                                 f"{missing!r}; it printed:\n{text}")


@pytest.mark.slow
def test_the_files_the_commands_and_the_doc_name_exist(walkthrough):
    for _, command, text in walkthrough.outputs:
        for written in re.findall(r"^(?:wrote|ditulis:) (.+)$", text, flags=re.M):
            path = Path(written.strip())
            path = path if path.is_absolute() else walkthrough.folder / path
            assert path.is_file(), f"`{command}` says it wrote {written}, which is missing"
    named = re.findall(r"`(output/[^`\s]+)`", DOC.read_text(encoding="utf-8"))
    assert named
    for name in named:
        assert (walkthrough.folder / name).exists(), f"the doc names {name}, which is not written"
    pdf = walkthrough.folder / "output/contoh-dispusip/2024/lkjip/lkjip-contoh-dispusip-2024.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


# --- screenshots (SAKIP_WALKTHROUGH_IMAGES=1) ----------------------------------------------------

def _screenshots(run: Run) -> None:
    """docs/img/walkthrough-laporan.png (BAB III in the browser) and walkthrough-pdf.png (cover
    and the first BAB III page of the PDF), from the report the walkthrough rendered."""
    from PIL import Image
    from playwright.sync_api import sync_playwright

    folder = run.folder / "output/contoh-dispusip/2024/lkjip"
    page_html = folder / "lkjip-contoh-dispusip-2024.html"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(page_html.as_uri())
        page.wait_for_load_state("load")
        top = page.locator("#bab3-capaian-kinerja-organisasi").bounding_box()
        bottom = page.locator("#tabel-3-2").bounding_box()
        assert top and bottom
        height = min(bottom["y"] + bottom["height"] - top["y"] + 40, 1300)
        page.screenshot(path=str(IMG / "walkthrough-laporan.png"), full_page=True,
                        clip={"x": 0, "y": top["y"] - 20, "width": 1100, "height": height})
        browser.close()
    pdf = folder / "lkjip-contoh-dispusip-2024.pdf"
    bab3 = _pdf_page_with(pdf, "BAB III AKUNTABILITAS KINERJA")
    pages = []
    for number in (1, bab3):
        stem = run.folder / f"page-{number}"
        subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "60", "-f",
                        str(number), "-l", str(number), "-singlefile", str(pdf), str(stem)],
                       check=True)
        pages.append(Image.open(f"{stem}.png").convert("RGB"))
    gap = 16
    sheet = Image.new("RGB", (sum(p.width for p in pages) + gap * 3,
                              max(p.height for p in pages) + gap * 2), (200, 200, 200))
    x = gap
    for image in pages:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    sheet.save(IMG / "walkthrough-pdf.png", optimize=True)


def _pdf_page_with(pdf: Path, heading: str) -> int:
    """The first page holding ``heading`` alone on a line (a chapter title, not a daftar isi entry)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          stdout=subprocess.PIPE, text=True).stdout
    for number, page in enumerate(text.split("\f"), start=1):
        if re.search(rf"^\s*{re.escape(heading)}\s*$", page, flags=re.M):
            return number
    raise AssertionError(f"no page of {pdf.name} starts {heading}")


@pytest.mark.slow
def test_the_params_file_beside_the_workbook_prints_the_signature_date(walkthrough):
    """The doc's params file (a relative data_path, read from the file's folder) gives the
    report the date of signature the doc says it does."""
    page = walkthrough.folder / "output" / "contoh-dispusip" / "2024" / "lkjip" / \
        "lkjip-contoh-dispusip-2024.html"
    assert "Contoh, 20 Januari 2025" in page.read_text(encoding="utf-8")
    assert "Contoh, 20 Januari 2025" in DOC.read_text(encoding="utf-8")
