"""Numbers whose reading depends on the separator convention (issue 12): ``97.500`` in a
percentage, ``1,234`` in an amount. The rule is a small pure function; validation reports each
such value as a warning with both readings, and the value is read as before."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.cli import main
from sakip.inputs import build_agency, read_input
from sakip.model.parsing import Ambiguity, parse_number, separator_ambiguity
from test_inputs import edit_text, tiny_folder, tiny_workbook


@pytest.mark.parametrize(("text", "likely", "expected"), [
    ("97.500", "percent", Ambiguity(Decimal("97500"), Decimal("97.500"), ".")),
    ("97.500%", None, Ambiguity(Decimal("97500"), Decimal("97.500"), ".")),
    ("1,234", "whole", Ambiguity(Decimal("1.234"), Decimal("1234"), ",")),
    ("Rp 1,500,-", "whole", Ambiguity(Decimal("1.500"), Decimal("1500"), ",")),
    ("(2,750)", "whole", Ambiguity(Decimal("-2.750"), Decimal("-2750"), ",")),
])
def test_an_ambiguous_value_has_both_readings(text, likely, expected):
    assert separator_ambiguity(text, likely) == expected
    assert parse_number(text) == expected.taken  # the reading taken is unchanged


@pytest.mark.parametrize(("text", "likely"), [
    ("6.643.861.122", "whole"),  # several groups: thousands, nothing else
    ("Rp. 1.407.615.308,-", "whole"),
    ("93,75", "percent"), ("93,75%", None), ("82.88", "percent"),  # not three digits
    ("97,500", "percent"),  # a decimal comma in a percentage: the likely reading
    ("1.234", "whole"),  # a thousands dot in an amount: the likely reading
    ("77.907", None),  # no unit known: no guess
    ("1,234", None), ("1,234", "percent"),
    ("0.500", "percent"), ("0,500", "whole"),  # a leading zero is never a thousands group
    ("1234", "whole"), ("97", "percent"), ("-", "percent"), ("BB", "percent"),
    ("5,80-6,00", "percent"), (97.5, "percent"), (None, "whole"),
])
def test_ordinary_values_raise_no_doubt(text, likely):
    assert separator_ambiguity(text, likely) is None


@given(st.integers(1, 999), st.integers(0, 999), st.sampled_from([".", ","]),
       st.sampled_from(["percent", "whole", None]), st.booleans())
def test_the_rule(head, tail, separator, likely, percent):
    text = f"{head}{separator}{tail:03d}" + ("%" if percent else "")
    found = separator_ambiguity(text, likely)
    grouped, decimal = Decimal(head * 1000 + tail), Decimal(f"{head}.{tail:03d}")
    if separator == "." and (percent or likely == "percent"):
        assert found == Ambiguity(grouped, decimal, ".")
    elif separator == "," and not percent and likely == "whole":
        assert found == Ambiguity(decimal, grouped, ",")
    else:
        assert found is None
    if found is not None:
        assert parse_number(text) == found.taken and found.taken != found.other


@given(st.integers(1000, 10**12), st.sampled_from(["percent", "whole", None]))
def test_grouped_numbers_are_never_in_doubt(number, likely):
    text = f"{number:,}".replace(",", ".")
    if text.count(".") > 1:
        assert separator_ambiguity(text, likely) is None
        assert separator_ambiguity(f"Rp. {text},-", likely) is None


@given(st.integers(0, 999), st.integers(0, 99), st.sampled_from(["percent", "whole", None]))
def test_two_decimals_are_never_in_doubt(whole, cents, likely):
    assert separator_ambiguity(f"{whole},{cents:02d}", likely) is None
    assert separator_ambiguity(f"{whole}.{cents:02d}", likely) is None


def _warnings(path) -> list[str]:
    raw = read_input(path)
    build_agency(raw)
    return [str(w) for w in raw.warnings]


@pytest.mark.usefixtures("english")  # asserts the English messages
def test_validate_warns_with_file_row_column_and_both_readings(tmp_path, capsys):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "realisasi.csv", '"93,75%"', "97.500")  # IKU2 is in %
    edit_text(folder / "budget.csv", '"1.300.000.000"', '"1,300"')  # a pagu in rupiah
    agency = build_agency(read_input(folder))
    assert [r.value for r in agency.rows("realisasi")][1] == "97.500"  # read as before
    with pytest.raises(SystemExit) as info:
        main(["validate", str(folder)])
    out = capsys.readouterr().out.splitlines()
    assert info.value.code == 0
    assert out[:2] == [
        f'warning: {folder}/budget.csv row 2, column "realisasi": \'1,300\' can be read two ways: '
        "it is read as 1,3 (',' as the decimal mark), but may be meant as 1300 (',' grouping "
        "thousands); check the value and type it without doubt",
        f'warning: {folder}/realisasi.csv row 3, column "value": \'97.500\' can be read two '
        "ways: it is read as 97500 ('.' groups thousands), but may be meant as 97,5 ('.' as the "
        "decimal mark); check the value and type it without doubt",
    ]
    assert out[2].startswith("OK: ")


@pytest.mark.usefixtures("english")  # asserts the English messages
def test_an_indicator_in_whole_units_is_checked_for_commas(tmp_path):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "indikator.csv", "Persentase pencari kerja yang ditempatkan,%",
              "Pencari kerja yang ditempatkan,orang")
    edit_text(folder / "realisasi.csv", '"93,75%"', '"1,250"')
    assert [w.split(": ", 1)[1] for w in _warnings(folder)] == [
        "'1,250' can be read two ways: it is read as 1,25 (',' as the decimal mark), but may be "
        "meant as 1250 (',' grouping thousands); check the value and type it without doubt"]


@pytest.mark.usefixtures("english")  # asserts the English messages
def test_a_number_cell_of_a_workbook_is_never_in_doubt(tmp_path):
    book = tiny_workbook(tmp_path)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["budget"]
    header = [c.value for c in sheet[1]]
    column = header.index("realisasi") + 1
    sheet.cell(2, column).value = 1.3  # a number: shown as 1,3, no doubt about it
    sheet.cell(3, column).value = "1,300"  # text: the same doubt as in a CSV file
    workbook.save(book)
    warnings = _warnings(book)
    assert len(warnings) == 1
    assert warnings[0].startswith(f'{book} [budget] row 3, column "realisasi": \'1,300\'')


def test_the_seed_agencies_raise_no_doubt():
    for agency in ("payakumbuh-disnakerperin", "lampung-barat-disnakerperin"):
        assert not [w for w in _warnings(f"data/{agency}") if "two ways" in w]


@pytest.mark.parametrize(("unit", "likely"), [
    ("%", "percent"), (" Persen ", "percent"), ("persen (%)", "percent"), ("orang", "whole"),
    ("Rp.", "whole"), ("rupiah", "whole"), ("unit", "whole"), ("Nilai", None), ("indeks", None),
    (None, None), ("", None),
])
def test_the_unit_says_what_is_likely(unit, likely):
    from sakip.inputs.validate import unit_likely

    assert unit_likely(unit) == likely
