"""Change against the previous year (scores and kriteria) and the trends across the years of one
agency or one IKU."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

import duckdb
import pandas as pd

from sakip.compute.kriteria import NOT_MEASURABLE, KriteriaScale
from sakip.crossagency.budget import budget_by_agency, budget_lines
from sakip.crossagency.common import DEFAULT_MAX_CAPAIAN, CrossAgencyError, object_frame
from sakip.crossagency.scores import agency_scores, shown
from sakip.crossagency.selection import iku_results, years
from sakip.i18n import _

# --- change against the previous year -----------------------------------------------------------


CHANGE_COLUMNS = ("agency_id", "agency", "mean_previous", "mean_current", "mean_change",
                  "below_previous", "below_current", "serapan_previous", "serapan_current",
                  "serapan_change")


def year_change(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Per agency: mean capaian, IKU below target and serapan in the previous and the current
    year (both :func:`agency_scores` frames), and the changes in points (current − previous)."""
    before = {r.agency_id: r for r in previous.itertuples()}
    records = []
    for row in current.itertuples():
        old = before.get(row.agency_id)
        mean_prev = None if old is None else old.mean_capaian
        ser_prev = None if old is None else old.serapan
        records.append({
            "agency_id": row.agency_id, "agency": row.agency,
            "mean_previous": mean_prev, "mean_current": row.mean_capaian,
            "mean_change": _diff(row.mean_capaian, mean_prev),
            "below_previous": None if old is None or old.n_measured == 0 else old.n_below,
            "below_current": row.n_below if row.n_measured else None,
            "serapan_previous": ser_prev, "serapan_current": row.serapan,
            "serapan_change": _diff(row.serapan, ser_prev),
        })
    return object_frame(records, CHANGE_COLUMNS)


def _diff(current: Optional[Decimal], previous: Optional[Decimal]) -> Optional[Decimal]:
    """Change as the table shows it: the difference of the two shown values."""
    if current is None or previous is None:
        return None
    return shown(current) - shown(previous)


def kriteria_change(previous: pd.DataFrame, current: pd.DataFrame, scale: KriteriaScale) -> pd.DataFrame:
    """Number of IKU per kriteria in the previous and current year (two results frames)."""
    records = []
    for label in scale.labels + [NOT_MEASURABLE]:
        a = int((previous["kriteria"] == label).sum()) if len(previous) else 0
        b = int((current["kriteria"] == label).sum()) if len(current) else 0
        records.append({"kriteria": label, "previous": a, "current": b, "change": b - a})
    return object_frame(records, ["kriteria", "previous", "current", "change"])


# --- trend --------------------------------------------------------------------------------------


def agency_trend(con: duckdb.DuckDBPyConnection, agency_id: str, names: dict[str, str],
                 max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """One agency across its years: IKU counts, mean capaian, below target, pagu, realisasi,
    serapan per year (years with a measurable IKU or a budget)."""
    records = []
    for year in years(con, [agency_id]):
        results = iku_results(con, [agency_id], [year])
        by_agency = budget_by_agency(budget_lines(con, [agency_id], year), names)
        score = agency_scores(results, by_agency, max_capaian).iloc[0].to_dict()
        records.append({"year": year, **{k: score[k] for k in (
            "n_iku", "n_measured", "n_below", "mean_capaian", "pagu", "realisasi", "serapan")}})
    return object_frame(records, ["year", "n_iku", "n_measured", "n_below", "mean_capaian", "pagu",
                            "realisasi", "serapan"])


def indicator_trend(con: duckdb.DuckDBPyConnection, agency_id: str, indicator_id: str) -> pd.DataFrame:
    """One IKU across the years: target, realisasi (as typed), capaian and kriteria."""
    results = iku_results(con, [agency_id])
    frame = results[results["indicator_id"] == indicator_id]
    if frame.empty:
        raise CrossAgencyError(_("{agency} has no IKU '{indicator}' in the store").format(
            agency=agency_id, indicator=indicator_id))
    return frame.reset_index(drop=True)
