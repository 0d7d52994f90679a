"""The cell rules, stated once: each rule gives the same answer on a number and on a column.

The row reader runs the rules of domain/cells.py on Python numbers; the column reader runs
the same functions on polars expressions. Here both algebras judge the same values, so a
rule whose two readings differed (a comparison written the other way round in one algebra,
a null bound that fails) would fail this test.
"""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.domain import cells
from planctl.domain.cells import NUMBERS
from planctl.domain.terms import Unit
from planctl.read.columns import COLUMNS

VALUES = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.sampled_from([0.0, 0.5, 1.0, 1.0000001, 2.0, -1.0, 87.0, 100.0, 0.884]),
)
BOUNDS = st.one_of(st.none(), st.floats(min_value=-1e3, max_value=1e3, allow_nan=False))


def on_columns(expression: pl.Expr, **columns: object) -> object:
    frame = pl.DataFrame({name: [value] for name, value in columns.items()})
    return frame.select(expression.alias("out")).item()


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(VALUES, st.booleans())
def test_the_value_rules_read_the_same_on_both_paths(value: float, sign: bool) -> None:
    v, p = pl.col("v"), pl.col("p")
    rules = (cells.percentage, cells.count, cells.ratio, cells.head_count, cells.ambiguous_fraction)
    for rule in rules:
        assert on_columns(rule(COLUMNS, v, p), v=value, p=sign) == rule(NUMBERS, value, sign)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(VALUES, BOUNDS, BOUNDS)
def test_the_valid_range_reads_the_same_on_both_paths(
    value: float, low: float | None, high: float | None
) -> None:
    frame = pl.DataFrame(
        {"v": [value], "low": [low], "high": [high]},
        schema={"v": pl.Float64, "low": pl.Float64, "high": pl.Float64},
    )
    expression = cells.in_range(COLUMNS, pl.col("v"), pl.col("low"), pl.col("high"))
    on_frame = frame.select(expression.alias("out")).item()
    assert on_frame == cells.in_range(NUMBERS, value, low, high)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 10**6),
    st.integers(1, 10**6),
    st.floats(min_value=0, max_value=200, allow_nan=False),
    st.integers(0, 6),
    st.sampled_from([Unit.PERCENT.scale, Unit.RATIO.scale]),
)
def test_parts_agree_the_same_on_both_paths(
    numerator: int, denominator: int, value: float, decimals: int, scale: float
) -> None:
    allowed = cells.rounding(decimals)
    computed = cells.rate(NUMBERS, float(numerator), float(denominator), scale)
    by_columns = on_columns(
        cells.agrees(
            COLUMNS,
            # The column reader's scale is a column: one per target, by its unit.
            cells.rate(COLUMNS, pl.col("n"), pl.col("d"), pl.col("s")),
            pl.col("v"),
            pl.col("r"),
        ),
        n=float(numerator),
        d=float(denominator),
        v=value,
        r=allowed,
        s=scale,
    )
    assert by_columns == cells.agrees(NUMBERS, computed, value, allowed)


def test_a_ratio_is_its_parts_quotient_not_a_hundred_times_it() -> None:
    assert cells.rate(NUMBERS, 8400.0, 500.0, Unit.RATIO.scale) == 16.8
    assert cells.rate(NUMBERS, 21950.0, 24800.0, Unit.PERCENT.scale) == 21950 * 100 / 24800
    # 16.8 written with one decimal allows ±0.05: 8,400 / 503 is 16.70, outside it.
    assert cells.agrees(NUMBERS, 8400 / 500, 16.8, cells.rounding(1))
    assert not cells.agrees(NUMBERS, 8400 / 503, 16.8, cells.rounding(1))


@pytest.mark.parametrize(
    ("value", "sign", "ratio"),
    [(16.8, False, True), (0.06, False, True), (16.8, True, False), (0.0, False, True)],
)
def test_a_ratio_takes_fractions_but_no_percent_sign(value: float, sign: bool, ratio: bool) -> None:
    assert cells.ratio(NUMBERS, value, sign) is ratio


@pytest.mark.parametrize(
    ("value", "sign", "percentage", "count"),
    [
        (0.884, False, False, False),  # ambiguous as a percentage, not whole as a count
        (0.884, True, True, False),  # 0.884% is read as written
        (1.0, False, False, True),  # 1 of a percentage is ambiguous; 1 school is a count
        (88.4, False, True, False),
        (9.0, True, True, False),  # a % sign on a count
        (9.0, False, True, True),
        (0.0, False, True, True),  # 0% is no fraction
    ],
)
def test_the_value_rules(value: float, sign: bool, percentage: bool, count: bool) -> None:
    assert cells.percentage(NUMBERS, value, sign) is percentage
    assert cells.count(NUMBERS, value, sign) is count


def test_rounding_is_half_the_last_place_written() -> None:
    assert cells.rounding(0) == 0.5
    assert math.isclose(cells.rounding(2), 0.005)
