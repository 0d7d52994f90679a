"""The Excel workbook, read back with openpyxl: its sheets, every number a number with its
number format, no formula anywhere, frozen headers, the page set-up, widths for Chinese."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from planctl.check import run_check
from planctl.files.xlsx import display_width
from planctl.i18n.catalog import Language, language, text, use_language
from planctl.i18n.codes import Msg
from planctl.judge.report import Report, Status
from planctl.render import Format, render_file, renderer_for
from planctl.render.common import county_title, matrix_label
from planctl.render.csv import COLUMNS
from planctl.render.options import RenderOptions
from planctl.render.xlsx import FILL
from tests.conftest import DATA, hostile_report, sample_report

SHEETS = (
    Msg.SHEET_SUMMARY,
    Msg.SHEET_MATRIX,
    Msg.SHEET_RANKING,
    Msg.SHEET_RESULTS,
    Msg.SHEET_PROVENANCE,
    Msg.SHEET_INPUTS,
)
# The number formats a figure may have, by what it is (the matrix's carry its status word).
PERCENT, COUNT = "0.00%", "#,##0"


def workbook(report: Report) -> Workbook:
    return load_workbook(io.BytesIO(render_file(Format.XLSX, report, RenderOptions())))


def cells(sheet: Worksheet) -> Iterator[Cell]:
    for row in sheet.iter_rows():
        yield from (cell for cell in row if isinstance(cell, Cell))


@pytest.fixture(params=list(Language), ids=str)
def lang(request: pytest.FixtureRequest) -> Language:
    use_language(request.param)
    return request.param


@pytest.fixture
def city(lang: Language) -> Report:
    return run_check([DATA])


def test_the_sheets_are_there_in_the_language_in_use(city: Report, lang: Language) -> None:
    book = workbook(city)
    assert book.sheetnames == [text(key) for key in SHEETS]
    if lang is Language.ZH:
        assert book.sheetnames[2] == "排名"


def test_every_number_is_a_number_with_its_format(city: Report) -> None:
    """The results sheet holds the CSV's rows, each figure a number: a percentage as a fraction
    formatted as a percentage, counts with thousands separators, gaps signed."""
    book = workbook(city)
    sheet = book[text(Msg.SHEET_RESULTS)]
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == list(COLUMNS)
    written = list(csv.DictReader(io.StringIO(renderer_for(Format.CSV)(city, RenderOptions()))))
    assert len(rows) - 1 == len(written) > 0
    at = {name: index for index, name in enumerate(COLUMNS)}
    for row, expected in zip(rows[1:], written, strict=True):
        percent = expected["unit"] == "percent"
        for name in ("value", "carry_value"):
            cell = row[at[name]]
            if expected[name] == "":
                continue
            assert isinstance(cell.value, float | int), (name, cell.value)
            wanted = float(expected[name]) / 100 if percent else float(expected[name])
            # Unrounded in the workbook; the CSV writes six decimal places.
            assert cell.value == pytest.approx(wanted, abs=1e-8)
            assert cell.number_format == (PERCENT if percent else COUNT)
        for name in ("numerator", "denominator"):
            if expected[name]:
                cell = row[at[name]]
                assert cell.value == float(expected[name]) and cell.number_format == COUNT
        if expected["gap"]:
            cell = row[at["gap"]]
            assert cell.value == pytest.approx(float(expected["gap"]), abs=1e-6)
            pts = text(Msg.UNIT_PERCENT_GAP)
            assert cell.number_format == (
                f'+0.00" {pts}";-0.00" {pts}";0' if percent else "+#,##0;-#,##0;0"
            )
        if expected["people"]:
            assert row[at["people"]].value == int(expected["people"])
        assert row[at["year"]].value == 2017
        assert row[at["fails"]].value is (expected["fails"] == "true")
        # Text stays text, exactly as the CSV has it.
        for name in ("county", "indicator_zh", "status", "sentence", "run"):
            assert row[at[name]].value == (expected[name] or None), name


def test_no_number_anywhere_is_text(city: Report) -> None:
    """Nowhere a figure written as text: a cell's text never reads as a plain number, except
    the column headings and names."""
    book = workbook(city)
    for sheet in book.worksheets:
        for cell in cells(sheet):
            if isinstance(cell.value, str):
                stripped = cell.value.replace(",", "").replace("%", "").strip()
                assert not stripped.replace(".", "", 1).lstrip("+-").isdigit(), (
                    sheet.title,
                    cell.coordinate,
                    cell.value,
                )


@pytest.mark.usefixtures("at_root")
def test_text_from_an_input_never_becomes_a_formula() -> None:
    """Notes `=HYPERLINK(…)`, `@SUM(A1:A2)`, `-2+3`, `+cmd|…` and a county `=1+2` are text
    cells: no formula in the workbook's XML, and each reads back as it was written."""
    data = render_file(Format.XLSX, hostile_report(), RenderOptions())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    book = load_workbook(io.BytesIO(data))
    results = book[text(Msg.SHEET_RESULTS)]
    notes = {cell.value for cell in results["AA"]} - {None}
    assert '=HYPERLINK("http://evil.invalid","click")' in notes
    assert {"@SUM(A1:A2)", "-2+3", "+cmd|' /C calc'!A0"} <= notes
    starting = [c for s in book.worksheets for c in cells(s) if str(c.value).startswith("=")]
    assert starting and all(c.data_type == "s" for c in starting)
    assert all(c.data_type != "f" for s in book.worksheets for c in cells(s))


