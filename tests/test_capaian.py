from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.compute.capaian import Capaian, apply_cap, compute_capaian, grade_rank, sasaran_capaian
from sakip.compute.formatting import round_half_up
from sakip.model.parsing import GRADE_SCALE, DirectionValue, GradeValue, NumberValue, RangeValue


def N(x):
    return NumberValue(D(x))


def shown(c: Capaian):
    return round_half_up(c.value)


# --- the seed's figures ----------------------------------------------------------------------

def test_seed_higher_is_better():
    c = compute_capaian(N("93.75"), N("95.13"), "higher")
    assert c.measurable and c.reason is None and c.method == "ratio"
    assert shown(c) == D("101.47")
    assert shown(compute_capaian(N("3.25"), N("6"), "higher")) == D("184.62")


def test_seed_grade_and_lampung_barat_and_pdrb():
    c = compute_capaian(GradeValue("A"), GradeValue("A"), "grade")
    assert c.value == 100 and c.method == "grade_rank"
    assert shown(compute_capaian(N("87.02"), N("88.02"), "higher")) == D("101.15")
    assert shown(compute_capaian(N("372855"), N("430030"), "higher")) == D("115.33")


def test_value_is_unrounded():
    c = compute_capaian(N("3.25"), N("6"), "higher")
    assert c.value != shown(c)
    assert c.value.quantize(D("0.0001")) == D("184.6154")


# --- lower is better ------------------------------------------------------------------------

def test_lower_kondisi_khusus_default():
    c = compute_capaian(N("5"), N("4"), "lower")
    assert c.value == D("120") and c.method == "kondisi_khusus"
    assert compute_capaian(N("5"), N("6"), "lower").value == D("80")
    assert compute_capaian(N("5"), N("5"), "lower").value == D("100")
    assert compute_capaian(N("5"), N("5"), "lower", method="default").value == D("100")


def test_lower_kondisi_khusus_floors_at_zero():
    assert compute_capaian(N("5"), N("10"), "lower").value == 0
    assert compute_capaian(N("5"), N("25"), "lower").value == 0


def test_lower_inverse_ratio():
    c = compute_capaian(N("5"), N("4"), "lower", method="inverse_ratio")
    assert c.value == D("125") and c.method == "inverse_ratio"
    zero = compute_capaian(N("5"), N("0"), "lower", method="inverse_ratio")
    assert not zero.measurable and "realisasi 0" in zero.reason
    assert not compute_capaian(N("5"), N("-1"), "lower", method="inverse_ratio").measurable


def test_unknown_method_and_polarity():
    with pytest.raises(ValueError):
        compute_capaian(N("5"), N("4"), "lower", method="average")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        compute_capaian(N("5"), N("4"), "sideways")  # type: ignore[arg-type]


# --- missing data, target 0 -------------------------------------------------------------------

@pytest.mark.parametrize("target, realisasi, reason", [
    (None, N("1"), "target belum ditetapkan"),
    (N("1"), None, "realisasi belum tersedia"),
    (N("0"), N("5"), "target 0"),
    (N("-2"), N("5"), "target bernilai negatif"),
    (GradeValue("A"), N("80"), "tidak sebanding"),
    (N("80"), GradeValue("A"), "tidak sebanding"),
    (N("80"), DirectionValue("up"), "tidak sebanding"),
    (N("80"), RangeValue(D("1"), D("2")), "tidak sebanding"),
])
def test_not_measurable(target, realisasi, reason):
    for polarity in ("higher", "lower", "grade"):
        c = compute_capaian(target, realisasi, polarity)
        assert not c.measurable and c.value is None and reason in c.reason


# --- grades -----------------------------------------------------------------------------------

def test_grade_ranks_and_partial():
    assert [grade_rank(g) for g in GRADE_SCALE] == [1, 2, 3, 4, 5, 6, 7]
    assert compute_capaian(GradeValue("A"), GradeValue("AA"), "grade").value == 100
    c = compute_capaian(GradeValue("A"), GradeValue("BB"), "grade")
    assert shown(c) == D("83.33")
    assert shown(compute_capaian(GradeValue("AA"), GradeValue("D"), "grade")) == D("14.29")


def test_numeric_indicator_with_grade_polarity_is_higher_is_better():
    assert compute_capaian(N("70"), N("77"), "grade").value == D("110")


# --- ranges -----------------------------------------------------------------------------------

def test_range_higher():
    rng = RangeValue(D("5.80"), D("6.00"))
    assert compute_capaian(rng, N("5.9"), "higher").value == 100
    assert compute_capaian(rng, N("5.80"), "higher").value == 100
    assert compute_capaian(rng, N("6.00"), "higher").value == 100
    assert compute_capaian(rng, N("6.6"), "higher").value == D("110")
    assert shown(compute_capaian(rng, N("5.22"), "higher")) == D("90.00")
    assert compute_capaian(rng, N("5.22"), "higher").method == "range"


def test_range_permenpanrb_examples():
    # PermenPANRB 8/2021 lampiran examples: 70 vs 80-90 -> 87,5%; 6,5 vs 7-8 months -> 107%.
    assert compute_capaian(RangeValue(D("80"), D("90")), N("70"), "higher").value == D("87.5")
    lower = RangeValue(D("7"), D("8"))
    assert shown(compute_capaian(lower, N("6.5"), "lower")) == D("107.14")
    assert compute_capaian(lower, N("9"), "lower").value == D("87.5")
    assert compute_capaian(lower, N("7.5"), "lower").value == 100


