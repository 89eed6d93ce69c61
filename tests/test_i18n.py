"""The language of the interface: the message catalogue is complete and current, and the command
line speaks Indonesian by default and English on request (--lang, SAKIP_LANG, the locale)."""

from __future__ import annotations

import gettext
import io
import os
import re
import string
import subprocess
import sys
import tomllib

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from sakip.cli import take_language
from sakip.i18n import LOCALE_DIR, _, get_language, language_from_environment, set_language
from support import ROOT, run_cli
from test_inputs import edit_text, tiny_folder

POT = LOCALE_DIR / "sakip.pot"
PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "sakip.po"
MO = LOCALE_DIR / "id" / "LC_MESSAGES" / "sakip.mo"
#: The extraction of `make messages` (Makefile KEYWORDS, babel.cfg).
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}


def _read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def _extracted() -> set:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "lib" / "sakip"), method_map=[("**.py", "python")], keywords=KEYWORDS):
        found.add(message)
    return found


def test_the_catalogue_holds_every_message_of_the_code_and_no_other():
    extracted = _extracted()
    assert extracted, "nothing extracted"
    assert _ids(_read(POT)) == extracted, "run `make messages` (the template is out of date)"
    assert _ids(_read(PO)) == extracted, "run `make messages` and translate the new messages"


def test_every_indonesian_message_is_translated_and_none_is_fuzzy():
    catalog = _read(PO)
    untranslated = [m.id for m in catalog if m.id and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated and not fuzzy and not catalog.fuzzy


def _messages_of_mo(data: bytes) -> dict:
    with io.BytesIO(data) as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)  # noqa: SLF001 - what it holds
    catalog.pop("", None)  # the header
    return catalog


def test_the_committed_mo_is_the_compiled_po():
    # the messages, not the bytes: another Babel release may lay the file out differently
    compiled = io.BytesIO()
    write_mo(compiled, _read(PO))
    assert _messages_of_mo(MO.read_bytes()) == _messages_of_mo(compiled.getvalue()), \
        "run `make messages` (sakip.mo is stale)"


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrs%]")


def _placeholders(text: str) -> list[str]:
    fields = sorted(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                    for _, name, spec, conversion in string.Formatter().parse(text)
                    if name is not None)
    return fields + sorted(_PERCENT.findall(text))


def test_every_translation_keeps_the_placeholders_of_its_message():
    wrong = []
    for message in _read(PO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = _placeholders(ids[-1])  # the plural form carries every field
        for text in strings:
            if _placeholders(text) != expected:
                wrong.append((message.id, text))
    assert not wrong


def test_the_catalogue_ships_with_the_package():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["sakip.i18n"]
    assert "locales/*/LC_MESSAGES/*.mo" in patterns


# --- choosing the language ------------------------------------------------------------------


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "id"), ({"LANG": "C.UTF-8"}, "id"), ({"LANG": "C"}, "id"), ({"LANG": "id_ID.UTF-8"}, "id"),
    ({"LANG": "en_US.UTF-8"}, "en"), ({"LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
    ({"LANGUAGE": "id:en", "LANG": "en_US.UTF-8"}, "id"),
    ({"SAKIP_LANG": "en", "LANG": "id_ID.UTF-8"}, "en"), ({"SAKIP_LANG": "id", "LANG": "en_US"}, "id"),
    ({"SAKIP_LANG": "fr"}, "id"),
])
def test_the_language_comes_from_sakip_lang_then_the_locale(environ, expected):
    assert language_from_environment(environ) == expected


def test_the_lang_option_is_taken_before_or_after_the_command():
    assert take_language(["--lang", "en", "validate", "x"]) == ("en", ["validate", "x"])
    assert take_language(["validate", "x", "--lang=id"]) == ("id", ["validate", "x"])
    assert take_language(["validate", "x"]) == (None, ["validate", "x"])
    assert take_language(["validate", "--", "--lang"]) == (None, ["validate", "--", "--lang"])
    with pytest.raises(ValueError):
        take_language(["--lang", "fr"])
    with pytest.raises(ValueError):
        take_language(["validate", "--lang"])


