"""The column reader gives what the row-by-row reader gives: figures, problems, notes, lines."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.domain.problems import SubmissionError
from planctl.read import columns as bulk
from planctl.read import submissions
from planctl.read.submissions import COLUMNS_FROM, read_submissions
from planctl.targets.load import load_targets
from planctl.targets.models import TargetSet
from tests.conftest import DATA, FIXTURES, TARGETS_2017

TARGETS: TargetSet = load_targets(TARGETS_2017)

Outcome = tuple[object, ...]


def outcome(paths: list[Path], targets: TargetSet, columns: bool) -> Outcome:
    """Everything a reader makes of files, as comparable values."""
    try:
        submissions = read_submissions(paths, targets, columns=columns)
    except SubmissionError as exc:
        return ("error", [str(p) for p in exc.problems], [str(n) for n in exc.notes])
    return (
        "read",
        [
            (
                s.display,
                s.encoding,
                s.sha256,
                list(s.observations),
                [str(w) for w in s.warnings],
                [str(n) for n in s.notes],
            )
            for s in submissions
        ],
    )


def assert_same(paths: list[Path], targets: TargetSet = TARGETS) -> Outcome:
    by_columns = outcome(paths, targets, columns=True)
    assert by_columns == outcome(paths, targets, columns=False)
    return by_columns


@pytest.mark.parametrize(
    "path",
    [
        DATA,
        *sorted((FIXTURES / "submissions" / "bad").glob("*.csv")),
        *sorted((FIXTURES / "workbooks").glob("*.csv")),
        *sorted((FIXTURES / "reports").glob("*.csv")),
    ],
    ids=lambda path: path.name,
)
def test_fixtures_read_the_same(path: Path) -> None:
    assert_same([path])


COUNTIES = [n for c in TARGETS.counties for n in (c.name, *c.aliases)]
INDICATORS = [n for t in TARGETS.targets for n in t.names]
NUMBERS = st.one_of(
    st.integers(-5, 200_000).map(str),
    st.decimals(-5, 1000, places=3, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(
        [
            "88.4",
            "88.4%",
            " 88.4 % ",
            "８８．４％",
            "15,320",
            "1,5320",
            "0.884",
            "0",
            "-0",
            "+7",
            "1e3",
            "e5",
            ".5",
            "5.",
            "104",
            "1" * 400,
            "88.40",
            "\u221212",
            "12\u3000",
            "\x0c3",
            "abc",
            "3所",
            "5 所",
            "120个",
            "2,400人",
            "７名",
            "88所",
            "3元",
            # A ratio's (生师比): a fraction, one written to one, one with a % sign or a word.
            "16.8",
            "16.80",
            "16.8:1",
            "16.8%",
            "16.8人",
            "",
            "  ",
        ]
    ),
)
CELLS = st.one_of(NUMBERS, st.text(max_size=6))
YEARS = st.sampled_from(
    ["", "2017", "2016", " 2015 ", "２０１７", "2017.0", "1800", "year", "2018"]
)
NOTES = st.sampled_from(["", "ok", " spaced ", "\u3000全角\u3000", "\x1cx", "a,b"])


@st.composite
def rows(draw: st.DrawFn, targets: TargetSet = TARGETS) -> list[str]:
    """A long-layout row: mostly good figures, with every kind of mistake now and then."""
    counties = [n for c in targets.counties for n in (c.name, *c.aliases)]
    indicators = [n for t in targets.targets for n in t.names]
    county = draw(st.one_of(st.sampled_from(counties), st.sampled_from(["合计", "某县", "", "#x"])))
    indicator = draw(st.one_of(st.sampled_from(indicators), st.sampled_from(["nonsense", ""])))
    target = targets.find_target(indicator)
    if target is not None and target.has_parts and draw(st.booleans()):
        denominator = draw(st.integers(0, 50_000))
        numerator = draw(st.integers(0, 60_000))
        value = (
            f"{numerator * target.unit.scale / denominator:.{draw(st.integers(0, 3))}f}"
            if denominator and draw(st.booleans())
            else draw(NUMBERS)
        )
        cells = [value, str(numerator), str(denominator)]
    else:
        cells = [draw(NUMBERS), draw(st.sampled_from(["", "10"])), draw(st.just(""))]
    if draw(st.integers(0, 9)) == 0:
        cells = [draw(CELLS) for _ in cells]
    row = [county, indicator, *cells, draw(NOTES), draw(YEARS)]
    if draw(st.integers(0, 19)) == 0:
        row.append(draw(st.sampled_from(["", "extra"])))
    if draw(st.integers(0, 29)) == 0:
        row = row[: draw(st.integers(0, len(row)))]
    return row


def render(row: list[str], quote_all: bool) -> str:
    def cell(text: str) -> str:
        if quote_all or any(c in text for c in ',"\n\r'):
            return '"' + text.replace('"', '""') + '"'
        return text

    return ",".join(cell(text) for text in row)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(rows(), max_size=40),
    st.booleans(),
    st.sampled_from(["", "咸宁市学前教育统计表\n", "\n# a comment\n"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_random_files_read_the_same(
    body: list[list[str]], quote_all: bool, title: str, newline: str
) -> None:
    header = "county,indicator,value,numerator,denominator,note,year"
    lines = [*title.splitlines(), header, *(render(row, quote_all) for row in body)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "county.csv"
        path.write_bytes(newline.join(lines).encode("utf-8"))
        assert_same([path])


RATIO_TARGETS: TargetSet = load_targets(FIXTURES / "ratio" / "targets.yaml")


RATIO_CELLS = st.sampled_from(["16.8", "16.80", "16.8:1", "16.8%", "16.8人", "0.06", "-1", ""])


@st.composite
def ratio_rows(draw: st.DrawFn) -> list[str]:
    """A pupil–teacher ratio's row, mostly good: its value the quotient of its parts (not a
    hundred times it) as written to 0–3 decimals, or blank beside its parts, or alone."""
    county = draw(st.sampled_from(["咸安区", "嘉鱼县", "通城县", "咸安"]))
    indicator = draw(st.sampled_from(["生师比", "小学生师比", "初中生师比"]))
    year = draw(st.sampled_from(["2017", "2016", "2015", ""]))
    teachers = draw(st.integers(1, 900))
    # Some ratios under 1 too, whose hundredfold would still lie in the valid range (0–100).
    pupils = draw(st.one_of(st.integers(0, 25 * teachers), st.integers(0, teachers)))
    quotient = f"{pupils / teachers:.{draw(st.integers(0, 3))}f}"
    value, numerator, denominator = draw(
        st.sampled_from(
            [
                (quotient, str(pupils), str(teachers)),
                ("", str(pupils), str(teachers)),
                (quotient, "", ""),
                (draw(RATIO_CELLS), "", ""),
                (draw(RATIO_CELLS), str(pupils), str(teachers)),
            ]
        )
    )
    return [county, indicator, value, numerator, denominator, "", year]


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ratio_rows(), max_size=6), st.lists(rows(RATIO_TARGETS), max_size=2))
def test_random_ratio_files_read_the_same(ratios: list[list[str]], others: list[list[str]]) -> None:
    """Pupil–teacher ratios (unit ratio): fractions, parts whose quotient is not ×100, a %
    sign or a count's word refused; the column path accepts exactly what the row path does,
    and reads the same figures."""
    header = "county,indicator,value,numerator,denominator,note,year"
    lines = [header, *(render(row, False) for row in ratios + others)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "county.csv"
        path.write_bytes("\n".join(lines).encode("utf-8"))
        assert_same([path], RATIO_TARGETS)


def test_a_ratio_from_its_parts_is_their_quotient_on_both_paths(tmp_path: Path) -> None:
    path = tmp_path / "county.csv"
    path.write_text(
        "county,indicator,value,numerator,denominator\n"
        "咸安区,生师比,16.8,8400,500\n"
        "嘉鱼县,生师比,,80,500\n"
        "通城县,生师比,14.25,,\n",
        encoding="utf-8",
    )
    assert_same([path], RATIO_TARGETS)
    (submission,) = read_submissions([path], RATIO_TARGETS, columns=True)
    values = [(o.county, o.value) for o in submission.observations]
    assert values == [("咸安区", 16.8), ("嘉鱼县", 80 / 500), ("通城县", 14.25)]


def test_ratio_cells_read_the_same_by_both_readers(tmp_path: Path) -> None:
    """The column reader takes a ratio's fraction and its parts' plain quotient as the row
    reader does, and leaves what it refuses (a % sign, a count's word) to it."""
    path = tmp_path / "county.csv"
    path.write_text(
        "county,indicator,value,numerator,denominator\n"
        "咸安区,生师比,16.8,8400,500\n"
        "嘉鱼县,生师比,,8400,420\n"
        "通城县,生师比,14,,\n"
        "通城县,初中生师比,16.8%,,\n"
        "嘉鱼县,初中生师比,15人,,\n"
        "咸安区,初中生师比,13.9,4000,300\n",
        encoding="utf-8",
    )
    found = assert_same([path], RATIO_TARGETS)
    assert found[0] == "error"
    problems = "\n".join(found[1])  # type: ignore[arg-type]
    ratio = "junior_pupil_teacher_ratio is a ratio"
    assert f"county.csv:5: value: '16.8%' has a % sign, but {ratio}" in problems
    assert "county.csv:6: value: '15人' is written as a count, but junior_pupil_teacher_ratio" in (
        problems
    )
    # 4,000 / 300 is 13.33, not 13.9: the rounding of 13.9 allows ±0.05.
    assert "county.csv:7: value:" in problems and "13.33" in problems
    assert len(found[1]) == 3  # type: ignore[arg-type]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(rows(), max_size=8), min_size=1, max_size=6))
def test_many_files_read_the_same(files: list[list[list[str]]]) -> None:
    header = "county,indicator,value,numerator,denominator,note,year"
    with tempfile.TemporaryDirectory() as folder:
        for number, body in enumerate(files):
            text = "\n".join([header, *(render(row, False) for row in body)])
            (Path(folder) / f"county-{number}.csv").write_text(text, encoding="utf-8")
        assert_same([Path(folder)])


@pytest.mark.parametrize(
    "content",
    [
        # A line break in a quoted cell: lines and rows part ways.
        'county,indicator,value,note\n咸安区,示范幼儿园,9,"two\nlines"\n嘉鱼县,示范幼儿园,x\n',
        # A bare carriage return ends a line for the csv module, not for polars.
        "county,indicator,value\r咸安区,示范幼儿园,9\r嘉鱼县,示范幼儿园,x\r",
        # GB18030, as Excel on Chinese Windows writes it.
        "county,indicator,value\n咸安区,示范幼儿园,9\n嘉鱼县,示范幼儿园,x\n".encode("gb18030"),
        # Control characters: textfile.py judges whether it is text at all.
        "county,indicator,value\n咸安区,示范幼儿园,9\x01\n",
        # A bad quote.
        'county,indicator,value\n咸安区,示范幼儿园,"9\n',
        # The wide layout.
        "县(市、区),示范幼儿园\n咸安,9\n嘉鱼县,x\n",
        # Cells past the header's, one of them filled in.
        "county,indicator,value\n咸安区,示范幼儿园,9,,x\n嘉鱼县,示范幼儿园,4,\n",
        # A quote that never closes, and one that takes in rows.
        'county,indicator,value,note\n咸安区,示范幼儿园,9,"see\n嘉鱼县,示范幼儿园,4,\n',
        'county,indicator,value\n"咸安区,示范幼儿园,9\n嘉鱼县,示范幼儿园,4\n"x,y,1\n',
        # DOS's end-of-file mark, on a line of its own and not.
        "county,indicator,value\r\n咸安区,示范幼儿园,9\r\n\x1a",
        "county,indicator,value\r\n咸安区,示范幼儿园,9\r\n\x1a\r\n",
        "county,indicator,value\n咸安区,示范幼儿园,9\x1a",
        # Digits of other scripts; an unquoted decimal comma with cells past the header's.
        "county,indicator,value\n咸安区,示范幼儿园,٩\n嘉鱼县,学前三年毛入园率,𝟖𝟖\n",
        "county,indicator,value,numerator,denominator\n咸安区,毛入园率,88,51,21950,24800\n",
    ],
    ids=[
        "quoted-newline",
        "bare-cr",
        "gb18030",
        "control",
        "bad-quote",
        "wide",
        "overflow",
        "unclosed-quote",
        "stray-quote",
        "dos-eof-line",
        "dos-eof-line-end",
        "dos-eof-in-line",
        "other-digits",
        "decimal-comma",
    ],
)
def test_doubtful_files_read_the_same(tmp_path: Path, content: str | bytes) -> None:
    path = tmp_path / "county.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert_same([path])


def test_a_file_in_many_batches_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "BATCH_BYTES", 64)
    lines = ["county,indicator,value,numerator,denominator,note,year"]
    for year in range(2010, 2018):
        for county in ("咸安区", "嘉鱼县", "通城县"):
            lines.append(f"{county},学前三年毛入园率,,{year * 9},{year * 10},,{year}")
            lines.append(f"{county},示范幼儿园,{year % 7},,,note {year},{year}")
    lines.insert(20, "咸安区,示范幼儿园,x,,,,2016")
    lines.append("咸安区,示范幼儿园,3,,,,2010")
    path = tmp_path / "county.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kind, problems, _ = assert_same([path])
    assert kind == "error"
    assert problems == [
        f"{path}:21: value: 'x' is not a number",
        f"{path}:51: indicator: model_kindergartens for 咸安区 is given twice with different "
        "figures: 3 here, 1 at line 3",
    ]


