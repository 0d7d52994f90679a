"""Problems: their one-line form, and many of one kind summarised for people to read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.domain.problems import Problem, Severity, line_ranges, summarised
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
