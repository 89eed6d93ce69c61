"""The finding model of the consistency audit, its configuration and its table form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Literal, Mapping, Optional

import pandas as pd

from sakip.compute import defaults

Severity = Literal["error", "warning", "info"]

#: Severities, most serious first (the order of the text report).
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

#: Every finding code, in the order the checks run. Other tools (the synthetic data generator)
#: inject mistakes by these codes, so they are part of the public interface: never rename one.
CODES: tuple[str, ...] = (
    "budget_rollup",
    "pk_budget_mismatch",
    "pk_total",
    "formula_mismatch",
    "national_standard_mismatch",
    "printed_mismatch",
    "printed_uncomputable",
    "table_total",
    "cumulative_decrease",
    "quarter_exceeds_year",
    "share_above_100",
    "capaian_implausible",
    "unit_mismatch",
    "target_inconsistent",
    "narrative_mismatch",
    "narrative_claim",
    "narrative_reference",
)


@dataclass(frozen=True)
class Finding:
    """One contradiction found in an agency's inputs.

    ``location`` says where to look, as a person would: ``budget.csv row 6 (Tabel 3.25)``
    (``row`` is the line in the file or sheet, header = row 1). ``expected`` is what the other
    figures imply, ``found`` what the input says; both are formatted the Indonesian way.
    ``message`` and ``suggestion`` are Indonesian sentences for the analyst. ``ref`` and
    ``year`` identify the indicator, sasaran or budget code concerned, when there is one.
    """

    code: str
    severity: Severity
    agency_id: str
    location: str
    expected: str
    found: str
    message: str
    suggestion: str
    ref: Optional[str] = None
    year: Optional[int] = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")


#: Columns of :func:`audit_frame`, in this order, whatever the findings.
FRAME_COLUMNS: tuple[str, ...] = (
    "agency_id", "severity", "code", "ref", "year", "location", "expected", "found",
    "message", "suggestion",
)


def audit_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """The findings as a DataFrame with the stable columns :data:`FRAME_COLUMNS`.

    Rows keep the order of ``findings`` (:func:`~sakip.audit.run_audit` returns a deterministic
    order); ``year`` is a nullable integer column, everything else text.
    """
    rows = [asdict(f) for f in findings]
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    return frame


@dataclass(frozen=True)
class AuditConfig:
    """Tunable limits of the audit; the defaults are documented in ``docs/AUDIT.md``.

    :param max_capaian: a capaian above this (percent) is reported as implausible.
    :param max_percent_value: a value of a percentage indicator that is not a share but is
        above this is reported as a unit mismatch (e.g. 365.544 typed under unit ``%``).
    :param amount_tolerance: rupiah amounts closer than this are equal (whole rupiah).
    :param kriteria: the kriteria scale printed kriteria are checked against (a name of
        :data:`sakip.compute.kriteria.SCALES`, a mapping or a scale; ``None`` = the default scale).
    :param codes: run only the checks producing these codes (``None`` = all).
    :param numbering: the rendered report's numbered tables and charts (label -> title), to check
        the "Tabel x.y" the analyst typed (``None``: every typed reference is a warning).
    """

    max_capaian: Decimal = defaults.MAX_CAPAIAN
    max_percent_value: Decimal = Decimal(10000)
    amount_tolerance: Decimal = Decimal(1)
    kriteria: Any = None
    codes: Optional[frozenset[str]] = field(default=None)
    numbering: Optional[Mapping[str, str]] = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.codes is not None:
            unknown = set(self.codes) - set(CODES)
            if unknown:
                raise ValueError(f"unknown finding codes: {', '.join(sorted(unknown))}")
