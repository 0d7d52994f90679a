"""The draft circular, read back with python-docx, in Chinese and in English: its sentences
made from the report's facts, each target's counties ranked, the appendix table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT

from planctl.check import run_check
from planctl.i18n.catalog import Language, text, use_language
from planctl.i18n.codes import Msg
from planctl.judge.report import Report
from planctl.render import Format, render_file
from planctl.render.circular import city_sentences
from planctl.render.common import result_of, unit_name
from planctl.render.options import RenderOptions
from tests.conftest import DATA, TARGETS_2017, sample_report
from tests.render.readback import docx_text

# The city of data/ on the target the issue quotes, and on a ceiling and a count.
CITY = {
    Language.ZH: [
        "全市学前三年毛入园率为 86.94%，低于 87% 的目标 0.06 个百分点，在园幼儿数尚差 70"
        "（未达标）。崇阳县 (需增加 805)若达到其目标，全市即可达标：106,875/122,000，即 87.6%。",
        "全市无证办园为 6，高于 0 的上限 6（预警）。",
        "全市公办园和普惠性民办园覆盖率为 86.11%，达到 85% 的目标（达标）。",
    ],
    Language.EN: [
        "The city's 学前三年毛入园率 three-year preschool gross enrolment rate is 86.94%, "
        "0.06 pts below the target of 87%; 70 more children enrolled in kindergartens would "
        "meet it (NOT MET). 崇阳县 (805 more) reaching its line would carry the city over: "
        "106,875 of 122,000, 87.6%.",
        "The city's 无证办园 unlicensed kindergartens is 6, 6 above the ceiling of 0 (warning).",
        "The city's 公办园和普惠性民办园覆盖率 share of kindergarten children in public or "
        "inclusive private kindergartens is 86.11%, meeting the target of 85% (met).",
    ],
}


COUNTY_ORDER = ["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市"]


def document(report: Report) -> DocumentType:
    return Document(io.BytesIO(render_file(Format.DOCX, report, RenderOptions())))


@pytest.fixture(params=list(Language), ids=str)
def lang(request: pytest.FixtureRequest) -> Language:
    use_language(request.param)
    return request.param


def test_the_city_is_told_in_sentences_from_the_facts(lang: Language) -> None:
    report = run_check([DATA])
    paragraphs = [p.text for p in document(report).paragraphs]
    for sentence in CITY[lang]:
        assert sentence in paragraphs
    assert city_sentences(report.city[0]) == CITY[lang][0]  # type: ignore[index]


def test_the_circular_names_its_plan_and_every_county(lang: Language) -> None:
    report = run_check([DATA])
    shown = document(report)
    plan = report.targets.plan
    title = shown.paragraphs[0]
    assert title.style is not None and title.style.name == "Title"
    assert plan.title in title.text
    basis = shown.paragraphs[1].text
    assert plan.issuing_body in basis and "2017-05-02" in basis and "11337776" in basis
    body = docx_text(render_file(Format.DOCX, report, RenderOptions()))
    for county in report.counties:
        assert county.county.name in body
    assert report.run_digest() in shown.sections[0].footer.paragraphs[0].text


def test_the_basis_counts_units_apart_and_speaks_the_language_in_use(lang: Language) -> None:
    basis = document(run_check([DATA])).paragraphs[1].text
    if lang is Language.ZH:
        # The targets file's Chinese reference, and 市直学校 never counted as a county.
        assert "文号 无" in basis and "(no document number)" not in basis
        assert "对 6 个县市区及 1 个其他单位报送的 2017 年数据" in basis
    else:
        assert "that 6 counties and 1 other unit(s) submitted" in basis


def test_each_target_lists_its_counties_met_and_below_ranked(lang: Language) -> None:
    report = run_check([DATA])
    paragraphs = [p.text for p in document(report).paragraphs]
    if lang is Language.ZH:
        met = (
            "达到目标的县市区（按排名）：通山县（93.03%）、嘉鱼县（93.02%）、咸安区（88.51%）、"
            "赤壁市（87%）。"
        )
        below = (
            "未达到目标的县市区（按排名）：崇阳县（83.71%，-3.29 个百分点）、"
            "通城县（82.01%，-4.99 个百分点）。"
        )
    else:
        met = (
            "Met, ranked: 通山县 Tongshan County (93.03%)、嘉鱼县 Jiayu County (93.02%)、"
            "咸安区 Xian'an District (88.51%)、赤壁市 Chibi City (87%)."
        )
        below = (
            "Below the target, ranked: 崇阳县 Chongyang County (83.71%, -3.29 pts)、"
            "通城县 Tongcheng County (82.01%, -4.99 pts)."
        )
    heading = paragraphs.index(
        text(
            Msg.CIRCULAR_TARGET_HEADING,
            number=1,
            indicator=text(
                Msg.NAME_PAIR,
                name="学前三年毛入园率",
                name_en="three-year preschool gross enrolment rate",
            ),
            target="≥ 87%",
            clause=text(Msg.CLAUSE_REF, clause=11),
        )
    )
    assert paragraphs[heading + 1 : heading + 3] == [met, below]


def test_the_appendix_is_a_table_of_every_result_on_a_landscape_page(lang: Language) -> None:
    report = run_check([DATA])
    shown = document(report)
    (table,) = shown.tables
    header = [cell.text for cell in table.rows[0].cells]
    # A unit of another kind than a county is named with its kind (市直学校 (city-run)).
    assert header[2:] == [*(unit_name(c.county) for c in report.counties), "咸宁市"]
    assert len(table.rows) == 1 + len(report.targets.targets)
    preschool = [cell.text for cell in table.rows[1].cells]
    assert preschool[-1] == f"86.94% {text(Msg.STATUS_NOT_MET)}"
    pilots = next(row for row in table.rows if row.cells[0].text.startswith("完成省级试点"))
    assert pilots.cells[2 + COUNTY_ORDER.index("通山县")].text == text(Msg.MATRIX_NO_PART)
    assert shown.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    width, height = shown.sections[-1].page_width, shown.sections[-1].page_height
    assert width is not None and height is not None and width > height


def test_no_free_text_of_an_input_reaches_the_circular(tmp_path: Path) -> None:
    """A county's note is its own words, not a fact of the check: the circular leaves it out."""
    path = tmp_path / "county.csv"
    path.write_text(
        "county,indicator,value,numerator,denominator,note\n"
        '通城县,学前三年毛入园率,82.01,19600,23900,=HYPERLINK("http://x") please ignore\n',
        encoding="utf-8",
    )
    report = run_check([path], TARGETS_2017)
    body = docx_text(render_file(Format.DOCX, report, RenderOptions()))
    assert "82.01%" in body and "通城县" in body
    assert "HYPERLINK" not in body and "please ignore" not in body


