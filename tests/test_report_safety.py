"""Analyst text typed into an input never reaches the report as HTML or script."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser

import pytest

from sakip.report.params import parse_params
from sakip.report.render import render_report
from support import ROOT

pytestmark = pytest.mark.slow

HOSTILE = """---
section: permasalahan
order: 99
---
<script>alert('x')</script> dan <img src=x onerror="alert(1)"> serta [tautan](javascript:alert(1))

<div style="position:fixed">menimpa halaman</div>
"""


def test_script_and_html_in_narrative_are_escaped(tmp_path):
    data = tmp_path / "payakumbuh"
    shutil.copytree(ROOT / "data" / "payakumbuh-disnakerperin", data)
    (data / "narrative" / "zz_hostile.md").write_text(HOSTILE, encoding="utf-8")
    params = parse_params({"agency_id": "payakumbuh-disnakerperin", "year": "2024",
                           "data_path": str(data)}, "test")
    result = render_report(params, output_root=tmp_path / "out", only=["bab4"])
    html = result.html.read_text(encoding="utf-8")
    tags: list[tuple[str, list]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

    Collect().feed(html)
    assert "script" not in {t for t, _ in tags}
    for _tag, attrs in tags:
        for name, value in attrs:
            assert not name.startswith("on"), name
            assert not (value or "").strip().lower().startswith("javascript:")
    assert not any(t == "div" and ("style", "position:fixed") in a for t, a in tags)
    assert "&lt;script&gt;alert" in html  # shown as the text the analyst typed
