"""A new agency on its own (issue 12): no params file, arguments checked before any work."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from sakip.inputs.template import EXAMPLES, write_template
from support import run_cli

run = run_cli  # the command line in this process (tests/support.py)


def _fill(sheet, rows):
    header = [c.value for c in sheet[1]]
    for row in rows:
        line = sheet.max_row + 1
        for column, value in row.items():
            sheet.cell(line, header.index(column) + 1, value)


def filled_workbook(path):
    """The template, filled in with openpyxl as an analyst would, under the Indonesian sheet
    names and headers: one sasaran, one IKU."""
    write_template(path)
    book = openpyxl.load_workbook(path)
    values = {"Kode Perangkat Daerah": "contoh-dinkes",
              "Nama Perangkat Daerah": "Dinas Kesehatan Contoh", "Kode Pemda": "kota-contoh",
              "Jenis Pemda": "kota", "Nama Daerah": "Contoh", "Provinsi": "Riau",
              "Nama Kepala": "Siti Aminah", "NIP Kepala": "010", "Tahun Awal Renstra": 2021,
              "Tahun Akhir Renstra": 2026}
    assert [c.value for c in book["Profil"][1]] == ["Isian", "Nilai", "Keterangan"]
    for row in book["Profil"].iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    _fill(book["Sasaran"], [{"Kode Sasaran": "S1",
                             "Pernyataan Sasaran": "Meningkatnya derajat kesehatan"}])
    _fill(book["Indikator Kinerja"], [{"Kode Indikator": "IKU1", "Kode Sasaran": "S1",
                                       "Nama Indikator": "Indeks Kepuasan Masyarakat",
                                       "Satuan": "indeks", "Polaritas": "higher", "IKU": "ya"}])
    _fill(book["Target"], [{"Kode Indikator": "IKU1", "Tahun": 2024, "Dokumen Sumber": "pk",
                            "Target": 82.5}])
    _fill(book["Realisasi"], [{"Kode Indikator": "IKU1", "Tahun": 2024, "Realisasi": 86.75}])
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


def test_a_pengukuran_without_quarterly_data_is_refused_before_any_work(tmp_path, capsys):
    """The sparse example has yearly figures only: a pengukuran report of it would be tables of
    dashes, so it is refused in one line, nothing written."""
    from support import DATA

    out = tmp_path / "out"
    code, _, err = run(capsys, "render", str(DATA / "contoh-dinas-kecil"), "--year", "2024",
                       "--report", "pengukuran", "--output", str(out))
    assert code == 1
    assert [line for line in err.strip().splitlines() if not line.startswith("peringatan:")] == [
        "kesalahan: tidak ada data triwulan contoh-dinas-kecil untuk tahun 2024: laporan "
        "pengukuran memerlukan target atau realisasi per triwulan (TW1-TW4)"]
    assert not out.exists()


def test_a_params_file_beside_the_workbook(tmp_path, capsys):
    """A params file anywhere: its relative data_path is read from its own folder, --year
    replaces its year, a missing data_path or a year without data is one clear line."""
    from sakip.report.render import params_from_file

    book = filled_workbook(tmp_path / "dinkes.xlsx")
    params_file = tmp_path / "dinkes.yaml"
    params_file.write_text("agency_id: contoh-dinkes\nyear: 2024\ndata_path: dinkes.xlsx\n"
                           "tanggal_laporan: 2025-01-20\n", encoding="utf-8")
    params = params_from_file(params_file)
    assert Path(params.data_path) == book.resolve() and params.year == 2024
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "render", str(params_file), "--output", str(out))
    assert code == 0, err
    html = next(out.rglob("lkjip-contoh-dinkes-2024.html")).read_text(encoding="utf-8")
    assert "20 Januari 2025" in html
    code, _, err = run(capsys, "render", str(params_file), "--year", "2019", "--output",
                       str(tmp_path / "out2"))
    assert code == 1 and err.strip().splitlines() == [
        "kesalahan: tidak ada data contoh-dinkes untuk tahun 2019; tahun dengan data: 2024"]
    params_file.write_text("agency_id: contoh-dinkes\nyear: 2024\ndata_path: lain.xlsx\n",
                           encoding="utf-8")
    code, _, err = run(capsys, "render", str(params_file), "--output", str(tmp_path / "out3"))
    assert code == 1 and "data_path" in err and "tidak ditemukan" in err
    assert not (tmp_path / "out2").exists() and not (tmp_path / "out3").exists()


def test_a_pemda_year_without_data_is_refused_in_one_line(tmp_path, capsys):
    """A batch whose year no agency has data for stops before any report, in one line (the
    workers started meanwhile are stopped); a year some agencies have renders as usual."""
    import shutil

    from support import GENERATED

    data = tmp_path / "data"
    for agency in ("sintetis-dinsos", "sintetis-dispora"):
        shutil.copytree(GENERATED / agency, data / agency)
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", "--pemda", "kabupaten-sintetis", "--year", "2030",
                       "--data", str(data), "--output", str(out))
    assert code == 1
    assert err.strip().splitlines() == [
        "kesalahan: tidak ada perangkat daerah dalam kumpulan ini yang memiliki data tahun 2030"]
    assert not out.exists()


def test_a_missing_or_invalid_input_says_what_to_do(tmp_path, capsys):
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", str(tmp_path / "nope.xlsx"), "--year", "2024",
                       "--output", str(out))
    assert code == 1 and "tidak ditemukan" in err and "sakip template" in err
    assert "sakip new KODE" in err
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
    assert "sakip render PATH --year TAHUN" in err and "params/<kode>-<tahun>.yaml" in err
    assert "`sakip new KODE`" in err
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
    _fill(workbook["Realisasi"], [{"Kode Indikator": "IKU9", "Tahun": 2024, "Realisasi": 3}])
    _fill(workbook["Target"], [{"Kode Indikator": "IKU1", "Tahun": "20x4", "Dokumen Sumber": "pk",
                                "Target": 3}])
    # a row refused for its polarity still has its sasaran checked
    _fill(workbook["Indikator Kinerja"], [{"Kode Indikator": "IKU2", "Kode Sasaran": "S9",
                                           "Nama Indikator": "x", "Satuan": "%",
                                           "Polaritas": "up", "IKU": "ya"}])
    workbook.save(book)
    code, out, _ = run(capsys, "validate", str(book))
    assert code == 1
    # the rows below the header are the template's example rows, then the filled ones
    ind, real, tgt = (1 + len(EXAMPLES[t]) + 2 for t in ("indikator", "realisasi", "targets"))
    assert out.strip().splitlines() == [
        f'{book} [Indikator Kinerja] baris {ind}, kolom "Polaritas": \'up\' bukan salah satu '
        "dari: higher, lower, grade",
        f'{book} [Indikator Kinerja] baris {ind}, kolom "Kode Sasaran": \'S9\' tidak ditemukan '
        "di sasaran.sasaran_id",
        f'{book} [Realisasi] baris {real}, kolom "Kode Indikator": \'IKU9\' tidak ditemukan di '
        "indikator.indicator_id; maksudnya 'IKU1'?",
        f'{book} [Target] baris {tgt}, kolom "Tahun": \'20x4\' bukan tahun antara 1990 dan 2100',
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


# --- sakip new ---------------------------------------------------------------------------------


def fill_new_folder(folder):
    """What an analyst types into a new agency folder: the profile, one sasaran, one IKU."""
    profile = folder / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    for key, value in {"agency_name": "Dinas Tenaga Kerja dan Perindustrian",
                       "pemda_id": "kota-contoh", "pemda_kind": "kota", "pemda_name": "Contoh",
                       "province": "Sumatera Barat", "head_name": "Budi Santoso",
                       "head_nip": "'010'", "renstra_start": "2021",
                       "renstra_end": "2026"}.items():
        assert f"\n{key}:\n" in text
        text = text.replace(f"\n{key}:\n", f"\n{key}: {value}\n")
    profile.write_text(text, encoding="utf-8")

    def append(table, line):
        with open(folder / f"{table}.csv", "a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    # the header is the stored names; every column of a row need not be given
    append("sasaran", "S1,,,1,Meningkatnya serapan tenaga kerja,")
    header = (folder / "indikator.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    row = dict.fromkeys(header, "")
    row.update({"indicator_id": "IKU1", "sasaran_id": "S1",
                "name": "Persentase Penyerapan Tenaga Kerja", "unit": "%",
                "polarity": "higher", "is_iku": "ya"})
    append("indikator", ",".join(row.values()))
    append("targets", '"93,75",IKU1,2024,TAHUN,pk,')
    append("realisasi", '"95,16",IKU1,2024,TAHUN,')


def test_new_writes_a_folder_under_data_with_every_table(tmp_path, capsys, monkeypatch):
    from sakip.model.schema import TABLES

    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "new", "kota-contoh-disnakerperin")
    assert code == 0
    folder = tmp_path / "data" / "kota-contoh-disnakerperin"
    assert "sakip validate data/kota-contoh-disnakerperin" in out
    assert "sakip render data/kota-contoh-disnakerperin --year" in out
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["profile.yaml", "narrative"] + [f"{t.name}.csv" for t in TABLES
                                         if t.name not in ("profile", "narrative")])
    assert "agency_id: kota-contoh-disnakerperin\n" in (folder / "profile.yaml").read_text()
    assert "# Nama Perangkat Daerah: Nama lengkap perangkat daerah." in (
        folder / "profile.yaml").read_text()
    budget = (folder / "budget.csv").read_text(encoding="utf-8").splitlines()
    assert budget[0].startswith("year,code,level,parent_code,name,")
    assert budget[1].startswith("contoh: 2024,P1,program,,PROGRAM PELATIHAN KERJA")
    assert not [p for p in (tmp_path / "data").iterdir() if p.name.startswith(".")]
    # not yet filled in: validate says what is missing, and nothing about the examples
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 1
    assert 'profile.yaml baris 7, kolom "agency_name": kosong; nilai wajib diisi' in out
    assert "sasaran.csv: tidak memiliki baris data" in out and "contoh:" not in out
    fill_new_folder(folder)
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 0, out
    assert out.strip() == "OK: Dinas Tenaga Kerja dan Perindustrian, 4 tabel, 4 baris"


def test_new_refuses_to_overwrite_and_leaves_nothing_half_written(tmp_path, capsys, monkeypatch):
    from sakip.inputs import new as n

    monkeypatch.chdir(tmp_path)
    assert run(capsys, "new", "dinas-a")[0] == 0
    (tmp_path / "data" / "dinas-a" / "sasaran.csv").write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "dinas-a")
    assert code == 2 and "sudah ada; gunakan --force untuk menimpanya" in err
    assert (tmp_path / "data" / "dinas-a" / "sasaran.csv").read_text() == "mine\n"

    def broken(folder, agency_id):
        (folder / "profile.yaml").write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(n, "fill_new_folder", broken)
    code, _, err = run(capsys, "new", "dinas-a", "--force")
    assert code == 2 and "No space left on device" in err
    assert (tmp_path / "data" / "dinas-a" / "sasaran.csv").read_text() == "mine\n"
    code, _, _ = run(capsys, "new", "dinas-b")
    assert code == 2 and not (tmp_path / "data" / "dinas-b").exists()
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["dinas-a"]
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "new", "dinas-a", "--force")[0] == 0
    assert (tmp_path / "data" / "dinas-a" / "sasaran.csv").read_text().startswith("sasaran_id,")
    code, _, err = run(capsys, "new", "dinas a")
    assert code == 2 and "'dinas a' bukan kode perangkat daerah yang valid" in err


def test_new_workbook_has_the_id_in_its_profile(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "new", "dinas-a", "--xlsx")
    assert code == 0 and "data/dinas-a.xlsx" in out
    book = openpyxl.load_workbook(tmp_path / "data" / "dinas-a.xlsx")
    values = {row[0].value: row[1].value for row in book["Profil"].iter_rows(min_row=2)}
    assert values["Kode Perangkat Daerah"] == "dinas-a"
    assert run(capsys, "new", "dinas-a", "--xlsx")[0] == 2  # exists
    code, out, _ = run(capsys, "new", "dinas-b", str(tmp_path / "b.xlsx"))  # a path in .xlsx
    assert code == 0 and (tmp_path / "b.xlsx").is_file()


@pytest.mark.slow
def test_new_folder_filled_renders_without_params(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "new", "kota-contoh-disnakerperin")[0] == 0
    folder = tmp_path / "data" / "kota-contoh-disnakerperin"
    fill_new_folder(folder)
    with open(folder / "national_standards.csv", "a", encoding="utf-8") as handle:
        handle.write("97.500,IKU1,2024,BPS,\n")  # 97500 %, or 97,5 % typed with a dot?
    output = tmp_path / "output"
    code, out, err = run(capsys, "render", str(folder), "--year", "2024", "--output", str(output))
    assert code == 0, out + err
    assert ('national_standards.csv baris 3, kolom "value": \'97.500\' dapat dibaca dua cara: '
            "dibaca sebagai 97500") in err  # render warns as validate does
    html = (output / "kota-contoh-disnakerperin" / "2024" / "lkjip"
            / "lkjip-kota-contoh-disnakerperin-2024.html").read_text(encoding="utf-8")
    assert "Persentase Penyerapan Tenaga Kerja" in html
    assert "93,75" in html and "95,16" in html
    assert "101,50" in html  # capaian = 95,16 / 93,75 x 100 = 101,504
