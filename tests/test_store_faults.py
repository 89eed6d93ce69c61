"""The store fails loudly and recovers (issue #13): a damaged or truncated file, a lock held by
another process, a read-only location and a full disk each give one clear line naming the path,
exit 2 and no traceback; ``sakip ingest --rebuild`` builds the store anew.

Read-only locations and full disks are made with small tmpfs mounts where this process may mount
(root in CI); elsewhere a full disk is made with ``ulimit -f`` in a child process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sakip.cli import main
from sakip.store.database import (
    CorruptStoreError,
    StoreError,
    checksum,
    ingest,
    open_store,
    table_counts,
)
from support import ROOT
from test_inputs import TINY, edit_text

# The messages of the store are asserted in English (the suite speaks Indonesian:
# tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and "internal error" not in text, text
    return info.value.code, text


@pytest.fixture()
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder / "contoh")
    return folder


@pytest.fixture()
def store(data, tmp_path) -> Path:
    db = tmp_path / "sakip.duckdb"
    assert ingest(data, db).added == ["contoh-disnaker"]
    return db


def _state(db: Path) -> tuple[dict[str, int], str]:
    con = open_store(db)
    try:
        return table_counts(con), checksum(con)
    finally:
        con.close()


# --- a damaged store ------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "flipped"])
def test_a_damaged_store_is_detected_with_the_command_that_rebuilds_it(data, store, capsys,
                                                                       damage):
    blob = store.read_bytes()
    if damage == "truncated":
        store.write_bytes(blob[: len(blob) // 2])
    elif damage == "garbage":
        store.write_bytes(b"bukan basis data " * 100)
    elif damage == "empty":
        store.write_bytes(b"")
    else:  # bytes overwritten inside every data block (after the 3 headers of 4 KiB, blocks
        # of 256 KiB each start with their checksum): reading any of them fails its checksum
        data_bytes = bytearray(blob)
        for start in range(3 * 4096, len(blob), 262144):
            data_bytes[start + 64:start + 4096] = bytes(len(data_bytes[start + 64:start + 4096]))
        store.write_bytes(bytes(data_bytes))
    code, output = run(capsys, "ingest", "--data", str(data), "--db", str(store))
    assert code == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert lines[0].startswith(f"error: {store}: the store is damaged"), output
    assert f"rebuild it from the inputs with: sakip ingest --rebuild --db {store}" in output
    assert "unchanged" not in output
    code, output = run(capsys, "ingest", "--data", str(data), "--db", str(store), "--rebuild")
    assert code == 0, output
    assert "1 added" in output and "store rebuilt from the inputs" in output
    assert f"the previous one kept as {store}.bak" in output
    assert (store.parent / (store.name + ".bak")).exists()
    counts, _ = _state(store)
    assert counts["agencies"] == 1 and counts["targets"] == 4
    code, output = run(capsys, "ingest", "--data", str(data), "--db", str(store))
    assert code == 0 and "1 unchanged" in output


def test_a_damaged_store_raises_corrupt_store_error(data, store):
    store.write_bytes(store.read_bytes()[:8192])
    with pytest.raises(CorruptStoreError, match="sakip ingest --rebuild"):
        ingest(data, store)


def test_rebuild_of_a_good_store_gives_the_same_content(data, store):
    before = _state(store)
    report = ingest(data, store, rebuild=True)
    assert report.rebuilt and report.added == ["contoh-disnaker"]
    after = _state(store)
    assert after[0] == before[0]
    assert not [p for p in store.parent.iterdir() if ".rebuild-" in p.name]


def test_rebuild_without_a_store_creates_it(data, tmp_path):
    report = ingest(data, tmp_path / "new" / "sakip.duckdb", rebuild=True)
    assert report.rebuilt and report.backup is None and report.added


def test_a_folder_in_place_of_the_store_is_named(data, tmp_path, capsys):
    (tmp_path / "x.duckdb").mkdir()
    code, output = run(capsys, "ingest", "--data", str(data), "--db", str(tmp_path / "x.duckdb"))
    assert code == 2 and "x.duckdb: not a store file" in output


# --- a lock held by another process -------------------------------------------------------------


def _holder(db: Path) -> subprocess.Popen:
    """A child process holding the store open read-write until it is killed."""
    code = ("import sys, time, duckdb\n"
            "con = duckdb.connect(sys.argv[1])\n"
            "print('ready', flush=True)\n"
            "time.sleep(120)\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def test_a_lock_held_by_another_process_is_named(data, store, capsys):
    before = _state(store)
    child = _holder(store)
    try:
        code, output = run(capsys, "ingest", "--data", str(data), "--db", str(store))
        assert code == 2
        assert f"error: {store}: the store is locked by another process" in output
        assert f"PID {child.pid}" in output
        code, output = run(capsys, "ingest", "--data", str(data), "--db", str(store), "--rebuild")
        assert code == 2 and "locked by another process" in output
        with pytest.raises(StoreError, match="locked by another process"):
            open_store(store)
    finally:
        child.kill()
        child.wait()
    assert _state(store) == before


# --- read-only location and full disk ----------------------------------------------------------


def _mount_tmpfs(where: Path, size: str, read_only: bool = False) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    try:
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                                capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False, timeout=30)


@pytest.fixture()
def read_only_dir(tmp_path):
    where = tmp_path / "ro"
    if not _mount_tmpfs(where, "1m", read_only=True):
        pytest.skip("cannot mount a read-only tmpfs here (needs root)")
    yield where
    _umount(where)


def test_a_read_only_location_is_named(data, read_only_dir, capsys):
    db = read_only_dir / "sakip.duckdb"
    code, output = run(capsys, "ingest", "--data", str(data), "--db", str(db))
    assert code == 2
    assert f"error: {db}: this location cannot be written" in output
    assert "Read-only file system" in output
    code, output = run(capsys, "ingest", "--data", str(data), "--db",
                       str(read_only_dir / "sub" / "sakip.duckdb"))
    assert code == 2 and "this location cannot be written" in output


def test_disk_full_leaves_the_store_as_it_was(data, tmp_path, capsys):
    where = tmp_path / "full"
    if not _mount_tmpfs(where, "64k"):
        pytest.skip("cannot mount a small tmpfs here (needs root); see the ulimit test")
    try:
        db = where / "sakip.duckdb"
        code, output = run(capsys, "ingest", "--data", str(data), "--db", str(db))
        assert code == 0, output
        before = _state(db)
        edit_text(data / "contoh" / "targets.csv", '"45,00"', '"46,00"')
        filler = where / "filler"
        handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:  # take the rest of the space
            while os.write(handle, b"\1" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(handle)
        code, output = run(capsys, "ingest", "--data", str(data), "--db", str(db))
        assert code == 2, output
        assert f"error: {db}: the disk is full" in output
        assert "the store was left as it was" in output
        filler.unlink()
        assert _state(db) == before
    finally:
        _umount(where)


def test_file_size_limit_is_reported_as_a_full_disk(data, tmp_path):
    """``ulimit -f`` in a child: writes fail with EFBIG (SIGXFSZ ignored), as on a full disk."""
    db = tmp_path / "sakip.duckdb"
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
        from sakip.cli import main
        main(["ingest", "--data", {str(data)!r}, "--db", {str(db)!r}])
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lib"))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, check=False, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output and "internal error" not in output
    assert f"error: {db}: the disk is full (or a file size limit is reached)" in output


def test_a_failed_write_is_reported_as_a_store_error(data, store, monkeypatch):
    import duckdb

    from sakip.store import database

    before = _state(store)
    edit_text(data / "contoh" / "targets.csv", '"45,00"', '"46,00"')

    def failing(con, table, columns, records):
        raise duckdb.IOException('IO Error: Could not write file "x": No space left on device')

    monkeypatch.setattr(database, "_insert", failing)
    with pytest.raises(StoreError, match="the disk is full"):
        ingest(data, store)
    assert _state(store) == before


# --- what ingest reads ---------------------------------------------------------------------------


def test_symbolic_links_under_data_are_rejected_not_followed(data, tmp_path, capsys):
    outside = tmp_path / "elsewhere"
    shutil.copytree(TINY, outside / "lain")
    (data / "tautan").symlink_to(outside / "lain")
    code, output = run(capsys, "ingest", "--data", str(data), "--db", str(tmp_path / "s.duckdb"))
    assert code == 1
    assert "tautan: is a symbolic link" in output and "does not follow links" in output
    assert "1 added" in output and "1 rejected" in output


def test_a_macro_workbook_is_ingested_as_validate_reads_it(tmp_path, capsys):
    from sakip.inputs.write import convert

    data = tmp_path / "data"
    data.mkdir()
    convert(TINY, tmp_path / "a.xlsx")
    (tmp_path / "a.xlsx").rename(data / "dinas.xlsm")
    code, output = run(capsys, "validate", str(data / "dinas.xlsm"))
    assert code == 0 and "macros are never run" in output
    code, output = run(capsys, "ingest", "--data", str(data), "--db", str(tmp_path / "s.duckdb"))
    assert code == 0 and "1 added" in output and "macros are never run" in output


def test_an_ingest_killed_midway_leaves_a_readable_store(tmp_path):
    """kill -9 of an ingest at any moment: the store is the old one or the new one, never a
    damaged one, and the next ingest completes the work."""
    import signal
    import time

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "generated" / "kabupaten-sintetis", data)
    db = tmp_path / "sakip.duckdb"
    assert ingest(data, db).ok
    for agency in sorted(p for p in data.iterdir() if (p / "realisasi.csv").is_file())[:10]:
        path = agency / "realisasi.csv"  # a blank line more: a new hash, the same rows
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lib"))
    for delay in (0.5, 1.5):
        child = subprocess.Popen([sys.executable, "-m", "sakip.cli", "ingest", "--data",
                                  str(data), "--db", str(db)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        report = ingest(data, db)  # reads every table first: would raise on a damaged store
        assert report.ok, [r.report() for r in report.rejected]
        assert not report.added and not report.removed


def test_a_rebuild_says_that_rejected_inputs_have_no_rows(data, store, capsys):
    edit_text(data / "contoh" / "targets.csv", "IKU1,2024", "IKU1,20x4")
    code, output = run(capsys, "ingest", "--data", str(data), "--db", str(store), "--rebuild")
    assert code == 1 and "1 rejected" in output
    assert "the rejected inputs have no rows in it" in output
    assert _state(store)[0]["agencies"] == 0
    assert _state(Path(f"{store}.bak"))[0]["agencies"] == 1
