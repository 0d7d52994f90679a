"""The pace arithmetic: achieved against needed, before and at the deadline."""

from __future__ import annotations

import pytest

from planctl.domain.goal import Goal
from planctl.domain.terms import Comparator
from planctl.judge.trends import Category, progress_of, trend_of

AT_LEAST = Comparator.AT_LEAST


def test_no_earlier_figure_means_no_pace() -> None:
    trend = trend_of([], 2017, 82.0, Goal(AT_LEAST, 87), 2017)
    assert trend.points == [(2017, 82.0)] and trend.pace is None


def test_pace_at_the_deadline() -> None:
    trend = trend_of([(2015, 78.0), (2016, 80.0)], 2017, 82.0, Goal(AT_LEAST, 87), 2017)
    assert trend.points == [(2015, 78.0), (2016, 80.0), (2017, 82.0)]
    pace = trend.pace
    assert pace is not None
    assert (pace.since_year, pace.since_value) == (2015, 78.0)
    assert pace.achieved_per_year == pytest.approx(2.0)  # (82 - 78) / 2
    assert pace.needed_per_year == pytest.approx(4.5)  # (87 - 78) / 2
    assert pace.years_left == 0 and pace.needed_from_now_per_year is None


def test_pace_before_the_deadline() -> None:
    pace = trend_of([(2015, 80.0)], 2016, 82.0, Goal(AT_LEAST, 87), 2018).pace
    assert pace is not None
    assert pace.achieved_per_year == pytest.approx(2.0)
    assert pace.needed_per_year == pytest.approx(7 / 3)  # (87 - 80) / 3
    assert pace.years_left == 2
    assert pace.needed_from_now_per_year == pytest.approx(2.5)  # (87 - 82) / 2


def test_a_downward_target() -> None:
    pace = trend_of([(2016, 5.0)], 2017, 3.0, Goal(Comparator.AT_MOST, 0), 2017).pace
    assert pace is not None
    assert (pace.achieved_per_year, pace.needed_per_year) == (-2.0, -5.0)


def test_later_figures_are_not_history() -> None:
    assert trend_of([(2018, 90.0)], 2017, 82.0, Goal(AT_LEAST, 87), 2017).pace is None


@pytest.mark.parametrize(
    ("since", "value", "category"),
    [
        # 84% in 2015, aiming at 87% by 2019: the growth needed is 0.88% a year, compound.
        (84, 87.5, Category.ACHIEVED),
        (84, 85.5, Category.ON_TRACK),  # R about 1.01
        (84, 85.0, Category.ACCELERATION_NEEDED),  # R about 0.68
        (84, 84.5, Category.LIMITED_PROGRESS),  # R about 0.34
        (84, 83.0, Category.MOVING_AWAY),  # R < 0
    ],
)
def test_progress_categories_follow_statistics_canada(
    since: float, value: float, category: Category
) -> None:
    progress = progress_of(2015, since, 2017, value, Goal(Comparator.AT_LEAST, 87), 2019)
    assert progress.category is category
    assert progress.compound and progress.year == 2019


def test_the_thresholds_of_the_ratio() -> None:
    goal = Goal(Comparator.AT_LEAST, 87)
    needed = (87 / 84) ** (1 / 4) - 1
    for ratio, category in [
        (0.96, Category.ON_TRACK),
        (0.94, Category.ACCELERATION_NEEDED),
        (0.61, Category.ACCELERATION_NEEDED),
        (0.59, Category.LIMITED_PROGRESS),
    ]:
        value = 84 * (1 + needed * ratio) ** 2
        found = progress_of(2015, 84, 2017, value, goal, 2019)
        assert found.category is category, ratio
        assert found.ratio == pytest.approx(ratio)
        # The projection: this growth kept to the deadline.
        assert found.projected == pytest.approx(84 * (1 + needed * ratio) ** 4)


def test_at_the_deadline_a_missed_goal_is_never_on_track() -> None:
    # The city's 86.94% in 2017 against 87% due 2017: 98% of the growth, but time is up.
    found = progress_of(2015, 84, 2017, 86.942623, Goal(Comparator.AT_LEAST, 87), 2017)
    assert found.category is Category.ACCELERATION_NEEDED
    assert found.ratio == pytest.approx(0.981, abs=1e-3)
    # A deadline passed is judged as of the year judged.
    late = progress_of(2015, 84, 2019, 86.0, Goal(Comparator.AT_LEAST, 87), 2017)
    assert late.year == 2019 and late.projected == 86.0


def test_a_count_to_bring_to_none_uses_the_linear_paces() -> None:
    found = progress_of(2016, 5, 2017, 3, Goal(Comparator.AT_MOST, 0), 2017)
    assert (found.category, found.compound, found.ratio) == (
        Category.LIMITED_PROGRESS,
        False,
        pytest.approx(0.4),
    )
