"""The template for counties: its rows, the CSV for Excel, and a filled-in copy that passes."""

from __future__ import annotations

import csv
import io
import math
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.authoring.template import TemplateFormat, format_of, writer_for
from planctl.authoring.template.rows import Template, build_template
from planctl.cli.app import app
from planctl.domain.problems import OutputError, TemplateError
from planctl.domain.terms import Comparator, Level
from planctl.i18n.catalog import Language, use_language
from planctl.targets.load import load_targets
from planctl.targets.models import TargetSet
from tests.conftest import GOLDEN, TARGETS_2017, check_golden


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_one_row_per_county_target_and_per_contribution(targets: TargetSet) -> None:
    template = build_template(targets)
    rows = {(row[0], row[1]) for row in template.rows}
    county_level = [t.id for t in targets.targets if t.level is Level.COUNTY]
    for county in targets.spec.counties:
        assert {(county.name, target_id) for target_id in county_level} <= rows
    # 通城县 holds one of the three IT pilot schools; the new city-area schools are 咸安区's.
    assert ("通城县", "provincial_it_pilot_schools") in rows
    assert ("通城县", "city_area_new_primary_schools") not in rows
    assert ("咸安区", "city_area_new_primary_schools") in rows
    # A city-level target without contributors is made up of every county's figure.
    assert all((c.name, "model_kindergartens") in rows for c in targets.spec.counties)
    # The city-run schools are asked for the three targets they report, and only those.
    (unit,) = targets.units
    assert {target for name, target in rows if name == "市直学校"} == set(unit.reports or [])
    assert len(template.rows) == len(rows)


def test_columns_and_hints(targets: TargetSet) -> None:
    template = build_template(targets, ["咸安"])
    assert template.columns == [
        "county",
        "indicator",
        "name_zh",
        "unit",
        "value",
        "numerator",
        "denominator",
        "note",
        "hint",
    ]
    by_id = {row[1]: dict(zip(template.columns, row, strict=True)) for row in template.rows}
    gross = by_id["preschool_gross_enrolment_rate"]
    assert (gross["county"], gross["name_zh"], gross["unit"]) == ("咸安区", "学前三年毛入园率", "%")
    # 全市…87%: a county's rate makes up the city's, which is judged.
    assert gross["hint"].startswith(
        "your contribution to the city total (city target ≥ 87%); numerator: 在园幼儿数 (Children"
    )
    assert by_id["school_broadband_coverage"]["hint"].startswith("target ≥ 100%; numerator:")
    assert by_id["unlicensed_kindergartens"]["unit"] == "count"
    pilot = by_id["provincial_it_pilot_schools"]["hint"]
    assert pilot == "your contribution to the city total (city target ≥ 3); your quota: 1"
    assert all(row[4:8] == ["", "", "", ""] for row in template.rows)


def test_no_numerator_columns_when_no_target_is_a_rate(tmp_path: Path) -> None:
    text = TARGETS_2017.read_text(encoding="utf-8")
    # Without the units, whose reports name targets this file leaves out.
    text = text[: text.index("# Reporting units")] + text[text.index("targets:\n") :]
    counts_only = (
        text[: text.index("targets:\n")]
        + "targets:\n"
        + text[
            text.index("  - id: unlicensed_kindergartens") : text.index(
                "  - id: model_kindergartens"
            )
        ]
    )
    path = tmp_path / "counts.yaml"
    path.write_text(counts_only, encoding="utf-8")
    template = build_template(load_targets(path))
    assert template.columns == ["county", "indicator", "name_zh", "unit", "value", "note", "hint"]


def test_the_csv_is_for_excel(targets: TargetSet) -> None:
    data = writer_for(TemplateFormat.CSV)(build_template(targets))
    assert (
        data.startswith(b"\xef\xbb\xbf# ")
        and b"\r\n" in data
        and b"\n" not in data.replace(b"\r\n", b"")
    )
    check_golden(data.decode("utf-8-sig").replace("\r\n", "\n"), GOLDEN / "template" / "2017.csv")


