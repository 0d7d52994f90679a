"""The JUnit report, read back by junitparser and validated against Jenkins' junit-10.xsd."""

from __future__ import annotations

from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml, Skipped, TestSuite
from lxml import etree

from planctl.judge.report import Report
from planctl.render import Format, renderer_for
from planctl.render.options import RenderOptions
from tests.conftest import SAMPLE_CASES, hostile_report, sample_report

pytestmark = pytest.mark.usefixtures("at_root")
XSD = Path(__file__).resolve().parents[1] / "junit" / "junit-10.xsd"


def render(report: Report, strict: bool = False) -> str:
    return renderer_for(Format.JUNIT)(report, RenderOptions(strict=strict))


def load(report: Report, tmp_path: Path, strict: bool = False) -> JUnitXml:
    path = tmp_path / "compliance.xml"
    path.write_bytes(render(report, strict).encode("utf-8"))
    xml = JUnitXml.fromfile(str(path))
    assert isinstance(xml, JUnitXml)
    return xml


def suites(xml: JUnitXml) -> dict[str, TestSuite]:
    return {suite.name: suite for suite in xml}


def outcome(suite: TestSuite, name_zh: str) -> tuple[str, str]:
    """(kind, message) of the testcase of a target: passed, failure or skipped."""
    case = next(case for case in suite if case.name.startswith(name_zh + " "))
    for result in case.result:
        if isinstance(result, Failure):
            return "failure", result.message or ""
        if isinstance(result, Skipped):
            return "skipped", result.message or ""
    return "passed", ""


@pytest.mark.parametrize("case", SAMPLE_CASES)
@pytest.mark.parametrize("strict", [False, True])
def test_valid_against_junit_10_xsd(case: str, strict: bool) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(render(sample_report(case), strict).encode("utf-8"))
    schema.assertValid(document)


def test_a_suite_per_county_and_the_city_a_case_per_target(tmp_path: Path) -> None:
    xml = load(sample_report("city"), tmp_path)
    by_name = suites(xml)
    assert list(by_name) == [
        "咸安区 Xian'an District",
        "嘉鱼县 Jiayu County",
        "通城县 Tongcheng County",
        "崇阳县 Chongyang County",
        "通山县 Tongshan County",
        "赤壁市 Chibi City",
        "市直学校 City-run schools (city-run)",
        "咸宁市 Xianning City (city total)",
    ]
    # Each county has a case per target it has a part in: the IT pilots' contributors are
    # the city-run schools, 咸安区 and 通城县, the city-area schools' 咸安区 alone; the
    # city-run schools report three targets.
    assert [suite.tests for suite in xml] == [13, 10, 11, 10, 10, 10, 3, 13]
    # The city's suite says which units its totals add.
    root = etree.fromstring(render(sample_report("city")).encode("utf-8"))
    properties = root[-1].find("properties")
    assert properties is not None
    city = {p.get("name"): p.get("value") for p in properties}
    assert city["planctl.city_total"] == (
        "city totals add the 6 county-level units and 市直学校 (city-run) on the 3 target(s) "
        "it reports"
    )
    tongcheng = by_name["通城县 Tongcheng County"]
    # 2 warnings, 2 shares of city totals and 3 rates shown against the city's line are
    # skipped; its quota of the IT pilots is judged.
    assert (tongcheng.failures, tongcheng.skipped, tongcheng.errors) == (2, 2 + 2 + 3, 0)
    assert tongcheng._elem.get("file") == "data/tongcheng.csv"
    assert sum(suite.failures for suite in xml) == 9


def test_a_failure_states_value_target_and_clause(tmp_path: Path) -> None:
    by_name = suites(load(sample_report("city"), tmp_path))
    assert outcome(by_name["通城县 Tongcheng County"], "宽带网络校校通") == (
        "failure",
        "NOT MET: 98.54% (203 / 206) against ≥ 100%, gap -1.46 pts; clause 7; 203 of 206: "
        "3 more schools connected to broadband would meet ≥ 100%",
    )
    assert outcome(by_name["咸宁市 Xianning City (city total)"], "学前三年毛入园率") == (
        "failure",
        "NOT MET: 86.94% (106,070 / 122,000) against ≥ 87%, gap -0.06 pts; clause 11; "
        "106,070 of 122,000: 70 more children enrolled in kindergartens would meet ≥ 87%",
    )


