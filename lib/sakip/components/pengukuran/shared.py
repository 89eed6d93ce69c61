"""Shared by the chapters of the Laporan Pengukuran Kinerja: the quarters of the run, the cached
figures, the period banner and the analyst's narrative pieces."""

from __future__ import annotations

from typing import Callable, Optional, TypeVar

from sakip.analysis import pengukuran as pg
from sakip.analysis.report_context import ReportContext
from sakip.components.elements import Callout, Element, Heading, Narrative

T = TypeVar("T")


def upto(ctx: ReportContext) -> int:
    """The last quarter of the run (4 for the whole year)."""
    return pg.check_upto(ctx.options.triwulan)


def quarters(ctx: ReportContext) -> list[int]:
    """The quarters of the run, I to ``upto``."""
    return pg.run_quarters(ctx.options.triwulan)


def _cached(ctx: ReportContext, key: str, make: Callable[[], T]) -> T:
    if key not in ctx._cache:
        ctx._cache[key] = make()
    return ctx._cache[key]


def iku_quarters(ctx: ReportContext) -> list[pg.IndicatorQuarters]:
    """Every IKU quarter by quarter (computed once per chapter)."""
    return _cached(ctx, "pg-iku", lambda: pg.iku_quarters(ctx.agency, ctx.year, upto(ctx), ctx.options.scale))


def action_blocks(ctx: ReportContext) -> list[tuple]:
    """Per strategic sasaran, its rencana aksi rows (the sasaran, then its programmes)."""
    return _cached(ctx, "pg-actions", lambda: pg.action_rows(
        ctx.agency, ctx.year, upto(ctx), ctx.options.scale, ctx.options.max_capaian))


def period_banner(ctx: ReportContext) -> Callout:
    """The note saying which quarters the report covers (a warning for a partial year)."""
    n = upto(ctx)
    if n == 4:
        return Callout(f"{pg.period_label(n)} Tahun {ctx.year}.", "info")
    return Callout(f"{pg.period_label(n)} Tahun {ctx.year}: laporan ini hanya memuat data TW I "
                   f"s.d. TW {pg.roman(n)}; nilai akhir tahun adalah proyeksi dari data tersebut.", "warning")


def narrative_elements(ctx: ReportContext, section: str, level: int = 2) -> list[Element]:
    """The analyst's Markdown of a section, piece by piece: the piece's title as a heading of
    ``level`` (numbered by the renderer) when it has one, then its text."""
    out: list[Element] = []
    for item in ctx.agency.narrative(section):
        if item.title:
            out.append(Heading(item.title, level))
        if item.text and item.text.strip():
            out.append(Narrative(item.text))
    return out


def missing_narrative(ctx: ReportContext, section: str, label: str) -> Optional[Callout]:
    """A warning naming the analyst's section that is still empty (``None`` when it is filled)."""
    if any(item.text and item.text.strip() for item in ctx.agency.narrative(section)):
        return None
    return Callout(f"Narasi {label} ({section}) belum diisi.", "warning")
