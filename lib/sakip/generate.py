"""A synthetic pemda ("Kabupaten Sintetis") for demos, tests and benchmarks.

``generate_pemda`` writes 30-40 agency folders in the input format of ``docs/CONVENTIONS.md``:
a shared RPJMD, Renstra 2021-2026 targets (``renstra`` and ``pk``), realisasi 2021-2025 with
noise and a few gaps, budgets (program > kegiatan > sub kegiatan) whose printed parent totals
add up, quarterly budget realisation for the last year, national standards and staff tables.
Everything is labelled as synthetic (pemda "Sintetis", ``plan_name`` and a README saying
"DATA SINTETIS"), and everything follows from the seed alone: one :class:`random.Random` per
agency, seeded with a string (stable across processes), no clock, no global state.

By default a few typical input mistakes are injected and listed in ``injected_mistakes.yaml``
with the audit code that should report each (``sakip.audit.findings.CODES``); ``inject=False``
(``sakip generate --clean``) writes the same pemda without them.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Optional

import yaml

from .parsing import GRADE_SCALE

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

# Column order of every CSV file written (a subset of the row model's columns).
COLUMNS: dict[str, tuple[str, ...]] = {
    "rpjmd": ("code", "kind", "parent_code", "number", "statement"),
    "tujuan": ("tujuan_id", "statement", "indicator", "rpjmd_code"),
    "units": ("unit_id", "parent_unit_id", "kind", "position", "holder_name", "holder_nip", "order"),
    "sasaran": ("sasaran_id", "tujuan_id", "number", "statement", "rpjmd_code"),
    "indikator": ("indicator_id", "sasaran_id", "name", "unit", "polarity", "is_iku", "formula_text",
                  "formula", "data_source", "baseline", "baseline_year", "target_akhir", "order"),
    "targets": ("indicator_id", "year", "source", "value"),
    "realisasi": ("indicator_id", "year", "value"),
    "components": ("indicator_id", "year", "name", "label", "value", "source"),
    "national_standards": ("indicator_id", "year", "value", "source"),
    "budget": ("year", "code", "level", "parent_code", "name", "sasaran_id", "urusan", "pagu",
               "realisasi", "sumber_dana"),
    "budget_quarterly": ("year", "ref", "period", "keuangan_target", "keuangan_realisasi",
                         "fisik_target", "fisik_realisasi"),
    "staff": ("table", "row_label", "unit_label", "gender", "count", "is_total", "year"),
}

PENUNJANG = (
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    (
        ("Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
         ("Penyusunan Dokumen Perencanaan Perangkat Daerah", "Evaluasi Kinerja Perangkat Daerah")),
        ("Administrasi Keuangan Perangkat Daerah", ("Penyediaan Gaji dan Tunjangan ASN",)),
        ("Administrasi Umum Perangkat Daerah",
         ("Penyediaan Bahan Logistik Kantor", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD")),
    ),
)
KEGIATAN_TEMPLATES = ("Pengelolaan {t}", "Pembinaan {t}", "Pengembangan {t}", "Peningkatan Layanan {t}")
SUB_TEMPLATES = ("Koordinasi dan Sinkronisasi {t}", "Fasilitasi {t}", "Monitoring dan Evaluasi {t}",
                 "Sosialisasi {t}", "Pendataan {t}", "Peningkatan Kapasitas {t}")
GOLONGAN = ("IV", "III", "II", "I")
RANKS = ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)", "Pembina (IV/a)")


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
    """What :func:`generate_pemda` wrote."""

    out_dir: Path
    seed: int
    inject: bool
    agencies: list[str] = field(default_factory=list)
    n_sasaran: int = 0
    n_indicators: int = 0
    polarity_counts: dict[str, int] = field(default_factory=dict)
    mistakes: list[InjectedMistake] = field(default_factory=list)
    files: int = 0
    bytes: int = 0

    def summary(self) -> str:
        pol = ", ".join(f"{k} {v}" for k, v in sorted(self.polarity_counts.items()))
        return (f"{len(self.agencies)} agencies, {self.n_sasaran} sasaran, {self.n_indicators} "
                f"indicators ({pol}), {len(self.mistakes)} injected mistakes; {self.files} files, "
                f"{self.bytes / 1024:.0f} KB in {self.out_dir}")


# --- small helpers -----------------------------------------------------------------------------


def _load_vocabulary() -> dict[str, Any]:
    with open(Path(__file__).with_name("generate_names.yaml"), encoding="utf-8") as handle:
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
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


_SMALL_WORDS = {"dan", "di", "ke", "yang", "untuk", "bagi"}


def _title(topic: str) -> str:
    return " ".join(w if not w.islower() or w in _SMALL_WORDS else w[0].upper() + w[1:]
                    for w in topic.split())


def _nip(rng: random.Random) -> str:
    birth = f"{rng.randint(1966, 1982)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    tmt = f"{rng.randint(1990, 2008)}{rng.randint(1, 12):02d}"
    return f"{birth} {tmt} {rng.randint(1, 2)} {rng.randint(1, 9):03d}"


def _person(rng: random.Random, vocab: dict[str, Any]) -> str:
    return f"{rng.choice(vocab['first_names'])} {rng.choice(vocab['last_names'])}"


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
    return buffer.getvalue()


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


# --- one agency ---------------------------------------------------------------------------------


@dataclass
class _Indicator:
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


@dataclass
class _AgencyData:
    agency_id: str
    profile: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    indicators: list[_Indicator]


def _catalog(vocab: dict[str, Any], n_agencies: int) -> list[dict[str, Any]]:
    agencies = list(vocab["agencies"])
    kec = vocab["kecamatan"]
    limit = len(agencies) + len(kec["names"])
    if not 1 <= n_agencies <= limit:
        raise GenerateError(f"--agencies must be between 1 and {limit}, not {n_agencies}")
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


def _numeric_targets(ind: _Indicator, rng: random.Random) -> None:
    spec = ind.spec
    base = Decimal(str(spec["base"])) * Decimal(str(1 + rng.uniform(-0.03, 0.03)))
    cap = Decimal(str(spec["max"])) if "max" in spec else None
    if cap is not None:
        base = min(base, cap * Decimal("0.97"))
    step = Decimal(str(spec["step"]))
    ind.base = _q(base, ind.places)
    for year in range(RENSTRA_START, RENSTRA_END + 1):
        value = base + step * (year - BASELINE_YEAR)
        if cap is not None:
            value = min(value, cap)
        ind.targets[year] = fmt_id(value, ind.places)


def _grade_targets(ind: _Indicator, rng: random.Random) -> None:
    start = GRADE_SCALE.index(rng.choice(("CC", "B", "B", "BB")))
    ind.base = Decimal(start)
    for year in range(RENSTRA_START, RENSTRA_END + 1):
        ind.targets[year] = GRADE_SCALE[min(start + (year - RENSTRA_START + 1) // 2, 5)]
    for year in YEARS:
        rank = GRADE_SCALE.index(ind.targets[year]) + rng.choice((-1, 0, 0, 0, 0, 1))
        ind.realisasi[year] = GRADE_SCALE[max(0, min(rank, 5))]


def _noisy(ind: _Indicator, target: Decimal, rng: random.Random) -> Decimal:
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


def _realisasi_and_components(ind: _Indicator, rng: random.Random, comp_rows: list[dict[str, Any]]) -> None:
    formula = ind.formula
    if formula is None:
        for year in YEARS:
            if year <= 2022 and rng.random() < 0.06:
                ind.realisasi[year] = "-"  # not measured that year: a gap as analysts leave it
                continue
            target = _parse_id(ind.targets[year])
            ind.realisasi[year] = fmt_id(_noisy(ind, target, rng), ind.places)
        return
    source = "BPS/data sektoral Kabupaten Sintetis (sintetis)"
    kind = formula["kind"]
    if kind == "growth":
        value = Decimal(formula["den_size"]) * Decimal(str(rng.uniform(0.9, 1.1)))
        value = _q(value, -6)
        comp_rows.append({"indicator_id": ind.indicator_id, "year": BASELINE_YEAR, "name": formula["num"],
                          "label": formula["num_label"], "value": fmt_id(value, 0), "source": source})
        for year in YEARS:
            growth = _noisy(ind, _parse_id(ind.targets[year]), rng)
            new = _q(value * (1 + growth / 100), -6)
            ind.realisasi[year] = fmt_id((new - value) / value * 100, 2)
            comp_rows.append({"indicator_id": ind.indicator_id, "year": year, "name": formula["num"],
                              "label": formula["num_label"], "value": fmt_id(new, 0), "source": source})
            value = new
        return
    per = Decimal(formula.get("per", 100))
    den = Decimal(formula["den_size"]) * Decimal(str(rng.uniform(0.9, 1.1)))
    for year in YEARS:
        den = _q(den * Decimal(str(rng.uniform(1.0, 1.02))), 0)
        rate = _noisy(ind, _parse_id(ind.targets[year]), rng)
        if "max" in ind.spec:  # a share from counts: some are always left out
            rate = min(rate, Decimal(str(ind.spec["max"])) * Decimal("0.998"))
        num = _q(rate * den / per, 0)
        ind.realisasi[year] = fmt_id(num / den * per, ind.places)
        for name, label, value in ((formula["num"], formula["num_label"], num),
                                   (formula["den"], formula["den_label"], den)):
            comp_rows.append({"indicator_id": ind.indicator_id, "year": year, "name": name,
                              "label": label, "value": fmt_id(value, 0), "source": source})


def _parse_id(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _formula_text(ind: _Indicator) -> tuple[Optional[str], Optional[str]]:
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


def _budget(entry: dict[str, Any], sasaran: list[tuple[str, dict[str, Any]]], rng: random.Random,
            scale: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Budget lines for BUDGET_YEARS and the quarterly realisation of the last year."""
    urusan = entry["urusan"].split(";")[0].strip()
    tree: list[tuple[str, str, list[tuple[str, list[str]]]]] = []  # (sasaran_id, program, kegiatan)
    for sasaran_id, spec in sasaran:
        if spec.get("penunjang"):
            tree.append((sasaran_id, PENUNJANG[0], [(k, list(s)) for k, s in PENUNJANG[1]]))
            continue
        topic = _title(spec["t"])
        kegiatan = []
        for k_tpl in rng.sample(KEGIATAN_TEMPLATES, rng.randint(1, 2)):
            subs = [s.format(t=topic) for s in rng.sample(SUB_TEMPLATES, rng.randint(1, 2))]
            kegiatan.append((k_tpl.format(t=topic), subs))
        tree.append((sasaran_id, spec["p"], kegiatan))
    base_pagu: dict[str, Decimal] = {}
    for p_no, (_, _, kegiatan) in enumerate(tree, 1):
        for k_no, (_, subs) in enumerate(kegiatan, 1):
            for s_no, sub in enumerate(subs, 1):
                code = f"P{p_no}.K{k_no}.S{s_no}"
                low, high = (1500, 9000) if "Gaji" in sub else (25, 900)
                base_pagu[code] = Decimal(rng.randint(low, high)) * Decimal(str(scale)) * 1_000_000
    lines: list[dict[str, Any]] = []
    quarterly: list[dict[str, Any]] = []
    for year in BUDGET_YEARS:
        growth = Decimal(str(1 + 0.04 * (year - BUDGET_YEARS[0]) + rng.uniform(-0.03, 0.03)))
        for p_no, (sasaran_id, program, kegiatan) in enumerate(tree, 1):
            p_code = f"P{p_no}"
            p_row = {"year": year, "code": p_code, "level": "program", "name": program,
                     "sasaran_id": sasaran_id, "urusan": urusan}
            lines.append(p_row)
            p_pagu = p_real = Decimal(0)
            for k_no, (name, subs) in enumerate(kegiatan, 1):
                k_code = f"{p_code}.K{k_no}"
                k_row = {"year": year, "code": k_code, "level": "kegiatan", "parent_code": p_code,
                         "name": name}
                lines.append(k_row)
                k_pagu = k_real = Decimal(0)
                for s_no, sub in enumerate(subs, 1):
                    code = f"{k_code}.S{s_no}"
                    pagu = _q(base_pagu[code] * growth * Decimal(str(rng.uniform(0.95, 1.05))), -2)
                    real = _q(pagu * Decimal(str(rng.uniform(0.80, 0.995))), 0)
                    lines.append({"year": year, "code": code, "level": "sub_kegiatan",
                                  "parent_code": k_code, "name": sub, "pagu": fmt_id(pagu, 0),
                                  "realisasi": fmt_id(real, 0), "sumber_dana": "APBD"})
                    k_pagu, k_real = k_pagu + pagu, k_real + real
                k_row.update(pagu=fmt_id(k_pagu, 0), realisasi=fmt_id(k_real, 0))
                p_pagu, p_real = p_pagu + k_pagu, p_real + k_real
            p_row.update(pagu=fmt_id(p_pagu, 0), realisasi=fmt_id(p_real, 0))
            if year == LAST_YEAR:
                quarterly.extend(_quarters(year, p_code, p_pagu, p_real, rng))
    return lines, quarterly


