"""Injected input mistakes (each one an audit code should report) and their manifest."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

import yaml

from sakip.synthetic.agency import AgencyData
from sakip.synthetic.common import (
    LAST_YEAR,
    MANIFEST,
    PEMDA_ID,
    SYNTHETIC_LABEL,
    GenerateError,
    GenerationReport,
    InjectedMistake,
    fmt_id,
    parse_id,
)

#: Injected mistakes per audit code, in this order (about ten across the pemda).
INJECTION_PLAN: tuple[tuple[str, int], ...] = (
    ("budget_rollup", 2),
    ("target_inconsistent", 2),
    ("capaian_implausible", 2),
    ("share_above_100", 1),
    ("cumulative_decrease", 1),
    ("formula_mismatch", 1),
    ("table_total", 1),
)


def _row_of(rows: list[dict[str, Any]], predicate) -> list[int]:
    return [i for i, r in enumerate(rows) if predicate(r)]


def _inject_one(code: str, data: AgencyData, rng: random.Random) -> Optional[InjectedMistake]:
    """Apply one mistake of ``code`` to ``data`` (in place); None when the agency has no room."""
    t = data.tables
    inds = {i.indicator_id: i for i in data.indicators}

    def mistake(file: str, index: int, ref: str, year: int, text: str) -> InjectedMistake:
        return InjectedMistake(data.agency_id, code, f"{file}.csv", index + 2, ref, year, text)

    if code == "budget_rollup":
        cands = _row_of(t["budget"], lambda r: r["level"] == "kegiatan" and r["year"] != LAST_YEAR)
        if not cands:
            return None
        i = rng.choice(cands)
        row = t["budget"][i]
        delta = Decimal(rng.choice((10, 25, 100))) * 1_000_000
        printed = parse_id(row["pagu"]) + delta
        text = (f"pagu kegiatan {row['code']} tahun {row['year']} tercetak {row['pagu']} + "
                f"{fmt_id(delta, 0)}: tidak sama dengan jumlah sub kegiatannya (salah jumlah "
                "yang terbawa ke pagu programnya)")
        row["pagu"] = fmt_id(printed, 0)
        # The wrong subtotal was carried into the programme total, as a spreadsheet would.
        program = next(r for r in t["budget"] if r["year"] == row["year"] and r["code"] == row["parent_code"])
        program["pagu"] = fmt_id(parse_id(program["pagu"]) + delta, 0)
        return mistake("budget", i, row["code"], row["year"], text)
    if code == "target_inconsistent":
        cands = _row_of(t["targets"], lambda r: r["source"] == "pk" and r["year"] < LAST_YEAR
                        and inds[r["indicator_id"]].polarity != "grade"
                        and r["value"] != inds[r["indicator_id"]].targets[r["year"] + 1])
        if not cands:
            return None
        i = rng.choice(cands)
        row = t["targets"][i]
        wrong = inds[row["indicator_id"]].targets[row["year"] + 1]
        text = (f"target PK {row['year']} diisi {wrong} (target Renstra {row['year'] + 1}) "
                f"padahal target Renstra {row['year']} = {row['value']}")
        row["value"] = wrong
        return mistake("targets", i, row["indicator_id"], row["year"], text)
    if code in ("capaian_implausible", "share_above_100", "formula_mismatch"):
        def eligible(r: dict[str, Any]) -> bool:
            ind = inds[r["indicator_id"]]
            if ind.polarity == "grade" or r["value"] == "-":
                return False
            if code == "capaian_implausible":
                return ind.formula is None and ind.spec["unit"] != "%" and ind.polarity == "higher"
            if code == "share_above_100":
                return ind.formula is None and ind.is_share and parse_id(r["value"]) >= 92
            return ind.formula is not None and ind.formula["kind"] != "growth"
        cands = _row_of(t["realisasi"], eligible)
        if not cands:
            return None
        i = rng.choice(cands)
        row = t["realisasi"][i]
        ind = inds[row["indicator_id"]]
        value = parse_id(row["value"])
        if code == "capaian_implausible":
            wrong = fmt_id(value * 100, 0)
            text = f"realisasi {row['value']} diketik tanpa koma desimal: {wrong}"
        elif code == "share_above_100":
            wrong = fmt_id(Decimal(100) + Decimal(str(rng.uniform(1.5, 9.0))), 2)
            text = f"persentase (bagian dari 100%) diisi {wrong}, seharusnya {row['value']}"
        else:
            sign = -1 if ind.is_share else rng.choice((-1, 1))  # stay a plausible share
            shift = Decimal(str(sign * rng.uniform(0.8, 2.5)))
            wrong = fmt_id(value + value * shift / 100, ind.places)
            text = f"realisasi {wrong} tidak sesuai rumus dari komponennya ({row['value']})"
        row["value"] = wrong
        return mistake("realisasi", i, row["indicator_id"], row["year"], text)
    if code == "cumulative_decrease":
        cands = _row_of(t["budget_quarterly"], lambda r: r["period"] == "TW3")
        if not cands:
            return None
        i = rng.choice(cands)
        row, previous = t["budget_quarterly"][i], t["budget_quarterly"][i - 1]
        own = parse_id(row["keuangan_realisasi"]) - parse_id(previous["keuangan_realisasi"])
        text = (f"realisasi keuangan TW3 diisi realisasi triwulan itu saja ({fmt_id(own, 0)}), "
                f"bukan kumulatif ({row['keuangan_realisasi']})")
        row["keuangan_realisasi"] = fmt_id(own, 0)
        return mistake("budget_quarterly", i, row["ref"], row["year"], text)
    if code == "table_total":
        cands = _row_of(t["staff"], lambda r: r.get("is_total") == "ya")
        if not cands:
            return None
        i = rng.choice(cands)
        row = t["staff"][i]
        wrong = row["count"] + rng.choice((-3, -2, 2, 3, 10))
        text = f"jumlah pegawai {row['gender']} tercetak {wrong}, jumlah rinciannya {row['count']}"
        row["count"] = max(0, wrong)
        return mistake("staff", i, f"Jumlah/{row['gender']}", row["year"], text)
    raise GenerateError(f"no injection for code {code!r}")


def inject_mistakes(agencies: list[AgencyData], seed: int) -> list[InjectedMistake]:
    rng = random.Random(f"{seed}:inject")
    used: set[str] = set()
    mistakes: list[InjectedMistake] = []
    for code, count in INJECTION_PLAN:
        for _ in range(count):
            order = sorted(agencies, key=lambda a: (a.agency_id in used, rng.random()))
            for data in order:
                found = _inject_one(code, data, rng)
                if found is not None:
                    mistakes.append(found)
                    used.add(data.agency_id)
                    break
    return mistakes


def manifest_text(report: GenerationReport) -> str:
    header = (f"# {SYNTHETIC_LABEL}\n# Mistakes injected on purpose; row = line in the file "
              "(header = row 1). Each should be reported by `sakip audit` with its code.\n")
    body = {"seed": report.seed, "pemda_id": PEMDA_ID,
            "mistakes": [m.as_dict() for m in report.mistakes]}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)


def load_manifest(out_dir: Path | str) -> list[InjectedMistake]:
    """The injected mistakes listed in ``out_dir/injected_mistakes.yaml`` (empty if absent)."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [InjectedMistake(**item) for item in data.get("mistakes", [])]
