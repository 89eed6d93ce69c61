"""A new agency on its own (issue 12): no params file, arguments checked before any work."""

from __future__ import annotations

import openpyxl
import pytest

from sakip.cli import main
from sakip.inputs.template import write_template


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return info.value.code, out.out, out.err


def _fill(sheet, rows):
    header = [c.value for c in sheet[1]]
    for row in rows:
        line = sheet.max_row + 1
        for column, value in row.items():
            sheet.cell(line, header.index(column) + 1, value)


def filled_workbook(path):
    """The template, filled in with openpyxl as an analyst would: one sasaran, one IKU."""
    write_template(path)
    book = openpyxl.load_workbook(path)
    values = {"agency_id": "contoh-dinkes", "agency_name": "Dinas Kesehatan Contoh",
              "pemda_id": "kota-contoh", "pemda_kind": "kota", "pemda_name": "Contoh",
              "province": "Riau", "head_name": "Siti Aminah", "head_nip": "010",
              "renstra_start": 2021, "renstra_end": 2026}
    for row in book["profile"].iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    _fill(book["sasaran"], [{"sasaran_id": "S1", "statement": "Meningkatnya derajat kesehatan"}])
    _fill(book["indikator"], [{"indicator_id": "IKU1", "sasaran_id": "S1",
                               "name": "Indeks Kepuasan Masyarakat", "unit": "indeks",
                               "polarity": "higher", "is_iku": "ya"}])
    _fill(book["targets"], [{"indicator_id": "IKU1", "year": 2024, "source": "pk",
                             "value": 82.5}])
    _fill(book["realisasi"], [{"indicator_id": "IKU1", "year": 2024, "value": 86.75}])
    book.save(path)
    return path


def test_a_bad_triwulan_is_refused_before_any_work(tmp_path, capsys):
    book = filled_workbook(tmp_path / "dinkes.xlsx")
    out = tmp_path / "out"
    for value in ("0", "5"):
        code, _, err = run(capsys, "render", str(book), "--year", "2024", "--report",
                           "pengukuran", "--triwulan", value, "--output", str(out))
        assert code == 1
        assert err.strip().splitlines() == [f"kesalahan: --triwulan {value} tidak valid: gunakan 1, 2, 3 atau 4"]
    assert not out.exists()


def test_a_year_without_data_is_refused_before_any_work(tmp_path, capsys):
    book = filled_workbook(tmp_path / "dinkes.xlsx")
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", str(book), "--year", "2019", "--output", str(out))
    assert code == 1
    assert err.strip().splitlines() == [
        "kesalahan: tidak ada data contoh-dinkes untuk tahun 2019; tahun dengan data: 2024"]
    assert not out.exists()


def test_a_missing_or_invalid_input_says_what_to_do(tmp_path, capsys):
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", str(tmp_path / "nope.xlsx"), "--year", "2024",
                       "--output", str(out))
    assert code == 1 and "tidak ditemukan" in err and "sakip template" in err
    write_template(tmp_path / "empty.xlsx")
    code, _, err = run(capsys, "render", str(tmp_path / "empty.xlsx"), "--year", "2024",
                       "--output", str(out))
    assert code == 1 and "sakip validate" in err
    assert not out.exists()


def test_an_unknown_agency_says_how_to_add_one(tmp_path, capsys):
    code, _, err = run(capsys, "render", "--agency", "contoh-dinkes", "--year", "2024",
                       "--output", str(tmp_path / "out"))
    assert code == 1
    assert "perangkat daerah 'contoh-dinkes' tidak dikenal" in err
    assert "sakip render PATH --year TAHUN" in err and "params/<id>-<tahun>.yaml" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_template_fill_validate_render_without_params(tmp_path, capsys):
    book = filled_workbook(tmp_path / "dinkes.xlsx")
    code, out, _ = run(capsys, "validate", str(book))
    assert code == 0, out
    output = tmp_path / "output"
    code, out, err = run(capsys, "render", str(book), "--year", "2024", "--output", str(output))
    assert code == 0, out + err
    html = output / "contoh-dinkes" / "2024" / "lkjip" / "lkjip-contoh-dinkes-2024.html"
    text = html.read_text(encoding="utf-8")
    assert "Dinas Kesehatan Contoh" in text
    assert "Indeks Kepuasan Masyarakat" in text
    assert "82,5" in text and "86,75" in text
    assert not list(output.rglob("*.failed"))


def test_validate_lists_row_and_reference_problems_in_one_run_in_reading_order(tmp_path, capsys):
    book = filled_workbook(tmp_path / "dinkes.xlsx")
    workbook = openpyxl.load_workbook(book)
    _fill(workbook["realisasi"], [{"indicator_id": "IKU9", "year": 2024, "value": 3}])
    _fill(workbook["targets"], [{"indicator_id": "IKU1", "year": "20x4", "source": "pk",
                                 "value": 3}])
    # a row refused for its polarity still has its sasaran checked
    _fill(workbook["indikator"], [{"indicator_id": "IKU2", "sasaran_id": "S9", "name": "x",
                                   "unit": "%", "polarity": "up", "is_iku": "ya"}])
    workbook.save(book)
    code, out, _ = run(capsys, "validate", str(book))
    assert code == 1
    assert out.strip().splitlines() == [
        f'{book} [indikator] baris 4, kolom "polarity": \'up\' bukan salah satu dari: higher, '
        "lower, grade",
        f'{book} [indikator] baris 4, kolom "sasaran_id": \'S9\' tidak ditemukan di '
        "sasaran.sasaran_id",
        f'{book} [realisasi] baris 4, kolom "indicator_id": \'IKU9\' tidak ditemukan di '
        "indikator.indicator_id; maksudnya 'IKU1'?",
        f'{book} [targets] baris 4, kolom "year": \'20x4\' bukan tahun antara 1990 dan 2100',
        "4 masalah dalam isian",
    ]


def test_a_params_year_without_data_is_refused_before_any_work(tmp_path, capsys, monkeypatch):
    from sakip.report import render as r
    from sakip.report.params import ReportParams

    params = ReportParams(agency_id="payakumbuh-disnakerperin", year=2019,
                          data_path="data/payakumbuh-disnakerperin")
    monkeypatch.setattr(r, "resolve_params", lambda *args: params)
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", "--agency", "payakumbuh-disnakerperin", "--year", "2019",
                       "--output", str(out))
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "tidak ada data payakumbuh-disnakerperin untuk tahun 2019" in err
    assert not out.exists()


def test_a_folder_renders_without_params(tmp_path):
    from sakip.report.chapters import PROJECT_ROOT
    from sakip.report.render import params_for_input

    params = params_for_input(PROJECT_ROOT / "data" / "payakumbuh-disnakerperin", 2024)
    assert (params.agency_id, params.year, params.report) == ("payakumbuh-disnakerperin", 2024, "lkjip")
    assert params.data_path == "data/payakumbuh-disnakerperin"
