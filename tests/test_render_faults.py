"""A render is all or nothing: one at a time per output folder, what a killed run left behind is
cleaned at the next start, and a report is never published from inputs that changed while it
was being made (the fingerprint on it is that of what it shows)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys

import pytest

from sakip.report import render as render_mod
from sakip.report.render import RenderError, clean_leftovers, render_report, resolve_params
from support import ROOT


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_dead_runs_are_cleaned_and_a_live_runs_kept(tmp_path):
    dead, alive = _dead_pid(), os.getpid()
    for name in (f".staging-lkjip-{dead}-abc123", f"lkjip.previous-{dead}",
                 f".staging-lkjip-{alive}-def456", "lkjip", "lkjip.failed"):
        (tmp_path / name).mkdir()
    removed = {p.name for p in clean_leftovers(tmp_path)}
    assert removed == {f".staging-lkjip-{dead}-abc123", f"lkjip.previous-{dead}"}
    assert {p.name for p in tmp_path.iterdir()} == {f".staging-lkjip-{alive}-def456", "lkjip",
                                                     "lkjip.failed"}


def test_a_second_render_of_the_same_output_is_refused(tmp_path):
    params = resolve_params("payakumbuh-disnakerperin", 2024)
    final = render_mod.output_dir(params, tmp_path, partial=True)
    final.parent.mkdir(parents=True)
    with open(final.parent / f".{final.name}.lock", "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # another render is running
        with pytest.raises(RenderError, match="sedang dibuat oleh proses lain"):
            render_report(params, output_root=tmp_path, only=["bab4"])
    assert not any(p.name.startswith(".staging") for p in final.parent.iterdir())


@pytest.mark.slow
def test_inputs_edited_during_a_render_are_never_published(tmp_path, monkeypatch):
    data = tmp_path / "data" / "payakumbuh-disnakerperin"
    shutil.copytree(ROOT / "data" / "payakumbuh-disnakerperin", data)
    params = resolve_params("payakumbuh-disnakerperin", 2024).model_copy(
        update={"data_path": str(data)})
    real_execute = render_mod._execute_all

    def execute_then_edit(*args, **kwargs):
        runs = real_execute(*args, **kwargs)
        with open(data / "realisasi.csv", "a", encoding="utf-8") as handle:
            handle.write("\n")  # the analyst saves the file while the chapters run
        return runs

    monkeypatch.setattr(render_mod, "_execute_all", execute_then_edit)
    with pytest.raises(RenderError, match="berubah selama laporan dibuat"):
        render_report(params, output_root=tmp_path / "out", only=["bab4"], workers=1)
    out = tmp_path / "out" / "payakumbuh-disnakerperin" / "2024"
    assert not (out / "lkjip-bagian").exists()
    assert not any(p.name.startswith(".staging") for p in out.iterdir())
