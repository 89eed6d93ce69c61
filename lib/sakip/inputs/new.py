"""``sakip new ID``: start a new agency as a folder (``data/ID``) or a workbook (``data/ID.xlsx``).

The folder holds ``profile.yaml`` with the agency id filled in and every field documented in a
comment, one ``<table>.csv`` per table with its header (the stored names) and the template's
example rows (first cell ``contoh:``, skipped by the reader), and an empty ``narrative/``. The
workbook is the template with the id in the profile. Either is written beside its destination
and moved into place in one step: an existing one is replaced only with ``force``, and a failure
leaves nothing behind.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sakip.i18n import _
from sakip.inputs.problems import DestinationError
from sakip.inputs.raw import EXAMPLE_PREFIX, NARRATIVE_DIR, PROFILE_FILE
from sakip.inputs.template import EXAMPLES, write_template
from sakip.inputs.write import publish_folder
from sakip.model.rows import ID_PATTERN, field_description
from sakip.model.schema import PROFILE, TABLES, TableSpec

#: Where ``sakip new ID`` writes without a path: ``data/ID`` (or ``data/ID.xlsx``).
DATA_DIR = Path("data")


def default_destination(agency_id: str, workbook: bool) -> Path:
    return DATA_DIR / (f"{agency_id}.xlsx" if workbook else agency_id)


def new_agency(agency_id: str, dest: Path | None = None, *, workbook: bool = False,
               force: bool = False) -> Path:
    """Write a new agency's empty inputs; return where. A ``dest`` ending in ``.xlsx`` is a
    workbook too. Without ``dest`` the agency goes under ``data/`` (created if missing)."""
    if not ID_PATTERN.match(agency_id):
        raise DestinationError(_(
            "'{id}' is not a valid agency id: use letters, digits, '.', '_' or '-' (no spaces), "
            "e.g. kota-contoh-disnakerperin").format(id=agency_id))
    if dest is None:
        dest = default_destination(agency_id, workbook)
        dest.parent.mkdir(parents=True, exist_ok=True)
    workbook = workbook or dest.suffix.lower() == ".xlsx"
    if workbook:
        write_template(dest, force=force, profile={"agency_id": agency_id})
    else:
        publish_folder(dest, lambda staging: fill_new_folder(staging, agency_id), force=force)
    return dest


def fill_new_folder(folder: Path, agency_id: str) -> None:
    """Write the files of a new agency folder into ``folder`` (which exists and is empty)."""
    (folder / PROFILE_FILE).write_text(profile_yaml(agency_id), encoding="utf-8")
    for spec in TABLES:
        if spec is PROFILE or spec.name == "narrative":
            continue
        (folder / f"{spec.name}.csv").write_text(table_csv(spec), encoding="utf-8")
    (folder / NARRATIVE_DIR).mkdir()


def profile_yaml(agency_id: str) -> str:
    """``profile.yaml`` with the id filled in and each field's description as a comment."""
    lines = [
        "# " + _("Profile of the agency, written by `sakip new`: fill in the values after the "
                 "colons; lines starting with # are notes."),
        "# " + _("Every other table is a CSV file of this folder (its first row holds the column "
                 "names; rows whose first cell starts with '{prefix}' are examples and are not "
                 "read); the analyst's text goes into narrative/*.md.").format(
                     prefix=EXAMPLE_PREFIX),
        "",
    ]
    for column in PROFILE.columns:
        field = PROFILE.model.model_fields[column]
        note = field_description(field) or ""
        if field.is_required():
            note += " " + _("Required.")
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        if "example" in extra and column != "agency_id":
            note += " " + _("Example: {value}").format(value=extra["example"])
        lines.append(f"# {PROFILE.labels[column]}: {note.strip()}")
        lines.append(f"{column}: {agency_id}" if column == "agency_id" else f"{column}:")
    return "\n".join(lines) + "\n"


def table_csv(spec: TableSpec) -> str:
    """A table's CSV file: the header (stored names), then the example rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.columns)
    for example in EXAMPLES.get(spec.name, ()):
        values = [example.get(c, "") for c in spec.columns]
        values[0] = f"{EXAMPLE_PREFIX} {values[0]}".rstrip()
        writer.writerow(values)
    return buffer.getvalue()
