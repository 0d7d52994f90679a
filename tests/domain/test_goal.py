"""The goal: the one owner of holds, gap, aim and how a goal is written."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from planctl.domain.goal import Goal
from planctl.domain.terms import EPSILON, Comparator, Part, Unit

BAND = Goal(Comparator.BETWEEN, 15, 19)


@pytest.mark.parametrize(
    ("goal", "value", "holds"),
    [
        (Goal(Comparator.AT_LEAST, 87), 87, True),
        (Goal(Comparator.AT_LEAST, 87), 86.99, False),
        (Goal(Comparator.AT_LEAST, 87), 0.87 * 100, True),  # 86.99999999999999: a hair away
        (Goal(Comparator.MORE_THAN, 87), 87, False),
        (Goal(Comparator.AT_MOST, 0), 0, True),
        (Goal(Comparator.LESS_THAN, 1), 1, False),
        (Goal(Comparator.EQUAL, 100), 100, True),
        (BAND, 15, True),
        (BAND, 19, True),
        (BAND, 17.5, True),
        (BAND, 14.99, False),
        (BAND, 19.01, False),
        (BAND, 19 + EPSILON / 2, True),
    ],
)
def test_holds(goal: Goal, value: float, holds: bool) -> None:
    assert goal.holds(value) is holds


@pytest.mark.parametrize(
    ("value", "gap", "aim"), [(12, -3, 15), (15, 0, 15), (17, 0, 17), (19, 0, 19), (21, 2, 19)]
)
def test_a_band_is_held_to_its_nearer_bound(value: float, gap: float, aim: float) -> None:
    assert BAND.gap(value) == gap
    assert BAND.aim(value) == aim


def test_one_bound_gap_is_value_minus_bound_met_or_not() -> None:
    assert Goal(Comparator.AT_LEAST, 87).gap(88.5) == 1.5
    assert Goal(Comparator.AT_MOST, 5).gap(3) == -2


def test_how_a_goal_is_written() -> None:
    def write(number: float) -> str:
        return f"{number:g}%"

    assert Goal(Comparator.AT_LEAST, 87).shown(write) == "≥ 87%"
    assert Goal(Comparator.LESS_THAN, 1).shown(write) == "< 1%"
    assert BAND.shown(write) == "15%–19%"
    "15%–19%".encode("gbk")  # a Chinese Windows console can show it


def test_a_quota_keeps_the_comparator() -> None:
    assert Goal(Comparator.AT_LEAST, 3).with_bound(2) == Goal(Comparator.AT_LEAST, 2)


@pytest.mark.parametrize(
    ("comparator", "high"), [(Comparator.BETWEEN, None), (Comparator.AT_LEAST, 19.0)]
)
def test_between_and_only_between_has_two_bounds(
    comparator: Comparator, high: float | None
) -> None:
    with pytest.raises(ValueError, match="two bounds"):
        Goal(comparator, 15, high)


FINITE = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(FINITE, FINITE, FINITE)
# A value a rounding below a bound: it held by one statement and not by the other.
@example(1e-9, 1.0, -4.67e-176)
def test_a_band_holds_exactly_where_its_gap_is_nil(a: float, b: float, value: float) -> None:
    low, high = sorted((a, b))
    if low == high:
        return
    goal = Goal(Comparator.BETWEEN, low, high)
    assert goal.holds(value) is (abs(goal.gap(value)) <= EPSILON)
    # Moving by the gap lands on the band.
    assert goal.holds(value - goal.gap(value))


@given(st.sampled_from([c for c in Comparator if c is not Comparator.BETWEEN]), FINITE, FINITE)
def test_one_bound_aim_is_the_bound(comparator: Comparator, bound: float, value: float) -> None:
    goal = Goal(comparator, bound)
    assert goal.aim(value) == bound
    assert goal.gap(value) == value - bound


# A ratio's people are counted in its denominator (teachers), its numerator (pupils) held.
RATIO = {"scale": Unit.RATIO.scale, "moves": Part.DENOMINATOR}


@pytest.mark.parametrize(
    ("goal", "pupils", "teachers", "people"),
    [
        # 8,400 pupils / 420 teachers is 20: 19 needs 8,400 / 19 = 442.1, so 443 teachers.
        (Goal(Comparator.AT_MOST, 19), 8400, 420, 23),
        (BAND, 8400, 420, 23),
        # 16.8 is inside the band and under the ceiling: nothing to change.
        (BAND, 8400, 500, 0),
        (Goal(Comparator.AT_MOST, 19), 8400, 500, 0),
        # 8,400 / 600 is 14, below the band: at most 8,400 / 15 = 560 teachers, 40 fewer.
        (BAND, 8400, 600, -40),
        (Goal(Comparator.AT_LEAST, 15), 8400, 600, -40),
        # Strictly under 20: 420 teachers make exactly 20, so 421.
        (Goal(Comparator.LESS_THAN, 20), 8400, 420, 1),
        # Strictly over 15: 560 teachers make exactly 15, so 559.
        (Goal(Comparator.MORE_THAN, 15), 8400, 600, -41),
        # Ten pupils cannot make 15 pupils a teacher with any whole number of teachers.
        (Goal(Comparator.AT_LEAST, 15), 10, 2, 0),
    ],
)
def test_a_ratio_is_met_by_changing_its_denominator(
    goal: Goal, pupils: int, teachers: int, people: int
) -> None:
    found = goal.people_to_meet(pupils, teachers, **RATIO)  # type: ignore[arg-type]
    assert found == people
    if people:
        assert goal.holds(pupils / (teachers + people))
        # One fewer change (in the same direction) would not do.
        step = 1 if people > 0 else -1
        assert not goal.holds(pupils / (teachers + people - step))


def test_a_percentage_still_moves_its_numerator() -> None:
    # 87% of 122,000 is 106,140: 70 more children, the population unchanged.
    assert Goal(Comparator.AT_LEAST, 87).people_to_meet(106070, 122000) == 70
    scale = Unit.PERCENT.scale
    assert Goal(Comparator.AT_LEAST, 87).people_to_meet(106070, 122000, scale) == 70


@given(
    st.integers(1, 10**6),
    st.integers(1, 10**5),
    # Bounds as targets files write them, to two decimals at most.
    st.integers(100, 10_000).map(lambda hundredths: hundredths / 100),
    st.sampled_from([Comparator.AT_LEAST, Comparator.AT_MOST, Comparator.BETWEEN]),
)
def test_the_teachers_a_ratio_needs_are_the_fewest_that_meet_it(
    pupils: int, teachers: int, bound: float, comparator: Comparator
) -> None:
    goal = Goal(comparator, bound, bound + 4 if comparator is Comparator.BETWEEN else None)
    people = goal.people_to_meet(pupils, teachers, **RATIO)  # type: ignore[arg-type]
    if people == 0:
        return
    after = teachers + people
    assert after >= 1 and goal.holds(pupils / after)
    step = 1 if people > 0 else -1
    assert not goal.holds(pupils / (after - step))


_BOUNDS = st.sampled_from([0.0, 1.0, 15.0, 19.0, 87.0, 87.5, 99.9, 100.0, 0.1, -3.0])


@st.composite
def _goals(draw: st.DrawFn) -> Goal:
    comparator = draw(st.sampled_from(list(Comparator)))
    low = draw(_BOUNDS | st.floats(-1e6, 1e6))
    if comparator is not Comparator.BETWEEN:
        return Goal(comparator, low)
    return Goal(comparator, low, low + draw(st.sampled_from([0.0, EPSILON, 1.0, 4.0])))


def _near(goal: Goal) -> st.SearchStrategy[float]:
    """Values on, a hair either side of, and between a goal's bounds, and anywhere."""
    edges = [
        bound + shift
        for bound in goal.bounds
        for shift in (0.0, EPSILON, -EPSILON, EPSILON / 2, -EPSILON / 2, 2 * EPSILON, 1e-12)
    ]
    middle = [(goal.bounds[0] + goal.bounds[-1]) / 2]
    return st.sampled_from(edges + middle) | st.floats(-1e7, 1e7)


