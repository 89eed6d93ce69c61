"""The budget of the Perjanjian Kinerja (PK) against the budget table.

``pk_budget_mismatch``: a PK line tied to a budget code must carry that line's pagu (the pagu
after perubahan, or the pagu murni for a PK signed before the perubahan).
``pk_total``: the PK's printed TOTAL must be the sum of its lines, and the head of the agency's
PK, when it lists programmes, must add up to the agency's whole budget.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sakip.audit._amounts import BudgetTree
from sakip.audit._common import Context, all_present, is_amount_equal, rp
from sakip.audit.findings import Finding
from sakip.model.rows import PkBudget


def check_pk_budget(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    trees: dict[int, BudgetTree] = {}
    for row in ctx.agency.rows("pk_budget"):
        if row.is_total or row.budget_code is None or row.amount is None:
            continue
        tree = trees.setdefault(row.year, BudgetTree(ctx.agency, row.year))
        line = tree.by_code.get(row.budget_code)
        if line is None:
            continue
        pagu = tree.effective(line, "pagu")
        murni = tree.effective(line, "pagu_murni")
        candidates = [v for v in (pagu, murni) if v is not None]
        if not candidates or any(is_amount_equal(row.amount, v, ctx.config) for v in candidates):
            continue
        expected = pagu if pagu is not None else murni
        assert expected is not None
        findings.append(ctx.finding(
            "pk_budget_mismatch", "error", ctx.location("pk_budget", row),
            expected=rp(expected), found=rp(row.amount), ref=row.budget_code, year=row.year,
            message=(f"Perjanjian Kinerja {row.year} ({row.unit_id}) mencantumkan \"{row.name}\" "
                     f"sebesar {rp(row.amount)}, sedangkan pagu {line.code} \"{line.name}\" di "
                     f"tabel anggaran {rp(expected)} (selisih {rp(row.amount - expected)})."),
            suggestion=("Cocokkan angka PK dengan DPA/DPPA: bila PK yang ditandatangani memang "
                        "memuat angka ini, catat di laporan bahwa PK belum mengikuti pagu "
                        "terakhir; bila salah ketik, betulkan tabel pk_budget.")))
    findings.extend(_totals(ctx, trees))
    return findings


def _totals(ctx: Context, trees: dict[int, BudgetTree]) -> list[Finding]:
    findings: list[Finding] = []
    groups: dict[tuple[str, int], list[PkBudget]] = defaultdict(list)
    for row in ctx.agency.rows("pk_budget"):
        groups[(row.unit_id, row.year)].append(row)
    heads = {u.unit_id for u in ctx.agency.rows("units")
             if u.kind == "kepala" or u.parent_unit_id is None}
    for (unit_id, year), rows in groups.items():
        items = [r for r in rows if not r.is_total]
        totals = [r for r in rows if r.is_total]
        amounts = [r.amount for r in items]
        items_sum = (sum(amounts, Decimal(0)) if items and all_present(amounts)
                     else None)
        mismatched = _mismatch_sum(ctx, items, trees.get(year) or BudgetTree(ctx.agency, year))
        inconsistent = False
        for total in totals:
            if total.amount is None or items_sum is None:
                continue
            if is_amount_equal(total.amount, items_sum, ctx.config):
                continue
            inconsistent = True
            diff = total.amount - items_sum
            why = ""
            if mismatched is not None and is_amount_equal(-mismatched, diff, ctx.config):
                why = (" Selisih ini sama dengan selisih baris PK yang tidak cocok dengan tabel "
                       "anggaran (lihat pk_budget_mismatch).")
            findings.append(ctx.finding(
                "pk_total", "error", ctx.location("pk_budget", [*items, total]),
                expected=rp(items_sum), found=rp(total.amount), ref=unit_id, year=year,
                message=(f"Baris TOTAL Perjanjian Kinerja {year} ({unit_id}) {rp(total.amount)}, "
                         f"padahal {len(items)} baris di atasnya berjumlah {rp(items_sum)} "
                         f"(selisih {rp(diff)}).{why}"),
                suggestion="Periksa angka tiap program di PK dan jumlahnya pada dokumen PK."))
        if inconsistent or unit_id not in heads or year not in _years_with_budget(ctx):
            # an inconsistent PK is reported once, above
            continue
        tree = trees.get(year) or BudgetTree(ctx.agency, year)
        codes = [r.budget_code for r in items]
        if not items or any(c is None or c not in tree.by_code or tree.by_code[c].level != "program"
                            for c in codes):
            continue
        stated = totals[0].amount if totals and totals[0].amount is not None else items_sum
        pagu, murni = tree.agency_total("pagu"), tree.agency_total("pagu_murni")
        if stated is None or pagu is None:
            continue
        if any(v is not None and is_amount_equal(stated, v, ctx.config) for v in (pagu, murni)):
            continue
        where = totals[0] if totals and totals[0].amount is not None else items
        findings.append(ctx.finding(
            "pk_total", "error", ctx.location("pk_budget", where),
            expected=rp(pagu), found=rp(stated), ref=unit_id, year=year,
            message=(f"Anggaran program dalam Perjanjian Kinerja {year} kepala perangkat daerah "
                     f"berjumlah {rp(stated)}, sedangkan pagu seluruh program di tabel anggaran "
                     f"{rp(pagu)} (selisih {rp(stated - pagu)})."),
            suggestion=("PK kepala perangkat daerah memuat seluruh program: periksa program yang "
                        "tertinggal atau angka yang salah di PK.")))
    return findings


def _years_with_budget(ctx: Context) -> set[int]:
    return {b.year for b in ctx.agency.rows("budget")}


def _mismatch_sum(ctx: Context, items: list[PkBudget], tree: BudgetTree) -> Decimal | None:
    """Sum of (PK amount - budget pagu) over PK lines that disagree with the budget table."""
    total = Decimal(0)
    for row in items:
        line = tree.by_code.get(row.budget_code) if row.budget_code else None
        if line is None or row.amount is None:
            continue
        pagu = tree.effective(line, "pagu")
        if pagu is not None and not is_amount_equal(row.amount, pagu, ctx.config):
            total += row.amount - pagu
    return total or None
