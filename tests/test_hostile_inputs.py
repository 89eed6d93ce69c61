"""Hostile inputs: the second half of the malformed-input corpus (issue #13).

Each case is built from the tiny valid fixture by one hostile edit and must be refused by
``validate``, ``convert`` and ``ingest`` alike: exit 1, the located message, no traceback, never
"internal error", the input left as it was, and within a bounded time (a hang fails the test
through its own timeout rather than a wall-clock assertion). The cases follow the principles of the
issue: only what belongs to the agency is read; bounded work; nothing read is silently lost.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sakip.cli import main
from test_inputs import edit_text, snapshot, tiny_folder, tiny_workbook
from test_inputs_malformed import CASES as FIRST_CASES

# The messages of these cases are asserted in English (the suite speaks Indonesian: tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")

Build = Callable[[Path], Path]


def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    return info.value.code, out.out + out.err


# --- builders -------------------------------------------------------------------------------


def folder_edit(edit: Callable[[Path, Path], None]) -> Build:
    """Apply ``edit(folder, tmp)`` to a copy of the tiny folder."""
    def build(tmp: Path) -> Path:
        folder = tiny_folder(tmp)
        edit(folder, tmp)
        return folder
    return build


def text_edit(name: str, old: str, new: str) -> Build:
    return folder_edit(lambda folder, _tmp: edit_text(folder / name, old, new))


def outside_link(name: str, content: bytes = b"rahasia,negara\n1,2\n") -> Build:
    def edit(folder: Path, tmp: Path) -> None:
        secret = tmp / "outside" / Path(name).name
        secret.parent.mkdir(exist_ok=True)
        secret.write_bytes(content)
        (folder / name).unlink(missing_ok=True)
        (folder / name).symlink_to(secret)
    return folder_edit(edit)


def fifo(name: str) -> Build:
    def edit(folder: Path, _tmp: Path) -> None:
        (folder / name).unlink(missing_ok=True)
        os.mkfifo(folder / name)
    return folder_edit(edit)


def book_edit(edit: Callable) -> Build:
    """Edit the tiny workbook with openpyxl."""
    def build(tmp: Path) -> Path:
        import openpyxl

        book = tiny_workbook(tmp)
        wb = openpyxl.load_workbook(book)
        edit(wb)
        wb.save(book)
        return book
    return build


def sheet_members(book: Path) -> dict[str, str]:
    """Sheet name -> zip member of the workbook."""
    from sakip.inputs.limits import DEFAULT_LIMITS
    from sakip.inputs.raw import _sheet_names

    with zipfile.ZipFile(book) as archive:
        return {sheet: member for member, sheet in _sheet_names(archive, DEFAULT_LIMITS).items()}


def rezip(book: Path, change: Callable[[str, bytes], bytes | None],
          extra: dict[str, bytes] | None = None, level: int = zipfile.ZIP_DEFLATED) -> None:
    """Rewrite the workbook's zip, passing every member through ``change`` (None drops it)."""
    with zipfile.ZipFile(book) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", level) as target:
        for name, data in members:
            new = change(name, data)
            if new is not None:
                target.writestr(name, new)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    book.write_bytes(buffer.getvalue())


def xml_edit(sheet: str, edit: Callable[[bytes], bytes]) -> Build:
    """Edit the XML of one sheet of the tiny workbook."""
    def build(tmp: Path) -> Path:
        book = tiny_workbook(tmp)
        member = sheet_members(book)[sheet]
        rezip(book, lambda name, data: edit(data) if name == member else data)
        return book
    return build


def inline_cell(ref: str, text: str) -> Callable[[bytes], bytes]:
    """Replace the cell ``ref`` of a sheet by an inline string (as some tools write them)."""
    def edit(xml: bytes) -> bytes:
        cell = f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()
        new, count = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(), cell, xml, count=1)
        assert count == 1, ref
        return new
    return edit


def zip_add(extra: dict[str, bytes]) -> Build:
    def build(tmp: Path) -> Path:
        book = tiny_workbook(tmp)
        rezip(book, lambda _name, data: data, extra)
        return book
    return build