def _quarters(year: int, ref: str, pagu: Decimal, real: Decimal, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    plan = (Decimal("0.15"), Decimal("0.40"), Decimal("0.70"), Decimal(1))
    done = [Decimal(str(rng.uniform(lo, hi))) for lo, hi in ((0.08, 0.18), (0.30, 0.45), (0.58, 0.75))]
    done.append(Decimal(1))
    fisik_plan = (20, 45, 75, 100)
    for period, p, d, f in zip(QUARTERS, plan, done, fisik_plan):
        fisik_real = min(Decimal(100), Decimal(f) * Decimal(str(rng.uniform(0.9, 1.02))))
        rows.append({"year": year, "ref": ref, "period": period,
                     "keuangan_target": fmt_id(pagu * p, 0), "keuangan_realisasi": fmt_id(real * d, 0),
                     "fisik_target": fmt_id(f, 2), "fisik_realisasi": fmt_id(fisik_real, 2)})
    return rows


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


def _agency(entry: dict[str, Any], vocab: dict[str, Any], seed: int, bupati: str) -> _AgencyData:
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

    sasaran_rows, indicator_rows, indicators = [], [], []
    comp_rows: list[dict[str, Any]] = []
    sasaran_pairs: list[tuple[str, dict[str, Any]]] = []
    for s_no, spec in enumerate(sasaran_specs, 1):
        sasaran_id = f"S{s_no}"
        sasaran_pairs.append((sasaran_id, spec))
        key = "penunjang" if spec.get("penunjang") else spec["r"]
        sasaran_rows.append({"sasaran_id": sasaran_id, "tujuan_id": tujuan_of[key],
                             "number": f"Sasaran {s_no}", "statement": spec["s"], "rpjmd_code": spec["r"]})
        for key_ind in spec["i"]:
            ind = _Indicator(f"IKU{len(indicators) + 1}", key_ind, vocab["indicators"][key_ind], sasaran_id)
            if ind.polarity == "grade":
                _grade_targets(ind, rng)
            else:
                _numeric_targets(ind, rng)
                _realisasi_and_components(ind, rng, comp_rows)
            indicators.append(ind)
            formula_text, formula = _formula_text(ind)
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
    units = [
        {"unit_id": "kepala", "kind": "kepala", "position": _head_position(entry), "holder_name": head,
         "holder_nip": None, "order": 1},
        {"unit_id": "sekretaris", "parent_unit_id": "kepala", "kind": "sekretaris",
         "position": "Sekretaris" if not entry.get("kecamatan") else "Sekretaris Camat",
         "holder_name": secretary, "holder_nip": _nip(rng), "order": 2},
    ]
    head_nip = _nip(rng)
    units[0]["holder_nip"] = head_nip
    budget_rows, quarterly_rows = _budget(entry, sasaran_pairs, rng, scale)
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
    tables = {
        "rpjmd": rpjmd_rows, "tujuan": tujuan_rows, "units": units, "sasaran": sasaran_rows,
        "indikator": indicator_rows, "targets": target_rows, "realisasi": real_rows,
        "components": comp_rows, "national_standards": ns_rows, "budget": budget_rows,
        "budget_quarterly": quarterly_rows, "staff": _staff(rng, scale),
    }
    return _AgencyData(agency_id, profile, tables, indicators)


# --- injected mistakes --------------------------------------------------------------------------


def _row_of(rows: list[dict[str, Any]], predicate) -> list[int]:
    return [i for i, r in enumerate(rows) if predicate(r)]


def _inject_one(code: str, data: _AgencyData, rng: random.Random) -> Optional[InjectedMistake]:
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
        printed = _parse_id(row["pagu"]) + delta
        text = (f"pagu kegiatan {row['code']} tahun {row['year']} tercetak {row['pagu']} + "
                f"{fmt_id(delta, 0)}: tidak sama dengan jumlah sub kegiatannya (salah jumlah "
                "yang terbawa ke pagu programnya)")
        row["pagu"] = fmt_id(printed, 0)
        # The wrong subtotal was carried into the programme total, as a spreadsheet would.
        program = next(r for r in t["budget"] if r["year"] == row["year"] and r["code"] == row["parent_code"])
        program["pagu"] = fmt_id(_parse_id(program["pagu"]) + delta, 0)
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
                return ind.formula is None and ind.is_share and _parse_id(r["value"]) >= 92
            return ind.formula is not None and ind.formula["kind"] != "growth"
        cands = _row_of(t["realisasi"], eligible)
        if not cands:
            return None
        i = rng.choice(cands)
        row = t["realisasi"][i]
        ind = inds[row["indicator_id"]]
        value = _parse_id(row["value"])
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
        own = _parse_id(row["keuangan_realisasi"]) - _parse_id(previous["keuangan_realisasi"])
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


def _inject(agencies: list[_AgencyData], seed: int) -> list[InjectedMistake]:
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


# --- writing ------------------------------------------------------------------------------------


def _profile_yaml(profile: dict[str, Any]) -> str:
    lines = [f"# {SYNTHETIC_LABEL}"]
    lines += [f"{key}: {_yaml_scalar(value)}" for key, value in profile.items() if value is not None]
    return "\n".join(lines) + "\n"


def _readme(report: GenerationReport, n_agencies: int) -> str:
    mode = ("with the injected mistakes listed in `injected_mistakes.yaml`" if report.inject
            else "without injected mistakes (`--clean`)")
    # The command names no path, so that the bytes do not depend on where they were written.
    cmd = f"sakip generate --out FOLDER --seed {report.seed} --agencies {n_agencies}"
    if not report.inject:
        cmd += " --clean"
    return "\n".join([
        README_MARKER,
        f"# Kabupaten {PEMDA_NAME}: {SYNTHETIC_LABEL}",
        "",
        "**Everything in this folder is synthetic.** It was generated by `sakip generate` and",
        "describes no real government: names, figures and mistakes are made up to exercise",
        "the reports, the audit, the store and the benchmarks.",
        "",
        f"- seed: {report.seed}",
        f"- agencies: {len(report.agencies)} ({report.n_sasaran} sasaran, {report.n_indicators} indicators)",
        f"- generated {mode}",
        "",
        "Regenerate (byte-identical for the same seed and options; the default FOLDER is",
        f"`{DEFAULT_OUT.as_posix()}`):",
        "",
        f"    {cmd}",
        "",
    ])


def _manifest(report: GenerationReport) -> str:
    header = (f"# {SYNTHETIC_LABEL}\n# Mistakes injected on purpose; row = line in the file "
              "(header = row 1). Each should be reported by `sakip audit` with its code.\n")
    body = {"seed": report.seed, "pemda_id": PEMDA_ID,
            "mistakes": [m.as_dict() for m in report.mistakes]}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)


