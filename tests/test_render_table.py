"""The rich table renderer, pinned by golden files (PLANCTL_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import dataclasses

import pytest
from typer.testing import CliRunner

from planctl.check import run_check
from planctl.cli import app
from planctl.render import Format, RenderOptions, renderer_for
from planctl.render.scale import too_many_counties
from planctl.targets import TargetSet
from tests.conftest import DATA, FIXTURES, GOLDEN, check_golden

SAMPLES = ["xianan", "jiayu", "tongcheng", "chongyang", "tongshan", "chibi"]


def render(targets: TargetSet, name: str, options: RenderOptions, **check: object) -> str:
    path = DATA if name == "data" else DATA / f"{name}.csv"
    report = run_check([path], **check)  # type: ignore[arg-type]
    text = renderer_for(Format.TABLE)(report, options)
    # The targets path is the machine's own; pin it for the golden file.
    return text.replace(str(targets.display), "targets/2017.yaml")


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_county(targets: TargetSet, name: str) -> None:
    check_golden(render(targets, name, RenderOptions(width=100)), GOLDEN / "table" / f"{name}.txt")


def test_the_city_view_of_all_samples(targets: TargetSet) -> None:
    check_golden(render(targets, "data", RenderOptions(width=100)), GOLDEN / "table" / "city.txt")


def test_a_county_that_did_not_submit(targets: TargetSet) -> None:
    text = render(targets, "xianan", RenderOptions(width=100), city=True)
    assert "嘉鱼县: submitted no figures" in text
    check_golden(text, GOLDEN / "table" / "city-incomplete.txt")


def test_colour(targets: TargetSet) -> None:
    text = render(targets, "tongcheng", RenderOptions(color=True, width=100))
    assert "\x1b[1;31mNOT MET" in text
    check_golden(text, GOLDEN / "table" / "tongcheng-colour.txt")


def test_strict_verdict(targets: TargetSet) -> None:
    text = render(targets, "chibi", RenderOptions(width=100, strict=True))
    verdict, run_line = text.rstrip().splitlines()[-2:]
    assert verdict == "FAIL (--strict): 1 aspirational target(s) not met"
    assert run_line.startswith("planctl ") and " · run " in run_line


def test_the_cli_prints_what_the_renderer_returns(targets: TargetSet, runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(DATA / "jiayu.csv")])
    expected = renderer_for(Format.TABLE)(run_check([DATA / "jiayu.csv"]), RenderOptions())
    assert result.stdout == expected


@pytest.mark.parametrize("name", [*SAMPLES, "data"])
def test_a_chinese_windows_console_can_show_it(targets: TargetSet, name: str) -> None:
    render(targets, name, RenderOptions(width=100)).encode("gbk")


def test_every_format_has_a_renderer() -> None:
    for format_ in Format:
        assert callable(renderer_for(format_))


SCALE = FIXTURES / "scale"


def test_many_counties_are_counted_a_target_a_row() -> None:
    report = run_check([SCALE / "province.csv"], SCALE / "targets.yaml")
    text = renderer_for(Format.TABLE)(report, RenderOptions(width=100))
    text = text.replace(str(SCALE), "tests/fixtures/scale")
    check_golden(text, GOLDEN / "table" / "scale.txt")


@pytest.mark.parametrize(
    ("counties", "width", "matrix"),
    [(6, 80, True), (8, 60, True), (9, 100, False), (9, 200, True), (17, 200, False)],
)
def test_the_matrix_is_kept_while_it_fits(counties: int, width: int, matrix: bool) -> None:
    report = run_check([DATA], city=True)
    county = report.counties[0]
    many = dataclasses.replace(report, counties=[county] * counties)
    assert too_many_counties(many, RenderOptions(width=width)) is not matrix