def test_headers_are_frozen_and_printed_on_every_page(city: Report) -> None:
    book = workbook(city)
    for key in SHEETS:
        sheet = book[text(key)]
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), key
        properties = sheet.sheet_properties.pageSetUpPr
        assert properties is not None and properties.fitToPage, key
        assert (setup.fitToWidth in (None, 1), setup.fitToHeight) == (True, 0), key
    for key in SHEETS[2:]:
        sheet = book[text(key)]
        assert (sheet.freeze_panes, sheet.print_title_rows) == ("A2", "$1:$1"), key
    matrix = book[text(Msg.SHEET_MATRIX)]
    assert (matrix.freeze_panes, matrix.print_title_rows) == ("B2", "$1:$1")
    assert matrix.print_title_cols == "$A:$A"


def test_the_matrix_says_each_status_in_words_as_well_as_in_colour(city: Report) -> None:
    book = workbook(city)
    matrix = book[text(Msg.SHEET_MATRIX)]
    counties = [county_title(c.county) for c in city.counties]
    names = [row[0].value for row in matrix.iter_rows(min_row=2, max_row=len(counties) + 2)]
    assert names[:-1] == counties and names[-1] == text(
        Msg.CITY_TITLE, name="咸宁市", name_en="Xianning City"
    )
    words: dict[str, set[str]] = {}
    for status, colour in FILL.items():
        words.setdefault(colour.lstrip("#").upper(), set()).add(f'" {matrix_label(status)}"')
    for row in matrix.iter_rows(min_row=2, max_row=len(counties) + 2, min_col=2):
        for cell in row:
            if isinstance(cell.value, float | int):
                # The status word is in the number's format, and is one the cell's fill means.
                fill = str(cell.fill.fgColor.rgb)[-6:]
                assert any(cell.number_format.endswith(word) for word in words[fill])
            else:
                assert cell.value, cell.coordinate
    city_cell = matrix.cell(len(counties) + 2, 2)
    assert city_cell.value == pytest.approx(106070 / 122000, abs=1e-9)
    assert city_cell.number_format == f'0.00%" {matrix_label(Status.NOT_MET)}"'
    legend = [row[0].value for row in matrix.iter_rows(min_row=len(counties) + 4)]
    assert legend[0] == text(Msg.LEGEND_TITLE)
    for status in (Status.NOT_MET, Status.BELOW_CITY_TARGET, Status.CITY_TOTAL):
        assert matrix_label(status) in legend


def test_the_summary_gives_the_city_its_gaps_in_people_and_who_would_carry_it(
    city: Report,
) -> None:
    book = workbook(city)
    summary = book[text(Msg.SHEET_SUMMARY)]
    rows = [[cell.value for cell in row] for row in summary.iter_rows()]
    (preschool,) = [row for row in rows if str(row[0]).startswith("学前三年毛入园率")]
    assert preschool[2:7] == [
        pytest.approx(106070 / 122000, abs=1e-9),
        106070,
        122000,
        pytest.approx(106070 / 1220 - 87, abs=1e-9),
        70,
    ]
    carry = str(preschool[8])
    assert "崇阳县" in carry and "805" in carry
    assert preschool[9] == pytest.approx(106875 / 122000, abs=1e-9)
    assert preschool[10] == 11


def test_provenance_marks_the_baseline_as_from_outside_the_plan(city: Report) -> None:
    book = workbook(city)
    sheet = book[text(Msg.SHEET_PROVENANCE)]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    (preschool,) = [row for row in rows if row[2] == "preschool_gross_enrolment_rate"]
    assert preschool[0] == 11 and preschool[4] == 2017
    assert preschool[5] == "全市2017年学前三年毛入园率达到87%以上。"
    assert preschool[6:8] == [2015, pytest.approx(0.84)]
    source = city.targets.targets[0].baseline
    assert source is not None
    # In the language in use: the targets file's Chinese words in a Chinese workbook.
    words = source.source_zh if language() is Language.ZH else source.source
    assert words is not None
    assert preschool[8] == text(Msg.BASELINE_OUTSIDE, source=words)


def test_the_inputs_are_listed_with_their_digests(city: Report) -> None:
    book = workbook(city)
    sheet = book[text(Msg.SHEET_INPUTS)]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][2] == city.targets.sha256
    assert {(row[0], row[2]) for row in rows[1:] if row[2]} == {
        (read.display, read.sha256) for read in city.inputs
    }
    assert any(city.run_digest() in str(row[0]) for row in rows)


