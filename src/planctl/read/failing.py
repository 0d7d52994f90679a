"""Rows that fail as rows before them failed: their problems counted, not read again one by one.

The column reader hands every row it cannot vouch for to the row-by-row reader. A national file
sent against the wrong targets file (every county and indicator unknown), with a year column
wrong throughout or every value `n/a`, has a million such rows, failing for a few reasons
over and over: read row by row, they took a minute and gigabytes. Here a plain row (no quote,
no cell past the header's) is split at its delimiter, and what each of its cells gives is
worked out once per distinct text by the row reader's own builder: the county, the indicator,
the year, and the figure (value, numerator and denominator, for its target). A row that one
of them fails gets the problems the row-by-row reader gives it, in the same order, kept
compactly (domain/problems.Problems). A row whose cells all pass, a total or comment row, a
blank figure, or a row not plain, is left to the row-by-row reader, which says what it says.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from planctl.domain.names import fold
from planctl.domain.problems import Problem, Problems
from planctl.files.limits import MAX_CELL_CHARS
from planctl.read.csvrows import is_skipped
from planctl.read.figures import TOTAL_ROW_NAMES, FigureCells, ObservationBuilder
from planctl.read.header import COUNTY, DENOMINATOR, INDICATOR, NUMERATOR, VALUE, YEAR, Header
from planctl.read.table import Cell
from planctl.targets.models import Target, TargetSet

# Distinct figures (target, value, numerator, denominator) remembered at most: a file whose
# every value is out of range has a distinct figure a row, each failing once.
_FIGURES_KEPT = 65_536


@dataclass
class _File:
    """One file's problems so far, and which of them each cell's text gives."""

    display: str
    problems: Problems = field(default_factory=Problems)
    # A cell's problems (by role and text) → their indices in `problems`.
    like: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)


class FailingRows:
    """Takes the failing rows of files read in columns; see the module's docstring."""

    def __init__(self, targets: TargetSet) -> None:
        self.targets = targets
        # The row reader's builder, asked about one cell at a time; its problems are taken.
        self._builder = ObservationBuilder(targets, "", dedupe=False)
        self._totals = TOTAL_ROW_NAMES | {fold(targets.spec.city.name)}
        self._files: dict[int, _File] = {}
        # (role, text) → what the cell gives and the problems the row reader has for it.
        self._counties: dict[str, tuple[bool, tuple[Problem, ...]]] = {}
        self._targets: dict[str, tuple[Target | None, tuple[Problem, ...]]] = {}
        self._years: dict[str, tuple[Problem, ...]] = {}
        self._figures: dict[tuple[str, ...], tuple[Problem, ...]] = {}

    def take(
        self, index: int, display: str, header: Header, delimiter: str, line: int, raw: bytes
    ) -> bool:
        """Whether the row `raw` on `line` of file `index` failed and its problems are kept;
        False leaves it to the row-by-row reader."""
        if b'"' in raw or len(raw) > MAX_CELL_CHARS:
            return False
        cells = raw.decode("utf-8").removesuffix("\r").split(delimiter)
        if len(cells) > len(header.row.cells) or is_skipped(cells):
            return False
        roles = header.roles

        def text(role: str) -> str:
            at = roles.get(role)
            return cells[at].strip() if at is not None and at < len(cells) else ""

        county = text(COUNTY)
        total, county_problems = self._county(county)
        if total:
            return False
        indicator = text(INDICATOR)
        target, indicator_problems = self._target(indicator)
        year = text(YEAR)
        year_problems = self._year(year) if year else ()
        file = self._files.get(index)
        if file is None:
            file = self._files[index] = _File(display)
        keys: list[tuple[str, ...]] = [(COUNTY, county), (INDICATOR, indicator), (YEAR, year)]
        failed = bool(county_problems or indicator_problems or year_problems)
        if target is not None:
            figure = (target.id, text(VALUE), text(NUMERATOR), text(DENOMINATOR))
            if not any(figure[1:]):
                return False  # a blank figure: a note, from the row reader
            figure_problems = self._figure(target, figure)
            if not failed and not figure_problems:
                return False  # every cell passes: the row reader makes the figure
            keys.append(("figure", *figure))
        for key in keys:
            like = file.like.get(key)
            if like is None:
                like = file.like[key] = tuple(
                    file.problems.like(dataclasses.replace(problem, path=display, line=line))
                    for problem in self._problems(key)
                )
                if key[0] == "figure" and len(file.like) > _FIGURES_KEPT:
                    file.like = {key: like}
            for which in like:
                file.problems.add(which, line)
        return True

    def problems(self, index: int) -> Problems:
        """The problems of the rows of file `index` taken here, in line order."""
        file = self._files.get(index)
        return file.problems if file is not None else Problems()

    def _problems(self, key: tuple[str, ...]) -> tuple[Problem, ...]:
        role, written = key[0], key[1]
        if role == COUNTY:
            return self._counties[written][1]
        if role == INDICATOR:
            return self._targets[written][1]
        if role == YEAR:
            return self._years[written] if written else ()
        return self._figures[key[1:]]

    def _asked(self) -> tuple[Problem, ...]:
        problems = tuple(self._builder.problems)
        self._builder.problems.clear()
        return problems

    def _county(self, written: str) -> tuple[bool, tuple[Problem, ...]]:
        """Whether the county cell makes a total row, and its problems."""
        known = self._counties.get(written)
        if known is None:
            cell = Cell(written, 0, None, COUNTY)
            total = fold(written) in self._totals
            if not total:
                self._builder.county(cell)
            known = self._counties[written] = (total, self._asked())
        return known

    def _target(self, written: str) -> tuple[Target | None, tuple[Problem, ...]]:
        known = self._targets.get(written)
        if known is None:
            target = self._builder.target(Cell(written, 0, None, INDICATOR))
            known = self._targets[written] = (target, self._asked())
        return known

    def _year(self, written: str) -> tuple[Problem, ...]:
        known = self._years.get(written)
        if known is None:
            self._builder.year(Cell(written, 0, None, YEAR))
            known = self._years[written] = self._asked()
        return known

    def _figure(self, target: Target, figure: tuple[str, str, str, str]) -> tuple[Problem, ...]:
        known = self._figures.get(figure)
        if known is None:
            value, numerator, denominator = (
                Cell(written, 0, None, role)
                for written, role in zip(figure[1:], (VALUE, NUMERATOR, DENOMINATOR), strict=True)
            )
            cells = FigureCells(value, numerator, denominator)
            # Blocked: only the figure's problems are wanted, never an observation.
            self._builder.observe(None, target, cells, note="", year=None, blocked=True, at=value)
            if len(self._figures) >= _FIGURES_KEPT:
                self._figures.clear()
            known = self._figures[figure] = self._asked()
        return known
