"""Parquet record tables checked by DuckDB before anything is aggregated.

A Parquet file holds typed columns, so what is checked is what a type does not say: every
declared column is there with a type that fits (a whole number for an integer column), no
empty value where the column is not optional, every value of an enum column one it may take,
numbers within their bounds, and every county one the targets file knows. The queries scan
tens of millions of rows in seconds; each problem names a file and a row (1-based, as
`file_row_number` counts) and never shows a personal column's values.
"""

from __future__ import annotations

from typing import Any

from planctl.domain.names import closest
from planctl.domain.problems import Problem, RecordsError
from planctl.i18n.catalog import one_of, text
from planctl.i18n.codes import Msg
from planctl.records.engines import duckdb_module
from planctl.records.spec import Column, ColumnType, Records, Source, resolve
from planctl.records.sql import Dialect, identifier, literal
from planctl.records.tables import Staged
from planctl.targets.models import TargetSet

_INTEGER_TYPES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
)
_NUMBER_TYPES = (*_INTEGER_TYPES, "FLOAT", "DOUBLE", "DECIMAL")
# How many distinct wrong values of one column are named.
_SHOWN = 5
D = Dialect.DUCKDB


def check_parquet(staged: dict[str, Staged], records: Records, targets: TargetSet) -> None:
    """RecordsError with every problem of the Parquet tables in `staged`."""
    connection = duckdb_module().connect()
    connection.execute("SET enable_progress_bar = false")
    problems: list[Problem] = []
    try:
        for name, table in staged.items():
            source = records.spec.sources[name]
            for path in table.parquet:
                problems.extend(_check_file(connection, str(path), records, source, targets, table))
    finally:
        connection.close()
    if problems:
        raise RecordsError(problems)


def _check_file(
    connection: Any,
    path: str,
    records: Records,
    source: Source,
    targets: TargetSet,
    table: Staged,
) -> list[Problem]:
    scan = f"read_parquet({literal(path, D)}, file_row_number = true)"
    try:
        described = connection.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()
    except Exception as exc:  # duckdb's error for a file that is not Parquet
        reason = str(exc).splitlines()[0]
        return [Problem(Msg.RECORDS_PARQUET_UNREADABLE, path, fields={"reason": reason})]
    types = {str(row[0]): str(row[1]).upper() for row in described}
    problems: list[Problem] = []
    for name in source.columns:
        column = source.column(name)
        assert column is not None
        found = types.get(name)
        if found is None:
            candidates = closest(name, [t for t in types if t != "file_row_number"])
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
            problems.append(
                Problem(Msg.CSV_MISSING_COLUMN, path, fields={"column": name, "hint": hint})
            )
            continue
        if not _fits(column, found):
            fields: dict[str, object] = {"type": found, "declared": column.type.value}
            problems.append(Problem(Msg.RECORDS_PARQUET_TYPE, path, field=name, fields=fields))
    if problems:
        return problems
    # One scan counts the rows and, per column, the values that break its declaration; only
    # a column with some is looked at again, to say where and what (a clean table of 40
    # million rows is read once here, not once per check).
    used = used_columns(records, name_of(records, source))
    screens = {name: _wrong(name, source) for name in source.columns if name in used}
    counted = ", ".join(
        f"COUNT(*) FILTER (WHERE {condition})" for condition in screens.values() if condition
    )
    plain = f"read_parquet({literal(path, D)})"
    found_counts = connection.execute(
        f"SELECT COUNT(*){', ' + counted if counted else ''} FROM {plain}"
    ).fetchone()
    table.rows[path] = int(found_counts[0])
    wrong = iter(found_counts[1:])
    suspect = {name for name, condition in screens.items() if condition and next(wrong)}
    for name in source.columns:
        column = source.column(name)
        assert column is not None
        if name in suspect or (name == source.county and name in used):
            problems.extend(_check_values(connection, scan, path, name, column, source, targets))
    return problems


def name_of(records: Records, source: Source) -> str:
    return next(name for name, each in records.spec.sources.items() if each is source)


def used_columns(records: Records, source: str) -> set[str]:
    """The columns of `source` that a figure or a report reads: a measure's column, its
    conditions and join keys, the county and the label. The others are checked to be there
    with their type, not value by value: no figure can depend on them, and reading a column
    of 40 million identifiers costs as much as the figures themselves."""
    spec = records.spec
    table = spec.sources[source]
    used = set(table.label) | ({table.county} if table.county else set())
    for measure in spec.measures.values():
        sources = [measure.from_] + ([measure.join.source] if measure.join else [])
        if source not in sources:
            continue
        if measure.from_ == source and measure.column is not None:
            used.add(measure.column)
        if measure.join is not None:
            keys = measure.join.keys
            used |= set(keys) if measure.from_ == source else set(keys.values())
        for condition in measure.any_of():
            for name in condition:
                found = resolve(records, sources, name)
                if found is not None and found[0] == source:
                    used.add(found[1])
    return used


