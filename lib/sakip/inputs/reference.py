"""The column reference of docs/INPUTS.md, generated from :mod:`sakip.model.schema` and the models.

Regenerate the block between the markers of docs/INPUTS.md with::

    .venv/bin/python -m sakip.inputs.reference --write
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path

from sakip.i18n import speaking
from sakip.model import rows as m
from sakip.model.schema import PROFILE, TABLES, TableSpec

BEGIN = "<!-- BEGIN GENERATED COLUMN REFERENCE -->"
END = "<!-- END GENERATED COLUMN REFERENCE -->"
DOC = Path(__file__).resolve().parents[3] / "docs" / "INPUTS.md"

_KIND_BY_VALIDATOR: dict[object, str] = {  # validator function -> what its column holds
    m._identifier: "identifier", m._opt_identifier: "identifier", m._year: "year",
    m._opt_year: "year", m._period: "period", m._number: "number", m._amount: "amount (Rp)",
    m._int: "whole number", m._bool: "ya/tidak", m._text: "text", m._required_text: "text",
}


def choices(spec: TableSpec, column: str) -> tuple[str, ...]:
    """The allowed values of a column (Literal fields, periods, yes/no), else ``()``."""
    field = spec.model.model_fields[column]
    annotation = field.annotation
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is typing.Literal:
            return tuple(str(a) for a in typing.get_args(arg))
    validators = {getattr(meta, "func", None) for meta in field.metadata}
    if m._period in validators:
        return m.PERIODS
    if m._bool in validators:
        return ("ya", "tidak")
    return ()


def column_kind(spec: TableSpec, column: str) -> str:
    """A short name for what a column holds: identifier, year, amount (Rp), one of ..."""
    field = spec.model.model_fields[column]
    if issubclass(spec.model, m.PerfRow) and column == "value":
        return "performance value"
    if any(typing.get_origin(a) is typing.Literal
           for a in (field.annotation, *typing.get_args(field.annotation))):
        return "one of: " + ", ".join(choices(spec, column))
    for meta in field.metadata:
        kind = _KIND_BY_VALIDATOR.get(getattr(meta, "func", None))
        if kind:
            return kind
    return "text"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def column_reference() -> str:
    """Markdown: one section per table with its columns, types, descriptions and examples; the
    column notes in Indonesian, as the template shows them by default."""
    with speaking("id"):
        return _column_reference()


def _column_reference() -> str:
    out: list[str] = []
    for spec in TABLES:
        sheet = f"sheet `{spec.sheet_label}` or `{spec.name}`"
        where = (f"`profile.yaml` / {sheet} (Isian, Nilai or field, value)" if spec is PROFILE
                 else f"`narrative/*.md` / {sheet}" if spec.name == "narrative"
                 else f"`{spec.name}.csv` / {sheet}")
        out.append(f"### `{spec.name}`: {spec.title}")
        out.append("")
        facts = [where, "required" if spec.required else "optional"]
        if spec.key:
            facts.append("key: " + ", ".join(f"`{k}`" for k in spec.key))
        out.append("; ".join(facts) + ".")
        if spec.refs:
            refs = []
            for ref in spec.refs:
                targets = " or ".join(f"`{t}.{c}`" for t, c in ref.targets)
                refs.append(f"`{ref.column}` must exist in {targets}")
            out.append("References: " + "; ".join(refs) + ".")
        out.append("")
        out.append("| column | Indonesian name | required | kind | description | example |")
        out.append("|---|---|---|---|---|---|")
        for column in spec.columns:
            field = spec.model.model_fields[column]
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            example = str(extra.get("example", ""))
            out.append("| " + " | ".join([
                f"`{column}`", _cell(spec.labels[column]), "yes" if field.is_required() else "",
                _cell(column_kind(spec, column)), _cell(m.field_description(field) or ""),
                f"`{_cell(example)}`" if example else "",
            ]) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def current_block(text: str) -> str:
    """The generated block as it stands in a document's text ('' if the markers are absent)."""
    if BEGIN not in text or END not in text:
        return ""
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def write(path: Path = DOC) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(f"{head}{BEGIN}\n{column_reference()}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    if "--write" in sys.argv:
        write()
    else:
        sys.stdout.write(column_reference())
