"""A capaian above the plausible maximum (defaults.MAX_CAPAIAN, params max_capaian) is never
classified: one rule (sakip.compute.kriteria.is_implausible) for the LKjIP, the pengukuran
report and the summary. Seed 000: a placement indicator at 68.000% against a target of 5% gives
1.360.000%, which the cascade text calls "tidak dapat diukur" and was labelled "Sangat Baik"."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from sakip.analysis import indicators as analysis
from sakip.analysis.akuntabilitas import best_indicator
from sakip.analysis.context import open_context
from sakip.components import cascade
from sakip.components.elements import cell_text
from sakip.compute.capaian import Capaian
from sakip.compute.kriteria import DEFAULT_SCALE, NOT_MEASURABLE, is_implausible, scale_from_config
from sakip.compute.wording import describe_capaian
from sakip.model.parsing import NumberValue
from support import ROOT


def _capaian(value: str) -> Capaian:
    return Capaian(D(value), True, None, "ratio")


@pytest.mark.parametrize("value, implausible", [
    ("300", False), ("300.004", False),  # shown as 300,00: not above 300
    ("300.005", True), ("1024.07", True), ("1360000", True), (None, False),
])
def test_is_implausible_decides_on_the_shown_value(value, implausible):
    assert is_implausible(None if value is None else D(value), D(300)) is implausible
    assert is_implausible(None if value is None else D(value), None) is False


def test_a_scale_with_a_maximum_never_classifies_above_it():
    scale = DEFAULT_SCALE.with_max(D(300))
    assert scale.classify(D("1360000")) == NOT_MEASURABLE
    assert scale.colour(D("1360000")) == scale.colour(None)
    assert scale.classify(D("184.62")) == "Sangat Baik"
    assert DEFAULT_SCALE.classify(D("1024.07")) == "Sangat Baik"  # no maximum: as the seed prints


def test_options_bind_the_maximum_to_the_scale():
    options = analysis.Options.from_json(json.dumps({"max_capaian": 500}))
    assert options.scale.max_capaian == D(500)
    assert options.scale.classify(D("480")) == "Sangat Baik"
    assert analysis.Options(scale_from_config("default")).scale.max_capaian == D(300)


def test_counts_and_means_leave_implausible_capaian_out():
    class R:
        def __init__(self, value):
            self.capaian = _capaian(value)

    counts = analysis.target_counts([R("101"), R("1360000"), R("90")])
    assert (counts.above, counts.below, counts.unmeasured) == (1, 1, 1)
    assert analysis.target_status(_capaian("1360000")) is None
    kept = analysis.plausible([_capaian("100"), _capaian("8500")], D(300))
    assert [c.value for c in kept] == [D("100")]
    coverage = analysis.mean_coverage([_capaian("100"), _capaian("8500"),
                                       Capaian.unmeasurable("x")], D(300))
    assert (coverage.total, coverage.averaged, coverage.implausible, coverage.unmeasured) == (3, 1, 1, 1)


def test_sentence_states_an_implausible_capaian_without_a_kriteria():
    text = describe_capaian("X", NumberValue(D(5)), NumberValue(D(68000)), _capaian("1360000"),
                            NOT_MEASURABLE, "%", D(300))
    assert "1.360.000,00%" in text and "300%" in text and "tidak dapat diukur" in text
    assert "kriteria Tidak" not in text and "melampaui" not in text


def test_pengukuran_cascade_never_labels_1360000_percent():
    ctx = open_context("lampung-barat-disnakerperin", 2025, str(ROOT / "data/lampung-barat-disnakerperin"),
                       json.dumps({"report": "pengukuran", "triwulan": 4}))
    seen = []
    for node in cascade.nodes(ctx):
        table = cascade.unit_table(ctx, node)
        for row in getattr(table, "rows", ()):
            capaian, kriteria = cell_text(row[4]), cell_text(row[5])
            seen.append((capaian, kriteria))
    assert ("1.360.000,00%", NOT_MEASURABLE) in seen
    assert ("12.500,00%", NOT_MEASURABLE) in seen
    assert all(k == NOT_MEASURABLE for c, k in seen if c in ("1.360.000,00%", "12.500,00%"))


def test_lkjip_indicator_results_and_the_store_use_the_same_rule():
    ctx = open_context("payakumbuh-disnakerperin", 2024, str(ROOT / "data/payakumbuh-disnakerperin"), "{}")
    by_id = {i.indicator_id: i for i in ctx.agency.rows("indikator")}
    siinas = analysis.indicator_result(ctx.agency, by_id["IP.P6"] if "IP.P6" in by_id else
                                       next(i for i in by_id.values() if "SIINas" in i.name),
                                       2024, analysis.default_options())
    assert siinas.capaian.value is not None and siinas.capaian.value > 300
    assert siinas.kriteria == NOT_MEASURABLE
    assert best_indicator([siinas]) is None


def test_a_units_average_says_how_many_indicators_it_averages():
    ctx = open_context("lampung-barat-disnakerperin", 2025, str(ROOT / "data/lampung-barat-disnakerperin"),
                       json.dumps({"report": "pengukuran", "triwulan": 4}))
    texts = {n.unit.unit_id: cascade.unit_summary(ctx, n).texts[0] for n in cascade.nodes(ctx)}
    # Kepala Bidang Industri: 12.500% is left out, the 100% alone is the "average"
    assert "capaian unit 100,00% (hanya satu dari 2 indikatornya; yang lain tidak dapat diukur atau di atas " \
           "300%)" in texts["kabid-industri"]
    assert "(dari satu-satunya indikatornya)" in texts["sekretaris"]
    assert "(rata-rata seluruh 2 indikatornya)" in texts["kadis"]
