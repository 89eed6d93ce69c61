"""Figures across agencies, computed from the analytical store (``docs/COMPARE.md``).

Every function here is pure: it takes a read-only DuckDB connection (or rows read from it) and
returns DataFrames or dataclasses whose numbers are :class:`~decimal.Decimal` (DuckDB rows are
fetched with ``fetchall``, never ``.df()``, so ``DECIMAL(38,6)`` never becomes a float). Nothing
is rounded or formatted here; views do that at the very end.

Rules, each documented in ``docs/COMPARE.md``:

* indicators are the agencies' IKU (``indicator_results.is_iku``) with their capaian and kriteria
  as stored by ``sakip ingest`` (default kriteria scale);
* below target = a measurable capaian that, shown with two decimals, is under 100%;
* an agency's mean capaian averages its measurable IKU capaian, leaving out the implausible
  ones (above ``max_capaian``, 300% by default: the audit's ``capaian_implausible``);
* serapan is always ``Σ realisasi / Σ pagu`` over leaf budget lines (:mod:`sakip.budget`), never
  an average of percentages; a leaf without urusan takes its programme's;
* rankings use the values as shown (two decimals) and the ``min`` method: 1, 2, 2, 4;
* audit findings are computed when asked, by :func:`sakip.audit.run_audit` on each agency's input
  as recorded in ``agencies.source``; the input must be the one ingested (same ``input_hash``,
  see :func:`stale_agencies`), so the findings describe exactly the figures in the store.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import duckdb
import pandas as pd

from .budget import BudgetSummary, serapan, serapan_by
from .formatting import round_half_up
from .kriteria import NOT_MEASURABLE, KriteriaScale, scale_from_config

HUNDRED = Decimal(100)
DEFAULT_MAX_CAPAIAN = Decimal(300)
NO_URUSAN = "(tanpa urusan)"
COMPARISON_LABEL = "perbandingan"


class CrossAgencyError(ValueError):
    """A selection that cannot be compared or summarised; the message says why."""


# --- reading ------------------------------------------------------------------------------------


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _frame(records: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(records, columns=list(columns)).astype(object)


def _in(ids: Sequence[str]) -> str:
    return ", ".join("?" for _ in ids) or "NULL"


def agencies(con: duckdb.DuckDBPyConnection, *, pemda_id: Optional[str] = None,
             agency_ids: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """The selected agencies (agency_id, name, pemda_id, pemda_label, source, input_hash, urusan),
    in agency_id order. Raises :class:`CrossAgencyError` for an unknown pemda or agency."""
    rows = _rows(con, "SELECT a.agency_id, a.name, a.pemda_id, a.pemda_label, a.source, "
                      "a.input_hash, p.urusan FROM agencies a LEFT JOIN profile p USING (agency_id) "
                      "ORDER BY a.agency_id")
    known_pemda = sorted({r["pemda_id"] for r in rows})
    if pemda_id is not None:
        if pemda_id not in known_pemda:
            raise CrossAgencyError(f"no agency of pemda '{pemda_id}' in the store; pemda in the "
                                   f"store: {', '.join(known_pemda) or 'none'}")
        rows = [r for r in rows if r["pemda_id"] == pemda_id]
    if agency_ids:
        known = {r["agency_id"] for r in rows}
        unknown = [a for a in agency_ids if a not in known]
        if unknown:
            where = f" of pemda '{pemda_id}'" if pemda_id else ""
            raise CrossAgencyError(f"unknown agency {', '.join(unknown)}{where} in the store; "
                                   "run 'sakip ingest' or check the id")
        order = {a: i for i, a in enumerate(agency_ids)}
        rows = sorted((r for r in rows if r["agency_id"] in order), key=lambda r: order[r["agency_id"]])
    if not rows:
        raise CrossAgencyError("no agency in the store; run 'sakip ingest' first")
    return _frame(rows, ["agency_id", "name", "pemda_id", "pemda_label", "source", "input_hash",
                         "urusan"])


def stale_agencies(selected: pd.DataFrame) -> list[str]:
    """Why the store does not hold the current inputs of the selected agencies (empty = fresh).

    An agency is stale when its recorded source is gone or its files' ``input_hash`` differs from
    the one ingested (edited since the last ``sakip ingest``).
    """
    from .inputs import read_input

    problems = []
    for row in selected.itertuples():
        source = Path(row.source)
        if not source.exists():
            problems.append(f"{row.agency_id}: its input {source} no longer exists")
            continue
        if read_input(source).input_hash != row.input_hash:
            problems.append(f"{row.agency_id}: {source} changed since the last ingest")
    return problems


def years(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str]) -> list[int]:
    """Years with at least one measurable IKU capaian or a budget, for the agencies."""
    rows = con.execute(
        f"SELECT DISTINCT year FROM indicator_results WHERE measurable AND agency_id IN ({_in(agency_ids)}) "
        f"UNION SELECT DISTINCT year FROM budget WHERE agency_id IN ({_in(agency_ids)}) ORDER BY 1",
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
        year_filter = f" AND r.year IN ({_in(years)})"
        params += list(years)
    rows = _rows(con, f"""
        SELECT r.agency_id, a.name AS agency, r.indicator_id, i.name AS indicator, r.unit,
               r.polarity, r.sasaran_id, r.year, r.target, r.realisasi, r.capaian, r.measurable,
               r.reason, r.kriteria
        FROM indicator_results r JOIN agencies a USING (agency_id)
        JOIN indikator i ON i.agency_id = r.agency_id AND i.indicator_id = r.indicator_id
        WHERE r.is_iku AND r.agency_id IN ({_in(agency_ids)}){year_filter}
        ORDER BY r.agency_id, i."order" NULLS LAST, i.row_no, r.year""", params)
    order = {a: i for i, a in enumerate(agency_ids)}
    rows.sort(key=lambda r: order[r["agency_id"]])  # stable: keeps indicator order
    return _frame(rows, RESULT_COLUMNS)


# --- small pure helpers ---------------------------------------------------------------------------


def shown(value: Optional[Decimal]) -> Optional[Decimal]:
    """The value as a table shows it (half-up, two decimals): what rankings and verdicts use."""
    return None if value is None else round_half_up(value, 2)


def rank_min(values: Sequence[Optional[Decimal]], *, descending: bool = True) -> list[Optional[int]]:
    """Competition ranking ("min" method): equal values share the best rank, the next rank skips
    (100, 90, 90, 80 -> 1, 2, 2, 4). Values compare as shown (two decimals); ``None`` is unranked.
    """
    present = [shown(v) for v in values if v is not None]
    out: list[Optional[int]] = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        v = shown(value)
        better = sum(1 for other in present if (other > v if descending else other < v))
        out.append(better + 1)
    return out


def below_target(capaian: Optional[Decimal]) -> bool:
    """A measurable capaian under 100% once shown with two decimals (99,996% is 100,00%: met)."""
    return capaian is not None and shown(capaian) < HUNDRED


def mean(values: Iterable[Optional[Decimal]]) -> Optional[Decimal]:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) / len(present) if present else None


def median(values: Iterable[Optional[Decimal]]) -> Optional[Decimal]:
    present = sorted(v for v in values if v is not None)
    return statistics.median(present) if present else None


# --- kriteria, below target -----------------------------------------------------------------------


def kriteria_counts(results: pd.DataFrame, scale: KriteriaScale) -> pd.DataFrame:
    """Indicators per kriteria (columns: the scale's labels, then 'Tidak Dapat Diukur', 'total')
    per agency (rows, selection order)."""
    labels = scale.labels + [NOT_MEASURABLE]
    records = []
    for (agency_id, agency), group in results.groupby(["agency_id", "agency"], sort=False):
        counts = group["kriteria"].value_counts()
        record = {"agency_id": agency_id, "agency": agency}
        record.update({label: int(counts.get(label, 0)) for label in labels})
        record["total"] = len(group)
        records.append(record)
    return _frame(records, ["agency_id", "agency", *labels, "total"])


def kriteria_agencies(results: pd.DataFrame, scale: KriteriaScale) -> pd.DataFrame:
    """Per kriteria: number of indicators and the agencies holding them (names, selection order)."""
    records = []
    for label in scale.labels + [NOT_MEASURABLE]:
        group = results[results["kriteria"] == label]
        names = list(dict.fromkeys(group["agency"]))
        records.append({"kriteria": label, "indicators": len(group), "n_agencies": len(names),
                        "agencies": names})
    return _frame(records, ["kriteria", "indicators", "n_agencies", "agencies"])


def below_target_list(results: pd.DataFrame) -> pd.DataFrame:
    """The IKU below target (selection order), lowest capaian first within the list."""
    mask = [below_target(c) for c in results["capaian"]]
    frame = results[mask].copy()
    return frame.sort_values("capaian", key=lambda s: s.map(float), kind="stable").reset_index(drop=True)


# --- budget -------------------------------------------------------------------------------------


BUDGET_COLUMNS = ("code", "level", "parent_code", "name", "urusan", "pagu", "realisasi")


def budget_lines(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str], year: int) -> dict[str, list[dict]]:
    """Budget lines of the year per agency (records with Decimal amounts), input order."""
    rows = _rows(con, f"SELECT agency_id, {', '.join(BUDGET_COLUMNS)} FROM budget WHERE year = ? "
                      f"AND agency_id IN ({_in(agency_ids)}) ORDER BY agency_id, row_no",
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
    return _frame(records, ["agency_id", "agency", "pagu", "realisasi", "serapan"])


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
    return _frame(records, ["urusan", "pagu", "realisasi", "serapan", "n_agencies"])


def budget_total(by_agency: pd.DataFrame) -> dict:
    """The selection's pagu, realisasi and serapan (sums first, then the ratio)."""
    pagu = sum((v for v in by_agency["pagu"] if v is not None), Decimal(0))
    real = sum((v for v in by_agency["realisasi"] if v is not None), Decimal(0))
    return {"pagu": pagu, "realisasi": real, "serapan": serapan(pagu, real)}


# --- scores, ranking, quadrant ------------------------------------------------------------------


SCORE_COLUMNS = ("agency_id", "agency", "n_iku", "n_measured", "n_implausible", "n_below",
                 "mean_capaian", "pagu", "realisasi", "serapan", "rank_capaian", "rank_serapan")


def agency_scores(results: pd.DataFrame, by_agency: pd.DataFrame,
                  max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """Per agency: IKU counts, mean capaian (implausible ones left out), serapan and both ranks."""
    records = []
    for row in by_agency.itertuples():
        group = results[results["agency_id"] == row.agency_id]
        measured = [c for c in group["capaian"] if c is not None]
        plausible = [c for c in measured if c <= max_capaian]
        records.append({
            "agency_id": row.agency_id, "agency": row.agency, "n_iku": len(group),
            "n_measured": len(measured), "n_implausible": len(measured) - len(plausible),
            "n_below": sum(1 for c in measured if below_target(c)), "mean_capaian": mean(plausible),
            "pagu": row.pagu, "realisasi": row.realisasi, "serapan": row.serapan,
        })
    for key, rank in (("mean_capaian", "rank_capaian"), ("serapan", "rank_serapan")):
        for record, r in zip(records, rank_min([rec[key] for rec in records])):
            record[rank] = r
    return _frame(records, SCORE_COLUMNS)


@dataclass(frozen=True)
class Quadrant:
    """The capaian-versus-serapan chart: x = serapan, y = mean capaian, lines at ``x_line`` (the
    median serapan) and ``y_line`` (100%: the target), and each agency's quadrant label."""

    points: pd.DataFrame  # agency_id, agency, serapan, mean_capaian, quadrant
    x_line: Optional[Decimal]
    y_line: Decimal


HIGH_LOW = "kinerja tinggi, belanja rendah"
LOW_HIGH = "kinerja rendah, belanja tinggi"
HIGH_HIGH = "kinerja tinggi, belanja tinggi"
LOW_LOW = "kinerja rendah, belanja rendah"


def quadrant(scores: pd.DataFrame) -> Quadrant:
    """Place every agency with both a serapan and a mean capaian. 'Kinerja tinggi' = mean
    capaian at least 100% (as shown); 'belanja tinggi' = serapan at least the median (as shown)."""
    x_line = median(scores["serapan"])
    records = []
    for row in scores.itertuples():
        if row.serapan is None or row.mean_capaian is None:
            continue
        high = shown(row.mean_capaian) >= HUNDRED
        spends = x_line is not None and shown(row.serapan) >= shown(x_line)
        label = {(True, False): HIGH_LOW, (False, True): LOW_HIGH, (True, True): HIGH_HIGH,
                 (False, False): LOW_LOW}[(high, spends)]
        records.append({"agency_id": row.agency_id, "agency": row.agency, "serapan": row.serapan,
                        "mean_capaian": row.mean_capaian, "quadrant": label})
    return Quadrant(_frame(records, ["agency_id", "agency", "serapan", "mean_capaian", "quadrant"]),
                    x_line, HUNDRED)


# --- cascade coverage ---------------------------------------------------------------------------


COVERAGE_COLUMNS = ("code", "number", "statement", "n_agencies", "agencies", "n_indicators",
                    "n_measured", "mean_capaian", "n_below")


def cascade_coverage(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str],
                     results: pd.DataFrame) -> pd.DataFrame:
    """How each RPJMD/RPD sasaran (``rpjmd`` rows of kind sasaran of the agencies, by code) is
    served: the agencies and IKU whose sasaran supports it (``sasaran.rpjmd_code``, else its
    tujuan's ``rpjmd_code``), with their mean capaian. A sasaran served by nobody has 0 rows of
    support and stays in the table. Sasaran ordered by their number in the plan."""
    plan = _rows(con, f"SELECT code, number, statement, agency_id FROM rpjmd WHERE kind = 'sasaran' "
                      f"AND agency_id IN ({_in(agency_ids)}) ORDER BY agency_id, row_no", list(agency_ids))
    links = _rows(con, f"""
        SELECT s.agency_id, s.sasaran_id, coalesce(nullif(trim(s.rpjmd_code), ''), t.rpjmd_code) AS code
        FROM sasaran s LEFT JOIN tujuan t ON t.agency_id = s.agency_id AND t.tujuan_id = s.tujuan_id
        WHERE s.agency_id IN ({_in(agency_ids)})""", list(agency_ids))
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
    return _frame(records, COVERAGE_COLUMNS)


def _natural(text: str) -> tuple:
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


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
    return _frame(records, CHANGE_COLUMNS)


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
    return _frame(records, ["kriteria", "previous", "current", "change"])


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
    return _frame(records, ["year", "n_iku", "n_measured", "n_below", "mean_capaian", "pagu",
                            "realisasi", "serapan"])


def indicator_trend(con: duckdb.DuckDBPyConnection, agency_id: str, indicator_id: str) -> pd.DataFrame:
    """One IKU across the years: target, realisasi (as typed), capaian and kriteria."""
    results = iku_results(con, [agency_id])
    frame = results[results["indicator_id"] == indicator_id]
    if frame.empty:
        raise CrossAgencyError(f"{agency_id} has no IKU '{indicator_id}' in the store")
    return frame.reset_index(drop=True)


# --- audit findings ------------------------------------------------------------------------------


def audit_findings(selected: pd.DataFrame, max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """Every audit finding of the selected agencies (:func:`sakip.audit.run_audit` on each input
    recorded in the store; check :func:`stale_agencies` first), as :func:`audit_frame` rows."""
    from .audit import AuditConfig, audit_frame, run_audit
    from .inputs import load_agency

    findings = []
    config = AuditConfig(max_capaian=max_capaian)
    for row in selected.itertuples():
        findings.extend(run_audit(load_agency(Path(row.source)), config))
    return audit_frame(findings)


def findings_by_agency(findings: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """Findings per agency (every selected agency, also those with none): counts per severity
    and the codes found with their counts, most frequent first."""
    from .audit import SEVERITIES

    records = []
    for row in selected.itertuples():
        mine = findings[findings["agency_id"] == row.agency_id] if len(findings) else findings
        record = {"agency_id": row.agency_id, "agency": row.name}
        for severity in SEVERITIES:
            record[severity] = int((mine["severity"] == severity).sum()) if len(mine) else 0
        record["total"] = len(mine)
        codes = mine["code"].value_counts() if len(mine) else pd.Series(dtype=int)
        record["codes"] = [(code, int(n)) for code, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))]
        records.append(record)
    return _frame(records, ["agency_id", "agency", *SEVERITIES, "total", "codes"])


def findings_by_code(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings per code and severity (the audit's code order), with the number of agencies."""
    from .audit import CODES

    records = []
    for code in CODES:
        mine = findings[findings["code"] == code] if len(findings) else findings
        if not len(mine):
            continue
        for severity, group in mine.groupby("severity", sort=False):
            records.append({"code": code, "severity": severity, "count": len(group),
                            "n_agencies": group["agency_id"].nunique()})
    return _frame(records, ["code", "severity", "count", "n_agencies"])


# --- the object a notebook opens ------------------------------------------------------------------


@dataclass
class Selection:
    """What a compare or summary report is about (from ``options_json``)."""

    label: str  # pemda id or 'perbandingan'
    pemda_id: Optional[str] = None
    agencies: tuple[str, ...] = ()
    trend_agency: Optional[str] = None
    trend_indicator: Optional[str] = None  # "AGENCY:INDICATOR"
    kriteria_scale: Any = "default"
    max_capaian: Decimal = DEFAULT_MAX_CAPAIAN

    @classmethod
    def from_json(cls, label: str, options_json: str) -> "Selection":
        data = json.loads(options_json or "{}")
        return cls(label=label, pemda_id=data.get("pemda_id"),
                   agencies=tuple(data.get("agencies") or ()),
                   trend_agency=data.get("trend_agency"), trend_indicator=data.get("trend_indicator"),
                   kriteria_scale=data.get("kriteria_scale", "default"),
                   max_capaian=Decimal(str(data.get("max_capaian", DEFAULT_MAX_CAPAIAN))))

    def to_json(self) -> str:
        return json.dumps({"pemda_id": self.pemda_id, "agencies": list(self.agencies),
                           "trend_agency": self.trend_agency, "trend_indicator": self.trend_indicator,
                           "kriteria_scale": self.kriteria_scale, "max_capaian": str(self.max_capaian)},
                          sort_keys=True, ensure_ascii=False)


@dataclass
class CrossAgency:
    """The figures of one compare or summary report, computed lazily from the store."""

    con: duckdb.DuckDBPyConnection
    year: int
    selection: Selection
    db_path: str = ""
    _cache: dict = field(default_factory=dict, repr=False)

    @cached_property
    def scale(self) -> KriteriaScale:
        return scale_from_config(self.selection.kriteria_scale)

    @cached_property
    def selected(self) -> pd.DataFrame:
        return agencies(self.con, pemda_id=self.selection.pemda_id,
                        agency_ids=self.selection.agencies or None)

    @property
    def agency_ids(self) -> list[str]:
        return list(self.selected["agency_id"])

    @property
    def names(self) -> dict[str, str]:
        return dict(zip(self.selected["agency_id"], self.selected["name"]))

    @property
    def pemda_label(self) -> str:
        labels = list(dict.fromkeys(self.selected["pemda_label"]))
        return labels[0] if len(labels) == 1 else "Beberapa Pemerintah Daerah"

    def results_of(self, year: int) -> pd.DataFrame:
        key = ("results", year)
        if key not in self._cache:
            self._cache[key] = iku_results(self.con, self.agency_ids, [year])
        return self._cache[key]

    @property
    def results(self) -> pd.DataFrame:
        return self.results_of(self.year)

    def budget_of(self, year: int) -> pd.DataFrame:
        key = ("budget", year)
        if key not in self._cache:
            self._cache[key] = budget_by_agency(budget_lines(self.con, self.agency_ids, year), self.names)
        return self._cache[key]

    def scores_of(self, year: int) -> pd.DataFrame:
        key = ("scores", year)
        if key not in self._cache:
            self._cache[key] = agency_scores(self.results_of(year), self.budget_of(year),
                                             self.selection.max_capaian)
        return self._cache[key]

    @property
    def scores(self) -> pd.DataFrame:
        return self.scores_of(self.year)

    @cached_property
    def urusan(self) -> pd.DataFrame:
        return budget_by_urusan(budget_lines(self.con, self.agency_ids, self.year))

    @cached_property
    def total(self) -> dict:
        return budget_total(self.budget_of(self.year))

    @cached_property
    def kriteria(self) -> pd.DataFrame:
        return kriteria_counts(self.results, self.scale)

    @cached_property
    def kriteria_agencies(self) -> pd.DataFrame:
        return kriteria_agencies(self.results, self.scale)

    @cached_property
    def below(self) -> pd.DataFrame:
        return below_target_list(self.results)

    @cached_property
    def quadrant(self) -> Quadrant:
        return quadrant(self.scores)

    @cached_property
    def coverage(self) -> pd.DataFrame:
        return cascade_coverage(self.con, self.agency_ids, self.results)

    @cached_property
    def change(self) -> pd.DataFrame:
        return year_change(self.scores_of(self.year - 1), self.scores)

    @cached_property
    def kriteria_change(self) -> pd.DataFrame:
        return kriteria_change(self.results_of(self.year - 1), self.results, self.scale)

    @cached_property
    def findings(self) -> pd.DataFrame:
        return audit_findings(self.selected, self.selection.max_capaian)

    @cached_property
    def findings_by_agency(self) -> pd.DataFrame:
        return findings_by_agency(self.findings, self.selected)

    @cached_property
    def findings_by_code(self) -> pd.DataFrame:
        return findings_by_code(self.findings)

    @property
    def trend_agency(self) -> str:
        """The agency whose trend is shown: the one asked for, else the best ranked."""
        if self.selection.trend_agency:
            if self.selection.trend_agency not in self.agency_ids:
                raise CrossAgencyError(f"trend agency '{self.selection.trend_agency}' is not in "
                                       "the selection")
            return self.selection.trend_agency
        ranked = self.scores.sort_values("rank_capaian", key=lambda s: s.map(
            lambda r: 10**9 if r is None else r), kind="stable")
        return str(ranked.iloc[0]["agency_id"])

    @cached_property
    def agency_trend(self) -> pd.DataFrame:
        return agency_trend(self.con, self.trend_agency, self.names, self.selection.max_capaian)

    @cached_property
    def indicator_trend(self) -> Optional[pd.DataFrame]:
        spec = self.selection.trend_indicator
        if not spec:
            return None
        agency_id, _, indicator_id = spec.partition(":")
        if agency_id not in self.agency_ids or not indicator_id:
            raise CrossAgencyError(f"trend indicator '{spec}': use AGENCY:INDICATOR with an "
                                   "agency of the selection")
        return indicator_trend(self.con, agency_id, indicator_id)


def open_crossagency(agency_id: str, year: int, data_path: str, options_json: str) -> CrossAgency:
    """What a compare or summary notebook opens: the store read-only, the selection, the year.

    ``agency_id`` is the report's label (a pemda id or 'perbandingan'), ``data_path`` the store.
    """
    import warnings

    from .store import open_store

    warnings.filterwarnings("ignore")  # a report shows no library warnings
    import matplotlib

    matplotlib.use("Agg")
    con = open_store(data_path, read_only=True)
    return CrossAgency(con, int(year), Selection.from_json(agency_id, options_json), str(data_path))
