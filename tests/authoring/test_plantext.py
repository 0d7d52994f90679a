"""A plan's text cut into clauses and sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planctl.authoring.plantext import chinese_number, parse_plan, read_plan
from tests.conftest import PLAN_TEXT

NUMBERED = """关于印发《某县教育局2019年工作要点》的通知
一、总体要求
1.加强党建。全面从严治党。
2、扩大学前教育。全县学前三年毛入园率达到90%以上。
2.5万名学生参加测试。
（3）改善办学条件。
"""


def test_the_2017_plan_has_clauses_1_to_25() -> None:
    plan = read_plan(PLAN_TEXT)
    numbers = [clause.number for clause in plan.clauses if clause.number is not None]
    assert numbers == list(range(1, 26))


def test_headings_and_sentences() -> None:
    plan = parse_plan(NUMBERED, "plan.txt")
    assert [(c.number, c.line) for c in plan.clauses] == [
        (None, 1),
        (None, 2),
        (1, 3),
        (2, 4),
        (3, 6),
    ]
    sentences = [(s.clause, s.line, s.text) for s in plan.sentences()]
    assert (2, 4, "全县学前三年毛入园率达到90%以上。") in sentences
    # The heading's number is not part of the first sentence; 2.5万 is not a heading.
    assert (2, 4, "扩大学前教育。") in sentences
    assert (2, 5, "2.5万名学生参加测试。") in sentences
    assert plan.clauses_holding("全面从严治党。") == [1]


def test_chinese_numbered_subsections_when_there_are_no_arabic_ones() -> None:
    plan = parse_plan("一、目标\n（一）普及学前教育。\n（十一）加强安全。\n")
    assert [c.number for c in plan.clauses] == [None, 1, 11]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("九十五", 95),
        ("百", 100),
        ("一百零五", 105),
        ("", None),
        ("第", None),
    ],
)
def test_chinese_numbers(numeral: str, value: int | None) -> None:
    assert chinese_number(numeral) == value


@given(st.text())
def test_every_sentence_is_in_the_text_and_clauses_cover_it(text: str) -> None:
    plan = parse_plan(text)
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    assert "\n".join(clause.text for clause in plan.clauses) == normalised
    for sentence in plan.sentences():
        assert sentence.text in normalised
