"""CSV text → the rows of a table, each with the physical line it starts on.

Blank rows and rows whose first cell starts with `#` (comments) are skipped. The delimiter is
a comma, or a tab or semicolon when the first row uses one and no comma. A broken quote ends
the table with a problem on the line where the broken row starts; a quoted cell that is never
closed is an error on the line where it opens (else it would take the rest of the file in
silently), and a quoted cell that spans lines which look like rows of the table is a warning
there (a line break inside quotes is valid CSV, so a closed one is still read). A cell longer
than `limits.MAX_CELL_CHARS` (the csv module's own limit) ends the table with a problem on
the line where its row starts.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from planctl.domain.problems import Problem, Severity
from planctl.files.limits import MAX_CELL_CHARS
from planctl.i18n.codes import Msg
from planctl.read.table import Row, Table


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
    return Problem(Msg.NOTE_CSV_READ, display, fields=fields, level=Severity.NOTE)


# A quoted cell, closed: `""` inside is a quote. Possessive, as the csv module reads it: in
# `"a""` the second quote escapes the third, so the cell is not closed.
_QUOTED = re.compile(r'"[^"]*+(?:""[^"]*+)*+"')
_LINE_END = re.compile(r"\r\n|\r|\n")
# How much of a cell's text a message shows.
_SHOWN = 24


def _rows(text_: str, dialect: type[csv.Dialect], table: Table) -> Iterator[Row]:
    reader = csv.reader(_lines(text_), dialect=dialect)
    delimiter = str(dialect.delimiter)
    start, width = 1, 0
    # Each row is held until the next one is read: only the last row can hold a quote that the
    # end of the file cuts off, and such a row is not read.
    line, cells = 0, None
    while True:
        try:
            after = next(reader)
        except StopIteration:
            if cells is not None and _unclosed(text_, line, delimiter, table):
                return
            after = None
        except csv.Error as exc:
            if not _unclosed(text_, start, delimiter, table):
                table.problems.append(malformed(table.display, start, exc))
            after = None
        if cells is not None:
            if start - line > 1:
                _swallowed(cells, line, delimiter, width, table)
            if not is_skipped(cells):
                if len(cells) > width:
                    width = len(cells)
                yield Row(line, cells)
        if after is None:
            return
        line, cells, start = start, after, reader.line_num + 1


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


def _unclosed(text_: str, line: int, delimiter: str, table: Table) -> bool:
    """Whether the row starting at `line` holds a quoted cell that the file's end cuts off; if
    so, the problem is on the line where that cell opens."""
    rest = text_[_offset(text_, line) :]
    at = _open_quote(rest, delimiter)
    if at is None:
        return False
    opened, cut = line + _line_breaks(rest[:at]), rest[at:]
    fields: dict[str, object] = {
        "start": _start_of(cut),
        "lines": _line_breaks(cut) + (0 if cut.endswith(("\n", "\r")) else 1),
    }
    table.problems.append(Problem(Msg.CSV_QUOTE_UNCLOSED, table.display, opened, fields=fields))
    return True


def _offset(text_: str, line: int) -> int:
    """Where line `line` starts in `text_`, lines ending as the csv module ends them."""
    if line == 1:
        return 0
    for number, end in enumerate(_LINE_END.finditer(text_), start=2):
        if number == line:
            return end.end()
    return len(text_)


def _open_quote(text_: str, delimiter: str) -> int | None:
    """The offset of a quoted cell in `text_` that is never closed, read as the csv module
    reads cells: a quote opens a cell only as its first character."""
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    at, end = 0, len(text_)
    while at < end:
        if text_[at] == '"':
            closed = _QUOTED.match(text_, at)
            if closed is None:
                return at
            at = closed.end()
        match = unquoted.match(text_, at)
        at = match.end() if match is not None else at
        if text_.startswith("\r\n", at):
            at += 2
        elif at < end:
            at += 1
    return None


def _swallowed(cells: list[str], line: int, delimiter: str, width: int, table: Table) -> None:
    """A warning for each cell of a row over several lines whose lines look like rows: as many
    separators as the rows so far have, at least two."""
    least = max(2, width - 1)
    for cell in cells:
        inner = cell.splitlines()
        rows = sum(1 for part in inner[1:] if part.count(delimiter) >= least)
        if rows:
            fields: dict[str, object] = {
                "start": _start_of('"' + cell),
                "lines": len(inner),
                "rows": rows,
            }
            table.warnings.append(
                Problem(
                    Msg.CSV_QUOTE_SWALLOWS_ROWS,
                    table.display,
                    line,
                    fields=fields,
                    level=Severity.WARNING,
                )
            )
        line += _line_breaks(cell)


def _line_breaks(text_: str) -> int:
    """How many lines `text_` ends, as the csv module counts them."""
    return text_.count("\n") + text_.count("\r") - text_.count("\r\n")


def _start_of(cell: str) -> str:
    """The start of a cell as written, on one line, shortened: `"see attached…`."""
    first = cell.splitlines()[0] if cell else cell
    return first if len(first) <= _SHOWN else first[:_SHOWN] + "…"


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
