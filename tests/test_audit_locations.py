"""Audit findings point at the line a person sees, also when the file has blank lines."""

from __future__ import annotations

import shutil
from pathlib import Path

from sakip.audit import run_audit
from sakip.inputs import load_agency
from support import ROOT


def _pk_locations(path: Path) -> list[str]:
    return [f.location for f in run_audit(load_agency(path)) if f.code == "pk_budget_mismatch"]


def test_location_follows_the_file_lines(tmp_path):
    data = tmp_path / "payakumbuh"
    shutil.copytree(ROOT / "data" / "payakumbuh-disnakerperin", data)
    assert _pk_locations(data)[0].startswith("pk_budget.csv baris 6")
    pk = data / "pk_budget.csv"
    header, *rows = pk.read_text(encoding="utf-8").splitlines(keepends=True)
    pk.write_text(header + "\n" + "".join(rows), encoding="utf-8")  # a blank line after the header
    assert _pk_locations(data)[0].startswith("pk_budget.csv baris 7")
