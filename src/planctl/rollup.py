"""The city row: county figures rolled up into city totals, and judged. Pure.

A rate is pooled as the sum of the counties' numerators over the sum of their
denominators, never as a mean of county rates: a large county with a low rate weighs more
than a small one with a high rate. Where a county gave a rate without numerator and
denominator, the city rate "cannot be pooled" (no guess is made); where a county whose
figure belongs in a total did not report it, the total is "incomplete". Both fail.
Counts are summed.
"""

from __future__ import annotations

from dataclasses import dataclass

from planctl.gather import Dataset
from planctl.report import Status, TargetResult, status_for
from planctl.submissions import Observation
from planctl.targets import Target, TargetSet
from planctl.terms import Level, Rollup
from planctl.trends import Trend, trend_of


@dataclass(frozen=True)
class Total:
    """A city figure: value and parts, or why there is none."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    lacking: tuple[str, ...] = ()
    unpooled: tuple[str, ...] = ()


def pool(target: Target, figures: dict[str, Observation | None]) -> Total:
    """Roll county figures up by the target's rule; `figures` maps each expected county."""
    lacking = tuple(county for county, obs in figures.items() if obs is None)
    reported = [obs for obs in figures.values() if obs is not None]
    if target.rollup is Rollup.SUM:
        return Total(sum(obs.value for obs in reported) if reported else None, lacking=lacking)
    unpooled = tuple(
        county
        for county, obs in figures.items()
        if obs is not None and (obs.numerator is None or obs.denominator is None)
    )
    if unpooled or not reported:
        return Total(None, lacking=lacking, unpooled=unpooled)
    numerator = sum(obs.numerator or 0.0 for obs in reported)
    denominator = sum(obs.denominator or 0.0 for obs in reported)
    value = numerator * 100 / denominator if denominator else None
    return Total(value, numerator, denominator, lacking)


def expected_counties(targets: TargetSet, target: Target, dataset: Dataset) -> list[str]:
    """The counties whose figures make up the city total of `target`."""
    if not targets.counties:
        return dataset.counties
    if target.level is Level.CITY:
        return targets.contributors(target)
    return [county.name for county in targets.counties]


def city_results(targets: TargetSet, dataset: Dataset) -> list[TargetResult]:
    """Every target judged on the city total for the year judged."""
    return [_city_result(targets, target, dataset) for target in targets.targets]


def _city_result(targets: TargetSet, target: Target, dataset: Dataset) -> TargetResult:
    expected = expected_counties(targets, target, dataset)
    # Counties outside the expected list still add what they reported.
    counties = list(dict.fromkeys(expected + dataset.counties))
    figures = {c: dataset.figure(c, dataset.year, target.id) for c in counties}
    total = pool(target, {c: obs for c, obs in figures.items() if obs or c in expected})
    base = TargetResult(
        target,
        Status.INCOMPLETE,
        target.threshold,
        total.value,
        total.numerator,
        total.denominator,
        lacking=total.lacking,
        unpooled=total.unpooled,
    )
    if total.lacking:
        return base
    if total.unpooled or total.value is None:
        return TargetResult(target, Status.CANNOT_POOL, target.threshold, unpooled=total.unpooled)
    return TargetResult(
        target,
        status_for(target, total.value, target.threshold),
        target.threshold,
        total.value,
        total.numerator,
        total.denominator,
        gap=total.value - target.threshold,
        trend=_city_trend(target, dataset, expected, total.value),
    )


def _city_trend(
    target: Target, dataset: Dataset, expected: list[str], value: float
) -> Trend | None:
    """The city figure of every earlier year that all expected counties reported; the baseline."""
    earlier: dict[int, float] = {}
    if target.baseline is not None and target.baseline.year < dataset.year:
        earlier[target.baseline.year] = target.baseline.value
    for year in dataset.earlier_years():
        total = pool(target, {c: dataset.figure(c, year, target.id) for c in expected})
        if total.value is not None and not total.lacking:
            earlier[year] = total.value
    if not earlier:
        return None
    return trend_of(
        sorted(earlier.items()), dataset.year, value, target.threshold, target.provenance.deadline
    )
