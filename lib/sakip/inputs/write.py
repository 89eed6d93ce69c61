"""Write an agency's inputs as a folder or a workbook, and convert one form into the other.

Output is written next to its destination first and moved into place in one step, so an
interrupted run leaves no half-written folder or workbook behind.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from sakip.inputs.destination import check_destination, current_umask
from sakip.inputs.limits import Limits
from sakip.inputs.problems import Problem
from sakip.inputs.raw import NARRATIVE_DIR, PROFILE_FILE, RawInput, RawTable, read_input
from sakip.inputs.template import write_workbook
from sakip.inputs.validate import build_agency
from sakip.model.agency import Agency
from sakip.model.schema import PROFILE, TABLES, TableSpec


def convert(src: Path | str, dest: Path | str, *, force: bool = False,
            limits: Limits | None = None, warnings: list[Problem] | None = None) -> Agency:
    """Convert a folder into an ``.xlsx`` workbook or a workbook into a folder.

    The source is validated first (raising :class:`~sakip.inputs.InputError`); values are
    copied as typed, so ``93,75`` stays ``93,75``. ``dest`` ending in ``.xlsx`` gives a
    workbook, anything else a folder. An existing ``dest`` is replaced only with ``force``.
    The reading is bounded by ``limits``; what is worth knowing but not wrong is appended to
    ``warnings``.
    """
    src, dest = Path(src), Path(dest)
    raw = read_input(src, limits)
    try:
        agency = build_agency(raw)
    finally:
        if warnings is not None:
            warnings.extend(raw.warnings)
    if dest.suffix.lower() == ".xlsx":
        write_workbook(dest, raw, force=force)
    else:
        write_folder(raw, dest, force=force)
    return agency


def write_folder(raw: RawInput, dest: Path | str, *, force: bool = False) -> None:
    """Write the raw tables as ``profile.yaml``, ``<table>.csv`` and ``narrative/*.md``."""
    publish_folder(Path(dest), lambda staging: _fill_folder(raw, staging), force=force)


def publish_folder(dest: Path, fill: Callable[[Path], None], *, force: bool = False) -> None:
    """Fill a staging folder beside ``dest``, then move it into place in one step (replacing
    ``dest`` only with ``force``); on any failure nothing is left behind."""
    check_destination(dest, force)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        fill(staging)
        os.chmod(staging, 0o777 & ~current_umask())
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old.", dir=dest.parent))
            os.replace(dest, old)  # onto an empty directory: allowed, and atomic
            os.replace(staging, dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, dest)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def table_columns(spec: TableSpec, table: RawTable) -> list[str]:
    """Model columns in model order: the required ones and those holding any value."""
    used = {c for r in table.rows for c in r.values}
    return [c for c in spec.columns if c in used or c in spec.required_columns]


def _fill_folder(raw: RawInput, folder: Path) -> None:
    profile = raw.tables.get(PROFILE.name)
    values = profile.rows[0].values if profile and profile.rows else {}
    ordered = {k: values[k] for k in PROFILE.columns if k in values}
    text = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000)
    (folder / PROFILE_FILE).write_text(text, encoding="utf-8")
    for spec in TABLES:
        table = raw.tables.get(spec.name)
        if spec is PROFILE or table is None or not table.rows:
            continue
        if spec.name == "narrative":
            _write_narrative(table, folder / NARRATIVE_DIR)
            continue
        columns = table_columns(spec, table)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in table.rows:
            writer.writerow([row.values.get(c, "") for c in columns])
        (folder / f"{spec.name}.csv").write_text(buffer.getvalue(), encoding="utf-8")


def _write_narrative(table: RawTable, folder: Path) -> None:
    folder.mkdir()
    width = max(2, len(str(len(table.rows))))
    for index, row in enumerate(table.rows, start=1):
        meta = {k: row.values[k] for k in ("section", "sasaran_id", "order", "title")
                if k in row.values}
        stem = "-".join(v for v in (meta.get("section"), meta.get("sasaran_id")) if v)
        name = f"{index:0{width}d}-{_safe_name(stem) or 'teks'}.md"
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        body = row.values.get("text", "")
        (folder / name).write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text).strip(".-")[:60]
