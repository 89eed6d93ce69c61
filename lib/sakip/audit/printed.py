"""Figures printed in the source document (``printed.csv``) against the ones computed from the
inputs (``printed_mismatch``).

A printed number matches when it is the computed number rounded half-up to the decimals it is
printed with (``110,94`` for 51,53 / 46,45 × 100 = 110,9365). Amounts match to the rupiah.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Union

from sakip.audit._amounts import BudgetTree
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
from sakip.compute.capaian import Capaian, sasaran_capaian
from sakip.compute.kriteria import same_label, scale_from_config
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


def check_printed(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for row in ctx.agency.rows("printed"):
        finding = _check_one(ctx, row)
        if finding is not None:
            findings.append(finding)
    return findings


def _period(row: PrintedFigure) -> str:
    return getattr(row, "period", "TAHUN") or "TAHUN"


def _check_one(ctx: Context, row: PrintedFigure) -> Optional[Finding]:
    what = f"{FIELD_LABELS[row.field]} {_subject(ctx, row.ref)} {row.year}"
    if _period(row) != "TAHUN":
        what += f" {period_label(_period(row))}"
    location = ctx.location("printed", row, row.doc_ref)
    if row.field == "kriteria":
        expected = _kriteria(ctx, row)
        if expected is None or same_label(row.value, expected):
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
        amount = _amount(ctx, row)
        if amount is None or not isinstance(printed, NumberValue):
            return None
        if is_amount_equal(printed.value, amount, ctx.config):
            return None
        return _finding(ctx, row, location, what, rp(amount), rp(printed.value))
    if row.field in ("target", "realisasi", "standar_nasional"):
        candidates = _stated_values(ctx, row)
        if not candidates or any(_same_value(printed, c) for c in candidates):
            return None
        return _finding(ctx, row, location, what, perf_text(candidates[0]), row.value)
    computed = _derived(ctx, row)
    if computed is None or not isinstance(printed, NumberValue):
        return None
    if shown_equals(printed.value, computed):
        return None
    return _finding(ctx, row, location, what, pct(computed) if row.field != "efisiensi"
                    else num(computed), row.value)


def _finding(ctx: Context, row: PrintedFigure, location: str, what: str, expected: str,
             found: str) -> Finding:
    return ctx.finding(
        "printed_mismatch", "error", location, expected=expected, found=found, ref=row.ref,
        year=row.year,
        message=(f"{row.doc_ref} mencetak {what} = {found}, padahal dari data masukan "
                 f"nilainya {expected}."),
        suggestion=("Laporan yang dihasilkan memakai angka hasil hitung; bila angka tercetak "
                    "yang benar, betulkan data masukannya (target, realisasi, anggaran)."))


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


def _stated_values(ctx: Context, row: PrintedFigure) -> list[PerfValue]:
    """Values the printed target/realisasi/standard may legitimately show, first = in force."""
    period = _period(row)
    if row.field == "target":
        in_force = ctx.target_row(row.ref, row.year, period)
        values = [in_force.parsed] if in_force is not None and in_force.parsed else []
        values += [t.parsed for t in ctx.agency.rows("targets")
                   if t.indicator_id == row.ref and t.year == row.year and t.period == period
                   and t.parsed is not None]
        indicator = ctx.indicator(row.ref)
        akhir = parse_perf(indicator.target_akhir) if indicator is not None else None
        if values and akhir is not None:
            values.append(akhir)  # tables comparing with the Renstra's final target print it
        return values
    if row.field == "realisasi":
        value = ctx.agency.realisasi_value(row.ref, row.year, period)
        return [value] if value is not None else []
    standard = ctx.agency.national_standard(row.ref, row.year)
    return [standard.parsed] if standard is not None and standard.parsed is not None else []


def _amount(ctx: Context, row: PrintedFigure, field: Optional[str] = None) -> Optional[Decimal]:
    """Pagu or realisasi of a budget code, of a sasaran (its programmes) or of an indicator's
    budget line."""
    field = field or ("pagu" if row.field == "pagu" else "realisasi")
    tree = BudgetTree(ctx.agency, row.year)
    if row.ref in tree.by_code:
        return tree.effective(tree.by_code[row.ref], field)
    indicator = ctx.indicator(row.ref)
    if indicator is not None and indicator.budget_code in tree.by_code:
        return tree.effective(tree.by_code[indicator.budget_code], field)
    return tree.total(tree.sasaran_lines(row.ref), field)


def _capaian(ctx: Context, ref: str, year: int, period: str, renstra: bool = False) -> Capaian:
    indicator = ctx.indicator(ref)
    if indicator is not None:
        realisasi = ctx.agency.realisasi_value(ref, year, period)
        if renstra:
            targets = [parse_perf(indicator.target_akhir)]
        else:
            row = ctx.target_row(ref, year, period)
            targets = [row.parsed if row is not None else None]
        return ctx.capaian(indicator, targets[0], realisasi, year)
    indicators = ctx.agency.indicators_of(ref)
    if not indicators:
        return Capaian.unmeasurable("tidak dikenal")
    return sasaran_capaian([_capaian(ctx, i.indicator_id, year, period, renstra)
                            for i in indicators])


def _derived(ctx: Context, row: PrintedFigure) -> Optional[Decimal]:
    period = _period(row)
    if row.field in ("capaian", "capaian_renstra"):
        return _capaian(ctx, row.ref, row.year, period, renstra=row.field == "capaian_renstra").value
    # One definition of serapan and efisiensi for the report and the audit (sakip.compute.budget).
    absorbed = serapan(_amount(ctx, row, "pagu"), _amount(ctx, row, "realisasi"))
    return absorbed if row.field == "serapan" else efisiensi(absorbed)


def _kriteria(ctx: Context, row: PrintedFigure) -> Optional[str]:
    value = _capaian(ctx, row.ref, row.year, _period(row)).value
    scale = scale_from_config(ctx.config.kriteria).with_max(ctx.config.max_capaian)
    return None if value is None else scale.classify(value)
