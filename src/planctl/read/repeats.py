"""Figures given twice in a file, found in columns: the rows after the first dropped, and
their problems kept as columns, each made only when read.

The row-by-row reader checks a figure given again for the same county, indicator and year
against the first one (figures.ObservationBuilder.keep): the same figures are a warning and
the repeat is ignored, different ones an error. A national file whose year column is blank,
or one year throughout, repeats nearly every figure a dozen times: made one by one, its
888,367 errors took half a minute and 1.4 GB at a million rows, though only a summary of
them is printed. Here each repeat is compared with the first of its key in columns, and a
file's errors and its warnings are kept as one `Alike` each (a few arrays, some 60 bytes a
problem), whose problems are the very ones the row reader makes, made when read.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planctl.domain.problems import Alike, Problem, Severity
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.read.figures import figures_text
from planctl.read.header import INDICATOR
from planctl.read.table import Cell, cell_problem

if TYPE_CHECKING:
    import polars as pl

# The figures of a repeat and of the first: value, numerator, denominator (NaN: none).
_FIGURES = ("value", "numerator", "denominator")
_FIRST = tuple(f"first_{name}" for name in _FIGURES)


@dataclass(frozen=True)
class FileRepeats:
    """One file's repeats: those with figures other than the first's (errors), and those
    with the same (warnings); None where there are none."""

    errors: Repeats | None
    warnings: Repeats | None


class Repeats(Alike):
    """Repeats of one file with one message (`row.duplicate` or `row.repeated`), a row each,
    as columns in line order; see the module's docstring."""

    def __init__(
        self,
        code: Msg,
        level: Severity,
        display: str,
        rows: pl.DataFrame,
        indicators: list[str],
        counties: list[str],
    ) -> None:
        self.code = code
        self.level = level
        self.display = display
        self.indicators = indicators
        self.counties = counties
        nan = float("nan")
        self.lines = array("I", rows.get_column("line").to_list())
        self._county = array("I", rows.get_column("county").to_list())
        self._target = array("H", rows.get_column("target").to_list())
        self._first = array("I", rows.get_column("first_line").to_list())
        self._figures = [
            array("d", rows.get_column(name).fill_null(nan).to_list())
            for name in (*_FIGURES, *_FIRST)
        ]
        self._sample = self.made(self.lines[0])

    @property
    def sample(self) -> Problem:
        return self._sample

    def made(self, line: int) -> Problem:
        at = bisect.bisect_left(self.lines, line)
        if at == len(self.lines) or self.lines[at] != line:
            raise KeyError(line)
        fields: dict[str, object] = {
            "indicator": self.indicators[self._target[at]],
            "county": self.counties[self._county[at]],
            "first_place": text(Msg.PLACE_LINE, line=self._first[at]),
            "value": self._shown(at, 0),
            "first_value": self._shown(at, 3),
        }
        return cell_problem(
            self.display, Cell("", line, None, INDICATOR), self.code, fields, self.level
        )

    def _shown(self, at: int, start: int) -> str:
        value, numerator, denominator = (self._figures[start + i][at] for i in range(3))
        if numerator != numerator or denominator != denominator:  # NaN: no parts
            return figures_text(value, None, None)
        return figures_text(value, numerator, denominator)


def find_repeats(
    frame: pl.DataFrame,
    key: pl.Expr,
    displays: list[str],
    indicators: list[str],
    counties: list[str],
) -> tuple[pl.DataFrame, dict[int, FileRepeats]]:
    """`frame` (figures in file and line order, as columns.ColumnRead holds them) without the
    rows repeating a figure before them, and each file's repeats. `key` is one number per
    file, county, target and year; `displays` each file's name, `indicators` each target's
    id, `counties` each county's name, by their indices in the frame."""
    import polars as pl  # loaded (and its allocator tuned) by columns.load_polars already

    first = frame.select(key.is_first_distinct().alias("first")).get_column("first")
    if first.all():
        return frame, {}
    columns = ["file", "line", "county", "target", *_FIGURES]
    later = (
        frame.select(*columns, key.alias("key"), first.alias("first"))
        .filter(pl.col("key").is_duplicated())
        .with_columns(
            pl.col("line").first().over("key").alias("first_line"),
            *(pl.col(name).first().over("key").alias(f"first_{name}") for name in _FIGURES),
        )
        .filter(~pl.col("first"))
    )
    # As the row reader compares them: equal figures, a part given in neither.
    same = pl.all_horizontal(
        pl.col(name).eq_missing(pl.col(f"first_{name}")) for name in _FIGURES
    ).alias("same")
    later = later.with_columns(same)
    found: dict[int, FileRepeats] = {}
    for part in later.partition_by("file", maintain_order=True):
        index = part.item(0, "file")
        made = []
        for code, level, rows in (
            (Msg.ROW_DUPLICATE, Severity.ERROR, part.filter(~pl.col("same"))),
            (Msg.ROW_REPEATED, Severity.WARNING, part.filter(pl.col("same"))),
        ):
            made.append(
                Repeats(code, level, displays[index], rows, indicators, counties)
                if rows.height
                else None
            )
        found[index] = FileRepeats(*made)
    return frame.filter(first), found
