"""The in-process engine gives the notebook a kernel gives, and leaves the process as it found it."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from support import run_python

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "engine"
PARAMETERS = {"agency_id": "y", "year": 2025, "data_path": "d", "options_json": '{"a": 1}'}

#: Written by papermill or nbclient with the time of the run, or the output path.
VOLATILE_NB = {"start_time", "end_time", "duration", "output_path"}
VOLATILE_CELL = {"start_time", "end_time", "duration"}


def comparable(path: Path) -> dict:
    """An executed notebook without what differs from run to run (times, the output path, the
    process id in the file name a kernel gives each cell)."""
    text = re.sub(r"/tmp/ipykernel_[0-9]+/", "/tmp/ipykernel_PID/", path.read_text(encoding="utf-8"))
    nb = json.loads(text)
    for key in VOLATILE_NB:
        nb["metadata"]["papermill"].pop(key, None)
    for cell in nb["cells"]:
        if {"injected-parameters", "papermill-error-cell-tag"} & set(cell["metadata"].get("tags", [])):
            cell.pop("id", None)  # a new cell: a random id
        for key in VOLATILE_CELL:
            cell["metadata"].get("papermill", {}).pop(key, None)
        execution = cell["metadata"].get("execution")
        if execution is not None:
            cell["metadata"]["execution"] = sorted(execution)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":  # traceback frames name the process's files
                output["traceback"] = len(output["traceback"]) > 0
    return nb


def run(notebook: Path, output: Path, engine: str | None, allow_errors: bool = False):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from sakip.report import engine as sakip_engine

    if engine == "sakip":
        sakip_engine.register()
    kwargs = {"shutdown_kernel": "immediate"} if engine is None else {}
    try:
        papermill.execute_notebook(str(notebook), str(output), parameters=PARAMETERS,
                                   engine_name=engine, kernel_name="python3", progress_bar=False,
                                   request_save_on_cell_execute=False, cwd=str(ROOT), **kwargs)
    except PapermillExecutionError:
        if not allow_errors:  # a cell tagged raises-exception still fails the run, at its end
            raise


def in_process(notebook: Path, out: Path) -> list[dict]:
    """Run ``notebook`` twice with the engine in a fresh process, as a worker does; the process
    state before and after each run."""

    result = run_python(str(FIXTURES / "run_in_process.py"), str(notebook), str(out),
                        json.dumps(PARAMETERS), cwd=ROOT, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The fixture notebook run by a kernel, and twice by the engine in one process (the second
    run shows that nothing of the first is left over)."""
    out = tmp_path_factory.mktemp("engine")
    run(FIXTURES / "outputs.ipynb", out / "kernel.ipynb", None, allow_errors=True)
    return out, in_process(FIXTURES / "outputs.ipynb", out)


@pytest.mark.slow
def test_in_process_outputs_equal_the_kernel_outputs(both):
    out, _ = both
    kernel = comparable(out / "kernel.ipynb")
    for name in ("first.ipynb", "second.ipynb"):
        fast = comparable(out / name)
        for i, (a, b) in enumerate(zip(kernel["cells"], fast["cells"])):
            assert a == b, f"{name}: cell {i} differs"
        assert kernel == fast


@pytest.mark.slow
def test_the_process_is_restored_after_a_notebook(both):
    _, states = both
    assert states[0] == states[1] == states[2]
    assert "SAKIP_ENGINE_FIXTURE" not in states[2]["environ"]
    assert states[2]["linewidth"] != 7 and states[2]["figures"] == []


@pytest.mark.slow
def test_every_output_kind_is_there(both):
    out, _ = both
    cells = comparable(out / "second.ipynb")["cells"]
    kinds = [o["output_type"] for c in cells for o in c.get("outputs", [])]
    assert {"stream", "display_data", "execute_result", "error"} <= set(kinds)
    streams = [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "stream"]
    assert any("careful" in "".join(o["text"]) and o["name"] == "stderr" for o in streams)
    # the allowed error does not stop the notebook; a fresh namespace: execution counts from 1
    assert cells[-1]["outputs"][0]["data"]["text/plain"] == ["'after the allowed error'"]
    assert cells[0]["cell_type"] == "markdown"  # papermill's error banner comes first
    assert [c["execution_count"] for c in cells if c["cell_type"] == "code"][:3] == [1, 2, 3]


