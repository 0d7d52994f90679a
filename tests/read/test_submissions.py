"""Reading submissions: encodings counties send, layouts, and every problem with its line."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from planctl.domain.problems import Severity, SubmissionError
from planctl.i18n.codes import Msg
from planctl.read.submissions import read_submission, read_submissions
from planctl.targets.models import TargetSet
from tests.conftest import DATA, FIXTURES, HEADER

WORKBOOKS = FIXTURES / "workbooks"

ROWS = '咸安区,学前三年毛入园率,88.51,"21,950","24,800",\n咸安区,示范幼儿园,9,,,\n'
Write = Callable[..., Path]


def codes(error: SubmissionError) -> list[tuple[int | None, Msg]]:
    return [(problem.line, problem.code) for problem in error.problems]


@pytest.mark.parametrize(
    ("encoding", "prefix", "newline", "expected"),
    [
        ("utf-8", b"", "\n", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "\n", "utf-8"),
        ("gbk", b"", "\r\n", "gb18030"),
        ("gb18030", b"", "\r\n", "gb18030"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n", "utf-16"),
    ],
)
def test_encodings_counties_send(
    write: Write, targets: TargetSet, encoding: str, prefix: bytes, newline: str, expected: str
) -> None:
    text = (HEADER + ROWS).replace("\n", newline)
    path = write(prefix + text.encode(encoding))
    submission = read_submission(path, targets)
    assert submission.encoding == expected
    gross, model = submission.observations
    assert (gross.county, gross.target_id, gross.value) == (
        "咸安区",
        "preschool_gross_enrolment_rate",
        88.51,
    )
    assert (gross.numerator, gross.denominator, gross.line) == (21950, 24800, 2)
    assert (model.target_id, model.value, model.line) == ("model_kindergartens", 9, 3)


def test_utf8_is_never_read_as_gb18030(write: Write, targets: TargetSet) -> None:
    # These UTF-8 bytes also decode as GB18030, to different characters.
    path = write(HEADER + "咸安区,学前三年毛入园率,88.51,,,\n")
    assert read_submission(path, targets).encoding == "utf-8"


def test_the_sample_gbk_file_reads(targets: TargetSet) -> None:
    submission = read_submission(DATA / "chongyang.csv", targets)
    assert submission.encoding == "gb18030"
    assert {o.county for o in submission.observations} == {"崇阳县"}
    assert len(submission.observations) == 14
    assert {o.year for o in submission.observations} == {2016, 2017}


def test_input_is_not_modified(targets: TargetSet) -> None:
    before = {path: path.read_bytes() for path in DATA.glob("*.csv")}
    read_submissions(sorted(before), targets)
    assert {path: path.read_bytes() for path in before} == before


def test_columns_in_any_order_and_extra_columns_ignored(write: Write, targets: TargetSet) -> None:
    path = write("Note, VALUE ,unit,County,Indicator\nok,9,所,咸安,示范幼儿园\n")
    (observation,) = read_submission(path, targets).observations
    assert (observation.county, observation.value, observation.note) == ("咸安区", 9, "ok")


def test_comments_blank_rows_and_tabs(write: Write, targets: TargetSet) -> None:
    path = write("# illustrative\n\ncounty\tindicator\tvalue\n\n# a note\n咸安区\t无证办园\t0\n")
    (observation,) = read_submission(path, targets).observations
    assert (observation.target_id, observation.line) == ("unlicensed_kindergartens", 6)


def test_semicolons(write: Write, targets: TargetSet) -> None:
    path = write("county;indicator;value\n咸安区;无证办园;0\n")
    assert len(read_submission(path, targets).observations) == 1


def test_value_computed_from_parts_when_blank(write: Write, targets: TargetSet) -> None:
    path = write(HEADER + "咸安区,毛入园率,,21950,24800,\n")
    (observation,) = read_submission(path, targets).observations
    assert observation.value == pytest.approx(88.508, abs=1e-3)


def test_value_agrees_with_parts_within_written_rounding(write: Write, targets: TargetSet) -> None:
    good = write(
        HEADER + "咸安区,毛入园率,88.5,21950,24800,\n咸安区,普惠园覆盖率,88%,19320,21950,\n"
    )
    assert len(read_submission(good, targets).observations) == 2
    bad = write(HEADER + "咸安区,毛入园率,88.6,21950,24800,\n")
    with pytest.raises(SubmissionError) as caught:
        read_submission(bad, targets)
    assert codes(caught.value) == [(2, Msg.RATIO_DISAGREES)]


def test_multi_line_quoted_cell_keeps_line_numbers(write: Write, targets: TargetSet) -> None:
    path = write(HEADER + '咸安区,无证办园,0,,,"two\nlines"\n咸安区,示范幼儿园,x,,,\n')
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    assert codes(caught.value) == [(4, Msg.VALUE_NOT_NUMBER)]


def test_identical_repeat_is_a_warning(write: Write, targets: TargetSet) -> None:
    path = write(HEADER + "咸安区,示范幼儿园,9,,,\n咸安,model_kindergartens,9,,,\n")
    submission = read_submission(path, targets)
    assert len(submission.observations) == 1
    (warning,) = submission.warnings
    assert (warning.line, warning.level, warning.code) == (3, Severity.WARNING, Msg.ROW_REPEATED)


def test_all_problems_of_all_files_are_reported(write: Write, targets: TargetSet) -> None:
    one = write(HEADER + "咸安区,毛入园率,x,,,\n咸安区,普惠园覆盖率,104,,,\n", name="one.csv")
    two = write(HEADER + "嘉鱼县,nonsense,1,,,\n", name="two.csv")
    with pytest.raises(SubmissionError) as caught:
        read_submissions([one, two], targets)
    assert [(p.path, p.line, p.code) for p in caught.value.problems] == [
        (str(one), 2, Msg.VALUE_NOT_NUMBER),
        (str(one), 3, Msg.VALUE_OUT_OF_RANGE),
        (str(two), 2, Msg.ROW_INDICATOR_UNKNOWN),
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", Msg.FILE_EMPTY),
        (b"\xef\xbb\xbf  \r\n", Msg.FILE_EMPTY),
        (b"PK\x03\x04rest-of-a-workbook", Msg.WORKBOOK_UNREADABLE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old-xls", Msg.WORKBOOK_UNREADABLE),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", Msg.FILE_BINARY),
        (bytes(range(1, 32)) * 20, Msg.FILE_BINARY),
        (b"county,indicator,value\n\xff\xfe\xfd\x80", Msg.FILE_ENCODING),
    ],
)
def test_unusable_files(write: Write, targets: TargetSet, content: bytes, code: Msg) -> None:
    with pytest.raises(SubmissionError) as caught:
        read_submission(write(content), targets)
    assert [p.code for p in caught.value.problems] == [code]


def test_missing_file_and_empty_directory(tmp_path: Path, targets: TargetSet) -> None:
    (tmp_path / "notes.txt").write_text("not a submission", encoding="utf-8")
    with pytest.raises(SubmissionError) as caught:
        read_submissions([tmp_path / "absent.csv", tmp_path], targets)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        (str(tmp_path / "absent.csv"), Msg.FILE_NOT_FOUND),
        (str(tmp_path), Msg.DIR_NO_SUBMISSIONS),
    ]


def test_directories_are_searched_for_submissions(tmp_path: Path, targets: TargetSet) -> None:
    (tmp_path / "2017" / "late").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("2017/b.csv", "2017/late/a.CSV", ".git/x.csv", "2017/~$b.csv", "c.txt"):
        (tmp_path / name).write_text(HEADER + "咸安区,无证办园,0,,,\n", encoding="utf-8")
    files = [s.path for s in read_submissions([tmp_path / "2017" / "b.csv", tmp_path], targets)]
    assert files == [tmp_path / "2017" / "b.csv", tmp_path / "2017" / "late" / "a.CSV"]


def test_directories_include_workbooks(tmp_path: Path, targets: TargetSet) -> None:
    (tmp_path / "book.xlsx").write_bytes((WORKBOOKS / "long.xlsx").read_bytes())
    (tmp_path / "~$book.xlsx").write_bytes(b"lock file Excel leaves beside an open workbook")
    (tmp_path / "a.csv").write_text(HEADER + "嘉鱼县,无证办园,0,,,\n", encoding="utf-8")
    files = [s.path.name for s in read_submissions([tmp_path], targets)]
    assert files == ["a.csv", "book.xlsx"]


WIDE_HEADER = (
    "县(市、区),学前三年毛入园率（%）,学前三年毛入园率分子,学前三年毛入园率分母,"
    "示范幼儿园(所),备注\n"
)


def test_the_wide_layout(write: Write, targets: TargetSet) -> None:
    path = write(
        "咸宁市学前教育统计表,,,,,\n"
        + WIDE_HEADER
        + ",%,人,人,所,\n"
        + '咸安,88.51%,"21,950",24800,9,\n'
        + "通城县,,19600,23900,,未报示范园\n"
        + "合计,,41550,48700,9,\n"
    )
    submission = read_submission(path, targets)
    assert [
        (o.county, o.target_id, round(o.value, 2), o.line) for o in submission.observations
    ] == [
        ("咸安区", "preschool_gross_enrolment_rate", 88.51, 4),
        ("咸安区", "model_kindergartens", 9, 4),
        ("通城县", "preschool_gross_enrolment_rate", 82.01, 5),
    ]
    assert submission.observations[2].note == "未报示范园"
    assert [(n.line, n.code) for n in submission.notes] == [
        (None, Msg.NOTE_CSV_READ),
        (2, Msg.NOTE_LAYOUT_WIDE),
        (3, Msg.NOTE_UNIT_ROW),
        (6, Msg.NOTE_TOTAL_ROW),
    ]


def test_wide_problems_name_the_column_as_written(write: Write, targets: TargetSet) -> None:
    path = write(
        WIDE_HEADER
        + "咸安区,90,21950,24800,9%,\n"
        + "嘉鱼县,88.5,21950,,x,\n"
        + ",88.5,,,1,\n"
        + "咸安,,,,8,\n"
        + "咸安区,,,,7,\n"
    )
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    assert [str(p).removeprefix(f"{path}:") for p in caught.value.problems] == [
        "2: 学前三年毛入园率（%）: value 90 disagrees with numerator/denominator 21,950/24,800 = "
        "88.51 (the value as written allows ±0.5)",
        "2: 示范幼儿园(所): '9%' has a % sign, but model_kindergartens is a count",
        "3: 学前三年毛入园率分子: give both numerator and denominator, or neither (numerator only)",
        "3: 示范幼儿园(所): 'x' is not a number",
        "4: county: the county is empty",
        "6: 示范幼儿园(所): model_kindergartens for 咸安区 is given twice with different figures: "
        "7 here, 8 at line 5",
    ]


def test_wide_columns_that_name_nothing(write: Write, targets: TargetSet) -> None:
    path = write("序号,县市区,学前三年毛入学率,示范幼儿园\n1,咸安区,88.51,9\n")
    submission = read_submission(path, targets)
    assert [o.target_id for o in submission.observations] == ["model_kindergartens"]
    (warning,) = submission.warnings
    assert str(warning) == (
        f"{path}:1: warning: column '学前三年毛入学率' is not a known indicator and is ignored; "
        "did you mean '学前三年毛入园率'?"
    )
    assert any(
        n.code is Msg.NOTE_COLUMN_IGNORED and n.fields["column"] == "序号" for n in submission.notes
    )


def test_a_wide_part_without_its_indicator(write: Write, targets: TargetSet) -> None:
    path = write("县市区,学前三年毛入园率,分子,分母\n咸安区,88.51,21950,24800\n")
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    assert [p.code for p in caught.value.problems] == [Msg.WIDE_PART_ALONE] * 2
    assert "name it like '学前三年毛入园率分子'" in str(caught.value.problems[0])


def test_a_title_row_above_a_long_header(write: Write, targets: TargetSet) -> None:
    path = write("咸宁市教育统计表,,\n\n县市区,指标,数值\n咸安,毛入园率(%),88.5\n")
    (observation,) = read_submission(path, targets).observations
    assert (observation.county, observation.value, observation.line) == ("咸安区", 88.5, 4)


def test_an_empty_wide_row_reports_nothing(write: Write, targets: TargetSet) -> None:
    path = write(WIDE_HEADER + "咸安区,,,,,\n")
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    assert [(p.line, p.code) for p in caught.value.problems] == [(1, Msg.CSV_NO_ROWS)]


def test_a_binary_submission_says_how_to_save_it(write: Write, targets: TargetSet) -> None:
    path = write(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    assert str(caught.value) == (
        f"{path}: not a text file (it holds NUL bytes); save the sheet as CSV UTF-8 or as an "
        "Excel workbook (.xlsx)"
    )


@pytest.mark.parametrize("end", ["\x1a", "\r\n\x1a", "\r\n\x1a\r\n", "\x1a\n"])
def test_a_dos_end_of_file_mark_ends_the_file(write: Write, targets: TargetSet, end: str) -> None:
    """Old DOS tools end a text file with Ctrl-Z, often on a line of its own: not a row with
    the county '\\x1a'."""
    text = (HEADER + "咸安区,示范幼儿园,9,,,").replace("\n", "\r\n")
    submission = read_submission(write(text + end), targets)
    assert [(o.county, o.value, o.line) for o in submission.observations] == [("咸安区", 9, 2)]


@pytest.mark.parametrize(
    ("content", "line", "column", "byte"),
    [
        (
            "county,indicator,value\n咸安区,示范幼".encode() + b"\xff" + "儿园,9\n".encode(),
            2,
            8,
            "0xff",
        ),
        (codecs.BOM_UTF8 + b"\xffcounty\n", 1, 1, "0xff"),
        # GBK that reads further than UTF-8 does: its bad byte is the one named.
        (b"county,indicator,value\r\n\xcf\xcc\xb0\xb2\xc7\xf8,x,\xff\r\n", 2, 7, "0xff"),
        (b"a\rb\r\n\xff", 3, 1, "0xff"),
    ],
)
def test_undecodable_bytes_are_placed_by_line_and_column(
    write: Write, targets: TargetSet, content: bytes, line: int, column: int, byte: str
) -> None:
    with pytest.raises(SubmissionError) as caught:
        read_submission(write(content), targets)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == (Msg.FILE_ENCODING, line)
    assert f"byte {byte} at column {column} of this line" in problem.message
