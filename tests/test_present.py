"""Analyst text is Markdown rendered safely; tables are plain deterministic HTML."""

from __future__ import annotations

import pytest

from sakip.components import html as p


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "halo <img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "<iframe src='https://contoh.id'></iframe>",
    "**tebal** <svg onload=alert(1)>",
])
def test_markdown_never_lets_html_or_script_through(text):
    from html.parser import HTMLParser

    seen: list[tuple[str, list]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen.append((tag, attrs))

    Collect().feed(p.markdown(text))
    for tag, attrs in seen:
        assert tag in {"p", "strong", "em", "a", "ol", "ul", "li"}, tag
        for name, value in attrs:
            assert not name.startswith("on")
            assert not (value or "").lower().startswith("javascript:")


def test_markdown_keeps_lists_and_emphasis():
    html = p.markdown("1. satu\n2. **dua**")
    assert "<ol>" in html and "<strong>dua</strong>" in html


def test_table_cells_are_escaped_and_deterministic():
    from sakip.components.elements import Table

    cols = [p.Column("Nama", "n"), p.Column("Nilai", "v", "right")]
    rows = [{"n": "<b>x</b>", "v": "93,75%"}]
    first = Table.from_records("T", rows, cols).to_html()
    second = Table.from_records("T", rows, cols).to_html()
    assert first == second
    assert "&lt;b&gt;x&lt;/b&gt;" in first and '<td class="right">93,75%</td>' in first


def test_figure_title_is_escaped():
    html = p.figure("tabel", 'A "B" <C>', "<table></table>")
    assert 'data-title="A &quot;B&quot; &lt;C&gt;"' in html


def test_kriteria_badge_refuses_odd_colours():
    assert "background:#9e9e9e" in p.kriteria_badge("Baik", "red;}body{display:none")
