"""``make bench``: the benchmarks of sakip.report.bench (also ``sakip bench``); see its docstring
and docs/BENCHMARKS.md. ``--quick`` runs two rounds instead of five."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))

from sakip.report.bench import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
