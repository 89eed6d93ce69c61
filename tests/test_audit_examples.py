"""The audit on the transcribed example agencies and on the synthetic pemda."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from sakip.audit import run_audit
from sakip.cli import main
from sakip.inputs import load_agency
from support import LAMPUNG_BARAT, PAYAKUMBUH


@pytest.fixture(scope="module")
def payakumbuh():
    return run_audit(load_agency(PAYAKUMBUH))


@pytest.fixture(scope="module")
def lampung_barat():
    return run_audit(load_agency(LAMPUNG_BARAT))


def _one(findings, code, **where):
    hits = [f for f in findings if f.code == code
            and all(str(v) in getattr(f, k) for k, v in where.items())]
    assert hits, f"no {code} finding with {where}"
    return hits[0]


def test_tabel_3_7_printed_realisasi_and_capaian(payakumbuh):
    realisasi = _one(payakumbuh, "printed_mismatch", location="Tabel 3.7", found="141,79")
    assert realisasi.expected == "95,13" and realisasi.ref == "IKU1"
    capaian = _one(payakumbuh, "printed_mismatch", location="Tabel 3.7", found="151,24")
    assert capaian.expected == "101,47%"


def test_tabel_3_9_placement_capaian_is_right_and_3_26_is_not(payakumbuh):
    # 51,53 / 46,45 = 110,9365 -> 110,94%: Tabel 3.9 is right, Tabel 3.26 prints 101,94%
    assert not [f for f in payakumbuh if "Tabel 3.9" in f.location and "110,94" in f.found]
    wrong = _one(payakumbuh, "printed_mismatch", location="Tabel 3.26", found="101,94")
    assert wrong.expected == "110,94%"


def test_national_standard(payakumbuh):
    f = _one(payakumbuh, "national_standard_mismatch")
    assert (f.found, f.expected) == ("97,68", "95,09")


def test_pk_programme_and_total(payakumbuh):
    f = _one(payakumbuh, "pk_budget_mismatch", found="Rp 1.137.154.750", location="baris 6")
    assert f.expected == "Rp 1.665.673.356"
    total = _one(payakumbuh, "pk_total", found="Rp 6.643.861.122")
    assert total.expected == "Rp 6.115.342.516"


def test_rounded_realisasi_of_production_growth(payakumbuh):
    f = _one(payakumbuh, "formula_mismatch", found="6")
    assert f.severity == "warning" and "184,62%" in f.message and "184,21%" in f.message


def test_payakumbuh_counts(payakumbuh):
    counts = Counter(f.code for f in payakumbuh)
    assert counts["pk_budget_mismatch"] >= 1 and counts["pk_total"] == 1
    assert counts["capaian_implausible"] == 5  # 1.024,07%, 4.070%, 480%, 816,67%, 8.500%
    assert "budget_rollup" not in counts  # the budget tables of Tabel 3.25 add up


def test_lampung_barat_cumulative_targets_decrease(lampung_barat):
    f = _one(lampung_barat, "cumulative_decrease", found="Rp 930.045.211")
    assert "TW II ke TW III" in f.message and "TW III ke TW IV" in f.message
    assert f.severity == "error"


def test_lampung_barat_placement_realisasi(lampung_barat):
    shares = [f for f in lampung_barat if f.code == "share_above_100"]
    found = {f.found for f in shares}
    assert {"16.800,00%", "68.000,00%"} <= found
    _one(lampung_barat, "capaian_implausible", found="1.360.000,00%")


def test_lampung_barat_targets_87_02_vs_87_20(lampung_barat):
    f = _one(lampung_barat, "target_inconsistent", found="87,20")
    assert "87,02" in f.found


def test_cli_audit(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", str(LAMPUNG_BARAT)])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "KESALAHAN (error)" in out and "[cumulative_decrease]" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", str(LAMPUNG_BARAT), "--strict", "--format", "json"])
    assert exit_info.value.code == 1
    assert '"code": "share_above_100"' in capsys.readouterr().out


def test_cli_audit_invalid_input(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", str(tmp_path)])
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "profile.yaml" in captured.out and "Traceback" not in captured.err


@pytest.mark.parametrize("inject", [False, True])
def test_synthetic_pemda_gives_exactly_its_injected_mistakes(tmp_path, inject):
    from sakip.synthetic import generate_pemda

    generate_pemda(tmp_path / "pemda", n_agencies=36, inject=inject)
    root = tmp_path / "pemda"
    manifest = yaml.safe_load((root / "injected_mistakes.yaml").read_text(encoding="utf-8")) \
        if (root / "injected_mistakes.yaml").exists() else None
    expected = Counter((m["agency_id"], m["code"]) for m in (manifest or {}).get("mistakes") or [])
    situations = yaml.safe_load((root / "injected_situations.yaml").read_text(encoding="utf-8"))
    expected.update((m["agency_id"], m["code"]) for m in situations.get("mistakes") or [])
    found = Counter()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in run_audit(load_agency(folder)):
            found[(f.agency_id, f.code)] += 1
    assert found == expected
