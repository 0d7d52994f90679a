"""The city row: county figures rolled up into city totals (see pooling.py), and judged. Pure.

A city rate that cannot be pooled, and a total that lacks a county's figure, both fail.
The city's trend pools each earlier year that every expected county reported.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from planctl.domain.pooling import Figure, Total, pool
from planctl.domain.problems import Problem, Severity
from planctl.domain.terms import Level, Part, Rollup
from planctl.domain.values import format_number
from planctl.gather.dataset import Dataset
from planctl.i18n.codes import Msg
from planctl.judge.carry import carriers
from planctl.judge.report import Status, TargetResult
from planctl.judge.verdict import people_to_meet, status_of
from planctl.targets.models import CountyTarget, Target, TargetSet

if TYPE_CHECKING:
    from planctl.judge.trends import Trend

__all__ = ["Total", "city_results", "expected_counties", "pool"]


def expected_counties(targets: TargetSet, target: Target, dataset: Dataset) -> list[str]:
    """The units whose figures make up the city total of `target` (see
    TargetSet.in_city_total: a unit outside the city totals, or not reporting the target,
    is not expected)."""
    if not targets.counties:
        return dataset.counties
    if target.level is Level.CITY:
        return targets.contributors(target)
    return targets.in_city_total(target)


def city_results(targets: TargetSet, dataset: Dataset) -> list[TargetResult]:
    """Every target judged on the city total for the year judged."""
    expected = [expected_counties(targets, target, dataset) for target in targets.targets]
    # Counties outside the expected list still add what they reported, but for a unit the
    # file keeps out of the city totals (in_city_total: false): its figures are in a county's.
    apart = frozenset(unit.name for unit in targets.units if not unit.in_city_total)
    asked = list(zip(targets.targets, expected, strict=True))
    found: list[tuple[Total, Callable[[], dict[str, int]]] | None] = [None] * len(asked)
    histories: Callable[[], list[dict[int, float]]] | None = None
    if dataset.columnar:
        from planctl.gather.columns import ColumnDataset
        from planctl.judge.columns import city_totals

        assert isinstance(dataset, ColumnDataset)
        found = city_totals(targets, dataset, expected, apart)
        # Every target's history in one pass over the earlier years, made when first asked.
        histories = functools.cache(functools.partial(dataset.city_histories, asked))

    def history(at: int) -> dict[int, float]:
        if histories is not None:
            return histories()[at]
        return dataset.city_history(*asked[at])

    results = []
    for at, (target, wanted) in enumerate(asked):
        total, short = found[at] or _pooled_in_order(target, dataset, wanted, apart)
        results.append(_judged(target, dataset, total, short, functools.partial(history, at)))
    return results


def _pooled_in_order(
    target: Target, dataset: Dataset, expected: list[str], apart: frozenset[str]
) -> tuple[Total, Callable[[], dict[str, int]]]:
    """The city total of `target`, each county's figure added in turn; and a function giving
    each county's people short of its line, in that order (for carry.py)."""
    counties = [c for c in dict.fromkeys(expected + dataset.counties) if c not in apart]
    current = dataset.current_figures(target.id)
    figures = {c: current.get(c) for c in counties}
    # A set to look names up in: a national check has 100,000 counties.
    wanted = set(expected)
    total = pool(target, {c: obs for c, obs in figures.items() if obs or c in wanted})

    def short() -> dict[str, int]:
        # Each county's people short of its line: its own (county_targets), or the city's.
        goal, lines = target.goal, target.county_targets
        return {
            county: (
                goal.with_bound(lines[county].threshold) if county in lines else goal
            ).people_to_meet(obs.numerator, obs.denominator, target.unit.scale, target.unit.moves)
            for county, obs in figures.items()
            if obs is not None and obs.numerator is not None and obs.denominator is not None
        }

    return total, short


