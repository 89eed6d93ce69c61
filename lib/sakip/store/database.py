"""The embedded analytical store: every agency's validated inputs in one DuckDB file.

``ingest(data_dir, db_path)`` finds every agency under ``data_dir`` (a folder holding
``profile.yaml``, or an ``.xlsx`` workbook), validates it with :func:`sakip.inputs.load_agency`
and loads it into the store, idempotently:

* an input whose ``input_hash`` equals the stored one is not even validated again
  ("unchanged");
* a new or changed input replaces exactly its agency's rows, all tables at once, in one
  transaction ("added" / "updated");
* an invalid input is rejected whole with its validation problems, and the store keeps the
  agency's previous good rows ("rejected");
* an agency whose input has disappeared from under ``data_dir`` is deleted ("removed").

DuckDB allows one writing process: :func:`ingest` opens the file read-write for the duration of
the run only; notebooks use :func:`open_store` (read-only by default). The schema is documented
in ``docs/STORE.md``.

The store fails loudly: before anything is compared, every table is read through once, so a
damaged or truncated file is reported (:class:`CorruptStoreError`, with the command that
rebuilds it: ``sakip ingest --rebuild``) instead of inputs being called "unchanged" against a store
that cannot be read. A lock held by another process, a read-only location and a full disk each
raise a :class:`StoreError` of their own, naming the path; a failed write leaves the store as it
was.
"""

from __future__ import annotations

import hashlib
import os
import re
import typing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Optional

import duckdb
import pandas as pd

from sakip.compute.kriteria import DEFAULT_SCALE
from sakip.compute.period import (
    aggregation,
    budget_period,
    indicator_period,
    numeric,
    target_row,
)
from sakip.i18n import _, decimal, speaking
from sakip.model import rows as m
from sakip.model.agency import Agency
from sakip.model.parsing import DirectionValue, GradeValue, NumberValue, PerfValue, RangeValue
from sakip.model.schema import PROFILE, TABLES, TableSpec

#: Bump when a table or column changes: a store of another version is rebuilt on ingest.
SCHEMA_VERSION = 2
DECIMAL_TYPE = "DECIMAL(38,6)"
DEFAULT_DB = Path("output/sakip.duckdb")

AGENCIES_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "VARCHAR PRIMARY KEY"),
    ("name", "VARCHAR NOT NULL"),
    ("pemda_id", "VARCHAR NOT NULL"),
    ("pemda_label", "VARCHAR NOT NULL"),
    ("source", "VARCHAR NOT NULL"),
    ("source_kind", "VARCHAR NOT NULL"),
    ("input_hash", "VARCHAR NOT NULL"),
    ("ingested_at", "TIMESTAMP NOT NULL"),
)

#: Columns added after ``value`` in tables whose rows are performance values.
PERF_COLUMNS: tuple[tuple[str, str], ...] = (
    ("value_kind", "VARCHAR"),
    ("value_num", DECIMAL_TYPE),
    ("value_low", DECIMAL_TYPE),
    ("value_high", DECIMAL_TYPE),
    ("value_grade", "VARCHAR"),
)

RESULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "VARCHAR NOT NULL"),
    ("indicator_id", "VARCHAR NOT NULL"),
    ("sasaran_id", "VARCHAR"),
    ("budget_code", "VARCHAR"),
    ("is_iku", "BOOLEAN NOT NULL"),
    ("polarity", "VARCHAR NOT NULL"),
    ("unit", "VARCHAR"),
    ("year", "INTEGER NOT NULL"),
    ("target", "VARCHAR"),
    ("target_source", "VARCHAR"),
    ("target_num", DECIMAL_TYPE),
    ("realisasi", "VARCHAR"),
    ("realisasi_num", DECIMAL_TYPE),
    ("capaian", DECIMAL_TYPE),
    ("capaian_method", "VARCHAR"),
    ("measurable", "BOOLEAN NOT NULL"),
    ("reason", "VARCHAR"),
    ("kriteria", "VARCHAR NOT NULL"),
)


class StoreError(OSError):
    """The store cannot be opened or written (locked by another process, missing ...)."""


class CorruptStoreError(StoreError):
    """The store file is damaged, truncated or not a DuckDB file: ``sakip ingest --rebuild``."""


def rebuild_hint(path: Path | str) -> str:
    return f"sakip ingest --rebuild --db {path}"


