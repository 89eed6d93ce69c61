"""The input tables of an agency: sheet names, row models, keys and cross-references.

One registry drives reading (Excel or a CSV folder), validation, the template workbook and
the documentation, so the four can never disagree.

Every table and every column has a stored name (the English key: ``targets``, ``indicator_id``)
and an Indonesian label (``Target``, ``Kode Indikator``). The template and converted workbooks
are written with the labels; on input a sheet or a header may carry either, exactly as written
(letter case included). A label may never be another column's key or label: the registry is
checked when it is built.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from sakip.model import rows as m


@dataclass(frozen=True)
class Reference:
    """A column whose values must exist as keys of another table (or of one of several)."""

    column: str
    targets: tuple[tuple[str, str], ...]  # (table, column) pairs; any one may hold the value


class LabelError(ValueError):
    """A label that would make a sheet or a column name mean two things."""


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[m.Row]
    title: str
    key: tuple[str, ...] = ()
    required: bool = False
    refs: tuple[Reference, ...] = field(default_factory=tuple)
    #: The Indonesian sheet name (at most 31 characters, Excel's limit).
    label: str = ""
    #: Column key -> Indonesian header; a column not named here keeps :data:`COLUMN_LABELS`'.
    column_labels: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        check_labels(self.name, self.columns, self.labels)

    @property
    def columns(self) -> list[str]:
        return list(self.model.model_fields)

    @property
    def sheet_label(self) -> str:
        return self.label or self.name

    @property
    def labels(self) -> dict[str, str]:
        """Every column's Indonesian header, in column order."""
        return {c: self.column_labels.get(c) or COLUMN_LABELS.get(c, c) for c in self.columns}

    def column_for(self, written: str) -> str | None:
        """The column a header names, by its key or its label (as written); None if unknown."""
        return _names(self).get(written.strip())

    @property
    def known_names(self) -> list[str]:
        """Keys and labels, for a did-you-mean."""
        return list(dict.fromkeys([*self.columns, *self.labels.values()]))

    @property
    def required_columns(self) -> list[str]:
        return [n for n, f in self.model.model_fields.items() if f.is_required()]


def check_labels(table: str, columns: list[str], labels: Mapping[str, str]) -> None:
    """Refuse labels that would make a header mean two columns (or name no column)."""
    owner: dict[str, str] = {c: c for c in columns}
    for column in columns:
        label = labels.get(column, column).strip()
        if not label:
            raise LabelError(f"{table}.{column}: the label is empty")
        if owner.get(label, column) != column:
            raise LabelError(f"{table}.{column}: the label '{label}' is already the name of "
                             f"column '{owner[label]}'; a header must name one column")
        owner[label] = column


@functools.lru_cache(maxsize=None)
def _names(spec: TableSpec) -> dict[str, str]:
    names = {c: c for c in spec.columns}
    names.update({label: c for c, label in spec.labels.items()})
    return names


#: The Indonesian header of a column key, unless its table says otherwise.
COLUMN_LABELS: dict[str, str] = {
    "agency_id": "Kode Perangkat Daerah", "agency_name": "Nama Perangkat Daerah",
    "pemda_id": "Kode Pemda", "pemda_kind": "Jenis Pemda", "pemda_name": "Nama Daerah",
    "province": "Provinsi", "head_name": "Nama Kepala", "head_nip": "NIP Kepala",
    "head_rank": "Pangkat Kepala", "head_position": "Jabatan Kepala",
    "superior_name": "Nama Atasan", "superior_position": "Jabatan Atasan",
    "renstra_start": "Tahun Awal Renstra", "renstra_end": "Tahun Akhir Renstra",
    "plan_name": "Dokumen RPJMD/RPD", "urusan": "Urusan", "address": "Alamat",
    "report_city": "Kota Penandatanganan", "logo": "Lambang", "synthetic": "Data Sintetis",
    "landasan_hukum": "Landasan Hukum",
    "code": "Kode", "kind": "Jenis", "parent_code": "Kode Induk", "number": "Nomor",
    "statement": "Pernyataan", "no": "No", "tujuan_id": "Kode Tujuan",
    "indicator": "Indikator Tujuan", "rpjmd_code": "Kode Sasaran RPJMD",
    "unit_id": "Kode Unit", "parent_unit_id": "Kode Unit Atasan", "position": "Jabatan",
    "holder_name": "Nama Pejabat", "holder_nip": "NIP Pejabat", "holder_rank": "Pangkat",
    "order": "Urutan", "sasaran_id": "Kode Sasaran", "text": "Isi",
    "indicator_id": "Kode Indikator", "budget_code": "Kode Anggaran", "name": "Nama",
    "unit": "Satuan", "polarity": "Polaritas", "is_iku": "IKU", "formula_text": "Rumus Tertulis",
    "formula": "Rumus", "rationale": "Alasan", "data_source": "Sumber Data",
    "baseline": "Kondisi Awal", "baseline_year": "Tahun Kondisi Awal",
    "target_akhir": "Target Akhir Renstra", "capaian_method": "Cara Hitung Capaian",
    "capaian_cap": "Batas Capaian (%)", "triwulan_aggregation": "Penggabungan Triwulan",
    "supports": "Mendukung Indikator", "value": "Nilai", "year": "Tahun", "period": "Periode",
    "source": "Sumber", "doc_ref": "Rujukan Dokumen", "scope": "Cakupan", "label": "Uraian",
    "note": "Catatan", "level": "Tingkat", "pagu_murni": "Pagu Murni (Rp)", "pagu": "Pagu (Rp)",
    "realisasi": "Realisasi (Rp)", "sumber_dana": "Sumber Dana", "ref": "Kode Acuan",
    "keuangan_target": "Target Keuangan (Rp)", "keuangan_realisasi": "Realisasi Keuangan (Rp)",
    "fisik_target": "Target Fisik (%)", "fisik_realisasi": "Realisasi Fisik (%)",
    "penanggung_jawab": "Penanggung Jawab", "amount": "Anggaran (Rp)", "is_total": "Baris Total",
    "table": "Tabel", "row_label": "Baris", "unit_label": "Unit Kerja", "gender": "Jenis Kelamin",
    "count": "Jumlah", "category": "Kategori", "item": "Jenis Barang", "quantity": "Jumlah Barang",
    "location": "Lokasi", "condition": "Kondisi", "baik": "Baik", "rusak_ringan": "Rusak Ringan",
    "rusak_berat": "Rusak Berat", "account_code": "Kode Rekening",
    "before": "Sebelum Perubahan (Rp)", "after": "Setelah Perubahan (Rp)",
    "change": "Bertambah/Berkurang (Rp)", "section": "Bagian", "title": "Judul",
    "table_id": "Kode Tabel", "col_label": "Kolom", "placement": "Letak", "chart": "Grafik",
    "field": "Besaran",
}

