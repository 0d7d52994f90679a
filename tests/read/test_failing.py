"""Rows failing as rows before them failed: counted from their cells' known problems, with the
messages, lines and summary the row-by-row reader gives, in seconds and bounded memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.domain.problems import Problems, SubmissionError
from planctl.read import columns as bulk
from planctl.read import failing
from planctl.read.layouts import LongLayout
from planctl.read.submissions import read_submissions
from tests.read.test_columns import TARGETS, assert_same

HEADER = "county,indicator,value,numerator,denominator,note,year\n"
HINT = "expected one of '咸安区', '嘉鱼县', '通城县', '崇阳县', '通山县', '赤壁市' or '市直学校'"


def national(rows: int, row: Callable[[int], str] = lambda n: "") -> str:
    """A national file as the benchmark's: counties × 30 indicators × 12 years, none of them
    in the 2017 targets (a user who forgot `--targets`); `row` makes a row of its own."""
    lines = [HEADER]
    for n in range(rows):
        county, rest = divmod(n, 360)
        year, target = divmod(rest, 30)
        lines.append(
            row(n)
            or f"测试县{county + 1:04},target_{target + 1:02},86.12,12102,14052,,{2006 + year}\n"
        )
    return "".join(lines)


@pytest.fixture
def rows_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The lines the row-by-row reader is asked to read."""
    lines: list[int] = []
    read = LongLayout.read

    def counted(self: LongLayout, row: bulk.Row) -> None:
        lines.append(row.line)
        read(self, row)

    monkeypatch.setattr(LongLayout, "read", counted)
    yield lines


@pytest.mark.slow
def test_a_national_file_against_the_wrong_targets_prints_its_summary_and_exits_2(
    runner: CliRunner, tmp_path: Path, rows_read: list[int]
) -> None:
    path = tmp_path / "all.csv"
    rows = 200_000
    path.write_text(national(rows), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    last = rows + 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        *(
            line
            for n in (2, 3, 4)
            for line in (
                f"{path}:{n}: county: unknown county '测试县0001'; {HINT}",
                f"{path}:{n}: indicator: unknown indicator 'target_{n - 1:02}'",
            )
        ),
        f"{path}:5: county: … and {rows - 3:,} more like the one at line 2 (lines 5-{last})",
        f"{path}:5: indicator: … and {rows - 3:,} more like the one at line 2 (lines 5-{last})",
    ]
    # Not one of them read row by row (each took tens of microseconds and a few objects).
    assert rows_read == []


