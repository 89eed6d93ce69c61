"""Indicators of one agency: Renstra targets, realisasi with noise and gaps, formula components."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

from sakip.model.parsing import GRADE_SCALE
from sakip.synthetic.common import (
    BASELINE_YEAR,
    RENSTRA_END,
    RENSTRA_START,
    YEARS,
    fmt_id,
    parse_id,
    round_places,
)


@dataclass
class SyntheticIndicator:
    indicator_id: str
    key: str
    spec: dict[str, Any]
    sasaran_id: str
    base: Decimal = Decimal(0)
    targets: dict[int, str] = field(default_factory=dict)
    realisasi: dict[int, str] = field(default_factory=dict)

    @property
    def polarity(self) -> str:
        return self.spec["pol"]

    @property
    def places(self) -> int:
        return int(self.spec.get("dec", 2))

    @property
    def is_share(self) -> bool:
        """A part of a whole (as the audit's ``share_above_100`` understands it)."""
        name = self.spec["name"].lower()
        return (self.spec.get("unit") == "%" and self.spec.get("max") == 100
                and name.startswith("persentase")
                and not any(w in name for w in ("peningkatan", "pertumbuhan", "kenaikan")))

    @property
    def formula(self) -> Optional[dict[str, Any]]:
        return self.spec.get("formula")


def draw_numeric_targets(ind: SyntheticIndicator, rng: random.Random) -> None:
    spec = ind.spec
    base = Decimal(str(spec["base"])) * Decimal(str(1 + rng.uniform(-0.03, 0.03)))
    cap = Decimal(str(spec["max"])) if "max" in spec else None
    if cap is not None:
        base = min(base, cap * Decimal("0.97"))
    step = Decimal(str(spec["step"]))
    ind.base = round_places(base, ind.places)
    for year in range(RENSTRA_START, RENSTRA_END + 1):
        value = base + step * (year - BASELINE_YEAR)
        if cap is not None:
            value = min(value, cap)
        ind.targets[year] = fmt_id(value, ind.places)


def draw_grade_targets(ind: SyntheticIndicator, rng: random.Random) -> None:
    start = GRADE_SCALE.index(rng.choice(("CC", "B", "B", "BB")))
    ind.base = Decimal(start)
    for year in range(RENSTRA_START, RENSTRA_END + 1):
        ind.targets[year] = GRADE_SCALE[min(start + (year - RENSTRA_START + 1) // 2, 5)]
    for year in YEARS:
        rank = GRADE_SCALE.index(ind.targets[year]) + rng.choice((-1, 0, 0, 0, 0, 1))
        ind.realisasi[year] = GRADE_SCALE[max(0, min(rank, 5))]


def _noisy(ind: SyntheticIndicator, target: Decimal, rng: random.Random) -> Decimal:
    """Realisasi around the target as real pemda report them: most indicators close to (and a
    little beyond) target, about one in six clearly short of it, one in twenty far short."""
    draw = rng.random()
    if draw < 0.80:
        noise = max(-0.10, min(0.10, rng.gauss(0.012 if ind.polarity == "higher" else -0.01, 0.04)))
    else:
        shortfall = rng.uniform(0.10, 0.30) if draw < 0.95 else rng.uniform(0.30, 0.55)
        noise = shortfall if ind.polarity == "lower" else -shortfall  # worse in the indicator's sense
    value = target * Decimal(str(1 + noise))
    if "max" in ind.spec:
        value = min(value, Decimal(str(ind.spec["max"])))
    return value


def draw_realisasi_and_components(ind: SyntheticIndicator, rng: random.Random,
                                  comp_rows: list[dict[str, Any]]) -> None:
    formula = ind.formula
    if formula is None:
        for year in YEARS:
            if year <= 2022 and rng.random() < 0.06:
                ind.realisasi[year] = "-"  # not measured that year: a gap as analysts leave it
                continue
            target = parse_id(ind.targets[year])
            ind.realisasi[year] = fmt_id(_noisy(ind, target, rng), ind.places)
        return
    source = "BPS/data sektoral Kabupaten Sintetis (sintetis)"
    kind = formula["kind"]
    if kind == "growth":
        value = Decimal(formula["den_size"]) * Decimal(str(rng.uniform(0.9, 1.1)))
        value = round_places(value, -6)
        comp_rows.append({"indicator_id": ind.indicator_id, "year": BASELINE_YEAR, "name": formula["num"],
                          "label": formula["num_label"], "value": fmt_id(value, 0), "source": source})
        for year in YEARS:
            growth = _noisy(ind, parse_id(ind.targets[year]), rng)
            new = round_places(value * (1 + growth / 100), -6)
            ind.realisasi[year] = fmt_id((new - value) / value * 100, 2)
            comp_rows.append({"indicator_id": ind.indicator_id, "year": year, "name": formula["num"],
                              "label": formula["num_label"], "value": fmt_id(new, 0), "source": source})
            value = new
        return
    per = Decimal(formula.get("per", 100))
    den = Decimal(formula["den_size"]) * Decimal(str(rng.uniform(0.9, 1.1)))
    for year in YEARS:
        den = round_places(den * Decimal(str(rng.uniform(1.0, 1.02))), 0)
        rate = _noisy(ind, parse_id(ind.targets[year]), rng)
        if "max" in ind.spec:  # a share from counts: some are always left out
            rate = min(rate, Decimal(str(ind.spec["max"])) * Decimal("0.998"))
        num = round_places(rate * den / per, 0)
        ind.realisasi[year] = fmt_id(num / den * per, ind.places)
        for name, label, value in ((formula["num"], formula["num_label"], num),
                                   (formula["den"], formula["den_label"], den)):
            comp_rows.append({"indicator_id": ind.indicator_id, "year": year, "name": name,
                              "label": label, "value": fmt_id(value, 0), "source": source})


def formula_columns(ind: SyntheticIndicator) -> tuple[Optional[str], Optional[str]]:
    formula = ind.formula
    if formula is None:
        return None, None
    if formula["kind"] == "growth":
        name = formula["num"]
        return (f"({formula['num_label']} tahun n - tahun n-1) dibagi tahun n-1 kali 100%",
                f"({name} - {name}@n-1) / {name}@n-1 * 100")
    per = int(formula.get("per", 100))
    return (f"{formula['num_label']} dibagi {formula['den_label'].lower()} kali {fmt_id(per, 0)}",
            f"{formula['num']} / {formula['den']} * {per}")
