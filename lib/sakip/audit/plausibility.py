"""Values that cannot be right whatever the other figures say.

``share_above_100``: a share (unit ``%``, name "Persentase …"/"% …", not a growth or change
rate and not a capaian) above 100.
``capaian_implausible``: a capaian above :attr:`AuditConfig.max_capaian`, which nearly always
means a target set in the wrong unit or scale.
``unit_mismatch``: values that do not fit the unit: a percentage far too large, a count with
decimals, a value typed with another unit, a name that contradicts the unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional, cast

from sakip.audit._common import Context, cap, num, pct, period_label
from sakip.audit.findings import Finding
from sakip.model.parsing import NumberValue, RangeValue
from sakip.model.rows import Indikator, Realisasi, Target

PERCENT_UNITS = {"%", "persen", "percent", "prosen"}
#: Units counted in whole things: a decimal value is a typing error.
COUNT_UNITS = {
    "orang", "org", "jiwa", "unit", "buah", "dokumen", "laporan", "paket", "perkara", "kasus",
    "lembaga", "perusahaan", "ikm", "kegiatan", "kali", "desa", "kelompok", "sertifikat",
    "usaha", "koperasi", "pelaku usaha", "sentra",
}
_SHARE_NAME = re.compile(r"^\s*(persentase|prosentase|%)", re.IGNORECASE)
#: Words that make a percentage a rate of change or an achievement, which may exceed 100.
_NOT_SHARE = re.compile(
    r"peningkatan|pertumbuhan|kenaikan|perubahan|laju|capaian|penambahan|tumbuh|naik",
    re.IGNORECASE)
_COUNT_NAME = re.compile(r"^\s*(jumlah|banyaknya)\b", re.IGNORECASE)
_TYPED_UNIT = re.compile(r"[\d.,]\s*([A-Za-z%][A-Za-z% ]*)\s*$")
_SYNONYMS = {"%": "persen", "org": "orang", "poin": "point", "milyar": "miliar"}


def unit_of(indicator: Indikator) -> str:
    return (indicator.unit or "").strip().lower()


def is_percent(indicator: Indikator) -> bool:
    return unit_of(indicator) in PERCENT_UNITS


def is_share(indicator: Indikator) -> bool:
    """A percentage that is a part of a whole, hence at most 100."""
    return (is_percent(indicator) and bool(_SHARE_NAME.match(indicator.name))
            and not _NOT_SHARE.search(indicator.name))


def _values(ctx: Context, indicator: Indikator
            ) -> Iterable[tuple[str, Target | Realisasi, Decimal]]:
    """(table, row, number) for every numeric target and realisasi of the indicator."""
    for table in ("targets", "realisasi"):
        for row in ctx.agency.rows(table):
            if row.indicator_id != indicator.indicator_id:
                continue
            value = row.parsed
            if isinstance(value, NumberValue):
                yield table, row, value.value
            elif isinstance(value, RangeValue):
                yield table, row, value.high


def _what(table: str, row) -> str:
    kind = f"target ({row.source})" if table == "targets" else "realisasi"
    period = "" if row.period == "TAHUN" else f" {period_label(row.period)}"
    return f"{kind} {row.year}{period}"


def check_share_above_100(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for indicator in ctx.agency.rows("indikator"):
        if not is_share(indicator):
            continue
        for table, row, value in _values(ctx, indicator):
            if value <= 100:
                continue
            findings.append(ctx.finding(
                "share_above_100", "error", ctx.location(table, row, row.doc_ref),
                expected="0-100%", found=pct(value), ref=indicator.indicator_id, year=row.year,
                message=(f"\"{indicator.name}\" adalah persentase bagian dari keseluruhan, tetapi "
                         f"{_what(table, row)} bernilai {pct(value)} (lebih dari 100%)."),
                suggestion=("Periksa pembilang dan penyebutnya: kemungkinan yang diisi jumlah "
                            "orang/unit, bukan persentase, atau salah letak koma.")))
    return findings


def check_capaian_implausible(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    limit = ctx.config.max_capaian
    for indicator in ctx.agency.rows("indikator"):
        for row in ctx.agency.rows("realisasi"):
            if row.indicator_id != indicator.indicator_id or row.parsed is None:
                continue
            target_row = ctx.target_row(indicator.indicator_id, row.year, row.period)
            if target_row is None:
                continue
            capaian = ctx.capaian(indicator, target_row.parsed, row.parsed, row.year, capped=False)
            if capaian.value is None or capaian.value <= limit:
                continue
            period = "" if row.period == "TAHUN" else f" {period_label(row.period)}"
            findings.append(ctx.finding(
                "capaian_implausible", "warning", ctx.location("realisasi", row, row.doc_ref),
                expected=f"paling tinggi {pct(limit)}", found=pct(capaian.value),
                ref=indicator.indicator_id, year=row.year,
                message=(f"Capaian \"{indicator.name}\" {row.year}{period} {pct(capaian.value)} "
                         f"(realisasi {row.value} terhadap target {target_row.value}, "
                         f"{target_row.source}); capaian setinggi ini biasanya berarti target "
                         "ditetapkan terlalu rendah atau dalam satuan lain."),
                suggestion=("Periksa satuan dan besaran target; bila target memang terlalu rendah, "
                            "jelaskan di analisis dan sesuaikan target pada perubahan Renstra/PK.")))
    return findings


def check_units(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    limit = ctx.config.max_percent_value
    for indicator in ctx.agency.rows("indikator"):
        unit = unit_of(indicator)
        name_problem = _name_unit_problem(indicator)
        if name_problem:
            findings.append(ctx.finding(
                "unit_mismatch", "warning", ctx.location("indikator", indicator),
                expected=name_problem[0], found=indicator.unit or "-", ref=indicator.indicator_id,
                message=(f"Indikator \"{indicator.name}\" bersatuan \"{indicator.unit}\", padahal "
                         f"namanya menunjukkan {name_problem[1]}."),
                suggestion="Sesuaikan satuan dengan nama indikator (atau sebaliknya)."))
        for table, row, value in _values(ctx, indicator):
            problem = _value_problem(indicator, unit, row.value, value, limit)
            if problem is None:
                continue
            findings.append(ctx.finding(
                "unit_mismatch", "warning", ctx.location(table, row, row.doc_ref),
                # _values yields only rows whose value parsed as a number: the text is there
                expected=problem[0], found=cast(str, row.value), ref=indicator.indicator_id,
                year=row.year,
                message=(f"{cap(_what(table, row))} \"{indicator.name}\" "
                         f"\"{row.value}\" tidak cocok dengan satuan \"{indicator.unit}\": "
                         f"{problem[1]}."),
                suggestion="Periksa satuan indikator dan angka yang diisi."))
    return findings


def _name_unit_problem(indicator: Indikator) -> Optional[tuple[str, str]]:
    unit = unit_of(indicator)
    if not unit:
        return None
    if _COUNT_NAME.match(indicator.name) and unit in PERCENT_UNITS:
        return "satuan jumlah (orang, unit, dokumen ...)", "sebuah jumlah, bukan persentase"
    if _SHARE_NAME.match(indicator.name) and unit in COUNT_UNITS:
        return "%", "sebuah persentase"
    return None


def _value_problem(indicator: Indikator, unit: str, raw: Optional[str], value: Decimal,
                   limit: Decimal) -> Optional[tuple[str, str]]:
    if unit in PERCENT_UNITS and not is_share(indicator) and abs(value) > limit:
        return f"paling tinggi {num(limit)}%", f"{num(value, 4)}% bukan besaran persentase"
    if unit in COUNT_UNITS and value != value.to_integral_value():
        return "bilangan bulat", f"{num(value, 4)} {unit} tidak bulat"
    typed = _typed_unit(raw)
    if typed and unit and not _same_unit(typed, unit):
        return indicator.unit or "-", f"angka diketik dengan satuan \"{typed}\""
    return None


def _typed_unit(raw: Optional[str]) -> Optional[str]:
    match = _TYPED_UNIT.search(raw or "")
    return match.group(1).strip().lower() if match else None


def _canonical(unit: str) -> str:
    unit = unit.strip().lower()
    return _SYNONYMS.get(unit, unit)


def _same_unit(typed: str, unit: str) -> bool:
    a, b = _canonical(typed), _canonical(unit)
    if a == b:
        return True
    first_a, first_b = a.split()[0], b.split()[0]
    return _SYNONYMS.get(first_a, first_a) == _SYNONYMS.get(first_b, first_b)
