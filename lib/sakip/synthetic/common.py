"""Constants, records and small helpers shared by the modules of :mod:`sakip.synthetic`.

The fixed shape of the synthetic pemda (years, labels, defaults), its error type, the records of
what was generated (:class:`InjectedMistake`, :class:`GenerationReport`), the vocabulary loader and
the Indonesian number typing used by every table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from sakip.i18n import _

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


@dataclass(frozen=True)
class InjectedMistake:
    """One deliberate input mistake; ``row`` is the line in ``file`` (header = row 1)."""

    agency_id: str
    code: str
    file: str
    row: int
    ref: str
    year: int
    description: str

    def as_dict(self) -> dict[str, Any]:
        return {"agency_id": self.agency_id, "code": self.code, "file": self.file, "row": self.row,
                "ref": self.ref, "year": self.year, "description": self.description}


@dataclass
class GenerationReport:
    """What :func:`sakip.synthetic.pemda.generate_pemda` wrote."""

    out_dir: Path
    seed: int
    inject: bool
    agencies: list[str] = field(default_factory=list)
    n_sasaran: int = 0
    n_indicators: int = 0
    polarity_counts: dict[str, int] = field(default_factory=dict)
    mistakes: list[InjectedMistake] = field(default_factory=list)
    situations: list[dict[str, Any]] = field(default_factory=list)  # the monitoring year's
    quarter_mistakes: list[dict[str, Any]] = field(default_factory=list)
    files: int = 0
    bytes: int = 0

    def summary(self) -> str:
        pol = ", ".join(f"{k} {v}" for k, v in sorted(self.polarity_counts.items()))
        situations = (", " + _("{count} monitoring situations").format(count=len(self.situations))
                      if self.situations else "")
        mistakes = len(self.mistakes) + len(self.quarter_mistakes)
        return _("{agencies} agencies, {sasaran} sasaran, {indicators} indicators ({polarity}), "
                 "{mistakes} injected mistakes{situations}; {files} files, {kb:.0f} KB in "
                 "{folder}").format(agencies=len(self.agencies), sasaran=self.n_sasaran,
                                    indicators=self.n_indicators, polarity=pol, mistakes=mistakes,
                                    situations=situations, files=self.files,
                                    kb=self.bytes / 1024, folder=self.out_dir)


def load_vocabulary() -> dict[str, Any]:
    with open(Path(__file__).with_name("names.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def round_places(value: Decimal | float | int, places: int) -> Decimal:
    exp = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exp, rounding=ROUND_HALF_UP)


def fmt_id(value: Decimal | float | int, places: int = 2) -> str:
    """Indonesian typing of a number: ``1.234.567`` and ``93,75``."""
    number = round_places(value, places)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):.{places}f}"
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def parse_id(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))
