"""A fingerprint of an agency's input as it is on disk, cheap enough to take before every use.

sha256 over the relative path, size and bytes of every file of the folder (hidden files and
folders skipped), or over the bytes of a workbook. It covers more than the files that are read
(a changed NOTES.md changes it too): a fingerprint that changes when nothing that matters did only
costs a render; one that stays the same when something did would keep a stale report.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sakip.i18n import _


def input_files(path: Path) -> list[tuple[str, Path]]:
    """(relative name, path) of every file the fingerprint covers, in a fixed order."""
    path = Path(path)
    if not path.is_dir():
        return [(path.name, path)]
    found = []
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
        for name in files:
            if not name.startswith("."):
                full = Path(folder) / name
                found.append((full.relative_to(path).as_posix(), full))
    return sorted(found)


class MissingInput(FileNotFoundError):
    """An agency's input (folder or workbook) that does not exist; the message is the analyst's."""


def input_fingerprint(path: Path | str) -> str:
    """The fingerprint of a folder or workbook; :class:`MissingInput` when it does not exist."""
    path = Path(path)
    if not path.exists():
        raise MissingInput(_("{path}: no such file or folder").format(path=path))
    digest = hashlib.sha256()
    for name, full in input_files(path):
        data = full.read_bytes()
        digest.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0")
        digest.update(data)
    return digest.hexdigest()
