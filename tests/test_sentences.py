"""Indonesian an editor would pass: a table of generated sentences (issue 14).

Each row is one sentence generator with its figures and the exact sentence expected; every
sentence of the table is also checked against the editor's rules: no count of zero listed, no
"tidak satu pun dari 1", a grade "dengan nilai A" (never "sebesar A"), no "Program PROGRAM",
no sentence starting with a numeral, a quarter always written "TW II"."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from sakip.components.common import labelled, level_name
from sakip.compute.capaian import compute_capaian
from sakip.compute.wording import (
    counted,
    describe_capaian,
    describe_measured,
    describe_renstra,
    describe_support_counts,
    describe_target_counts,
    describe_trend,
    describe_vs_national,
    none_of,
    normalise_quarters,
    quarter_label,
    start_sentence,
)
from sakip.model.parsing import GradeValue, NumberValue

A, B = GradeValue("A"), GradeValue("B")
CAP_A = compute_capaian(A, A, "grade")

SENTENCES = [
    # counts: only the groups that exist; "all" said as such
    (describe_target_counts(3, 2, 1, 0, 0, when=" Tahun 2024"),
     "Seluruh 3 indikator kinerja sasaran strategis Tahun 2024 mencapai target: 2 melampaui target "
     "dan 1 sesuai dengan target."),
    (describe_target_counts(2, 2, 0, 0, 0, when=" Tahun 2025"),
     "Seluruh 2 indikator kinerja sasaran strategis Tahun 2025 melampaui target."),
    (describe_target_counts(1, 1, 0, 0, 0),
     "Satu-satunya indikator kinerja sasaran strategis melampaui target."),
    (describe_target_counts(4, 1, 0, 2, 1),
     "Dari 4 indikator kinerja sasaran strategis, 1 indikator melampaui target dan 2 indikator belum "
     "mencapai target, sedangkan 1 indikator tidak dapat diukur."),
    (describe_target_counts(2, 0, 0, 0, 2), "Seluruh 2 indikator kinerja sasaran strategis tidak dapat diukur."),
    (describe_target_counts(0, 0, 0, 0, 0), "Belum ada indikator kinerja sasaran strategis yang diukur."),
    (describe_support_counts(14, 14, 0, 0), "Seluruh 14 indikator program/kegiatan pendukung menunjang."),
    (describe_support_counts(1, 0, 0, 1), "Satu-satunya indikator program/kegiatan pendukung tidak dapat dinilai."),
    (describe_support_counts(5, 3, 2, 0),
     "Dari 5 indikator program/kegiatan pendukung, 3 menunjang dan 2 kurang menunjang."),
    ("Pemeriksaan menemukan 32 temuan: " + counted([(19, "kesalahan"), (13, "peringatan"), (0, "informasi")]) + ".",
     "Pemeriksaan menemukan 32 temuan: 19 kesalahan dan 13 peringatan."),
    ("Capaian unit tidak dapat diukur karena " + none_of(1) + ".",
     "Capaian unit tidak dapat diukur karena satu-satunya indikatornya belum memiliki realisasi."),
    ("Capaian unit tidak dapat diukur karena " + none_of(3) + ".",
     "Capaian unit tidak dapat diukur karena tidak satu pun dari 3 indikatornya memiliki realisasi."),
    ("Sampai dengan TW IV Tahun 2025, " + describe_measured(2, 2, 2, target="target triwulan") + ".",
     "Sampai dengan TW IV Tahun 2025, seluruh 2 IKU dapat diukur dan semuanya mencapai atau melampaui "
     "target triwulan."),
    ("Sampai dengan TW II Tahun 2025, " + describe_measured(3, 1, 0) + ".",
     "Sampai dengan TW II Tahun 2025, 1 dari 3 IKU dapat diukur tetapi belum ada yang mencapai target."),
    (start_sentence("2 indikator belum mencapai target."), "Sebanyak 2 indikator belum mencapai target."),
    # grades: "dengan nilai A"
    (describe_capaian("Hasil Penilaian AKIP", A, A, CAP_A, "Sangat Baik", "Nilai"),
     "Indikator Hasil Penilaian AKIP dengan target A terealisasi dengan nilai A, sehingga capaian "
     "kinerjanya 100,00% dengan kriteria Sangat Baik; realisasi sesuai dengan target."),
    (describe_vs_national("Hasil Penilaian AKIP", A, B, "grade", unit="Nilai", year=2024),
     "Realisasi indikator Hasil Penilaian AKIP pada Tahun 2024 dengan nilai A berada di atas standar "
     "nasional dengan nilai B."),
    (describe_trend("Hasil Penilaian AKIP", A, A, "grade", year_from=2023, year_to=2024),
     "Realisasi indikator Hasil Penilaian AKIP tetap dengan nilai A pada Tahun 2023 dan Tahun 2024."),
    (describe_renstra("Hasil Penilaian AKIP", A, A, CAP_A, year=2024, end_year=2026),
     "Realisasi indikator Hasil Penilaian AKIP Tahun 2024 dengan nilai A telah mencapai target akhir "
     "Renstra (Tahun 2026) dengan nilai A, dengan persentase capaian 100,00%."),
    (describe_vs_national("Persentase Penyerapan Tenaga Kerja", NumberValue(D("95.13")),
                          NumberValue(D("97.68")), "higher", unit="%", year=2024),
     "Realisasi indikator Persentase Penyerapan Tenaga Kerja pada Tahun 2024 sebesar 95,13% berada di "
     "bawah standar nasional sebesar 97,68%, sehingga belum memenuhi standar nasional."),
    # budget lines: never "Program PROGRAM ..."
    (level_name("program", "PROGRAM PELATIHAN KERJA"), "PROGRAM PELATIHAN KERJA"),
    (level_name("program", "Penunjang Urusan Pemerintahan"), "Program Penunjang Urusan Pemerintahan"),
    (level_name("sub_kegiatan", "Sub Kegiatan Perluasan Kesempatan Kerja"), "Sub Kegiatan Perluasan Kesempatan Kerja"),
    (labelled("Program", "Program Penempatan Tenaga Kerja", ": "), "Program Penempatan Tenaga Kerja"),
    (labelled("Sasaran", "Meningkatnya Serapan Tenaga Kerja", ": "), "Sasaran: Meningkatnya Serapan Tenaga Kerja"),
    # quarters: one spelling
    (normalise_quarters("TW2: realisasi tidak bertambah sejak TW1 (95,24%)"),
     "TW II: realisasi tidak bertambah sejak TW I (95,24%)"),
    (normalise_quarters("s.d. Triwulan IV"), "s.d. TW IV"),
    (quarter_label(3), "TW III"),
]

RULES = [
    (r"\b0 (?:indikator|menunjang|kurang|tidak dapat|informasi|peringatan|kesalahan)", "a count of zero listed"),
    (r"tidak satu pun dari 1\b", "'tidak satu pun dari 1'"),
    (r"\bsebesar (?:AA|A|BB|B|CC|C|D)\b", "a grade 'sebesar'"),
    (r"\bProgram PROGRAM\b|\bKegiatan KEGIATAN\b", "the level twice"),
    (r"(?:^|[.!?]\s+)\d", "a sentence starting with a numeral"),
    (r"\bTW\s?\d|\bTriwulan\s+I|\bTrw\b", "a quarter not written 'TW II'"),
    (r"\b1 dari 1\b", "'1 dari 1'"),
]


def editor_problems(text: str) -> list[str]:
    """What an editor would strike in a generated sentence."""
    return [why for pattern, why in RULES if re.search(pattern, text)]


@pytest.mark.parametrize("produced, expected", SENTENCES, ids=[e[:50] for _p, e in SENTENCES])
def test_sentence_table(produced, expected):
    assert produced == expected
    assert editor_problems(produced) == []


@pytest.mark.parametrize("bad", [
    "Dari 3 indikator, 2 indikator melampaui target dan 0 indikator belum mencapai target.",
    "capaian unit tidak dapat diukur karena tidak satu pun dari 1 indikatornya memiliki realisasi",
    "terealisasi sebesar A", "Program PROGRAM PELATIHAN", "Target. 2 indikator belum.", "TW2: x",
    "s.d. Triwulan II", "1 dari 1 indikator",
])
def test_the_rules_catch_what_an_editor_strikes(bad):
    assert editor_problems(bad)
