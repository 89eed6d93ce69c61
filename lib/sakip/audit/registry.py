"""The list of checks, in the order they run, and :func:`run_audit`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from sakip.audit import (
    budget_rollup,
    diagnosis,
    formulas,
    narrative,
    pk,
    plausibility,
    printed,
    targets,
    totals,
    triwulan,
)
from sakip.audit._common import Context
from sakip.audit.findings import CODES, SEVERITIES, AuditConfig, Finding
from sakip.model.agency import Agency


@dataclass(frozen=True)
class Check:
    """One family of checks: a name, the codes it may report and the function."""

    name: str
    codes: tuple[str, ...]
    run: Callable[[Context], list[Finding]]


CHECKS: tuple[Check, ...] = (
    Check("budget_rollup", ("budget_rollup",), budget_rollup.check_budget_rollup),
    Check("quarterly_rollup", ("budget_rollup",), triwulan.check_quarterly_rollup),
    Check("pk_budget", ("pk_budget_mismatch", "pk_total"), pk.check_pk_budget),
    Check("formulas", ("formula_mismatch",), formulas.check_formulas),
    Check("national_standards", ("national_standard_mismatch",), formulas.check_national_standards),
    Check("printed", ("printed_mismatch", "printed_uncomputable"), printed.check_printed),
    Check("table_totals", ("table_total",), totals.check_table_totals),
    Check("cumulative", ("cumulative_decrease",), triwulan.check_cumulative),
    Check("quarter_exceeds_year", ("quarter_exceeds_year",), triwulan.check_quarter_exceeds_year),
    Check("share_above_100", ("share_above_100",), plausibility.check_share_above_100),
    Check("capaian_implausible", ("capaian_implausible",), plausibility.check_capaian_implausible),
    Check("units", ("unit_mismatch",), plausibility.check_units),
    Check("targets", ("target_inconsistent",), targets.check_targets),
    Check("narrative", ("narrative_mismatch", "narrative_claim", "narrative_reference"),
          narrative.check_narrative),
)

assert {c for check in CHECKS for c in check.codes} == set(CODES)


def run_audit(agency: Agency, config: Optional[AuditConfig] = None) -> list[Finding]:
    """Every contradiction found in ``agency``'s inputs.

    Deterministic order: by severity (errors first), then by code in :data:`CODES` order, then
    in the order the checks met the rows (input order). Reads only; never modifies anything.
    """
    config = config or AuditConfig()
    ctx = Context(agency, config)
    found: list[Finding] = []
    for check in CHECKS:
        if config.codes is not None and not set(check.codes) & config.codes:
            continue
        found.extend(f for f in check.run(ctx) if config.codes is None or f.code in config.codes)
    found = diagnosis.annotate(ctx, found)
    order = {code: i for i, code in enumerate(CODES)}
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda f: (rank[f.severity], order[f.code]))  # stable sort


def counts(findings: list[Finding]) -> dict[str, dict[str, int]]:
    """``{severity: {code: n}}`` with severities and codes in their canonical order."""
    out: dict[str, dict[str, int]] = {}
    for severity in SEVERITIES:
        per_code = {c: sum(1 for f in findings if f.severity == severity and f.code == c)
                    for c in CODES}
        per_code = {c: n for c, n in per_code.items() if n}
        if per_code:
            out[severity] = per_code
    return out
