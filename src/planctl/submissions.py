"""County submissions: CSV files in, observations with their file and line out.

The canonical layout is one row per indicator:

    county,indicator,value[,numerator,denominator][,note][,year]

Columns may come in any order; other columns are ignored; rows whose first cell starts with
`#` are comments; blank rows are skipped. The delimiter is a comma, or a tab or semicolon
when the header uses one and no comma. Every problem of a file is collected before
`SubmissionError` is raised, so one bad cell never hides the next.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planctl.messages import Msg, one_of, text
from planctl.names import closest, fold
from planctl.problems import Level, Problem, SubmissionError
from planctl.targets import Target, TargetSet
from planctl.terms import EPSILON
from planctl.textfile import read_text
from planctl.values import (
    Number,
    NumberError,
    format_number,
    parse_number,
    read_head_count,
    read_value,
)

COUNTY, INDICATOR, VALUE = "county", "indicator", "value"
NUMERATOR, DENOMINATOR, NOTE, YEAR = "numerator", "denominator", "note", "year"
REQUIRED_COLUMNS = (COUNTY, INDICATOR, VALUE)
OPTIONAL_COLUMNS = (NUMERATOR, DENOMINATOR, NOTE, YEAR)


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


@dataclass(frozen=True)
class Submission:
    """A submission file read and checked cell by cell."""

    path: Path
    display: str
    encoding: str
    sha256: str
    observations: list[Observation]
    warnings: list[Problem]


def read_submission(path: Path, targets: TargetSet) -> Submission:
    """Read one submission file; raise SubmissionError listing every problem in it."""
    source = read_text(path, SubmissionError)
    observations, warnings = parse_submission(source.text, source.display, targets)
    return Submission(path, source.display, source.encoding, source.sha256, observations, warnings)


# The files a directory given to `planctl check` contributes.
SUBMISSION_SUFFIXES = (".csv",)


def files_in(directory: Path) -> list[Path]:
    """Every submission file inside `directory`, recursively, in name order.

    Hidden entries (`.git`) and the lock files Excel leaves beside an open workbook (`~$name`)
    are skipped.
    """
    return sorted(
        candidate
        for candidate in directory.rglob("*")
        if candidate.suffix.lower() in SUBMISSION_SUFFIXES
        and candidate.is_file()
        and not any(part.startswith((".", "~$")) for part in candidate.relative_to(directory).parts)
    )


def read_submissions(paths: list[Path], targets: TargetSet) -> list[Submission]:
    """Read every file, and every submission file in every directory, named in `paths`.

    A file named twice (or also found in a directory named) is read once. Raises one
    SubmissionError with the problems of all of them, in the order of `paths`.
    """
    submissions: list[Submission] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in paths:
        files = files_in(path) if path.is_dir() else [path]
        if not files:
            problems.append(
                Problem(
                    Msg.DIR_NO_SUBMISSIONS,
                    str(path),
                    fields={"suffixes": ", ".join(SUBMISSION_SUFFIXES)},
                )
            )
        for file in files:
            if file.resolve() in seen:
                continue
            seen.add(file.resolve())
            try:
                submissions.append(read_submission(file, targets))
            except SubmissionError as exc:
                problems.extend(exc.problems)
    if problems:
        raise SubmissionError(problems)
    return submissions


def parse_submission(
    text_: str, display: str, targets: TargetSet
) -> tuple[list[Observation], list[Problem]]:
    """The observations in a submission's text, and the warnings about it."""
    reader = _RowReader(text_, display)
    rows = iter(reader)
    header = next(rows, None)
    if header is None:
        raise SubmissionError(reader.problems or [Problem(Msg.FILE_EMPTY, display)])
    header_line, header_cells = header
    columns = _map_columns(header_cells, header_line, display)
    parser = _RowParser(targets, display, columns, len(header_cells))
    for line, cells in rows:
        parser.parse(line, cells)
    problems = reader.problems + parser.problems
    if not problems and not parser.observations and not parser.repeats:
        problems.append(Problem(Msg.CSV_NO_ROWS, display, header_line))
    if problems:
        raise SubmissionError(sorted(problems, key=lambda p: p.line or 0))
    return parser.observations, parser.repeats


