"""planctl's records benchmark: `planctl compute` on national record tables, beside a query
written by hand, and Spark local beside both.

Run it from the repository with the Python of an environment where planctl is installed
with its records extra (and the spark extra for the Spark figure):

    python benchmarks/records_bench.py             # 290,000 kindergartens, 40,000,000 children
    python benchmarks/records_bench.py --quick     # 29,000 and 4,000,000, fewer runs
    python benchmarks/records_bench.py --rows 10000000 --no-spark

It generates its own tables with DuckDB (synthetic counties 测试县0001…, not real figures)
in a temporary folder: a kindergarten census table of 2,850 counties (Parquet), a table of
children, one row per child with its kindergarten's identifier (Parquet), and the population
by age. The records file counts the children one by one through the declared join, so the
engine does what a national audit does: 40 million rows joined to 290,000 and grouped by
county. The baseline is the same figures as one hand-written DuckDB query over the same
files, run in a Python process of its own. As in `bench.py` (whose launcher and arithmetic
this reuses), the commands run interleaved, A B A B …, after a warm-up of each, and the ratio
is taken pair by pair. The goal of issue 14: compute within 1.5× of the hand-written query.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench

ROOT = Path(__file__).resolve().parents[1]
KINDERGARTENS, CHILDREN = 290_000, 40_000_000
COUNTIES = 2_850
GOAL = bench.Goal(1.5, "compute ≤ 1.5× a hand-written DuckDB query")

RECORDS = """\
schema_version: 1
sources:
  kindergartens:
    name_zh: 幼儿园基层统计报表
    name_en: Kindergarten census forms
    files: ["kindergartens*"]
    county: 行政区划
    label: [学校标识码, 学校名称]
    columns:
      学校标识码: text
      学校名称: text
      行政区划: text
      办别: {type: enum, values: [公办, 民办]}
      是否普惠性民办园: {type: enum, values: [是, 否]}
      驻地城乡类型: {type: enum, values: [城区, 镇区, 乡村]}
      办园许可证: {type: enum, values: [有, 无]}
      示范等级: {type: enum, values: [省级示范, 市级示范, 无]}
  children:
    name_zh: 幼儿学籍
    name_en: Children, one row per child
    files: ["children*"]
    columns:
      学籍号: {type: text, personal: true}
      园所标识码: text
      性别: {type: enum, values: [男, 女]}
  population:
    name_zh: 分年龄人口
    name_en: Population by age
    files: ["population*"]
    county: 行政区划
    columns:
      行政区划: text
      年龄: {type: integer, min: 0, max: 150}
      人数: {type: integer, min: 0}
measures:
  children_enrolled:
    from: children
    aggregate: count
    join: {source: kindergartens, keys: {园所标识码: 学校标识码}}
  population_3_to_5: {from: population, aggregate: sum, column: 人数, where: {年龄: [3, 4, 5]}}
  inclusive_kindergarten_coverage.numerator:
    from: children
    aggregate: count
    join: {source: kindergartens, keys: {园所标识码: 学校标识码}}
    where: [{kindergartens.办别: [公办]}, {kindergartens.是否普惠性民办园: [是]}]
  township_inclusive_service_coverage.denominator:
    from: children
    aggregate: count
    join: {source: kindergartens, keys: {园所标识码: 学校标识码}}
    where: {kindergartens.驻地城乡类型: [镇区, 乡村]}
  township_inclusive_service_coverage.numerator:
    from: children
    aggregate: count
    join: {source: kindergartens, keys: {园所标识码: 学校标识码}}
    where:
      - {kindergartens.驻地城乡类型: [镇区, 乡村], kindergartens.办别: [公办]}
      - {kindergartens.驻地城乡类型: [镇区, 乡村], kindergartens.是否普惠性民办园: [是]}
  unlicensed_kindergartens: {from: kindergartens, aggregate: count, where: {办园许可证: [无]}}
  model_kindergartens:
    from: kindergartens
    aggregate: count
    where: {示范等级: [省级示范, 市级示范]}
"""

# The same figures, as an analyst would write them for DuckDB by hand.
HAND_WRITTEN = """
import sys
import duckdb
folder = sys.argv[1]
k = f"read_parquet('{folder}/kindergartens.parquet')"
c = f"read_parquet('{folder}/children.parquet')"
p = f"read_parquet('{folder}/population.parquet')"
con = duckdb.connect()
children = con.execute(f'''
    SELECT k.行政区划, COUNT(*),
        COUNT(*) FILTER (WHERE k.办别 = '公办' OR k.是否普惠性民办园 = '是'),
        COUNT(*) FILTER (WHERE k.驻地城乡类型 IN ('镇区', '乡村')),
        COUNT(*) FILTER (WHERE k.驻地城乡类型 IN ('镇区', '乡村')
                         AND (k.办别 = '公办' OR k.是否普惠性民办园 = '是'))
    FROM {c} AS c JOIN {k} AS k ON c.园所标识码 = k.学校标识码
    GROUP BY 1''').fetchall()
schools = con.execute(f'''
    SELECT 行政区划, COUNT(*) FILTER (WHERE 办园许可证 = '无'),
        COUNT(*) FILTER (WHERE 示范等级 IN ('省级示范', '市级示范'))
    FROM {k} GROUP BY 1''').fetchall()
people = con.execute(f'''
    SELECT 行政区划, SUM(人数) FILTER (WHERE 年龄 IN (3, 4, 5)) FROM {p} GROUP BY 1''').fetchall()
for row in children + schools + people:
    print(*row, sep=",")
