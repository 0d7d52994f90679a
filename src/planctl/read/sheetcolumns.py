"""A large sheet's rows (long layout) checked in columns, by the rules the CSV column path runs.

Reading a city's sheet of 20,000 rows takes calamine a few tenths of a second; checking its rows
one by one (`layouts`, `figures`) took a second more. Here the rows' text cells become one polars
frame, judged by `ColumnReader.judge`: the compiled cell rules of domain/cells.py, the very ones
the CSV column path applies. A row every rule surely passes becomes its observation here, as the
row reader would make it (its county's official name, its indicator's cell for its place,
`Sheet1!B7`); every other row (a bad cell, a total or blank row, a number written unusually, a
row longer than the header) is read by the row reader, so its messages are the ones that reader
gives, at the same cell. Both kinds go through the one builder in row order, so a figure given
twice is caught and worded as before. Without polars every row is read row by row.
"""

from __future__ import annotations

from typing import Any

from planctl.read.figures import Observation, ObservationBuilder
from planctl.read.header import INDICATOR, NOTE, Header
from planctl.read.layouts import LongLayout
from planctl.read.table import Cell, Row, column_letters, sheet_reference

# Below this many rows the row reader is as quick as loading polars and building a frame.
COLUMN_ROWS_FROM = 2000


def read_sheet_rows(rows: list[Row], header: Header, layout: LongLayout) -> None:
    """Read a sheet's rows after its header through `layout`, the sure ones in columns."""
    builder = layout.builder
    judged = _judged(rows, header, builder) if rows and len(rows) >= COLUMN_ROWS_FROM else None
    if judged is None:
        for row in rows:
            layout.read(row)
        return
    oks, counties, names, targets, years, values, numerators, denominators = judged
    found = builder.targets.targets
    indicator = header.roles.get(INDICATOR)
    note = header.roles.get(NOTE)
    display = builder.display
    # Every sure row has its indicator's cell: its place, `Sheet1!B7`, is the column's letters
    # and the row's number.
    assert indicator is not None
    place = column_letters(indicator + 1)
    for at, row in enumerate(rows):
        if not oks[at]:
            layout.read(row)
            continue
        target = found[targets[at]]
        assert row.sheet is not None
        ref = f"{sheet_reference(row.sheet)}!{place}{row.line}"
        cell = Cell(row.cells[indicator].strip(), row.line, ref, INDICATOR)
        observation = Observation(
            names[counties[at]],
            target.id,
            values[at],
            numerators[at],
            denominators[at],
            years[at],
            row.text(note),
            display,
            row.line,
            ref,
        )
        if builder.dedupe:
            builder.keep(observation, target, cell)
        else:
            builder.observations.append(observation)


def _judged(
    rows: list[Row], header: Header, builder: ObservationBuilder
) -> tuple[list[Any], ...] | None:
    """The columns of the rows' judgement, or None where polars cannot be loaded."""
    try:
        from planctl.read.columns import ColumnReader, load_polars

        pl = load_polars()
    except ImportError:
        return None
    width = len(header.row.cells)
    # Empty cells are null, as polars reads an empty CSV cell.
    columns: dict[str, list[str | None]] = {f"c{i}": [] for i in range(width)}
    overflow = []
    lists = list(columns.values())
    for row in rows:
        cells = row.cells
        for i, column in enumerate(lists):
            text = cells[i] if i < len(cells) else ""
            column.append(text or None)
        overflow.append(len(cells) > width)
    frame = pl.DataFrame(
        {
            **columns,
            "segment": pl.Series([0] * len(rows), dtype=pl.UInt32),
            "file": pl.Series([0] * len(rows), dtype=pl.UInt32),
            "line": pl.Series([row.line for row in rows], dtype=pl.UInt32),
            "overflow": pl.Series(overflow, dtype=pl.Boolean),
        },
        schema_overrides=dict.fromkeys(columns, pl.String),
    )
    reader = ColumnReader(builder.targets)
    judged = reader.judge(frame, header.roles, overflowing=True)
    names = reader.county_names
    return (
        judged.get_column("ok").to_list(),
        judged.get_column("county").to_list(),
        names,
        *(
            judged.get_column(name).to_list()
            for name in ("target", "year", "value", "numerator", "denominator")
        ),
    )