def test_set_language_switches_the_messages():
    set_language("en")
    assert _("row {row}").format(row=3) == "row 3" and get_language() == "en"
    set_language("id")
    assert _("row {row}").format(row=3) == "baris 3" and get_language() == "id"


# --- the command line in both languages -----------------------------------------------------


run = run_cli  # the command line in this process (tests/support.py)


def _bad_folder(tmp_path):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "targets.csv", "IKU1,2024", "IKU1,20x4")
    edit_text(folder / "indikator.csv", "%,higher", "%,up")
    return folder


def test_validate_names_the_same_problems_in_indonesian_and_in_english(tmp_path, capsys):
    folder = _bad_folder(tmp_path)
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 1
    assert out.strip().splitlines() == [
        f'{folder}/indikator.csv baris 3, kolom "polarity": \'up\' bukan salah satu dari: '
        "higher, lower, grade",
        f'{folder}/targets.csv baris 2, kolom "year": \'20x4\' bukan tahun antara 1990 dan 2100',
        "2 masalah dalam isian",
    ]
    code, out, _ = run(capsys, "--lang", "en", "validate", str(folder))
    assert code == 1
    assert out.strip().splitlines() == [
        f'{folder}/indikator.csv row 3, column "polarity": \'up\' is not one of: higher, lower, grade',
        f'{folder}/targets.csv row 2, column "year": \'20x4\' is not a year between 1990 and 2100',
        "2 problems in the input",
    ]
    code, out, _ = run(capsys, "validate", str(folder), "--lang", "en")  # after the command too
    assert out.strip().splitlines()[-1] == "2 problems in the input"


def test_a_valid_input_is_reported_in_both_languages(capsys):
    from test_inputs import TINY

    assert run(capsys, "validate", str(TINY))[1].strip() == \
        "OK: Dinas Tenaga Kerja Contoh, 7 tabel, 18 baris"
    assert run(capsys, "--lang", "en", "validate", str(TINY))[1].strip() == \
        "OK: Dinas Tenaga Kerja Contoh, 7 tables, 18 rows"


def test_usage_errors_in_both_languages(capsys):
    code, _, err = run(capsys, "validate")
    assert code == 2
    assert err.splitlines() == ["Penggunaan: sakip validate [OPTIONS] {path}",
                                "Coba 'sakip validate --help' untuk bantuan.", "",
                                "Kesalahan: Argumen 'path' belum diberikan."]
    code, _, err = run(capsys, "--lang", "en", "validate")
    assert code == 2
    assert err.splitlines() == ["Usage: sakip validate [OPTIONS] {path}",
                                "Try 'sakip validate --help' for help.", "",
                                "Error: Missing argument 'path'."]
    assert run(capsys, "validate", "x", "--bogus")[2].splitlines()[-1] == \
        "Kesalahan: Opsi tidak dikenal: --bogus"
    assert run(capsys, "--lang", "en", "validate", "x", "--bogus")[2].splitlines()[-1] == \
        "Error: No such option: --bogus"
    assert run(capsys, "render", "--year", "abc")[2].splitlines()[-1] == \
        "Kesalahan: Nilai tidak valid untuk '--year': harus berupa bilangan bulat"
    assert run(capsys, "--lang", "en", "render", "--year", "abc")[2].splitlines()[-1] == (
        "Error: Invalid value for '--year': Input should be a valid integer, unable to parse "
        "string as an integer")
    code, _, err = run(capsys, "--lang", "fr", "validate")
    assert code == 2 and err.strip() == \
        "kesalahan: bahasa 'fr' untuk --lang tidak dikenal: gunakan id atau en"


def test_help_in_both_languages(capsys):
    code, out, _ = run(capsys, "validate", "--help")
    assert code == 0
    assert out.startswith("Penggunaan: sakip validate [OPTIONS] {path}")
    for text in ("Memeriksa isian perangkat daerah", "Argumen:", "Opsi:", "[wajib]",
                 "Folder perangkat daerah atau buku kerja .xlsx.",
                 "Tampilkan pesan ini lalu keluar."):
        assert text in out
    code, out, _ = run(capsys, "--lang", "en", "validate", "--help")
    assert code == 0
    assert out.startswith("Usage: sakip validate [OPTIONS] {path}")
    for text in ("Check an agency's inputs", "Arguments:", "Options:", "[required]",
                 "Agency folder or .xlsx workbook.", "Show this message and exit."):
        assert text in out
    out = run(capsys, "--help")[1]
    assert "Perintah:" in out and "--lang id|en" in out and "Bahasa pesan" in out
    out = run(capsys, "audit", "--help")[1]
    assert "(bawaan 300, atau nilai dari berkas params)" in " ".join(out.split())


