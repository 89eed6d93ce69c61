"""The data model of one agency (perangkat daerah) over several years.

Each input table (an Excel sheet, or a CSV file in a folder) has one row model here. Field
descriptions double as the documentation written into the template workbook, so keep them
short and in the analyst's terms. Numbers are kept as text-parsed :class:`~decimal.Decimal`;
performance values (targets, realisasi) keep both their raw text and their parsed form.

Identifiers (``agency_id``, ``sasaran_id``, ``indicator_id`` ...) are strings: YAML and Excel
would otherwise turn ``010`` into 8.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from sakip.i18n import N_, _
from sakip.model.parsing import (
    ID_PATTERN,
    NotANumber,
    NumberValue,
    PerfValue,
    is_missing,
    parse_amount,
    parse_bool,
    parse_number,
    parse_perf_value,
)

PERIODS = ("TAHUN", "TW1", "TW2", "TW3", "TW4")


def _text(value: object) -> Optional[str]:
    if is_missing(value) and not (isinstance(value, str) and value.strip() == "-"):
        return None
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _required_text(value: object) -> str:
    text = _text(value)
    if text is None:
        raise ValueError(_("is empty; a value is required"))
    return text


def _identifier(value: object) -> str:
    text = _required_text(value)
    if not ID_PATTERN.match(text):
        raise ValueError(
            _("'{text}' is not a valid identifier: use letters, digits, '.', '_' or '-' "
              "(no spaces, no slashes), at most 64 characters").format(text=text)
        )
    return text


def _opt_identifier(value: object) -> Optional[str]:
    return None if _text(value) is None else _identifier(value)


def _number(value: object) -> Optional[Decimal]:
    try:
        return parse_number(value)
    except ValueError as exc:
        raise ValueError(str(exc)) from None


def _amount(value: object) -> Optional[Decimal]:
    try:
        return parse_amount(value)
    except ValueError as exc:
        raise ValueError(str(exc)) from None


def _bool(value: object) -> Optional[bool]:
    return parse_bool(value)


def _year(value: object) -> int:
    try:
        number = parse_number(value)
    except NotANumber:
        raise ValueError(_("'{value}' is not a year between 1990 and 2100").format(
            value=value)) from None
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    if number is None:
        raise ValueError(_("is empty; a year is required"))
    if number != number.to_integral_value() or not 1990 <= number <= 2100:
        raise ValueError(_("'{value}' is not a year between 1990 and 2100").format(value=value))
    return int(number)


def _opt_year(value: object) -> Optional[int]:
    return None if _text(value) is None else _year(value)


def _period(value: object) -> str:
    text = (_text(value) or "TAHUN").upper().replace(" ", "").replace("TRIWULAN", "TW")
    aliases = {"I": "TW1", "II": "TW2", "III": "TW3", "IV": "TW4", "1": "TW1", "2": "TW2",
               "3": "TW3", "4": "TW4", "TWI": "TW1", "TWII": "TW2", "TWIII": "TW3",
               "TWIV": "TW4", "Y": "TAHUN", "TAHUNAN": "TAHUN"}
    text = aliases.get(text, text)
    if text not in PERIODS:
        raise ValueError(_("'{value}' is not a period: use TAHUN, TW1, TW2, TW3 or TW4").format(
            value=value))
    return text


def _int(value: object) -> Optional[int]:
    number = _number(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(_("'{value}' is not a whole number").format(value=value))
    return int(number)


Text = Annotated[Optional[str], BeforeValidator(_text)]
RequiredText = Annotated[str, BeforeValidator(_required_text)]
Identifier = Annotated[str, BeforeValidator(_identifier)]
OptIdentifier = Annotated[Optional[str], BeforeValidator(_opt_identifier)]
Number = Annotated[Optional[Decimal], BeforeValidator(_number)]
Amount = Annotated[Optional[Decimal], BeforeValidator(_amount)]
Flag = Annotated[Optional[bool], BeforeValidator(_bool)]
Year = Annotated[int, BeforeValidator(_year)]
OptYear = Annotated[Optional[int], BeforeValidator(_opt_year)]
Period = Annotated[str, BeforeValidator(_period)]
Count = Annotated[Optional[int], BeforeValidator(_int)]


class Row(BaseModel):
    """Base of every input row: unknown columns are an error, values are stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PerfRow(Row):
    """A row holding a performance value (target or realisasi) as typed."""

    value: Text = Field(
        None,
        description=N_("The value as written: a number (93,75), an AKIP grade (A, BB), a range "
                       "(5,80-6,00) or a direction (meningkat/menurun); '-' or empty = no data."),
        json_schema_extra={"example": "93,75"},
    )

    @field_validator("value")
    @classmethod
    def _check_value(cls, value: Optional[str]) -> Optional[str]:
        if value is not None:
            try:
                parse_perf_value(value)
            except ValueError as exc:
                raise ValueError(str(exc)) from None
        return value

    @property
    def parsed(self) -> PerfValue | None:
        return parse_perf_value(self.value)


