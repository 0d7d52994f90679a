"""Reading workbooks: cells as people see them, sheets chosen, problems named by cell.

Workbooks written by a real spreadsheet program (LibreOffice Calc, committed under
fixtures/workbooks, see make_workbooks.py there) and by a library (openpyxl, written here).
"""

from __future__ import annotations

import datetime
import time
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.cell import get_column_letter
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.domain.problems import Severity, SubmissionError
from planctl.domain.values import parse_number
from planctl.files.limits import MAX_SHEET_COLUMNS
from planctl.i18n.codes import Msg
from planctl.read.submissions import Observation, read_submission
from planctl.read.workbook import cell_text, is_percent_format, read_workbook
from planctl.targets.models import TargetSet
from tests.conftest import DATA, FIXTURES
from tests.read.test_archive import SHEET_END, SHEET_START, _with_sheet

WORKBOOKS = FIXTURES / "workbooks"
Rows = list[list[object]]


def figures(observations: Sequence[Observation]) -> set[tuple[object, ...]]:
    """What an observation says, apart from where it was written."""
    return {
        (o.county, o.target_id, round(o.value, 6), o.numerator, o.denominator, o.year)
        for o in observations
    }


def canonical(targets: TargetSet) -> set[tuple[object, ...]]:
    return figures(read_submission(WORKBOOKS / "canonical.csv", targets).observations)


def make_workbook(
    path: Path, rows: Rows, formats: dict[str, str] | None = None, title: str = "Sheet1"
) -> Path:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)
    return path


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    def make(rows: Rows, formats: dict[str, str] | None = None, **kwargs: str) -> Path:
        return make_workbook(tmp_path / "county.xlsx", rows, formats, **kwargs)

    return make


@pytest.mark.parametrize("name", ["wide.xlsx", "wide.xls", "long.xlsx", "wide.csv"])
def test_libreoffice_files_hold_the_canonical_figures(targets: TargetSet, name: str) -> None:
    """Title rows, Chinese headers with units, % formats, formulas, text numbers, short names."""
    submission = read_submission(WORKBOOKS / name, targets)
    assert figures(submission.observations) == canonical(targets)
    assert submission.warnings == []


def test_an_instructions_sheet_is_skipped_with_a_note(targets: TargetSet) -> None:
    notes = [str(note) for note in read_submission(WORKBOOKS / "wide.xlsx", targets).notes]
    assert any(":填表说明: note: sheet skipped" in note for note in notes)
    assert any(
        ":学前教育!A2: note: wide layout" in note and "1 row(s) above" in note for note in notes
    )


def test_a_library_written_workbook(targets: TargetSet, xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        [
            ["咸宁市学前教育统计表"],
            ["县市区", "指标", "数值", "分子", "分母", "备注"],
            ["咸安", "学前三年毛入园率（%）", 0.8851, 21950, 24800, None],
            ["咸安区", "示范幼儿园", "9", None, None, "数字存为文本"],
            ["咸安区", "普惠园覆盖率", "88.02%", "19,320", "21950", None],
        ],
        {"C3": "0.0%"},
    )
    gross, model, coverage = read_submission(path, targets).observations
    assert (gross.county, gross.value, gross.cell, gross.line) == ("咸安区", 88.51, "Sheet1!B3", 3)
    assert (model.value, model.note) == (9, "数字存为文本")
    assert (coverage.value, coverage.numerator) == (88.02, 19320)


def test_every_problem_names_its_cell(targets: TargetSet) -> None:
    with pytest.raises(SubmissionError) as caught:
        read_submission(WORKBOOKS / "broken.xlsx", targets)
    assert [str(p).split(str(WORKBOOKS) + "/")[1] for p in caught.value.problems] == [
        "broken.xlsx:Sheet!C4: value: '八十八' is not a number",
        "broken.xlsx:Sheet!A5: county: unknown county '咸安县'; did you mean '咸安区'?",
        "broken.xlsx:Sheet!C6: value: '0%' has a % sign, but unlicensed_kindergartens is a count",
    ]


def test_a_bare_fraction_is_still_ambiguous(targets: TargetSet, xlsx: Callable[..., Path]) -> None:
    """Only a percent format says 0.884 means 88.4%; a General cell is the CSV rule's case."""
    path = xlsx([["county", "indicator", "value"], ["咸安区", "普惠园覆盖率", 0.884]])
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    (problem,) = caught.value.problems
    assert (problem.code, problem.cell) == (Msg.VALUE_AMBIGUOUS_FRACTION, "Sheet1!C2")