@pytest.mark.slow
def test_a_failing_cell_fails_the_same_way(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    errors = []
    for engine in (None, "sakip"):
        with pytest.raises(PapermillExecutionError) as info:
            run(FIXTURES / "failing.ipynb", tmp_path / f"{engine}.ipynb", engine)
        errors.append((info.value.cell_index, info.value.ename, info.value.evalue))
    assert errors[0] == errors[1] == (errors[0][0], "KeyError", "'missing'")
    assert comparable(tmp_path / "None.ipynb") == comparable(tmp_path / "sakip.ipynb")


def test_engine_entry_point_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["entry-points"]["papermill.engine"]["sakip"]
    module, _, name = target.partition(":")
    import importlib

    engine = getattr(importlib.import_module(module), name)
    assert hasattr(engine, "execute_notebook") and hasattr(engine, "nb_kernel_name")


def test_importing_the_engine_is_light():

    code = ("import sys; import sakip.report.engine; "
            "print(sorted(m for m in ('IPython', 'pandas', 'matplotlib', 'papermill') "
            "if m in sys.modules))")
    result = run_python("-c", code, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("msg", [
    {"header": {"msg_type": "display_data"}, "content": {
        "data": {"text/html": "<p>x</p>", "application/vnd.sakip.element+json": {"rows": [[1, {"a": None}]]}},
        "metadata": {"m": {"q": 1}}, "transient": {}}},
    {"header": {"msg_type": "execute_result"},
     "content": {"data": {"text/plain": "1"}, "metadata": {}, "execution_count": 3}},
    {"header": {"msg_type": "stream"}, "content": {"name": "stderr", "text": "hi\n"}},
    {"header": {"msg_type": "error"}, "content": {"ename": "E", "evalue": "v", "traceback": ["a"]}},
])
def test_outputs_are_built_as_nbformat_builds_them(msg):
    from nbformat.v4 import output_from_msg as reference

    from sakip.report.engine import output_from_msg

    built, expected = output_from_msg(msg), reference(msg)
    assert built == expected and type(built) is type(expected)
    for key in ("data", "metadata"):
        if key in expected:
            assert type(built[key]) is type(expected[key])


def test_an_invalid_bundle_fails_as_with_a_kernel():
    from nbformat import ValidationError

    from sakip.report.engine import output_from_msg

    with pytest.raises(ValidationError):
        output_from_msg({"header": {"msg_type": "display_data"},
                         "content": {"data": {"text/html": {"not": "text"}}, "metadata": {}}})


def test_store_workbook_takes_the_report_time(tmp_path):
    import zipfile
    from datetime import datetime, timezone

    from openpyxl import Workbook

    from sakip.report.reproducible import stamp_workbook

    paths = []
    for name in ("a.xlsx", "b.xlsx"):
        workbook = Workbook()
        workbook.active.append(["Tabel 1.1", 3])
        workbook.save(tmp_path / name)
        stamp_workbook(tmp_path / name, datetime(2025, 3, 31, 8, 0, tzinfo=timezone.utc))
        paths.append(tmp_path / name)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    with zipfile.ZipFile(paths[0]) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2025, 3, 31, 8, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2025-03-31T08:00:00Z") == 2


def test_the_formatter_shortcut_gives_ipythons_result():
    """Elements are formatted without asking every formatter, with the same result as IPython's
    own path; other objects, and an element whose class gets a printer registered, take
    IPython's path."""
    from IPython.core.formatters import DisplayFormatter

    from sakip.components import elements as el
    from sakip.report import engine as sakip_engine

    formatter = sakip_engine.runner().shell.display_formatter
    objects = [el.Heading("Judul", 2), el.Paragraphs("satu", "dua"), el.Callout("catatan"),
               el.Table("Tabel", (el.Column("A"),), (("1",),)), el.BulletList(("a", "b")),
               el.Chart("Grafik", b"\x89PNG\r\n", "alt"), el.KpiCards((("Capaian", "93,75%"),)),
               el.Narrative("teks\n\nparagraf"), el.Signature("Kota, 1 Januari 2025", "Kepala",
                                                              "Nama"),
               el.Figure("Bagan", "<b>x</b>", "x")]
    for obj in objects:
        assert formatter._fast_format(obj) is not None, type(obj).__name__
        assert formatter.format(obj) == DisplayFormatter.format(formatter, obj)
    import pandas as pd

    for other in (1, "teks", [1, 2], pd.DataFrame({"a": [1]})):
        assert formatter._fast_format(other) is None
    html = formatter.formatters["text/html"]
    html.for_type(el.Heading, lambda obj: "<p>didaftarkan</p>")
    try:
        assert formatter._fast_format(el.Heading("Judul", 2)) is None
    finally:
        html.pop(el.Heading)
    assert formatter._fast_format(el.Heading("Judul", 2)) is not None


def test_papermill_is_imported_without_the_unused_format_checkers():
    """nbformat's schemas declare no string format: jsonschema's optional checkers (a grammar
    built at import, arrow and its locales) are kept out, and notebooks still validate."""

    code = ("import sys; from sakip.report.engine import lighten_imports; lighten_imports(); "
            "import papermill, nbformat; nb = nbformat.v4.new_notebook(); "
            "nbformat.validate(nb); nb.cells.append({'cell_type': 'code'}); "
            "bad = nbformat.validator.iter_validate(nb); "
            "print(sorted(m for m in ('rfc3987_syntax', 'isoduration', 'arrow') "
            "if sys.modules.get(m) is not None), len(list(bad)) > 0)")
    run = run_python("-c", code)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["[]", "True"]


def test_cells_are_named_as_a_kernel_names_them():
    from ipykernel.compiler import get_file_name

    from sakip.report import engine as sakip_engine

    compile_ = sakip_engine.runner().shell.compile
    for code in ("x = 1", "display(x)\n", "ü = 'ä'\n" * 3):
        assert compile_.get_code_name(code, code, 1) == get_file_name(code)
        assert compile_.get_code_name(code, code, 2) == get_file_name(code)  # cached
