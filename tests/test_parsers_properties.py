"""Property-based tests (hypothesis) of the parsers and readers: random text, random bytes, random
cells and random Indonesian-looking numbers never crash them (only the documented
:class:`~sakip.model.parsing.ParseError` or a list of problems) and never take long: each example
runs under a hypothesis deadline, so a pattern that turns quadratic on some text fails here."""

from __future__ import annotations

import shutil
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sakip.inputs import InputError, build_agency, read_input
from sakip.inputs.limits import Limits
from sakip.inputs.problems import visible
from sakip.inputs.raw import bad_characters, number_text
from sakip.model import rows as m
from sakip.model.parsing import (
    ParseError,
    parse_amount,
    parse_bool,
    parse_number,
    parse_perf_value,
)
from test_inputs import TINY, tiny_workbook

FAST = settings(max_examples=300, deadline=timedelta(milliseconds=500),
                suppress_health_check=[HealthCheck.too_slow])
READ = settings(max_examples=40, deadline=timedelta(seconds=10),
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

#: Text such as analysts type, plus the characters that break naive parsers.
ANY_TEXT = st.text(alphabet=st.one_of(
    st.sampled_from(list("0123456789.,-+()%Rp pRIDxs/d\u00a0\u200b\t\n\x00")),
    st.characters()), max_size=300)
SPACEY = st.builds(lambda a, n, b: a + " " * n + b, st.text(max_size=5),
                   st.integers(0, 20_000), st.text(max_size=5))


# --- parsers --------------------------------------------------------------------------------


@FAST
@given(text=st.one_of(ANY_TEXT, SPACEY))
def test_parsers_never_crash(text):
    for parse in (parse_number, parse_amount, parse_perf_value, parse_bool):
        try:
            parse(text)
        except ParseError:
            pass


@FAST
@given(text=st.one_of(ANY_TEXT, SPACEY))
def test_column_validators_never_crash(text):
    for validate in (m._text, m._identifier, m._year, m._period, m._int, m._number, m._amount):
        try:
            validate(text)
        except ValueError:
            pass


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@st.composite
def indonesian_numbers(draw) -> tuple[str, Decimal]:
    """``Rp. 1.407.615.308,-``, ``(68.762.889,-)``, ``93,75%``, ``6.643.861.122`` ... and value."""
    whole = draw(st.integers(0, 10**15 - 1))
    decimals = draw(st.one_of(st.none(), st.text(alphabet="0123456789", min_size=1, max_size=4)))
    negative = draw(st.booleans())
    style = draw(st.sampled_from(["plain", "rp", "percent", "parentheses", "spaces"]))
    body = _grouped(whole) if draw(st.booleans()) or whole < 1000 else str(whole)
    if body == str(whole) and whole >= 1000 and decimals is None:
        decimals = "0"  # 1234 alone reads as 1234; 1234,0 keeps it unambiguous either way
    text = body + ("," + decimals if decimals is not None else "")
    value = Decimal(str(whole) + ("." + decimals if decimals is not None else ""))
    sign = "-" if negative and value else ""
    if style == "rp":
        text = f"Rp. {sign}{text},-" if decimals is None else f"Rp {sign}{text}"
    elif style == "percent":
        text = f"{sign}{text}%"
    elif style == "spaces":
        text = f"  {sign}{text}\u00a0 "
    elif style == "parentheses" and sign:
        text = f"({text})"
    else:
        text = sign + text
    if sign:
        value = -value
    return text, value


@FAST
@given(case=indonesian_numbers())
def test_indonesian_numbers_parse_to_their_value(case):
    text, value = case
    assert parse_number(text) == value


@FAST
@given(value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
       percent=st.booleans())
def test_number_cells_read_back_as_excel_shows_them(value, percent):
    assume(value == 0 or abs(value) >= 1e-9)  # what a cell of figures holds
    text = number_text(value, percent)
    expected = Decimal(format(value, ".15g")) * (100 if percent else 1)
    assume(abs(expected) < Decimal("1e16"))
    assert parse_number(text) == expected


@FAST
@given(text=st.text(max_size=200))
def test_visible_shows_every_invisible_character(text):
    shown = visible(text)
    assert shown.isprintable()
    assert not bad_characters(shown)
    if text.isprintable():
        assert shown == text


# --- readers --------------------------------------------------------------------------------


def _read_and_build(path: Path, limits: Limits | None = None) -> None:
    raw = read_input(path, limits)
    try:
        build_agency(raw)
    except InputError as exc:
        assert exc.problems
        assert all(str(p) for p in exc.problems)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("base")
    return {"folder": TINY, "workbook": tiny_workbook(root)}


@READ
@given(data=st.binary(max_size=4000), name=st.sampled_from(
    ["targets.csv", "profile.yaml", "indikator.csv", "narrative/01-faktor-pendukung-s1.md"]))
def test_random_bytes_in_a_folder_file(tmp_path_factory, data, name):
    folder = tmp_path_factory.mktemp("bytes") / "agency"
    shutil.copytree(TINY, folder)
    (folder / name).write_bytes(data)
    _read_and_build(folder)


@READ
@given(text=st.text(max_size=2000), name=st.sampled_from(["targets.csv", "profile.yaml",
                                                          "narrative/02-penutup.md"]))
def test_random_text_in_a_folder_file(tmp_path_factory, text, name):
    folder = tmp_path_factory.mktemp("text") / "agency"
    shutil.copytree(TINY, folder)
    (folder / name).write_text(text, encoding="utf-8")
    _read_and_build(folder)


@READ
@given(data=st.binary(max_size=3000))
def test_random_bytes_as_a_workbook(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("book") / "agency.xlsx"
    path.write_bytes(b"PK\x03\x04" + data if data[:1] == b"\0" else data)
    _read_and_build(path)


@READ
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                      min_size=1, max_size=20))
def test_damaged_workbook_bytes(tmp_path_factory, base, flips):
    data = bytearray(base["workbook"].read_bytes())
    for where, byte in flips:
        data[int(where * len(data))] = byte
    path = tmp_path_factory.mktemp("flip") / "agency.xlsx"
    path.write_bytes(bytes(data))
    _read_and_build(path)


CELL_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=100),
    st.sampled_from(["=SUM(A1:A3)", "#DIV/0!", "IKU1\u200b", "93,75%", "Rp. 1.407.615.308,-",
                     "-", "n/a", "TD", "5,80-6,00", " " * 500 + "x"]),
)


@READ
@given(cells=st.lists(st.tuples(st.sampled_from(["sasaran", "indikator", "targets", "profile",
                                                 "budget"]),
                                st.integers(1, 8), st.integers(1, 12), CELL_VALUES),
                      min_size=1, max_size=12))
def test_random_cells_in_a_workbook(tmp_path_factory, base, cells):
    import openpyxl

    path = tmp_path_factory.mktemp("cells") / "agency.xlsx"
    book = openpyxl.load_workbook(base["workbook"])
    for sheet, row, column, value in cells:
        book[sheet].cell(row, column).value = value
    book.save(path)
    _read_and_build(path)
