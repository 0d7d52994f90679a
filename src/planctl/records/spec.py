"""The records file: the record tables (`sources:`) and the quantities made of them (`measures:`).

A records file (`targets/2017-records.yaml`) sits beside a targets file and says how each
quantity the targets count (`children_enrolled`, `population_3_to_5`, a count target's id) is
aggregated from the tables a bureau already holds: the education census forms, a population
register. The grammar is small on purpose, with no free SQL, so it is validated exactly and
compiles to any engine:

    sources:
      kindergartens:                  # a name of letters, digits and _
        files: ["幼儿园*"]             # which files (or folders) are this table, by name
        county: 行政区划                # the column naming the county
        label: [学校标识码, 学校名称]     # what names a record in a drill-down
        columns:
          学校名称: text
          办别: {type: enum, values: [公办, 民办]}
          在园幼儿数: {type: integer, min: 0}
    measures:
      children_enrolled: {from: kindergartens, aggregate: sum, column: 在园幼儿数}
      children_in_inclusive_kindergartens:
        from: kindergartens
        aggregate: sum
        column: 在园幼儿数
        where: [{办别: [公办]}, {是否普惠: [是]}]   # a list: any one holds; a mapping: all hold

A measure over a table of children names the table of kindergartens it belongs to with
`join: {source: kindergartens, keys: {园所标识码: 学校标识码}}` and may then filter on its
columns (`kindergartens.是否普惠`). Every problem is reported with its line, with "did you
mean" for a source, column or value that is not there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planctl.domain.names import closest
from planctl.domain.problems import Problem, RecordsError, TargetsError
from planctl.files.limits import RECORDS_FILE
from planctl.files.text import read_text
from planctl.i18n.catalog import english, one_of, text
from planctl.i18n.codes import Msg
from planctl.targets.errors import SCHEMA_MESSAGES
from planctl.targets.lines import Location, line_at, parse_yaml
from planctl.targets.models import Target, TargetSet

# Names that become SQL identifiers unquoted-safe: a source, a measure.
_NAME = r"^[a-z][a-z0-9_]*$"
# A quantity: a part's key, a count target's id, or the part of a target whose part has no
# key (`inclusive_kindergarten_coverage.numerator`).
_QUANTITY = r"^[a-z][a-z0-9_]*(\.(numerator|denominator))?$"
# A column's name is quoted in SQL; these never belong in a column's name and would only
# make quoting fragile.
_COLUMN_FORBIDDEN = frozenset('"`\\') | {chr(code) for code in range(32)}
Scalar = Annotated[str, Field(min_length=1)] | int


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class ColumnType(StrEnum):
    """What a column of a record table holds."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    ENUM = "enum"


class Column(_Model):
    """One column of a record table: its type, and what it may hold."""

    type: ColumnType
    # The values an enum column may take, as the table writes them.
    values: list[Scalar] | None = Field(default=None, min_length=1)
    min: float | None = None
    max: float | None = None
    # Names, ID numbers: never shown in a message or a report.
    personal: bool = False
    # An empty cell is allowed (and is not counted by a sum).
    optional: bool = False


class Source(_Model):
    """A record table: the files that hold it, its county column and its columns."""

    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    files: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    county: str | None = None
    label: list[str] = Field(default_factory=list)
    columns: dict[str, Column | ColumnType] = Field(min_length=1)

    def column(self, name: str) -> Column | None:
        found = self.columns.get(name)
        return Column(type=found) if isinstance(found, ColumnType) else found


class Join(_Model):
    """The table a measure's rows belong to: its rows matched on equal columns."""

    source: Annotated[str, Field(pattern=_NAME)]
    # This table's column → the joined table's column.
    keys: dict[str, str] = Field(min_length=1)


Condition = dict[str, Annotated[list[Scalar], Field(min_length=1)]]


