"""Paths shared by the tests (import as ``from support import ROOT``); fixtures are in conftest.py."""

from __future__ import annotations

import os
import subprocess
import sys

from sakip.report.chapters import PROJECT_ROOT

ROOT = PROJECT_ROOT
DATA = ROOT / "data"
PAYAKUMBUH = DATA / "payakumbuh-disnakerperin"
LAMPUNG_BARAT = DATA / "lampung-barat-disnakerperin"
GENERATED = DATA / "generated" / "kabupaten-sintetis"


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run the ``sakip`` command line in this process: (exit code, stdout, stderr); never a
    traceback."""
    import pytest

    from sakip.cli import main

    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return info.value.code, out.out, out.err


def library_env() -> dict[str, str]:
    """This process's environment with the source tree's library on the path: for a child
    Python that must import this checkout's sakip."""
    return {**os.environ, "PYTHONPATH": str(ROOT / "lib")}


def run_python(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """``python ARGS`` in a new process (:func:`library_env`), its output captured as text."""
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          env=library_env(), **kwargs)