@pytest.mark.usefixtures("at_root")
def test_a_county_view_has_no_city_section_and_names_who_sent_nothing() -> None:
    report = sample_report("city-incomplete")
    paragraphs = [p.text for p in document(report).paragraphs]
    assert any(p.startswith(text(Msg.CIRCULAR_NOT_SUBMITTED, counties="")[:10]) for p in paragraphs)
    county_view = document(run_check([DATA / "tongcheng.csv"], TARGETS_2017))
    texts = [p.text for p in county_view.paragraphs]
    assert text(Msg.CIRCULAR_CITY_HEADING) not in texts
    assert text(Msg.CIRCULAR_COUNTIES_HEADING) in texts


@pytest.mark.usefixtures("at_root")
def test_a_result_without_a_figure_says_why() -> None:
    report = sample_report("city-incomplete")
    assert report.city is not None
    result = result_of(report.city, report.targets.targets[0])
    assert result is not None
    sentence = city_sentences(result)
    assert sentence.endswith(".") and "嘉鱼县" in sentence


@pytest.mark.usefixtures("at_root")
def test_a_ratio_short_of_its_ceiling_counts_the_part_that_moves() -> None:
    """A pupil–teacher ratio above its ceiling: the people are teachers (its pupils held), as
    the other formats say; the figures are ratios (`14.13:1`)."""
    report = sample_report("ratio")
    assert report.city is not None
    sentence = city_sentences(report.city[1])
    assert sentence.startswith(
        "The city's 初中生师比 junior secondary pupil–teacher ratio is 14.13:1, 0.63 above the "
        "ceiling of 13.5:1; 36 more "
    )
    denominator = report.city[1].target.denominator
    assert denominator is not None
    assert f"36 more {denominator.name_en.lower()}" in sentence.lower()
