"""Where outputs go: refuse to replace one unless asked, and create them with the user's umask.

Shared by :mod:`sakip.inputs.write` (folders) and :mod:`sakip.inputs.template` (workbooks).
"""

from __future__ import annotations

import os
from pathlib import Path

from sakip.i18n import _


def check_destination(dest: Path, force: bool) -> None:
    """Refuse to replace an existing output unless asked to."""
    if dest.exists() and not force:
        raise FileExistsError(_("{path} already exists; use --force to replace it").format(
            path=dest))
    if dest.exists() and dest.is_dir() != (dest.suffix.lower() != ".xlsx"):
        raise IsADirectoryError(_("{path} exists and is of another kind (file vs folder)").format(
            path=dest))
    if not dest.parent.exists():
        raise FileNotFoundError(_("{parent}: no such folder").format(parent=dest.parent))


def current_umask() -> int:
    """The process umask (temporary files are created private; outputs should not be)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
