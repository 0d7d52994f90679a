"""Where a sheet's cell is, as messages name it."""

from __future__ import annotations

from openpyxl.utils.cell import get_column_letter

from planctl.read.table import Row, column_letters


def test_column_letters_are_the_spreadsheet_s_for_every_column() -> None:
    assert [column_letters(n) for n in range(1, 16385)] == [
        get_column_letter(n) for n in range(1, 16385)
    ]


def test_a_cell_reference_names_the_sheet_as_excel_writes_it() -> None:
    assert Row(4, ["a", "b", "c"], "Sheet1").ref(2) == "Sheet1!C4"
    assert Row(9, ["a"], "学前 教育").ref() == "'学前 教育'!A9"
    assert Row(9, ["a"]).ref(0) is None