def test_a_formula_without_a_computed_value_is_blank_and_said(
    targets: TargetSet, xlsx: Callable[..., Path]
) -> None:
    """A library writes formulas but cannot compute them; the cell holds no value to read,
    so the figure is not reported, and a warning names the cell."""
    path = xlsx([["county", "indicator", "value"], ["咸安区", "示范幼儿园", "=4+5"]])
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    assert [(p.code, p.cell) for p in caught.value.problems] == [
        (Msg.CELL_FORMULA_UNSAVED, "Sheet1!C2"),
        (Msg.CSV_NO_ROWS, "Sheet1!A1"),
    ]


def test_a_figure_on_two_sheets_is_a_duplicate(targets: TargetSet, tmp_path: Path) -> None:
    book = Workbook()
    for index, value in enumerate((9, 8)):
        sheet = book.worksheets[0] if index == 0 else book.create_sheet()
        sheet.title = f"S{index + 1}"
        sheet.append(["county", "indicator", "value"])
        sheet.append(["咸安区", "示范幼儿园", value])
    book.save(tmp_path / "two.xlsx")
    with pytest.raises(SubmissionError) as caught:
        read_submission(tmp_path / "two.xlsx", targets)
    (problem,) = caught.value.problems
    assert problem.code is Msg.ROW_DUPLICATE
    assert str(problem).endswith(": 8 here, 9 at S1!B2")
    assert problem.cell == "S2!B2"


def test_only_the_sheet_asked_for(targets: TargetSet) -> None:
    submission = read_submission(WORKBOOKS / "wide.xlsx", targets, sheet="学前教育")
    assert figures(submission.observations) == canonical(targets)
    with pytest.raises(SubmissionError) as caught:
        read_submission(WORKBOOKS / "wide.xlsx", targets, sheet="填表说明")
    (problem,) = caught.value.problems
    assert (problem.code, problem.cell) == (Msg.CSV_NO_HEADER, "填表说明!A1")


def test_a_sheet_that_is_not_there(targets: TargetSet) -> None:
    with pytest.raises(SubmissionError) as caught:
        read_submission(WORKBOOKS / "wide.xlsx", targets, sheet="学前教")
    assert str(caught.value).endswith("no sheet named '学前教'; did you mean '学前教育'?")


def test_a_sheet_without_a_header_names_its_first_cell(
    targets: TargetSet, xlsx: Callable[..., Path]
) -> None:
    path = xlsx([["咸安区", "学前三年毛入园率", 88.51], ["咸安区", "示范幼儿园", 9]], title="数据")
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    (problem,) = caught.value.problems
    assert (problem.code, problem.cell) == (Msg.CSV_NO_HEADER, "数据!A1")


def test_an_empty_workbook(targets: TargetSet, xlsx: Callable[..., Path]) -> None:
    with pytest.raises(SubmissionError) as caught:
        read_submission(xlsx([]), targets)
    assert [p.code for p in caught.value.problems] == [Msg.WORKBOOK_NO_SUBMISSION]


def test_a_header_only_sheet_beside_a_filled_one_is_a_note(
    targets: TargetSet, tmp_path: Path
) -> None:
    book = Workbook()
    book.worksheets[0].append(["county", "indicator", "value"])
    book.worksheets[0].append(["咸安区", "示范幼儿园", 9])
    book.create_sheet("blank").append(["county", "indicator", "value"])
    book.save(tmp_path / "book.xlsx")
    assert len(read_submission(tmp_path / "book.xlsx", targets).observations) == 1


