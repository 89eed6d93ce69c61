"""The object a compare or summary notebook opens: the :class:`Selection` (the report's options)
and :class:`CrossAgency`, which computes the figures lazily from the store."""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Optional

import duckdb
import pandas as pd

from sakip.analysis.context import resolve_data_path
from sakip.compute.kriteria import KriteriaScale, scale_from_config
from sakip.crossagency.budget import (
    budget_by_agency,
    budget_by_urusan,
    budget_lines,
    budget_total,
)
from sakip.crossagency.cascade import cascade_coverage
from sakip.crossagency.change import (
    agency_trend,
    indicator_trend,
    kriteria_change,
    year_change,
)
from sakip.crossagency.common import DEFAULT_MAX_CAPAIAN, CrossAgencyError
from sakip.crossagency.findings import audit_findings, findings_by_agency, findings_by_code
from sakip.crossagency.scores import (
    Quadrant,
    agency_scores,
    below_target_list,
    kriteria_agencies,
    kriteria_counts,
    quadrant,
)
from sakip.crossagency.selection import agencies, iku_results
from sakip.i18n import _
from sakip.store.database import open_store

# --- the object a notebook opens ------------------------------------------------------------------


@dataclass
class Selection:
    """What a compare or summary report is about (from ``options_json``)."""

    label: str  # pemda id or 'perbandingan'
    pemda_id: Optional[str] = None
    agencies: tuple[str, ...] = ()
    trend_agency: Optional[str] = None
    trend_indicator: Optional[str] = None  # "AGENCY:INDICATOR"
    kriteria_scale: Any = "default"
    max_capaian: Decimal = DEFAULT_MAX_CAPAIAN

    @classmethod
    def from_json(cls, label: str, options_json: str) -> "Selection":
        data = json.loads(options_json or "{}")
        return cls(label=label, pemda_id=data.get("pemda_id"),
                   agencies=tuple(data.get("agencies") or ()),
                   trend_agency=data.get("trend_agency"), trend_indicator=data.get("trend_indicator"),
                   kriteria_scale=data.get("kriteria_scale", "default"),
                   max_capaian=Decimal(str(data.get("max_capaian", DEFAULT_MAX_CAPAIAN))))

    def to_json(self) -> str:
        return json.dumps({"pemda_id": self.pemda_id, "agencies": list(self.agencies),
                           "trend_agency": self.trend_agency, "trend_indicator": self.trend_indicator,
                           "kriteria_scale": self.kriteria_scale, "max_capaian": str(self.max_capaian)},
                          sort_keys=True, ensure_ascii=False)


