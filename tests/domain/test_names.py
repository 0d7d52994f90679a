"""Folding names people type, and the "did you mean" for a near miss."""

from __future__ import annotations

import pytest

from planctl.domain.names import closest, fold, one_slip
from tests.conftest import TARGETS_2017


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("学前三年毛入园率（%）", "学前三年毛入园率"),
        ("毛入园率(%)", "毛入园率"),
        ("示范幼儿园【所】", "示范幼儿园"),
        ("示范幼儿园〔所〕", "示范幼儿园"),
        ("示范幼儿园［所］", "示范幼儿园"),
        ("县（市、区）", "县"),
        (" Preschool_Gross-Enrolment Rate ", "preschoolgrossenrolmentrate"),
        ("ＶＡＬＵＥ", "value"),
    ],
)
def test_fold(typed: str, known: str) -> None:
    assert fold(typed) == fold(known)


def test_unbalanced_brackets_are_kept() -> None:
    assert fold("毛入园率(%") != fold("毛入园率")


def test_closest_ignores_the_unit_in_brackets() -> None:
    assert closest("学前三年毛入学率（%）", ["学前三年毛入园率", "示范幼儿园"]) == [
        "学前三年毛入园率"
    ]
    assert closest("填报人", ["学前三年毛入园率", "示范幼儿园"]) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("咸按", ["咸安"]),  # one changed
        ("咸", []),  # too short to tell a slip from another name
        ("咸安区区", ["咸安区"]),  # one added
        ("通县", ["通城", "通山"]),  # one left out, of either
        ("咸安", ["咸安区"]),  # the name itself is no slip, a longer one is
        ("武汉", []),
    ],
)
def test_one_slip_finds_names_one_character_away(name: str, expected: list[str]) -> None:
    assert one_slip(name, ["咸安", "咸安区", "通城", "通山"]) == expected


def test_a_county_one_character_off_gets_a_suggestion_in_check_too() -> None:
    """The row reader and --county of template ask the same targets file for suggestions."""
    from planctl.targets.load import load_targets

    targets = load_targets(TARGETS_2017)
    assert targets.suggest_counties("咸按") == ["咸安区"]
    assert targets.suggest_counties("武汉") == []
