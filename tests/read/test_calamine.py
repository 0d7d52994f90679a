"""Workbooks python-calamine is given read cell for cell as the streaming reader reads them,
and every workbook whose number formats, formulas or shape decide something is not given."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planctl.read import workbook as reader
from planctl.read.calamine import value_only
from tests.conftest import FIXTURES
from tests.read.test_archive import SHEET_END, SHEET_START, _with_sheet

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8),
    st.sampled_from(["咸安区", "88.51%", " 9 ", "<&>\"'", "", "  ", "0.8301000000000001"]),
)
Grid = list[list[object]]


def _book(
    path: Path,
    grid: Grid,
    number_format: str = "General",
    hidden: bool = False,
    widths: bool = False,
) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    for row in grid:
        sheet.append(row)
    if widths:  # <cols>, another tag starting "<c" beside the cells
        sheet.column_dimensions["B"].width = 20
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.number_format = number_format
    other = book.create_sheet("另一张")
    other.append(["county", 1])
    if hidden:
        other.sheet_state = "hidden"
    book.save(path)
    return path.read_bytes()


def _both(data: bytes) -> tuple[list[object], list[object]]:
    """Each sheet's rows and each book's names and hidden sheets, by calamine and by the
    streaming reader."""
    found: list[list[object]] = []
    for book in (reader._CalamineBook(data), reader._XlsxBook(data)):
        try:
            sheets = [(name, book.rows(name)) for name in book.names]
            found.append(
                [
                    book.names,
                    book.hidden,
                    [
                        (name, [(r.line, r.cells) for r in s.rows], s.more_columns)
                        for name, s in sheets
                    ],
                ]
            )
        finally:
            book.close()
    return found[0], found[1]


@pytest.mark.slow  # the two readers held equal on random grids: CI runs it
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.lists(_VALUES, max_size=7), max_size=8),
    st.sampled_from(["General", "#,##0", "@", "0.00"]),
    st.booleans(),
)
# A stored -0.0: calamine's float gave "-0" where the streaming reader gave "0".
@example([[-0.0]], "General", False)
def test_calamine_reads_as_the_streaming_reader(
    tmp_path: Path, grid: Grid, number_format: str, widths: bool
) -> None:
    data = _book(tmp_path / "grid.xlsx", grid, number_format, widths=widths)
    # Sixteen digits or more (1e15 written whole) go to the streaming reader.
    assume(value_only(data))
    calamine, streamed = _both(data)
    assert calamine == streamed


def test_hidden_sheets_and_gaps_are_the_same(tmp_path: Path) -> None:
    grid: Grid = [["county", "indicator", "value"], [], [None, None, None], ["咸安区", "x", 9]]
    data = _book(tmp_path / "gaps.xlsx", grid, hidden=True)
    assert value_only(data)
    calamine, streamed = _both(data)
    assert calamine == streamed
    assert calamine[1] == {"另一张": "hidden"}


@pytest.mark.parametrize(
    ("number_format", "value"),
    [("0.0%", 0.884), ("yyyy-mm-dd", datetime.date(2017, 1, 2)), ("0.0", 1.5), ("[h]:mm", 1.5)],
)
def test_a_number_format_that_changes_what_is_shown_is_not_for_calamine(
    tmp_path: Path, number_format: str, value: object
) -> None:
    """0.884 under a percent format is 88.4%, which calamine cannot tell; a custom format
    (`0.0`, a custom one in openpyxl's numbering) goes to the streaming reader too."""
    data = _book(tmp_path / "formatted.xlsx", [["county", value]], number_format)
    assert not value_only(data)


@pytest.mark.parametrize(
    "cells",
    [
        pytest.param('<c r="D2"><f>4+5</f></c>', id="formula-without-value"),
        pytest.param('<c r="D2"><f>4+5</f><v>9</v></c>', id="formula"),
        pytest.param('<c r="D2" t="e"><v>#DIV/0!</v></c>', id="error"),
        pytest.param('<c r="D2" t="d"><v>2017-01-02</v></c>', id="typed-date"),
        pytest.param('<c r="D2"><v>12345678901234567</v></c>', id="seventeen-digits"),
        pytest.param('<c r="IW2"><v>1</v></c>', id="past-the-column-bound"),
        pytest.param('<c r="XFD1048576"><v>1</v></c>', id="far-corner"),
        pytest.param("<c><v>1</v></c>", id="no-reference"),
        # Only cells whose reference comes first are sized without parsing the sheet.
        pytest.param('<c t="n" r="D2"><v>1</v></c>', id="reference-not-first"),
        pytest.param('<c r="D12345678"><v>1</v></c>', id="eight-digit-row"),
        pytest.param(
            '<c r="D2" t="inlineStr"><is><t>县</t><rPh sb="0" eb="1"><t>xian</t></rPh></is></c>',
            id="phonetic",
        ),
    ],
)
def test_what_only_the_streaming_reader_reads_as_shown_is_not_for_calamine(
    tmp_path: Path, cells: str
) -> None:
    sheet = SHEET_START.replace('<c r="C2"><v>9</v></c>', '<c r="C2"><v>9</v></c>' + cells)
    assert not value_only(_with_sheet(tmp_path, (sheet + SHEET_END).encode()).read_bytes())


def test_a_plain_sheet_is_for_calamine(tmp_path: Path) -> None:
    assert value_only(_with_sheet(tmp_path, (SHEET_START + SHEET_END).encode()).read_bytes())


def test_a_sheet_with_other_tags_starting_c_is_for_calamine(tmp_path: Path) -> None:
    """Column widths (<cols>) and conditional formats start with "<c" too: the cells are
    still told from them."""
    cols = '<cols><col min="1" max="3" width="12"/></cols><sheetData>'
    sheet = SHEET_START.replace("<sheetData>", cols) + "</sheetData>"
    sheet += '<conditionalFormatting sqref="C2"><cfRule type="top10" rank="1"/>'
    sheet += "</conditionalFormatting></worksheet>"
    assert value_only(_with_sheet(tmp_path, sheet.encode()).read_bytes())


def test_a_chart_sheet_is_not_for_calamine(tmp_path: Path) -> None:
    path = _with_sheet(tmp_path, (SHEET_START + SHEET_END).encode())
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/chartsheets/sheet1.xml", b"<chartsheet/>")
    assert not value_only(path.read_bytes())


def test_a_workbook_calamine_cannot_read_gets_the_streaming_reader_s_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """calamine failing is never the user's message: the other reader reads it or says why."""

    def failing(self: object, data: bytes) -> None:
        raise RuntimeError("calamine failed")

    monkeypatch.setattr(reader._CalamineBook, "__init__", failing)
    data = (FIXTURES / "workbooks" / "wide.xlsx").read_bytes()
    tables = reader.read_workbook(data, "wide.xlsx", "xlsx").tables
    assert tables and tables[0].rows