@pytest.mark.parametrize(
    ("data", "suffix"),
    [(b"county,indicator,value\n", ".xlsx"), (b"<html><table></table></html>", ".xls")],
)
def test_a_workbook_name_on_something_else(
    targets: TargetSet, tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"county{suffix}"
    path.write_bytes(data)
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    assert [p.code for p in caught.value.problems] == [Msg.FILE_NOT_WORKBOOK]


def test_a_workbook_named_csv_is_read_as_a_workbook(targets: TargetSet, tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "county.csv", [["county", "indicator", "value"], ["咸安区", "无证办园", 0]]
    )
    assert len(read_submission(path, targets).observations) == 1


def test_a_repeat_in_a_workbook_is_a_warning_naming_both_cells(
    targets: TargetSet, xlsx: Callable[..., Path]
) -> None:
    path = xlsx(
        [["county", "indicator", "value"], ["咸安区", "示范幼儿园", 9], ["咸安", "示范幼儿园", 9]]
    )
    (warning,) = read_submission(path, targets).warnings
    assert warning.level is Severity.WARNING
    assert str(warning).startswith(f"{path}:Sheet1!B3: warning: indicator: ")
    assert "repeats Sheet1!B2" in str(warning)


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (0.884, "0.0%", "88.4%"),
        (0.8851, "0.00%", "88.51%"),
        (1, "0%", "100%"),
        (0.8301000000000001, "0.00%", "83.01%"),
        (0.884, "General", "0.884"),
        (24000.0, "General", "24000"),
        (21950, "#,##0", "21950"),
        (1e-05, "General", "0.00001"),
        (0.884, '0.0"%"', "0.884"),
        (0.884, "[Red]0.0%;[Blue]-0.0%", "88.4%"),
        (0.884, "0.0\\%", "0.884"),
        (True, "General", "TRUE"),
        (datetime.date(2017, 5, 2), "yyyy-mm-dd", "2017-05-02"),
        ("88.4", "0.0%", "88.4"),
        (None, "0.0%", ""),
    ],
)
def test_cell_text(value: object, number_format: str, expected: str) -> None:
    assert cell_text(value, number_format) == expected


def test_percent_formats() -> None:
    assert is_percent_format("0.00%") and is_percent_format("#,##0.0%")
    assert not is_percent_format("General") and not is_percent_format(None)
    assert not is_percent_format('0.0"%"') and not is_percent_format("0.0\\%")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_a_number_cell_reads_back_as_the_number_to_15_digits(value: float) -> None:
    number = parse_number(cell_text(value, "General"))
    assert number is not None
    assert number.value == pytest.approx(value, rel=1e-14, abs=1e-300)


@given(st.floats(min_value=0, max_value=10, allow_nan=False))
def test_a_percent_cell_reads_back_as_a_hundred_times_the_fraction(value: float) -> None:
    number = parse_number(cell_text(value, "0.0%"))
    assert number is not None and number.percent
    assert number.value == pytest.approx(value * 100, rel=1e-14, abs=1e-300)


