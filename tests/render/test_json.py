"""The JSON report: valid against the schema the package ships, equal to the library's."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import to_json
from typer.testing import CliRunner

from planctl.check import run_check
from planctl.cli.app import app
from planctl.judge.report import Report
from planctl.judge.trends import Category, Pace, Progress, Trend
from planctl.render import Format, pieces_for, renderer_for
from planctl.render.json import (
    ProgressDocument,
    ReportDocument,
    _number,
    _progress,
    _Results,
    _trend,
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


@given(st.floats() | st.integers() | st.booleans() | st.none())
def test_a_number_is_written_as_the_serializer_writes_it(number: float | int | None) -> None:
    assert _number(number) == to_json(number).decode("ascii")


@pytest.mark.parametrize("number", [1e-05, 2.5e-07, 1e16, 1e22, -0.0, 0.1, 1e-320, math.inf])
def test_numbers_in_exponent_form_are_the_serializers_not_pythons(number: float) -> None:
    assert _number(number) == to_json(number).decode("ascii")


def test_a_national_report_is_written_a_county_at_a_time() -> None:
    report = run_check([DATA], TARGETS_2017)
    pieces = list(pieces_for(Format.JSON)(report, RenderOptions()))
    # The document's head, each county, and its tail.
    assert len(pieces) == len(report.counties) + 2
    assert "".join(pieces) == renderer_for(Format.JSON)(report, RenderOptions())


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
    ],
)
def test_a_trend_is_written_as_the_serializer_writes_it(trend: Trend) -> None:
    written = _Results(indent=8)._trend(trend)
    whole = to_json(_trend(trend), indent=2).decode("utf-8").replace("\n", "\n" + " " * 10)
    assert written == json_visible(whole)
