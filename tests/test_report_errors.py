"""Errors a report run can meet: each names what is wrong and what is available, runs nothing
it should not, and never replaces a good report with a partial one."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from sakip.report import chapters as chapters_mod
from sakip.report import render as render_mod
from sakip.report.chapters import Chapter
from sakip.report.execute import ChapterError, check_signature
from sakip.report.render import RenderError, render_report, resolve_params

PARAMS = {"agency_id": "a", "year": 2024, "data_path": "d", "options_json": "{}"}


def _notebook(path, *cells, params='agency_id = ""\nyear = 0\ndata_path = ""\noptions_json = "{}"',
              title="BAB X UJI"):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    first = new_code_cell(params)
    first.metadata["tags"] = ["parameters"]
    nb.cells = [new_markdown_cell(f"# {title}"), first] + [new_code_cell(c) for c in cells]
    nbformat.write(nb, path)
    return path


def test_unknown_agency_lists_available():
    with pytest.raises(RenderError) as info:
        resolve_params("dinas-tidak-ada", 2024)
    assert "perangkat daerah 'dinas-tidak-ada' tidak dikenal" in str(info.value)
    assert "payakumbuh-disnakerperin" in str(info.value)


def test_unknown_year_lists_available():
    with pytest.raises(RenderError, match="tahun yang tersedia: 2024"):
        resolve_params("payakumbuh-disnakerperin", 2019)


def test_strict_signature_refuses_unknown_and_missing(tmp_path, monkeypatch):
    _notebook(tmp_path / "x.ipynb", "pass", params='agency_id = ""\nyear = 0\ncolour = "red"')
    chapter = Chapter("x", "9", "x.ipynb", tmp_path)
    with pytest.raises(ChapterError) as info:
        check_signature(chapter, PARAMS)
    message = str(info.value)
    assert "parameter yang tidak ada: colour" in message
    assert "parameter yang tidak dikenal: data_path, options_json" in message


@pytest.mark.slow
def test_failing_chapter_names_cell_and_cause_and_keeps_the_good_report(tmp_path, monkeypatch):
    params = resolve_params("payakumbuh-disnakerperin", 2024)
    nb_dir = tmp_path / "nb"
    nb_dir.mkdir()
    shutil.copy(chapters_mod.NOTEBOOK_DIR / "lkjip" / "04_penutup.ipynb", nb_dir / "ok.ipynb")
    _notebook(nb_dir / "broken.ipynb", "x = 1", "raise ValueError('data kosong')", title="BAB V Bab Rusak")
    ok = Chapter("bab4", "4", "ok.ipynb", nb_dir)
    monkeypatch.setattr(render_mod, "report_chapters", lambda params: (ok,))
    good = render_report(params, output_root=tmp_path, workers=1)
    before = good.html.read_bytes()

    broken = (ok, Chapter("rusak", "5", "broken.ipynb", nb_dir))
    monkeypatch.setattr(render_mod, "report_chapters", lambda params: broken)
    with pytest.raises(ChapterError) as info:
        render_report(params, output_root=tmp_path, workers=1)
    message = str(info.value)
    assert "bab 'rusak' (BAB V Bab Rusak) gagal di sel 4 [raise ValueError('data kosong')]" in message, message
    assert "ValueError: data kosong" in message
    assert ".failed" in message
    assert good.html.read_bytes() == before  # the earlier good report is untouched


@pytest.mark.slow
def test_a_run_of_some_chapters_never_replaces_the_whole_report(tmp_path):
    params = resolve_params("payakumbuh-disnakerperin", 2024)
    partial = render_report(params, output_root=tmp_path, only=["bab4"])
    assert partial.html.parent.name == "lkjip-bagian"
    assert not (tmp_path / "payakumbuh-disnakerperin" / "2024" / "lkjip").exists()
