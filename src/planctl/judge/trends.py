"""Trends: the figures of earlier years, and whether the pace achieved reaches the target.

For a target judged in year Y with deadline D, from the earliest earlier figure (year F,
value v_F) to this year's value v_Y:

- achieved pace = (v_Y − v_F) / (Y − F) per year;
- needed pace   = (aim − v_F) / (D − F) per year: the steady pace that, from F, would
  have reached the goal by the deadline;
- while Y is before D, the pace now needed = (aim − v_Y) / (D − Y) per year.

The aim is the goal's bound, or for a `between` goal the nearer bound of the band (no pace
is needed from inside it): see `Goal.aim`.

All paces are in the target's unit: percentage points or a count per year, signed.

Each trend also carries a progress category, by the method Statistics Canada developed and
Open SDG adopted (open-sdg/open-sdg, docs/progress-methodology.md): the ratio R of the
observed compound annual growth rate, (v_Y / v_F)^(1 / (Y − F)) − 1, to the one that would
reach the aim by the deadline, (aim / v_F)^(1 / (D − F)) − 1, signed by the direction of
the aim. The goal met is "achieved"; otherwise R ≥ 95% is "on track", 60% ≤ R < 95%
"progress, but acceleration needed", 0 ≤ R < 60% "limited progress", R < 0 "moving away".
Where a growth rate has no meaning (a value or aim of 0 or less: a count to bring to none)
the linear paces above take its place. A deadline already passed is judged as of the year
judged: the growth needed is the growth that would have reached the aim by now; and at or
past the deadline a goal not met is never "on track" (at best, acceleration was needed). The
projection is the value at the deadline if the observed growth holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from planctl.domain.goal import Goal

# Statistics Canada's thresholds on R, as Open SDG applies them.
ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.60


class Category(StrEnum):
    """Where a trend is heading (Statistics Canada's categories, as Open SDG names them)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED_PROGRESS = "limited_progress"
    MOVING_AWAY = "moving_away"


@dataclass(frozen=True)
class Progress:
    """A trend's category, the ratio of observed to needed growth, and the projection."""

    category: Category
    # Observed over needed growth; None when the goal is met or no growth was needed.
    ratio: float | None
    # The value at `year` (the deadline, or the year judged once it has passed) if the
    # observed growth holds.
    projected: float
    year: int
    # Whether the ratio compares compound growth rates, or (where those have no meaning)
    # linear paces.
    compound: bool


@dataclass(frozen=True)
class Pace:
    """How fast a figure moved, against how fast it had to move."""

    since_year: int
    since_value: float
    achieved_per_year: float
    needed_per_year: float | None
    years_left: int
    needed_from_now_per_year: float | None


@dataclass(frozen=True)
class Trend:
    """A figure's values by year, oldest first, ending with the year judged."""

    points: list[tuple[int, float]]
    pace: Pace | None
    progress: Progress | None = None
    # Points not from the submissions (the targets file's baseline), by year: where each
    # comes from, so every report can say so where it shows it.
    outside: dict[int, str] = field(default_factory=dict)


def trend_of(
    earlier: list[tuple[int, float]], year: int, value: float, goal: Goal, deadline: int
) -> Trend:
    """The trend of `value` in `year` given the figures of earlier years."""
    return trend_through(
        [*sorted((y, v) for y, v in earlier if y < year), (year, value)], goal, deadline
    )


def trend_through(points: list[tuple[int, float]], goal: Goal, deadline: int) -> Trend:
    """The trend through `points`: oldest first (as sorted() orders them), ending with the
    year judged and its value. A county's earlier points come so ordered from its dataset
    (Dataset.earlier_points), so its results need not sort them again; `points` is kept."""
    year, value = points[-1]
    if len(points) < 2:
        return Trend(points, None)
    since_year, since_value = points[0]
    years_left = deadline - year
    # The aim from where the trend began, made once for the pace and the progress (a
    # national report makes 74,000 trends); the fields in Pace's order.
    aim = goal.aim(since_value)
    pace = Pace(
        since_year,
        since_value,
        (value - since_value) / (year - since_year),
        (aim - since_value) / (deadline - since_year) if deadline > since_year else None,
        years_left,
        (goal.aim(value) - value) / years_left if years_left > 0 else None,
    )
    progress = _progress(since_year, since_value, year, value, goal, deadline, aim)
    return Trend(points, pace, progress)


def progress_of(
    since_year: int, since_value: float, year: int, value: float, goal: Goal, deadline: int
) -> Progress:
    """The category of a trend from (since_year, since_value) to (year, value); see above."""
    return _progress(since_year, since_value, year, value, goal, deadline, goal.aim(since_value))


def _progress(
    since_year: int,
    since_value: float,
    year: int,
    value: float,
    goal: Goal,
    deadline: int,
    aim: float,
) -> Progress:
    """progress_of, given the aim from `since_value`."""
    until = max(deadline, year)
    compound = since_value > 0 and value > 0 and aim > 0
    if compound:
        observed = (value / since_value) ** (1 / (year - since_year)) - 1
        needed = (aim / since_value) ** (1 / (until - since_year)) - 1
        projected = value * (1 + observed) ** (until - year)
    else:
        observed = (value - since_value) / (year - since_year)
        needed = (aim - since_value) / (until - since_year)
        projected = value + observed * (until - year)
    if goal.holds(value):
        return Progress(Category.ACHIEVED, None, projected, until, compound)
    if math.isclose(needed, 0.0, abs_tol=1e-12):
        # At the aim when the trend began, and off it now.
        return Progress(Category.MOVING_AWAY, None, projected, until, compound)
    ratio = observed / needed
    # At or past the deadline and not met, no pace is "on track": time is up.
    if ratio >= ON_TRACK_RATIO and year < deadline:
        category = Category.ON_TRACK
    elif ratio >= ACCELERATION_RATIO:
        category = Category.ACCELERATION_NEEDED
    elif ratio >= 0:
        category = Category.LIMITED_PROGRESS
    else:
        category = Category.MOVING_AWAY
    return Progress(category, ratio, projected, until, compound)
