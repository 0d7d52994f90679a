"""The closed vocabularies of a targets file: units, comparators, strengths, levels, roll-ups.

Kept apart from the pydantic models so that reading and judging figures needs no pydantic.
"""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

# Figures computed from numerator and denominator land a hair away from the exact decimal
# (0.57 * 100 == 56.99999999999999); a comparison this close counts as equal.
EPSILON = 1e-9


class Part(StrEnum):
    """A part of a rate or ratio: the numerator or the denominator."""

    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


class Unit(StrEnum):
    """What a reported value measures; decides how it is written and read."""

    PERCENT = "percent"
    COUNT = "count"
    # A quotient of two head counts, as written: 生师比 16.8 is 16.8 pupils to one teacher.
    RATIO = "ratio"

    @property
    def scale(self) -> float:
        """What numerator / denominator is multiplied by to give the value: 100 for a
        percentage, 1 for a ratio (a count has no parts; 1 keeps it as it is)."""
        match self:
            case Unit.PERCENT:
                return 100.0
            case Unit.RATIO | Unit.COUNT:
                return 1.0
            case _:
                assert_never(self)

    @property
    def moves(self) -> Part:
        """The part a gap in people is counted in, the other held. A percentage's numerator
        (70 more children enrolled, the population unchanged); a ratio's denominator (12 more
        teachers for the same pupils: a pupil–teacher ratio is met by hiring, not by turning
        pupils away)."""
        match self:
            case Unit.PERCENT | Unit.COUNT:
                return Part.NUMERATOR
            case Unit.RATIO:
                return Part.DENOMINATOR
            case _:
                assert_never(self)


class Comparator(StrEnum):
    """How a value is held against its threshold (for between, its two bounds, inclusive)."""

    AT_LEAST = ">="
    MORE_THAN = ">"
    AT_MOST = "<="
    LESS_THAN = "<"
    EQUAL = "=="
    # Both bounds inclusive: threshold {min: A, max: B} (控制在A至B之间).
    BETWEEN = "between"

    @property
    def symbol(self) -> str:
        """The sign printed in reports (GBK has ≥ and ≤, so Chinese Windows consoles show them)."""
        match self:
            case Comparator.AT_LEAST:
                return "≥"
            case Comparator.MORE_THAN:
                return ">"
            case Comparator.AT_MOST:
                return "≤"
            case Comparator.LESS_THAN:
                return "<"
            case Comparator.EQUAL:
                return "="
            case Comparator.BETWEEN:
                return "–"
            case _:
                assert_never(self)


class Strength(StrEnum):
    """Binding targets (达到…以上) fail when unmet; aspirational ones (力争…, 基本…) warn."""

    BINDING = "binding"
    ASPIRATIONAL = "aspirational"


class Level(StrEnum):
    """Where a target is judged: for each county, or only on the city total (全市…)."""

    COUNTY = "county"
    CITY = "city"


class UnitKind(StrEnum):
    """What kind of reporting unit submits figures: a county-level unit (县市区), the schools
    the city runs itself (市直学校), or a development zone (开发区) that reports on its own."""

    COUNTY = "county"
    CITY_RUN = "city_run"
    ZONE = "zone"


class Rollup(StrEnum):
    """How county figures combine into the city's."""

    # Sum of numerators over sum of denominators: never a mean of county rates.
    RATIO = "ratio"
    SUM = "sum"
