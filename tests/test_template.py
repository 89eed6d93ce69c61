"""The documented template workbook: structure, help texts, drop-downs, the example-row
convention, and that a template filled in below the examples loads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from sakip.inputs import InputError, load_agency
from sakip.inputs.template import UNITS, choices, write_template
from sakip.model import rows as m
from sakip.model.schema import BY_NAME, PROFILE, PROFILE_SHEET_COLUMNS, TABLES


def _sheet(book, name):
    """The sheet of a table, named by its Indonesian label."""
    return book[BY_NAME[name].sheet_label]


def _keys(sheet, name):
    """The header of a table's sheet as stored names."""
    return [BY_NAME[name].column_for(c.value) for c in sheet[1]]


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
    assert [n for n in book.sheetnames if not n.startswith("_")][1:] == [
        t.sheet_label for t in TABLES]
    assert book.sheetnames[1:4] == ["Profil", "Tujuan Sasaran RPJMD", "Isu Strategis"]


def test_headers_are_bold_frozen_and_documented(template):
    book = openpyxl.load_workbook(template)
    for spec in TABLES:
        if spec is PROFILE:
            continue
        sheet = _sheet(book, spec.name)
        header = [c.value for c in sheet[1]]
        assert header == [spec.labels[c] for c in spec.columns]
        assert _keys(sheet, spec.name) == spec.columns
        assert sheet.freeze_panes == "A2"
        for cell, column in zip(sheet[1], spec.columns):
            assert cell.font.b
            description = m.field_description(spec.model.model_fields[column])
            assert cell.comment is not None and description in cell.comment.text
            assert column in cell.comment.text  # the stored name, accepted as well


def test_example_row_starts_with_contoh(template):
    book = openpyxl.load_workbook(template)
    sheet = _sheet(book, "indikator")
    assert str(sheet["A2"].value).startswith("contoh: IKU1")
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("Polaritas") + 1).value == "higher"
    assert sheet.cell(2, header.index("Nama Indikator") + 1).value == (
        "Persentase Penyerapan Tenaga Kerja")
    assert _sheet(book, "targets").cell(2, 1).value.startswith("contoh:")
    budget = _sheet(book, "budget")
    header = _keys(budget, "budget")
    names = [budget.cell(r, header.index("name") + 1).value for r in range(2, budget.max_row + 1)]
    assert names[0] == "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA"  # a programme


def test_drop_down_lists(template):
    book = openpyxl.load_workbook(template)
    sheet = _sheet(book, "indikator")
    header = _keys(sheet, "indikator")
    lists = _validations(sheet)

    def formula(column):
        return lists[f"{openpyxl.utils.get_column_letter(header.index(column) + 1)}2"]

    assert formula("polarity") == '"higher,lower,grade"'
    assert formula("unit") == '"' + ",".join(UNITS) + '"'
    assert formula("is_iku") == '"ya,tidak"'
    targets = _sheet(book, "targets")
    header = _keys(targets, "targets")
    lists = _validations(targets)
    assert lists[f"{openpyxl.utils.get_column_letter(header.index('period') + 1)}2"] == (
        '"TAHUN,TW1,TW2,TW3,TW4"')
    assert "pk_perubahan" in lists[f"{openpyxl.utils.get_column_letter(header.index('source') + 1)}2"]


def test_every_literal_field_has_a_drop_down(template):
    book = openpyxl.load_workbook(template)
    for spec in TABLES:
        if spec is PROFILE:
            continue
        lists = _validations(_sheet(book, spec.name))
        for index, column in enumerate(spec.columns, start=1):
            if choices(spec, column):
                assert f"{openpyxl.utils.get_column_letter(index)}2" in lists, (spec.name, column)


