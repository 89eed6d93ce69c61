"""Turn raw text tables into a validated :class:`~sakip.model.agency.Agency`, or list every problem.

Validation rejects what makes the input unusable: missing tables or columns, values of the wrong
type, duplicate keys and references to things that do not exist. Figures that are well formed but
contradict each other (a printed total that is not the sum) are left to ``sakip audit``.
"""

from __future__ import annotations

import difflib
import functools
import typing
from decimal import Decimal
from typing import Any, Mapping

from pydantic import TypeAdapter, ValidationError

from sakip.i18n import _
from sakip.inputs.problems import InputError, Problem
from sakip.inputs.raw import PROFILE_FILE, RawInput, RawRow, RawTable, bad_characters
from sakip.inputs.reference import column_kind
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import MISSING_TOKENS, Ambiguity, Likely, separator_ambiguity
from sakip.model.schema import PROFILE, TABLES, TableSpec, table_for

#: Tables every agency must provide, with at least one row.
REQUIRED_TABLES = tuple(t.name for t in TABLES if t.required)


def build_agency(raw: RawInput) -> Agency:
    """Validate ``raw`` and build the Agency; raise :class:`InputError` with every problem."""
    problems = list(raw.problems)
    rows: dict[str, list[tuple[RawRow, m.Row]]] = {}
    # Values of rows or tables that could not be validated: a reference to them is not
    # reported again, so one typo gives one problem rather than a cascade.
    doubtful: dict[tuple[str, str], set[str]] = {}
    unreadable: set[str] = set()
    # Rows refused for some columns: their other reference columns are still checked, so that
    # every problem of a row is listed in the same run.
    unparsed: dict[str, list[tuple[RawRow, dict[str, Any]]]] = {}
    for spec in TABLES:
        table = raw.tables.get(spec.name)
        if table is None:
            if _reported_file(raw, spec.name, problems):
                unreadable.add(spec.name)
            elif spec.required:
                problems.append(_missing_table(raw, spec))
            continue
        rows[spec.name] = _validate_table(spec, table, problems, doubtful, raw.warnings,
                                          unparsed.setdefault(spec.name, []))
        if _broken_header(spec, table):
            unreadable.add(spec.name)
        if spec.required and not table.rows and table.columns:
            problems.append(table.problem(_("has no data rows; this table is required")))
        elif spec.required and not table.columns and table.sheet is not None:
            problems.append(table.problem(
                _("is empty; row 1 must hold the column names (the {name} table is required)").format(name=spec.name)))
    _check_keys(raw, rows, problems)
    _check_references(raw, rows, problems, doubtful, unreadable, unparsed)
    _check_budget_tree(raw, rows, problems)
    separator_warnings(raw, rows, raw.warnings)
    if problems:
        raise InputError(sorted(problems, key=_reading_order))
    profile_rows = rows.get(PROFILE.name, [])
    if not profile_rows:  # pragma: no cover - a missing profile is always reported above
        raise InputError([Problem(raw.label, message=_("no profile"))])
    tables = {spec.name: tuple(model for _, model in rows.get(spec.name, ()))
              for spec in TABLES if spec is not PROFILE}
    # The line of every row in its file or sheet, so that later messages (the audit's) can say
    # where to look even when blank lines or template example rows were skipped.
    lines = {spec.name: tuple(raw_row.row for raw_row, _ in rows.get(spec.name, ()))
             for spec in TABLES if spec is not PROFILE}
    sheets = {name: table.sheet for name, table in raw.tables.items() if table.sheet}
    return Agency(profile=profile_rows[0][1], tables=tables, source=raw.source,  # type: ignore[arg-type]
                  input_hash=raw.input_hash, source_lines=lines, source_sheets=sheets)


def _broken_header(spec: TableSpec, table: RawTable) -> bool:
    """No header, one lacking a required column, or a required table without rows: references
    into such a table are not checked, as they would only repeat the one problem."""
    if spec is PROFILE or (spec.name == "narrative" and table.sheet is None):
        return False
    if spec.required and not table.rows:  # reported once as "has no data rows"
        return True
    return not table.columns or any(c not in table.columns for c in spec.required_columns)


def _reading_order(problem: Problem) -> tuple:
    """File by file, sheet by sheet, top to bottom: the order in which someone fixes them."""
    return (problem.file, problem.sheet or "", problem.row or 0)


