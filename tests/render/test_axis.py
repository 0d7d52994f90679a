"""A chart's value axis: from 0 where that shows the differences, otherwise from a nice step
below the lowest figure, never below 0 for figures that are not."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planctl.render.axis import NICE, value_axis

# The figures of the sample data's charts: the bars (counties, then the city) and the target.
ENROLMENT = [88.51, 93.02, 82.01, 83.71, 93.03, 87.0, 86.94, 87.0]
BROADBAND = [100.0, 100.0, 98.54, 100.0, 98.32, 100.0, 99.41, 100.0]
MODEL_KINDERGARTENS = [9.0, 4.0, 5.0, 5.0, 3.0, 6.0, 32.0, 33.0]


@pytest.mark.parametrize(
    ("figures", "start", "ticks"),
    [
        # 98.54% is not drawn as tall as 100%: the axis starts at 98%.
        (BROADBAND, 98.0, (98.0, 98.5, 99.0, 99.5, 100.0)),
        (ENROLMENT, 80.0, (80.0, 85.0, 90.0)),
        # Counts from 3 to 33: a bar from 0 shows the differences.
        (MODEL_KINDERGARTENS, 0.0, (0.0, 10.0, 20.0, 30.0)),
        # None unlicensed against a target of none: nothing to tell apart.
        ([0.0, 0.0, 0.0], 0.0, (0.0, 1.0)),
        # Every county at 100%: all bars full height, from 0.
        ([100.0, 100.0, 100.0], 0.0, (0.0, 25.0, 50.0, 75.0, 100.0)),
        # A 0.04-point gap is not blown up to most of the bar: at least 2% of the top shown.
        ([99.96, 100.0], 99.5, (99.5, 100.0)),
        # The lowest figure on a step (80): one step lower, so that its bar has a height.
        ([80.0, 90.0, 95.0], 75.0, (75.0, 80.0, 85.0, 90.0, 95.0)),
    ],
)
def test_axis_of_the_sample_figures(
    figures: list[float], start: float, ticks: tuple[float, ...]
) -> None:
    axis = value_axis(figures)
    assert (axis.start, axis.ticks) == (start, ticks)
    assert axis.from_zero is (start == 0)
    assert axis.end > max(figures)


def is_nice(step: float) -> bool:
    """1, 2, 2.5 or 5 times a power of ten."""
    power = 10.0 ** math.floor(math.log10(step))
    return any(math.isclose(step, multiple * power, rel_tol=1e-9) for multiple in (*NICE, 10.0))


figures = st.lists(
    st.floats(min_value=0, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=20,
)


@given(figures)
def test_the_axis_holds_every_figure_and_starts_on_a_nice_step(values: list[float]) -> None:
    axis = value_axis(values)
    assert 0 <= axis.start <= min(values)
    assert axis.end >= max(values)  # above it, but for the largest floats
    assert is_nice(axis.step)
    assert math.isclose(axis.start / axis.step, round(axis.start / axis.step), abs_tol=1e-6)
    assert axis.ticks[0] == axis.start and all(tick <= axis.end for tick in axis.ticks)
    # Ticks a step apart, and few enough to label.
    gaps = [b - a for a, b in zip(axis.ticks, axis.ticks[1:], strict=False)]
    assert all(math.isclose(gap, axis.step, rel_tol=1e-6) for gap in gaps)
    assert len(axis.ticks) <= 12


@given(figures)
def test_a_truncated_axis_leaves_the_lowest_bar_a_height(values: list[float]) -> None:
    axis = value_axis(values)
    if not axis.from_zero:
        assert axis.start < min(values)
        # Only where the lowest figure is at least half the highest.
        assert min(values) >= max(values) / 2
