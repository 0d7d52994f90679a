"""CSV text → the rows of a table, each with the physical line it starts on.

Blank rows and rows whose first cell starts with `#` (comments) are skipped. The delimiter is
a comma, or a tab or semicolon when the first row uses one and no comma. A broken quote ends
the table with a problem on the line where the broken row starts, and so does a cell longer
than `limits.MAX_CELL_CHARS` (the csv module's own limit), which is what a quote left open
makes of the rest of a file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from planctl.limits import MAX_CELL_CHARS
from planctl.messages import Msg
from planctl.problems import Level, Problem
from planctl.submissions.table import Row, Table


class _Semicolon(csv.excel):
    delimiter = ";"


def csv_table(text_: str, display: str, encoding: str) -> Table:
    """The table in a CSV file's text; its problems fill in as its rows are read."""
    dialect = csv_dialect(text_)
    table = Table(display, None, [])
    table.notes.append(csv_note(display, encoding, dialect.delimiter))
    table.rows = _rows(text_, dialect, table)
    return table


def csv_note(display: str, encoding: str, delimiter: str) -> Problem:
    """What --verbose says of how a CSV file was read."""
    fields: dict[str, object] = {"encoding": encoding, "delimiter": repr(delimiter)}
    return Problem(Msg.NOTE_CSV_READ, display, fields=fields, level=Level.NOTE)


def _rows(text_: str, dialect: type[csv.Dialect], table: Table) -> Iterator[Row]:
    reader = csv.reader(_lines(text_), dialect=dialect)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            table.problems.append(malformed(table.display, start, exc))
            return
        line, start = start, reader.line_num + 1
        if not is_skipped(cells):
            yield Row(line, cells)


# Where lines end, as a file opened with newline="" reads them.
_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(text_: str) -> Iterator[str]:
    """The text's lines with their ends, each sliced from it: a StringIO of the text would
    hold a copy of four bytes a character."""
    start = 0
    for end in _LINE_END.finditer(text_):
        yield text_[start : end.end()]
        start = end.end()
    if start < len(text_):
        yield text_[start:]


def malformed(display: str, line: int, error: csv.Error) -> Problem:
    """The problem of a row the csv module cannot read, on the line where the row starts."""
    if "field larger than field limit" in str(error):
        # Said as what it means: the module's words name neither the cell nor the cause.
        limit = f"{MAX_CELL_CHARS:,}"
        return Problem(Msg.CSV_CELL_TOO_LONG, display, line, fields={"limit": limit})
    return Problem(Msg.CSV_MALFORMED, display, line, fields={"reason": str(error)})


def row_cells(text_: str, dialect: type[csv.Dialect]) -> list[str]:
    """The cells of one row given as its text (a line of a file with its line end)."""
    return next(csv.reader(io.StringIO(text_, newline=""), dialect), [])


def is_skipped(cells: list[str]) -> bool:
    """Whether a row is blank or a comment, which a table skips without a word."""
    return not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#")


def csv_dialect(text_: str) -> type[csv.Dialect]:
    """How the text's cells are separated: by its first row that is not blank or a comment."""
    first = _first_row(text_)
    if "," not in first:
        if "\t" in first:
            return csv.excel_tab
        if ";" in first:
            return _Semicolon
    return csv.excel


def _first_row(text_: str) -> str:
    """The first line that is not blank or a comment, from as little of the text as it takes
    (the lines of a whole national file would take gigabytes)."""
    size = 2**16
    while True:
        lines = text_[:size].splitlines()
        whole = size >= len(text_)
        for row in lines if whole else lines[:-1]:  # the last line may go on past the cut
            if row.strip() and not row.lstrip().startswith("#"):
                return row
        if whole:
            return ""
        size *= 4
