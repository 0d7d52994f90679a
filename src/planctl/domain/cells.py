"""The cell rules of a target, stated once, for the row reader and the column reader alike.

What a figure's cells must be to be read: the fraction rule of a percentage, whole counts,
a ratio's value with no % sign (fractions allowed: 生师比 16.8), head counts that are not
negative and carry no % sign, a rate's parts that agree with its value within the rounding
of the value as written, and the valid range. Each rule is one
function written over an `Algebra`: the row reader (`values.py`, `read/figures.py`) runs it
on Python numbers, a cell at a time, to say which rule a bad cell breaks; the column reader
(`read/columns.py`) runs the same function on polars expressions, over whole columns, to
keep only the rows every rule passes. So the column path can accept only what the row path
accepts, and a new rule, or a changed one, is written here once.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from planctl.domain.terms import EPSILON

# A number, or a column of numbers; a truth, or a column of truths.
N = TypeVar("N")
B = TypeVar("B")

# A bare number in (FRACTION_LOW, FRACTION_HIGH] under a percentage is ambiguous: 0.884 may
# be 88.4% written as a fraction, or 0.884%.
FRACTION_LOW, FRACTION_HIGH = 0.0, 1.0


class Algebra(Protocol[N, B]):
    """The operations the rules are written in: on numbers, or on columns of them."""

    def both(self, a: B, b: B, /) -> B: ...

    def negate(self, a: B, /) -> B: ...

    def above(self, a: N, b: N | float, /) -> B: ...

    def at_least(self, a: N, b: N | float | None, /) -> B:
        """a ≥ b; true where there is no b (an absent bound holds)."""
        ...

    def at_most(self, a: N, b: N | float | None, /) -> B:
        """a ≤ b; true where there is no b."""
        ...

    def same(self, a: N, b: N, /) -> B: ...

    def floor(self, a: N, /) -> N: ...

    def distance(self, a: N, b: N, /) -> N:
        """|a − b|."""
        ...

    def plus(self, a: N, b: float, /) -> N: ...

    def times(self, a: N, b: N | float, /) -> N: ...

    def divided(self, a: N, b: N, /) -> N: ...


class Numbers:
    """The algebra of Python numbers, one cell at a time."""

    def both(self, a: bool, b: bool, /) -> bool:
        return a and b

    def negate(self, a: bool, /) -> bool:
        return not a

    def above(self, a: float, b: float, /) -> bool:
        return a > b

    def at_least(self, a: float, b: float | None, /) -> bool:
        return b is None or a >= b

    def at_most(self, a: float, b: float | None, /) -> bool:
        return b is None or a <= b

    def same(self, a: float, b: float, /) -> bool:
        return a == b

    def floor(self, a: float, /) -> float:
        return float(a // 1)

    def distance(self, a: float, b: float, /) -> float:
        return abs(a - b)

    def plus(self, a: float, b: float, /) -> float:
        return a + b

    def times(self, a: float, b: float, /) -> float:
        return a * b

    def divided(self, a: float, b: float, /) -> float:
        return a / b


NUMBERS = Numbers()


# --- The rules, each written once over an algebra ------------------------------------------


def ambiguous_fraction(algebra: Algebra[N, B], value: N, percent_sign: B) -> B:
    """A percentage written as a bare number in (0, 1]: a fraction, or a tiny percentage?"""
    in_unit = algebra.both(
        algebra.above(value, FRACTION_LOW), algebra.at_most(value, FRACTION_HIGH)
    )
    return algebra.both(algebra.negate(percent_sign), in_unit)


def percentage(algebra: Algebra[N, B], value: N, percent_sign: B) -> B:
    """A percentage's value is read as written, unless it is an ambiguous fraction."""
    return algebra.negate(ambiguous_fraction(algebra, value, percent_sign))


def whole(algebra: Algebra[N, B], value: N) -> B:
    """A count is a whole number."""
    return algebra.same(value, algebra.floor(value))


def count(algebra: Algebra[N, B], value: N, percent_sign: B) -> B:
    """A count: no % sign, and a whole number."""
    return algebra.both(algebra.negate(percent_sign), whole(algebra, value))


def ratio(algebra: Algebra[N, B], value: N, percent_sign: B) -> B:
    """A ratio (生师比 16.8): no % sign; a fraction is a value like any other, as the
    quotient of two head counts seldom is whole."""
    return algebra.negate(percent_sign)


def head_count(algebra: Algebra[N, B], value: N, percent_sign: B) -> B:
    """A numerator or denominator: no % sign, and not negative."""
    return algebra.both(algebra.negate(percent_sign), algebra.at_least(value, 0.0))


def agrees(algebra: Algebra[N, B], computed: N, value: N, allowed: N) -> B:
    """A value written agrees with the rate its parts make, within the value's own rounding
    (`allowed`, see `rounding`), and a hair more for floating point."""
    return algebra.at_most(algebra.distance(computed, value), algebra.plus(allowed, EPSILON))


def in_range(algebra: Algebra[N, B], value: N, low: N | float | None, high: N | float | None) -> B:
    """The value lies inside the valid range, bounds inclusive; an absent bound holds."""
    return algebra.both(algebra.at_least(value, low), algebra.at_most(value, high))


def rounding(decimals: int) -> float:
    """Half a unit in the last place written: the error the writer's rounding allows."""
    return 0.5 * 10.0**-decimals


def rate(algebra: Algebra[N, B], numerator: N, denominator: N, scale: N | float) -> N:
    """The value a numerator and a denominator make: numerator × scale / denominator, the
    scale being the unit's (`Unit.scale`: 100 for a percentage, 1 for a ratio)."""
    return algebra.divided(algebra.times(numerator, scale), denominator)
