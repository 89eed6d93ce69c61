"""Params files are parsed through a typed model: strict, and immune to YAML 1.1 surprises."""

from __future__ import annotations

import pytest

from sakip.report.params import ParamsError, find_params, load_params

# The messages of params files are asserted in English (the suite speaks Indonesian:
# tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


def _write(tmp_path, text: str):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = "agency_id: {agency}\nyear: 2024\ndata_path: data/x\n"


def test_every_committed_params_file_parses():
    from sakip.report.chapters import PROJECT_ROOT

    found = find_params(PROJECT_ROOT / "params")
    assert {p.agency_id for _, p in found} >= {"payakumbuh-disnakerperin", "lampung-barat-disnakerperin"}


def test_yaml_scalars_stay_text(tmp_path):
    params = load_params(_write(tmp_path, BASE.format(agency="010")))
    assert params.agency_id == "010"  # YAML 1.1 would read 8
    params = load_params(_write(tmp_path, BASE.format(agency="NO")))
    assert params.agency_id == "NO"  # YAML 1.1 would read False


@pytest.mark.parametrize("extra, message", [
    ("colour: blue\n", "colour: unknown parameter"),
    ("report: lakip\n", "report:"),
    ("triwulan: 5\n", "triwulan:"),
    ("kriteria_scale: nope\n", "unknown kriteria scale 'nope'"),
    ("year: duaribu\n", "year:"),
])
def test_bad_params_are_named(tmp_path, extra, message):
    text = BASE.format(agency="a") + extra
    if extra.startswith("year"):
        text = "agency_id: a\ndata_path: d\n" + extra
    with pytest.raises(ParamsError) as info:
        load_params(_write(tmp_path, text))
    assert message in str(info.value)
    assert str(tmp_path / "p.yaml") in str(info.value)


def test_missing_parameter(tmp_path):
    with pytest.raises(ParamsError, match="data_path: missing required parameter"):
        load_params(_write(tmp_path, "agency_id: a\nyear: 2024\n"))


def test_agency_id_with_path_separator_is_refused(tmp_path):
    with pytest.raises(ParamsError, match="not a valid agency id"):
        load_params(_write(tmp_path, BASE.format(agency="'../etc'")))


def test_broken_yaml(tmp_path):
    with pytest.raises(ParamsError, match="not valid YAML"):
        load_params(_write(tmp_path, "agency_id: [unclosed\n"))


@pytest.mark.parametrize("extra, message", [
    ("triwlan: 2\n", "triwlan: unknown parameter; did you mean 'triwulan'?"),
    ("kriteria: permenpan\n", "kriteria: unknown parameter; did you mean 'kriteria_scale'?"),
    ("colour: blue\n", "colour: unknown parameter"),
    ("extra_chapters:\n  - id: x\n    notebok: n.ipynb\n    prefix: '5'\n",
     "notebok: unknown parameter; did you mean 'notebook'?"),
])
def test_an_unknown_key_gets_a_did_you_mean(tmp_path, extra, message):
    with pytest.raises(ParamsError) as info:
        load_params(_write(tmp_path, BASE.format(agency="a") + extra))
    assert message in str(info.value)
    if extra.startswith("colour"):
        assert "did you mean" not in str(info.value)
