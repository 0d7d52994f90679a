"""Judging figures: met, not met, warnings, missing, quotas, and the two views."""

from __future__ import annotations

import dataclasses

import pytest

from planctl.check import run_check
from planctl.domain.problems import PlanctlError
from planctl.gather.dataset import Dataset
from planctl.judge.evaluate import choose_view, evaluate, select_counties
from planctl.judge.query import judge
from planctl.judge.report import Status, Verdict, View
from planctl.read.submissions import Observation
from planctl.targets.models import TargetSet
from tests.conftest import DATA


def observe(target_id: str, value: float, county: str = "咸安区") -> Observation:
    return Observation(county, target_id, value, None, None, None, "", "x.csv", 2)


def status_of(targets: TargetSet, target_id: str, value: float, county: str = "嘉鱼县") -> Status:
    target = targets.find_target(target_id)
    assert target is not None
    return judge(target, county, observe(target_id, value, county), [], 2017).status


def dataset(*observations: Observation, year: int = 2017) -> Dataset:
    figures: dict[str, dict[int, dict[str, Observation]]] = {}
    for o in observations:
        figures.setdefault(o.county, {}).setdefault(o.year or year, {})[o.target_id] = o
    return Dataset(year, figures)


def test_binding_met_exactly_at_the_threshold(targets: TargetSet) -> None:
    assert status_of(targets, "school_broadband_coverage", 100) is Status.MET
    assert status_of(targets, "school_broadband_coverage", 99.99) is Status.NOT_MET


def test_a_county_rate_against_a_city_line_is_a_diagnostic(targets: TargetSet) -> None:
    # 全市…87%: the city is judged; a county's rate is shown against the city's line.
    assert status_of(targets, "preschool_gross_enrolment_rate", 87) is Status.MEETS_CITY_TARGET
    below = status_of(targets, "preschool_gross_enrolment_rate", 86.99)
    assert below is Status.BELOW_CITY_TARGET and not below.fails
    assert not Status.MEETS_CITY_TARGET.fails


def test_a_county_below_the_city_line_is_told_the_children_short(targets: TargetSet) -> None:
    target = targets.find_target("preschool_gross_enrolment_rate")
    assert target is not None
    seen = Observation("通城县", target.id, 82.01, 19600, 23900, None, "", "x.csv", 2)
    result = judge(target, "通城县", seen, [], 2017)
    # 87% of 23,900 is 20,793: 1,193 more children enrolled.
    assert (result.status, result.people) == (Status.BELOW_CITY_TARGET, 1193)
    assert judge(target, "通城县", None, [], 2017).status is Status.CITY_TOTAL


def test_computed_percentages_do_not_fall_short_by_float_noise(targets: TargetSet) -> None:
    # 57/100 * 100 is 56.99999999999999 in floating point.
    target = targets.find_target("school_broadband_coverage")
    assert target is not None
    moved = dataclasses.replace(target, threshold=57.0)
    assert judge(moved, "咸安区", observe(moved.id, 57 / 100 * 100), [], 2017).status is Status.MET


def test_aspirational_unmet_is_a_warning(targets: TargetSet) -> None:
    assert status_of(targets, "unlicensed_kindergartens", 0) is Status.MET
    assert status_of(targets, "unlicensed_kindergartens", 2) is Status.WARNING


def test_city_level_targets_show_a_contribution(targets: TargetSet) -> None:
    assert status_of(targets, "model_kindergartens", 1) is Status.CITY_TOTAL


def test_a_county_with_a_quota_is_judged_on_it(targets: TargetSet) -> None:
    target = targets.find_target("city_area_new_kindergartens")
    assert target is not None
    met = judge(target, "咸安区", observe(target.id, 2), [], 2017)
    short = judge(target, "咸安区", observe(target.id, 1), [], 2017)
    absent = judge(target, "咸安区", None, [], 2017)
    assert (met.status, met.quota, met.goal.threshold) == (Status.MET, True, 2)
    assert (short.status, short.gap) == (Status.NOT_MET, -1)
    assert absent.status is Status.MISSING
    assert judge(target, "嘉鱼县", None, [], 2017).status is Status.CITY_TOTAL


