"""Every chapter notebook is thin: it declares the four parameters, imports only sakip, shows
views, computes nothing, and is committed without outputs."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import papermill
import pytest

from sakip.report.chapters import CHAPTER_PARAMETERS, NOTEBOOK_DIR, REPORTS

NOTEBOOKS = sorted(NOTEBOOK_DIR.rglob("*.ipynb"))
ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


def test_every_registered_chapter_notebook_exists_or_is_pending():
    registered = {c.path for chapters in REPORTS.values() for c in chapters}
    assert {p for p in NOTEBOOKS if "summary" not in p.parts and "compare" not in p.parts} <= registered | {
        p for p in NOTEBOOKS if p.parent.name not in {"lkjip", "pengukuran"}}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(NOTEBOOK_DIR)))
def test_declares_exactly_the_chapter_parameters(path: Path):
    declared = tuple(papermill.inspect_notebook(str(path)).keys())
    assert set(declared) == set(CHAPTER_PARAMETERS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(NOTEBOOK_DIR)))
def test_presents_only(path: Path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not cell.get("outputs"), f"{path.name}: commit notebooks without outputs"
        if "parameters" in cell.metadata.get("tags", []):
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                assert module.split(".")[0] == "sakip", f"{path.name}: imports {module}"
            assert not (isinstance(node, ast.BinOp) and isinstance(node.op, ARITHMETIC)), \
                f"{path.name}: arithmetic belongs in sakip.analysis.indicators"
            assert not isinstance(node, (ast.Lambda, ast.FunctionDef, ast.ClassDef)), \
                f"{path.name}: logic belongs in the library"


@pytest.fixture(scope="module")
def store_for_defaults():
    """The store the compare and summary notebooks read by default (output/sakip.duckdb)."""
    from sakip.report.chapters import PROJECT_ROOT

    store = PROJECT_ROOT / "output" / "sakip.duckdb"
    from sakip.store.database import ingest

    ingest(PROJECT_ROOT / "data", store)
    return store


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(NOTEBOOK_DIR)))
def test_runs_as_it_is_with_papermill_and_no_parameters(path: Path, tmp_path, store_for_defaults):
    """Run All with the notebook's own defaults, from the repository root (papermill's default
    working directory here) and from the notebook's folder (Jupyter's)."""
    from sakip.report.chapters import PROJECT_ROOT

    for cwd in (PROJECT_ROOT, path.parent):
        out = tmp_path / f"{path.stem}.ipynb"
        papermill.execute_notebook(str(path), str(out), cwd=str(cwd), progress_bar=False,
                                   kernel_name="python3")
        executed = nbformat.read(out, as_version=4)
        shown = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])
                 if o.get("output_type") in ("display_data", "execute_result")]
        assert shown, f"{path.name} shows nothing with its default parameters"
