"""planctl reconcile: the county whose submission differs, and the kindergartens behind it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.conftest import DATA
from tests.records.conftest import SAMPLE, run


def test_reconcile_names_the_county_that_differs_and_exits_1(runner: CliRunner) -> None:
    code, stdout, stderr = run(
        runner, "reconcile", str(DATA), "--records", str(SAMPLE), "-f", "json"
    )
    assert (code, stderr) == (1, "")
    data = json.loads(stdout)
    differing = [line for line in data["lines"] if line["status"] == "differs"]
    assert [(d["county"], d["target"], d["part"]) for d in differing] == [
        ("嘉鱼县", "inclusive_kindergarten_coverage", "numerator"),
        ("嘉鱼县", "inclusive_kindergarten_coverage", "value"),
    ]
    assert differing[0]["submitted"] - differing[0]["computed"] == 140
    assert differing[0]["where"] == f"{DATA}/jiayu.csv:4"
    jiayu = next(
        b
        for b in data["behind"]
        if (b["county"], b["target"]) == ("嘉鱼县", "inclusive_kindergarten_coverage")
    )
    names = [record["label"][1] for record in jiayu["records"]]
    assert "嘉鱼县小星星幼儿园" in names
    counted = [record["counted"] for record in jiayu["records"]]
    assert counted == sorted(counted, reverse=True)
    assert jiayu["total_not_counted"] == 11720 - 9870


def test_reconcile_agrees_exits_0_when_the_submissions_are_the_computed_figures(
    runner: CliRunner, tmp_path: pytest.TempPathFactory
) -> None:
    computed = tmp_path / "computed.csv"  # type: ignore[operator]
    assert run(runner, "compute", str(SAMPLE), "-o", str(computed))[0] == 0
    code, stdout, _ = run(runner, "reconcile", str(computed), "--records", str(SAMPLE), "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout.lstrip("\ufeff"))))
    assert {row["status"] for row in rows} == {"agree"}


@pytest.mark.parametrize("format_", ["table", "markdown"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_reconcile_speaks_each_format_and_language(
    runner: CliRunner, format_: str, language: str
) -> None:
    code, stdout, _ = run(
        runner, "reconcile", "--lang", language, str(DATA), "--records", str(SAMPLE), "-f", format_
    )
    assert code == 1
    assert "嘉鱼县小星星幼儿园" in stdout
    summary = (
        "64 agree, 2 differ, 0 on one side only"
        if language == "en"
        else "64 项一致，2 项不一致，0 项仅一方有"
    )
    assert summary in stdout


def test_reconcile_without_records_is_a_usage_error(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "reconcile", str(DATA))
    assert (code, stdout) == (2, "")
    assert "give the record tables with --records" in stderr
