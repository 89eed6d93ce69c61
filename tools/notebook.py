"""Write a chapter notebook from a short text spec (developer tool; the notebooks are the source).

Spec format: cells separated by lines ``%% md``, ``%% code`` or ``%% params``; cell ids are
deterministic (``cell-00`` ...) so that diffs stay small.

    python tools/notebook.py SPEC.txt notebooks/lkjip/04_penutup.ipynb
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def build(spec: str) -> nbformat.NotebookNode:
    cells = []
    for kind, body in re.findall(r"^%% (md|code|params|note)\n(.*?)(?=^%% |\Z)", spec, re.S | re.M):
        body = body.strip("\n")
        if kind == "md":
            cell = new_markdown_cell(body)
        elif kind == "note":
            cell = new_markdown_cell(body, metadata={"tags": ["catatan-penyunting"]})
        elif kind == "params":
            cell = new_code_cell(body, metadata={"tags": ["parameters"]})
        else:
            cell = new_code_cell(body)
        cell["id"] = f"cell-{len(cells):02d}"
        cells.append(cell)
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}})
    return nb


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    nbformat.write(build(source.read_text(encoding="utf-8")), str(target))
