"""CSV for Excel: one row per county × target, then the city's rows.

UTF-8 with a byte-order mark and CRLF line ends, which is what Excel (also on Chinese
Windows, where it would otherwise read GBK) opens with the Chinese intact. The header
names are stable identifiers, like the JSON keys, so scripts can rely on them.

Spreadsheet formula injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a
carriage return would run as a formula when the file is opened, so such a cell is written
with a leading `'`, which Excel and LibreOffice show as text (OWASP's advice). Only text
cells are neutralised: numeric columns (value, numerator, denominator, threshold, gap, …)
are numbers planctl formatted itself, so `-4.99` stays a number that sums and sorts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from planctl.domain.goal import Goal
from planctl.domain.values import format_number
from planctl.judge.report import CountyResult, Report, Status, TargetResult
from planctl.judge.trends import Category
from planctl.render.common import status_label
from planctl.render.options import RenderOptions
from planctl.targets.models import Target

COLUMNS = (
    "view",
    "year",
    "scope",
    "county",
    "county_en",
    "target",
    "indicator_zh",
    "indicator_en",
    "unit",
    "comparator",
    "threshold",
    "quota",
    "strength",
    "level",
    "value",
    "numerator",
    "denominator",
    "gap",
    "status",
    "status_label",
    "fails",
    "lacking",
    "unpooled",
    "clause",
    "deadline",
    "sentence",
    "note",
    "source",
    # The run this row is from (Report.run_digest): the same in every report of one run.
    "run",
    # Added after `run`, so columns read by position stay where they were: a rate's gap in
    # its numerator's own unit (TargetResult.people).
    "people",
    # City: the fewest counties whose reaching their lines would carry it over (names), and
    # the city's value if they did.
    "carry",
    "carry_value",
    # Whether the threshold is the county's own line (county_targets), not the plan's.
    "county_target",
    # Where the trend is heading (Statistics Canada's category, as Open SDG names it).
    "progress",
    # The files a corrected one superseded (--supersede), `old → new`, on every row, as the
    # run is: a CSV report has no other place for what was not read.
    "superseded",
    # A county row's kind of reporting unit (county, city_run, zone; see the targets file's
    # units); empty on the city's rows.
    "unit_kind",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Enough places to rebuild any percentage planctl prints, without float noise (56.99999…).
_PLACES = 6

Cell = str | float | int | bool | None


def render_csv(report: Report, options: RenderOptions) -> Iterator[str]:
    """The rows' text, in pieces of about a megabyte (a county's rows at a time)."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    lines = _Lines(report, options.strict)
    piece = ["\ufeff", output.getvalue()]
    size = 0
    for county in report.counties:
        written = lines.county(county)
        piece.append(written)
        size += len(written)
        if size >= _PIECE:
            yield "".join(piece)
            piece.clear()
            size = 0
    piece.append(lines.city())
    yield "".join(piece)


# The characters of text written at once.
_PIECE = 1 << 20


