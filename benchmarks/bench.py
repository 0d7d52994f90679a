"""planctl's benchmark: start-up, national-scale input, many files, workbooks and scaling.

Run it from the repository with the Python of an environment where planctl is installed,
after `pip install -r benchmarks/requirements.txt` (polars, DuckDB and python-calamine, the
baselines; polars is also a dependency of planctl). It needs nothing else:

    python benchmarks/bench.py            # the full run: 1,026,000 rows, 8-10 minutes
    python benchmarks/bench.py --quick    # 102,600 rows and fewer runs: under a minute
    python benchmarks/bench.py --large    # the full run and 10,260,000 rows: 5 more

(durations on 2 shared cores at load average 3 to 9; the README has the figures).

It generates its own inputs (synthetic counties named 测试县0001…, not real figures) in a
temporary folder and byte-compiles planctl as installing it does. Every figure is a whole
process (its output to /dev/null), timed by the wall clock, with its peak memory read from
the operating system (the child's resource usage, as `wait4` returns it to a small launcher
process, so that the benchmark's own memory is not counted in it).

Machines are noisy, and a loaded one is slow in bursts: so the commands compared are run
interleaved, A B A B …, a warm-up run of each first (it also fills planctl's cache of
validated targets files, as any first run does), and each ratio is computed pair by pair
(A's i-th run over B's i-th run), then its median and spread (min–max) are printed. A slow
moment hits both sides of a pair. Each goal of issue 16 is printed beside its figure, with
whether the median meets it and, if not, by how much it is missed.
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
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_YEAR, YEAR = 2006, 2017
N_TARGETS = 30
HEADER = "county,indicator,value,numerator,denominator,note,year"
MiB = 2**20
# ru_maxrss is in KiB on Linux and in bytes on macOS.
_MAXRSS_BYTES = 1 if sys.platform == "darwin" else 1024

# Counties of each input: 28 × 30 targets × 12 years = 10,080 rows, 285 → 102,600,
# 2,850 → 1,026,000 (the national file), 28,500 → 10,260,000.
QUICK_SCALES = (28, 285)
FULL_SCALES = (28, 285, 2850)
LARGE_COUNTIES = 28_500
# The workbook of issue 16: 56 counties, 20,160 rows on one sheet; --quick: 28, 10,080 rows
# (still past the 10,000 rows a reader that caps its rows would stop at).
WORKBOOK_COUNTIES = 56
QUICK_WORKBOOK_COUNTIES = 28


# --- The pure parts: order of runs, spreads, ratios, goals --------------------------------


def schedule(keys: Sequence[str], rounds: int, warmups: int = 1) -> list[tuple[int, str]]:
    """The order of runs as (round, key): every command once per round, in the given order.

    Rounds below `warmups` are warm-ups. A slow moment of the machine falls on neighbouring
    runs, so it slows both sides of the pairs compared, not only one command's runs.
    """
    if rounds < 1 or warmups < 0:
        raise ValueError("at least one timed round, and no negative number of warm-ups")
    return [(number, key) for number in range(warmups + rounds) for key in keys]


@dataclass(frozen=True)
class Spread:
    """The median of some figures and their range."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            raise ValueError("no figures to summarise")
        return cls(statistics.median(values), min(values), max(values))


def pairwise(subject: Sequence[float], baseline: Sequence[float]) -> Spread:
    """The ratio of each run of `subject` to the run of `baseline` in the same round."""
    if len(subject) != len(baseline):
        raise ValueError(f"{len(subject)} runs against {len(baseline)}: not pairs")
    if any(b <= 0 for b in baseline):
        raise ValueError("a baseline run took no time")
    return Spread.of([s / b for s, b in zip(subject, baseline, strict=True)])


@dataclass(frozen=True)
class Goal:
    """An upper bound of issue 16 on a figure, and how the table names it."""

    limit: float
    text: str

    def verdict(self, value: float | None) -> str:
        if value is None:
            return "not measured"
        if value <= self.limit:
            return "met"
        return f"**missed** by {value / self.limit - 1:.0%}"


