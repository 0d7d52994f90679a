"""Judging figures: met, not met, warnings, missing, and the city-level targets."""

from __future__ import annotations

from pathlib import Path

from planctl.evaluate import Status, Verdict, evaluate, judge
from planctl.submissions import Observation, Submission, read_submissions
from planctl.targets import TargetSet
from tests.conftest import DATA


def observe(target_id: str, value: float, county: str = "咸安区") -> Observation:
    return Observation(county, target_id, value, None, None, None, "", "x.csv", 2)


def status_of(targets: TargetSet, target_id: str, value: float) -> Status:
    target = targets.find_target(target_id)
    assert target is not None
    return judge(target, observe(target_id, value)).status


def test_binding_met_exactly_at_the_threshold(targets: TargetSet) -> None:
    assert status_of(targets, "preschool_gross_enrolment_rate", 87) is Status.MET
    assert status_of(targets, "preschool_gross_enrolment_rate", 86.99) is Status.NOT_MET


def test_computed_percentages_do_not_fall_short_by_float_noise(targets: TargetSet) -> None:
    # 57/100 * 100 is 56.99999999999999 in floating point.
    target = targets.find_target("preschool_gross_enrolment_rate")
    assert target is not None
    moved = target.model_copy(update={"threshold": 57})
    assert judge(moved, observe(moved.id, 57 / 100 * 100)).status is Status.MET


def test_aspirational_unmet_is_a_warning(targets: TargetSet) -> None:
    assert status_of(targets, "unlicensed_kindergartens", 0) is Status.MET
    assert status_of(targets, "unlicensed_kindergartens", 2) is Status.WARNING


def test_city_level_targets_are_not_judged_per_county(targets: TargetSet) -> None:
    assert status_of(targets, "model_kindergartens", 1) is Status.CITY_TOTAL


def test_gap_is_value_minus_threshold(targets: TargetSet) -> None:
    target = targets.find_target("special_education_enrolment_rate")
    assert target is not None
    result = judge(target, observe(target.id, 88.78))
    assert result.gap is not None and round(result.gap, 2) == -1.22


def test_missing_county_target_fails(targets: TargetSet) -> None:
    target = targets.find_target("special_education_enrolment_rate")
    assert target is not None
    assert judge(target, None).status is Status.MISSING
    assert Status.MISSING.fails


def test_sample_counties(targets: TargetSet) -> None:
    files = sorted(DATA.glob("*.csv"))
    report = evaluate(targets, read_submissions(files, targets))
    by_county = {c.county.name: {r.target.id: r.status for r in c.results} for c in report.counties}
    assert list(by_county) == ["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市"]
    assert not any(s.fails for s in by_county["咸安区"].values())
    assert by_county["赤壁市"]["preschool_gross_enrolment_rate"] is Status.MET  # exactly 87.0
    assert by_county["赤壁市"]["unlicensed_kindergartens"] is Status.WARNING
    assert by_county["通城县"]["preschool_gross_enrolment_rate"] is Status.NOT_MET
    assert by_county["崇阳县"]["special_education_enrolment_rate"] is Status.NOT_MET
    assert by_county["嘉鱼县"]["provincial_it_pilot_schools"] is Status.CITY_TOTAL
    assert report.verdict() is Verdict.FAIL


def test_one_county_verdicts(targets: TargetSet) -> None:
    def verdict(name: str) -> Verdict:
        return evaluate(targets, read_submissions([DATA / name], targets)).verdict()

    assert verdict("xianan.csv") is Verdict.PASS
    assert verdict("chibi.csv") is Verdict.WARN
    assert verdict("tongcheng.csv") is Verdict.FAIL


def test_an_omitted_county_level_target_is_missing_and_fails(targets: TargetSet) -> None:
    submission = Submission(
        Path("x.csv"), "x.csv", "utf-8", "0", [observe("model_kindergartens", 9)], []
    )
    (county,) = evaluate(targets, [submission]).counties
    statuses = {result.target.id: result.status for result in county.results}
    assert statuses["preschool_gross_enrolment_rate"] is Status.MISSING
    assert statuses["model_kindergartens"] is Status.CITY_TOTAL
    assert statuses["city_area_new_kindergartens"] is Status.CITY_TOTAL
    assert county.count(Status.MISSING) == 8
