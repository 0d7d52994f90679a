"""Excel workbooks → one table per sheet, each cell as the text a person would read in it.

.xlsx and .xlsm: openpyxl reads the workbook around the sheets (names, hidden or not, shared
strings, number formats) and `sheetxml` streams each sheet's cells, so only the cells kept
cost memory; .xls with xlrd. Both give each cell's number format, which is how a percentage
stored as a fraction (0.884 shown as 88.4%) is told from a bare 0.884; formulas give the value
the spreadsheet program last computed, and a formula without one is a warning, never a guess.
Every row of a sheet is read, to the last a spreadsheet has (`MAX_SHEET_ROWS`); a row past it
is an error, never rows left out: a city's sheet of every county holds tens of thousands. The
sheet's XML is bounded in bytes by the archive's limits, which bounds its rows and time. A
row is read to column `MAX_SHEET_COLUMNS`, with a warning when it goes on. Hidden sheets are
skipped (with a warning) unless asked for.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from planctl.domain.names import closest, fold
from planctl.domain.problems import Problem, Severity, SubmissionError
from planctl.files.limits import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS
from planctl.i18n.catalog import one_of, text
from planctl.i18n.codes import Msg
from planctl.read.archive import check_archive
from planctl.read.sheetxml import CellStyles, read_sheet
from planctl.read.table import Row, Table, sheet_reference

MAX_WORKBOOK_BYTES = 32 * 1024 * 1024

# What a number format shows literally: "text", \x, [Red] or [$-804], _x padding, *x fill.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


@dataclass(frozen=True)
class Workbook:
    """The sheets of a workbook that were read, as tables."""

    kind: str
    sheet_names: list[str]
    tables: list[Table]
    # The hidden sheets left unread, one warning each.
    skipped: list[Problem]


@dataclass
class _Sheet:
    """A sheet's non-blank rows within the bounds, and what is beyond them."""

    rows: list[Row]
    # The number of a row past MAX_SHEET_ROWS, if the sheet has one (an error).
    row_past_last: int | None = None
    more_columns: bool = False
    # The first few cells holding a formula without a saved value, (reference, formula), and
    # how many in all: a warning for each of those, then one saying how many more.
    unsaved_formulas: list[tuple[str, str]] = field(default_factory=list)
    unsaved_count: int = 0


class _Book(Protocol):
    names: list[str]
    # Sheet name → "hidden" or "veryHidden", for the sheets Excel does not show.
    hidden: dict[str, str]

    def rows(self, name: str) -> _Sheet:
        """The sheet's rows to `MAX_SHEET_COLUMNS`, and what is beyond them."""
        ...

    def close(self) -> None: ...


def read_workbook(data: bytes, display: str, kind: str, sheet: str | None = None) -> Workbook:
    """The sheets of the workbook in `data` (only `sheet` if given); SubmissionError if the
    workbook is hostile, broken, or lacks that sheet."""
    if kind == "xlsx":
        check_archive(data, display)
    with _library_errors(display, kind):
        book: _Book = _xlsx_book(data) if kind == "xlsx" else _XlsBook(data)
    try:
        names = _chosen(book.names, sheet, display)
        skipped = []
        if sheet is None:
            skipped = [
                _hidden_warning(display, name, book.hidden[name])
                for name in names
                if name in book.hidden
            ]
            names = [name for name in names if name not in book.hidden]
        tables = []
        too_long = []
        for name in names:
            with _library_errors(display, kind):
                read = book.rows(name)
            if read.row_past_last is not None:
                too_long.append(_too_long(display, name, read.row_past_last))
                continue
            table = Table(display, name, read.rows)
            table.warnings.extend(_sheet_warnings(display, name, read))
            tables.append(table)
    finally:
        book.close()
    if too_long:
        raise SubmissionError(too_long)
    return Workbook(kind, book.names, tables, skipped)


def _too_long(display: str, name: str, row: int) -> Problem:
    """A row numbered past the last a spreadsheet has: the sheet is not read at all, since
    reading it in part would leave counties out of the city's totals without a word."""
    fields: dict[str, object] = {"row": f"{row:,}", "rows": f"{MAX_SHEET_ROWS:,}"}
    return Problem(Msg.SHEET_TOO_LONG, display, fields=fields, cell=sheet_reference(name))


def _sheet_warnings(display: str, name: str, read: _Sheet) -> list[Problem]:
    where = sheet_reference(name)

    def warning(code: Msg, cell: str = where, **fields: object) -> Problem:
        return Problem(code, display, fields=fields, level=Severity.WARNING, cell=cell)

    found = [
        warning(Msg.CELL_FORMULA_UNSAVED, f"{where}!{ref}", formula=formula[:80])
        for ref, formula in read.unsaved_formulas
    ]
    if read.unsaved_count > len(read.unsaved_formulas):
        more = read.unsaved_count - len(read.unsaved_formulas)
        found.append(warning(Msg.SHEET_FORMULAS_UNSAVED, count=f"{more:,}"))
    if read.more_columns:
        last = _letter(MAX_SHEET_COLUMNS)
        found.append(warning(Msg.SHEET_TOO_WIDE, columns=MAX_SHEET_COLUMNS, last=last))
    return found