def duplicate_member(tmp: Path) -> Path:
    book = tiny_workbook(tmp)
    with zipfile.ZipFile(book) as source:
        members = [(i.filename, source.read(i.filename)) for i in source.infolist()]
    buffer = io.BytesIO()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate: that is the point
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in members:
                target.writestr(name, data)
            target.writestr("xl/workbook.xml", members[[n for n, _ in members].index(
                "xl/workbook.xml")][1])
    book.write_bytes(buffer.getvalue())
    return book


def file_named(name: str, data: bytes = b"PK\x03\x04") -> Build:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path
    return build


def fifo_workbook(tmp: Path) -> Path:
    path = tmp / "agency.xlsx"
    os.mkfifo(path)
    return path


def device_in_folder(folder: Path, _tmp: Path) -> None:
    (folder / "tujuan.csv").unlink()
    try:
        os.mknod(folder / "tujuan.csv", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")


def many_files(folder: Path, _tmp: Path) -> None:
    for index in range(10):
        (folder / f"catatan-{index}.txt").write_text("x", encoding="utf-8")


def long_csv_cell(folder: Path, _tmp: Path) -> None:
    edit_text(folder / "sasaran.csv", "Meningkatnya pertumbuhan industri kecil", "x" * 40_000)


def nested_yaml(folder: Path, _tmp: Path) -> None:
    (folder / "profile.yaml").write_text("agency_id: " + "[" * 5000 + "]" * 5000 + "\n",
                                         encoding="utf-8")


def laughs_yaml(folder: Path, _tmp: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = (folder / "profile.yaml").read_text(encoding="utf-8")
    (folder / "profile.yaml").write_text(text + "\n".join(lines) + "\n", encoding="utf-8")


def case_clash(first: str, second: str) -> Callable[[Path, Path], None]:
    def edit(folder: Path, _tmp: Path) -> None:
        (folder / second).write_bytes((folder / first).read_bytes())
    return edit


def narrative_file(folder: Path, _tmp: Path) -> None:
    import shutil

    shutil.rmtree(folder / "narrative")
    (folder / "narrative").write_text("teks", encoding="utf-8")


def narrative_link(folder: Path, tmp: Path) -> None:
    import shutil

    outside = tmp / "narasi-lain"
    shutil.move(str(folder / "narrative"), outside)
    (folder / "narrative").symlink_to(outside)


def md_link(folder: Path, tmp: Path) -> None:
    secret = tmp / "rahasia.md"
    secret.write_text("---\nsection: penutup\n---\nRahasia.\n", encoding="utf-8")
    (folder / "narrative" / "03-rahasia.md").symlink_to(secret)


def md_fifo(folder: Path, _tmp: Path) -> None:
    os.mkfifo(folder / "narrative" / "03-pipa.md")


def dangling(folder: Path, tmp: Path) -> None:
    (folder / "tujuan.csv").unlink()
    (folder / "tujuan.csv").symlink_to(folder / "nowhere.csv")


def dir_named_csv(folder: Path, _tmp: Path) -> None:
    (folder / "tujuan.csv").unlink()
    (folder / "tujuan.csv").mkdir()


def long_md(folder: Path, _tmp: Path) -> None:
    (folder / "narrative" / "03-panjang.md").write_text(
        "---\nsection: catatan\n---\n" + "kata " * 8000 + "\n", encoding="utf-8")


def zero_width_file_name(folder: Path, _tmp: Path) -> None:
    (folder / "tujuan.csv").rename(folder / "tujuan\u200b.csv")


def sheet_rename(old: str, new: str) -> Callable:
    def edit(wb) -> None:
        wb[old].title = new
    return edit


def hide(sheet: str, state: str) -> Callable:
    def edit(wb) -> None:
        wb[sheet].sheet_state = state
    return edit


def merge(sheet: str, cells: str) -> Callable:
    def edit(wb) -> None:
        wb[sheet].merge_cells(cells)
    return edit


def chart_sheet(wb) -> None:
    wb.create_chartsheet("units")


def set_value(sheet: str, cell: str, value: object) -> Callable:
    def edit(wb) -> None:
        wb[sheet][cell] = value
    return edit


def dtd_bomb(xml: bytes) -> bytes:
    head = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    return head + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)


def bad_row_number(xml: bytes) -> bytes:
    return xml.replace(b'<row r="2"', b'<row r="dua"', 1)


LIMIT = "--limit"

# (id, how to build the hostile input, message fragments, extra options for every command)
CASES: list[tuple[str, Build, list[str], list[str]]] = [
    # --- only what belongs to the agency is read ------------------------------------------
    ("symlink-csv-outside", outside_link("tujuan.csv"),
     ["tujuan.csv: is a symbolic link to", "outside the agency folder; only files inside the "
      "folder are read"], []),
    ("symlink-profile-outside", outside_link("profile.yaml", b"agency_id: x\n"),
     ["profile.yaml: is a symbolic link to", "outside the agency folder"], []),
    ("symlink-narrative-folder-outside", folder_edit(narrative_link),
     ["agency/narrative: is a symbolic link to", "outside the agency folder"], []),
    ("symlink-markdown-outside", folder_edit(md_link),
     ["narrative/03-rahasia.md: is a symbolic link to", "outside the agency folder"], []),
    ("symlink-dangling", folder_edit(dangling),
     ["tujuan.csv: is a symbolic link to", "which does not exist"], []),
    ("fifo-csv", fifo("tujuan.csv"),
     ["tujuan.csv: is a FIFO (named pipe), not a regular file; only regular files are read"], []),
    ("fifo-profile", fifo("profile.yaml"),
     ["profile.yaml: is a FIFO (named pipe), not a regular file"], []),
    ("fifo-markdown", folder_edit(md_fifo),
     ["narrative/03-pipa.md: is a FIFO (named pipe), not a regular file"], []),
    ("fifo-workbook", fifo_workbook,
     ["agency.xlsx: is a FIFO (named pipe), not a regular file; give the agency's folder"], []),
    ("device-csv", folder_edit(device_in_folder),
     ["tujuan.csv: is a device, not a regular file"], []),
    ("folder-named-csv", folder_edit(dir_named_csv),
     ["tujuan.csv: is a folder, not a regular file"], []),
    ("case-clash-csv", folder_edit(case_clash("targets.csv", "Targets.csv")),
     ["Targets.csv: names 'Targets.csv' and 'targets.csv' differ only in letter case"], []),
    ("case-clash-profile", folder_edit(case_clash("profile.yaml", "PROFILE.yaml")),
     ["names 'PROFILE.yaml' and 'profile.yaml' differ only in letter case"], []),
    ("case-clash-markdown",
     folder_edit(case_clash("narrative/02-penutup.md", "narrative/02-Penutup.md")),
     ["narrative/02-Penutup.md: names '02-Penutup.md' and '02-penutup.md' differ only in "
      "letter case"], []),
    ("accent-encoding-clash", folder_edit(lambda f, _t: [
        (f / "narrative" / n).write_text("---\nsection: catatan\n---\nT\n", encoding="utf-8")
        for n in ("03-caf\u00e9.md", "03-cafe\u0301.md")]),
     ["differ only in letter case (or in how an accent is encoded)"], []),
    ("narrative-is-a-file", folder_edit(narrative_file),
     ["agency/narrative: must be a folder of Markdown files"], []),
    ("zero-width-file-name", folder_edit(zero_width_file_name),
     ["tujuan\\u200b.csv: 'tujuan\\u200b' is not a known table"], []),
    ("ods-workbook", file_named("agency.ods"),
     ["agency.ods: is neither an agency folder nor an .xlsx workbook"], []),
    ("xlsb-workbook", file_named("agency.xlsb"),
     ["agency.xlsb: is neither an agency folder nor an .xlsx workbook"], []),
    ("xls-suffix", file_named("agency.xls", b"\xd0\xcf\x11\xe0"),
     ["agency.xls: is an old-style .xls workbook"], []),
    # --- bounded work -----------------------------------------------------------------------
    ("csv-over-file-limit", folder_edit(lambda f, _t: None),
     ["budget.csv: is", "bytes, more than 300 (limit max_file_bytes = 300; see docs/LIMITS.md"],
     [LIMIT, "max_file_bytes=300"]),
    ("yaml-over-limit", folder_edit(lambda f, _t: None),
     ["profile.yaml: is", "bytes, more than 100 (limit max_yaml_bytes = 100"],
     [LIMIT, "max_yaml_bytes=100"]),
    ("workbook-over-file-limit", lambda tmp: tiny_workbook(tmp),
     ["agency.xlsx: is", "bytes, more than 2048 (limit max_file_bytes = 2048"],
     [LIMIT, "max_file_bytes=2K"]),
    ("workbook-unzipped-over-limit", lambda tmp: tiny_workbook(tmp),
     ["agency.xlsx: unzips to", "bytes, more than 20000 (limit max_unzipped_bytes = 20000"],
     [LIMIT, "max_unzipped_bytes=20000"]),
    ("zip-bomb-member", zip_add({"xl/media/nol.bin": b"\0" * (8 * 2**20)}),
     ["agency.xlsx: xl/media/nol.bin expands", "times when unzipped", "more than 200 "
      "(limit max_compression_ratio = 200"], []),
    ("zip-bomb-sheet", xml_edit("sasaran", lambda xml: xml.replace(
        b"</sheetData>", b"</sheetData>" + b"<!--" + b" " * (4 * 2**20) + b"-->")),
     ["agency.xlsx [sasaran]: xl/worksheets/", "expands", "(limit max_compression_ratio"], []),
    ("zip-too-many-members", lambda tmp: tiny_workbook(tmp),
     ["agency.xlsx: is a zip archive of", "files, more than 5 (limit max_zip_members = 5"],
     [LIMIT, "max_zip_members=5"]),
    ("zip-duplicate-member", duplicate_member,
     ["agency.xlsx: holds two zip members named 'xl/workbook.xml'"], []),
    ("too-many-sheets", lambda tmp: tiny_workbook(tmp),
     ["agency.xlsx: has", "sheets, more than 3 (limit max_sheets = 3"], [LIMIT, "max_sheets=3"]),
    ("csv-too-many-rows", folder_edit(lambda f, _t: None),
     ["targets.csv row 4: the table holds more than 2 data rows; reading stopped here (limit "
      "max_rows = 2"], [LIMIT, "max_rows=2"]),
    ("sheet-too-many-rows", lambda tmp: tiny_workbook(tmp),
     ["agency.xlsx [targets] row 4: the table holds more than 2 data rows"], [LIMIT, "max_rows=2"]),
    ("too-many-rows-in-all", folder_edit(lambda f, _t: None),
     ["the input holds more than 5 data rows in all; reading stopped here (limit "
      "max_total_rows = 5"], [LIMIT, "max_total_rows=5"]),
    ("csv-too-many-columns", folder_edit(lambda f, _t: None),
     ["indikator.csv row 1: has 8 columns, more than 6 (limit max_columns = 6", "\n2 problems "
      "in the input"], [LIMIT, "max_columns=6"]),
    ("sheet-value-far-right", book_edit(set_value("targets", "XFD2", "x")),
     ["agency.xlsx [targets] row 2: has a value in column XFD (column 16384), beyond 200 "
      "columns (limit max_columns = 200"], []),
    ("folder-too-many-files", folder_edit(many_files),
     ["agency: holds more than 12 files; only an agency's inputs belong here (limit "
      "max_folder_entries = 12"], [LIMIT, "max_folder_entries=12"]),
    ("csv-cell-too-long", folder_edit(long_csv_cell),
     ['sasaran.csv row 3, column "statement": holds 40000 characters, more than a workbook cell '
      "can hold (limit max_cell_chars = 32767"], []),
    ("sheet-cell-too-long", xml_edit("sasaran", inline_cell("E3", "y" * 40_000)),
     ['agency.xlsx [sasaran] row 3, column "statement": holds 40000 characters'], []),
    ("markdown-too-long", folder_edit(long_md),
     ['narrative/03-panjang.md row 4, column "text": holds 39999 characters, more than a '
      "workbook cell can hold"], []),
    ("yaml-value-too-long", text_edit("profile.yaml", "report_city: Contoh",
                                      "report_city: " + "k" * 33_000),
     ['profile.yaml row 14, column "report_city": holds 33000 characters'], []),
    ("yaml-deeply-nested", folder_edit(nested_yaml),
     ["profile.yaml row 1: is not a flat mapping: its lists or mappings are nested too deeply"],
     []),
    ("yaml-billion-laughs", folder_edit(laughs_yaml),
     ['profile.yaml row 15, column "a0": must be a single value, not a list or a mapping'], []),
    ("number-too-long", text_edit("budget.csv", '"1.407.615.308"', "1" * 150),
     ['budget.csv row 3, column "pagu": \'111111111111111111111111111111…\' is not a number (it '
      "has 150 characters, a number at most 100)"], []),
    ("value-of-spaces", text_edit("realisasi.csv", '"5,71"', '"5' + " " * 20_000 + 'x"'),
     ['realisasi.csv row 2, column "value": \'5', "is not a performance value (it has 20002 "
      "characters, a value at most 220)"], []),
    ("sheet-dtd-entities", xml_edit("sasaran", dtd_bomb),
     ["agency.xlsx [sasaran]: cannot be read (", "Forbidden"], []),  # defusedxml (through
    # nbconvert) refuses entity declarations; the sheet is named, as it is read on its own
    ("sheet-bad-row-number", xml_edit("sasaran", bad_row_number),
     ["agency.xlsx [sasaran]: cannot be read (ValueError: could not convert string to float: "
      "'dua')"], []),
    # --- nothing read is silently lost ----------------------------------------------------
    ("zero-width-space-in-id", text_edit("targets.csv", "IKU2,2024,TAHUN,pk", "IKU2\u200b,2024,TAHUN,pk"),
     ['targets.csv row 3, column "indicator_id": \'IKU2\\u200b\' holds an invisible or control '
      "character (U+200B ZERO WIDTH SPACE); retype the value without it"], []),
    ("nul-in-number", text_edit("targets.csv", '"45,00"', '"45\x00,00"'),
     ['targets.csv row 3, column "value": \'45\\x00,00\' holds an invisible or control character '
      "(U+0000 NULL)"], []),
    ("bidi-override-in-text", text_edit("sasaran.csv", "industri kecil", "industri \u202ekecil"),
     ['sasaran.csv row 3, column "statement": \'Meningkatnya pertumbuhan industri \\u202ekecil\' '
      "holds an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE)"], []),
    ("soft-hyphen-in-yaml", text_edit("profile.yaml", "Sumatera Barat", "Suma\u00adtera Barat"),
     ['profile.yaml row 7, column "province": \'Suma\\xadtera Barat\' holds an invisible or '
      "control character (U+00AD SOFT HYPHEN)"], []),
    ("terminal-escape-in-cell", text_edit("sasaran.csv", "Meningkatnya penempatan",
                                          "\x1b[2J\x1b[31mMeningkatnya penempatan"),
     ['sasaran.csv row 2, column "statement": \'\\x1b[2J\\x1b[31mMeningkatnya penempatan',
      "(U+001B control character)"], []),
    ("byte-order-mark-inside", text_edit("indikator.csv", "IKU3,S2", "\ufeffIKU3,S2"),
     ['indikator.csv row 4, column "indicator_id": \'\\ufeffIKU3\' holds an invisible or control '
      "character (U+FEFF ZERO WIDTH NO-BREAK SPACE)"], []),
    ("private-use-bullet", text_edit("sasaran.csv", "Meningkatnya penempatan",
                                     "\uf0b7 Meningkatnya penempatan"),
     ["(U+F0B7 private-use character)"], []),
    ("zero-width-in-header", text_edit("targets.csv", "indicator_id,year", "indicator_id,year\u200b"),
     ['targets.csv row 1, column "year\\u200b": unknown column; did you mean \'year\'?'], []),
    ("zero-width-in-sheet-cell", book_edit(set_value("sasaran", "A3", "S2\u200b")),
     ['agency.xlsx [sasaran] row 3, column "sasaran_id": \'S2\\u200b\' holds an invisible or '
      "control character (U+200B ZERO WIDTH SPACE)"], []),
    ("zero-width-in-sheet-name", book_edit(sheet_rename("units", "units\u200b")),
     ["agency.xlsx [units\\u200b]: 'units\\u200b' is not a known table"], []),
    ("merged-cells", book_edit(merge("indikator", "B2:B3")),
     ["agency.xlsx [indikator] row 2: cells B2:B3 are merged; unmerge them and type the value "
      "in every cell"], []),
    ("merged-profile-cells", book_edit(merge("profile", "B5:B6")),
     ["agency.xlsx [profile] row 5: cells B5:B6 are merged"], []),
    ("hidden-sheet", book_edit(hide("realisasi", "hidden")),
     ["agency.xlsx [realisasi]: the sheet is hidden in Excel; unhide it (or delete it): a hidden "
      "sheet would be read without being seen"], []),
    ("very-hidden-sheet", book_edit(hide("budget", "veryHidden")),
     ["agency.xlsx [budget]: the sheet is very hidden in Excel"], []),
    ("chart-sheet-named-as-table", book_edit(chart_sheet),
     ["agency.xlsx: is not a readable .xlsx workbook (a zip archive without a valid workbook "
      "inside: AttributeError)"], []),
    ("formula-in-profile", book_edit(set_value("profile", "B3", "=CONCAT(\"Dinas\",\"X\")")),
     ['agency.xlsx [profile] row 3, column "value": cell holds a formula'], []),
    ("missing-token-in-required-text", text_edit("sasaran.csv", "Meningkatnya pertumbuhan "
                                                 "industri kecil", "n/a"),
     ['sasaran.csv row 3, column "statement": \'n/a\' is read as missing (like', "a value is "
      "required"], []),
    ("missing-token-td-in-name", text_edit("indikator.csv", "Nilai AKIP", "TD"),
     ['indikator.csv row 4, column "name": \'TD\' is read as missing'], []),
    ("yaml-tag", text_edit("profile.yaml", 'agency_id: "contoh-disnaker"',
                           "agency_id: !!python/object/apply:os.system [ls]"),
     ["profile.yaml row 2: the YAML tag '!!python/object/apply:os.system' is not allowed"], []),
    ("yaml-tag-in-front-matter", folder_edit(lambda f, _t: (f / "narrative" / "03-x.md")
                                             .write_text("---\nsection: !!str penutup\n---\nT\n",
                                                         encoding="utf-8")),
     ["narrative/03-x.md row 2: the YAML tag '!!str' is not allowed"], []),
]

#: Cases that ingest cannot see as an agency: none today (every input above is a folder with a
#: profile.yaml or a workbook-like file, which ingest finds).
NOT_DISCOVERED: set[str] = set()


def test_corpus_is_past_120_cases():
    ids = [c[0] for c in FIRST_CASES] + [c[0] for c in CASES]
    assert len(ids) > 120, len(ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("case_id", "build", "expected", "options"), CASES,
                         ids=[c[0] for c in CASES])
def test_hostile_input_is_refused_by_validate_convert_and_ingest(tmp_path, capsys, case_id,
                                                                  build, expected, options):
    work = tmp_path / "in"
    work.mkdir()
    path = build(work)
    before = _snapshot(work)
    code, output = run(capsys, "validate", str(path), *options)
    _check(code, output, expected, "validate")
    assert output.strip().splitlines()[-1].endswith(("problem in the input",
                                                     "problems in the input")), output
    code, output = run(capsys, "convert", str(path), str(tmp_path / "out.xlsx"), *options)
    _check(code, output, expected, "convert")
    assert not (tmp_path / "out.xlsx").exists()
    if case_id not in NOT_DISCOVERED:
        code, output = run(capsys, "ingest", "--data", str(path), "--db",
                           str(tmp_path / "store.duckdb"), *options)
        _check(code, output, expected[:1], "ingest")
        assert "1 rejected" in output
    assert _snapshot(work) == before


def _check(code: int, output: str, expected: list[str], command: str) -> None:
    assert code == 1, f"{command}: exit {code}\n{output}"
    assert "Traceback" not in output and "internal error" not in output, output
    for fragment in expected:
        assert fragment in output, f"{command}: {fragment!r} not in:\n{output}"


def _snapshot(folder: Path) -> dict:
    """Like test_inputs.snapshot, without opening FIFOs or devices (only their metadata)."""
    out = {}
    for item in sorted(folder.rglob("*")):
        info = item.lstat()
        if stat.S_ISREG(info.st_mode):
            out[str(item)] = snapshot(item)
        else:
            out[str(item)] = (stat.S_IFMT(info.st_mode), info.st_mtime_ns)
    return out


@pytest.mark.parametrize("case", FIRST_CASES, ids=[c[0] for c in FIRST_CASES])
def test_first_corpus_is_refused_alike_by_convert_and_ingest(tmp_path, capsys, case):
    """validate, convert and ingest accept exactly the same inputs: the first 72 cases too."""
    case_id, build, expected = case
    work = tmp_path / "in"
    work.mkdir()
    path = build(work)
    code, output = run(capsys, "convert", str(path), str(tmp_path / "out.xlsx"))
    _check(code, output, expected, "convert")
    discoverable = (path / "profile.yaml").exists() or path.suffix.lower() in (
        ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
    code, output = run(capsys, "ingest", "--data", str(path), "--db",
                       str(tmp_path / "store.duckdb"))
    assert "Traceback" not in output and "internal error" not in output, output
    if discoverable:
        _check(code, output, expected[:1], "ingest")
    else:  # not an agency for ingest (no profile.yaml, not a workbook): nothing is read
        assert code == 0 and "0 added" in output, output


# --- limits, warnings and what round-trips ------------------------------------------------------


def test_limits_doc_lists_every_limit_and_every_missing_token():
    from dataclasses import fields

    from sakip.inputs.limits import DEFAULT_LIMITS, Limits
    from sakip.model.parsing import MISSING_TOKENS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "LIMITS.md").read_text(encoding="utf-8")
    for item in fields(Limits):
        assert f"| `{item.name}` |" in doc, item.name
        assert f"`SAKIP_{item.name.upper()}`" in doc, item.name
    assert DEFAULT_LIMITS.max_cell_chars == 32_767  # Excel's own limit
    section = doc.split("### Values read as missing", 1)[1].split("\n## ", 1)[0]
    for token in MISSING_TOKENS - {""}:
        assert f"`{token}`" in section, token


def test_limits_from_environment_and_options():
    from sakip.inputs.limits import LimitError, Limits

    limits = Limits.from_env({"SAKIP_MAX_ROWS": "200_000", "SAKIP_MAX_FILE_BYTES": "10M",
                              "SAKIP_MAX_SHEETS": ""})
    assert limits.max_rows == 200_000 and limits.max_file_bytes == 10 * 2**20
    assert limits.max_sheets == Limits().max_sheets
    assert limits.with_options(["max-rows=5", "max_yaml_bytes=2KiB"]).max_yaml_bytes == 2048
    for bad in ({"SAKIP_MAX_ROWS": "banyak"}, {"SAKIP_MAX_ROWS": "0"}, {"SAKIP_MAX_ROWS": "-5"}):
        with pytest.raises(LimitError):
            Limits.from_env(bad)
    with pytest.raises(LimitError, match="NAME one of"):
        Limits().with_options(["max_baris=5"])


def test_bad_limits_are_exit_2_without_traceback(tmp_path, capsys, monkeypatch):
    folder = tiny_folder(tmp_path)
    code, output = run(capsys, "validate", str(folder), "--limit", "max_rows=nol")
    assert code == 2 and "max_rows" in output and "Traceback" not in output
    monkeypatch.setenv("SAKIP_MAX_ROWS", "banyak")
    code, output = run(capsys, "validate", str(folder))
    assert code == 2 and "SAKIP_MAX_ROWS='banyak'" in output and "internal error" not in output


def test_environment_limit_applies(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SAKIP_MAX_ROWS", "2")
    code, output = run(capsys, "validate", str(tiny_folder(tmp_path)))
    assert code == 1 and "targets.csv row 4: the table holds more than 2 data rows" in output


def test_files_not_read_are_listed(tmp_path, capsys):
    folder = tiny_folder(tmp_path)
    (folder / "NOTES.md").write_text("catatan", encoding="utf-8")
    (folder / "laporan.pdf").write_bytes(b"%PDF")
    (folder / "lama").mkdir()
    (folder / "narrative" / "gambar.png").write_bytes(b"\x89PNG")
    code, output = run(capsys, "validate", str(folder))
    assert code == 0, output
    assert (f"warning: {folder}: not read (only profile.yaml, <table>.csv and narrative/*.md "
            "are): NOTES.md, lama/, laporan.pdf") in output
    assert f"warning: {folder}/narrative: not read (only *.md files are): gambar.png" in output
    assert output.strip().splitlines()[-1].startswith("OK: ")


def test_hidden_rows_and_columns_are_read_with_a_warning(tmp_path, capsys):
    import openpyxl

    book = tiny_workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    wb["targets"].row_dimensions[3].hidden = True
    wb["targets"].row_dimensions[4].hidden = True
    wb["targets"].column_dimensions["F"].hidden = True
    wb.save(book)
    code, output = run(capsys, "validate", str(book))
    assert code == 0, output
    assert ("warning: " + str(book) + " [targets] row 3: hidden (or filtered out) rows hold data "
            "and are read all the same: rows 3-4") in output
    assert "[targets]: hidden columns hold data and are read all the same: F" in output


def test_a_declared_dimension_of_a_million_rows_is_not_padded(tmp_path, capsys):
    """A sheet declaring A1:XFD1048576 used to make openpyxl yield a billion empty cells."""
    book = tiny_workbook(tmp_path)
    rezip(book, lambda name, data: re.sub(rb'<dimension ref="[^"]*"/>',
                                          b'<dimension ref="A1:XFD1048576"/>', data)
          if name.startswith("xl/worksheets/") else data)
    code, output = run(capsys, "validate", str(book))
    assert code == 0 and output.startswith("OK: "), output


def test_a_text_cell_read_as_missing_is_warned_about(tmp_path, capsys):
    folder = tiny_folder(tmp_path)
    edit_text(folder / "targets.csv", "Tabel 2.3", "n/a")
    code, output = run(capsys, "validate", str(folder))
    assert code == 0
    assert ('warning: ' + str(folder) + '/targets.csv row 2, column "doc_ref": \'n/a\' is read as '
            "missing") in output


def test_missing_tokens_round_trip_exactly_through_a_workbook(tmp_path):
    from sakip.inputs import load_agency
    from sakip.inputs.write import convert

    folder = tiny_folder(tmp_path)
    edit_text(folder / "realisasi.csv", '"5,71"', "tidak ada data")
    edit_text(folder / "targets.csv", "Tabel 2.3", "TD")
    convert(folder, tmp_path / "a.xlsx")
    convert(tmp_path / "a.xlsx", tmp_path / "back")
    import csv

    for name in ("realisasi.csv", "targets.csv"):  # same cells, columns in model order
        def rows(path: Path) -> list[dict[str, str]]:
            with path.open(encoding="utf-8") as handle:
                return [{k: v for k, v in r.items() if v} for r in csv.DictReader(handle)]
        assert rows(tmp_path / "back" / name) == rows(folder / name)
    assert load_agency(tmp_path / "back").rows("realisasi")[0].value is None


def test_problem_text_shows_invisible_characters():
    from sakip.inputs.problems import Problem

    problem = Problem("x\x1b[31m.csv", "s\u200b", 2, "id\u00a0", "'IKU1\u200b' \x00")
    assert str(problem) == "x\\x1b[31m.csv [s\\u200b] row 2, column \"id\\xa0\": 'IKU1\\u200b' \\x00"


def test_a_hidden_required_sheet_is_one_problem(tmp_path, capsys):
    build = book_edit(hide("targets", "hidden"))
    code, output = run(capsys, "validate", str(build(tmp_path)))
    assert code == 1 and output.strip().splitlines()[-1] == "1 problem in the input", output
    assert "[targets]: the sheet is hidden in Excel" in output


def test_a_member_with_corrupt_compressed_data_is_a_damaged_workbook(tmp_path):
    """A zip whose directory is sound but one member's deflate stream is corrupt raises zlib's
    own error when read (hypothesis found it): it is a damaged workbook, not a crash."""
    from sakip.inputs import read_input

    book = tiny_workbook(tmp_path)
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/workbook.xml")
    assert info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size > 40
    name_len, extra_len = (int.from_bytes(data[info.header_offset + k:info.header_offset + k + 2],
                                          "little") for k in (26, 28))
    start = info.header_offset + 30 + name_len + extra_len
    for offset in range(8, info.compress_size - 8, 3):
        data[start + offset] ^= 0xFF  # a stream that is no longer valid deflate
    book.write_bytes(bytes(data))
    raw = read_input(book)
    assert any("damaged" in p.message or "rusak" in p.message or "readable" in p.message
               or "terbaca" in p.message for p in raw.problems), [str(p) for p in raw.problems]