def store_error(path: Path | str, exc: BaseException, doing: str) -> StoreError:
    """One clear message for a DuckDB or OS failure on the store at ``path``."""
    text = " ".join(str(exc).split())
    low = text.lower()
    short = re.sub(r"^(IO|Serialization|Internal|Catalog|Invalid Input) Error: ", "", text)[:200]
    errno = getattr(exc, "errno", None)
    if "could not set lock" in low or "conflicting lock" in low:
        holder = re.search(r"held in (\S+)(?: \(PID (\d+)\))?", text)
        who = ""
        if holder:
            who = f" ({os.path.basename(holder.group(1))}" + (
                f", PID {holder.group(2)})" if holder.group(2) else ")")
        return StoreError(_("{path}: the store is locked by another process{who}; close it (a "
                            "notebook, another 'sakip ingest') and run the command again").format(
                              path=path, who=who))
    if errno in (28, 27) or "no space left" in low or "file too large" in low \
            or "disk is full" in low or "disk full" in low:
        return StoreError(_("{path}: the disk is full (or a file size limit is reached) while "
                            "{doing}; the store was left as it was: free some space and run the "
                            "command again ({short})").format(path=path, doing=doing, short=short))
    if errno in (30, 13, 1) or "read-only file system" in low or "permission denied" in low:
        return StoreError(_("{path}: this location cannot be written ({short}); choose another "
                            "--db or make the folder writable").format(path=path, short=short))
    if "not a valid duckdb database" in low or "could not read enough bytes" in low \
            or "corrupt" in low or "checksum" in low or "serializ" in low \
            or "catalog error" in low or "internal error" in low or "database file" in low:
        return CorruptStoreError(_("{path}: the store is damaged or is not a DuckDB file "
                                   "({short}); rebuild it from the inputs with: "
                                   "{command}").format(
                                     path=path, short=short, command=rebuild_hint(path)))
    return StoreError(_("{path}: the store failed while {doing} ({short})").format(
        path=path, doing=doing, short=short))


# --- schema -------------------------------------------------------------------------------------


