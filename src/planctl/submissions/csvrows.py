"""CSV text → the rows of a table, each with the physical line it starts on.

Blank rows and rows whose first cell starts with `#` (comments) are skipped. The delimiter is
a comma, or a tab or semicolon when the first row uses one and no comma. A broken quote ends
the table with a problem on the line where the broken row starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

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
    reader = csv.reader(io.StringIO(text_, newline=""), dialect=dialect)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            table.problems.append(
                Problem(Msg.CSV_MALFORMED, table.display, start, fields={"reason": str(exc)})
            )
            return
        line, start = start, reader.line_num + 1
        if not is_skipped(cells):
            yield Row(line, cells)


def is_skipped(cells: list[str]) -> bool:
    """Whether a row is blank or a comment, which a table skips without a word."""
    return not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#")


def csv_dialect(text_: str) -> type[csv.Dialect]:
    """How the text's cells are separated: by its first row that is not blank or a comment."""
    first = next(
        (row for row in text_.splitlines() if row.strip() and not row.lstrip().startswith("#")),
        "",
    )
    if "," not in first:
        if "\t" in first:
            return csv.excel_tab
        if ";" in first:
            return _Semicolon
    return csv.excel
