"""The documented input workbook: ``sakip template`` (empty) and folder-to-workbook conversion.

Every sheet is one table of :mod:`sakip.model.schema`, named by its Indonesian label, with the
Indonesian column labels in row 1 (the stored English names are accepted on input too, and each
header's comment names it); the header cells carry the field descriptions of
:mod:`sakip.model.rows` as comments, Literal fields get drop-down lists, and (in a template) the
rows below the header are :data:`EXAMPLES` whose first cell starts with ``contoh:``. The reader
skips such rows, so an analyst can fill the sheet below the examples without deleting them; the
examples of all sheets describe one agency and validate together once the prefix is removed.
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
from sakip.model.schema import PROFILE, PROFILE_SHEET_COLUMNS, TABLES, TableSpec

#: Units offered in the drop-down of every ``unit`` column (others may still be typed).
UNITS = ("%", "orang", "Nilai", "dokumen", "laporan", "paket", "unit", "Rp", "indeks")
#: Rows covered by the drop-down lists.
VALIDATION_ROWS = 2000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")

#: The example rows of every table sheet: one Dinas Tenaga Kerja dan Perindustrian of a kota,
#: its codes consistent across sheets, so that the examples validate together when kept (without
#: their ``contoh:`` prefix). Values are written as an analyst types them.
EXAMPLES: dict[str, tuple[dict[str, str], ...]] = {
    "rpjmd": (
        {"code": "RPD-S4", "kind": "sasaran", "number": "Sasaran 4",
         "statement": "Menurunnya tingkat kemiskinan dan pengangguran"},
    ),
    "isu_strategis": (
        {"no": "1", "statement": "Masih rendahnya penyerapan tenaga kerja lokal"},
    ),
    "tujuan": (
        {"tujuan_id": "T1", "statement": "Meningkatkan kesempatan kerja dan daya saing tenaga kerja",
         "indicator": "Tingkat Pengangguran Terbuka", "rpjmd_code": "RPD-S4"},
    ),
    "units": (
        {"unit_id": "kadis", "kind": "kepala",
         "position": "Kepala Dinas Tenaga Kerja dan Perindustrian",
         "holder_name": "Budi Santoso, S.E., M.M.", "holder_nip": "197005121995031002",
         "holder_rank": "Pembina Utama Muda / IVc", "order": "1"},
        {"unit_id": "kabid_naker", "parent_unit_id": "kadis", "kind": "kabid",
         "position": "Kepala Bidang Tenaga Kerja", "holder_name": "Rina Marlina, S.Sos.",
         "holder_nip": "197803142003122004", "holder_rank": "Pembina / IVa", "order": "2"},
    ),
    "sasaran": (
        {"sasaran_id": "S1", "tujuan_id": "T1", "number": "1",
         "statement": "Meningkatnya serapan tenaga kerja", "rpjmd_code": "RPD-S4"},
    ),
    "strategi": (
        {"sasaran_id": "S1", "kind": "strategi", "no": "1",
         "text": "Meningkatkan pelatihan berbasis kompetensi bagi pencari kerja"},
        {"sasaran_id": "S1", "kind": "arah_kebijakan", "no": "1",
         "text": "Memperluas kesempatan kerja melalui pelatihan dan penempatan tenaga kerja"},
    ),
    "indikator": (
        {"indicator_id": "IKU1", "sasaran_id": "S1", "name": "Persentase Penyerapan Tenaga Kerja",
         "unit": "%", "polarity": "higher", "is_iku": "ya",
         "formula_text": "Jumlah penduduk yang bekerja dibagi jumlah angkatan kerja dikali 100%",
         "formula": "bekerja / angkatan_kerja * 100", "data_source": "BPS Kota Contoh",
         "baseline": "94,84", "baseline_year": "2022", "target_akhir": "95,50", "order": "1"},
        {"indicator_id": "P1.IND1", "budget_code": "P1",
         "name": "Persentase pencari kerja yang lulus pelatihan berbasis kompetensi",
         "unit": "%", "polarity": "higher", "is_iku": "tidak", "order": "2"},
    ),
    "targets": (
        {"value": "93,75", "indicator_id": "IKU1", "year": "2024", "period": "TAHUN",
         "source": "pk", "doc_ref": "Perjanjian Kinerja 2024"},
        {"value": "90", "indicator_id": "P1.IND1", "year": "2024", "period": "TAHUN",
         "source": "pk", "doc_ref": "Perjanjian Kinerja 2024"},
    ),
    "realisasi": (
        {"value": "95,16", "indicator_id": "IKU1", "year": "2024", "period": "TAHUN",
         "doc_ref": "Tabel 3.2"},
        {"value": "92,50", "indicator_id": "P1.IND1", "year": "2024", "period": "TAHUN",
         "doc_ref": "Tabel 3.25"},
    ),
    "components": (
        {"indicator_id": "IKU1", "year": "2024", "scope": "daerah", "name": "angkatan_kerja",
         "label": "Angkatan kerja", "value": "77.907",
         "source": "BPS, Kota Contoh Dalam Angka 2025"},
        {"indicator_id": "IKU1", "year": "2024", "scope": "daerah", "name": "bekerja",
         "label": "Penduduk yang bekerja", "value": "74.137",
         "source": "BPS, Kota Contoh Dalam Angka 2025"},
    ),
    "national_standards": (
        {"value": "95,18", "indicator_id": "IKU1", "year": "2024",
         "source": "BPS, Keadaan Angkatan Kerja di Indonesia Agustus 2024"},
    ),
    "budget": (
        {"year": "2024", "code": "P1", "level": "program",
         "name": "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", "sasaran_id": "S1",
         "unit_id": "kabid_naker", "urusan": "Tenaga Kerja", "pagu_murni": "1.300.000.000",
         "pagu": "1.240.592.100", "realisasi": "1.170.045.165", "sumber_dana": "APBD",
         "doc_ref": "Tabel 3.25"},
        {"year": "2024", "code": "P1.K1", "level": "kegiatan", "parent_code": "P1",
         "name": "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", "sasaran_id": "S1",
         "unit_id": "kabid_naker", "urusan": "Tenaga Kerja", "pagu": "1.240.592.100",
         "realisasi": "1.170.045.165", "sumber_dana": "APBD", "doc_ref": "Tabel 3.25"},
        {"year": "2024", "code": "P1.K1.S1", "level": "sub_kegiatan", "parent_code": "P1.K1",
         "name": "Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari Kerja "
                 "berdasarkan Klaster Kompetensi", "sasaran_id": "S1", "unit_id": "kabid_naker",
         "urusan": "Tenaga Kerja", "pagu": "1.240.592.100", "realisasi": "1.170.045.165",
         "sumber_dana": "APBD", "doc_ref": "Tabel 3.25"},
    ),
    "budget_quarterly": (
        {"year": "2024", "ref": "P1", "period": "TW1", "keuangan_target": "248.118.420",
         "keuangan_realisasi": "210.500.000", "fisik_target": "20", "fisik_realisasi": "18,5",
         "penanggung_jawab": "Kepala Bidang Tenaga Kerja"},
    ),
    "pk_budget": (
        {"unit_id": "kadis", "year": "2024", "no": "1",
         "name": "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja", "budget_code": "P1",
         "amount": "Rp. 1.240.592.100,-", "sumber_dana": "APBD"},
    ),
    "inovasi": (
        {"unit_id": "kadis", "year": "2024",
         "name": "Klinik Anisa (Klinik Analisis Usaha bagi IKM)"},
    ),
    "staff": (
        {"table": "pangkat", "row_label": "Pembina / IVa", "unit_label": "Bidang Tenaga Kerja",
         "gender": "P", "count": "1", "year": "2024"},
    ),
    "sasaran_staff": (
        {"sasaran_id": "S1", "year": "2024", "category": "ASN", "count": "3"},
    ),
    "facilities": (
        {"no": "1", "item": "Kendaraan Dinas Roda 4", "quantity": "2",
         "location": "Kantor Dinas Tenaga Kerja dan Perindustrian", "condition": "Baik",
         "baik": "2", "year": "2024"},
    ),
    "apbd": (
        {"year": "2024", "account_code": "5.1", "name": "Belanja Operasi",
         "before": "6.136.588.133", "after": "6.397.643.422", "change": "261.055.289"},
    ),
    "narrative": (
        {"section": "latar_belakang", "order": "1",
         "text": "Laporan Kinerja Instansi Pemerintah (LKjIP) Dinas Tenaga Kerja dan "
                 "Perindustrian disusun sebagai wujud **pertanggungjawaban** atas pelaksanaan "
                 "Perjanjian Kinerja Tahun 2024."},
    ),
    "supplementary": (
        {"table_id": "TP1", "title": "Pencari kerja terdaftar menurut pendidikan",
         "sasaran_id": "S1", "row_label": "SMA/SMK", "col_label": "2024", "value": "1.245",
         "unit": "orang", "source": "Dinas Tenaga Kerja dan Perindustrian",
         "placement": "penyebab"},
    ),
    "printed": (
        {"doc_ref": "Tabel 3.2", "ref": "IKU1", "year": "2024", "field": "realisasi",
         "value": "95,16"},
    ),
}

# The README sheet, in the current language when the workbook is written (docs/I18N.md).
README_LINES = (
    N_("LKjIP input workbook (sakip)"),
    "",
    N_("One sheet per table, named as below (the Indonesian name, or the stored name in the "
       "third column). Row 1 holds the column names: keep them (a column may also carry its "
       "stored name, given in the header's comment). Hover over a header to read what the "
       "column holds."),
    N_("Rows whose first cell starts with '{prefix}' are examples and are not read: "
       "fill in your data below them (you may also delete them)."),
    N_("Sheet '{profile}': columns '{field}' and '{value}' (the '{description}' column only "
       "explains)."),
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


def write_template(path: Path | str, *, force: bool = False,
                   profile: dict[str, str] | None = None) -> None:
    """Write an empty documented workbook with example rows in every table sheet; ``profile``
    pre-fills profile fields (e.g. the agency id of ``sakip new``)."""
    path = Path(path)
    _check_xlsx(path)
    check_destination(path, force)
    _save_atomically(build_workbook(None, examples=True, profile=profile), path)


def write_workbook(path: Path | str, raw: RawInput, *, force: bool = False,
                   labels: bool = True) -> None:
    """Write an agency's raw tables as a documented workbook (no example rows); sheets and
    headers carry the Indonesian labels, or with ``labels=False`` the stored names."""
    path = Path(path)
    _check_xlsx(path)
    check_destination(path, force)
    _save_atomically(build_workbook(raw, examples=False, labels=labels), path)


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


def build_workbook(raw: RawInput | None, *, examples: bool,
                   profile: dict[str, str] | None = None, labels: bool = True) -> Workbook:
    """The workbook in memory: README, profile, then one sheet per table of the schema, each
    named by its Indonesian label (or by its stored name, ``labels=False``)."""
    workbook = Workbook()
    readme = workbook.active
    readme.title = "README"
    lists = workbook.create_sheet("_lists")
    lists.sheet_state = "hidden"
    _readme(readme)
    def title(spec: TableSpec) -> str:
        return spec.sheet_label if labels else spec.name

    _profile_sheet(workbook.create_sheet(title(PROFILE)), raw, examples, profile or {}, labels)
    for spec in TABLES:
        if spec is not PROFILE:
            _table_sheet(workbook.create_sheet(title(spec)), spec, raw, examples, lists, labels)
    workbook.move_sheet(lists, offset=len(workbook.sheetnames))
    return workbook


def _readme(sheet) -> None:
    for line in (_(text).format(prefix=EXAMPLE_PREFIX, profile=PROFILE.sheet_label,
                                field=PROFILE_SHEET_COLUMNS["field"],
                                value=PROFILE_SHEET_COLUMNS["value"],
                                description=PROFILE_SHEET_COLUMNS["description"])
                 if text else "" for text in README_LINES):
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("sheet"), _("contents"), _("stored name"), _("required"), _("key (unique)")])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for spec in TABLES:
        sheet.append([spec.sheet_label, spec.title, spec.name, _("yes") if spec.required else "",
                      ", ".join(spec.labels[k] for k in spec.key)])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 20
    sheet.column_dimensions["E"].width = 40


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
    parts.append(_("Stored name: {name}").format(name=column))
    return "\n".join(parts)


def _example(spec: TableSpec, column: str) -> str:
    """The column's value in the first example row that has one, else the model's example."""
    for row in EXAMPLES.get(spec.name, ()):
        if row.get(column):
            return row[column]
    field = spec.model.model_fields[column]
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    return str(extra.get("example", ""))


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


def _profile_sheet(sheet, raw: RawInput | None, examples: bool, given: dict[str, str],
                   use_labels: bool) -> None:
    sheet.append([PROFILE_SHEET_COLUMNS[c] if use_labels else c
                  for c in ("field", "value", "description")])
    table = raw.tables.get(PROFILE.name) if raw else None
    values = table.rows[0].values if table and table.rows else given
    labels = PROFILE.labels if use_labels else {c: c for c in PROFILE.columns}
    for column in PROFILE.columns:
        row = sheet.max_row + 1
        sheet.cell(row, 1, labels[column]).font = HEADER_FONT if PROFILE.model.model_fields[
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
    notes = {"field": _("Name of the field (do not change it)."),
             "value": _("Fill in this column. Type codes and NIPs as text."),
             "description": _("Explanation; not read.")}
    for cell, key in zip(sheet[1], ("field", "value", "description")):
        cell.comment = Comment(notes[key], "sakip")
    _style_header(sheet, [22, 45, 90])


def _table_sheet(sheet, spec: TableSpec, raw: RawInput | None, examples: bool, lists,
                 use_labels: bool) -> None:
    columns = spec.columns
    labels = spec.labels if use_labels else {c: c for c in columns}
    sheet.append([labels[c] for c in columns])
    for cell, column in zip(sheet[1], columns):
        cell.comment = Comment(_header_comment(spec, column), "sakip", width=320, height=160)
    if examples:
        for example in EXAMPLES.get(spec.name, ()):
            values = [example.get(c, "") for c in columns]
            values[0] = f"{EXAMPLE_PREFIX} {values[0]}".rstrip()
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
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
    widths = [max(12, min(40, len(labels[c]) + 4)) for c in columns]
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
