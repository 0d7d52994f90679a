"""The benchmark's own arithmetic (benchmarks/bench.py): the order of runs, pairwise ratios,
spreads, goals, its tables and its arguments, so that the harness cannot rot between runs.

Nothing here times anything: the one test that starts a process runs the launcher on a
command of a few milliseconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.render.test_scale import _bench

# The loader tests/render/test_scale.py uses for the benchmark's generator of inputs.
bench = _bench()


def test_runs_are_interleaved_round_by_round_after_a_warm_up_of_each() -> None:
    assert bench.schedule(["A", "B"], rounds=3) == [
        (0, "A"),
        (0, "B"),  # the warm-up round: each command once, first
        (1, "A"),
        (1, "B"),
        (2, "A"),
        (2, "B"),
        (3, "A"),
        (3, "B"),
    ]
    order = bench.schedule(["A", "B", "C"], rounds=2, warmups=0)
    assert [key for _, key in order] == ["A", "B", "C", "A", "B", "C"]


@pytest.mark.parametrize(("rounds", "warmups"), [(0, 1), (-1, 1), (2, -1)])
def test_a_schedule_without_timed_rounds_is_refused(rounds: int, warmups: int) -> None:
    with pytest.raises(ValueError):
        bench.schedule(["A"], rounds=rounds, warmups=warmups)


def test_ratios_are_taken_pair_by_pair_then_their_median() -> None:
    # The machine was twice as slow in the second round, for both commands: the pairs
    # still say 2×, where the ratio of the medians (3.0 / 1.0) would say 3×.
    subject = [2.0, 4.0, 2.0, 6.0]
    baseline = [1.0, 2.0, 1.0, 3.0]
    spread = bench.pairwise(subject, baseline)
    assert (spread.median, spread.low, spread.high) == (2.0, 2.0, 2.0)
    spread = bench.pairwise([1.0, 3.0, 2.0], [1.0, 1.0, 1.0])
    assert (spread.median, spread.low, spread.high) == (2.0, 1.0, 3.0)


def test_unpaired_runs_or_a_zero_baseline_are_refused() -> None:
    with pytest.raises(ValueError, match="not pairs"):
        bench.pairwise([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="no time"):
        bench.pairwise([1.0], [0.0])
    with pytest.raises(ValueError):
        bench.Spread.of([])


def test_a_spread_is_the_median_and_the_range() -> None:
    spread = bench.Spread.of([0.3, 0.1, 0.2, 0.9])
    assert (spread.median, spread.low, spread.high) == (pytest.approx(0.25), 0.1, 0.9)
    assert bench.time_text(spread) == "250 ms (100–900)"
    assert bench.time_text(bench.Spread.of([1.5, 2.25, 1.0])) == "1.50 s (1.00–2.25)"
    assert bench.ratio_text(bench.Spread(2.0, 1.5, 2.5)) == "2.00× (1.50–2.50)"


def test_a_goal_says_met_or_by_how_much_it_is_missed() -> None:
    goal = bench.Goal(2, "≤ 2× the polars read")
    assert goal.verdict(2.0) == "met"
    assert goal.verdict(1.2) == "met"
    assert goal.verdict(2.62) == "**missed** by 31%"
    assert goal.verdict(None) == "not measured"


def test_arguments() -> None:
    args = bench.parse_args([])
    assert (args.quick, args.large, args.runs, args.keep, args.json) == (
        False,
        False,
        None,
        None,
        None,
    )
    assert bench.parse_args(["--quick", "--runs", "4"]).runs == 4
    assert bench.parse_args(["--full"]).large is True
    assert bench.parse_args(["--large", "--json", "out.json"]).json == Path("out.json")


@pytest.mark.parametrize("argv", [["--quick", "--large"], ["--runs", "0"], ["--runs", "x"]])
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        bench.parse_args(argv)
    assert stopped.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_the_duckdb_verdicts_judge_the_thresholds_the_targets_file_states() -> None:
    specs = bench.target_specs(2850)
    assert len(specs) == bench.N_TARGETS
    assert [spec.kind for spec in specs].count("rate") == 20
    assert specs[0].threshold == 80 and specs[14].threshold == 94 and specs[15].threshold == 80
    assert {spec.threshold for spec in specs if spec.kind == "city"} == {2850}
    assert {spec.threshold for spec in specs if spec.kind == "count"} == {2}


def test_the_launcher_reports_time_peak_memory_and_exit_code() -> None:
    launcher = bench.Launcher(sys.executable, {})
    # The benchmark holds its inputs; a run started from a process this large would be
    # reported at least this large by the OS.
    held = bytearray(200 * 2**20)
    held[:: 2**12] = b"x" * (len(held) // 2**12)
    try:
        quiet = launcher.run([sys.executable, "-c", "print('to /dev/null')"])
        failed = launcher.run([sys.executable, "-c", "raise SystemExit(3)"])
        big = launcher.run(
            [sys.executable, "-c", "b = bytearray(64 * 2**20); b[::4096] = b'x' * (len(b) // 4096)"]
        )
    finally:
        launcher.close()
    assert quiet.exit_code == 0 and failed.exit_code == 3
    assert quiet.seconds > 0
    # The peak is the child's own, not that of the process that asked for it.
    assert 1 < quiet.peak_mib < 40, quiet
    assert len(held) == 200 * 2**20
    assert big.peak_mib > quiet.peak_mib + 50


def test_a_row_shows_a_commands_median_range_peak_and_ratio() -> None:
    section = bench.Section({"a": "A"}, {"a": [bench.Run(0.1, 20.0, 0)]})
    table = bench.Table("T", bench.COLUMNS)
    table.figure(section, "a")
    assert table.markdown()[2:5] == [
        "| " + " | ".join(bench.COLUMNS) + " |",
        "|" + "---|" * len(bench.COLUMNS),
        "| A | 100 ms (100–100) | 20 MiB | 1 (baseline) |  |  |",
    ]
    runs = {"a": [bench.Run(0.1, 20.0, 0), bench.Run(0.3, 30.0, 1)]}
    runs["b"] = [bench.Run(0.2, 10.0, 0), bench.Run(0.1, 10.0, 0)]
    section = bench.Section({"a": "A", "b": "B"}, runs)
    table.figure(section, "a", "b", bench.Goal(2, "≤ 2× B"))
    # Pairs 0.5× and 3×: median 1.75×, met; the last run's exit code is shown.
    assert table.rows[-1] == [
        "A, exit 1",
        "200 ms (100–300)",
        "25 MiB",
        "1.75× (0.50–3.00)",
        "≤ 2× B",
        "met",
    ]


def _figures(rows: int, file_mib: float, seconds: float, peak: float, ratio: float) -> dict:
    return {
        "rows": rows,
        "file_mib": file_mib,
        "seconds": {"table": seconds, "polars": seconds / ratio, "duckdb": seconds / ratio},
        "peak_mib": {"table": peak},
        "against_polars": bench.Spread(ratio, ratio - 0.5, ratio + 0.5),
    }


def test_the_tables_of_scaling_and_of_ten_million_rows() -> None:
    """They are printed only after minutes of runs (10M rows under --large): kept working here."""
    run = bench.Bench("python", "planctl", Path("."), False, None, None, set(), 0.0)
    national = _figures(1_026_000, 42.0, 4.0, 300.0, 4.0)
    large = _figures(10_260_000, 420.0, 40.0, 1800.0, 8.0)
    run.scaling([national, large])
    run.large_goals(national, large)
    run.large_goals(national, None)
    scaling, beyond, unmeasured = (table.markdown() for table in run.tables)
    # polars and DuckDB: 1 s at 1M rows, 5 s at 10M.
    assert "| 10,260,000 | 40.00 s | 8.00× | 10.00× | 5.00× | 5.00× | 1800 MiB | 6.00× |" in (
        scaling
    )
    assert beyond[4:7] == [
        "| 10,260,000 rows: planctl check against the polars read | 8.00× (7.50–8.50) "
        "| ≤ 3× the polars read | **missed** by 167% |",
        "| its peak memory (1800 MiB) against 1,026,000 rows | 6.00× for 10× the rows "
        "| < 10× (sublinear in rows) | met |",
        "| its peak memory against its file (420 MiB) | 4.29× the file "
        "| (≤ 4× the file is the goal at 1M rows) |  |",
    ]
    assert unmeasured[4].endswith("| not measured (run with --large) |")
