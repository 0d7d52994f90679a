"""National scale: a bad cell deep inside a million-row file is reported with its line."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from tests.conftest import ROOT

# Slow (a million rows): `pytest -m "not slow"` leaves it out; CI runs it.
pytestmark = pytest.mark.slow


def _bench() -> ModuleType:
    """The benchmark's generator of inputs (benchmarks/bench.py)."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The benchmark's national file (2,850 counties × 30 targets × 12 years) and its lines."""
    bench = _bench()
    folder = tmp_path_factory.mktemp("national")
    counties = bench.county_names(2850)
    bench.write_targets(folder / "targets.yaml", counties)
    rng = random.Random(2017)
    lines = [bench.HEADER]
    for county in counties:
        lines.extend(bench.county_rows(county, rng))
    return folder, lines


def test_bad_cells_deep_in_a_million_rows_are_reported_with_their_lines(
    runner: CliRunner, national: tuple[Path, list[str]]
) -> None:
    folder, lines = national
    assert len(lines) == 1_026_001
    bad = list(lines)
    # Lines 876,543 and 1,000,000 hold rates: a value that is no number, and one below 0.
    county, target, _, numerator, denominator, note, year = bad[876_542].split(",")
    bad[876_542] = f"{county},{target},88.4x,{numerator},{denominator},{note},{year}"
    county, target, *_ = bad[999_999].split(",")
    bad[999_999] = f"{county},{target},-3,,,,2017"
    path = folder / "national.csv"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--targets", str(folder / "targets.yaml"), str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:876543: value: '88.4x' is not a number",
        f"{path}:1000000: value: -3 is outside the valid range of {target} (0 to 100)",
    ]


def test_the_million_rows_check_in_the_city_view(
    runner: CliRunner, national: tuple[Path, list[str]]
) -> None:
    folder, lines = national
    path = folder / "good.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--targets", str(folder / "targets.yaml"), str(path)])
    assert result.exit_code == 1
    assert "city view: 2850 counties submitted, figures for 2017" in result.stdout
    assert "2,850 counties: a row per target" in result.stdout
    assert len(result.stdout.splitlines()) < 1000
