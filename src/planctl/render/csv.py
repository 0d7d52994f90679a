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
from collections.abc import Iterator

from planctl.domain.goal import Goal
from planctl.domain.values import format_number
from planctl.judge.report import Report, Status, TargetResult
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
    """The rows' text, in pieces of about a megabyte."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in result_rows(report, options.strict):
        writer.writerow([_cell(value) for value in row])
        if output.tell() >= _PIECE:
            yield output.getvalue()
            output.seek(0)
            output.truncate()
    yield output.getvalue()


# The characters of text written at once.
_PIECE = 1 << 20


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
