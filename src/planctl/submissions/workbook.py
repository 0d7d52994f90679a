"""Excel workbooks → one table per sheet, each cell as the text a person would read in it.

.xlsx and .xlsm are read with openpyxl in read-only mode, which streams a sheet's XML, so only
the rows read cost memory; .xls with xlrd. Both give each cell's number format, which is how a
percentage stored as a fraction (0.884 shown as 88.4%) is told from a bare 0.884; formulas
give the value the spreadsheet program last computed. A sheet is read to row `MAX_ROWS` and
column `MAX_COLUMNS` at most: a county's submission has a few hundred rows, and a sheet of a
million empty rows must not cost a million rows' time.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from planctl.messages import Msg, one_of, text
from planctl.names import closest, fold
from planctl.problems import Level, Problem, SubmissionError
from planctl.submissions.archive import check_archive
from planctl.submissions.table import Row, Table, sheet_reference

MAX_WORKBOOK_BYTES = 32 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 256

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


class _Book(Protocol):
    names: list[str]
    # Sheet name → "hidden" or "veryHidden", for the sheets Excel does not show.
    hidden: dict[str, str]

    def rows(self, name: str) -> tuple[list[Row], bool]:
        """The non-blank rows of a sheet, and whether it goes on past `MAX_ROWS`."""
        ...

    def close(self) -> None: ...


def read_workbook(data: bytes, display: str, kind: str, sheet: str | None = None) -> Workbook:
    """The sheets of the workbook in `data` (only `sheet` if given); SubmissionError if the
    workbook is hostile, broken, or lacks that sheet."""
    if kind == "xlsx":
        check_archive(data, display)
    with _library_errors(display):
        book: _Book = _XlsxBook(data) if kind == "xlsx" else _XlsBook(data)
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
        for name in names:
            with _library_errors(display):
                rows, truncated = book.rows(name)
            table = Table(display, name, rows)
            if truncated:
                table.warnings.append(
                    Problem(
                        Msg.SHEET_TRUNCATED,
                        display,
                        fields={"rows": f"{MAX_ROWS:,}"},
                        level=Level.WARNING,
                        cell=sheet_reference(name),
                    )
                )
            tables.append(table)
    finally:
        book.close()
    return Workbook(kind, book.names, tables, skipped)


def _hidden_warning(display: str, name: str, state: str) -> Problem:
    """A hidden sheet is unread unless asked for: the person who filled the workbook in does
    not see it, so its figures (an old year's, a colleague's draft) are not the submission.
    A warning, not a --verbose note: it changes what is read, and nothing else would say so."""
    code = Msg.SHEET_VERY_HIDDEN if state == "veryHidden" else Msg.SHEET_HIDDEN
    return Problem(
        code, display, fields={"sheet": name}, level=Level.WARNING, cell=sheet_reference(name)
    )


@contextmanager
def _library_errors(display: str) -> Iterator[None]:
    """A reader library fails on hostile bytes in more ways than it documents (KeyError,
    ValueError, zipfile and XML errors, …); any of them means the workbook cannot be read."""
    try:
        # Readers warn about features they drop (data validation, unknown extensions): noise
        # here, since only the cells' values and number formats are read.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except SubmissionError:
        raise
    except Exception as exc:
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


class _XlsxBook:
    """An .xlsx or .xlsm workbook, through openpyxl's streaming reader."""

    def __init__(self, data: bytes) -> None:
        import openpyxl

        self.book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        self.names: list[str] = list(self.book.sheetnames)
        self.hidden = {
            sheet.title: sheet.sheet_state
            for sheet in self.book.worksheets + self.book.chartsheets
            if sheet.sheet_state in ("hidden", "veryHidden")
        }

    def rows(self, name: str) -> tuple[list[Row], bool]:
        sheet = self.book[name]
        if not hasattr(sheet, "iter_rows"):  # a chart sheet: no cells
            return [], False
        rows: list[Row] = []
        # Asking for one row past the limit tells whether the sheet goes on.
        cells_by_row = sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS)
        for number, cells in enumerate(cells_by_row, start=1):
            if number > MAX_ROWS:
                return rows, True
            texts = [
                "" if cell.value is None else cell_text(cell.value, cell.number_format)
                for cell in cells
            ]
            if any(texts):
                rows.append(Row(number, _trimmed(texts), name))
        return rows, False

    def close(self) -> None:
        self.book.close()


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
        self.hidden = {
            name: states[state]
            for name, state in zip(self.names, visibility, strict=False)
            if state in states
        }

    def rows(self, name: str) -> tuple[list[Row], bool]:
        sheet = self.book.sheet_by_name(name)
        rows: list[Row] = []
        for index in range(min(sheet.nrows, MAX_ROWS)):
            width = min(sheet.row_len(index), MAX_COLUMNS)
            texts = [self._text(sheet.cell(index, column)) for column in range(width)]
            if any(texts):
                rows.append(Row(index + 1, _trimmed(texts), name))
        return rows, sheet.nrows > MAX_ROWS

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
    digits = format(value, ".15g") if isinstance(value, float) else str(value)
    return format(Decimal(digits).scaleb(shift).normalize(), "f")


def _trimmed(texts: list[str]) -> list[str]:
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    return texts[:end]