def seconds_text(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def time_text(spread: Spread) -> str:
    """A median time and its range, in the unit of the median."""
    if spread.median < 1:
        return f"{spread.median * 1000:.0f} ms ({spread.low * 1000:.0f}–{spread.high * 1000:.0f})"
    return f"{spread.median:.2f} s ({spread.low:.2f}–{spread.high:.2f})"


def ratio_text(spread: Spread) -> str:
    return f"{spread.median:.2f}× ({spread.low:.2f}–{spread.high:.2f})"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--quick", action="store_true", help="102,600 rows at most, fewer runs: under a minute"
    )
    size.add_argument(
        "--large", "--full", action="store_true", help="also 10,260,000 rows (minutes more)"
    )
    parser.add_argument(
        "--runs",
        type=_positive,
        help="timed rounds per comparison (default 10 for start-up and 5 for the rest; "
        "--quick 5 and 2; 10M rows 3)",
    )
    parser.add_argument("--keep", type=Path, help="generate inputs here and keep them")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    return parser.parse_args(argv)


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text}: at least 1")
    return number


# --- Timing whole processes ------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One run of a command: wall time, peak resident memory and exit code."""

    seconds: float
    peak_mib: float
    exit_code: int


@dataclass(frozen=True)
class Command:
    """A command to time, and the exit codes that mean it did its work."""

    label: str
    argv: tuple[str, ...]
    exit_codes: frozenset[int] = frozenset({0})


class BenchError(Exception):
    """A command of the benchmark failed: its figures would mean nothing."""


