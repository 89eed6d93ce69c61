"""The official copy on a phone (390 px) in Debian's chromium: nothing scrolls sideways, wide
tables scroll in their own box, header cells wrap, key-figure cards never overlap; no audit
appendix and no file path; headings in order, charts with alt text, badges with their words."""

from __future__ import annotations

from pathlib import Path

import pytest

from sakip.report.render import render_report, resolve_params

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser-deps)")]


@pytest.fixture(scope="module")
def official_url(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("out")
    result = render_report(resolve_params("payakumbuh-disnakerperin", 2024), output_root=out)
    return result.html.as_uri()


@pytest.fixture(scope="module")
def phone(official_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(official_url)
        page.wait_for_load_state("load")
        yield page
        browser.close()


def test_nothing_scrolls_sideways_at_390px(phone):
    assert phone.evaluate("innerWidth") == 390
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= phone.evaluate("innerWidth")


def test_wide_tables_scroll_inside_their_own_box(phone):
    boxes = phone.evaluate("""[...document.querySelectorAll('figure.sakip-tabel')]
        .filter(f => f.scrollWidth > f.clientWidth + 1)
        .map(f => [getComputedStyle(f).overflowX, f.getBoundingClientRect().right])""")
    assert boxes, "the example has tables wider than a phone"
    assert all(overflow == "auto" and right <= 390 for overflow, right in boxes)


def test_header_cells_wrap(phone):
    spaces = phone.evaluate("[...new Set([...document.querySelectorAll('table.data th')]"
                            ".map(th => getComputedStyle(th).whiteSpace))]")
    assert spaces == ["normal"]


def test_kpi_cards_never_overlap(phone):
    overlaps = phone.evaluate("""[...document.querySelectorAll('.kpi')].flatMap(kpi => {
        const cards = [...kpi.children].map(c => c.getBoundingClientRect());
        const out = [];
        cards.forEach((a, i) => cards.slice(i + 1).forEach(b => {
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(1);
        }));
        const inside = [...kpi.querySelectorAll('strong')].filter(s => s.scrollWidth > s.clientWidth + 1).length;
        return out.concat(inside ? [inside] : []);
      })""")
    assert phone.evaluate("document.querySelectorAll('.kpi').length") >= 1
    assert overlaps == []


def test_official_copy_has_no_audit_appendix_and_no_path(phone):
    assert phone.evaluate("document.getElementById('chapter-audit')") is None
    text = phone.evaluate("document.body.innerText")
    assert "Audit Data" not in text and "AUDIT DATA" not in text
    for path in ("data/payakumbuh", "output/", str(ROOT), "/tmp/", ".csv", ".yaml", "docs/"):
        assert path not in text, path
    cover = phone.evaluate("document.querySelector('section.cover').innerText")
    assert "/" not in cover
    assert "Kolofon" in text and "SALINAN KERJA" not in text


def test_headings_in_order_charts_with_alt_text_badges_with_words(phone):
    levels = phone.evaluate("[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])")
    assert levels[0] == 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert jumps == []
    alts = phone.evaluate("[...document.querySelectorAll('figure.sakip-grafik img')].map(i => i.alt)")
    assert alts and all(len(alt) > 10 for alt in alts)
    badges = phone.evaluate("[...document.querySelectorAll('.kriteria')].map(b => b.textContent.trim())")
    assert badges and all(badges)
    scopes = phone.evaluate("[...document.querySelectorAll('table.data th')].every(th => th.getAttribute('scope'))")
    assert scopes
