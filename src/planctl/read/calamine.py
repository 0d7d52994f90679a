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
- no sheet is a chart sheet, and every sheet's cells are named, the reference first
  (`<c r="B7" …`), within column `MAX_SHEET_COLUMNS` and row `MAX_SHEET_ROWS`, and fill a
  fair part of their rectangle:
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
# A cell's start tag that names its place first, as Excel, LibreOffice, WPS and openpyxl write
# it: its column's letters, and its row's number. A cell written otherwise (no reference, the
# reference after another attribute, four letters, a row past `_ROW_DIGITS`) is not one of them,
# and the sheet goes to the streaming reader. Two scans, each gathering one part: the distinct
# letters and row numbers are few beside the cells, so sizing the grid is mostly C's work.
_ROW_DIGITS = 7  # MAX_SHEET_ROWS, 1,048,576, has seven digits
# A cell past column IV (MAX_SHEET_COLUMNS, 256), found before gathering every reference: a
# crafted row of a million cells ends here. A bound other than 256 is checked below.
_PAST_LAST_COLUMN = re.compile(rb'<c r="(?:[A-Z]{3}|I[W-Z]|[J-Z][A-Z])\d')
_NAMED_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})\d{1,%d}"' % _ROW_DIGITS)
_NAMED_ROW = re.compile(rb'<c r="[A-Z]{1,3}(\d{1,%d})"' % _ROW_DIGITS)
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
    # Each search is a pass over megabytes: a sheet without "<f" has none of the formulas.
    refused = _REFUSED if b"<f" in sheet else _REFUSED[3:]
    if any(found in sheet for found in refused) or _LONG_WHOLE.search(sheet):
        return False
    if 0 not in plain_styles:
        return False
    # A cell without a style has style 0, whatever the cells that name one; a sheet names a
    # few styles, on thousands of cells.
    if b' s="' in sheet:
        styles = set(_STYLE.findall(sheet))
        if not {int(index or 0) for index in styles} <= plain_styles:
            return False
    # Cells written as <c …> (a sheet with a prefix, <x:c …>, is counted as none of them, and
    # goes to the streaming reader), each with its reference first.
    named = sheet.count(b'<c r="')
    # Where no other tag starts "<c" (<cols>, <cfRule>), the cells are those named.
    cells = named
    if sheet.count(b"<c") != named:
        cells = sheet.count(b"<c ") + sheet.count(b"<c>") + sheet.count(b"<c/>")
    if named != cells or _PAST_LAST_COLUMN.search(sheet):
        return False
    letters = _NAMED_COLUMN.findall(sheet)
    if len(letters) != cells:
        return False
    columns = set(letters)
    last_column = max((_column_number(letters) for letters in columns), default=0)
    last_row = max(map(int, set(_NAMED_ROW.findall(sheet))), default=0)
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

        def shown(value: object) -> str:
            # A number is the other common cell: to 15 significant digits, its own text when
            # that has no exponent (as `text` gives it, a hundred thousand times a sheet).
            if type(value) is float and value:
                digits = format(value, ".15g")
                if "e" not in digits:
                    return digits
            return text(value, None)

        for number, values in enumerate(grid, start=1):
            # Text is the common cell, and its own text.
            texts = [value if type(value) is str else shown(value) for value in values]
            end = len(texts)
            while end and not texts[end - 1]:
                end -= 1
            if end:
                rows.append((number, texts[:end]))
        return CalamineSheet(rows)

    def close(self) -> None:
        self.book.close()