# --- profile and plans --------------------------------------------------------------------


class Profile(Row):
    agency_id: Identifier = Field(description=N_("Short code of the agency, used in file names."),
                                  json_schema_extra={"example": "payakumbuh-disnakerperin"})
    agency_name: RequiredText = Field(description=N_("Full name of the agency."),
                                      json_schema_extra={"example": "Dinas Tenaga Kerja dan Perindustrian"})
    pemda_id: Identifier = Field(description=N_("Code of the regional government (pemda)."),
                                 json_schema_extra={"example": "kota-payakumbuh"})
    pemda_kind: Literal["kota", "kabupaten", "provinsi"] = Field(
        description=N_("kota, kabupaten or provinsi."), json_schema_extra={"example": "kota"})
    pemda_name: RequiredText = Field(description=N_("Name of the region without "
                                                    "'Kota'/'Kabupaten'."),
                                     json_schema_extra={"example": "Payakumbuh"})
    province: RequiredText = Field(description=N_("Province."),
        json_schema_extra={"example": "Sumatera Barat"})
    head_name: RequiredText = Field(description=N_("Name of the head of the agency."))
    head_nip: Text = Field(None, description=N_("NIP of the head (as text)."))
    head_rank: Text = Field(None, description=N_("Rank/grade of the head."))
    head_position: Text = Field(None, description=N_("Position of the head."))
    superior_name: Text = Field(None, description=N_("Name of the superior (second party of the "
                                                     "PK), e.g. Wali Kota."))
    superior_position: Text = Field(None, description=N_("Position of the superior."))
    renstra_start: Year = Field(description=N_("First year of the Renstra period."),
        json_schema_extra={"example": "2023"})
    renstra_end: Year = Field(description=N_("Last year of the Renstra period."),
        json_schema_extra={"example": "2026"})
    plan_name: Text = Field(None, description=N_("Name of the regional plan (RPJMD or RPD) and "
                                                 "its period."))
    urusan: Text = Field(None, description=N_("Government affairs (urusan), separated by ';'."))
    address: Text = Field(None, description=N_("Office address."))
    report_city: Text = Field(None, description=N_("City where the report is signed."))
    logo: Text = Field(None, description=N_("File of the pemda's emblem (PNG or JPG) in the "
                                            "agency folder, printed on the cover; empty = no "
                                            "emblem."),
        json_schema_extra={"example": "lambang.png"})
    synthetic: Flag = Field(None, description=N_("ya when this data is made up (synthetic): the "
                                                 "report is marked DATA SINTETIS."))
    landasan_hukum: Text = Field(
        None, description=N_("Regulations that are the legal basis of the report, separated by "
                             "';' (SAKIP regulations not named are added automatically)."))

    @field_validator("renstra_end")
    @classmethod
    def _period_order(cls, end: int, info: Any) -> int:
        start = info.data.get("renstra_start")
        if start is not None and end < start:
            raise ValueError(_("renstra_end {end} is before renstra_start {start}").format(
                end=end, start=start))
        return end

    @property
    def legal_basis(self) -> list[str]:
        """The regulations of ``landasan_hukum``, in order (trailing ';' and '.' dropped)."""
        return [r.strip().rstrip(".") for r in (self.landasan_hukum or "").split(";") if r.strip()]

    @property
    def urusan_list(self) -> list[str]:
        return [u.strip() for u in (self.urusan or "").split(";") if u.strip()]

    @property
    def pemda_label(self) -> str:
        kind = {"kota": "Kota", "kabupaten": "Kabupaten", "provinsi": "Provinsi"}[self.pemda_kind]
        return f"{kind} {self.pemda_name}"


