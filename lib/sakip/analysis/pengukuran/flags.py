"""Schedule and plausibility warnings on quarterly progress (:class:`Flag`), worded in Indonesian
from the numbers they report."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Optional

from sakip.analysis.pengukuran.financial import FinancialProgress
from sakip.analysis.pengukuran.periods import HUNDRED, roman
from sakip.analysis.pengukuran.quarters import IndicatorQuarters
from sakip.compute import defaults
from sakip.compute.formatting import fmt_number, fmt_pct, fmt_rupiah
from sakip.compute.kriteria import is_implausible
from sakip.compute.triwulan import DEFAULT_GAP, behind_schedule
from sakip.compute.wording import normalise_quarters, quarter_label

FlagKind = Literal["keuangan_tertinggal", "tanpa_kemajuan", "kumulatif_menurun", "target_menurun",
                   "melampaui_target", "melampaui_rencana", "rencana_tidak_lengkap"]


@dataclass(frozen=True)
class Flag:
    """A warning on quarterly progress, worded from the numbers (Indonesian, for the report)."""

    ref: str
    label: str  # what the ref is (indicator or sasaran/programme name)
    quarter: Optional[int]
    kind: FlagKind
    series: Literal["fisik", "keuangan", "target_keuangan"]
    message: str


def decreasing_steps(series: Mapping[int, Optional[Decimal]]) -> list[tuple[int, int]]:
    """Pairs (earlier quarter, later quarter) of consecutive present values where the later one
    is smaller: a cumulative series must never decrease."""
    present = sorted((q, v) for q, v in series.items() if v is not None)
    return [(a, b) for (a, va), (b, vb) in itertools.pairwise(present) if vb < va]


def progress_flags(ref: str, label: str, indicators: Sequence[IndicatorQuarters],
                   fisik: Mapping[int, Optional[Decimal]], keuangan: FinancialProgress, *,
                   max_capaian: Decimal = defaults.MAX_CAPAIAN, gap: Decimal = DEFAULT_GAP) -> list[Flag]:
    """Every warning on one row block, in quarter order:

    * ``keuangan_tertinggal``, ``tanpa_kemajuan``, ``kumulatif_menurun``: from
      :func:`sakip.compute.triwulan.behind_schedule` on physical and financial progress (%), physical
      values above ``max_capaian`` left out (they are flagged as ``melampaui_target``);
    * ``target_menurun``: the cumulative keuangan *targets* decrease (a printed error: a
      cumulative plan cannot shrink); the message gives their sum, the plan they would make if
      they were per-quarter amounts;
    * ``melampaui_target``: an indicator whose capaian, against the quarter's or else the annual
      target, exceeds ``max_capaian`` (default 300%);
    * ``melampaui_rencana``: cumulative keuangan realisasi above the annual plan;
    * ``rencana_tidak_lengkap``: no TW IV keuangan target, so an earlier quarter's was used.
    """
    flags: list[Flag] = []
    plausible = {q: v for q, v in fisik.items() if v is not None and not is_implausible(v, max_capaian)}
    for sf in behind_schedule(plausible, keuangan.pct_series, gap=gap):
        flags.append(Flag(ref, label, sf.quarter, sf.kind, sf.series, normalise_quarters(sf.message)))
    targets = {r.quarter: r.target for r in keuangan.quarters}
    for a, b in decreasing_steps(targets):
        total = sum((v for v in targets.values() if v is not None), Decimal(0))
        flags.append(Flag(ref, label, b, "target_menurun", "target_keuangan",
                          f"{quarter_label(b)}: target keuangan kumulatif turun dari {fmt_rupiah(targets[a])} "
                          f"({quarter_label(a)}) menjadi {fmt_rupiah(targets[b])}; target kumulatif tidak "
                          f"mungkin berkurang. Bila dibaca sebagai target per triwulan, jumlah "
                          f"TW I s.d. TW {roman(max(targets))} adalah {fmt_rupiah(total)}."))
    for iq in indicators:
        for r in iq.quarters:
            if is_implausible(r.capaian.value, max_capaian):
                flags.append(Flag(ref, label, r.quarter, "melampaui_target", "fisik",
                                  f"{quarter_label(r.quarter)}: capaian {iq.indicator.name} "
                                  f"{fmt_pct(r.capaian.value)} melebihi {fmt_number(max_capaian, 0)}%; "
                                  "periksa target dan realisasinya."))
            elif is_implausible(r.progress.value, max_capaian):
                flags.append(Flag(ref, label, r.quarter, "melampaui_target", "fisik",
                                  f"{quarter_label(r.quarter)}: realisasi {iq.indicator.name} "
                                  f"{fmt_pct(r.progress.value)} dari target tahunan, melebihi "
                                  f"{fmt_number(max_capaian, 0)}%; periksa target dan realisasinya."))
    plan = keuangan.plan
    for fq in keuangan.quarters:
        if fq.pct is not None and fq.pct > HUNDRED:
            flags.append(Flag(ref, label, fq.quarter, "melampaui_rencana", "keuangan",
                              f"{quarter_label(fq.quarter)}: realisasi keuangan kumulatif {fmt_rupiah(fq.realisasi)} "
                              f"= {fmt_pct(fq.pct)} dari rencana setahun {fmt_rupiah(plan.amount)} "
                              f"({plan.description})."))
            break  # once above the plan, later quarters stay above it
    if plan.basis == "target_terakhir":
        flags.append(Flag(ref, label, None, "rencana_tidak_lengkap", "target_keuangan",
                          f"Target keuangan TW IV tidak diisi; rencana setahun diambil dari "
                          f"{plan.description}: {fmt_rupiah(plan.amount)}."))
    return sorted(flags, key=lambda f: (f.quarter or 5, f.kind))


def count_flags(flags: Iterable[Flag]) -> dict[str, int]:
    """Number of flags per kind (kinds without flags are left out)."""
    counts: dict[str, int] = {}
    for f in flags:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return counts