def _sql_type(annotation: Any) -> str:
    """DuckDB type of a row-model field: Decimal -> DECIMAL(38,6), int, bool, text."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    base = args[0] if typing.get_origin(annotation) is typing.Union and len(args) == 1 else annotation
    if base is Decimal:
        return DECIMAL_TYPE
    if base is bool:
        return "BOOLEAN"
    if base is int:
        return "INTEGER"
    return "VARCHAR"


def is_perf_table(spec: TableSpec) -> bool:
    return issubclass(spec.model, m.PerfRow)


def table_columns(spec: TableSpec) -> list[tuple[str, str]]:
    """(column, DuckDB type) of the store table of ``spec``, in order."""
    columns = [("agency_id", "VARCHAR NOT NULL"), ("row_no", "INTEGER NOT NULL")]
    for name, info in spec.model.model_fields.items():
        if name == "agency_id":  # the profile's own agency_id is the leading column
            continue
        columns.append((name, _sql_type(info.annotation)))
        if name == "value" and is_perf_table(spec):
            columns.extend(PERF_COLUMNS)
    return columns


def all_tables() -> dict[str, list[tuple[str, str]]]:
    """Every store table with its columns: ``agencies``, one per input table, the results."""
    tables = {"agencies": list(AGENCIES_COLUMNS)}
    for spec in TABLES:
        tables[spec.name] = table_columns(spec)
    tables["indicator_results"] = list(RESULT_COLUMNS)
    tables.update(quarter_tables())
    return tables


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema_signature() -> str:
    """The schema's version and a digest of every table and column with its type: a store made by
    another version of the software (a column added to the input model, say) is rebuilt, never
    written into with the wrong columns."""
    text = repr(sorted((name, list(columns)) for name, columns in all_tables().items()))
    return f"{SCHEMA_VERSION}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    row = con.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
    if row is not None and row[0] == schema_signature():
        return
    con.execute("BEGIN TRANSACTION")
    for name in all_tables():
        con.execute(f"DROP TABLE IF EXISTS {_q(name)}")
    for name, columns in all_tables().items():
        body = ", ".join(f"{_q(c)} {t}" for c, t in columns)
        con.execute(f"CREATE TABLE {_q(name)} ({body})")
    con.execute("DELETE FROM store_meta")
    con.execute("INSERT INTO store_meta VALUES ('schema_version', ?)", [schema_signature()])
    con.execute("COMMIT")


def open_store(path: Path | str = DEFAULT_DB, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the store; read-only (the default) for notebooks, several may read at once.

    Read-write creates the file and its tables when needed. Raises :class:`StoreError` when the
    file is missing (read-only), locked by another process or in a location that cannot be
    written, and :class:`CorruptStoreError` when it is not a readable DuckDB store.
    """
    path = Path(path)
    if read_only and not path.is_file():
        if path.exists():
            raise StoreError(_("{path}: not a store file (a folder or a special file)").format(
                path=path))
        raise StoreError(_("{path}: no store here yet; run 'sakip ingest' first").format(path=path))
    if not read_only:
        if path.exists() and not path.is_file():
            raise StoreError(_("{path}: not a store file (a folder or a special file); give "
                               "another --db").format(path=path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise store_error(path, exc, _("creating its folder")) from None
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as exc:
        raise store_error(path, exc, _("opening it")) from None
    if not read_only:
        try:
            _create_schema(con)
        except (duckdb.Error, OSError) as exc:
            _close_quietly(con)
            raise store_error(path, exc, _("creating its tables")) from None
    return con


def _close_quietly(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.close()
    except (duckdb.Error, OSError):  # pragma: no cover - the first error is the one reported
        pass


def verify_store(con: duckdb.DuckDBPyConnection, path: Path | str) -> None:
    """Read every table of the store through once; :class:`CorruptStoreError` if one cannot be.

    DuckDB checks each block's checksum as it reads it, so hashing every row of every table
    touches every block holding data: a truncated or damaged file cannot pass.
    """
    for name in all_tables():
        try:
            con.execute(f"SELECT count(*), bit_xor(hash(t)) FROM {_q(name)} AS t").fetchone()
        except (duckdb.Error, OSError) as exc:
            error = store_error(path, exc, _("reading its table {name}").format(name=name))
            if not isinstance(error, CorruptStoreError):
                raise error from None
            raise CorruptStoreError(_("{path}: the store is damaged and cannot be read (table "
                                      "{name}: {error}); rebuild it "
                                      "from the inputs with: {command}").format(
                                        path=path, name=name,
                                        error=' '.join(str(exc).split())[:160],
                                        command=rebuild_hint(path))) from None


# --- rows -> frames -----------------------------------------------------------------------------


def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def perf_columns(parsed: Optional[PerfValue]) -> tuple[Optional[str], ...]:
    """value_kind, value_num, value_low, value_high, value_grade of a parsed value."""
    if parsed is None:
        return (None, None, None, None, None)
    if isinstance(parsed, NumberValue):
        return ("number", _text(parsed.value), None, None, None)
    if isinstance(parsed, RangeValue):
        return ("range", None, _text(parsed.low), _text(parsed.high), None)
    if isinstance(parsed, GradeValue):
        return ("grade", None, None, None, parsed.grade)
    if isinstance(parsed, DirectionValue):
        return ("direction", None, None, None, parsed.direction)
    raise TypeError(parsed)  # pragma: no cover - closed union


def _records(spec: TableSpec, agency: Agency) -> list[tuple]:
    rows: Iterable[m.Row] = [agency.profile] if spec is PROFILE else agency.rows(spec.name)
    fields = [f for f in spec.model.model_fields if f != "agency_id"]
    perf = is_perf_table(spec)
    out = []
    for number, row in enumerate(rows, 1):
        values: list[Optional[str]] = [agency.agency_id, str(number)]
        for name in fields:
            values.append(_text(getattr(row, name)))
            if perf and name == "value":
                values.extend(perf_columns(row.parsed))  # type: ignore[attr-defined]
        out.append(tuple(values))
    return out


def indicator_results(agency: Agency) -> list[tuple]:
    """The derived ``indicator_results`` rows of an agency: one per indicator and year.

    Years are those with an annual (``TAHUN``) target or realisasi; target is the one in force
    (PK perubahan > PK > RKT > Renstra), capaian and kriteria as in the report
    (:func:`sakip.analysis.indicators.indicator_result` with the default options).
    """
    # analysis loads pandas-heavy modules: only when results are written
    from sakip.analysis.indicators import default_options, indicator_result, numeric

    options = default_options()
    years: dict[str, set[int]] = {}
    for row in list(agency.rows("targets")) + list(agency.rows("realisasi")):
        if row.period == "TAHUN":
            years.setdefault(row.indicator_id, set()).add(row.year)
    iku = {i.indicator_id for i in agency.iku}
    out = []
    for ind in agency.rows("indikator"):
        for year in sorted(years.get(ind.indicator_id, ())):
            res = indicator_result(agency, ind, year, options)
            target_row = agency.target(ind.indicator_id, year)
            real_row = agency.realisasi(ind.indicator_id, year)
            out.append((
                agency.agency_id, ind.indicator_id, ind.sasaran_id, ind.budget_code,
                _text(ind.indicator_id in iku), ind.polarity, ind.unit, str(year),
                None if target_row is None else target_row.value, res.target_source,
                _text(numeric(res.target)), None if real_row is None else real_row.value,
                _text(numeric(res.realisasi)), _text(res.capaian.value), res.capaian.method,
                _text(res.capaian.measurable), res.capaian.reason, res.kriteria,
            ))
    return out


def _agency_record(agency: Agency, kind: str, now: datetime) -> tuple:
    return (agency.agency_id, agency.profile.agency_name, agency.profile.pemda_id,
            agency.profile.pemda_label, _source_key(agency.source), kind, agency.input_hash,
            now.replace(tzinfo=None).isoformat(sep=" "))


def _frame(columns: list[tuple[str, str]], records: list[tuple]) -> pd.DataFrame:
    names = [c for c, _ in columns]
    frame = pd.DataFrame.from_records(records, columns=names)
    return frame.astype(object).where(frame.notna(), None).astype("string")


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
            records: list[tuple]) -> None:
    if not records:
        return
    frame = _frame(columns, records)  # noqa: F841 - read by name by DuckDB's replacement scan
    select = ", ".join(f"CAST(frame.{_q(c)} AS {t.split(' ')[0] if not t.startswith('DECIMAL') else t})"
                       for c, t in columns)
    con.execute(f"INSERT INTO {_q(table)} SELECT {select} FROM frame")


# --- quarters (every figure in its period) --------------------------------------------------------
# Derived tables of each agency's quarters, computed by the period path (sakip.compute.period) that
# the pengukuran report and the audit use, so that the Bappeda's monitoring reads the same TW figures.

INDICATOR_QUARTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "VARCHAR NOT NULL"),
    ("indicator_id", "VARCHAR NOT NULL"),
    ("sasaran_id", "VARCHAR"),
    ("budget_code", "VARCHAR"),
    ("is_iku", "BOOLEAN NOT NULL"),
    ("polarity", "VARCHAR NOT NULL"),
    ("unit", "VARCHAR"),
    ("aggregation", "VARCHAR NOT NULL"),
    ("year", "INTEGER NOT NULL"),
    ("quarter", "INTEGER NOT NULL"),
    ("target", "VARCHAR"),
    ("target_num", DECIMAL_TYPE),
    ("target_within", DECIMAL_TYPE),
    ("realisasi", "VARCHAR"),
    ("realisasi_num", DECIMAL_TYPE),
    ("realisasi_within", DECIMAL_TYPE),
    ("annual_target_num", DECIMAL_TYPE),
    ("capaian", DECIMAL_TYPE),
    ("capaian_within", DECIMAL_TYPE),
    ("measurable", "BOOLEAN NOT NULL"),
    ("reason", "VARCHAR"),
    ("kriteria", "VARCHAR NOT NULL"),
    ("progress", DECIMAL_TYPE),
    ("projection_num", DECIMAL_TYPE),
    ("projected_capaian", DECIMAL_TYPE),
)
INDICATOR_QUARTER_DOCS: dict[str, str] = {
    "agency_id": "Agency.",
    "indicator_id": "Indicator (`indikator.indicator_id`).",
    "sasaran_id": "Sasaran measured, if any.",
    "budget_code": "Program/kegiatan/sub kegiatan measured, if any.",
    "is_iku": "True for the agency's IKU (as in `indicator_results`).",
    "polarity": "higher, lower or grade.",
    "unit": "Unit of the indicator.",
    "aggregation": "`triwulan_aggregation` (default nilai_akhir): how typed quarterly values are read.",
    "year": "Year.",
    "quarter": "Triwulan 1..4.",
    "target": "The quarter's target in force as typed (PK perubahan > PK > rencana aksi > RKT > Renstra > IKU).",
    "target_num": "The target s.d. the quarter as a number (the mean of TW I..q for rata_rata).",
    "target_within": "The target within the quarter alone (kumulatif: the increase since the previous quarter).",
    "realisasi": "The quarter's realisasi as typed (NULL = not reported).",
    "realisasi_num": "The realisasi s.d. the quarter as a number (the mean of TW I..q for rata_rata).",
    "realisasi_within": "The realisasi within the quarter alone (kumulatif: the increase since the previous quarter).",
    "annual_target_num": "The year's target of a quarterly run: the TW IV target, else the TAHUN one.",
    "capaian": "Capaian s.d. the quarter (realisasi against the quarter's target), unrounded to 6 places.",
    "capaian_within": "Capaian within the quarter alone.",
    "measurable": "False when no capaian s.d. the quarter can be computed.",
    "reason": "Why not measurable (Indonesian, as in the report).",
    "kriteria": "Kriteria of the capaian on the default scale ('Tidak Dapat Diukur' if none).",
    "progress": "Physical progress: realisasi s.d. the quarter against the annual target (%).",
    "projection_num": "Year-end value projected from TW I..q (kumulatif C/q×4, nilai_akhir carried over, rata_rata mean).",
    "projected_capaian": "The projection against the annual target (%).",
}
BUDGET_QUARTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "VARCHAR NOT NULL"),
    ("ref", "VARCHAR NOT NULL"),
    ("ref_kind", "VARCHAR"),
    ("urusan", "VARCHAR"),
    ("year", "INTEGER NOT NULL"),
    ("quarter", "INTEGER NOT NULL"),
    ("plan", DECIMAL_TYPE),
    ("plan_basis", "VARCHAR NOT NULL"),
    ("keuangan_target", DECIMAL_TYPE),
    ("keuangan_realisasi", DECIMAL_TYPE),
    ("keuangan_target_within", DECIMAL_TYPE),
    ("keuangan_realisasi_within", DECIMAL_TYPE),
    ("rencana", DECIMAL_TYPE),
    ("serapan", DECIMAL_TYPE),
    ("serapan_within", DECIMAL_TYPE),
    ("fisik_target", DECIMAL_TYPE),
    ("fisik_realisasi", DECIMAL_TYPE),
)
BUDGET_QUARTER_DOCS: dict[str, str] = {
    "agency_id": "Agency.",
    "ref": "`budget_quarterly.ref`: a budget code, sasaran or tujuan.",
    "ref_kind": "program, kegiatan, sub_kegiatan (level of the budget line), sasaran or tujuan; NULL if unknown.",
    "urusan": "Urusan of the budget line (or of its nearest ancestor with one); NULL for a sasaran or tujuan.",
    "year": "Year.",
    "quarter": "Triwulan 1..4 (every quarter of a ref with quarterly rows; NULL amounts = nothing typed).",
    "plan": "Annual financial plan (Rp): Σ pagu of the ref's leaf budget lines, else the TW IV keuangan target, else the latest.",
    "plan_basis": "pagu, target_tw4, target_terakhir or tidak_ada.",
    "keuangan_target": "Keuangan target s.d. the quarter (Rp), as typed.",
    "keuangan_realisasi": "Keuangan realisasi s.d. the quarter (Rp), as typed (NULL = not reported).",
    "keuangan_target_within": "Keuangan target within the quarter alone (Rp).",
    "keuangan_realisasi_within": "Keuangan realisasi within the quarter alone (Rp).",
    "rencana": "Planned share of the year s.d. the quarter: keuangan target / plan × 100.",
    "serapan": "Serapan s.d. the quarter: keuangan realisasi / plan × 100 (the pengukuran report's financial progress).",
    "serapan_within": "Serapan within the quarter alone: realisasi within / plan × 100.",
    "fisik_target": "Target fisik kumulatif (%), as typed.",
    "fisik_realisasi": "Realisasi fisik kumulatif (%), as typed.",
}
QUARTER_TABLES: dict[str, tuple[str, tuple[tuple[str, str], ...], dict[str, str]]] = {
    "indicator_quarters": ("Derived: one row per indicator, year and triwulan of a year in which the "
                           "indicator has a quarterly target or realisasi (`sakip.compute.period`).",
                           INDICATOR_QUARTER_COLUMNS, INDICATOR_QUARTER_DOCS),
    "budget_quarters": ("Derived: one row per `budget_quarterly` ref, year and triwulan 1..4 "
                        "(`sakip.compute.period`).", BUDGET_QUARTER_COLUMNS, BUDGET_QUARTER_DOCS),
}


