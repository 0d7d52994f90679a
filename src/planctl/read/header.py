"""Finding a table's header row, naming its columns, and telling the two layouts apart.

The long layout has one row per indicator (`county, indicator, value, …`); the wide layout
one row per county and one column per indicator (`县市区, 学前三年毛入园率, 示范幼儿园, …`),
with optional `<indicator>分子` / `<indicator>_numerator` columns for a rate's parts. The
header is the first of the table's first rows that names the columns of either layout, so
title rows above it (`咸宁市学前教育统计表`) are skipped. Names are matched folded
(`names.fold`), so case, spaces, full-width forms and a unit in brackets do not matter.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from planctl.domain.names import closest, fold
from planctl.domain.problems import Problem, Severity
from planctl.i18n.catalog import one_of, text
from planctl.i18n.codes import Msg
from planctl.read.table import Row, cell_problem
from planctl.targets.models import Target, TargetSet

COUNTY, INDICATOR, VALUE = "county", "indicator", "value"
NUMERATOR, DENOMINATOR, NOTE, YEAR = "numerator", "denominator", "note", "year"
REQUIRED_COLUMNS = (COUNTY, INDICATOR, VALUE)
OPTIONAL_COLUMNS = (NUMERATOR, DENOMINATOR, NOTE, YEAR)

# What people call each column, in English and in the Chinese of statistical forms.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    COUNTY: (
        "county",
        "县市区",
        "县(市、区)",
        "县市",
        "县区",
        "区县",
        "地区",
        "单位",
        "单位名称",
        "填报单位",
        "行政区划",
    ),
    INDICATOR: ("indicator", "指标", "指标名称", "指标项目", "项目"),
    VALUE: ("value", "数值", "实际值", "值", "完成值", "指标值", "数据"),
    NUMERATOR: ("numerator", "分子"),
    DENOMINATOR: ("denominator", "分母"),
    NOTE: ("note", "notes", "remark", "remarks", "备注", "说明"),
    YEAR: ("year", "年份", "年度"),
}
# 单位 is also the unit of measure (计量单位) in Chinese tables: it names the county only when
# no other column does.
_WEAK_COUNTY_NAMES = frozenset({fold("单位")})
# How many non-blank rows may come before the header (titles, dates, units).
HEADER_SEARCH_ROWS = 10

_ROLE_BY_NAME = {fold(name): role for role, names in COLUMN_NAMES.items() for name in names}
_PARTS = {
    "分子": NUMERATOR,
    "numerator": NUMERATOR,
    "分母": DENOMINATOR,
    "denominator": DENOMINATOR,
}
# `学前三年毛入园率分子`, `preschool_gross_enrolment_rate_numerator`, `毛入园率（分母）（人）`.
_PART_SUFFIX = re.compile(
    r"(?P<name>.+?)[\s_\-]*[(\[【〔]?(?P<part>分子|分母|numerator|denominator)[)\]】〕]?"
    r"(?:\s*[(\[【〔][^()\[\]【】〔〕]*[)\]】〕])*\s*"
)


class Layout(StrEnum):
    """How a table lays out its figures."""

    LONG = "long"
    WIDE = "wide"


@dataclass(frozen=True, slots=True)
class IndicatorColumn:
    """A wide-layout column: one indicator's value, numerator or denominator."""

    index: int
    target: Target
    part: str
    header: str


