"""Paths shared by the tests (import as ``from support import ROOT``); fixtures are in conftest.py."""

from __future__ import annotations

from sakip.report.chapters import PROJECT_ROOT

ROOT = PROJECT_ROOT
DATA = ROOT / "data"
PAYAKUMBUH = DATA / "payakumbuh-disnakerperin"
LAMPUNG_BARAT = DATA / "lampung-barat-disnakerperin"
GENERATED = DATA / "generated" / "kabupaten-sintetis"
