"""Submitted figures beside computed ones, and the records behind a computed shortfall.

For every county and every target the records can compute, each figure (a count; a rate's
numerator, denominator and value) is set beside the one the county submitted. Counts of
people and schools agree only when equal (to half a unit, for a sum of decimals); a rate's
value agrees within the rounding of the figure as submitted. For a rate whose computed value
is short of the target's line, the records that its denominator counts and its numerator
does not (the non-inclusive kindergartens and their children) are listed, largest first,
when both parts are measured over the same table and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from planctl.domain.problems import Problem
from planctl.files.limits import DRILL_DOWN_RECORDS
from planctl.records.compute import Computed, Figure
from planctl.records.spec import quantity_keys
from planctl.records.sql import FROM_ALIAS, condition_sql, identifier, literal
from planctl.targets.models import Target, TargetSet

if TYPE_CHECKING:
    from planctl.gather.dataset import Dataset
    from planctl.read.figures import Observation
    from planctl.records.compute import Session


class Status(StrEnum):
    """How a submitted figure stands beside the computed one (stable codes)."""

    AGREE = "agree"
    DIFFERS = "differs"
    NOT_SUBMITTED = "not_submitted"
    NOT_COMPUTED = "not_computed"


class Compared(StrEnum):
    """Which figure of a target a line compares."""

    VALUE = "value"
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


@dataclass(frozen=True)
class Line:
    """One figure, submitted and computed."""

    county: str
    target_id: str
    part: Compared
    submitted: float | None
    computed: float | None
    status: Status
    # Where the submitted figure is (`data/jiayu.csv:3`), empty when not submitted.
    where: str = ""

    @property
    def difference(self) -> float | None:
        if self.submitted is None or self.computed is None:
            return None
        return self.submitted - self.computed


@dataclass(frozen=True)
class Record:
    """One record behind a shortfall: its label (never a personal column) and what it counts."""

    label: list[str]
    counted: float


@dataclass(frozen=True)
class Behind:
    """The records a rate's denominator counts and its numerator does not, in one county."""

    county: str
    target_id: str
    source: str
    # The table's name for people, in Chinese and English.
    source_names: tuple[str, str]
    value: float
    line: str
    label_columns: list[str]
    records: list[Record]
    count: int
    total: float


@dataclass
class Reconciliation:
    """Every line, the drill-downs, and what was said along the way."""

    targets: TargetSet
    lines: list[Line]
    behind: list[Behind]
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return all(line.status is Status.AGREE for line in self.lines)

    def count(self, status: Status) -> int:
        return sum(1 for line in self.lines if line.status is status)


def reconcile(
    dataset: Dataset, computed: Computed, session: Session, targets: TargetSet
) -> Reconciliation:
    """The submitted figures of `dataset` beside `computed`, county by county."""
    computed_ids = list(dict.fromkeys(figure.target_id for figure in computed.figures))
    counties = [county.name for county in targets.counties]
    known = set(counties)
    counties += [c for c in dataset.counties if c not in known]
    counties += [figure.county for figure in computed.figures if figure.county not in set(counties)]
    lines: list[Line] = []
    behind: list[Behind] = []
    for target in targets.targets:
        if target.id not in computed_ids:
            continue
        for county in dict.fromkeys(counties):
            figure = computed.figure(county, target.id)
            submitted = dataset.current(county).get(target.id)
            if figure is None and submitted is None:
                continue
            lines.extend(_lines(county, target, submitted, figure))
            if figure is not None and figure.numerator is not None:
                found = _behind(session, target, figure)
                if found is not None:
                    behind.append(found)
    return Reconciliation(
        targets, lines, behind, [*dataset.warnings, *computed.warnings], computed.notes
    )


