import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.compute.formatting import (
    fmt_date_id,
    fmt_int,
    fmt_number,
    fmt_pct,
    fmt_perf_value,
    fmt_rupiah,
    round_half_up,
    typed_places,
)
from sakip.model.parsing import DirectionValue, GradeValue, NumberValue, RangeValue, parse_number


@pytest.mark.parametrize("value, expected", [
    ("2.675", "2.68"), ("0.125", "0.13"), ("0.124999", "0.12"), ("-0.125", "-0.13"),
    ("2.5", "2.50"), ("101.4720", "101.47"), ("184.615384", "184.62"), ("89.695", "89.70"),
])
def test_round_half_up(value, expected):
    assert round_half_up(D(value)) == D(expected)


def test_round_half_up_places_and_errors():
    assert round_half_up(D("2.5"), 0) == D("3")
    assert round_half_up(D("3.5"), 0) == D("4")
    assert round_half_up(1.005, 2) == D("1.01")  # floats go through repr, not binary
    with pytest.raises(ValueError):
        round_half_up(D(1), -1)


@pytest.mark.parametrize("value, kwargs, expected", [
    (D("95.132"), {}, "95,13"),
    (D("1024.07"), {}, "1.024,07"),
    (D("2.675"), {}, "2,68"),
    (D("0.125"), {}, "0,13"),
    (D("6"), {}, "6,00"),
    (D("6"), {"strip": True}, "6"),
    (D("101.50"), {"strip": True}, "101,5"),
    (D("-0.001"), {}, "0,00"),
    (D("-1234.5"), {}, "-1.234,50"),
    (D("2.5"), {"places": 0}, "3"),
    (None, {}, "-"),
])
def test_fmt_number(value, kwargs, expected):
    assert fmt_number(value, **kwargs) == expected


def test_fmt_pct_int_rupiah():
    assert fmt_pct(D("93.75")) == "93,75%"
    assert fmt_pct(D("89.6973")) == "89,70%"
    assert fmt_pct(None) == "-"
    assert fmt_int(D("74085")) == "74.085"
    assert fmt_int(None) == "-"
    assert fmt_rupiah(D("6643861122")) == "Rp 6.643.861.122"
    assert fmt_rupiah(D("6643861122.00")) == "Rp 6.643.861.122"
    assert fmt_rupiah(D("1234.5")) == "Rp 1.234,50"
    assert fmt_rupiah(D("-68762889")) == "-Rp 68.762.889"
    assert fmt_rupiah(None) == "-"


def test_fmt_perf_value():
    assert fmt_perf_value(NumberValue(D("93.75")), "%") == "93,75%"
    assert fmt_perf_value(NumberValue(D("6")), "%") == "6%"
    assert fmt_perf_value(NumberValue(D("95.125")), "%") == "95,13%"
    assert fmt_perf_value(NumberValue(D("74085")), "orang") == "74.085 orang"
    assert fmt_perf_value(NumberValue(D("82.5")), "Nilai") == "82,5"
    assert fmt_perf_value(NumberValue(D("6")), "%", places=2) == "6,00%"
    assert fmt_perf_value(GradeValue("A"), "Nilai") == "A"
    assert fmt_perf_value(RangeValue(D("5.80"), D("6.00"))) == "5,80\u20136,00"
    assert fmt_perf_value(RangeValue(D("5.8"), D("6")), "%") == "5,8\u20136,0%"
    assert fmt_perf_value(DirectionValue("up")) == "meningkat"
    assert fmt_perf_value(DirectionValue("down")) == "menurun"
    assert fmt_perf_value(None, "%") == "-"
    with pytest.raises(TypeError):
        fmt_perf_value("93,75")  # type: ignore[arg-type]


def test_typed_places():
    assert typed_places(D("6")) == 0
    assert typed_places(D("93.75")) == 2
    assert typed_places(D("1.23456")) == 2
    assert typed_places(D("1.23456"), 4) == 4
    assert typed_places(D("1E+3")) == 0


def test_fmt_date_id():
    assert fmt_date_id(dt.date(2024, 12, 31)) == "31 Desember 2024"
    assert fmt_date_id(dt.date(2025, 1, 2)) == "2 Januari 2025"


@given(st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, places=4))
def test_fmt_number_round_trips_through_parser(value):
    text = fmt_number(value)
    assert parse_number(text) == round_half_up(value)


@given(st.decimals(min_value=0, max_value=10**6, allow_nan=False, places=3))
def test_half_up_never_below_half_even(value):
    from decimal import ROUND_HALF_EVEN
    assert round_half_up(value) >= value.quantize(D("0.01"), rounding=ROUND_HALF_EVEN)
