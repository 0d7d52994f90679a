"""Splitting a table's columns into parts that fit: none lost, none twice, each part fits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from planctl.render.fit import COLUMN_EXTRA, needed, parts, table_width


def test_a_chinese_character_takes_two_cells() -> None:
    assert needed([Text("咸宁市\nNOT MET"), "ok"]) == 7
    assert needed(["咸宁市咸宁市"], min_width=3) == 12


def test_all_in_one_part_when_they_fit() -> None:
    assert parts(100, [16, 7], [7] * 6) == [range(6)]


def test_shared_out_evenly_when_split() -> None:
    assert parts(80, [16, 7], [7] * 6) == [range(3), range(3, 6)]


@given(
    st.integers(20, 200),
    st.lists(st.integers(0, 30), min_size=1, max_size=3),
    st.lists(st.integers(0, 40), max_size=40),
)
def test_every_column_once_in_order_and_each_part_fits(
    width: int, fixed: list[int], middle: list[int]
) -> None:
    found = parts(width, fixed, middle)
    assert [i for run in found for i in run] == list(range(len(middle)))
    assert all(len(run) for run in found)
    room = width - table_width(fixed)
    for run in found:
        used = sum(middle[i] + COLUMN_EXTRA for i in run)
        # A part over the width holds one column too wide to fit even alone.
        assert used <= room or len(run) == 1
