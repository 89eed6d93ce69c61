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

from sakip.i18n import _
from sakip.model.parsing import (
    NotANumber,
    NumberValue,
    PerfValue,
    is_missing,
    parse_amount,
    parse_bool,
    parse_number,
    parse_perf_value,
)

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
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
        description="Nilai seperti tertulis: angka (93,75), nilai AKIP (A, BB), "
        "rentang (5,80-6,00) atau arah (meningkat/menurun); '-' atau kosong = tidak ada data.",
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
    agency_id: Identifier = Field(description="Kode singkat perangkat daerah, dipakai di nama file.",
                                  json_schema_extra={"example": "payakumbuh-disnakerperin"})
    agency_name: RequiredText = Field(description="Nama lengkap perangkat daerah.",
                                      json_schema_extra={"example": "Dinas Tenaga Kerja dan Perindustrian"})
    pemda_id: Identifier = Field(description="Kode pemerintah daerah.",
                                 json_schema_extra={"example": "kota-payakumbuh"})
    pemda_kind: Literal["kota", "kabupaten", "provinsi"] = Field(
        description="kota, kabupaten atau provinsi.", json_schema_extra={"example": "kota"})
    pemda_name: RequiredText = Field(description="Nama daerah tanpa 'Kota'/'Kabupaten'.",
                                     json_schema_extra={"example": "Payakumbuh"})
    province: RequiredText = Field(description="Provinsi.", json_schema_extra={"example": "Sumatera Barat"})
    head_name: RequiredText = Field(description="Nama kepala perangkat daerah.")
    head_nip: Text = Field(None, description="NIP kepala (sebagai teks).")
    head_rank: Text = Field(None, description="Pangkat/golongan kepala.")
    head_position: Text = Field(None, description="Jabatan kepala.")
    superior_name: Text = Field(None, description="Nama atasan (pihak kedua PK), mis. Wali Kota.")
    superior_position: Text = Field(None, description="Jabatan atasan.")
    renstra_start: Year = Field(description="Tahun awal periode Renstra.", json_schema_extra={"example": "2023"})
    renstra_end: Year = Field(description="Tahun akhir periode Renstra.", json_schema_extra={"example": "2026"})
    plan_name: Text = Field(None, description="Nama dokumen rencana daerah (RPJMD atau RPD) dan periodenya.")
    urusan: Text = Field(None, description="Urusan pemerintahan, dipisah ';'.")
    address: Text = Field(None, description="Alamat kantor.")
    report_city: Text = Field(None, description="Kota tempat laporan ditandatangani.")
    logo: Text = Field(None, description="Berkas lambang pemda (PNG atau JPG) di folder perangkat daerah, "
                       "dicetak di sampul; kosong = tanpa lambang.", json_schema_extra={"example": "lambang.png"})
    synthetic: Flag = Field(None, description="ya bila data ini buatan (sintetis): laporan diberi tanda DATA SINTETIS.")
    landasan_hukum: Text = Field(
        None, description="Peraturan yang menjadi landasan hukum laporan, dipisah ';' (peraturan "
        "SAKIP yang tidak disebut ditambahkan otomatis).")

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
    code: Identifier = Field(description="Kode tujuan/sasaran RPJMD/RPD.", json_schema_extra={"example": "RPD-S4"})
    kind: Literal["tujuan", "sasaran"] = Field(description="tujuan atau sasaran.", json_schema_extra={"example": "sasaran"})
    parent_code: OptIdentifier = Field(None, description="Kode tujuan induk (untuk sasaran).")
    number: Text = Field(None, description="Nomor seperti di dokumen (mis. 'Sasaran 4').")
    statement: RequiredText = Field(description="Pernyataan tujuan/sasaran.")


class IsuStrategis(Row):
    no: Count = Field(description="Nomor urut.", json_schema_extra={"example": "1"})
    statement: RequiredText = Field(description="Isu strategis.")


class Tujuan(Row):
    tujuan_id: Identifier = Field(description="Kode tujuan Renstra.", json_schema_extra={"example": "T1"})
    statement: RequiredText = Field(description="Pernyataan tujuan.")
    indicator: Text = Field(None, description="Indikator tujuan.")
    rpjmd_code: OptIdentifier = Field(None, description="Kode sasaran RPJMD/RPD yang didukung.")


