"""Budget roll-ups: sub kegiatan -> kegiatan -> programme -> the agency's total (``budget_rollup``).

A parent is compared only when it carries its own figure: an empty parent *is* the sum of its
children by definition. The agency total is the APBD "Jumlah Belanja" row when there is one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from sakip.audit._amounts import AMOUNT_FIELDS, FIELD_LABELS, BudgetTree, budget_years
from sakip.audit._common import (
    Context,
    all_present,
    cap,
    is_amount_equal,
    merge_by_culprit,
    rp,
)
from sakip.audit.findings import Finding
from sakip.model.rows import ApbdLine

LEVEL_LABELS = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
CHILD_LEVEL = {"program": "kegiatan", "kegiatan": "sub kegiatan"}
_SPENDING_TOTAL = re.compile(r"\b(jumlah|total)\s+belanja\b", re.IGNORECASE)


def check_budget_rollup(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for year in budget_years(ctx.agency):
        tree = BudgetTree(ctx.agency, year)
        violations: list[tuple[frozenset, Finding]] = []
        for parent in tree.lines:
            kids = tree.children.get(parent.code, [])
            if not kids:
                continue
            for field in AMOUNT_FIELDS:
                own = getattr(parent, field)
                total = tree.children_sum(parent, field)
                if own is None or total is None or is_amount_equal(own, total, ctx.config):
                    continue
                label = FIELD_LABELS[field]
                kind = LEVEL_LABELS[parent.level]
                cells = frozenset({(parent.code, field), *((k.code, field) for k in kids)})
                violations.append((cells, ctx.finding(
                    "budget_rollup", "error", ctx.location("budget", parent, parent.doc_ref),
                    expected=rp(total), found=rp(own), ref=parent.code, year=year,
                    message=(f"{cap(label)} {kind} {parent.code} \"{parent.name}\" tahun "
                             f"{year} tercatat {rp(own)}, padahal jumlah {label} "
                             f"{len(kids)} {CHILD_LEVEL.get(parent.level, 'anak')} di bawahnya "
                             f"{rp(total)} (selisih {rp(own - total)})."),
                    suggestion=(f"Periksa {label} {kind} ini dan rincian di bawahnya pada dokumen "
                                "sumber (DPA/laporan realisasi); betulkan angka yang salah ketik "
                                "atau tambahkan rincian yang belum dimasukkan."))))
        findings.extend(merge_by_culprit(violations))
        findings.extend(_agency_total(ctx, tree))
    return findings


def _spending_totals(ctx: Context, year: int) -> list[ApbdLine]:
    return [a for a in ctx.agency.rows("apbd") if a.year == year and a.is_total
            and _SPENDING_TOTAL.search(a.name)]


def _agency_total(ctx: Context, tree: BudgetTree) -> list[Finding]:
    findings = []
    for row in _spending_totals(ctx, tree.year):
        for apbd_field, field in (("after", "pagu"), ("before", "pagu_murni")):
            stated = getattr(row, apbd_field)
            total = tree.agency_total(field)
            if stated is None or total is None or is_amount_equal(abs(stated), total, ctx.config):
                continue
            accounts = _spending_accounts(ctx, tree.year, apbd_field)
            if accounts is not None and not is_amount_equal(abs(stated), accounts, ctx.config):
                continue  # the APBD total contradicts its own accounts: a table_total finding
            label = FIELD_LABELS[field]
            findings.append(ctx.finding(
                "budget_rollup", "error", ctx.location("apbd", row),
                expected=rp(total), found=rp(stated), year=tree.year, ref=None,
                message=(f"Baris \"{row.name}\" APBD {tree.year} "
                         f"({'setelah' if apbd_field == 'after' else 'sebelum'} perubahan) "
                         f"{rp(stated)}, sedangkan {label} seluruh {len(tree.programs)} program "
                         f"di tabel anggaran berjumlah {rp(total)} "
                         f"(selisih {rp(abs(stated) - total)})."),
                suggestion=("Pastikan semua program perangkat daerah ada di tabel anggaran "
                            "dengan pagu yang benar, atau betulkan jumlah belanja APBD.")))
    return findings




def _spending_accounts(ctx: Context, year: int, field: str) -> Optional[Decimal]:
    """Sum of the top-level spending accounts (code 5...) of the APBD, own figures or their
    children's; ``None`` when not available."""
    coded = [a for a in ctx.agency.rows("apbd") if a.year == year and not a.is_total]
    codes = {a.account_code for a in coded}

    def parent(code: str) -> Optional[str]:
        parts = code.split(".")
        for n in range(len(parts) - 1, 0, -1):
            if ".".join(parts[:n]) in codes:
                return ".".join(parts[:n])
        return None

    def effective(line: ApbdLine) -> Optional[Decimal]:
        own = getattr(line, field)
        if own is not None:
            return own
        kids = [a for a in coded if parent(a.account_code) == line.account_code]
        values = [effective(k) for k in kids]
        if not kids or not all_present(values):
            return None
        return sum(values, Decimal(0))

    top = [a for a in coded if parent(a.account_code) is None and a.account_code.startswith("5")]
    values = [effective(a) for a in top]
    if not top or not all_present(values):
        return None
    return sum(values, Decimal(0))
