"""A goal: what a figure is held against, and the one owner of "is it met?".

A goal is a comparator with its bound (`≥ 87`) or, for `between`, its two bounds
(`15–19`, both inclusive). It alone decides whether a value holds, how far a value is from
holding (the gap), which figure a trend must move towards (the aim) and how the goal is
written. Judging, the city's totals, trends, lint and every renderer ask it; none of them
compares a value with a threshold itself.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import assert_never

from planctl.domain.terms import EPSILON, Comparator


@dataclass(frozen=True)
class Goal:
    """A comparator and its bound; `high` is the upper bound of a `between` goal."""

    comparator: Comparator
    threshold: float
    high: float | None = None

    def __post_init__(self) -> None:
        if (self.comparator is Comparator.BETWEEN) != (self.high is not None):
            raise ValueError("a between goal has two bounds; any other goal has one")

    @property
    def low(self) -> float:
        """The lower bound of a `between` goal (its threshold), or the one bound of another."""
        return self.threshold

    def with_bound(self, bound: float) -> Goal:
        """The same comparator held to another bound (a county's quota of a city target)."""
        return Goal(self.comparator, bound)

    def holds(self, value: float) -> bool:
        """Whether `value` meets the goal."""
        threshold = self.threshold
        match self.comparator:
            case Comparator.AT_LEAST:
                return value >= threshold - EPSILON
            case Comparator.MORE_THAN:
                return value > threshold + EPSILON
            case Comparator.AT_MOST:
                return value <= threshold + EPSILON
            case Comparator.LESS_THAN:
                return value < threshold - EPSILON
            case Comparator.EQUAL:
                return abs(value - threshold) <= EPSILON
            case Comparator.BETWEEN:
                # Inside the band, or within EPSILON of it: the gap says how far, so the two
                # cannot disagree by a rounding (value 1e-9 below a bound, say).
                return abs(self.gap(value)) <= EPSILON
            case _:
                assert_never(self.comparator)

    def gap(self, value: float) -> float:
        """How far `value` is from the bound, signed, in the goal's unit.

        For one bound: value − bound (as reports have always shown it, met or not). For
        `between`: 0 inside the band, else value − the nearer bound (negative below it,
        positive above it).
        """
        return value - self.aim(value)

    def aim(self, value: float) -> float:
        """The figure a value moves towards to meet the goal: the bound, or for `between` the
        nearer bound (the value itself when it is inside the band)."""
        if self.comparator is Comparator.BETWEEN:
            assert self.high is not None
            return min(max(value, self.threshold), self.high)
        return self.threshold

    @property
    def bounds(self) -> tuple[float, ...]:
        """The goal's bounds, lowest first: what a chart draws."""
        return (self.threshold,) if self.high is None else (self.threshold, self.high)

    def shown(self, write: Callable[[float], str]) -> str:
        """The goal as reports write it, each bound written by `write`: `≥ 87%`, or `15–19`
        for `between` (an en dash, which GBK has, so Chinese Windows consoles show it)."""
        if self.high is not None:
            return f"{write(self.threshold)}–{write(self.high)}"
        return f"{self.comparator.symbol} {write(self.threshold)}"

    def people_to_meet(self, numerator: float, denominator: float) -> int:
        """The whole change in a rate's numerator that would meet the goal, its denominator
        held: `+70` (70 more children enrolled) or, for a ceiling, `-3` (3 fewer); 0 when the
        rate already holds.

        A rate is numerator × 100 / denominator. The numerator counts people (or schools),
        so the change is rounded away from the rate: up to the next whole person for a floor
        (`≥`, `>`), down for a ceiling (`≤`, `<`). Worked in exact fractions of the decimal
        figures as written, so 87% of 122,000 is 106,140, not a hair above it.
        """
        have, base = _exact(numerator), _exact(denominator)
        # A float for an int's division too: true division of ints rounds as float(Fraction).
        if base <= 0 or self.holds(float(have * 100 / base)):
            return 0
        value = float(have * 100 / base)

        def at(bound: float) -> tuple[int, int]:
            # bound × base / 100 as a numerator and denominator of ints: a national check asks
            # this of 20,000 county parts, where Fraction arithmetic would cost seconds.
            written = _decimal(bound)
            return (
                written.numerator * base.numerator,
                written.denominator * base.denominator * 100,
            )

        match self.comparator:
            case Comparator.AT_LEAST:
                needed = _ceil(at(self.threshold))
            case Comparator.MORE_THAN:
                needed = _floor(at(self.threshold)) + 1
            case Comparator.AT_MOST:
                needed = _floor(at(self.threshold))
            case Comparator.LESS_THAN:
                needed = _ceil(at(self.threshold)) - 1
            case Comparator.EQUAL:
                needed = round(Fraction(*at(self.threshold)))
            case Comparator.BETWEEN:
                assert self.high is not None
                below = value < self.threshold
                needed = _ceil(at(self.threshold)) if below else _floor(at(self.high))
            case _:
                assert_never(self.comparator)
        return int(needed - have) if have.denominator == 1 else math.ceil(needed - have)


# Whole numbers below this are written by str() digit for digit, so int() is their decimal.
_EXACT_WHOLE = 2.0**53


def _exact(figure: float) -> int | Fraction:
    """A figure as the decimal it is written as: an int for a whole number (most head
    counts), else the Fraction of its shortest decimal."""
    if isinstance(figure, int):
        return figure
    if figure.is_integer() and abs(figure) < _EXACT_WHOLE:
        return int(figure)
    return Fraction(str(figure))


@functools.lru_cache(maxsize=1024)
def _decimal(bound: float) -> Fraction:
    """A bound as the decimal written in the targets file (87.5 as 175/2, 0.1 as 1/10)."""
    return Fraction(str(bound))


def _ceil(fraction: tuple[int, int]) -> int:
    numerator, denominator = fraction
    return -(-numerator // denominator)


def _floor(fraction: tuple[int, int]) -> int:
    numerator, denominator = fraction
    return numerator // denominator
