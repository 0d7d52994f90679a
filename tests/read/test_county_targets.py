"""A bureau's own line per county (目标分解): from --county-targets or the targets file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.check import run_check
from planctl.cli.app import app
from planctl.judge.report import Report, Status, TargetResult
from planctl.read.county_targets import CountyTargetsError, apply_county_targets
from planctl.targets.models import TargetSet
from tests.conftest import DATA, FIXTURES, TARGETS_2017

LINES = FIXTURES / "county_targets"


def gross(report: Report, county: str) -> TargetResult:
    found = next(c for c in report.counties if c.county.name == county)
    return next(
        r for r in report.results_of(found) if r.target.id == "preschool_gross_enrolment_rate"
    )


def test_a_county_with_its_own_line_is_judged_on_it() -> None:
    report = run_check([DATA], county_targets=LINES / "chongyang.csv")
    chongyang = gross(report, "崇阳县")
    # 83.71% against the bureau's 83%: met, where against the city's 87% it is below.
    assert (chongyang.status, chongyang.goal.threshold, chongyang.county_line) == (
        Status.MET,
        83,
        True,
    )
    # The others are still shown against the city's line, and the city judged on its own.
    assert gross(report, "通城县").status is Status.BELOW_CITY_TARGET
    assert report.city is not None and report.city[0].status is Status.NOT_MET


def test_the_command_line_shows_the_county_target(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["check", str(DATA / "chongyang.csv"), "--county-targets", str(LINES / "chongyang.csv")],
        env={"COLUMNS": "120", "NO_COLOR": "1"},
    )
    assert result.stderr == ""
    assert "≥ 83% (county target)" in result.stdout
    # Met on its own line: nothing about it needs attention.
    attention = result.stdout.split("What needs attention")[-1].split("Where each target")[0]
    assert "preschool_gross_enrolment_rate" not in attention


def test_an_aspirational_line_warns_and_a_missed_binding_one_fails(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    path.write_text(
        "县市区,指标,目标值,约束性\n通城县,毛入园率,84,预期性\n崇阳县,毛入园率,85,\n",
        encoding="utf-8",
    )
    report = run_check([DATA], county_targets=path)
    assert gross(report, "通城县").status is Status.WARNING
    assert gross(report, "崇阳县").status is Status.NOT_MET
    assert gross(report, "崇阳县").people == 315  # 85% of 24,500 is 20,825


def test_yaml_and_a_workbook_read_alike(tmp_path: Path, targets: TargetSet) -> None:
    from openpyxl import Workbook

    yaml_file = tmp_path / "lines.yaml"
    yaml_file.write_text(
        "- {county: 崇阳, indicator: 学前三年毛入园率, threshold: 83}\n", encoding="utf-8"
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["county", "indicator", "threshold"])
    sheet.append(["崇阳县", "preschool_gross_enrolment_rate", "83%"])
    workbook = tmp_path / "lines.xlsx"
    book.save(workbook)
    for path in (yaml_file, workbook, LINES / "chongyang.csv"):
        applied = apply_county_targets(targets, path)
        target = applied.find_target("preschool_gross_enrolment_rate")
        assert target is not None and target.county_targets["崇阳县"].threshold == 83, path


def test_every_problem_is_named_by_its_line(tmp_path: Path, targets: TargetSet) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "county,indicator,threshold,strength\n"
        "崇阳县,gross enrolment rat,88,\n"
        "赤壁县,学前三年毛入园率,83,\n"
        "通城县,毛入园率,0.83,\n"
        "通城县,毛入园率,250,\n"
        "嘉鱼县,毛入园率,80,maybe\n"
        "通山县,毛入园率,80,\n"
        "通山,毛入园率,81,\n",
        encoding="utf-8",
    )
    with pytest.raises(CountyTargetsError) as caught:
        apply_county_targets(targets, path)
    shown = [str(problem) for problem in caught.value.problems]
    assert [problem.line for problem in caught.value.problems] == [2, 3, 4, 5, 6, 8]
    assert "did you mean 'gross enrolment rate'?" in shown[0]
    assert "did you mean '赤壁市'?" in shown[1]
    assert "0.83" in shown[2] and "83%" in shown[2]  # the fraction rule, as in a submission
    assert "outside the valid range" in shown[3]
    assert "'maybe' is no strength" in shown[4]
    assert "通山县 has a line for preschool_gross_enrolment_rate already, at line 7" in shown[5]


def test_a_file_without_the_columns_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    path.write_text("county,value\n崇阳县,83\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(DATA), "--county-targets", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"{path}:1: missing column(s) indicator, threshold: a county-targets file has the "
        "columns county, indicator, threshold and, optionally, strength\n"
    )


def test_the_targets_file_can_give_county_lines(tmp_path: Path) -> None:
    text = TARGETS_2017.read_text(encoding="utf-8")
    text = text.replace(
        "    numerator: {key: children_enrolled",
        "    county_targets:\n"
        "      崇阳县: {threshold: 83}\n"
        "      通城县: {threshold: 84, strength: aspirational}\n"
        "    numerator: {key: children_enrolled",
        1,
    )
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    report = run_check([DATA], path)
    assert gross(report, "崇阳县").status is Status.MET
    assert gross(report, "通城县").status is Status.WARNING
    unknown = text.replace("崇阳县: {threshold: 83}", "崇阳: {threshold: 83}")
    path.write_text(unknown, encoding="utf-8")
    with pytest.raises(Exception, match="崇阳"):
        run_check([DATA], path)


def test_county_lines_that_pool_short_of_the_city_target_warn(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    lines = {"咸安区": 86, "嘉鱼县": 90, "通城县": 83, "崇阳县": 83, "通山县": 90, "赤壁市": 87}
    path.write_text(
        "county,indicator,threshold\n"
        + "".join(f"{county},毛入园率,{line}\n" for county, line in lines.items()),
        encoding="utf-8",
    )
    report = run_check([DATA], county_targets=path)
    # Weighted by the 2017 denominators: 85.84%, short of 87%.
    (warning,) = [w for w in report.warnings if w.field == "county_targets"]
    assert str(warning) == (
        f"{path}: warning: county_targets: the county targets of preschool_gross_enrolment_rate "
        "pool to 85.84% with the counties' 2017 denominators, short of the city target ≥ 87: "
        "every county meeting its line would still leave the city short"
    )
    # Lines that pool to the city's line say nothing.
    path.write_text(path.read_text(encoding="utf-8").replace("83\n", "88\n"), encoding="utf-8")
    report = run_check([DATA], county_targets=path)
    assert not [w for w in report.warnings if w.field == "county_targets"]
