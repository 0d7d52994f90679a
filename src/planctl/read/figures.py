"""Cells → observations, checked: the one parser every file kind and layout shares.

A layout (long or wide) picks out, for each figure, the cells holding the county, the
indicator's value and its numerator and denominator; `ObservationBuilder` reads them with the
plan's rules (units, valid ranges, the fraction rule, numerator and denominator agreeing with
the value) and collects a problem for every bad cell, so one bad cell never hides the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from planctl.domain import cells as rules
from planctl.domain.names import fold
from planctl.domain.problems import Problem, Severity
from planctl.domain.values import (
    Number,
    NumberError,
    format_number,
    parse_number,
    read_head_count,
    read_value,
)
from planctl.i18n.catalog import NAMES_LISTED, one_of, text
from planctl.i18n.codes import Msg
from planctl.read.header import DENOMINATOR, NUMERATOR
from planctl.read.table import Cell, cell_problem
from planctl.targets.models import Target, TargetSet

# Rows that total the counties (合计, 全市) are not a county's figures: planctl adds up the city.
TOTAL_ROW_NAMES = frozenset(fold(name) for name in ("合计", "总计", "小计", "全市", "全市合计"))


@dataclass(frozen=True, slots=True)
class Observation:
    """One figure a county reported for one target, and where it was written."""

    county: str
    target_id: str
    value: float
    numerator: float | None
    denominator: float | None
    year: int | None
    note: str
    path: str
    line: int
    # In a workbook, the value's cell (`Sheet1!C4`); `line` is then its row.
    cell: str | None = None

    @property
    def place(self) -> str:
        """Where the figure is, for messages: `line 4` or `Sheet1!C4`."""
        return self.cell or text(Msg.PLACE_LINE, line=self.line)


@dataclass(frozen=True, slots=True)
class FigureCells:
    """The cells of one figure: its value and, for a rate, numerator and denominator."""

    value: Cell
    numerator: Cell
    denominator: Cell

    @property
    def blank(self) -> bool:
        return not (self.value.text or self.numerator.text or self.denominator.text)


def read_year(text_: str) -> int | None:
    """The year a non-blank cell names; None if it names none (a problem for the caller)."""
    try:
        number = parse_number(text_)
    except NumberError:
        return None
    if number is None or number.to_one or number.value != int(number.value):
        return None
    if not 1900 <= number.value <= 2200:
        return None
    return int(number.value)


class ObservationBuilder:
    """Reads cells into observations, collecting a problem for every bad cell."""

    def __init__(self, targets: TargetSet, display: str, *, dedupe: bool = True) -> None:
        self.targets = targets
        self.display = display
        # Whether a repeated figure is checked against the first here; the column reader
        # turns this off and checks repeats over all of a file's rows itself (`keep`).
        self.dedupe = dedupe
        self.observations: list[Observation] = []
        self.problems: list[Problem] = []
        self.repeats: list[Problem] = []
        self._first: dict[tuple[str, str, int | None], Observation] = {}
        self._totals = TOTAL_ROW_NAMES | {fold(targets.spec.city.name)}

    def problem(self, at: Cell, code: Msg, **fields: object) -> None:
        self.problems.append(cell_problem(self.display, at, code, fields))

    def is_total(self, cell: Cell) -> bool:
        """Whether a county cell names a total row (合计, 全市, the city) rather than a county."""
        return fold(cell.text) in self._totals

    def county(self, cell: Cell) -> str | None:
        """The official name of the county in `cell`; None (and a problem) if there is none."""
        name = cell.text
        if not name:
            self.problem(cell, Msg.ROW_COUNTY_EMPTY)
            return None
        if not self.targets.counties:
            return name
        county = self.targets.find_county(name)
        if county is not None:
            return county.name
        near = self.targets.suggest_counties(name)
        if near:
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(near))
        else:
            names = [county.name for county in self.targets.counties]
            hint = text(Msg.EXPECTED_ONE_OF, candidates=one_of(names, limit=NAMES_LISTED))
        self.problem(cell, Msg.ROW_COUNTY_UNKNOWN, county=name, hint=hint)
        return None

    def target(self, cell: Cell) -> Target | None:
        """The target an indicator cell names; None (and a problem) if it names none."""
        name = cell.text
        if not name:
            self.problem(cell, Msg.ROW_INDICATOR_EMPTY)
            return None
        target = self.targets.find_target(name)
        if target is None:
            near = self.targets.suggest_targets(name)
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(near)) if near else ""
            self.problem(cell, Msg.ROW_INDICATOR_UNKNOWN, indicator=name, hint=hint)
        return target

    def year(self, cell: Cell) -> int | None:
        if not cell.text:
            return None
        year = read_year(cell.text)
        if year is None:
            self.problem(cell, Msg.ROW_YEAR_INVALID, text=cell.text)
        return year

    def observe(
        self,
        county: str | None,
        target: Target,
        cells: FigureCells,
        *,
        note: str,
        year: int | None,
        blocked: bool,
        at: Cell,
    ) -> None:
        """Read one figure's cells; keep the observation, placed at `at`, unless a cell of it
        (or of its row: `blocked`) is bad."""
        figures = self._figures(target, cells)
        if blocked or county is None or figures is None:
            return
        value, numerator, denominator = figures
        observation = Observation(
            county,
            target.id,
            value,
            numerator,
            denominator,
            year,
            note,
            self.display,
            at.line,
            at.ref,
        )
        if self.dedupe:
            self.keep(observation, target, at)
        else:
            self.observations.append(observation)

    def _number(self, cell: Cell) -> Number | None:
        try:
            return parse_number(cell.text)
        except NumberError as exc:
            self.problem(cell, exc.code, **exc.fields)
            return None

    def _figures(
        self, target: Target, cells: FigureCells
    ) -> tuple[float, float | None, float | None] | None:
        """Value, numerator and denominator, checked against each other."""
        before = len(self.problems)
        number = self._number(cells.value)
        numerator = self._head_count(cells.numerator, NUMERATOR)
        denominator = self._head_count(cells.denominator, DENOMINATOR)
        value: float | None = None
        if number is not None:
            try:
                value = read_value(number, target.unit, target.id)
            except NumberError as exc:
                self.problem(cells.value, exc.code, **exc.fields)
        if len(self.problems) > before:
            return None

        if (numerator is None) != (denominator is None):
            given, role = (
                (cells.numerator, NUMERATOR)
                if numerator is not None
                else (cells.denominator, DENOMINATOR)
            )
            self.problem(given, Msg.RATIO_HALF_GIVEN, given=role)
            return None
        if numerator is not None and denominator is not None:
            if not target.has_parts:
                self.problem(cells.numerator, Msg.RATIO_NOT_FOR_COUNT, indicator=target.id)
                return None
            if denominator == 0:
                self.problem(cells.denominator, Msg.RATIO_ZERO_DENOMINATOR)
                return None
            computed = rules.rate(rules.NUMBERS, numerator, denominator, target.unit.scale)
            if value is None:
                value = computed
            elif number is not None and not rules.agrees(
                rules.NUMBERS, computed, value, number.rounding
            ):
                self.problem(
                    cells.value,
                    Msg.RATIO_DISAGREES,
                    value=number.text,
                    numerator=format_number(numerator),
                    denominator=format_number(denominator),
                    computed=format_number(computed, max(number.decimals, 2)),
                    tolerance=format_number(number.rounding),
                )
                return None
        if value is None:
            self.problem(cells.value, Msg.VALUE_EMPTY)
            return None
        valid = target.valid_range
        if not rules.in_range(rules.NUMBERS, value, valid.min, valid.max):
            self.problem(
                cells.value,
                Msg.VALUE_OUT_OF_RANGE,
                value=format_number(value),
                indicator=target.id,
                low="-∞" if valid.min is None else format_number(valid.min),
                high="∞" if valid.max is None else format_number(valid.max),
            )
            return None
        return value, numerator, denominator

    def _head_count(self, cell: Cell, role: str) -> float | None:
        number = self._number(cell)
        if number is None:
            return None
        try:
            return read_head_count(number, role)
        except NumberError as exc:
            self.problem(cell, exc.code, **exc.fields)
            return None

    def keep(self, observation: Observation, target: Target, at: Cell) -> None:
        """Keep a new observation; a repeat must agree with the first, and is then dropped."""
        key = (observation.county, observation.target_id, observation.year)
        first = self._first.get(key)
        if first is None:
            self._first[key] = observation
            self.observations.append(observation)
            return
        same = (first.value, first.numerator, first.denominator) == (
            observation.value,
            observation.numerator,
            observation.denominator,
        )
        fields: dict[str, object] = {
            "indicator": target.id,
            "county": observation.county,
            "first_place": first.place,
            "value": _figures(observation),
            "first_value": _figures(first),
        }
        if same:
            self.repeats.append(
                cell_problem(self.display, at, Msg.ROW_REPEATED, fields, Severity.WARNING)
            )
        else:
            self.problem(at, Msg.ROW_DUPLICATE, **fields)


def _figures(observation: Observation) -> str:
    """An observation's figures as one short string, for messages."""
    return figures_text(observation.value, observation.numerator, observation.denominator)


def figures_text(value: float, numerator: float | None, denominator: float | None) -> str:
    """A figure as one short string, for messages: `88.68 (43,490/49,042)`."""
    shown = format_number(value)
    if numerator is not None and denominator is not None:
        shown += f" ({format_number(numerator)}/{format_number(denominator)})"
    return shown
