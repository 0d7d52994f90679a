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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planctl.domain.goal import Goal


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
    # Points not from the submissions (the targets file's baseline), by year: where each
    # comes from, so every report can say so where it shows it.
    outside: dict[int, str] = field(default_factory=dict)


def trend_of(
    earlier: list[tuple[int, float]], year: int, value: float, goal: Goal, deadline: int
) -> Trend:
    """The trend of `value` in `year` given the figures of earlier years."""
    points = [*sorted((y, v) for y, v in earlier if y < year), (year, value)]
    if len(points) < 2:
        return Trend(points, None)
    since_year, since_value = points[0]
    years_left = deadline - year
    pace = Pace(
        since_year=since_year,
        since_value=since_value,
        achieved_per_year=(value - since_value) / (year - since_year),
        needed_per_year=(
            (goal.aim(since_value) - since_value) / (deadline - since_year)
            if deadline > since_year
            else None
        ),
        years_left=years_left,
        needed_from_now_per_year=(goal.aim(value) - value) / years_left if years_left > 0 else None,
    )
    return Trend(points, pace)
