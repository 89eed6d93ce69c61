"""The floor of the benchmarks (lib/sakip/report/bench.py): chapter code cells in plain Python.

``python bench/floor.py SPECS.json [PART PARTS]``: SPECS.json lists reports as
``{"notebooks": [paths], "parameters": {...}}`` (what a render passes to each chapter). Each
chapter's code cells, all but its ``parameters`` cell, run in a fresh namespace of this one
process; each cell's last expression and every ``display(...)`` produce the MIME bundle a kernel
would show. No kernel, no IPython shell, no papermill, no notebook written, no page assembled:
this script imports nothing but the standard library; the cells import what they use. With
PART and PARTS, only the reports whose index is PART modulo PARTS (for a floor in parallel).
Prints the number of outputs produced.
"""

import ast
import json
import os
import sys
from pathlib import Path


def bundle(obj):
    if obj is None:
        return None
    method = getattr(obj, "_repr_mimebundle_", None)
    data = dict(method()) if callable(method) else {}
    data["text/plain"] = repr(obj)
    return data


def run_notebook(path, parameters, outputs):
    def display(*objs, raw=False, **_kwargs):
        for obj in objs:
            data = dict(obj) if raw else bundle(obj)
            if data is not None:
                outputs.append(data)

    if "IPython.display" in sys.modules:  # the components' show() reaches display through it
        sys.modules["IPython.display"].display = display
    namespace = {"__name__": "__main__", "display": display, **parameters}
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
            continue
        source = "".join(cell["source"])
        if "show(" in source and "IPython.display" not in sys.modules:
            import IPython.display  # what show() imports: part of the chapter's work

            IPython.display.display = display
        tree = ast.parse(source)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, str(path), "exec"), namespace)
        if last is not None:
            display(eval(compile(last, str(path), "eval"), namespace))


def main():
    specs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    part, parts = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (0, 1)
    os.chdir(Path(__file__).resolve().parents[1])  # where papermill runs the chapters
    outputs = []
    for index, spec in enumerate(specs):
        if index % parts == part:
            for path in spec["notebooks"]:
                run_notebook(path, spec["parameters"], outputs)
    print(json.dumps({"outputs": len(outputs)}))


if __name__ == "__main__":
    main()
