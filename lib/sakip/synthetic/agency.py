"""One agency of the synthetic pemda: its plan tables, people, staff, and how they fit together.

Each agency draws from its own :class:`random.Random`, seeded with ``"{seed}:{entry id}"``; the
order of the draws in :func:`generate_agency` (and the functions it calls) fixes the generated
bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip.i18n import _
from sakip.model.parsing import GRADE_SCALE
from sakip.synthetic.budget import generate_budget
from sakip.synthetic.common import (
    BASELINE_YEAR,
    LAST_YEAR,
    PEMDA_ID,
    PEMDA_NAME,
    RENSTRA_END,
    RENSTRA_START,
    SYNTHETIC_LABEL,
    YEARS,
    GenerateError,
    fmt_id,
)
from sakip.synthetic.indicators import (
    SyntheticIndicator,
    draw_grade_targets,
    draw_numeric_targets,
    draw_realisasi_and_components,
    formula_columns,
)

GOLONGAN = ("IV", "III", "II", "I")
RANKS = ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)", "Pembina (IV/a)")


def _nip(rng: random.Random) -> str:
    birth = f"{rng.randint(1966, 1982)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    tmt = f"{rng.randint(1990, 2008)}{rng.randint(1, 12):02d}"
    return f"{birth} {tmt} {rng.randint(1, 2)} {rng.randint(1, 9):03d}"


def _person(rng: random.Random, vocab: dict[str, Any]) -> str:
    return f"{rng.choice(vocab['first_names'])} {rng.choice(vocab['last_names'])}"


@dataclass
class AgencyData:
    agency_id: str
    profile: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    indicators: list[SyntheticIndicator]


def agency_catalog(vocab: dict[str, Any], n_agencies: int) -> list[dict[str, Any]]:
    agencies = list(vocab["agencies"])
    kec = vocab["kecamatan"]
    limit = len(agencies) + len(kec["names"])
    if not 1 <= n_agencies <= limit:
        raise GenerateError(_("--agencies must be between 1 and {limit}, not {count}").format(
            limit=limit, count=n_agencies))
    chosen = agencies[:n_agencies]
    for name in kec["names"][: max(0, n_agencies - len(agencies))]:
        slug = "kec-" + name.lower().replace(" ", "-")
        chosen.append({"id": slug, "name": f"Kecamatan {name}", "urusan": "Pemerintahan Umum",
                       "kecamatan": name, "sasaran": kec["sasaran"]})
    return chosen


def _head_position(entry: dict[str, Any]) -> str:
    special = {"setda": "Sekretaris Daerah", "setdprd": "Sekretaris DPRD",
               "inspektorat": "Inspektur Daerah", "rsud": "Direktur Rumah Sakit Umum Daerah"}
    if entry.get("kecamatan"):
        return f"Camat {entry['kecamatan']}"
    return special.get(entry["id"], f"Kepala {entry['name']}")


def _staff(rng: random.Random, scale: float) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    totals = {"L": 0, "P": 0}
    weights = {"IV": 0.12, "III": 0.6, "II": 0.22, "I": 0.06}
    size = max(8, int(rng.randint(18, 60) * scale))
    for gol in GOLONGAN:
        for gender in ("L", "P"):
            count = max(0, round(size * weights[gol] * rng.uniform(0.3, 0.7)))
            totals[gender] += count
            rows.append({"table": "pangkat", "row_label": f"Golongan {gol}", "unit_label": "Jumlah",
                         "gender": gender, "count": count, "year": LAST_YEAR})
    for gender in ("L", "P"):
        rows.append({"table": "pangkat", "row_label": "Jumlah", "unit_label": "Jumlah", "gender": gender,
                     "count": totals[gender], "is_total": "ya", "year": LAST_YEAR})
    return rows


def generate_agency(entry: dict[str, Any], vocab: dict[str, Any], seed: int, bupati: str) -> AgencyData:
    rng = random.Random(f"{seed}:{entry['id']}")
    agency_id = f"sintetis-{entry['id']}"
    scale = rng.uniform(0.4, 0.8) if entry.get("kecamatan") else rng.uniform(0.7, 1.6)
    acc = vocab["accountability"]
    specs = list(entry["sasaran"])
    sasaran_specs = [dict(s) for s in specs]
    acc_ind = list(acc["indicators"])
    if rng.random() < 0.6:
        acc_ind.append(rng.choice(acc["extra"]))
    sasaran_specs.append({"s": acc["statement"], "r": acc["rpjmd"], "i": acc_ind, "penunjang": True})

    tujuan_rows: list[dict[str, Any]] = []
    tujuan_of: dict[str, str] = {}
    rpjmd_statement = {r["code"]: r["statement"] for r in vocab["rpjmd"]}
    for spec in sasaran_specs:
        key = "penunjang" if spec.get("penunjang") else spec["r"]
        if key in tujuan_of:
            continue
        tujuan_id = f"T{len(tujuan_rows) + 1}"
        tujuan_of[key] = tujuan_id
        statement = acc["tujuan"] if spec.get("penunjang") else rpjmd_statement[spec["r"]]
        first = vocab["indicators"][spec["i"][0]]["name"]
        tujuan_rows.append({"tujuan_id": tujuan_id, "statement": statement, "indicator": first,
                            "rpjmd_code": spec["r"]})

    sasaran_rows: list[dict[str, Any]] = []
    indicator_rows: list[dict[str, Any]] = []
    indicators: list[SyntheticIndicator] = []
    comp_rows: list[dict[str, Any]] = []
    sasaran_pairs: list[tuple[str, dict[str, Any]]] = []
    for s_no, spec in enumerate(sasaran_specs, 1):
        sasaran_id = f"S{s_no}"
        sasaran_pairs.append((sasaran_id, spec))
        key = "penunjang" if spec.get("penunjang") else spec["r"]
        sasaran_rows.append({"sasaran_id": sasaran_id, "tujuan_id": tujuan_of[key],
                             "number": f"Sasaran {s_no}", "statement": spec["s"], "rpjmd_code": spec["r"]})
        for key_ind in spec["i"]:
            ind = SyntheticIndicator(f"IKU{len(indicators) + 1}", key_ind, vocab["indicators"][key_ind],
                                     sasaran_id)
            if ind.polarity == "grade":
                draw_grade_targets(ind, rng)
            else:
                draw_numeric_targets(ind, rng)
                draw_realisasi_and_components(ind, rng, comp_rows)
            indicators.append(ind)
            formula_text, formula = formula_columns(ind)
            baseline = (GRADE_SCALE[int(ind.base)] if ind.polarity == "grade"
                        else fmt_id(ind.base, ind.places))
            indicator_rows.append({
                "indicator_id": ind.indicator_id, "sasaran_id": sasaran_id, "name": ind.spec["name"],
                "unit": ind.spec["unit"], "polarity": ind.polarity, "is_iku": "ya",
                "formula_text": formula_text, "formula": formula,
                "data_source": "Data internal perangkat daerah (sintetis)", "baseline": baseline,
                "baseline_year": BASELINE_YEAR, "target_akhir": ind.targets[RENSTRA_END],
                "order": len(indicators)})

    target_rows, real_rows, ns_rows = [], [], []
    for ind in indicators:
        for year in range(RENSTRA_START, RENSTRA_END + 1):
            target_rows.append({"indicator_id": ind.indicator_id, "year": year, "source": "renstra",
                                "value": ind.targets[year]})
        for year in YEARS:
            target_rows.append({"indicator_id": ind.indicator_id, "year": year, "source": "pk",
                                "value": ind.targets[year]})
            real_rows.append({"indicator_id": ind.indicator_id, "year": year, "value": ind.realisasi[year]})
        if "ns" in ind.spec:
            for year in YEARS:
                value = Decimal(str(ind.spec["ns"])) + Decimal(str(ind.spec["step"])) / 2 * (year - RENSTRA_START)
                ns_rows.append({"indicator_id": ind.indicator_id, "year": year,
                                "value": fmt_id(value, ind.places), "source": "Target nasional RPJMN (sintetis)"})

    head, secretary = _person(rng, vocab), _person(rng, vocab)
    units: list[dict[str, Any]] = [
        {"unit_id": "kepala", "kind": "kepala", "position": _head_position(entry), "holder_name": head,
         "holder_nip": None, "order": 1},
        {"unit_id": "sekretaris", "parent_unit_id": "kepala", "kind": "sekretaris",
         "position": "Sekretaris" if not entry.get("kecamatan") else "Sekretaris Camat",
         "holder_name": secretary, "holder_nip": _nip(rng), "order": 2},
    ]
    head_nip = _nip(rng)
    units[0]["holder_nip"] = head_nip
    budget_rows, quarterly_rows = generate_budget(entry, sasaran_pairs, rng, scale)
    rpjmd_rows = [{"code": r["code"], "kind": "sasaran" if "parent" in r else "tujuan",
                   "parent_code": r.get("parent"),
                   "number": ("Sasaran " if "parent" in r else "Tujuan ") + r["code"].split("-")[1][1:],
                   "statement": r["statement"]} for r in vocab["rpjmd"]]
    profile = {
        "agency_id": agency_id, "agency_name": entry["name"], "pemda_id": PEMDA_ID,
        "pemda_kind": "kabupaten", "pemda_name": PEMDA_NAME, "province": "Provinsi Contoh (sintetis)",
        "head_name": head, "head_nip": head_nip, "head_rank": rng.choice(RANKS),
        "head_position": _head_position(entry), "superior_name": bupati,
        "superior_position": f"Bupati {PEMDA_NAME}", "renstra_start": RENSTRA_START,
        "renstra_end": RENSTRA_END,
        "plan_name": f"RPJMD Kabupaten {PEMDA_NAME} {RENSTRA_START}-{RENSTRA_END} — {SYNTHETIC_LABEL}",
        "urusan": entry["urusan"], "address": f"Jl. Contoh No. {rng.randint(1, 120)}, {PEMDA_NAME}",
        "report_city": PEMDA_NAME,
    }
    tables: dict[str, list[dict[str, Any]]] = {
        "rpjmd": rpjmd_rows, "tujuan": tujuan_rows, "units": units, "sasaran": sasaran_rows,
        "indikator": indicator_rows, "targets": target_rows, "realisasi": real_rows,
        "components": comp_rows, "national_standards": ns_rows, "budget": budget_rows,
        "budget_quarterly": quarterly_rows, "staff": _staff(rng, scale),
    }
    return AgencyData(agency_id, profile, tables, indicators)