"""


def county_names(count: int) -> list[str]:
    return [f"测试县{number:04d}" for number in range(1, count + 1)]


def write_targets(path: Path, counties: list[str]) -> None:
    """The 2017 targets with the synthetic counties after Xianning's six (which the targets
    that name counties name)."""
    text = (ROOT / "targets" / "2017.yaml").read_text(encoding="utf-8")
    # At the end of counties: (before the file's other reporting units, units:).
    end = text.index("\nunits:\n") if "\nunits:\n" in text else text.index("\ntargets:\n")
    listed = "".join(f"  - {{name: {name}, name_en: County {name[-4:]}}}\n" for name in counties)
    path.write_text(text[:end] + "\n" + listed + text[end:], encoding="utf-8")


def write_tables(folder: Path, kindergartens: int, children: int, counties: int) -> None:
    """The three record tables, in Parquet, written by DuckDB in a few seconds."""
    import duckdb

    con = duckdb.connect()
    con.execute(
        f"""COPY (
            SELECT lpad(CAST(i AS VARCHAR), 10, '0') AS 学校标识码,
                '幼儿园' || i AS 学校名称,
                '测试县' || lpad(CAST(i % {counties} + 1 AS VARCHAR), 4, '0') AS 行政区划,
                CASE WHEN hash(i, 1) % 10 < 4 THEN '公办' ELSE '民办' END AS 办别,
                CASE WHEN hash(i, 2) % 10 < 6 THEN '是' ELSE '否' END AS 是否普惠性民办园,
                ['城区', '镇区', '乡村'][CAST(hash(i, 3) % 3 AS INTEGER) + 1] AS 驻地城乡类型,
                CASE WHEN hash(i, 4) % 100 < 2 THEN '无' ELSE '有' END AS 办园许可证,
                ['省级示范', '市级示范', '无', '无', '无', '无', '无', '无', '无', '无']
                    [CAST(hash(i, 5) % 10 AS INTEGER) + 1] AS 示范等级
            FROM range({kindergartens}) AS t(i)
        ) TO '{folder / "kindergartens.parquet"}' (FORMAT parquet)"""
    )
    con.execute(
        f"""COPY (
            SELECT 'C' || i AS 学籍号,
                lpad(CAST(hash(i) % {kindergartens} AS VARCHAR), 10, '0') AS 园所标识码,
                CASE WHEN i % 2 = 0 THEN '男' ELSE '女' END AS 性别
            FROM range({children}) AS t(i)
        ) TO '{folder / "children.parquet"}' (FORMAT parquet)"""
    )
    con.execute(
        f"""COPY (
            SELECT '测试县' || lpad(CAST(c AS VARCHAR), 4, '0') AS 行政区划,
                CAST(a AS BIGINT) AS 年龄, CAST(3000 + hash(c, a) % 2000 AS BIGINT) AS 人数
            FROM range(1, {counties + 1}) AS s(c), range(2, 7) AS t(a)
        ) TO '{folder / "population.parquet"}' (FORMAT parquet)"""
    )
    con.close()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows, 3 rounds")
    parser.add_argument("--rows", type=int, help="children (default 40,000,000)")
    parser.add_argument("--rounds", type=int, help="timed rounds (default 5; --quick 3)")
    parser.add_argument("--no-spark", action="store_true", help="leave Spark out")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    scale = 10 if args.quick else 1
    kindergartens = KINDERGARTENS // scale
    children = args.rows or CHILDREN // scale
    rounds = args.rounds or (3 if args.quick else 5)
    python = sys.executable
    planctl = str(Path(python).with_name("planctl"))
    with tempfile.TemporaryDirectory(prefix="planctl-records-bench-") as name:
        folder = Path(name)
        tables = folder / "tables"
        tables.mkdir()
        write_tables(tables, kindergartens, children, COUNTIES)
        targets = folder / "targets.yaml"
        write_targets(targets, county_names(COUNTIES))
        records = folder / "records.yaml"
        records.write_text(RECORDS, encoding="utf-8")
        script = folder / "hand_written.py"
        script.write_text(HAND_WRITTEN, encoding="utf-8")
        compute = [planctl, "compute", "-t", str(targets), "--measures", str(records)]
        commands = {
            "compute": bench.Command("planctl compute (DuckDB)", (*compute, str(tables))),
            "hand": bench.Command("hand-written DuckDB query", (python, str(script), str(tables))),
        }
        launcher = bench.Launcher(python, dict(__import__("os").environ))
        try:
            section = bench.measure(commands, rounds, launcher)
            spark = None
            if not args.no_spark:
                spark_command = {
                    "spark": bench.Command(
                        "planctl compute --engine spark (local)",
                        (*compute, "--engine", "spark", str(tables)),
                    )
                }
                # One round: a Spark start costs tens of seconds on a loaded machine.
                spark = bench.measure(spark_command, 1, launcher)
        finally:
            launcher.close()
    print(
        f"{kindergartens:,} kindergartens, {children:,} children, {COUNTIES:,} counties; "
        f"{rounds} interleaved rounds after a warm-up"
    )
    print()
    print("| command | time (median, range) | peak memory |")
    print("|---|---|---|")
    for key in commands:
        print(
            f"| {section.labels[key]} | {bench.time_text(section.time(key))} "
            f"| {section.peak(key):.0f} MiB |"
        )
    if spark is not None:
        print(
            f"| {spark.labels['spark']} | {bench.time_text(spark.time('spark'))} "
            f"| {spark.peak('spark'):.0f} MiB (its largest process) |"
        )
    ratio = section.ratio("compute", "hand")
    print()
    print(
        f"compute / hand-written: {bench.ratio_text(ratio)}; goal {GOAL.text}: "
        f"{GOAL.verdict(ratio.median)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
