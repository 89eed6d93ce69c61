"""The monitoring year of the synthetic pemda: quarterly targets, realisasi and budget of 2026
(the last year of the Renstra, in progress) up to TW II, with the gaps a Bappeda meets.

Each agency signs a PK for 2026 with a target per quarter (the rencana aksi) and a budget whose
cumulative keuangan plan is 15/40/70/100% of the pagu; most report TW I and TW II on plan and on
target. A few situations are injected on purpose and listed in ``injected_situations.yaml``:

* ``belum_melapor``: reported TW I but not yet TW II (late reporters); one agency reported
  nothing at all;
* ``tertinggal``: reported, but the serapan s.d. TW II is about half the plan (``anggaran``),
  the IKU are 15-25% short of their quarterly targets (``kinerja``), or both;
* ``berisiko``: on plan, IKU 2-6% short of target: not lagging, but projected to miss the year.

With mistakes injected, two quarterly input mistakes are added too (a printed TW II serapan
that is not the TW II one, and a printed TW II realisasi of an agency that has not reported it),
listed in the same manifest with the audit code that reports each.

Everything draws from its own random streams (``"{seed}:monitoring:..."``) and is appended after
the rows of the earlier years, so the files of a pemda generated without the monitoring year are
byte prefixes of the files generated with it (the new data are appended rows and new files).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from sakip.synthetic.agency import AgencyData
from sakip.synthetic.common import (
    LAST_YEAR,
    PEMDA_ID,
    QUARTERS,
    RENSTRA_END,
    SYNTHETIC_LABEL,
    fmt_id,
    parse_id,
    round_places,
)

#: The year the Bappeda monitors (in progress) and the last quarter its data reach.
MONITORING_YEAR = RENSTRA_END
MONITORING_QUARTER = 2
SITUATIONS_MANIFEST = "injected_situations.yaml"
#: Cumulative keuangan plan (share of the pagu) and fisik target (%) s.d. each quarter.
PLAN = (Decimal("0.15"), Decimal("0.40"), Decimal("0.70"), Decimal(1))
FISIK_PLAN = (20, 45, 75, 100)
#: How many agencies of each situation (the rest are on plan and on target).
SITUATION_PLAN: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("belum_melapor", ("tw1",), 3),
    ("belum_melapor", ("none",), 1),
    ("tertinggal", ("anggaran", "kinerja"), 1),
    ("tertinggal", ("anggaran",), 1),
    ("tertinggal", ("kinerja",), 1),
    ("berisiko", ("kinerja",), 2),
)

DESCRIPTIONS = {
    ("belum_melapor", ("tw1",)): "melaporkan TW I, belum melaporkan TW II (terlambat)",
    ("belum_melapor", ("none",)): "belum melaporkan realisasi triwulan mana pun tahun ini",
    ("tertinggal", ("anggaran", "kinerja")): ("serapan s.d. TW II sekitar separuh rencana dan IKU "
                                              "15-25% di bawah target triwulan"),
    ("tertinggal", ("anggaran",)): "serapan s.d. TW II sekitar separuh rencana; IKU sesuai target",
    ("tertinggal", ("kinerja",)): "IKU 15-25% di bawah target triwulan; serapan sesuai rencana",
    ("berisiko", ("kinerja",)): ("IKU 2-6% di bawah target: tidak tertinggal, tetapi diproyeksikan "
                                 "tidak mencapai target tahunan"),
}


@dataclass(frozen=True)
class Situation:
    """One agency's injected situation in the monitoring year."""

    agency_id: str
    kind: str  # belum_melapor, tertinggal, berisiko
    aspects: tuple[str, ...]
    last_quarter: int  # the last quarter it reported (0 = none)
    description: str

    def as_dict(self) -> dict[str, Any]:
        return {"agency_id": self.agency_id, "kind": self.kind, "aspects": list(self.aspects),
                "last_quarter": self.last_quarter, "description": self.description}


