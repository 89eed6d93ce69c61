"""The synthetic pemda: deterministic, valid, labelled, and its injected mistakes found by the audit."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sakip.audit.findings import CODES
from sakip.inputs import load_agency
from sakip.synthetic import (
    DEFAULT_AGENCIES,
    DEFAULT_SEED,
    MANIFEST,
    MONITORING_YEAR,
    SITUATIONS_MANIFEST,
    SYNTHETIC_LABEL,
    GenerateError,
    fmt_id,
    generate_pemda,
    load_manifest,
    load_situations,
)
from sakip.synthetic.common import InjectedMistake
from support import ROOT

COMMITTED = ROOT / "data" / "generated" / "kabupaten-sintetis"
INJECTABLE = {"budget_rollup", "target_inconsistent", "capaian_implausible", "share_above_100",
              "cumulative_decrease", "formula_mismatch", "table_total"}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("gen") / "kabupaten-sintetis"
    return out, generate_pemda(out, DEFAULT_SEED, DEFAULT_AGENCIES, inject=True)


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("gen-clean") / "kabupaten-sintetis"
    return out, generate_pemda(out, DEFAULT_SEED, DEFAULT_AGENCIES, inject=False)


def test_committed_data_is_the_default_seed_byte_for_byte(injected):
    out, _ = injected
    assert COMMITTED.is_dir(), "data/generated/kabupaten-sintetis must be committed"
    assert _files(out) == _files(COMMITTED), "regenerate with: sakip generate"


def test_same_seed_same_bytes_other_seed_other_data(injected, tmp_path):
    out, _ = injected
    again = generate_pemda(tmp_path / "again", DEFAULT_SEED, DEFAULT_AGENCIES)
    assert _files(tmp_path / "again") == _files(out)
    assert again.agencies == injected[1].agencies
    generate_pemda(tmp_path / "other", DEFAULT_SEED + 1, DEFAULT_AGENCIES)
    assert _files(tmp_path / "other") != _files(out)


def test_shape_of_the_pemda(injected):
    out, report = injected
    assert 30 <= len(report.agencies) <= 40
    assert set(report.polarity_counts) == {"higher", "lower", "grade"}
    served, rpjmd_sasaran = set(), set()
    for agency_id in report.agencies:
        agency = load_agency(out / agency_id)
        assert agency.profile.pemda_label == "Kabupaten Sintetis"
        assert SYNTHETIC_LABEL in (agency.profile.plan_name or "")
        assert 2 <= len(agency.rows("sasaran")) <= 4
        for sasaran in agency.rows("sasaran"):
            assert 1 <= len(agency.indicators_of(sasaran.sasaran_id)) <= 3
            served.add(sasaran.rpjmd_code)
        rpjmd_sasaran |= {r.code for r in agency.rows("rpjmd") if r.kind == "sasaran"}
        assert {r.year for r in agency.rows("realisasi") if r.period == "TAHUN"} == set(range(2021, 2026))
        assert {r.year for r in agency.rows("realisasi") if r.period != "TAHUN"} <= {MONITORING_YEAR}
        assert {t.source for t in agency.rows("targets") if t.year < MONITORING_YEAR} == {"renstra", "pk"}
        assert {(t.source, t.period) for t in agency.rows("targets") if t.year == MONITORING_YEAR} >= {
            ("pk", "TAHUN"), ("rencana_aksi", "TW1"), ("rencana_aksi", "TW4")}
        assert {b.level for b in agency.rows("budget")} == {"program", "kegiatan", "sub_kegiatan"}
        assert {q.period for q in agency.rows("budget_quarterly")} == {"TW1", "TW2", "TW3", "TW4"}
    assert 10 <= len(rpjmd_sasaran) <= 14
    assert rpjmd_sasaran - served, "some RPJMD sasaran must be served by no agency"
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme and f"seed: {DEFAULT_SEED}" in readme


def test_some_realisasi_are_missing_and_some_indicators_have_formulas(injected):
    out, report = injected
    agencies = [load_agency(out / a) for a in report.agencies]
    assert 3 <= sum(r.value == "-" for a in agencies for r in a.rows("realisasi")) <= 30
    assert any(i.formula for a in agencies for i in a.rows("indikator"))
    assert any(a.rows("national_standards") for a in agencies)
    assert any(i.name == "Angka Kematian Ibu" and i.polarity == "lower"
               for a in agencies for i in a.rows("indikator"))


def test_every_clean_agency_validates_and_the_audit_finds_nothing(clean):
    from sakip.audit import run_audit

    out, report = clean
    assert not (out / MANIFEST).exists() and report.mistakes == []
    findings = [f for a in report.agencies for f in run_audit(load_agency(out / a))]
    assert findings == []


def test_injected_manifest_is_well_formed_and_each_mistake_is_found(injected):
    from sakip.audit import run_audit

    out, report = injected
    raw = yaml.safe_load((out / MANIFEST).read_text(encoding="utf-8"))
    assert raw["seed"] == DEFAULT_SEED
    mistakes = load_manifest(out)
    assert mistakes == report.mistakes
    assert 8 <= len(mistakes) <= 12
    assert {m.code for m in mistakes} == INJECTABLE and INJECTABLE <= set(CODES)
    # the monitoring year's quarterly mistakes are listed in the situations manifest
    mistakes = mistakes + [InjectedMistake(**{k: v for k, v in m.items() if k != "period"})
                           for m in load_situations(out)["mistakes"]]
    findings = {a: run_audit(load_agency(out / a)) for a in {m.agency_id for m in mistakes}}
    for m in mistakes:
        lines = (out / m.agency_id / m.file).read_text(encoding="utf-8").splitlines()
        assert 2 <= m.row <= len(lines), m
        assert str(m.year) in lines[m.row - 1], m
        hits = [f for f in findings[m.agency_id] if f.code == m.code and f.year == m.year
                and m.file in f.location and (f.ref is None or f.ref == m.ref)]
        assert hits, f"the audit does not report {m}"


def test_the_monitoring_year_appends_rows_and_files_only(injected, tmp_path):
    """Without the monitoring year every file is what it was; with it, the rows of the earlier
    years keep their bytes: the new data are rows appended at the end (targets.csv and
    realisasi.csv only gain a `period` column in their header) and new files."""
    out, _ = injected
    generate_pemda(tmp_path / "before", DEFAULT_SEED, DEFAULT_AGENCIES, monitoring=False)
    before, after = _files(tmp_path / "before"), _files(out)
    assert set(before) <= set(after)
    added = set(after) - set(before)
    assert SITUATIONS_MANIFEST in added and all(a.endswith("/printed.csv") for a in added - {SITUATIONS_MANIFEST})
    for name, old in before.items():
        new = after[name]
        if name.endswith(("/targets.csv", "/realisasi.csv")) and not new.startswith(old):
            header, _, rest = old.partition(b"\n")
            assert new.startswith(header + b",period\n" + rest), name
        else:
            assert new.startswith(old), name


def test_the_monitoring_situations_are_listed_and_labelled(injected):
    out, report = injected
    manifest = load_situations(out)
    assert SYNTHETIC_LABEL in (out / SITUATIONS_MANIFEST).read_text(encoding="utf-8")
    assert manifest["year"] == MONITORING_YEAR and manifest["triwulan"] == 2
    kinds = {s["kind"] for s in manifest["situations"]}
    assert kinds == {"belum_melapor", "tertinggal", "berisiko"}
    assert len({s["agency_id"] for s in manifest["situations"]}) == len(manifest["situations"])
    assert {m["code"] for m in manifest["mistakes"]} == {"printed_mismatch", "printed_uncomputable"}
    assert "DATA SINTETIS" in (out / "README.md").read_text(encoding="utf-8") and \
        f"monitoring year {MONITORING_YEAR}" in (out / "README.md").read_text(encoding="utf-8")
    late = {s["agency_id"]: s["last_quarter"] for s in manifest["situations"] if s["kind"] == "belum_melapor"}
    for agency_id, last in late.items():
        agency = load_agency(out / agency_id)
        quarters = {r.period for r in agency.rows("realisasi") if r.year == MONITORING_YEAR}
        assert quarters == {f"TW{q}" for q in range(1, last + 1)}


def test_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(GenerateError, match="tidak ditulis oleh"):
        generate_pemda(tmp_path / "mine", 1, 3)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    with pytest.raises(GenerateError, match="harus antara 1 dan"):
        generate_pemda(tmp_path / "x", 1, 0)


def test_small_pemda_with_fewer_agencies(tmp_path):
    report = generate_pemda(tmp_path / "small", 7, 3)
    assert len(report.agencies) == 3
    for agency_id in report.agencies:
        load_agency(tmp_path / "small" / agency_id)
    report = generate_pemda(tmp_path / "small", 7, 40, inject=False)  # regenerating replaces
    assert len([p for p in (tmp_path / "small").iterdir() if p.is_dir()]) == 40


@pytest.mark.parametrize(("value", "places", "text"), [
    (1234567, 0, "1.234.567"), ("93.745", 2, "93,75"), ("0.5", 2, "0,50"), (-1500, 0, "-1.500"),
])
def test_indonesian_number_typing(value, places, text):
    assert fmt_id(value, places) == text
