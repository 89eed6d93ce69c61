"""Snapshots of rendered report sections: any change to the HTML a reader sees shows up as a diff.

Refresh after an intended change with `make snapshots` (SAKIP_UPDATE_SNAPSHOTS=1), then review
the diff of tests/__snapshots__/ like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sakip.analysis.context import open_context
from sakip.components import akuntabilitas, analisis_sasaran, ikhtisar, lampiran, perencanaan

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__"
UPDATE = os.environ.get("SAKIP_UPDATE_SNAPSHOTS") == "1"

SECTIONS = {
    "ikhtisar_summary": ikhtisar.summary,
    "bab2_budget_per_sasaran": perencanaan.budget_per_sasaran,
    "bab3_capaian_organisasi": akuntabilitas.capaian_organisasi,
    "bab3_s1_target_vs_realisasi": lambda ctx: analisis_sasaran.target_vs_realisasi(ctx, 0),
    "bab3_s2_efficiency": lambda ctx: analisis_sasaran.efficiency(ctx, 1),
    "bab3_s1_supporting_programmes": lambda ctx: analisis_sasaran.supporting_programmes(ctx, 0),
    "lampiran_formulir": lampiran.formulir_pengukuran,
}


@pytest.fixture(scope="module")
def ctx():
    return open_context("payakumbuh-disnakerperin", 2024, str(ROOT / "data" / "payakumbuh-disnakerperin"), "{}")


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_section_matches_snapshot(ctx, name):
    html = SECTIONS[name](ctx)
    path = SNAPSHOTS / f"{name}.html"
    if UPDATE or not path.exists():
        path.write_text(html, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"new snapshot written to {path}; review and commit it")
    assert html == path.read_text(encoding="utf-8"), f"{name} changed; see `make snapshots`"
