"""Reporting units beside the counties (`units:` in a targets file): the city-run schools and
development zones submit, count in the city totals and are judged where the file says, and
one that sent nothing is listed as not submitted."""

from __future__ import annotations

from pathlib import Path

import pytest

from planctl.check import run_check
from planctl.domain.terms import UnitKind
from planctl.judge.report import Report, Status
from planctl.render.common import result_of
from planctl.render.scale import county_lines, tallies
from tests.conftest import DATA, TARGETS_2017, sample_report

pytestmark = pytest.mark.usefixtures("at_root")


def city_result(report: Report, target_id: str) -> tuple[float | None, float | None]:
    (result,) = [r for r in report.city or [] if r.target.id == target_id]
    return result.numerator, result.denominator


def test_the_city_run_schools_are_a_unit_of_their_own_in_the_2017_file() -> None:
    report = run_check([DATA])
    unit = report.counties[-1].county
    assert (unit.name, unit.kind) == ("市直学校", UnitKind.CITY_RUN)
    # 市实验外校 is the city-run schools' IT pilot, not 咸安区's: a quota of one each.
    pilot = report.targets.find_target("provincial_it_pilot_schools")
    assert pilot is not None and pilot.quotas == {"市直学校": 1, "咸安区": 1, "通城县": 1}
    # Its figures add to the city totals: 14 of its schools among the city's 1,039.
    assert city_result(report, "school_broadband_coverage") == (1_033, 1_039)


def test_a_unit_not_judged_adds_to_the_city_but_is_never_failed() -> None:
    report = sample_report("units")
    zone = next(c for c in report.counties if c.county.name == "咸宁高新区")
    target = report.targets.find_target("school_broadband_coverage")
    assert target is not None
    broadband = result_of(report.results_of(zone), target)
    assert broadband is not None
    # 90% against a line of 100% that binds every county: counted, not judged.
    assert (broadband.value, broadband.status) == (90, Status.CITY_TOTAL)
    assert {r.target.id for r in report.results_of(zone)} == {
        "school_broadband_coverage",
        "poor_student_aid_coverage",
    }
    # The city's 1,019 of 1,025 schools without the zone, 1,028 of 1,035 with it.
    assert city_result(report, "school_broadband_coverage") == (1_028, 1_035)


def test_a_unit_outside_the_city_totals_that_sent_nothing_is_not_submitted() -> None:
    report = sample_report("units")
    assert [c.name for c in report.not_submitted] == ["温泉开发区"]
    assert report.exit_code() == 1
    # Kept out of the city totals (its figures are in 咸安区's), so no total lacks it.
    assert all(not r.lacking for r in report.city or [])


def test_a_unit_outside_the_city_totals_adds_nothing_to_them(tmp_path: Path) -> None:
    wenquan = tmp_path / "wenquan.csv"
    wenquan.write_text(
        "county,indicator,value,numerator,denominator\n"
        "温泉开发区,school_broadband_coverage,50,5,10\n",
        encoding="utf-8",
    )
    folder = Path("tests/fixtures/units/submissions")
    report = run_check(
        [*sorted(folder.glob("*.csv")), wenquan], Path("tests/fixtures/units/targets.yaml")
    )
    assert report.not_submitted == []
    assert city_result(report, "school_broadband_coverage") == (1_028, 1_035)
    # Judged on its own (judged: true): 50% fails the line every county is held to.
    unit = next(c for c in report.counties if c.county.name == "温泉开发区")
    (result,) = report.results_of(unit)
    assert result.status is Status.NOT_MET
    # The summary a national report gives names it with its kind, as every view does.
    (broadband,) = [t for t in tallies(report) if t.target.id == "school_broadband_coverage"]
    assert "温泉开发区 (development zone) (-50 pts)" in " ".join(county_lines(broadband))


def test_without_the_city_run_schools_file_the_city_view_lists_them_missing() -> None:
    counties = [p for p in sorted(DATA.glob("*.csv")) if p.name != "shizhi.csv"]
    report = run_check(counties, TARGETS_2017)
    assert [c.name for c in report.not_submitted] == ["市直学校"]
    # The pilot total lacks their figure: incomplete, not quietly short.
    pilot = next(r for r in report.city or [] if r.target.id == "provincial_it_pilot_schools")
    assert (pilot.status, pilot.lacking) == (Status.INCOMPLETE, ("市直学校",))
