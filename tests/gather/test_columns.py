"""A check of column-read files reports what a check of the same files read row by row does."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planctl.check import run_check
from planctl.domain.problems import PlanctlError
from planctl.gather import columns as columns_module
from planctl.gather.columns import ColumnDataset
from planctl.gather.dataset import Dataset
from planctl.gather.rows import gather
from planctl.read.submissions import read_submissions
from planctl.render import Format, renderer_for
from planctl.render.options import RenderOptions
from planctl.targets.load import load_targets
from tests.conftest import DATA, TARGETS_2017

TARGETS = load_targets(TARGETS_2017)
HEADER = "county,indicator,value,numerator,denominator,note,year"


def outputs(paths: list[Path], columns: bool, year: int | None = None) -> object:
    """Every report format, or every problem, of a check."""
    try:
        report = run_check(paths, TARGETS_2017, columns=columns, year=year)
    except PlanctlError as exc:
        return [str(problem) for problem in exc.problems]
    options = RenderOptions(width=100)
    # The workbook and the circular are drawn from the same report as the text formats.
    return {f: renderer_for(f)(report, options) for f in Format if not f.binary}


def assert_same(paths: list[Path], year: int | None = None) -> object:
    by_columns = outputs(paths, True, year)
    assert by_columns == outputs(paths, False, year)
    return by_columns


def test_the_sample_data_reports_the_same() -> None:
    assert isinstance(assert_same([DATA]), dict)


COUNTIES = [county.name for county in TARGETS.counties]
RATES = [target.id for target in TARGETS.targets if target.has_parts]
COUNTS = [target.id for target in TARGETS.targets if not target.has_parts]


@st.composite
def figures(draw: st.DrawFn) -> list[str]:
    """Rows for some counties, targets and years: rates with parts (now and then without, or
    with fractional parts), counts, and a few rows with no year."""
    rows = []
    for county in draw(st.lists(st.sampled_from(COUNTIES), min_size=1, max_size=6, unique=True)):
        for year in draw(st.lists(st.integers(2013, 2018), min_size=1, max_size=4, unique=True)):
            written = "" if year == 2017 and draw(st.booleans()) else str(year)
            for target in draw(st.lists(st.sampled_from(RATES), max_size=4, unique=True)):
                denominator = draw(st.integers(1, 40_000))
                numerator = draw(st.integers(0, denominator))
                if draw(st.integers(0, 9)) == 0:
                    rows.append(f"{county},{target},88,,,,{written}")
                    continue
                part = f"{numerator}.5" if draw(st.integers(0, 9)) == 0 else str(numerator)
                rows.append(f"{county},{target},,{part},{denominator},,{written}")
            counts = draw(st.lists(st.sampled_from(COUNTS), max_size=4, unique=True))
            rows.extend(f"{county},{t},{draw(st.integers(0, 40))},,,,{written}" for t in counts)
    return rows


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figures(), st.integers(1, 3), st.sampled_from([None, 2016]))
def test_random_checks_report_the_same(rows: list[str], files: int, year: int | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        # Rows dealt to files in turn: a county and year may land in two files.
        for number in range(files):
            body = "\n".join([HEADER, *rows[number::files]])
            (Path(folder) / f"part-{number}.csv").write_text(body, encoding="utf-8")
        assert_same([Path(folder)], year)


@pytest.mark.parametrize("same", [True, False], ids=["repeated", "conflicting"])
def test_a_county_in_two_files(tmp_path: Path, same: bool) -> None:
    rows = [f"{county},示范幼儿园,{i},,,,2017" for i, county in enumerate(COUNTIES)]
    (tmp_path / "a.csv").write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    again = rows[2] if same else rows[2].replace(",2,", ",7,")
    (tmp_path / "b.csv").write_text("\n".join([HEADER, again]), encoding="utf-8")
    result = assert_same([tmp_path])
    assert isinstance(result, dict) == same


def test_disagreeing_parts_are_reported_the_same(tmp_path: Path) -> None:
    rows = [
        "咸安区,学前三年毛入园率,,21950,24800,,2017",
        "咸安区,inclusive_kindergarten_coverage,,19320,21000,,2017",
        "嘉鱼县,学前三年毛入园率,,100,120,,2016",
        "嘉鱼县,inclusive_kindergarten_coverage,,90,101,,2016",
        "嘉鱼县,示范幼儿园,3,,,,2017",
    ]
    (tmp_path / "a.csv").write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    problems = assert_same([tmp_path / "a.csv"])
    assert isinstance(problems, list) and len(problems) == 2


def test_earlier_points_are_each_countys_asked_in_any_order() -> None:
    """A county's points are made when it is first asked after another's: asked back and
    forth, every county's are still its own, oldest first, as its earlier figures are."""
    report = run_check([DATA], TARGETS_2017, columns=True)
    dataset = report.details.dataset  # type: ignore[attr-defined]
    names = dataset.counties
    assert len(names) > 1
    asked = [*names, *reversed(names), *names[::2]]
    assert dataset.earlier_points("no such county", TARGETS.targets[0].id) == []
    trends = 0
    for name in asked:
        for target in TARGETS.targets:
            expected = [(o.year, o.value) for o in dataset.earlier(name, target.id)]
            assert dataset.earlier_points(name, target.id) == expected
            assert dataset.county_points(name).get(target.id, []) == expected
            trends += bool(expected)
    assert trends


