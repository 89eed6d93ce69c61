"""A synthetic pemda ("Kabupaten Sintetis") for demos, tests and benchmarks.

``generate_pemda`` writes 30-40 agency folders in the input format of ``docs/CONVENTIONS.md``:
a shared RPJMD, Renstra 2021-2026 targets (``renstra`` and ``pk``), realisasi 2021-2025 with
noise and a few gaps, budgets (program > kegiatan > sub kegiatan) whose printed parent totals
add up, quarterly budget realisation for the last year, national standards and staff tables.
Everything is labelled as synthetic (pemda "Sintetis", ``plan_name`` and a README saying
"DATA SINTETIS"), and everything follows from the seed alone: one :class:`random.Random` per
agency, seeded with a string (stable across processes), no clock, no global state.

By default a few typical input mistakes are injected and listed in ``injected_mistakes.yaml``
with the audit code that should report each (``sakip.audit.findings.CODES``); ``inject=False``
(``sakip generate --clean``) writes the same pemda without them.

The package is split by concern:

- ``common``: the fixed shape of the pemda (years, labels, defaults), ``GenerateError``, the
  records of what was generated (``InjectedMistake``, ``GenerationReport``), the vocabulary
  loader (``names.yaml``) and the Indonesian number typing;
- ``indicators``: Renstra targets, realisasi and formula components of one indicator;
- ``budget``: budget lines and the quarterly realisation of the last year;
- ``agency``: one agency's tables (plan, people, staff) put together from its own random stream;
- ``mistakes``: the injected mistakes and their manifest;
- ``monitoring``: the monitoring year (2026 s.d. TW II): quarterly targets, realisasi and budget
  appended after the earlier years, with injected situations (late reporters, lagging agencies)
  and quarterly mistakes listed in ``injected_situations.yaml``;
- ``write``: the files of an agency, the README, and the staged swap into ``out_dir``;
- ``pemda``: :func:`generate_pemda` itself.
"""

from __future__ import annotations

from sakip.synthetic.agency import GOLONGAN, RANKS
from sakip.synthetic.budget import KEGIATAN_TEMPLATES, PENUNJANG, SUB_TEMPLATES
from sakip.synthetic.common import (
    BASELINE_YEAR,
    BUDGET_YEARS,
    DEFAULT_AGENCIES,
    DEFAULT_OUT,
    DEFAULT_SEED,
    LAST_YEAR,
    MANIFEST,
    PEMDA_ID,
    PEMDA_NAME,
    QUARTERS,
    README_MARKER,
    RENSTRA_END,
    RENSTRA_START,
    SYNTHETIC_LABEL,
    YEARS,
    GenerateError,
    GenerationReport,
    InjectedMistake,
    fmt_id,
)
from sakip.synthetic.mistakes import INJECTION_PLAN, load_manifest
from sakip.synthetic.monitoring import (
    MONITORING_QUARTER,
    MONITORING_YEAR,
    SITUATIONS_MANIFEST,
    load_situations,
)
from sakip.synthetic.pemda import generate_pemda
from sakip.synthetic.write import COLUMNS

__all__ = [
    "BASELINE_YEAR",
    "BUDGET_YEARS",
    "COLUMNS",
    "DEFAULT_AGENCIES",
    "DEFAULT_OUT",
    "DEFAULT_SEED",
    "GOLONGAN",
    "INJECTION_PLAN",
    "KEGIATAN_TEMPLATES",
    "LAST_YEAR",
    "MANIFEST",
    "MONITORING_QUARTER",
    "MONITORING_YEAR",
    "PEMDA_ID",
    "PEMDA_NAME",
    "PENUNJANG",
    "QUARTERS",
    "RANKS",
    "README_MARKER",
    "RENSTRA_END",
    "RENSTRA_START",
    "SUB_TEMPLATES",
    "SITUATIONS_MANIFEST",
    "SYNTHETIC_LABEL",
    "YEARS",
    "GenerateError",
    "GenerationReport",
    "InjectedMistake",
    "fmt_id",
    "generate_pemda",
    "load_manifest",
    "load_situations",
]