def _sakip(args, **environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SAKIP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(environ)
    return subprocess.run([sys.executable, "-m", "sakip.cli", *args], capture_output=True,
                          text=True, check=False, env=env)


def test_a_real_process_takes_its_language_from_the_environment(tmp_path):
    folder = _bad_folder(tmp_path)
    indonesian, english = "2 masalah dalam isian", "2 problems in the input"
    assert _sakip(["validate", str(folder)], LANG="C.UTF-8").stdout.splitlines()[-1] == indonesian
    assert _sakip(["validate", str(folder)]).stdout.splitlines()[-1] == indonesian
    assert _sakip(["validate", str(folder)], LANG="en_US.UTF-8").stdout.splitlines()[-1] == english
    assert _sakip(["validate", str(folder)], SAKIP_LANG="en").stdout.splitlines()[-1] == english
    assert _sakip(["--lang", "en", "validate", str(folder)],
                  LANG="C.UTF-8").stdout.splitlines()[-1] == english
    assert _sakip(["--lang", "id", "validate", str(folder)],
                  LANG="en_US.UTF-8").stdout.splitlines()[-1] == indonesian
    result = _sakip(["validate"], LANG="en_US.UTF-8")
    assert result.returncode == 2 and "Error: Missing argument 'path'." in result.stderr
    result = _sakip(["validate"], LANG="C.UTF-8")
    assert result.returncode == 2 and "Kesalahan: Argumen 'path' belum diberikan." in result.stderr


def test_the_language_of_one_call_does_not_stay_for_the_next(capsys):
    run(capsys, "--lang", "en", "validate")
    assert run(capsys, "validate")[2].splitlines()[-1] == \
        "Kesalahan: Argumen 'path' belum diberikan."


def test_the_template_notes_follow_the_language(tmp_path, capsys):
    import openpyxl

    from sakip.model.schema import BY_NAME

    indonesian, english = tmp_path / "id.xlsx", tmp_path / "en.xlsx"
    assert run(capsys, "template", str(indonesian))[1].strip() == f"ditulis: {indonesian}"
    assert run(capsys, "--lang", "en", "template", str(english))[1].strip() == f"wrote {english}"
    texts = {}
    for name, path in (("id", indonesian), ("en", english)):
        book = openpyxl.load_workbook(path)
        readme = [row[0] for row in book["README"].iter_rows(values_only=True) if row[0]]
        indikator, profile = BY_NAME["indikator"], BY_NAME["profile"]
        header = {cell.value: cell.comment.text for cell in book[indikator.sheet_label][1]
                  if cell.comment}
        texts[name] = (readme, header[indikator.labels["indicator_id"]],
                       book[profile.sheet_label]["A1"].comment.text)
    readme, note, profile = texts["id"]
    assert readme[0] == "Buku kerja isian LKjIP (sakip)"
    assert "Baris yang sel pertamanya diawali 'contoh:' adalah contoh dan tidak dibaca" in readme[2]
    assert "Wajib diisi." in note and profile == "Nama isian (jangan diubah)."
    readme, note, profile = texts["en"]
    assert readme[0] == "LKjIP input workbook (sakip)"
    assert "Rows whose first cell starts with 'contoh:' are examples and are not read" in readme[2]
    assert "Required." in note and profile == "Name of the field (do not change it)."
    assert texts["id"][1].startswith("Kode indikator.") and texts["en"][1].startswith(
        "Code of the indicator.")


def test_the_workers_of_a_batch_speak_the_language_chosen():
    from sakip.report.batch_cli import language_for_workers

    set_language("en")
    with language_for_workers():
        assert os.environ["SAKIP_LANG"] == "en"  # inherited by the worker processes
    assert os.environ["SAKIP_LANG"] == "id"  # the suite's, as before
