"""Writing a table as an Excel workbook: the form counties fill in (`planctl template`).

`write_xlsx` takes what a CSV writer would (a header and rows) and lays it out as people
expect a form in Excel: an optional title above the header, merged across it (`planctl
check` skips such a title), the header in bold and frozen in place, columns wide enough for
their Chinese, and numbers stored as numbers. Value cells are left in the General format so
that what a county types (`88.4` or `88.4%`) is read as typed. openpyxl is imported on call.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

CellValue = str | int | float | None

_MAX_WIDTH = 60


def write_xlsx(
    path: Path | BinaryIO,
    header: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    *,
    sheet: str = "Sheet1",
    title: str | None = None,
) -> None:
    """Write `header` and `rows` as a new workbook to `path`, a file name or a binary stream
    (OSError if it cannot be saved)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.cell import get_column_letter

    book = Workbook()
    table = book.worksheets[0]
    table.title = sheet
    if title:
        table.append([title])
        table.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(header), 1))
        table.cell(1, 1).font = Font(bold=True, size=14)
    table.append(list(header))
    header_row = table.max_row
    for header_cell in table[header_row]:
        header_cell.font = Font(bold=True)
    for row in rows:
        table.append(list(row))
    table.freeze_panes = f"A{header_row + 1}"
    for index in range(len(header)):
        texts = [header[index], *(str(row[index]) for row in rows if index < len(row))]
        width = min(max(display_width(text) for text in texts) + 2, _MAX_WIDTH)
        table.column_dimensions[get_column_letter(index + 1)].width = width
    book.save(path)


def display_width(text: str) -> int:
    """Columns a text takes on screen: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
