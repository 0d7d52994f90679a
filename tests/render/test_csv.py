"""The CSV report, read back with Python's csv module as Excel would open it."""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planctl.judge.report import HeldResults, Report
from planctl.render import Format, pieces_for, renderer_for
from planctl.render import csv as csv_module
from planctl.render.csv import COLUMNS, _cell, result_rows
from planctl.render.options import RenderOptions
from planctl.render.visible import shown
from tests.conftest import hostile_report, sample_report

pytestmark = pytest.mark.usefixtures("at_root")


def render(report: Report) -> str:
    return renderer_for(Format.CSV)(report, RenderOptions())


def rows(report: Report) -> list[dict[str, str]]:
    data = render(report).encode("utf-8")
    # As Excel reads "CSV UTF-8": the BOM names the encoding and is not part of the header.
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_utf8_with_bom_and_crlf_for_excel() -> None:
    text = render(sample_report("tongcheng"))
    assert text.startswith("\ufeffview,year,scope,county,")
    # 11 targets: 通城县 has no part in the two city-area school targets (咸安区's alone).
    assert text.count("\r\n") == 1 + 11 and "\n" not in text.replace("\r\n", "")


def test_a_row_per_county_and_target_then_the_city() -> None:
    read = rows(sample_report("city"))
    # A row per target each county has a part in: the IT pilots' contributors are 咸安区 and
    # 通城县, the city-area schools' 咸安区 alone; the city has every target.
    parts = {"咸安区": 13, "嘉鱼县": 10, "通城县": 11, "崇阳县": 10, "通山县": 10, "赤壁市": 10}
    # The city-run schools report three targets (their `reports` in the targets file).
    parts["市直学校"] = 3
    assert len(read) == sum(parts.values()) + 13
    assert list(read[0]) == list(COLUMNS)
    counted = Counter(r["county"] for r in read)
    assert list(counted.items()) == [*parts.items(), ("咸宁市", 13)]
    assert {r["scope"] for r in read[-13:]} == {"city"}
    tongcheng = next(r for r in read if r["county"] == "通城县")
    assert tongcheng["indicator_zh"] == "学前三年毛入园率"
    assert tongcheng["indicator_en"] == "Three-year preschool gross enrolment rate"
    assert (tongcheng["value"], tongcheng["numerator"], tongcheng["denominator"]) == (
        "82.01",
        "19600",
        "23900",
    )
    # 全市…87%: the city is judged; a county below the city's line is a diagnostic.
    assert (tongcheng["status"], tongcheng["status_label"], tongcheng["fails"]) == (
        "below_city_target",
        "below the city target",
        "false",
    )
    assert tongcheng["people"] == "1193"
    assert (tongcheng["clause"], tongcheng["deadline"]) == ("11", "2017")
    assert tongcheng["sentence"] == "全市2017年学前三年毛入园率达到87%以上。"
    assert tongcheng["source"] == "data/tongcheng.csv:8"


def test_negative_numbers_stay_numbers() -> None:
    tongcheng = next(r for r in rows(sample_report("tongcheng")) if r["target"].startswith("pre"))
    assert tongcheng["gap"] == "-4.99"
    city = rows(sample_report("city"))[-13]
    # A pooled rate keeps six places: enough to rebuild it, without float noise.
    assert (city["value"], city["gap"]) == ("86.942623", "-0.057377")


def test_a_county_that_did_not_submit_has_a_row_per_target() -> None:
    read = rows(sample_report("city-incomplete"))
    jiayu = [r for r in read if r["county"] == "嘉鱼县"]
    assert len(jiayu) == 13 and {r["status"] for r in jiayu} == {"not_submitted"}
    assert {r["value"] for r in jiayu} == {""}
    city = [r for r in read if r["scope"] == "city"]
    assert city[0]["lacking"] == "嘉鱼县、通城县、崇阳县、通山县、赤壁市"


