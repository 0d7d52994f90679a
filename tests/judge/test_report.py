"""The report model's run digest: what every report of one run carries, and what it covers."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.check import run_check
from planctl.cli.app import app
from planctl.render import Format, suffix_of
from tests.conftest import DATA, TARGETS_2017

HEX = "[0-9a-f]{64}"


def digests_in_reports(folder: Path) -> dict[str, str]:
    """The run digest each report file in `folder` names, by file name."""
    found = {
        "r.json": json.loads((folder / "r.json").read_text("utf-8"))["run_digest"],
        "r.csv": {
            row["run"]
            for row in csv.DictReader((folder / "r.csv").read_text("utf-8-sig").splitlines())
        },
    }
    patterns = {
        "r.md": rf"<sub>planctl \S+ · run ({HEX})</sub>\n$",
        "r.html": rf"<footer>planctl \S+ · run ({HEX})</footer>",
        "r.xml": rf'<property name="planctl.run" value="({HEX})" />',
        # The table keeps its line short, as git shortens a commit: 12 digits of the digest.
        "r.txt": r"planctl \S+ · run ([0-9a-f]{12})\n$",
    }
    for name, pattern in patterns.items():
        matches = set(re.findall(pattern, (folder / name).read_text("utf-8")))
        (found[name],) = matches
    (found["r.csv"],) = found["r.csv"]
    assert found["r.json"].startswith(found.pop("r.txt"))
    return found


def test_every_report_of_a_run_names_the_same_run(runner: CliRunner, tmp_path: Path) -> None:
    reports = [arg for f in Format for arg in ("--report", str(tmp_path / f"r{suffix_of(f)}"))]
    result = runner.invoke(app, ["check", str(DATA), *reports])
    assert result.exit_code == 1
    expected = run_check([DATA]).run_digest()
    assert digests_in_reports(tmp_path) == dict.fromkeys(digests_in_reports(tmp_path), expected)
    assert expected[:12] in result.stdout, "the table on stdout names it too"


def test_the_same_inputs_are_the_same_run_wherever_they_are(tmp_path: Path) -> None:
    copy = tmp_path / "copy.csv"
    shutil.copy(DATA / "tongcheng.csv", copy)
    assert run_check([copy]).run_digest() == run_check([DATA / "tongcheng.csv"]).run_digest()


@pytest.mark.parametrize(
    ("change", "options"),
    [
        ("a figure", {}),
        ("the targets", {}),
        ("none", {"city": True}),
        ("none", {"year": 2016}),
        ("none", {"sheet": "Sheet1"}),
    ],
)
def test_what_changes_the_verdict_changes_the_run(
    tmp_path: Path, change: str, options: dict[str, object]
) -> None:
    county, targets = tmp_path / "tongcheng.csv", tmp_path / "targets.yaml"
    shutil.copy(DATA / "tongcheng.csv", county)
    shutil.copy(TARGETS_2017, targets)
    before = run_check([county], targets).run_digest()
    if change == "a figure":
        county.write_text(county.read_text("utf-8").replace("19600", "19601"), "utf-8")
    if change == "the targets":
        targets.write_text(targets.read_text("utf-8") + "\n# edited\n", "utf-8")
    after = run_check([county], targets, **options).run_digest()  # type: ignore[arg-type]
    assert after != before


def test_the_counties_judged_are_part_of_the_run() -> None:
    assert run_check([DATA], counties=["通城县"]).run_digest() != run_check([DATA]).run_digest()


def test_strict_is_another_run() -> None:
    report = run_check([DATA / "chibi.csv"])
    assert report.run_digest(strict=True) != report.run_digest(strict=False)
