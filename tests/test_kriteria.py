from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.compute.kriteria import (
    DEFAULT_SCALE,
    NOT_MEASURABLE,
    SCALES,
    Band,
    KriteriaError,
    KriteriaScale,
    scale_from_config,
)

# The messages of the scales are asserted in English (the suite speaks Indonesian: tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("value, label", [
    ("101.472", "Sangat Baik"), ("184.6154", "Sangat Baik"), ("1024.07", "Sangat Baik"),
    ("91", "Sangat Baik"), ("90.995", "Sangat Baik"),  # shown as 91,00
    ("90.994", "Baik"), ("90.99", "Baik"), ("76", "Baik"),
    ("75.999", "Baik"),  # shown as 76,00
    ("75.99", "Cukup"), ("66", "Cukup"), ("65.99", "Kurang"), ("51", "Kurang"),
    ("50.99", "Sangat Kurang"), ("0", "Sangat Kurang"), ("-5", "Sangat Kurang"),
])
def test_default_scale_seed_table_3_1(value, label):
    assert DEFAULT_SCALE.classify(D(value)) == label


def test_missing_value():
    assert DEFAULT_SCALE.classify(None) == NOT_MEASURABLE == "Tidak Dapat Diukur"
    assert DEFAULT_SCALE.band(None) is None
    assert DEFAULT_SCALE.colour(None) == "#9e9e9e"
    assert DEFAULT_SCALE.colour(D("95")) == "#1a9850"


def test_intervals_for_printing():
    rows = DEFAULT_SCALE.intervals()
    assert rows[0] == ("Sangat Baik", D("91"), None)
    assert rows[1] == ("Baik", D("76"), D("90.99"))
    assert rows[-1] == ("Sangat Kurang", None, D("50.99"))
    assert DEFAULT_SCALE.labels == ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]


def test_registry():
    assert SCALES["default"] is DEFAULT_SCALE
    assert SCALES["permendagri_86_2017"].classify(D("91")) == "Sangat Tinggi"
    assert SCALES["permendagri_86_2017"].classify(D("50")) == "Sangat Rendah"
    assert SCALES["lan_2003_4"].classify(D("85")) == "Sangat Berhasil"
    assert SCALES["lan_2003_4"].classify(D("54.99")) == "Tidak Berhasil"
    assert len(SCALES["lan_2003_4"].bands) == 4
    six = SCALES["contoh_6"]
    assert len(six.bands) == 6
    assert six.classify(D("100.004")) == "Sangat Baik"  # shown as 100,00
    assert six.classify(D("100.005")) == "Melampaui Target"
    for scale in SCALES.values():
        assert scale.source


def test_scale_from_config_names_and_objects():
    assert scale_from_config(None) is DEFAULT_SCALE
    assert scale_from_config("permendagri_86_2017") is SCALES["permendagri_86_2017"]
    assert scale_from_config(DEFAULT_SCALE) is DEFAULT_SCALE
    with pytest.raises(KriteriaError, match="unknown kriteria scale 'nope'"):
        scale_from_config("nope")
    with pytest.raises(KriteriaError):
        scale_from_config(42)  # type: ignore[arg-type]


def test_scale_from_config_mapping():
    scale = scale_from_config({
        "name": "kota-x", "source": "Perwako X",
        "bands": [{"label": "Tinggi", "lower": "80,5", "colour": "#00ff00"},
                  {"label": "Sedang", "lower": 60},
                  {"label": "Rendah"}],
    })
    assert scale.name == "kota-x" and scale.source == "Perwako X"
    assert scale.classify(D("80.5")) == "Tinggi"
    assert scale.classify(D("80.49")) == "Sedang"
    assert scale.classify(D("10")) == "Rendah"
    assert scale.bands[1].colour.startswith("#")


@pytest.mark.parametrize("config, message", [
    ({"bands": []}, "non-empty list"),
    ({"bands": "x"}, "non-empty list"),
    ({"bands": [{"label": "A", "lower": 50}, {"label": "A"}]}, "duplicate labels"),
    ({"bands": [{"label": "A", "lower": 50}, {"label": "B", "lower": 60}, {"label": "C"}]},
     "strictly decrease"),
    ({"bands": [{"label": "A", "lower": 50}, {"label": "B", "lower": 50}, {"label": "C"}]},
     "strictly decrease"),
    ({"bands": [{"label": "A", "lower": 50}, {"label": "B", "lower": 10}]}, "open"),
    ({"bands": [{"label": "A"}, {"label": "B"}]}, "only the lowest band"),
    ({"bands": [{"label": "A", "lower": "x"}, {"label": "B"}]}, "not a number"),
    ({"bands": [{"label": "A", "lower": 5, "colour": "green"}, {"label": "B"}]}, "#rrggbb"),
    ({"bands": [{"label": "", "lower": 5}, {"label": "B"}]}, "label"),
    ({"bands": [{"label": "A"}]}, "at least two"),
    ({"bands": [{"label": "A", "lower": 5, "min": 1}, {"label": "B"}]}, "unknown keys"),
    ({"bands": ["A", "B"]}, "mapping"),
    ({"scale": "x"}, "unknown keys"),
    ({"bands": [{"label": "Tidak Dapat Diukur", "lower": 5}, {"label": "B"}]}, "reserved"),
])
def test_scale_from_config_rejects(config, message):
    with pytest.raises(KriteriaError, match=message):
        scale_from_config(config)


def test_scale_needs_name():
    with pytest.raises(KriteriaError):
        KriteriaScale("", "x", (Band("A", D(1), "#000000"), Band("B", None, "#000000")))


@given(st.decimals(min_value=-1000, max_value=10000, allow_nan=False, places=4),
       st.sampled_from(sorted(SCALES)))
def test_every_value_has_exactly_the_band_of_its_shown_value(value, name):
    scale = SCALES[name]
    shown = value.quantize(D("0.01"), rounding="ROUND_HALF_UP")
    label = scale.classify(value)
    assert label == scale.classify(shown)
    band = scale.band(value)
    assert band.lower is None or shown >= band.lower
    higher = scale.bands[: scale.bands.index(band)]
    assert all(shown < b.lower for b in higher)
