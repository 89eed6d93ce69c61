"""The layers of docs/ARCHITECTURE.md hold in the code: the import-linter contracts pass and
name the documented layers, no module imports itself in a cycle, no private name is imported
across modules, and every import inside a function says why it is there."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

from support import ROOT

LIB = ROOT / "lib"


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    return [name.strip() for layer in layers for name in layer.split("|")]


def _documented_layers() -> list[str]:
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = doc.split("<!-- layers:begin -->", 1)[1].split("<!-- layers:end -->", 1)[0]
    names = []
    for line in table.splitlines()[2:]:
        if line.startswith("|"):
            first = re.split(r"(?<!\\)\|", line)[1]
            names += re.findall(r"`(sakip(?:\.[a-z_0-9]+)?)`", first)
    return names


def test_the_documented_layers_are_the_contract_layers():
    assert _documented_layers() == _contract_layers()


def test_every_package_is_in_a_layer():
    layers = set(_contract_layers())
    packages = {f"sakip.{p.name}" for p in (LIB / "sakip").iterdir()
                if (p / "__init__.py").exists() or (p.suffix == ".py" and p.name != "__init__.py")}
    packages = {p.removesuffix(".py") for p in packages}
    assert packages == layers, f"not in a layer: {packages - layers}; no such package: {layers - packages}"


def test_the_layer_contracts_pass():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    run = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def _cycles() -> list[list[str]]:
    graph = grimp.build_graph("sakip")
    modules = sorted(graph.modules)
    edges = {m: sorted(set(graph.find_modules_directly_imported_by(m)) & set(modules)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    for module in modules:
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles():
    assert _cycles() == []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(LIB).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources():
    for path in sorted((LIB / "sakip").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        yield path, text, ast.parse(text)


def test_no_private_name_is_imported_across_modules():
    problems = []
    for path, _text, tree in _sources():
        me = _module_name(path)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sakip")):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            # `_` is gettext's conventional name for translating (sakip.i18n), not a private one
            problems += [f"{where} imports {a.name} from {node.module}"
                         for a in node.names if a.name.startswith("_") and a.name != "_"]
            parts = node.module.split(".")
            for i, part in enumerate(parts):
                owner = ".".join(parts[:i])
                if part.startswith("_") and not me.startswith(owner + "."):
                    problems.append(f"{where} imports the private module {node.module}")
    assert problems == []


def test_imports_inside_functions_say_why():
    problems = []
    for path, text, tree in _sources():
        lines = text.splitlines()
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    line, before = lines[node.lineno - 1], lines[node.lineno - 2]
                    if "#" not in line and not before.strip().startswith("#"):
                        problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {line.strip()}")
    assert problems == [], "give each function-local import a one-line reason:\n" + "\n".join(problems)
