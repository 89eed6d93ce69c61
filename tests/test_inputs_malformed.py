"""A corpus of malformed inputs: each must fail through the CLI with a non-zero exit, the
specific message (file, sheet, row, column, what was expected), no traceback, and the input
left exactly as it was.

Every case is built from the tiny valid fixture by one small edit, so the expected message is
the only problem reported (unless the case says otherwise).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sakip.cli import main
from test_inputs import edit_text, set_cell, snapshot, tiny_folder, tiny_workbook

# The messages of these cases are asserted in English (the suite speaks Indonesian: tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")

Build = Callable[[Path], Path]


def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    return info.value.code, out.out + out.err


def csv_edit(table: str, old: str, new: str) -> Build:
    def build(tmp: Path) -> Path:
        folder = tiny_folder(tmp)
        edit_text(folder / f"{table}.csv", old, new)
        return folder
    return build


def yaml_edit(old: str, new: str) -> Build:
    def build(tmp: Path) -> Path:
        folder = tiny_folder(tmp)
        edit_text(folder / "profile.yaml", old, new)
        return folder
    return build


def cell_edit(sheet: str, row: int, column: str, value: object) -> Build:
    """Set the cell of ``column`` (a header name) in ``row`` of a sheet of the tiny workbook."""
    def build(tmp: Path) -> Path:
        import openpyxl
        from openpyxl.utils import get_column_letter

        book = tiny_workbook(tmp)
        header = [c.value for c in openpyxl.load_workbook(book)[sheet][1]]
        set_cell(book, sheet, f"{get_column_letter(header.index(column) + 1)}{row}", value)
        return book
    return build


def _rename_sheet(old: str, new: str) -> Callable:
    def edit(wb) -> None:
        wb[old].title = "_renaming"
        wb["_renaming"].title = new
    return edit


def _remove(name: str) -> Build:
    def build(tmp: Path) -> Path:
        folder = tiny_folder(tmp)
        (folder / name).unlink()
        return folder
    return build


def _write(name: str, data: bytes, *, folder: bool = True) -> Build:
    def build(tmp: Path) -> Path:
        base = tiny_folder(tmp) if folder else tmp
        (base / name).write_bytes(data)
        return base if folder else base / name
    return build


def _truncated_xlsx(tmp: Path) -> Path:
    book = tiny_workbook(tmp)
    data = book.read_bytes()
    book.write_bytes(data[: len(data) // 2])
    return book


def _zip_not_workbook(tmp: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    path = tmp / "agency.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def _empty_folder(tmp: Path) -> Path:
    folder = tmp / "empty"
    folder.mkdir()
    return folder


def _workbook_edit(edit: Callable) -> Build:
    def build(tmp: Path) -> Path:
        import openpyxl

        book = tiny_workbook(tmp)
        wb = openpyxl.load_workbook(book)
        edit(wb)
        wb.save(book)
        return book
    return build


def _narrative(text: str) -> Build:
    def build(tmp: Path) -> Path:
        folder = tiny_folder(tmp)
        (folder / "narrative" / "03-extra.md").write_text(text, encoding="utf-8")
        return folder
    return build


# (id, how to build the bad input, message fragments that must all appear)
CASES: list[tuple[str, Build, list[str]]] = [
    ("year-text", csv_edit("targets", "IKU1,2024", "IKU1,20x4"),
     ['targets.csv row 2, column "year": \'20x4\' is not a year between 1990 and 2100']),
    ("negative-year", csv_edit("realisasi", "IKU3,2024", "IKU3,-2024"),
     ['realisasi.csv row 4, column "year": \'-2024\' is not a year between 1990 and 2100']),
    ("number-with-two-commas", csv_edit("budget", '"1.407.615.308","1.300', '"12,5,3","1.300'),
     ['budget.csv row 3, column "pagu": \'12,5,3\' has more than one decimal comma']),
    ("number-is-words", csv_edit("budget", '"1.407.615.308","1.300', '"satu juta","1.300'),
     ['budget.csv row 3, column "pagu": \'satu juta\' is not a number']),
    ("percent-as-amount", csv_edit("budget", '"1.407.615.308","1.300', '"93,75%","1.300'),
     ['budget.csv row 3, column "pagu": \'93,75%\' is a percentage where an amount is expected']),
    ("bool-maybe", csv_edit("indikator", "lower,ya", "lower,maybe"),
     ['indikator.csv row 2, column "is_iku": \'maybe\' is not ya/tidak']),
    ("unknown-indicator-in-targets", csv_edit("targets", "IKU2,2024,TAHUN", "IKU9,2024,TAHUN"),
     ['targets.csv row 3, column "indicator_id": \'IKU9\' is not found in indikator.indicator_id']),
    ("unknown-sasaran-in-indikator", csv_edit("indikator", "IKU3,S2", "IKU3,S9"),
     ['indikator.csv row 4, column "sasaran_id": \'S9\' is not found in sasaran.sasaran_id']),
    ("unknown-tujuan", csv_edit("sasaran", "S2,T1", "S2,T7"),
     ['sasaran.csv row 3, column "tujuan_id": \'T7\' is not found in tujuan.tujuan_id']),
    ("unknown-indicator-in-realisasi", csv_edit("realisasi", "IKU3,2024", "IKU4,2024"),
     ['realisasi.csv row 4, column "indicator_id": \'IKU4\' is not found in indikator.indicator_id']),
    ("duplicate-sasaran", csv_edit("sasaran", "S2,T1", "S1,T1"),
     ['sasaran.csv row 3, column "sasaran_id": duplicate sasaran entry (sasaran_id=S1); the same '
      'key is already on row 2']),
    ("duplicate-target-key", csv_edit("targets", "IKU2,2024,TAHUN,pk", "IKU1,2024,TAHUN,pk"),
     ["targets.csv row 3: duplicate targets entry (indicator_id=IKU1, year=2024, period=TAHUN, "
      "source=pk); the same key is already on row 2"]),
    ("duplicate-after-alias", csv_edit("realisasi", "IKU2,2024,TAHUN", "IKU1,2024,Tahunan"),
     ["realisasi.csv row 3: duplicate realisasi entry (indicator_id=IKU1, year=2024, period=TAHUN)"]),
    ("missing-targets-file", _remove("targets.csv"),
     ["agency: required file targets.csv is missing (Target per tahun/triwulan)"]),
    ("missing-profile", _remove("profile.yaml"),
     ["agency: required file profile.yaml is missing"]),
    ("missing-required-column", csv_edit("sasaran", "number,statement", "number,pernyataan"),
     ['sasaran.csv row 1, column "pernyataan": unknown column',
      'sasaran.csv row 1, column "statement": required column is missing from the header']),
    ("unknown-column", csv_edit("sasaran", "number,statement", "number,statemnt"),
     ['sasaran.csv row 1, column "statemnt": unknown column; did you mean \'statement\'?']),
    ("unknown-file", _write("target.csv", b"indicator_id,year\n"),
     ["target.csv: 'target' is not a known table; did you mean 'targets'?"]),
    ("empty-required-cell", csv_edit("sasaran", "2,Meningkatnya pertumbuhan industri kecil", "2,"),
     ['sasaran.csv row 3, column "statement": is empty; a value is required']),
    ("blank-required-cell", csv_edit("targets", "IKU3,2024,TAHUN,pk", "IKU3,2024,TAHUN,  "),
     ['targets.csv row 4, column "source": is empty; a value is required']),
    ("period-TW5", csv_edit("targets", "IKU2,2024,TW1", "IKU2,2024,TW5"),
     ["targets.csv row 5, column \"period\": 'TW5' is not a period: use TAHUN, TW1, TW2, TW3 or TW4"]),
    ("polarity-up", csv_edit("indikator", "%,higher", "%,up"),
     ["indikator.csv row 3, column \"polarity\": 'up' is not one of: higher, lower, grade"]),
    ("source-unknown", csv_edit("targets", "IKU3,2024,TAHUN,pk", "IKU3,2024,TAHUN,dpa"),
     ["targets.csv row 4, column \"source\": 'dpa' is not one of: renstra, pk, pk_perubahan"]),
    ("bad-perf-range", csv_edit("targets", '"5,80-6,00"', '"6,00-5,80"'),
     ["targets.csv row 2, column \"value\": '6,00-5,80' is a range whose lower bound exceeds its "
      "upper bound"]),
    ("huge-value", csv_edit("budget", '"1.407.615.308","1.300', '"100000000000000000000","1.300'),
     ['budget.csv row 3, column "pagu": \'100000000000000000000\' is implausibly large']),
    ("huge-value-exponent", csv_edit("realisasi", '"5,71"', "1e20"),
     ['realisasi.csv row 2, column "value": \'1e20\' is not a number']),
    ("kegiatan-under-sub-kegiatan",
     csv_edit("budget", "2024,P1.K1,kegiatan,P1,", "2024,P1.K1,kegiatan,P1.K1.S1,"),
     ["budget.csv row 3, column \"parent_code\": the parent of a kegiatan must be a program, but "
      "'P1.K1.S1' is a sub_kegiatan"]),
    ("sub-kegiatan-under-program", csv_edit("budget", "sub_kegiatan,P1.K1,", "sub_kegiatan,P1,"),
     ["budget.csv row 4, column \"parent_code\": the parent of a sub_kegiatan must be a kegiatan, "
      "but 'P1' is a program"]),
    ("program-with-parent", csv_edit("budget", "2024,P1,program,,", "2024,P1,program,P1.K1,"),
     ['budget.csv row 2, column "parent_code": a program has no parent']),
    ("budget-parent-other-year", csv_edit("budget", "2024,P1.K1.S1", "2023,P1.K1.S1"),
     ["budget.csv row 4, column \"parent_code\": parent 'P1.K1' has no budget line in 2023 (only "
      "in 2024)"]),
    ("unknown-budget-parent", csv_edit("budget", "sub_kegiatan,P1.K1,", "sub_kegiatan,P1.K7,"),
     ["budget.csv row 4, column \"parent_code\": 'P1.K7' is not found in budget.code"]),
    ("non-utf8-csv", _write("sasaran.csv", "sasaran_id,tujuan_id,number,statement\nS1,T1,1,"
                            "Meningkatnya ekspor caf\xe9\nS2,T1,2,Dua\n".encode("latin-1")),
     ["sasaran.csv row 2: is not UTF-8 text (byte 0xe9); save the file as 'CSV UTF-8'"]),
    ("extra-value-beyond-header", csv_edit("sasaran", "S2,T1,2,Meningkatnya", "S2,T1,2,x,Meningkatnya"),
     ["sasaran.csv row 3: value 'Meningkatnya pertumbuhan industri kecil' in column 5, which has "
      "no name in the header row"]),
    ("duplicate-header-column", csv_edit("sasaran", "number,statement", "statement,statement"),
     ['sasaran.csv row 1, column "statement": the column appears twice in the header']),
    ("header-only-required-table", _write("sasaran.csv", b"sasaran_id,statement\n"),
     ["sasaran.csv: has no data rows; this table is required"]),
    ("empty-required-csv", _write("indikator.csv", b""),
     ["indikator.csv row 1: is empty; the first line must hold the column names"]),
    ("csv-path", lambda tmp: tiny_folder(tmp) / "sasaran.csv",
     ["sasaran.csv: is a single CSV file; give the agency's folder"]),
    ("empty-folder", _empty_folder,
     ["empty: required file profile.yaml is missing", "empty: required file sasaran.csv is missing",
      "empty: required file indikator.csv is missing", "empty: required file targets.csv is missing"]),
    ("invalid-yaml", yaml_edit("pemda_kind: kota", "pemda_kind: [kota"),
     ["profile.yaml row 6: is not valid YAML"]),
    ("yaml-not-mapping", _write("profile.yaml", b"- agency_id\n- contoh\n"),
     ["profile.yaml row 1: must be a mapping of 'field: value' lines"]),
    ("yaml-list-value", yaml_edit("province: Sumatera Barat", "province: [Sumatera, Barat]"),
     ['profile.yaml row 7, column "province": must be a single value, not a list or a mapping']),
    ("agency-id-dotdot", yaml_edit('agency_id: "contoh-disnaker"', 'agency_id: "../etc"'),
     ['profile.yaml row 2, column "agency_id": \'../etc\' is not a valid identifier']),
    ("agency-id-slash", yaml_edit('agency_id: "contoh-disnaker"', 'agency_id: "a/b"'),
     ['profile.yaml row 2, column "agency_id": \'a/b\' is not a valid identifier']),
    ("profile-unknown-field", yaml_edit("province:", "provinsi:"),
     ['profile.yaml row 7, column "provinsi": unknown profile field; did you mean \'province\'?',
      'profile.yaml, column "province": is empty; a value is required']),
    ("profile-duplicate-field", yaml_edit("province: Sumatera Barat", "province: A\nprovince: B"),
     ['profile.yaml row 8, column "province": \'province\' is given twice (first on line 7)']),
    ("renstra-end-before-start", yaml_edit("renstra_end: 2026", "renstra_end: 2020"),
     ['profile.yaml row 12, column "renstra_end": renstra_end 2020 is before renstra_start 2023']),
    ("pemda-kind", yaml_edit("pemda_kind: kota", "pemda_kind: kotamadya"),
     ["profile.yaml row 5, column \"pemda_kind\": 'kotamadya' is not one of: kota, kabupaten, "
      "provinsi"]),
    ("narrative-no-front-matter", _narrative("Teks tanpa front matter.\n"),
     ["narrative/03-extra.md row 1: must start with a YAML front matter"]),
    ("narrative-unknown-section", _narrative("---\nsection: pendahuluan\n---\nTeks.\n"),
     ["narrative/03-extra.md row 2, column \"section\": 'pendahuluan' is not one of: latar_belakang"]),
    ("narrative-empty-text", _narrative("---\nsection: penutup\norder: 2\n---\n\n"),
     ['narrative/03-extra.md row 5, column "text": is empty; a value is required']),
    ("narrative-unknown-sasaran", _narrative("---\nsection: solusi\nsasaran_id: S5\n---\nTeks.\n"),
     ["narrative/03-extra.md row 3, column \"sasaran_id\": 'S5' is not found in sasaran.sasaran_id"]),
    ("narrative-csv", _write("narrative.csv", b"section,text\npenutup,x\n"),
     ["narrative.csv: narrative text goes into narrative/*.md files"]),
    # --- workbooks ---------------------------------------------------------------------
    ("xlsx-formula", cell_edit("budget", 2, "pagu", "=SUM(A1:A3)"),
     ['agency.xlsx [budget] row 2, column "pagu": cell holds a formula (=SUM(A1:A3)); enter the '
      'value itself']),
    ("xlsx-formula-in-required-cell", cell_edit("sasaran", 2, "statement", "=B2"),
     ['agency.xlsx [sasaran] row 2, column "statement": cell holds a formula (=B2)']),
    ("xlsx-excel-error", cell_edit("budget", 2, "pagu", "#DIV/0!"),
     ['agency.xlsx [budget] row 2, column "pagu": cell holds the Excel error #DIV/0!']),
    ("xlsx-year-text", cell_edit("targets", 3, "year", "20x4"),
     ['agency.xlsx [targets] row 3, column "year": \'20x4\' is not a year between 1990 and 2100']),
    ("xlsx-year-number-out-of-range", cell_edit("targets", 3, "year", 1899),
     ['agency.xlsx [targets] row 3, column "year": \'1899\' is not a year between 1990 and 2100']),
    ("xlsx-huge-number", cell_edit("budget", 2, "pagu", 1e20),
     ['agency.xlsx [budget] row 2, column "pagu": \'100000000000000000000\' is implausibly large']),
    ("xlsx-truncated", _truncated_xlsx,
     ["agency.xlsx: is a damaged .xlsx workbook (the zip archive is broken"]),
    ("xlsx-is-text", _write("agency.xlsx", b"indicator_id,year\nIKU1,2024\n", folder=False),
     ["agency.xlsx: is not an Excel .xlsx workbook (it is a text file)"]),
    ("xlsx-zip-not-workbook", _zip_not_workbook,
     ["agency.xlsx: is not a readable .xlsx workbook (a zip archive without a valid workbook"]),
    ("xls-old-format", _write("agency.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                              folder=False),
     ["agency.xlsx: is an old-style .xls workbook"]),
    ("xlsx-missing-sheet", _workbook_edit(lambda wb: wb.remove(wb["targets"])),
     ["agency.xlsx: required sheet 'Target' (or 'targets') is missing"]),
    ("xlsx-empty-required-sheet",
     _workbook_edit(lambda wb: (wb.remove(wb["sasaran"]), wb.create_sheet("sasaran"))),
     ["agency.xlsx [sasaran]: is empty; row 1 must hold the column names"]),
    ("xlsx-unknown-sheet", _workbook_edit(lambda wb: wb.create_sheet("Sheet1")),
     ["agency.xlsx [Sheet1]: 'Sheet1' is not a known table"]),
    ("xlsx-misspelt-sheet", _workbook_edit(_rename_sheet("realisasi", "Realisasii")),
     ["agency.xlsx [Realisasii]: 'Realisasii' is not a known table; did you mean 'realisasi'?"]),
    ("xlsx-profile-without-value-column", cell_edit("profile", 1, "value", "nilai"),
     ["agency.xlsx [profile] row 1: the profile sheet needs two columns named 'Isian' and "
      "'Nilai' (or 'field' and 'value')"]),
    ("xlsx-profile-agency-id", cell_edit("profile", 2, "value", "a/b"),
     ['agency.xlsx [profile] row 2, column "agency_id": \'a/b\' is not a valid identifier']),
    ("xlsx-profile-unknown-field", cell_edit("profile", 3, "field", "agency_nama"),
     ['agency.xlsx [profile] row 3, column "agency_nama": unknown profile field; did you mean '
      "'agency_name'?", 'agency.xlsx [profile], column "agency_name": is empty; a value is required']),
    ("xlsx-period-Q1", cell_edit("realisasi", 2, "period", "Q1"),
     ["agency.xlsx [realisasi] row 2, column \"period\": 'Q1' is not a period"]),
    ("xlsx-bool-maybe", cell_edit("indikator", 3, "is_iku", "maybe"),
     ['agency.xlsx [indikator] row 3, column "is_iku": \'maybe\' is not ya/tidak']),
    ("xlsx-unknown-column", cell_edit("sasaran", 1, "rpjmd_code", "catatan"),
     ['agency.xlsx [sasaran] row 1, column "catatan": unknown column']),
]


def test_corpus_is_large_enough():
    assert len(CASES) >= 35
    assert len({case_id for case_id, _, _ in CASES}) == len(CASES)


#: Cases whose one edit legitimately causes a second problem elsewhere.
MAY_CASCADE = {"profile-unknown-field", "missing-required-column", "unknown-column",
               "duplicate-sasaran", "xlsx-profile-unknown-field"}


@pytest.mark.parametrize(("case_id", "build", "expected"), CASES, ids=[c for c, _, _ in CASES])
def test_malformed_input_is_reported(tmp_path, capsys, case_id, build, expected):
    path = build(tmp_path)
    before = snapshot(tmp_path)
    code, output = run(capsys, "validate", str(path))
    assert code == 1, output
    for fragment in expected:
        assert fragment in output, f"{fragment!r} not in:\n{output}"
    assert "Traceback" not in output
    assert "problem" in output.splitlines()[-1]
    if len(expected) == 1 and case_id not in MAY_CASCADE:
        assert output.splitlines()[-1] == "1 problem in the input", output
    assert snapshot(tmp_path) == before
