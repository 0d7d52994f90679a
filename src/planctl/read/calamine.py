"""Value-only .xlsx workbooks, read by python-calamine: a city's sheet of 20,000 rows in a
tenth of the time openpyxl and the streaming reader (`sheetxml`) take.

calamine (Rust) reads a cell's value, not its number format, and planctl reads a cell as the
spreadsheet shows it. So a workbook goes to calamine only when nothing but the values decides
what its cells show, which `value_only` tells from the archive's XML before anything is read:

- every style a cell (or row) uses has a number format that shows a number as itself (General,
  `0.00`, `#,##0`, …), not a percentage (0.884 shown as 88.4%), a date or a time, and no
  custom format;
- no cell holds a formula (the streaming reader says which have no saved value), an error
  or a typed date, and no cell a whole number of 16 digits or more (calamine reads every
  number as a float, which keeps 15 to 17 of them);
- no string has a phonetic guide (ruby text, which is not the cell's text);
- no sheet is a chart sheet, and every sheet's cells are named (`r="B7"`), within column
  `MAX_SHEET_COLUMNS` and row `MAX_SHEET_ROWS`, and fill a fair part of their rectangle:
  calamine holds a sheet as a dense grid, so a lone cell in the far corner would cost the
  grid's 17 billion cells.

Any other workbook is read as before, by openpyxl and `sheetxml`; so is one calamine fails
on, whose message is then the one the streaming reader gives. A test holds the two readers
to the same rows, cell for cell, on the workbooks calamine is given.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planctl.files.limits import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS

# The built-in number formats that show a number as itself: 0 General, 1-4 and 37-40 fixed
# and thousands, 11 and 48 scientific, 12-13 fractions, 41-44 accounting, 49 text (@). Not
# 9-10 (percent), 14-22 and 45-47 (dates and times), nor 23-36 and 50-81, which Excel keeps
# for its East Asian locales (dates, and era years, in zh-CN among them).
_PLAIN_FORMATS = frozenset({0, 1, 2, 3, 4, 11, 12, 13, 37, 38, 39, 40, 41, 42, 43, 44, 48, 49})
# A grid calamine builds may hold this many times the cells present, and this many more.
_SPARSE_FACTOR = 4
_SPARSE_SLACK = 1 << 16

_NS = rb"(?:[\w.-]+:)?"
_WORKSHEET = re.compile(rb"<" + _NS + rb"worksheet\b")
# What only the streaming reader reads as the spreadsheet shows it: a formula, a phonetic
# guide, an error or a typed date; searched for as the bytes a sheet without a namespace
# prefix has (a sheet with one has none of the cells `_sheet_value_only` counts, and is
# never calamine's unless it has no cells at all).
_REFUSED = (b"<f>", b"<f ", b"<f/>", b"<rPh", b' t="e"', b' t="d"')
# A whole number of 16 digits or more, which a float does not keep.
_LONG_WHOLE = re.compile(rb"<v>\s*[-+]?\d{16,}")
_PHONETIC = re.compile(rb"<" + _NS + rb"rPh\b")
_STYLE = re.compile(rb'\ss="(\d*)"')
# A cell past column IV (MAX_SHEET_COLUMNS, 256), found without reading every reference; a
# bound other than 256 is still checked below, reference by reference.
_PAST_LAST_COLUMN = re.compile(rb'\sr="(?:[A-Z]{3}|I[W-Z]|[J-Z][A-Z])\d')
# A cell's reference (column letters and row), or a row's number (no letters).
_REFERENCE = re.compile(rb'\sr="([A-Z]{0,3})(\d{1,8})"')
_CELL_XFS = re.compile(rb"<" + _NS + rb"cellXfs\b.*?</" + _NS + rb"cellXfs>", re.DOTALL)
_XF = re.compile(rb"<" + _NS + rb"xf\b([^>]*)>")
_NUMBER_FORMAT = re.compile(rb'\snumFmtId="(\d+)"')


def value_only(data: bytes) -> bool:
    """Whether calamine reads every cell of the .xlsx workbook in `data` as planctl would:
    see the module's docstring. The archive was checked (`check_archive`): its parts are
    bounded, so reading them here is too."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: info for info in archive.infolist()}
            styles = {0}
            if "xl/styles.xml" in parts:
                styles = _plain_styles(archive.read("xl/styles.xml"))
            for name in parts:
                lowered = name.lower()
                if lowered.startswith("xl/chartsheets/"):
                    return False
                if lowered.endswith("sharedstrings.xml") and _PHONETIC.search(archive.read(name)):
                    return False
                if lowered.startswith("xl/worksheets/") and lowered.endswith(".xml"):
                    sheet = archive.read(name)
                    if _WORKSHEET.search(sheet[:4096]) and not _sheet_value_only(sheet, styles):
                        return False
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, RuntimeError):
        return False
    return True


