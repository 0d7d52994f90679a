"""The records benchmark (benchmarks/records_bench.py) times what it claims: on tables small
enough for a test, compute's figures are the hand-written query's, county by county."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from planctl.records.run import compute_submission, load_both
from tests.conftest import ROOT
from tests.render.test_scale import _bench


def records_bench() -> ModuleType:
    _bench()  # records_bench imports bench from beside it
    path = ROOT / "benchmarks" / "records_bench.py"
    spec = importlib.util.spec_from_file_location("records_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compute_and_the_hand_written_query_give_the_same_figures(tmp_path: Path) -> None:
    bench = records_bench()
    tables = tmp_path / "tables"
    tables.mkdir()
    counties = 40
    bench.write_tables(tables, 600, 20_000, counties)
    targets_path = tmp_path / "targets.yaml"
    bench.write_targets(targets_path, bench.county_names(counties))
    records_path = tmp_path / "records.yaml"
    records_path.write_text(bench.RECORDS, encoding="utf-8")
    targets, records = load_both(targets_path, records_path)
    _, computed = compute_submission([tables], records, targets)
    script = tmp_path / "hand.py"
    script.write_text(bench.HAND_WRITTEN, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script), str(tables)], capture_output=True, text=True, check=True
    )
    lines = [line.split(",") for line in run.stdout.splitlines()]
    children = {row[0]: [float(x) for x in row[1:]] for row in lines if len(row) == 5}
    schools = {row[0]: [float(x) for x in row[1:]] for row in lines if len(row) == 3}
    people = {row[0]: float(row[1]) for row in lines if len(row) == 2}
    values = computed.values
    assert len(children) == len(schools) == len(people) == counties
    for county, (enrolled, inclusive, township, township_inclusive) in children.items():
        assert values["children_enrolled"][county] == enrolled
        assert values["inclusive_kindergarten_coverage.numerator"][county] == inclusive
        assert values["township_inclusive_service_coverage.denominator"][county] == township
        assert values["township_inclusive_service_coverage.numerator"][county] == township_inclusive
    for county, (unlicensed, model) in schools.items():
        assert values["unlicensed_kindergartens"][county] == unlicensed
        assert values["model_kindergartens"][county] == model
    for county, population in people.items():
        assert values["population_3_to_5"][county] == population
