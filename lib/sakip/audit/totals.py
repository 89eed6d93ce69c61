"""Printed totals against the rows they total (``table_total``).

* staff (Tabel 1.1/1.2): every cell flagged ``is_total`` against the detail cells it spans. A
  row label (or unit label) whose cells are all totals is a total row (column); a total cell
  without gender spans both genders.
* supplementary tables: a total row against the rows above it (since the previous total row,
  or all of them); a percentage column may also hold their mean.
* facilities: baik + rusak ringan + rusak berat against the quantity.
* APBD: a parent account against its child accounts, "bertambah/berkurang" against
  after - before, and a total row against the top-level accounts.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Iterable, Optional

from sakip.audit._common import (
    Context,
    all_present,
    all_values_present,
    is_amount_equal,
    merge_by_culprit,
    num,
    parse_perf,
    places,
    rp,
)
from sakip.audit.findings import Finding
from sakip.model.rows import ApbdLine, StaffCount, SupplementaryCell

ZERO = Decimal(0)


def check_table_totals(ctx: Context) -> list[Finding]:
    return [*_staff(ctx), *_supplementary(ctx), *_facilities(ctx), *_apbd(ctx)]


# --- staff --------------------------------------------------------------------------------

def _staff(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    groups: dict[tuple, list[StaffCount]] = defaultdict(list)
    for cell in ctx.agency.rows("staff"):
        groups[(cell.table, cell.year)].append(cell)
    titles = {"pangkat": "pangkat/golongan", "pendidikan": "pendidikan"}
    for (table, year), cells in groups.items():
        violations: list[tuple[frozenset, Finding]] = []
        total_rows = _all_total(cells, "row_label")
        total_units = _all_total(cells, "unit_label")
        details = [c for c in cells if not c.is_total]
        for cell in cells:
            if not cell.is_total:
                continue
            spanned = [d for d in details
                       if (cell.row_label in total_rows or d.row_label == cell.row_label)
                       and (cell.unit_label in total_units or d.unit_label == cell.unit_label)
                       and (cell.gender is None or d.gender == cell.gender)]
            if not spanned:
                continue
            expected = sum((d.count or 0 for d in spanned), 0)
            if (cell.count or 0) == expected:
                continue
            gender = {"L": " laki-laki", "P": " perempuan"}.get(cell.gender or "", "")
            shown = "kosong" if cell.count is None else str(cell.count)
            printed = "kosong" if cell.count is None else f"tercetak {cell.count}"
            violations.append((frozenset(id(c) for c in [cell, *spanned]), ctx.finding(
                "table_total", "error", ctx.location("staff", cell),
                expected=str(expected), found=shown, year=year,
                message=(f"Tabel pegawai menurut {titles.get(table, table)}: total baris "
                         f"\"{cell.row_label}\" kolom \"{cell.unit_label}\"{gender} {printed}, "
                         f"padahal jumlah {len(spanned)} sel rinciannya {expected}."),
                suggestion="Hitung ulang jumlah pegawai dari daftar nominatif.")))
        findings.extend(merge_by_culprit(violations))
    return findings


def _all_total(cells: list, attr: str) -> set[str]:
    flags: dict[str, set[bool]] = defaultdict(set)
    for c in cells:
        flags[getattr(c, attr)].add(bool(c.is_total))
    return {label for label, seen in flags.items() if seen == {True}}


# --- supplementary tables -------------------------------------------------------------------

def _number(cell: SupplementaryCell) -> Optional[Decimal]:
    """The cell as a number (``1,853`` of a whole unit typed the English way is 1.853: the rule
    of :attr:`sakip.model.rows.SupplementaryCell.number`, shared with the report)."""
    return cell.number


def _is_percent_column(cells: Iterable[SupplementaryCell], col_label: str) -> bool:
    label = col_label.lower()
    return "%" in label or "persen" in label or any(
        (c.unit or "").strip().lower() in ("%", "persen") or (c.value or "").strip().endswith("%")
        for c in cells)


def _supplementary(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    tables: dict[str, list[SupplementaryCell]] = defaultdict(list)
    for cell in ctx.agency.rows("supplementary"):
        tables[cell.table_id].append(cell)
    for cells in tables.values():
        row_order: list[str] = []
        for c in cells:
            if c.row_label not in row_order:
                row_order.append(c.row_label)
        total_rows = _all_total(cells, "row_label")
        total_cols = _all_total(cells, "col_label")
        columns: dict[str, list[SupplementaryCell]] = defaultdict(list)
        for c in cells:
            columns[c.col_label].append(c)
        for col_label, col in columns.items():
            by_row = {c.row_label: c for c in col}
            ordered = [by_row[label] for label in row_order if label in by_row]
            percent = _is_percent_column(col, col_label)
            for i, cell in enumerate(ordered):
                if not cell.is_total:
                    continue
                across = [c for c in cells if c.row_label == cell.row_label
                          and c.col_label not in total_cols]
                details = [c for c in cells if c.row_label not in total_rows
                           and c.col_label not in total_cols]
                if col_label in total_cols and cell.row_label not in total_rows:
                    groups = [across]
                elif col_label in total_cols:
                    groups = [details, *_sections(ordered, i)]
                else:
                    groups = _sections(ordered, i)
                finding = _supplementary_total(ctx, cell, groups, percent)
                if finding is not None:
                    findings.append(finding)
        findings += _both_ways(ctx, cells, row_order, total_rows, total_cols)
    return findings


def _both_ways(ctx: Context, cells: list[SupplementaryCell], row_order: list[str],
               total_rows: set[str], total_cols: set[str]) -> list[Finding]:
    """The checks a table with a total row *and* a total column needs beyond each total against
    its own line: the grand total against the total column's other cells (down) as well as the
    total row's (across), and a total printed empty ("-") while its row has figures (seed 004,
    penempatan: DIPLOMA III "-", 1, "-"; the Jumlah column then adds up to 100, not 101)."""
    if not total_rows or not total_cols:
        return []
    out: list[Finding] = []
    by_key = {(c.row_label, c.col_label): c for c in cells}
    detail_cols = [c for c in dict.fromkeys(x.col_label for x in cells) if c not in total_cols]
    for col in total_cols:
        empty = ZERO  # what the totals printed empty should have held
        for row in row_order:
            cell = by_key.get((row, col))
            if cell is None or row in total_rows or not _missing(cell):
                continue
            parts = [_number(by_key[(row, d)]) for d in detail_cols if (row, d) in by_key
                     and not _missing(by_key[(row, d)])]
            total = sum((p for p in parts if p is not None), ZERO)
            if parts and total != 0:
                empty += total
                out.append(ctx.finding(
                    "table_total", "error", ctx.location("supplementary", cell, cell.doc_ref),
                    expected=num(total, 4), found=cell.value or "kosong", ref=cell.table_id,
                    message=(f"Tabel \"{cell.title}\": total baris \"{row}\" kolom \"{col}\" tercetak "
                             f"\"{cell.value or ''}\" (kosong), padahal rinciannya berjumlah {num(total, 4)}."),
                    suggestion="Isi total baris sesuai rinciannya, lalu periksa kembali total kolomnya."))
        for total_row in total_rows:
            grand = by_key.get((total_row, col))
            stated = None if grand is None else _number(grand)
            if grand is None or stated is None:
                continue
            down = [_number(by_key[(r, col)]) for r in row_order if r not in total_rows and (r, col) in by_key
                    and not _missing(by_key[(r, col)])]
            if not down or not all_present(down):
                continue
            column_sum = sum(down, ZERO)
            if abs(column_sum - stated) > _tolerance(stated, down):
                why = (" Selisihnya sama dengan total baris yang tercetak kosong; betulkan baris itu lebih "
                       "dulu." if empty and column_sum + empty == stated else "")
                out.append(ctx.finding(
                    "table_total", "error", ctx.location("supplementary", grand, grand.doc_ref),
                    expected=num(column_sum, 4), found=num(stated, 4), ref=grand.table_id,
                    message=(f"Tabel \"{grand.title}\": total keseluruhan \"{total_row}\"/\"{col}\" tercetak "
                             f"{num(stated, 4)}, padahal kolom \"{col}\" di atasnya berjumlah "
                             f"{num(column_sum, 4)} (dihitung mendatar dan menurun, total harus sama).{why}"),
                    suggestion="Periksa total tiap baris pada kolom jumlah dan total keseluruhannya."))
    return out


def _unit(cell: SupplementaryCell) -> str:
    return (cell.unit or "").strip().lower().rstrip(".")


def _sections(ordered: list[SupplementaryCell], i: int) -> list[list[SupplementaryCell]]:
    """Groups of rows a total at position ``i`` may total, most likely first.

    Only rows in the total's unit count. Tried: the detail rows just above it (since the
    previous total) and any tail of them; the rows just below it (a heading-style total) and
    any head of them; every detail row of the table; the totals above it (a grand total over
    subtotals).
    """
    total = ordered[i]
    same = [c for c in ordered if not _unit(total) or _unit(c) == _unit(total)]
    j = same.index(total)
    above: list[SupplementaryCell] = []
    for cell in reversed(same[:j]):
        if cell.is_total:
            break
        above.insert(0, cell)
    below: list[SupplementaryCell] = []
    for cell in same[j + 1:]:
        if cell.is_total:
            break
        below.append(cell)
    groups = [above, *(above[k:] for k in range(1, len(above))),
              below, *(below[:k] for k in range(1, len(below))),
              [c for c in same if not c.is_total], [c for c in same[:j] if c.is_total]]
    return [g for g in groups if g]


def _supplementary_total(ctx: Context, total: SupplementaryCell,
                         groups: list[list[SupplementaryCell]], percent: bool
                         ) -> Optional[Finding]:
    stated = _number(total)
    if stated is None:
        return None
    candidates = []
    for group in groups:
        values = [_number(c) for c in group if not _missing(c)]
        if not values or not all_present(values):
            continue
        tolerance = _tolerance(stated, values)
        total_sum = sum(values, ZERO)
        candidates.append((total_sum, tolerance))
        if percent:
            candidates.append((total_sum / len(values), tolerance))
    if not candidates or any(abs(stated - value) <= tol for value, tol in candidates):
        return None
    expected = candidates[0][0]
    return ctx.finding(
        "table_total", "error", ctx.location("supplementary", total, total.doc_ref),
        expected=num(expected, 4), found=num(stated, 4), ref=total.table_id,
        message=(f"Tabel \"{total.title}\": baris total \"{total.row_label}\" kolom "
                 f"\"{total.col_label}\" tercetak {num(stated, 4)}, padahal jumlah baris "
                 f"rinciannya {num(expected, 4)}."),
        suggestion="Periksa angka baris-baris tabel dan totalnya pada sumber data.")


def _missing(cell: SupplementaryCell) -> bool:
    return cell.value is None or parse_perf(cell.value) is None and cell.value.strip() in ("-", "")


def _tolerance(stated: Decimal, values: list[Decimal]) -> Decimal:
    """Half a unit of the last printed decimal, once per rounded item (rounded parts rarely add
    up exactly to the rounded total)."""
    most = max([places(stated), *(places(v) for v in values)])
    if most == 0:
        return ZERO
    return Decimal(1).scaleb(-most) / 2 * (len(values) + 1)


# --- facilities ---------------------------------------------------------------------------

def _facilities(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for row in ctx.agency.rows("facilities"):
        parts = (row.baik, row.rusak_ringan, row.rusak_berat)
        if all(p is None for p in parts) or row.quantity is None:
            continue
        total = sum(p or 0 for p in parts)
        if total == row.quantity:
            continue
        findings.append(ctx.finding(
            "table_total", "warning", ctx.location("facilities", row),
            expected=str(row.quantity), found=str(total), year=row.year,
            message=(f"Sarana \"{row.item}\": jumlah {row.quantity}, tetapi baik "
                     f"{row.baik or 0} + rusak ringan {row.rusak_ringan or 0} + rusak berat "
                     f"{row.rusak_berat or 0} = {total} (kondisi tertulis: "
                     f"\"{row.condition or '-'}\")."),
            suggestion="Lengkapi jumlah per kondisi sesuai buku inventaris."))
    return findings


# --- APBD ---------------------------------------------------------------------------------

def _apbd(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    years = sorted({a.year for a in ctx.agency.rows("apbd")})
    for year in years:
        rows = [a for a in ctx.agency.rows("apbd") if a.year == year]
        violations: list[tuple[frozenset, Finding]] = []
        coded = [a for a in rows if not a.is_total]
        by_code = {a.account_code: a for a in coded}
        children: dict[str, list[ApbdLine]] = defaultdict(list)
        top: list[ApbdLine] = []
        for a in coded:
            parent = _parent_code(a.account_code, by_code)
            (children[parent] if parent else top).append(a)

        def effective(line: ApbdLine, field: str,
                      children: dict[str, list[ApbdLine]] = children) -> Optional[Decimal]:
            own = getattr(line, field)
            if own is not None:
                return own
            kids = children.get(line.account_code, [])
            values = [effective(k, field) for k in kids]
            if not kids or not all_present(values):
                return None
            return sum(values, ZERO)

        for line in coded:
            kids = children.get(line.account_code, [])
            for field in ("before", "after"):  # "change" follows from the row check
                own = getattr(line, field)
                values = [effective(k, field) for k in kids]
                if not kids or own is None or not all_present(values):
                    continue
                total = sum(values, ZERO)
                if is_amount_equal(own, total, ctx.config):
                    continue
                cells = frozenset({(id(line), field), *((id(k), field) for k in kids)})
                violations.append((cells, _apbd_finding(
                    ctx, line, f"{_FIELD[field]} akun {line.account_code} \"{line.name}\"",
                    total, own, f"jumlah {len(kids)} akun rinciannya")))
        for line in rows:
            if line.before is None or line.after is None or line.change is None:
                continue
            diff = line.after - line.before
            if is_amount_equal(line.change, diff, ctx.config):
                continue
            if line.is_total and is_amount_equal(line.change, -diff, ctx.config) \
                    and line.after < 0:
                continue
            cells = frozenset((id(line), f) for f in ("before", "after", "change"))
            violations.append((cells, _apbd_finding(
                ctx, line, f"kolom bertambah/berkurang \"{line.name}\"", diff, line.change,
                "setelah perubahan dikurangi sebelum perubahan")))
        for line in rows:
            if not line.is_total:
                continue
            for field in ("before", "after"):
                stated = getattr(line, field)
                groups = {t.account_code.split(".")[0]: effective(t, field) for t in top}
                if stated is None or not groups or not all_values_present(groups):
                    continue
                candidates = [sum(groups.values(), ZERO), *groups.values()]
                if "4" in groups and "5" in groups:
                    candidates.append(groups["4"] - groups["5"])
                if any(is_amount_equal(abs(stated), abs(c), ctx.config)
                       for c in candidates):
                    continue
                expected = groups.get("5", candidates[0])
                cells = frozenset({(id(line), field), *((id(t), field) for t in top),
                                   *((id(k), field) for t in top
                                     for k in children.get(t.account_code, []))})
                violations.append((cells, _apbd_finding(
                    ctx, line, f"{_FIELD[field]} baris total \"{line.name}\"", expected, stated,
                    "jumlah akun di atasnya")))
        findings.extend(merge_by_culprit(violations))
    return findings


_FIELD = {"before": "sebelum perubahan,", "after": "setelah perubahan,",
          "change": "bertambah/berkurang,"}


def _parent_code(code: str, by_code: dict[str, ApbdLine]) -> Optional[str]:
    parts = code.split(".")
    for n in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in by_code:
            return candidate
    return None


def _apbd_finding(ctx: Context, line: ApbdLine, what: str, expected: Decimal, found: Decimal,
                  basis: str) -> Finding:
    return ctx.finding(
        "table_total", "error", ctx.location("apbd", line),
        expected=rp(expected), found=rp(found), year=line.year, ref=line.account_code,
        message=(f"APBD {line.year}: {what} tercetak {rp(found)}, padahal {basis} "
                 f"{rp(expected)} (selisih {rp(found - expected)})."),
        suggestion="Cocokkan dengan DPA/DPPA perangkat daerah dan betulkan angka yang salah.")