class RpjmdItem(Row):
    code: Identifier = Field(description=N_("Code of the RPJMD/RPD tujuan/sasaran."),
        json_schema_extra={"example": "RPD-S4"})
    kind: Literal["tujuan", "sasaran"] = Field(description=N_("tujuan or sasaran."),
        json_schema_extra={"example": "sasaran"})
    parent_code: OptIdentifier = Field(None, description=N_("Code of the parent tujuan (for a "
                                                            "sasaran)."))
    number: Text = Field(None, description=N_("Number as in the document (e.g. 'Sasaran 4')."))
    statement: RequiredText = Field(description=N_("Statement of the tujuan/sasaran."))


class IsuStrategis(Row):
    no: Count = Field(description=N_("Sequence number."), json_schema_extra={"example": "1"})
    statement: RequiredText = Field(description=N_("Strategic issue."))


class Tujuan(Row):
    tujuan_id: Identifier = Field(description=N_("Code of the Renstra tujuan."),
        json_schema_extra={"example": "T1"})
    statement: RequiredText = Field(description=N_("Statement of the tujuan."))
    indicator: Text = Field(None, description=N_("Indicator of the tujuan."))
    rpjmd_code: OptIdentifier = Field(None, description=N_("Code of the RPJMD/RPD sasaran "
                                                           "supported."))


class Unit(Row):
    unit_id: Identifier = Field(description=N_("Code of the unit/position in the PK cascade."),
        json_schema_extra={"example": "kadis"})
    parent_unit_id: OptIdentifier = Field(None, description=N_("Direct superior unit (empty for "
                                                               "the head)."))
    kind: Literal["kepala", "sekretaris", "kabid", "kasubag", "fungsional", "uptd", "lainnya"] = Field(
        description=N_("kepala, sekretaris, kabid, kasubag, fungsional, uptd or lainnya."),
        json_schema_extra={"example": "kepala"})
    position: RequiredText = Field(description=N_("Name of the position."))
    holder_name: Text = Field(None, description=N_("Name of the official."))
    holder_nip: Text = Field(None, description=N_("NIP of the official (text)."))
    holder_rank: Text = Field(None, description=N_("Rank/grade."))
    order: Count = Field(None, description=N_("Display order."))


class Sasaran(Row):
    sasaran_id: Identifier = Field(description=N_("Code of the sasaran."),
        json_schema_extra={"example": "S1"})
    tujuan_id: OptIdentifier = Field(None, description=N_("Renstra tujuan (for a strategic "
                                                          "sasaran)."))
    unit_id: OptIdentifier = Field(None, description=N_("Unit owning the sasaran; empty = a "
                                                        "strategic sasaran of the agency."))
    number: Text = Field(None, description=N_("Number as displayed."))
    statement: RequiredText = Field(description=N_("Statement of the sasaran."))
    rpjmd_code: OptIdentifier = Field(None, description=N_("RPJMD/RPD sasaran supported."))