@dataclass
class Header:
    """A row read as a header: which column is which."""

    row: Row
    roles: dict[str, int] = field(default_factory=dict)
    indicators: list[IndicatorColumn] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    # A second header row naming each indicator's 数值, 分子 and 分母 (wide layout).
    parts_row: Row | None = None

    @property
    def layout(self) -> Layout | None:
        if INDICATOR in self.roles:
            return Layout.LONG
        if self.indicators:
            return Layout.WIDE
        return Layout.LONG if VALUE in self.roles else None

    @property
    def missing(self) -> list[str]:
        """The columns the layout needs that the header lacks."""
        needed = (COUNTY,) if self.layout is Layout.WIDE else REQUIRED_COLUMNS
        return [role for role in needed if role not in self.roles]

    @property
    def complete(self) -> bool:
        return self.layout is not None and not self.missing

    @property
    def score(self) -> int:
        """How header-like the row is: the columns it names."""
        return len(self.roles) + len(self.indicators)

    @property
    def looks_like_submission(self) -> bool:
        """Whether the row names two of the columns that only a submission has (county,
        indicator, value or its parts, an indicator's own column): a header, though perhaps
        a broken one. A note or a year column alone (`说明`, `备注` over an instruction
        sheet's text), or one column name per row (a sheet explaining the columns), is not."""
        return len(self.roles.keys() - {NOTE, YEAR}) + len(self.indicators) >= 2


def read_header(row: Row, targets: TargetSet) -> Header:
    """Name each column of `row`, taken as a header."""
    header = Header(row)
    weak: list[int] = []
    for index, raw in enumerate(row.cells):
        folded = fold(raw)
        if not folded:
            continue
        role = _ROLE_BY_NAME.get(folded)
        if role == COUNTY and folded in _WEAK_COUNTY_NAMES:
            weak.append(index)
        elif role is not None:
            if role in header.roles:
                header.duplicates.append((index, role))
            else:
                header.roles[role] = index
        elif (column := _indicator_column(index, raw.strip(), targets)) is not None:
            same = [
                c for c in header.indicators if (c.target, c.part) == (column.target, column.part)
            ]
            if same:
                header.duplicates.append((index, column.header))
            else:
                header.indicators.append(column)
        else:
            header.unknown.append(index)
    if weak and COUNTY not in header.roles:
        header.roles[COUNTY] = weak.pop(0)
    header.unknown.extend(weak)
    return header


def _indicator_column(index: int, raw: str, targets: TargetSet) -> IndicatorColumn | None:
    # The part first: folding drops brackets, so `毛入园率（分子）` would name the rate itself.
    match = _PART_SUFFIX.fullmatch(unicodedata.normalize("NFKC", raw).casefold())
    if match is not None and (target := targets.find_target(match["name"])) is not None:
        return IndicatorColumn(index, target, _PARTS[match["part"]], raw)
    target = targets.find_target(raw)
    if target is None:
        return None
    return IndicatorColumn(index, target, VALUE, raw)


@dataclass
class FoundHeader:
    """The outcome of looking for a table's header."""

    header: Header | None
    problems: list[Problem]
    skipped: int
    rows: Iterator[Row]
    # Whether some row looks like a submission's header: a table meant as one, even if broken;
    # a workbook's other sheets (instructions, a chart's data) are skipped.
    attempted: bool = True


def find_header(rows: Iterator[Row], targets: TargetSet, display: str) -> FoundHeader:
    """The header among the first rows, and the rows after it; or why there is none.

    With no complete header, the most header-like row (one naming at least one column) is
    reported with the columns it lacks; failing that, the table has no header at all.
    """
    first = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    candidates = [read_header(row, targets) for row in first]
    for position, header in enumerate(candidates):
        if header.complete:
            after = itertools.chain(first[position + 1 :], rows)
            below = next(after, None) if header.layout is Layout.WIDE else None
            if below is not None and not _read_parts_row(header, below, targets):
                after = itertools.chain([below], after)
            problems = _duplicate_problems(header, display)
            return FoundHeader(header, problems, position, after)
    named = [header for header in candidates if header.roles]
    if named:
        best = max(named, key=lambda header: header.score)
        problems = _duplicate_problems(best, display) + _missing_problems(best, display)
        attempted = any(header.looks_like_submission for header in candidates)
        return FoundHeader(None, problems, 0, iter(()), attempted)
    if not first:
        return FoundHeader(None, [], 0, iter(()), attempted=False)
    no_header = first[0].problem(
        display, Msg.CSV_NO_HEADER, rows=len(first), columns=", ".join(REQUIRED_COLUMNS)
    )
    return FoundHeader(None, [no_header], 0, iter(()), attempted=False)


