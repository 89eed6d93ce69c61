"""Same bytes either way: every example report rendered with a kernel per chapter and with the warm
in-process engine gives the same page, chapter pages and workbook, byte for byte."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from sakip.report.render import render_report, render_store_report, resolve_params

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
MOMENT = datetime(2025, 3, 31, 8, 0, tzinfo=timezone.utc)


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a report folder but the executed notebooks and their logs (these carry the
    times of the run and, for a kernel, its start-up warnings)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "notebooks" not in p.relative_to(folder).parts}


def assert_same(kernel: Path, fast: Path) -> None:
    a, b = files(kernel), files(fast)
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert not different, f"differ: {different}"


@pytest.mark.parametrize("agency, year, report", [
    ("payakumbuh-disnakerperin", 2024, "lkjip"),
    ("lampung-barat-disnakerperin", 2025, "lkjip"),
    ("lampung-barat-disnakerperin", 2025, "pengukuran"),
])
def test_agency_report_is_byte_identical(tmp_path, agency, year, report):
    params = resolve_params(agency, year, report)
    kernel = render_report(params, output_root=tmp_path / "kernel", generated_at=MOMENT,
                           engine="kernel", workers=2)
    fast = render_report(params, output_root=tmp_path / "fast", generated_at=MOMENT,
                         engine="inprocess")
    assert kernel.html.read_bytes() == fast.html.read_bytes()
    assert_same(kernel.html.parent, fast.html.parent)
    # the executed notebooks hold the same outputs too
    import nbformat

    for a, b in zip(kernel.notebooks, fast.notebooks):
        outputs = [[c.get("outputs") for c in nbformat.read(p, as_version=4).cells] for p in (a, b)]
        assert outputs[0] == outputs[1], a.name


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    from sakip.store.database import ingest

    db = tmp_path_factory.mktemp("store") / "sakip.duckdb"
    ingest(ROOT / "data", db)
    return db


@pytest.mark.parametrize("kind, extra", [
    ("summary", {}),
    ("compare", {"trend_indicator": "sintetis-dinsos:IKU2"}),
])
def test_store_report_is_byte_identical(tmp_path, store, kind, extra):
    made = {}
    for engine in ("kernel", "inprocess"):
        made[engine] = render_store_report(kind, db_path=store, year=2024,
                                           pemda_id="kabupaten-sintetis", generated_at=MOMENT,
                                           output_root=tmp_path / engine, engine=engine,
                                           workers=2, **extra)
    assert made["kernel"].html.read_bytes() == made["inprocess"].html.read_bytes()
    assert made["kernel"].excel.read_bytes() == made["inprocess"].excel.read_bytes()
    assert_same(made["kernel"].html.parent, made["inprocess"].html.parent)


def test_store_workbook_is_the_same_for_the_same_report(tmp_path, store):
    """Twice with the same generated_at: the same workbook (openpyxl stamps the time of saving)."""
    pages = [render_store_report("summary", db_path=store, year=2024,
                                 pemda_id="kabupaten-sintetis", generated_at=MOMENT,
                                 output_root=tmp_path / str(i), engine="inprocess")
             for i in range(2)]
    assert pages[0].excel.read_bytes() == pages[1].excel.read_bytes()


def test_pdf_and_word_are_byte_identical(tmp_path):
    """The documents too: the PDF and the Word file of the working copy (every chapter) are the
    same bytes from kernels and from the warm in-process engine."""
    params = resolve_params("lampung-barat-disnakerperin", 2025, "lkjip")
    options = {"generated_at": MOMENT, "copy": "kerja", "pdf": True, "docx": True}
    kernel = render_report(params, output_root=tmp_path / "kernel", engine="kernel", workers=2,
                           **options)
    fast = render_report(params, output_root=tmp_path / "fast", engine="inprocess", **options)
    assert kernel.pdf is not None and fast.pdf is not None
    assert kernel.docx is not None and fast.docx is not None
    assert kernel.pdf.read_bytes() == fast.pdf.read_bytes()
    assert kernel.docx.read_bytes() == fast.docx.read_bytes()
    assert_same(kernel.html.parent, fast.html.parent)