def test_long_lists_go_to_the_hidden_sheet(template):
    book = openpyxl.load_workbook(template)
    formula = _validations(_sheet(book, "narrative"))["A2"]
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
    assert ('[Profil] baris 2, kolom "Kode Perangkat Daerah": kosong; nilai wajib diisi'
            in text)
    assert "[Sasaran]: tidak memiliki baris data; tabel ini wajib diisi" in text
    assert "contoh" not in text


def _fill(sheet, rows):
    """Rows keyed by stored names, written under whatever header the sheet has."""
    spec = next(t for t in TABLES if sheet.title in (t.name, t.sheet_label))
    header = [spec.column_for(c.value) for c in sheet[1]]
    for row in rows:
        line = sheet.max_row + 1
        for column, value in row.items():
            sheet.cell(line, header.index(column) + 1, value)


def test_template_filled_below_the_examples_loads(template):
    book = openpyxl.load_workbook(template)
    profile = _sheet(book, "profile")
    values = {"agency_id": "uji-dinas", "agency_name": "Dinas Uji", "pemda_id": "kota-uji",
              "pemda_kind": "kota", "pemda_name": "Uji", "province": "Riau",
              "head_name": "Siti", "head_nip": "010", "renstra_start": 2021, "renstra_end": 2026}
    for row in profile.iter_rows(min_row=2):
        key = PROFILE.column_for(row[0].value)
        if key in values:
            row[1].value = values[key]
    _fill(_sheet(book, "sasaran"), [{"sasaran_id": "S1", "statement": "Meningkatnya layanan"}])
    _fill(_sheet(book, "indikator"), [{"indicator_id": "IKU1", "sasaran_id": "S1", "name": "IKM",
                                       "unit": "indeks", "polarity": "higher", "is_iku": "ya"}])
    _fill(_sheet(book, "targets"), [{"indicator_id": "IKU1", "year": 2024, "source": "pk",
                                     "value": 82.5}])
    book.save(template)
    agency = load_agency(template)
    assert agency.profile.head_nip == "010"
    assert [s.sasaran_id for s in agency.rows("sasaran")] == ["S1"]
    target = agency.rows("targets")[0]
    assert (target.indicator_id, target.year, target.period, target.value) == (
        "IKU1", 2024, "TAHUN", "82,5")
    assert agency.rows("budget") == ()  # example rows of untouched sheets are skipped too


PROFILE_VALUES = {"agency_id": "contoh-disnakerperin", "agency_name": "Dinas Tenaga Kerja dan "
                  "Perindustrian", "pemda_id": "kota-contoh", "pemda_kind": "kota",
                  "pemda_name": "Contoh", "province": "Sumatera Barat",
                  "head_name": "Budi Santoso, S.E., M.M.", "renstra_start": "2021",
                  "renstra_end": "2026"}


def _fill_profile(book):
    for row in _sheet(book, "profile").iter_rows(min_row=2):
        key = PROFILE.column_for(row[0].value)
        if key in PROFILE_VALUES:
            row[1].value = PROFILE_VALUES[key]


def test_the_examples_validate_together_when_kept(template):
    """Every example row, its 'contoh:' prefix removed, makes one valid agency."""
    from sakip.inputs.template import EXAMPLES

    book = openpyxl.load_workbook(template)
    _fill_profile(book)
    kept = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            value = row[0].value
            if isinstance(value, str) and value.startswith("contoh:"):
                row[0].value = value.removeprefix("contoh:").strip() or None
                kept += 1
    assert kept == sum(len(rows) for rows in EXAMPLES.values())
    assert set(EXAMPLES) == {t.name for t in TABLES if t is not PROFILE}  # every sheet has some
    book.save(template)
    agency = load_agency(template)
    assert [b.code for b in agency.rows("budget")] == ["P1", "P1.K1", "P1.K1.S1"]
    iku = agency.rows("realisasi")[0]
    assert (iku.indicator_id, iku.value) == ("IKU1", "95,16")
    # the components give the realisasi they document: 74.137 / 77.907 = 95,16 %
    parts = {c.name: c.value for c in agency.rows("components")}
    assert round(parts["bekerja"] / parts["angkatan_kerja"] * 100, 2) == Decimal("95.16")