def test_a_county_below_the_city_line_is_skipped_with_the_children_short(
    tmp_path: Path,
) -> None:
    by_name = suites(load(sample_report("city"), tmp_path))
    assert outcome(by_name["通城县 Tongcheng County"], "学前三年毛入园率") == (
        "skipped",
        "below the city target: 82.01% (19,600 / 23,900) against ≥ 87% (city target), gap "
        "-4.99 pts; not held to it: judged on the city total, clause 11; 19,600 of 23,900: "
        "1,193 more children enrolled in kindergartens would meet ≥ 87% (city target)",
    )
    assert outcome(by_name["嘉鱼县 Jiayu County"], "学前三年毛入园率") == (
        "skipped",
        "meets the city target: 93.02% (11,720 / 12,600) against ≥ 87% (city target), gap "
        "+6.02 pts; not held to it: judged on the city total, clause 11",
    )


def test_warnings_are_skipped_unless_strict(tmp_path: Path) -> None:
    city = suites(load(sample_report("city"), tmp_path))["咸宁市 Xianning City (city total)"]
    assert outcome(city, "达到省级和市级示范幼儿园标准的幼儿园") == (
        "skipped",
        "warning: 32 against ≥ 33, gap -1; an aspirational target, clause 11",
    )
    strict = suites(load(sample_report("city"), tmp_path, strict=True))
    kind, message = outcome(
        strict["咸宁市 Xianning City (city total)"], "达到省级和市级示范幼儿园标准的幼儿园"
    )
    assert (kind, message) == ("failure", "warning: 32 against ≥ 33, gap -1; clause 11")


def test_a_share_of_a_city_total_is_skipped(tmp_path: Path) -> None:
    xianan = suites(load(sample_report("city"), tmp_path))["咸安区 Xian'an District"]
    assert outcome(xianan, "达到省级和市级示范幼儿园标准的幼儿园") == (
        "skipped",
        "contributes 9; judged on the city total, clause 11",
    )
    # A county holding a quota of a city total is judged on it.
    assert outcome(xianan, "完成省级试点建设任务的学校") == ("passed", "")


def test_missing_submissions_and_incomplete_totals_fail(tmp_path: Path) -> None:
    by_name = suites(load(sample_report("city-incomplete"), tmp_path))
    jiayu = by_name["嘉鱼县 Jiayu County"]
    assert jiayu.tests == 1 and jiayu.failures == 1
    case = next(iter(jiayu))
    assert case.name == "submitted figures"
    assert case.result[0].message == "嘉鱼县: submitted no figures"
    kind, message = outcome(
        by_name["咸宁市 Xianning City (city total)"], "完成省级试点建设任务的学校"
    )
    assert kind == "failure"
    # The city-run schools sent nothing either, and their figure is lacking too.
    assert message == "INCOMPLETE: 1 without the figures of 市直学校、通城县 against ≥ 3; clause 7"


def test_the_plan_sentence_travels_with_each_case(tmp_path: Path) -> None:
    tongcheng = suites(load(sample_report("tongcheng"), tmp_path))["通城县 Tongcheng County"]
    case = next(iter(tongcheng))
    assert case.system_out == (
        "clause 11, 学前三年毛入园率 (preschool_gross_enrolment_rate), due 2017:\n"
        "全市2017年学前三年毛入园率达到87%以上。"
    )


def test_hostile_inputs_stay_text_in_valid_xml(tmp_path: Path) -> None:
    text = render(hostile_report())
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    schema.assertValid(etree.fromstring(text.encode("utf-8")))
    by_name = suites(load(hostile_report(), tmp_path))
    assert "<script>alert(1)</script> <script>alert(1)</script>" in by_name
    cases = list(by_name["A|B *x* [l](http://e.invalid) A|B *x* [l](http://e.invalid)"])
    assert cases[0].system_out.endswith("note: two\nlines | and a pipe")


def test_control_characters_cannot_break_the_xml(tmp_path: Path) -> None:
    submission = tmp_path / "bell.csv"
    submission.write_text(
        "county,indicator,value,numerator,denominator,note\n"
        "Bell\x07County,enrolment_rate,90,900,1000,esc \x1b[31m\n",
        encoding="utf-8",
    )
    from planctl.check import run_check
    from tests.conftest import HOSTILE_TARGETS

    text = render(run_check([submission], Path(HOSTILE_TARGETS)))
    etree.fromstring(text.encode("utf-8"))
    assert "Bell\\x07County" in text and "esc \\x1b[31m" in text


def test_no_case_says_contributes_nothing(tmp_path: Path) -> None:
    for case in ("city", "city-incomplete"):
        assert "contributes -" not in render(sample_report(case))


@pytest.mark.parametrize("strict", [False, True])
def test_the_status_reads_once(strict: bool) -> None:
    """junit-viewer shows a result's type before its message: the message alone says it."""
    document = etree.fromstring(render(sample_report("city"), strict).encode("utf-8"))
    results = document.findall(".//failure") + document.findall(".//skipped")
    assert results
    assert all(result.get("type") is None for result in results)
    assert any(result.get("message", "").startswith("warning: ") for result in results)