def fill_at_threshold(
    template: Template, targets: TargetSet, format_: TemplateFormat = TemplateFormat.CSV
) -> bytes:
    """Every figure exactly at its target: a rate as numerator/denominator giving the threshold.

    Parts that count the same people (one quantity key) get the same figure, as a county's
    own submission must: the children enrolled are one rate's numerator, another's denominator.
    """
    counted: dict[tuple[str, str | None], Fraction] = {}
    rows = []
    for row in template.rows:
        cells = dict(zip(template.columns, row, strict=True))
        target = targets.find_target(cells["indicator"])
        assert target is not None
        assert target.comparator in (Comparator.AT_LEAST, Comparator.AT_MOST, Comparator.EQUAL)
        threshold = target.goal.threshold
        if target.numerator is not None and target.denominator is not None:
            share = Fraction(str(threshold)) / 100
            num_key = (cells["county"], target.numerator.key)
            den_key = (cells["county"], target.denominator.key)
            if den_key[1] is not None and den_key in counted:
                denominator = counted[den_key]
            elif num_key[1] is not None and num_key in counted:
                denominator = counted[num_key] / share
            else:
                denominator = Fraction(1_000_000)
            numerator = share * denominator
            assert numerator.denominator == denominator.denominator == 1
            counted.update(
                (key, count)
                for key, count in ((num_key, numerator), (den_key, denominator))
                if key[1] is not None
            )
            cells["numerator"] = str(numerator)
            cells["denominator"] = str(denominator)
        elif target.level is Level.CITY:
            # A quota where there is one, else an even share that makes up the city total.
            even = math.ceil(threshold / len(targets.contributors(target)))
            cells["value"] = str(int(target.quotas.get(cells["county"], even)))
        else:
            cells["value"] = str(int(threshold))
        rows.append([cells[column] for column in template.columns])
    return writer_for(format_)(Template(template.comment, template.columns, rows, template.fill_in))


@pytest.mark.parametrize(
    ("format_", "strict"),
    [(TemplateFormat.CSV, []), (TemplateFormat.CSV, ["--strict"]), (TemplateFormat.XLSX, [])],
)
def test_a_template_filled_at_every_threshold_passes_check(
    targets: TargetSet,
    runner: CliRunner,
    tmp_path: Path,
    format_: TemplateFormat,
    strict: list[str],
) -> None:
    path = tmp_path / f"filled.{format_.value}"
    path.write_bytes(fill_at_threshold(build_template(targets), targets, format_))
    result = runner.invoke(app, ["check", *strict, str(path)])
    assert (result.exit_code, result.stderr) == (0, ""), result.stdout
    assert "PASS: every binding target is met" in result.stdout
    assert "NOT MET" not in result.stdout and "MISSING" not in result.stdout
    # A template names every county, so the check is the city view: a cell per county.
    assert "city view: 6 counties and 1 other unit(s) submitted" in result.stdout
    assert result.stdout.count(" ok ") >= len(targets.counties) * 8


def test_a_blank_template_is_not_a_submission(
    targets: TargetSet, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(writer_for(TemplateFormat.CSV)(build_template(targets, ["赤壁"])))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:2: no figures below the header (a row left blank is not reported)\n"
    )


def test_rows_left_blank_are_not_reported(
    targets: TargetSet, runner: CliRunner, tmp_path: Path
) -> None:
    """A county that fills in some rows gets the rest reported missing, not an input error."""
    path = tmp_path / "partly.csv"
    text = writer_for(TemplateFormat.CSV)(build_template(targets, ["赤壁"])).decode("utf-8-sig")
    lines = text.splitlines()
    lines[2] = lines[2].replace(",,,", ",87,20010,23000", 1)  # the gross enrolment rate
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "-v", str(path)])
    assert result.exit_code == 1
    assert "MISSING" in result.stdout
    assert f"{path}:4: note: inclusive_kindergarten_coverage left blank: not reported" in (
        result.stderr
    )


def test_unknown_counties_are_all_named(targets: TargetSet) -> None:
    with pytest.raises(TemplateError) as caught:
        build_template(targets, ["咸安", "赤壁县", "武汉"])
    messages = [str(problem) for problem in caught.value.problems]
    assert messages[0] == "--county: unknown county '赤壁县'; did you mean '赤壁市'?"
    assert messages[1].startswith("--county: unknown county '武汉'; expected one of '咸安区'")


