"""The measures' SQL in every dialect is well formed, as an independent parser reads it."""

from __future__ import annotations

import pytest
import sqlglot
from typer.testing import CliRunner

from planctl.records.choices import Dialect
from planctl.records.run import emit_sql_script, load_both
from planctl.records.sql import identifier, literal
from tests.records.conftest import run


@pytest.mark.parametrize("dialect", list(Dialect))
def test_every_dialect_parses(dialect: Dialect) -> None:
    targets, records = load_both(None, None)
    script = emit_sql_script(records, targets, dialect)
    statements = [s for s in sqlglot.parse(script, read=dialect.value) if s is not None]
    assert len(statements) == 2  # one per record table
    for statement in statements:
        assert statement.key == "select"


@pytest.mark.parametrize("dialect", list(Dialect))
def test_quotes_inside_names_and_values_stay_inside(dialect: Dialect) -> None:
    value = "it's a \\ back'slash"
    name = 'a"b`c'
    sql = f"SELECT {literal(value, dialect)} AS {identifier(name, dialect)}"
    parsed = sqlglot.parse_one(sql, read=dialect.value)
    assert parsed.expressions[0].this.name == value
    assert parsed.expressions[0].alias == 'a"b`c'


def test_emit_sql_prints_the_queries_without_reading_tables(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "compute", "--emit-sql", "--dialect", "spark")
    assert (code, stderr) == (0, "")
    assert stdout.startswith("-- kindergartens: children_enrolled, ")
    assert "FROM `kindergartens` AS r" in stdout
    assert "`年龄` IN (3, 4, 5)" in stdout


def test_a_dialect_not_known_is_a_usage_error(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "compute", "--emit-sql", "--dialect", "oracle")
    assert (code, stdout) == (2, "")
    assert "oracle" in stderr
