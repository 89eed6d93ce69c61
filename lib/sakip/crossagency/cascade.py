"""RPJMD/RPD cascade coverage: how each sasaran of the plan is served by the agencies' IKU."""

from __future__ import annotations

import re
from typing import Sequence

import duckdb
import pandas as pd

from sakip.crossagency.common import fetch_rows, object_frame, placeholders
from sakip.crossagency.scores import below_target, mean

# --- cascade coverage ---------------------------------------------------------------------------


COVERAGE_COLUMNS = ("code", "number", "statement", "n_agencies", "agencies", "n_indicators",
                    "n_measured", "mean_capaian", "n_below")


def cascade_coverage(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str],
                     results: pd.DataFrame) -> pd.DataFrame:
    """How each RPJMD/RPD sasaran (``rpjmd`` rows of kind sasaran of the agencies, by code) is
    served: the agencies and IKU whose sasaran supports it (``sasaran.rpjmd_code``, else its
    tujuan's ``rpjmd_code``), with their mean capaian. A sasaran served by nobody has 0 rows of
    support and stays in the table. Sasaran ordered by their number in the plan."""
    plan = fetch_rows(con, f"SELECT code, number, statement, agency_id FROM rpjmd WHERE kind = 'sasaran' "
                      f"AND agency_id IN ({placeholders(agency_ids)}) ORDER BY agency_id, row_no", list(agency_ids))
    links = fetch_rows(con, f"""
        SELECT s.agency_id, s.sasaran_id, coalesce(nullif(trim(s.rpjmd_code), ''), t.rpjmd_code) AS code
        FROM sasaran s LEFT JOIN tujuan t ON t.agency_id = s.agency_id AND t.tujuan_id = s.tujuan_id
        WHERE s.agency_id IN ({placeholders(agency_ids)})""", list(agency_ids))
    served: dict[tuple[str, str], str] = {(r["agency_id"], r["sasaran_id"]): r["code"] for r in links
                                          if r["code"]}
    sasaran: dict[str, dict] = {}
    for row in plan:
        sasaran.setdefault(row["code"], {"code": row["code"], "number": row["number"],
                                         "statement": row["statement"]})
    names = dict(zip(results["agency_id"], results["agency"]))
    support: dict[str, list] = {code: [] for code in sasaran}
    for row in results.itertuples():
        code = served.get((row.agency_id, row.sasaran_id))
        if code is not None:
            support.setdefault(code, []).append(row)
    records = []
    for code, info in sasaran.items():
        rows = support.get(code, [])
        agencies_ = list(dict.fromkeys(r.agency_id for r in rows))
        measured = [r.capaian for r in rows if r.capaian is not None]
        records.append({**info, "n_agencies": len(agencies_),
                        "agencies": [names.get(a, a) for a in agencies_], "n_indicators": len(rows),
                        "n_measured": len(measured), "mean_capaian": mean(measured),
                        "n_below": sum(1 for c in measured if below_target(c))})
    records.sort(key=lambda r: (_natural(r["number"] or r["code"]), r["code"]))
    return object_frame(records, COVERAGE_COLUMNS)


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))