@dataclass
class CrossAgency:
    """The figures of one compare or summary report, computed lazily from the store."""

    con: duckdb.DuckDBPyConnection
    year: int
    selection: Selection
    db_path: str = ""
    _cache: dict = field(default_factory=dict, repr=False)

    @cached_property
    def scale(self) -> KriteriaScale:
        return scale_from_config(self.selection.kriteria_scale)

    @cached_property
    def selected(self) -> pd.DataFrame:
        return agencies(self.con, pemda_id=self.selection.pemda_id,
                        agency_ids=self.selection.agencies or None)

    @property
    def previous_year(self) -> int:
        """The year the change tables compare with."""
        return self.year - 1

    @property
    def agency_ids(self) -> list[str]:
        return list(self.selected["agency_id"])

    @property
    def names(self) -> dict[str, str]:
        return dict(zip(self.selected["agency_id"], self.selected["name"]))

    @property
    def pemda_label(self) -> str:
        labels = list(dict.fromkeys(self.selected["pemda_label"]))
        return labels[0] if len(labels) == 1 else "Beberapa Pemerintah Daerah"

    def results_of(self, year: int) -> pd.DataFrame:
        key = ("results", year)
        if key not in self._cache:
            self._cache[key] = iku_results(self.con, self.agency_ids, [year])
        return self._cache[key]

    @property
    def results(self) -> pd.DataFrame:
        return self.results_of(self.year)

    def budget_of(self, year: int) -> pd.DataFrame:
        key = ("budget", year)
        if key not in self._cache:
            self._cache[key] = budget_by_agency(budget_lines(self.con, self.agency_ids, year), self.names)
        return self._cache[key]

    def scores_of(self, year: int) -> pd.DataFrame:
        key = ("scores", year)
        if key not in self._cache:
            self._cache[key] = agency_scores(self.results_of(year), self.budget_of(year),
                                             self.selection.max_capaian)
        return self._cache[key]

    @property
    def scores(self) -> pd.DataFrame:
        return self.scores_of(self.year)

    @cached_property
    def urusan(self) -> pd.DataFrame:
        return budget_by_urusan(budget_lines(self.con, self.agency_ids, self.year))

    @cached_property
    def total(self) -> dict:
        return budget_total(self.budget_of(self.year))

    @cached_property
    def kriteria(self) -> pd.DataFrame:
        return kriteria_counts(self.results, self.scale)

    @cached_property
    def kriteria_agencies(self) -> pd.DataFrame:
        return kriteria_agencies(self.results, self.scale)

    @cached_property
    def below(self) -> pd.DataFrame:
        return below_target_list(self.results)

    @cached_property
    def quadrant(self) -> Quadrant:
        return quadrant(self.scores)

    @cached_property
    def coverage(self) -> pd.DataFrame:
        return cascade_coverage(self.con, self.agency_ids, self.results)

    @cached_property
    def change(self) -> pd.DataFrame:
        return year_change(self.scores_of(self.year - 1), self.scores)

    @cached_property
    def kriteria_change(self) -> pd.DataFrame:
        return kriteria_change(self.results_of(self.year - 1), self.results, self.scale)

    @cached_property
    def findings(self) -> pd.DataFrame:
        return audit_findings(self.selected, self.selection.max_capaian)

    @cached_property
    def findings_by_agency(self) -> pd.DataFrame:
        return findings_by_agency(self.findings, self.selected)

    @cached_property
    def findings_by_code(self) -> pd.DataFrame:
        return findings_by_code(self.findings)

    @property
    def trend_agency(self) -> str:
        """The agency whose trend is shown: the one asked for, else the best ranked."""
        if self.selection.trend_agency:
            if self.selection.trend_agency not in self.agency_ids:
                raise CrossAgencyError(_("trend agency '{agency}' is not in the selection")
                                       .format(agency=self.selection.trend_agency))
            return self.selection.trend_agency
        ranked = self.scores.sort_values("rank_capaian", key=lambda s: s.map(
            lambda r: 10**9 if r is None else r), kind="stable")
        return str(ranked.iloc[0]["agency_id"])

    @cached_property
    def agency_trend(self) -> pd.DataFrame:
        return agency_trend(self.con, self.trend_agency, self.names, self.selection.max_capaian)

    @cached_property
    def indicator_trend(self) -> Optional[pd.DataFrame]:
        spec = self.selection.trend_indicator
        if not spec:
            return None
        agency_id, _sep, indicator_id = spec.partition(":")
        if agency_id not in self.agency_ids or not indicator_id:
            raise CrossAgencyError(_("trend indicator '{spec}': use AGENCY:INDICATOR with an "
                                     "agency of the selection").format(spec=spec))
        return indicator_trend(self.con, agency_id, indicator_id)


def open_crossagency(agency_id: str, year: int, data_path: str, options_json: str) -> CrossAgency:
    """What a compare or summary notebook opens: the store read-only, the selection, the year.

    ``agency_id`` is the report's label (a pemda id or 'perbandingan'), ``data_path`` the store;
    a relative ``data_path`` is found from the project root as well as from the notebook's own
    folder (:func:`sakip.analysis.context.resolve_data_path`). A missing store raises
    :class:`CrossAgencyError` saying to run ``sakip ingest``.
    """
    warnings.filterwarnings("ignore")  # a report shows no library warnings
    path = resolve_data_path(str(data_path))
    if not path.is_file():
        raise CrossAgencyError(
            f"Basis data analitis {data_path} belum ada. Jalankan 'sakip ingest' dari folder "
            "proyek terlebih dahulu untuk membuatnya dari masukan perangkat daerah, lalu ulangi.")
    con = open_store(path, read_only=True)
    return CrossAgency(con, int(year), Selection.from_json(agency_id, options_json), str(path))
