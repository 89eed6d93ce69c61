"""The analyst's text audited against the numbers (sakip.audit.narrative): numbers quoted,
claims, and typed table references, each with its file and line (issue 14)."""

from __future__ import annotations

import shutil
from decimal import Decimal as D

import pytest

from sakip.audit import AuditConfig, run_audit
from sakip.audit._common import Context
from sakip.audit.narrative import check_narrative, numbering_from_html, quoted_numbers
from sakip.components.elements import Narrative
from sakip.compute.kriteria import same_label
from sakip.inputs import load_agency
from support import ROOT

EXAMPLE = ROOT / "data" / "payakumbuh-disnakerperin"

#: The numbering the renderer gives the example LKjIP's BAB III (label -> title), as far as the
#: references of the analyst's text go; test_completeness_render checks it on a rendered report.
NUMBERING = {
    "Tabel 3.1": "Skala Pengukuran Kinerja",
    "Tabel 3.7": "Realisasi Sasaran 1 Tahun 2024 dibandingkan Standar Nasional",
    "Tabel 3.14": "Tenaga Kerja yang telah disalurkan Tahun 2024",
}


@pytest.fixture(scope="module")
def example():
    return load_agency(EXAMPLE)


def _narrative(findings):
    return [f for f in findings if f.code.startswith("narrative_")]


def test_finds_the_bab_iv_at_most_100_contradiction(example):
    findings = check_narrative(Context(example, AuditConfig()))
    claim = [f for f in findings if f.code == "narrative_claim" and "≤ 100" in f.found]
    assert len(claim) == 1
    f = claim[0]
    assert f.severity == "error" and f.location == "narrative/penutup.md baris 5"
    assert "2 dari 3 indikator capaiannya di atas 100%" in f.message
    assert "rata-rata 128,70%" in f.message


def test_finds_the_claim_of_meeting_the_national_standard(example):
    findings = check_narrative(Context(example, AuditConfig()))
    national = [f for f in findings if f.code == "narrative_claim" and "nasional" in f.found]
    assert [f.location for f in national] == ["narrative/analisis_capaian_S1.md baris 17"]
    assert "95,13 di bawah standar nasional 97,68" in national[0].message


def test_a_number_quoted_as_the_capaian_is_the_target(example):
    findings = check_narrative(Context(example, AuditConfig()))
    wrong = [f for f in findings if f.code == "narrative_mismatch" and f.found == "93,75%"]
    assert len(wrong) == 1 and wrong[0].severity == "error"
    assert wrong[0].expected == "101,47%" and "Angka 93,75% adalah target." in wrong[0].message
    assert wrong[0].location == "narrative/analisis_capaian_S1.md baris 11"
    # a realisasi called "capaian" is a wording slip: a warning
    slip = [f for f in findings if f.code == "narrative_mismatch" and f.found == "5,63%"]
    assert slip and slip[0].severity == "warning"


def test_dangling_table_references_of_the_example(example):
    unnumbered = [f for f in check_narrative(Context(example, AuditConfig()))
                  if f.code == "narrative_reference"]
    assert {f.found for f in unnumbered} == {"Tabel 3.7", "Tabel 3.14", "Tabel 3.1"}
    assert all(f.severity == "warning" for f in unnumbered)
    numbered = [f for f in check_narrative(Context(example, AuditConfig(numbering=NUMBERING)))
                if f.code == "narrative_reference"]
    assert {(f.found, f.severity) for f in numbered} == {("Tabel 3.7", "error"), ("Tabel 3.14", "error")}
    seven = next(f for f in numbered if f.found == "Tabel 3.7")
    assert seven.location == "narrative/analisis_keberhasilan_S1.md baris 7"
    assert "Realisasi Sasaran 1 Tahun 2024 dibandingkan Standar Nasional" in seven.message
    missing = check_narrative(Context(example, AuditConfig(numbering={"Tabel 3.1": "Skala Pengukuran Kinerja"})))
    assert any("tidak memiliki Tabel 3.7" in f.message for f in missing)