class Measure(_Model):
    """A quantity as an aggregation over one record table."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    aggregate: Literal["sum", "count", "count_distinct"]
    column: str | None = None
    where: Condition | list[Condition] | None = None
    join: Join | None = None

    def any_of(self) -> list[Condition]:
        """The conditions, as alternatives of which one must hold (each: all of its columns)."""
        if self.where is None:
            return []
        return self.where if isinstance(self.where, list) else [self.where]


class RecordsFile(_Model):
    """The whole records file, as written."""

    schema_version: Literal[1]
    sources: dict[Annotated[str, Field(pattern=_NAME)], Source] = Field(min_length=1)
    measures: dict[Annotated[str, Field(pattern=_QUANTITY)], Measure] = Field(min_length=1)


@dataclass(frozen=True)
class Records:
    """A validated records file, checked against the targets whose quantities it measures."""

    path: Path
    display: str
    spec: RecordsFile
    lines: dict[Location, int]

    def line_of(self, *location: str | int) -> int | None:
        return line_at(location, self.lines)

    def county_source(self, measure: Measure) -> str:
        """The table whose county column places a measure's rows."""
        source = self.spec.sources[measure.from_]
        if source.county is None and measure.join is not None:
            return measure.join.source
        return measure.from_


def default_records_path(targets_path: Path) -> Path:
    """The records file beside a targets file: `2017.yaml` → `2017-records.yaml`."""
    return targets_path.with_name(f"{targets_path.stem}-records.yaml")


def load_records(path: Path, targets: TargetSet) -> Records:
    """Load and validate a records file against `targets`; RecordsError with every problem."""
    source = read_text(path, RecordsError, RECORDS_FILE)
    display = source.display
    try:
        data, lines = parse_yaml(source.text, display)
    except TargetsError as exc:  # the YAML reader is the targets file's, and says so
        raise RecordsError(exc.problems) from None
    if not isinstance(data, dict):
        line = 1 if not lines else min(lines.values())
        raise RecordsError([Problem(Msg.RECORDS_NOT_MAPPING, display, line)])
    try:
        spec = RecordsFile.model_validate(data)
    except ValidationError as exc:
        raise RecordsError(sorted(_schema_problems(exc, lines, display), key=_line)) from None
    records = Records(path, display, spec, lines)
    problems = sorted(_cross_check(records, targets), key=_line)
    if problems:
        raise RecordsError(problems)
    return records


def quantity_keys(target: Target) -> list[str]:
    """The quantities a target counts: a count target its id; a rate its numerator and its
    denominator, each by its key, or `<target id>.numerator` where the part has none."""
    if not target.has_parts:
        return [target.id]
    keys = []
    for role, part in (("numerator", target.numerator), ("denominator", target.denominator)):
        if part is not None:
            keys.append(part.key or f"{target.id}.{role}")
    return keys


def measured_keys(targets: TargetSet) -> dict[str, str]:
    """Every quantity a measure may define → the id of a target that counts it."""
    keys: dict[str, str] = {}
    for target in targets.targets:
        for key in quantity_keys(target):
            keys.setdefault(key, target.id)
    return keys


def _line(problem: Problem) -> int:
    return problem.line or 0


# pydantic's error types whose message the catalog words, and the context field it fills in.
_SCHEMA_MESSAGES: dict[str, tuple[Msg, str | None]] = {
    **SCHEMA_MESSAGES,
    "string_pattern_mismatch": (Msg.RECORDS_NAME_FORM, None),
    "too_short": (Msg.RECORDS_EMPTY, None),
    "string_too_short": (Msg.RECORDS_EMPTY, None),
}


def _schema_problems(
    exc: ValidationError, lines: dict[Location, int], display: str
) -> Iterator[Problem]:
    """One problem per place: of a union's arms, the error of the arm that fits best."""
    seen: set[Location] = set()
    for error in exc.errors(include_url=False):
        location = _plain(error["loc"])
        if location in seen:
            continue
        seen.add(location)
        line = line_at(location, lines)
        name = ".".join(str(part) for part in location) or None
        if error["type"] == "extra_forbidden":
            key = str(location[-1])
            candidates = closest(key, _field_names())
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
            yield Problem(Msg.RECORDS_UNKNOWN_FIELD, display, line, name, {"hint": hint})
            continue
        yield Problem(Msg.RECORDS_SCHEMA, display, line, name, {"message": _message(error)})


def _plain(loc: tuple[Any, ...]) -> Location:
    """pydantic's location without the names of union arms and dictionary-key markers."""
    arms = {"Column", "ColumnType", "list[...]", "dict[str,list[...]]", "[key]", "str", "int"}
    parts: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (part in arms or part.startswith(("function-", "enum["))):
            continue
        parts.append(part)
    return tuple(parts)


