from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.compute.formatting import round_half_up
from sakip.compute.formula import FormulaError, evaluate, names, parse, to_ascii, worked_steps

TENAGA = {("bekerja", 2024): D("74085"), ("angkatan_kerja", 2024): D("77876"),
          ("bekerja", 2023): D("74137"), ("angkatan_kerja", 2023): D("77907")}
PRODUKSI = {("nilai_produksi", 2024): D("301636853"), ("nilai_produksi", 2023): D("284598221")}


def test_seed_penyerapan_tenaga_kerja():
    value = evaluate("bekerja / angkatan_kerja * 100", TENAGA, 2024)
    assert round_half_up(value) == D("95.13")
    assert value != round_half_up(value)  # never rounded inside
    assert round_half_up(evaluate("bekerja / angkatan_kerja * 100", TENAGA, 2023)) == D("95.16")


def test_seed_peningkatan_nilai_produksi_uses_previous_year():
    f = "(nilai_produksi - nilai_produksi@n-1) / nilai_produksi@n-1 * 100"
    assert round_half_up(evaluate(f, PRODUKSI, 2024)) == D("5.99")
    assert names(f) == {("nilai_produksi", 0), ("nilai_produksi", 1)}


def test_worked_steps():
    steps = worked_steps("bekerja / angkatan_kerja * 100", TENAGA, 2024)
    assert steps == ["bekerja / angkatan_kerja × 100%", "74.085 / 77.876 × 100% = 95,13%"]
    labelled = worked_steps("bekerja / angkatan_kerja * 100", TENAGA, 2024,
                            labels={"bekerja": "Penduduk bekerja", "angkatan_kerja": "Angkatan kerja"})
    assert labelled[0] == "Penduduk bekerja / Angkatan kerja × 100%"
    f = "(nilai_produksi - nilai_produksi@n-1) / nilai_produksi@n-1 * 100"
    assert worked_steps(f, PRODUKSI, 2024) == [
        "(nilai_produksi − nilai_produksi (2023)) / nilai_produksi (2023) × 100%",
        "(301.636.853 − 284.598.221) / 284.598.221 × 100% = 5,99%",
    ]


def test_worked_steps_without_percent_and_decimals():
    comps = {("a", 2024): D("1.5"), ("b", 2024): D("0.125")}
    assert worked_steps("a - b", comps, 2024)[1] == "1,5 − 0,125 = 1,38"
    assert worked_steps("a * 2", comps, 2024, percent=True)[1] == "1,5 × 2 = 3,00%"
    assert worked_steps("-(a + b) * 3", comps, 2024)[1] == "-(1,5 + 0,125) × 3 = -4,88"
    assert worked_steps("a - (b - a)", comps, 2024)[1] == "1,5 − (0,125 − 1,5) = 2,88"


def test_operators_and_literals():
    comps = {("a", 2024): D("10"), ("b", 2024): D("4")}
    assert evaluate("a + b", comps, 2024) == D("14")
    assert evaluate("a - b * 2", comps, 2024) == D("2")
    assert evaluate("(a - b) * 2", comps, 2024) == D("12")
    assert evaluate("-a + +b", comps, 2024) == D("-6")
    assert evaluate("a * 0.1", comps, 2024) == D("1.0")
    assert evaluate("a × b ÷ 8", comps, 2024) == D("5")
    assert evaluate("a@n - 1", comps, 2024) == D("9")  # no spaces: '@n - 1' is minus one
    assert to_ascii("(a - a@n-1) / a@n-1 × 100") == "(a - a@n-1) / a@n-1 * 100"


@pytest.mark.parametrize("formula, message", [
    ("", "empty"),
    ("__import__('os').system('x')", "not allowed"),
    ("a.b", "not allowed"),
    ("a ** 2", "not allowed"),
    ("a // 2", "not allowed"),
    ("a if b else c", "not allowed"),
    ("[a]", "not allowed"),
    ("'text'", "not allowed"),
    ("a +", "not a valid formula"),
    ("a@n+1", "only past years"),
    ("a@m-1", "'@' must be followed"),
    ("lambda: 1", "not a valid formula"),  # ":" is read as division
    ("True + 1", "not allowed"),
])
def test_rejected_formulas(formula, message):
    with pytest.raises(FormulaError, match=message):
        parse(formula)


def test_evaluation_errors():
    comps = {("a", 2024): D("10"), ("b", 2024): D("0")}
    with pytest.raises(FormulaError, match="unknown component 'c'"):
        evaluate("a / c", comps, 2024)
    with pytest.raises(FormulaError, match="no value for 2023"):
        evaluate("a / a@n-1", comps, 2024)
    with pytest.raises(FormulaError, match="division by zero"):
        evaluate("a / b", comps, 2024)
    with pytest.raises(FormulaError, match="division by zero"):
        evaluate("a / (b * 3)", comps, 2024)
    with pytest.raises(FormulaError, match="has no value for 2025"):
        evaluate("a", comps, 2025)
    with pytest.raises(FormulaError):
        worked_steps("a / b", comps, 2024)


amounts = st.decimals(min_value=D("0.01"), max_value=D("1e12"), allow_nan=False, places=2)


@given(amounts, amounts)
def test_matches_direct_decimal_arithmetic(x, y):
    comps = {("x", 2024): x, ("y", 2024): y, ("x", 2023): y}
    assert evaluate("x / y * 100", comps, 2024) == x / y * 100
    assert evaluate("(x - x@n-1) / x@n-1 * 100", comps, 2024) == (x - y) / y * 100
    steps = worked_steps("x / y * 100", comps, 2024)
    assert steps[1].endswith("%") and " = " in steps[1]
