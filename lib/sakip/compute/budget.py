"""Budget figures: serapan (absorption), roll-ups of program/kegiatan/sub kegiatan trees,
efisiensi and capaian per unit of serapan.

Rules (``docs/FORMULAS.md``):

* ``serapan = Σ realisasi / Σ pagu × 100``, always from sums, never an average of percentages;
* a parent's amounts are the sums of its **leaves** (the lines without children); the amounts
  printed on the parent line are kept apart (``own_pagu``/``own_realisasi``) for the audit;
* ``efisiensi = 100 − serapan`` (the seed's "Tingkat Efisiensi": 94,29 -> 5,71);
* ``performance_per_budget = capaian / serapan``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

HUNDRED = Decimal(100)


class BudgetError(ValueError):
    """Budget lines that do not form a tree (duplicate code, unknown parent, cycle)."""


def serapan(pagu_total: Decimal | None, realisasi_total: Decimal | None) -> Decimal | None:
    """Serapan anggaran (%) = realisasi / pagu × 100, unrounded.

    ``None`` when the pagu is missing or 0, or the realisasi is missing.
    Seed: 5.959.374.081 / 6.643.861.122 -> 89,70%.
    """
    if pagu_total is None or realisasi_total is None or pagu_total == 0:
        return None
    return realisasi_total / pagu_total * HUNDRED


def efisiensi(serapan_pct: Decimal | None) -> Decimal | None:
    """Tingkat efisiensi (points) = 100 − serapan, as printed by the seed (94,29 -> 5,71).

    Caveat: this is the unspent share of the pagu. It says nothing about whether the output was
    reached; read it next to the capaian (a low serapan with a low capaian is not "efficient").
    """
    return None if serapan_pct is None else HUNDRED - serapan_pct


def performance_per_budget(capaian: Decimal | None, serapan_pct: Decimal | None) -> Decimal | None:
    """Capaian per point of serapan = capaian / serapan (a ratio; > 1 means the capaian exceeds
    the share of the budget spent). ``None`` when either is missing or serapan is 0.

    Caveat: both are percentages of different things (a target, a pagu); the ratio is a rough
    signal for the efficiency analysis, not a cost-effectiveness measure.
    """
    if capaian is None or serapan_pct is None or serapan_pct == 0:
        return None
    return capaian / serapan_pct


def _get(line: Any, field: str) -> Any:
    if isinstance(line, Mapping):
        return line.get(field)
    return getattr(line, field, None)


def _amount(raw: Any) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return None if raw.is_nan() else raw
    if isinstance(raw, float):
        if math.isnan(raw):  # NaN from pandas
            return None
        return Decimal(repr(raw))
    return Decimal(str(raw))


@dataclass(frozen=True)
class RollupRow:
    """One node of the budget tree with its computed and its printed amounts.

    ``pagu``/``realisasi`` are the sums over the node's leaves (a leaf's own amounts);
    ``own_pagu``/``own_realisasi`` are the amounts typed on this line (``None`` if blank);
    ``complete`` is False when some leaf lacks the amount, so the sum is a lower bound.
    """

    code: str
    level: str | None
    parent_code: str | None
    sasaran_id: str | None
    depth: int
    is_leaf: bool
    n_leaves: int
    pagu: Decimal | None
    realisasi: Decimal | None
    own_pagu: Decimal | None
    own_realisasi: Decimal | None
    complete: bool

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.pagu, self.realisasi)

    @property
    def pagu_differs(self) -> bool:
        """True when a printed parent pagu differs from the sum of its leaves."""
        return (not self.is_leaf and self.own_pagu is not None and self.pagu is not None
                and self.own_pagu != self.pagu)

    @property
    def realisasi_differs(self) -> bool:
        return (not self.is_leaf and self.own_realisasi is not None
                and self.realisasi is not None and self.own_realisasi != self.realisasi)


class _Tree:
    def __init__(self, lines: Iterable[Any]):
        self.lines = list(lines)
        self.by_code: dict[str, Any] = {}
        for line in self.lines:
            code = _get(line, "code")
            if code is None or str(code).strip() == "":
                raise BudgetError("a budget line has no code")
            code = str(code)
            if code in self.by_code:
                raise BudgetError(f"budget code '{code}' appears twice")
            self.by_code[code] = line
        self.children: dict[str | None, list[str]] = defaultdict(list)
        for code, line in self.by_code.items():
            parent = _get(line, "parent_code")
            parent = None if parent is None or str(parent).strip() == "" else str(parent)
            if parent is not None and parent not in self.by_code:
                raise BudgetError(f"parent_code '{parent}' of budget line '{code}' is not a code "
                                  "of the lines")
            self.children[parent].append(code)
        self.depth: dict[str, int] = {}
        self._check_cycles()

    def parent(self, code: str) -> str | None:
        parent = _get(self.by_code[code], "parent_code")
        return None if parent is None or str(parent).strip() == "" else str(parent)

    def _check_cycles(self) -> None:
        stack = [(c, 0) for c in self.children[None]]
        while stack:
            code, depth = stack.pop()
            self.depth[code] = depth
            stack.extend((c, depth + 1) for c in self.children.get(code, []))
        missing = [c for c in self.by_code if c not in self.depth]
        if missing:
            raise BudgetError(f"budget lines {sorted(missing)} form a cycle of parent codes")

    def leaves_under(self, code: str) -> list[str]:
        kids = self.children.get(code, [])
        if not kids:
            return [code]
        out: list[str] = []
        for kid in kids:
            out.extend(self.leaves_under(kid))
        return out

    def inherited(self, code: str, field: str) -> Any:
        """The field's value on the line or, if blank, on its nearest ancestor."""
        current: str | None = code
        while current is not None:
            value = _get(self.by_code[current], field)
            if value is not None and str(value).strip() != "":
                return value
            current = self.parent(current)
        return None

    def root(self, code: str) -> str:
        while (parent := self.parent(code)) is not None:
            code = parent
        return code


