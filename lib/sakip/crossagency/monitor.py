"""The Bappeda's quarterly monitoring of every agency of a pemda (``sakip monitor``), read from
the store's quarterly tables (``indicator_quarters``, ``budget_quarters``: the period path of
:mod:`sakip.compute.period`).

Rules, each documented in ``docs/MONITOR.md``; in short, for the year Y and triwulan N:

* an agency **has reported** TW N when it has a realisasi of TW N for at least one indicator or a
  keuangan realisasi of TW N for at least one ``budget_quarterly`` ref; otherwise it is **late**;
* **capaian s.d. TW N** of an IKU: realisasi against the quarter's target, both s.d. TW N; an
  agency's **mean capaian** averages its measurable IKU capaian, leaving out the implausible ones
  (above ``max_capaian``), as the annual summary does;
* **serapan s.d. TW N** of an agency: Σ keuangan realisasi s.d. TW N / Σ annual plan over its
  top-level refs (its programmes; else its sasaran, else its tujuan), against its **rencana**
  Σ keuangan target s.d. TW N / Σ annual plan; sums before ratios;
* an agency that has reported is **lagging** when its serapan falls more than
  :data:`LAG_POINTS` points behind its rencana (``anggaran``) or its mean capaian is below
  :data:`LAG_CAPAIAN` (``kinerja``), both on the values as shown (two decimals);
* its **projection** is the mean of its IKU's projected capaian at the year end (projection per
  ``triwulan_aggregation``, against the annual target); below 100% (as shown) it is **projected
  to miss** the annual target;
* per **urusan**: the same sums over the programmes of that urusan of the agencies that have
  reported, and the mean capaian of their IKU (an IKU takes the urusan of its sasaran's
  programme, else the agency's first urusan);
* the **audit findings of the quarter**: :func:`sakip.audit.run_audit` on each agency's input
  with the year's realisasi after TW N left out, findings of the year Y.

Nothing here formats or rounds for display (verdicts use the values as shown).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Optional, Sequence

import duckdb
import pandas as pd

from sakip.audit import AuditConfig, Finding, audit_frame, run_audit
from sakip.compute.kriteria import KriteriaScale
from sakip.compute.period import quarter_of
from sakip.crossagency.common import (
    DEFAULT_MAX_CAPAIAN,
    HUNDRED,
    NO_URUSAN,
    CrossAgencyError,
    fetch_rows,
    object_frame,
    placeholders,
)
from sakip.crossagency.context import CrossAgency, Selection, open_crossagency
from sakip.crossagency.scores import below_target, mean, shown
from sakip.inputs import load_agency
from sakip.model.agency import Agency

#: An agency lags on its budget when its serapan s.d. TW N is more than this many points behind
#: its rencana s.d. TW N.
LAG_POINTS = Decimal(10)
#: An agency lags on its performance when the mean capaian s.d. TW N of its IKU is below this.
LAG_CAPAIAN = Decimal(90)
#: How many IKU the "lagging most" table lists.
WORST_IKU = 10
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def roman(quarter: int) -> str:
    return ROMAN[quarter]


def _frame(records: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    """:func:`~sakip.crossagency.common.object_frame` with every missing value as ``None``
    (pandas turns a ``None`` among texts into NaN)."""
    frame = object_frame(records, columns)
    return frame.where(frame.notna(), None)


# --- reading the store -----------------------------------------------------------------------------

IKU_COLUMNS = ("agency_id", "indicator_id", "indicator", "sasaran_id", "unit", "quarter", "target",
               "realisasi", "realisasi_num", "annual_target_num", "capaian", "measurable", "kriteria",
               "projected_capaian")


def iku_quarters(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str], year: int) -> pd.DataFrame:
    """The IKU rows of ``indicator_quarters`` of the year (every quarter), indicator order."""
    rows = fetch_rows(con, f"""
        SELECT q.agency_id, q.indicator_id, i.name AS indicator, q.sasaran_id, q.unit, q.quarter,
               q.target, q.realisasi, q.realisasi_num, q.annual_target_num, q.capaian, q.measurable,
               q.kriteria, q.projected_capaian
        FROM indicator_quarters q
        JOIN indikator i ON i.agency_id = q.agency_id AND i.indicator_id = q.indicator_id
        WHERE q.is_iku AND q.year = ? AND q.agency_id IN ({placeholders(agency_ids)})
        ORDER BY q.agency_id, i."order" NULLS LAST, i.row_no, q.quarter""", [year, *agency_ids])
    return _frame(rows, IKU_COLUMNS)


MONEY_COLUMNS = ("agency_id", "ref", "ref_kind", "urusan", "quarter", "plan", "keuangan_target",
                 "keuangan_realisasi")


def money_quarters(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str], year: int) -> pd.DataFrame:
    """The rows of ``budget_quarters`` of the year (every ref and quarter)."""
    rows = fetch_rows(con, f"""
        SELECT agency_id, ref, ref_kind, urusan, quarter, plan, keuangan_target, keuangan_realisasi
        FROM budget_quarters WHERE year = ? AND agency_id IN ({placeholders(agency_ids)})
        ORDER BY agency_id, ref, quarter""", [year, *agency_ids])
    return _frame(rows, MONEY_COLUMNS)


def top_refs(money: pd.DataFrame) -> pd.DataFrame:
    """Each agency's top-level refs: its programmes, else its sasaran, else its tujuan, else all
    (so that the same money is never counted twice)."""
    keep = []
    for _, group in money.groupby("agency_id", sort=False):
        kinds = set(group["ref_kind"])
        for kind in ("program", "sasaran", "tujuan"):
            if kind in kinds:
                keep.append(group[group["ref_kind"] == kind])
                break
        else:
            keep.append(group)
    return pd.concat(keep) if keep else money


def iku_urusan(con: duckdb.DuckDBPyConnection, agency_ids: Sequence[str], year: int) -> dict[tuple[str, str], str]:
    """(agency_id, sasaran_id) -> urusan: the urusan of the sasaran's first programme of the year,
    else the agency's first urusan (profile)."""
    out: dict[tuple[str, str], str] = {}
    for row in fetch_rows(con, f"""SELECT agency_id, sasaran_id, urusan FROM budget
            WHERE year = ? AND level = 'program' AND sasaran_id IS NOT NULL AND urusan IS NOT NULL
            AND agency_id IN ({placeholders(agency_ids)}) ORDER BY agency_id, row_no""",
                          [year, *agency_ids]):
        out.setdefault((row["agency_id"], row["sasaran_id"]), row["urusan"].strip())
    return out