def _reported_file(raw: RawInput, name: str, problems: list[Problem]) -> bool:
    """True when the table's file exists but could not be read (already reported)."""
    if raw.kind != "folder":
        return raw.kind == "file" or any(
            (p.sheet is None and p.row is None) or _sheet_table_name(p.sheet) == name
            for p in problems)
    return name in raw.unread


def _sheet_table_name(sheet: str | None) -> str | None:
    spec = table_for(sheet) if sheet else None
    return spec.name if spec else (sheet or "").strip()


def _missing_table(raw: RawInput, spec: TableSpec) -> Problem:
    if raw.kind == "folder":
        file = PROFILE_FILE if spec is PROFILE else f"{spec.name}.csv"
        return Problem(raw.label, message=_("required file {file} is missing ({title})").format(
            file=file, title=spec.title))
    if spec.sheet_label != spec.name:
        return Problem(raw.label, message=_(
            "required sheet '{label}' (or '{name}') is missing ({title})").format(
                label=spec.sheet_label, name=spec.name, title=spec.title))
    return Problem(raw.label, message=_("required sheet '{name}' is missing ({title})").format(
        name=spec.name, title=spec.title))


# --- one table ------------------------------------------------------------------------------


#: Tokens that mean "no data" in any column; in a text column the others (``n/a``, ``TD`` ...)
#: are read as missing too, which a warning (optional column) or a problem (required) says.
PLAIN_MISSING = {"", "-", "–", "—"}


def _missing_tokens(spec: TableSpec, table: RawTable, row: RawRow, problems: list[Problem],
                    warnings: list[Problem]) -> None:
    """A text cell holding a token such as ``n/a`` or ``TD`` is read as empty: say so."""
    for column, value in list(row.values.items()):
        token = value.strip().lower()
        if token in PLAIN_MISSING or token not in MISSING_TOKENS:
            continue
        if column not in spec.model.model_fields or column_kind(spec, column) != "text":
            continue
        if spec.model.model_fields[column].is_required():
            problems.append(table.problem(
                _("'{value}' is read as missing (like {tokens}); a value is required").format(
                    value=value, tokens=_token_list()),
                row, column))
            row.reported.add(column)
        else:
            warnings.append(table.problem(
                _("'{value}' is read as missing (like {tokens}): the cell counts as empty").format(
                    value=value, tokens=_token_list()),
                row, column))


def _token_list() -> str:
    return ", ".join(f"'{t}'" for t in sorted(MISSING_TOKENS - PLAIN_MISSING))


def _validate_table(spec: TableSpec, table: RawTable, problems: list[Problem],
                    doubtful: dict[tuple[str, str], set[str]],
                    warnings: list[Problem] | None = None,
                    unparsed: list[tuple[RawRow, dict[str, Any]]] | None = None,
                    ) -> list[tuple[RawRow, m.Row]]:
    """The rows that parsed; ``unparsed`` receives the others with their reference columns
    that are valid on their own."""
    warnings = [] if warnings is None else warnings
    known = spec.columns
    skip_missing: set[str] = set()
    seen: set[str] = set()
    for column in table.columns:
        if not column:
            continue
        if column in seen:
            problems.append(table.problem(_("the column appears twice in the header"),
                                          column=column, line=_header_line(spec, table)))
        seen.add(column)
        if column not in known:
            message = _unknown_column(column, spec.known_names,
                                      spec.known_names if table.written else known,
                                      profile=spec is PROFILE)
            problems.append(table.problem(message, column=column,
                                          line=_header_line(spec, table, column)))
    if spec is not PROFILE and table.columns:
        for column in spec.required_columns:
            if column not in table.columns and not (spec.name == "narrative"
                                                    and table.sheet is None):
                problems.append(table.problem(
                    _("required column is missing from the header ({description})").format(
                        description=_describe(spec, column)),
                    column=spec.labels[column] if table.written else column, line=1))
                skip_missing.add(column)
    result = []
    for row in table.rows:
        _missing_tokens(spec, table, row, problems, warnings)
        values = {k: _normalise(spec, k, v) for k, v in row.values.items() if k in known}
        try:
            model = spec.model.model_validate(values)
        except ValidationError as exc:
            if unparsed is not None:
                unparsed.append((row, _valid_references(spec, values, exc)))
            for error in exc.errors():
                error_column = str(error["loc"][0]) if error["loc"] else None
                if error_column in row.reported or (error["type"] == "missing"
                                                    and error_column in skip_missing):
                    continue
                if error["type"] == "missing" and error_column in row.reported:
                    continue
                problems.append(table.problem(_message(spec, error_column, error), row,
                                              error_column))
            _doubt(spec, row, doubtful)
            continue
        if row.reported & set(spec.required_columns):
            _doubt(spec, row, doubtful)
            continue
        result.append((row, model))
    return result


