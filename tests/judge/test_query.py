"""A report is data the judge made: results held for a small check, a query for a large one."""

from __future__ import annotations

import dataclasses
import functools
import random
import re
import tempfile
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planctl.check import run_check
from planctl.domain.problems import PlanctlError
from planctl.judge import query
from planctl.judge.query import ResultQuery
from planctl.judge.report import HeldResults, Report
from planctl.judge.trends import trend_of
from planctl.render import Format, renderer_for
from planctl.render.options import RenderOptions
from tests.conftest import DATA, TARGETS_2017
from tests.judge.test_columns import HEADER, LINES, TARGET_FILES, figures
from tests.render.test_scale import _bench

_CODE = (types.FunctionType, types.MethodType, types.LambdaType, functools.partial)


def _code_in(value: object, seen: set[int], where: str) -> list[str]:
    """Where a function or a bound method hides in `value`: a field, an item, an attribute."""
    if id(value) in seen or value is None or isinstance(value, str | int | float | bytes):
        return []
    seen.add(id(value))
    if isinstance(value, _CODE):
        return [where]
    if isinstance(value, dict):
        items = list(value.items())
        return [f for k, v in items for f in _code_in(v, seen, f"{where}[{k!r}]")]
    if isinstance(value, list | tuple | set | frozenset):
        return [f for i, item in enumerate(value) for f in _code_in(item, seen, f"{where}[{i}]")]
    if type(value).__module__.startswith("planctl."):
        names = vars(value) if hasattr(value, "__dict__") else {}
        return [
            f
            for k, v in names.items()
            if not k.startswith("__")
            for f in _code_in(v, seen, f"{where}.{k}")
        ]
    return []


def test_a_small_report_is_plain_data_with_its_results_held() -> None:
    report = run_check([DATA], TARGETS_2017)
    assert isinstance(report.details, HeldResults)
    assert _code_in(report, set(), "report") == []
    assert all(report.results_of(county) for county in report.counties if county.submitted)


def test_a_column_read_report_holds_a_query_and_no_code() -> None:
    report = run_check([DATA], TARGETS_2017, columns=True)
    assert isinstance(report.details, ResultQuery)
    assert _code_in(report, set(), "report") == []


def test_the_query_gives_the_results_the_small_path_holds() -> None:
    held = run_check([DATA], TARGETS_2017, columns=False)
    asked = run_check([DATA], TARGETS_2017, columns=True)
    for small, large in zip(held.counties, asked.counties, strict=True):
        assert small == large
        assert list(held.results_of(small)) == list(asked.results_of(large))


def _many_counties(tmp_path: Path) -> tuple[Path, Path]:
    """The benchmark's targets and rows for 30 counties (10,800 rows, read in columns): a
    city view at scale."""
    bench = _bench()
    counties = bench.county_names(30)
    bench.write_targets(tmp_path / "targets.yaml", counties)
    rng = random.Random(2017)
    rows = [row for county in counties for row in bench.county_rows(county, rng)]
    path = tmp_path / "all.csv"
    path.write_text("\n".join([bench.HEADER, *rows]) + "\n", encoding="utf-8")
    return path, tmp_path / "targets.yaml"


def test_a_summary_of_a_large_check_makes_no_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table of hundreds of counties counts statuses: it asks the query for nothing."""
    path, targets = _many_counties(tmp_path)
    report = run_check([path], targets, columns=True)
    assert isinstance(report.details, ResultQuery) and len(report.counties) == 30

    def refuse(*_: object) -> None:
        raise AssertionError("a county's results were made")

    monkeypatch.setattr(query, "result_of", refuse)
    table = renderer_for(Format.TABLE)(report, RenderOptions(width=100))
    assert "测试县0030" in table
    with pytest.raises(AssertionError, match="results were made"):
        renderer_for(Format.CSV)(report, RenderOptions())


def test_a_report_stays_frozen() -> None:
    report: Report = run_check([DATA], TARGETS_2017)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.details = HeldResults()  # type: ignore[misc]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TARGET_FILES))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), city=st.booleans(), lines=st.booleans())
def test_a_national_checks_results_and_trends_are_the_one_at_a_time_ones(
    name: str, data: st.DataObject, city: bool, lines: bool
) -> None:
    """The query's results (each county's earlier points cut from one sorted slice, its trends
    through them unsorted) equal, to the bit, the results a small check makes one target at a
    time, and each trend is trend_of's from the county's earlier figures: for figures in any
    order over years with gaps, every comparator and status, deadlines past and future, and
    (in the city view) the targets file's baselines; counties held to lines of their own too."""
    text = TARGET_FILES[name].read_text(encoding="utf-8")
    deadlines = iter(data.draw(st.lists(st.integers(2012, 2022), min_size=40, max_size=40)))
    text = re.sub(r"deadline: \d{4}", lambda _: f"deadline: {next(deadlines)}", text)
    with tempfile.TemporaryDirectory() as folder:
        targets = Path(folder) / "targets.yaml"
        targets.write_text(text, encoding="utf-8")
        rows = data.draw(st.permutations(data.draw(figures(targets, tuple(range(2010, 2018))))))
        path = Path(folder) / "all.csv"
        path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
        extra = {"county_targets": LINES} if lines and name == "2017" else {}
        try:
            held = run_check([path], targets, columns=False, city=city, **extra)  # type: ignore[arg-type]
        except PlanctlError as exc:
            with pytest.raises(PlanctlError) as again:
                run_check([path], targets, columns=True, city=city, **extra)  # type: ignore[arg-type]
            assert [str(p) for p in again.value.problems] == [str(p) for p in exc.problems]
            return
        asked = run_check([path], targets, columns=True, city=city, **extra)  # type: ignore[arg-type]
    assert isinstance(asked.details, ResultQuery) and isinstance(held.details, HeldResults)
    trends = 0
    for small, large in zip(held.counties, asked.counties, strict=True):
        made, given = list(held.results_of(small)), list(asked.results_of(large))
        # repr tells -0.0 from 0.0, which == does not.
        assert repr(given) == repr(made) and given == made
        for result in given:
            if result.trend is None:
                continue
            trends += 1
            assert result.value is not None
            earlier = asked.details.dataset.earlier(small.county.name, result.target.id)
            assert result.trend == trend_of(
                [(o.year or asked.year, o.value) for o in earlier],
                asked.year,
                result.value,
                result.goal,
                result.target.provenance.deadline,
            )
    assert repr(asked.city) == repr(held.city)
    assume(trends)
