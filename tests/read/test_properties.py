"""Property tests: no bytes and no CSV text make the reader raise anything but its own error."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planctl.domain.problems import SubmissionError
from planctl.read.submissions import parse_submission, read_submission
from planctl.targets.load import load_targets
from planctl.targets.models import TargetSet
from tests.conftest import TARGETS_2017

TARGETS: TargetSet = load_targets(TARGETS_2017)
NAMES = [n for t in TARGETS.targets for n in t.names] + ["nonsense", ""]
COUNTIES = [n for c in TARGETS.counties for n in (c.name, *c.aliases)] + ["某县", ""]
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["88.4", "88.4%", "８８．４％", "15,320", "0.884", "-1", "1e3", "", "104"]),
)
ROW = st.tuples(st.sampled_from(COUNTIES), st.sampled_from(NAMES), CELL, CELL, CELL, CELL)
HEADERS = st.sampled_from(
    [
        "county,indicator,value,numerator,denominator,note",
        "county,indicator,value",
        "indicator,county,value,year",
        "county,indicator",
        "",
    ]
)


def _csv(header: str, rows: list[tuple[str, ...]]) -> str:
    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"'

    return header + "\n" + "\n".join(",".join(quote(c) for c in row) for row in rows)


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_anything_else(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.csv"
        path.write_bytes(data)
        try:
            submission = read_submission(path, TARGETS)
        except SubmissionError as exc:
            assert all(problem.path == str(path) for problem in exc.problems)
        else:
            assert submission.observations or submission.warnings


@settings(max_examples=300)
@given(st.text(max_size=2000))
def test_arbitrary_text_never_raises_anything_else(text: str) -> None:
    try:
        parse_submission(text, "any.csv", TARGETS)
    except SubmissionError as exc:
        assert exc.problems


@pytest.mark.slow
@settings(max_examples=300)
@given(HEADERS, st.lists(ROW, max_size=20))
def test_csv_shaped_text_gives_observations_or_located_problems(
    header: str, rows: list[tuple[str, ...]]
) -> None:
    text = _csv(header, rows)
    try:
        observations, _ = parse_submission(text, "any.csv", TARGETS)
    except SubmissionError as exc:
        for problem in exc.problems:
            assert problem.path == "any.csv"
            assert problem.line is None or 1 <= problem.line <= len(text.splitlines()) + 1
            assert problem.message
    else:
        for observation in observations:
            target = TARGETS.find_target(observation.target_id)
            assert target is not None and target.valid_range.contains(observation.value)


WIDE_HEADERS = st.lists(
    st.sampled_from(
        [n for t in TARGETS.targets for n in (t.name_zh, t.id + "_numerator", t.name_zh + "分母")]
        + ["备注", "年份", "序号", "学前三年毛入学率", "分子", ""]
    ),
    min_size=1,
    max_size=8,
)


@pytest.mark.slow
@settings(max_examples=200)
@given(WIDE_HEADERS, st.lists(st.tuples(st.sampled_from(COUNTIES), CELL, CELL, CELL), max_size=10))
def test_wide_csv_gives_observations_or_located_problems(
    headers: list[str], rows: list[tuple[str, ...]]
) -> None:
    text = _csv(",".join(["县市区", *headers]), [row[: len(headers) + 1] for row in rows])
    try:
        observations, _ = parse_submission(text, "wide.csv", TARGETS)
    except SubmissionError as exc:
        for problem in exc.problems:
            assert problem.path == "wide.csv" and problem.message
            assert problem.line is None or 1 <= problem.line <= len(text.splitlines()) + 1
    else:
        for observation in observations:
            target = TARGETS.find_target(observation.target_id)
            assert target is not None and target.valid_range.contains(observation.value)


WORKBOOK_CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    # openpyxl cannot write control characters, and would store "=…" as a formula.
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8).filter(
        lambda s: not s.startswith("=")
    ),
    st.sampled_from(["88.4", "88.4%", "咸安", "示范幼儿园", "county", "value", "#DIV/0!"]),
)
NUMBER_FORMATS = st.sampled_from(["General", "0.0%", "0.00", '0.0"%"', "#,##0", "@", "yyyy-mm-dd"])


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.tuples(WORKBOOK_CELL, NUMBER_FORMATS), max_size=6), max_size=8),
    st.sampled_from(
        [["county", "indicator", "value"], ["县市区", "学前三年毛入园率", "示范幼儿园"]]
    ),
)
def test_any_workbook_cells_give_observations_or_problems_naming_a_cell(
    rows: list[list[tuple[Any, str]]], header: list[str]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(header)
    for number, row in enumerate(rows, start=2):
        for column, (value, number_format) in enumerate(row, start=1):
            cell = sheet.cell(number, column, value)
            cell.number_format = number_format
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "county.xlsx"
        book.save(path)
        try:
            read_submission(path, TARGETS)
        except SubmissionError as exc:
            for problem in exc.problems:
                assert problem.path == str(path) and problem.message
                assert problem.cell is None or problem.cell.startswith("Sheet")


@pytest.mark.slow
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]),
    st.binary(max_size=3000),
    st.sampled_from(["any.xlsx", "any.xls", "any.csv"]),
)
def test_arbitrary_bytes_after_a_workbook_magic_number(
    magic: bytes, rest: bytes, name: str
) -> None:
    """Bytes that look like a workbook by their first bytes go to a reader library; whatever
    it makes of them, the outcome is one of planctl's own errors."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(magic + rest)
        try:
            read_submission(path, TARGETS)
        except SubmissionError as exc:
            assert all(problem.path == str(path) for problem in exc.problems)