class Strategi(Row):
    sasaran_id: Identifier = Field(description=N_("Sasaran served."))
    kind: Literal["strategi", "arah_kebijakan"] = Field(description=N_("strategi or "
                                                                       "arah_kebijakan."))
    no: Count = Field(description=N_("Sequence number."))
    text: RequiredText = Field(description=N_("Text of the strategy/policy direction."))


class Indikator(Row):
    indicator_id: Identifier = Field(description=N_("Code of the indicator."),
        json_schema_extra={"example": "IKU1"})
    sasaran_id: OptIdentifier = Field(None, description=N_("Sasaran measured (indicator of a "
                                                           "sasaran/IKU/unit)."))
    budget_code: OptIdentifier = Field(None, description=N_("Code of the program/kegiatan/sub "
                                                            "kegiatan (budget indicator)."))
    name: RequiredText = Field(description=N_("Name of the indicator."))
    unit: Text = Field(None, description=N_("Unit (%, orang, Nilai, dokumen ...)."),
        json_schema_extra={"example": "%"})
    polarity: Literal["higher", "lower", "grade"] = Field(
        "higher", description=N_("higher = the higher the better; lower = the lower the better; "
                                 "grade = letter grade (AKIP)."),
        json_schema_extra={"example": "higher"})
    is_iku: Flag = Field(None, description=N_("ya for an Indikator Kinerja Utama (IKU)."))
    formula_text: Text = Field(None, description=N_("Formula as written in the document."))
    formula: Text = Field(None, description=N_("Formula computed from components, e.g. 'bekerja "
                                               "/ angkatan_kerja * 100'; name@n-1 = the previous "
                                               "year."))
    rationale: Text = Field(None, description=N_("Why the indicator was chosen."))
    data_source: Text = Field(None, description=N_("Source of the data."))
    baseline: Text = Field(None, description=N_("Baseline (before the Renstra period)."))
    baseline_year: OptYear = Field(None, description=N_("Year of the baseline."))
    target_akhir: Text = Field(None, description=N_("Target at the end of the Renstra period."))
    capaian_method: Optional[Literal["default", "inverse_ratio", "kondisi_khusus"]] = Field(
        None, description=N_("How the capaian of a 'lower' indicator is computed: kondisi_khusus "
                             "(default) = (2T-R)/T; inverse_ratio = T/R."))
    capaian_cap: Number = Field(None, description=N_("Upper bound of the capaian (%), empty = no "
                                                     "bound."))
    triwulan_aggregation: Optional[Literal["kumulatif", "nilai_akhir", "rata_rata"]] = Field(
        None, description=N_("How quarters combine: kumulatif (sum), nilai_akhir (last TW), "
                             "rata_rata."))
    supports: OptIdentifier = Field(None, description=N_("Superior indicator supported "
                                                         "(cascading)."))
    order: Count = Field(None, description=N_("Display order."))


class Target(PerfRow):
    indicator_id: Identifier = Field(description=N_("Code of the indicator."),
        json_schema_extra={"example": "IKU1"})
    year: Year = Field(description=N_("Year."), json_schema_extra={"example": "2024"})
    period: Period = Field("TAHUN", description=N_("TAHUN or TW1..TW4."),
        json_schema_extra={"example": "TAHUN"})
    source: Literal["renstra", "pk", "pk_perubahan", "rkt", "iku", "rencana_aksi"] = Field(
        description=N_("Document the target comes from: renstra, pk, pk_perubahan, rkt, iku, "
                       "rencana_aksi."),
        json_schema_extra={"example": "pk"})
    doc_ref: Text = Field(None, description=N_("Source table in the document (e.g. 'Tabel 2.3')."))


class Realisasi(PerfRow):
    indicator_id: Identifier = Field(description=N_("Code of the indicator."),
        json_schema_extra={"example": "IKU1"})
    year: Year = Field(description=N_("Year."), json_schema_extra={"example": "2024"})
    period: Period = Field("TAHUN", description=N_("TAHUN or TW1..TW4."),
        json_schema_extra={"example": "TAHUN"})
    doc_ref: Text = Field(None, description=N_("Source table in the document."))