def _plain_styles(styles: bytes) -> set[int]:
    """The indexes of the cell styles whose number format shows a number as itself."""
    section = _CELL_XFS.search(styles)
    if section is None:
        return {0}
    plain = set()
    for index, attributes in enumerate(_XF.findall(section.group())):
        number_format = _NUMBER_FORMAT.search(attributes)
        if (int(number_format.group(1)) if number_format else 0) in _PLAIN_FORMATS:
            plain.add(index)
    return plain


def _sheet_value_only(sheet: bytes, plain_styles: set[int]) -> bool:
    if any(refused in sheet for refused in _REFUSED) or _LONG_WHOLE.search(sheet):
        return False
    # A cell without a style has style 0, whatever the cells that name one.
    if b' s="' in sheet and not {int(i or 0) for i in _STYLE.findall(sheet)} <= plain_styles:
        return False
    if 0 not in plain_styles:
        return False
    # Cells written as <c …> (a sheet with a prefix, <x:c …>, is counted as none of them, and
    # goes to the streaming reader), each with its reference.
    cells = sheet.count(b"<c ") + sheet.count(b"<c>") + sheet.count(b"<c/>")
    if _PAST_LAST_COLUMN.search(sheet):
        return False
    references = _REFERENCE.findall(sheet)
    columns = {letters for letters, _ in references}
    named = len(references) - sum(1 for letters, _ in references if not letters)
    if named != cells:
        return False
    last_column = max((_column_number(letters) for letters in columns), default=0)
    last_row = max((int(number) for _, number in references), default=0)
    if last_column > MAX_SHEET_COLUMNS or last_row > MAX_SHEET_ROWS:
        return False
    return last_row * last_column <= _SPARSE_FACTOR * cells + _SPARSE_SLACK


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass(frozen=True)
class CalamineSheet:
    """A sheet's non-blank rows: (row number, the text of each cell from column A)."""

    rows: list[tuple[int, list[str]]]


class CalamineBook:
    """A workbook `value_only` accepted, read by python-calamine."""

    def __init__(self, data: bytes) -> None:
        from python_calamine import CalamineWorkbook, SheetVisibleEnum

        self.book: Any = CalamineWorkbook.from_filelike(io.BytesIO(data))
        self.names: list[str] = list(self.book.sheet_names)
        self.hidden: dict[str, str] = {}
        for sheet in self.book.sheets_metadata:
            if sheet.visible == SheetVisibleEnum.Hidden:
                self.hidden[sheet.name] = "hidden"
            elif sheet.visible == SheetVisibleEnum.VeryHidden:
                self.hidden[sheet.name] = "veryHidden"

    def rows(self, name: str, text: Callable[[object, str | None], str]) -> CalamineSheet:
        """The sheet's rows, each cell through `text` (its value, no number format)."""
        grid = self.book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(grid, start=1):
            # Text is the common cell, and its own text.
            texts = [value if type(value) is str else text(value, None) for value in values]
            end = len(texts)
            while end and not texts[end - 1]:
                end -= 1
            if end:
                rows.append((number, texts[:end]))
        return CalamineSheet(rows)

    def close(self) -> None:
        self.book.close()