def quarter_tables() -> dict[str, list[tuple[str, str]]]:
    """The derived quarterly tables and their columns."""
    return {name: list(columns) for name, (_, columns, _) in QUARTER_TABLES.items()}


def _dec(value: Optional[Decimal]) -> Optional[str]:
    return None if value is None else _text(value)


def indicator_quarter_records(agency: Agency) -> list[tuple]:
    """The ``indicator_quarters`` rows of an agency: every indicator, in every year with a
    quarterly target or realisasi, for the four quarters (:func:`sakip.compute.period.indicator_period`)."""
    years: dict[str, set[int]] = {}
    for row in list(agency.rows("targets")) + list(agency.rows("realisasi")):
        if row.period != "TAHUN":
            years.setdefault(row.indicator_id, set()).add(row.year)
    iku = {i.indicator_id for i in agency.iku}
    out = []
    for ind in agency.rows("indikator"):
        for year in sorted(years.get(ind.indicator_id, ())):
            for quarter in (1, 2, 3, 4):
                f = indicator_period(agency, ind, year, quarter)
                typed_target = target_row(agency, ind.indicator_id, year, f"TW{quarter}")
                typed_real = agency.realisasi(ind.indicator_id, year, f"TW{quarter}")
                out.append((
                    agency.agency_id, ind.indicator_id, ind.sasaran_id, ind.budget_code,
                    _text(ind.indicator_id in iku), ind.polarity, ind.unit, aggregation(ind),
                    str(year), str(quarter), None if typed_target is None else typed_target.value,
                    _dec(numeric(f.target)), _dec(numeric(f.target_within)),
                    None if typed_real is None else typed_real.value, _dec(numeric(f.realisasi)),
                    _dec(numeric(f.realisasi_within)), _dec(numeric(f.annual_target)),
                    _dec(f.capaian.value), _dec(f.capaian_within.value), _text(f.capaian.measurable),
                    f.capaian.reason, DEFAULT_SCALE.classify(f.capaian.value), _dec(f.progress.value),
                    _dec(f.projection), _dec(f.projected_capaian.value),
                ))
    return out


