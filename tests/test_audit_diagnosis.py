"""Which known method reproduces a wrong printed figure (sakip.audit.diagnosis), and totals
checked both ways (issue 14)."""

from __future__ import annotations

import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from sakip.audit import run_audit
from sakip.audit.diagnosis import first_match, typing_slip
from sakip.inputs import load_agency
from support import ROOT

EXAMPLE = ROOT / "data" / "payakumbuh-disnakerperin"


def _copy(tmp_path: Path, printed_rows: list[str], lower: bool = False) -> Path:
    folder = tmp_path / "agency"
    shutil.copytree(EXAMPLE, folder)
    (folder / "printed.csv").write_text("doc_ref,ref,year,field,value\n" + "\n".join(printed_rows) + "\n",
                                       encoding="utf-8")
    if lower:
        path = folder / "indikator.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [line.replace(",%,higher,", ",%,lower,", 1) if line.startswith("IKU1,") else line for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _messages(folder: Path) -> dict[str, str]:
    return {f.found: f.message for f in run_audit(load_agency(folder)) if f.code == "printed_mismatch"}


def test_a_printed_capaian_made_with_t_over_r_is_diagnosed(tmp_path):
    # IKU1 made lower-is-better: (2T-R)/T = (187,50 - 95,13)/93,75 = 98,53%; T/R = 93,75/95,13 = 98,55%
    messages = _messages(_copy(tmp_path, ['Tabel X,IKU1,2024,capaian,"98,55"'], lower=True))
    assert "rumus T/R × 100, padahal indikator makin rendah makin baik memakai (2T−R)/T × 100" in messages["98,55"]


def test_swapped_rounded_previous_year_and_unknown(tmp_path):
    messages = _messages(_copy(tmp_path, [
        'Tabel X0,IKU1,2024,capaian,"98,55"',      # 93,75 / 95,13: target and realisasi swapped
        'Tabel X1,IKU1,2024,capaian,"101,33"',     # 95 / 93,75: realisasi rounded first
        'Tabel X2,IKU1,2024,capaian,"101,50"',     # 95,16 / 93,75 = 101,504: the 2023 capaian
        'Tabel X3,IKU1,2024,capaian,"123,45"',     # nothing known
        'Tabel X4,IKU1,2024,capaian,"95,13"',      # the realisasi in the capaian column
    ]))
    assert "target dan realisasi tertukar" in messages["98,55"]
    assert "realisasi dibulatkan ke 0 desimal (95) sebelum dibagi" in messages["101,33"]
    assert "capaian Tahun 2023" in messages["101,50"]
    assert "Tidak ada cara hitung keliru yang dikenal" in messages["123,45"]
    assert "angka realisasi tercetak di kolom capaian" in messages["95,13"]


def test_serapan_as_the_mean_of_percentages(tmp_path):
    # Sasaran 1: Σ realisasi / Σ pagu = 94,29%; the mean of its 6 sub kegiatan's serapan is 92,73%
    messages = _messages(_copy(tmp_path, ['Tabel X,S1,2024,serapan,"92,73"']))
    assert "rata-rata persentase serapan 6 sub kegiatan, bukan jumlah realisasi dibagi jumlah pagu" in messages["92,73"]


def test_the_examples_printed_errors_are_explained():
    messages = {f.found: f.message for f in run_audit(load_agency(EXAMPLE)) if f.code == "printed_mismatch"}
    assert "dihitung dari realisasi yang tercetak 141,79 (Tabel 3.7)" in messages["151,24%"]
    assert "dua angka yang bersebelahan tertukar" in messages["101,94%"]
    assert "tanda pemisah ribuan diketik sebagai koma desimal" in messages["8,500%"]
    assert "angka realisasi tercetak di kolom capaian" in messages["6%"]


@pytest.mark.parametrize("text, printed, computed, expected", [
    ("4,070", D("4.070"), D("4070"), "tanda pemisah ribuan"),
    ("101,94", D("101.94"), D("110.9365"), "dua angka yang bersebelahan tertukar"),
    ("101,95", D("101.95"), D("110.9365"), None),
])
def test_typing_slips(text, printed, computed, expected):
    slip = typing_slip(text, printed, computed)
    assert (slip is None) if expected is None else (expected in slip)


def test_first_match_rounds_as_printed():
    assert first_match(D("101.5"), [("a", D("101.4720")), ("b", D("101.5"))]) == "a"
    assert first_match(D("7"), [("a", None), ("b", D("8"))]) is None


def test_totals_are_checked_both_ways():
    findings = [f for f in run_audit(load_agency(EXAMPLE)) if f.code == "table_total"
                and f.ref == "penempatan_pendidikan"]
    assert [(f.expected, f.found) for f in findings] == [("1", "-"), ("100", "101")]
    assert "Selisihnya sama dengan total baris yang tercetak kosong" in findings[1].message
