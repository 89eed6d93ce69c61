"""The documented template workbook: structure, help texts, drop-downs, the example-row
convention, and that a template filled in below the examples loads."""

from __future__ import annotations

import openpyxl
import pytest

from sakip.inputs import InputError, load_agency
from sakip.inputs.template import UNITS, choices, write_template
from sakip.model import rows as m
from sakip.model.schema import PROFILE, TABLES


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    return path


def _validations(sheet) -> dict[str, str]:
    """First cell of each data-validation range -> its list formula."""
    out = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            out[cell_range.coord.split(":")[0]] = validation.formula1
    return out


def test_sheets_are_readme_profile_and_every_table(template):
    book = openpyxl.load_workbook(template)
    assert book.sheetnames[0] == "README"
    assert [n for n in book.sheetnames if not n.startswith("_")][1:] == [t.name for t in TABLES]


def test_headers_are_bold_frozen_and_documented(template):
    book = openpyxl.load_workbook(template)
    for spec in TABLES:
        if spec is PROFILE:
            continue
        sheet = book[spec.name]
        header = [c.value for c in sheet[1]]
        assert header == spec.columns
        assert sheet.freeze_panes == "A2"
        for cell in sheet[1]:
            assert cell.font.b
            description = m.field_description(spec.model.model_fields[cell.value])
            assert cell.comment is not None and description in cell.comment.text


def test_example_row_starts_with_contoh(template):
    book = openpyxl.load_workbook(template)
    sheet = book["indikator"]
    assert str(sheet["A2"].value).startswith("contoh: IKU1")
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("polarity") + 1).value == "higher"
    assert book["targets"].cell(2, 1).value.startswith("contoh:")


def test_drop_down_lists(template):
    book = openpyxl.load_workbook(template)
    sheet = book["indikator"]
    header = [c.value for c in sheet[1]]
    lists = _validations(sheet)

    def formula(column):
        return lists[f"{openpyxl.utils.get_column_letter(header.index(column) + 1)}2"]

    assert formula("polarity") == '"higher,lower,grade"'
    assert formula("unit") == '"' + ",".join(UNITS) + '"'
    assert formula("is_iku") == '"ya,tidak"'
    targets = book["targets"]
    header = [c.value for c in targets[1]]
    lists = _validations(targets)
    assert lists[f"{openpyxl.utils.get_column_letter(header.index('period') + 1)}2"] == (
        '"TAHUN,TW1,TW2,TW3,TW4"')
    assert "pk_perubahan" in lists[f"{openpyxl.utils.get_column_letter(header.index('source') + 1)}2"]


def test_every_literal_field_has_a_drop_down(template):
    book = openpyxl.load_workbook(template)
    for spec in TABLES:
        if spec is PROFILE:
            continue
        lists = _validations(book[spec.name])
        for index, column in enumerate(spec.columns, start=1):
            if choices(spec, column):
                assert f"{openpyxl.utils.get_column_letter(index)}2" in lists, (spec.name, column)


def test_long_lists_go_to_the_hidden_sheet(template):
    book = openpyxl.load_workbook(template)
    formula = _validations(book["narrative"])["A2"]
    if formula.startswith("_lists!"):
        assert book["_lists"].sheet_state == "hidden"
    else:
        assert all(s in formula for s in m.NARRATIVE_SECTIONS)


def test_refuses_to_overwrite(template):
    with pytest.raises(FileExistsError):
        write_template(template)
    write_template(template, force=True)


def test_empty_template_reports_what_to_fill(template):
    with pytest.raises(InputError) as info:
        load_agency(template)
    text = info.value.report()
    assert '[profile] baris 2, kolom "agency_id": kosong; nilai wajib diisi' in text
    assert "[sasaran]: tidak memiliki baris data; tabel sasaran wajib ada" in text
    assert "contoh" not in text


def _fill(sheet, rows):
    header = [c.value for c in sheet[1]]
    for row in rows:
        line = sheet.max_row + 1
        for column, value in row.items():
            sheet.cell(line, header.index(column) + 1, value)


def test_template_filled_below_the_examples_loads(template):
    book = openpyxl.load_workbook(template)
    profile = book["profile"]
    values = {"agency_id": "uji-dinas", "agency_name": "Dinas Uji", "pemda_id": "kota-uji",
              "pemda_kind": "kota", "pemda_name": "Uji", "province": "Riau",
              "head_name": "Siti", "head_nip": "010", "renstra_start": 2021, "renstra_end": 2026}
    for row in profile.iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    _fill(book["sasaran"], [{"sasaran_id": "S1", "statement": "Meningkatnya layanan"}])
    _fill(book["indikator"], [{"indicator_id": "IKU1", "sasaran_id": "S1", "name": "IKM",
                               "unit": "indeks", "polarity": "higher", "is_iku": "ya"}])
    _fill(book["targets"], [{"indicator_id": "IKU1", "year": 2024, "source": "pk",
                             "value": 82.5}])
    book.save(template)
    agency = load_agency(template)
    assert agency.profile.head_nip == "010"
    assert [s.sasaran_id for s in agency.rows("sasaran")] == ["S1"]
    target = agency.rows("targets")[0]
    assert (target.indicator_id, target.year, target.period, target.value) == (
        "IKU1", 2024, "TAHUN", "82,5")
    assert agency.rows("budget") == ()  # example rows of untouched sheets are skipped too
