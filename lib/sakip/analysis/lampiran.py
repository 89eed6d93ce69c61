"""The figures of the LKjIP lampiran and of the audit appendix: the Perjanjian Kinerja signed by
the head and by every unit (targets, programme budget, inovasi, the two parties), the RKT
targets, the IKU with their sasaran, the audit findings counted by code and severity, and the
counts the cascade section states.

Everything here selects or counts; the components only format what these functions return.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Optional, Protocol, TypeVar

from sakip.analysis.pengukuran.pk_cascade import CascadeNode, unit_tree
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import PerfValue

#: Where the target of a unit's PK comes from: the PK perubahan if signed, else the PK.
PK_SOURCES: tuple[str, ...] = ("pk_perubahan", "pk")

#: Where the RKT's target comes from: the RKT, else the PK, else the Renstra.
RKT_SOURCES: tuple[str, ...] = ("rkt", "pk", "renstra")

#: The superior's position when the profile leaves it empty (the head signs with the pemda head).
DEFAULT_SUPERIOR_POSITION = "Kepala Daerah"


@dataclass(frozen=True)
class TargetRow:
    """One indicator of a sasaran with the target in force for the year (None when missing)."""

    sasaran: m.Sasaran
    indicator: m.Indikator
    target: Optional[PerfValue]


@dataclass(frozen=True)
class UnitPk:
    """The Perjanjian Kinerja one unit signs for the year.

    ``superior_name`` and ``superior_position`` are the second party: the unit's parent in the
    cascade, or for the head the superior named in the profile (``None`` when not entered).
    ``budget`` keeps the printed TOTAL rows, as the PK document shows them.
    """

    unit: m.Unit
    depth: int
    superior_name: Optional[str]
    superior_position: str
    targets: tuple[TargetRow, ...]
    budget: tuple[m.PkBudget, ...]
    inovasi: tuple[str, ...]


def _targets(agency: Agency, sasaran: Iterable[m.Sasaran], year: int,
             sources: Sequence[str]) -> tuple[TargetRow, ...]:
    out = []
    for s in sasaran:
        for ind in agency.indicators_of(s.sasaran_id):
            row = agency.target(ind.indicator_id, year, sources=sources)
            out.append(TargetRow(s, ind, row.parsed if row else None))
    return tuple(out)


def unit_pks(agency: Agency, year: int) -> list[UnitPk]:
    """The PK of every unit, depth-first from the head (the cascade's order).

    A unit's PK holds the indicators of the sasaran it owns with their PK target; the head,
    when it owns no sasaran, signs the strategic sasaran.
    """
    tree = unit_tree(agency.units())
    by_id = {u.unit_id: u for u, _ in tree}
    profile = agency.profile
    out = []
    for unit, depth in tree:
        parent = by_id.get(unit.parent_unit_id) if unit.parent_unit_id else None
        if parent is not None:
            superior_name, superior_position = parent.holder_name, parent.position
        else:
            superior_name = profile.superior_name
            superior_position = profile.superior_position or DEFAULT_SUPERIOR_POSITION
        sasaran = [s for s in agency.rows("sasaran") if s.unit_id == unit.unit_id]
        if unit.kind == "kepala" and not sasaran:
            sasaran = agency.strategic_sasaran
        out.append(UnitPk(
            unit=unit, depth=depth, superior_name=superior_name, superior_position=superior_position,
            targets=_targets(agency, sasaran, year, PK_SOURCES),
            budget=tuple(b for b in agency.rows("pk_budget") if b.unit_id == unit.unit_id and b.year == year),
            inovasi=tuple(i.name for i in agency.rows("inovasi") if i.unit_id == unit.unit_id and i.year == year),
        ))
    return out


def head_pk_targets(agency: Agency, year: int) -> list[TargetRow]:
    """The head's Perjanjian Kinerja without a cascade: each strategic indicator that has a PK
    target for the year (PK perubahan, else PK), with that target."""
    return [t for t in _targets(agency, agency.strategic_sasaran, year, PK_SOURCES) if t.target is not None]


def rkt_targets(agency: Agency, year: int) -> list[TargetRow]:
    """The Rencana Kinerja Tahunan: each strategic indicator with its RKT target (else PK, else
    Renstra)."""
    return list(_targets(agency, agency.strategic_sasaran, year, RKT_SOURCES))


def iku_rows(agency: Agency) -> list[tuple[m.Indikator, Optional[m.Sasaran]]]:
    """Each IKU with the sasaran it measures (None when the IKU names no sasaran)."""
    return [(ind, agency.sasaran(ind.sasaran_id) if ind.sasaran_id else None) for ind in agency.iku]


# --- the cascade ----------------------------------------------------------------------------------


def units_below_head(nodes: Sequence[CascadeNode]) -> int:
    """How many units the head's PK is cascaded to (every unit of the cascade but the head)."""
    return max(len(nodes) - 1, 0)


# --- the audit appendix ---------------------------------------------------------------------------


class _Dated(Protocol):
    """A finding as far as its year goes (``sakip.audit.Finding``)."""

    @property
    def year(self) -> Optional[int]: ...


class _Classified(Protocol):
    """A finding as far as its code and severity go (``sakip.audit.Finding``)."""

    @property
    def code(self) -> str: ...

    @property
    def severity(self) -> str: ...


D = TypeVar("D", bound=_Dated)


#: Tables whose rows belong to a quarter (``period`` TW1..TW4).
QUARTERLY_TABLES = ("realisasi", "targets", "budget_quarterly", "printed")


def agency_up_to(agency: Agency, upto: Optional[int]) -> Agency:
    """The agency as a report "up to triwulan ``upto``" may read it: rows of later quarters left
    out of the quarterly tables (their source lines kept with the rows, so every location stays
    right); the agency itself for a whole year."""
    if upto is None or upto >= 4:
        return agency
    later = {f"TW{q}" for q in range(upto + 1, 5)}
    tables = dict(agency.tables)
    lines = dict(agency.source_lines)
    for name in QUARTERLY_TABLES:
        rows = agency.rows(name)
        keep = [i for i, row in enumerate(rows) if getattr(row, "period", "TAHUN") not in later]
        if len(keep) == len(rows):
            continue
        tables[name] = tuple(rows[i] for i in keep)
        lines[name] = tuple(agency.source_line(name, i) for i in keep)
    return dataclasses.replace(agency, tables=tables, source_lines=lines, _index={})


def findings_up_to(findings: Iterable[D], year: int) -> list[D]:
    """The findings a report of ``year`` shows: those about that year or an earlier one, and
    those about no year in particular; later years belong to later reports."""
    return [f for f in findings if f.year is None or f.year <= year]


@dataclass(frozen=True)
class CodeCount:
    """How many findings of one code, per severity (in the order given) and in all."""

    code: str
    by_severity: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class FindingCounts:
    """Findings counted by code (codes without a finding left out) and by severity."""

    severities: tuple[str, ...]
    codes: tuple[CodeCount, ...]
    by_severity: tuple[int, ...]
    total: int

    def of(self, severity: str) -> int:
        """The number of findings of one severity."""
        return self.by_severity[self.severities.index(severity)]


def finding_counts(findings: Sequence[_Classified], codes: Sequence[str],
                   severities: Sequence[str]) -> FindingCounts:
    """Count findings per code and severity, codes and severities in the canonical order given
    (``sakip.audit.CODES`` and ``SEVERITIES``)."""
    rows = []
    for code in codes:
        per = tuple(sum(1 for f in findings if f.code == code and f.severity == s) for s in severities)
        if sum(per):
            rows.append(CodeCount(code, per, sum(per)))
    totals = tuple(sum(1 for f in findings if f.severity == s) for s in severities)
    return FindingCounts(tuple(severities), tuple(rows), totals, len(findings))
