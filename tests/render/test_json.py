"""The JSON report: valid against the schema the package ships, equal to the library's."""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import to_json
from typer.testing import CliRunner

from planctl.check import run_check
from planctl.cli.app import app
from planctl.domain.goal import Goal
from planctl.domain.terms import Comparator
from planctl.judge.report import CountyResult, Report, Status, TargetResult
from planctl.judge.trends import Category, Pace, Progress, Trend
from planctl.render import Format, file_pieces, pieces_for, renderer_for
from planctl.render.json import (
    ProgressDocument,
    ReportDocument,
    _county,
    _progress,
    _Results,
    build_document,
)
from planctl.render.options import RenderOptions
from planctl.render.visible import json_visible
from planctl.schemas import SchemaName, committed_path, schema_text
from tests.conftest import (
    DATA,
    SAMPLE_CASES,
    TARGETS_2017,
    hostile_report,
    sample_report,
)

pytestmark = pytest.mark.usefixtures("at_root")
SHIPPED = committed_path(SchemaName.REPORT)


def as_json(report: Report, strict: bool = False) -> dict[str, Any]:
    loaded = json.loads(renderer_for(Format.JSON)(report, RenderOptions(strict=strict)))
    assert isinstance(loaded, dict)
    return loaded


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text(SchemaName.REPORT))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("case", SAMPLE_CASES)
@pytest.mark.parametrize("strict", [False, True])
def test_every_report_is_valid_against_the_schema(case: str, strict: bool) -> None:
    validator().validate(as_json(sample_report(case), strict))


def test_a_report_with_hostile_inputs_is_valid_and_keeps_them_verbatim() -> None:
    document = as_json(hostile_report())
    validator().validate(document)
    counties = document["counties"]
    assert isinstance(counties, list)
    assert [c["name"] for c in counties] == [
        "<script>alert(1)</script>",
        "A|B *x* [l](http://e.invalid)",
        "=1+2",
    ]
    notes = [r["source"]["note"] for r in counties[1]["results"]]
    assert notes == ["two\nlines | and a pipe", "@SUM(A1:A2)"]


def test_the_schema_rejects_what_it_should() -> None:
    document = as_json(sample_report("tongcheng"))
    document["counties"][0]["results"][0]["status"] = "almost"
    errors = list(validator().iter_errors(document))
    assert errors and "almost" in errors[0].message
    del document["exit_code"]
    assert any("exit_code" in e.message for e in validator().iter_errors(document))


def test_it_holds_what_every_other_view_needs() -> None:
    document = as_json(sample_report("city"))
    assert (document["schema_version"], document["view"], document["year"]) == (4, "city", 2017)
    assert (document["verdict"], document["exit_code"], document["failures"]) == ("fail", 1, 9)
    inputs = document["inputs"]
    assert inputs["targets"]["path"] == "targets/2017.yaml"
    assert [s["path"] for s in inputs["submissions"]][:2] == [
        "data/chibi.csv",
        "data/chongyang.csv",
    ]
    tongcheng = next(c for c in document["counties"] if c["name"] == "通城县")
    rate = tongcheng["results"][0]
    assert rate["target"] == "preschool_gross_enrolment_rate"
    # 全市…87%: the city is judged; the county's rate is a diagnostic against its line.
    assert (rate["status"], rate["fails"], rate["strength"], rate["level"]) == (
        "below_city_target",
        False,
        "binding",
        "city",
    )
    assert rate["people"] == 1193
    assert (rate["numerator"], rate["denominator"], rate["threshold"]) == (19600, 23900, 87)
    assert rate["comparator"] == ">=" and rate["unit"] == "percent" and not rate["quota"]
    assert rate["gap"] == pytest.approx(-4.99, abs=0.005)
    assert rate["provenance"] == {
        "clause": 11,
        "sentence": "全市2017年学前三年毛入园率达到87%以上。",
        "deadline": 2017,
    }
    assert rate["trend"]["points"] == [
        {"year": 2016, "value": 79.75, "source": None},
        {"year": 2017, "value": 82.01, "source": None},
    ]
    assert rate["trend"]["pace"]["achieved_per_year"] == pytest.approx(2.26)
    assert rate["source"] == {"path": "data/tongcheng.csv", "line": 8, "year": 2017, "note": ""}
    pilot = next(r for r in tongcheng["results"] if r["target"] == "provincial_it_pilot_schools")
    assert (pilot["quota"], pilot["threshold"], pilot["status"]) == (True, 1, "met")
    city = document["city"]
    assert city["name"] == "咸宁市"
    pooled = city["results"][0]
    assert (pooled["numerator"], pooled["denominator"]) == (106070, 122000)
    assert (pooled["status"], pooled["people"]) == ("not_met", 70)
    # The 2015 baseline is from outside the plan and the submissions, and says so.
    baseline, judged = pooled["trend"]["points"]
    assert (baseline["year"], baseline["value"]) == (2015, 84)
    assert baseline["source"].startswith("Xianning's 2015 city figure")
    assert judged["source"] is None