def _ref_kind(agency: Agency, ref: str, year: int) -> tuple[Optional[str], Optional[str]]:
    lines = {b.code: b for b in agency.budget_lines(year)}
    if ref in lines:
        line: Optional[m.BudgetLine] = lines[ref]
        kind = lines[ref].level
        while line is not None and not line.urusan:
            line = lines.get(line.parent_code) if line.parent_code else None
        return kind, None if line is None else line.urusan
    if any(s.sasaran_id == ref for s in agency.rows("sasaran")):
        return "sasaran", None
    if any(t.tujuan_id == ref for t in agency.rows("tujuan")):
        return "tujuan", None
    return None, None


def budget_quarter_records(agency: Agency) -> list[tuple]:
    """The ``budget_quarters`` rows of an agency: every ``budget_quarterly`` ref and year, for
    the four quarters (:func:`sakip.compute.period.budget_period`)."""
    refs = list(dict.fromkeys((q.ref, q.year) for q in agency.rows("budget_quarterly")
                              if q.period != "TAHUN"))
    out = []
    for ref, year in refs:
        kind, urusan = _ref_kind(agency, ref, year)
        for quarter in (1, 2, 3, 4):
            f = budget_period(agency, ref, year, f"TW{quarter}")
            out.append((agency.agency_id, ref, kind, urusan, str(year), str(quarter),
                        _dec(f.plan.amount), f.plan.basis, _dec(f.target), _dec(f.realisasi),
                        _dec(f.target_within), _dec(f.realisasi_within), _dec(f.rencana),
                        _dec(f.serapan), _dec(f.serapan_within), _dec(f.fisik_target),
                        _dec(f.fisik_realisasi)))
    return out


def quarter_records(agency: Agency) -> dict[str, list[tuple]]:
    """The rows of every derived quarterly table for one agency."""
    return {"indicator_quarters": indicator_quarter_records(agency),
            "budget_quarters": budget_quarter_records(agency)}


# --- ingest -------------------------------------------------------------------------------------