class Unit(Row):
    unit_id: Identifier = Field(description="Kode unit/jabatan dalam cascading PK.", json_schema_extra={"example": "kadis"})
    parent_unit_id: OptIdentifier = Field(None, description="Unit atasan langsung (kosong untuk kepala).")
    kind: Literal["kepala", "sekretaris", "kabid", "kasubag", "fungsional", "uptd", "lainnya"] = Field(
        description="kepala, sekretaris, kabid, kasubag, fungsional, uptd atau lainnya.",
        json_schema_extra={"example": "kepala"})
    position: RequiredText = Field(description="Nama jabatan.")
    holder_name: Text = Field(None, description="Nama pejabat.")
    holder_nip: Text = Field(None, description="NIP pejabat (teks).")
    holder_rank: Text = Field(None, description="Pangkat/golongan.")
    order: Count = Field(None, description="Urutan tampil.")


class Sasaran(Row):
    sasaran_id: Identifier = Field(description="Kode sasaran.", json_schema_extra={"example": "S1"})
    tujuan_id: OptIdentifier = Field(None, description="Tujuan Renstra (untuk sasaran strategis).")
    unit_id: OptIdentifier = Field(None, description="Unit pemilik sasaran; kosong = sasaran strategis perangkat daerah.")
    number: Text = Field(None, description="Nomor tampil.")
    statement: RequiredText = Field(description="Pernyataan sasaran.")
    rpjmd_code: OptIdentifier = Field(None, description="Sasaran RPJMD/RPD yang didukung.")


class Strategi(Row):
    sasaran_id: Identifier = Field(description="Sasaran yang dilayani.")
    kind: Literal["strategi", "arah_kebijakan"] = Field(description="strategi atau arah_kebijakan.")
    no: Count = Field(description="Nomor urut.")
    text: RequiredText = Field(description="Isi strategi/arah kebijakan.")


class Indikator(Row):
    indicator_id: Identifier = Field(description="Kode indikator.", json_schema_extra={"example": "IKU1"})
    sasaran_id: OptIdentifier = Field(None, description="Sasaran yang diukur (indikator sasaran/IKU/unit).")
    budget_code: OptIdentifier = Field(None, description="Kode program/kegiatan/sub kegiatan (indikator anggaran).")
    name: RequiredText = Field(description="Nama indikator.")
    unit: Text = Field(None, description="Satuan (%, orang, Nilai, dokumen ...).", json_schema_extra={"example": "%"})
    polarity: Literal["higher", "lower", "grade"] = Field(
        "higher", description="higher = makin tinggi makin baik; lower = makin rendah makin baik; grade = nilai huruf (AKIP).",
        json_schema_extra={"example": "higher"})
    is_iku: Flag = Field(None, description="ya bila Indikator Kinerja Utama.")
    formula_text: Text = Field(None, description="Rumus seperti tertulis di dokumen.")
    formula: Text = Field(None, description="Rumus yang dihitung dari komponen, mis. 'bekerja / angkatan_kerja * 100'; nama@n-1 = tahun sebelumnya.")
    rationale: Text = Field(None, description="Alasan pemilihan indikator.")
    data_source: Text = Field(None, description="Sumber data.")
    baseline: Text = Field(None, description="Kondisi awal (sebelum periode Renstra).")
    baseline_year: OptYear = Field(None, description="Tahun kondisi awal.")
    target_akhir: Text = Field(None, description="Target akhir periode Renstra.")
    capaian_method: Optional[Literal["default", "inverse_ratio", "kondisi_khusus"]] = Field(
        None, description="Cara menghitung capaian indikator 'lower': kondisi_khusus (bawaan) = (2T-R)/T; inverse_ratio = T/R.")
    capaian_cap: Number = Field(None, description="Batas atas capaian (%), kosong = tanpa batas.")
    triwulan_aggregation: Optional[Literal["kumulatif", "nilai_akhir", "rata_rata"]] = Field(
        None, description="Cara menggabung triwulan: kumulatif (jumlah), nilai_akhir (TW terakhir), rata_rata.")
    supports: OptIdentifier = Field(None, description="Indikator atasan yang didukung (cascading).")
    order: Count = Field(None, description="Urutan tampil.")


class Target(PerfRow):
    indicator_id: Identifier = Field(description="Kode indikator.", json_schema_extra={"example": "IKU1"})
    year: Year = Field(description="Tahun.", json_schema_extra={"example": "2024"})
    period: Period = Field("TAHUN", description="TAHUN atau TW1..TW4.", json_schema_extra={"example": "TAHUN"})
    source: Literal["renstra", "pk", "pk_perubahan", "rkt", "iku", "rencana_aksi"] = Field(
        description="Dokumen asal target: renstra, pk, pk_perubahan, rkt, iku, rencana_aksi.",
        json_schema_extra={"example": "pk"})
    doc_ref: Text = Field(None, description="Tabel sumber di dokumen (mis. 'Tabel 2.3').")