@given(st.data())
def test_a_column_is_judged_as_each_of_its_values(data: st.DataObject) -> None:
    """holds, gap and aim over a polars column give, value by value, what they give a float."""
    import polars as pl

    goal = data.draw(_goals())
    values = data.draw(st.lists(_near(goal), min_size=1, max_size=20))
    column = pl.col("value")
    aim = goal.aim(column)
    frame = pl.DataFrame({"value": values}, schema={"value": pl.Float64}).select(
        goal.holds(column).alias("holds"),
        goal.gap(column).alias("gap"),
        # One bound's aim is the bound itself, whatever the value.
        (aim if isinstance(aim, pl.Expr) else pl.lit(aim, dtype=pl.Float64)).alias("aim"),
    )
    assert frame.get_column("holds").to_list() == [goal.holds(v) for v in values]
    assert frame.get_column("gap").to_list() == [goal.gap(v) for v in values]
    assert frame.get_column("aim").to_list() == [float(goal.aim(v)) for v in values]


def test_a_column_keeps_its_nulls() -> None:
    import polars as pl

    frame = pl.DataFrame({"value": [None, 16.0]}, schema={"value": pl.Float64})
    held = frame.select(BAND.holds(pl.col("value")), BAND.gap(pl.col("value")).alias("gap"))
    assert held.rows() == [(None, None), (True, 0.0)]