def test_counts_with_their_unit_words_read_the_same(tmp_path: Path) -> None:
    """The column reader's fast grammar has no unit words: such rows go to the row reader,
    so both paths read `3所` as 3 and refuse `88所` on a percentage alike."""
    path = tmp_path / "county.csv"
    path.write_text(
        "county,indicator,value,numerator,denominator\n"
        "咸安区,示范幼儿园,9所,,\n"
        "嘉鱼县,示范幼儿园,5 所,,\n"
        "通城县,示范幼儿园,3元,,\n"
        "崇阳县,学前三年毛入园率,88所,,\n"
        '赤壁市,学前三年毛入园率,,"2,400人","2,700 人"\n',
        encoding="utf-8",
    )
    kind, problems, _ = assert_same([path])
    assert kind == "error"
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:4", f"{path}:5"]  # type: ignore[attr-defined]


def test_the_unit_words_of_counts_give_figures_by_both_readers(tmp_path: Path) -> None:
    path = tmp_path / "county.csv"
    path.write_text(
        "county,indicator,value,numerator,denominator\n"
        "咸安区,示范幼儿园,9所,,\n"
        '咸安区,学前三年毛入园率,,"2,400人","2,700 人"\n',
        encoding="utf-8",
    )
    kind, read = assert_same([path])
    assert kind == "read"
    observations = read[0][3]  # type: ignore[index]
    assert [(o.value, o.numerator) for o in observations] == [
        (9, None),
        (pytest.approx(2400 * 100 / 2700), 2400),
    ]