def _letter(column: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return get_column_letter(column)


def _hidden_warning(display: str, name: str, state: str) -> Problem:
    """A hidden sheet is unread unless asked for: the person who filled the workbook in does
    not see it, so its figures (an old year's, a colleague's draft) are not the submission.
    A warning, not a --verbose note: it changes what is read, and nothing else would say so."""
    code = Msg.SHEET_VERY_HIDDEN if state == "veryHidden" else Msg.SHEET_HIDDEN
    return Problem(
        code, display, fields={"sheet": name}, level=Severity.WARNING, cell=sheet_reference(name)
    )


@contextmanager
def _library_errors(display: str, kind: str) -> Iterator[None]:
    """A reader library fails on hostile bytes in more ways than it documents (KeyError,
    ValueError, zipfile and XML errors, …); any of them means the workbook cannot be read.

    xlrd's failures on a damaged .xls (CompDocError's 'Expected "little-endian" marker',
    struct.error, IndexError, …) describe its parser, not the file: any of them is said as
    a damaged file or not an Excel one, but a password, which xlrd names, is said as such."""
    try:
        # Readers warn about features they drop (data validation, unknown extensions): noise
        # here, since only the cells' values and number formats are read.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except SubmissionError:
        raise
    except Exception as exc:
        if kind == "xls":
            encrypted = str(exc) == "Workbook is encrypted"
            code = Msg.WORKBOOK_XLS_ENCRYPTED if encrypted else Msg.WORKBOOK_XLS_DAMAGED
            raise SubmissionError([Problem(code, display)]) from None
        reason = f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
        problem = Problem(Msg.WORKBOOK_UNREADABLE, display, fields={"reason": reason[:200]})
        raise SubmissionError([problem]) from None


def _chosen(names: list[str], sheet: str | None, display: str) -> list[str]:
    if sheet is None:
        return names
    if sheet in names:
        return [sheet]
    folded = [name for name in names if fold(name) == fold(sheet)]
    if folded:
        return folded[:1]
    near = closest(sheet, names)
    hint = (
        text(Msg.DID_YOU_MEAN, candidates=one_of(near))
        if near
        else text(Msg.EXPECTED_ONE_OF, candidates=one_of(names))
    )
    problem = Problem(Msg.WORKBOOK_NO_SHEET, display, fields={"sheet": sheet, "hint": hint})
    raise SubmissionError([problem])


def _xlsx_book(data: bytes) -> _Book:
    """python-calamine for a workbook whose values alone decide what its cells show, else
    openpyxl and the streaming reader (see read/calamine.py); a workbook calamine cannot read
    is read the other way, whose messages say what is wrong with it."""
    from planctl.read.calamine import value_only

    if value_only(data):
        try:
            return _CalamineBook(data)
        except Exception:  # the other reader reads it, or says why it cannot
            pass
    return _XlsxBook(data)


class _CalamineBook:
    """A value-only .xlsx workbook, through python-calamine."""

    def __init__(self, data: bytes) -> None:
        from planctl.read.calamine import CalamineBook

        self.book = CalamineBook(data)
        self.names = self.book.names
        self.hidden = self.book.hidden
        self.data = data

    def rows(self, name: str) -> _Sheet:
        try:
            read = self.book.rows(name, cell_text)
        except Exception:  # as in _xlsx_book: the streaming reader decides
            fallback = _XlsxBook(self.data)
            try:
                return fallback.rows(name)
            finally:
                fallback.close()
        return _Sheet([Row(number, texts, name) for number, texts in read.rows])

    def close(self) -> None:
        self.book.close()


class _XlsxBook:
    """An .xlsx or .xlsm workbook: openpyxl for its parts, `sheetxml` for its sheets' cells."""

    def __init__(self, data: bytes) -> None:
        import openpyxl

        self.book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        self.names: list[str] = list(self.book.sheetnames)
        self.hidden: dict[str, str] = {
            sheet.title: sheet.sheet_state
            for sheet in self.book.worksheets + self.book.chartsheets
            if sheet.sheet_state in ("hidden", "veryHidden")
        }
        self.styles = _cell_styles(self.book)

    def rows(self, name: str) -> _Sheet:
        sheet: Any = self.book[name]
        if not hasattr(sheet, "iter_rows"):  # a chart sheet: no cells
            return _Sheet([])
        # openpyxl's read-only sheet knows where its XML is and the workbook's shared strings.
        archive: Any = getattr(self.book, "_archive")  # noqa: B009
        with archive.open(sheet._worksheet_path) as stream:
            read = read_sheet(
                stream,
                sheet._shared_strings,
                self.styles,
                cell_text,
                MAX_SHEET_ROWS,
                MAX_SHEET_COLUMNS,
            )
        return _Sheet(
            [Row(number, texts, name) for number, texts in read.rows],
            read.row_past_last,
            read.more_columns,
            [(_reference(row, column), formula) for row, column, formula in read.unsaved_formulas],
            read.unsaved_count,
        )

    def close(self) -> None:
        self.book.close()


def _cell_styles(book: Any) -> CellStyles:
    """The number format of each cell style of an openpyxl workbook (None for General)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    custom: list[str] = list(getattr(book, "_number_formats", []))
    formats: list[str | None] = []
    for style in getattr(book, "_cell_styles", []):
        number = style.numFmtId
        if number < BUILTIN_FORMATS_MAX_SIZE:
            found = BUILTIN_FORMATS.get(number, "General")
        else:
            index = number - BUILTIN_FORMATS_MAX_SIZE
            found = custom[index] if index < len(custom) else "General"
        formats.append(None if found == "General" else found)
    return CellStyles(
        formats,
        frozenset(getattr(book, "_date_formats", ())),
        frozenset(getattr(book, "_timedelta_formats", ())),
        book.epoch,
    )


def _reference(row: int, column: int) -> str:
    return f"{_letter(column)}{row}"


class _XlsBook:
    """A legacy .xls workbook, through xlrd."""

    def __init__(self, data: bytes) -> None:
        import xlrd

        self.xlrd = xlrd
        # xlrd writes its complaints to a log file, stdout by default: keep them out of it.
        self.book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
        self.names: list[str] = list(self.book.sheet_names())
        # xlrd keeps each sheet's visibility from the workbook's directory (0 visible, 1
        # hidden, 2 very hidden); the public `Sheet.visibility` would load every sheet.
        visibility: list[int] = getattr(self.book, "_sheet_visibility", [])
        states = {1: "hidden", 2: "veryHidden"}
        self.hidden: dict[str, str] = {
            name: states[state]
            for name, state in zip(self.names, visibility, strict=False)
            if state in states
        }

    def rows(self, name: str) -> _Sheet:
        # An .xls sheet has 65,536 rows and 256 columns at most (BIFF8), within MAX_SHEET_ROWS
        # and MAX_SHEET_COLUMNS; and xlrd reads a formula's saved value, which every program
        # writing .xls saves.
        sheet = self.book.sheet_by_name(name)
        rows: list[Row] = []
        for index in range(min(sheet.nrows, MAX_SHEET_ROWS)):
            width = min(sheet.row_len(index), MAX_SHEET_COLUMNS)
            texts = [self._text(sheet.cell(index, column)) for column in range(width)]
            if any(texts):
                rows.append(Row(index + 1, _trimmed(texts), name))
        return _Sheet(rows, sheet.nrows if sheet.nrows > MAX_SHEET_ROWS else None)

    def _text(self, cell: Any) -> str:
        xlrd = self.xlrd
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return ""
        if cell.ctype == xlrd.XL_CELL_TEXT:
            return str(cell.value)
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return cell_text(bool(cell.value), None)
        if cell.ctype == xlrd.XL_CELL_ERROR:
            return str(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                return cell_text(xlrd.xldate_as_datetime(cell.value, self.book.datemode), None)
            except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                return cell_text(cell.value, None)
        xf = self.book.xf_list[cell.xf_index]
        number_format = self.book.format_map.get(xf.format_key)
        return cell_text(cell.value, number_format.format_str if number_format else None)

    def close(self) -> None:
        self.book.release_resources()


def cell_text(value: object, number_format: str | None) -> str:
    """A cell's value as the text the row parser reads: `88.4%` for 0.884 under a percent
    format, `21950` for 21950.0, TRUE/FALSE, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if is_percent_format(number_format):
            return _decimal(value, shift=2) + "%"
        return _decimal(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def is_percent_format(number_format: str | None) -> bool:
    """Whether a number format shows its value times 100 with a % sign (`0.0%`, `#,##0%`)."""
    return "%" in _FORMAT_LITERALS.sub("", number_format or "")


def _decimal(value: float, shift: int = 0) -> str:
    """A number in plain decimal digits (no exponent), times 10**shift, to the 15 significant
    digits spreadsheet programs keep: a stored 0.8301000000000001 is the 0.8301 typed."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value == 0:
        # A stored -0.0 is shown as 0 by spreadsheet programs, and read as 0 by both readers.
        value = 0
    digits = format(value, ".15g") if isinstance(value, float) else str(value)
    # Digits without an exponent are already the plain decimal that Decimal would make of
    # them (".15g" writes no trailing zeros): the common cell, a hundred thousand a sheet.
    if not shift and "e" not in digits:
        return digits
    return format(Decimal(digits).scaleb(shift).normalize(), "f")


def _trimmed(texts: list[str]) -> list[str]:
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    return texts[:end]
