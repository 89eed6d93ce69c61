"""Benchmarks of rendering on this machine, against a floor the benchmark computes itself.

``make bench`` / ``sakip bench`` (``--quick``: fewer runs). Every measurement is a new process run
as an analyst would run it (``sakip render ...``, ``sakip compare ...``), timed from outside,
repeated in interleaved rounds (every measurement once per round, so a busy moment of the machine
touches them alike); the table gives medians.

**The floor** (``bench/floor.py``) is the least any way of running the chapters could cost: each
chapter's code cells executed in one plain Python process (no kernel, no IPython shell, no papermill, no notebook
written, no page assembled), with the parameters a render passes, producing the same outputs (the
MIME bundle of every element a cell shows). It is measured in the same rounds, with the same
parallelism as what it is compared with: one process for one report, two for the 36-agency batch
of two workers.

Memory: the peak resident memory of the whole process tree of a run (sampled every 50 ms), and
for the batch each worker's peak and its resident memory early and late in the batch (flat means
no growth from agency to agency). CPU: user + system time of the run's processes.

Results go to ``bench/results/latest.json`` and the table of docs/BENCHMARKS.md (between its
``bench:begin``/``bench:end`` markers). Timings are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from sakip import crossagency as cx
from sakip.report.batch import params_for_folders
from sakip.report.chapters import PROJECT_ROOT, chapters_for
from sakip.report.docinfo import DEFAULT_COPY, chapters_for_copy
from sakip.report.render import report_chapters, resolve_params, with_chapter_titles

GENERATED = PROJECT_ROOT / "data" / "generated" / "kabupaten-sintetis"
PEMDA = "kabupaten-sintetis"
ONE = ("payakumbuh-disnakerperin", 2024, "lkjip")
PENGUKURAN = ("lampung-barat-disnakerperin", 2025, "pengukuran")
YEAR = 2024
CHANGED_AGENCY = "sintetis-dinsos"
MB = 1024 * 1024


# --- the floor: what a render passes the chapters (executed by bench/floor.py) -----------------


def floor_specs(kind: str, *, agency: Optional[str] = None, year: int = YEAR,
                pemda: Optional[str] = None, data: Optional[Path] = None,
                db: Optional[Path] = None) -> list[dict]:
    """The chapter notebooks and parameters of the reports a floor run executes: exactly what a
    render passes to each chapter."""
    if kind in ("compare", "summary"):
        assert pemda is not None and db is not None
        selection = cx.Selection(label=pemda, pemda_id=pemda)
        parameters = {"agency_id": pemda, "year": year, "data_path": str(Path(db).resolve()),
                      "options_json": selection.to_json()}
        return [{"notebooks": [str(c.path) for c in chapters_for(kind)],
                 "parameters": parameters}]
    if pemda is not None:
        assert data is not None
        params_list = params_for_folders(Path(data), year, pemda_id=pemda)
    else:
        assert agency is not None
        params_list = [resolve_params(agency, year, kind)]
    specs = []
    for params in params_list:
        chapters = chapters_for_copy(report_chapters(params), DEFAULT_COPY)
        specs.append({"notebooks": [str(c.path) for c in chapters],
                      "parameters": {"agency_id": params.agency_id, "year": params.year,
                                     "data_path": str((PROJECT_ROOT / params.data_path).resolve()),
                                     "options_json": with_chapter_titles(params.options_json(),
                                                                         chapters)}})
    return specs


# --- measuring a run ----------------------------------------------------------------------------


class TreeSampler(threading.Thread):
    """Resident memory of a process and all its descendants, every 50 ms."""

    def __init__(self, pids: Sequence[int]) -> None:
        super().__init__(daemon=True)
        self.roots = list(pids)
        self.stop = threading.Event()
        self.peak_total = 0
        self.series: dict[int, list[tuple[float, int]]] = {}
        self.names: dict[int, str] = {}
        self.start_time = time.monotonic()

    def run(self) -> None:
        import psutil  # a dev dependency: only the benchmark samples memory

        while not self.stop.is_set():
            total = 0
            for root in self.roots:
                try:
                    process = psutil.Process(root)
                    family = [process] + process.children(recursive=True)
                except psutil.Error:
                    continue
                for member in family:
                    try:
                        rss = member.memory_info().rss
                        if member.pid not in self.names:
                            self.names[member.pid] = " ".join(member.cmdline()[:4])
                    except psutil.Error:
                        continue
                    total += rss
                    self.series.setdefault(member.pid, []).append(
                        (time.monotonic() - self.start_time, rss))
            self.peak_total = max(self.peak_total, total)
            self.stop.wait(0.05)


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    workers: list[dict] = field(default_factory=list)
    output: str = ""


def measure(commands: Sequence[Sequence[str]], env: dict) -> Run:
    """Run ``commands`` in parallel to completion; wall time, CPU time, memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    processes = [subprocess.Popen(list(c), cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for c in commands]
    sampler = TreeSampler([p.pid for p in processes])
    sampler.start()
    outputs = [p.communicate() for p in processes]
    seconds = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for command, process, (out, err) in zip(commands, processes, outputs):
        if process.returncode:
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n"
                               f"{out[-2000:]}\n{err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    workers = []
    roots = {p.pid for p in processes}
    for pid, series in sampler.series.items():
        name = sampler.names.get(pid, "")
        if pid in roots or "multiprocessing" not in name:
            continue
        values = [rss for _, rss in series]
        n = len(values)
        workers.append({"pid": pid, "peak_mb": max(values) / MB,
                        "early_mb": values[min(n - 1, n // 4)] / MB,
                        "late_mb": values[max(0, n - 1 - n // 20)] / MB, "samples": n})
    return Run(seconds, cpu, sampler.peak_total / MB, workers, "".join(o for o, _ in outputs))


# --- the benchmark --------------------------------------------------------------------------------


@dataclass
class Case:
    key: str
    label: str
    commands: Callable[[], list[list[str]]]
    floor: Optional[str] = None  # the key of the floor it is compared with
    goal: Optional[tuple[str, float]] = None  # (key it is compared with, at most this ratio)
    before: Optional[Callable[[], None]] = None  # untimed preparation
    after: Optional[Callable[[], None]] = None  # untimed clean-up
    runs: list[Run] = field(default_factory=list)

    def median(self, attribute: str = "seconds") -> float:
        return statistics.median(getattr(r, attribute) for r in self.runs)


class InputChange:
    """One agency's input changes (its first realisasi value gains a trailing digit), and is put
    back after the run: every round sees a change, and the store stays current."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "realisasi.csv"
        self.original = ""

    def apply(self) -> None:
        self.original = self.path.read_text(encoding="utf-8")
        lines = self.original.splitlines()
        quote = '"' if lines[1].endswith('"') else ""
        lines[1] = lines[1].removesuffix(quote) + "1" + quote
        self.path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def undo(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def cases(work: Path, python: str, sakip: str) -> list[Case]:
    data = work / "data"
    db = work / "sakip.duckdb"
    out = work / "out"
    pemda = ["--pemda", PEMDA, "--year", str(YEAR), "--data", str(data)]
    changed = InputChange(data / PEMDA / CHANGED_AGENCY)
    agency, year, kind = ONE
    p_agency, p_year, p_kind = PENGUKURAN

    def floor(name: str, specs: list[dict], parts: int = 1) -> Callable[[], list[list[str]]]:
        path = work / f"floor-{name}.json"
        path.write_text(json.dumps(specs), encoding="utf-8")
        script = str(PROJECT_ROOT / "bench" / "floor.py")
        return lambda: [[python, script, str(path), str(i), str(parts)] for i in range(parts)]

    def store(kind_: str) -> Callable[[], list[list[str]]]:
        return lambda: [[sakip, kind_, "--pemda", PEMDA, "--year", str(YEAR), "--db", str(db),
                         "--output", str(out / "store"), "--force"]]

    return [
        Case("floor_one", f"floor: one agency-year ({agency} LKjIP {year}), 1 process",
             floor("one", floor_specs(kind, agency=agency, year=year))),
        Case("cold_one", "one agency-year from cold (`sakip render --agency ... --force`)",
             lambda: [[sakip, "render", "--agency", agency, "--year", str(year), "--output",
                       str(out / "one"), "--force"]], floor="floor_one",
             goal=("floor_one", 1.5)),
        Case("floor_batch", f"floor: {PEMDA} LKjIP {YEAR} (36 agencies), 2 processes",
             floor("batch", floor_specs("lkjip", year=YEAR, pemda=PEMDA, data=data), parts=2)),
        Case("batch", "36-agency batch, 2 workers (`sakip render --pemda ... --force`)",
             lambda: [[sakip, "render", *pemda, "--output", str(out / "batch"), "--workers", "2",
                       "--force"]], floor="floor_batch", goal=("floor_batch", 1.2)),
        Case("unchanged", "re-run, nothing changed (`sakip render --pemda ...`)",
             lambda: [[sakip, "render", *pemda, "--output", str(out / "batch"), "--workers",
                       "2"]], floor="floor_batch", goal=("batch", 0.05)),
        Case("changed_one", "re-run after one agency's input changed",
             lambda: [[sakip, "render", *pemda, "--output", str(out / "batch"), "--workers",
                       "2"]], floor="floor_one", goal=("cold_one", 2.0),
             before=changed.apply, after=changed.undo),
        Case("floor_pengukuran", f"floor: pengukuran ({p_agency} {p_year}), 1 process",
             floor("pengukuran", floor_specs(p_kind, agency=p_agency, year=p_year))),
        Case("pengukuran", "pengukuran report from cold",
             lambda: [[sakip, "render", "--agency", p_agency, "--year", str(p_year), "--report",
                       p_kind, "--output", str(out / "one"), "--force"]],
             floor="floor_pengukuran"),
        Case("floor_compare", f"floor: compare ({PEMDA} {YEAR}), 1 process",
             floor("compare", floor_specs("compare", pemda=PEMDA, db=db))),
        Case("compare", "compare report from cold (`sakip compare ... --force`)",
             store("compare"), floor="floor_compare"),
        Case("floor_summary", f"floor: summary ({PEMDA} {YEAR}), 1 process",
             floor("summary", floor_specs("summary", pemda=PEMDA, db=db))),
        Case("summary", "summary report from cold (`sakip summary ... --force`)",
             store("summary"), floor="floor_summary"),
    ]


def dask_case(work: Path, sakip: str) -> Case:
    """Once, after the rounds: the batch on a local Dask cluster of two worker processes (one
    thread each), for the throughput per worker core in docs/SCALE.md."""
    return Case("dask_batch", "36-agency batch on a local Dask cluster, 2 worker processes",
                lambda: [[sakip, "render", "--pemda", PEMDA, "--year", str(YEAR), "--data",
                          str(work / "data"), "--output", str(work / "out" / "dask"),
                          "--executor", "dask", "--workers", "2", "--force"]],
                floor="floor_batch")


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        memory = 0
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": memory,
            "python": platform.python_version(), "platform": platform.platform(),
            "load_average": list(os.getloadavg())}


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="sakip bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="two rounds, no Dask run")
    parser.add_argument("--rounds", type=int, help="rounds of every measurement (default: five, "
                        "fewer, but at least three, when they would not end within --budget)")
    parser.add_argument("--budget", type=float, default=540,
                        help="seconds the whole benchmark should take at most (default 540)")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    rounds = args.rounds or (2 if args.quick else 5)

    python = sys.executable
    sakip = str(Path(python).with_name("sakip"))
    if not Path(sakip).exists():
        raise SystemExit(f"{sakip} not found: install sakip in this environment (make setup)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(PROJECT_ROOT / "lib")] + [p for p in os.environ.get("PYTHONPATH", "").split(
            os.pathsep) if p])}
    work = Path(tempfile.mkdtemp(prefix="sakip-bench-"))
    started = datetime.now(timezone.utc)
    try:
        shutil.copytree(GENERATED, work / "data" / PEMDA)
        # As an installed package is: byte-compiled, so that no measured process compiles the
        # library's sources again (it would in an environment with PYTHONDONTWRITEBYTECODE).
        compileall.compile_dir(str(PROJECT_ROOT / "lib"), quiet=1)
        print("preparing: the store of the generated pemda", file=sys.stderr)
        subprocess.run([sakip, "ingest", "--data", str(work / "data"), "--db",
                        str(work / "sakip.duckdb")], cwd=PROJECT_ROOT, env=env, check=True,
                       capture_output=True)
        all_cases = cases(work, python, sakip)
        clock = time.monotonic()
        done_rounds = 0
        dask = None if args.quick else dask_case(work, sakip)
        reserve = 60.0 if dask else 0.0  # the Dask run, once at the end
        while done_rounds < rounds:
            for case in all_cases:
                print(f"round {done_rounds + 1}/{rounds}: {case.key}", file=sys.stderr)
                if case.before:
                    case.before()
                case.runs.append(measure(case.commands(), env))
                if case.after:
                    case.after()
            done_rounds += 1
            per_round = (time.monotonic() - clock) / done_rounds
            if (not args.rounds and done_rounds >= 3
                    and time.monotonic() - clock + per_round + reserve > args.budget):
                break
        rounds = done_rounds
        if dask is not None:
            print("once: dask_batch", file=sys.stderr)
            dask.runs.append(measure(dask.commands(), env))
            all_cases.append(dask)
        by_key = {c.key: c for c in all_cases}
        results = report(all_cases, by_key, rounds, started)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = PROJECT_ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    table = markdown(results)
    print(table)
    if not args.no_docs:
        write_docs(table)
    return 0


def report(all_cases: list[Case], by_key: dict[str, Case], rounds: int, started) -> dict:
    rows = []
    for case in all_cases:
        row: dict[str, Any] = {
            "key": case.key, "label": case.label, "median_s": case.median(),
            "min_s": min(r.seconds for r in case.runs), "runs": len(case.runs),
            "cpu_s": case.median("cpu"), "peak_mb": max(r.peak_mb for r in case.runs)}
        if case.floor:
            row["floor_ratio"] = case.median() / by_key[case.floor].median()
        if case.goal:
            other, limit = case.goal
            row["goal"] = {"of": other, "at_most": limit,
                           "ratio": case.median() / by_key[other].median()}
            row["goal"]["met"] = row["goal"]["ratio"] <= limit
        workers = [w for r in case.runs for w in r.workers]
        if case.key in ("batch", "dask_batch"):
            row["agencies_per_minute_per_worker"] = 36 / case.median() * 60 / 2
        if workers and case.key == "batch":
            row["workers"] = {
                "count_per_run": len(workers) / len(case.runs),
                "peak_mb": max(w["peak_mb"] for w in workers),
                "early_mb": statistics.median(w["early_mb"] for w in workers),
                "late_mb": statistics.median(w["late_mb"] for w in workers)}
        rows.append(row)
    return {"machine": machine(), "started": started.isoformat(timespec="seconds"),
            "rounds": rounds, "rows": rows}


def _n(value: float, places: int = 2) -> str:
    return f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Run of {results['started'][:10]}: {m['cores']} cores ({m['cpu'] or 'CPU unknown'}), "
        f"{_n(m['memory_mb'] / 1024, 1)} GB RAM, Python {m['python']}, {m['platform']}; "
        f"load average at the end {', '.join(_n(x) for x in m['load_average'])} (the machine "
        f"is shared); medians of {results['rounds']} interleaved rounds.",
        "",
        "| measurement | median | min | CPU | peak memory (tree) | ratio to its floor | goal |",
        "|---|---:|---:|---:|---:|---:|---|"]
    for row in results["rows"]:
        ratio = _n(row["floor_ratio"]) + "×" if "floor_ratio" in row else "(floor)"
        goal = ""
        if "goal" in row:
            g = row["goal"]
            target = f"≤ {_n(g['at_most'] * 100, 0)} % of {g['of']}" if g["at_most"] < 1 else \
                f"≤ {_n(g['at_most'], 1)}× {g['of']}"
            goal = f"{_n(g['ratio'], 3 if g['at_most'] < 1 else 2)}× {g['of']}, {target}: " + \
                ("met" if g["met"] else "**not met**")
        lines.append(f"| {row['label']} | {_n(row['median_s'])} s | {_n(row['min_s'])} s | "
                     f"{_n(row['cpu_s'])} s | {_n(row['peak_mb'], 0)} MB | {ratio} | {goal} |")
    throughput = {row["key"]: row["agencies_per_minute_per_worker"] for row in results["rows"]
                  if "agencies_per_minute_per_worker" in row}
    if throughput:
        lines += ["", "Throughput per worker core (36 LKjIP / median time / 2 workers): " + "; ".join(
            f"{'local pool' if key == 'batch' else 'Dask, local cluster (one run)'} "
            f"{_n(value, 1)} agency-years per minute" for key, value in throughput.items()) + "."]
    for row in results["rows"]:
        if "workers" in row:
            w = row["workers"]
            lines += ["", f"Workers of the batch: peak {_n(w['peak_mb'], 0)} MB each at most; "
                      f"resident memory a quarter into the batch {_n(w['early_mb'], 0)} MB, at "
                      f"its end {_n(w['late_mb'], 0)} MB (medians over workers and rounds)."]
    return "\n".join(lines)


def write_docs(table: str) -> None:
    path = PROJECT_ROOT / "docs" / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + begin + "\n" + table + "\n" + end + rest.split(end, 1)[1]
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