def test_the_same_in_chinese(runner: CliRunner, tmp_path: Path, rows_read: list[int]) -> None:
    path = tmp_path / "all.csv"
    # Large enough for the column reader (COLUMNS_FROM).
    path.write_text(national(8_000), encoding="utf-8")
    result = runner.invoke(app, ["check", "--lang", "zh", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[1] == f"{path}:2: 指标: 未知指标 “target_01”"
    assert lines[6:] == [
        f"{path}:5: 县市区: ……另有 7,997 处与第 2 行相同的问题（第 5-8001 行）",
        f"{path}:5: 指标: ……另有 7,997 处与第 2 行相同的问题（第 5-8001 行）",
    ]
    assert rows_read == []


def good(n: int) -> tuple[str, str, str]:
    """A county, indicator and year of the 2017 targets for row `n`, each row's its own."""
    counties = ["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市"]
    indicator = ["学前三年毛入园率", "示范幼儿园"][n // 6 % 2]
    return counties[n % 6], indicator, f"{1950 + n // 12}"


def mass(kind: str, n: int) -> str:
    """Row `n` of a file wrong throughout in one way."""
    county, indicator, year = good(n)
    rate = indicator == "学前三年毛入园率"
    value, numerator, denominator = (
        ("", f"{8000 + n}", f"{9000 + n}") if rate else (f"{n % 9}", "", "")
    )
    match kind:
        case "year out of range":
            year = f"{1700 + n % 12}"
        case "year not a number":
            year = "二〇一七"
        case "value out of range":
            value, numerator, denominator = f"{-1 - n}", "", ""
        case "value n/a":
            value, numerator, denominator = "n/a", "", ""
        case "parts disagree":
            value = f"{50 + n % 7}.5" if rate else value
        case "county unknown":
            county = f"某县{n % 97}"
        case "county and indicator unknown":
            county, indicator = f"测试县{n // 360}", f"target_{n % 30}"
        case "county empty":
            county = ""
        case "indicator empty":
            indicator = ""
        case "year blank, figures repeated":
            year = ""
    return f"{county},{indicator},{value},{numerator},{denominator},,{year}\n"


KINDS = [
    "year out of range",
    "year not a number",
    "value out of range",
    "value n/a",
    "parts disagree",
    "county unknown",
    "county and indicator unknown",
    "indicator empty",
]


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_wrong_throughout_reads_as_row_by_row_without_reading_rows(
    tmp_path: Path, kind: str, rows_read: list[int]
) -> None:
    path = tmp_path / "county.csv"
    path.write_text(HEADER + "".join(mass(kind, n) for n in range(3_000)), encoding="utf-8")
    kind_, problems, _ = assert_same([path])
    assert kind_ == "error" and isinstance(problems, list) and len(problems) >= 1_500
    # The row-by-row reader read them for the comparison; the column reader not one.
    assert rows_read == list(range(2, 3_002))


@pytest.mark.parametrize("kind", ["county empty", "year blank, figures repeated"])
def test_rows_failing_otherwise_are_still_read_the_same(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "county.csv"
    path.write_text(HEADER + "".join(mass(kind, n) for n in range(2_000)), encoding="utf-8")
    assert assert_same([path])[0] == "error"


def test_failing_rows_among_others_keep_their_order_over_many_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quoted rows (read row by row), good rows, rows of another figure forgotten and worked
    out again, and failing rows, in batches of a few rows: every problem in its place."""
    monkeypatch.setattr(bulk, "BATCH_BYTES", 2_000)
    monkeypatch.setattr(failing, "_FIGURES_KEPT", 4)
    monkeypatch.setattr(failing, "_JUDGED_FROM", 8)
    kinds = [*KINDS, "good", "quoted", "comment", "total", "blank figure", "too many cells"]

    def row(n: int) -> str:
        kind = kinds[(n * 7) % len(kinds)]
        match kind:
            case "good":
                return mass("", n)
            case "quoted":
                return '"' + mass("county unknown", n).replace(",", '",', 1)
            case "comment":
                return "# " + mass("county unknown", n)
            case "total":
                return "合计" + mass("value n/a", n)[mass("value n/a", n).index(",") :]
            case "blank figure":
                county, indicator, year = good(n)
                return f"{county},{indicator},,,,,{year}\n"
            case "too many cells":
                return mass("county unknown", n)[:-1] + ",extra\n"
        return mass(kind, n)

    path = tmp_path / "county.csv"
    path.write_text(HEADER + "".join(row(n) for n in range(1_500)), encoding="utf-8")
    assert assert_same([path])[0] == "error"


def test_rows_after_one_that_ends_the_table_are_not_counted(tmp_path: Path) -> None:
    """A cell too long for the csv module ends the table there (csvrows.py): the failing rows
    after it are not the file's problems either."""
    rows = [mass("county unknown", n) for n in range(3_000)]
    rows[1_000] = "长" * 140_000 + "," + rows[1_000].partition(",")[2]
    path = tmp_path / "county.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    kind, problems, _ = assert_same([path])
    assert kind == "error" and isinstance(problems, list)
    assert problems[-1].startswith(f"{path}:1002: ")


def out_of_range(n: int) -> str:
    """Row `n` of a file whose every value is out of its valid range, each a different value."""
    county, indicator, _ = good(n)
    return f"{county},{indicator},{-1 - n},,,,2017\n"


def test_a_file_whose_every_value_is_out_of_range_prints_its_summary_and_exits_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "county.csv"
    rows = 12_000
    path.write_text(HEADER + "".join(out_of_range(n) for n in range(rows)), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        *(
            f"{path}:{n + 2}: value: {-1 - n} is outside the valid range of"
            " preschool_gross_enrolment_rate (0 to 200)"
            for n in range(3)
        ),
        f"{path}:5: value: … and {rows - 3:,} more like the one at line 2 (lines 5-{rows + 1})",
    ]


def test_distinct_problems_of_figures_are_kept_compactly(tmp_path: Path) -> None:
    path = tmp_path / "county.csv"
    path.write_text(HEADER + "".join(out_of_range(n) for n in range(12_000)), encoding="utf-8")
    with pytest.raises(SubmissionError) as raised:
        read_submissions([path], TARGETS)
    problems = raised.value.problems
    assert isinstance(problems, Problems) and len(problems) == 12_000
    # One problem stands for them all, each made from its figure when read (not 12,000).
    assert len(problems._like) == 1
    assert str(problems[-1]) == (
        f"{path}:12001: value: -12,000 is outside the valid range of model_kindergartens (0 to ∞)"
    )
