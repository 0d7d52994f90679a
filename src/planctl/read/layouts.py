"""The two layouts: which cells of a row hold which figure, handed to the shared builder.

Long: one row per indicator, `county, indicator, value[, numerator, denominator]`; a row is
one figure. Wide: one row per county, one column per indicator (and optional numerator and
denominator columns); a row is a figure per indicator column filled in, and a blank cell is
simply not reported. Either way a total row (合计, 全市) is skipped with a note.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from planctl.domain.problems import Problem, Severity
from planctl.domain.values import NumberError, parse_number
from planctl.i18n.codes import Msg
from planctl.read.figures import FigureCells, ObservationBuilder
from planctl.read.header import (
    COUNTY,
    DENOMINATOR,
    INDICATOR,
    NOTE,
    NUMERATOR,
    VALUE,
    YEAR,
    Header,
    IndicatorColumn,
    Layout,
    unknown_column_problems,
)
from planctl.read.table import Cell, Row, cell_problem
from planctl.targets.models import Target

# The parts of a number split at an unquoted decimal comma: `88` and `51%`.
_WHOLE = re.compile(r"[+-]?[0-9]+")
_FRACTION = re.compile(r"[0-9]{1,2}%?")


class _RowsUnderHeader:
    """What both layouts do with a row before reading its figures."""

    def __init__(self, header: Header, builder: ObservationBuilder) -> None:
        self.columns = header.roles
        self.width = len(header.row.cells)
        self.builder = builder
        self.notes: list[Problem] = []
        self.warnings: list[Problem] = []

    def _county_cell(self, row: Row) -> Cell | None:
        """The row's county cell; None for a row not to read (too many cells, a total)."""
        display = self.builder.display
        if _overflows(row, self.width):
            split = _decimal_comma(row.cells[1:])
            if split is not None:
                self.builder.problems.append(self._decimal_comma(row, split))
                return None
            self.builder.problems.append(
                row.problem(
                    display, Msg.CSV_TOO_MANY_CELLS, cells=len(row.cells), columns=self.width
                )
            )
            return None
        county = row.cell(self.columns.get(COUNTY), COUNTY)
        if self.builder.is_total(county):
            self.notes.append(row.note(display, Msg.NOTE_TOTAL_ROW, county=county.text))
            return None
        return county

    def _decimal_comma(self, row: Row, split: tuple[str, str]) -> Problem:
        fields = {"cells": len(row.cells), "columns": self.width}
        text, suggestion = ",".join(split), ".".join(split)
        return row.problem(
            self.builder.display, Msg.CSV_DECIMAL_COMMA, **fields, text=text, suggestion=suggestion
        )


class LongLayout(_RowsUnderHeader):
    """One row per indicator."""

    layout = Layout.LONG

    def read(self, row: Row) -> None:
        builder = self.builder
        county_cell = self._county_cell(row)
        if county_cell is None:
            return
        before = len(builder.problems)
        county = builder.county(county_cell)
        indicator = row.cell(self.columns.get(INDICATOR), INDICATOR)
        target = builder.target(indicator)
        year = builder.year(row.cell(self.columns.get(YEAR), YEAR))
        if target is None:
            return
        cells = FigureCells(
            row.cell(self.columns.get(VALUE), VALUE),
            row.cell(self.columns.get(NUMERATOR), NUMERATOR),
            row.cell(self.columns.get(DENOMINATOR), DENOMINATOR),
        )
        if cells.blank:
            # A template row left empty: the figure is not reported, as a blank cell is in
            # the wide layout; a county-level target then shows as missing.
            self.notes.append(row.note(builder.display, Msg.NOTE_ROW_BLANK, indicator=target.id))
            return
        builder.observe(
            county,
            target,
            cells,
            note=row.text(self.columns.get(NOTE)),
            year=year,
            blocked=len(builder.problems) > before,
            at=indicator,
        )
        value = self.columns.get(VALUE)
        if len(builder.problems) > before and len(row.cells) > self.width and value is not None:
            # Cells past the header's, left blank, and a value that does not read: an
            # unquoted decimal comma (`88,51`) moved the cells after the value along by one.
            split = _decimal_comma(row.cells[value : value + 2])
            if split is not None and row.sheet is None:
                builder.problems[before:] = [self._decimal_comma(row, split)]