def test_merged_indicator_names_over_their_parts(targets: TargetSet, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(["县(市、区)", "学前三年毛入园率", None, None, "示范幼儿园（所）"])
    sheet.append([None, "数值", "分子", "分母", None])
    sheet.append(["咸安", 0.8851, 21950, 24800, 9])
    sheet.merge_cells("B1:D1")
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("E1:E2")
    sheet["B3"].number_format = "0.00%"
    book.save(tmp_path / "merged.xlsx")
    gross, model = read_submission(tmp_path / "merged.xlsx", targets).observations
    assert (gross.value, gross.numerator, gross.denominator, gross.cell) == (
        88.51,
        21950,
        24800,
        "Sheet!B3",
    )
    assert (model.value, model.cell) == (9, "Sheet!E3")


# Workbooks as county clerks' files really come (issue 18): each read as the clerk sees it.

XIANAN = DATA / "xianan.csv"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, result.stdout, result.stderr


def xianan_rows() -> Rows:
    """咸安区's passing figures (data/xianan.csv), numbers as numbers."""

    def cell(text: str) -> object:
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text

    lines = [line for line in XIANAN.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return [[cell(text) for text in line.split(",")] for line in lines]


def hidden_sheets_workbook(path: Path) -> Path:
    """A visible sheet of 咸安区's figures; a hidden and a very hidden one for 嘉鱼县."""
    book = Workbook()
    book.worksheets[0].title = "咸安区"
    for row in xianan_rows():
        book.worksheets[0].append(row)
    for title, state, indicator in (
        ("旧表", "hidden", "示范幼儿园"),
        ("草稿", "veryHidden", "无证办园"),
    ):
        sheet = book.create_sheet(title)
        sheet.append(["county", "indicator", "value"])
        sheet.append(["嘉鱼县", indicator, 3])
        sheet.sheet_state = state
    book.save(path)
    return path


def test_hidden_sheets_are_skipped_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    """Read whole, the hidden 嘉鱼县 figure made this a failing city view; the clerk cannot
    see those sheets, so they are not the submission, and stderr says they were left."""
    path = hidden_sheets_workbook(tmp_path / "county.xlsx")
    code, stdout, stderr = run(runner, "check", str(path))
    assert code == 0
    assert "PASS: every binding target is met" in stdout and "嘉鱼县" not in stdout
    assert stderr.splitlines() == [
        f"{path}:旧表: warning: hidden sheet skipped: Excel does not show it, so it is not "
        "read; --sheet '旧表' reads it",
        f"{path}:草稿: warning: very hidden sheet skipped: only a macro can show it, so it is "
        "not read; --sheet '草稿' reads it",
    ]


def test_a_hidden_sheet_is_read_when_named(runner: CliRunner, tmp_path: Path) -> None:
    path = hidden_sheets_workbook(tmp_path / "county.xlsx")
    code, stdout, stderr = run(runner, "check", "--sheet", "旧表", str(path))
    assert (code, stderr) == (1, "")
    assert "嘉鱼县 Jiayu County" in stdout


def _hide_xls_sheet(data: bytes, name: str) -> bytes:
    """The .xls with sheet `name` hidden: the visibility byte of its BOUNDSHEET record."""
    out = bytearray(data)
    encoded = name.encode("utf-16-le")
    record = out.find(b"\x85\x00", 0)
    while record != -1:
        length = int.from_bytes(out[record + 2 : record + 4], "little")
        body = bytes(out[record + 4 : record + 4 + length])
        if encoded in body:
            out[record + 4 + 4] = 1
            return bytes(out)
        record = out.find(b"\x85\x00", record + 1)
    raise AssertionError(f"no sheet {name!r} in the workbook's directory")


def test_a_hidden_sheet_of_a_legacy_workbook(
    runner: CliRunner, targets: TargetSet, tmp_path: Path
) -> None:
    path = tmp_path / "county.xls"
    path.write_bytes(_hide_xls_sheet((WORKBOOKS / "wide.xls").read_bytes(), "学前教育"))
    code, stdout, stderr = run(runner, "check", str(path))
    assert (code, stdout) == (2, "")
    assert stderr.splitlines()[0] == (
        f"{path}:学前教育: warning: hidden sheet skipped: Excel does not show it, so it is not "
        "read; --sheet '学前教育' reads it"
    )
    # The only sheet left is the instructions: their lack of a header is the error.
    assert stderr.splitlines()[1].startswith(f"{path}:填表说明!A1: no header row")
    read = read_submission(path, targets, sheet="学前教育")
    assert figures(read.observations) == canonical(targets)


@pytest.mark.parametrize("first", ["说明", "备注", "填表说明", "注意事项"])
def test_an_instruction_sheet_is_skipped_whatever_its_first_cell(
    runner: CliRunner, tmp_path: Path, first: str
) -> None:
    """说明 and 备注 are also names of the note column: alone they are no submission's
    header, and the sheet under them is instructions, skipped with a note under -v."""
    book = Workbook()
    book.worksheets[0].title = "数据"
    for row in xianan_rows():
        book.worksheets[0].append(row)
    instructions = book.create_sheet("说明页")
    for line in (first, "1. 每个指标填一行。", "2. 比率填百分数，如 88.5%。"):
        instructions.append([line])
    book.save(tmp_path / "county.xlsx")
    path = tmp_path / "county.xlsx"
    code, stdout, stderr = run(runner, "check", str(path))
    assert (code, stderr) == (0, "")
    assert "PASS: every binding target is met" in stdout
    _, _, verbose = run(runner, "check", "-v", str(path))
    assert (
        f"{path}:说明页: note: sheet skipped: none of its first 10 rows names the columns of a "
        "submission"
    ) in verbose.splitlines()


def test_a_sheet_explaining_each_column_is_instructions(runner: CliRunner, tmp_path: Path) -> None:
    """One column's name a row (县市区 | 填全称, 指标 | …) names no header."""
    book = Workbook()
    for row in xianan_rows():
        book.worksheets[0].append(row)
    glossary = book.create_sheet("填表说明")
    for name, meaning in (
        ("列", "说明"),
        ("县市区", "填全称"),
        ("指标", "见指标表"),
        ("数值", "百分数"),
    ):
        glossary.append([name, meaning])
    book.save(tmp_path / "county.xlsx")
    code, _, stderr = run(runner, "check", str(tmp_path / "county.xlsx"))
    assert (code, stderr) == (0, "")


def test_a_broken_header_beside_a_good_sheet_is_still_an_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A sheet whose header names two submission columns is a submission with a typo, not
    instructions: skipping it would lose its figures."""
    book = Workbook()
    book.worksheets[0].title = "咸安区"
    for row in xianan_rows():
        book.worksheets[0].append(row)
    broken = book.create_sheet("嘉鱼县")
    broken.append(["county", "indicatr", "value"])
    broken.append(["嘉鱼县", "示范幼儿园", 3])
    book.save(tmp_path / "county.xlsx")
    path = tmp_path / "county.xlsx"
    code, stdout, stderr = run(runner, "check", str(path))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"{path}:嘉鱼县!A1: missing column 'indicator'; is 'indicatr' meant to be it?\n"
    )


def test_formulas_without_saved_values_are_warnings_naming_each_cell(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A script writes `=88.51` and cannot compute it: the cell has no value to read. The
    figure is not reported (never guessed from the formula), and stderr says why."""
    rows = xianan_rows()
    for row in rows[1:]:
        if isinstance(row[2], int | float):
            row[2] = f"={row[2]}"
    path = make_workbook(tmp_path / "county.xlsx", rows)
    code, stdout, stderr = run(runner, "check", str(path))
    assert code == 1
    assert "MISSING" in stdout and "FAIL: 4 failing result(s)" in stdout
    lines = stderr.splitlines()
    assert lines[0] == (
        f"{path}:Sheet1!C2: warning: the cell holds the formula '=88.51' but no saved value "
        "(the workbook was written by a program and never opened in a spreadsheet program), so "
        "it is read as blank; open and save the workbook in a spreadsheet program (Excel, WPS) "
        "to compute it"
    )
    assert [line.split(": warning: ")[0] for line in lines[:5]] == [
        f"{path}:Sheet1!C{row}" for row in range(2, 7)
    ]
    assert lines[5:] == [
        f"{path}:Sheet1: warning: 8 more cell(s) hold a formula but no saved value, and are "
        "read as blank"
    ]


def test_a_formula_with_a_saved_value_or_an_empty_string_result_is_read(
    targets: TargetSet, tmp_path: Path
) -> None:
    """As Excel and LibreOffice save them: the value beside the formula; `""` from an IF is a
    computed empty text, not a missing value."""
    sheet = SHEET_START.replace(
        '<c r="C2"><v>9</v></c>',
        '<c r="C2"><f>4+5</f><v>9</v></c><c r="D2" t="str"><f>""</f><v></v></c>',
    )
    path = _with_sheet(tmp_path, (sheet + SHEET_END).encode())
    submission = read_submission(path, targets)
    assert [(o.target_id, o.value) for o in submission.observations] == [("model_kindergartens", 9)]
    assert submission.warnings == []


def test_a_value_past_the_column_cap_is_a_warning(targets: TargetSet, tmp_path: Path) -> None:
    far = '<c r="IW2"><v>1</v></c>'
    sheet = SHEET_START.replace('<c r="C2"><v>9</v></c>', '<c r="C2"><v>9</v></c>' + far)
    path = _with_sheet(tmp_path, (sheet + SHEET_END).encode())
    submission = read_submission(path, targets)
    assert len(submission.observations) == 1
    (warning,) = submission.warnings
    assert str(warning) == (
        f"{path}:Sheet: warning: the sheet goes on right of column IV; planctl reads the first "
        f"{MAX_SHEET_COLUMNS} columns and ignores the rest"
    )


@pytest.mark.slow
def test_a_row_of_a_million_cells_ends_fast_in_bounded_memory(
    targets: TargetSet, tmp_path: Path
) -> None:
    """openpyxl held the whole row's elements: 14 s and 707 MB before "no header"."""
    cells = "".join(f'<c r="{get_column_letter(n)}1"><v>{n % 10}</v></c>' for n in range(1, 16385))
    sheet = (
        SHEET_START.split("<sheetData>")[0]
        + '<dimension ref="A1:XFD1"/><sheetData><row r="1">'
        + cells
        * 61  # 999,424 cells; past column XFD the references repeat, as a crafted file's may
        + "</row>"
        + SHEET_END
    )
    path = _with_sheet(tmp_path, sheet.encode())
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    seconds = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 5.0
    assert peak < 64 << 20
    wide, no_header = caught.value.problems
    assert (wide.code, wide.cell) == (Msg.SHEET_TOO_WIDE, "Sheet")
    assert (no_header.code, no_header.cell) == (Msg.CSV_NO_HEADER, "Sheet!A1")


def _long_sheet(rows: int, sheet: int) -> bytes:
    """A long-layout sheet of `rows` rows of five cells, one 咸安区 figure per year."""
    ids = ("preschool_gross_enrolment_rate", "model_kindergartens", "school_broadband_coverage")
    parts = [
        SHEET_START.split("<sheetData>")[0],
        f'<dimension ref="A1:E{rows}"/><sheetData><row r="1">',
        *(
            f'<c r="{column}1" t="inlineStr"><is><t>{name}</t></is></c>'
            for column, name in zip(
                "ABCDE", ("county", "indicator", "value", "year", "note"), strict=True
            )
        ),
        "</row>",
    ]
    for row in range(2, rows + 1):
        year = 1900 + (row - 2) // len(ids) + (sheet - 1) * 4000
        parts.append(
            f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>咸安区</t></is></c>'
            f'<c r="B{row}" t="inlineStr"><is><t>{ids[row % len(ids)]}</t></is></c>'
            f'<c r="C{row}"><v>{50 + row % 40}</v></c><c r="D{row}"><v>{year}</v></c>'
            f'<c r="E{row}" t="inlineStr"><is><t>第{row}行</t></is></c></row>'
        )
    parts.append(SHEET_END)
    return "".join(parts).encode()


@pytest.mark.slow
def test_reading_time_follows_the_cells_not_the_column_cap(tmp_path: Path) -> None:
    """Four sheets of 10,000 rows of five cells: openpyxl padded each row to the 256-column
    cap, 10 million empty cells (4 to 7 s of CPU; a 9 MB workbook of 36 such sheets, 48 s)."""
    rows = 10_000
    book = Workbook()
    for index in range(2, 5):
        book.create_sheet(f"Sheet{index}")
    book.save(tmp_path / "base.xlsx")
    path = tmp_path / "tall.xlsx"
    with zipfile.ZipFile(tmp_path / "base.xlsx") as base, zipfile.ZipFile(path, "w") as out:
        for name in base.namelist():
            data = base.read(name)
            if name.startswith("xl/worksheets/sheet"):
                data = _long_sheet(rows, int(name.removeprefix("xl/worksheets/sheet")[:-4]))
            out.writestr(name, data, zipfile.ZIP_DEFLATED)
    started = time.process_time()
    book_read = read_workbook(path.read_bytes(), str(path), "xlsx")
    read = sum(len(list(table.rows)) for table in book_read.tables)
    assert time.process_time() - started < 3.0
    assert read == 4 * rows


_CELL_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8),
    st.sampled_from(["咸安区", "88.51%", " 9 ", "<&>\"'", "=not a formula"]).map(lambda t: " " + t),
    st.dates(min_value=datetime.date(1901, 1, 1), max_value=datetime.date(9999, 12, 31)),
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(_CELL_VALUES, max_size=6), max_size=6),
    st.sampled_from(["General", "0.0%", "#,##0", "yyyy-mm-dd", "@"]),
)
def test_streamed_cells_read_as_openpyxl_reads_them(
    tmp_path_factory: pytest.TempPathFactory, grid: Rows, number_format: str
) -> None:
    """The streaming reader gives each cell the text openpyxl's own reader gives it."""
    import openpyxl

    path = tmp_path_factory.mktemp("grid") / "grid.xlsx"
    book = Workbook()
    for row in grid:
        book.worksheets[0].append(row)
    for cells in book.worksheets[0].iter_rows():
        for cell in cells:
            cell.number_format = number_format
    book.save(path)
    streamed = read_workbook(path.read_bytes(), str(path), "xlsx").tables[0].rows
    expected = []
    # openpyxl warns of a date serial out of range, and reads it as #VALUE!, as planctl does.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        reference = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for number, cells in enumerate(reference.worksheets[0].iter_rows(), start=1):
            texts = ["" if c.value is None else cell_text(c.value, c.number_format) for c in cells]
            while texts and not texts[-1]:
                texts.pop()
            if any(texts):
                expected.append((number, texts))
        reference.close()
    assert [(row.line, row.cells) for row in streamed] == expected


