"""A large sheet's rows (long layout) checked in columns, by the rules the CSV column path runs.

Reading a city's sheet of 20,000 rows takes calamine a few tenths of a second; checking its rows
one by one (`layouts`, `figures`) took a second more. Here the rows' text cells become one polars
frame, judged by `ColumnReader.judge`: the compiled cell rules of domain/cells.py, the very ones
the CSV column path applies. A row every rule surely passes becomes its observation here, as the
row reader would make it (its county's official name, its indicator's cell for its place,
`Sheet1!B7`); every other row (a bad cell, a total or blank row, a number written unusually, a
row longer than the header) is read by the row reader, so its messages are the ones that reader
gives, at the same cell. Both kinds go through the one builder in row order, so a figure given
twice is caught and worded as before. Without polars every row is read row by row; so is a
sheet too short for the columns to pay (`COLUMN_ROWS_FROM` rows, four times as many where
polars is not loaded yet: loading it costs what reading some 7,000 rows one by one does).
"""

from __future__ import annotations

import sys
from typing import Any

from planctl.read.figures import Observation, ObservationBuilder
from planctl.read.header import INDICATOR, NOTE, Header
from planctl.read.layouts import LongLayout
from planctl.read.table import Cell, Row, column_letters, sheet_reference

# Below this many rows the row reader is as quick as building a frame and judging it, with
# polars loaded (by a large CSV file read before); where it is not, loading it (0.1 s of CPU,
# 60 MiB) pays from about this many times as many: measured on the benchmark's sheet, the row
# reader takes some 28 µs of CPU a row, the columns 5 µs, loading and judging 0.17 s in all.
COLUMN_ROWS_FROM = 2000
_UNLOADED_FACTOR = 4


def read_sheet_rows(rows: list[Row], header: Header, layout: LongLayout) -> None:
    """Read a sheet's rows after its header through `layout`, the sure ones in columns."""
    builder = layout.builder
    enough = COLUMN_ROWS_FROM if polars_loaded() else COLUMN_ROWS_FROM * _UNLOADED_FACTOR
    judged = _judged(rows, header, builder) if rows and len(rows) >= enough else None
    if judged is None:
        for row in rows:
            layout.read(row)
        return
    oks, counties, names, targets, years, values, numerators, denominators = judged
    found = builder.targets.targets
    indicator = header.roles.get(INDICATOR)
    note = header.roles.get(NOTE)
    display = builder.display
    # Every sure row has its indicator's cell: its place, `Sheet1!B7`, is the sheet's name,
    # the column's letters and the row's number. A table's rows are all of one sheet.
    assert indicator is not None and rows[0].sheet is not None
    place = f"{sheet_reference(rows[0].sheet)}!{column_letters(indicator + 1)}"
    # A sure row's fields, each from its column, in one pass (the sure rows are most of them).
    for row, ok, county, target_at, year, value, numerator, denominator in zip(
        rows, oks, counties, targets, years, values, numerators, denominators, strict=True
    ):
        if not ok:
            layout.read(row)
            continue
        line = row.line
        ref = place + str(line)
        target = found[target_at]
        observation = Observation(
            names[county],
            target.id,
            value,
            numerator,
            denominator,
            year,
            row.text(note),
            display,
            line,
            ref,
        )
        if builder.dedupe:
            builder.keep(
                observation, target, Cell(row.cells[indicator].strip(), line, ref, INDICATOR)
            )
        else:
            builder.observations.append(observation)


def polars_loaded() -> bool:
    """Whether polars was imported already (by the CSV column reader, or a sheet before)."""
    return "polars" in sys.modules


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
    labels = [f"c{i}" for i in range(width)]
    # Each row's cells to the header's width (a row is trimmed of its empty end), turned into
    # columns by zip, in C: a Python loop over the 140,000 cells of a city's sheet cost more.
    cells = [row.cells for row in rows]
    pad = [""] * width
    fitted = [texts if len(texts) == width else (texts + pad)[:width] for texts in cells]
    columns = list(zip(*fitted, strict=True))
    frame = pl.DataFrame(
        {
            **{
                name: pl.Series(name, column, dtype=pl.String)
                for name, column in zip(labels, columns, strict=True)
            },
            "segment": pl.Series([0] * len(rows), dtype=pl.UInt32),
            "file": pl.Series([0] * len(rows), dtype=pl.UInt32),
            "line": pl.Series([row.line for row in rows], dtype=pl.UInt32),
            "overflow": pl.Series([len(texts) > width for texts in cells], dtype=pl.Boolean),
        }
    ).with_columns(
        # Empty cells are null, as polars reads an empty CSV cell.
        pl.col(labels).replace("", None)
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
