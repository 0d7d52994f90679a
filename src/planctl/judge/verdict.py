"""The one place a status is decided: a value against its goal, by the target's strength.

`Goal.holds` says whether a value meets its goal; this module says what that makes the
result: met, or for an unmet goal "not met" when the target is binding and a warning when it
is aspirational. County results, quotas and the city's totals are all decided here.
"""

from __future__ import annotations

from collections.abc import Iterable

from planctl.domain.goal import Goal
from planctl.domain.terms import Comparator, Strength
from planctl.judge.report import Status
from planctl.targets.models import Target


def unmet_status(target: Target) -> Status:
    """What an unmet goal of this target is: a failure if binding, a warning if aspirational."""
    return Status.NOT_MET if target.strength is Strength.BINDING else Status.WARNING


def statuses(target: Target, goal: Goal, values: Iterable[float]) -> list[Status]:
    """The status of each value against `goal` (a national check judges 85,500 at once)."""
    holds, unmet = goal.holds, unmet_status(target)
    if target.tolerance is None or goal.high is not None:
        return [Status.MET if holds(value) else unmet for value in values]
    # 基本 (basically) with a tolerance the targets file gives: short of the bound by at most
    # the tolerance is basically met.
    near = goal.with_bound(_eased(goal, target.tolerance)).holds
    return [
        Status.MET if holds(value) else Status.BASICALLY_MET if near(value) else unmet
        for value in values
    ]


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


def line_status(strength: Strength, goal: Goal, value: float) -> Status:
    """The status of a value against a county's own line (county_targets), by that line's
    strength: binding unless the bureau marked it otherwise."""
    if goal.holds(value):
        return Status.MET
    return Status.NOT_MET if strength is Strength.BINDING else Status.WARNING