class _Lines:
    """The CSV text of a report's rows, with as little work a row as can be: the cells that
    are the same for every row of a county, a target or a status are written once, each text
    and each number once while it recurs, and a row is one f-string of them.

    The text is what csv.writer writes of `result_rows`, each cell as `_cell` makes it (a
    test holds it so, also over hypothesis's strings and numbers): numbers planctl formatted
    never need quoting; text goes through the writer, once a string.
    """

    def __init__(self, report: Report, strict: bool) -> None:
        self.report = report
        output = io.StringIO()
        self._output = output
        # The line end the file has: the writer quotes a cell that holds one of its characters.
        self._writer = csv.writer(output, lineterminator="\r\n")
        self._texts: dict[str, str] = {}
        self._numbers: dict[float, str] = {}
        # A source's path as written before and after its line's number (`data/x.csv:8`):
        # the cell is new in every row, its quoting and formula guard the path's alone.
        self._paths: dict[str, tuple[str, str]] = {}
        # By identity; each entry keeps its target, so its id is never another's.
        self._targets: dict[int, tuple[Target, str, str, str]] = {}
        self._statuses: dict[Status, str] = {}
        # A trend's category's word (an enum's value is slow to read 74,000 times).
        self._categories = {category: category.value for category in Category}
        run = report.run_digest(strict)
        superseded = "; ".join(f"{old} → {new}" for old, new in report.superseded)
        self._head = self._row([report.view.value, str(report.year)])
        self._run = self._text(run)
        self._superseded = self._text(superseded)

    def county(self, county: CountyResult) -> str:
        """The rows of one county: a row per result, or per target if it sent nothing."""
        unit = county.county
        names = f"{self._head},county,{self._text(unit.name)},{self._text(unit.name_en)},"
        tail = f",{self._superseded},{self._text(unit.kind.value)}\r\n"
        if not county.submitted:
            status = self._status(Status.NOT_SUBMITTED)
            return "".join(
                [
                    f"{names}{self._not_submitted(target, status)},{self._run},,,,false,{tail}"
                    for target in self.report.targets.targets
                ]
            )
        return self._results(self.report.results_of(county), names, tail)

    def city(self) -> str:
        """The city's rows (none in the county view)."""
        city = self.report.targets.spec.city
        names = f"{self._head},city,{self._text(city.name)},{self._text(city.name_en)},"
        tail = f",{self._superseded},\r\n"
        return self._results(self.report.city or [], names, tail)

    def _results(self, results: Iterable[TargetResult], names: str, tail: str) -> str:
        """The rows of `results`, each between `names` and `tail`.

        A national report writes 85,500 rows of 36 cells, so a row is a result's attributes
        read into one f-string, and what recurs is looked up rather than written again: a
        number's text by its value, a target's cells, a status's, a text's.
        """
        known_number = self._numbers.get
        number = self._number
        texts = self._texts.get
        text = self._text
        targets = self._targets.get
        statuses = self._statuses.get
        paths = self._paths.get
        categories = self._categories
        run = self._run
        rows = []
        for result in results:
            target = result.target
            cells = targets(id(target))
            if cells is None or cells[0] is not target:
                cells = self._learn(target)
            _, named, levels, provenance = cells
            goal = result.goal
            if goal.high is None:
                threshold = known_number(goal.threshold) or number(goal.threshold)
            else:
                threshold = text(str(threshold_cell(goal)))
            figure = result.value
            value = "" if figure is None else known_number(figure) or number(figure)
            figure = result.numerator
            numerator = "" if figure is None else known_number(figure) or number(figure)
            figure = result.denominator
            denominator = "" if figure is None else known_number(figure) or number(figure)
            figure = result.gap
            gap = "" if figure is None else known_number(figure) or number(figure)
            count = result.people
            people = "" if count is None else known_number(count) or number(count)
            status = result.status
            source = result.source
            if source is None:
                where = ","
            else:
                note = source.note
                path = paths(source.path) or self._path(source.path)
                note = (texts(note) or text(note)) if note else ""
                where = f"{note},{path[0]}{source.line}{path[1]}"
            carry = result.carry
            if carry is None:
                carried = ","
            else:
                counties = "、".join(county for county, _ in carry.counties)
                carried = f"{text(counties)},{number(carry.value)}"
            lacking = result.lacking
            unpooled = result.unpooled
            trend = result.trend
            progress = None if trend is None else trend.progress
            rows.append(
                f"{names}{named},{threshold},{'true' if result.quota else 'false'},{levels},"
                f"{value},{numerator},{denominator},{gap},"
                f"{statuses(status) or self._status(status)},"
                f"{text('、'.join(lacking)) if lacking else ''},"
                f"{text('、'.join(unpooled)) if unpooled else ''},"
                f"{provenance},{where},{run},{people},{carried},"
                f"{'true' if result.county_line else 'false'},"
                f"{'' if progress is None else categories[progress.category]}{tail}"
            )
        return "".join(rows)

    def _not_submitted(self, target: Target, status: str) -> str:
        _, names, levels, provenance = self._learn(target)
        threshold = self._threshold(target.goal)
        return f"{names},{threshold},false,{levels},,,,,{status},,,{provenance},,"

    def _learn(self, target: Target) -> tuple[Target, str, str, str]:
        """A target's cells: its names, unit and comparator; strength and level; provenance."""
        known = self._targets.get(id(target))
        if known is None or known[0] is not target:
            known = self._targets[id(target)] = (
                target,
                self._row(_target(target)),
                self._row((target.strength.value, target.level.value)),
                self._row(_provenance(target)),
            )
        return known

    def _path(self, path: str) -> tuple[str, str]:
        """A path's text before and after a line's number: digits are never quoted and never
        start a cell, so `path:` quoted is `path:8` quoted, less its closing quote."""
        written = self._text(f"{path}:")
        split = (written[:-1], '"') if written.endswith('"') else (written, "")
        self._paths[path] = split
        return split

    def _status(self, status: Status) -> str:
        """A status's cells: its code, its label, whether it fails."""
        known = self._statuses.get(status)
        if known is None:
            known = self._statuses[status] = self._row(
                (status.value, status_label(status), status.fails)
            )
        return known

    def _threshold(self, goal: Goal) -> str:
        if goal.high is None:
            return self._number(goal.threshold)
        return self._text(str(threshold_cell(goal)))

    def _number(self, value: float | int | None) -> str:
        """A number's text, kept for the next time the same value comes (`_results` looks it
        up first). 0 and 1 are never kept: they are equal to False and True, which are
        written otherwise, so a bool looked up would find a number's text."""
        if value is None:
            return ""
        if type(value) is bool:
            return "true" if value else "false"
        # Common (a met goal's gap is 0), so written here at once, as `_cell` writes them.
        if value == 0:
            return "0"
        if value == 1:
            return "1"
        known = _cell(value)
        numbers = self._numbers
        if len(numbers) >= _KEPT:
            numbers.clear()
        numbers[value] = known
        return known

    def _text(self, value: str) -> str:
        texts = self._texts
        known = texts.get(value)
        if known is None:
            if len(texts) >= _KEPT:
                texts.clear()
            known = texts[value] = self._row((value,)) if value else ""
        return known

    def _row(self, cells: tuple[Cell, ...] | list[Cell]) -> str:
        """Cells as csv.writer writes them in a row, without its line end."""
        self._output.seek(0)
        self._output.truncate()
        self._writer.writerow([_cell(cell) for cell in cells])
        return self._output.getvalue()[:-2]


