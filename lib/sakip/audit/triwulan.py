"""Triwulan series.

``cumulative_decrease``: a series that is cumulative by declaration (the keuangan and fisik
columns of ``budget_quarterly`` are "s.d. triwulan"; indicators with ``triwulan_aggregation:
kumulatif``) must not go down from one triwulan to the next.
``quarter_exceeds_year``: a triwulan value of such a series cannot be above the year's value
(the budget line's realisasi or pagu, the indicator's annual realisasi).
``budget_rollup`` (quarterly): the keuangan of a tujuan or sasaran must be the sum of its
sasaran or programmes when all of them have figures for that triwulan.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Optional, Sequence

from sakip.audit._amounts import BudgetTree
from sakip.audit._common import (
    Context,
    all_present,
    cap,
    is_amount_equal,
    num,
    period_label,
    rp,
)
from sakip.audit.findings import Finding
from sakip.model.parsing import NumberValue
from sakip.model.rows import BudgetQuarter

QUARTERS = ("TW1", "TW2", "TW3", "TW4")
SERIES = {
    "keuangan_target": "target keuangan kumulatif",
    "keuangan_realisasi": "realisasi keuangan kumulatif",
    "fisik_target": "target fisik kumulatif",
    "fisik_realisasi": "realisasi fisik kumulatif",
}
AMOUNT_SERIES = ("keuangan_target", "keuangan_realisasi")


def _quarter_rows(ctx: Context) -> dict[tuple[int, str], dict[str, BudgetQuarter]]:
    series: dict[tuple[int, str], dict[str, BudgetQuarter]] = defaultdict(dict)
    for row in ctx.agency.rows("budget_quarterly"):
        if row.period in QUARTERS:
            series[(row.year, row.ref)][row.period] = row
    return series


def _decreases(points: Sequence[tuple[str, Decimal]]) -> list[tuple[str, str]]:
    """Steps (from, to) where the value goes down, between consecutive known values."""
    return [(a[0], b[0]) for a, b in zip(points, points[1:]) if b[1] < a[1]]


def _steps_text(steps: list[tuple[str, str]]) -> str:
    return ", ".join(f"{period_label(a)} ke {period_label(b)}" for a, b in steps)


def _ref_name(ctx: Context, ref: str) -> str:
    for s in ctx.agency.rows("sasaran"):
        if s.sasaran_id == ref:
            return f"sasaran {ref} \"{s.statement}\""
    for t in ctx.agency.rows("tujuan"):
        if t.tujuan_id == ref:
            return f"tujuan {ref} \"{t.statement}\""
    for b in ctx.agency.rows("budget"):
        if b.code == ref:
            return f"{ref} \"{b.name}\""
    return ref


def check_cumulative(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for (year, ref), by_period in _quarter_rows(ctx).items():
        for field, label in SERIES.items():
            points = [(p, getattr(by_period[p], field)) for p in QUARTERS
                      if p in by_period and getattr(by_period[p], field) is not None]
            steps = _decreases(points)
            if not steps:
                continue
            fmt = rp if field in AMOUNT_SERIES else num
            values = "; ".join(f"{period_label(p)} {fmt(v)}" for p, v in points)
            findings.append(ctx.finding(
                "cumulative_decrease", "error",
                ctx.location("budget_quarterly", [by_period[p] for p, _ in points]),
                expected="tidak menurun", found=values, ref=ref, year=year,
                message=(f"{cap(label)} {_ref_name(ctx, ref)} {year} turun dari "
                         f"{_steps_text(steps)} ({values}); angka kumulatif (s.d. triwulan) "
                         "tidak mungkin berkurang."),
                suggestion=("Periksa apakah yang diisi angka per triwulan, bukan kumulatif; "
                            "isi nilai s.d. triwulan (TW II = TW I + triwulan II, dst.).")))
    findings.extend(_indicator_cumulative(ctx))
    return findings


def _kumulatif(ctx: Context) -> list:
    return [i for i in ctx.agency.rows("indikator") if i.triwulan_aggregation == "kumulatif"]


def _indicator_cumulative(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for indicator in _kumulatif(ctx):
        groups: dict[tuple, list] = defaultdict(list)
        for t in ctx.agency.rows("targets"):
            if t.indicator_id == indicator.indicator_id and t.period in QUARTERS:
                groups[("targets", t.year, t.source)].append(t)
        for r in ctx.agency.rows("realisasi"):
            if r.indicator_id == indicator.indicator_id and r.period in QUARTERS:
                groups[("realisasi", r.year, None)].append(r)
        for (table, year, source), rows in groups.items():
            rows = sorted(rows, key=lambda r: r.period)
            numbered = [(r.period, r.parsed.value, r) for r in rows
                        if isinstance(r.parsed, NumberValue)]
            steps = _decreases([(p, v) for p, v, _ in numbered])
            if not steps:
                continue
            values = "; ".join(f"{period_label(p)} {num(v, 4)}" for p, v, _ in numbered)
            kind = f"target ({source})" if table == "targets" else "realisasi"
            findings.append(ctx.finding(
                "cumulative_decrease", "error", ctx.location(table, [r for *_, r in numbered]),
                expected="tidak menurun", found=values, ref=indicator.indicator_id, year=year,
                message=(f"{cap(kind)} triwulan \"{indicator.name}\" {year} dinyatakan "
                         f"kumulatif tetapi turun dari {_steps_text(steps)} ({values})."),
                suggestion=("Isi nilai s.d. triwulan, atau ubah triwulan_aggregation bila "
                            "indikator ini bukan kumulatif.")))
    return findings


def check_quarter_exceeds_year(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    trees: dict[int, BudgetTree] = {}
    for (year, ref), by_period in _quarter_rows(ctx).items():
        tree = trees.setdefault(year, BudgetTree(ctx.agency, year))
        for field, annual_field in (("keuangan_realisasi", "realisasi"), ("keuangan_target", "pagu")):
            annual = _annual_amount(ctx, tree, ref, annual_field)
            if annual is None:
                continue
            over = [(p, getattr(by_period[p], field)) for p in QUARTERS if p in by_period
                    and getattr(by_period[p], field) is not None
                    and getattr(by_period[p], field) - annual >= ctx.config.amount_tolerance]
            if not over:
                continue
            values = "; ".join(f"{period_label(p)} {rp(v)}" for p, v in over)
            findings.append(ctx.finding(
                "quarter_exceeds_year", "error",
                ctx.location("budget_quarterly", [by_period[p] for p, _ in over]),
                expected=f"paling banyak {rp(annual)}", found=values, ref=ref, year=year,
                message=(f"{cap(SERIES[field])} {_ref_name(ctx, ref)} {year} ({values}) "
                         f"melebihi {annual_field} setahun di tabel anggaran ({rp(annual)})."),
                suggestion="Cocokkan laporan triwulan dengan realisasi/pagu akhir tahun."))
    for indicator in _kumulatif(ctx):
        for r in ctx.agency.rows("realisasi"):
            if r.indicator_id != indicator.indicator_id or r.period not in QUARTERS:
                continue
            year_value = ctx.agency.realisasi_value(indicator.indicator_id, r.year)
            if not isinstance(r.parsed, NumberValue) or not isinstance(year_value, NumberValue):
                continue
            if r.parsed.value <= year_value.value:
                continue
            findings.append(ctx.finding(
                "quarter_exceeds_year", "error", ctx.location("realisasi", r, r.doc_ref),
                expected=f"paling banyak {num(year_value.value, 4)}",
                found=num(r.parsed.value, 4), ref=indicator.indicator_id, year=r.year,
                message=(f"Realisasi kumulatif \"{indicator.name}\" {period_label(r.period)} "
                         f"{r.year} ({num(r.parsed.value, 4)}) melebihi realisasi setahun "
                         f"({num(year_value.value, 4)})."),
                suggestion="Periksa realisasi triwulan dan realisasi tahunan indikator ini."))
    return findings


def _annual_amount(ctx: Context, tree: BudgetTree, ref: str, field: str) -> Optional[Decimal]:
    if ref in tree.by_code:
        return tree.effective(tree.by_code[ref], field)
    lines = tree.sasaran_lines(ref)
    return tree.total(lines, field) if lines else None


def check_quarterly_rollup(ctx: Context) -> list[Finding]:
    """A tujuan's or sasaran's quarterly keuangan against its sasaran's or programmes'."""
    findings: list[Finding] = []
    series = _quarter_rows(ctx)
    sasaran = ctx.agency.rows("sasaran")
    for (year, ref), by_period in series.items():
        tree = BudgetTree(ctx.agency, year)
        kids = [s.sasaran_id for s in sasaran if s.tujuan_id == ref and (year, s.sasaran_id) in series]
        kind = "sasaran"
        if not kids:
            kids = [b.code for b in tree.sasaran_lines(ref)]
            kind = "program"
        if not kids or any((year, k) not in series for k in kids):
            continue
        for field in AMOUNT_SERIES:
            bad = []
            for period in QUARTERS:
                own = getattr(by_period[period], field) if period in by_period else None
                values = [getattr(series[(year, k)].get(period), field, None) for k in kids]
                if own is None or not all_present(values):
                    continue
                total = sum(values, Decimal(0))
                if not is_amount_equal(own, total, ctx.config):
                    bad.append((period, own, total))
            if not bad:
                continue
            found = "; ".join(f"{period_label(p)} {rp(o)}" for p, o, _ in bad)
            expected = "; ".join(f"{period_label(p)} {rp(t)}" for p, _, t in bad)
            findings.append(ctx.finding(
                "budget_rollup", "error",
                ctx.location("budget_quarterly", [by_period[p] for p, *_ in bad]),
                expected=expected, found=found, ref=ref, year=year,
                message=(f"{cap(SERIES[field])} {_ref_name(ctx, ref)} {year} tidak sama "
                         f"dengan jumlah {kind} di bawahnya ({', '.join(kids)}): tercatat "
                         f"{found}, jumlahnya {expected}."),
                suggestion=(f"Periksa apakah semua {kind} sudah dijumlahkan dan angkanya sama "
                            "dengan laporan triwulan masing-masing.")))
    return findings
