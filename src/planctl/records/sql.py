"""Measures → SQL: one query per record table, in the dialect of DuckDB, Spark or PostgreSQL.

The measures of one table (and one join) are computed in one pass: a conditional aggregate
per measure (`SUM(CASE WHEN … THEN col ELSE 0 END)`), grouped by the county, so a county
whose rows match no condition gets a 0, not a gap, and `COUNT(*)` gives the rows behind its
figures. A join is a LEFT JOIN, so rows that match nothing in the joined table are counted
(under a NULL county) and reported, never dropped. The grammar is small enough that the SQL
is written here directly; the three dialects differ only in how identifiers and strings are
quoted and in the name of the floating-point type. The tests parse every dialect's output
with sqlglot, an independent SQL parser, to prove it is well formed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from planctl.records.choices import Dialect
from planctl.records.spec import ColumnType, Condition, Measure, Records, resolve

# The columns every query returns beside one per measure.
COUNTY, ROWS = "county", "rows"
FROM_ALIAS, JOIN_ALIAS = "r", "j"


@dataclass(frozen=True)
class Query:
    """The SQL that computes the measures of one record table (and join)."""

    source: str
    join: str | None
    measures: list[str]
    sql: str


def identifier(name: str, dialect: Dialect) -> str:
    """`name` quoted as the dialect quotes identifiers (a records file's names hold no quote
    character, but one is doubled all the same)."""
    match dialect:
        case Dialect.DUCKDB | Dialect.POSTGRES:
            return '"' + name.replace('"', '""') + '"'
        case Dialect.SPARK:
            return "`" + name.replace("`", "``") + "`"
        case _:
            assert_never(dialect)


def literal(value: str | int, dialect: Dialect) -> str:
    """A value as an SQL literal: integers bare, text quoted (Spark also escapes backslashes)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    escaped = str(value).replace("'", "''")
    if dialect is Dialect.SPARK:
        escaped = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def queries(records: Records, keys: list[str], dialect: Dialect) -> list[Query]:
    """The queries that compute the measures `keys`, one per table and join, in file order."""
    groups: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], list[str]] = {}
    for key in keys:
        measure = records.spec.measures[key]
        join = measure.join
        on = tuple(join.keys.items()) if join is not None else ()
        groups.setdefault((measure.from_, join.source if join else None, on), []).append(key)
    found = []
    for (source, joined, _), members in groups.items():
        found.append(Query(source, joined, members, _group_sql(records, members, dialect)))
    return found


def _group_sql(records: Records, keys: list[str], dialect: Dialect) -> str:
    first = records.spec.measures[keys[0]]
    county = _county_column(records, first, dialect)
    lines = [f"SELECT {county} AS {identifier(COUNTY, dialect)},"]
    lines.append(f"  COUNT(*) AS {identifier(ROWS, dialect)},")
    aggregates = [
        f"  {aggregate(records, records.spec.measures[key], dialect)} AS {identifier(key, dialect)}"
        for key in keys
    ]
    lines.append(",\n".join(aggregates))
    lines.append(_from_clause(records, first, dialect))
    lines.append(f"GROUP BY {county}")
    return "\n".join(lines)


def _county_column(records: Records, measure: Measure, dialect: Dialect) -> str:
    source = records.county_source(measure)
    county = records.spec.sources[source].county
    assert county is not None  # validated: every measure has a county
    alias = FROM_ALIAS if source == measure.from_ else JOIN_ALIAS
    return f"{alias}.{identifier(county, dialect)}"


def _from_clause(records: Records, measure: Measure, dialect: Dialect) -> str:
    clause = f"FROM {identifier(measure.from_, dialect)} AS {FROM_ALIAS}"
    if measure.join is None:
        return clause
    pairs = " AND ".join(
        f"{FROM_ALIAS}.{identifier(mine, dialect)} = {JOIN_ALIAS}.{identifier(theirs, dialect)}"
        for mine, theirs in measure.join.keys.items()
    )
    joined = identifier(measure.join.source, dialect)
    return f"{clause}\nLEFT JOIN {joined} AS {JOIN_ALIAS} ON {pairs}"


def aggregate(records: Records, measure: Measure, dialect: Dialect) -> str:
    """The conditional aggregate of one measure."""
    condition = condition_sql(records, measure, measure.any_of(), dialect)
    column = (
        f"{FROM_ALIAS}.{identifier(measure.column, dialect)}" if measure.column is not None else ""
    )
    match measure.aggregate:
        case "sum":
            if condition is None:
                return f"COALESCE(SUM({column}), 0)"
            return f"COALESCE(SUM(CASE WHEN {condition} THEN {column} ELSE 0 END), 0)"
        case "count":
            if condition is None:
                return "COUNT(*)"
            return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"
        case "count_distinct":
            if condition is None:
                return f"COUNT(DISTINCT {column})"
            return f"COUNT(DISTINCT CASE WHEN {condition} THEN {column} END)"
        case _:
            assert_never(measure.aggregate)


def condition_sql(
    records: Records, measure: Measure, any_of: list[Condition], dialect: Dialect
) -> str | None:
    """`any_of` as SQL: alternatives joined by OR, each a conjunction of `column IN (…)`;
    None for no condition."""
    if not any_of:
        return None
    sources = [measure.from_] + ([measure.join.source] if measure.join is not None else [])
    alternatives = []
    for condition in any_of:
        terms = []
        for name, values in condition.items():
            found = resolve(records, sources, name)
            assert found is not None  # validated
            source, column_name = found
            column = records.spec.sources[source].column(column_name)
            assert column is not None
            alias = FROM_ALIAS if source == measure.from_ else JOIN_ALIAS
            typed = [_typed(value, column.type) for value in values]
            listed = ", ".join(literal(value, dialect) for value in typed)
            terms.append(f"{alias}.{identifier(column_name, dialect)} IN ({listed})")
        alternatives.append(" AND ".join(terms))
    if len(alternatives) == 1:
        return alternatives[0]
    return " OR ".join(f"({each})" for each in alternatives)


def _typed(value: str | int, kind: ColumnType) -> str | int:
    """A condition's value as the column stores it: text for text and enum columns."""
    if kind in (ColumnType.TEXT, ColumnType.ENUM):
        return str(value)
    return value


def script(records: Records, keys: list[str], dialect: Dialect) -> str:
    """Every query, as one script for a warehouse: each record table is a table of its
    source's name, with the columns the records file declares."""
    parts = []
    for query in queries(records, keys, dialect):
        named = ", ".join(query.measures)
        parts.append(f"-- {query.source}: {named}\n{query.sql};")
    return "\n\n".join(parts) + "\n"
