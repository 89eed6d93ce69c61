"""Reading and validating agency inputs: the valid tiny fixture, its workbook form, number
formats, YAML pitfalls, and the round trip folder -> workbook -> folder."""

from __future__ import annotations

import hashlib
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from sakip.inputs import InputError, Problem, load_agency, read_input
from sakip.inputs.raw import number_text
from sakip.inputs.template import write_workbook
from sakip.inputs.write import convert

TINY = Path(__file__).parent / "fixtures" / "tiny"


# --- helpers shared with the other input tests -------------------------------------------


def tiny_folder(tmp_path: Path, name: str = "agency") -> Path:
    """A private copy of the tiny valid fixture folder."""
    dest = tmp_path / name
    shutil.copytree(TINY, dest)
    return dest


def tiny_workbook(tmp_path: Path, name: str = "agency.xlsx") -> Path:
    """The tiny fixture as a workbook (written by the converter) whose sheets and headers carry
    the stored names, which are read as well as the Indonesian labels."""
    dest = tmp_path / name
    write_workbook(dest, read_input(TINY), labels=False)
    return dest


def edit_text(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def set_cell(workbook: Path, sheet: str, cell: str, value: object) -> None:
    book = openpyxl.load_workbook(workbook)
    book[sheet][cell] = value
    book.save(workbook)


def snapshot(path: Path) -> dict[str, tuple[str, int]]:
    """Bytes hash and mtime of every file under ``path`` (or of ``path`` itself)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in files}


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_agency(path)
    return info.value.problems


# --- the valid fixture ------------------------------------------------------------------


def test_tiny_folder_loads():
    agency = load_agency(TINY)
    assert agency.agency_id == "contoh-disnaker"
    assert [s.sasaran_id for s in agency.rows("sasaran")] == ["S1", "S2"]
    assert [i.indicator_id for i in agency.rows("indikator")] == ["IKU1", "IKU2", "IKU3"]
    assert agency.profile.head_nip == "19670601 198809 2 001"
    assert agency.profile.renstra_start == 2023
    assert len(agency.input_hash) == 64
    assert agency.source == TINY


def test_tiny_workbook_loads_equal_to_folder(tmp_path):
    folder, book = load_agency(TINY), load_agency(tiny_workbook(tmp_path))
    assert book.profile == folder.profile
    assert dict(book.tables) == dict(folder.tables)


def test_round_trip_folder_xlsx_folder(tmp_path):
    convert(TINY, tmp_path / "a.xlsx")
    convert(tmp_path / "a.xlsx", tmp_path / "b")
    original, back = load_agency(TINY), load_agency(tmp_path / "b")
    assert back.profile == original.profile
    assert dict(back.tables) == dict(original.tables)
    assert (tmp_path / "b" / "narrative").is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_convert_refuses_to_overwrite_without_force(tmp_path):
    dest = tmp_path / "a.xlsx"
    convert(TINY, dest)
    with pytest.raises(FileExistsError):
        convert(TINY, dest)
    convert(TINY, dest, force=True)
    dest_folder = tmp_path / "f"
    convert(dest, dest_folder)
    with pytest.raises(FileExistsError):
        convert(dest, dest_folder)
    convert(dest, dest_folder, force=True)
    assert load_agency(dest_folder).agency_id == "contoh-disnaker"


def test_convert_of_invalid_input_writes_nothing(tmp_path):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "targets.csv", "IKU1,2024", "IKU1,20x4")
    with pytest.raises(InputError):
        convert(folder, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_input_hash_changes_with_content_and_not_with_reading(tmp_path):
    folder = tiny_folder(tmp_path)
    first = load_agency(folder).input_hash
    assert load_agency(folder).input_hash == first
    edit_text(folder / "sasaran.csv", "kecil", "menengah")
    assert load_agency(folder).input_hash != first


def test_loading_leaves_inputs_untouched(tmp_path):
    folder, book = tiny_folder(tmp_path), tiny_workbook(tmp_path)
    before = snapshot(tmp_path)
    load_agency(folder)
    load_agency(book)
    assert snapshot(tmp_path) == before


def test_empty_rows_and_blank_lines_are_skipped(tmp_path):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "sasaran.csv", "S2,", ",,,\n\nS2,")
    assert len(load_agency(folder).rows("sasaran")) == 2
    book = tiny_workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    wb["sasaran"].insert_rows(3, 2)
    wb.save(book)
    assert len(load_agency(book).rows("sasaran")) == 2


# --- values as typed ----------------------------------------------------------------------


def test_yaml_scalars_stay_as_written(tmp_path):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "profile.yaml", "head_rank: Pembina Tk. I (IV/b)",
              "head_rank: NO\nhead_position: 010\naddress: 2024-12-31\nsuperior_name: on")
    profile = load_agency(folder).profile
    assert profile.head_rank == "NO"
    assert profile.head_position == "010"
    assert profile.address == "2024-12-31"
    assert profile.superior_name == "on"


def test_identifiers_keep_leading_zeros_in_csv_and_xlsx(tmp_path):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "sasaran.csv", "S2,T1,2,", "S2,T1,010,")
    assert load_agency(folder).rows("sasaran")[1].number == "010"
    book = tiny_workbook(tmp_path)
    set_cell(book, "sasaran", "D3", "010")
    assert load_agency(book).rows("sasaran")[1].number == "010"


@pytest.mark.parametrize(("typed", "expected"), [
    ("93,75", Decimal("93.75")),
    ("6.643.861.122", Decimal("6643861122")),
    ("Rp. 1.407.615.308,-", Decimal("1407615308")),
    ("(68.762.889,-)", Decimal("-68762889")),
    ("-", None),
    ("", None),
])
def test_indonesian_number_formats_in_csv(tmp_path, typed, expected):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "budget.csv", '"Rp. 1.407.615.308,-"', f'"{typed}"')
    assert load_agency(folder).rows("budget")[0].pagu == expected


@pytest.mark.parametrize(("cell", "number_format", "expected"), [
    (1407615308, "General", Decimal("1407615308")),
    (1.234, "General", Decimal("1.234")),  # a real decimal, not 1.234 thousand
    (93.75, "0.00", Decimal("93.75")),
    ("1.407.615.308", "@", Decimal("1407615308")),
    ("Rp. 1.407.615.308,-", "@", Decimal("1407615308")),
])
def test_number_cells_in_xlsx(tmp_path, cell, number_format, expected):
    book = tiny_workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    header = [c.value for c in wb["budget"][1]]
    target = wb["budget"].cell(2, header.index("pagu") + 1)
    target.value, target.number_format = cell, number_format
    wb.save(book)
    assert load_agency(book).rows("budget")[0].pagu == expected


def test_percent_formatted_cell_reads_as_percent(tmp_path):
    book = tiny_workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    header = [c.value for c in wb["realisasi"][1]]
    cell = wb["realisasi"].cell(3, header.index("value") + 1)
    cell.value, cell.number_format = 0.9375, "0.00%"
    wb.save(book)
    row = load_agency(book).rows("realisasi")[1]
    assert row.value == "93,75%"
    assert row.parsed.value == Decimal("93.75")


def test_number_text():
    assert number_text(93.75) == "93,75"
    assert number_text(1.234) == "1,234"
    assert number_text(0.1 + 0.2) == "0,3"
    assert number_text(0.9375, percent=True) == "93,75%"
    assert number_text(2024.0) == "2024"


def test_semicolon_separated_csv_as_saved_by_indonesian_excel(tmp_path):
    folder = tiny_folder(tmp_path)
    (folder / "realisasi.csv").write_text(
        "indicator_id;year;period;value\nIKU1;2024;TAHUN;5,71\nIKU2;2024;TAHUN;93,75%\n",
        encoding="utf-8")
    rows = load_agency(folder).rows("realisasi")
    assert [r.value for r in rows] == ["5,71", "93,75%"]


def test_bom_is_accepted(tmp_path):
    folder = tiny_folder(tmp_path)
    data = (folder / "sasaran.csv").read_bytes()
    (folder / "sasaran.csv").write_bytes(b"\xef\xbb\xbf" + data)
    assert len(load_agency(folder).rows("sasaran")) == 2


def test_example_rows_are_skipped_in_csv_too(tmp_path):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "sasaran.csv", "S1,", "contoh: S1,T1,1,Contoh\nS1,")
    assert len(load_agency(folder).rows("sasaran")) == 2


def test_literal_values_are_case_insensitive(tmp_path):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "targets.csv", "IKU2,2024,TAHUN,pk", "IKU2,2024,tw4,PK")
    target = load_agency(folder).rows("targets")[1]
    assert (target.period, target.source) == ("TW4", "pk")


def test_printed_arithmetic_errors_are_not_validation_errors(tmp_path):
    folder = tiny_folder(tmp_path)
    # the sub kegiatan's pagu exceeds its parent's: an audit finding, not unusable input
    edit_text(folder / "budget.csv", 'S1,"1.407.615.308","(68', 'S1,"9.999.999.999","(68')
    assert load_agency(folder).rows("budget")[2].pagu == Decimal("9999999999")


def test_problem_text_format():
    from sakip.i18n import set_language  # the location's words are in the language in use

    problem = Problem("data/x.xlsx", "targets", 7, "year", "'20x4' is not a year between 1990 and 2100")
    assert str(problem) == ("data/x.xlsx [targets] baris 7, kolom \"year\": '20x4' is not a year "
                            "between 1990 and 2100")
    set_language("en")
    assert str(problem) == ("data/x.xlsx [targets] row 7, column \"year\": '20x4' is not a year "
                            "between 1990 and 2100")
    assert str(Problem("data/x", message="required file targets.csv is missing")) == (
        "data/x: required file targets.csv is missing")


@pytest.mark.parametrize("name", ["payakumbuh-disnakerperin", "lampung-barat-disnakerperin"])
def test_example_data_validates(name):
    folder = Path(__file__).parents[1] / "data" / name
    if not (folder / "profile.yaml").exists():
        pytest.skip(f"{folder} not transcribed yet")
    agency = load_agency(folder)
    assert agency.agency_id == name


@pytest.mark.parametrize("name", ["payakumbuh-disnakerperin", "lampung-barat-disnakerperin"])
def test_example_data_round_trips_through_a_workbook(tmp_path, name):
    folder = Path(__file__).parents[1] / "data" / name
    if not (folder / "profile.yaml").exists():
        pytest.skip(f"{folder} not transcribed yet")
    convert(folder, tmp_path / "a.xlsx")
    convert(tmp_path / "a.xlsx", tmp_path / "b")
    original, back = load_agency(folder), load_agency(tmp_path / "b")
    assert back.profile == original.profile
    assert dict(back.tables) == dict(original.tables)
