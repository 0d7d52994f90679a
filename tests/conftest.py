"""Shared fixtures: the repository's targets and sample data, and a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.targets import TargetSet, load_targets

ROOT = Path(__file__).resolve().parents[1]
TARGETS_2017 = ROOT / "targets" / "2017.yaml"
PLAN_TEXT = ROOT / "targets" / "xianning-education-2017-work-priorities.txt"
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
HEADER = "county,indicator,value,numerator,denominator,note\n"


@pytest.fixture(scope="session")
def targets() -> TargetSet:
    return load_targets(TARGETS_2017)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None})


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a submission file into a temporary folder and return its path."""

    def write_file(content: str | bytes, name: str = "county.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write_file


def check_golden(actual: str, golden: Path) -> None:
    """Compare with a golden file; PLANCTL_UPDATE_GOLDEN=1 rewrites it instead."""
    if os.environ.get("PLANCTL_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {golden.name}"
