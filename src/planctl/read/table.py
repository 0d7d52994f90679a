"""The rows of a submission, from a CSV file or a workbook's sheet, and where each cell is.

A CSV row is placed by its line (`county.csv:4`), a sheet's cell by its reference
(`county.xlsx:Sheet1!C4`); everything after reading works on `Row` and `Cell` and does not care
which kind of file they came from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from planctl.domain.problems import Problem, Severity
from planctl.i18n.codes import Msg

# Excel writes a sheet's name bare in a reference when it is one word: Sheet1!C4, 学前教育!C4.
_BARE_SHEET_NAME = re.compile(r"[^\W\d]\w*")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's text, where it is, and what messages call its column."""

    text: str
    line: int
    ref: str | None
    column: str | None


@dataclass(frozen=True, slots=True)
class Row:
    """One non-blank row: its 1-based line (CSV) or row number (sheet), and its cells' text."""

    line: int
    cells: list[str]
    sheet: str | None = None

    def ref(self, index: int | None = None) -> str | None:
        """The reference of a cell (`Sheet1!C4`), of the row's first cell when `index` is None;
        None in a CSV, whose rows are placed by their line alone."""
        if self.sheet is None:
            return None
        return f"{sheet_reference(self.sheet)}!{column_letters((index or 0) + 1)}{self.line}"

    def text(self, index: int | None) -> str:
        """The stripped text of cell `index`; empty past the row's end or for no column."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def cell(self, index: int | None, column: str | None) -> Cell:
        """Cell `index` of this row, to be called `column` in messages."""
        return Cell(self.text(index), self.line, self.ref(index), column)

    def problem(self, display: str, code: Msg, **fields: object) -> Problem:
        """A problem with the whole row."""
        return _problem(display, self.line, self.ref(), None, code, fields)

    def note(self, display: str, code: Msg, **fields: object) -> Problem:
        """A note about the whole row, for --verbose."""
        return _problem(display, self.line, self.ref(), None, code, fields, Severity.NOTE)


@dataclass
class Table:
    """The rows of one CSV file or one sheet, with what reading them found to say."""

    display: str
    sheet: str | None
    rows: Iterable[Row]
    # Filled while `rows` is iterated: a CSV reader finds a broken quote only when it gets there.
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    # CSV: the rows a stray quote broke (a quoted cell running over lines that look like rows,
    # not the last cell of the row, or leaving it short), by their line, with the warning
    # saying so; their errors are the quote's doing, so the warning replaces them, as an error.
    broken_by_quote: dict[int, Problem] = field(default_factory=dict)


@functools.cache
def column_letters(number: int) -> str:
    """A column's letters from its 1-based number, as a spreadsheet names it: 1 A, 27 AA.
    Every cell read asks (its place in messages); a sheet has a few dozen columns."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@functools.lru_cache(maxsize=256)
def sheet_reference(name: str) -> str:
    """A sheet's name as a cell reference writes it: quoted unless it is one word."""
    if _BARE_SHEET_NAME.fullmatch(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def cell_problem(
    display: str, cell: Cell, code: Msg, fields: dict[str, object], level: Severity = Severity.ERROR
) -> Problem:
    """A problem with one cell."""
    return _problem(display, cell.line, cell.ref, cell.column, code, fields, level)


def _problem(
    display: str,
    line: int,
    ref: str | None,
    column: str | None,
    code: Msg,
    fields: dict[str, object],
    level: Severity = Severity.ERROR,
) -> Problem:
    return Problem(code, display, line, column or None, fields, level, ref)
