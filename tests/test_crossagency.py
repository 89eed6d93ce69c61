"""Cross-agency figures against counts computed independently from the inputs (load_agency,
sakip.compute.capaian/kriteria/budget directly), on a store of the synthetic pemda and the two seeds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from sakip import crossagency as cx
from sakip.analysis.indicators import default_options, indicator_result
from sakip.audit import AuditConfig, run_audit
from sakip.compute.budget import serapan_by
from sakip.compute.formatting import round_half_up
from sakip.inputs import load_agency
from sakip.store.database import discover, ingest, open_store
from support import ROOT

PEMDA = "kabupaten-sintetis"
YEAR = 2024


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "sakip.duckdb"
    report = ingest(ROOT / "data", db)  # the generated pemda, the two seed agencies, the sparse example
    assert report.ok and len(report.added) == 39
    return db


@pytest.fixture(scope="session")
def agencies():
    found = [load_agency(p) for p in discover(ROOT / "data")]
    return {a.agency_id: a for a in found if a.profile.pemda_id == PEMDA}


@pytest.fixture()
def ctx(store):
    con = open_store(store)
    yield cx.CrossAgency(con, YEAR, cx.Selection(PEMDA, pemda_id=PEMDA))
    con.close()


def _independent_results(agency, year):
    options = default_options()
    return [indicator_result(agency, i, year, options) for i in agency.iku]


def test_kriteria_per_agency(ctx, agencies):
    counts = {r["agency_id"]: r for r in ctx.kriteria.to_dict("records")}
    assert set(counts) == set(agencies)
    for agency_id, agency in agencies.items():
        results = _independent_results(agency, YEAR)
        for label in ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang", "Tidak Dapat Diukur"]:
            assert counts[agency_id][label] == sum(r.kriteria == label for r in results), (agency_id, label)
        assert counts[agency_id]["total"] == len(results)


def test_below_target(ctx, agencies):
    expected = {(a_id, r.indicator.indicator_id) for a_id, a in agencies.items()
                for r in _independent_results(a, YEAR)
                if r.capaian.value is not None and round_half_up(r.capaian.value) < 100}
    got = set(zip(ctx.below["agency_id"], ctx.below["indicator_id"]))
    assert got == expected and len(expected) == 53
    per_agency = dict(zip(ctx.scores["agency_id"], ctx.scores["n_below"]))
    for a_id in agencies:
        assert per_agency[a_id] == sum(1 for a, _ in expected if a == a_id)


def test_serapan_by_urusan_is_ratio_of_sums(ctx, agencies):
    pagu: dict[str, Decimal] = {}
    real: dict[str, Decimal] = {}
    for agency in agencies.values():
        for urusan, s in serapan_by(agency.budget_lines(YEAR), "urusan").items():
            key = urusan or cx.NO_URUSAN
            pagu[key] = pagu.get(key, Decimal(0)) + (s.pagu or 0)
            real[key] = real.get(key, Decimal(0)) + (s.realisasi or 0)
    got = {r["urusan"]: r for r in ctx.urusan.to_dict("records")}
    assert set(got) == set(pagu)
    for key in pagu:
        assert got[key]["pagu"] == pagu[key] and got[key]["realisasi"] == real[key]
        assert got[key]["serapan"] == real[key] / pagu[key] * 100
    assert ctx.total["serapan"] == sum(real.values()) / sum(pagu.values()) * 100


def test_cascade_coverage_shows_unserved_sasaran(ctx, agencies):
    plan = {r.code for a in agencies.values() for r in a.rows("rpjmd") if r.kind == "sasaran"}
    served: dict[str, set] = {code: set() for code in plan}
    for a_id, agency in agencies.items():
        for ind in agency.iku:
            s = agency.sasaran(ind.sasaran_id)
            code = s.rpjmd_code or (agency.tujuan(s.tujuan_id).rpjmd_code if s.tujuan_id else None)
            if code:
                served.setdefault(code, set()).add((a_id, ind.indicator_id))
    got = {r["code"]: r for r in ctx.coverage.to_dict("records")}
    assert set(got) == plan
    for code, inds in served.items():
        assert got[code]["n_indicators"] == len(inds)
        assert got[code]["n_agencies"] == len({a for a, _ in inds})
    unserved = sorted(c for c, r in got.items() if r["n_indicators"] == 0)
    assert unserved == ["RPJMD-S10", "RPJMD-S14"]


def test_findings_per_agency(ctx, agencies):
    got = {r["agency_id"]: r for r in ctx.findings_by_agency.to_dict("records")}
    for a_id, agency in agencies.items():
        findings = run_audit(agency, AuditConfig())
        for severity in ("error", "warning", "info"):
            assert got[a_id][severity] == sum(f.severity == severity for f in findings)
        assert sorted(got[a_id]["codes"]) == sorted(
            {(f.code, sum(g.code == f.code for g in findings)) for f in findings})


@pytest.mark.parametrize("values, ranks", [
    (["100", "90", "90", "80"], [1, 2, 2, 4]),
    (["90", None, "100", "90.004"], [2, None, 1, 2]),  # equal as shown (90,00%) -> tied
    (["5", "5", "5"], [1, 1, 1]),
])
def test_rank_min_ties(values, ranks):
    assert cx.rank_min([None if v is None else Decimal(v) for v in values]) == ranks


def test_ranking_has_ties_in_the_pemda(ctx):
    ranks = [r for r in ctx.scores["rank_serapan"] if r is not None]
    shared = [r for r in set(ranks) if ranks.count(r) > 1]
    assert shared  # 89,74% twice in 2024 (as shown)
    for r in shared:
        assert (r + ranks.count(r)) not in ranks or ranks.count(r + ranks.count(r) - 1) == 0


def test_selection_errors(store):
    con = open_store(store)
    try:
        with pytest.raises(cx.CrossAgencyError, match="pemda di basis data"):
            cx.agencies(con, pemda_id="nope")
        with pytest.raises(cx.CrossAgencyError, match="perangkat daerah xx tidak dikenal"):
            cx.agencies(con, agency_ids=["sintetis-dinsos", "xx"])
        assert cx.stale_agencies(cx.agencies(con, pemda_id=PEMDA)) == []
    finally:
        con.close()


def test_quadrant_and_change(ctx):
    q = ctx.quadrant
    assert q.y_line == 100 and q.x_line == cx.median(ctx.scores["serapan"])
    assert set(q.points["quadrant"]) <= {cx.HIGH_LOW, cx.LOW_HIGH, cx.HIGH_HIGH, cx.LOW_LOW}
    row = ctx.change.iloc[0]
    assert row["serapan_change"] == round_half_up(row["serapan_current"]) - round_half_up(row["serapan_previous"])


# --- what the chapters state (sakip.crossagency.statements) -----------------------------


def test_executive_summary_figures(ctx):
    s = cx.executive_summary(ctx)
    assert (s.overview.n_agencies, s.overview.n_indicators) == (36, 117)
    assert s.overview.has_budget and s.overview.pagu == Decimal("360869545800")
    assert s.spread == (("Sangat Baik", 83), ("Baik", 24), ("Cukup", 5), ("Kurang", 3),
                        ("Sangat Kurang", 2))
    assert (s.below.n_indicators, s.below.n_agencies) == (53, 31)
    assert round_half_up(s.below.lowest_capaian) == Decimal("48.29")
    assert (s.below.lowest_indicator, s.below.lowest_agency) == ("Rata-rata Lama Sekolah", "Dinas Pendidikan")
    assert s.lowest_urusan["urusan"] == "Kepemudaan dan Olahraga"
    assert (s.coverage.n_sasaran, s.coverage.n_served) == (14, 12)
    assert [label for label, _ in s.coverage.unserved] == ["Sasaran 10", "Sasaran 14"]
    assert s.top_shift == cx.KriteriaShift("Sangat Baik", 97, 83, -14) and s.top_shift.direction == "down"
    # every finding of the inputs (any year): the 10 injected mistakes and the 2 of the monitoring year
    assert s.findings == cx.FindingsSummary(36, 11, 12, 7)


def test_executive_summary_without_previous_year(store):
    con = open_store(store)
    try:
        first = min(cx.years(con, list(cx.agencies(con, pemda_id=PEMDA)["agency_id"])))
        ctx = cx.CrossAgency(con, first, cx.Selection(PEMDA, pemda_id=PEMDA))
        assert cx.executive_summary(ctx).top_shift is None
    finally:
        con.close()


def test_below_and_findings_orderings(ctx):
    below = cx.agencies_below(ctx.scores)
    assert len(below) == 31 and all(r["n_below"] > 0 for r in below)
    assert [(-r["n_below"], r["agency"]) for r in below] == sorted((-r["n_below"], r["agency"]) for r in below)
    ranked = cx.findings_ranked(ctx.findings_by_agency)
    keys = [(-r["error"], -r["total"], r["agency"]) for r in ranked]
    assert keys == sorted(keys)
    assert cx.findings_totals(ctx.findings_by_agency)["total"] == 12
    totals = cx.kriteria_totals(ctx.kriteria, ctx.scale.labels + ["Tidak Dapat Diukur"])
    assert totals["total"] == 117 and totals["Sangat Baik"] == 83


def test_ranked_scores_put_unranked_last():
    scores = pd.DataFrame({"agency": ["a", "b", "c", "d"], "rank_capaian": [2, None, 1, 2],
                           "n_implausible": [0, 1, 0, 2]}, dtype=object)
    assert [r["agency"] for r in cx.ranked_scores(scores)] == ["c", "a", "d", "b"]
    assert cx.shared_ranks(list(scores["rank_capaian"])) == [(2, 2)]
    assert cx.shared_ranks([1, 2, 3, None]) == []
    assert cx.implausible_total(scores) == 3


def test_quadrant_numbering_and_counts():
    points = pd.DataFrame({"agency": ["a", "b", "c", "d"],
                           "serapan": [Decimal(90), Decimal(80), Decimal(95), Decimal(70)],
                           "mean_capaian": [Decimal(90), Decimal(110), Decimal(105), Decimal(99)],
                           "quadrant": [cx.LOW_HIGH, cx.HIGH_LOW, cx.HIGH_HIGH, cx.LOW_LOW]}, dtype=object)
    numbered = cx.numbered_quadrant(points)
    assert [(r["no"], r["agency"]) for r in numbered] == [("1", "b"), ("2", "c"), ("3", "d"), ("4", "a")]
    assert cx.quadrant_counts(points.iloc[:2]) == {cx.HIGH_LOW: 1, cx.HIGH_HIGH: 0, cx.LOW_LOW: 0,
                                                   cx.LOW_HIGH: 1}
    empty = points.iloc[:0]
    assert set(cx.quadrant_counts(empty).values()) == {0} and cx.numbered_quadrant(empty) == []


def test_small_statements():
    one = pd.DataFrame({"urusan": ["Sosial"], "serapan": [Decimal(80)]}, dtype=object)
    assert cx.lowest_urusan(one) is None  # nothing to compare with
    two = pd.DataFrame({"urusan": ["B", "A", "C"], "serapan": [Decimal(80), Decimal(80), None]}, dtype=object)
    assert cx.lowest_urusan(two)["urusan"] == "A"  # tie broken by name; no serapan left out
    assert len(cx.with_serapan(two)) == 2
    assert cx.below_summary(pd.DataFrame(columns=["agency_id", "capaian"])) == cx.BelowSummary(0, 0)
    assert cx.KriteriaShift("Sangat Baik", 3, 3, 0).direction == "same"
    assert cx.KriteriaShift("Sangat Baik", 3, 5, 2).direction == "up"
    assert cx.sasaran_label({"number": None, "code": "S-1"}) == "S-1"
    assert not cx.is_served({"n_indicators": 0})
    coverage = pd.DataFrame({"number": ["Sasaran 1", None], "code": ["S1", "S2"],
                             "statement": ["Satu", "Dua"], "n_indicators": [2, 0]}, dtype=object)
    assert cx.coverage_summary(coverage) == cx.CoverageSummary(2, 1, (("S2", "Dua"),))


def test_open_crossagency_missing_store_says_to_ingest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(cx.CrossAgencyError, match="Jalankan 'sakip ingest'"):
        cx.open_crossagency(PEMDA, YEAR, "output/nothing-here.duckdb", "{}")


def test_open_crossagency_finds_the_store_from_a_subfolder(store, monkeypatch):
    # Jupyter runs a notebook in its own folder: a path relative to the project root still works.
    project = store.parent
    (project / "notebooks" / "summary").mkdir(parents=True)
    monkeypatch.chdir(project / "notebooks" / "summary")
    ctx = cx.open_crossagency(PEMDA, YEAR, store.name, f'{{"pemda_id": "{PEMDA}"}}')
    try:
        assert len(ctx.agency_ids) == 36 and ctx.db_path == str(store)
    finally:
        ctx.con.close()
