"""Shared helpers of the records tests: the 2017 records file, written variants of it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from planctl.cli.app import app
from tests.conftest import ROOT

RECORDS_2017 = ROOT / "targets" / "2017-records.yaml"
SAMPLE = ROOT / "data" / "records"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, result.stdout, result.stderr


def variant(tmp_path: Path, old: str, new: str) -> Path:
    """The 2017 records file with `old` replaced by `new` (which must be there once)."""
    text = RECORDS_2017.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "records.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)