def _judged(
    target: Target,
    dataset: Dataset,
    total: Total,
    short: Callable[[], dict[str, int]],
    history: Callable[[], dict[int, float]],
) -> TargetResult:
    """The city's result on `target`, judged on its `total`; `history` gives the city's
    figure of each earlier year (Dataset.city_history)."""
    goal = target.goal
    base = TargetResult(
        target,
        Status.INCOMPLETE,
        goal,
        total.value,
        total.numerator,
        total.denominator,
        lacking=total.lacking,
        unpooled=total.unpooled,
    )
    if total.lacking:
        return base
    if total.unpooled or total.value is None:
        return TargetResult(target, Status.CANNOT_POOL, goal, unpooled=total.unpooled)
    status = status_of(target, goal, total.value)
    carry = None
    if status is not Status.MET and total.numerator is not None and total.denominator:
        carry = carriers(goal, total.numerator, total.denominator, short(), target.unit)
    return TargetResult(
        target,
        status,
        goal,
        total.value,
        total.numerator,
        total.denominator,
        gap=goal.gap(total.value),
        people=people_to_meet(target, goal, total.numerator, total.denominator),
        trend=_city_trend(target, dataset.year, history(), total.value),
        carry=carry,
    )


def _city_trend(target: Target, year: int, history: dict[int, float], value: float) -> Trend | None:
    """The city figure of every earlier year that all expected counties reported (`history`);
    the baseline."""
    earlier: dict[int, float] = {}
    if target.baseline is not None and target.baseline.year < year:
        earlier[target.baseline.year] = target.baseline.value
    earlier.update(history)
    if not earlier:
        return None
    from planctl.judge.trends import trend_of

    trend = trend_of(sorted(earlier.items()), year, value, target.goal, target.provenance.deadline)
    baseline = target.baseline
    # A pooled earlier year of the counties' own figures takes the place of the baseline.
    if baseline is None or baseline.year not in dict(trend.points):
        return trend
    if baseline.year in history:
        return trend
    return dataclasses.replace(trend, outside={baseline.year: baseline.source})


def _pooled_lines(
    target: Target, parts: list[tuple[CountyTarget | None, Figure | None]]
) -> float | None:
    """The city's figure if every county stood at its line, the part that does not move
    (Unit.moves) as reported: a rate's denominators (Σ line × d / Σ d), or a ratio's
    numerators, each county's denominator then numerator / line (Σ n / Σ n / line)."""
    pairs = [(line.threshold, obs) for line, obs in parts if line is not None and obs is not None]
    if target.unit.moves is Part.NUMERATOR:
        denominator = sum(obs.denominator or 0.0 for _, obs in pairs)
        return sum(line * (obs.denominator or 0.0) for line, obs in pairs) / denominator
    if any(line <= 0 for line, _ in pairs):
        return None
    numerator = sum(obs.numerator or 0.0 for _, obs in pairs)
    at_lines = sum((obs.numerator or 0.0) / line for line, obs in pairs)
    return numerator / at_lines if at_lines else None


def county_lines_short(targets: TargetSet, dataset: Dataset) -> list[Problem]:
    """A warning for each rate whose county lines (county_targets), given for every county,
    pool short of the city's line with this year's denominators: every county meeting its
    line would still leave the city short."""
    found: list[Problem] = []
    for index, target in enumerate(targets.targets):
        lines = target.county_targets
        if target.rollup is not Rollup.RATIO or not lines:
            continue
        expected = expected_counties(targets, target, dataset)
        current = dataset.current_figures(target.id)
        parts = [(lines.get(county), current.get(county)) for county in expected]
        if not expected or any(
            line is None or obs is None or not obs.denominator for line, obs in parts
        ):
            continue
        pooled = _pooled_lines(target, parts)
        if pooled is None or target.goal.holds(pooled):
            continue
        found.append(
            Problem(
                Msg.COUNTY_LINES_POOL_SHORT
                if target.unit.moves is Part.NUMERATOR
                else Msg.COUNTY_LINES_POOL_SHORT_RATIO,
                # The county-targets file's lines are laid over the targets file's.
                targets.county_targets_file or targets.display,
                None
                if targets.county_targets_file
                else targets.line_of(("targets", index, "county_targets")),
                "county_targets",
                {
                    "indicator": target.id,
                    "pooled": format_number(pooled, 2),
                    "year": dataset.year,
                    "target": target.goal.shown(format_number),
                },
                Severity.WARNING,
            )
        )
    return found
