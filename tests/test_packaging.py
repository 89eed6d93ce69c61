"""README, environment.yml and pyproject.toml agree; every command and option is documented."""

from __future__ import annotations

import re
import tomllib

import yaml

from support import ROOT

CONDA_NAMES = {"duckdb": "python-duckdb", "types-pyyaml": "types-pyyaml"}  # conda-forge names that differ from PyPI's


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirement(spec: str) -> tuple[str, str]:
    match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", spec.strip())
    assert match, spec
    return match.group(1).lower(), match.group(2).replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = _pyproject()["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = dict(_requirement(d) for d in env["dependencies"] if isinstance(d, str))
    assert conda.pop("python") == "=3.11"
    conda.pop("pip")
    expected = {CONDA_NAMES.get(name, name): version for name, version in map(_requirement, wanted)}
    assert conda == expected


def test_python_version_agrees():
    assert _pyproject()["project"]["requires-python"] == ">=3.11"
    assert "PYTHON ?= python3.11" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_cli_command_is_documented():
    from sakip.cli import app

    docs = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    for name in names:
        assert f"sakip {name}" in docs, f"command 'sakip {name}' is not documented"


def test_every_params_field_is_documented():
    from sakip.report.params import ReportParams

    text = (ROOT / "docs" / "PARAMS.md").read_text(encoding="utf-8")
    for field in ReportParams.model_fields:
        assert f"`{field}`" in text, f"params field '{field}' is not documented in docs/PARAMS.md"


def test_changelog_names_the_current_version():
    version = _pyproject()["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+)", changelog, re.MULTILINE)
    assert first and first.group(1) == version, "add a CHANGELOG.md entry for the new version"