def test_range_with_zero_low_bound():
    c = compute_capaian(RangeValue(D("0"), D("2")), N("-1"), "higher")
    assert not c.measurable and "target 0" in c.reason


# --- directions -------------------------------------------------------------------------------

def test_direction_meningkat():
    up = DirectionValue("up")
    assert compute_capaian(up, N("12"), "higher", previous=N("10")).value == 100
    c = compute_capaian(up, N("9"), "higher", previous=N("10"))
    assert c.value == D("90") and c.method == "direction"
    assert compute_capaian(up, N("10"), "higher", previous=N("10")).value == 100


def test_direction_menurun():
    down = DirectionValue("down")
    assert compute_capaian(down, N("4"), "lower", previous=N("5")).value == 100
    assert compute_capaian(down, N("6"), "lower", previous=N("5")).value == D("80")
    assert compute_capaian(down, N("6"), "lower", previous=N("5"),
                           method="inverse_ratio").value.quantize(D("0.01")) == D("83.33")


def test_direction_without_usable_previous():
    up = DirectionValue("up")
    for previous, reason in [(None, "sebelumnya belum tersedia"), (N("0"), "sebelumnya 0"),
                             (N("-3"), "negatif"), (GradeValue("A"), "tidak sebanding")]:
        c = compute_capaian(up, N("-5"), "higher", previous=previous)
        assert not c.measurable and reason in c.reason
    c = compute_capaian(DirectionValue("down"), N("5"), "lower", previous=N("0"))
    assert not c.measurable


# --- cap and sasaran --------------------------------------------------------------------------

def test_cap():
    c = compute_capaian(N("3.25"), N("6"), "higher", cap=D("120"))
    assert c.value == D("120") and c.method == "ratio+cap"
    assert compute_capaian(N("93.75"), N("95.13"), "higher", cap=D("120")).method == "ratio"
    missing = Capaian.unmeasurable("target 0")
    assert apply_cap(missing, D("120")) is missing


def test_sasaran_capaian():
    a = Capaian(D("100"), True, None, "ratio")
    b = Capaian(D("80"), True, None, "ratio")
    x = Capaian.unmeasurable("target 0")
    assert sasaran_capaian([a, b, x]).value == D("90")
    assert sasaran_capaian([a, b, x], "min").value == D("80")
    none = sasaran_capaian([x, x])
    assert not none.measurable and none.reason == "tidak ada indikator yang dapat diukur"
    assert not sasaran_capaian([]).measurable
    with pytest.raises(ValueError):
        sasaran_capaian([a], "median")  # type: ignore[arg-type]


# --- properties -------------------------------------------------------------------------------

positive = st.decimals(min_value=D("0.01"), max_value=D("1e9"), allow_nan=False, places=2)
any_number = st.decimals(min_value=D("-1e9"), max_value=D("1e9"), allow_nan=False, places=2)


@given(positive, any_number, st.sampled_from(["higher", "lower", "grade"]),
       st.sampled_from([None, "kondisi_khusus", "inverse_ratio"]))
def test_never_raises_never_nan(target, realisasi, polarity, method):
    c = compute_capaian(N(target), N(realisasi), polarity, method=method)
    assert c.measurable == (c.value is not None)
    if c.value is not None:
        assert c.value.is_finite()
    else:
        assert c.reason


@given(positive, positive)
def test_higher_is_monotone_and_100_at_target(target, realisasi):
    c = compute_capaian(N(target), N(realisasi), "higher")
    assert (c.value > 100) == (realisasi > target)
    assert compute_capaian(N(target), N(target), "higher").value == 100


@given(positive, positive)
def test_lower_rewards_smaller_realisasi(target, realisasi):
    c = compute_capaian(N(target), N(realisasi), "lower")
    assert c.value >= 0
    assert (c.value > 100) == (realisasi < target)
    c2 = compute_capaian(N(target), N(realisasi), "lower", method="inverse_ratio")
    assert (c2.value > 100) == (realisasi < target)


@given(st.sampled_from(GRADE_SCALE), st.sampled_from(GRADE_SCALE))
def test_grades_at_most_100_and_100_iff_met(t, r):
    c = compute_capaian(GradeValue(t), GradeValue(r), "grade")
    assert 0 < c.value <= 100
    assert (c.value == 100) == (GRADE_SCALE.index(r) >= GRADE_SCALE.index(t))


@given(positive, positive, positive)
def test_range_inside_is_100(a, b, r):
    low, high = min(a, b), max(a, b)
    c = compute_capaian(RangeValue(low, high), N(r), "higher")
    assert (c.value == 100) == (low <= r <= high)
    assert (c.value > 100) == (r > high)


@given(st.lists(positive, min_size=1, max_size=6))
def test_sasaran_mean_between_min_and_max(values):
    items = [Capaian(v, True, None, "ratio") for v in values]
    mean = sasaran_capaian(items).value
    tolerance = D("1e-15")  # Decimal division keeps 28 significant digits
    assert min(values) - tolerance <= mean <= max(values) + tolerance
    assert sasaran_capaian(items, "min").value == min(values)