class Realisasi(PerfRow):
    indicator_id: Identifier = Field(description="Kode indikator.", json_schema_extra={"example": "IKU1"})
    year: Year = Field(description="Tahun.", json_schema_extra={"example": "2024"})
    period: Period = Field("TAHUN", description="TAHUN atau TW1..TW4.", json_schema_extra={"example": "TAHUN"})
    doc_ref: Text = Field(None, description="Tabel sumber di dokumen.")


class Component(Row):
    indicator_id: Identifier = Field(description="Kode indikator yang dirumuskan.")
    year: Year = Field(description="Tahun data.")
    scope: Literal["daerah", "nasional"] = Field("daerah", description="daerah atau nasional.")
    name: Identifier = Field(description="Nama komponen dalam rumus, mis. bekerja.", json_schema_extra={"example": "bekerja"})
    label: Text = Field(None, description="Uraian komponen.")
    value: Number = Field(description="Nilai komponen.", json_schema_extra={"example": "74.085"})
    source: Text = Field(None, description="Sumber data (mis. BPS).")


class NationalStandard(PerfRow):
    indicator_id: Identifier = Field(description="Kode indikator.")
    year: Year = Field(description="Tahun.")
    source: Text = Field(None, description="Sumber standar nasional.")
    note: Text = Field(None, description="Catatan.")


# --- budget -------------------------------------------------------------------------------


class BudgetLine(Row):
    year: Year = Field(description="Tahun anggaran.", json_schema_extra={"example": "2024"})
    code: Identifier = Field(description="Kode program/kegiatan/sub kegiatan (unik per tahun).", json_schema_extra={"example": "P1.K1.S1"})
    level: Literal["program", "kegiatan", "sub_kegiatan"] = Field(description="program, kegiatan atau sub_kegiatan.")
    parent_code: OptIdentifier = Field(None, description="Kode induk (kosong untuk program).")
    name: RequiredText = Field(description="Nama program/kegiatan/sub kegiatan.")
    sasaran_id: OptIdentifier = Field(None, description="Sasaran strategis yang didukung.")
    unit_id: OptIdentifier = Field(None, description="Unit penanggung jawab.")
    urusan: Text = Field(None, description="Urusan pemerintahan.")
    pagu_murni: Amount = Field(None, description="Pagu sebelum perubahan (Rp).")
    pagu: Amount = Field(None, description="Pagu setelah perubahan (Rp); untuk induk boleh kosong = jumlah anaknya.")
    realisasi: Amount = Field(None, description="Realisasi (Rp).")
    sumber_dana: Text = Field(None, description="Sumber dana (APBD, DAK ...).")
    doc_ref: Text = Field(None, description="Tabel sumber.")


class BudgetQuarter(Row):
    year: Year = Field(description="Tahun.")
    ref: Identifier = Field(description="Kode sasaran, tujuan atau program/kegiatan yang diukur.")
    period: Period = Field(description="TW1..TW4.")
    keuangan_target: Amount = Field(None, description="Target keuangan kumulatif s.d. triwulan (Rp).")
    keuangan_realisasi: Amount = Field(None, description="Realisasi keuangan kumulatif s.d. triwulan (Rp).")
    fisik_target: Number = Field(None, description="Target fisik kumulatif (%).")
    fisik_realisasi: Number = Field(None, description="Realisasi fisik kumulatif (%).")
    penanggung_jawab: Text = Field(None, description="Jabatan penanggung jawab.")


class PkBudget(Row):
    unit_id: Identifier = Field(description="Unit yang menandatangani PK.")
    year: Year = Field(description="Tahun PK.")
    no: Count = Field(None, description="Nomor urut.")
    name: RequiredText = Field(description="Program/kegiatan/sub kegiatan seperti tertulis di PK.")
    budget_code: OptIdentifier = Field(None, description="Kode anggaran yang sama di tabel budget.")
    amount: Amount = Field(None, description="Anggaran di PK (Rp).")
    sumber_dana: Text = Field(None, description="Keterangan/sumber dana.")
    is_total: Flag = Field(None, description="ya untuk baris TOTAL seperti tercetak.")


class Inovasi(Row):
    unit_id: Identifier = Field(description="Unit.")
    year: Year = Field(description="Tahun.")
    name: RequiredText = Field(description="Nama inovasi.")


# --- BAB I tables ---------------------------------------------------------------------------


class StaffCount(Row):
    table: Literal["pangkat", "pendidikan"] = Field(description="pangkat atau pendidikan.")
    row_label: RequiredText = Field(description="Golongan atau jenjang pendidikan (atau 'Jumlah').")
    unit_label: RequiredText = Field(description="Unit kerja (atau 'Jumlah').")
    gender: Optional[Literal["L", "P"]] = Field(None, description="L atau P; kosong untuk kolom Total.")
    count: Count = Field(description="Jumlah pegawai.")
    is_total: Flag = Field(None, description="ya bila sel ini adalah total yang tercetak.")
    year: OptYear = Field(None, description="Tahun data.")