@dataclass(frozen=True, slots=True)
class _TargetColumns:
    """Where one indicator's value, numerator and denominator are in a wide row."""

    target: Target
    value: IndicatorColumn | None
    numerator: IndicatorColumn | None
    denominator: IndicatorColumn | None

    def cells(self, row: Row) -> FigureCells:
        value, numerator, denominator = (
            row.cell(c.index, c.header) if c is not None else row.cell(None, None)
            for c in (self.value, self.numerator, self.denominator)
        )
        return FigureCells(value, numerator, denominator)


class WideLayout(_RowsUnderHeader):
    """One row per county, one column per indicator."""

    layout = Layout.WIDE

    def __init__(self, header: Header, builder: ObservationBuilder) -> None:
        super().__init__(header, builder)
        self.by_target = _group(header.indicators)
        self._seen_figures = False
        display = builder.display
        for problem in unknown_column_problems(header, builder.targets, display):
            (self.notes if problem.level is Severity.NOTE else self.warnings).append(problem)
        example = header.indicators[0].header + "分子"
        for role in (VALUE, NUMERATOR, DENOMINATOR):
            if role in self.columns:
                cell = header.row.cell(self.columns[role], None)
                fields: dict[str, object] = {"column": cell.text, "example": example}
                builder.problems.append(cell_problem(display, cell, Msg.WIDE_PART_ALONE, fields))

    def read(self, row: Row) -> None:
        builder = self.builder
        county_cell = self._county_cell(row)
        if county_cell is None:
            return
        figures = [(columns, columns.cells(row)) for columns in self.by_target]
        if not county_cell.text and not self._seen_figures and not _has_numbers(figures):
            # Units (%, 人, 所) or sub-headings right under the header: no county, no figures.
            self.notes.append(row.note(builder.display, Msg.NOTE_UNIT_ROW))
            return
        self._seen_figures = True
        before = len(builder.problems)
        county = builder.county(county_cell)
        year = builder.year(row.cell(self.columns.get(YEAR), YEAR))
        blocked = len(builder.problems) > before
        note = row.text(self.columns.get(NOTE))
        for columns, cells in figures:
            if cells.blank:
                continue
            builder.observe(
                county,
                columns.target,
                cells,
                note=note,
                year=year,
                blocked=blocked,
                at=cells.value if columns.value is not None else cells.numerator,
            )


def _group(columns: list[IndicatorColumn]) -> list[_TargetColumns]:
    """The indicator columns by target, in the order the header names the targets."""
    by_target: dict[str, dict[str, IndicatorColumn]] = {}
    targets: dict[str, Target] = {}
    for column in columns:
        by_target.setdefault(column.target.id, {})[column.part] = column
        targets[column.target.id] = column.target
    return [
        _TargetColumns(
            targets[target_id], parts.get(VALUE), parts.get(NUMERATOR), parts.get(DENOMINATOR)
        )
        for target_id, parts in by_target.items()
    ]


def _has_numbers(figures: list[tuple[_TargetColumns, FigureCells]]) -> bool:
    for _, cells in figures:
        for cell in (cells.value, cells.numerator, cells.denominator):
            try:
                if parse_number(cell.text) is not None:
                    return True
            except NumberError:
                continue
    return False


def _decimal_comma(cells: list[str]) -> tuple[str, str] | None:
    """The two cells an unquoted decimal comma probably split (`88,51` → `88` and `51`): a
    whole number, then one or two digits; three would be a thousands separator (`1,009`)."""
    stripped = [cell.strip() for cell in cells]
    for whole, fraction in itertools.pairwise(stripped):
        if _WHOLE.fullmatch(whole) and _FRACTION.fullmatch(fraction):
            return whole, fraction
    return None


def _overflows(row: Row, width: int) -> bool:
    """A CSV row with more cells than its header: an unquoted thousands separator, usually."""
    return (
        row.sheet is None and len(row.cells) > width and any(c.strip() for c in row.cells[width:])
    )


Layouts = LongLayout | WideLayout


def layout_for(header: Header, builder: ObservationBuilder) -> Layouts:
    """The reader of the rows under `header`."""
    if header.layout is Layout.WIDE:
        return WideLayout(header, builder)
    return LongLayout(header, builder)
