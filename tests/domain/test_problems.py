"""Problems: their one-line form, and many of one kind summarised for people to read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.domain.problems import (
    FULL_UP_TO,
    SHOWN,
    Problem,
    Problems,
    Severity,
    _kind,
    _more,
    in_line_order,
    line_ranges,
    summarised,
)
from planctl.i18n.codes import Msg
from tests.conftest import HEADER


def repeat(line: int, path: str = "c.csv", cell: str | None = None) -> Problem:
    fields: dict[str, object] = {
        "indicator": "model_kindergartens",
        "county": "咸安区",
        "first_place": "line 2",
        "value": "9",
        "first_value": "9",
    }
    return Problem(Msg.ROW_REPEATED, path, line, "indicator", fields, Severity.WARNING, cell)


def test_line_ranges_are_compact() -> None:
    assert line_ranges([5, 6, 7, 9, 12, 13, 2]) == "2, 5-7, 9, 12-13"
    assert line_ranges([4]) == "4"
    assert line_ranges([]) == ""


def test_a_few_of_a_kind_are_all_shown() -> None:
    problems = [repeat(line) for line in range(3, 8)]
    assert summarised(problems) == problems


def test_many_of_a_kind_are_counted_with_their_lines() -> None:
    problems = [repeat(line) for line in [*range(3, 10), 20, 21, 30]]
    shown = summarised(problems)
    assert shown[:3] == problems[:3]
    assert [str(p) for p in shown[3:]] == [
        "c.csv:6: warning: indicator: … and 7 more like the one at line 3 (lines 6-9, 20-21, 30)"
    ]


def test_kinds_are_per_file_level_code_and_field_and_keep_their_order() -> None:
    value = Problem(Msg.VALUE_NOT_NUMBER, "c.csv", 4, "value", {"text": "x"})
    other_file = [repeat(line, "d.csv") for line in range(2, 5)]
    problems = [repeat(line) for line in range(2, 12)] + other_file
    problems.insert(3, value)
    shown = summarised(problems)
    assert [p.code for p in shown] == [
        Msg.ROW_REPEATED,
        Msg.ROW_REPEATED,
        Msg.ROW_REPEATED,
        Msg.VALUE_NOT_NUMBER,
        Msg.PROBLEMS_MORE,
        *[Msg.ROW_REPEATED] * 3,
    ]
    assert shown[4].fields["count"] == "7" and shown[4].line == 5
    assert shown[5:] == other_file


def test_a_workbook_names_rows_of_its_sheet() -> None:
    problems = [repeat(row, "c.xlsx", f"Sheet1!B{row}") for row in range(2, 10)]
    assert str(summarised(problems)[3]) == (
        "c.xlsx:Sheet1!B5: warning: indicator: … and 5 more like the one at Sheet1!B2 "
        "(rows 5-9 of sheet 'Sheet1')"
    )


def test_problems_without_a_line_are_never_summarised() -> None:
    problems = [Problem(Msg.FILE_EMPTY, f"{i}.csv") for i in range(10)]
    assert summarised(problems) == problems


@pytest.mark.slow
@pytest.mark.parametrize("columns", [False, True], ids=["row by row", "in columns"])
def test_ten_thousand_repeated_rows_print_four_lines(
    runner: CliRunner, tmp_path: Path, columns: bool
) -> None:
    # Large enough for the column reader, or not.
    rows = 10_000 if columns else 2_000
    path = tmp_path / "county.csv"
    path.write_text(HEADER + "咸安区,示范幼儿园,9,,,\n" * (rows + 1), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *(
            f"{path}:{line}: warning: indicator: model_kindergartens for 咸安区 repeats line 2 "
            "with the same figures; the repeat is ignored"
            for line in (3, 4, 5)
        ),
        f"{path}:6: warning: indicator: … and {rows - 3:,} more like the one at line 3 "
        f"(lines 6-{rows + 2})",
    ]


def test_errors_of_one_kind_are_summarised_too_and_still_exit_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    rows = "".join(f"咸安区,示范幼儿园,{n},,,\n" for n in range(1, 1_001))
    path = tmp_path / "county.csv"
    path.write_text(HEADER + rows + "咸安区,学前三年毛入园率,x,,,\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 5
    assert lines[0] == (
        f"{path}:3: indicator: model_kindergartens for 咸安区 is given twice with different "
        "figures: 2 here, 1 at line 2"
    )
    assert lines[3] == (
        f"{path}:6: indicator: … and 996 more like the one at line 3 (lines 6-1001)"
    )
    assert lines[4] == f"{path}:1002: value: 'x' is not a number"


def _summarised_one_by_one(problems: list[Problem]) -> list[Problem]:
    """The summary worked out problem by problem, as it was before the compact form."""
    kinds: dict[tuple[object, ...], list[Problem]] = {}
    for problem in problems:
        key = _kind(problem)
        if key is not None:
            kinds.setdefault(key, []).append(problem)
    shown: list[Problem] = []
    seen: dict[tuple[object, ...], int] = {}
    for problem in problems:
        key = _kind(problem)
        same = kinds.get(key) if key is not None else None
        if key is None or same is None or len(same) <= FULL_UP_TO:
            shown.append(problem)
            continue
        position = seen[key] = seen.get(key, -1) + 1
        if position < SHOWN:
            shown.append(problem)
        elif position == SHOWN:
            rest = same[SHOWN:]
            shown.append(_more(same[0], rest[0], [p.line for p in rest if p.line is not None]))
    return shown


PROBLEMS = st.builds(
    Problem,
    st.sampled_from([Msg.VALUE_NOT_NUMBER, Msg.ROW_COUNTY_UNKNOWN, Msg.FILE_EMPTY]),
    st.sampled_from(["c.csv", "d.csv"]),
    st.one_of(st.none(), st.integers(1, 40)),
    st.sampled_from([None, "value", "county"]),
    st.dictionaries(st.sampled_from(["text", "county"]), st.sampled_from(["x", "y"])),
    st.sampled_from(list(Severity)),
    st.sampled_from([None, "Sheet1!B4", "'表 1'!C9"]),
)


@given(st.lists(PROBLEMS, max_size=60))
def test_the_compact_form_keeps_every_problem_in_order(problems: list[Problem]) -> None:
    compact = Problems(problems)
    assert list(compact) == problems and len(compact) == len(problems)
    assert compact == problems and compact[len(problems) // 2 :] == problems[len(problems) // 2 :]
    assert list(in_line_order(problems[:7], compact, problems[3:])) == sorted(
        problems[:7] + problems + problems[3:], key=lambda p: p.line or 0
    )


@given(st.lists(PROBLEMS, max_size=80))
def test_the_summary_is_the_one_worked_out_problem_by_problem(problems: list[Problem]) -> None:
    assert summarised(problems) == _summarised_one_by_one(problems)
    assert summarised(Problems(problems)) == _summarised_one_by_one(problems)


def test_a_million_problems_alike_take_megabytes_and_are_summarised_in_a_second() -> None:
    problems = Problems()
    like = [
        problems.like(Problem(Msg.VALUE_NOT_NUMBER, "c.csv", 2, "value", {"text": t}))
        for t in ("n/a", "-", "x")
    ]
    problems.add_many(range(2, 1_000_002), (like[n % 3] for n in range(1_000_000)))
    started = time.process_time()
    shown = [str(problem) for problem in summarised(problems)]
    # 0.4 s of CPU on the development machine; making the million problems alone takes 4 s.
    assert time.process_time() - started < 2
    assert shown[3] == (
        "c.csv:5: value: … and 999,997 more like the one at line 2 (lines 5-1000001)"
    )
    assert len(problems) == 1_000_000 and len(problems._like) == 3
