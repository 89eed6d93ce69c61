"""Snapshots of report elements: any change to the HTML a reader sees shows up as a diff.

Each snapshot is the HTML of the elements a chapter shows for one part of the Payakumbuh LKjIP
2024, in the order the chapter shows them. Refresh after an intended change with
`make snapshots` (SAKIP_UPDATE_SNAPSHOTS=1), then review the diff of tests/__snapshots__/.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from sakip.analysis.context import ReportContext
from sakip.components import akuntabilitas, analisis_sasaran, ikhtisar, lampiran, perencanaan
from sakip.components.elements import Element

SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__"
UPDATE = os.environ.get("SAKIP_UPDATE_SNAPSHOTS") == "1"


def _target_vs_realisasi(ctx: ReportContext) -> list:
    s = ctx.sasaran[0]
    out: list = [analisis_sasaran.capaian_table(ctx, s, 1)]
    for r in s.indicators:
        out += [analisis_sasaran.formula(ctx, r), analisis_sasaran.capaian_sentence(r)]
    return out


SECTIONS: dict[str, Callable[[ReportContext], list]] = {
    "ikhtisar_summary": lambda ctx: [ikhtisar.opening(ctx), ikhtisar.key_figures(ctx),
                                     ikhtisar.indicator_table(ctx)],
    "bab2_budget_per_sasaran": lambda ctx: [perencanaan.budget_table(ctx)],
    "bab3_capaian_organisasi": lambda ctx: [akuntabilitas.iku_table(ctx), akuntabilitas.summary(ctx)],
    "bab3_s1_target_vs_realisasi": _target_vs_realisasi,
    "bab3_s2_efficiency": lambda ctx: [analisis_sasaran.efficiency_table(ctx, ctx.sasaran[1], 2),
                                       analisis_sasaran.efficiency_sentence(ctx, ctx.sasaran[1])],
    "bab3_s1_supporting_programmes": lambda ctx: [
        analisis_sasaran.programme_table(ctx, ctx.sasaran[0], 1),
        analisis_sasaran.programme_counts(ctx, ctx.sasaran[0])],
    "lampiran_formulir": lambda ctx: [lampiran.formulir_table(ctx), lampiran.formulir_budget(ctx)],
}


@pytest.fixture
def ctx(payakumbuh_ctx):
    return payakumbuh_ctx


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_section_matches_snapshot(ctx, name):
    elements = [e for e in SECTIONS[name](ctx) if e is not None]
    assert elements and all(isinstance(e, Element) for e in elements)
    html = "\n".join(e.to_html() for e in elements) + "\n"
    path = SNAPSHOTS / f"{name}.html"
    if UPDATE or not path.exists():
        path.write_text(html, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"new snapshot written to {path}; review and commit it")
    assert html == path.read_text(encoding="utf-8"), f"{name} changed; see `make snapshots`"