def test_gap_is_value_minus_threshold(targets: TargetSet) -> None:
    target = targets.find_target("special_education_enrolment_rate")
    assert target is not None
    result = judge(target, "崇阳县", observe(target.id, 88.78), [], 2017)
    assert result.gap is not None and round(result.gap, 2) == -1.22


def test_missing_county_target_fails(targets: TargetSet) -> None:
    target = targets.find_target("school_improvement_completion")
    assert target is not None
    assert judge(target, "咸安区", None, [], 2017).status is Status.MISSING
    assert Status.MISSING.fails


def test_an_omitted_county_level_target_is_missing_and_fails(targets: TargetSet) -> None:
    data = dataset(observe("model_kindergartens", 9, "嘉鱼县"))
    report = evaluate(targets, data)
    (county,) = report.counties
    statuses = {result.target.id: result.status for result in report.results_of(county)}
    assert statuses["school_broadband_coverage"] is Status.MISSING
    assert statuses["model_kindergartens"] is Status.CITY_TOTAL
    # A city-level rate not reported is a share the city's total will lack, not missing here.
    assert statuses["preschool_gross_enrolment_rate"] is Status.CITY_TOTAL
    # 嘉鱼县 is not among the contributors of the city-area schools: no result there.
    assert "city_area_new_kindergartens" not in statuses
    assert county.count(Status.MISSING) == 4


def test_a_county_outside_a_targets_contributors_has_no_result_on_it(targets: TargetSet) -> None:
    report = run_check([DATA])
    tongshan = next(c for c in report.counties if c.county.name == "通山县")
    ids = [result.target.id for result in report.results_of(tongshan)]
    apart = {"provincial_it_pilot_schools", "city_area_new_primary_schools"}
    apart.add("city_area_new_kindergartens")
    assert apart.isdisjoint(ids)
    assert tongshan.apart == apart
    assert len(tongshan.brief) == len(ids) == len(targets.targets) - 3
    assert [status for status, _ in tongshan.brief] == [
        r.status for r in report.results_of(tongshan)
    ]
    # The city's results are the same: every target, judged on its contributors.
    assert report.city is not None and len(report.city) == len(targets.targets)


def test_a_figure_from_outside_the_contributors_is_still_shown(targets: TargetSet) -> None:
    # It adds to the city total (rollup counts it), so it is not left out of the county's view.
    data = dataset(observe("city_area_new_kindergartens", 1, "嘉鱼县"))
    report = evaluate(targets, data)
    (county,) = report.counties
    shown = {r.target.id: r for r in report.results_of(county)}
    assert shown["city_area_new_kindergartens"].status is Status.CITY_TOTAL
    assert shown["city_area_new_kindergartens"].value == 1
    assert "provincial_it_pilot_schools" not in shown


def test_sample_counties_in_the_city_view(targets: TargetSet) -> None:
    report = run_check([DATA])
    assert report.view is View.CITY and report.city is not None
    by_county = {
        c.county.name: {r.target.id: r.status for r in report.results_of(c)}
        for c in report.counties
    }
    assert list(by_county) == [
        "咸安区",
        "嘉鱼县",
        "通城县",
        "崇阳县",
        "通山县",
        "赤壁市",
        "市直学校",
    ]
    # The city-run schools are judged on the three targets they report, and on nothing else.
    assert by_county["市直学校"] == {
        "school_broadband_coverage": Status.MET,
        "provincial_it_pilot_schools": Status.MET,
        "poor_student_aid_coverage": Status.MET,
    }
    assert not any(s.fails for s in by_county["咸安区"].values())
    # exactly 87.0: at the city's line
    assert by_county["赤壁市"]["preschool_gross_enrolment_rate"] is Status.MEETS_CITY_TARGET
    assert by_county["赤壁市"]["unlicensed_kindergartens"] is Status.WARNING
    assert by_county["通城县"]["preschool_gross_enrolment_rate"] is Status.BELOW_CITY_TARGET
    assert by_county["崇阳县"]["special_education_enrolment_rate"] is Status.BELOW_CITY_TARGET
    assert by_county["通城县"]["school_broadband_coverage"] is Status.NOT_MET
    assert by_county["通城县"]["provincial_it_pilot_schools"] is Status.MET  # its quota of 1
    # 嘉鱼县 has no part in the IT pilots (their contributors are 咸安区 and 通城县).
    assert "provincial_it_pilot_schools" not in by_county["嘉鱼县"]
    assert by_county["嘉鱼县"]["model_kindergartens"] is Status.CITY_TOTAL
    city = {r.target.id: r for r in report.city}
    assert city["model_kindergartens"].status is Status.WARNING
    assert city["model_kindergartens"].value == 32
    assert city["vocational_quality_projects"].status is Status.MET
    assert city["special_education_enrolment_rate"].status is Status.MET
    assert report.verdict() is Verdict.FAIL