def _read_parts_row(header: Header, row: Row, targets: TargetSet) -> bool:
    """Read `row` as a second header row naming each indicator's parts, if it is one.

    A common form heads an indicator's columns with its name merged across them, and names
    them in the row below: `学前三年毛入园率` over `数值 | 分子 | 分母`. A cell left blank by
    the merge belongs to the nearest name on its left.
    """
    if row.text(header.roles.get(COUNTY)):
        return False
    parts = {
        index: role
        for index, cell in enumerate(row.cells)
        if (role := _ROLE_BY_NAME.get(fold(cell))) in (VALUE, NUMERATOR, DENOMINATOR)
    }
    if not parts:
        return False
    for index, part in parts.items():
        group = next((header.row.text(j) for j in range(index, -1, -1) if header.row.text(j)), "")
        target = targets.find_target(group) if group else None
        if target is None:
            continue
        column = IndicatorColumn(index, target, part, group + row.text(index))
        header.indicators = [c for c in header.indicators if c.index != index] + [column]
        header.unknown = [i for i in header.unknown if i != index]
    header.indicators.sort(key=lambda column: column.index)
    header.parts_row = row
    return True


def _duplicate_problems(header: Header, display: str) -> list[Problem]:
    return [
        cell_problem(
            display, header.row.cell(index, None), Msg.CSV_DUPLICATE_COLUMN, {"column": name}
        )
        for index, name in header.duplicates
    ]


def _missing_problems(header: Header, display: str) -> list[Problem]:
    unknown = [header.row.text(index) for index in header.unknown]
    missing = header.missing
    problems = []
    for role in missing:
        near = next(
            (found for name in COLUMN_NAMES[role] if (found := closest(name, unknown, limit=1))),
            [],
        )
        hint = text(Msg.HINT_MISSPELT_COLUMN, found=near[0]) if near else ""
        if not hint and len(missing) == len(REQUIRED_COLUMNS):
            hint = text(Msg.HINT_HEADER_EXPECTED, columns=", ".join(REQUIRED_COLUMNS))
        problems.append(header.row.problem(display, Msg.CSV_MISSING_COLUMN, column=role, hint=hint))
    return problems


def unknown_column_problems(header: Header, targets: TargetSet, display: str) -> list[Problem]:
    """Wide layout: a warning for each unknown column close to an indicator's name (a typo?),
    a note for the others."""
    found: list[Problem] = []
    for index in header.unknown:
        name = header.row.text(index)
        near = targets.suggest_targets(_PART_SUFFIX.sub(r"\g<name>", name))
        cell = header.row.cell(index, None)
        if near:
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(near))
            fields: dict[str, object] = {"column": name, "hint": hint}
            found.append(
                cell_problem(display, cell, Msg.WIDE_COLUMN_UNKNOWN, fields, Severity.WARNING)
            )
        else:
            found.append(
                cell_problem(
                    display, cell, Msg.NOTE_COLUMN_IGNORED, {"column": name}, Severity.NOTE
                )
            )
    return found


def layout_note(header: Header, skipped: int, display: str) -> Problem:
    """What --verbose says of a table's layout."""
    above = text(Msg.NOTE_SKIPPED_ABOVE, count=skipped) if skipped else ""
    if header.parts_row is not None:
        above += text(Msg.NOTE_PARTS_ROW)
    if header.layout is Layout.WIDE:
        count = len({column.target.id for column in header.indicators})
        return header.row.note(display, Msg.NOTE_LAYOUT_WIDE, count=count, skipped=above)
    return header.row.note(display, Msg.NOTE_LAYOUT_LONG, skipped=above)
