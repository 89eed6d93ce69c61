"""The PK cascade: units depth-first from the head, the indicators of each unit's PK with their
capaian for the period, the IKU they serve, the means per unit and per sub-tree, and the
org-chart layout."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from sakip.analysis.pengukuran.periods import check_upto
from sakip.analysis.pengukuran.quarters import indicator_capaian, numeric, quarter_target
from sakip.compute import defaults
from sakip.compute.capaian import Capaian, sasaran_capaian
from sakip.compute.kriteria import is_implausible
from sakip.compute.period import aggregation, year_from_quarters
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import NumberValue, PerfValue

# --- the PK cascade ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitIndicator:
    """An indicator in a unit's PK with its target, realisasi and capaian for the period."""

    indicator: m.Indikator
    sasaran: Optional[m.Sasaran]
    target: Optional[PerfValue]
    realisasi: Optional[PerfValue]
    capaian: Capaian
    supports_iku: tuple[str, ...]


@dataclass(frozen=True)
class CascadeNode:
    unit: m.Unit
    depth: int
    indicators: tuple[UnitIndicator, ...]
    budget: tuple[m.PkBudget, ...]  # PK budget rows (printed TOTAL rows excluded)
    budget_total: Optional[Decimal]  # Σ of the rows at the top level of the unit's PK
    capaian: Capaian  # mean of the unit's measurable indicators
    rollup: Capaian  # mean over the unit and every unit below it
    children: tuple[str, ...] = field(default_factory=tuple)
    n_averaged: int = 0  # the indicators the unit's own mean covers (measurable and plausible)

    @property
    def n_measurable(self) -> int:
        return sum(1 for i in self.indicators if i.capaian.measurable)