def _lines(
    county: str, target: Target, submitted: Observation | None, figure: Figure | None
) -> list[Line]:
    where = ""
    if submitted is not None:
        where = f"{submitted.path}:{submitted.cell or submitted.line}"
    parts: list[tuple[Compared, float | None, float | None, float]] = []
    if target.has_parts:
        parts.append(
            (
                Compared.NUMERATOR,
                submitted.numerator if submitted else None,
                figure.numerator if figure else None,
                0.5,
            )
        )
        parts.append(
            (
                Compared.DENOMINATOR,
                submitted.denominator if submitted else None,
                figure.denominator if figure else None,
                0.5,
            )
        )
    parts.append(
        (
            Compared.VALUE,
            submitted.value if submitted else None,
            figure.value if figure else None,
            0.005 if target.has_parts else 0.5,
        )
    )
    lines = []
    for part, given, made, tolerance in parts:
        if given is None and made is None:
            continue
        if given is None:
            status = Status.NOT_SUBMITTED
        elif made is None:
            status = Status.NOT_COMPUTED
        elif abs(given - made) <= tolerance + 1e-9:
            status = Status.AGREE
        else:
            status = Status.DIFFERS
        lines.append(Line(county, target.id, part, given, made, status, where))
    return lines


def _behind(session: Session, target: Target, figure: Figure) -> Behind | None:
    """The records behind a computed rate short of its line; None when it is not short, or
    when its parts are not one table's column with conditions that can be set apart."""
    if target.goal.holds(figure.value):
        return None
    records = session.records
    numerator_key, denominator_key = quantity_keys(target)
    numerator = records.spec.measures[numerator_key]
    denominator = records.spec.measures[denominator_key]
    same = (
        numerator.from_ == denominator.from_
        and numerator.aggregate == denominator.aggregate
        and numerator.aggregate in ("sum", "count")
        and numerator.column == denominator.column
        and numerator.join is None
        and denominator.join is None
    )
    if not same:
        return None
    dialect = session.engine.dialect
    source = records.spec.sources[numerator.from_]
    if source.county is None:
        return None
    county = source.county
    names = _spellings(session, figure.county)
    terms = [
        f"{FROM_ALIAS}.{identifier(county, dialect)} IN ("
        + ", ".join(literal(name, dialect) for name in names)
        + ")"
    ]
    counted_in = condition_sql(records, denominator, denominator.any_of(), dialect)
    if counted_in is not None:
        terms.append(f"({counted_in})")
    left_out = condition_sql(records, numerator, numerator.any_of(), dialect)
    if left_out is not None:
        terms.append(f"NOT COALESCE(({left_out}), FALSE)")
    where = " AND ".join(terms)
    counted = (
        f"{FROM_ALIAS}.{identifier(numerator.column, dialect)}"
        if numerator.column is not None
        else "1"
    )
    labels = [f"{FROM_ALIAS}.{identifier(label, dialect)}" for label in source.label]
    table = f"{identifier(numerator.from_, dialect)} AS {FROM_ALIAS}"
    shown = ", ".join([*labels, f"{counted} AS counted"])
    order = ", ".join(["counted DESC", *labels])
    rows = session.engine.rows(
        f"SELECT {shown} FROM {table} WHERE {where} ORDER BY {order} LIMIT {DRILL_DOWN_RECORDS}"
    )
    total_count, total = session.engine.rows(
        f"SELECT COUNT(*), COALESCE(SUM({counted}), 0) FROM {table} WHERE {where}"
    )[0]
    found = [
        Record(["" if cell is None else str(cell) for cell in row[:-1]], float(row[-1] or 0))
        for row in rows
    ]
    return Behind(
        figure.county,
        target.id,
        numerator.from_,
        (source.name_zh, source.name_en),
        figure.value,
        target.goal.shown(_percent if target.has_parts else str),
        list(source.label),
        found,
        int(total_count),
        float(total),
    )


def _percent(value: float) -> str:
    return f"{value:g}%"


def _spellings(session: Session, county: str) -> list[str]:
    """The names a table may write a county by: as the targets file names it, and its aliases."""
    for each in session.targets.counties:
        if each.name == county:
            return list(dict.fromkeys([each.name, *each.aliases]))
    return [county]
