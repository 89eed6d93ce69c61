"""Shared by the sections of the Laporan Pengukuran Kinerja: the quarters of the run, the cached
figures, the period banner and the analyst's narrative."""

from __future__ import annotations

from sakip.analysis import pengukuran as pg
from sakip.analysis.context import ReportContext
from sakip.components import html as p
from sakip.compute.formatting import fmt_perf_value

# --- shared ------------------------------------------------------------------------------------


def upto(ctx: ReportContext) -> int:
    return pg.check_upto(ctx.options.triwulan)


def quarters(ctx: ReportContext) -> list[int]:
    return list(range(1, upto(ctx) + 1))


def _cached(ctx: ReportContext, key: str, make):
    if key not in ctx._cache:
        ctx._cache[key] = make()
    return ctx._cache[key]


def iku_quarters(ctx: ReportContext) -> list[pg.IndicatorQuarters]:
    return _cached(ctx, "pg-iku", lambda: pg.iku_quarters(ctx.agency, ctx.year, upto(ctx), ctx.options.scale))


def action_blocks(ctx: ReportContext):
    return _cached(ctx, "pg-actions", lambda: pg.action_rows(
        ctx.agency, ctx.year, upto(ctx), ctx.options.scale, ctx.options.max_capaian))


def period_banner(ctx: ReportContext) -> str:
    """The callout saying which quarters the report covers."""
    n = upto(ctx)
    if n == 4:
        return p.note(f"{pg.period_label(n)} Tahun {ctx.year}.", "info")
    return p.note(f"{pg.period_label(n)} Tahun {ctx.year}: laporan ini hanya memuat data Triwulan I "
                  f"s.d. {pg.roman(n)}; nilai akhir tahun adalah proyeksi dari data tersebut.", "warning")


def _narrative(ctx: ReportContext, section: str, number: str, level: int = 2) -> str:
    """The analyst's Markdown of a section, each titled piece under a numbered heading."""
    out = ""
    items = ctx.agency.narrative(section)
    for i, item in enumerate(items, start=1):
        if item.title:
            out += p.heading(f"{number}.{i} {item.title}", level, anchor=f"{section}-{i}")
        out += p.markdown(item.text)
    return out


def _perf(value, unit) -> str:
    return fmt_perf_value(value, unit)