def test_the_citys_histories_at_once_are_each_targets_own(tmp_path: Path) -> None:
    """The city's history of every target, made in one pass (every county's, some counties',
    one that sent nothing), is what pooling each earlier year's figures in turn gives: where
    the parts are whole, where one is a fraction (pooled in order) and where a county lacks a
    year."""
    rows = []
    for number, county in enumerate(COUNTIES):
        for year in (2015, 2016, 2017):
            for at, target in enumerate(RATES):
                if (number, year, at) == (1, 2015, 0):
                    continue
                # The children enrolled are one rate's numerator and another's denominator.
                enrolled = f"{900 + number + year % 7}" + (
                    ".5" if (number, year) == (2, 2016) else ""
                )
                part, below = enrolled, str(1000 + at + year % 7)
                if target == "inclusive_kindergarten_coverage":
                    part, below = str(800 + number), enrolled
                rows.append(f"{county},{target},,{part},{below},,{year}")
            rows.extend(f"{county},{t},{(number + year) % 3},,,,{year}" for t in COUNTS)
    path = tmp_path / "all.csv"
    path.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    report = run_check([path], TARGETS_2017, columns=True)
    dataset = report.details.dataset  # type: ignore[attr-defined]
    names = dataset.counties
    asked = [
        (target, chosen)
        for target in TARGETS.targets
        for chosen in (names, names[1:], names[::2], [*names[:2], "no such county"], [])
    ]
    histories = dataset.city_histories(asked)
    assert histories == [Dataset.city_history(dataset, target, chosen) for target, chosen in asked]
    assert sum(len(history) == 2 for history in histories) > len(TARGETS.targets)


def test_a_year_given_twice_orders_its_points_as_sorted_orders_pairs() -> None:
    """Gather keeps one figure per county, target and year; were one kept twice, a county's
    points would still be ordered as trend_of orders pairs (by year, then value), so that
    the trends through them need no sort of their own."""
    import polars as pl

    report = run_check([DATA], TARGETS_2017, columns=True)
    dataset = report.details.dataset  # type: ignore[attr-defined]
    earlier = dataset.rows.filter(pl.col("year") < dataset.year)
    # Given first, and larger: an order kept from the input would put them first.
    twice = earlier.with_columns(pl.col("value") + 1000.0)
    doubled = dataclasses.replace(dataset, rows=pl.concat([twice, dataset.rows]), _cache={})
    asked = 0
    for name in dataset.counties:
        for target in TARGETS.targets:
            pairs = [(o.year, o.value) for o in doubled.earlier(name, target.id)]
            assert doubled.county_points(name).get(target.id, []) == sorted(pairs)
            asked += len(pairs) > 1
    assert asked


@st.composite
def valid_figures(draw: st.DrawFn) -> list[str]:
    """Rows a check accepts: a few counties' figures of 2017 (now and then with no year) and
    earlier years, some counties with earlier figures only (one rate: two rates' parts that
    count the same people must agree)."""
    rows = []
    counties = draw(st.lists(st.sampled_from(COUNTIES), min_size=1, max_size=6, unique=True))
    for number, county in enumerate(counties):
        years = draw(st.lists(st.integers(2014, 2017), min_size=1, max_size=3, unique=True))
        for year in sorted({2017, *years}) if number == 0 else years:
            written = "" if year == 2017 and draw(st.booleans()) else str(year)
            for target in draw(st.lists(st.sampled_from(RATES[:1]), max_size=1)):
                denominator = draw(st.integers(1, 40_000))
                numerator = draw(st.integers(0, denominator))
                rows.append(f"{county},{target},,{numerator},{denominator},,{written}")
            counts = draw(st.lists(st.sampled_from(COUNTS), min_size=1, max_size=4, unique=True))
            rows.extend(f"{county},{t},{draw(st.integers(0, 2))},,,,{written}" for t in counts)
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_figures(), st.data())
def test_a_countys_current_figures_are_the_same_asked_in_any_order(
    rows: list[str], data: st.DataObject
) -> None:
    """This year's figures are made a few counties at a time: asked in any order, a county
    twice, or one that sent nothing or only earlier years, each is what the rows give."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.csv"
        path.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
        by_rows = gather(read_submissions([path], TARGETS, columns=False), TARGETS)
        by_columns = gather(read_submissions([path], TARGETS, columns=True), TARGETS)
    assert isinstance(by_columns, ColumnDataset)
    names = [*COUNTIES, "no such county"]
    asked = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=20))
    with mock.patch.object(columns_module, "_BATCH", data.draw(st.integers(1, 3))):
        for county in asked:
            assert by_columns.current(county) == by_rows.current(county), county
