"""A ratio (unit: ratio) end to end: a pupil–teacher ratio (生师比) as a user writes it.

A ratio is its numerator over its denominator as it is (8,400 pupils / 500 teachers is 16.8,
not 1,680), fractions allowed, pooled for the city as the sum of numerators over the sum of
denominators, its gap in people counted in the denominator (teachers), the numerator held.
The fixture (tests/fixtures/ratio) holds a 生师比 each county keeps between 15 and 19, and a
初中生师比 of at most 13.5 judged on the city total; its counties are one inside the band, one
below it and one above it. The CLI tests write their own targets file and submissions in a
temporary folder, as CSV and as a workbook.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.authoring.template.rows import build_template
from planctl.check import run_check
from planctl.cli.app import app
from planctl.files.xlsx import write_xlsx
from planctl.i18n.catalog import Language, use_language
from planctl.judge.report import Report, Status, TargetResult
from planctl.render import Format, renderer_for
from planctl.render.options import RenderOptions
from planctl.targets.load import load_targets
from tests.conftest import FIXTURES, GOLDEN, check_golden
from tests.render.readback import shown_text

RATIO = FIXTURES / "ratio"
TARGETS = RATIO / "targets.yaml"
COUNTIES = RATIO / "counties"
PRIMARY, JUNIOR = "primary_pupil_teacher_ratio", "junior_pupil_teacher_ratio"


def county(report: Report, name: str, target: str) -> TargetResult:
    found = next(c for c in report.counties if c.county.name == name)
    return next(r for r in report.results_of(found) if r.target.id == target)


def city(report: Report, target: str) -> TargetResult:
    assert report.city is not None
    return next(r for r in report.city if r.target.id == target)


def summary(report: Report) -> list[tuple[str, str, str, float | None, int | None]]:
    """Every result's county, target, status, gap and people: what must not depend on how
    the figures were read."""
    rows = [
        (c.county.name, r.target.id, r.status.value, r.gap, r.people)
        for c in report.counties
        for r in report.results_of(c)
    ]
    return rows + [
        ("city", r.target.id, r.status.value, r.gap, r.people) for r in report.city or []
    ]


def test_a_ratio_is_its_parts_quotient_and_may_be_a_fraction() -> None:
    report = run_check([COUNTIES], TARGETS)
    inside = county(report, "咸安区", PRIMARY)
    # 16.8 as written, and 8,400 / 500 agrees with it: a count would have refused 16.8.
    assert (inside.value, inside.numerator, inside.denominator) == (16.8, 8400, 500)
    assert (inside.status, inside.gap, inside.people) == (Status.MET, 0, 0)
    # Given only by its parts, the value is their quotient: 3,000 / 200 is 15, not 1,500.
    assert county(report, "嘉鱼县", JUNIOR).value == 15


def test_each_county_is_held_to_the_band_and_told_the_teachers_it_needs() -> None:
    report = run_check([COUNTIES], TARGETS)
    below, above = county(report, "通城县", PRIMARY), county(report, "嘉鱼县", PRIMARY)
    # 7,000 / 500 is 14, under 15: at most 7,000 / 15 = 466.7 teachers, so 34 fewer.
    assert (below.status, below.gap, below.people) == (Status.NOT_MET, -1, -34)
    # 8,400 / 420 is 20, over 19: at least 8,400 / 19 = 442.1 teachers, so 23 more.
    assert (above.status, above.gap, above.people) == (Status.NOT_MET, 1, 23)
    assert 8400 / (420 + 23) <= 19 < 8400 / (420 + 22)


def test_the_city_pools_pupils_over_teachers() -> None:
    report = run_check([COUNTIES], TARGETS)
    primary = city(report, PRIMARY)
    # (8,400 + 7,000 + 8,400) / (500 + 500 + 420): neither the counties' mean ratio (16.93)
    # nor their sum (50.8).
    assert (primary.numerator, primary.denominator) == (23800, 1420)
    assert primary.value == pytest.approx(23800 / 1420)
    assert primary.status is Status.MET
    junior = city(report, JUNIOR)
    assert junior.value == pytest.approx(10600 / 750)
    # 10,600 / 13.5 = 785.2: 786 teachers, 36 more than the counties' 750.
    assert (junior.status, junior.people) == (Status.NOT_MET, 36)
    assert junior.carry is not None
    # 嘉鱼县 (23 short) and 通城县 (17) at the line would give the city 790 teachers.
    assert junior.carry.counties == (("嘉鱼县", 23), ("通城县", 17))
    assert (junior.carry.numerator, junior.carry.denominator) == (10600, 790)
    assert junior.carry.value == pytest.approx(10600 / 790)


def test_the_trend_and_pace_are_in_the_ratios_own_terms() -> None:
    below = county(run_check([COUNTIES], TARGETS), "通城县", PRIMARY)
    assert below.trend is not None and below.trend.pace is not None
    # From 13.5 in 2016 towards the nearer bound, 15, by the 2018 deadline.
    assert below.trend.pace.achieved_per_year == pytest.approx(0.5)
    assert below.trend.pace.needed_per_year == pytest.approx((15 - 13.5) / 2)


def test_the_column_path_judges_as_the_row_path() -> None:
    rows = run_check([COUNTIES], TARGETS, columns=False)
    columns = run_check([COUNTIES], TARGETS, columns=True)
    assert summary(columns) == summary(rows)
    json_of = renderer_for(Format.JSON)
    assert json_of(columns, RenderOptions()) == json_of(rows, RenderOptions())


# --- The command line, with a targets file and submissions of the user's own --------------

BAND_TARGETS = """\
schema_version: 1
plan: {title: 某市教育工作要点, title_en: A city's education priorities, issuing_body: 某市教育局,
  issuing_body_en: A city's education bureau, issued: 2024-03-01, reference: none, year: 2024}
city: {name: 某市, name_en: A City}
counties:
  - {name: 甲县, name_en: Jia County}
  - {name: 乙县, name_en: Yi County}
  - {name: 丙县, name_en: Bing County}
targets:
  - id: pupil_teacher_ratio
    name_zh: 生师比
    name_en: Pupil–teacher ratio
    unit: ratio
    comparator: between
    threshold: {min: 15, max: 19}
    valid_range: {min: 0, max: 100}
    strength: binding
    level: county
    rollup: ratio
    numerator: {name_zh: 在校学生数, name_en: Pupils enrolled}
    denominator: {name_zh: 专任教师数, name_en: Full-time teachers}
    provenance: {clause: 3, sentence: 义务教育学校生师比控制在15至19之间。, deadline: 2024}
"""
HEADER = ["county", "indicator", "value", "numerator", "denominator"]
MET = ["甲县", "生师比", "16.8", "8400", "500"]
BELOW = ["乙县", "生师比", "14.2", "7100", "500"]
ABOVE = ["丙县", "生师比", "", "9600", "480"]


@pytest.fixture
def band(tmp_path: Path) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(BAND_TARGETS, encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([HEADER, *rows])
    return path


def write_workbook(path: Path, rows: list[list[str]]) -> Path:
    write_xlsx(path, HEADER, rows, sheet="填报表", title="某市生师比统计表")
    return path


WRITERS = {"csv": write_csv, "xlsx": write_workbook}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_county_inside_the_band_passes(
    runner: CliRunner, band: Path, tmp_path: Path, kind: str
) -> None:
    path = WRITERS[kind](tmp_path / f"甲县.{kind}", [MET])
    outcome = runner.invoke(app, ["check", "--targets", str(band), str(path)])
    assert (outcome.exit_code, outcome.stderr) == (0, "")
    assert "16.8:1" in outcome.stdout and "15:1–19:1" in outcome.stdout


@pytest.mark.parametrize("kind", list(WRITERS))
@pytest.mark.parametrize("written", ["16.8:1", "16.8：1"])
def test_a_ratio_may_be_written_to_one(
    runner: CliRunner, band: Path, tmp_path: Path, kind: str, written: str
) -> None:
    path = WRITERS[kind](tmp_path / f"甲县.{kind}", [["甲县", "生师比", written, "8400", "500"]])
    outcome = runner.invoke(app, ["check", "--targets", str(band), str(path), "-f", "json"])
    assert (outcome.exit_code, outcome.stderr) == (0, "")
    (result,) = json.loads(outcome.stdout)["counties"][0]["results"]
    assert (result["value"], result["status"]) == (16.8, "met")


@pytest.mark.parametrize("kind", list(WRITERS))
def test_counties_below_and_above_the_band_fail_with_the_teachers_they_need(
    runner: CliRunner, band: Path, tmp_path: Path, kind: str
) -> None:
    path = WRITERS[kind](tmp_path / f"all.{kind}", [MET, BELOW, ABOVE])
    outcome = runner.invoke(
        app, ["check", "--targets", str(band), str(path)], env={"COLUMNS": "200"}
    )
    assert outcome.exit_code == 1
    assert outcome.stderr == ""
    lines = outcome.stdout.splitlines()
    # 7,100 / 500 is 14.2: at most 473 teachers keep 15; 9,600 / 480 is 20: 506 make 19.
    assert any(
        line.strip()
        == "7,100 / 500: 27 fewer full-time teachers would meet 15:1–19:1, assuming pupils "
        "enrolled unchanged"
        for line in lines
    )
    assert any(
        line.strip()
        == "9,600 / 480: 26 more full-time teachers would meet 15:1–19:1, assuming pupils "
        "enrolled unchanged"
        for line in lines
    )
    # The city: 25,100 / 1,480 = 16.96, inside the band.
    document = json.loads(
        runner.invoke(app, ["check", "--targets", str(band), str(path), "-f", "json"]).stdout
    )
    (pooled,) = document["city"]["results"]
    assert (pooled["unit"], pooled["status"]) == ("ratio", "met")
    assert (pooled["numerator"], pooled["denominator"]) == (25100, 1480)
    assert pooled["value"] == pytest.approx(25100 / 1480)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("16.8%", "value: '16.8%' has a % sign, but pupil_teacher_ratio is a ratio"),
        ("17人", "value: '17人' is written as a count, but pupil_teacher_ratio is a ratio"),
        # 8,400 / 500 is 16.8; 17.5 written allows ±0.05.
        ("17.5", "value: value 17.5 disagrees with numerator/denominator 8,400/500 = 16.80"),
        ("168", "value: 168 is outside the valid range of pupil_teacher_ratio (0 to 100)"),
        ("1:16.8", "value: '1:16.8' is not a number"),
    ],
)
def test_a_bad_ratio_cell_is_refused_with_its_line(
    runner: CliRunner, band: Path, tmp_path: Path, cell: str, message: str
) -> None:
    numerator, denominator = ("", "") if cell in ("168", "1:16.8") else ("8400", "500")
    path = write_csv(tmp_path / "甲县.csv", [["甲县", "生师比", cell, numerator, denominator]])
    outcome = runner.invoke(app, ["check", "--targets", str(band), str(path)])
    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    (first, *_) = outcome.stderr.splitlines()
    assert first.startswith(f"{path}:2: {message}"), first


def test_a_ratio_that_would_be_summed_is_refused_by_validate(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "summed.yaml"
    path.write_text(
        BAND_TARGETS.replace("rollup: ratio", "rollup: sum")
        .replace("    numerator: {name_zh: 在校学生数, name_en: Pupils enrolled}\n", "")
        .replace("    denominator: {name_zh: 专任教师数, name_en: Full-time teachers}\n", ""),
        encoding="utf-8",
    )
    outcome = runner.invoke(app, ["targets", "validate", str(path)])
    assert outcome.exit_code == 2
    (line,) = outcome.stderr.splitlines()
    assert line.startswith(f"{path}:10: ")
    assert line.endswith(
        "a ratio rolls up as the sum of its numerators over the sum of its denominators: "
        "write rollup: ratio, with its numerator and denominator"
    )


def test_a_ratio_with_no_top_to_its_valid_range_is_warned_of(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "open.yaml"
    path.write_text(BAND_TARGETS.replace("{min: 0, max: 100}", "{min: 0}"), encoding="utf-8")
    outcome = runner.invoke(app, ["targets", "validate", str(path)])
    assert outcome.exit_code == 0
    assert (
        f"{path}:16: warning: valid_range: a ratio's valid range needs a min and a max "
        "(生师比: min: 0, max: 100), or a slip such as 168 for 16.8 is judged as a figure"
    ) in outcome.stderr.splitlines()
    strict = runner.invoke(app, ["targets", "validate", "--strict", str(path)])
    assert strict.exit_code == 1


def test_the_ratio_targets_file_validates(runner: CliRunner, band: Path) -> None:
    outcome = runner.invoke(app, ["targets", "validate", str(band)])
    assert (outcome.exit_code, outcome.stderr) == (0, "")
    listing = runner.invoke(app, ["targets", "--targets", str(band)], env={"COLUMNS": "200"})
    assert "15:1–19:1" in listing.stdout and "ratio" in listing.stdout


def test_the_template_hints_the_ratio(band: Path) -> None:
    template = build_template(load_targets(band), ["甲县"])
    (row,) = template.rows
    assert "ratio" in row
    hint = row[-1]
    assert hint.startswith("target 15:1–19:1")
    assert (
        "a ratio: numerator and denominator, or the value as one number (16.8 for 16.8:1)" in hint
    )


# --- What every format shows ------------------------------------------------------------


@pytest.mark.parametrize("format_", list(Format))
def test_every_format_shows_the_ratio(format_: Format) -> None:
    shown = shown_text(format_, run_check([COUNTIES], TARGETS), RenderOptions(width=120))
    expected = {
        Format.TABLE: "16.8:1",
        Format.MARKDOWN: "16.8:1",
        Format.JUNIT: "NOT MET: 14:1 (7,000 / 500) against 15:1–19:1, gap -1; clause 1",
        Format.HTML: "16.8:1",
        Format.CSV: ",ratio,between,",
        Format.JSON: '"unit": "ratio"',
        # The results sheet's row, as the CSV's; the figure is a number formatted 0.00":1".
        Format.XLSX: "\tratio\tbetween\t",
        Format.DOCX: "16.8:1",
    }
    assert expected[format_] in shown


def _table(report: Report, width: int = 100) -> str:
    text = renderer_for(Format.TABLE)(report, RenderOptions(width=width))
    return text.replace(str(FIXTURES), "tests/fixtures")


def test_the_table_golden() -> None:
    check_golden(_table(run_check([COUNTIES], TARGETS)), GOLDEN / "table" / "ratio.txt")


@pytest.mark.usefixtures("at_root")
def test_the_chinese_table_and_json_goldens() -> None:
    use_language(Language.ZH)
    fixture = Path("tests/fixtures/ratio")
    report = run_check([fixture / "counties"], fixture / "targets.yaml")
    table = _table(report)
    # 教师 (the denominator's own name) is what is short; the pupils are held, and said so.
    flat = "".join(table.split())
    assert "小学专任教师数再增加23即可达到15:1–19:1，假定小学在校学生数不变" in flat
    check_golden(table, GOLDEN / "zh" / "ratio.txt")
    check_golden(renderer_for(Format.JSON)(report, RenderOptions()), GOLDEN / "zh" / "ratio.json")


def test_county_lines_of_a_ratio_pool_with_the_teachers_at_their_lines(
    runner: CliRunner, tmp_path: Path
) -> None:
    targets = tmp_path / "lines.yaml"
    lines = (
        "    county_targets: {咸安区: {threshold: 14}, 嘉鱼县: {threshold: 14},"
        " 通城县: {threshold: 13}}\n"
    )
    source = TARGETS.read_text(encoding="utf-8")
    anchor = "    provenance: {clause: 2,"
    targets.write_text(source.replace(anchor, lines + anchor), encoding="utf-8")
    outcome = runner.invoke(app, ["check", "--targets", str(targets), str(COUNTIES)])
    # Pupils held, each county's teachers at its line: 4,000 / 14 + 3,000 / 14 + 3,600 / 13
    # teachers for 10,600 pupils is 13.64, over 13.5 (weighting the lines by today's
    # teachers would say 13.67).
    pooled = 10600 / (4000 / 14 + 3000 / 14 + 3600 / 13)
    assert f"{pooled:.2f}" == "13.64"
    assert (
        "warning: county_targets: the county targets of junior_pupil_teacher_ratio pool to "
        "13.64:1 with the counties' 2017 numerators (each county's denominator at its line), "
        "short of the city target ≤ 13.5"
    ) in outcome.stderr
