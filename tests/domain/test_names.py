"""Folding names people type, and the "did you mean" for a near miss."""

from __future__ import annotations

import pytest

from planctl.domain.names import closest, fold


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
