"""Figures printed in the source document (``printed.csv``) against the ones computed from the
inputs for the same period (``printed_mismatch``), and printed figures the inputs cannot
reproduce at all (``printed_uncomputable``).

A printed number matches when it is the computed number rounded half-up to the decimals it is
printed with (``110,94`` for 51,53 / 46,45 × 100 = 110,9365). Amounts match to the rupiah.

Every printed figure carries its period (``TAHUN`` or ``TW1``..``TW4``) and is compared with the
figure of that period, read by :mod:`sakip.compute.period` (the path the reports and the store
use): a TW II serapan is the keuangan realisasi s.d. TW II against the annual plan, never the
year's realisasi against the pagu; a TW II realisasi of a ``kumulatif`` indicator is its
running total s.d. TW II.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Union

from sakip.audit._amounts import BudgetTree, quarter_budget
from sakip.audit._common import (
    Context,
    is_amount_equal,
    num,
    parse_perf,
    pct,
    perf_text,
    period_label,
    rp,
    shown_equals,
)
from sakip.audit.findings import Finding
from sakip.compute.budget import efisiensi, serapan
from sakip.compute.capaian import REASON_NO_REALISASI, REASON_NO_TARGET, Capaian, sasaran_capaian
from sakip.compute.kriteria import same_label, scale_from_config
from sakip.compute.period import (
    capaian_in,
    indicator_capaian,
    numeric,
    quarter_of,
    realisasi_in,
    target_row,
)
from sakip.model.parsing import GradeValue, NumberValue, PerfValue, RangeValue
from sakip.model.rows import PrintedFigure

HUNDRED = Decimal(100)
AMOUNT_FIELDS = ("pagu", "realisasi_anggaran")
FIELD_LABELS = {
    "target": "target", "realisasi": "realisasi", "capaian": "capaian",
    "capaian_renstra": "capaian terhadap target akhir Renstra", "serapan": "serapan anggaran",
    "efisiensi": "efisiensi anggaran", "pagu": "pagu", "realisasi_anggaran": "realisasi anggaran",
    "kriteria": "kriteria", "standar_nasional": "standar nasional",
}

#: What a printed figure is compared with: a number, an amount, a label or a set of values.
Computed = Union[Decimal, str, PerfValue, list, None]

#: Why a printed figure has no computed counterpart (the message of ``printed_uncomputable``).
UNKNOWN_REF = "kode {ref} tidak dikenal sebagai indikator, sasaran atau kode anggaran"
UNIT_REF = ("kode {ref} adalah unit kerja; angka per unit kerja tidak dihitung (pakai kode "
            "indikator, sasaran atau kode anggaran)")
NO_TARGET = "tidak ada target {period} untuk {ref} di data masukan"
NO_REALISASI = "tidak ada realisasi {period} untuk {ref} di data masukan"
NO_STANDARD = "tidak ada standar nasional untuk {ref} di data masukan"
NO_PAGU = "tidak ada pagu untuk {ref} di tabel anggaran"
NO_BUDGET_REALISASI = "tidak ada realisasi anggaran untuk {ref} di tabel anggaran"
NO_QUARTER = "tidak ada data keuangan triwulan (budget_quarterly) {period} untuk {ref}"
NO_PLAN = "tidak ada pagu atau target keuangan tahunan untuk {ref}, sehingga serapan {period} tidak dapat dihitung"
NO_CAPAIAN = "capaian {period} tidak dapat dihitung dari data masukan ({reason})"
NO_TARGET_AKHIR = "indikator tidak memiliki target akhir Renstra"


def check_printed(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for row in ctx.agency.rows("printed"):
        finding = _check_one(ctx, row)
        if finding is not None:
            findings.append(finding)
    return findings


def _period(row: PrintedFigure) -> str:
    return getattr(row, "period", "TAHUN") or "TAHUN"


def _reason(template: str, row: PrintedFigure, **extra: str) -> str:
    period = "tahun " + str(row.year) if _period(row) == "TAHUN" else f"{period_label(_period(row))} {row.year}"
    return template.format(ref=row.ref, period=period, **extra)


def _known(ctx: Context, ref: str, year: int) -> bool:
    if ctx.indicator(ref) is not None or ctx.agency.indicators_of(ref):
        return True
    if any(s.sasaran_id == ref for s in ctx.agency.rows("sasaran")):
        return True
    if any(b.code == ref for b in ctx.agency.rows("budget")):
        return True
    return any(q.ref == ref for q in ctx.agency.rows("budget_quarterly"))


def _check_one(ctx: Context, row: PrintedFigure) -> Optional[Finding]:
    what = f"{FIELD_LABELS[row.field]} {_subject(ctx, row.ref)} {row.year}"
    if _period(row) != "TAHUN":
        what += f" {period_label(_period(row))}"
    location = ctx.location("printed", row, row.doc_ref)
    if not _known(ctx, row.ref, row.year):
        is_unit = any(u.unit_id == row.ref for u in ctx.agency.rows("units"))
        return _uncomputable(ctx, row, location, what,
                             _reason(UNIT_REF if is_unit else UNKNOWN_REF, row), unit=is_unit)
    if row.field == "kriteria":
        expected, why = _kriteria(ctx, row)
        if expected is None:
            return _uncomputable(ctx, row, location, what, why)
        if same_label(row.value, expected):
            return None
        return _finding(ctx, row, location, what, expected, row.value)
    printed = parse_perf(row.value)
    if printed is None:
        return ctx.finding(
            "printed_mismatch", "warning", location, expected="angka", found=row.value,
            ref=row.ref, year=row.year,
            message=f"Angka tercetak {what} \"{row.value}\" tidak dapat dibaca sebagai angka.",
            suggestion=("Salin angka persis seperti tercetak dengan format Indonesia "
                        "(1.024,07); bila cetakannya sendiri rusak, catat di kolom doc_ref."))
    if row.field in AMOUNT_FIELDS:
        amount, why = _amount(ctx, row)
        if amount is None:
            return _uncomputable(ctx, row, location, what, why)
        if not isinstance(printed, NumberValue) or is_amount_equal(printed.value, amount, ctx.config):
            return None
        return _finding(ctx, row, location, what, rp(amount), rp(printed.value),
                        _within_hint(ctx, row, printed))
    if row.field in ("target", "realisasi", "standar_nasional"):
        candidates, why = _stated_values(ctx, row)
        if not candidates:
            return _uncomputable(ctx, row, location, what, why)
        if any(_same_value(printed, c) for c in candidates):
            return None
        return _finding(ctx, row, location, what, perf_text(candidates[0]), row.value,
                        _within_hint(ctx, row, printed))
    computed, why = _derived(ctx, row)
    if computed is None:
        return _uncomputable(ctx, row, location, what, why)
    if not isinstance(printed, NumberValue) or shown_equals(printed.value, computed):
        return None
    return _finding(ctx, row, location, what, pct(computed) if row.field != "efisiensi"
                    else num(computed), row.value, _within_hint(ctx, row, printed))


def _finding(ctx: Context, row: PrintedFigure, location: str, what: str, expected: str,
             found: str, hint: str = "") -> Finding:
    return ctx.finding(
        "printed_mismatch", "error", location, expected=expected, found=found, ref=row.ref,
        year=row.year,
        message=(f"{row.doc_ref} mencetak {what} = {found}, padahal dari data masukan "
                 f"nilainya {expected}.{hint}"),
        suggestion=("Laporan yang dihasilkan memakai angka hasil hitung; bila angka tercetak "
                    "yang benar, betulkan data masukannya (target, realisasi, anggaran)."))


def _uncomputable(ctx: Context, row: PrintedFigure, location: str, what: str,
                  why: str, *, unit: bool = False) -> Finding:
    """A printed figure with nothing to check it against. Missing data is a warning; a figure
    keyed by a unit kerja (which the software does not total) is only noted (info), with a
    suggestion to check it by hand."""
    suggestion = ("Lengkapi data masukan yang menjadi dasar angka ini (target, realisasi, "
                  "anggaran atau data triwulan), atau periksa apakah angka tercetak merujuk "
                  "kode, tahun dan periode yang benar.")
    if unit:
        suggestion = ("Periksa angka ini secara manual, atau catat dengan kode anggaran, sasaran "
                      "atau indikator yang dijumlahkannya agar dapat diperiksa otomatis.")
    return ctx.finding(
        "printed_uncomputable", "info" if unit else "warning", location,
        expected="tidak dapat dihitung", found=row.value, ref=row.ref, year=row.year,
        message=(f"{row.doc_ref} mencetak {what} = {row.value}, tetapi angka itu tidak dapat "
                 f"dihitung dari data masukan: {why}."),
        suggestion=suggestion)


def _subject(ctx: Context, ref: str) -> str:
    indicator = ctx.indicator(ref)
    if indicator is not None:
        return f"\"{indicator.name}\""
    sasaran = {s.sasaran_id: s for s in ctx.agency.rows("sasaran")}.get(ref)
    if sasaran is not None:
        return f"sasaran \"{sasaran.statement}\""
    for line in ctx.agency.rows("budget"):
        if line.code == ref:
            return f"{ref} \"{line.name}\""
    return ref


def _same_value(printed: PerfValue, stated: PerfValue) -> bool:
    if isinstance(printed, NumberValue) and isinstance(stated, NumberValue):
        return shown_equals(printed.value, stated.value) or printed.value == stated.value
    if isinstance(printed, RangeValue) and isinstance(stated, RangeValue):
        return printed.low == stated.low and printed.high == stated.high
    if isinstance(printed, GradeValue) and isinstance(stated, GradeValue):
        return printed.grade == stated.grade
    return printed == stated


def _stated_values(ctx: Context, row: PrintedFigure) -> tuple[list[PerfValue], str]:
    """Values the printed target/realisasi/standard may legitimately show (first = in force),
    and why there are none."""
    period = _period(row)
    if row.field == "target":
        in_force = target_row(ctx.agency, row.ref, row.year, period)
        values = [in_force.parsed] if in_force is not None and in_force.parsed else []
        values += [t.parsed for t in ctx.agency.rows("targets")
                   if t.indicator_id == row.ref and t.year == row.year and t.period == period
                   and t.parsed is not None]
        indicator = ctx.indicator(row.ref)
        akhir = parse_perf(indicator.target_akhir) if indicator is not None else None
        if values and akhir is not None:
            values.append(akhir)  # tables comparing with the Renstra's final target print it
        return values, _reason(NO_TARGET, row)
    if row.field == "realisasi":
        indicator = ctx.indicator(row.ref)
        value = None if indicator is None else realisasi_in(ctx.agency, indicator, row.year, period)
        return ([value] if value is not None else []), _reason(NO_REALISASI, row)
    standard = ctx.agency.national_standard(row.ref, row.year)
    values = [standard.parsed] if standard is not None and standard.parsed is not None else []
    return values, _reason(NO_STANDARD, row)


def _amount(ctx: Context, row: PrintedFigure, field: Optional[str] = None) -> tuple[Optional[Decimal], str]:
    """Pagu or realisasi of a budget code, of a sasaran (its programmes) or of an indicator's
    budget line, in the row's period; and why there is none.

    The year: the budget table (a line's own figure, else the sum of its children). A quarter
    (:func:`sakip.audit._amounts.quarter_budget`): the realisasi is the keuangan realisasi s.d.
    the quarter; the pagu (an annual figure in any table) is the annual plan of the period path.
    """
    field = field or ("pagu" if row.field == "pagu" else "realisasi")
    period = _period(row)
    if quarter_of(period) is not None:
        figure = quarter_budget(ctx.agency, row.ref, row.year, period)
        if figure is None:
            return None, _reason(NO_QUARTER, row)
        if field == "pagu":
            return figure.plan.amount, _reason(NO_PLAN, row)
        return figure.realisasi, _reason(NO_QUARTER, row)
    tree = BudgetTree(ctx.agency, row.year)
    why = _reason(NO_PAGU if field == "pagu" else NO_BUDGET_REALISASI, row)
    if row.ref in tree.by_code:
        return tree.effective(tree.by_code[row.ref], field), why
    indicator = ctx.indicator(row.ref)
    if indicator is not None and indicator.budget_code in tree.by_code:
        return tree.effective(tree.by_code[indicator.budget_code], field), why
    return tree.total(tree.sasaran_lines(row.ref), field), why


def _capaian(ctx: Context, ref: str, year: int, period: str, renstra: bool = False) -> Capaian:
    """The capaian of an indicator (or the mean over a sasaran's indicators) in a period, as the
    report computes it (:func:`sakip.compute.period.capaian_in`)."""
    indicator = ctx.indicator(ref)
    if indicator is not None:
        if renstra:
            return indicator_capaian(indicator, parse_perf(indicator.target_akhir),
                                     realisasi_in(ctx.agency, indicator, year, period))
        return capaian_in(ctx.agency, indicator, year, period)
    indicators = ctx.agency.indicators_of(ref)
    if not indicators:
        return Capaian.unmeasurable("tidak dikenal")
    return sasaran_capaian([_capaian(ctx, i.indicator_id, year, period, renstra)
                            for i in indicators])


def _capaian_reason(ctx: Context, row: PrintedFigure, capaian: Capaian) -> str:
    if capaian.reason == REASON_NO_TARGET:
        return _reason(NO_TARGET, row)
    if capaian.reason == REASON_NO_REALISASI:
        return _reason(NO_REALISASI, row)
    indicator = ctx.indicator(row.ref)
    if row.field == "capaian_renstra" and indicator is not None and not indicator.target_akhir:
        return NO_TARGET_AKHIR
    return _reason(NO_CAPAIAN, row, reason=capaian.reason or "tidak dapat diukur")


def _derived(ctx: Context, row: PrintedFigure) -> tuple[Optional[Decimal], str]:
    period = _period(row)
    if row.field in ("capaian", "capaian_renstra"):
        capaian = _capaian(ctx, row.ref, row.year, period, renstra=row.field == "capaian_renstra")
        return capaian.value, _capaian_reason(ctx, row, capaian)
    # One definition of serapan and efisiensi for the report and the audit (sakip.compute.budget
    # for the year, sakip.compute.period for a quarter: realisasi s.d. the quarter / annual plan).
    if quarter_of(period) is not None:
        figure = quarter_budget(ctx.agency, row.ref, row.year, period)
        if figure is None:
            return None, _reason(NO_QUARTER, row)
        absorbed = figure.serapan
        why = _reason(NO_PLAN if figure.plan.amount is None else NO_QUARTER, row)
    else:
        pagu, why_pagu = _amount(ctx, row, "pagu")
        realisasi, why_real = _amount(ctx, row, "realisasi")
        absorbed = serapan(pagu, realisasi)
        why = why_pagu if pagu is None else why_real
    return (absorbed if row.field == "serapan" else efisiensi(absorbed)), why


def _kriteria(ctx: Context, row: PrintedFigure) -> tuple[Optional[str], str]:
    capaian = _capaian(ctx, row.ref, row.year, _period(row))
    if capaian.value is None:
        return None, _capaian_reason(ctx, row, capaian)
    scale = scale_from_config(ctx.config.kriteria).with_max(ctx.config.max_capaian)
    return scale.classify(capaian.value), ""


def _within_hint(ctx: Context, row: PrintedFigure, printed: PerfValue) -> str:
    """A sentence when a wrong quarterly figure is exactly the figure *within* the quarter (a
    per-quarter value printed where the document's convention is s.d. triwulan)."""
    period = _period(row)
    if quarter_of(period) in (None, 1) or not isinstance(printed, NumberValue):
        return ""
    within: Optional[Decimal] = None
    if row.field in ("realisasi_anggaran", "serapan"):
        figure = quarter_budget(ctx.agency, row.ref, row.year, period)
        if figure is not None:
            within = figure.realisasi_within if row.field == "realisasi_anggaran" else figure.serapan_within
    elif row.field == "realisasi":
        indicator = ctx.indicator(row.ref)
        if indicator is not None:
            within = numeric(realisasi_in(ctx.agency, indicator, row.year, period, "dalam"))
    if within is None:
        return ""
    same = (is_amount_equal(printed.value, within, ctx.config) if row.field == "realisasi_anggaran"
            else shown_equals(printed.value, within))
    if not same:
        return ""
    return (f" Angka tercetak sama dengan nilai dalam {period_label(period)} saja; "
            "angka triwulan dibaca sebagai nilai s.d. triwulan (kumulatif).")
