"""The city totals: pooled rates, sums, incompleteness, and a property of pooling."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planctl.judge.rollup import pool
from planctl.read.submissions import Observation
from planctl.targets.load import load_targets
from planctl.targets.models import TargetSet
from tests.conftest import TARGETS_2017

TARGETS: TargetSet = load_targets(TARGETS_2017)
GROSS = TARGETS.find_target("preschool_gross_enrolment_rate")
MODELS = TARGETS.find_target("model_kindergartens")
assert GROSS is not None and MODELS is not None


def rate(county: str, numerator: float | None, denominator: float | None) -> Observation:
    value = numerator * 100 / denominator if numerator is not None and denominator else 90.0
    return Observation(county, GROSS.id, value, numerator, denominator, None, "", "x.csv", 2)  # type: ignore[union-attr]


def test_rates_pool_as_sum_over_sum_not_a_mean() -> None:
    total = pool(GROSS, {"big": rate("big", 800, 1000), "small": rate("small", 95, 100)})  # type: ignore[arg-type]
    assert total.value == 895 * 100 / 1100  # 81.36%, where the mean of rates is 87.5%
    assert (total.numerator, total.denominator) == (895, 1100)


def test_a_rate_without_parts_cannot_be_pooled() -> None:
    total = pool(GROSS, {"a": rate("a", 800, 1000), "b": rate("b", None, None)})  # type: ignore[arg-type]
    assert total.value is None and total.unpooled == ("b",)


def test_a_county_without_a_figure_makes_the_total_incomplete() -> None:
    total = pool(GROSS, {"a": rate("a", 800, 1000), "b": None})  # type: ignore[arg-type]
    assert total.lacking == ("b",) and total.value == 80


def test_counts_are_summed() -> None:
    def count(county: str, value: float) -> Observation:
        return Observation(county, "model_kindergartens", value, None, None, None, "", "x", 2)

    assert pool(MODELS, {"a": count("a", 9), "b": count("b", 4)}).value == 13  # type: ignore[arg-type]


@given(
    st.lists(
        st.tuples(st.integers(0, 50_000), st.integers(1, 50_000)).filter(
            lambda p: p[0] <= 2 * p[1]
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_pooled_rate_lies_between_the_lowest_and_highest_county_rate(
    parts: list[tuple[int, int]],
) -> None:
    figures = {f"c{i}": rate(f"c{i}", n, d) for i, (n, d) in enumerate(parts)}
    total = pool(GROSS, figures)  # type: ignore[arg-type]
    rates = [n * 100 / d for n, d in parts]
    assert total.value is not None
    assert min(rates) - 1e-9 <= total.value <= max(rates) + 1e-9
