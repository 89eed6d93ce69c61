"""BAB V: the summary of the run computed from the figures, the analyst's analysis and closing
text, and the signature."""

from __future__ import annotations

from typing import Optional

from sakip.analysis import pengukuran as pg
from sakip.analysis.report_context import ReportContext
from sakip.components.common import narrative
from sakip.components.elements import Callout, Narrative, Paragraphs, Signature
from sakip.components.pengukuran.shared import action_blocks, iku_quarters, upto
from sakip.compute.formatting import fmt_int, fmt_pct
from sakip.compute.wording import describe_measured


def analysis_summary(ctx: ReportContext) -> Paragraphs:
    """How many IKU were measured and met their quarter's target (on the capaian as shown), their
    mean capaian and kriteria, and the number of warnings."""
    summary = pg.iku_summary(iku_quarters(ctx), ctx.options.scale,
                             len(pg.all_flags(action_blocks(ctx))))
    counts = summary.counts
    text = (f"Sampai dengan TW {pg.roman(upto(ctx))} Tahun {ctx.year}, "
            + describe_measured(summary.total, counts.measured, counts.met, target="target triwulan"))
    if counts.measured:
        text += f"; rata-rata capaian IKU {fmt_pct(summary.mean.value)} ({summary.mean_kriteria})"
    text += (f". Pemeriksaan kemajuan triwulan mencatat {fmt_int(summary.flags)} peringatan (lihat "
             "bagian Peringatan Kemajuan Triwulan)." if summary.flags else
             ". Pemeriksaan kemajuan triwulan tidak mencatat peringatan.")
    return Paragraphs(text)


def analyst_notes(ctx: ReportContext) -> Optional[Narrative]:
    """The analyst's analysis of the results (section ``catatan``), if any."""
    return narrative(ctx.agency, "catatan")


def closing_words(ctx: ReportContext) -> Narrative | Callout:
    """The analyst's closing text, or a note that it is missing."""
    return narrative(ctx.agency, "penutup") or Callout("Narasi penutup (penutup) belum diisi.", "warning")


def signature(ctx: ReportContext) -> Signature:
    """The head of the agency signs the report in the report year."""
    prof = ctx.profile
    place = f"{prof.report_city or prof.pemda_name}, {ctx.year}"
    return Signature(place, prof.head_position or "Kepala " + prof.agency_name,
                     prof.head_name or "", prof.head_rank or "", prof.head_nip or "")
