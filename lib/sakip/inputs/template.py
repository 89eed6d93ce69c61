"""The documented input workbook: ``sakip template`` (empty) and folder-to-workbook conversion.

Every sheet is one table of :mod:`sakip.model.schema`; the header cells carry the field descriptions
of :mod:`sakip.model.rows` as comments, Literal fields get drop-down lists, and (in a template) the
second row is an example whose first cell starts with ``contoh:``. The reader skips such rows,
so an analyst can fill the sheet below the example without deleting it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.i18n import N_, _
from sakip.inputs.destination import check_destination, current_umask
from sakip.inputs.problems import DestinationError
from sakip.inputs.raw import EXAMPLE_PREFIX, RawInput
from sakip.inputs.reference import choices
from sakip.model import rows as m
from sakip.model.schema import PROFILE, TABLES, TableSpec

#: Units offered in the drop-down of every ``unit`` column (others may still be typed).
UNITS = ("%", "orang", "Nilai", "dokumen", "laporan", "paket", "unit", "Rp", "indeks")
#: Rows covered by the drop-down lists.
VALIDATION_ROWS = 2000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")

_FALLBACK_BY_VALIDATOR = {
    m._year: "2024", m._opt_year: "2024", m._period: "TAHUN", m._bool: "ya",
    m._amount: "Rp. 1.407.615.308,-", m._number: "93,75", m._int: "1",
}
_FALLBACK_BY_COLUMN = {
    "sasaran_id": "S1", "unit_id": "kadis", "indicator_id": "IKU1", "budget_code": "P1.K1",
    "tujuan_id": "T1", "parent_code": "P1", "ref": "IKU1", "table_id": "TP1",
    "statement": "Meningkatnya penempatan tenaga kerja", "name": "Tingkat pengangguran terbuka",
    "text": "Teks dalam format **Markdown**.", "doc_ref": "Tabel 2.3",
}

# The README sheet, in the current language when the workbook is written (docs/I18N.md).
README_LINES = (
    N_("LKjIP input workbook (sakip)"),
    "",
    N_("One sheet per table; sheet names must be exactly as below. Row 1 = column names "
       "(do not change them). Point at a column heading to see what it holds."),
    N_("Rows whose first cell starts with '{prefix}' are examples and are not read: "
       "fill in your data below them (you may also delete them)."),
    N_("Sheet 'profile': columns 'field' and 'value' (the 'description' column only explains)."),
    N_("Sheets named README or starting with '_' are not read. Empty rows are skipped."),
    "",
    N_("Typing numbers: 93,75 or 93,75% (decimal comma); 6.643.861.122 (thousands dots); "
       "Rp. 1.407.615.308,- ; (68.762.889,-) for a negative number; '-' or empty = no data."),
    N_("A performance value may be a number, a letter grade (A, BB ...), a range (5,80-6,00) or "
       "a direction (meningkat/menurun). Yes/no: ya, tidak, Y, N, 1, 0."),
    N_("Type values, not formulas (a cell holding =SUM(...) is refused). Codes (e.g. 010) are "
       "best typed as text."),
    N_("Check the workbook with: sakip validate FILE.xlsx"),
    "",
)


def write_template(path: Path | str, *, force: bool = False) -> None:
    """Write an empty documented workbook with an example row in every table sheet."""
    path = Path(path)
    _check_xlsx(path)
    check_destination(path, force)
    _save_atomically(build_workbook(None, examples=True), path)


def write_workbook(path: Path | str, raw: RawInput, *, force: bool = False) -> None:
    """Write an agency's raw tables as a documented workbook (no example rows)."""
    path = Path(path)
    _check_xlsx(path)
    check_destination(path, force)
    _save_atomically(build_workbook(raw, examples=False), path)


def _check_xlsx(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise DestinationError(_("{path}: the workbook's name must end in .xlsx").format(path=path))


def _save_atomically(workbook: Workbook, path: Path) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        workbook.save(temp)
        os.chmod(temp, 0o666 & ~current_umask())
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


def build_workbook(raw: RawInput | None, *, examples: bool) -> Workbook:
    """The workbook in memory: README, profile, then one sheet per table of the schema."""
    workbook = Workbook()
    readme = workbook.active
    readme.title = "README"
    lists = workbook.create_sheet("_lists")
    lists.sheet_state = "hidden"
    _readme(readme)
    _profile_sheet(workbook.create_sheet(PROFILE.name), raw, examples)
    for spec in TABLES:
        if spec is not PROFILE:
            _table_sheet(workbook.create_sheet(spec.name), spec, raw, examples, lists)
    workbook.move_sheet(lists, offset=len(workbook.sheetnames))
    return workbook


def _readme(sheet) -> None:
    for line in (_(text).format(prefix=EXAMPLE_PREFIX) if text else "" for text in README_LINES):
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("sheet"), _("contents"), _("required"), _("key (unique)")])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for spec in TABLES:
        sheet.append([spec.name, spec.title, _("yes") if spec.required else "",
                      ", ".join(spec.key)])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["D"].width = 40