def _message(error: Any) -> str:
    known = _SCHEMA_MESSAGES.get(error["type"])
    written: str = error["msg"]
    if known is None:
        return written
    key, name = known
    if name is None:
        return text(key)
    expected = str((error.get("ctx") or {}).get(name, ""))
    choices = _choices(expected)
    if not choices:  # not text: a number, as `schema_version: 1` expects, written bare
        return (
            text(key, expected=expected) if english(key, expected=expected) == written else written
        )
    if english(key, expected=one_of(choices, limit=len(choices))) == written:
        return text(key, expected=one_of(choices, limit=len(choices)))
    return written


def _choices(expected: str) -> list[str]:
    import re

    return re.findall(r"'((?:[^'\\]|\\.)*)'", expected)


def _field_names() -> set[str]:
    models: list[type[BaseModel]] = [RecordsFile, Source, Column, Join, Measure]
    names = {name for model in models for name in model.model_fields}
    return (names - {"from_"}) | {"from"}


def _cross_check(records: Records, targets: TargetSet) -> Iterator[Problem]:
    """What pydantic cannot see one model at a time: names across sources and measures."""
    spec, display = records.spec, records.display
    for name, source in spec.sources.items():
        here: Location = ("sources", name)
        for named in source.columns:
            if set(named) & _COLUMN_FORBIDDEN or not named.strip():
                yield Problem(
                    Msg.RECORDS_COLUMN_NAME,
                    display,
                    records.line_of(*here, "columns", named),
                    "columns",
                    {"column": named},
                )
        for column_name in source.columns:
            declared = source.column(column_name)
            assert declared is not None
            column = declared
            where = (*here, "columns", column_name)
            if column.type is ColumnType.ENUM and column.values is None:
                yield Problem(
                    Msg.RECORDS_ENUM_VALUES, display, records.line_of(*where), column_name
                )
            if column.type is not ColumnType.ENUM and column.values is not None:
                yield Problem(
                    Msg.RECORDS_VALUES_NOT_ENUM,
                    display,
                    records.line_of(*where, "values"),
                    column_name,
                    {"type": column.type.value},
                )
            numeric = column.type in (ColumnType.INTEGER, ColumnType.NUMBER)
            if not numeric and (column.min is not None or column.max is not None):
                yield Problem(
                    Msg.RECORDS_BOUNDS_NOT_NUMBER,
                    display,
                    records.line_of(*where),
                    column_name,
                    {"type": column.type.value},
                )
        if source.county is not None:
            yield from _known_column(records, name, source.county, (*here, "county"), "county")
            county = source.column(source.county)
            if county is not None and county.type not in (ColumnType.TEXT, ColumnType.ENUM):
                yield Problem(
                    Msg.RECORDS_COUNTY_NOT_TEXT,
                    display,
                    records.line_of(*here, "county"),
                    "county",
                    {"column": source.county},
                )
        for index, label in enumerate(source.label):
            yield from _known_column(records, name, label, (*here, "label", index), "label")
            labelled = source.column(label)
            if labelled is not None and labelled.personal:
                yield Problem(
                    Msg.RECORDS_LABEL_PERSONAL,
                    display,
                    records.line_of(*here, "label", index),
                    "label",
                    {"column": label},
                )
    keys = measured_keys(targets)
    for key, measure in spec.measures.items():
        yield from _check_measure(records, key, measure, keys)


def _known_column(
    records: Records, source: str, column: str, location: Location, field: str
) -> Iterator[Problem]:
    columns = records.spec.sources[source].columns
    if column in columns:
        return
    candidates = closest(column, columns)
    hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
    yield Problem(
        Msg.RECORDS_UNKNOWN_COLUMN,
        records.display,
        records.line_of(*location),
        field,
        {"column": column, "source": source, "hint": hint},
    )


