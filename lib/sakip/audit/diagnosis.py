"""Which known way of computing reproduces a wrong printed figure.

When a figure printed in the source document (``printed.csv``) is not the one the inputs give
(``printed_mismatch``), the analyst needs to know *why* before correcting it. Each method below
is computed from the same inputs; the first whose result, rounded to the decimals the figure is
printed with, is the printed figure names the mistake; when none does, the finding says so.

Capaian of an indicator (T target, R realisasi, as entered):

* ``T/R`` where the rule is ``R/T`` (target and realisasi swapped), or ``T/R`` where a
  lower-is-better indicator takes ``(2T−R)/T``; ``R/T`` for a lower-is-better indicator;
  ``(2T−R)/T`` for a higher-is-better one;
* the realisasi (or the target) rounded before dividing (0 or 1 decimal);
* the previous year's capaian, or last year's realisasi against this year's target;
* against the Renstra end target instead of the year's target (and the reverse);
* the realisasi, or the target, printed in the capaian column; ``R/T`` without ×100;
* computed from the realisasi printed elsewhere in the same table (seed 004 Tabel 3.7:
  141,79 / 93,75 = 151,24%);
* capped at 100%, or not capped when the indicator has a cap.

Capaian of a sasaran: the lowest indicator instead of the mean (and the reverse).
Serapan (and efisiensi = 100 − serapan): the mean of the percentages of the lines below
(programmes, kegiatan, sub kegiatan) instead of Σ realisasi / Σ pagu; the pagu murni (before
the change) instead of the pagu; the previous year's. Any number: the previous year's value.

Typing: a thousands dot read as a decimal comma (``4,070`` for 4.070), two adjacent digits
swapped (``101,94`` for 110,94).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Optional

from sakip.audit._amounts import BudgetTree
from sakip.audit._common import Context, num, parse_perf, places, round_half_up, shown_equals
from sakip.audit.findings import Finding
from sakip.compute.budget import serapan
from sakip.compute.capaian import sasaran_capaian
from sakip.model.parsing import NumberValue, PerfValue
from sakip.model.rows import Indikator, PrintedFigure

HUNDRED = Decimal(100)

#: A candidate: what was (probably) done, and the number it gives.
Candidate = tuple[str, Optional[Decimal]]


def first_match(printed: Decimal, candidates: Iterable[Candidate]) -> Optional[str]:
    """The description of the first candidate whose value, rounded as printed, is the printed
    number."""
    for description, value in candidates:
        if value is not None and shown_equals(printed, value):
            return description
    return None


def typing_slip(printed_text: str, printed: Decimal, computed: Decimal) -> Optional[str]:
    """A typing slip: a thousands dot typed as a decimal comma ("4,070" for 4.070), or two adjacent
    digits swapped ("101,94" for 110,94); None otherwise."""
    for factor in (Decimal(1000), Decimal("0.001")):
        if printed * factor == round_half_up(computed, max(0, places(printed) - (3 if factor > 1 else -3))):
            return (f"tanda pemisah ribuan diketik sebagai koma desimal ({printed_text} untuk "
                    f"{num(computed)})" if factor > 1 else
                    f"koma desimal diketik sebagai pemisah ribuan ({printed_text} untuk {num(computed)})")
    p = places(printed)
    a = format(abs(printed), f".{p}f").replace(".", "")
    b = format(abs(round_half_up(computed, p)), f".{p}f").replace(".", "")
    if len(a) == len(b) and a != b:
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return f"dua angka yang bersebelahan tertukar ({printed_text} untuk {num(computed)})"
    return None


def _n(value: Optional[PerfValue]) -> Optional[Decimal]:
    return value.value if isinstance(value, NumberValue) else None


def _ratio(a: Optional[Decimal], b: Optional[Decimal]) -> Optional[Decimal]:
    return None if a is None or b is None or b == 0 else a / b * HUNDRED


def _target(ctx: Context, indicator_id: str, year: int, period: str) -> Optional[Decimal]:
    row = ctx.target_row(indicator_id, year, period)
    return None if row is None else _n(row.parsed)


def indicator_capaian_candidates(ctx: Context, indicator: Indikator, year: int, period: str = "TAHUN",
                                 renstra: bool = False,
                                 printed_realisasi: Sequence[tuple[str, Decimal]] = ()) -> list[Candidate]:
    """The ways a capaian of ``indicator`` may have been computed wrongly (module docstring)."""
    iid = indicator.indicator_id
    r = _n(ctx.agency.realisasi_value(iid, year, period))
    t_year = _target(ctx, iid, year, period)
    t_end = _n(parse_perf(indicator.target_akhir))
    t = t_end if renstra else t_year
    prev_r = _n(ctx.agency.realisasi_value(iid, year - 1, period))
    prev_t = _target(ctx, iid, year - 1, period)
    out: list[Candidate] = []
    lower = indicator.polarity == "lower"
    if t is not None and r is not None:
        if lower:
            out.append(("rumus T/R × 100, padahal indikator makin rendah makin baik memakai (2T−R)/T × 100",
                        _ratio(t, r)))
            out.append(("rumus R/T × 100 (makin tinggi makin baik), padahal indikator ini makin rendah "
                        "makin baik", _ratio(r, t)))
        else:
            out.append(("target dan realisasi tertukar (T/R × 100 alih-alih R/T × 100)", _ratio(t, r)))
            out.append(("rumus (2T−R)/T × 100 (makin rendah makin baik), padahal indikator ini makin "
                        "tinggi makin baik", (2 * t - r) / t * HUNDRED if t else None))
        for k in (0, 1):
            if round_half_up(r, k) != r:
                out.append((f"realisasi dibulatkan ke {k} desimal ({num(round_half_up(r, k))}) sebelum dibagi",
                            _ratio(round_half_up(r, k), t)))
            if round_half_up(t, k) != t:
                out.append((f"target dibulatkan ke {k} desimal ({num(round_half_up(t, k))}) sebelum dibagi",
                            _ratio(r, round_half_up(t, k))))
        out.append(("realisasi dibagi target tanpa dikali 100", r / t if t else None))
        if indicator.capaian_cap is None:
            out.append(("capaian dibatasi 100%", min(HUNDRED, _ratio(r, t) or HUNDRED)))
        else:
            out.append((f"capaian tanpa batas {num(indicator.capaian_cap)}%", _ratio(r, t)))
    if renstra and t_year is not None:
        out.append(("realisasi dibandingkan target tahun ini, bukan target akhir Renstra", _ratio(r, t_year)))
    if not renstra and t_end is not None:
        out.append(("realisasi dibandingkan target akhir Renstra, bukan target tahun ini", _ratio(r, t_end)))
    for where, printed_r in printed_realisasi:
        if r is None or printed_r != r:
            shown = num(printed_r, 4, typed=True)
            out.append((f"dihitung dari realisasi yang tercetak {shown} ({where})", _ratio(printed_r, t)))
            out.append((f"realisasi yang tercetak {shown} ({where}) tercetak di kolom capaian", printed_r))
    out.append((f"capaian Tahun {year - 1}", _ratio(prev_r, prev_t)))
    out.append((f"realisasi Tahun {year - 1} dibagi target Tahun {year}", _ratio(prev_r, t)))
    out.append(("angka realisasi tercetak di kolom capaian", r))
    out.append(("angka target tercetak di kolom capaian", t))
    return out


def sasaran_capaian_candidates(ctx: Context, sasaran_id: str, year: int, period: str = "TAHUN") -> list[Candidate]:
    items = [ctx.capaian(i, ctx.target_row(i.indicator_id, year, period).parsed
                         if ctx.target_row(i.indicator_id, year, period) else None,
                         ctx.agency.realisasi_value(i.indicator_id, year, period), year)
             for i in ctx.agency.indicators_of(sasaran_id)]
    out: list[Candidate] = [("capaian indikator terendah, bukan rata-rata", sasaran_capaian(items, "min").value)]
    values = [c.value for c in items if c.value is not None]
    if values:
        out.append(("capaian indikator tertinggi, bukan rata-rata", max(values)))
    return out


def _lines_below(tree: BudgetTree, ref: str) -> list[list]:
    """Groups of lines whose percentages someone may have averaged: the children of a budget
    line, or of a sasaran's lines, level by level."""
    if ref in tree.by_code:
        top = [tree.by_code[ref]]
    else:
        top = tree.sasaran_lines(ref) or (tree.programs if ref == "*" else [])
    groups, level = [], top
    while level:
        children = [k for line in level for k in tree.children.get(line.code, [])]
        if len(level) > 1:
            groups.append(level)
        level = children
    return groups