def test_sheets_and_headers_may_carry_labels_or_stored_names(template):
    book = openpyxl.load_workbook(template)
    _fill_profile(book)
    _sheet(book, "sasaran").title = "_renaming"  # openpyxl ignores case when renaming
    book["_renaming"].title = "sasaran"  # the stored name of the sheet
    indikator = _sheet(book, "indikator")
    indikator["A1"] = "indicator_id"  # a stored name among labels
    _fill(book["sasaran"], [{"sasaran_id": "S1", "statement": "Meningkatnya serapan tenaga kerja"}])
    _fill(indikator, [{"indicator_id": "IKU1", "sasaran_id": "S1", "name": "Penyerapan",
                       "unit": "%"}])
    _fill(_sheet(book, "targets"), [{"indicator_id": "IKU1", "year": 2024, "source": "pk",
                                     "value": "93,75"}])
    book.save(template)
    agency = load_agency(template)
    assert [i.indicator_id for i in agency.rows("indikator")] == ["IKU1"]
    assert agency.rows("targets")[0].value == "93,75"


@pytest.mark.usefixtures("english")  # asserts the English messages
def test_a_problem_names_the_column_as_written(template):
    book = openpyxl.load_workbook(template)
    _fill_profile(book)
    _fill(_sheet(book, "sasaran"), [{"sasaran_id": "S1", "statement": "Meningkatnya layanan"}])
    _fill(_sheet(book, "indikator"), [{"indicator_id": "IKU1", "sasaran_id": "S1", "name": "x",
                                       "polarity": "naik"}])
    _fill(_sheet(book, "targets"), [{"indicator_id": "IKU1", "year": 2024, "source": "pk"}])
    _sheet(book, "targets")["B1"] = "Kode Indikatr"
    book.save(template)
    with pytest.raises(InputError) as info:
        load_agency(template)
    lines = info.value.report().splitlines()
    assert any('[Indikator Kinerja] row 4, column "Polaritas": \'naik\' is not one of' in line
               for line in lines), lines
    assert any('[Target] row 1, column "Kode Indikatr": unknown column; did you mean '
               "'Kode Indikator'?" in line for line in lines), lines


@pytest.mark.usefixtures("english")  # asserts the English messages
def test_a_column_written_as_label_and_as_stored_name_is_refused(template):
    book = openpyxl.load_workbook(template)
    sheet = _sheet(book, "sasaran")
    sheet.cell(1, sheet.max_column + 1, "statement")  # besides "Pernyataan Sasaran"
    book.save(template)
    with pytest.raises(InputError) as info:
        load_agency(template)
    assert ("[Sasaran] row 1, column \"statement\": 'Pernyataan Sasaran' and 'statement' name "
            "the same column (statement): keep one of them") in info.value.report()


@pytest.mark.usefixtures("english")  # asserts the English messages
def test_a_table_given_as_two_sheets_is_refused(template):
    book = openpyxl.load_workbook(template)
    book.create_sheet("targets")  # besides "Target"
    book.save(template)
    with pytest.raises(InputError) as info:
        load_agency(template)
    assert ("[targets]: sheets 'Target' and 'targets' are the same table (targets): keep one of "
            "them") in info.value.report()


