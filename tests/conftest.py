"""Fixtures shared by the test files: the example agencies' report contexts, opened once per
test process (they are read-only)."""

from __future__ import annotations

import pytest

from sakip.analysis.context import ReportContext, open_context
from support import LAMPUNG_BARAT, PAYAKUMBUH


@pytest.fixture(scope="session")
def payakumbuh_ctx() -> ReportContext:
    """The LKjIP 2024 context of the Payakumbuh example (seed 004), default options."""
    return open_context("payakumbuh-disnakerperin", 2024, str(PAYAKUMBUH), "{}")


@pytest.fixture(scope="session")
def lampung_barat_ctx() -> ReportContext:
    """The LKjIP 2025 context of the Lampung Barat example (seed 000), default options."""
    return open_context("lampung-barat-disnakerperin", 2025, str(LAMPUNG_BARAT), "{}")