@dataclass
class MonitoringReport:
    situations: list[Situation] = field(default_factory=list)
    mistakes: list[dict[str, Any]] = field(default_factory=list)


def assign_situations(agencies: list[AgencyData], seed: int) -> dict[str, Situation]:
    """Which agencies get which situation (disjoint), drawn from their own stream."""
    rng = random.Random(f"{seed}:monitoring:situations")
    pool = sorted(a.agency_id for a in agencies)
    rng.shuffle(pool)
    out: dict[str, Situation] = {}
    for kind, aspects, count in SITUATION_PLAN:
        for _ in range(count):
            if not pool:
                return out
            agency_id = pool.pop()
            last = 0 if aspects == ("none",) else 1 if kind == "belum_melapor" else MONITORING_QUARTER
            out[agency_id] = Situation(agency_id, kind, aspects if kind != "belum_melapor" else (),
                                       last, DESCRIPTIONS[(kind, aspects)])
    return out


def _places(value: str) -> int:
    return len(value.split(",", 1)[1]) if "," in value else 0


def _budget_year(data: AgencyData, rng: random.Random) -> tuple[list[dict[str, Any]], dict[str, Decimal]]:
    """The monitoring year's budget lines: last year's tree, pagu grown 2-6%, realisasi not yet
    known; parents carry the sums of their children. Returns the lines and each programme's pagu."""
    last = [r for r in data.tables["budget"] if r["year"] == LAST_YEAR]
    growth = Decimal(str(rng.uniform(1.02, 1.06)))
    lines = [dict(r, year=MONITORING_YEAR, realisasi=None) for r in last]
    by_code = {r["code"]: r for r in lines}
    children: dict[str, list[dict[str, Any]]] = {}
    for row in lines:
        if row.get("parent_code"):
            children.setdefault(row["parent_code"], []).append(row)
    pagu: dict[str, Decimal] = {}

    def amount(row: dict[str, Any]) -> Decimal:
        kids = children.get(row["code"], [])
        if kids:
            value = sum((amount(k) for k in kids), Decimal(0))
        else:
            value = round_places(parse_id(row["pagu"]) * growth, -2)
        row["pagu"] = fmt_id(value, 0)
        pagu[row["code"]] = value
        return value

    for row in lines:
        if not row.get("parent_code"):
            amount(row)
    return lines, {code: pagu[code] for code, row in by_code.items() if row["level"] == "program"}


def _money(ref: str, pagu: Decimal, situation: Situation | None, rng: random.Random) -> list[dict[str, Any]]:
    lagging = situation is not None and "anggaran" in situation.aspects
    last = MONITORING_QUARTER if situation is None else situation.last_quarter
    rows = []
    previous_real = previous_fisik = Decimal(0)
    for q, (period, share, fisik) in enumerate(zip(QUARTERS, PLAN, FISIK_PLAN), 1):
        target = round_places(pagu * share, 0)
        row: dict[str, Any] = {"year": MONITORING_YEAR, "ref": ref, "period": period,
                               "keuangan_target": fmt_id(target, 0), "fisik_target": fmt_id(fisik, 2)}
        if q <= last:
            pace = rng.uniform(0.45, 0.60) if lagging else rng.uniform(0.93, 1.0)
            real = max(previous_real, round_places(target * Decimal(str(pace)), 0))
            done = Decimal(fisik) * Decimal(str(rng.uniform(0.60, 0.75) if lagging else rng.uniform(0.95, 1.0)))
            done = max(previous_fisik, round_places(done, 2))
            row.update(keuangan_realisasi=fmt_id(real, 0), fisik_realisasi=fmt_id(done, 2))
            previous_real, previous_fisik = real, done
        rows.append(row)
    return rows


