"""The same target in several documents (``target_inconsistent``).

Targets of one indicator, year and period must agree across the Renstra, PK, RKT, IKU and
rencana aksi. A PK perubahan replaces the PK, so the original PK is left out when a perubahan
exists. For a ``nilai_akhir`` indicator the TW IV target *is* the annual target, so the two
are compared as one.
"""

from __future__ import annotations

from collections import defaultdict

from sakip.audit._common import Context, perf_text, period_label
from sakip.audit.findings import Finding
from sakip.model.parsing import NumberValue
from sakip.model.rows import Target


def _key(value) -> object:
    if isinstance(value, NumberValue):
        return value.value.normalize()
    return value


def check_targets(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    final = {i.indicator_id for i in ctx.agency.rows("indikator")
             if i.triwulan_aggregation == "nilai_akhir"}
    groups: dict[tuple[str, int, str], list[Target]] = defaultdict(list)
    for t in ctx.agency.rows("targets"):
        if t.parsed is None:
            continue
        period = "TAHUN" if t.period == "TW4" and t.indicator_id in final else t.period
        groups[(t.indicator_id, t.year, period)].append(t)
    for (indicator_id, year, period), rows in groups.items():
        sources = {t.source for t in rows}
        if "pk_perubahan" in sources:
            rows = [t for t in rows if t.source != "pk"]
        values = {_key(t.parsed) for t in rows}
        if len(values) < 2:
            continue
        indicator = ctx.indicator(indicator_id)
        name = indicator.name if indicator is not None else indicator_id
        listing = "; ".join(f"{t.source}{'' if t.period == 'TAHUN' else ' ' + period_label(t.period)}"
                            f" {perf_text(t.parsed, t.value)}" for t in rows)
        in_force = ctx.target_row(indicator_id, year, period)
        when = f"{year}" if period == "TAHUN" else f"{year} {period_label(period)}"
        findings.append(ctx.finding(
            "target_inconsistent", "warning", ctx.location("targets", rows),
            expected=perf_text(in_force.parsed, in_force.value) if in_force else "-",
            found=listing, ref=indicator_id, year=year,
            message=(f"Target \"{name}\" {when} berbeda antar dokumen: {listing}."),
            suggestion=("Pastikan target yang berlaku (PK/PK perubahan) dan samakan dokumen "
                        "lainnya, atau jelaskan revisinya di laporan.")))
    return findings
