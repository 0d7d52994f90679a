"""The pace arithmetic: achieved against needed, before and at the deadline."""

from __future__ import annotations

import pytest

from planctl.domain.goal import Goal
from planctl.domain.terms import Comparator
from planctl.judge.trends import trend_of

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
