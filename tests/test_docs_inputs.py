"""docs/INPUTS.md documents every table and column of the schema, and its generated column
reference is up to date."""

from __future__ import annotations

from sakip.inputs.reference import DOC, column_reference, current_block
from sakip.model.schema import TABLES


def test_every_table_and_column_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = []
    for spec in TABLES:
        if f"### `{spec.name}`" not in text:
            missing.append(spec.name)
        section = text.split(f"### `{spec.name}`", 1)[-1].split("\n### ", 1)[0]
        missing += [f"{spec.name}.{c}" for c in spec.columns if f"| `{c}` |" not in section]
    assert not missing, f"docs/INPUTS.md lacks {missing}; run python -m sakip.inputs.reference --write"


def test_generated_reference_is_current():
    current = current_block(DOC.read_text(encoding="utf-8"))
    assert current == column_reference(), (
        "docs/INPUTS.md is out of date: run .venv/bin/python -m sakip.inputs.reference --write")


def test_commands_are_documented():
    text = DOC.read_text(encoding="utf-8")
    for command in ("sakip template", "sakip validate", "sakip convert"):
        assert command in text
