"""The one home of every default that changes a figure (params, CLI options, the audit and the
store all read them from here)."""

from decimal import Decimal
from typing import Final

#: A capaian above this (%) is implausible: flagged by the audit, never classified.
MAX_CAPAIAN = Decimal(300)

#: A programme indicator at or above this capaian (%) "menunjang" its sasaran (lower bound of Baik).
MENUNJANG_THRESHOLD = Decimal(76)

#: The kriteria scale used when the params name none (sakip.compute.kriteria.SCALES).
KRITERIA_SCALE = "default"

#: How a sasaran's capaian combines its indicators' capaian: "mean" or "min".
SASARAN_AGGREGATION: Final = "mean"
