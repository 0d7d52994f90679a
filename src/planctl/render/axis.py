"""A chart's value axis: where it starts, where it ends and its ticks, chosen so that the
differences between the figures show.

A bar chart drawn from 0 makes 98.54% look like 100%. The rule: the axis starts at 0 when
the lowest figure (a county's, the city's or a threshold) is below half the highest, or
when all are the same. Otherwise it starts at the multiple of a "nice" step (1, 2, 2.5 or 5
times a power of ten: about a quarter of the figures' spread, or of 2% of the highest if
that is more) just below the lowest figure, so the lowest bar keeps a visible height, and
never below 0 unless a figure is. A chart whose axis does not start at 0 says so
(`axis from 80%`). Pure: figures in, an `Axis` out.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass

# The multiples of a power of ten a step may be.
NICE = (1.0, 2.0, 2.5, 5.0)
# About this many steps span the figures.
STEPS = 4
# Below this share of the highest figure, the lowest is far enough down that a bar from 0
# already shows the difference.
ZERO_SHARE = 0.5
# The axis spans at least this share of the highest figure: 99.96% against 100% starts at
# 99.5%, not at 99.95%, where a 0.04-point gap would look like a fifth of the bar.
MIN_SPREAD = 0.02
# Room above the highest figure, as a share of the axis, for the value written above a bar.
HEADROOM = 0.12
# Below this a step is no step (a float's powers of ten end near 1e-308).
TINY = 1e-300
# Significant digits kept when adding steps, so that 0.1 + 0.2 reads as 0.3.
DIGITS = 12


@dataclass(frozen=True)
class Axis:
    """From `start` to `end`; `ticks` are the multiples of `step` in between (start first)."""

    start: float
    end: float
    step: float
    ticks: tuple[float, ...]

    @property
    def from_zero(self) -> bool:
        return self.start == 0


def nice_step(spread: float) -> float:
    """The smallest nice number (1, 2, 2.5 or 5 times a power of ten) of at least
    `spread / STEPS`; 1 for no spread, or one too small to divide into steps."""
    rough = spread / STEPS
    if not (TINY <= rough < math.inf):
        return 1.0
    power = 10.0 ** math.floor(math.log10(rough))
    for multiple in (*NICE, 10.0):
        step = _tidy(multiple * power)
        if step >= rough * (1 - 1e-9):
            return step
    raise AssertionError("unreachable: 10 times the power is at least the rough step")


def value_axis(figures: Sequence[float]) -> Axis:
    """The axis for `figures` (the bars' values and the thresholds drawn); see the module's
    docstring for the rule."""
    low, high = min(figures, default=0.0), max(figures, default=0.0)
    if low >= 0 and (low == high or low < high * ZERO_SHARE):
        start, step = 0.0, nice_step(high)
    else:
        step = nice_step(max(high - low, abs(high) * MIN_SPREAD))
        start = _tidy(math.floor(low / step) * step)
        if start >= low and low != 0:
            # Not the lowest bar at height 0: one step lower.
            start = _tidy(start - step)
        if low >= 0:
            start = max(start, 0.0)
    top = max(high, start + step)
    # Headroom, short of what a float holds.
    end = min(top + (top - start) * HEADROOM, sys.float_info.max)
    count = math.floor(_tidy((end - start) / step))
    ticks = tuple(_tidy(start + step * index) for index in range(count + 1))
    return Axis(start=start, end=end, step=step, ticks=ticks)


def _tidy(value: float) -> float:
    """`value` to DIGITS significant digits: 80.00000000000001 as 80."""
    return float(f"{value:.{DIGITS}g}")
