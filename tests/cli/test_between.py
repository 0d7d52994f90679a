"""A band target (comparator: between) end to end, as a user writes it in a targets file.

The fixture's targets keep a gross enrolment rate inside 85%–95% for each county (pooled for
the city) and the city's new public kindergartens between 10 and 14. Its counties are one
inside the band, one below it and one above it; the same figures are read from CSV and from
workbooks, by the row path and by the column path, and judged alike.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.authoring.template.rows import build_template
from planctl.check import run_check
from planctl.cli.app import app
from planctl.files.xlsx import write_xlsx
from planctl.judge.report import Report, Status, TargetResult
from planctl.render import Format, renderer_for
from planctl.render.options import RenderOptions
from planctl.targets.load import load_targets
from tests.conftest import FIXTURES
from tests.render.readback import shown_text

BETWEEN = FIXTURES / "between"
TARGETS = BETWEEN / "targets.yaml"
COUNTIES = BETWEEN / "counties"
RATE, NEW = "preschool_gross_enrolment_rate", "new_public_kindergartens"


def result(results: list[TargetResult] | tuple[TargetResult, ...], target: str) -> TargetResult:
    return next(r for r in results if r.target.id == target)


def county(report: Report, name: str, target: str) -> TargetResult:
    found = next(c for c in report.counties if c.county.name == name)
    return result(list(report.results_of(found)), target)


def summary(report: Report) -> list[tuple[str, str, str, float | None]]:
    """Every result's county, target, status and gap: what must not depend on the path."""
    rows = [
        (c.county.name, r.target.id, r.status.value, r.gap)
        for c in report.counties
        for r in report.results_of(c)
    ]
    return rows + [("city", r.target.id, r.status.value, r.gap) for r in report.city or []]


def test_each_county_and_the_city_are_held_to_the_band() -> None:
    report = run_check([COUNTIES], TARGETS)
    inside, below, above = (county(report, n, RATE) for n in ("咸安区", "通城县", "嘉鱼县"))
    assert (inside.status, inside.gap) == (Status.MET, 0)
    assert below.status is Status.NOT_MET and below.gap == pytest.approx(82.01 - 85)
    assert above.status is Status.NOT_MET and above.gap == pytest.approx(97.87 - 95)
    assert report.city is not None
    city_rate, city_new = result(report.city, RATE), result(report.city, NEW)
    # Pooled: Σ numerators / Σ denominators = 64,550 / 72,200, inside the band.
    assert city_rate.value == pytest.approx(64550 * 100 / 72200)
    assert (city_rate.status, city_rate.gap) == (Status.MET, 0)
    # 6 + 5 + 5 = 16 new kindergartens, above 14: an aspirational band warns.
    assert (city_new.value, city_new.status, city_new.gap) == (16, Status.WARNING, 2)


def test_the_pace_needed_aims_at_the_nearer_bound() -> None:
    below = county(run_check([COUNTIES], TARGETS), "通城县", RATE)
    assert below.trend is not None and below.trend.pace is not None
    pace = below.trend.pace
    # From 79.83% in 2016 towards 85% by the 2018 deadline; from 82.01% now, one year left.
    assert pace.needed_per_year == pytest.approx((85 - 79.83) / 2)
    assert pace.needed_from_now_per_year == pytest.approx(85 - 82.01)
    above = county(run_check([COUNTIES], TARGETS), "嘉鱼县", RATE)
    assert above.trend is None  # no earlier figure: no pace


def test_the_cli_shows_the_band_and_fails_on_a_county_outside_it(runner: CliRunner) -> None:
    outcome = runner.invoke(app, ["check", "--targets", str(TARGETS), str(COUNTIES)])
    assert outcome.exit_code == 1
    assert outcome.stderr == ""
    assert "85%–95%" in outcome.stdout and "10–14" in outcome.stdout
    assert "97.87% (23,000 / 23,500) against 85%–95%, gap" in outcome.stdout
    assert "16 against 10–14, gap +2: warning" in outcome.stdout


def test_a_county_inside_the_band_passes(runner: CliRunner) -> None:
    outcome = runner.invoke(app, ["check", "--targets", str(TARGETS), str(COUNTIES / "xianan.csv")])
    assert (outcome.exit_code, outcome.stderr) == (0, "")


def test_the_column_path_judges_as_the_row_path() -> None:
    rows = run_check([COUNTIES], TARGETS, columns=False)
    columns = run_check([COUNTIES], TARGETS, columns=True)
    assert summary(columns) == summary(rows)
    json_of = renderer_for(Format.JSON)
    assert json_of(columns, RenderOptions()) == json_of(rows, RenderOptions())


def test_workbooks_are_judged_as_the_csv_files(tmp_path: Path) -> None:
    for path in sorted(COUNTIES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            header, *rows = list(csv.reader(stream))
        write_xlsx(tmp_path / f"{path.stem}.xlsx", header, rows, sheet="填报表", title=None)
    assert summary(run_check([tmp_path], TARGETS)) == summary(run_check([COUNTIES], TARGETS))


@pytest.mark.parametrize("format_", list(Format))
def test_every_format_shows_the_band(format_: Format) -> None:
    shown = shown_text(format_, run_check([COUNTIES], TARGETS), RenderOptions(width=100))
    expected = {
        Format.TABLE: "85%–95%",
        Format.MARKDOWN: "85%–95%",
        Format.JUNIT: "85%–95%",
        Format.HTML: "85%–95%",
        Format.CSV: "[85, 95]",
        Format.JSON: '"threshold": {\n',
        # The results sheet writes the CSV's cells.
        Format.XLSX: "\t[85, 95]\t",
        Format.DOCX: "85%–95%",
    }
    assert expected[format_] in shown


def test_json_carries_the_bounds_as_the_targets_file_writes_them() -> None:
    document = json.loads(
        renderer_for(Format.JSON)(run_check([COUNTIES], TARGETS), RenderOptions())
    )
    first = document["counties"][0]["results"][0]
    assert (first["comparator"], first["threshold"]) == ("between", {"min": 85, "max": 95})


def test_the_html_chart_shades_the_band() -> None:
    html = renderer_for(Format.HTML)(run_check([COUNTIES], TARGETS), RenderOptions())
    assert html.count('<rect class="band"') >= 2  # one band per chart at least


def test_the_template_hints_the_band() -> None:
    template = build_template(load_targets(TARGETS), ["咸安区"])
    hints = [row[-1] for row in template.rows]
    assert any("85%–95%" in hint for hint in hints)
    assert any("10–14" in hint for hint in hints)


def test_a_report_is_plain_frozen_data() -> None:
    report = run_check([COUNTIES], TARGETS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.year = 2018  # type: ignore[misc]
