"""The rich table renderer, pinned by golden files (PLANCTL_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner

from planctl.check import run_check
from planctl.cli.app import app
from planctl.i18n.catalog import Language, use_language
from planctl.render import Format, renderer_for
from planctl.render.options import RenderOptions
from planctl.render.scale import too_many_counties
from planctl.targets.models import TargetSet
from tests.conftest import DATA, FIXTURES, GOLDEN, TARGETS_2017, check_golden

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


def test_targets_held_to_a_band(targets: TargetSet) -> None:
    report = run_check([FIXTURES / "between" / "counties"], FIXTURES / "between" / "targets.yaml")
    text = renderer_for(Format.TABLE)(report, RenderOptions(width=100))
    text = text.replace(str(FIXTURES), "tests/fixtures")
    check_golden(text, GOLDEN / "table" / "between.txt")


def test_counties_below_the_city_line_with_the_children_short(targets: TargetSet) -> None:
    report = run_check([FIXTURES / "city_line"])
    text = renderer_for(Format.TABLE)(report, RenderOptions(width=100))
    assert report.exit_code() == 0
    assert "87.8%" in text and "below city" in text
    short = "20,510 of 24,500: 805 more children enrolled in kindergartens would meet ≥ 87% (city"
    assert short in text
    check_golden(text, GOLDEN / "table" / "city-line.txt")


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
        if format_.binary:
            with pytest.raises(ValueError, match="written to a file"):
                renderer_for(format_)
        else:
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


# rich drops or cuts short the columns that do not fit; the renderer splits or wraps first.
NARROW = [60, 80, 87, 120]


def _names(targets: TargetSet) -> list[str]:
    return [county.name for county in targets.counties] + [targets.spec.city.name]


@pytest.mark.parametrize("width", [60, 80])
def test_the_city_matrix_at_narrow_widths(targets: TargetSet, width: int) -> None:
    text = render(targets, "data", RenderOptions(width=width))
    check_golden(text, GOLDEN / "table" / f"city-{width}.txt")


@pytest.mark.parametrize("width", NARROW)
def test_the_matrix_keeps_every_county_and_the_city(targets: TargetSet, width: int) -> None:
    text = render(targets, "data", RenderOptions(width=width))
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines if line.startswith(("┌", "│", "└"))) <= width
    headers = [line for line in lines if line.startswith("│ Indicator")]
    shown = " ".join(headers)
    for name in _names(targets):
        assert name in shown, (width, name)
    # The city and the indicator are in every part; each county in exactly one.
    assert all("咸宁市" in header for header in headers)
    for county in targets.counties:
        assert shown.count(county.name) == 1
    if len(headers) > 1:
        # 市直学校 is among the seven columns: the caption counts units, not counties.
        assert re.search("units 1–[234] of 7, split to fit the width", text)
    assert "…" not in text


@pytest.mark.parametrize("width", NARROW)
@pytest.mark.parametrize("name", SAMPLES)
def test_a_county_table_keeps_every_column(targets: TargetSet, name: str, width: int) -> None:
    text = render(targets, name, RenderOptions(width=width))
    header = next(line for line in text.splitlines() if line.startswith("│ Indicator"))
    for heading in ("Indicator", "Target", "Reported", "Gap", "Status"):
        assert heading in header, (width, heading)
    assert "…" not in text
    assert all(cell_len(line) <= width for line in text.splitlines() if line.startswith("│"))


@pytest.mark.parametrize("width", NARROW)
def test_the_scale_view_keeps_every_column(width: int) -> None:
    scale = FIXTURES / "scale"
    report = run_check([scale / "province.csv"], scale / "targets.yaml")
    text = renderer_for(Format.TABLE)(report, RenderOptions(width=width))
    headers = " ".join(line for line in text.splitlines() if line.startswith("│ Indicator"))
    for heading in ("met", "NOT MET", "warning", "MISSING", "share", "全省"):
        assert heading in headers, (width, heading)
    assert "…" not in text


@pytest.mark.parametrize("columns", ["30", "40", "59"])
def test_a_narrow_columns_variable_gives_the_narrowest_table_not_a_wide_one(
    columns: str,
) -> None:
    """COLUMNS below the narrowest table planctl draws (60) is met with that table, as a
    terminal that narrow is; not with the 100 columns meant for an unset COLUMNS, which a
    40-column CI log or pager would wrap into a jumble."""
    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": columns, "FORCE_COLOR": None})
    result = runner.invoke(app, ["check", str(DATA)])
    assert result.exit_code == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(("┌", "│", "└"))]
    assert max(cell_len(line) for line in lines) <= 60
    headers = [line for line in lines if line.startswith("│ Indicator")]
    assert len(headers) > 1 and all("咸宁市" in header for header in headers)


def test_basically_met_within_the_tolerance_a_targets_file_gives() -> None:
    report = run_check([DATA], FIXTURES / "basically" / "targets.yaml")
    text = renderer_for(Format.TABLE)(report, RenderOptions(width=100))
    assert "basically" in text
    check_golden(text.replace(str(FIXTURES), "tests/fixtures"), GOLDEN / "table" / "basically.txt")


@pytest.mark.usefixtures("at_root")
def test_every_report_lists_what_was_superseded() -> None:
    # Relative paths, from the root: the table wraps them, and an absolute path would wrap
    # differently in every checkout.
    folder = Path("tests/fixtures/supersede")
    old, new = folder / "tongcheng.csv", folder / "tongcheng-corrected.csv"
    report = run_check([folder], supersede=[(old, new)])
    text = renderer_for(Format.TABLE)(report, RenderOptions(width=100))
    assert "superseded: " in text
    check_golden(text, GOLDEN / "table" / "supersede.txt")


def test_a_split_matrix_of_counties_alone_counts_counties(tmp_path: Path) -> None:
    # The 2017 file without its city-run schools: every column is a county, so the caption
    # says counties (县市区); with 市直学校 among them it says units (see the test above).
    spec = yaml.safe_load(TARGETS_2017.read_text(encoding="utf-8"))
    del spec["units"]
    for target in spec["targets"]:
        if "contributors" in target:
            target["contributors"] = [c for c in target["contributors"] if c != "市直学校"]
        target.get("quotas", {}).pop("市直学校", None)
    targets = tmp_path / "counties-only.yaml"
    targets.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    files = [path for path in sorted(DATA.glob("*.csv")) if path.name != "shizhi.csv"]
    report = run_check(files, targets)
    assert len(report.counties) == 6
    english = renderer_for(Format.TABLE)(report, RenderOptions(width=80))
    assert re.search("counties 1–[2345] of 6, split to fit the width", english)
    assert "units 1" not in english
    use_language(Language.ZH)
    chinese = renderer_for(Format.TABLE)(report, RenderOptions(width=80))
    assert re.search("第 1–[2345] 个县市区（共 6 个），因宽度所限分段显示", chinese)
