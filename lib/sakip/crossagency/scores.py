"""Values as shown, rankings and ties, kriteria counts, IKU below target, each agency's scores
(mean capaian, serapan, both ranks) and the capaian-versus-serapan quadrant."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Optional, Sequence, overload

import pandas as pd

from sakip.compute.formatting import round_half_up
from sakip.compute.kriteria import NOT_MEASURABLE, KriteriaScale
from sakip.crossagency.common import DEFAULT_MAX_CAPAIAN, HUNDRED, object_frame

# --- small pure helpers ---------------------------------------------------------------------------


@overload
def shown(value: Decimal) -> Decimal: ...
@overload
def shown(value: None) -> None: ...
def shown(value: Optional[Decimal]) -> Optional[Decimal]:
    """The value as a table shows it (half-up, two decimals): what rankings and verdicts use."""
    return None if value is None else round_half_up(value, 2)


def rank_min(values: Sequence[Optional[Decimal]], *, descending: bool = True) -> list[Optional[int]]:
    """Competition ranking ("min" method): equal values share the best rank, the next rank skips
    (100, 90, 90, 80 -> 1, 2, 2, 4). Values compare as shown (two decimals); ``None`` is unranked.
    """
    present = [shown(v) for v in values if v is not None]  # list[Decimal]
    out: list[Optional[int]] = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        v = shown(value)
        better = sum(1 for other in present if (other > v if descending else other < v))
        out.append(better + 1)
    return out


def below_target(capaian: Optional[Decimal]) -> bool:
    """A measurable capaian under 100% once shown with two decimals (99,996% is 100,00%: met)."""
    return capaian is not None and shown(capaian) < HUNDRED


def mean(values: Iterable[Optional[Decimal]]) -> Optional[Decimal]:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) / len(present) if present else None


def median(values: Iterable[Optional[Decimal]]) -> Optional[Decimal]:
    present = sorted(v for v in values if v is not None)
    return statistics.median(present) if present else None


# --- kriteria, below target -----------------------------------------------------------------------


def kriteria_counts(results: pd.DataFrame, scale: KriteriaScale) -> pd.DataFrame:
    """Indicators per kriteria (columns: the scale's labels, then 'Tidak Dapat Diukur', 'total')
    per agency (rows, selection order)."""
    labels = scale.labels + [NOT_MEASURABLE]
    records = []
    for (agency_id, agency), group in results.groupby(["agency_id", "agency"], sort=False):
        counts = group["kriteria"].value_counts()
        record = {"agency_id": agency_id, "agency": agency}
        record.update({label: int(counts.get(label, 0)) for label in labels})
        record["total"] = len(group)
        records.append(record)
    return object_frame(records, ["agency_id", "agency", *labels, "total"])


def kriteria_agencies(results: pd.DataFrame, scale: KriteriaScale) -> pd.DataFrame:
    """Per kriteria: number of indicators and the agencies holding them (names, selection order)."""
    records = []
    for label in scale.labels + [NOT_MEASURABLE]:
        group = results[results["kriteria"] == label]
        names = list(dict.fromkeys(group["agency"]))
        records.append({"kriteria": label, "indicators": len(group), "n_agencies": len(names),
                        "agencies": names})
    return object_frame(records, ["kriteria", "indicators", "n_agencies", "agencies"])


def below_target_list(results: pd.DataFrame) -> pd.DataFrame:
    """The IKU below target (selection order), lowest capaian first within the list."""
    mask = [below_target(c) for c in results["capaian"]]
    frame = results[mask].copy()
    return frame.sort_values("capaian", key=lambda s: s.map(float), kind="stable").reset_index(drop=True)


# --- scores, ranking, quadrant ------------------------------------------------------------------


SCORE_COLUMNS = ("agency_id", "agency", "n_iku", "n_measured", "n_implausible", "n_below",
                 "mean_capaian", "pagu", "realisasi", "serapan", "rank_capaian", "rank_serapan")


def agency_scores(results: pd.DataFrame, by_agency: pd.DataFrame,
                  max_capaian: Decimal = DEFAULT_MAX_CAPAIAN) -> pd.DataFrame:
    """Per agency: IKU counts, mean capaian (implausible ones left out), serapan and both ranks."""
    records = []
    for row in by_agency.itertuples():
        group = results[results["agency_id"] == row.agency_id]
        measured = [c for c in group["capaian"] if c is not None]
        plausible = [c for c in measured if c <= max_capaian]
        records.append({
            "agency_id": row.agency_id, "agency": row.agency, "n_iku": len(group),
            "n_measured": len(measured), "n_implausible": len(measured) - len(plausible),
            "n_below": sum(1 for c in measured if below_target(c)), "mean_capaian": mean(plausible),
            "pagu": row.pagu, "realisasi": row.realisasi, "serapan": row.serapan,
        })
    for key, rank in (("mean_capaian", "rank_capaian"), ("serapan", "rank_serapan")):
        for record, r in zip(records, rank_min([rec[key] for rec in records])):
            record[rank] = r
    return object_frame(records, SCORE_COLUMNS)


@dataclass(frozen=True)
class Quadrant:
    """The capaian-versus-serapan chart: x = serapan, y = mean capaian, lines at ``x_line`` (the
    median serapan) and ``y_line`` (100%: the target), and each agency's quadrant label."""

    points: pd.DataFrame  # agency_id, agency, serapan, mean_capaian, quadrant
    x_line: Optional[Decimal]
    y_line: Decimal


HIGH_LOW = "kinerja tinggi, belanja rendah"
LOW_HIGH = "kinerja rendah, belanja tinggi"
HIGH_HIGH = "kinerja tinggi, belanja tinggi"
LOW_LOW = "kinerja rendah, belanja rendah"


def quadrant(scores: pd.DataFrame) -> Quadrant:
    """Place every agency with both a serapan and a mean capaian. 'Kinerja tinggi' = mean
    capaian at least 100% (as shown); 'belanja tinggi' = serapan at least the median (as shown)."""
    x_line = median(scores["serapan"])
    records = []
    for row in scores.itertuples():
        if row.serapan is None or row.mean_capaian is None:
            continue
        high = shown(row.mean_capaian) >= HUNDRED
        spends = x_line is not None and shown(row.serapan) >= shown(Decimal(x_line))
        label = {(True, False): HIGH_LOW, (False, True): LOW_HIGH, (True, True): HIGH_HIGH,
                 (False, False): LOW_LOW}[(high, spends)]
        records.append({"agency_id": row.agency_id, "agency": row.agency, "serapan": row.serapan,
                        "mean_capaian": row.mean_capaian, "quadrant": label})
    return Quadrant(object_frame(records, ["agency_id", "agency", "serapan", "mean_capaian", "quadrant"]),
                    x_line, HUNDRED)