# --- the per-agency status of a quarter ------------------------------------------------------------

STATUS_COLUMNS = ("agency_id", "agency", "quarter", "reported", "last_quarter", "n_iku", "n_iku_target",
                  "n_iku_reported", "n_measured", "n_below", "mean_capaian", "plan", "target",
                  "realisasi", "rencana", "serapan", "deviation", "lag_anggaran", "lag_kinerja",
                  "lagging", "mean_projected", "projected_miss")


def _sum(values: Sequence[Optional[Decimal]]) -> Optional[Decimal]:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _ratio(amount: Optional[Decimal], plan: Optional[Decimal]) -> Optional[Decimal]:
    if amount is None or plan is None or plan == 0:
        return None
    return amount / plan * HUNDRED


def agency_status(iku: pd.DataFrame, money: pd.DataFrame, names: dict[str, str], quarter: int,
                  max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """Every selected agency at TW ``quarter``: reported or late, IKU capaian s.d. the quarter,
    serapan against rencana, lag and projection (module doc); selection order."""
    top = top_refs(money)
    records = []
    for agency_id, name in names.items():
        mine = iku[iku["agency_id"] == agency_id]
        now = mine[mine["quarter"] == quarter]
        cash = top[(top["agency_id"] == agency_id)]
        cash_now = cash[cash["quarter"] == quarter]
        kinerja_q = {int(q) for q, r in zip(mine["quarter"], mine["realisasi"]) if r is not None}
        all_cash = money[money["agency_id"] == agency_id]
        money_q = {int(q) for q, r in zip(all_cash["quarter"], all_cash["keuangan_realisasi"]) if r is not None}
        reported_q = {q for q in kinerja_q | money_q if q <= quarter}
        reported = quarter in reported_q
        measured = [c for c, ok in zip(now["capaian"], now["measurable"]) if ok and c is not None]
        plausible = [c for c in measured if c <= max_capaian]
        plan = _sum(list(cash_now["plan"]))
        target = _sum(list(cash_now["keuangan_target"]))
        realisasi = _sum(list(cash_now["keuangan_realisasi"]))
        rencana, serapan = _ratio(target, plan), _ratio(realisasi, plan)
        deviation = None if rencana is None or serapan is None else shown(serapan) - shown(rencana)
        mean_capaian = mean(plausible) if reported else None
        lag_anggaran = reported and deviation is not None and deviation < -LAG_POINTS
        lag_kinerja = reported and mean_capaian is not None and shown(mean_capaian) < LAG_CAPAIAN
        projected = [c for c in now["projected_capaian"] if c is not None and c <= max_capaian]
        mean_projected = mean(projected) if reported else None
        records.append({
            "agency_id": agency_id, "agency": name, "quarter": quarter, "reported": reported,
            "last_quarter": max(reported_q, default=0), "n_iku": int(mine["indicator_id"].nunique()),
            "n_iku_target": sum(1 for t in now["target"] if t is not None),
            "n_iku_reported": sum(1 for r in now["realisasi"] if r is not None),
            "n_measured": len(measured) if reported else 0,
            "n_below": sum(1 for c in measured if below_target(c)) if reported else 0,
            "mean_capaian": mean_capaian, "plan": plan, "target": target,
            "realisasi": realisasi if reported else None, "rencana": rencana,
            "serapan": serapan if reported else None, "deviation": deviation if reported else None,
            "lag_anggaran": bool(lag_anggaran), "lag_kinerja": bool(lag_kinerja),
            "lagging": bool(lag_anggaran or lag_kinerja), "mean_projected": mean_projected,
            "projected_miss": mean_projected is not None and shown(mean_projected) < HUNDRED,
        })
    return _frame(records, STATUS_COLUMNS)


URUSAN_COLUMNS = ("urusan", "n_agencies", "n_reported", "plan", "target", "realisasi", "rencana",
                  "serapan", "n_iku", "mean_capaian")


def urusan_status(iku: pd.DataFrame, money: pd.DataFrame, status: pd.DataFrame,
                  urusan_of: dict[tuple[str, str], str], first_urusan: dict[str, str], quarter: int,
                  max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """Per urusan at TW ``quarter``: agencies and those that reported, Σ plan, target and
    realisasi of the reporters' programmes, rencana and serapan (sums first), and the mean
    capaian s.d. the quarter of the reporters' IKU. Largest plan first."""
    reporters = set(status[status["reported"]]["agency_id"])
    top = top_refs(money)
    now = top[top["quarter"] == quarter]
    sums: dict[str, dict[str, Any]] = {}
    for row in now.itertuples():
        key = str(row.urusan).strip() if row.urusan else first_urusan.get(row.agency_id) or NO_URUSAN
        entry = sums.setdefault(key, {"agencies": set(), "reported": set(), "plan": Decimal(0),
                                      "target": Decimal(0), "realisasi": Decimal(0), "capaian": []})
        entry["agencies"].add(row.agency_id)
        if row.agency_id in reporters:
            entry["reported"].add(row.agency_id)
            entry["plan"] += row.plan or Decimal(0)
            entry["target"] += row.keuangan_target or Decimal(0)
            entry["realisasi"] += row.keuangan_realisasi or Decimal(0)
    for row in iku[iku["quarter"] == quarter].itertuples():
        if row.agency_id not in reporters or not row.measurable or row.capaian is None \
                or row.capaian > max_capaian:
            continue
        key = urusan_of.get((row.agency_id, row.sasaran_id)) or first_urusan.get(row.agency_id) or NO_URUSAN
        entry = sums.setdefault(key, {"agencies": {row.agency_id}, "reported": {row.agency_id},
                                      "plan": Decimal(0), "target": Decimal(0),
                                      "realisasi": Decimal(0), "capaian": []})
        entry["capaian"].append(row.capaian)
    records = [{"urusan": k, "n_agencies": len(v["agencies"]), "n_reported": len(v["reported"]),
                "plan": v["plan"], "target": v["target"], "realisasi": v["realisasi"],
                "rencana": _ratio(v["target"], v["plan"]), "serapan": _ratio(v["realisasi"], v["plan"]),
                "n_iku": len(v["capaian"]), "mean_capaian": mean(v["capaian"])}
               for k, v in sums.items()]
    records.sort(key=lambda r: (-r["plan"], r["urusan"]))
    return _frame(records, URUSAN_COLUMNS)


def worst_iku(iku: pd.DataFrame, status: pd.DataFrame, names: dict[str, str], quarter: int,
              limit: int = WORST_IKU, max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """The measurable IKU below target s.d. TW ``quarter`` of the agencies that reported, lowest
    capaian first (then agency and indicator order), at most ``limit``."""
    reporters = set(status[status["reported"]]["agency_id"])
    now = iku[(iku["quarter"] == quarter) & iku["agency_id"].isin(reporters)]
    rows = [dict(r) for r in now.to_dict("records")
            if r["measurable"] and r["capaian"] is not None and r["capaian"] <= max_capaian
            and below_target(r["capaian"])]
    order = {a: i for i, a in enumerate(names)}
    ranked = sorted(enumerate(rows), key=lambda ir: (shown(ir[1]["capaian"]), order[ir[1]["agency_id"]], ir[0]))
    out = [{**r, "agency": names[r["agency_id"]]} for _, r in ranked[:limit]]
    return _frame(out, [*IKU_COLUMNS, "agency"])


CHANGE_COLUMNS = ("agency_id", "agency", "reported_previous", "reported_current", "mean_previous",
                  "mean_current", "mean_change", "serapan_previous", "serapan_current",
                  "serapan_change")


def quarter_change(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Per agency: mean capaian and serapan at the previous and the current quarter, and the
    change in points between the values as shown ('-' when either is missing)."""
    before = {r["agency_id"]: r for r in previous.to_dict("records")}
    records = []
    for r in current.to_dict("records"):
        p = before.get(r["agency_id"], {})
        record = {"agency_id": r["agency_id"], "agency": r["agency"],
                  "reported_previous": bool(p.get("reported")), "reported_current": r["reported"],
                  "mean_previous": p.get("mean_capaian"), "mean_current": r["mean_capaian"],
                  "serapan_previous": p.get("serapan"), "serapan_current": r["serapan"]}
        for key in ("mean", "serapan"):
            a, b = record[f"{key}_previous"], record[f"{key}_current"]
            record[f"{key}_change"] = None if a is None or b is None else shown(b) - shown(a)
        records.append(record)
    return _frame(records, CHANGE_COLUMNS)


# --- audit findings of the quarter ------------------------------------------------------------------


def up_to_quarter(agency: Agency, year: int, quarter: int) -> Agency:
    """The agency as it stood at TW ``quarter`` of ``year``: realisasi of later quarters of that
    year left out (indicator realisasi, keuangan and fisik realisasi, printed figures of later
    quarters); plans (targets, pagu, keuangan targets) kept. Row locations are kept."""
    def later(period: Optional[str]) -> bool:
        q = quarter_of(period) if period else None
        return q is not None and q > quarter

    tables: dict[str, tuple] = {}
    lines: dict[str, tuple] = {}
    for name, rows in agency.tables.items():
        kept, kept_lines = [], []
        for index, row in enumerate(rows):
            when = (getattr(row, "year", None), getattr(row, "period", None))
            if name in ("realisasi", "printed") and when[0] == year and later(when[1]):
                continue
            if name == "budget_quarterly" and when[0] == year and later(when[1]):
                row = row.model_copy(update={"keuangan_realisasi": None, "fisik_realisasi": None})
            kept.append(row)
            kept_lines.append(agency.source_line(name, index))
        tables[name], lines[name] = tuple(kept), tuple(kept_lines)
    return replace(agency, tables=tables, source_lines=lines, _index={})


def quarter_findings(selected: pd.DataFrame, year: int, quarter: int,
                     max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """The audit findings of the year of every selected agency, on its input as it stood at TW
    ``quarter`` (:func:`up_to_quarter`), as :func:`sakip.audit.audit_frame` rows plus the agency
    name."""
    findings: list[Finding] = []
    config = AuditConfig(max_capaian=max_capaian)
    for row in selected.itertuples():
        agency = up_to_quarter(load_agency(Path(row.source)), year, quarter)
        findings.extend(f for f in run_audit(agency, config) if f.year == year)
    frame = audit_frame(findings)
    names = dict(zip(selected["agency_id"], selected["name"]))
    frame["agency"] = [names[a] for a in frame["agency_id"]]
    return frame


# --- the object a notebook opens ------------------------------------------------------------------


@dataclass
class Monitor:
    """The figures of one quarterly monitoring report, computed lazily from the store."""

    base: CrossAgency
    quarter: int
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.quarter not in ROMAN:
            raise CrossAgencyError(f"triwulan must be 1..4, got {self.quarter}")

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self.base.con

    @property
    def year(self) -> int:
        return self.base.year

    @property
    def scale(self) -> KriteriaScale:
        return self.base.scale

    @property
    def max_capaian(self) -> Decimal:
        return self.base.selection.max_capaian

    @property
    def names(self) -> dict[str, str]:
        return self.base.names

    @property
    def pemda_label(self) -> str:
        return self.base.pemda_label

    @property
    def previous_quarter(self) -> Optional[int]:
        return self.quarter - 1 if self.quarter > 1 else None

    @cached_property
    def iku(self) -> pd.DataFrame:
        return iku_quarters(self.con, self.base.agency_ids, self.year)

    @cached_property
    def money(self) -> pd.DataFrame:
        return money_quarters(self.con, self.base.agency_ids, self.year)

    def status_of(self, quarter: int) -> pd.DataFrame:
        key = ("status", quarter)
        if key not in self._cache:
            self._cache[key] = agency_status(self.iku, self.money, self.names, quarter, self.max_capaian)
        return self._cache[key]

    @property
    def status(self) -> pd.DataFrame:
        return self.status_of(self.quarter)

    @cached_property
    def first_urusan(self) -> dict[str, str]:
        return {r.agency_id: str(r.urusan).split(";")[0].strip()
                for r in self.base.selected.itertuples() if r.urusan}

    @cached_property
    def urusan(self) -> pd.DataFrame:
        return urusan_status(self.iku, self.money, self.status,
                             iku_urusan(self.con, self.base.agency_ids, self.year), self.first_urusan,
                             self.quarter, self.max_capaian)

    @cached_property
    def worst_iku(self) -> pd.DataFrame:
        return worst_iku(self.iku, self.status, self.names, self.quarter, WORST_IKU, self.max_capaian)

    @cached_property
    def change(self) -> Optional[pd.DataFrame]:
        if self.previous_quarter is None:
            return None
        return quarter_change(self.status_of(self.previous_quarter), self.status)

    @cached_property
    def findings(self) -> pd.DataFrame:
        return quarter_findings(self.base.selected, self.year, self.quarter, self.max_capaian)


# --- what the chapters state ---------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterTotals:
    """The pemda at one quarter: who reported, and the sums over the agencies that did."""

    quarter: int
    n_agencies: int
    n_reported: int
    plan: Optional[Decimal]  # Σ annual plan of the reporters
    target: Optional[Decimal]
    realisasi: Optional[Decimal]
    mean_capaian: Optional[Decimal]  # over the reporters' measurable IKU

    @property
    def rencana(self) -> Optional[Decimal]:
        return _ratio(self.target, self.plan)

    @property
    def serapan(self) -> Optional[Decimal]:
        return _ratio(self.realisasi, self.plan)


def quarter_totals(m: Monitor, quarter: int) -> QuarterTotals:
    status = m.status_of(quarter)
    reporters = status[status["reported"]]
    now = m.iku[(m.iku["quarter"] == quarter) & m.iku["agency_id"].isin(set(reporters["agency_id"]))]
    capaian = [c for c, ok in zip(now["capaian"], now["measurable"])
               if ok and c is not None and c <= m.max_capaian]
    return QuarterTotals(quarter, len(status), len(reporters), _sum(list(reporters["plan"])),
                         _sum(list(reporters["target"])), _sum(list(reporters["realisasi"])),
                         mean(capaian))


@dataclass(frozen=True)
class MonitorSummary:
    """Every figure the executive text of the monitoring report states, in the order it says
    them; agencies are named as in the store, in selection order unless said otherwise."""

    year: int
    quarter: int
    totals: QuarterTotals
    previous: Optional[QuarterTotals]
    late: tuple[tuple[str, int], ...]  # (agency, last quarter reported; 0 = none)
    lagging: tuple[tuple[str, tuple[str, ...]], ...]  # (agency, ("anggaran", "kinerja"))
    projected_miss: tuple[str, ...]
    worst_deviation: Optional[tuple[str, Decimal]]  # the agency furthest behind its rencana
    worst_iku: Optional[tuple[str, str, Decimal]]  # (indicator, agency, capaian)
    n_findings: int
    n_errors: int
    n_agencies_with_findings: int


def lagging_agencies(status: pd.DataFrame) -> list[dict]:
    """The lagging agencies, furthest behind first: most points of serapan behind the rencana,
    then lowest mean capaian, then by name."""
    rows = [r for r in status.to_dict("records") if r["lagging"]]
    return sorted(rows, key=lambda r: (r["deviation"] if r["deviation"] is not None else Decimal(0),
                                       shown(r["mean_capaian"]) if r["mean_capaian"] is not None
                                       else HUNDRED, r["agency"]))


def monitor_summary(m: Monitor, with_findings: bool = True) -> MonitorSummary:
    """The figures of the executive text (``with_findings=False`` skips the audit)."""
    status = m.status.to_dict("records")
    late = tuple((r["agency"], r["last_quarter"]) for r in status if not r["reported"])
    lagging = tuple((r["agency"], tuple(a for a in ("anggaran", "kinerja") if r[f"lag_{a}"]))
                    for r in lagging_agencies(m.status))
    deviations = [(r["agency"], r["deviation"]) for r in status if r["deviation"] is not None]
    worst_dev = min(deviations, key=lambda d: (d[1], d[0])) if deviations else None
    if worst_dev is not None and worst_dev[1] >= 0:
        worst_dev = None
    worst = m.worst_iku
    worst_iku = None if not len(worst) else (str(worst.iloc[0]["indicator"]),
                                             str(worst.iloc[0]["agency"]), worst.iloc[0]["capaian"])
    findings = m.findings if with_findings else audit_frame([])
    previous = None if m.previous_quarter is None else quarter_totals(m, m.previous_quarter)
    return MonitorSummary(
        m.year, m.quarter, quarter_totals(m, m.quarter), previous, late, lagging,
        tuple(r["agency"] for r in status if r["projected_miss"]), worst_dev, worst_iku,
        len(findings), int((findings["severity"] == "error").sum()) if len(findings) else 0,
        int(findings["agency_id"].nunique()) if len(findings) else 0)


def monitor_options(selection: Selection, quarter: int) -> str:
    """The ``options_json`` of a monitoring report: the selection and the triwulan."""
    return json.dumps({**json.loads(selection.to_json()), "triwulan": quarter}, sort_keys=True,
                      ensure_ascii=False)


def open_monitor(agency_id: str, year: int, data_path: str, options_json: str) -> Monitor:
    """What a monitoring notebook opens: the store read-only, the selection, the year and the
    triwulan (``options_json["triwulan"]``). A missing store raises :class:`CrossAgencyError`
    saying to run ``sakip ingest``."""
    quarter = json.loads(options_json or "{}").get("triwulan")
    if quarter is None:
        raise CrossAgencyError("options_json must give the triwulan (1..4) of the monitoring report")
    return Monitor(open_crossagency(agency_id, year, data_path, options_json), int(quarter))