def _empty(quoted: str) -> str:
    """An empty or blank text: trimming every value costs a third of a scan, so only a value
    that starts with a space is trimmed (CASE evaluates a branch only for its rows)."""
    return (
        f"CASE WHEN {quoted} IS NULL OR {quoted} = '' THEN TRUE "
        f"WHEN left({quoted}, 1) IN (' ', '\t', '\u3000') THEN trim({quoted}, ' \t\u3000') = '' "
        "ELSE FALSE END"
    )


def _wrong(name: str, source: Source) -> str | None:
    """The SQL condition of a value that breaks the column's declaration; None for none."""
    column = source.column(name)
    assert column is not None
    quoted = identifier(name, D)
    terms = []
    textual = column.type in (ColumnType.TEXT, ColumnType.ENUM)
    if not column.optional:
        terms.append(_empty(quoted) if textual else f"{quoted} IS NULL")
    if column.type is ColumnType.ENUM and column.values is not None and name != source.county:
        listed = ", ".join(literal(str(value), D) for value in column.values)
        terms.append(f"{quoted} NOT IN ({listed})")
    if column.min is not None:
        terms.append(f"{quoted} < {column.min!r}")
    if column.max is not None:
        terms.append(f"{quoted} > {column.max!r}")
    return " OR ".join(f"({term})" for term in terms) or None


def _fits(column: Column, found: str) -> bool:
    match column.type:
        case ColumnType.INTEGER:
            return found.startswith(_INTEGER_TYPES) or (
                found.startswith("DECIMAL") and found.endswith(",0)")
            )
        case ColumnType.NUMBER:
            return found.startswith(_NUMBER_TYPES)
        case ColumnType.TEXT | ColumnType.ENUM:
            return found == "VARCHAR"


def _check_values(
    connection: Any,
    scan: str,
    path: str,
    name: str,
    column: Column,
    source: Source,
    targets: TargetSet,
) -> list[Problem]:
    quoted = identifier(name, D)
    problems: list[Problem] = []
    if not column.optional:
        textual = column.type in (ColumnType.TEXT, ColumnType.ENUM)
        empty = _empty(quoted) if textual else f"{quoted} IS NULL"
        found = connection.execute(
            f"SELECT COUNT(*), MIN(file_row_number) FROM {scan} WHERE {empty}"
        ).fetchone()
        if found[0]:
            problems.append(_rows_problem(Msg.RECORDS_CELL_EMPTY, path, name, found, {}))
    if name == source.county:
        spelled = connection.execute(
            f"SELECT {quoted}, COUNT(*), MIN(file_row_number) FROM {scan} "
            f"WHERE {quoted} IS NOT NULL GROUP BY 1"
        ).fetchall()
        for raw, count, first in spelled:
            if targets.find_county(str(raw)) is None:
                candidates = targets.suggest_counties(str(raw))
                hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
                problems.append(
                    _rows_problem(
                        Msg.ROW_COUNTY_UNKNOWN,
                        path,
                        name,
                        (count, first),
                        {"county": raw, "hint": hint},
                    )
                )
        return problems
    if column.type is ColumnType.ENUM and column.values is not None:
        allowed = [str(value) for value in column.values]
        listed = ", ".join(literal(value, D) for value in allowed)
        wrong = connection.execute(
            f"SELECT {quoted}, COUNT(*), MIN(file_row_number) FROM {scan} "
            f"WHERE {quoted} IS NOT NULL AND {quoted} NOT IN ({listed}) "
            f"GROUP BY 1 ORDER BY 3 LIMIT {_SHOWN}"
        ).fetchall()
        for raw, count, first in wrong:
            shown = text(Msg.RECORDS_PERSONAL_HIDDEN) if column.personal else f"'{raw}'"
            candidates = [] if column.personal else closest(str(raw), allowed)
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
            values = one_of(allowed, limit=len(allowed))
            problems.append(
                _rows_problem(
                    Msg.RECORDS_CELL_NOT_VALUE,
                    path,
                    name,
                    (count, first),
                    {"text": shown, "values": values, "hint": hint},
                )
            )
    for bound, code, sign in (
        (column.min, Msg.RECORDS_CELL_BELOW, "<"),
        (column.max, Msg.RECORDS_CELL_ABOVE, ">"),
    ):
        if bound is None:
            continue
        found = connection.execute(
            f"SELECT COUNT(*), MIN(file_row_number) FROM {scan} WHERE {quoted} {sign} {bound!r}"
        ).fetchone()
        if found[0]:
            shown = text(Msg.RECORDS_PERSONAL_HIDDEN)
            bounds = str(int(bound)) if bound == int(bound) else str(bound)
            problems.append(
                _rows_problem(code, path, name, found, {"text": shown, "bound": bounds})
            )
    return problems


def _rows_problem(
    code: Msg, path: str, name: str, found: tuple[Any, ...], fields: dict[str, object]
) -> Problem:
    """A problem at the first row that has it, counting the others."""
    count, first = int(found[0]), int(found[1]) + 1
    where = text(Msg.RECORDS_PARQUET_ROWS, row=f"{first:,}", count=f"{count:,}")
    message = text(code, **fields)
    return Problem(
        Msg.RECORDS_PARQUET_PROBLEM, path, field=name, fields={"message": message, "where": where}
    )