def test_the_mean_of_county_rates_passes_but_the_pooled_rate_fails() -> None:
    report = run_check([DATA])
    assert report.city is not None
    gross = next(r for r in report.city if r.target.id == "preschool_gross_enrolment_rate")
    rates = [
        r.value
        for county in report.counties
        for r in report.results_of(county)
        if r.target.id == gross.target.id and r.value is not None
    ]
    assert sum(rates) / len(rates) > 87
    assert gross.status is Status.NOT_MET
    assert (gross.numerator, gross.denominator) == (106_070, 122_000)
    assert gross.value == pytest.approx(106_070 * 100 / 122_000)


def test_one_county_verdicts() -> None:
    assert run_check([DATA / "xianan.csv"]).verdict() is Verdict.PASS
    assert run_check([DATA / "chibi.csv"]).verdict() is Verdict.WARN
    assert run_check([DATA / "tongcheng.csv"]).verdict() is Verdict.FAIL


class TestViews:
    def test_one_county_is_judged_alone(self) -> None:
        report = run_check([DATA / "xianan.csv"])
        assert report.view is View.COUNTY and report.city is None
        assert [c.county.name for c in report.counties] == ["咸安区"]

    def test_city_flag_judges_completeness_of_one_county(self) -> None:
        report = run_check([DATA / "xianan.csv"], city=True)
        assert report.view is View.CITY
        assert [c.name for c in report.not_submitted] == [
            "嘉鱼县",
            "通城县",
            "崇阳县",
            "通山县",
            "赤壁市",
            "市直学校",
        ]
        assert report.city is not None
        assert {r.status for r in report.city} == {Status.INCOMPLETE, Status.MET}
        assert report.verdict() is Verdict.FAIL

    def test_several_counties_make_the_city_view(self, targets: TargetSet) -> None:
        data = dataset(observe("x", 1, "咸安区"), observe("x", 1, "嘉鱼县"))
        assert choose_view(data, city=False, selected=[]) is View.CITY
        assert choose_view(data, city=False, selected=["咸安区"]) is View.COUNTY

    def test_county_option_restricts_and_accepts_short_forms(self) -> None:
        report = run_check([DATA], counties=["赤壁", "嘉鱼县"])
        assert report.view is View.COUNTY
        assert [c.county.name for c in report.counties] == ["嘉鱼县", "赤壁市"]

    def test_county_option_for_a_county_not_in_the_input(self, targets: TargetSet) -> None:
        with pytest.raises(PlanctlError) as caught:
            select_counties(targets, dataset(observe("x", 1, "咸安区")), ["通山"])
        (problem,) = caught.value.problems
        assert (
            str(problem) == "--county: '通山' has no figures in the input; expected one of '咸安区'"
        )


def test_basically_is_met_within_the_tolerance_and_warns_beyond_it(targets: TargetSet) -> None:
    target = targets.find_target("unlicensed_kindergartens")
    assert target is not None
    eased = dataclasses.replace(target, tolerance=1.0)
    # ≤ 0 with a tolerance of 1 for 基本消除: one left is basically met, two warn.
    found = [
        judge(eased, "崇阳县", observe(eased.id, n, "崇阳县"), [], 2017).status for n in (0, 1, 2)
    ]
    assert found == [Status.MET, Status.BASICALLY_MET, Status.WARNING]
    assert not Status.BASICALLY_MET.fails
    # Without a tolerance (the 2017 file: the plan gives 基本 no number) any shortfall warns.
    assert judge(target, "崇阳县", observe(target.id, 1, "崇阳县"), [], 2017).status is (
        Status.WARNING
    )