#: The two columns (and the ignored third) of the profile sheet of a workbook.
PROFILE_SHEET_COLUMNS: dict[str, str] = {"field": "Isian", "value": "Nilai",
                                         "description": "Keterangan"}


def _ref(column: str, *targets: str) -> Reference:
    pairs = tuple((t.split(".")[0], t.split(".")[1]) for t in targets)
    return Reference(column, pairs)


#: The profile is a key/value table (one row per field) in Excel and a YAML file in a folder.
PROFILE = TableSpec("profile", m.Profile, "Profil perangkat daerah", required=True,
              label="Profil")

TABLES: tuple[TableSpec, ...] = (
    PROFILE,
    TableSpec("rpjmd", m.RpjmdItem, "Tujuan dan sasaran RPJMD/RPD yang didukung", key=("code",),
              refs=(_ref("parent_code", "rpjmd.code"),),
              label="Tujuan Sasaran RPJMD", column_labels={"code": "Kode RPJMD", "parent_code": "Kode Tujuan Induk", "statement": "Pernyataan Tujuan/Sasaran"}),
    TableSpec("isu_strategis", m.IsuStrategis, "Isu strategis", key=("no",),
              label="Isu Strategis", column_labels={"statement": "Isu Strategis"}),
    TableSpec("tujuan", m.Tujuan, "Tujuan Renstra", key=("tujuan_id",),
              refs=(_ref("rpjmd_code", "rpjmd.code"),),
              label="Tujuan Renstra", column_labels={"statement": "Pernyataan Tujuan"}),
    TableSpec("units", m.Unit, "Unit kerja dan pejabat (cascading PK)", key=("unit_id",),
              refs=(_ref("parent_unit_id", "units.unit_id"),),
              label="Unit Kerja", column_labels={"kind": "Jenis Jabatan"}),
    TableSpec("sasaran", m.Sasaran, "Sasaran strategis dan sasaran unit", key=("sasaran_id",),
              required=True,
              refs=(_ref("tujuan_id", "tujuan.tujuan_id"), _ref("unit_id", "units.unit_id"),
                    _ref("rpjmd_code", "rpjmd.code")),
              label="Sasaran", column_labels={"statement": "Pernyataan Sasaran", "unit_id": "Unit Pemilik"}),
    TableSpec("strategi", m.Strategi, "Strategi dan arah kebijakan", key=("sasaran_id", "kind", "no"),
              refs=(_ref("sasaran_id", "sasaran.sasaran_id"),),
              label="Strategi dan Arah Kebijakan", column_labels={"text": "Isi Strategi/Arah Kebijakan"}),
    TableSpec("indikator", m.Indikator, "Indikator kinerja", key=("indicator_id",), required=True,
              refs=(_ref("sasaran_id", "sasaran.sasaran_id"), _ref("budget_code", "budget.code"),
                    _ref("supports", "indikator.indicator_id")),
              label="Indikator Kinerja", column_labels={"name": "Nama Indikator"}),
    TableSpec("targets", m.Target, "Target per tahun/triwulan", key=("indicator_id", "year", "period", "source"),
              required=True, refs=(_ref("indicator_id", "indikator.indicator_id"),),
              label="Target", column_labels={"value": "Target", "source": "Dokumen Sumber"}),
    TableSpec("realisasi", m.Realisasi, "Realisasi per tahun/triwulan", key=("indicator_id", "year", "period"),
              refs=(_ref("indicator_id", "indikator.indicator_id"),),
              label="Realisasi", column_labels={"value": "Realisasi"}),
    TableSpec("components", m.Component, "Komponen rumus indikator", key=("indicator_id", "year", "scope", "name"),
              refs=(_ref("indicator_id", "indikator.indicator_id"),),
              label="Komponen Rumus", column_labels={"name": "Nama Komponen", "value": "Nilai Komponen", "source": "Sumber Data"}),
    TableSpec("national_standards", m.NationalStandard, "Standar nasional", key=("indicator_id", "year"),
              refs=(_ref("indicator_id", "indikator.indicator_id"),),
              label="Standar Nasional", column_labels={"value": "Standar Nasional"}),
    TableSpec("budget", m.BudgetLine, "Anggaran program/kegiatan/sub kegiatan", key=("year", "code"),
              refs=(_ref("parent_code", "budget.code"), _ref("sasaran_id", "sasaran.sasaran_id"),
                    _ref("unit_id", "units.unit_id")),
              label="Anggaran", column_labels={"code": "Kode Program/Kegiatan", "name": "Nama Program/Kegiatan", "unit_id": "Unit Penanggung Jawab"}),
    TableSpec("budget_quarterly", m.BudgetQuarter, "Realisasi keuangan dan fisik per triwulan",
              key=("year", "ref", "period"),
              refs=(_ref("ref", "sasaran.sasaran_id", "tujuan.tujuan_id", "budget.code"),),
              label="Anggaran per Triwulan"),
    TableSpec("pk_budget", m.PkBudget, "Anggaran dalam Perjanjian Kinerja", key=("unit_id", "year", "no", "name"),
              refs=(_ref("unit_id", "units.unit_id"), _ref("budget_code", "budget.code")),
              label="Anggaran PK", column_labels={"name": "Program/Kegiatan di PK", "unit_id": "Unit"}),
    TableSpec("inovasi", m.Inovasi, "Inovasi dalam Perjanjian Kinerja", key=("unit_id", "year", "name"),
              refs=(_ref("unit_id", "units.unit_id"),),
              label="Inovasi", column_labels={"name": "Nama Inovasi", "unit_id": "Unit"}),
    TableSpec("staff", m.StaffCount, "Pegawai menurut pangkat/pendidikan", key=("year", "table", "row_label", "unit_label", "gender"),
              label="Pegawai", column_labels={"row_label": "Golongan/Pendidikan", "count": "Jumlah Pegawai"}),
    TableSpec("sasaran_staff", m.SasaranStaff, "Pegawai yang menangani tiap sasaran",
              key=("sasaran_id", "year", "category"), refs=(_ref("sasaran_id", "sasaran.sasaran_id"),),
              label="Pegawai per Sasaran", column_labels={"category": "Jenis Pegawai", "count": "Jumlah Orang"}),
    TableSpec("facilities", m.Facility, "Sarana dan prasarana", key=("year", "no", "item"),
              label="Sarana Prasarana", column_labels={"quantity": "Jumlah"}),
    TableSpec("apbd", m.ApbdLine, "APBD menurut kode rekening", key=("year", "account_code", "name"),
              label="APBD", column_labels={"name": "Uraian"}),
    TableSpec("narrative", m.Narrative, "Teks analis (Markdown)", key=("section", "sasaran_id", "order", "title"),
              refs=(_ref("sasaran_id", "sasaran.sasaran_id"),),
              label="Narasi", column_labels={"text": "Teks (Markdown)"}),
    TableSpec("supplementary", m.SupplementaryCell, "Tabel data pendukung", key=("table_id", "row_label", "col_label"),
              refs=(_ref("sasaran_id", "sasaran.sasaran_id"),),
              label="Data Pendukung", column_labels={"title": "Judul Tabel"}),
    TableSpec("printed", m.PrintedFigure, "Angka seperti tercetak di laporan lama (untuk audit)",
              key=("doc_ref", "ref", "year", "field"),
              refs=(_ref("ref", "indikator.indicator_id", "sasaran.sasaran_id", "budget.code", "units.unit_id"),),
              label="Angka Tercetak", column_labels={"value": "Nilai Tercetak"}),
)

BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}


def _by_sheet(tables: tuple[TableSpec, ...]) -> dict[str, TableSpec]:
    """Sheet (or file) name -> table, by stored name and by label; a label that names another
    table is refused."""
    found: dict[str, TableSpec] = {}
    for spec in tables:
        for name in dict.fromkeys((spec.name, spec.sheet_label)):
            if name in found:
                raise LabelError(f"{spec.name}: the sheet name '{name}' already names the table "
                                 f"'{found[name].name}'")
            if len(name) > 31:
                raise LabelError(f"{spec.name}: the sheet name '{name}' is longer than the 31 "
                                 "characters Excel allows")
            found[name] = spec
    return found


#: Sheet name as written (stored name or Indonesian label) -> table.
BY_SHEET: dict[str, TableSpec] = _by_sheet(TABLES)


def table_for(written: str) -> TableSpec | None:
    """The table a sheet or file name names (its stored name or its label), else None."""
    return BY_SHEET.get(written.strip())