def test_the_city_lists_the_counties_its_totals_lack() -> None:
    document = as_json(sample_report("city-incomplete"))
    city = document["city"]["results"]
    assert city[0]["status"] == "incomplete"
    assert city[0]["lacking"] == ["嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市"]
    # The city-run schools sent nothing either: listed, not left out.
    assert [c["submitted"] for c in document["counties"]] == [True] + [False] * 6
    assert document["counties"][-1]["kind"] == "city_run"


def test_the_exit_code_follows_strict() -> None:
    chibi = run_check([Path("data/chibi.csv")], Path("targets/2017.yaml"))
    assert (as_json(chibi)["verdict"], as_json(chibi)["exit_code"]) == ("warn", 0)
    assert as_json(chibi, strict=True)["exit_code"] == 1
    assert as_json(chibi, strict=True)["strict"] is True


@pytest.mark.parametrize("args", [["data"], ["data/chibi.csv", "--strict"], ["data/xianan.csv"]])
def test_the_cli_prints_what_the_library_returns(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, ["check", "--targets", "targets/2017.yaml", "-f", "json", *args])
    strict = "--strict" in args
    paths = [Path(a) for a in args if not a.startswith("--")]
    report = run_check(paths, Path("targets/2017.yaml"))
    assert result.stdout == renderer_for(Format.JSON)(report, RenderOptions(strict=strict))
    assert json.loads(result.stdout)["exit_code"] == result.exit_code


def test_planctl_schema_report_prints_the_shipped_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "report"])
    assert result.exit_code == 0
    assert result.stdout == SHIPPED.read_text(encoding="utf-8")
    assert json.loads(result.stdout)["title"] == "ReportDocument"


def test_planctl_schema_lists_its_schemas(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "--help"])
    assert result.exit_code == 0
    for schema in SchemaName:
        assert schema.value in result.stdout


@pytest.mark.parametrize("case", SAMPLE_CASES)
def test_the_text_is_what_the_models_write(case: str) -> None:
    """The document is built as dicts for speed; it must be exactly what ReportDocument,
    the models the schema comes from, would write: the same fields, order and values."""
    text = renderer_for(Format.JSON)(sample_report(case), RenderOptions())
    model = ReportDocument.model_validate_json(text)
    assert model.model_dump_json(indent=2) + "\n" == text


def test_a_trends_progress_is_written_with_every_field() -> None:
    progress = Progress(Category.ON_TRACK, 0.97, 88.2, 2020, compound=True)
    assert _progress(progress) == dataclasses.asdict(progress)
    assert list(_progress(progress)) == list(ProgressDocument.model_fields)


def test_counties_written_one_at_a_time_read_as_the_whole_document() -> None:
    report = run_check([DATA], TARGETS_2017)
    text = renderer_for(Format.JSON)(report, RenderOptions())
    assert json.loads(text) == json.loads(to_json(build_document(report, RenderOptions())))
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def every_report() -> list[Report]:
    from tests.render.test_visible import acting_report

    return [*(sample_report(case) for case in SAMPLE_CASES), hostile_report(), acting_report()]


def test_the_text_is_what_the_serializer_writes_of_the_document() -> None:
    """The counties' results are written by splicing text encoded once a target with each
    result's figures: it must be the very text the serializer writes of the whole document."""
    for report in every_report():
        for strict in (False, True):
            options = RenderOptions(strict=strict)
            text = renderer_for(Format.JSON)(report, options)
            whole = to_json(build_document(report, options), indent=2).decode("utf-8")
            assert text == json_visible(whole) + "\n"


def written_alone(county: CountyResult, results: list[TargetResult]) -> str:
    """A county as `_Results` writes it; the test's expectation is what the serializer
    writes of its plain data, at the same indent."""
    return _Results(indent=8).county(county, results).decode("utf-8")


def serialized(county: CountyResult, results: list[TargetResult]) -> str:
    text = to_json(_county(county, results), indent=2).decode("utf-8")
    return json_visible(text.replace("\n", "\n    "))


@functools.cache
def a_county_result() -> tuple[CountyResult, TargetResult]:
    """A county, and one of its results with a source and a trend with a pace."""
    report = sample_report("city")
    for county in report.counties:
        for result in report.results_of(county):
            if result.source and result.trend and result.trend.pace:
                return county, result
    raise AssertionError("no such result in the sample")


# The floats whose text is not Python's repr, or is easy to get wrong: exponents both ways,
# the smallest subnormal, negative zero, integers as floats, and beyond.
AWKWARD = st.sampled_from(
    [-0.0, 0.0, 1e16, -1e16, 1e-7, 1e-05, 0.0001, 5e-324, 1.7976931348623157e308, 87.0, 1e22]
)
FLOATS = AWKWARD | st.floats() | st.integers(min_value=-(2**70), max_value=2**70).map(float)
NUMBERS = FLOATS | st.none() | st.integers(min_value=-(10**30), max_value=10**30)
YEARS = st.integers(min_value=1900, max_value=2200)