# Starts each run and reports its wall time, peak memory (ru_maxrss) and exit code, one JSON
# line per command read on stdin. A child's peak, as the OS counts it, includes its parent's
# resident memory when it was started (the memory a forked child shares until it execs): runs
# started by the benchmark itself, which holds its inputs, would all weigh as much as it. This
# launcher stays about as small as a Python can be, below any command it runs.
_LAUNCHER = """
import json, os, sys, time
quiet = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
         (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
         (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
for line in sys.stdin:
    argv = json.loads(line)
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    print(json.dumps([seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""


class Launcher:
    """A small process that runs commands one at a time, their output to /dev/null."""

    def __init__(self, python: str, env: dict[str, str]) -> None:
        self.env = env
        self._process = subprocess.Popen(
            [python, "-I", "-S", "-c", _LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )

    def run(self, argv: Sequence[str]) -> Run:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(list(argv)) + "\n")
        self._process.stdin.flush()
        answer = self._process.stdout.readline()
        if not answer:
            raise BenchError(f"the launcher stopped before running {' '.join(argv)}")
        seconds, maxrss, code = json.loads(answer)
        return Run(seconds, maxrss * _MAXRSS_BYTES / MiB, code)

    def close(self) -> None:
        """Ends the launcher: it stops at the end of its input."""
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe:
                pipe.close()
        self._process.wait()


@dataclass
class Section:
    """The runs of commands compared with each other, interleaved."""

    labels: dict[str, str]
    runs: dict[str, list[Run]] = field(default_factory=dict)

    def times(self, key: str) -> list[float]:
        return [run.seconds for run in self.runs[key]]

    def time(self, key: str) -> Spread:
        return Spread.of(self.times(key))

    def peak(self, key: str) -> float:
        return statistics.median(run.peak_mib for run in self.runs[key])

    def exit_code(self, key: str) -> int:
        return self.runs[key][-1].exit_code

    def ratio(self, subject: str, baseline: str) -> Spread:
        return pairwise(self.times(subject), self.times(baseline))


def measure(commands: dict[str, Command], rounds: int, launcher: Launcher) -> Section:
    """Run `commands` interleaved: a warm-up round, then `rounds` timed rounds."""
    labels = {key: command.label for key, command in commands.items()}
    section = Section(labels, {key: [] for key in commands})
    for number, key in schedule(list(commands), rounds):
        command = commands[key]
        run = launcher.run(command.argv)
        if run.exit_code not in command.exit_codes:
            raise BenchError(_failure(command, run.exit_code, launcher.env))
        if number > 0:
            section.runs[key].append(run)
    return section


def _failure(command: Command, code: int, env: dict[str, str]) -> str:
    again = subprocess.run(command.argv, capture_output=True, text=True, env=env, check=False)
    return (
        f"{command.label} exited {code}: {' '.join(command.argv)}\n"
        + (again.stderr.strip() or again.stdout.strip())[-2000:]
    )


# --- Inputs -----------------------------------------------------------------------------------


def county_names(count: int) -> list[str]:
    return [f"测试县{i:04d}" for i in range(1, count + 1)]


@dataclass(frozen=True)
class TargetSpec:
    """One synthetic target: what the targets file states and the DuckDB baseline judges."""

    id: str
    kind: str  # rate (county, ratio of sums), count (county, sum), city (city, sum)
    threshold: float


def target_specs(counties: int) -> list[TargetSpec]:
    """30 targets: 20 rates and 6 counts per county, 4 city-level counts; all `>=`."""
    specs = []
    for index in range(N_TARGETS):
        kind = "rate" if index < 20 else ("count" if index < 26 else "city")
        threshold = 80 + index % 15 if kind == "rate" else (2 if kind == "count" else counties)
        specs.append(TargetSpec(f"target_{index + 1:02d}", kind, threshold))
    return specs


def write_targets(path: Path, counties: list[str]) -> None:
    """The targets file of `target_specs`, for these counties."""
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
    for number, spec in enumerate(target_specs(len(counties)), 1):
        common = (
            f"  - id: {spec.id}\n"
            f"    name_zh: 指标{number:02d}\n"
            f"    name_en: Indicator {number}\n"
            f"    provenance: {{clause: {number}, sentence: 第{number}项指标。, deadline: 2017}}\n"
        )
        if spec.kind == "rate":
            lines.append(
                common
                + "    unit: percent\n    comparator: '>='\n"
                + f"    threshold: {spec.threshold}\n"
                + "    valid_range: {min: 0, max: 100}\n    strength: binding\n    level: county\n"
                "    rollup: ratio\n"
                f"    numerator: {{name_zh: 分子{number}, name_en: Numerator {number}}}\n"
                f"    denominator: {{name_zh: 分母{number}, name_en: Denominator {number}}}"
            )
        else:
            level = "county" if spec.kind == "count" else "city"
            lines.append(
                common + f"    unit: count\n    comparator: '>='\n    threshold: {spec.threshold}\n"
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


def write_workbook(folder: Path, counties: list[str]) -> Path:
    """The targets file and one .xlsx sheet of every county's rows (long layout, numbers)."""
    from openpyxl import Workbook  # a dependency of planctl, which reads workbooks with it

    folder.mkdir(parents=True, exist_ok=True)
    write_targets(folder / "targets.yaml", counties)
    # Not write_only: that mode leaves out the sheet's size record (<dimension>), which
    # spreadsheet programs write and planctl asks for.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "填报"
    sheet.append(HEADER.split(","))
    rng = random.Random(2017)
    for county in counties:
        for row in county_rows(county, rng):
            name, target, value, numerator, denominator, note, year = row.split(",")
            sheet.append(
                [
                    name,
                    target,
                    float(value),
                    int(numerator) if numerator else None,
                    int(denominator) if denominator else None,
                    note or None,
                    int(year),
                ]
            )
    book.save(folder / "all.xlsx")
    return folder


# --- The baselines ------------------------------------------------------------------------


_POLARS_READ = "import sys, polars; polars.read_csv(sys.argv[1])"
# City totals per target and year, as planctl pools them: rates as the sum of numerators over
# the sum of denominators, counts as sums.
_RATES_SQL = """
SELECT indicator, year,
       CASE WHEN count(denominator) > 0 THEN sum(numerator) * 100.0 / sum(denominator)
            ELSE sum(value) END AS total
FROM {source} GROUP BY indicator, year
"""
_DUCKDB_RATES = (
    "import sys, duckdb\n"
    'sql = sys.argv[2].format(source="read_csv(\'" + sys.argv[1].replace("\'", "\'\'") + "\')")\n'
    "print(len(duckdb.sql(sql).fetchall()))\n"
)
# Every county's verdict on every county-level target in the plan's year, and the city's
# verdicts on the pooled totals, from one read of the file; the verdicts are fetched into
# Python, as a program that reports them has them, and tallied per target.
_DUCKDB_VERDICTS = """
import collections, json, sys, duckdb
path, year, rates_sql = sys.argv[1], int(sys.argv[2]), sys.argv[3]
con = duckdb.connect()
con.execute("CREATE TEMP TABLE d AS SELECT * FROM read_csv('" + path.replace("'", "''") + "')")
con.execute("CREATE TEMP TABLE t (indicator VARCHAR, threshold DOUBLE, level VARCHAR)")
con.executemany("INSERT INTO t VALUES (?, ?, ?)", json.loads(sys.argv[4]))
county = con.execute(
    "SELECT d.county, d.indicator, d.value, d.value >= t.threshold FROM d JOIN t USING (indicator)"
    " WHERE d.year = ? AND t.level = 'county'", [year]).fetchall()
city = con.execute(
    "SELECT c.indicator, c.year, c.total, c.total >= t.threshold FROM ("
    + rates_sql.format(source="d") + ") c JOIN t USING (indicator)").fetchall()
tally = collections.Counter((indicator, met) for _, indicator, _, met in county)
print(len(county), len(city), len(tally))
"""
_CALAMINE_READ = (
    "import sys; from python_calamine import CalamineWorkbook\n"
    "CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()\n"
)