# The texts and the numbers' texts kept at most: what recurs (names, thresholds, common
# figures) is found again, while a national report of ever-new figures stays bounded.
_KEPT = 1 << 16


def result_rows(report: Report, strict: bool = False) -> Iterator[tuple[Cell, ...]]:
    """The cells of every row under COLUMNS, before they are written: numbers as numbers, text
    as it is (the workbook's results sheet writes the same rows, typed)."""
    run = report.run_digest(strict)
    superseded = "; ".join(f"{old} → {new}" for old, new in report.superseded) or None
    for (row, tail), kind in _rows(report):
        yield (*row, run, *tail, superseded, kind)


def _cell(value: Cell) -> str:
    """A cell as written: numbers plain, text neutralised, None empty."""
    # A national report writes three million cells: the common kinds first.
    if isinstance(value, float):
        return format_number(round(value, _PLACES), grouping=False)
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    if isinstance(value, bool):
        return "true" if value else "false"
    return format_number(round(float(value), _PLACES), grouping=False)


# A row's cells before the run digest and those after it, and its unit's kind.
Row = tuple[tuple[tuple[Cell, ...], tuple[Cell, ...]], str]


def _rows(report: Report) -> Iterator[Row]:
    head: tuple[Cell, ...] = (report.view.value, report.year)
    for county in report.counties:
        names = ("county", county.county.name, county.county.name_en)
        kind = county.county.kind.value
        if not county.submitted:
            for target in report.targets.targets:
                empty = (None, None, None, False, None)
                yield ((*head, *names, *_not_submitted(target)), empty), kind
            continue
        for result in report.results_of(county):
            yield ((*head, *names, *_result(result)), _after_run(result)), kind
    city = report.targets.spec.city
    for result in report.city or []:
        yield ((*head, "city", city.name, city.name_en, *_result(result)), _after_run(result)), ""


def _after_run(result: TargetResult) -> tuple[Cell, ...]:
    carry = result.carry
    progress = result.trend.progress if result.trend is not None else None
    category = progress.category.value if progress is not None else None
    if carry is None:
        return (result.people, None, None, result.county_line, category)
    counties = "、".join(county for county, _ in carry.counties)
    return (result.people, counties, carry.value, result.county_line, category)


def threshold_cell(goal: Goal) -> Cell:
    """A number; for `between` the bounds as an interval, `[15, 19]` (both inclusive)."""
    if goal.high is None:
        return goal.threshold
    return f"[{format_number(goal.threshold)}, {format_number(goal.high)}]"


def _target(target: Target) -> tuple[Cell, ...]:
    return (target.id, target.name_zh, target.name_en, target.unit.value, target.comparator.value)


def _provenance(target: Target) -> tuple[Cell, ...]:
    source = target.provenance
    return (source.clause, source.deadline, source.sentence)


def _result(result: TargetResult) -> tuple[Cell, ...]:
    target = result.target
    source = result.source
    return (
        *_target(target),
        threshold_cell(result.goal),
        result.quota,
        target.strength.value,
        target.level.value,
        result.value,
        result.numerator,
        result.denominator,
        result.gap,
        result.status.value,
        status_label(result.status),
        result.status.fails,
        "、".join(result.lacking),
        "、".join(result.unpooled),
        *_provenance(target),
        source.note if source is not None else None,
        f"{source.path}:{source.line}" if source is not None else None,
    )


def _not_submitted(target: Target) -> tuple[Cell, ...]:
    status = Status.NOT_SUBMITTED
    return (
        *_target(target),
        threshold_cell(target.goal),
        False,
        target.strength.value,
        target.level.value,
        None,
        None,
        None,
        None,
        status.value,
        status_label(status),
        status.fails,
        None,
        None,
        *_provenance(target),
        None,
        None,
    )