def _valid_references(spec: TableSpec, values: dict[str, Any],
                      exc: ValidationError) -> dict[str, Any]:
    """The reference columns of a refused row whose value is valid (and not in error)."""
    wrong = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
    found = {}
    for ref in spec.refs:
        if ref.column in wrong or values.get(ref.column) is None:
            continue
        try:
            found[ref.column] = _adapter(spec.model, ref.column).validate_python(values[ref.column])
        except ValidationError:
            continue
    return found


@functools.lru_cache(maxsize=None)
def _adapter(model: type[m.Row], column: str) -> TypeAdapter:
    info = model.model_fields[column]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = typing.Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


def _doubt(spec: TableSpec, row: RawRow, doubtful: dict[tuple[str, str], set[str]]) -> None:
    for column, value in row.values.items():
        doubtful.setdefault((spec.name, column), set()).add(value)
    for column, value in row.refused.items():  # 'S2\u200b' refused: 'S2' elsewhere is no news
        bad = set(bad_characters(value))
        cleaned = "".join(ch for ch in value if ch not in bad)
        doubtful.setdefault((spec.name, column), set()).update({value, cleaned})


def _header_line(spec: TableSpec, table: RawTable, column: str | None = None) -> int | None:
    if spec is PROFILE and table.rows and column:
        return table.rows[0].rows.get(column)
    return 1


def _unknown_column(column: str, names: list[str], known: list[str],
                    profile: bool = False) -> str:
    """``did you mean`` one of ``names`` (keys and labels), else the list of ``known``."""
    close = (difflib.get_close_matches(column.lower(), known, n=1)
             or difflib.get_close_matches(column.lower(), names, n=1))
    if not close:  # an Indonesian label is capitalised: compare without letter case
        lowered = {k.lower(): k for k in names}
        close = [lowered[c] for c in difflib.get_close_matches(column.lower(), list(lowered), n=1)]
    if close:
        message = (_("unknown profile field; did you mean '{close}'?") if profile
                   else _("unknown column; did you mean '{close}'?"))
        return message.format(close=close[0])
    message = (_("unknown profile field; known fields: {names}") if profile
               else _("unknown column; known columns: {names}"))
    return message.format(names=", ".join(known))


@functools.lru_cache(maxsize=None)
def _literal_options(spec: TableSpec, column: str) -> tuple[str, ...]:
    """The allowed values of a Literal column (none for other columns). Cached: it is asked for
    every cell, and reading the annotation was a third of the validation time."""
    annotation = spec.model.model_fields[column].annotation
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is typing.Literal:
            return tuple(str(a) for a in typing.get_args(arg))
    return ()


def _normalise(spec: TableSpec, column: str, value: str) -> str | None:
    """Match Literal options regardless of case ('PK' -> 'pk'); '-' means empty there."""
    lowered = _lowered_options(spec, column)
    if not lowered:
        return value
    if value.strip() in ("-", "–", "—"):
        return None
    return lowered.get(value.strip().lower(), value)


@functools.lru_cache(maxsize=None)
def _lowered_options(spec: TableSpec, column: str) -> dict[str, str]:
    return {o.lower(): o for o in _literal_options(spec, column)}


def _describe(spec: TableSpec, column: str) -> str:
    description = m.field_description(spec.model.model_fields[column]) or column
    return description.rstrip(".")