def _whole_near(comparator: Comparator, at: Fraction) -> int:
    """The whole number nearest `at` that meets `comparator` against it, in Fractions."""
    return {
        Comparator.AT_LEAST: math.ceil(at),
        Comparator.MORE_THAN: math.floor(at) + 1,
        Comparator.AT_MOST: math.floor(at),
        Comparator.LESS_THAN: math.ceil(at) - 1,
        Comparator.EQUAL: round(at),
    }[comparator]


_TURNED = {
    Comparator.AT_LEAST: Comparator.AT_MOST,
    Comparator.MORE_THAN: Comparator.LESS_THAN,
    Comparator.AT_MOST: Comparator.AT_LEAST,
    Comparator.LESS_THAN: Comparator.MORE_THAN,
    Comparator.EQUAL: Comparator.EQUAL,
}


def _people_in_fractions(goal: Goal, numerator: float, denominator: float, unit: Unit) -> int:
    """people_to_meet as its docstring states it, worked in Fractions of the decimals."""
    have, base, per = (Fraction(str(x)) for x in (numerator, denominator, unit.scale))
    if base <= 0 or goal.holds(float(have * per / base)):
        return 0
    value = float(have * per / base)
    bound, comparator = goal.threshold, goal.comparator
    if comparator is Comparator.BETWEEN:
        assert goal.high is not None
        below = value < goal.threshold
        bound = goal.threshold if below else goal.high
        comparator = Comparator.AT_LEAST if below else Comparator.AT_MOST
    line = Fraction(str(bound))
    if unit.moves is Part.NUMERATOR:
        return math.ceil(_whole_near(comparator, line * base / per) - have)
    if bound <= 0:
        return 0
    needed = _whole_near(_TURNED[comparator], have * per / line)
    if needed <= 0 or not goal.holds(float(have * per / needed)):
        return 0
    return math.ceil(needed - base)


_PARTS = st.integers(0, 10**7) | st.integers(0, 10**5).map(lambda tenths: tenths / 10)


@given(
    _goals(),
    _PARTS,
    _PARTS | st.just(0) | st.integers(-5, -1),
    st.sampled_from([Unit.PERCENT, Unit.RATIO]),
)
@example(Goal(Comparator.EQUAL, 50), 1, 3, Unit.PERCENT)  # 1.5 people: a half, to the even 2
@example(Goal(Comparator.EQUAL, 50), 3, 5, Unit.PERCENT)  # 2.5 people: to the even 2
def test_the_people_to_meet_are_the_fractions_worked_in_integers(
    goal: Goal, numerator: float, denominator: float, unit: Unit
) -> None:
    found = goal.people_to_meet(numerator, denominator, unit.scale, unit.moves)
    assert found == _people_in_fractions(goal, numerator, denominator, unit)
    assert isinstance(found, int)
