"""planctl's benchmark: start-up, national-scale input, many files, and scaling.

Run it from the repository with the Python of an environment where planctl is installed;
it needs only the standard library and polars (a dependency of planctl, which reads large
files with it, and the reading baseline here; `pip install -r benchmarks/requirements.txt`):

    python benchmarks/bench.py            # the full run: about 1M rows, a few minutes
    python benchmarks/bench.py --quick    # smaller inputs and fewer runs, to try it out

It generates its own inputs (synthetic counties named 测试县0001…, not real figures) in a
temporary folder, byte-compiles planctl as installing it does, times each command as a whole
process, its output to /dev/null (the default table; for the national file also --format
json), as the median wall time of several runs after one warm-up (which also fills planctl's
cache of validated targets files, as any first run does), and reads each run's peak memory
from the operating system, then prints a Markdown table in which every figure is a ratio
against a baseline measured in the same run: machines are noisy, ratios measured side by
side are what can be compared.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_YEAR, YEAR = 2006, 2017
N_TARGETS = 30
# Runs a command and prints its peak resident memory in KiB: RUSAGE_CHILDREN of a process
# whose only child is the command.
_PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
    ".returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


@dataclass
class Timing:
    """The median wall time of a command and its peak memory."""

    label: str
    seconds: float
    peak_mib: float
    exit_code: int


def measure(label: str, command: Sequence[str], runs: int) -> Timing:
    """Whole-process wall time (median of `runs` after a warm-up) and peak memory."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    peak = subprocess.run(
        [sys.executable, "-c", _PEAK, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return Timing(label, statistics.median(times), int(peak[0]) / 1024, int(peak[1]))


# --- Inputs -------------------------------------------------------------------------------


def county_names(count: int) -> list[str]:
    return [f"测试县{i:04d}" for i in range(1, count + 1)]


def write_targets(path: Path, counties: list[str]) -> None:
    """A targets file of 30 targets: 20 rates and 6 counts per county, 4 city-level counts."""
    lines = [
        "# Synthetic targets for planctl's benchmark; not a real plan.",
        "schema_version: 1",
        "plan: {title: 基准测试计划, title_en: Benchmark plan, issuing_body: 基准, "
        "issuing_body_en: Benchmark, issued: 2017-01-01, reference: none, year: 2017}",
        "city: {name: 全国, name_en: Nation}",
        "counties:",
        *(f"  - {{name: {name}, name_en: County {i + 1}}}" for i, name in enumerate(counties)),
        "targets:",
    ]
    for index in range(N_TARGETS):
        kind = "rate" if index < 20 else ("count" if index < 26 else "city")
        number = index + 1
        common = (
            f"  - id: target_{number:02d}\n"
            f"    name_zh: 指标{number:02d}\n"
            f"    name_en: Indicator {number}\n"
            f"    provenance: {{clause: {number}, sentence: 第{number}项指标。, deadline: 2017}}\n"
        )
        if kind == "rate":
            lines.append(
                common
                + "    unit: percent\n    comparator: '>='\n"
                + f"    threshold: {80 + index % 15}\n"
                + "    valid_range: {min: 0, max: 100}\n    strength: binding\n    level: county\n"
                "    rollup: ratio\n"
                f"    numerator: {{name_zh: 分子{number}, name_en: Numerator {number}}}\n"
                f"    denominator: {{name_zh: 分母{number}, name_en: Denominator {number}}}"
            )
        else:
            level = "county" if kind == "count" else "city"
            threshold = 2 if kind == "count" else len(counties)
            lines.append(
                common + f"    unit: count\n    comparator: '>='\n    threshold: {threshold}\n"
                f"    valid_range: {{min: 0}}\n    strength: aspirational\n    level: {level}\n"
                "    rollup: sum"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def county_rows(county: str, rng: random.Random) -> list[str]:
    """One county's rows: every target for every year, rates with numerator and denominator."""
    rows = []
    for year in range(FIRST_YEAR, YEAR + 1):
        for index in range(N_TARGETS):
            target = f"target_{index + 1:02d}"
            if index < 20:
                denominator = rng.randint(1_000, 50_000)
                numerator = round(denominator * rng.uniform(0.75, 1.0))
                value = round(numerator * 100 / denominator, 2)
                rows.append(f"{county},{target},{value},{numerator},{denominator},,{year}")
            else:
                rows.append(f"{county},{target},{rng.randint(0, 5)},,,,{year}")
    return rows


HEADER = "county,indicator,value,numerator,denominator,note,year"


def write_inputs(folder: Path, counties: list[str], split: bool) -> Path:
    """The targets file, one CSV of every county, and (if `split`) a file per county."""
    folder.mkdir(parents=True, exist_ok=True)
    write_targets(folder / "targets.yaml", counties)
    rng = random.Random(2017)
    split_dir = folder / "split"
    if split:
        split_dir.mkdir(exist_ok=True)
    with (folder / "all.csv").open("w", encoding="utf-8") as whole:
        whole.write(HEADER + "\n")
        for number, county in enumerate(counties, 1):
            rows = county_rows(county, rng)
            whole.write("\n".join(rows) + "\n")
            if split:
                (split_dir / f"county-{number:04d}.csv").write_text(
                    HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8"
                )
    return folder


# --- The run --------------------------------------------------------------------------------


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer runs")
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5, 3 large)")
    parser.add_argument("--keep", type=Path, help="generate inputs here and keep them")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    python = sys.executable
    planctl = shutil.which("planctl", path=str(Path(python).parent)) or "planctl"
    small_runs = args.runs or (3 if args.quick else 10)
    large_runs = args.runs or (1 if args.quick else 3)
    scales = [28, 285] if args.quick else [28, 285, 2850]
    work = args.keep or Path(tempfile.mkdtemp(prefix="planctl-bench-"))
    print(f"inputs in {work}", file=sys.stderr)
    compile_planctl()

    results: dict[str, object] = {"python": sys.version.split()[0], "quick": args.quick}
    out: list[str] = []

    # 1. Start-up.
    typer_only = measure("python -c 'import typer'", [python, "-c", "import typer"], small_runs)
    all_imports = measure(
        "python -c 'import typer, rich.table, pydantic, yaml'",
        [python, "-c", "import typer, rich.table, pydantic, yaml"],
        small_runs,
    )
    version = measure("planctl --version", [planctl, "--version"], small_runs)
    help_ = measure("planctl --help", [planctl, "--help"], small_runs)
    one = measure(
        "planctl check data/xianan.csv",
        [planctl, "check", str(ROOT / "data" / "xianan.csv")],
        small_runs,
    )
    out += [
        "### Start-up (whole process, median wall time)",
        "",
        "| command | time | ratio | goal |",
        "|---|---|---|---|",
        f"| {typer_only.label} | {typer_only.seconds * 1000:.0f} ms | 1.00× (baseline A) | |",
        f"| {all_imports.label} | {all_imports.seconds * 1000:.0f} ms | 1.00× (baseline B) | |",
        f"| {version.label} | {version.seconds * 1000:.0f} ms | "
        f"{ratio(version.seconds, typer_only.seconds)} A | ≤ 1.5× A |",
        f"| {help_.label} | {help_.seconds * 1000:.0f} ms | "
        f"{ratio(help_.seconds, typer_only.seconds)} A | ≤ 1.5× A |",
        f"| {one.label} | {one.seconds * 1000:.0f} ms | "
        f"{ratio(one.seconds, all_imports.seconds)} B | ≤ 1.3× B |",
        "",
    ]
    results["startup"] = [t.__dict__ for t in (typer_only, all_imports, version, help_, one)]

    # 2-4. Scale, many files, scaling.
    scaling: list[tuple[int, Timing, Timing | None]] = []
    for count in scales:
        largest = count == scales[-1]
        folder = write_inputs(work / f"{count}-counties", county_names(count), split=largest)
        data = folder / "all.csv"
        rows = sum(1 for _ in data.open(encoding="utf-8")) - 1
        check = [planctl, "check", "--targets", str(folder / "targets.yaml")]
        timing = measure(f"planctl check ({rows:,} rows)", [*check, str(data)], large_runs)
        polars = None
        if largest:
            polars = _polars_baseline(python, data, large_runs)
            split = measure(
                f"planctl check split/ ({count:,} files)",
                [*check, str(folder / "split")],
                large_runs,
            )
            as_json = measure(
                "planctl check --format json, the same file",
                [*check, "--format", "json", str(data)],
                large_runs,
            )
            size_mib = data.stat().st_size / 2**20
            out += [
                f"### National scale: {count:,} counties × {N_TARGETS} targets × "
                f"{YEAR - FIRST_YEAR + 1} years = {rows:,} rows ({size_mib:.0f} MiB)",
                "",
                "| measure | value | ratio | goal |",
                "|---|---|---|---|",
            ]
            if polars is not None:
                out.append(f"| {polars.label} | {polars.seconds:.2f} s | 1.00× (baseline C) | |")
            out += [
                f"| {timing.label}, exit {timing.exit_code} | {timing.seconds:.2f} s | "
                + (f"{ratio(timing.seconds, polars.seconds)} C" if polars else "-")
                + " | ≤ 2× C |",
                f"| peak memory of the check | {timing.peak_mib:.0f} MiB | "
                f"{timing.peak_mib / size_mib:.2f}× the file | ≤ 3× the file |",
                f"| {split.label}, exit {split.exit_code} | {split.seconds:.2f} s | "
                f"{ratio(split.seconds, timing.seconds)} the single file | ≤ 1.5× |",
                f"| {as_json.label}, exit {as_json.exit_code} | {as_json.seconds:.2f} s | "
                + (f"{ratio(as_json.seconds, polars.seconds)} C" if polars else "-")
                + f"; peak {as_json.peak_mib:.0f} MiB | |",
                "",
            ]
            results["national"] = {
                "rows": rows,
                "file_mib": size_mib,
                "check": timing.__dict__,
                "polars": polars.__dict__ if polars else None,
                "split": split.__dict__,
                "json": as_json.__dict__,
            }
        scaling.append((rows, timing, polars))

    base_rows, base_timing, _ = scaling[0]
    out += [
        "### Scaling",
        "",
        "| rows | time | time per row, against the smallest |",
        "|---|---|---|",
    ]
    for rows, timing, _ in scaling:
        per_row = (timing.seconds / rows) / (base_timing.seconds / base_rows)
        out.append(f"| {rows:,} | {timing.seconds:.2f} s | {per_row:.2f}× |")
    results["scaling"] = [{"rows": r, "seconds": t.seconds} for r, t, _ in scaling]

    print("\n".join(out))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def compile_planctl() -> None:
    """Byte-compile planctl's modules, as `pip install` does when it installs the package.

    An editable install under PYTHONDONTWRITEBYTECODE=1 (set in some CI and development
    shells) never writes its bytecode, so every run would compile planctl's sources again:
    about 45 ms of a one-county check that no installed planctl spends.
    """
    spec = importlib.util.find_spec("planctl")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=1)


def _polars_baseline(python: str, data: Path, runs: int) -> Timing | None:
    """The time polars takes merely to read the file, as a whole process too."""
    probe = subprocess.run([python, "-c", "import polars"], capture_output=True, check=False)
    if probe.returncode != 0:
        print("polars is not installed: no reading baseline", file=sys.stderr)
        return None
    code = "import sys, polars; polars.read_csv(sys.argv[1])"
    return measure("polars.read_csv of the same file", [python, "-c", code, str(data)], runs)


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
