"""Indicator formulas against their components.

``formula_mismatch``: the realisasi as entered vs the value its formula gives from the
components (scope ``daerah``). ``national_standard_mismatch``: the stated national standard vs
the same formula over the national components (scope ``nasional``).

Equal means: the entered value is the computed one rounded half-up to the decimals the entered
value has. Rounded to two or more decimals is the display convention and not reported; rounded
to fewer (``6`` for 5,9869) is reported, because the capaian computed from it moves.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from sakip.audit._common import Context, num, pct, places, shown_equals
from sakip.audit.findings import Finding
from sakip.compute.formatting import round_half_up
from sakip.compute.formula import FormulaError, evaluate
from sakip.model.parsing import NumberValue
from sakip.model.rows import Indikator

#: Decimals from which a rounded value is the ordinary display convention.
DISPLAY_PLACES = 2


def _components(ctx: Context, indicator_id: str, scope: str) -> dict[tuple[str, int], Decimal]:
    return {(c.name, c.year): c.value for c in ctx.agency.rows("components")
            if c.indicator_id == indicator_id and c.scope == scope and c.value is not None}


def computed_value(ctx: Context, indicator: Indikator, year: int, scope: str = "daerah"
                   ) -> Optional[Decimal]:
    """The indicator's formula over its components for ``year``; ``None`` when not computable."""
    if not indicator.formula:
        return None
    comps = _components(ctx, indicator.indicator_id, scope)
    if not any(y == year for _, y in comps):
        return None
    try:
        return evaluate(indicator.formula, comps, year)
    except (FormulaError, ArithmeticError):
        return None


def check_formulas(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for indicator in ctx.agency.rows("indikator"):
        if not indicator.formula:
            continue
        for row in ctx.agency.rows("realisasi"):
            if row.indicator_id != indicator.indicator_id or row.period != "TAHUN":
                continue
            entered = row.parsed
            if not isinstance(entered, NumberValue):
                continue
            computed = computed_value(ctx, indicator, row.year)
            if computed is None:
                continue
            finding = _compare(ctx, indicator, row, entered.value, computed)
            if finding is not None:
                findings.append(finding)
    return findings


def _compare(ctx: Context, indicator: Indikator, row, entered: Decimal, computed: Decimal
             ) -> Optional[Finding]:
    if entered == computed:
        return None
    rounded = shown_equals(entered, computed)
    if rounded and places(entered) >= DISPLAY_PLACES:
        return None
    name, year = indicator.name, row.year
    target_row = ctx.target_row(indicator.indicator_id, year)
    target = target_row.parsed if target_row is not None else None
    cap_entered = ctx.capaian(indicator, target, NumberValue(entered), year)
    cap_computed = ctx.capaian(indicator, target, NumberValue(computed), year)
    effect = ""
    moves = False
    if cap_entered.value is not None and cap_computed.value is not None:
        moves = round_half_up(cap_entered.value) != round_half_up(cap_computed.value)
        effect = (f" Dengan target {num(target.value, 4) if isinstance(target, NumberValue) else '-'}"
                  f", capaian menjadi {pct(cap_computed.value)} bukan {pct(cap_entered.value)}.")
    location = ctx.location("realisasi", row, row.doc_ref)
    if rounded:
        return ctx.finding(
            "formula_mismatch", "warning" if moves else "info", location,
            expected=num(computed, 4), found=num(entered, 4), ref=indicator.indicator_id, year=year,
            message=(f"Realisasi \"{name}\" {year} diisi {num(entered, 4)}, yaitu hasil rumus "
                     f"{num(computed, 4)} yang dibulatkan ke {places(entered)} desimal.{effect}"),
            suggestion=(f"Isi realisasi dengan {DISPLAY_PLACES} desimal "
                        f"({num(round_half_up(computed, DISPLAY_PLACES))}) agar capaian dihitung "
                        "dari angka yang sebenarnya."))
    return ctx.finding(
        "formula_mismatch", "error", location,
        expected=num(computed, 4), found=num(entered, 4), ref=indicator.indicator_id, year=year,
        message=(f"Realisasi \"{name}\" {year} diisi {num(entered, 4)}, padahal rumus "
                 f"{indicator.formula} dari komponennya menghasilkan {num(computed, 4)}.{effect}"),
        suggestion=("Periksa komponen rumus (sumber data, tahun) dan angka realisasi; salah "
                    "satunya keliru."))


def check_national_standards(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for row in ctx.agency.rows("national_standards"):
        stated = row.parsed
        indicator = ctx.indicator(row.indicator_id)
        if indicator is None or not isinstance(stated, NumberValue):
            continue
        computed = computed_value(ctx, indicator, row.year, scope="nasional")
        if computed is None or shown_equals(stated.value, computed):
            continue
        findings.append(ctx.finding(
            "national_standard_mismatch", "warning", ctx.location("national_standards", row),
            expected=num(computed, 2), found=num(stated.value, 4), ref=indicator.indicator_id,
            year=row.year,
            message=(f"Standar nasional \"{indicator.name}\" {row.year} ditulis "
                     f"{num(stated.value, 4)}, padahal data nasional yang dicantumkan "
                     f"memberi {indicator.formula} = {num(computed, 2)}."),
            suggestion=("Bila standar nasional adalah target nasional (bukan realisasi nasional), "
                        "sebutkan sumbernya; bila tidak, betulkan angkanya dari data nasional.")))
    return findings