def serapan_candidates(ctx: Context, ref: str, year: int, efisiensi: bool = False) -> list[Candidate]:
    """The ways a serapan (or efisiensi, 100 − serapan) of a budget code, a sasaran or an
    indicator's budget line may have been computed wrongly."""
    tree = BudgetTree(ctx.agency, year)
    indicator = ctx.indicator(ref)
    code = indicator.budget_code if indicator is not None and indicator.budget_code else ref
    out: list[Candidate] = []
    for group in _lines_below(tree, code):
        shares = [serapan(tree.effective(b, "pagu"), tree.effective(b, "realisasi")) for b in group]
        known = [s for s in shares if s is not None]
        if known:
            level = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}.get(
                group[0].level, "rincian")
            out.append((f"rata-rata persentase serapan {len(known)} {level}, bukan jumlah realisasi dibagi "
                        "jumlah pagu", sum(known, Decimal(0)) / len(known)))
    lines = [tree.by_code[code]] if code in tree.by_code else tree.sasaran_lines(code)
    murni = tree.total(lines, "pagu_murni")
    if murni is not None:
        out.append(("dibagi pagu murni (sebelum perubahan), bukan pagu setelah perubahan",
                    serapan(murni, tree.total(lines, "realisasi"))))
    last = BudgetTree(ctx.agency, year - 1)
    last_lines = [last.by_code[code]] if code in last.by_code else last.sasaran_lines(code)
    if last_lines:
        out.append((f"serapan Tahun {year - 1}", serapan(last.total(last_lines, "pagu"),
                                                         last.total(last_lines, "realisasi"))))
    if efisiensi:
        out = [(d, None if v is None else HUNDRED - v) for d, v in out]
        out.append(("angka serapan tercetak di kolom efisiensi", serapan(tree.total(lines, "pagu"),
                                                                          tree.total(lines, "realisasi"))))
    return out