def _files_of(data: _AgencyData) -> dict[str, str]:
    files = {"profile.yaml": _profile_yaml(data.profile)}
    for name, rows in data.tables.items():
        if rows:
            files[f"{name}.csv"] = _csv_text(COLUMNS[name], rows)
    return files


def generate_pemda(out_dir: Path | str = DEFAULT_OUT, seed: int = DEFAULT_SEED,
                   n_agencies: int = DEFAULT_AGENCIES, inject: bool = True) -> GenerationReport:
    """Write the synthetic pemda into ``out_dir`` (replacing an earlier generated one).

    The folder is built next to ``out_dir`` and moved into place at the end, so a failure never
    leaves half an output; an existing ``out_dir`` that was not made by this function is an
    error rather than something to delete.
    """
    out_dir = Path(out_dir)
    vocab = _load_vocabulary()
    catalog = _catalog(vocab, n_agencies)
    if out_dir.exists() and any(out_dir.iterdir()):
        readme = out_dir / "README.md"
        if not (readme.is_file() and README_MARKER in readme.read_text(encoding="utf-8")):
            raise GenerateError(f"{out_dir} exists and was not written by 'sakip generate'; "
                                "choose another --out or remove it")
    rng = random.Random(f"{seed}:pemda")
    bupati = f"{rng.choice(vocab['first_names'])} {rng.choice(vocab['last_names'])}"
    agencies = [_agency(entry, vocab, seed, bupati) for entry in catalog]
    report = GenerationReport(out_dir=out_dir, seed=seed, inject=inject)
    if inject:
        report.mistakes = _inject(agencies, seed)
    report.agencies = [a.agency_id for a in agencies]
    report.n_sasaran = sum(len(a.tables["sasaran"]) for a in agencies)
    report.n_indicators = sum(len(a.indicators) for a in agencies)
    for a in agencies:
        for ind in a.indicators:
            report.polarity_counts[ind.polarity] = report.polarity_counts.get(ind.polarity, 0) + 1

    files: dict[str, str] = {}
    for data in agencies:
        for name, text in _files_of(data).items():
            files[f"{data.agency_id}/{name}"] = text
    files["README.md"] = _readme(report, n_agencies)
    if inject:
        files[MANIFEST] = _manifest(report)

    staging = out_dir.with_name(f".{out_dir.name}.generating")
    if staging.exists():
        shutil.rmtree(staging)
    for rel, text in sorted(files.items()):
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        report.files += 1
        report.bytes += path.stat().st_size
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)
    return report


def load_manifest(out_dir: Path | str) -> list[InjectedMistake]:
    """The injected mistakes listed in ``out_dir/injected_mistakes.yaml`` (empty if absent)."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [InjectedMistake(**item) for item in data.get("mistakes", [])]
