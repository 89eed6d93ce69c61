"""The "Evaluasi Rencana Aksi tingkat Sasaran Strategis" of a pengukuran report (seed 000): each
indicator of each sasaran strategis with its rencana aksi target and its realisasi in every
quarter of the run, and who answers for it.

The targets are those of the rencana aksi (the plan broken down per quarter), else the PK
perubahan, PK, RKT, Renstra, IKU (:data:`RENCANA_AKSI_FIRST`); the source of each is kept so
that the table can say when a quarter has no rencana aksi target. Realisasi are the quarters as
entered (never read beyond the run's last quarter). The capaian is the last quarter's realisasi
against its target, with the indicator's polarity, method and cap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional

from sakip.analysis.pengukuran.periods import check_upto
from sakip.analysis.pengukuran.quarters import indicator_capaian, quarter_target
from sakip.compute.capaian import Capaian
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import PerfValue

#: Target sources of the rencana aksi table, in order of precedence.
RENCANA_AKSI_FIRST = ("rencana_aksi", "pk_perubahan", "pk", "rkt", "renstra", "iku")


@dataclass(frozen=True)
class SasaranPlanRow:
    """One indicator of a sasaran strategis, quarter by quarter (index 0 = TW I)."""

    sasaran: m.Sasaran
    indicator: m.Indikator
    targets: tuple[Optional[PerfValue], ...]
    target_sources: tuple[Optional[str], ...]
    realisasi: tuple[Optional[PerfValue], ...]
    capaian: Capaian  # at the run's last quarter, against the rencana aksi target
    penanggung_jawab: str
    measured_targets: tuple[Optional[PerfValue], ...] = ()  # those the capaian of BAB III uses

    @property
    def differing_quarters(self) -> tuple[int, ...]:
        """Quarters (1-based) whose rencana aksi target is not the target the report measures the
        capaian against (PK first, :data:`QUARTER_SOURCES`): the report says so under the table."""
        return tuple(q for q, (a, b) in enumerate(zip(self.targets, self.measured_targets), 1)
                     if a is not None and b is not None and a != b)

    @property
    def other_sources(self) -> tuple[str, ...]:
        """The target sources used where the rencana aksi has no target (for a note)."""
        return tuple(dict.fromkeys(s for s in self.target_sources if s and s != "rencana_aksi"))


def sasaran_plan(agency: Agency, year: int, upto: Optional[int],
                 responsible: Mapping[str, str]) -> list[SasaranPlanRow]:
    """Every indicator of every sasaran strategis, in input order; ``responsible`` maps a
    sasaran id to the person responsible (the rencana aksi's, see :func:`action_rows`)."""
    n = check_upto(upto)
    head = next((u.position for u in agency.units() if u.kind == "kepala"),
                agency.profile.head_position or "Kepala Perangkat Daerah")
    out = []
    for sasaran in agency.strategic_sasaran:
        for indicator in agency.indicators_of(sasaran.sasaran_id):
            rows = [agency.target(indicator.indicator_id, year, f"TW{q}", sources=RENCANA_AKSI_FIRST)
                    for q in range(1, n + 1)]
            targets = tuple(None if r is None else r.parsed for r in rows)
            realisasi = tuple(agency.realisasi_value(indicator.indicator_id, year, f"TW{q}")
                              for q in range(1, n + 1))
            out.append(SasaranPlanRow(
                sasaran, indicator, targets, tuple(None if r is None else r.source for r in rows),
                realisasi, indicator_capaian(indicator, targets[-1], realisasi[-1]),
                responsible.get(sasaran.sasaran_id) or head,
                tuple(quarter_target(agency, indicator.indicator_id, year, q) for q in range(1, n + 1))))
    return out
