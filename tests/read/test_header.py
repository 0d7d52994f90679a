"""Headers: the names people give columns, title rows above them, and long vs wide."""

from __future__ import annotations

import pytest

from planctl.i18n.codes import Msg
from planctl.read.header import (
    COUNTY,
    DENOMINATOR,
    HEADER_SEARCH_ROWS,
    INDICATOR,
    NOTE,
    NUMERATOR,
    VALUE,
    YEAR,
    Layout,
    find_header,
    read_header,
)
from planctl.read.table import Row
from planctl.targets.models import TargetSet


def header_of(cells: list[str], targets: TargetSet) -> dict[str, int]:
    return read_header(Row(1, cells), targets).roles


@pytest.mark.parametrize(
    ("cells", "roles"),
    [
        (
            ["county", "indicator", "value", "numerator", "denominator", "note", "year"],
            [COUNTY, INDICATOR, VALUE, NUMERATOR, DENOMINATOR, NOTE, YEAR],
        ),
        (
            ["县市区", "指标", "数值", "分子", "分母", "备注", "年份"],
            [COUNTY, INDICATOR, VALUE, NUMERATOR, DENOMINATOR, NOTE, YEAR],
        ),
        (["县(市、区)", "指标名称", "实际值"], [COUNTY, INDICATOR, VALUE]),
        (["县（市、区）", "指标", "值"], [COUNTY, INDICATOR, VALUE]),
        (["地区", "指标", "数值", "年度"], [COUNTY, INDICATOR, VALUE, YEAR]),
        (["单位", "指标", "数值"], [COUNTY, INDICATOR, VALUE]),
        ([" County ", "INDICATOR", "Ｖａｌｕｅ"], [COUNTY, INDICATOR, VALUE]),
    ],
)
def test_column_names(targets: TargetSet, cells: list[str], roles: list[str]) -> None:
    assert header_of(cells, targets) == {role: index for index, role in enumerate(roles)}


def test_dan_wei_is_the_unit_of_measure_when_another_column_names_the_county(
    targets: TargetSet,
) -> None:
    header = read_header(Row(1, ["县市区", "指标", "单位", "数值"]), targets)
    assert header.roles == {COUNTY: 0, INDICATOR: 1, VALUE: 3}
    assert header.unknown == [2]


@pytest.mark.parametrize(
    ("cell", "target_id", "part"),
    [
        ("学前三年毛入园率", "preschool_gross_enrolment_rate", VALUE),
        ("学前三年毛入园率（%）", "preschool_gross_enrolment_rate", VALUE),
        ("毛入园率(%)", "preschool_gross_enrolment_rate", VALUE),
        ("preschool_gross_enrolment_rate", "preschool_gross_enrolment_rate", VALUE),
        ("学前三年毛入园率分子", "preschool_gross_enrolment_rate", NUMERATOR),
        ("学前三年毛入园率分母（人）", "preschool_gross_enrolment_rate", DENOMINATOR),
        ("学前三年毛入园率（分子）", "preschool_gross_enrolment_rate", NUMERATOR),
        ("preschool_gross_enrolment_rate_numerator", "preschool_gross_enrolment_rate", NUMERATOR),
        ("Gross Enrolment Rate Denominator", "preschool_gross_enrolment_rate", DENOMINATOR),
        ("示范幼儿园【所】", "model_kindergartens", VALUE),
    ],
)
def test_indicator_columns(targets: TargetSet, cell: str, target_id: str, part: str) -> None:
    header = read_header(Row(1, ["县市区", cell]), targets)
    (column,) = header.indicators
    assert (column.index, column.target.id, column.part, column.header) == (
        1,
        target_id,
        part,
        cell,
    )
    assert header.layout is Layout.WIDE and header.complete


def test_an_indicator_column_makes_a_long_header_no_wider(targets: TargetSet) -> None:
    header = read_header(Row(1, ["county", "indicator", "value", "无证办园"]), targets)
    assert header.layout is Layout.LONG and header.complete