@dataclass
class Rejected:
    source: str
    problems: list[Any]

    def report(self) -> str:
        lines = [f"{self.source}: rejected ({len(self.problems)} problem(s))"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


@dataclass
class IngestReport:
    """What one :func:`ingest` run did; lists hold agency ids (sources for rejected inputs)."""

    db_path: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    #: Per input (its path): what was read but is worth knowing (files not read ...).
    warnings: dict[str, list[Any]] = field(default_factory=dict)
    #: With ``--rebuild``: where the previous store was kept (None: there was none).
    rebuilt: bool = False
    backup: Optional[Path] = None

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        text = _("{added} added, {updated} updated, {unchanged} unchanged, {rejected} "
                 "rejected").format(added=len(self.added), updated=len(self.updated),
                                    unchanged=len(self.unchanged), rejected=len(self.rejected))
        if self.removed:
            text += ", " + _("{removed} removed").format(removed=len(self.removed))
        text = f"{text} ({self.db_path}, {decimal(self.seconds, 2)} s)"
        if self.rebuilt:
            text += "; " + (_("store rebuilt from the inputs, the previous one kept as {path}")
                            .format(path=self.backup) if self.backup else
                            _("store rebuilt from the inputs"))
            if self.rejected:
                text += "; " + _("the rejected inputs have no rows in it")
        return text

    def warning_lines(self) -> list[str]:
        return [_("warning: {warning}").format(warning=w) for source in sorted(self.warnings)
                for w in self.warnings[source]]


def _source_key(path: Optional[Path]) -> str:
    return Path(path).resolve().as_posix() if path is not None else ""


#: Suffixes of files under --data that are taken as an agency's workbook: the ones
#: :func:`sakip.inputs.read_input` reads, and the spreadsheet kinds it refuses with a reason
#: (so that ingest rejects them as validate does, instead of skipping them silently).
WORKBOOK_LIKE = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def discover(data_dir: Path | str) -> list[Path]:
    """Agency inputs under ``data_dir``: folders with ``profile.yaml`` and workbooks.

    An agency folder is not searched further; hidden entries and Excel lock files (``~$``) are
    skipped, symbolic links are not followed (:func:`scan` reports them). Sorted, so runs are
    deterministic.
    """
    return scan(data_dir)[0]


def scan(data_dir: Path | str) -> tuple[list[Path], list[Path]]:
    """(agency inputs, symbolic links met) under ``data_dir``; see :func:`discover`."""
    root = Path(data_dir)
    if os.path.lexists(root / "profile.yaml"):  # a FIFO or a link too: read_input says why
        return [root], []
    if not root.is_dir():
        return ([root] if root.suffix.lower() in WORKBOOK_LIKE else []), []
    found: list[Path] = []
    links: list[Path] = []
    for current, dirs, files in os.walk(root):
        here = Path(current)
        links.extend(here / d for d in dirs if not d.startswith(".") and (here / d).is_symlink())
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        if "profile.yaml" in files and here != root:
            found.append(here)
            dirs[:] = []
            continue
        for name in sorted(files):
            if not name.lower().endswith(WORKBOOK_LIKE) or name.startswith(("~$", ".")):
                continue
            (links if (here / name).is_symlink() else found).append(here / name)
    return sorted(found), sorted(links)


def _is_under(source: str, root: str) -> bool:
    return source == root or source.startswith(root.rstrip("/") + "/")


def ingest(data_dir: Path | str = "data", db_path: Path | str = DEFAULT_DB, *,
           rebuild: bool = False, limits: Any = None) -> IngestReport:
    """Load every agency under ``data_dir`` into the store at ``db_path``; see the module doc.

    ``rebuild`` builds a new store from every input, beside the old one, and puts it in place
    only when complete (the old file is kept as ``<db>.bak``): the way out of a damaged store.
    ``limits`` bound the reading of each input (:class:`sakip.inputs.Limits`).
    """
    if not Path(data_dir).exists():
        raise StoreError(_("{path}: no such folder").format(path=data_dir))
    if rebuild:
        return _rebuild(Path(data_dir), Path(db_path), limits)
    return _ingest(Path(data_dir), Path(db_path), limits)


def _ingest(data_dir: Path, db_path: Path, limits: Any, shown_as: Path | None = None) -> IngestReport:
    from sakip.inputs import InputError, Problem, build_agency, read_input  # only to ingest

    started = datetime.now(timezone.utc)
    clock = _Clock()
    report = IngestReport(db_path=shown_as or db_path)
    root_key = _source_key(data_dir)
    sources, links = scan(data_dir)
    for link in links:
        report.rejected.append(Rejected(str(link), [Problem(str(link), message=(
            _("is a symbolic link (to {target}); ingest reads only what is inside "
              "--data and does not follow links: move or copy the input here").format(
                target=os.path.realpath(link))))]))
    con = open_store(db_path, read_only=False)
    done = False
    try:
        verify_store(con, shown_as or db_path)
        stored = {row[0]: (row[1], row[2]) for row in
                  con.execute("SELECT agency_id, source, input_hash FROM agencies").fetchall()}
        by_hash = {h: aid for aid, (_, h) in stored.items()}
        seen = {_source_key(p) for p in sources} | {_source_key(p) for p in links}
        raws = []
        for path in sources:
            raw = read_input(path, limits)
            raws.append((path, _source_key(path), raw))
            if raw.warnings:
                report.warnings[str(path)] = list(raw.warnings)
        claimed: dict[str, str] = {}       # agency_id -> source key, in this run
        moved: dict[str, str] = {}         # unchanged agency_id -> its new source key
        pending = []
        # Pass 1: inputs identical to a stored agency (same input_hash) are not validated again.
        for path, key, raw in raws:
            agency_id = by_hash.get(raw.input_hash) if raw.input_hash and not raw.problems else None
            if agency_id is not None and agency_id not in claimed:
                claimed[agency_id] = key
                report.unchanged.append(agency_id)
                if stored[agency_id][0] != key:
                    moved[agency_id] = key
            else:
                pending.append((path, key, raw))
        # Pass 2: new or changed inputs are validated; the first claim of an agency_id wins.
        fresh: dict[str, Agency] = {}
        for path, key, raw in pending:
            try:
                agency = build_agency(raw)
            except InputError as exc:
                report.rejected.append(Rejected(str(path), list(exc.problems)))
                continue
            finally:
                if raw.warnings:
                    report.warnings[str(path)] = list(raw.warnings)
            agency_id = agency.agency_id
            other = claimed.get(agency_id)
            if other is None and agency_id in stored and stored[agency_id][0] != key \
                    and stored[agency_id][0] in seen:
                other = stored[agency_id][0]
            if other is not None:
                report.rejected.append(Rejected(str(path), [Problem(
                    str(path), message=_("agency_id '{agency_id}' is already used by {other}; "
                    "each agency must come from one folder or workbook only").format(
                        agency_id=agency_id, other=other))]))
                continue
            claimed[agency_id] = key
            fresh[agency_id] = agency
        # Agencies to delete: inputs gone from under data_dir, or whose source now holds another id.
        fresh_sources = {_source_key(a.source) for a in fresh.values()}
        gone = [aid for aid, (src, _) in stored.items() if aid not in claimed
                and ((_is_under(src, root_key) and src not in seen) or src in fresh_sources)]
        for agency_id in fresh:
            (report.updated if agency_id in stored else report.added).append(agency_id)
        report.removed = sorted(gone)
        if fresh or gone or moved:
            try:
                _write(con, fresh, gone, moved, started)
            except (duckdb.Error, OSError) as exc:
                raise store_error(shown_as or db_path, exc, _("writing the agencies")) from None
        done = True
    finally:
        _close(con, shown_as or db_path, report_errors=done)
    report.seconds = clock.elapsed()
    return report


def _close(con: duckdb.DuckDBPyConnection, path: Path, report_errors: bool) -> None:
    """Close the store; closing writes a checkpoint, which can fail on a full disk (reported
    unless an earlier error is already on its way)."""
    try:
        con.close()
    except (duckdb.Error, OSError) as exc:
        if report_errors:
            raise store_error(path, exc, _("closing it")) from None


def _rebuild(data_dir: Path, db_path: Path, limits: Any) -> IngestReport:
    """Ingest everything into a new store beside ``db_path``, then put it in place."""
    if db_path.exists():
        try:  # refuse to pull the file from under a process that holds it
            duckdb.connect(str(db_path), read_only=True).close()
        except (duckdb.Error, OSError) as exc:
            error = store_error(db_path, exc, _("opening it"))
            if not isinstance(error, CorruptStoreError):
                raise error from None
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise store_error(db_path, exc, _("creating its folder")) from None
    temp = db_path.with_name(f".{db_path.name}.rebuild-{os.getpid()}")
    _remove_store_files(temp)
    try:
        report = _ingest(data_dir, temp, limits, shown_as=db_path)
        backup = None
        if db_path.exists():
            backup = db_path.with_name(db_path.name + ".bak")
            _remove_store_files(backup)
            os.replace(db_path, backup)
            wal = Path(f"{db_path}.wal")
            if wal.exists():
                os.replace(wal, Path(f"{backup}.wal"))
        os.replace(temp, db_path)
    except OSError as exc:
        if isinstance(exc, StoreError):
            raise
        raise store_error(db_path, exc, _("putting the rebuilt store in place")) from None
    finally:
        _remove_store_files(temp)
    report.rebuilt, report.backup = True, backup
    return report


def _remove_store_files(path: Path) -> None:
    for candidate in (path, Path(f"{path}.wal")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            pass


class _Clock:
    def __init__(self) -> None:
        import time  # the clock only

        self._time = time.perf_counter
        self._start = self._time()

    def elapsed(self) -> float:
        return self._time() - self._start


def _write(con: duckdb.DuckDBPyConnection, fresh: dict[str, Agency], gone: list[str],
           moved: dict[str, str], now: datetime) -> None:
    """Replace the rows of ``fresh`` agencies, delete ``gone`` ones and record the new source of
    ``moved`` (unchanged) ones, all in ONE transaction."""
    ids = sorted(set(fresh) | set(gone))
    tables = all_tables()
    records: dict[str, list[tuple]] = {name: [] for name in tables}
    for agency_id in sorted(fresh):
        agency = fresh[agency_id]
        kind = "workbook" if agency.source is not None and agency.source.is_file() else "folder"
        records["agencies"].append(_agency_record(agency, kind, now))
        for spec in TABLES:
            records[spec.name].extend(_records(spec, agency))
        records["indicator_results"].extend(indicator_results(agency))
        for name, rows in quarter_records(agency).items():
            records[name].extend(rows)
    con.execute("BEGIN TRANSACTION")
    try:
        placeholders = ", ".join("?" for _ in ids)
        for name in tables if ids else ():
            con.execute(f"DELETE FROM {_q(name)} WHERE agency_id IN ({placeholders})", ids)
        for name, columns in tables.items():
            _insert(con, name, columns, records[name])
        for agency_id, source in sorted(moved.items()):
            con.execute("UPDATE agencies SET source = ? WHERE agency_id = ?", [source, agency_id])
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:  # a failed COMMIT has ended the transaction already
            pass
        raise


# --- documentation ------------------------------------------------------------------------------

COLUMN_DOCS: dict[str, str] = {
    "agency_id": "Agency (`profile.agency_id`); every table is filtered and joined on it.",
    "row_no": "Position of the row in its input table (1 = first data row), to keep input order.",
    "value_kind": "Kind of the parsed `value`: number, grade, range, direction; NULL = missing.",
    "value_num": "The number when `value_kind` = number.",
    "value_low": "Lower bound when `value_kind` = range.",
    "value_high": "Upper bound when `value_kind` = range.",
    "value_grade": "AKIP grade (`A`, `BB` ...) when grade; `up`/`down` when direction.",
}
AGENCY_DOCS: dict[str, str] = {
    "agency_id": "Agency identifier (primary key).",
    "name": "`profile.agency_name`.",
    "pemda_id": "`profile.pemda_id`: groups the agencies of one pemda.",
    "pemda_label": "'Kota Payakumbuh', 'Kabupaten Sintetis' ...",
    "source": "Absolute path of the folder or workbook last ingested for the agency.",
    "source_kind": "folder or workbook.",
    "input_hash": "sha256 of the input files (`sakip.inputs`): unchanged hash = nothing to do.",
    "ingested_at": "When the agency's rows were last written (UTC).",
}
RESULT_DOCS: dict[str, str] = {
    "agency_id": "Agency.",
    "indicator_id": "Indicator (`indikator.indicator_id`).",
    "sasaran_id": "Sasaran measured, if any.",
    "budget_code": "Program/kegiatan/sub kegiatan measured, if any.",
    "is_iku": "True for the agency's IKU (flagged, else indicators of strategic sasaran).",
    "polarity": "higher, lower or grade.",
    "unit": "Unit of the indicator.",
    "year": "Year (annual values only: period TAHUN).",
    "target": "Target in force as typed (PK perubahan > PK > RKT > Renstra > IKU).",
    "target_source": "Document of that target.",
    "target_num": "The target as a number (NULL for grades, ranges, directions).",
    "realisasi": "Realisasi as typed (NULL = none).",
    "realisasi_num": "The realisasi as a number.",
    "capaian": "Capaian in percent (`sakip.compute.capaian.compute_capaian`), unrounded to 6 places.",
    "capaian_method": "Rule used: ratio, kondisi_khusus, inverse_ratio, grade_rank, range ...",
    "measurable": "False when no capaian can be computed.",
    "reason": "Why not measurable (Indonesian, as in the report).",
    "kriteria": "Kriteria of the capaian on the default scale ('Tidak Dapat Diukur' if none).",
}


def schema_markdown() -> str:
    """The reference part of ``docs/STORE.md``: every table and column (a test keeps it in sync);
    the input columns are described in Indonesian, as in docs/INPUTS.md."""
    with speaking("id"):
        return _schema_markdown()


def _schema_markdown() -> str:
    from sakip.model.schema import BY_NAME  # only for the documentation

    out: list[str] = []

    def table(name: str, title: str, columns: list[tuple[str, str]], docs) -> None:
        out.extend([f"### `{name}`", "", title, "", "| column | type | meaning |", "|---|---|---|"])
        for column, sql in columns:
            kind = sql.replace(" NOT NULL", "").replace(" PRIMARY KEY", "")
            meaning = docs(column).replace("|", "\\|").replace("\n", " ")
            out.append(f"| `{column}` | {kind} | {meaning} |")
        out.append("")

    table("agencies", "One row per agency in the store.", list(AGENCIES_COLUMNS), AGENCY_DOCS.get)
    for spec in TABLES:
        fields = spec.model.model_fields

        def docs(column: str, fields=fields) -> str:
            if column in COLUMN_DOCS:
                return COLUMN_DOCS[column]
            return m.field_description(fields[column]) or ""

        key = ", ".join(spec.key) if spec.key else "-"
        title = f"{spec.title}. Input table `{BY_NAME[spec.name].name}`; key: {key} (per agency)."
        if spec is PROFILE:
            title = f"{spec.title}: `profile.yaml` (or sheet `profile`), one row per agency."
        table(spec.name, title, table_columns(spec), docs)
    table("indicator_results", "Derived: one row per indicator and year with an annual target or "
          "realisasi.", list(RESULT_COLUMNS), RESULT_DOCS.get)
    for name, (title, columns, column_docs) in QUARTER_TABLES.items():
        table(name, title, list(columns), column_docs.get)
    return "\n".join(out)


# --- checks -------------------------------------------------------------------------------------


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every store table."""
    return {name: con.execute(f"SELECT count(*) FROM {_q(name)}").fetchone()[0]  # type: ignore[index]
            for name in all_tables()}


def checksum(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of the whole content of the store (order-independent), to compare two states."""
    digest = hashlib.sha256()
    for name, columns in all_tables().items():
        cols = ", ".join(_q(c) for c, _ in columns)
        rows = con.execute(f"SELECT {cols} FROM {_q(name)} ORDER BY ALL").fetchall()
        digest.update(name.encode())
        for row in rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()
