"""Benchmarks of sakip on this machine: medians over repeated runs, and the ratios that matter.

Run with ``make bench`` (or ``.venv/bin/python bench/run.py [--quick]``). Results are printed as a
table and written to ``bench/results/latest.json``; docs/BENCHMARKS.md records a run. Timings are
measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from sakip.analysis import indicators as analysis  # noqa: E402
from sakip.audit import run_audit  # noqa: E402
from sakip.inputs import load_agency  # noqa: E402

PAYAKUMBUH = ROOT / "data" / "payakumbuh-disnakerperin"
GENERATED = ROOT / "data" / "generated" / "kabupaten-sintetis"


def measure(fn: Callable[[], object], repeat: int, warmup: int = 1) -> dict:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "runs": repeat}


def generated_agencies() -> list[Path]:
    return sorted(p for p in GENERATED.iterdir() if (p / "profile.yaml").exists())


def bench_inputs(repeat: int) -> dict:
    folders = generated_agencies()
    return {
        "load_payakumbuh": measure(lambda: load_agency(PAYAKUMBUH), repeat),
        "load_36_generated": measure(lambda: [load_agency(p) for p in folders], max(1, repeat // 3)),
    }


def bench_compute(repeat: int) -> dict:
    agency = load_agency(PAYAKUMBUH)
    options = analysis.default_options()
    return {
        "analysis_payakumbuh_2024": measure(
            lambda: (analysis.sasaran_results(agency, 2024, options), analysis.iku_results(agency, 2024, options)),
            repeat * 5),
        "audit_payakumbuh": measure(lambda: run_audit(agency), repeat),
    }


def bench_store(repeat: int) -> dict:
    from sakip.store.database import ingest

    tmp = Path(tempfile.mkdtemp(prefix="sakip-bench-"))
    try:
        def first() -> None:
            db = tmp / "first.duckdb"
            db.unlink(missing_ok=True)
            ingest(ROOT / "data", db)

        result = {"ingest_all_first": measure(first, max(1, repeat // 2), warmup=0)}
        db = tmp / "again.duckdb"
        ingest(ROOT / "data", db)
        result["ingest_all_unchanged"] = measure(lambda: ingest(ROOT / "data", db), repeat)
        result["ratio_first_to_unchanged"] = (result["ingest_all_first"]["median_s"]
                                              / result["ingest_all_unchanged"]["median_s"])
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bench_render(repeat: int) -> dict:
    from sakip.report.render import render_report, resolve_params

    params = resolve_params("payakumbuh-disnakerperin", 2024)
    tmp = Path(tempfile.mkdtemp(prefix="sakip-bench-"))
    try:
        one = measure(lambda: render_report(params, output_root=tmp, only=["bab4"], workers=1), repeat, warmup=1)
        serial = measure(lambda: render_report(params, output_root=tmp, workers=1), max(1, repeat // 2), warmup=0)
        parallel = measure(lambda: render_report(params, output_root=tmp, workers=2), max(1, repeat // 2), warmup=0)
        return {"render_one_chapter": one, "render_report_1_worker": serial,
                "render_report_2_workers": parallel,
                "ratio_1_to_2_workers": serial["median_s"] / parallel["median_s"]}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "platform": platform.platform()}}
    for name, bench in (("inputs", bench_inputs), ("compute", bench_compute), ("store", bench_store),
                        ("render", bench_render)):
        print(f"running {name} ...", file=sys.stderr)
        results[name] = bench(repeat)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\n{'benchmark':42} {'median':>10} {'min':>10} {'runs':>5}")
    for group, items in results.items():
        if group == "machine":
            continue
        for key, value in items.items():
            if isinstance(value, dict):
                print(f"{group + '.' + key:42} {value['median_s']:>9.3f}s {value['min_s']:>9.3f}s {value['runs']:>5}")
            else:
                print(f"{group + '.' + key:42} {value:>9.2f}x")
    print(f"\nmachine: {results['machine']}; written to {out / 'latest.json'}")


if __name__ == "__main__":
    main()