def _sum(values: list[Decimal | None]) -> tuple[Decimal | None, bool]:
    present = [v for v in values if v is not None]
    if not present:
        return None, False
    return sum(present, Decimal(0)), len(present) == len(values)


def rollup(lines: Iterable[Any]) -> list[RollupRow]:
    """Every node's pagu and realisasi summed from its leaves, printed amounts kept apart.

    ``lines`` are records (``BudgetLine`` models, dataclasses or mappings) with ``code``,
    ``level``, ``parent_code``, ``pagu``, ``realisasi``, ``sasaran_id``; one year at a time.
    Rows come back in input order. Raises :class:`BudgetError` for a duplicate code, an unknown
    parent or a cycle.
    """
    tree = _Tree(lines)
    rows = []
    for code, line in tree.by_code.items():
        leaves = tree.leaves_under(code)
        pagu, pagu_ok = _sum([_amount(_get(tree.by_code[c], "pagu")) for c in leaves])
        real, real_ok = _sum([_amount(_get(tree.by_code[c], "realisasi")) for c in leaves])
        rows.append(RollupRow(
            code=code,
            level=_get(line, "level"),
            parent_code=tree.parent(code),
            sasaran_id=tree.inherited(code, "sasaran_id"),
            depth=tree.depth[code],
            is_leaf=leaves == [code],
            n_leaves=len(leaves),
            pagu=pagu,
            realisasi=real,
            own_pagu=_amount(_get(line, "pagu")),
            own_realisasi=_amount(_get(line, "realisasi")),
            complete=pagu_ok and real_ok,
        ))
    return rows


def rollup_frame(lines: Iterable[Any]):  # -> pandas.DataFrame (imported lazily)
    """:func:`rollup` as a pandas DataFrame, with a ``serapan`` column (Decimal objects)."""
    import pandas as pd  # function-local: pandas takes ~0,8 s to import; only this frame needs it

    rows = rollup(lines)
    frame = pd.DataFrame([asdict(r) for r in rows])
    frame["serapan"] = [r.serapan for r in rows]
    return frame


@dataclass(frozen=True)
class BudgetSummary:
    """Summed pagu and realisasi of a group of leaf lines, and the serapan computed from them."""

    pagu: Decimal | None
    realisasi: Decimal | None
    n_lines: int
    complete: bool

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.pagu, self.realisasi)

    @property
    def efisiensi(self) -> Decimal | None:
        return efisiensi(self.serapan)


KeySpec = str | Callable[[Any], Hashable]


def serapan_by(lines: Iterable[Any], key: KeySpec) -> dict[Hashable, BudgetSummary]:
    """Pagu, realisasi and serapan per group, always ``Σ realisasi / Σ pagu``.

    Only leaf lines are summed, so a parent's printed total is never counted twice. ``key`` is:

    * a field name (``sasaran_id``, ``unit_id``, ``sumber_dana`` ...): a leaf with the field blank
      takes it from its nearest ancestor (sasaran are often set on the program line only);
    * ``"program"``: the code of the leaf's root line;
    * a callable ``line -> key``.

    Groups come back in order of first appearance; the key ``None`` collects leaves without one.
    Seed: sasaran 1 -> 1.327.231.136 / 1.407.615.308 = 94,29%.
    """
    tree = _Tree(lines)
    groups: dict[Hashable, list[Any]] = {}
    for code, line in tree.by_code.items():
        if tree.children.get(code):
            continue
        if callable(key):
            group = key(line)
        elif key == "program":
            group = tree.root(code)
        else:
            group = tree.inherited(code, key)
        groups.setdefault(group, []).append(line)
    out = {}
    for group, members in groups.items():
        pagu, pagu_ok = _sum([_amount(_get(m, "pagu")) for m in members])
        real, real_ok = _sum([_amount(_get(m, "realisasi")) for m in members])
        out[group] = BudgetSummary(pagu, real, len(members), pagu_ok and real_ok)
    return out


def total(lines: Iterable[Any]) -> BudgetSummary:
    """Whole-agency pagu, realisasi and serapan from the leaf lines."""
    by = serapan_by(lines, lambda _line: "total")
    return by.get("total", BudgetSummary(None, None, 0, False))
