"""Safe evaluation of indicator formulas over their components (no ``eval``).

A formula is plain arithmetic over component names, e.g. ``bekerja / angkatan_kerja * 100`` or
``(nilai_produksi - nilai_produksi@n-1) / nilai_produksi@n-1 * 100``. Allowed: numbers, names
(letters, digits and ``_``, not starting with a digit), ``+ - * /``, unary ``-``/``+`` and
parentheses; ``name@n-k`` is the component's value ``k`` years before the report year
(``name@n`` is the report year itself; no spaces inside ``name@n-1``, so ``name@n - 1`` means
the component minus one). Everything else is rejected by walking Python's ``ast``.
Arithmetic is exact :class:`~decimal.Decimal` (28 significant digits); nothing is rounded.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import cast

from sakip.compute.formatting import fmt_number, typed_places

_LAG = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)@n(?:-(\d+))?(?![A-Za-z0-9_])")
_FUTURE = re.compile(r"@n\+\d")
_LAG_PREFIX = "__lag"
_NAME = re.compile(r"^__lag(\d+)__(.+)$")

# Python precedence levels for re-printing without redundant parentheses.
_PREC = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
_SYMBOL = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "/"}
_ASCII = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class FormulaError(ValueError):
    """A formula that cannot be parsed or evaluated; the message says why, in plain words."""


def _prepare(formula: str) -> str:
    if not isinstance(formula, str) or not formula.strip():
        raise FormulaError("the formula is empty")
    if _FUTURE.search(formula):
        raise FormulaError(f"'{formula}': only past years can be referred to (name@n-1), not n+k")
    text = formula.replace("×", "*").replace("÷", "/").replace("−", "-").replace(":", "/")
    return _LAG.sub(lambda m: f"{_LAG_PREFIX}{int(m.group(2) or 0)}__{m.group(1)}", text)


def parse(formula: str) -> ast.expr:
    """Parse and whitelist a formula; raises :class:`FormulaError` for anything not allowed."""
    source = _prepare(formula)
    if "@" in source:
        raise FormulaError(f"'{formula}': '@' must be followed by n or n-<years>, e.g. name@n-1")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise FormulaError(f"'{formula}' is not a valid formula (check operators and parentheses)") from None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Load)):
            continue
        if isinstance(node, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.Name):
            continue
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            continue
        what = type(node).__name__
        raise FormulaError(f"'{formula}': {what} is not allowed; use numbers, component names, "
                           "+ - * / and parentheses only")
    return tree.body


def _split_name(name: str) -> tuple[str, int]:
    match = _NAME.match(name)
    if match:
        return match.group(2), int(match.group(1))
    return name, 0


def names(formula: str) -> set[tuple[str, int]]:
    """The (component name, years back) pairs a formula uses."""
    return {_split_name(n.id) for n in ast.walk(parse(formula)) if isinstance(n, ast.Name)}


def _lookup(formula: str, components: Mapping[tuple[str, int], Decimal], year: int) -> Callable[[str], Decimal]:
    known = {name for name, _ in components}

    def get(raw: str) -> Decimal:
        name, lag = _split_name(raw)
        if name not in known:
            raise FormulaError(f"'{formula}': unknown component '{name}' "
                               f"(known: {', '.join(sorted(known)) or 'none'})")
        value = components.get((name, year - lag))
        if value is None:
            raise FormulaError(f"'{formula}': component '{name}' has no value for {year - lag}")
        return value if isinstance(value, Decimal) else Decimal(str(value))

    return get


def _const(node: ast.Constant) -> Decimal:
    # parse() lets through int and float constants only
    return (Decimal(repr(node.value)) if isinstance(node.value, float)
            else Decimal(cast(int, node.value)))


def _eval(node: ast.expr, get: Callable[[str], Decimal], formula: str) -> Decimal:
    if isinstance(node, ast.Constant):
        return _const(node)
    if isinstance(node, ast.Name):
        return get(node.id)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, get, formula)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = _eval(node.left, get, formula)
        right = _eval(node.right, get, formula)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise FormulaError(f"'{formula}': division by zero")
        try:
            return left / right
        except (DivisionByZero, InvalidOperation):  # pragma: no cover - guarded above
            raise FormulaError(f"'{formula}': division by zero") from None
    raise FormulaError(f"'{formula}': unsupported expression")  # pragma: no cover - parse() guards


def evaluate(formula: str, components: Mapping[tuple[str, int], Decimal], year: int) -> Decimal:
    """Evaluate ``formula`` for ``year`` over ``components[(name, year)]``; exact, unrounded.

    >>> evaluate("bekerja / angkatan_kerja * 100",
    ...          {("bekerja", 2024): Decimal("74085"), ("angkatan_kerja", 2024): Decimal("77876")},
    ...          2024).quantize(Decimal("0.01"))
    Decimal('95.13')

    Raises :class:`FormulaError` for an unknown name, a component missing for the year it is
    needed, or a division by zero.
    """
    tree = parse(formula)
    return _eval(tree, _lookup(formula, components, year), formula)


def _is_percent(node: ast.expr) -> bool:
    return (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult)
            and isinstance(node.right, ast.Constant) and node.right.value == 100)


def _render(node: ast.expr, leaf: Callable[[ast.expr], str], parent_prec: int = 0,
            right_side: bool = False) -> str:
    if isinstance(node, (ast.Constant, ast.Name)):
        return leaf(node)
    if isinstance(node, ast.UnaryOp):
        inner = _render(node.operand, leaf, 3)
        return f"-{inner}" if isinstance(node.op, ast.USub) else inner
    assert isinstance(node, ast.BinOp)
    prec = _PREC[type(node.op)]
    text = (f"{_render(node.left, leaf, prec)} {_SYMBOL[type(node.op)]} "
            f"{_render(node.right, leaf, prec, right_side=True)}")
    if prec < parent_prec or (right_side and prec == parent_prec):
        return f"({text})"
    return text


def _fmt_value(value: Decimal) -> str:
    return fmt_number(value, places=typed_places(value, 4))


def worked_steps(formula: str, components: Mapping[tuple[str, int], Decimal], year: int,
                 *, labels: Mapping[str, str] | None = None,
                 percent: bool | None = None) -> list[str]:
    """The calculation as shown in a report, one string per step.

    1. the formula in words (component labels when given, ``nama (n-1)`` for lagged names);
    2. the numbers substituted and the result, rounded half-up to 2 decimals only here:
       ``74.085 / 77.876 × 100% = 95,13%``.

    ``percent`` (default: detected from a trailing ``× 100``) shows ``× 100%`` and a ``%`` result.
    """
    tree = parse(formula)
    value = _eval(tree, _lookup(formula, components, year), formula)
    pct = _is_percent(tree) if percent is None else percent
    get = _lookup(formula, components, year)
    labels = labels or {}

    def word(node: ast.expr) -> str:
        if isinstance(node, ast.Constant):
            return _fmt_value(_const(node))
        assert isinstance(node, ast.Name)
        name, lag = _split_name(node.id)
        text = labels.get(name, name)
        return f"{text} ({year - lag})" if lag else text

    def number(node: ast.expr) -> str:
        if isinstance(node, ast.Constant):
            return _fmt_value(_const(node))
        assert isinstance(node, ast.Name)
        return _fmt_value(get(node.id))

    def with_pct(text: str) -> str:
        return text + "%" if pct and _is_percent(tree) else text

    result = fmt_number(value) + ("%" if pct else "")
    return [with_pct(_render(tree, word)), f"{with_pct(_render(tree, number))} = {result}"]


def to_ascii(formula: str) -> str:
    """Canonical ASCII form of a formula (``a / b * 100``), for keys and messages."""
    tree = parse(formula)

    def leaf(node: ast.expr) -> str:
        if isinstance(node, ast.Constant):
            return repr(node.value)
        assert isinstance(node, ast.Name)
        name, lag = _split_name(node.id)
        return f"{name}@n-{lag}" if lag else name

    text = _render(tree, leaf)
    for op, symbol in _SYMBOL.items():
        text = text.replace(f" {symbol} ", f" {_ASCII[op]} ")
    return text
