"""Constants, the error and the DuckDB reading helpers shared by the cross-agency modules.

Rows are fetched with ``fetchall``, never ``.df()``, so ``DECIMAL(38,6)`` stays a
:class:`~decimal.Decimal`; frames hold Python objects (``astype(object)``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Sequence

import duckdb
import pandas as pd

from sakip.compute import defaults

HUNDRED = Decimal(100)
DEFAULT_MAX_CAPAIAN = defaults.MAX_CAPAIAN
NO_URUSAN = "(tanpa urusan)"
COMPARISON_LABEL = "perbandingan"


class CrossAgencyError(ValueError):
    """A selection that cannot be compared or summarised; the message says why."""


# --- reading ------------------------------------------------------------------------------------


def fetch_rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict]:
    """The rows of a query as dicts, DECIMAL kept as Decimal."""
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def object_frame(records: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A frame of Python objects (Decimals stay Decimals) with the given columns in order."""
    return pd.DataFrame.from_records(records, columns=list(columns)).astype(object)


def placeholders(ids: Sequence[Any]) -> str:
    """``?, ?, ?`` for an SQL ``IN (...)`` of ``ids`` (``NULL`` when empty: matches nothing)."""
    return ", ".join("?" for _ in ids) or "NULL"