def has_module(python: str, name: str) -> bool:
    probe = [python, "-c", f"import {name}"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def readers(
    python: str, data: Path, counties: int, baselines: set[str], verdicts: bool
) -> dict[str, Command]:
    """The baselines that read a file: polars, and DuckDB's GROUP BY (and verdicts) if present."""
    path = str(data)
    commands = {"polars": Command("polars.read_csv", (python, "-c", _POLARS_READ, path))}
    if "duckdb" in baselines:
        commands["duckdb"] = Command(
            "DuckDB: pooled rates per target and year, GROUP BY",
            (python, "-c", _DUCKDB_RATES, path, _RATES_SQL),
        )
    if "duckdb" in baselines and verdicts:
        specs = [
            (spec.id, spec.threshold, "city" if spec.kind == "city" else "county")
            for spec in target_specs(counties)
        ]
        commands["verdicts"] = Command(
            "DuckDB: the same and every county's verdict",
            (python, "-c", _DUCKDB_VERDICTS, path, str(YEAR), _RATES_SQL, json.dumps(specs)),
        )
    return commands


# --- The run ----------------------------------------------------------------------------------


@dataclass
class Table:
    """A Markdown table of figures, each row with its goal beside it."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def figure(
        self, section: Section, key: str, baseline: str | None = None, goal: Goal | None = None
    ) -> None:
        """A row of one command's time and peak memory, its ratio to `baseline`, its goal."""
        label = section.labels[key]
        if section.exit_code(key):
            label += f", exit {section.exit_code(key)}"
        ratio = section.ratio(key, baseline) if baseline else None
        shown = ratio_text(ratio) if ratio else "1 (baseline)"
        if ratio and goal is None:
            shown += f" {section.labels[baseline or key]}"
        self.add(
            label,
            time_text(section.time(key)),
            f"{section.peak(key):.0f} MiB",
            shown,
            goal.text if goal else "",
            goal.verdict(ratio.median if ratio else None) if goal else "",
        )

    def markdown(self) -> list[str]:
        lines = [f"### {self.title}", "", "| " + " | ".join(self.columns) + " |"]
        lines.append("|" + "---|" * len(self.columns))
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return [*lines, "", *self.notes, *([""] if self.notes else [])]


COLUMNS = ["measure", "time, median (min–max)", "peak memory", "ratio, median of pairs (min–max)"]
COLUMNS += ["goal (issue 16)", "verdict"]


@dataclass
class Bench:
    """One run of the benchmark: its settings, the figures it keeps, the tables it prints."""

    python: str
    planctl: str
    work: Path
    quick: bool
    runs: int | None
    launcher: Launcher
    baselines: set[str]
    began: float
    tables: list[Table] = field(default_factory=list)
    figures: dict[str, object] = field(default_factory=dict)

    @property
    def small_rounds(self) -> int:
        return self.runs or (5 if self.quick else 10)

    @property
    def large_rounds(self) -> int:
        return self.runs or (2 if self.quick else 5)

    def progress(self, text: str) -> None:
        print(f"[{time.monotonic() - self.began:5.0f} s] {text}", file=sys.stderr)

    def measure(self, title: str, commands: dict[str, Command], rounds: int) -> Section:
        """`measure`, its figures kept for --json."""
        self.progress(f"{title}: {len(commands)} commands × (1 + {rounds}) runs")
        section = measure(commands, rounds, self.launcher)
        self.figures[title] = {
            key: [asdict(run) for run in runs] for key, runs in section.runs.items()
        }
        return section

    def startup(self) -> None:
        python, planctl = self.python, self.planctl
        stack = "import typer, rich.table, pydantic, yaml"
        ok = frozenset({0, 1})
        section = self.measure(
            "start-up",
            {
                "typer": Command("python -c 'import typer'", (python, "-c", "import typer")),
                "version": Command("planctl --version", (planctl, "--version")),
                "help": Command("planctl --help", (planctl, "--help")),
                "stack": Command(f"python -c '{stack}'", (python, "-c", stack)),
                "one": Command(
                    "planctl check data/xianan.csv",
                    (planctl, "check", str(ROOT / "data" / "xianan.csv")),
                    ok,
                ),
            },
            self.small_rounds,
        )
        table = Table("Start-up (whole process)", COLUMNS)
        for key in ("typer", "stack"):
            table.figure(section, key)
        for key, baseline, limit, name in (
            ("version", "typer", 1.5, "import typer"),
            ("help", "typer", 1.5, "import typer"),
            ("one", "stack", 1.6, "the import of typer, rich.table, pydantic, yaml"),
        ):
            table.figure(section, key, baseline, Goal(limit, f"≤ {limit}× {name}"))
        self.tables.append(table)

    def scale(self, counties: int, national: bool) -> dict[str, object]:
        """The readers compared on one input; at the national scale, every measure."""
        self.progress(f"{counties:,} counties: writing the inputs")
        folder = write_inputs(
            self.work / f"{counties}-counties", county_names(counties), split=national
        )
        data = folder / "all.csv"
        rows = counties * N_TARGETS * (YEAR - FIRST_YEAR + 1)
        size_mib = data.stat().st_size / MiB
        check = (self.planctl, "check", "--targets", str(folder / "targets.yaml"))
        ok = frozenset({0, 1})
        rounds = self.large_rounds if counties < LARGE_COUNTIES else (self.runs or 3)
        commands = readers(self.python, data, counties, self.baselines, verdicts=national)
        commands["table"] = Command("planctl check", (*check, str(data)), ok)
        if national:
            # Right after the same rows in one file, in every round.
            commands["split"] = Command(
                f"planctl check split/ ({counties:,} files)", (*check, str(folder / "split")), ok
            )
        section = self.measure(f"{rows:,} rows", commands, rounds)
        figures: dict[str, object] = {
            "rows": rows,
            "file_mib": size_mib,
            "seconds": {key: section.time(key).median for key in commands},
            "peak_mib": {key: section.peak(key) for key in commands},
            "against_polars": section.ratio("table", "polars"),
        }
        if not national:
            return figures

        formats = self.measure(
            "--format json and csv",
            {
                "polars": commands["polars"],
                **{
                    fmt: Command(
                        f"planctl check --format {fmt}", (*check, "--format", fmt, str(data)), ok
                    )
                    for fmt in ("json", "csv")
                },
            },
            self.large_rounds,
        )
        title = f"{counties:,} counties × {N_TARGETS} targets × {YEAR - FIRST_YEAR + 1} years"
        table = Table(
            f"National scale: {title} = {rows:,} rows ({size_mib:.0f} MiB)",
            COLUMNS,
        )
        table.figure(section, "polars")
        for key in ("duckdb", "verdicts"):
            if key in commands:
                table.figure(section, key, "polars")
        table.figure(section, "table", "polars", Goal(2, "≤ 2× the polars read"))
        for key in ("duckdb", "verdicts"):
            if key in commands:
                table.add(
                    f"planctl check, against {commands[key].label.split(':')[0]}'s "
                    + ("GROUP BY" if key == "duckdb" else "verdicts"),
                    "",
                    "",
                    ratio_text(section.ratio("table", key)),
                    "",
                    "",
                )
        for fmt in ("json", "csv"):
            table.figure(formats, fmt, "polars", Goal(2.5, "≤ 2.5× the polars read"))
        table.figure(section, "split", "table", Goal(1.5, "≤ 1.5× the same rows in one file"))
        memory = Goal(4, "≤ 4× the file")
        peaks = {"table": section.peak("table"), **{f: formats.peak(f) for f in ("json", "csv")}}
        for key, what in (("table", "table"), ("json", "--format json"), ("csv", "--format csv")):
            multiple = peaks[key] / size_mib
            table.add(
                f"peak memory, planctl check ({what})",
                "",
                f"{peaks[key]:.0f} MiB",
                f"{multiple:.2f}× the file",
                memory.text,
                memory.verdict(multiple),
            )
        self.tables.append(table)
        figures["peak_mib"] = {**figures["peak_mib"], **peaks}  # type: ignore[dict-item]
        return figures

    def scaling(self, scales: list[dict[str, object]]) -> None:
        table = Table(
            "Scaling (medians; growth against the row above)",
            [
                "rows",
                "planctl check",
                "× polars read",
                "growth: planctl",
                "polars",
                "DuckDB",
                "planctl peak memory",
                "its growth",
            ],
        )
        previous: dict[str, object] | None = None
        for figures in scales:
            seconds: dict[str, float] = figures["seconds"]  # type: ignore[assignment]
            peaks: dict[str, float] = figures["peak_mib"]  # type: ignore[assignment]
            growth = ["", "", "", ""]
            if previous is not None:
                before: dict[str, float] = previous["seconds"]  # type: ignore[assignment]
                growth = [
                    *(
                        f"{seconds[key] / before[key]:.2f}×" if key in seconds else "-"
                        for key in ("table", "polars", "duckdb")
                    ),
                    f"{peaks['table'] / previous['peak_mib']['table']:.2f}×",  # type: ignore[index]
                ]
            table.add(
                f"{figures['rows']:,}",
                seconds_text(seconds["table"]),
                f"{figures['against_polars'].median:.2f}×",  # type: ignore[attr-defined]
                *growth[:3],
                f"{peaks['table']:.0f} MiB",
                growth[3],
            )
            previous = figures
        table.notes.append(
            "Each row's growth is that row's median over the median of the row above (10× "
            "the rows); the ratio to the polars read is of interleaved pairs."
        )
        self.tables.append(table)

    def large_goals(self, national: dict[str, object], large: dict[str, object] | None) -> None:
        table = Table(
            "Beyond a million rows",
            ["measure", "figure", "goal (issue 16)", "verdict"],
        )
        read = Goal(3, "≤ 3× the polars read")
        sublinear = Goal(10, "< 10× (sublinear in rows)")
        if large is None:
            table.add(
                "10,260,000 rows: planctl check against the polars read",
                "-",
                read.text,
                "not measured (run with --large)",
            )
            table.add(
                "its peak memory against 1,026,000 rows",
                "-",
                sublinear.text,
                "not measured (run with --large)",
            )
        else:
            against: Spread = large["against_polars"]  # type: ignore[assignment]
            table.add(
                f"{large['rows']:,} rows: planctl check against the polars read",
                ratio_text(against),
                read.text,
                read.verdict(against.median),
            )
            peak: float = large["peak_mib"]["table"]  # type: ignore[index]
            growth = peak / national["peak_mib"]["table"]  # type: ignore[index]
            table.add(
                f"its peak memory ({peak:.0f} MiB) against {national['rows']:,} rows",
                f"{growth:.2f}× for 10× the rows",
                sublinear.text,
                "met" if growth < sublinear.limit else sublinear.verdict(growth),
            )
            # Sublinear is not streaming: a reader that keeps no whole-file frames holds
            # about as much at 10M rows as at 1M. The 1M goal against the file, for scale.
            multiple = peak / float(large["file_mib"])  # type: ignore[arg-type]
            table.add(
                f"its peak memory against its file ({float(large['file_mib']):.0f} MiB)",  # type: ignore[arg-type]
                f"{multiple:.2f}× the file",
                "(≤ 4× the file is the goal at 1M rows)",
                "",
            )
        self.tables.append(table)

    def workbook(self) -> None:
        counties = QUICK_WORKBOOK_COUNTIES if self.quick else WORKBOOK_COUNTIES
        rows = counties * N_TARGETS * (YEAR - FIRST_YEAR + 1)
        self.progress(f"workbook: writing {rows:,} rows")
        folder = write_workbook(self.work / f"workbook-{counties}", county_names(counties))
        book = folder / "all.xlsx"
        check = (self.planctl, "check", "--targets", str(folder / "targets.yaml"))
        ok = frozenset({0, 1})
        commands = {
            "table": Command(f"planctl check all.xlsx ({rows:,} rows)", (*check, str(book)), ok)
        }
        if "python_calamine" in self.baselines:
            commands = {
                "calamine": Command(
                    "python-calamine, the sheet read",
                    (self.python, "-c", _CALAMINE_READ, str(book)),
                ),
                **commands,
            }
        section = self.measure("workbook", commands, self.large_rounds)
        table = Table(
            f"A workbook: {counties} counties on one sheet, {rows:,} rows "
            f"({book.stat().st_size / MiB:.1f} MiB)",
            COLUMNS,
        )
        goal = Goal(3, "≤ 3× python-calamine")
        if "calamine" in commands:
            table.figure(section, "calamine")
            table.figure(section, "table", "calamine", goal)
        else:
            table.figure(section, "table")
            table.notes.append("python-calamine is not installed: no baseline for workbooks.")
        judged, problems = self._judged(check, book)
        table.add(
            "counties judged from the sheet (every row read)",
            "",
            "",
            f"{judged} of {counties}" + (f"; {problems} problem(s) reported" if problems else ""),
            f"{counties} of {counties}",
            "met" if judged == counties else f"**missed**: {counties - judged} not judged",
        )
        self.figures["workbook_judged"] = judged
        self.tables.append(table)

    def _judged(self, check: tuple[str, ...], book: Path) -> tuple[int, int]:
        """How many counties the JSON report says sent figures, and its problems."""
        out = subprocess.run(
            [*check, "--format", "json", str(book)],
            capture_output=True,
            text=True,
            env=self.launcher.env,
            check=False,
        )
        if out.returncode not in (0, 1):
            raise BenchError(f"planctl check --format json {book} exited {out.returncode}")
        report = json.loads(out.stdout)
        judged = sum(1 for county in report["counties"] if county["submitted"])
        return judged, len(report["problems"])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.monotonic()
    load_before = os.getloadavg()
    python = sys.executable
    planctl = shutil.which("planctl", path=str(Path(python).parent)) or "planctl"
    work = args.keep or Path(tempfile.mkdtemp(prefix="planctl-bench-"))
    print(f"inputs in {work}", file=sys.stderr)
    compile_planctl()
    env = {**os.environ, "NO_COLOR": "1", "PLANCTL_CACHE_DIR": str(work / "cache")}
    baselines = {name for name in ("duckdb", "python_calamine") if has_module(python, name)}
    for name in {"duckdb", "python_calamine"} - baselines:
        print(f"{name} is not installed: its baseline is left out", file=sys.stderr)
    launcher = Launcher(python, env)
    bench = Bench(python, planctl, work, args.quick, args.runs, launcher, baselines, began)
    try:
        bench.startup()
        scales = list(QUICK_SCALES if args.quick else FULL_SCALES)
        figures = [bench.scale(count, national=count == scales[-1]) for count in scales]
        large = bench.scale(LARGE_COUNTIES, national=False) if args.large else None
        bench.scaling([*figures, *([large] if large else [])])
        bench.large_goals(figures[-1], large)
        bench.workbook()
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    finally:
        launcher.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    took = time.monotonic() - began
    load_after = os.getloadavg()
    mode = "--quick" if args.quick else ("--large" if args.large else "full")
    print(
        f"planctl benchmark ({mode}), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
        f"{took / 60:.1f} min on {os.cpu_count()} cores, load average "
        f"{load_before[0]:.2f} at the start and {load_after[0]:.2f} at the end; "
        f"Python {sys.version.split()[0]}.\n"
    )
    for table in bench.tables:
        print("\n".join(table.markdown()))
    if args.json:
        bench.figures.update(mode=mode, minutes=took / 60, load=[load_before, load_after])
        args.json.write_text(json.dumps(bench.figures, indent=2, ensure_ascii=False), "utf-8")
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


if __name__ == "__main__":
    sys.exit(main())
