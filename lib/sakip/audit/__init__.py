"""Consistency audit of an agency's inputs: every place where the figures contradict each other.

>>> from sakip.audit import run_audit, audit_frame  # doctest: +SKIP
>>> findings = run_audit(load_agency("data/payakumbuh-disnakerperin"))  # doctest: +SKIP

Each family of checks lives in its own module and is listed in :data:`registry.CHECKS`;
``docs/AUDIT.md`` documents every code, severity and tolerance.
"""

from sakip.audit.findings import CODES, FRAME_COLUMNS, SEVERITIES, AuditConfig, Finding, audit_frame
from sakip.audit.registry import CHECKS, counts, run_audit
from sakip.audit.render import to_csv, to_json, to_text

__all__ = ["CHECKS", "CODES", "FRAME_COLUMNS", "SEVERITIES", "AuditConfig", "Finding",
           "audit_frame", "counts", "run_audit", "to_csv", "to_json", "to_text"]
