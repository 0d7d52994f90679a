"""The engines: a join over a Parquet table of children on DuckDB, Parquet checked before it
is summed, Spark giving DuckDB's figures, and a clear message for an extra not installed."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from planctl.domain.problems import RecordsError
from planctl.records.choices import EngineName
from planctl.records.run import compute_submission, load_both
from planctl.records.spec import load_records
from tests.records.conftest import RECORDS_2017, SAMPLE, run

CHILDREN = """
  children:
    name_zh: 幼儿学籍
    name_en: Children enrolled, one row per child
    files: ["幼儿*.parquet"]
    columns:
      学籍号: {type: text, personal: true}
      园所标识码: text
      性别: {type: enum, values: [男, 女]}
"""
JOINED = """
  children_enrolled:
    from: children
    aggregate: count
    join: {source: kindergartens, keys: {园所标识码: 学校标识码}}
  inclusive_kindergarten_coverage.numerator:
    from: children
    aggregate: count
    join: {source: kindergartens, keys: {园所标识码: 学校标识码}}
    where:
      - {kindergartens.办别: [公办]}
      - {kindergartens.是否普惠性民办园: [是]}
"""


def child_level(tmp_path: Path, children: str) -> Path:
    """A records file whose children are counted one by one, from a Parquet table."""
    text = RECORDS_2017.read_text(encoding="utf-8")
    text = text.replace("\nmeasures:\n", CHILDREN + "\nmeasures:\n")
    start = text.index("  children_enrolled:\n")
    end = text.index("  population_3_to_5:\n")
    text = text[:start] + text[end:]
    start = text.index("  inclusive_kindergarten_coverage.numerator:\n")
    end = text.index("  # 乡镇")
    text = text[:start] + text[end:] + JOINED
    path = tmp_path / "records.yaml"
    path.write_text(text, encoding="utf-8")
    tables = tmp_path / "tables"
    tables.mkdir()
    for name in ("幼儿园.csv", "人口.csv"):
        (tables / name).write_bytes((SAMPLE / name).read_bytes())
    duckdb.execute(f"COPY ({children}) TO '{tables / '幼儿.parquet'}' (FORMAT parquet)")
    return path


# Each kindergarten of the sample, with one child row per child it enrols.
EVERY_CHILD = (
    "SELECT '4200' || k.学校标识码 || '-' || i AS 学籍号, k.学校标识码 AS 园所标识码, "
    "CASE WHEN i % 2 = 0 THEN '男' ELSE '女' END AS 性别 "
    f"FROM read_csv('{SAMPLE / '幼儿园.csv'}', skip = 1, header = true, all_varchar = true) AS k, "
    "range(CAST(k.在园幼儿数 AS BIGINT)) AS t(i)"
)


def test_counting_children_one_by_one_through_a_join_gives_the_tables_sums(tmp_path: Path) -> None:
    path = child_level(tmp_path, EVERY_CHILD)
    targets, _ = load_both(None, None)
    records = load_records(path, targets)
    by_child, _ = compute_submission([tmp_path / "tables"], records, targets)
    by_kindergarten, _ = compute_submission([SAMPLE], load_both(None, None)[1], targets)

    def figures(text: str) -> list[list[str]]:
        return [line.split(",")[:5] for line in text.splitlines()[2:]]

    assert figures(by_child) == figures(by_kindergarten)
    assert f"children ({tmp_path / 'tables' / '幼儿.parquet'}): 21,950 rows" in by_child


def test_children_of_no_kindergarten_are_counted_and_refused(tmp_path: Path) -> None:
    path = child_level(tmp_path, EVERY_CHILD + " UNION ALL SELECT 'x', '999', '男'")
    targets, _ = load_both(None, None)
    records = load_records(path, targets)
    with pytest.raises(RecordsError) as caught:
        compute_submission([tmp_path / "tables"], records, targets)
    assert [p.message for p in caught.value.problems] == [
        "1 row of children matches no row of kindergartens, so belongs to no county; "
        "fix the identifiers"
    ]


def test_an_empty_parquet_value_is_named_with_its_first_row(tmp_path: Path) -> None:
    bad = EVERY_CHILD.replace(
        "k.学校标识码 AS 园所标识码", "CASE WHEN i = 3 THEN '' ELSE k.学校标识码 END AS 园所标识码"
    )
    path = child_level(tmp_path, bad)
    targets, _ = load_both(None, None)
    records = load_records(path, targets)
    with pytest.raises(RecordsError) as caught:
        compute_submission([tmp_path / "tables"], records, targets)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{tmp_path / 'tables' / '幼儿.parquet'}: 园所标识码: row ")
    # One child of every kindergarten of 4 children or more.
    assert str(problem).endswith(" rows in all): empty, and the column is not optional")


def test_a_column_no_figure_reads_is_checked_for_its_type_not_its_values(tmp_path: Path) -> None:
    """性别 is declared but no measure reads it: a value outside its enum changes nothing."""
    path = child_level(tmp_path, EVERY_CHILD.replace("'男' ELSE '女'", "'男' ELSE 'F'"))
    targets, _ = load_both(None, None)
    records = load_records(path, targets)
    compute_submission([tmp_path / "tables"], records, targets)
    typed = EVERY_CHILD.replace("CASE WHEN i % 2 = 0 THEN '男' ELSE '女' END", "i")
    (tmp_path / "again").mkdir()
    path = child_level(tmp_path / "again", typed)
    with pytest.raises(RecordsError) as caught:
        compute_submission([tmp_path / "again" / "tables"], load_records(path, targets), targets)
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == [
        "性别: the column holds BIGINT, which does not fit its declared type, enum"
    ]


def test_a_missing_engine_says_which_extra_to_install(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = builtins.__import__

    def without_duckdb(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "duckdb":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_duckdb)
    code, stdout, stderr = run(runner, "compute", str(SAMPLE))
    assert (code, stdout) == (2, "")
    assert (
        stderr == "duckdb: not installed; install planctl's extra: pip install 'planctl[records]'\n"
    )


@pytest.mark.slow
def test_spark_gives_the_figures_duckdb_gives() -> None:
    pytest.importorskip("pyspark")
    targets, records = load_both(None, None)
    on_duckdb, _ = compute_submission([SAMPLE], records, targets, EngineName.DUCKDB)
    on_spark, _ = compute_submission([SAMPLE], records, targets, EngineName.SPARK)
    assert on_spark == on_duckdb


def test_a_distinct_count_over_two_spellings_of_a_county_is_refused(tmp_path: Path) -> None:
    text = RECORDS_2017.read_text(encoding="utf-8").replace(
        "  model_kindergartens:\n    from: kindergartens\n    aggregate: count\n",
        "  model_kindergartens:\n    from: kindergartens\n    aggregate: count_distinct\n"
        "    column: 学校标识码\n",
    )
    path = tmp_path / "records.yaml"
    path.write_text(text, encoding="utf-8")
    tables = tmp_path / "tables"
    tables.mkdir()
    duckdb.execute(
        "COPY (SELECT * REPLACE (CASE WHEN 学校标识码 LIKE '%1' AND 行政区划 = '咸安区' "
        "THEN '咸安' ELSE 行政区划 END AS 行政区划, CAST(在园幼儿数 AS BIGINT) AS 在园幼儿数) "
        f"FROM read_csv('{SAMPLE / '幼儿园.csv'}', skip = 1, header = true, all_varchar = true)) "
        f"TO '{tables / '幼儿园.parquet'}' (FORMAT parquet)"
    )
    targets, _ = load_both(None, None)
    with pytest.raises(RecordsError) as caught:
        compute_submission([tables], load_records(path, targets), targets)
    assert [p.message for p in caught.value.problems] == [
        "kindergartens spells 咸安区 more than one way (咸安, 咸安区), and a distinct count "
        "cannot be added across them; write one"
    ]