def test_formula_injection_is_neutralised_in_text_cells() -> None:
    read = rows(hostile_report())
    counties = [r["county"] for r in read]
    assert "'=1+2" in counties and "=1+2" not in counties
    notes = {r["note"] for r in read}
    assert notes >= {
        '\'=HYPERLINK("http://evil.invalid","click")',
        "'@SUM(A1:A2)",
        "'-2+3",
        "'+cmd|' /C calc'!A0",
        "two\nlines | and a pipe",
        "<img src=x onerror=alert(2)>",
    }
    # No text cell anywhere starts a formula; numbers may be negative.
    numeric = {
        "year",
        "threshold",
        "value",
        "numerator",
        "denominator",
        "gap",
        "clause",
        "deadline",
    }
    for row in read:
        for column, cell in row.items():
            if column not in numeric:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    gaps = [float(r["gap"]) for r in read if r["gap"]]
    assert min(gaps) == -7


def written_by_csv_writer(report: Report, strict: bool = False) -> str:
    """The CSV report as csv.writer writes `result_rows`, each cell as `_cell` makes it."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(c) for c in row] for row in result_rows(shown(report), strict))
    return "\ufeff" + output.getvalue()


def test_the_text_is_what_csv_writer_writes_of_the_rows() -> None:
    """Rows are written by splicing the cells of a county and of a target, written once, with
    each result's own: the very text csv.writer writes of `result_rows`, cell by cell."""
    from tests.render.test_json import every_report

    for report in every_report():
        for strict in (False, True):
            text = renderer_for(Format.CSV)(report, RenderOptions(strict=strict))
            assert text == written_by_csv_writer(report, strict)


# What a CSV writer must quote or double, what a spreadsheet would run as a formula, what
# `visible` escapes, and Chinese beyond the Basic Multilingual Plane (𠀀, U+20000; 𪚥).
_AWKWARD = ['"', ",", "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", " ", "'", ":", "、"]
_AWKWARD += ["咸安区", "𠀀", "𪚥", "a", "8", "\u202e", "\x1b", "→"]
awkward_text = st.lists(st.sampled_from(_AWKWARD), max_size=6).map("".join) | st.text(max_size=6)
# Any figure a result may hold: bools too, which are ints, equal to 0 and 1, written otherwise.
counts = st.integers(min_value=-(2**62), max_value=2**62) | st.booleans() | st.none()
figures = st.floats(allow_nan=False, allow_infinity=False) | counts


@functools.cache
def _city_report() -> Report:
    return sample_report("city")


@given(
    name=awkward_text.filter(bool),
    note=awkward_text,
    path=awkward_text,
    line=st.integers(min_value=1, max_value=10**9),
    numbers=st.lists(figures, min_size=5, max_size=5),
    people=counts,
)
def test_awkward_text_and_figures_are_written_as_csv_writer_writes_them(
    name: str, note: str, path: str, line: int, numbers: list[float | None], people: int | None
) -> None:
    """Whatever a county's name, a note, a source's path or a figure is, each row is what
    csv.writer writes of it, and Python's csv module reads back every cell as `_cell` made it."""
    report = _city_report()
    first, *others = report.counties
    value, numerator, denominator, gap, again = numbers
    results = []
    for result in report.results_of(first):
        assert result.source is not None
        source = dataclasses.replace(result.source, note=note, path=path, line=line)
        results.append(
            dataclasses.replace(
                result,
                source=source,
                value=value,
                numerator=numerator,
                denominator=denominator,
                gap=gap,
                people=people,
            )
        )
    # Another county's figures: one more, and `value` again, now known (found, not written anew).
    second = [dataclasses.replace(r, value=again) for r in report.results_of(others[0])]
    second += [dataclasses.replace(r, gap=value) for r in report.results_of(others[0])]
    county = dataclasses.replace(first.county, name=name, name_en=name)
    awkward = dataclasses.replace(
        report,
        counties=[dataclasses.replace(first, county=county), others[0]],
        details=HeldResults((tuple(results), tuple(second))),
    )
    text = renderer_for(Format.CSV)(awkward, RenderOptions())
    assert text == written_by_csv_writer(awkward)
    read = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert read == [
        list(COLUMNS),
        *([_cell(c) for c in row] for row in result_rows(shown(awkward))),
    ]


def test_a_large_report_is_written_in_pieces() -> None:
    report = sample_report("city")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_module, "_PIECE", 1)
        pieces = list(pieces_for(Format.CSV)(report, RenderOptions()))
    # The header, then a piece a county, then the city's rows.
    assert len(pieces) == len(report.counties) + 1
    assert "".join(pieces) == render(report)