def test_columns_are_wide_enough_for_chinese() -> None:
    use_language(Language.ZH)
    report = run_check([DATA])
    matrix = workbook(report)[text(Msg.SHEET_MATRIX)]
    widest = max(display_width(county_title(c.county)) for c in report.counties)
    # 市直学校（市直） is 16 columns wide, 咸宁市（全市合计） 18: two for each Chinese character.
    assert widest == 16
    assert matrix.column_dimensions["A"].width >= display_width("咸宁市（全市合计）") == 18
    ranking = workbook(report)[text(Msg.SHEET_RANKING)]
    assert ranking.column_dimensions["D"].width >= widest


@pytest.mark.usefixtures("at_root")
def test_a_county_that_sent_nothing_is_in_every_sheet() -> None:
    report = sample_report("city-incomplete")
    book = workbook(report)
    for key in (Msg.SHEET_SUMMARY, Msg.SHEET_MATRIX, Msg.SHEET_RANKING, Msg.SHEET_RESULTS):
        values = {str(cell.value) for cell in cells(book[text(key)])}
        assert any("通山县" in value for value in values), key
    matrix = book[text(Msg.SHEET_MATRIX)]
    tongshan = next(row for row in matrix.iter_rows() if "通山县" in str(row[0].value))
    assert {cell.value for cell in tongshan[1:]} == {text(Msg.STATUS_NOT_SUBMITTED)}


def test_the_report_file_opens_as_a_workbook(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from planctl.cli.app import app

    path = tmp_path / "统计表.xlsx"
    result = CliRunner().invoke(app, ["check", str(DATA), "--lang", "zh", "--report", str(path)])
    assert result.exit_code == 1 and result.stderr == ""
    book = load_workbook(path)
    assert book.sheetnames[0] == "概况"


def test_a_table_past_the_rows_a_sheet_holds_runs_on_to_another_sheet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No result is lost to Excel's 1,048,576 rows: the results and the ranking continue on
    `Results (2)`, each sheet under the same header (a limit of 30 rows here)."""
    monkeypatch.setattr("planctl.render.xlsx.EXCEL_ROWS", 30)
    report = run_check([DATA])
    book = workbook(report)
    results = [text(Msg.SHEET_RESULTS)] + [
        text(Msg.SHEET_CONTINUED, name=text(Msg.SHEET_RESULTS), number=n) for n in (2, 3)
    ]
    assert [name for name in book.sheetnames if name.startswith(results[0])] == results
    rows = []
    for name in results:
        sheet = book[name]
        assert [c.value for c in next(sheet.iter_rows())] == list(COLUMNS)
        assert sheet.max_row <= 30 and sheet.freeze_panes == "A2"
        rows += [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    written = list(csv.reader(io.StringIO(renderer_for(Format.CSV)(report, RenderOptions()))))
    assert len(rows) == len(written) - 1 == 80
    assert [row[3] for row in rows] == [row[3] for row in written[1:]]
    ranked = [name for name in book.sheetnames if name.startswith(text(Msg.SHEET_RANKING))]
    assert len(ranked) == 3


def test_a_county_with_no_part_in_a_target_says_so_in_words(city: Report) -> None:
    """通山县 has no part in clause 7's IT pilots: its cell says `no part` (不承担), as the HTML
    matrix does, and the legend says what that means."""
    matrix = workbook(city)[text(Msg.SHEET_MATRIX)]
    heading = [str(cell.value) for cell in next(matrix.iter_rows())]
    column = next(i for i, h in enumerate(heading) if h.startswith("完成省级试点建设任务的学校"))
    tongshan = next(row for row in matrix.iter_rows() if str(row[0].value).startswith("通山县"))
    assert tongshan[column].value == text(Msg.MATRIX_NO_PART)
    legend = [(row[0].value, row[1].value) for row in matrix.iter_rows(min_row=9)]
    meaning = text(Msg.MATRIX_NO_PART_DETAIL, county=text(Msg.COL_SCOPE))
    assert (text(Msg.MATRIX_NO_PART), meaning) in legend


@pytest.mark.usefixtures("at_root")
def test_a_ratio_is_a_number_shown_as_a_ratio() -> None:
    report = sample_report("ratio")
    results = workbook(report)[text(Msg.SHEET_RESULTS)]
    at = {name: index for index, name in enumerate(COLUMNS)}
    rows = list(results.iter_rows(min_row=2))
    assert rows and all(row[at["unit"]].value == "ratio" for row in rows)
    for row in rows:
        value, gap = row[at["value"]], row[at["gap"]]
        assert isinstance(value.value, float | int) and value.number_format == '0.00":1"'
        assert isinstance(gap.value, float | int) and gap.number_format == "+0.00;-0.00;0"
