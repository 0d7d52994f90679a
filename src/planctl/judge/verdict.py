"""The one place a status is decided: a value against its goal, by the target's strength.

`Goal.holds` says whether a value meets its goal; this module says what that makes the
result: met, or for an unmet goal "not met" when the target is binding and a warning when it
is aspirational. County results, quotas and the city's totals are all decided here.

Each decision is a `Ladder`: the statuses a value can earn, best first, each with the goal it
must hold. A value climbs it here; judge/columns.py compiles the same ladder into a polars
expression over a column of values, so the two ways of judging cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planctl.domain.goal import Goal
from planctl.domain.terms import Comparator, Level, Rollup, Strength
from planctl.judge.report import Status
from planctl.targets.models import Target


def unmet_status(target: Target) -> Status:
    """What an unmet goal of this target is: a failure if binding, a warning if aspirational."""
    return Status.NOT_MET if target.strength is Strength.BINDING else Status.WARNING


@dataclass(frozen=True)
class Ladder:
    """The statuses a value can earn, best first, each with the goal it must hold, and the
    status of a value that holds none of them."""

    rungs: tuple[tuple[Goal, Status], ...]
    otherwise: Status

    def of(self, value: float) -> Status:
        """The first status whose goal `value` holds."""
        for goal, status in self.rungs:
            if goal.holds(value):
                return status
        return self.otherwise


def status_ladder(target: Target, goal: Goal) -> Ladder:
    """How a value is judged against `goal` by the target's strength and tolerance."""
    unmet = unmet_status(target)
    if target.tolerance is None or goal.high is not None:
        return Ladder(((goal, Status.MET),), unmet)
    # 基本 (basically) with a tolerance the targets file gives: short of the bound by at most
    # the tolerance is basically met.
    near = goal.with_bound(_eased(goal, target.tolerance))
    return Ladder(((goal, Status.MET), (near, Status.BASICALLY_MET)), unmet)


def statuses(target: Target, goal: Goal, values: Iterable[float]) -> list[Status]:
    """The status of each value against `goal`."""
    of = status_ladder(target, goal).of
    return [of(value) for value in values]


def _eased(goal: Goal, tolerance: float) -> float:
    """The bound moved by `tolerance` towards the values that miss it."""
    if goal.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return goal.threshold + tolerance
    return goal.threshold - tolerance


def status_of(target: Target, goal: Goal, value: float) -> Status:
    """The status of one value against `goal`."""
    return statuses(target, goal, [value])[0]


def people_to_meet(
    target: Target, goal: Goal, numerator: float | None, denominator: float | None
) -> int | None:
    """The change in the part of a rate that the target's unit moves (a percentage's
    numerator, a ratio's denominator) that meets `goal` (see Goal.people_to_meet), or None
    without both parts."""
    if numerator is None or denominator is None:
        return None
    unit = target.unit
    return goal.people_to_meet(numerator, denominator, unit.scale, unit.moves)


def line_ladder(strength: Strength, goal: Goal) -> Ladder:
    """How a value is judged against a county's own line (county_targets), by that line's
    strength: binding unless the bureau marked it otherwise."""
    return Ladder(
        ((goal, Status.MET),), Status.NOT_MET if strength is Strength.BINDING else Status.WARNING
    )


def line_status(strength: Strength, goal: Goal, value: float) -> Status:
    """The status of a value against a county's own line (see line_ladder)."""
    return line_ladder(strength, goal).of(value)


def verdict_of(target: Target, county: str, value: float | None) -> tuple[Status, Goal, bool]:
    """A county's status on a target given its value (None: not reported), the goal it is
    held against, and whether that is the county's quota."""
    return verdicts(target, [county], [value])[0]


def verdicts(
    target: Target, counties: list[str], values: list[float | None]
) -> list[tuple[Status, Goal, bool]]:
    """verdict_of for many counties at once (a national check judges 85,500 pairs):
    a city-level target without quotas, and a county-level one, are judged without a
    look-up per county. A county with its own line (county_targets) is judged on it."""
    found = _plan_verdicts(target, counties, values)
    if not target.county_targets:
        return found
    for index, (county, value) in enumerate(zip(counties, values, strict=True)):
        line = target.county_targets.get(county)
        if line is not None:
            held = target.goal.with_bound(line.threshold)
            status = Status.MISSING if value is None else line_status(line.strength, held, value)
            found[index] = (status, held, False)
    return found


@dataclass(frozen=True)
class Judging:
    """How the plan's goal judges a county with no line of its own: the status of a county
    that reported nothing, and the ladder its figure climbs (None: the figure is only its
    share of the city's total)."""

    missing: Status
    ladder: Ladder | None

    def of(self, value: float | None) -> Status:
        if value is None:
            return self.missing
        return Status.CITY_TOTAL if self.ladder is None else self.ladder.of(value)


def plan_judging(target: Target) -> Judging:
    """A county-level target holds each county to its goal; a city-level one shows a county's
    figure as its share, and a rate (pooled as a ratio) also against the city's line."""
    if target.level is Level.COUNTY:
        return Judging(Status.MISSING, status_ladder(target, target.goal))
    if target.rollup is not Rollup.RATIO:
        return Judging(Status.CITY_TOTAL, None)
    return Judging(Status.CITY_TOTAL, city_line_ladder(target.goal))


def own_lines(target: Target) -> set[str]:
    """The counties held to a line of their own on `target` rather than the plan's goal: a
    quota of a city total, or a line of county_targets."""
    quotas = target.quotas if target.level is Level.CITY else {}
    return set(quotas) | set(target.county_targets)


def _plan_verdicts(
    target: Target, counties: list[str], values: list[float | None]
) -> list[tuple[Status, Goal, bool]]:
    goal, plan = target.goal, plan_judging(target)
    if target.level is Level.COUNTY or not target.quotas:
        return [(plan.of(value), goal, False) for value in values]
    found: list[tuple[Status, Goal, bool]] = []
    for county, value in zip(counties, values, strict=True):
        quota = target.quotas.get(county)
        if quota is None:
            found.append((plan.of(value), goal, False))
            continue
        held = goal.with_bound(quota)
        status = Status.MISSING if value is None else status_of(target, held, value)
        found.append((status, held, True))
    return found


def city_line_ladder(goal: Goal) -> Ladder:
    """How a county's rate is held against the city's line: a diagnostic of where the city
    total stands (the county is not held to it)."""
    return Ladder(((goal, Status.MEETS_CITY_TARGET),), Status.BELOW_CITY_TARGET)
