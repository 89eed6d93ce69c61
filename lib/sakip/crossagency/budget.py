"""Budget of the selection: lines per agency, pagu, realisasi and serapan per agency and per
urusan, and the selection's total (serapan computed by :mod:`sakip.compute.budget`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

import duckdb
import pandas as pd

from sakip.compute.budget import BudgetSummary, serapan, serapan_by
from sakip.crossagency.common import NO_URUSAN, fetch_rows, object_frame, placeholders

# --- budget -------------------------------------------------------------------------------------


BUDGET_COLUMNS = ("code", "level", "parent_code", "name", "urusan", "pagu", "realisasi")


def budget_lines(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str], year: int) -> dict[str, list[dict]]:
    """Budget lines of the year per agency (records with Decimal amounts), input order."""
    rows = fetch_rows(con, f"SELECT agency_id, {', '.join(BUDGET_COLUMNS)} FROM budget WHERE year = ? "
                      f"AND agency_id IN ({placeholders(agency_ids)}) ORDER BY agency_id, row_no",
                 [year, *agency_ids])
    out: dict[str, list[dict]] = {a: [] for a in agency_ids}
    for row in rows:
        out[row.pop("agency_id")].append(row)
    return out


def _summary_record(summary: Optional[BudgetSummary]) -> dict:
    if summary is None or summary.n_lines == 0:
        return {"pagu": None, "realisasi": None, "serapan": None}
    return {"pagu": summary.pagu, "realisasi": summary.realisasi, "serapan": summary.serapan}


def budget_by_agency(lines: dict[str, list[dict]], names: dict[str, str]) -> pd.DataFrame:
    """Pagu, realisasi and serapan of each agency (leaf lines; agencies without budget keep None)."""
    records = []
    for agency_id, agency_lines in lines.items():
        summary = serapan_by(agency_lines, lambda _line: "total").get("total") if agency_lines else None
        records.append({"agency_id": agency_id, "agency": names[agency_id], **_summary_record(summary)})
    return object_frame(records, ["agency_id", "agency", "pagu", "realisasi", "serapan"])


def budget_by_urusan(lines: dict[str, list[dict]]) -> pd.DataFrame:
    """Pagu, realisasi, serapan (Σ realisasi / Σ pagu) and number of agencies per urusan, largest
    pagu first; leaves without urusan (nor an ancestor with one) go to '(tanpa urusan)'."""
    sums: dict[str, dict] = {}
    for agency_id, agency_lines in lines.items():
        if not agency_lines:
            continue
        for urusan, summary in serapan_by(agency_lines, "urusan").items():
            key = str(urusan).strip() if urusan is not None and str(urusan).strip() else NO_URUSAN
            entry = sums.setdefault(key, {"pagu": Decimal(0), "realisasi": Decimal(0), "agencies": []})
            entry["pagu"] += summary.pagu or Decimal(0)
            entry["realisasi"] += summary.realisasi or Decimal(0)
            if agency_id not in entry["agencies"]:
                entry["agencies"].append(agency_id)
    records = [{"urusan": k, "pagu": v["pagu"], "realisasi": v["realisasi"],
                "serapan": serapan(v["pagu"], v["realisasi"]), "n_agencies": len(v["agencies"])}
               for k, v in sums.items()]
    records.sort(key=lambda r: (-r["pagu"], r["urusan"]))
    return object_frame(records, ["urusan", "pagu", "realisasi", "serapan", "n_agencies"])


def budget_total(by_agency: pd.DataFrame) -> dict:
    """The selection's pagu, realisasi and serapan (sums first, then the ratio)."""
    pagu = sum((v for v in by_agency["pagu"] if v is not None), Decimal(0))
    real = sum((v for v in by_agency["realisasi"] if v is not None), Decimal(0))
    return {"pagu": pagu, "realisasi": real, "serapan": serapan(pagu, real)}
