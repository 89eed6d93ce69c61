"""Quarterly series of an indicator: target, realisasi and capaian per triwulan, physical
progress against the annual target, the year-end projection, and the IKU targets per Renstra
year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sakip.analysis.pengukuran.periods import check_upto
from sakip.compute.capaian import Capaian
from sakip.compute.kriteria import KriteriaScale
from sakip.compute.period import (
    QUARTER_SOURCES,
    aggregation,
    annual_target,
    indicator_capaian,
    indicator_period,
    numeric,
    project_to_year_end,
    quarter_target,
)
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import NumberValue, PerfValue

#: Target sources of a year's target in the Renstra/IKU table.
YEAR_SOURCES = ("iku", "renstra", "pk_perubahan", "pk", "rkt")

# Quarter targets, the annual target, the capaian of an indicator and the reading of typed
# quarterly values are the period path of sakip.compute.period (re-exported here and by the
# package).
__all__ = ["QUARTER_SOURCES", "YEAR_SOURCES", "IndicatorQuarters", "Projection", "QuarterResult",
           "annual_target", "iku_quarters", "iku_year_targets", "indicator_capaian",
           "indicator_quarters", "numeric", "project_indicator", "quarter_target",
           "renstra_years"]


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


def project_indicator(indicator: m.Indikator, realisasi: Mapping[int, Optional[Decimal]],
                      upto: int) -> tuple[Optional[Decimal], str]:
    """Year-end value of an indicator from its typed quarterly realisasi up to ``upto``
    (:func:`sakip.compute.period.project_to_year_end`): ``kumulatif`` values are running totals
    s.d. the quarter, projected linearly ``C(N) / N × 4``; ``rata_rata``: the mean so far;
    ``nilai_akhir`` (default): the latest value carries over. Returns (value, basis) with the
    basis in Indonesian."""
    upto = check_upto(upto)
    present = {q: v for q, v in realisasi.items() if q <= upto}
    return project_to_year_end(present, upto, aggregation(indicator))


def indicator_quarters(agency: Agency, indicator: m.Indikator, year: int, upto: Optional[int],
                       scale: KriteriaScale) -> IndicatorQuarters:
    """Target, realisasi and capaian of each quarter I..``upto`` (s.d. the quarter, read by
    :func:`sakip.compute.period.indicator_period`) and the year-end projection (only for a
    partial year; ``None`` when ``upto`` is 4)."""
    n = check_upto(upto)
    annual = annual_target(agency, indicator.indicator_id, year)
    rows = []
    for q in range(1, n + 1):
        figure = indicator_period(agency, indicator, year, q)
        rows.append(QuarterResult(q, figure.target, figure.realisasi, figure.capaian,
                                  scale.classify(figure.capaian.value), figure.progress))
    projection = None
    if n < 4:
        typed = {q: numeric(agency.realisasi_value(indicator.indicator_id, year, f"TW{q}"))
                 for q in range(1, n + 1)}
        value, basis = project_indicator(indicator, typed, n)
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
