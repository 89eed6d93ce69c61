"""Benchmark of the input reader on big workbooks: time and peak memory of ``sakip validate``.

Two inputs are measured, each validated in a fresh process (so that the peak resident memory is
that of one run):

* a workbook of 100 000 data rows (the tiny fixture with a ``targets`` sheet of 100 000 rows);
* the largest workbook the default limits allow in rows (docs/LIMITS.md): ``max_rows`` rows in
  each of the tables whose key allows that many, up to ``max_total_rows`` rows in all;
* the largest in bytes: ``max_rows`` rows of targets whose distinct texts fill the workbook to
  90 % of ``max_unzipped_bytes``.

Run with ``.venv/bin/python bench/inputs.py [--rows N] [--skip-largest] [--skip-widest]``. Figures are printed and
written to ``bench/results/inputs.json``; they are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from sakip.inputs.limits import DEFAULT_LIMITS  # noqa: E402

TINY = ROOT / "tests" / "fixtures" / "tiny"
SOURCES = ("renstra", "pk", "pk_perubahan", "rkt", "iku", "rencana_aksi")
PERIODS = ("TAHUN", "TW1", "TW2", "TW3", "TW4")
YEARS = range(1990, 2101)
WORDS = ("capaian kinerja realisasi anggaran sasaran strategis indikator program kegiatan "
         "pelayanan masyarakat daerah dinas tahun laporan data sumber tabel meningkat menurun "
         "target persen jumlah penduduk tenaga kerja industri kecil menengah").split()


def _keys(count: int, sources: tuple[str, ...] = SOURCES):
    """``count`` distinct (indicator, year, period, source) keys, and the indicators they use."""
    per_indicator = len(YEARS) * len(PERIODS) * len(sources)
    indicators = [f"IKU{i + 1}" for i in range(-(-count // per_indicator))]
    keys = []
    for indicator in indicators:
        for year in YEARS:
            for period in PERIODS:
                for source in sources:
                    keys.append((indicator, year, period, source))
                    if len(keys) == count:
                        return indicators, keys
    return indicators, keys


def write_big_workbook(path: Path, targets: int, realisasi: int = 0, components: int = 0,
                       text_chars: int = 0) -> dict:
    """The tiny agency with ``targets`` target rows (and optionally realisasi and component rows).

    Written with openpyxl's write-only mode, as Excel would store typed values (numbers as
    numbers, text as shared strings). ``text_chars`` > 0 gives every target a distinct
    ``doc_ref`` of that many characters (to reach the unzipped-size limit). Returns the row
    counts per sheet.
    """
    from openpyxl import Workbook

    from sakip.inputs import read_input
    from sakip.model.schema import BY_NAME, PROFILE

    raw = read_input(TINY)
    indicators, target_keys = _keys(targets)
    real_indicators, real_keys = _keys(realisasi, ("-",))
    comp_indicators, comp_keys = _keys(components)
    indicators = max(indicators, real_indicators, comp_indicators, key=len)
    book = Workbook(write_only=True)
    profile = book.create_sheet("profile")
    profile.append(["field", "value"])
    for key, value in raw.tables["profile"].rows[0].values.items():
        profile.append([key, value])
    counts = {}
    for name, table in raw.tables.items():
        if name in ("profile", "targets", "realisasi", "indikator"):
            continue
        sheet = book.create_sheet(name)
        columns = BY_NAME[name].columns if name != PROFILE.name else []
        sheet.append(columns)
        for row in table.rows:
            sheet.append([row.values.get(c) for c in columns])
        counts[name] = len(table.rows)
    sheet = book.create_sheet("indikator")
    sheet.append(["indicator_id", "sasaran_id", "name", "unit", "polarity", "is_iku"])
    for index in range(max(len(indicators), 3)):
        sheet.append([f"IKU{index + 1}", "S1", f"Indikator nomor {index + 1}", "%", "higher",
                      "ya" if index < 3 else "tidak"])
    counts["indikator"] = max(len(indicators), 3)
    words = random.Random(2026)
    sheet = book.create_sheet("targets")
    sheet.append(["indicator_id", "year", "period", "source", "value", "doc_ref"])
    for n, (indicator, year, period, source) in enumerate(target_keys):
        doc_ref = "Tabel 2.3"
        if text_chars:  # words drawn at random: text that compresses as prose does
            doc_ref = " ".join(words.choices(WORDS, k=text_chars // 6 + 1))[:text_chars]
        sheet.append([indicator, year, period, source, 50 + (n % 997) / 100, doc_ref])
    counts["targets"] = len(target_keys)
    if realisasi:
        sheet = book.create_sheet("realisasi")
        sheet.append(["indicator_id", "year", "period", "value", "doc_ref"])
        for n, (indicator, year, period, _) in enumerate(real_keys):
            sheet.append([indicator, year, period, 48 + (n % 991) / 100, "Tabel 3.1"])
        counts["realisasi"] = len(real_keys)
    if components:
        sheet = book.create_sheet("components")
        sheet.append(["indicator_id", "year", "scope", "name", "value"])
        for n, (indicator, year, period, source) in enumerate(comp_keys):
            sheet.append([indicator, year, "daerah", f"{period.lower()}_{source}", n])
        counts["components"] = len(comp_keys)
    book.save(path)
    return counts


def _validate_in_child(path: Path) -> dict:
    """Run ``sakip validate`` in a child process; its wall time, peak memory and last line."""
    code = ("import resource, sys, time\n"
            "from sakip.cli import main\n"
            "start = time.perf_counter()\n"
            "try:\n"
            "    main(['validate', sys.argv[1]])\n"
            "except SystemExit as exc:\n"
            "    status = exc.code\n"
            "elapsed = time.perf_counter() - start\n"
            "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
            "cpu = usage.ru_utime + usage.ru_stime\n"
            "print(f'BENCH {status} {elapsed:.3f} {usage.ru_maxrss} {cpu:.3f}', file=sys.stderr)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lib"))
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                            text=True, env=env, check=False)
    line = [x for x in result.stderr.splitlines() if x.startswith("BENCH ")][-1].split()
    last = (result.stdout.strip().splitlines() or [""])[-1]
    return {"exit": int(line[1]), "seconds": float(line[2]), "peak_mib": int(line[3]) / 1024,
            "cpu_seconds": float(line[4]), "output": last[:200]}


def run_case(name: str, folder: Path, **rows: int) -> dict:
    path = folder / f"{name}.xlsx"
    start = time.perf_counter()
    counts = write_big_workbook(path, **rows)
    written = time.perf_counter() - start
    from zipfile import ZipFile

    with ZipFile(path) as archive:
        uncompressed = sum(i.file_size for i in archive.infolist())
    result = _validate_in_child(path)
    result.update(case=name, rows=sum(counts.values()), sheets=counts,
                  file_mib=path.stat().st_size / 2**20, uncompressed_mib=uncompressed / 2**20,
                  write_seconds=written)
    print(f"{name:>10}: {result['rows']:>7} rows, {result['file_mib']:6.1f} MiB "
          f"({result['uncompressed_mib']:6.1f} MiB unzipped): validate {result['seconds']:6.1f} s "
          f"({result['cpu_seconds']:.1f} s CPU), peak {result['peak_mib']:6.0f} MiB, exit "
          f"{result['exit']} ({result['output']})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-largest", action="store_true")
    parser.add_argument("--skip-widest", action="store_true")
    args = parser.parse_args()
    limits = DEFAULT_LIMITS
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(run_case("100k", Path(tmp), targets=args.rows))
        if not args.skip_largest:
            # targets, realisasi and components are the tables whose keys allow max_rows rows;
            # together they are held to max_total_rows.
            budget = limits.max_total_rows - 1000  # the fixture's other tables and indicators
            per = min(limits.max_rows, budget // 3)
            results.append(run_case("largest", Path(tmp), targets=per, realisasi=per,
                                    components=budget - 2 * per))
        if not args.skip_widest:
            # max_rows targets whose text fills the workbook to 90 % of max_unzipped_bytes
            chars = int(limits.max_unzipped_bytes * 0.9 / limits.max_rows) - 150
            results.append(run_case("widest", Path(tmp), targets=limits.max_rows,
                                    text_chars=max(chars, 0)))
    out = ROOT / "bench" / "results" / "inputs.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(),
                               "limits": limits.as_dict(), "results": results,
                               "self_peak_mib": resource.getrusage(
                                   resource.RUSAGE_SELF).ru_maxrss / 1024}, indent=2) + "\n",
                   encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
