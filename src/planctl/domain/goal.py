"""A goal: what a figure is held against, and the one owner of "is it met?".

A goal is a comparator with its bound (`≥ 87`) or, for `between`, its two bounds
(`15–19`, both inclusive). It alone decides whether a value holds, how far a value is from
holding (the gap), which figure a trend must move towards (the aim) and how the goal is
written. Judging, the city's totals, trends, lint and every renderer ask it; none of them
compares a value with a threshold itself.

Each rule is written once, in operators that a float and a polars column expression both
have (`>=`, `-`, `abs`; a bound held with `_clip`): `holds`, `gap` and `aim` take either, so
the judging of a national check in columns (judge/columns.py) compiles these very rules
rather than restating them.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol, Self, TypeVar, assert_never, overload

from planctl.domain.terms import EPSILON, Comparator, Part


class Column(Protocol):
    """A column of values, as the rules use one: what a polars expression offers (the domain
    needs no polars to state them)."""

    def __ge__(self, other: float, /) -> Self: ...
    def __gt__(self, other: float, /) -> Self: ...
    def __le__(self, other: float, /) -> Self: ...
    def __lt__(self, other: float, /) -> Self: ...
    def __sub__(self, other: Any, /) -> Self: ...
    def __abs__(self) -> Self: ...
    def clip(self, low: float, high: float, /) -> Self: ...


Values = TypeVar("Values", bound=Column)


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

    @overload
    def holds(self, value: float) -> bool: ...
    @overload
    def holds(self, value: Values) -> Values: ...
    def holds(self, value: Any) -> Any:
        """Whether `value` meets the goal (for a column of values, the column of answers)."""
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
                return _abs(value - threshold) <= EPSILON
            case Comparator.BETWEEN:
                # Inside the band, or within EPSILON of it: the gap says how far, so the two
                # cannot disagree by a rounding (value 1e-9 below a bound, say).
                return _abs(self.gap(value)) <= EPSILON
            case _:
                assert_never(self.comparator)

    @overload
    def gap(self, value: float) -> float: ...
    @overload
    def gap(self, value: Values) -> Values: ...
    def gap(self, value: Any) -> Any:
        """How far `value` is from the bound, signed, in the goal's unit.

        For one bound: value − bound (as reports have always shown it, met or not). For
        `between`: 0 inside the band, else value − the nearer bound (negative below it,
        positive above it).
        """
        return value - self.aim(value)

    @overload
    def aim(self, value: float) -> float: ...
    @overload
    def aim(self, value: Values) -> Values | float: ...
    def aim(self, value: Any) -> Any:
        """The figure a value moves towards to meet the goal: the bound, or for `between` the
        nearer bound (the value itself when it is inside the band)."""
        if self.comparator is Comparator.BETWEEN:
            assert self.high is not None
            return _clip(value, self.threshold, self.high)
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

    def people_to_meet(
        self,
        numerator: float,
        denominator: float,
        scale: float = 100.0,
        moves: Part = Part.NUMERATOR,
    ) -> int:
        """The whole change in one part of a rate that would meet the goal, the other part
        held: `+70` (70 more children enrolled) or, for a ceiling, `-3` (3 fewer); 0 when the
        rate already holds, or when no whole change of the denominator can meet it.

        A rate is numerator × scale / denominator (`Unit.scale`: 100 for a percentage, 1 for
        a ratio). The part that `moves` counts people (or schools), so the change is rounded
        away from the rate: for the numerator, up to the next whole person for a floor
        (`≥`, `>`) and down for a ceiling (`≤`, `<`); for the denominator, which moves the
        rate the other way, the reverse (a ratio of pupils to teachers at most 19 needs at
        least pupils / 19 teachers, rounded up). Worked in exact fractions of the decimal
        figures as written, so 87% of 122,000 is 106,140, not a hair above it.
        """
        # Whole head counts as ints and each bound's decimal made once: a national check asks
        # this of 20,000 county parts, where parsing Fractions from text would cost seconds.
        # Each quotient is kept as the integers above and below its line (an int is n/1), and
        # worked in integers: exact, and several times faster than Fractions' arithmetic.
        have_n, base = _exact(numerator), _exact(denominator)
        per = _decimal(scale)
        if base <= 0:
            return 0
        value = _quotient(
            have_n.numerator * per.numerator * base.denominator,
            have_n.denominator * per.denominator * base.numerator,
        )
        if self.holds(value):
            return 0
        # Which bound the value must reach: for between, the nearer one.
        if self.comparator is Comparator.BETWEEN:
            assert self.high is not None
            bound, rising = (self.threshold, True) if value < self.threshold else (self.high, False)
            comparator = Comparator.AT_LEAST if rising else Comparator.AT_MOST
        else:
            bound, comparator = self.threshold, self.comparator
        line = _decimal(bound)
        have: int | Fraction
        if moves is Part.NUMERATOR:
            # The numerator at the bound: bound × denominator / scale.
            have = have_n
            needed = _whole_at(
                comparator,
                line.numerator * base.numerator * per.denominator,
                line.denominator * base.denominator * per.numerator,
            )
        else:
            # numerator × scale / d against the bound is d against numerator × scale / bound,
            # the comparison turned round: a ceiling on the ratio is a floor on d.
            have = base
            if bound <= 0:
                return 0
            needed = _whole_at(
                _turned(comparator),
                have_n.numerator * per.numerator * line.denominator,
                have_n.denominator * per.denominator * line.numerator,
            )
            # No whole number of the denominator's people may meet it: none at all, or a band
            # narrower than one more teacher moves the ratio (12 pupils, between 7 and 11).
            if needed <= 0 or not self.holds(
                _quotient(
                    have_n.numerator * per.numerator,
                    have_n.denominator * per.denominator * needed,
                )
            ):
                return 0
        return int(needed - have) if have.denominator == 1 else math.ceil(needed - have)


def _quotient(top: int, bottom: int) -> float:
    """top / bottom (bottom > 0) as the float nearest the exact fraction, as float() of a
    Fraction gives it (Python divides two ints correctly rounded)."""
    return top / bottom


def _abs(value: Any) -> Any:
    """The size of a float, or of each number of a column (typed for both: `abs` of a
    union would be typed as an object)."""
    return abs(value)


def _clip(value: Any, low: float, high: float) -> Any:
    """`value` held within [low, high]: a float by min and max, a column by its `clip` (the
    same for every number; a column's nulls stay null)."""
    if isinstance(value, float | int):
        return min(max(value, low), high)
    return value.clip(low, high)


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


def _whole_at(comparator: Comparator, top: int, bottom: int) -> int:
    """The whole number nearest top / bottom (bottom > 0) that meets `comparator` against it."""
    below = top // bottom
    match comparator:
        case Comparator.AT_LEAST:
            return -(-top // bottom)
        case Comparator.MORE_THAN:
            return below + 1
        case Comparator.AT_MOST:
            return below
        case Comparator.LESS_THAN:
            return -(-top // bottom) - 1
        case Comparator.EQUAL:
            # The nearest, a half to the even one (as round() does).
            twice = 2 * (top - below * bottom)
            if twice == bottom:
                return below + below % 2
            return below + 1 if twice > bottom else below
        case Comparator.BETWEEN:
            raise ValueError("a band is met at one of its bounds")  # resolved by the caller
        case _:
            assert_never(comparator)


def _turned(comparator: Comparator) -> Comparator:
    """The comparator of the denominator against its bound, for a rate's comparator."""
    match comparator:
        case Comparator.AT_LEAST:
            return Comparator.AT_MOST
        case Comparator.MORE_THAN:
            return Comparator.LESS_THAN
        case Comparator.AT_MOST:
            return Comparator.AT_LEAST
        case Comparator.LESS_THAN:
            return Comparator.MORE_THAN
        case Comparator.EQUAL | Comparator.BETWEEN:
            return comparator
        case _:
            assert_never(comparator)