class Component(Row):
    indicator_id: Identifier = Field(description=N_("Code of the indicator the formula is for."))
    year: Year = Field(description=N_("Year of the data."))
    scope: Literal["daerah", "nasional"] = Field("daerah", description=N_("daerah or nasional."))
    name: Identifier = Field(description=N_("Name of the component in the formula, e.g. bekerja."),
        json_schema_extra={"example": "bekerja"})
    label: Text = Field(None, description=N_("Description of the component."))
    value: Number = Field(description=N_("Value of the component."),
        json_schema_extra={"example": "74.085"})
    source: Text = Field(None, description=N_("Source of the data (e.g. BPS)."))


class NationalStandard(PerfRow):
    indicator_id: Identifier = Field(description=N_("Code of the indicator."))
    year: Year = Field(description=N_("Year."))
    source: Text = Field(None, description=N_("Source of the national standard."))
    note: Text = Field(None, description=N_("Note."))


# --- budget -------------------------------------------------------------------------------


class BudgetLine(Row):
    year: Year = Field(description=N_("Budget year."), json_schema_extra={"example": "2024"})
    code: Identifier = Field(description=N_("Code of the program/kegiatan/sub kegiatan (unique "
                                            "per year)."),
        json_schema_extra={"example": "P1.K1.S1"})
    level: Literal["program", "kegiatan", "sub_kegiatan"] = Field(description=N_("program, "
                                                                                 "kegiatan or "
                                                                                 "sub_kegiatan."))
    parent_code: OptIdentifier = Field(None, description=N_("Code of the parent (empty for a "
                                                            "program)."))
    name: RequiredText = Field(description=N_("Name of the program/kegiatan/sub kegiatan."))
    sasaran_id: OptIdentifier = Field(None, description=N_("Strategic sasaran supported."))
    unit_id: OptIdentifier = Field(None, description=N_("Unit responsible."))
    urusan: Text = Field(None, description=N_("Government affair (urusan)."))
    pagu_murni: Amount = Field(None, description=N_("Pagu before the revision (Rp)."))
    pagu: Amount = Field(None, description=N_("Pagu after the revision (Rp); may be empty for a "
                                              "parent = the sum of its children."))
    realisasi: Amount = Field(None, description=N_("Realisasi (Rp)."))
    sumber_dana: Text = Field(None, description=N_("Source of funds (APBD, DAK ...)."))
    doc_ref: Text = Field(None, description=N_("Source table."))


class BudgetQuarter(Row):
    year: Year = Field(description=N_("Year."))
    ref: Identifier = Field(description=N_("Code of the sasaran, tujuan or program/kegiatan "
                                           "measured."))
    period: Period = Field(description=N_("TW1..TW4."))
    keuangan_target: Amount = Field(None, description=N_("Cumulative financial target up to the "
                                                         "quarter (Rp)."))
    keuangan_realisasi: Amount = Field(None, description=N_("Cumulative financial realisasi up "
                                                            "to the quarter (Rp)."))
    fisik_target: Number = Field(None, description=N_("Cumulative physical target (%)."))
    fisik_realisasi: Number = Field(None, description=N_("Cumulative physical realisasi (%)."))
    penanggung_jawab: Text = Field(None, description=N_("Position responsible."))


class PkBudget(Row):
    unit_id: Identifier = Field(description=N_("Unit signing the PK."))
    year: Year = Field(description=N_("Year of the PK."))
    no: Count = Field(None, description=N_("Sequence number."))
    name: RequiredText = Field(description=N_("Program/kegiatan/sub kegiatan as written in the "
                                              "PK."))
    budget_code: OptIdentifier = Field(None, description=N_("The same budget code as in the "
                                                            "budget table."))
    amount: Amount = Field(None, description=N_("Budget in the PK (Rp)."))
    sumber_dana: Text = Field(None, description=N_("Remarks/source of funds."))
    is_total: Flag = Field(None, description=N_("ya for the TOTAL row as printed."))


