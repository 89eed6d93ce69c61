"""Budget lines (program > kegiatan > sub kegiatan) and the quarterly realisation of the last year."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from sakip.synthetic.common import BUDGET_YEARS, LAST_YEAR, QUARTERS, fmt_id, round_places

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


_SMALL_WORDS = {"dan", "di", "ke", "yang", "untuk", "bagi"}


def _title(topic: str) -> str:
    return " ".join(w if not w.islower() or w in _SMALL_WORDS else w[0].upper() + w[1:]
                    for w in topic.split())


def generate_budget(entry: dict[str, Any], sasaran: list[tuple[str, dict[str, Any]]],
                    rng: random.Random, scale: float
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
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
                    pagu = round_places(
                        base_pagu[code] * growth * Decimal(str(rng.uniform(0.95, 1.05))), -2)
                    real = round_places(pagu * Decimal(str(rng.uniform(0.80, 0.995))), 0)
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
