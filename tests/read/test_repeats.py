"""Figures given twice in a file read in columns: the row reader's messages, the summary it
prints, exit 2, in a second for a file whose year column is blank or one year throughout."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.domain.problems import Problems, SubmissionError, summarised
from planctl.read.submissions import read_submissions
from tests.read.test_columns import TARGETS, assert_same

HEADER = "county,indicator,value,numerator,denominator,note,year\n"
COUNTIES = ["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市"]
RATE = "preschool_gross_enrolment_rate"


def row(n: int, year: str) -> str:
    """Row `n` of twelve figures a year (a rate with its parts and a count for each county),
    each year's different but the sixth's, which are the first year's again."""
    block, k = divmod(n, 12)
    county = COUNTIES[k % 6]
    same = 0 if block == 5 else block % 1000
    if k < 6:
        numerator, denominator = 8_000 + same + k, 10_000 + k
        value = f"{numerator / denominator * 100:.2f}"
        return f"{county},学前三年毛入园率,{value},{numerator},{denominator},,{year}\n"
    return f"{county},示范幼儿园,{same + 10 * k},,,,{year}\n"


def write(path: Path, rows: int, year: str) -> Path:
    path.write_text(HEADER + "".join(row(n, year) for n in range(rows)), encoding="utf-8")
    return path


@pytest.mark.parametrize("year", ["", "2017"], ids=["year blank", "one year throughout"])
def test_every_figure_repeated_prints_the_summary_of_the_row_reader_and_exits_2(
    runner: CliRunner, tmp_path: Path, year: str
) -> None:
    rows = 12_000
    path = write(tmp_path / "county.csv", rows, year)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""

    def rate(line: int, numerator: int, first: int, first_numerator: int, k: int) -> str:
        denominator = 10_000 + k
        return (
            f"{RATE} for {COUNTIES[k]} is given twice with different figures: "
            f"{numerator / denominator * 100:.2f} ({numerator:,}/{denominator:,}) here, "
            f"{first_numerator / denominator * 100:.2f} ({first_numerator:,}/{denominator:,})"
            f" at line {first}"
        ).replace("80.00 ", "80 ")

    def repeated(line: int, k: int) -> str:
        return (
            f"{path}:{line}: warning: indicator: {RATE} for {COUNTIES[k]} repeats line {k + 2}"
            " with the same figures; the repeat is ignored"
        )

    assert result.stderr.splitlines() == [
        *(
            f"{path}:{14 + k}: indicator: {rate(14 + k, 8_001 + k, 2 + k, 8_000 + k, k)}"
            for k in range(3)
        ),
        f"{path}:17: indicator: … and {rows - 24 - 3:,} more like the one at line 14"
        f" (lines 17-61, 74-{rows + 1})",
        *(repeated(62 + k, k) for k in range(3)),
        f"{path}:65: warning: indicator: … and 9 more like the one at line 62 (lines 65-73)",
    ]


def test_the_same_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "county.csv", 12_000, "")
    result = runner.invoke(app, ["check", "--lang", "zh", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{path}:14: 指标: 咸安区的 {RATE} 填报了两次且数据不同：此处为 80.01 (8,001/10,000)，"
        "第 2 行为 80 (8,000/10,000)"
    )
    assert (
        lines[3]
        == f"{path}:17: 指标: ……另有 11,973 处与第 14 行相同的问题（第 17-61, 74-12001 行）"
    )


@pytest.mark.parametrize("year", ["", "2017"])
def test_repeats_are_the_row_readers_problem_for_problem(tmp_path: Path, year: str) -> None:
    assert assert_same([write(tmp_path / "county.csv", 3_000, year)])[0] == "error"


def test_repeats_are_kept_compactly(tmp_path: Path) -> None:
    path = write(tmp_path / "county.csv", 12_000, "")
    with pytest.raises(SubmissionError) as raised:
        read_submissions([path], TARGETS)
    problems = raised.value.problems
    assert isinstance(problems, Problems) and len(problems) == 12_000 - 12
    # Two problems stand for them all (the errors, the warnings), not one a repeat.
    assert len(problems._like) == 2
    assert str(problems[-1]) == (
        f"{path}:12001: indicator: model_kindergartens for 赤壁市 is given twice with different"
        " figures: 1,109 here, 110 at line 13"
    )


@pytest.mark.slow
def test_two_hundred_thousand_rows_with_a_blank_year_take_under_a_second_of_cpu(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "county.csv", 200_000, "")

    def checked() -> float:
        start = time.process_time()
        with pytest.raises(SubmissionError) as raised:
            read_submissions([path], TARGETS)
        shown = [str(problem) for problem in summarised(raised.value.problems)]
        assert len(shown) == 8
        return time.process_time() - start

    checked()  # polars loaded, as a check would have
    # Before the repeats were kept as columns: 4.4-5.0 s (each made as the row reader does).
    assert checked() < 1.0
