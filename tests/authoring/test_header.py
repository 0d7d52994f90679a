"""A plan's header lines: title, issuer, date, reference and year, or None where none says."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planctl.authoring.header import PlanHeader, read_header
from planctl.authoring.plantext import parse_plan, read_plan
from tests.conftest import PLAN_TEXT


def header(text: str) -> PlanHeader:
    return read_header(parse_plan(text))


def test_the_2017_plans_header() -> None:
    assert read_header(read_plan(PLAN_TEXT)) == PlanHeader(
        title="咸宁市教育局2017年工作要点",
        issuer="咸宁市教育局",
        issued=datetime.date(2017, 5, 2),
        reference="索引号 11337776/2017-1013698; 文号 无",
        year=2017,
    )
    assert read_header(read_plan(PLAN_TEXT)).city == "咸宁市"


def test_without_header_lines_the_issuer_and_year_come_from_the_title() -> None:
    found = header("关于印发《某县教育局2019年工作要点》的通知\n1.加强党建。\n")
    assert (found.title, found.issuer, found.year) == (
        "某县教育局2019年工作要点",
        "某县教育局",
        2019,
    )
    assert (found.issued, found.reference, found.city) == (None, None, "某县")


def test_a_title_without_a_year_takes_the_year_it_was_issued() -> None:
    found = header(
        "《关于做好学前教育工作的意见》\n发布日期：2021年3月9日\n文号：某教发〔2021〕3号\n"
    )
    assert (found.year, found.issued) == (2021, datetime.date(2021, 3, 9))
    assert found.reference == "文号 某教发〔2021〕3号"  # only the one the header gives


@pytest.mark.parametrize("date", ["2017-02-30", "2017-13-01"])
def test_a_date_that_is_no_date_is_none(date: str) -> None:
    found = header(f"《某市教育局2017年工作要点》\n发文日期: {date}\n")
    assert (found.issued, found.year) == (None, 2017)


def test_nothing_said_is_none() -> None:
    assert header("1.加强党建。\n") == PlanHeader(None, None, None, None, None)


def test_header_lines_far_below_the_top_are_not_read() -> None:
    body = "加强党建。\n" * 600
    assert header(body + "发文单位：某市教育局\n").issuer is None


@given(st.text())
def test_any_text_reads(text: str) -> None:
    read_header(parse_plan(text))