class Inovasi(Row):
    unit_id: Identifier = Field(description=N_("Unit of work."))
    year: Year = Field(description=N_("Year."))
    name: RequiredText = Field(description=N_("Name of the innovation."))


# --- BAB I tables ---------------------------------------------------------------------------


class StaffCount(Row):
    table: Literal["pangkat", "pendidikan"] = Field(description=N_("pangkat or pendidikan."))
    row_label: RequiredText = Field(description=N_("Rank or level of education (or 'Jumlah')."))
    unit_label: RequiredText = Field(description=N_("Work unit (or 'Jumlah')."))
    gender: Optional[Literal["L", "P"]] = Field(None, description=N_("L or P; empty for the "
                                                                     "Total column."))
    count: Count = Field(description=N_("Number of employees."))
    is_total: Flag = Field(None, description=N_("ya when this cell is a printed total."))
    year: OptYear = Field(None, description=N_("Year of the data."))


class Facility(Row):
    no: Count = Field(None, description=N_("Number."))
    item: RequiredText = Field(description=N_("Kind of goods."))
    quantity: Count = Field(description=N_("Quantity."))
    location: Text = Field(None, description=N_("Remarks/location."))
    condition: Text = Field(None, description=N_("Condition as written."))
    baik: Count = Field(None, description=N_("Number in good condition."))
    rusak_ringan: Count = Field(None, description=N_("Number slightly damaged."))
    rusak_berat: Count = Field(None, description=N_("Number badly damaged."))
    year: OptYear = Field(None, description=N_("Year of the data."))


class ApbdLine(Row):
    year: Year = Field(description=N_("Budget year."))
    account_code: RequiredText = Field(description=N_("Account code (text, e.g. 5.1.01)."))
    name: RequiredText = Field(description=N_("Description."))
    before: Amount = Field(None, description=N_("Before the revision (Rp)."))
    after: Amount = Field(None, description=N_("After the revision (Rp)."))
    change: Amount = Field(None, description=N_("Increase/decrease (Rp) as printed."))
    is_total: Flag = Field(None, description=N_("ya for a sum row."))


# --- analyst text and printed figures --------------------------------------------------------

NARRATIVE_SECTIONS = (
    "latar_belakang", "tugas_fungsi", "struktur_organisasi", "mekanisme_pengukuran",
    "gambaran_sasaran", "kegiatan", "faktor_pendukung", "faktor_penghambat", "solusi",
    "analisis_keberhasilan", "efisiensi_sdm", "prestasi", "permasalahan", "tindak_lanjut",
    "penutup", "catatan", "kata_pengantar",
)


class Narrative(Row):
    # pydantic builds the Literal from the tuple at run time; mypy accepts no variable inside Literal
    section: Literal[NARRATIVE_SECTIONS] = Field(  # type: ignore[valid-type]
        description=N_("Part of the report: {sections}."))
    sasaran_id: OptIdentifier = Field(None, description=N_("Sasaran discussed (empty = general)."))
    order: Count = Field(None, description=N_("Order."))
    title: Text = Field(None, description=N_("Subtitle (optional)."))
    text: RequiredText = Field(description=N_("Content in Markdown."))


#: Where a supplementary table is shown: one of the seven analyses of its sasaran in BAB III
#: (capaian .. program), or BAB I, the realisasi anggaran (3.3), the lampiran.
SUPPLEMENTARY_PLACEMENTS = ("capaian", "tren", "renstra", "nasional", "penyebab", "efisiensi",
                            "program", "pendahuluan", "anggaran", "lampiran")

_ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
#: Units of whole things or rupiah: ``1,853`` there is 1853 typed the English way, not 1,853.
WHOLE_UNITS = frozenset({"unit", "orang", "rp", "jiwa", "buah", "perusahaan", "ikm", "lembaga"})


class SupplementaryCell(Row):
    table_id: Identifier = Field(description=N_("Code of the supporting table."))
    title: RequiredText = Field(description=N_("Title of the table."))
    sasaran_id: OptIdentifier = Field(None, description=N_("Related sasaran."))
    row_label: RequiredText = Field(description=N_("Row."))
    col_label: RequiredText = Field(description=N_("Column."))
    value: Text = Field(None, description=N_("Value as printed."))
    is_total: Flag = Field(None, description=N_("ya for a printed total row."))
    unit: Text = Field(None, description=N_("Unit of measure."))
    source: Text = Field(None, description=N_("Source of the data."))
    doc_ref: Text = Field(None, description=N_("Table in the document."))
    # pydantic builds the Literal from the tuple at run time; mypy accepts no variable inside Literal
    placement: Optional[Literal[SUPPLEMENTARY_PLACEMENTS]] = Field(  # type: ignore[valid-type]
        None, description=N_("Where the table is shown in the report (fill in on one row of the "
                             "table "
           "only): {placements}; empty = capaian when there is a sasaran, else "
           "lampiran."))
    chart: Optional[Literal["batang", "garis"]] = Field(
        None, description=N_("Chart of the table (fill in on one row only): batang or garis; "
                             "empty = no chart."))

    @property
    def number(self) -> Optional[Decimal]:
        """The value as a number, None when missing or unreadable. In a unit of whole things or
        rupiah, ``1,853`` is 1.853 typed the English way (one rule for the report and the audit)."""
        text = (self.value or "").strip()
        unit = (self.unit or "").strip().lower().rstrip(".")
        if unit in WHOLE_UNITS and _ENGLISH_THOUSANDS.match(text):
            return Decimal(text.replace(",", ""))
        try:
            parsed = parse_perf_value(text)
        except ValueError:
            return None
        return parsed.value if isinstance(parsed, NumberValue) else None


class PrintedFigure(Row):
    doc_ref: RequiredText = Field(description=N_("Table/part of the document where the figure is "
                                                 "printed."))
    ref: Identifier = Field(description=N_("Code of the indicator, sasaran or budget line meant."))
    year: Year = Field(description=N_("Year."))
    field: Literal["target", "realisasi", "capaian", "capaian_renstra", "serapan", "efisiensi",
                   "pagu", "realisasi_anggaran", "kriteria", "standar_nasional"] = Field(
        description=N_("Quantity printed."))
    value: RequiredText = Field(description=N_("Value as printed."))
    period: Period = Field("TAHUN", description=N_("TAHUN or TW1..TW4: period of the printed "
                                                   "figure."))


class SasaranStaff(Row):
    """Staff who work on a sasaran, for the efficiency-of-human-resources analysis."""

    sasaran_id: Identifier = Field(description=N_("Strategic sasaran."))
    year: Year = Field(description=N_("Year."))
    category: RequiredText = Field(description=N_("Kind of staff: ASN, P3K, TJP (tenaga jasa "
                                                  "perorangan) ..."))
    count: Count = Field(description=N_("Number of people."))


#: Values named in field descriptions (``{sections}``), filled in when a description is shown.
DESCRIPTION_VALUES = {"sections": ", ".join(NARRATIVE_SECTIONS),
                      "placements": ", ".join(SUPPLEMENTARY_PLACEMENTS)}


def field_description(field: Any) -> Optional[str]:
    """A field's description (the notes of the template, docs/INPUTS.md) in the current language;
    the descriptions are written in English with ``N_()`` and translated when shown."""
    if not field.description:
        return None
    text = _(field.description)
    return text.format(**DESCRIPTION_VALUES) if "{" in text else text