# The start of every OLE compound document (.xls, but also .doc and .msi).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    "damage",
    [
        # The QA pass's file: the OLE magic, then noise (xlrd's CompDocError, 'Expected
        # "little-endian" marker, found b'\xbf\x01'').
        pytest.param(lambda good: OLE_MAGIC + bytes(range(256)) * 8, id="magic-then-noise"),
        pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(lambda good: good[:600], id="truncated-in-directory"),
        pytest.param(lambda good: OLE_MAGIC + b"\0" * 504, id="header-only"),
    ],
)
def test_a_damaged_xls_is_said_to_be_damaged_without_the_library_s_words(
    runner: CliRunner, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    path = tmp_path / "x.xls"
    path.write_bytes(damage((WORKBOOKS / "wide.xls").read_bytes()))
    result = runner.invoke(app, ["check", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0] == (
        f"{path}: is not a readable workbook: it begins as an Excel 97-2003 (.xls) file does, "
        "but is damaged or not an Excel file; if Excel opens it, save it again as .xlsx"
    )
    for internal in ("Error", "marker", "unpack", "index", "xlrd", "b'"):
        assert internal not in result.stderr


def test_a_password_protected_xls_is_said_to_be_so(
    targets: TargetSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """xlrd names a password (its FILEPASS record): not damage, and said as what to do."""
    import xlrd

    def encrypted(**_: object) -> None:
        raise xlrd.biffh.XLRDError("Workbook is encrypted")

    monkeypatch.setattr(xlrd, "open_workbook", encrypted)
    with pytest.raises(SubmissionError) as caught:
        read_submission(WORKBOOKS / "wide.xls", targets)
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"{WORKBOOKS / 'wide.xls'}: the workbook is protected by a password, which planctl "
        "cannot open; save a copy without one"
    )


def test_a_workbook_written_by_openpyxl_write_only_mode_is_read(
    targets: TargetSet, tmp_path: Path
) -> None:
    """openpyxl's write-only mode writes no <dimension> record; a sheet of it past 1 MiB was
    refused, asking for a re-save in Excel. The cells are streamed within the caps, and
    openpyxl's size scan is bounded by UNSIZED_SHEETS_BYTES, so it is read."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(["county", "indicator", "value", "numerator", "denominator", "note"])
    sheet.append(["咸安区", "preschool_gross_enrolment_rate", 88.51, 21950, 24800, None])
    for number in range(8_000):
        sheet.append(["咸安区", "model_kindergartens", 9, None, None, f"row {number} " + "x" * 80])
    path = tmp_path / "written.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<dimension" not in xml and len(xml) > 2**20
    # CPU time, not wall time: the bound is against a scan that never ends, and a loaded
    # machine (the suite spread over the cores beside other work) stretched the wall past it.
    started = time.process_time()
    submission = read_submission(path, targets)
    assert time.process_time() - started < 10.0
    read = {(o.target_id, round(o.value, 2)) for o in submission.observations}
    assert read == {("preschool_gross_enrolment_rate", 88.51), ("model_kindergartens", 9)}


def test_every_row_of_a_long_sheet_is_read(targets: TargetSet, tmp_path: Path) -> None:
    """A city's sheet of every county runs to tens of thousands of rows: a county whose rows
    came after row 10,000 was left out, with only a warning, and the city's totals with it."""
    last = 20_161
    sheet = SHEET_START + (
        f'<row r="{last}"><c r="A{last}" t="inlineStr"><is><t>嘉鱼县</t></is></c>'
        f'<c r="B{last}" t="inlineStr"><is><t>示范幼儿园</t></is></c>'
        f'<c r="C{last}"><v>7</v></c></row>' + SHEET_END
    )
    submission = read_submission(_with_sheet(tmp_path, sheet.encode()), targets)
    assert submission.warnings == []
    found = [(o.county, o.value, o.cell) for o in submission.observations]
    assert found == [("咸安区", 9, "Sheet!B2"), ("嘉鱼县", 7, f"Sheet!B{last}")]
