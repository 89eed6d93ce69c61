"""The rendered report in a real browser (Debian's chromium through playwright).

`make test` installs chromium first (`make browser-deps`); without it these tests are skipped
with the reason, never silently passed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sakip.report.render import render_report, resolve_params

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser-deps)")]


@pytest.fixture(scope="module")
def report_url(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("out")
    result = render_report(resolve_params("payakumbuh-disnakerperin", 2024), output_root=out,
                           only=["ikhtisar", "bab1", "bab3"])
    return result.html.as_uri()


@pytest.fixture(scope="module")
def page(report_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report_url)
        page.wait_for_load_state("load")
        page.console_errors = errors
        yield page
        browser.close()


def test_loads_without_errors_and_every_image_renders(page):
    assert page.console_errors == []
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
    assert page.evaluate("document.images.length") >= 3
    assert broken == 0


def test_table_of_contents_links_navigate(page):
    link = page.locator("nav#daftar-isi a", has_text="3.2 Analisis Capaian Kinerja")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_timeout(200)
    assert page.evaluate("location.hash") == href
    top = page.evaluate(f"document.getElementById('{href[1:]}').getBoundingClientRect().top")
    assert -2 <= top < 900  # scrolled to it (sub-pixel rounding may leave it a fraction above)


def test_daftar_tabel_links_reach_numbered_tables(page):
    link = page.locator("nav#daftar-tabel a", has_text="Tabel 3.2 ").first
    target = link.get_attribute("href")[1:]
    caption = page.locator(f"#{target} figcaption").inner_text()
    assert caption.startswith("Tabel 3.2 ")


def test_print_layout_is_a4_with_chapter_breaks_and_repeated_headers(page):
    page.emulate_media(media="print")
    try:
        breaks = page.evaluate("[...document.querySelectorAll('section.chapter')].map("
                               "s => getComputedStyle(s).breakBefore)")
        assert breaks and all(b == "page" for b in breaks)
        head = page.evaluate("getComputedStyle(document.querySelector('table.data thead')).display")
        assert head == "table-header-group"
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf[:4] == b"%PDF" and pdf.count(b"/Type /Page") > 10
    finally:
        page.emulate_media(media="screen")