def unit_tree(units: Sequence[m.Unit]) -> list[tuple[m.Unit, int]]:
    """Units depth-first from the head(s), in their ``order``, with their depth (head = 0).
    A unit whose parent is unknown is treated as a root; a cycle raises ``ValueError``."""
    ids = {u.unit_id for u in units}
    children: dict[Optional[str], list[m.Unit]] = {}
    for u in sorted(units, key=lambda u: (u.order is None, u.order or 0)):
        parent = u.parent_unit_id if u.parent_unit_id in ids else None
        children.setdefault(parent, []).append(u)
    out: list[tuple[m.Unit, int]] = []
    seen: set[str] = set()
    stack = [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        if unit.unit_id in seen:
            continue
        seen.add(unit.unit_id)
        out.append((unit, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(unit.unit_id, [])))
    if len(out) != len(units):
        missing = sorted(ids - seen)
        raise ValueError(f"units {missing} form a cycle of parent_unit_id")
    return out


def _budget_sasaran(agency: Agency, code: str, year: int) -> Optional[str]:
    by_code = {b.code: b for b in agency.budget_lines(year)}
    current: Optional[str] = code
    while current is not None and current in by_code:
        line = by_code[current]
        if line.sasaran_id:
            return line.sasaran_id
        current = line.parent_code
    return None


def supported_iku(agency: Agency, indicator_id: str, year: int) -> tuple[str, ...]:
    """The IKU an indicator serves, following ``Indikator.supports`` transitively; an indicator of
    a budget line serves the IKU of the line's sasaran (inherited from its parents); an IKU
    serves itself. Empty when the chain reaches no IKU."""
    iku_ids = {i.indicator_id for i in agency.iku}
    indicators = {i.indicator_id: i for i in agency.rows("indikator")}
    strategic = {s.sasaran_id for s in agency.strategic_sasaran}
    found: list[str] = []
    seen: set[str] = set()
    stack = [indicator_id]
    while stack:
        current = stack.pop()
        if current in seen or current not in indicators:
            continue
        seen.add(current)
        if current in iku_ids:
            found.append(current)
            continue
        ind = indicators[current]
        if ind.supports:
            stack.append(ind.supports)
            continue
        sasaran_id = ind.sasaran_id if ind.sasaran_id in strategic else None
        if sasaran_id is None and ind.budget_code:
            sasaran_id = _budget_sasaran(agency, ind.budget_code, year)
        if sasaran_id in strategic:
            stack.extend(i.indicator_id for i in agency.indicators_of(sasaran_id)
                         if i.indicator_id in iku_ids)
    order = [i.indicator_id for i in agency.iku]
    return tuple(sorted(set(found), key=order.index))


def unit_indicators(agency: Agency, unit: m.Unit, year: int) -> list[tuple[m.Indikator, Optional[m.Sasaran]]]:
    """The indicators in a unit's PK: those of the sasaran owned by the unit (the head, without
    sasaran of its own, signs the strategic sasaran and their IKU). When the unit's PK is written
    in programme indicators (its sasaran hold indicators with a budget code), the programme
    indicators of the unit's budget lines that have no sasaran are added too."""
    own = [s for s in agency.rows("sasaran") if s.unit_id == unit.unit_id]
    if unit.kind == "kepala" and not own:
        own = agency.strategic_sasaran
    out: list[tuple[m.Indikator, Optional[m.Sasaran]]] = [
        (i, s) for s in own for i in agency.indicators_of(s.sasaran_id)]
    if not any(i.budget_code for i, _ in out):
        return out
    lines = {b.code: b for b in agency.budget_lines(year)}
    taken = {i.indicator_id for i, _ in out}
    for ind in agency.rows("indikator"):
        if ind.indicator_id in taken or ind.sasaran_id or not ind.budget_code:
            continue
        line = lines.get(ind.budget_code)
        if line is not None and line.unit_id == unit.unit_id:
            out.append((ind, None))
    return out


def plausible_mean(items: Iterable[Capaian], max_capaian: Optional[Decimal] = None) -> Capaian:
    """Mean of the measurable capaian, leaving out those above ``max_capaian`` (implausible, a
    typing error more often than a performance); "tidak dapat diukur" when none is left."""
    kept = [c for c in items if not is_implausible(c.value, max_capaian)]
    return sasaran_capaian(kept, "mean")


def period_value(agency: Agency, indicator: m.Indikator, year: int,
                 upto: Optional[int]) -> tuple[Optional[PerfValue], Optional[PerfValue]]:
    """(target, realisasi) of an indicator for a cascade run up to ``upto``.

    Whole year: the TAHUN target (PK perubahan first) else the TW IV target; the TAHUN realisasi,
    else the year read from its quarters (:func:`sakip.compute.period.year_from_quarters`: the
    last typed value, the mean for ``rata_rata``). Partial year: the TW ``upto`` target and the
    quarters I..``upto`` read the same way.
    """
    n = check_upto(upto)
    iid = indicator.indicator_id
    if n == 4:
        row = agency.target(iid, year, "TAHUN", sources=("pk_perubahan", "pk", "rkt", "renstra", "iku"))
        target = row.parsed if row is not None else quarter_target(agency, iid, year, 4)
        realisasi = agency.realisasi_value(iid, year)
        if realisasi is not None:
            return target, realisasi
    else:
        target = quarter_target(agency, iid, year, n)
    quarters = {q: numeric(agency.realisasi_value(iid, year, f"TW{q}")) for q in range(1, n + 1)}
    value = year_from_quarters(quarters, aggregation(indicator))
    return target, None if value is None else NumberValue(value)


def cascade(agency: Agency, year: int, upto: Optional[int] = None,
            max_capaian: Optional[Decimal] = defaults.MAX_CAPAIAN) -> list[CascadeNode]:
    """The PK cascade, depth-first from the head: each unit's indicators with target, realisasi
    and capaian, its PK budget, its own capaian (mean of its measurable indicators) and the
    capaian rolled up over its sub-tree; capaian above ``max_capaian`` stay in the tables but
    are left out of both means (:func:`plausible_mean`)."""
    tree = unit_tree(agency.units())
    children: dict[str, list[str]] = {}
    for unit, _ in tree:
        if unit.parent_unit_id:
            children.setdefault(unit.parent_unit_id, []).append(unit.unit_id)
    own: dict[str, list[UnitIndicator]] = {}
    for unit, _ in tree:
        items = []
        for ind, sasaran in unit_indicators(agency, unit, year):
            target, realisasi = period_value(agency, ind, year, upto)
            items.append(UnitIndicator(ind, sasaran, target, realisasi,
                                       indicator_capaian(ind, target, realisasi),
                                       supported_iku(agency, ind.indicator_id, year)))
        own[unit.unit_id] = items

    def subtree(unit_id: str) -> list[UnitIndicator]:
        out = list(own[unit_id])
        for child in children.get(unit_id, []):
            out.extend(subtree(child))
        return out

    nodes = []
    for unit, depth in tree:
        budget = tuple(b for b in agency.rows("pk_budget")
                       if b.unit_id == unit.unit_id and b.year == year and not b.is_total)
        top = [b.amount for b in budget if b.amount is not None and b.no is not None]
        amounts = top or [b.amount for b in budget if b.amount is not None]
        nodes.append(CascadeNode(
            unit=unit, depth=depth, indicators=tuple(own[unit.unit_id]), budget=budget,
            budget_total=sum(amounts, Decimal(0)) if amounts else None,
            capaian=plausible_mean([i.capaian for i in own[unit.unit_id]], max_capaian),
            rollup=plausible_mean([i.capaian for i in subtree(unit.unit_id)], max_capaian),
            children=tuple(children.get(unit.unit_id, [])),
            n_averaged=sum(1 for i in own[unit.unit_id] if i.capaian.value is not None
                           and not is_implausible(i.capaian.value, max_capaian)),
        ))
    return nodes


def iku_support(agency: Agency, nodes: Sequence[CascadeNode]) -> list[tuple[m.Indikator, list[tuple[m.Unit, UnitIndicator]]]]:
    """For each IKU, the unit indicators below the head that serve it (transitively)."""
    out = []
    for iku in agency.iku:
        supporters = [(n.unit, ui) for n in nodes for ui in n.indicators
                      if n.depth > 0 and iku.indicator_id in ui.supports_iku
                      and ui.indicator.indicator_id != iku.indicator_id]
        out.append((iku, supporters))
    return out


def tree_layout(nodes: Sequence[CascadeNode]) -> dict[str, tuple[float, int]]:
    """(x, depth) of each unit for an org chart: leaves at consecutive x, a parent centred
    above its children."""
    by_id = {n.unit.unit_id: n for n in nodes}
    pos: dict[str, tuple[float, int]] = {}
    next_x = [0.0]

    def place(unit_id: str) -> float:
        node = by_id[unit_id]
        kids = [c for c in node.children if c in by_id]
        if not kids:
            x = next_x[0]
            next_x[0] += 1
        else:
            xs = [place(c) for c in kids]
            x = (xs[0] + xs[-1]) / 2
        pos[unit_id] = (x, node.depth)
        return x

    for node in nodes:
        if node.depth == 0:
            place(node.unit.unit_id)
    return pos