def _message(spec: TableSpec, column: str | None, error: Mapping[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return _("is empty; a value is required")
    if kind == "extra_forbidden":
        return _("unknown column")
    if kind in ("literal_error", "enum"):
        options = _literal_options(spec, column) if column else ()
        return _("'{value}' is not one of: {names}").format(value=value, names=', '.join(options))
    message = str(error.get("msg", ""))
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if kind in ("value_error", "assertion_error"):
        return message
    return _("'{value}' is not valid here: {message}").format(
        value=value, message=_(message)[0].lower() + _(message)[1:] if message else kind)


# --- across rows and tables -----------------------------------------------------------------


def _check_keys(raw: RawInput, rows: dict[str, list[tuple[RawRow, m.Row]]],
                problems: list[Problem]) -> None:
    for spec in TABLES:
        if not spec.key or spec.name not in rows:
            continue
        table = raw.tables[spec.name]
        seen: dict[tuple, RawRow] = {}
        for row, model in rows[spec.name]:
            key = tuple(getattr(model, c) for c in spec.key)
            if key in seen:
                first = seen[key]
                where = (_("row {row}").format(row=first.row) if first.row is not None
                         else first.file) or _("above")
                shown = ", ".join(f"{c}={_('(empty)') if v is None else v}"
                                  for c, v in zip(spec.key, key))
                column = spec.key[0] if len(spec.key) == 1 else None
                problems.append(table.problem(
                    _("duplicate {name} entry ({shown}); the same key is already on {where}").format(name=spec.name, shown=shown, where=where),
                    row, column))
            else:
                seen[key] = row


def _check_references(raw: RawInput, rows: dict[str, list[tuple[RawRow, m.Row]]],
                      problems: list[Problem], doubtful: dict[tuple[str, str], set[str]],
                      unreadable: set[str],
                      unparsed: Mapping[str, list[tuple[RawRow, dict[str, Any]]]] | None = None,
                      ) -> None:
    def values_of(table: str, column: str) -> set:
        return {getattr(model, column) for _, model in rows.get(table, ())}

    for spec in TABLES:
        if not spec.refs or spec.name not in rows:
            continue
        table = raw.tables[spec.name]
        for ref in spec.refs:
            if any(target in unreadable for target, _ in ref.targets):
                continue
            allowed: set = set()
            unsure: set = set()
            for target, target_column in ref.targets:
                allowed |= values_of(target, target_column)
                unsure |= doubtful.get((target, target_column), set())
            checked = [(row, getattr(model, ref.column)) for row, model in rows[spec.name]]
            checked += [(row, found.get(ref.column))
                        for row, found in (unparsed or {}).get(spec.name, ())]
            for row, value in checked:
                if value is None or value in allowed or value in unsure:
                    continue
                places = _(" or ").join(f"{t}.{c}" for t, c in ref.targets)
                close = difflib.get_close_matches(str(value), sorted(map(str, allowed)), n=1)
                hint = "; " + _("did you mean '{close}'?").format(close=close[0]) if close else ""
                problems.append(table.problem(
                    _("'{value}' is not found in {places}{hint}").format(
                        value=value, places=places, hint=hint), row, ref.column))


_PARENT_LEVEL = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}


def _check_budget_tree(raw: RawInput, rows: dict[str, list[tuple[RawRow, m.Row]]],
                       problems: list[Problem]) -> None:
    if "budget" not in rows:
        return
    table = raw.tables["budget"]
    lines: list[tuple[RawRow, m.BudgetLine]] = rows["budget"]  # type: ignore[assignment]
    by_year_code = {(b.year, b.code): b for _, b in lines}
    years_of: dict[str, set[int]] = {}
    for _row, b in lines:
        years_of.setdefault(b.code, set()).add(b.year)
    for row, line in lines:
        if line.parent_code is None:
            continue
        if line.level == "program":
            problems.append(table.problem(
                _("a program has no parent; leave parent_code empty (found '{parent_code}')").format(parent_code=line.parent_code),
                row, "parent_code"))
            continue
        if line.parent_code not in years_of:
            continue  # reported as an unknown reference
        parent = by_year_code.get((line.year, line.parent_code))
        if parent is None:
            years = ", ".join(str(y) for y in sorted(years_of[line.parent_code]))
            problems.append(table.problem(
                _("parent '{parent_code}' has no budget line in {year} (only in "
                  "{years}); a line and its parent must be of the same year").format(
                    parent_code=line.parent_code, year=line.year, years=years), row, "parent_code"))
            continue
        expected = _PARENT_LEVEL[line.level]
        if parent.level != expected:
            problems.append(table.problem(
                _("the parent of a {level} must be a {expected}, but '{code}' is a "
                  "{parent_level}").format(level=line.level, expected=expected, code=parent.code,
                                        parent_level=parent.level), row, "parent_code"))



# --- numbers whose reading depends on the separator convention ------------------------------

#: Units of a percentage; the other units whose values are counts or rupiah are
#: :data:`sakip.model.rows.WHOLE_UNITS`.
PERCENT_UNITS = frozenset({"%", "persen"})
#: Number columns that hold a percentage whatever the indicator.
PERCENT_COLUMNS = {("budget_quarterly", "fisik_target"), ("budget_quarterly", "fisik_realisasi"),
                   ("indikator", "capaian_cap")}
#: Columns holding a value in the unit of the indicator named by ``indicator_id``.
INDICATOR_VALUE_COLUMNS = {("targets", "value"), ("realisasi", "value"),
                           ("national_standards", "value"), ("indikator", "baseline"),
                           ("indikator", "target_akhir")}
#: Tables not checked: the figures of old reports are copied as printed, never used as inputs,
#: and the audit diagnoses their separator slips itself (docs/AUDIT.md, printed_mismatch).
UNCHECKED_TABLES = {"printed"}


def unit_likely(unit: str | None) -> Likely | None:
    """``percent`` for % (``persen``, ``persen (%)``), ``whole`` for units of whole things or
    rupiah, else None."""
    token = (unit or "").strip().lower().rstrip(".")
    if token in PERCENT_UNITS or "%" in token or token.startswith("persen"):
        return "percent"
    if token in m.WHOLE_UNITS or token == "rupiah":
        return "whole"
    return None


def _likely(spec: TableSpec, column: str, model: m.Row,
            units: Mapping[str, str | None]) -> Likely | None:
    if (spec.name, column) in PERCENT_COLUMNS:
        return "percent"
    if (spec.name, column) in INDICATOR_VALUE_COLUMNS:
        return unit_likely(units.get(getattr(model, "indicator_id", "")))
    if spec.name == "supplementary" and column == "value":
        # in a whole unit, 1,853 is already read as 1853 (SupplementaryCell.number)
        likely = unit_likely(getattr(model, "unit", None))
        return likely if likely == "percent" else None
    field = spec.model.model_fields.get(column)
    if field is not None and any(getattr(meta, "func", None) is m._amount
                                 for meta in field.metadata):
        return "whole"
    return None


def separator_warnings(raw: RawInput, rows: Mapping[str, list[tuple[RawRow, m.Row]]],
                       warnings: list[Problem]) -> None:
    """Warn about every value whose reading depends on the separator convention where the reading
    taken is the unlikely one (:func:`~sakip.model.parsing.separator_ambiguity`): ``97.500`` in a
    percentage, ``1,234`` in an amount or a count. A number typed into a number cell of a workbook
    is never in doubt. Warnings are added in reading order."""
    units = {i.indicator_id: i.unit for _row, i in rows.get("indikator", ())  # type: ignore[attr-defined]
             }
    found_here: list[Problem] = []
    for spec in TABLES:
        if spec.name not in rows or spec.name in UNCHECKED_TABLES:
            continue
        table = raw.tables[spec.name]
        for row, model in rows[spec.name]:
            for column, text in row.values.items():
                if column in row.numeric or column not in spec.model.model_fields:
                    continue
                likely = _likely(spec, column, model, units)
                if likely is None and "%" not in text:
                    continue
                found = separator_ambiguity(text, likely)
                if found is not None:
                    found_here.append(table.problem(_ambiguity_message(text, found), row, column))
    warnings.extend(sorted(found_here, key=_reading_order))


def _decimal_text(number: Decimal) -> str:
    """A number written without grouping and with a decimal comma (``97500``, ``97,5``)."""
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def _ambiguity_message(text: str, found: Ambiguity) -> str:
    taken, other = _decimal_text(found.taken), _decimal_text(found.other)
    if found.taken_groups_thousands:
        how_taken = _("'{sep}' groups thousands").format(sep=found.separator)
        how_other = _("'{sep}' as the decimal mark").format(sep=found.separator)
    else:
        how_taken = _("'{sep}' as the decimal mark").format(sep=found.separator)
        how_other = _("'{sep}' grouping thousands").format(sep=found.separator)
    return _("'{value}' can be read two ways: it is read as {taken} ({how_taken}), but may be "
             "meant as {other} ({how_other}); check the value and type it without doubt").format(
                 value=text, taken=taken, how_taken=how_taken, other=other, how_other=how_other)
