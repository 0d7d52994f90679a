"""A county's results in full, and the query a large check's renderers ask for them. Pure.

`county_results_of` judges every target for one county: its value, parts, gap, source, trend
and the people it is short. A small check makes every county's at once and holds them; a
national one (a dataset held in columns) gives renderers a `ResultQuery` instead, which makes
a county's results only when a renderer that prints them asks, a batch of counties at a
time, so that a summary of 85,500 results never builds them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planctl.domain.goal import Goal
from planctl.domain.terms import Level
from planctl.gather.dataset import Dataset
from planctl.judge.report import BriefColumns, Details, Status, TargetResult
from planctl.judge.verdict import own_lines, people_to_meet, verdict_of
from planctl.read.submissions import Observation
from planctl.targets.models import Target, TargetSet

if TYPE_CHECKING:
    from planctl.judge.trends import Trend


def judge(
    target: Target,
    county: str,
    observation: Observation | None,
    earlier: list[tuple[int, float]],
    year: int,
    judged: bool = True,
) -> TargetResult:
    """The result of one target for one county, given what the county reported this year and
    the values of earlier years (oldest first). A unit the file does not judge (`judged:
    false`) only adds its figure of a county-level target to the city total."""
    value = observation.value if observation is not None else None
    status, goal, quota = verdict_of(target, county, value)
    if not judged and target.level is Level.COUNTY:
        status = Status.CITY_TOTAL
    gap = None
    if observation is not None and status is not Status.CITY_TOTAL:
        gap = goal.gap(observation.value)
    return result_of(target, county, observation, earlier, year, (status, goal, quota), gap)


def result_of(
    target: Target,
    county: str,
    observation: Observation | None,
    earlier: list[tuple[int, float]],
    year: int,
    verdict: tuple[Status, Goal, bool],
    gap: float | None,
) -> TargetResult:
    """The result of one target for one county already judged: its status, the goal it is
    held against and whether that is its quota (verdict_of), and its gap (None where the
    figure is missing or only its share of the city's total). `earlier` is as
    Dataset.earlier_points gives it: before `year`, oldest first."""
    status, goal, quota = verdict
    if status is Status.CITY_TOTAL:
        if observation is None:
            return TargetResult(target, status, goal)
        return TargetResult(target, status, goal, observation.value, source=observation)
    if observation is None:
        return TargetResult(target, status, goal, quota=quota)
    value = observation.value
    return TargetResult(
        target,
        status,
        goal,
        value,
        observation.numerator,
        observation.denominator,
        gap,
        quota=quota,
        source=observation,
        trend=_trend([*earlier, (year, value)], goal, target) if earlier else None,
        people=people_to_meet(target, goal, observation.numerator, observation.denominator),
        county_line=county in target.county_targets,
    )


def county_results_of(
    targets: TargetSet, dataset: Dataset, county: str, apart: frozenset[str]
) -> tuple[TargetResult, ...]:
    """Every target judged for one county that submitted, in the targets file's order, but
    the city-level targets in `apart` (which it has no part in)."""
    reported = dataset.current(county)
    points = dataset.county_points(county)
    unit = targets.find_county(county)
    judged = unit is None or unit.judged
    return tuple(
        judge(
            target, county, reported.get(target.id), points.get(target.id, []), dataset.year, judged
        )
        for target in targets.targets
        if target.id not in apart
    )


@dataclass(frozen=True)
class ResultQuery(Details):
    """The results of a large check's counties, made from its dataset when asked; each
    status and gap read from the check's columns (`briefs`), which judged them already, but
    those of the counties held to a line of their own, judged here again for its goal."""

    targets: TargetSet
    dataset: Dataset
    # The report's counties, in its order: each name, and the city-level targets it has no
    # part in (None: it sent nothing).
    counties: tuple[tuple[str, frozenset[str] | None], ...]
    briefs: BriefColumns

    def results(self, place: int) -> Sequence[TargetResult]:
        name, apart = self.counties[place]
        if apart is None:
            return ()
        dataset = self.dataset
        reported = dataset.current(name)
        unit = self.targets.find_county(name)
        judged = unit is None or unit.judged
        points = dataset.county_points(name)
        year = dataset.year
        found = []
        wanted = [plan for plan in self._plan if plan[0].id not in apart] if apart else self._plan
        for (target, goal, own), (status, gap) in zip(wanted, self.briefs.of(place), strict=True):
            observation = reported.get(target.id)
            earlier = points.get(target.id, [])
            if name in own:
                found.append(judge(target, name, observation, earlier, year, judged))
                continue
            verdict = (status, goal, False)
            found.append(result_of(target, name, observation, earlier, year, verdict, gap))
        return tuple(found)

    @functools.cached_property
    def _plan(self) -> list[tuple[Target, Goal, set[str]]]:
        """Each target, its goal (made once, not per county) and the counties held to a line
        of their own on it."""
        return [(target, target.goal, own_lines(target)) for target in self.targets.targets]


def _trend(points: list[tuple[int, float]], goal: Goal, target: Target) -> Trend:
    """The trend of a county's figure through its points; judge/trends.py is imported by the
    first check with earlier years (a one-year check of one county needs none of it), and
    then kept: a national report asks 74,000 times."""
    global _trend_through
    if _trend_through is None:
        from planctl.judge.trends import trend_through

        _trend_through = trend_through
    return _trend_through(points, goal, target.provenance.deadline)


_trend_through: Callable[[list[tuple[int, float]], Goal, int], Trend] | None = None
