"""Kata Pengantar, the foreword of an LKjIP: the analyst's own text when there is one, otherwise a
foreword generated from the year's numbers, marked for review in the working copy.

The analyst writes it in ``narrative/kata_pengantar.md`` (section ``kata_pengantar``). The
generated text follows the usual shape of an LKjIP foreword: the legal basis, what the report
covers, the year's results in one sentence each for performance and budget, and the closing
words; every figure comes from :mod:`sakip.analysis`.
"""

from __future__ import annotations

from typing import Optional

from sakip.analysis import overview
from sakip.analysis.context import ReportContext
from sakip.components.common import capaian_text, narrative, pct_or_dash
from sakip.components.elements import Callout, Narrative, Paragraphs, Signature
from sakip.components.penutup import signature as head_signature
from sakip.compute.formatting import fmt_int, fmt_rupiah
from sakip.compute.wording import mean_clause

#: Callout tone of a note meant for the working copy only; the official copy leaves it out
#: (sakip.report.copies).
REVIEW = "review"


def _written(ctx: ReportContext) -> Optional[Narrative]:
    return narrative(ctx.agency, "kata_pengantar")


def text(ctx: ReportContext) -> Narrative | Paragraphs:
    """The analyst's foreword, or one generated from the numbers of the year."""
    written = _written(ctx)
    if written is not None:
        return written
    prof = ctx.profile
    agency = f"{prof.agency_name} {prof.pemda_label}"
    figures = overview.year_overview(ctx)
    counts, mean, cover = figures.counts, figures.mean, figures.coverage
    opening = ("Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan "
               f"karunia-Nya Laporan Kinerja Instansi Pemerintah (LKjIP) {agency} Tahun {ctx.year} "
               "dapat diselesaikan.")
    basis = ("Laporan ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi "
             "serta pencapaian sasaran strategis yang ditetapkan dalam Rencana Strategis "
             f"{ctx.renstra_period} dan Perjanjian Kinerja Tahun {ctx.year}, sebagaimana diamanatkan "
             "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
             "Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
             "Nomor 53 Tahun 2014.")
    if counts.total and mean.value is None:  # nothing measured: no "0 indikator", no mean
        performance = (f"Pada Tahun {ctx.year}, capaian {fmt_int(counts.total)} indikator kinerja sasaran "
                       "strategis belum dapat diukur.")
    elif counts.total:
        performance = (f"Pada Tahun {ctx.year}, dari {fmt_int(counts.total)} indikator kinerja "
                       f"sasaran strategis, {fmt_int(counts.met)} indikator mencapai atau melampaui "
                       f"target, dengan {mean_clause(capaian_text(mean), cover.averaged, cover.total)}.")
    else:
        performance = f"Pada Tahun {ctx.year} belum ada indikator kinerja sasaran strategis yang diukur."
    total = ctx.budget_total
    budget = None
    if total.pagu is not None and total.realisasi is not None:
        budget = (f"Dari pagu anggaran {fmt_rupiah(total.pagu)}, realisasi anggaran mencapai "
                  f"{fmt_rupiah(total.realisasi)} atau {pct_or_dash(total.serapan)}.")
    elif total.pagu is not None:
        budget = f"Pagu anggaran Tahun {ctx.year} sebesar {fmt_rupiah(total.pagu)}; realisasinya belum diisi."
    closing = ("Kami menyadari bahwa laporan ini masih memiliki kekurangan. Saran dan masukan yang "
               "membangun kami harapkan untuk penyempurnaan laporan pada tahun berikutnya. Semoga "
               "laporan ini bermanfaat sebagai bahan evaluasi dan perbaikan kinerja ke depan.")
    return Paragraphs(opening, basis, " ".join(t for t in (performance, budget) if t), closing)


def review_note(ctx: ReportContext) -> Optional[Callout]:
    """For the working copy: the foreword was generated and must be read before signing."""
    if _written(ctx) is not None:
        return None
    return Callout("Kata pengantar ini disusun otomatis dari angka tahun ini. Tinjau isinya, atau "
                   "tulis kata pengantar pimpinan di narrative/kata_pengantar.md, sebelum laporan "
                   "ditandatangani. Catatan ini tidak tercetak pada salinan resmi.", REVIEW)


def signature(ctx: ReportContext) -> Signature:
    """The head of the agency signs the foreword, as at the end of BAB IV."""
    return head_signature(ctx)
