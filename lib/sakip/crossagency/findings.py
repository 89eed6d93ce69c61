"""Audit findings of the selected agencies (:func:`sakip.audit.run_audit` on each recorded input),
per agency and per code."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from sakip.audit import CODES, SEVERITIES, AuditConfig, audit_frame, run_audit
from sakip.crossagency.common import DEFAULT_MAX_CAPAIAN, object_frame
from sakip.inputs import load_agency

# --- audit findings ------------------------------------------------------------------------------


def audit_findings(selected: pd.DataFrame, max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """Every audit finding of the selected agencies (:func:`sakip.audit.run_audit` on each input
    recorded in the store; check :func:`stale_agencies` first), as :func:`audit_frame` rows."""
    findings = []
    config = AuditConfig(max_capaian=max_capaian)
    for row in selected.itertuples():
        findings.extend(run_audit(load_agency(Path(row.source)), config))
    return audit_frame(findings)


def findings_by_agency(findings: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """Findings per agency (every selected agency, also those with none): counts per severity
    and the codes found with their counts, most frequent first."""
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
    return object_frame(records, ["agency_id", "agency", *SEVERITIES, "total", "codes"])


def findings_by_code(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings per code and severity (the audit's code order), with the number of agencies."""
    records = []
    for code in CODES:
        mine = findings[findings["code"] == code] if len(findings) else findings
        if not len(mine):
            continue
        for severity, group in mine.groupby("severity", sort=False):
            records.append({"code": code, "severity": severity, "count": len(group),
                            "n_agencies": group["agency_id"].nunique()})
    return object_frame(records, ["code", "severity", "count", "n_agencies"])