def _kinerja(data: AgencyData, situation: Situation | None,
             rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """PK targets of the year (the year's and one per quarter, the same level: rates and stocks
    are held all year) and the realisasi of the quarters reported."""
    targets, realisasi = [], []
    last = MONITORING_QUARTER if situation is None else situation.last_quarter
    short = (0.15, 0.25) if situation is not None and situation.kind == "tertinggal" \
        and "kinerja" in situation.aspects else (0.02, 0.06) if situation is not None \
        and situation.kind == "berisiko" else None
    for ind in data.indicators:
        if ind.polarity == "grade":
            continue  # the SAKIP grade is evaluated once a year
        text = ind.targets[MONITORING_YEAR]
        targets.append({"indicator_id": ind.indicator_id, "year": MONITORING_YEAR, "source": "pk",
                        "value": text})
        for period in QUARTERS:
            targets.append({"indicator_id": ind.indicator_id, "year": MONITORING_YEAR,
                            "period": period, "source": "rencana_aksi", "value": text})
        target = parse_id(text)
        cap = Decimal(str(ind.spec["max"])) if "max" in ind.spec else None
        for q, period in enumerate(QUARTERS, 1):
            if q > last:
                break
            if short is not None:
                gap = Decimal(str(rng.uniform(*short)))
            else:
                gap = -Decimal(str(rng.uniform(0.0, 0.04)))  # on target or a little better
            # worse in the indicator's own sense: lower realisasi, or a higher one for "lower"
            value = target * (1 + gap) if ind.polarity == "lower" else target * (1 - gap)
            if cap is not None and ind.polarity != "lower":
                value = min(value, max(cap, target)) if short is None else min(value, cap)
            realisasi.append({"indicator_id": ind.indicator_id, "year": MONITORING_YEAR,
                              "period": period, "value": fmt_id(value, _places(text))})
    return targets, realisasi


def add_monitoring_year(agencies: list[AgencyData], seed: int) -> MonitoringReport:
    """Append the monitoring year's rows to every agency's tables (after the earlier years, so
    that the rows already there keep their place); returns the situations injected."""
    situations = assign_situations(agencies, seed)
    report = MonitoringReport()
    for data in sorted(agencies, key=lambda a: a.agency_id):
        rng = random.Random(f"{seed}:monitoring:{data.agency_id}")
        situation = situations.get(data.agency_id)
        lines, programmes = _budget_year(data, rng)
        quarterly = [row for code, pagu in programmes.items() for row in _money(code, pagu, situation, rng)]
        targets, realisasi = _kinerja(data, situation, rng)
        data.tables["budget"].extend(lines)
        data.tables["budget_quarterly"].extend(quarterly)
        data.tables["targets"].extend(targets)
        data.tables["realisasi"].extend(realisasi)
        if situation is not None:
            report.situations.append(situation)
    return report


def inject_quarter_mistakes(agencies: list[AgencyData], report: MonitoringReport, seed: int) -> None:
    """Two quarterly input mistakes, each in a new ``printed.csv`` (figures an agency's own TW II
    report printed): a TW II serapan that is the serapan within TW II alone, not s.d. TW II
    (``printed_mismatch``; the next row, a right serapan, must not be reported), and a TW II
    realisasi printed by an agency that has not reported TW II in its inputs
    (``printed_uncomputable``)."""
    rng = random.Random(f"{seed}:monitoring:mistakes")
    special = {s.agency_id for s in report.situations}
    late = sorted(s.agency_id for s in report.situations
                  if s.kind == "belum_melapor" and s.last_quarter == 1)
    on_plan = sorted(a.agency_id for a in agencies if a.agency_id not in special)
    by_id = {a.agency_id: a for a in agencies}
    doc = f"Laporan Evaluasi Rencana Aksi TW II {MONITORING_YEAR}"
    if on_plan:
        data = by_id[rng.choice(on_plan)]
        quarters = {(r["ref"], r["period"]): r for r in data.tables["budget_quarterly"]
                    if r["year"] == MONITORING_YEAR}
        pagu = {r["code"]: parse_id(r["pagu"]) for r in data.tables["budget"]
                if r["year"] == MONITORING_YEAR and r["level"] == "program"}
        refs = sorted(pagu)
        wrong_ref, right_ref = refs[0], refs[-1]
        tw1, tw2 = quarters[(wrong_ref, "TW1")], quarters[(wrong_ref, "TW2")]
        within = parse_id(tw2["keuangan_realisasi"]) - parse_id(tw1["keuangan_realisasi"])
        sd = parse_id(tw2["keuangan_realisasi"])
        right = parse_id(quarters[(right_ref, "TW2")]["keuangan_realisasi"])
        wrong_text = fmt_id(within / pagu[wrong_ref] * 100, 2) + "%"
        data.tables["printed"] = [
            {"doc_ref": f"{doc}, Tabel 3.2", "ref": wrong_ref, "year": MONITORING_YEAR,
             "field": "serapan", "period": "TW2", "value": wrong_text},
            {"doc_ref": f"{doc}, Tabel 3.3", "ref": right_ref, "year": MONITORING_YEAR,
             "field": "serapan", "period": "TW2", "value": fmt_id(right / pagu[right_ref] * 100, 2) + "%"},
        ]
        report.mistakes.append({
            "agency_id": data.agency_id, "code": "printed_mismatch", "file": "printed.csv", "row": 2,
            "ref": wrong_ref, "year": MONITORING_YEAR, "period": "TW2",
            "description": (f"serapan TW II {wrong_ref} tercetak {wrong_text}: serapan dalam TW II saja, "
                            f"bukan s.d. TW II ({fmt_id(sd / pagu[wrong_ref] * 100, 2)}%)")})
    if late:
        data = by_id[rng.choice(late)]
        ind = next(i for i in data.indicators if i.polarity != "grade")
        value = ind.targets[MONITORING_YEAR]
        data.tables["printed"] = [{"doc_ref": f"{doc}, Tabel 3.1", "ref": ind.indicator_id,
                                   "year": MONITORING_YEAR, "field": "realisasi", "period": "TW2",
                                   "value": value}]
        report.mistakes.append({
            "agency_id": data.agency_id, "code": "printed_uncomputable", "file": "printed.csv",
            "row": 2, "ref": ind.indicator_id, "year": MONITORING_YEAR, "period": "TW2",
            "description": (f"laporan TW II mencetak realisasi {ind.indicator_id} = {value}, padahal "
                            "realisasi TW II belum dimasukkan (perangkat daerah belum melapor)")})


def readme_section(report: MonitoringReport) -> str:
    """The paragraph appended to the README (after the text of the earlier years)."""
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[MONITORING_QUARTER]
    return "\n".join([
        "",
        f"## The monitoring year {MONITORING_YEAR} (s.d. TW {roman})",
        "",
        f"Every agency also has a PK for {MONITORING_YEAR} with a target per quarter (rencana aksi), a",
        f"{MONITORING_YEAR} budget with its quarterly keuangan plan, and the realisasi it reported",
        f"up to TW {roman}; all of it is synthetic. {len(report.situations)} agencies were given a situation",
        "on purpose (late reporters, lagging agencies, agencies at risk), listed in",
        f"`{SITUATIONS_MANIFEST}` with the quarterly input mistakes, for `sakip monitor`.",
        "",
    ])


def situations_text(report: MonitoringReport, seed: int) -> str:
    header = (f"# {SYNTHETIC_LABEL}\n# The monitoring year: situations injected on purpose (late "
              "reporters, lagging agencies, agencies at risk), and quarterly input mistakes, each "
              "reported by `sakip audit` with its code. `sakip monitor` must name these agencies.\n")
    body = {"seed": seed, "pemda_id": PEMDA_ID, "year": MONITORING_YEAR,
            "triwulan": MONITORING_QUARTER,
            "situations": [s.as_dict() for s in sorted(report.situations, key=lambda s: s.agency_id)],
            "mistakes": report.mistakes}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)


def load_situations(out_dir: Path | str) -> dict[str, Any]:
    """The content of ``injected_situations.yaml`` of a generated pemda (empty when absent)."""
    path = Path(out_dir) / SITUATIONS_MANIFEST
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
