"""A pemda adapts a report without touching the library (docs/CHAPTERS.md): it edits a copy of a
chapter notebook (a heading, a paragraph, the order of two sections) and adds a chapter of its
own; the report shows exactly that."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from sakip.report.chapters import NOTEBOOK_DIR, PROJECT_ROOT
from sakip.report.render import RenderError, render_report, resolve_params

pytestmark = pytest.mark.slow


def _text(html: str) -> str:
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _edited_penutup(folder: Path) -> Path:
    """04_penutup.ipynb with a renamed heading, an added paragraph and two sections swapped."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(NOTEBOOK_DIR / "lkjip" / "04_penutup.ipynb", as_version=4)
    sources = [c.source for c in nb.cells]
    kesimpulan = sources.index("## Kesimpulan")
    nb.cells[kesimpulan].source = "## Simpulan Kinerja\n\nParagraf tambahan yang ditulis oleh pemda."
    masalah, lanjut = sources.index("## Permasalahan"), sources.index("## Tindak Lanjut")
    # each section is its heading cell and the one code cell after it: swap the two sections
    cells = nb.cells
    first, second = cells[masalah:masalah + 2], cells[lanjut:lanjut + 2]
    nb.cells = cells[:masalah] + second + first + cells[lanjut + 2:]
    path = folder / "04_penutup.ipynb"
    nbformat.write(nb, path)
    return path


def test_an_edited_copy_of_a_chapter_replaces_the_shipped_one(tmp_path):
    _edited_penutup(tmp_path / "lokal")
    params = resolve_params("payakumbuh-disnakerperin", 2024).model_copy(
        update={"chapters_dir": str(tmp_path / "lokal")})
    result = render_report(params, output_root=tmp_path / "out", only=["bab4"], workers=1)
    text = _text(result.html.read_text(encoding="utf-8"))
    assert "4.1 Simpulan Kinerja" in text
    assert "Paragraf tambahan yang ditulis oleh pemda." in text
    assert "4.2 Tindak Lanjut" in text and "4.3 Permasalahan" in text
    assert text.index("4.2 Tindak Lanjut") < text.index("4.3 Permasalahan")
    assert "4.1 Kesimpulan" not in text
    # the figures are the library's, unchanged by the edit
    assert "rata-rata capaian 128,70%" in text


def test_an_extra_chapter_from_params_is_rendered_numbered_and_in_place(tmp_path):
    params = resolve_params("payakumbuh-disnakerperin", 2024)
    params = type(params).model_validate({**params.model_dump(), "extra_chapters": [
        {"id": "lampiran-daerah", "prefix": "L2", "after": "bab4",
         "notebook": "examples/lokal/07_lampiran_daerah.ipynb"}]})
    result = render_report(params, output_root=tmp_path, only=["bab4", "lampiran-daerah"], workers=1)
    html = result.html.read_text(encoding="utf-8")
    text = _text(html)
    assert "LAMPIRAN DAERAH" in text
    assert "Ringkasan untuk Rapat Evaluasi Daerah" in text  # prefix L2: not numbered
    assert text.index("BAB IV PENUTUP") < text.index("LAMPIRAN DAERAH")
    assert (result.html.parent / "chapters" / "lampiran-daerah.html").exists()
    assert (result.html.parent / "notebooks" / "lampiran-daerah.ipynb").exists()


def test_a_missing_extra_notebook_is_a_clear_error(tmp_path):
    params = resolve_params("payakumbuh-disnakerperin", 2024)
    params = type(params).model_validate({**params.model_dump(), "extra_chapters": [
        {"id": "x", "prefix": "9", "notebook": "tidak/ada.ipynb"}]})
    with pytest.raises(RenderError, match="tidak/ada.ipynb"):
        render_report(params, output_root=tmp_path)
    assert not any(tmp_path.iterdir())


def test_the_worked_example_is_shipped():
    assert (PROJECT_ROOT / "examples" / "lokal" / "07_lampiran_daerah.ipynb").exists()
    assert "07_lampiran_daerah.ipynb" in (PROJECT_ROOT / "docs" / "CHAPTERS.md").read_text(encoding="utf-8")