def test_a_targets_file_without_counties_needs_them_named(tmp_path: Path) -> None:
    text = TARGETS_2017.read_text(encoding="utf-8")
    start, end = text.index("counties:\n"), text.index("targets:\n")
    path = tmp_path / "no-counties.yaml"
    path.write_text(
        text[:start]
        + "counties: []\n\n"
        + text[end:]
        .replace("    contributors: [咸安区, 通城县]\n    quotas: {咸安区: 2, 通城县: 1}\n", "")
        .replace("    contributors: [咸安区]\n    quotas: {咸安区: 2}\n", ""),
        encoding="utf-8",
    )
    bare = load_targets(path)
    with pytest.raises(TemplateError) as caught:
        build_template(bare)
    assert str(caught.value) == f"{path}: lists no counties; name the counties with --county"
    assert {row[0] for row in build_template(bare, ["甲县", "乙县"]).rows} == {"甲县", "乙县"}


def test_formats_by_extension() -> None:
    assert format_of(Path("t.CSV")) is TemplateFormat.CSV
    with pytest.raises(OutputError) as caught:
        format_of(Path("t.docx"))
    assert str(caught.value) == "t.docx: cannot write a '.docx' file; write '.csv' or '.xlsx'"
    assert format_of(Path("t.xlsx")) is TemplateFormat.XLSX


def test_an_excel_template_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "咸安区.xlsx"
    result = runner.invoke(app, ["template", "--county", "咸安", "--output", str(path)])
    assert (result.exit_code, result.stderr) == (0, "")
    sheet = load_workbook(path).worksheets[0]
    assert sheet.title == "submission 填报"
    rows = list(sheet.iter_rows(values_only=True))
    assert str(rows[0][0]).startswith("咸宁市教育局2017年工作要点")
    assert rows[1][:5] == ("county", "indicator", "name_zh", "unit", "value")
    assert {row[0] for row in rows[2:]} == {"咸安区"}
    assert len(rows) == 2 + 13


def test_every_format_has_a_writer(targets: TargetSet) -> None:
    template = build_template(targets)
    for format_ in TemplateFormat:
        assert writer_for(format_)(template)


def test_the_template_asks_for_what_a_countys_view_shows(targets: TargetSet) -> None:
    """A county's view leaves out the city targets it has no part in, as its template does."""
    from planctl.check import run_check
    from tests.conftest import DATA

    asked: dict[str, set[str]] = {}
    for row in build_template(targets).rows:
        asked.setdefault(row[0], set()).add(row[1])
    report = run_check([DATA])
    for county in report.counties:
        assert {r.target.id for r in report.results_of(county)} == asked[county.county.name]


@pytest.mark.parametrize("format_", list(TemplateFormat), ids=str)
@pytest.mark.parametrize(("written_in", "checked_in"), [("zh", "zh"), ("zh", "en"), ("en", "zh")])
def test_a_template_in_either_language_is_read_back_in_either(
    targets: TargetSet,
    runner: CliRunner,
    tmp_path: Path,
    format_: TemplateFormat,
    written_in: str,
    checked_in: str,
) -> None:
    """A Chinese template (县市区, 指标, 数值, 分子, 分母, 备注) filled in passes check, in
    Chinese or English, and an English one passes a Chinese check."""
    use_language(Language(written_in))
    template = build_template(targets)
    data = fill_at_threshold(template, targets, format_)
    if written_in == "zh" and format_ is TemplateFormat.CSV:
        lines = data.decode("utf-8-sig").splitlines()
        assert lines[1].startswith("县市区,指标,指标中文名,计量单位,数值,分子,分母,备注,填报说明")
        assert "Children" not in data.decode("utf-8-sig")
    use_language(Language.EN)
    path = tmp_path / f"filled.{format_.value}"
    path.write_bytes(data)
    result = runner.invoke(app, ["check", "--lang", checked_in, str(path)])
    assert (result.exit_code, result.stderr) == (0, ""), result.stdout
    passed = "通过：所有约束性目标均已达标" if checked_in == "zh" else "PASS: every binding"
    assert passed in result.stdout