@st.composite
def awkward_trends(draw: st.DrawFn) -> Trend:
    years = sorted(draw(st.sets(YEARS, max_size=5)))
    points = [(year, draw(FLOATS)) for year in years]
    pace = None
    if draw(st.booleans()):
        pace = Pace(
            draw(YEARS),
            draw(FLOATS),
            draw(FLOATS),
            draw(FLOATS | st.none()),
            draw(st.integers(-5, 5)),
            draw(FLOATS | st.none()),
        )
    progress = None
    if draw(st.booleans()):
        category = draw(st.sampled_from(Category))
        progress = Progress(
            category,
            draw(FLOATS | st.none()),
            draw(FLOATS),
            draw(YEARS),
            compound=draw(st.booleans()),
        )
    outside = {year: draw(st.text(max_size=3)) for year in years if draw(st.booleans())}
    return Trend(points, pace, progress, outside)


@st.composite
def awkward_results(draw: st.DrawFn, result: TargetResult) -> TargetResult:
    between = draw(st.booleans())
    comparator = Comparator.BETWEEN if between else result.goal.comparator
    goal = Goal(comparator, draw(FLOATS), draw(FLOATS) if between else None)
    source = result.source
    assert source is not None
    return dataclasses.replace(
        result,
        status=draw(st.sampled_from(Status)),
        goal=goal,
        value=draw(NUMBERS),
        numerator=draw(NUMBERS),
        denominator=draw(NUMBERS),
        gap=draw(NUMBERS),
        quota=draw(st.booleans()),
        county_line=draw(st.booleans()),
        people=draw(st.none() | st.integers(min_value=-(10**30), max_value=10**30)),
        trend=draw(st.none() | awkward_trends()),
        source=None
        if draw(st.booleans())
        else dataclasses.replace(
            source,
            # A `%` in a string must not be taken for a slot of the template.
            path=draw(st.text(max_size=4) | st.just("100%s.csv")),
            line=draw(st.integers(min_value=1, max_value=2**40)),
            year=draw(st.none() | YEARS),
            note=draw(st.text(max_size=6) | st.just("%d%%, 50%")),
        ),
    )


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_awkward_numbers_are_written_as_the_serializer_writes_them(data: st.DataObject) -> None:
    county, result = a_county_result()
    results = data.draw(st.lists(awkward_results(result), min_size=1, max_size=4))
    assert written_alone(county, results) == serialized(county, results)


@pytest.mark.parametrize(
    "number", [-0.0, 1e16, 1e-7, 1e-05, 2.5e-07, 5e-324, 1e22, 87.0, 0.1, math.inf, math.nan]
)
def test_numbers_in_exponent_form_are_the_serializers_not_pythons(number: float) -> None:
    county, result = a_county_result()
    awkward = dataclasses.replace(result, value=number, gap=-number)
    text = written_alone(county, [awkward, result])
    assert text == serialized(county, [awkward, result])
    # Python's repr would write these differently (1e+16, 1e-07, inf): the text is not repr.
    value = to_json(number).decode("ascii")
    assert f'"value": {value},' in text


def test_a_national_report_is_written_a_county_at_a_time() -> None:
    report = run_check([DATA], TARGETS_2017)
    pieces = list(pieces_for(Format.JSON)(report, RenderOptions()))
    # The document's head, each county, and its tail.
    assert len(pieces) == len(report.counties) + 2
    assert "".join(pieces) == renderer_for(Format.JSON)(report, RenderOptions())
    # A report file's bytes (and stdout's) are made as bytes: the same text, in UTF-8.
    data = b"".join(file_pieces(Format.JSON, report, RenderOptions()))
    assert data == "".join(pieces).encode("utf-8")


@pytest.mark.parametrize(
    "trend",
    [
        Trend([], None),
        Trend([(2017, 88.0)], None),
        Trend(
            [(2015, 1e-07), (2016, 0.0), (2017, -2.5e16)],
            Pace(2015, 1e-07, -1.25e16, None, 3, 0.5),
            Progress(Category.MOVING_AWAY, -0.00001, 1e22, 2020, compound=False),
            outside={2015: "基线\u202e（2015）"},
        ),
        # A string of the result's own text that reads as the template's first mark for a
        # slot (and one with a `%`): taken for neither.
        Trend([(2016, 1.0), (2017, 2.0)], None, outside={2016: "\x000", 2017: "%s"}),
    ],
)
def test_a_trend_is_written_as_the_serializer_writes_it(trend: Trend) -> None:
    county, result = a_county_result()
    results = [dataclasses.replace(result, trend=trend), result]
    assert written_alone(county, results) == serialized(county, results)


def test_results_of_one_shape_share_a_template_and_keep_their_own_figures() -> None:
    county, result = a_county_result()
    other = dataclasses.replace(result, value=12.5, gap=-0.25, people=-3)
    writer = _Results(indent=8)
    text = writer.county(county, [result, other, result]).decode("utf-8")
    assert text == serialized(county, [result, other, result])
    assert len(writer._templates) == 1
