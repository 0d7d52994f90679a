"""Which counties would carry the city over its line: the fewest, then the fewest people."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planctl.domain.goal import Goal
from planctl.domain.terms import Comparator
from planctl.judge import carry as carry_module
from planctl.judge.carry import carriers

AT_LEAST_87 = Goal(Comparator.AT_LEAST, 87)


def test_the_sample_city_is_carried_by_the_county_of_fewest_children() -> None:
    # 106,070 of 122,000 is 70 short of 87%; 通城县 is 1,193 short of the line, 崇阳县 805:
    # either alone carries the city, 崇阳县 with fewer children.
    found = carriers(AT_LEAST_87, 106070, 122000, {"通城县": 1193, "崇阳县": 805, "咸安区": 0})
    assert found is not None
    assert found.counties == (("崇阳县", 805),)
    assert (found.numerator, found.denominator, found.people) == (106875, 122000, 805)
    assert found.value == pytest.approx(87.6024, abs=1e-4)


def test_the_fewest_counties_come_before_the_fewest_people() -> None:
    # 100 short: one county of 100 beats two of 50 + 50, though neither needs fewer people.
    found = carriers(AT_LEAST_87, 0, 100 * 100 / 87, {"甲": 50, "乙": 50, "丙": 100})
    assert found is not None and [c for c, _ in found.counties] == ["丙"]


def test_two_counties_when_none_alone_is_enough_listed_in_order() -> None:
    # 1 short: 甲 and 丙 tie; the first in order is named.
    found = carriers(AT_LEAST_87, 86, 100, {"甲": 1, "乙": 0, "丙": 1, "丁": 0})
    assert found is not None and found.counties == (("甲", 1),)
    found = carriers(Goal(Comparator.AT_LEAST, 90), 860, 1000, {"甲": 30, "乙": 25, "丙": 20})
    # 40 short, no county alone: 乙 + 丙 (45) needs fewer people than 甲 + 丙 (50) or 甲 + 乙.
    assert found is not None and found.counties == (("乙", 25), ("丙", 20))


def test_no_carry_when_met_or_when_every_county_at_its_line_is_not_enough() -> None:
    assert carriers(AT_LEAST_87, 87, 100, {"甲": 5}) is None
    assert carriers(AT_LEAST_87, 80, 100, {"甲": 3, "乙": 3}) is None


def test_a_ceiling_is_carried_by_taking_away() -> None:
    found = carriers(Goal(Comparator.AT_MOST, 10), 15, 100, {"甲": -2, "乙": -6, "丙": 4})
    assert found is not None and found.counties == (("乙", -6),) and found.value == 9


def test_beyond_the_sets_it_compares_it_still_finds_the_fewest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(carry_module, "EXACT_SETS", 1)
    found = carriers(Goal(Comparator.AT_LEAST, 90), 860, 1000, {"甲": 30, "乙": 25, "丙": 20})
    # The largest (甲), then the smallest that completes it (丙): two counties.
    assert found is not None and found.counties == (("甲", 30), ("丙", 20))


@given(
    st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=7),
    st.integers(min_value=1, max_value=600),
)
def test_it_is_the_smallest_set_and_then_the_fewest_people(shorts: list[int], gap: int) -> None:
    denominator = 10_000
    numerator = 9_000 - gap
    short = {f"县{i}": people for i, people in enumerate(shorts)}
    found = carriers(Goal(Comparator.AT_LEAST, 90), numerator, denominator, short)
    covering = [
        combo
        for size in range(1, len(short) + 1)
        for combo in combinations(short.items(), size)
        if sum(people for _, people in combo) >= gap
    ]
    if not covering:
        assert found is None
        return
    assert found is not None
    fewest = min(len(combo) for combo in covering)
    least = min(sum(p for _, p in combo) for combo in covering if len(combo) == fewest)
    assert (len(found.counties), found.people) == (fewest, least)
    assert Goal(Comparator.AT_LEAST, 90).holds(found.value)
