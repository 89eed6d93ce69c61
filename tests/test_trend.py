from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.compute.formatting import round_half_up
from sakip.compute.trend import (
    Verdict,
    compare_national,
    compare_years,
    project,
    renstra_capaian,
    year_over_year,
)
from sakip.model.parsing import DirectionValue, GradeValue, NumberValue, RangeValue


def test_seed_trend_95_16_to_95_13_is_turun():
    ch = compare_years(D("95.16"), D("95.13"), "higher", year_from=2023, year_to=2024)
    assert ch.direction == "turun" and not ch.improved
    assert ch.change_points == D("-0.03")
    assert ch.change_pct.quantize(D("0.0001")) == D("-0.0315")
    assert (ch.year_from, ch.year_to) == (2023, 2024)


def test_lower_is_better_decrease_is_improvement():
    ch = compare_years(D("4.87"), D("4.84"), "lower")
    assert ch.direction == "turun" and ch.improved
    up = compare_years(D("4.84"), D("4.87"), "lower")
    assert up.direction == "naik" and not up.improved


def test_flat_uses_shown_values():
    ch = compare_years(D("95.131"), D("95.134"), "higher")
    assert ch.direction == "tetap" and not ch.improved
    assert ch.change_points == D("0.003")


def test_grades_and_incomparable():
    ch = compare_years(GradeValue("BB"), GradeValue("A"), "grade")
    assert ch.direction == "naik" and ch.improved and ch.change_points is None
    assert compare_years(GradeValue("A"), GradeValue("A"), "grade").direction == "tetap"
    assert compare_years(GradeValue("A"), GradeValue("BB"), "grade").direction == "turun"
    assert compare_years(GradeValue("A"), D(80), "grade") is None
    assert compare_years(None, D(80), "higher") is None
    assert compare_years(DirectionValue("up"), D(80), "higher") is None
    assert compare_years(D(0), D(5), "higher").change_pct is None
    assert compare_years(NumberValue(D(2)), 3, "higher").change_points == 1


def test_year_over_year_skips_gaps():
    series = {2022: D("94.84"), 2023: None, 2024: D("95.13"), 2021: D("93.55")}
    changes = year_over_year(series, "higher")
    assert [(c.year_from, c.year_to, c.direction) for c in changes] == [
        (2021, 2022, "naik"), (2022, 2024, "naik")]
    assert year_over_year({2024: GradeValue("A"), 2023: D(1)}, "grade") == []


def test_seed_renstra_capaian():
    assert round_half_up(renstra_capaian(D("95.13"), D("93.77"), "higher").value) == D("101.45")
    assert round_half_up(renstra_capaian(D("6"), D("3.35"), "higher").value) == D("179.10")
    assert renstra_capaian(GradeValue("A"), GradeValue("A"), "grade").value == 100
    missing = renstra_capaian(D("6"), None, "higher")
    assert not missing.measurable
    assert renstra_capaian(D("4"), D("5"), "lower").value == D("120")


def test_projection_least_squares():
    p = project({2022: D(10), 2023: D(12), 2024: D(14)}, 2026, target_akhir=D(18))
    assert p.value == D(18) and p.slope == D(2) and p.reaches is True
    assert p.years_used == (2022, 2023, 2024) and p.method == "least_squares"
    noisy = project({2021: D("93.55"), 2022: D("94.84"), 2023: D("95.16"), 2024: D("95.13")},
                    2026, target_akhir=D("93.77"))
    assert noisy.reaches is True
    assert noisy.slope == D("0.506") and noisy.value == D("96.441")  # checked by hand


def test_projection_last_change_and_polarity():
    series = {2022: D(10), 2023: D(12), 2024: D(11)}
    last = project(series, 2026, method="last_change", target_akhir=D(10), polarity="lower")
    assert last.value == D(9) and last.years_used == (2023, 2024) and last.reaches is True
    assert project(series, 2026, method="last_change", target_akhir=D(8),
                   polarity="lower").reaches is False
    assert project(series, 2026).reaches is None
    with pytest.raises(ValueError):
        project(series, 2026, method="cubic")  # type: ignore[arg-type]


def test_projection_needs_two_numbers():
    assert project({2024: D(10)}, 2026) is None
    assert project({2023: GradeValue("A"), 2024: GradeValue("AA")}, 2026) is None
    assert project({2023: D(1), 2024: D(2)}, 2026, target_akhir=GradeValue("A")).reaches is None


@pytest.mark.parametrize("realisasi, standard, polarity, verdict", [
    (D("95.13"), D("97.68"), "higher", Verdict.DI_BAWAH),      # seed Tabel 3.x
    (D("98"), D("97.68"), "higher", Verdict.DI_ATAS),
    (D("97.684"), D("97.68"), "higher", Verdict.SAMA),         # shown alike
    (D("4.87"), D("5.00"), "lower", Verdict.DI_ATAS),
    (D("5.2"), D("5.00"), "lower", Verdict.DI_BAWAH),
    (GradeValue("A"), GradeValue("BB"), "grade", Verdict.DI_ATAS),
    (GradeValue("B"), GradeValue("BB"), "grade", Verdict.DI_BAWAH),
    (GradeValue("A"), GradeValue("A"), "grade", Verdict.SAMA),
    (D("5.9"), RangeValue(D("5.8"), D("6")), "higher", Verdict.SAMA),
    (D("6.1"), RangeValue(D("5.8"), D("6")), "higher", Verdict.DI_ATAS),
    (D("6.1"), RangeValue(D("5.8"), D("6")), "lower", Verdict.DI_BAWAH),
    (D("5.7"), RangeValue(D("5.8"), D("6")), "higher", Verdict.DI_BAWAH),
    (None, D("97.68"), "higher", Verdict.TIDAK_DAPAT_DIBANDINGKAN),
    (D("95"), None, "higher", Verdict.TIDAK_DAPAT_DIBANDINGKAN),
    (GradeValue("A"), D("80"), "grade", Verdict.TIDAK_DAPAT_DIBANDINGKAN),
    (D("95"), DirectionValue("up"), "higher", Verdict.TIDAK_DAPAT_DIBANDINGKAN),
])
def test_compare_national(realisasi, standard, polarity, verdict):
    assert compare_national(realisasi, standard, polarity) is verdict
    assert verdict.value in ("di_atas", "sama", "di_bawah", "tidak_dapat_dibandingkan")


values = st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, places=2)


@given(values, values)
def test_polarity_flips_improvement_and_verdict(a, b):
    hi, lo = compare_years(a, b, "higher"), compare_years(a, b, "lower")
    assert hi.direction == lo.direction
    if hi.direction != "tetap":
        assert hi.improved != lo.improved
    vh, vl = compare_national(a, b, "higher"), compare_national(a, b, "lower")
    flipped = {Verdict.DI_ATAS: Verdict.DI_BAWAH, Verdict.DI_BAWAH: Verdict.DI_ATAS,
               Verdict.SAMA: Verdict.SAMA}
    assert flipped[vh] is vl


@given(st.decimals(min_value=-100, max_value=100, allow_nan=False, places=2),
       st.decimals(min_value=-100, max_value=100, allow_nan=False, places=2))
def test_projection_of_an_exact_line_is_exact(intercept, slope):
    series = {y: intercept + slope * (y - 2020) for y in (2020, 2021, 2022, 2023)}
    p = project(series, 2026)
    assert p.value == intercept + slope * 6