def test_correct_text_gives_no_finding(example, tmp_path):
    folder = tmp_path / "agency"
    shutil.copytree(EXAMPLE, folder)
    for path in (folder / "narrative").glob("*.md"):
        path.unlink()
    (folder / "narrative" / "penutup.md").write_text(
        "---\nsection: penutup\norder: 1\n---\n"
        "Dari 3 indikator, 2 indikator telah melampaui target dan 1 indikator sesuai target. "
        "Indikator Persentase Penyerapan Tenaga Kerja realisasi sebesar 95,13% dari target sebesar 93,75%, "
        "adapun persentase capaian kinerjanya 101,47% dengan kriteria Sangat Baik.\n\n"
        "Realisasi Persentase Peningkatan Nilai Produksi pada Tahun 2023 sebesar 5,63% dan Tahun 2024 "
        "naik sebesar 6%, melebihi target yaitu 6%.\n\n"
        "Anggaran Pendapatan dan Belanja Daerah (APBD) sebesar Rp. 6.643.861.122,- realisasi anggaran "
        "mencapai Rp. 5.959.374.081,- atau 89,70%.\n", encoding="utf-8")
    agency = load_agency(folder)
    assert _narrative(run_audit(agency)) == []


def test_wrong_figures_in_correct_sentences_are_found(example, tmp_path):
    folder = tmp_path / "agency"
    shutil.copytree(EXAMPLE, folder)
    for path in (folder / "narrative").glob("*.md"):
        path.unlink()
    (folder / "narrative" / "penutup.md").write_text(
        "---\nsection: penutup\norder: 1\n---\n"
        "Dari 3 indikator, 3 indikator telah melampaui target.\n\n"
        "Indikator Persentase Penyerapan Tenaga Kerja realisasi sebesar 95,31% dari target sebesar 93,75%.\n\n"
        "Realisasi Persentase Penyerapan Tenaga Kerja Tahun 2024 naik sebesar 95,13% dari tahun sebelumnya.\n\n"
        "APBD sebesar Rp. 6.643.861.122,- realisasi anggaran mencapai Rp. 5.959.374.081,- atau 87,90%.\n",
        encoding="utf-8")
    found = {(f.code, f.found) for f in _narrative(run_audit(load_agency(folder)))}
    assert ("narrative_claim", "3 indikator") in found
    assert ("narrative_mismatch", "95,31%") in found
    assert ("narrative_claim", "naik") in found
    assert ("narrative_mismatch", "87,90%") in found


@pytest.mark.parametrize("sentence, kinds", [
    ("Indikator X realisasi sebesar 95,13% dari target sebesar 93,75%", ["realisasi", "target"]),
    ("dari target yang ditetapkan terealisasi sebesar 95,13%", ["realisasi"]),
    ("realisasi capaian sebesar 95,13% sudah mencapai target nasional, yang target/standar nasional "
     "sebesar 97,68%", ["realisasi", "standar_nasional"]),
    ("melampaui target capaian akhir Renstra sebesar 93,77%, atau memiliki persentase capaian 101,45%",
     ["target_akhir", "capaian_renstra"]),
    ("APBD sebesar Rp. 6.643.861.122,- realisasi anggaran mencapai Rp. 5.959.374.081,- atau 89,70%",
     ["pagu", "realisasi_anggaran", "serapan"]),
    ("Tahun 2024 mempunyai 1 (Satu) indikator dengan tingkat capaian lebih dari 100%", []),
    ("inflasi nasional sebesar 2,51%", [None]),
])
def test_the_kind_of_a_quoted_number(sentence, kinds):
    assert [q.kind for q in quoted_numbers(sentence, 2024, ["Indikator X"])] == kinds


def test_numbering_from_a_rendered_page():
    page = ('<figure class="sakip-tabel" id="tabel-3-7"><figcaption><span class="label">Tabel 3.7</span> '
            'Realisasi &amp; Standar</figcaption>')
    assert numbering_from_html(page) == {"Tabel 3.7": "Realisasi & Standar"}


def test_the_report_marks_the_contradicted_sentence_in_place():
    element = Narrative("Satu. Dua ≤ 100 . Tiga.", (("Dua ≤ 100 .", "Teks analis menyatakan ..."),))
    html = element.to_html()
    assert '<mark class="audit"' in html and "Dua ≤ 100 .</mark>" in html
    assert "Catatan pemeriksaan angka: Teks analis menyatakan ..." in html
    assert element.to_json()["marks"] == [{"sentence": "Dua ≤ 100 .", "note": "Teks analis menyatakan ..."}]
    assert Narrative("x").to_json() == {"markdown": "x"}