class Facility(Row):
    no: Count = Field(None, description="Nomor.")
    item: RequiredText = Field(description="Jenis barang.")
    quantity: Count = Field(description="Jumlah.")
    location: Text = Field(None, description="Keterangan/lokasi.")
    condition: Text = Field(None, description="Kondisi seperti tertulis.")
    baik: Count = Field(None, description="Jumlah kondisi baik.")
    rusak_ringan: Count = Field(None, description="Jumlah rusak ringan.")
    rusak_berat: Count = Field(None, description="Jumlah rusak berat.")
    year: OptYear = Field(None, description="Tahun data.")


class ApbdLine(Row):
    year: Year = Field(description="Tahun anggaran.")
    account_code: RequiredText = Field(description="Kode rekening (teks, mis. 5.1.01).")
    name: RequiredText = Field(description="Uraian.")
    before: Amount = Field(None, description="Sebelum perubahan (Rp).")
    after: Amount = Field(None, description="Setelah perubahan (Rp).")
    change: Amount = Field(None, description="Bertambah/berkurang (Rp) seperti tercetak.")
    is_total: Flag = Field(None, description="ya untuk baris jumlah.")


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
        description="Bagian laporan: " + ", ".join(NARRATIVE_SECTIONS) + ".")
    sasaran_id: OptIdentifier = Field(None, description="Sasaran yang dibahas (kosong = umum).")
    order: Count = Field(None, description="Urutan.")
    title: Text = Field(None, description="Judul kecil (opsional).")
    text: RequiredText = Field(description="Isi dalam format Markdown.")


#: Where a supplementary table is shown: one of the seven analyses of its sasaran in BAB III
#: (capaian .. program), or BAB I, the realisasi anggaran (3.3), the lampiran.
SUPPLEMENTARY_PLACEMENTS = ("capaian", "tren", "renstra", "nasional", "penyebab", "efisiensi",
                            "program", "pendahuluan", "anggaran", "lampiran")

_ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
#: Units of whole things or rupiah: ``1,853`` there is 1853 typed the English way, not 1,853.
WHOLE_UNITS = frozenset({"unit", "orang", "rp", "jiwa", "buah", "perusahaan", "ikm", "lembaga"})


class SupplementaryCell(Row):
    table_id: Identifier = Field(description="Kode tabel pendukung.")
    title: RequiredText = Field(description="Judul tabel.")
    sasaran_id: OptIdentifier = Field(None, description="Sasaran terkait.")
    row_label: RequiredText = Field(description="Baris.")
    col_label: RequiredText = Field(description="Kolom.")
    value: Text = Field(None, description="Nilai seperti tercetak.")
    is_total: Flag = Field(None, description="ya bila baris total yang tercetak.")
    unit: Text = Field(None, description="Satuan.")
    source: Text = Field(None, description="Sumber data.")
    doc_ref: Text = Field(None, description="Tabel di dokumen.")
    # pydantic builds the Literal from the tuple at run time; mypy accepts no variable inside Literal
    placement: Optional[Literal[SUPPLEMENTARY_PLACEMENTS]] = Field(  # type: ignore[valid-type]
        None, description="Tempat tabel di laporan (cukup diisi pada satu baris tabel): "
        + ", ".join(SUPPLEMENTARY_PLACEMENTS) + "; kosong = capaian bila ada sasaran, "
        "selain itu lampiran.")
    chart: Optional[Literal["batang", "garis"]] = Field(
        None, description="Grafik dari tabel (cukup diisi pada satu baris): batang atau garis; "
        "kosong = tanpa grafik.")

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
    doc_ref: RequiredText = Field(description="Tabel/bagian dokumen tempat angka tercetak.")
    ref: Identifier = Field(description="Kode indikator, sasaran atau anggaran yang dimaksud.")
    year: Year = Field(description="Tahun.")
    field: Literal["target", "realisasi", "capaian", "capaian_renstra", "serapan", "efisiensi",
                   "pagu", "realisasi_anggaran", "kriteria", "standar_nasional"] = Field(
        description="Besaran yang tercetak.")
    value: RequiredText = Field(description="Nilai seperti tercetak.")
    period: Period = Field("TAHUN", description="TAHUN atau TW1..TW4: periode angka yang tercetak.")


class SasaranStaff(Row):
    """Staff who work on a sasaran, for the efficiency-of-human-resources analysis."""

    sasaran_id: Identifier = Field(description="Sasaran strategis.")
    year: Year = Field(description="Tahun.")
    category: RequiredText = Field(description="Jenis pegawai: ASN, P3K, TJP (tenaga jasa perorangan) ...")
    count: Count = Field(description="Jumlah orang.")
