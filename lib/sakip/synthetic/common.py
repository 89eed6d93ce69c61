"""Constants and small helpers shared by the modules of :mod:`sakip.synthetic`.

The fixed shape of the synthetic pemda (years, labels, defaults), its error type, the vocabulary
loader and the Indonesian number typing used by every table.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

SYNTHETIC_LABEL = "DATA SINTETIS (dibuat oleh sakip generate)"
README_MARKER = "<!-- sakip generate: synthetic data -->"
MANIFEST = "injected_mistakes.yaml"
DEFAULT_OUT = Path("data/generated/kabupaten-sintetis")
DEFAULT_SEED = 2026
DEFAULT_AGENCIES = 36

PEMDA_ID = "kabupaten-sintetis"
PEMDA_NAME = "Sintetis"
RENSTRA_START, RENSTRA_END = 2021, 2026
BASELINE_YEAR = RENSTRA_START - 1
YEARS = tuple(range(RENSTRA_START, 2026))  # years with realisasi: 2021-2025
LAST_YEAR = YEARS[-1]
BUDGET_YEARS = (2023, 2024, 2025)
QUARTERS = ("TW1", "TW2", "TW3", "TW4")


class GenerateError(ValueError):
    """The output folder cannot be written (e.g. it holds data that was not generated)."""


def _load_vocabulary() -> dict[str, Any]:
    with open(Path(__file__).with_name("names.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _q(value: Decimal | float | int, places: int) -> Decimal:
    exp = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exp, rounding=ROUND_HALF_UP)


def fmt_id(value: Decimal | float | int, places: int = 2) -> str:
    """Indonesian typing of a number: ``1.234.567`` and ``93,75``."""
    number = _q(value, places)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):.{places}f}"
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def _parse_id(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))