def value_candidates(ctx: Context, row: PrintedFigure) -> list[Candidate]:
    """For a printed target, realisasi or standard: last year's value, the other stated values."""
    period = row.period or "TAHUN"
    out: list[Candidate] = []
    if row.field == "realisasi":
        out.append((f"realisasi Tahun {row.year - 1}", _n(ctx.agency.realisasi_value(row.ref, row.year - 1, period))))
        out.append((f"target Tahun {row.year}", _target(ctx, row.ref, row.year, period)))
    elif row.field == "target":
        out.append((f"target Tahun {row.year - 1}", _target(ctx, row.ref, row.year - 1, period)))
        out.append((f"realisasi Tahun {row.year}", _n(ctx.agency.realisasi_value(row.ref, row.year, period))))
    return out


def explain(ctx: Context, row: PrintedFigure, computed: Optional[Decimal]) -> Optional[str]:
    """Why a printed figure differs from the computed one: the method that reproduces it, a
    typing slip, or None when nothing known does."""
    printed = _n(parse_perf(row.value))
    if printed is None:
        return None
    period = row.period or "TAHUN"
    candidates: list[Candidate] = []
    if row.field in ("capaian", "capaian_renstra"):
        indicator = ctx.indicator(row.ref)
        if indicator is not None:
            printed_r = [(p.doc_ref, v) for p in ctx.agency.rows("printed")
                         if p.ref == row.ref and p.year == row.year and p.field == "realisasi"
                         and (p.period or "TAHUN") == period and (v := _n(parse_perf(p.value))) is not None]
            printed_r.sort(key=lambda item: item[0] != row.doc_ref)  # the same table first
            candidates = indicator_capaian_candidates(ctx, indicator, row.year, period,
                                                      renstra=row.field == "capaian_renstra",
                                                      printed_realisasi=printed_r)
        else:
            candidates = sasaran_capaian_candidates(ctx, row.ref, row.year, period)
    elif row.field in ("serapan", "efisiensi"):
        candidates = serapan_candidates(ctx, row.ref, row.year, efisiensi=row.field == "efisiensi")
    elif row.field in ("target", "realisasi"):
        candidates = value_candidates(ctx, row)
    slip = typing_slip(row.value.strip(), printed, computed) if computed is not None else None
    if slip is not None and "ribuan" in slip:
        return slip  # "4,070" for 4.070: the separator, even when the realisasi reads 4,07
    return first_match(printed, candidates) or slip


def _row_of(ctx: Context, finding: Finding) -> Optional[PrintedFigure]:
    for row in ctx.agency.rows("printed"):
        if (row.ref == finding.ref and row.year == finding.year and row.value == finding.found
                and ctx.location("printed", row, row.doc_ref) == finding.location):
            return row
    return None


def annotate(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """The ``printed_mismatch`` findings with the method that reproduces each printed figure, or
    the statement that no known method does (other findings unchanged)."""
    out = []
    for f in findings:
        row = _row_of(ctx, f) if f.code == "printed_mismatch" and f.severity == "error" else None
        if row is None or row.field in ("pagu", "realisasi_anggaran", "kriteria", "standar_nasional"):
            out.append(f)
            continue
        computed = _n(parse_perf(f.expected))
        reason = explain(ctx, row, computed)
        note = (f" Angka tercetak itu dihasilkan oleh: {reason}." if reason else
                " Tidak ada cara hitung keliru yang dikenal (T/R, rata-rata persentase, pembulatan sebelum "
                "membagi, target dan realisasi tertukar, angka tahun sebelumnya) yang menghasilkan angka ini.")
        out.append(dataclasses.replace(f, message=f.message + note))
    return out


__all__ = ["Candidate", "annotate", "explain", "first_match", "indicator_capaian_candidates",
           "sasaran_capaian_candidates", "serapan_candidates", "typing_slip", "value_candidates"]