def test_csv_headers_may_carry_labels(tmp_path):
    from sakip.inputs import read_input
    from sakip.inputs.write import write_folder

    folder = tmp_path / "dinas"
    write_folder(read_input(Path(__file__).parent / "fixtures" / "tiny"), folder)
    text = (folder / "sasaran.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    labels = BY_NAME["sasaran"].labels
    (folder / "sasaran.csv").write_text(
        ",".join(labels[c] for c in header.split(",")) + "\n" + rest, encoding="utf-8")
    agency = load_agency(folder)
    assert agency.rows("sasaran")


def test_a_label_that_names_another_column_is_refused():
    from sakip.model.schema import LabelError, TableSpec, _by_sheet

    with pytest.raises(LabelError, match="'sasaran_id' is already the name of column"):
        TableSpec("sasaran", m.Sasaran, "Sasaran", column_labels={"statement": "sasaran_id"})
    with pytest.raises(LabelError, match="already names the table 'targets'"):
        _by_sheet((BY_NAME["targets"], TableSpec("realisasi", m.Realisasi, "R", label="Target")))
    assert PROFILE_SHEET_COLUMNS["field"] == "Isian"


@pytest.mark.usefixtures("english")  # asserts the English messages
def test_did_you_mean_knows_the_indonesian_names(template):
    book = openpyxl.load_workbook(template)
    _sheet(book, "indikator").title = "Indikator Kinerjaa"
    for row in _sheet(book, "profile").iter_rows(min_row=2):
        if row[0].value == "Nama Kepala":
            row[0].value = "Nama Kepla"
    book.save(template)
    with pytest.raises(InputError) as info:
        load_agency(template)
    text = info.value.report()
    assert ("[Indikator Kinerjaa]: 'Indikator Kinerjaa' is not a known table; did you mean "
            "'Indikator Kinerja'?") in text
    assert ('[Profil] row 8, column "Nama Kepla": unknown profile field; did you mean '
            "'Nama Kepala'?") in text
    assert '[Profil], column "Nama Kepala": is empty; a value is required' in text


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.name)
def test_every_stored_name_and_label_names_its_own_column(spec):
    from sakip.model.schema import table_for

    assert table_for(spec.name) is spec and table_for(spec.sheet_label) is spec
    for column, label in spec.labels.items():
        assert spec.column_for(column) == column and spec.column_for(label) == column
        assert spec.column_for(f" {label} ") == column  # spaces around a header are ignored
    assert spec.column_for(spec.name + "?") is None


def test_labels_or_stored_names_give_the_same_agency(tmp_path):
    """The seed agency as a folder, as a workbook with Indonesian names (what convert writes)
    and with the stored names: the same figures, row for row."""
    from sakip.inputs import read_input
    from sakip.inputs.template import write_workbook

    folder = Path(__file__).parents[1] / "data" / "payakumbuh-disnakerperin"
    raw = read_input(folder)
    write_workbook(tmp_path / "labels.xlsx", raw)
    write_workbook(tmp_path / "keys.xlsx", raw, labels=False)
    agencies = [load_agency(p) for p in (folder, tmp_path / "labels.xlsx", tmp_path / "keys.xlsx")]
    assert agencies[0].profile == agencies[1].profile == agencies[2].profile
    for spec in TABLES:
        if spec is not PROFILE:
            rows = [a.rows(spec.name) for a in agencies]
            assert rows[0] == rows[1] == rows[2], spec.name
    book = openpyxl.load_workbook(tmp_path / "labels.xlsx", read_only=True)
    assert "Anggaran" in book.sheetnames and "budget" not in book.sheetnames


@pytest.mark.usefixtures("english")  # asserts the English messages
def test_profile_yaml_keys_may_be_indonesian(tmp_path):
    import shutil

    folder = tmp_path / "dinas"
    shutil.copytree(Path(__file__).parent / "fixtures" / "tiny", folder)
    profile = folder / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "\nagency_name:", "\nNama Perangkat Daerah:"), encoding="utf-8")
    assert load_agency(folder).profile.agency_name == "Dinas Tenaga Kerja Contoh"
    with open(profile, "a", encoding="utf-8") as handle:
        handle.write("agency_name: Dinas Lain\n")
    with pytest.raises(InputError) as info:
        load_agency(folder)
    assert ("'Nama Perangkat Daerah' and 'agency_name' name the same column (agency_name): keep "
            "one of them; only 'Nama Perangkat Daerah' is read") in info.value.report()
