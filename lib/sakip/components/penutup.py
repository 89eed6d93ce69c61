"""BAB IV Penutup: the kesimpulan generated from the numbers, the analyst's text, the signature."""

from __future__ import annotations

from collections import Counter
from typing import Optional

from sakip.analysis import overview
from sakip.analysis.report_context import ReportContext
from sakip.components.common import capaian_text, narrative, pct_or_dash
from sakip.components.elements import Narrative, Paragraphs, Signature
from sakip.compute.formatting import fmt_date_id, fmt_int, fmt_rupiah
from sakip.compute.kriteria import NOT_MEASURABLE
from sakip.compute.wording import join_and, mean_clause, ordinal


def conclusion(ctx: ReportContext) -> Paragraphs:
    """The year's results in two paragraphs: indicators by kriteria with the mean capaian (or
    why there is none), then the budget (when a pagu is filled in)."""
    figures = overview.year_overview(ctx)
    results = figures.results
    counts = Counter(r.kriteria for r in results)
    order = ctx.options.scale.labels + [NOT_MEASURABLE]
    spread = join_and([f"{fmt_int(counts[label])} indikator "
                       + ("tidak dapat diukur" if label == NOT_MEASURABLE else f"berkriteria {label}")
                       for label in order if counts[label]])
    mean, cover, below = figures.mean, figures.coverage, figures.counts.below
    total = ctx.budget_total
    year_text = (f" merupakan tahun {ordinal(ctx.renstra_year_index)} dari Renstra {ctx.renstra_period}"
                 if ctx.renstra_year_index else "")
    average = (f", dengan {mean_clause(capaian_text(mean), cover.averaged, cover.total)}"
               if mean.value is not None else ", sehingga rata-rata capaian belum dapat dihitung")
    short = f"; {fmt_int(below)} indikator belum mencapai target" if below else ""
    first = (f"Tahun {ctx.year}{year_text}. {ctx.profile.agency_name} memiliki "
             f"{fmt_int(len(ctx.sasaran))} sasaran strategis dengan {fmt_int(len(results))} "
             f"indikator kinerja. Dari hasil pengukuran, "
             f"{spread + average + short if spread else 'belum ada indikator yang diukur'}.")
    second = None
    if total.pagu is not None and total.realisasi is not None:
        second = (f"Anggaran sebesar {fmt_rupiah(total.pagu)} terealisasi {fmt_rupiah(total.realisasi)} "
                  f"atau {pct_or_dash(total.serapan)}.")
    elif total.pagu is not None:
        second = f"Anggaran sebesar {fmt_rupiah(total.pagu)}; realisasinya belum diisi."
    return Paragraphs(first, second)


def problems(ctx: ReportContext) -> Narrative | Paragraphs:
    return narrative(ctx.agency, "permasalahan") or Paragraphs("Uraian permasalahan belum diisi.")


def follow_up(ctx: ReportContext) -> Narrative | Paragraphs:
    return narrative(ctx.agency, "tindak_lanjut") or Paragraphs("Uraian tindak lanjut belum diisi.")


def closing_words(ctx: ReportContext) -> Optional[Narrative]:
    """The analyst's closing words, if any."""
    return narrative(ctx.agency, "penutup")


#: Left for a handwritten date when params give no ``tanggal_laporan``.
DATE_BLANK = "...................."


def signature_place_date(ctx: ReportContext) -> str:
    """"Payakumbuh, 20 Januari 2025" from params ``tanggal_laporan``; without it the day and month
    are left blank to be written by hand ("Payakumbuh, .................... 2025")."""
    prof = ctx.profile
    place = prof.report_city or prof.pemda_name
    if ctx.options.report_date is not None:
        return f"{place}, {fmt_date_id(ctx.options.report_date)}"
    return f"{place}, {DATE_BLANK} {ctx.year + 1}"


def signature(ctx: ReportContext) -> Signature:
    prof = ctx.profile
    return Signature(signature_place_date(ctx), prof.head_position or "Kepala " + prof.agency_name,
                     prof.head_name or "", prof.head_rank or "", prof.head_nip or "")