@pytest.mark.parametrize(
    ("cells", "layout", "missing"),
    [
        (["county", "indicator"], Layout.LONG, [VALUE]),
        (["value"], Layout.LONG, [COUNTY, INDICATOR]),
        (["学前三年毛入园率", "示范幼儿园"], Layout.WIDE, [COUNTY]),
        (["县市区", "备注"], None, [COUNTY, INDICATOR, VALUE]),
    ],
)
def test_incomplete_headers(
    targets: TargetSet, cells: list[str], layout: Layout | None, missing: list[str]
) -> None:
    header = read_header(Row(1, cells), targets)
    assert (header.layout, header.complete) == (layout, False)
    if layout is not None:
        assert header.missing == missing


def test_title_rows_above_the_header_are_skipped(targets: TargetSet) -> None:
    rows = [
        Row(1, ["咸宁市学前教育统计表"]),
        Row(2, ["填报单位：咸安区教育局", "", "2017年"]),
        Row(4, ["县市区", "指标", "数值"]),
        Row(5, ["咸安区", "示范幼儿园", "9"]),
    ]
    found = find_header(iter(rows), targets, "t.csv")
    assert found.header is not None and found.header.row.line == 4
    assert (found.skipped, found.problems) == (2, [])
    assert [row.line for row in found.rows] == [5]


def test_a_header_below_the_search_is_not_found(targets: TargetSet) -> None:
    rows = [Row(n, [f"说明 {n}"]) for n in range(1, HEADER_SEARCH_ROWS + 1)]
    rows.append(Row(99, ["county", "indicator", "value"]))
    found = find_header(iter(rows), targets, "t.csv")
    assert found.header is None and not found.attempted
    (problem,) = found.problems
    assert (problem.code, problem.line) == (Msg.CSV_NO_HEADER, 1)


def test_the_most_header_like_row_is_reported(targets: TargetSet) -> None:
    rows = [Row(1, ["咸宁市学前教育统计表"]), Row(2, ["县市区", "指标", "数量"])]
    found = find_header(iter(rows), targets, "t.csv")
    assert found.header is None and found.attempted
    (problem,) = found.problems
    assert (problem.code, problem.line, problem.fields["column"]) == (
        Msg.CSV_MISSING_COLUMN,
        2,
        VALUE,
    )


def test_a_column_named_twice(targets: TargetSet) -> None:
    rows = [Row(1, ["县市区", "毛入园率", "学前三年毛入园率（%）"])]
    found = find_header(iter(rows), targets, "t.csv")
    (problem,) = found.problems
    assert problem.code is Msg.CSV_DUPLICATE_COLUMN
    assert problem.fields == {"column": "学前三年毛入园率（%）"}


def test_a_second_header_row_names_the_parts(targets: TargetSet) -> None:
    """An indicator merged over 数值 | 分子 | 分母: the blanks belong to the name on the left."""
    rows = [
        Row(1, ["县市区", "学前三年毛入园率", "", "", "示范幼儿园"]),
        Row(2, ["", "数值", "分子", "分母", ""]),
        Row(3, ["咸安区", "88.51", "21950", "24800", "9"]),
    ]
    found = find_header(iter(rows), targets, "t.csv")
    assert found.header is not None and found.header.parts_row is rows[1]
    assert [(c.index, c.target.id, c.part, c.header) for c in found.header.indicators] == [
        (1, "preschool_gross_enrolment_rate", VALUE, "学前三年毛入园率数值"),
        (2, "preschool_gross_enrolment_rate", NUMERATOR, "学前三年毛入园率分子"),
        (3, "preschool_gross_enrolment_rate", DENOMINATOR, "学前三年毛入园率分母"),
        (4, "model_kindergartens", VALUE, "示范幼儿园"),
    ]
    assert [row.line for row in found.rows] == [3]


def test_a_row_of_figures_is_no_parts_row(targets: TargetSet) -> None:
    rows = [Row(1, ["县市区", "示范幼儿园"]), Row(2, ["咸安区", "9"])]
    found = find_header(iter(rows), targets, "t.csv")
    assert found.header is not None and found.header.parts_row is None
    assert [row.line for row in found.rows] == [2]
