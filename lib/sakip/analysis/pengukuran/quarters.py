"""Quarterly series of an indicator: target, realisasi and capaian per triwulan, physical
progress against the annual target, the year-end projection, and the IKU targets per Renstra
year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sakip.analysis.pengukuran.periods import check_upto, roman
from sakip.compute.capaian import Capaian, compute_capaian
from sakip.compute.kriteria import KriteriaScale
from sakip.compute.triwulan import aggregate, cumulative, project_year_end
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import NumberValue, PerfValue

#: Target sources for quarterly values, in order of precedence (the PK first, then the
#: rencana aksi that breaks it down per quarter).
QUARTER_SOURCES = ("pk_perubahan", "pk", "rencana_aksi", "rkt", "renstra", "iku")
#: Target sources of a year's target in the Renstra/IKU table.
YEAR_SOURCES = ("iku", "renstra", "pk_perubahan", "pk", "rkt")


# --- values per quarter -----------------------------------------------------------------------


def numeric(value: Optional[PerfValue]) -> Optional[Decimal]:
    """The number of a numeric performance value; ``None`` for grades, ranges or missing."""
    return value.value if isinstance(value, NumberValue) else None


def quarter_target(agency: Agency, indicator_id: str, year: int, quarter: int,
                   sources: Sequence[str] = QUARTER_SOURCES) -> Optional[PerfValue]:
    """The target of one quarter, the PK first, then the rencana aksi."""
    row = agency.target(indicator_id, year, f"TW{quarter}", sources=sources)
    return None if row is None else row.parsed


def annual_target(agency: Agency, indicator_id: str, year: int,
                  sources: Sequence[str] = QUARTER_SOURCES) -> Optional[PerfValue]:
    """The year's target: the TW IV target (end of the year) or else the TAHUN target."""
    value = quarter_target(agency, indicator_id, year, 4, sources)
    if value is None:
        row = agency.target(indicator_id, year, "TAHUN", sources=tuple(sources) + ("iku",))
        value = None if row is None else row.parsed
    return value


@dataclass(frozen=True)
class QuarterResult:
    """One indicator in one quarter: target, realisasi, capaian against that quarter's target,
    and physical progress (capaian against the annual target)."""

    quarter: int
    target: Optional[PerfValue]
    realisasi: Optional[PerfValue]
    capaian: Capaian
    kriteria: str
    progress: Capaian


@dataclass(frozen=True)
class Projection:
    """Year-end projection from the quarters so far (``basis`` says how, in Indonesian)."""

    value: Optional[Decimal]
    capaian: Capaian
    kriteria: str
    basis: str


@dataclass(frozen=True)
class IndicatorQuarters:
    """An indicator's quarters I..``upto``, its annual target and the year-end projection."""

    indicator: m.Indikator
    year: int
    upto: int
    quarters: tuple[QuarterResult, ...]
    annual_target: Optional[PerfValue]
    projection: Optional[Projection]

    def quarter(self, q: int) -> Optional[QuarterResult]:
        return next((r for r in self.quarters if r.quarter == q), None)

    @property
    def latest(self) -> Optional[QuarterResult]:
        """The last quarter of the run (TW ``upto``)."""
        return self.quarter(self.upto)


def indicator_capaian(indicator: m.Indikator, target: Optional[PerfValue],
                      realisasi: Optional[PerfValue]) -> Capaian:
    """The capaian of ``indicator`` with its own polarity, method and cap."""
    return compute_capaian(target, realisasi, indicator.polarity, method=indicator.capaian_method,
                           cap=indicator.capaian_cap)


def project_indicator(indicator: m.Indikator, realisasi: Mapping[int, Optional[Decimal]],
                      upto: int) -> tuple[Optional[Decimal], str]:
    """Year-end value of an indicator from its quarterly realisasi up to ``upto``.

    ``kumulatif``: quarterly flows summed and projected linearly (``project_year_end``);
    ``rata_rata``: the mean so far; ``nilai_akhir`` (default): the latest value carries over.
    Returns (value, basis) with the basis in Indonesian.
    """
    upto = check_upto(upto)
    present = {q: v for q, v in realisasi.items() if q <= upto}
    how = indicator.triwulan_aggregation or "nilai_akhir"
    if how == "kumulatif":
        return (project_year_end(cumulative(present), upto),
                f"jumlah s.d. TW {roman(upto)} dibagi {upto} dikali 4")
    if how == "rata_rata":
        return aggregate(present, "rata_rata"), f"rata-rata TW I s.d. {roman(upto)}"
    value = present.get(upto)
    return value, f"nilai TW {roman(upto)} dianggap bertahan sampai akhir tahun"


def indicator_quarters(agency: Agency, indicator: m.Indikator, year: int, upto: Optional[int],
                       scale: KriteriaScale) -> IndicatorQuarters:
    """Target, realisasi and capaian of each quarter I..``upto`` and the year-end projection
    (only for a partial year; ``None`` when ``upto`` is 4)."""
    n = check_upto(upto)
    annual = annual_target(agency, indicator.indicator_id, year)
    rows = []
    for q in range(1, n + 1):
        target = quarter_target(agency, indicator.indicator_id, year, q)
        realisasi = agency.realisasi_value(indicator.indicator_id, year, f"TW{q}")
        capaian = indicator_capaian(indicator, target, realisasi)
        rows.append(QuarterResult(q, target, realisasi, capaian, scale.classify(capaian.value),
                                  indicator_capaian(indicator, annual, realisasi)))
    projection = None
    if n < 4:
        series = {r.quarter: numeric(r.realisasi) for r in rows}
        value, basis = project_indicator(indicator, series, n)
        cap = indicator_capaian(indicator, annual, None if value is None else NumberValue(value))
        projection = Projection(value, cap, scale.classify(cap.value), basis)
    return IndicatorQuarters(indicator, year, n, tuple(rows), annual, projection)


def iku_quarters(agency: Agency, year: int, upto: Optional[int],
                 scale: KriteriaScale) -> list[IndicatorQuarters]:
    """Every IKU of the agency, quarter by quarter."""
    return [indicator_quarters(agency, i, year, upto, scale) for i in agency.iku]


def renstra_years(profile: m.Profile) -> list[int]:
    """The years of the Renstra period."""
    return list(range(profile.renstra_start, profile.renstra_end + 1))


def iku_year_targets(agency: Agency, indicator_id: str,
                     years: Iterable[int]) -> dict[int, Optional[PerfValue]]:
    """The IKU's target for each year of the Renstra (IKU document first, then Renstra, PK)."""
    out = {}
    for year in years:
        row = agency.target(indicator_id, year, "TAHUN", sources=YEAR_SOURCES)
        out[year] = None if row is None else row.parsed
    return out