def _header_comment(spec: TableSpec, column: str) -> str:
    field = spec.model.model_fields[column]
    parts = [m.field_description(field) or column]
    if field.is_required():
        parts.append(_("Required."))
    options = choices(spec, column)
    if options:
        parts.append(_("Choices: {choices}.").format(choices=", ".join(options)))
    example = _example(spec, column)
    if example:
        parts.append(_("Example: {example}").format(example=example))
    return "\n".join(parts)


def _example(spec: TableSpec, column: str) -> str:
    field = spec.model.model_fields[column]
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    if "example" in extra:
        return str(extra["example"])
    if extra.get("examples"):
        return str(extra["examples"][0])  # type: ignore[index]
    options = choices(spec, column)
    if options:
        default = field.default
        return str(default) if isinstance(default, str) and default in options else options[0]
    for meta in field.metadata:
        func = getattr(meta, "func", None)
        if func in _FALLBACK_BY_VALIDATOR:
            return _FALLBACK_BY_VALIDATOR[func]
    if field.is_required() or column in ("sasaran_id", "parent_code"):
        return _FALLBACK_BY_COLUMN.get(column, "")
    return ""


def _style_header(sheet, widths: list[int]) -> None:
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _set(cell, value: str) -> None:
    cell.value = value
    if value.startswith("="):  # text that merely looks like a formula stays text
        cell.data_type = "s"


def _profile_sheet(sheet, raw: RawInput | None, examples: bool) -> None:
    sheet.append(["field", "value", "description"])
    table = raw.tables.get(PROFILE.name) if raw else None
    values = table.rows[0].values if table and table.rows else {}
    for column in PROFILE.columns:
        row = sheet.max_row + 1
        sheet.cell(row, 1, column).font = HEADER_FONT if PROFILE.model.model_fields[
            column].is_required() else Font()
        if column in values:
            _set(sheet.cell(row, 2), values[column])
        description = _header_comment(PROFILE, column).replace("\n", " ")
        sheet.cell(row, 3, description).font = EXAMPLE_FONT
        options = choices(PROFILE, column)
        if options:
            validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"')
            sheet.add_data_validation(validation)
            validation.add(f"B{row}")
    for cell in sheet[1]:
        cell.comment = Comment({"field": _("Name of the field (do not change it)."),
                                "value": _("Fill in this column. Type codes and NIPs as text."),
                                "description": _("Explanation; not read.")}[cell.value], "sakip")
    _style_header(sheet, [22, 45, 90])


def _table_sheet(sheet, spec: TableSpec, raw: RawInput | None, examples: bool, lists) -> None:
    columns = spec.columns
    sheet.append(columns)
    for cell, column in zip(sheet[1], columns):
        cell.comment = Comment(_header_comment(spec, column), "sakip", width=320, height=160)
    if examples:
        values = [_example(spec, c) for c in columns]
        values[0] = f"{EXAMPLE_PREFIX} {values[0]}".rstrip()
        sheet.append(values)
        for cell in sheet[2]:
            cell.font = EXAMPLE_FONT
    table = raw.tables.get(spec.name) if raw else None
    for row in table.rows if table else ():
        line = sheet.max_row + 1
        for index, column in enumerate(columns, start=1):
            if column in row.values:
                _set(sheet.cell(line, index), row.values[column])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{VALIDATION_ROWS}"
        options = choices(spec, column)
        if options:
            _add_list(sheet, lists, options, cells, strict=True)
        elif column == "unit":
            _add_list(sheet, lists, UNITS, cells, strict=False)
    widths = [max(12, min(40, len(c) + 4)) for c in columns]
    if spec.name == "narrative":
        widths[columns.index("text")] = 80
    _style_header(sheet, widths)


def _add_list(sheet, lists, options: tuple[str, ...], cells: str, *, strict: bool) -> None:
    inline = '"' + ",".join(options) + '"'
    if len(inline) <= 255:
        formula = inline
    else:  # Excel limits an inline list to 255 characters
        column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
        letter = get_column_letter(column)
        for row, option in enumerate(options, start=1):
            lists.cell(row, column, option)
        formula = f"_lists!${letter}$1:${letter}${len(options)}"
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    if not strict:
        validation.errorStyle = "warning"
        validation.error = _("Another unit may be used.")
    else:
        validation.error = _("Choose one of the values in the list.")
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(cells)
