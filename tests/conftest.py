"""Fixtures shared by the test files: the example agencies' report contexts, opened once per
test process (they are read-only); the language of the messages."""

from __future__ import annotations

import os

# The suite speaks the product's default language whatever the machine's locale: set before sakip
# is imported, and inherited by every subprocess a test starts (docs/I18N.md).
SUITE_LANGUAGE = "id"
os.environ["SAKIP_LANG"] = SUITE_LANGUAGE

import pytest  # noqa: E402 - after the language is fixed

from sakip.analysis.context import ReportContext, open_context  # noqa: E402
from sakip.i18n import set_language  # noqa: E402
from support import LAMPUNG_BARAT, PAYAKUMBUH  # noqa: E402


@pytest.fixture(autouse=True)
def _suite_language():
    """Every test starts in the suite's language (``main(["--lang", "en", ...])`` switches the
    process it runs in)."""
    set_language(SUITE_LANGUAGE)
    yield
    set_language(SUITE_LANGUAGE)


@pytest.fixture
def english(monkeypatch):
    """Messages in English, in this process and the subprocesses it starts: for the test files
    that assert the English messages (``pytestmark = pytest.mark.usefixtures("english")``)."""
    monkeypatch.setenv("SAKIP_LANG", "en")
    set_language("en")
    yield
    set_language(SUITE_LANGUAGE)


@pytest.fixture(scope="session")
def payakumbuh_ctx() -> ReportContext:
    """The LKjIP 2024 context of the Payakumbuh example (seed 004), default options."""
    return open_context("payakumbuh-disnakerperin", 2024, str(PAYAKUMBUH), "{}")


@pytest.fixture(scope="session")
def lampung_barat_ctx() -> ReportContext:
    """The LKjIP 2025 context of the Lampung Barat example (seed 000), default options."""
    return open_context("lampung-barat-disnakerperin", 2025, str(LAMPUNG_BARAT), "{}")
