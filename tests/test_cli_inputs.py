"""The ``sakip`` command line for inputs: template, validate, convert; exit codes and the
promise of never showing a traceback."""

from __future__ import annotations

import subprocess
import sys

import sakip.inputs
from support import run_cli
from test_inputs import TINY, edit_text, snapshot, tiny_folder

run = run_cli  # the command line in this process (tests/support.py)


def test_validate_ok(capsys):
    code, out, _ = run(capsys, "validate", str(TINY))
    assert code == 0
    assert out.strip() == "OK: Dinas Tenaga Kerja Contoh, 7 tabel, 18 baris"


def test_validate_lists_every_problem_then_the_count(tmp_path, capsys):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "targets.csv", "IKU1,2024", "IKU1,20x4")
    edit_text(folder / "indikator.csv", "%,higher", "%,up")
    edit_text(folder / "sasaran.csv", "S2,T1", "S1,T1")
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[-1] == "4 masalah dalam isian"
    assert lines[:-1] == [
        f'{folder}/indikator.csv baris 3, kolom "polarity": \'up\' bukan salah satu dari: higher, '
        "lower, grade",
        f'{folder}/indikator.csv baris 4, kolom "sasaran_id": \'S2\' tidak ditemukan di '
        "sasaran.sasaran_id",
        f'{folder}/sasaran.csv baris 3, kolom "sasaran_id": entri sasaran ganda (sasaran_id=S1); '
        "kunci yang sama sudah ada di baris 2",
        f"{folder}/targets.csv baris 2, kolom \"year\": '20x4' bukan tahun antara 1990 dan 2100",
    ]


def test_missing_path_is_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "validate", str(tmp_path / "nope"))
    assert code == 2
    assert err.startswith("kesalahan: ") and "nope: berkas atau folder tidak ada" in err


def test_permission_error_is_exit_2(monkeypatch, capsys):
    def refuse(path, limits=None):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(sakip.inputs, "read_input", refuse)
    code, _, err = run(capsys, "validate", "x")
    assert (code, err.strip()) == (2, "kesalahan: x: Permission denied")


def test_unexpected_error_is_one_line_exit_3(monkeypatch, capsys):
    def crash(path, limits=None):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(sakip.inputs, "read_input", crash)
    code, out, err = run(capsys, "validate", "x")
    assert code == 3
    assert err.strip() == "kesalahan internal: RuntimeError: boom"
    assert out == ""


def test_unexpected_value_error_is_still_an_internal_error(monkeypatch, capsys):
    def crash(path, limits=None):
        raise ValueError("a bug, not a user error")

    monkeypatch.setattr(sakip.inputs, "read_input", crash)
    code, _, err = run(capsys, "validate", "x")
    assert (code, err.strip()) == (3, "kesalahan internal: ValueError: a bug, not a user error")


def test_usage_errors_are_exit_2_without_traceback(capsys):
    code, _, err = run(capsys, "validate")
    assert code == 2 and "Argumen 'path' belum diberikan" in err
    code, _, err = run(capsys, "no-such-command")
    assert code == 2


def test_help_is_exit_0(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("template", "validate", "convert"):
        assert command in out


def test_template_command(tmp_path, capsys):
    path = tmp_path / "t.xlsx"
    code, out, _ = run(capsys, "template", str(path))
    assert code == 0 and path.exists() and "ditulis" in out
    before = snapshot(path)
    code, _, err = run(capsys, "template", str(path))
    assert code == 2 and "sudah ada; gunakan --force" in err
    assert snapshot(path) == before
    code, _, _ = run(capsys, "template", str(path), "--force")
    assert code == 0


def test_template_needs_xlsx_name(tmp_path, capsys):
    code, _, err = run(capsys, "template", str(tmp_path / "t.csv"))
    assert code == 2 and "harus berakhiran .xlsx" in err


def test_convert_round_trip(tmp_path, capsys):
    book, folder = tmp_path / "a.xlsx", tmp_path / "back"
    assert run(capsys, "convert", str(TINY), str(book))[0] == 0
    assert run(capsys, "convert", str(book), str(folder))[0] == 0
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 0 and out.startswith("OK: Dinas Tenaga Kerja Contoh")


def test_convert_of_bad_input_is_exit_1_and_writes_nothing(tmp_path, capsys):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "indikator.csv", "%,higher", "%,up")
    code, _, err = run(capsys, "convert", str(folder), str(tmp_path / "out.xlsx"))
    assert code == 1 and "'up' bukan salah satu dari: higher, lower, grade" in err
    assert not (tmp_path / "out.xlsx").exists()


def test_real_process_never_shows_a_traceback(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    for args, expected in ((["validate", str(bad)], 1), (["validate", str(tmp_path / "x")], 2),
                           (["validate", str(TINY)], 0)):
        result = subprocess.run([sys.executable, "-m", "sakip.cli", *args],
                                capture_output=True, text=True, check=False)
        assert result.returncode == expected, result.stderr
        assert "Traceback" not in result.stdout + result.stderr


def test_generate_refuses_a_folder_it_did_not_write(tmp_path):
    from typer.testing import CliRunner

    from sakip.cli import app

    (tmp_path / "notes.txt").write_text("milik analis", encoding="utf-8")
    result = CliRunner().invoke(app, ["generate", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "kesalahan:" in result.output and "Traceback" not in result.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "milik analis"
