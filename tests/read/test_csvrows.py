"""CSV text → rows: quotes that never close, quotes that take in rows, lines of each row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.read.csvrows import _open_quote, csv_table
from planctl.read.submissions import COLUMNS_FROM
from tests.conftest import DATA, HEADER


def read(text: str) -> tuple[list[tuple[int, list[str]]], list[str], list[str]]:
    table = csv_table(text, "county.csv", "utf-8")
    rows = [(row.line, row.cells) for row in table.rows]
    return rows, [str(p) for p in table.problems], [str(w) for w in table.warnings]


def test_an_unclosed_quote_is_an_error_where_it_opens() -> None:
    rows, problems, _ = read(HEADER + '咸安区,示范幼儿园,9,,,"see attached\n咸安区,x,1,,,\n\n')
    assert [line for line, _ in rows] == [1]
    assert len(problems) == 1
    assert problems[0].startswith('county.csv:2: a quoted cell opens here ("see attached)')
    assert "(3 line(s) from here)" in problems[0]


def test_an_unclosed_quote_on_the_last_line_is_an_error() -> None:
    _, problems, _ = read(HEADER + '咸安区,示范幼儿园,"9')
    assert [p.split(": ")[0] for p in problems] == ["county.csv:2"]


def test_an_unclosed_quote_after_a_closed_multiline_one_is_placed_on_its_own_line() -> None:
    text = HEADER + '咸安区,示范幼儿园,9,,,"one\ntwo"\n咸安区,x,1,,,"three\nfour\n'
    rows, problems, _ = read(text)
    assert [line for line, _ in rows] == [1, 2]
    assert [p.split(": ")[0] for p in problems] == ["county.csv:4"]


def test_a_quoted_line_break_is_valid_and_says_nothing() -> None:
    rows, problems, warnings = read(HEADER + '咸安区,示范幼儿园,9,,,"two lines,\nof note"\n')
    assert rows[1] == (2, ["咸安区", "示范幼儿园", "9", "", "", "two lines,\nof note"])
    assert (problems, warnings) == ([], [])


@pytest.mark.parametrize(
    ("taken", "said"),
    [
        (["咸安区,x,1,,,"], "3 lines, 1 of which looks like a row of the table"),
        (["咸安区,x,1,,,", "咸安区,z,3,,,"], "4 lines, 2 of which look like rows of the table"),
    ],
    ids=["one-row", "two-rows"],
)
def test_a_quote_that_takes_in_rows_is_a_warning_where_it_opens(
    taken: list[str], said: str
) -> None:
    rows_ = ["咸安区,示范幼儿园,9,,,", '"咸安区,毛入园率,88,,,', *taken, '"咸安区,y,2,,,']
    text = HEADER + "\n".join(rows_) + "\n"
    rows, problems, warnings = read(text)
    assert problems == []
    assert [line for line, _ in rows] == [1, 2, 3]
    assert warnings == [
        'county.csv:3: warning: a quoted cell opens here ("咸安区,毛入园率,88,,,) and runs over '
        f'{said}; is a closing quote (") missing?'
    ]


def test_an_escaped_quote_does_not_close_a_cell() -> None:
    assert _open_quote('a,"b""\n', ",") == 2
    assert _open_quote('a,"b"""\n', ",") is None
    assert _open_quote('a,b"c\n', ",") is None  # a quote inside a cell is only a character


@given(st.text(alphabet='",a\n\r', max_size=24))
def test_the_quote_scanner_agrees_with_the_csv_module(text: str) -> None:
    """Where the csv module in strict mode finds the end of the data inside quotes, the
    scanner finds an unclosed quote; where it reads the text, none."""

    class Strict(csv.excel):
        strict = True

    try:
        list(csv.reader(io.StringIO(text, newline=""), Strict))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            assert _open_quote(text, ",") is not None
        return
    assert _open_quote(text, ",") is None


def test_an_unclosed_quote_in_a_large_file_exits_2_naming_its_line(tmp_path: Path) -> None:
    """Read by the column reader (over COLUMNS_FROM bytes): the rows after the quote must not
    vanish into a note."""
    header, *rows = (DATA / "xianan.csv").read_text(encoding="utf-8").splitlines()[1:]
    lines = [header + ",year"]
    for year in range(1901, 2101):
        note = "filled in by the county statistics office and the bureau"
        lines += [f"{row}{note},{year}" for row in rows]
    opened = len(lines) - 40
    lines[opened - 1] = lines[opened - 1].replace("filled in", '"see attached', 1)
    path = tmp_path / "county.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > COLUMNS_FROM
    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100"})
    result = runner.invoke(app, ["check", "--year", "2017", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:{opened}: a quoted cell opens here")


def _quote_problems(tmp_path: Path, lines: list[str]) -> list[str]:
    path = tmp_path / "xianan.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    return [line.removeprefix(f"{path}:") for line in result.stderr.splitlines()]


def test_a_stray_quote_s_message_replaces_the_errors_of_the_row_it_broke(tmp_path: Path) -> None:
    """The QA pass's file: a quote at the start of a county cell, closed three rows later.
    stderr said 'unknown county \'咸安区,unlicensed_…\\x0a…\'', then 'the indicator is empty',
    and only third the warning that explains both; the row is the quote's doing."""
    lines = (DATA / "xianan.csv").read_text(encoding="utf-8").splitlines()[2:]
    lines[2], lines[5] = '"' + lines[2], lines[5] + '"'
    assert _quote_problems(tmp_path, lines) == [
        '4: a quoted cell opens here ("咸安区,township_inclusive_…) and runs over 4 lines, 3 '
        'of which look like rows of the table; is a closing quote (") missing?'
    ]


def test_a_note_over_lines_like_rows_keeps_the_row_s_errors_after_its_warning(
    tmp_path: Path,
) -> None:
    """A quoted note in the last column may hold line breaks: the row is read, so its own
    errors stay, each said after the warning about the quote that may explain it."""
    lines = ['咸安区,示范幼儿园,-9,,,"as sent:', "咸安区,a,1,,,", '咸安区,b,2,,,"']
    problems = _quote_problems(tmp_path, lines)
    assert problems[0].startswith("2: warning: a quoted cell opens here")
    assert len(problems) == 2 and problems[1].startswith("2: value: ")