@pytest.mark.parametrize("printed, label, same", [
    ("Sangat Tinggi (ST)", "Sangat Tinggi", True), ("ST", "Sangat Tinggi", True),
    ("sangat  tinggi", "Sangat Tinggi", True), ("Tinggi (ST)", "Tinggi", False),
    ("Sangat Baik", "Sangat Tinggi", False), ("Sedang (S)", "Sedang", True),
])
def test_printed_kriteria_with_abbreviations(printed, label, same):
    assert same_label(printed, label) is same


def test_the_pemdas_scale_in_the_audit(example, tmp_path):
    folder = tmp_path / "agency"
    shutil.copytree(EXAMPLE, folder)
    printed = folder / "printed.csv"
    printed.write_text(printed.read_text(encoding="utf-8").replace(
        "Tabel 3.2,IKU1,2024,kriteria,Sangat Baik", "Tabel 3.2,IKU1,2024,kriteria,Sangat Tinggi (ST)"),
        encoding="utf-8")
    agency = load_agency(folder)
    default = [f for f in run_audit(agency) if f.code == "printed_mismatch" and f.found.startswith("Sangat")]
    assert [f.found for f in default] == ["Sangat Tinggi (ST)"]
    pemda = run_audit(agency, AuditConfig(kriteria="permendagri_86_2017"))
    kriteria = [f for f in pemda if f.code == "printed_mismatch" and f.expected.startswith("Sangat")]
    # the row now printed the pemda's way is right; the others print the default scale's labels
    assert "Sangat Tinggi (ST)" not in [f.found for f in kriteria]
    assert {f.expected for f in kriteria} == {"Sangat Tinggi"}


def test_implausible_capaian_are_never_given_a_printed_kriteria(example):
    ctx = Context(example, AuditConfig(max_capaian=D(100)))
    from sakip.audit.printed import check_printed

    labels = [f for f in check_printed(ctx) if "kriteria" in f.message]
    # with a bound of 100%, 101,47% and 184,62% are not classified: "Sangat Baik" is then wrong
    assert labels and all(f.expected == "Tidak Dapat Diukur" for f in labels)


def test_the_audit_command_takes_the_pemdas_scale_and_the_report(tmp_path):
    import json

    from typer.testing import CliRunner

    from sakip.cli import app

    runner = CliRunner()
    default = json.loads(runner.invoke(app, ["audit", str(EXAMPLE), "--format", "json"]).output)
    assert not [f for f in default if f["code"] == "printed_mismatch" and f["expected"] == "Sangat Tinggi"]
    pemda = json.loads(runner.invoke(app, ["audit", str(EXAMPLE), "--format", "json",
                                           "--kriteria", "permendagri_86_2017"]).output)
    assert [f["found"] for f in pemda if f["expected"] == "Sangat Tinggi"] == ["Sangat Baik"] * 6
    params = tmp_path / "p.yaml"
    params.write_text("agency_id: payakumbuh-disnakerperin\nyear: 2024\ndata_path: data/payakumbuh-disnakerperin\n"
                      "kriteria_scale: permendagri_86_2017\nmax_capaian: 500\n", encoding="utf-8")
    via_params = json.loads(runner.invoke(app, ["audit", str(EXAMPLE), "--format", "json",
                                                "--params", str(params)]).output)
    assert len([f for f in via_params if f["expected"] == "Sangat Tinggi"]) == 6
    # max_capaian 500 from the params: 480% is plausible, 8.500% is not
    implausible = [f["found"] for f in via_params if f["code"] == "capaian_implausible"]
    assert "480,00%" not in implausible and "8.500,00%" in implausible
    page = tmp_path / "r.html"
    page.write_text('<span class="label">Tabel 3.7</span> Realisasi Sasaran 1</figcaption>', encoding="utf-8")
    numbered = json.loads(runner.invoke(app, ["audit", str(EXAMPLE), "--format", "json",
                                              "--report", str(page)]).output)
    assert [f["severity"] for f in numbered if f["found"] == "Tabel 3.7"] == ["error"]
    bad = runner.invoke(app, ["audit", str(EXAMPLE), "--kriteria", "nope"])
    assert bad.exit_code != 0 and "skala kriteria" in bad.output and "tidak dikenal" in bad.output
