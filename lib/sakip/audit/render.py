"""Findings as text (grouped by severity, with counts), JSON or CSV."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Iterable

from sakip.audit.findings import SEVERITIES, Finding, audit_frame

SEVERITY_TITLES = {"error": "KESALAHAN", "warning": "PERINGATAN", "info": "CATATAN"}


def to_text(findings: list[Finding], agency_id: str = "") -> str:
    lines: list[str] = []
    head = f"Audit konsistensi {agency_id}".strip()
    summary = ", ".join(f"{sum(1 for f in findings if f.severity == s)} {s}" for s in SEVERITIES)
    lines.append(f"{head}: {len(findings)} temuan ({summary})")
    if not findings:
        lines.append("Tidak ada temuan: data masukan konsisten.")
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        lines.append("")
        lines.append(f"== {SEVERITY_TITLES[severity]} ({severity}): {len(group)} ==")
        for f in group:
            lines.append(f"[{f.code}] {f.location}")
            lines.append(f"    {f.message}")
            lines.append(f"    diharapkan: {f.expected} | tercatat: {f.found}")
            lines.append(f"    saran: {f.suggestion}")
    codes: dict[str, int] = {}
    for f in findings:
        codes[f.code] = codes.get(f.code, 0) + 1
    if codes:
        lines.append("")
        lines.append("Jumlah per kode: " + ", ".join(f"{c} {n}" for c, n in codes.items()))
    return "\n".join(lines) + "\n"


def to_json(findings: Iterable[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


def to_csv(findings: Iterable[Finding]) -> str:
    return audit_frame(findings).to_csv(index=False)