def _without_polars(monkeypatch: pytest.MonkeyPatch) -> None:
    """polars as a package installed without its dependencies, or a broken wheel, leaves it:
    importing it raises ImportError."""
    for name in [name for name in sys.modules if name == "polars" or name.startswith("polars.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "polars", None)


def _large_copy(tmp_path: Path) -> Path:
    """data/xianan.csv padded with comment rows past the size the column reader takes."""
    path = tmp_path / "xianan.csv"
    padding = ("# " + "x" * 98 + "\n") * (COLUMNS_FROM // 100 + 1)
    path.write_text(padding + (DATA / "xianan.csv").read_text(encoding="utf-8"), "utf-8")
    assert path.stat().st_size >= COLUMNS_FROM
    return path


def test_without_polars_a_large_file_is_read_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _large_copy(tmp_path)
    by_rows = outcome([path], TARGETS, columns=False)
    _without_polars(monkeypatch)
    without = outcome([path], TARGETS, columns=True)
    assert without != by_rows  # the note says why
    read: Any = without[1]
    expected: Any = by_rows[1]
    assert [entry[:5] for entry in read] == [entry[:5] for entry in expected]
    notes = read[0][5]
    assert notes[0].startswith(f"{path}: note: read row by row: polars")
    assert "pip install polars" in notes[0]


def test_without_polars_the_check_is_the_same_and_says_why_under_v(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    path = _large_copy(tmp_path)
    plain = runner.invoke(app, ["check", str(path)])
    _without_polars(monkeypatch)
    result = runner.invoke(app, ["check", "-v", str(path)])
    assert (result.exit_code, result.stdout) == (plain.exit_code, plain.stdout)
    assert "internal error" not in result.stderr
    assert f"{path}: note: read row by row: polars" in result.stderr
    quiet = runner.invoke(app, ["check", str(path)])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (plain.exit_code, plain.stdout, "")


def test_without_polars_a_file_slow_to_read_by_rows_gets_a_warning_always_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    """From SLOW_ROWS_FROM bytes in all, reading row by row takes minutes where polars takes
    seconds (the national file: 112 s against 5 s); said only under -v, the wait went
    unexplained. The limit is lowered here so that the test reads a small file."""
    path = _large_copy(tmp_path)
    other = tmp_path / "other" / "xianan.csv"
    other.parent.mkdir()
    other.write_text(path.read_text(encoding="utf-8").replace("咸安区", "嘉鱼县"), "utf-8")
    plain = runner.invoke(app, ["check", str(path)])
    _without_polars(monkeypatch)
    monkeypatch.setattr(submissions, "SLOW_ROWS_FROM", 2 * path.stat().st_size)
    small = runner.invoke(app, ["check", str(path)])
    assert (small.exit_code, small.stdout, small.stderr) == (plain.exit_code, plain.stdout, "")
    result = runner.invoke(app, ["check", str(path), str(other)])
    assert result.exit_code in (0, 1), result.stderr
    (line,) = [line for line in result.stderr.splitlines() if "polars" in line]
    assert line.startswith(f"{path}: warning: 0.5 MiB of CSV read row by row, about 1 s")
    assert "polars cannot be imported" in line and "pip install polars" in line


def test_a_value_written_past_the_rounding_table_is_judged_by_the_row_reader(
    tmp_path: Path,
) -> None:
    """A value with more decimals than the column reader's rounding table has gets no
    rounding there: the row reader, which has one for any number of decimals, judges it, so
    parts that disagree with it are refused on both paths."""
    value = "87." + "0" * 30 + "1"
    path = tmp_path / "county.csv"
    path.write_text(
        "county,indicator,value,numerator,denominator\n"
        f"赤壁市,学前三年毛入园率,{value},20010,30000\n"
        "赤壁市,公办园和普惠性民办园覆盖率,87.01,17410,20010\n",
        encoding="utf-8",
    )
    found = assert_same([path])
    assert found[0] == "error"
    problems = found[1]
    assert isinstance(problems, list)
    assert any("county.csv:2:" in problem for problem in problems)