def _check_measure(
    records: Records, key: str, measure: Measure, keys: dict[str, str]
) -> Iterator[Problem]:
    spec, display = records.spec, records.display
    here: Location = ("measures", key)
    if key not in keys:
        candidates = closest(key, keys)
        hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
        yield Problem(
            Msg.RECORDS_UNKNOWN_QUANTITY, display, records.line_of(*here), key, {"hint": hint}
        )
    sources = [measure.from_]
    if measure.from_ not in spec.sources:
        candidates = closest(measure.from_, spec.sources)
        hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
        yield Problem(
            Msg.RECORDS_UNKNOWN_SOURCE,
            display,
            records.line_of(*here, "from"),
            "from",
            {"source": measure.from_, "hint": hint},
        )
        return
    if measure.join is not None:
        join = measure.join
        if join.source not in spec.sources:
            candidates = closest(join.source, spec.sources)
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
            yield Problem(
                Msg.RECORDS_UNKNOWN_SOURCE,
                display,
                records.line_of(*here, "join", "source"),
                "join.source",
                {"source": join.source, "hint": hint},
            )
            return
        if join.source == measure.from_:
            yield Problem(
                Msg.RECORDS_JOIN_ITSELF, display, records.line_of(*here, "join", "source"), key
            )
            return
        sources.append(join.source)
        for mine, theirs in join.keys.items():
            place: Location = (*here, "join", "keys", mine)
            yield from _known_column(records, measure.from_, mine, place, "join.keys")
            yield from _known_column(records, join.source, theirs, place, "join.keys")
    if records.spec.sources[records.county_source(measure)].county is None:
        yield Problem(
            Msg.RECORDS_NO_COUNTY,
            display,
            records.line_of(*here, "from"),
            "from",
            {"source": measure.from_},
        )
    yield from _check_aggregate(records, key, measure)
    for index, condition in enumerate(measure.any_of()):
        where: Location = (
            (*here, "where", index) if isinstance(measure.where, list) else (*here, "where")
        )
        for name, values in condition.items():
            yield from _check_condition(records, sources, name, values, (*where, name))


def _check_aggregate(records: Records, key: str, measure: Measure) -> Iterator[Problem]:
    display = records.display
    here: Location = ("measures", key)
    if measure.aggregate == "count":
        if measure.column is not None:
            yield Problem(
                Msg.RECORDS_COUNT_COLUMN, display, records.line_of(*here, "column"), "column"
            )
        return
    if measure.column is None:
        yield Problem(
            Msg.RECORDS_AGGREGATE_COLUMN,
            display,
            records.line_of(*here, "aggregate"),
            "column",
            {"aggregate": measure.aggregate},
        )
        return
    yield from _known_column(records, measure.from_, measure.column, (*here, "column"), "column")
    column = records.spec.sources[measure.from_].column(measure.column)
    if (
        measure.aggregate == "sum"
        and column is not None
        and column.type not in (ColumnType.INTEGER, ColumnType.NUMBER)
    ):
        yield Problem(
            Msg.RECORDS_SUM_NOT_NUMBER,
            display,
            records.line_of(*here, "column"),
            "column",
            {"column": measure.column, "type": column.type.value},
        )


def resolve(records: Records, sources: list[str], name: str) -> tuple[str, str] | None:
    """(source, column) that a condition's column names: `source.column`, or a column of the
    measure's own table, else of the joined one; None when no table has it."""
    spec = records.spec
    prefix, dot, rest = name.partition(".")
    if dot and prefix in sources and rest in spec.sources[prefix].columns:
        return prefix, rest
    for source in sources:
        if name in spec.sources[source].columns:
            return source, name
    return None


def _check_condition(
    records: Records, sources: list[str], name: str, values: list[str | int], place: Location
) -> Iterator[Problem]:
    display = records.display
    found = resolve(records, sources, name)
    if found is None:
        known = [c for s in sources for c in records.spec.sources[s].columns]
        known += [f"{s}.{c}" for s in sources[1:] for c in records.spec.sources[s].columns]
        candidates = closest(name, known)
        hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
        yield Problem(
            Msg.RECORDS_UNKNOWN_COLUMN,
            display,
            records.line_of(*place),
            "where",
            {"column": name, "source": " + ".join(sources), "hint": hint},
        )
        return
    source, column_name = found
    column = records.spec.sources[source].column(column_name)
    assert column is not None
    for value in values:
        problem = _value_problem(column, value)
        if problem is None:
            continue
        code, fields = problem
        yield Problem(code, display, records.line_of(*place), name, fields)


def _value_problem(column: Column, value: str | int) -> tuple[Msg, dict[str, object]] | None:
    """Why `value` can never be in `column`, or None."""
    if column.type is ColumnType.ENUM and column.values is not None:
        allowed = [str(v) for v in column.values]
        if str(value) in allowed:
            return None
        candidates = closest(str(value), allowed)
        hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
        return Msg.RECORDS_UNKNOWN_VALUE, {
            "value": str(value),
            "values": one_of(allowed, limit=len(allowed)),
            "hint": hint,
        }
    if column.type in (ColumnType.INTEGER, ColumnType.NUMBER) and not isinstance(value, int):
        return Msg.RECORDS_VALUE_NOT_NUMBER, {"value": str(value)}
    return None
