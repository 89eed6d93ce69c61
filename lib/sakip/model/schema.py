"""The input tables of an agency: sheet names, row models, keys and cross-references.

One registry drives reading (Excel or a CSV folder), validation, the template workbook and
the documentation, so the four can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sakip.model import rows as m


@dataclass(frozen=True)
class Reference:
    """A column whose values must exist as keys of another table (or of one of several)."""

    column: str
    targets: tuple[tuple[str, str], ...]  # (table, column) pairs; any one may hold the value


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[m.Row]
    title: str
    key: tuple[str, ...] = ()
    required: bool = False
    refs: tuple[Reference, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> list[str]:
        return list(self.model.model_fields)

    @property
    def required_columns(self) -> list[str]:
        return [n for n, f in self.model.model_fields.items() if f.is_required()]


def _ref(column: str, *targets: str) -> Reference:
    pairs = tuple((t.split(".")[0], t.split(".")[1]) for t in targets)
    return Reference(column, pairs)


#: The profile is a key/value table (one row per field) in Excel and a YAML file in a folder.
PROFILE = TableSpec("profile", m.Profile, "Profil perangkat daerah", required=True)

TABLES: tuple[TableSpec, ...] = (
    PROFILE,
    TableSpec("rpjmd", m.RpjmdItem, "Tujuan dan sasaran RPJMD/RPD yang didukung", key=("code",),
              refs=(_ref("parent_code", "rpjmd.code"),)),
    TableSpec("isu_strategis", m.IsuStrategis, "Isu strategis", key=("no",)),
    TableSpec("tujuan", m.Tujuan, "Tujuan Renstra", key=("tujuan_id",),
              refs=(_ref("rpjmd_code", "rpjmd.code"),)),
    TableSpec("units", m.Unit, "Unit kerja dan pejabat (cascading PK)", key=("unit_id",),
              refs=(_ref("parent_unit_id", "units.unit_id"),)),
    TableSpec("sasaran", m.Sasaran, "Sasaran strategis dan sasaran unit", key=("sasaran_id",),
              required=True,
              refs=(_ref("tujuan_id", "tujuan.tujuan_id"), _ref("unit_id", "units.unit_id"),
                    _ref("rpjmd_code", "rpjmd.code"))),
    TableSpec("strategi", m.Strategi, "Strategi dan arah kebijakan", key=("sasaran_id", "kind", "no"),
              refs=(_ref("sasaran_id", "sasaran.sasaran_id"),)),
    TableSpec("indikator", m.Indikator, "Indikator kinerja", key=("indicator_id",), required=True,
              refs=(_ref("sasaran_id", "sasaran.sasaran_id"), _ref("budget_code", "budget.code"),
                    _ref("supports", "indikator.indicator_id"))),
    TableSpec("targets", m.Target, "Target per tahun/triwulan", key=("indicator_id", "year", "period", "source"),
              required=True, refs=(_ref("indicator_id", "indikator.indicator_id"),)),
    TableSpec("realisasi", m.Realisasi, "Realisasi per tahun/triwulan", key=("indicator_id", "year", "period"),
              refs=(_ref("indicator_id", "indikator.indicator_id"),)),
    TableSpec("components", m.Component, "Komponen rumus indikator", key=("indicator_id", "year", "scope", "name"),
              refs=(_ref("indicator_id", "indikator.indicator_id"),)),
    TableSpec("national_standards", m.NationalStandard, "Standar nasional", key=("indicator_id", "year"),
              refs=(_ref("indicator_id", "indikator.indicator_id"),)),
    TableSpec("budget", m.BudgetLine, "Anggaran program/kegiatan/sub kegiatan", key=("year", "code"),
              refs=(_ref("parent_code", "budget.code"), _ref("sasaran_id", "sasaran.sasaran_id"),
                    _ref("unit_id", "units.unit_id"))),
    TableSpec("budget_quarterly", m.BudgetQuarter, "Realisasi keuangan dan fisik per triwulan",
              key=("year", "ref", "period"),
              refs=(_ref("ref", "sasaran.sasaran_id", "tujuan.tujuan_id", "budget.code"),)),
    TableSpec("pk_budget", m.PkBudget, "Anggaran dalam Perjanjian Kinerja", key=("unit_id", "year", "no", "name"),
              refs=(_ref("unit_id", "units.unit_id"), _ref("budget_code", "budget.code"))),
    TableSpec("inovasi", m.Inovasi, "Inovasi dalam Perjanjian Kinerja", key=("unit_id", "year", "name"),
              refs=(_ref("unit_id", "units.unit_id"),)),
    TableSpec("staff", m.StaffCount, "Pegawai menurut pangkat/pendidikan", key=("year", "table", "row_label", "unit_label", "gender")),
    TableSpec("sasaran_staff", m.SasaranStaff, "Pegawai yang menangani tiap sasaran",
              key=("sasaran_id", "year", "category"), refs=(_ref("sasaran_id", "sasaran.sasaran_id"),)),
    TableSpec("facilities", m.Facility, "Sarana dan prasarana", key=("year", "no", "item")),
    TableSpec("apbd", m.ApbdLine, "APBD menurut kode rekening", key=("year", "account_code", "name")),
    TableSpec("narrative", m.Narrative, "Teks analis (Markdown)", key=("section", "sasaran_id", "order", "title"),
              refs=(_ref("sasaran_id", "sasaran.sasaran_id"),)),
    TableSpec("supplementary", m.SupplementaryCell, "Tabel data pendukung", key=("table_id", "row_label", "col_label"),
              refs=(_ref("sasaran_id", "sasaran.sasaran_id"),)),
    TableSpec("printed", m.PrintedFigure, "Angka seperti tercetak di laporan lama (untuk audit)",
              key=("doc_ref", "ref", "year", "field"),
              refs=(_ref("ref", "indikator.indicator_id", "sasaran.sasaran_id", "budget.code", "units.unit_id"),)),
)

BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}