class _RowReader:
    """The non-blank, non-comment rows of CSV text, each with its first physical line."""

    def __init__(self, text_: str, display: str) -> None:
        self.text = text_
        self.display = display
        self.problems: list[Problem] = []

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(io.StringIO(self.text, newline=""), dialect=self._dialect())
        start = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.problems.append(
                    Problem(Msg.CSV_MALFORMED, self.display, start, fields={"reason": str(exc)})
                )
                return
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
                continue
            yield line, cells

    def _dialect(self) -> type[csv.Dialect]:
        first = next(
            (
                row
                for row in self.text.splitlines()
                if row.strip() and not row.lstrip().startswith("#")
            ),
            "",
        )
        if "," not in first:
            if "\t" in first:
                return csv.excel_tab
            if ";" in first:
                return _Semicolon
        return csv.excel


class _Semicolon(csv.excel):
    delimiter = ";"


def _map_columns(cells: list[str], line: int, display: str) -> dict[str, int]:
    """Column name to index, from the header row; SubmissionError if a column is missing."""
    known = {fold(name): name for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        name = known.get(fold(cell))
        if name is None:
            unknown.append(cell.strip())
        elif name in columns:
            problems.append(
                Problem(Msg.CSV_DUPLICATE_COLUMN, display, line, fields={"column": name})
            )
        else:
            columns[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    for name in missing:
        near = closest(name, unknown, limit=1)
        hint = text(Msg.HINT_MISSPELT_COLUMN, found=near[0]) if near else ""
        if not hint and len(missing) == len(REQUIRED_COLUMNS):
            hint = text(Msg.HINT_HEADER_EXPECTED, columns=", ".join(REQUIRED_COLUMNS))
        problems.append(
            Problem(Msg.CSV_MISSING_COLUMN, display, line, fields={"column": name, "hint": hint})
        )
    if problems:
        raise SubmissionError(problems)
    return columns


class _RowParser:
    """Turns rows into observations, collecting a problem for every bad cell."""

    def __init__(
        self, targets: TargetSet, display: str, columns: dict[str, int], width: int
    ) -> None:
        self.targets = targets
        self.display = display
        self.columns = columns
        self.width = width
        self.observations: list[Observation] = []
        self.problems: list[Problem] = []
        self.repeats: list[Problem] = []
        self._first: dict[tuple[str, str, int | None], Observation] = {}

    def _cell(self, cells: list[str], name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    def _problem(self, line: int, column: str | None, code: Msg, **fields: object) -> None:
        self.problems.append(Problem(code, self.display, line, column, fields))

    def parse(self, line: int, cells: list[str]) -> None:
        before = len(self.problems)
        if len(cells) > self.width and any(cell.strip() for cell in cells[self.width :]):
            self._problem(line, None, Msg.CSV_TOO_MANY_CELLS, cells=len(cells), columns=self.width)
            return
        county = self._county(line, self._cell(cells, COUNTY))
        target = self._target(line, self._cell(cells, INDICATOR))
        year = self._year(line, self._cell(cells, YEAR))
        if target is None:
            return
        figures = self._figures(line, cells, target)
        if county is None or figures is None or len(self.problems) > before:
            return
        value, numerator, denominator = figures
        observation = Observation(
            county,
            target.id,
            value,
            numerator,
            denominator,
            year,
            self._cell(cells, NOTE),
            self.display,
            line,
        )
        self._keep(observation, target)

    def _county(self, line: int, name: str) -> str | None:
        if not name:
            self._problem(line, COUNTY, Msg.ROW_COUNTY_EMPTY)
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
            hint = text(Msg.EXPECTED_ONE_OF, candidates=one_of(names, limit=len(names)))
        self._problem(line, COUNTY, Msg.ROW_COUNTY_UNKNOWN, county=name, hint=hint)
        return None

    def _target(self, line: int, name: str) -> Target | None:
        if not name:
            self._problem(line, INDICATOR, Msg.ROW_INDICATOR_EMPTY)
            return None
        target = self.targets.find_target(name)
        if target is None:
            near = self.targets.suggest_targets(name)
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(near)) if near else ""
            self._problem(line, INDICATOR, Msg.ROW_INDICATOR_UNKNOWN, indicator=name, hint=hint)
        return target

    def _year(self, line: int, cell: str) -> int | None:
        if not cell:
            return None
        try:
            number = parse_number(cell)
        except NumberError:
            number = None
        if number is None or number.value != int(number.value) or not 1900 <= number.value <= 2200:
            self._problem(line, YEAR, Msg.ROW_YEAR_INVALID, text=cell)
            return None
        return int(number.value)

    def _number(self, line: int, column: str, cell: str) -> Number | None:
        try:
            return parse_number(cell)
        except NumberError as exc:
            self._problem(line, column, exc.code, **exc.fields)
            return None

    def _figures(
        self, line: int, cells: list[str], target: Target
    ) -> tuple[float, float | None, float | None] | None:
        """Value, numerator and denominator of a row, checked against each other."""
        before = len(self.problems)
        number = self._number(line, VALUE, self._cell(cells, VALUE))
        numerator = self._head_count(line, NUMERATOR, self._cell(cells, NUMERATOR))
        denominator = self._head_count(line, DENOMINATOR, self._cell(cells, DENOMINATOR))
        value: float | None = None
        if number is not None:
            try:
                value = read_value(number, target.unit, target.id)
            except NumberError as exc:
                self._problem(line, VALUE, exc.code, **exc.fields)
        if len(self.problems) > before:
            return None

        if (numerator is None) != (denominator is None):
            given = NUMERATOR if numerator is not None else DENOMINATOR
            self._problem(line, given, Msg.RATIO_HALF_GIVEN, given=given)
            return None
        if numerator is not None and denominator is not None:
            if not target.has_parts:
                self._problem(line, NUMERATOR, Msg.RATIO_NOT_FOR_COUNT, indicator=target.id)
                return None
            if denominator == 0:
                self._problem(line, DENOMINATOR, Msg.RATIO_ZERO_DENOMINATOR)
                return None
            computed = numerator * 100 / denominator
            if value is None:
                value = computed
            elif number is not None and abs(computed - value) > number.rounding + EPSILON:
                self._problem(
                    line,
                    VALUE,
                    Msg.RATIO_DISAGREES,
                    value=number.text,
                    numerator=format_number(numerator),
                    denominator=format_number(denominator),
                    computed=format_number(computed, max(number.decimals, 2)),
                    tolerance=format_number(number.rounding),
                )
                return None
        if value is None:
            self._problem(line, VALUE, Msg.VALUE_EMPTY)
            return None
        valid = target.valid_range
        if not valid.contains(value):
            self._problem(
                line,
                VALUE,
                Msg.VALUE_OUT_OF_RANGE,
                value=format_number(value),
                indicator=target.id,
                low="-∞" if valid.min is None else format_number(valid.min),
                high="∞" if valid.max is None else format_number(valid.max),
            )
            return None
        return value, numerator, denominator

    def _head_count(self, line: int, column: str, cell: str) -> float | None:
        number = self._number(line, column, cell)
        if number is None:
            return None
        try:
            return read_head_count(number, column)
        except NumberError as exc:
            self._problem(line, column, exc.code, **exc.fields)
            return None

    def _keep(self, observation: Observation, target: Target) -> None:
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
        fields = {
            "indicator": target.id,
            "county": observation.county,
            "first_line": first.line,
            "value": _figures(observation),
            "first_value": _figures(first),
        }
        if same:
            self.repeats.append(
                Problem(
                    Msg.ROW_REPEATED,
                    self.display,
                    observation.line,
                    INDICATOR,
                    fields,
                    Level.WARNING,
                )
            )
        else:
            self._problem(observation.line, INDICATOR, Msg.ROW_DUPLICATE, **fields)


def _figures(observation: Observation) -> str:
    """An observation's figures as one short string, for messages."""
    shown = format_number(observation.value)
    if observation.numerator is not None and observation.denominator is not None:
        parts = f"{format_number(observation.numerator)}/{format_number(observation.denominator)}"
        shown += f" ({parts})"
    return shown
