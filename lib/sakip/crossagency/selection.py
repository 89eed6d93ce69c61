"""The selected agencies, their years and IKU results, read from the store, and whether the store
still holds their current inputs (:func:`stale_agencies`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence

import duckdb
import pandas as pd

from sakip.crossagency.common import CrossAgencyError, fetch_rows, object_frame, placeholders
from sakip.i18n import _
from sakip.inputs import read_input


def agencies(con: duckdb.DuckDBPyConnection, *, pemda_id: Optional[str] = None,
             agency_ids: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """The selected agencies (agency_id, name, pemda_id, pemda_label, source, input_hash, urusan),
    in agency_id order. Raises :class:`CrossAgencyError` for an unknown pemda or agency."""
    rows = fetch_rows(con, "SELECT a.agency_id, a.name, a.pemda_id, a.pemda_label, a.source, "
                      "a.input_hash, p.urusan FROM agencies a LEFT JOIN profile p USING (agency_id) "
                      "ORDER BY a.agency_id")
    known_pemda = sorted({r["pemda_id"] for r in rows})
    if pemda_id is not None:
        if pemda_id not in known_pemda:
            raise CrossAgencyError(_("no agency of pemda '{pemda}' in the store; pemda in the "
                                     "store: {known}").format(
                                         pemda=pemda_id, known=", ".join(known_pemda) or _("none")))
        rows = [r for r in rows if r["pemda_id"] == pemda_id]
    if agency_ids:
        known = {r["agency_id"] for r in rows}
        unknown = [a for a in agency_ids if a not in known]
        if unknown:
            raise CrossAgencyError((
                _("unknown agency {agencies} of pemda '{pemda}' in the store; run 'sakip ingest' "
                  "or check the id") if pemda_id else
                _("unknown agency {agencies} in the store; run 'sakip ingest' or check the id"))
                .format(agencies=", ".join(unknown), pemda=pemda_id) + "; " + _(
                    "a new agency: `sakip new ID` writes data/ID to fill in, then `sakip ingest`"))
        order = {a: i for i, a in enumerate(agency_ids)}
        rows = sorted((r for r in rows if r["agency_id"] in order), key=lambda r: order[r["agency_id"]])
    if not rows:
        raise CrossAgencyError(_("no agency in the store; run 'sakip ingest' first"))
    return object_frame(rows, ["agency_id", "name", "pemda_id", "pemda_label", "source", "input_hash",
                         "urusan"])


def stale_agencies(selected: pd.DataFrame) -> list[str]:
    """Why the store does not hold the current inputs of the selected agencies (empty = fresh).

    An agency is stale when its recorded source is gone or its files' ``input_hash`` differs from
    the one ingested (edited since the last ``sakip ingest``).
    """
    problems = []
    for row in selected.itertuples():
        source = Path(row.source)
        if not source.exists():
            problems.append(_("{agency}: its input {source} no longer exists").format(
                agency=row.agency_id, source=source))
            continue
        if read_input(source).input_hash != row.input_hash:
            problems.append(_("{agency}: {source} changed since the last ingest").format(
                agency=row.agency_id, source=source))
    return problems


def years(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str]) -> list[int]:
    """Years with at least one measurable IKU capaian or a budget, for the agencies."""
    rows = con.execute(
        f"SELECT DISTINCT year FROM indicator_results WHERE measurable AND agency_id IN ({placeholders(agency_ids)}) "
        f"UNION SELECT DISTINCT year FROM budget WHERE agency_id IN ({placeholders(agency_ids)}) ORDER BY 1",
        list(agency_ids) * 2).fetchall()
    return [r[0] for r in rows]


RESULT_COLUMNS = ("agency_id", "agency", "indicator_id", "indicator", "unit", "polarity", "sasaran_id",
                  "year", "target", "realisasi", "capaian", "measurable", "reason", "kriteria")


def iku_results(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str],
                years: Optional[Sequence[int]] = None) -> pd.DataFrame:
    """IKU results (one row per agency, indicator and year), in agency then indicator order."""
    params: list[Any] = list(agency_ids)
    year_filter = ""
    if years is not None:
        year_filter = f" AND r.year IN ({placeholders(years)})"
        params += list(years)
    rows = fetch_rows(con, f"""
        SELECT r.agency_id, a.name AS agency, r.indicator_id, i.name AS indicator, r.unit,
               r.polarity, r.sasaran_id, r.year, r.target, r.realisasi, r.capaian, r.measurable,
               r.reason, r.kriteria
        FROM indicator_results r JOIN agencies a USING (agency_id)
        JOIN indikator i ON i.agency_id = r.agency_id AND i.indicator_id = r.indicator_id
        WHERE r.is_iku AND r.agency_id IN ({placeholders(agency_ids)}){year_filter}
        ORDER BY r.agency_id, i."order" NULLS LAST, i.row_no, r.year""", params)
    order = {a: i for i, a in enumerate(agency_ids)}
    rows.sort(key=lambda r: order[r["agency_id"]])  # stable: keeps indicator order
    return object_frame(rows, RESULT_COLUMNS)
