"""A check judged in columns gives, status for status and total for total, what the same
check judged row by row gives: for random figures against targets files of every kind of rule
(a tolerance, a band, a ratio, units not judged or outside the city's totals, quotas,
contributors, county lines)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planctl.check import run_check
from planctl.domain.problems import PlanctlError
from planctl.domain.terms import Unit
from planctl.judge.report import Report
from planctl.render.scale import NAMED, tallies
from planctl.targets.load import load_targets
from planctl.targets.models import Quantity
from tests.conftest import FIXTURES, TARGETS_2017

HEADER = "county,indicator,value,numerator,denominator,note,year"
TARGET_FILES = {
    "2017": TARGETS_2017,
    "basically": FIXTURES / "basically" / "targets.yaml",
    "between": FIXTURES / "between" / "targets.yaml",
    "ratio": FIXTURES / "ratio" / "targets.yaml",
    "units": FIXTURES / "units" / "targets.yaml",
}
LINES = FIXTURES / "county_targets" / "lines.csv"


@st.composite
def figures(draw: st.DrawFn, targets: Path, years: tuple[int, ...] = (2016, 2017)) -> list[str]:
    """Rows for some of the file's units, for some of `years` (this year and the last unless
    told; 2017 is judged): parts near and far from each goal, now and then a rate without
    parts, a fractional part, or no figure at all."""
    loaded = load_targets(targets)
    known = [county.name for county in loaded.counties]
    units = draw(st.lists(st.sampled_from(known), min_size=1, unique=True))
    first = loaded.targets[0]
    # One figure of the year judged, so that the file is one of that year.
    rows: list[str] = []
    keyed: dict[tuple[str, int, str], int] = {}
    for county in units:
        given = draw(st.lists(st.sampled_from(years), min_size=1, unique=True))
        for year in sorted({*given, 2017} if county == units[0] else given):
            for target in loaded.targets:
                if (county, target, year) != (units[0], first, 2017) and draw(
                    st.integers(0, 7)
                ) == 0:
                    continue
                bound = target.goal.bounds[draw(st.integers(0, len(target.goal.bounds) - 1))]
                if not target.has_parts:
                    value = max(0, round(bound) + draw(st.integers(-3, 3)))
                    if target.valid_range.max is not None:
                        value = min(value, int(target.valid_range.max))
                    rows.append(f"{county},{target.id},{value},,,,{year}")
                    continue

                # Parts that count the same people (the same key) are the same number.
                def part(quantity: Quantity | None, fresh: int, at: tuple[str, int]) -> int:
                    key = quantity.key if quantity is not None else None
                    return fresh if key is None else keyed.setdefault((*at, key), fresh)

                denominator = part(target.denominator, draw(st.integers(1, 5_000)), (county, year))
                near = round(bound * denominator / target.unit.scale) + draw(st.integers(-40, 40))
                if target.unit is Unit.PERCENT:
                    near = min(near, denominator)
                numerator = part(target.numerator, max(0, near), (county, year))
                if draw(st.integers(0, 11)) == 0:
                    rows.append(f"{county},{target.id},{bound},,,,{year}")
                    continue
                loose = target.numerator is None or target.numerator.key is None
                half = loose and numerator < denominator and draw(st.integers(0, 11)) == 0
                written = f"{numerator}.5" if half else str(numerator)
                rows.append(f"{county},{target.id},,{written},{denominator},,{year}")
    return rows


def _judged(report: Report) -> object:
    """What a check decided: each county's statuses and gaps and its results in full (a
    large check's read from its columns), the city's results, the counts."""
    counted = [
        (tally.target.id, tally.counts, [tally.named(s) for s in NAMED], tally.city)
        for tally in tallies(report)
    ]
    counties = [
        (
            county.county.name,
            tuple(county.brief),
            county.submitted,
            county.apart,
            list(report.results_of(county)),
        )
        for county in report.counties
    ]
    return counties, report.city, counted, report.verdict(), report.failures


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TARGET_FILES))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), lines=st.booleans(), city=st.booleans())
def test_columns_judge_as_rows_do(name: str, data: st.DataObject, lines: bool, city: bool) -> None:
    targets = TARGET_FILES[name]
    rows = data.draw(figures(targets))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "all.csv"
        path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
        extra = {"county_targets": LINES} if lines and name == "2017" else {}
        judged: list[object] = []
        for columns in (True, False):
            try:
                report = run_check([path], targets, columns=columns, city=city, **extra)  # type: ignore[arg-type]
            except PlanctlError as exc:
                judged.append([str(problem) for problem in exc.problems])
                continue
            assert (report.briefs is not None) is columns
            judged.append(_judged(report))
    assert judged[0] == judged[1]
