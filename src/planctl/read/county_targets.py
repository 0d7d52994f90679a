"""A county-targets file (目标分解) → each county's own line per target, on the targets.

`--county-targets FILE` takes the decomposition table a city bureau keeps beside the plan
(a 目标责任书, a 目标分解表): a CSV file or a workbook with the columns `county`,
`indicator`, `threshold` and, optionally, `strength` (headers in Chinese too: 县市区, 指标,
目标值, 约束性), or YAML, a list of mappings with those keys. Names are read as in a
submission (short forms, aliases, a near miss gets a "did you mean"); a threshold as a
value is (`83`, `83%`; the fraction rule holds, so `0.83` is refused), inside the target's
valid range. Every problem is named by its line or cell, all of them at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from planctl.domain.names import fold
from planctl.domain.problems import PlanctlError, Problem
from planctl.domain.terms import Comparator, Strength
from planctl.domain.values import NumberError, parse_number, read_value
from planctl.files.limits import COUNTY_TARGETS_FILE, COUNTY_TARGETS_ROWS
from planctl.files.text import decode_text, read_bytes, workbook_kind
from planctl.i18n.catalog import NAMES_LISTED, one_of, text
from planctl.i18n.codes import Msg
from planctl.read.csvrows import csv_table
from planctl.read.table import Row
from planctl.targets.models import CountyTarget, TargetSet

# The columns, by every name a header may give them.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "county": ("county", "县市区", "县(市、区)", "县（市、区）", "地区", "单位"),
    "indicator": ("indicator", "指标", "指标名称"),
    "threshold": ("threshold", "目标值", "目标", "分解目标"),
    "strength": ("strength", "约束性", "性质"),
}
_STRENGTHS = {
    "binding": Strength.BINDING,
    "约束性": Strength.BINDING,
    "aspirational": Strength.ASPIRATIONAL,
    "预期性": Strength.ASPIRATIONAL,
    "力争": Strength.ASPIRATIONAL,
}


class CountyTargetsError(PlanctlError):
    """A county-targets file that cannot be used; every problem in it."""


# One line of the file: where it is, and its four cells' text (strength may be empty).
_Entry = tuple[int, str | None, dict[str, str]]


def apply_county_targets(targets: TargetSet, path: Path) -> TargetSet:
    """`targets` with each county's own line from the file at `path` (over any the targets
    file gives for the same county and target); CountyTargetsError listing every problem."""
    data = read_bytes(path, CountyTargetsError, COUNTY_TARGETS_FILE)
    display = str(path)
    kind = workbook_kind(data)
    if kind is not None:
        entries = list(_workbook_entries(data, display, kind))
    elif path.suffix.lower() in (".yaml", ".yml"):
        entries = list(_yaml_entries(decode_text(path, data, CountyTargetsError).text, display))
    else:
        entries = list(_csv_entries(decode_text(path, data, CountyTargetsError).text, display))
    lines, problems = _lines(targets, entries, display)
    if problems:
        raise CountyTargetsError(problems)
    digest = hashlib.sha256((targets.sha256 + hashlib.sha256(data).hexdigest()).encode())
    return targets.with_county_targets(lines, digest.hexdigest(), display)


def _problem(
    display: str, line: int, ref: str | None, column: str | None, code: Msg, **fields: object
) -> Problem:
    return Problem(code, display, line, column, fields, cell=ref)


def _header(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = fold(cell)
        for column, names in _COLUMNS.items():
            if name in (fold(n) for n in names):
                found.setdefault(column, index)
    return found


def _row_entries(rows: Iterator[Row], display: str) -> Iterator[_Entry]:
    header: dict[str, int] | None = None
    for count, row in enumerate(rows):
        if count > COUNTY_TARGETS_ROWS:
            raise CountyTargetsError(
                [row.problem(display, Msg.COUNTY_TARGETS_TOO_MANY_ROWS, limit=COUNTY_TARGETS_ROWS)]
            )
        if header is None:
            header = _header(row.cells)
            missing = [c for c in ("county", "indicator", "threshold") if c not in header]
            if missing:
                raise CountyTargetsError(
                    [row.problem(display, Msg.COUNTY_TARGETS_COLUMNS, columns=", ".join(missing))]
                )
            continue
        cells = {column: row.text(header.get(column)) for column in _COLUMNS}
        if not any(cells.values()):
            continue
        yield row.line, row.ref(header["threshold"]), cells
    if header is None:
        raise CountyTargetsError(
            [
                Problem(
                    Msg.COUNTY_TARGETS_COLUMNS,
                    display,
                    1,
                    fields={"columns": "county, indicator, threshold"},
                )
            ]
        )


def _csv_entries(source: str, display: str) -> Iterator[_Entry]:
    table = csv_table(source, display, "utf-8")
    rows = [row for row in table.rows if not row.cells[0].lstrip().startswith("#")]
    if table.problems:
        raise CountyTargetsError(table.problems)
    yield from _row_entries(iter(rows), display)


def _workbook_entries(data: bytes, display: str, kind: str) -> Iterator[_Entry]:
    from planctl.read.workbook import read_workbook

    book = read_workbook(data, display, kind)
    for table in book.tables[:1]:
        yield from _row_entries(iter(list(table.rows)), display)


def _yaml_entries(source: str, display: str) -> Iterator[_Entry]:
    from planctl.targets.lines import parse_yaml

    data, lines = parse_yaml(source, display)
    if not isinstance(data, list):
        raise CountyTargetsError([Problem(Msg.COUNTY_TARGETS_NOT_LIST, display, 1)])
    if len(data) > COUNTY_TARGETS_ROWS:
        raise CountyTargetsError(
            [
                Problem(
                    Msg.COUNTY_TARGETS_TOO_MANY_ROWS,
                    display,
                    1,
                    fields={"limit": COUNTY_TARGETS_ROWS},
                )
            ]
        )
    for index, item in enumerate(data):
        line = lines.get((index,), 1)
        if not isinstance(item, dict):
            raise CountyTargetsError([Problem(Msg.COUNTY_TARGETS_NOT_LIST, display, line)])
        cells = {key: "" if item.get(key) is None else str(item.get(key)) for key in _COLUMNS}
        yield line, None, cells


def _lines(
    targets: TargetSet, entries: list[_Entry], display: str
) -> tuple[dict[str, dict[str, CountyTarget]], list[Problem]]:
    found: dict[str, dict[str, CountyTarget]] = {}
    first: dict[tuple[str, str], int] = {}
    problems: list[Problem] = []
    for line, ref, cells in entries:
        at = (display, line, ref)
        county = targets.find_county(cells["county"])
        target = targets.find_target(cells["indicator"])
        if county is None:
            near = targets.suggest_counties(cells["county"])
            names = [c.name for c in targets.counties]
            hint = (
                text(Msg.DID_YOU_MEAN, candidates=one_of(near))
                if near
                else text(Msg.EXPECTED_ONE_OF, candidates=one_of(names, limit=NAMES_LISTED))
            )
            problems.append(
                _problem(*at, "county", Msg.ROW_COUNTY_UNKNOWN, county=cells["county"], hint=hint)
            )
        if target is None:
            near = targets.suggest_targets(cells["indicator"])
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(near)) if near else ""
            problems.append(
                _problem(
                    *at,
                    "indicator",
                    Msg.ROW_INDICATOR_UNKNOWN,
                    indicator=cells["indicator"],
                    hint=hint,
                )
            )
        strength = (
            _STRENGTHS.get(fold(cells["strength"])) if cells["strength"] else Strength.BINDING
        )
        if strength is None:
            problems.append(
                _problem(*at, "strength", Msg.COUNTY_TARGETS_STRENGTH, text=cells["strength"])
            )
        if county is None or target is None or strength is None:
            continue
        if target.comparator is Comparator.BETWEEN:
            problems.append(
                _problem(*at, "indicator", Msg.COUNTY_TARGETS_BETWEEN, indicator=target.id)
            )
            continue
        try:
            number = parse_number(cells["threshold"])
            if number is None:
                raise NumberError(Msg.VALUE_NOT_NUMBER, text="")
            threshold = read_value(number, target.unit, target.id)
        except NumberError as error:
            problems.append(Problem(error.code, display, line, "threshold", error.fields, cell=ref))
            continue
        if not target.valid_range.contains(threshold):
            problems.append(
                _problem(
                    *at,
                    "threshold",
                    Msg.COUNTY_TARGETS_RANGE,
                    threshold=cells["threshold"],
                    indicator=target.id,
                )
            )
            continue
        key = (county.name, target.id)
        if key in first:
            problems.append(
                _problem(
                    *at,
                    None,
                    Msg.COUNTY_TARGETS_TWICE,
                    county=county.name,
                    indicator=target.id,
                    first=first[key],
                )
            )
            continue
        first[key] = line
        found.setdefault(target.id, {})[county.name] = CountyTarget(
            threshold=threshold, strength=strength
        )
    return found, problems
