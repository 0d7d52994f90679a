"""The Markdown report, read back by a real CommonMark parser with GitHub's tables."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from planctl.check import run_check
from planctl.judge.report import Report
from planctl.render import Format, renderer_for
from planctl.render.markdown import escape
from planctl.render.options import RenderOptions
from tests.conftest import FIXTURES, GOLDEN, check_golden, hostile_report, sample_report

pytestmark = pytest.mark.usefixtures("at_root")


def parse(report: Report, strict: bool = False) -> list[Token]:
    markdown = renderer_for(Format.MARKDOWN)(report, RenderOptions(strict=strict))
    # GitHub's dialect: CommonMark with raw HTML allowed, plus tables and strikethrough.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)


def tables(tokens: list[Token], plain: bool = False) -> list[list[list[str]]]:
    """Every table as rows of cells (the header row first): their Markdown, or with `plain`
    the text a reader sees."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            cell = tokens[index + 1]
            row.append(_plain(cell) if plain else cell.content)
        elif token.type == "tr_close":
            found[-1].append(row)
    return found


def _plain(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type == "text")


def headings(tokens: list[Token]) -> list[str]:
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_city_view_structure() -> None:
    tokens = parse(sample_report("city"))
    assert headings(tokens)[:4] == [
        "❌ FAIL: 9 failing result(s)",
        "Failing (9)",
        "Warnings (6)",
        "Below the city target, not failing (7)",
    ]
    failing, warnings, below, matrix, provenance, inputs = tables(tokens)
    assert len(failing) == 1 + 9 and all(len(row) == 8 for row in failing)
    assert len(below) == 1 + 7 and {row[6] for row in below[1:]} == {"below the city target"}
    assert failing[1][:3] == [
        "❌",
        "通城县 Tongcheng County",
        "宽带网络校校通<br>Share of schools connected to broadband",
    ]
    assert failing[1][3:] == ["≥ 100%", "98.54% (203 / 206)", "-1.46 pts", "NOT MET", "7"]
    assert below[1][:2] == ["🔻", "嘉鱼县 Jiayu County"]
    assert below[2][3:] == [
        "≥ 87% (city target)",
        "82.01% (19,600 / 23,900)",
        "-4.99 pts",
        "below the city target",
        "11",
    ]
    assert len(warnings) == 1 + 6 and {row[0] for row in warnings[1:]} == {"⚠️"}
    # A row per target; a column each for indicator, target, six counties, the city-run
    # schools (with their kind) and the city.
    assert len(matrix) == 1 + 13 and all(len(row) == 10 for row in matrix)
    assert matrix[0][2:] == [
        *["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市"],
        "市直学校 (city-run)",
        "咸宁市",
    ]
    assert matrix[1][-1] == "❌ 86.94%<br>NOT MET"
    assert (
        len(provenance) == 1 + 13 and provenance[1][-1] == "全市2017年学前三年毛入园率达到87%以上。"
    )
    assert len(inputs) == 1 + 1 + 7


def test_failing_results_come_first() -> None:
    tokens = parse(sample_report("tongcheng"))
    assert headings(tokens) == [
        "❌ FAIL: 2 failing result(s)",
        "Failing (2)",
        "Warnings (1)",
        "Below the city target, not failing (3)",
        "All results",
        "通城县 Tongcheng County",
    ]
    county = tables(tokens)[3]
    # Every target but the two city-area schools, which are 咸安区's alone.
    assert len(county) == 1 + 11 and all(len(row) == 6 for row in county)


def test_provenance_and_attention_fold_into_details_blocks() -> None:
    html = [t.content for t in parse(sample_report("city")) if t.type == "html_block"]
    summaries = [block for block in html if block.startswith("<details>")]
    assert summaries == [
        "<details>\n<summary>What needs attention</summary>\n",
        "<details>\n<summary>Where each target comes from</summary>\n",
        "<details>\n<summary>Inputs</summary>\n",
    ]


def test_a_county_that_did_not_submit() -> None:
    failing = tables(parse(sample_report("city-incomplete")))[0]
    assert ["❌", "嘉鱼县 Jiayu County", "—", "—", "—", "—", "NOT SUBMITTED", "—"] in failing


def test_strict_turns_the_verdict() -> None:
    chibi = parse(sample_report("city"), strict=True)
    assert headings(chibi)[0] == "❌ FAIL: 9 failing result(s)"


def test_inputs_cannot_break_the_tables_or_inject_html() -> None:
    tokens = parse(hostile_report())
    failing, warnings, matrix, provenance, _ = tables(tokens, plain=True)
    # One column per county and the city, whatever their names hold, shown as typed.
    assert all(len(row) == 2 + 3 + 1 for row in matrix)
    assert matrix[0][2:] == [
        "<script>alert(1)</script>",
        "A|B *x* [l](http://e.invalid)",
        "=1+2",
        "测试市 <svg onload=alert(1)>",
    ]
    assert failing[1][1] == "<script>alert(1)</script> <script>alert(1)</script>"
    assert provenance[1][-1] == "全市入园率达到87%以上 <script>alert('sentence')</script> | =cmd"
    assert all(len(row) == 8 for row in failing + warnings)
    assert all(len(row) == 5 for row in provenance)
    # The only raw HTML is planctl's own.
    children = [c for t in tokens if t.type == "inline" for c in t.children or []]
    raw = {c.content for c in children if c.type == "html_inline"}
    assert not [c for c in children if c.type in ("link_open", "image", "em_open", "s_open")]
    blocks = {t.content.split(">")[0] + ">" for t in tokens if t.type == "html_block"}
    assert raw <= {"<br>", "<sub>", "</sub>"} and blocks <= {"<details>", "</details>"}
    rendered = (
        MarkdownIt("commonmark")
        .enable("table")
        .render(renderer_for(Format.MARKDOWN)(hostile_report(), RenderOptions()))
    )
    assert "<script>" not in rendered and "<svg" not in rendered and "<em>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "A|B *x* [l](http://e.invalid)" in rendered
    assert "<a href" not in rendered


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a|b", r"a\|b"),
        ("<b>", r"\<b\>"),
        ("*x* _y_ `z`", r"\*x\* \_y\_ \`z\`"),
        ("[l](u) ![i](u)", r"\[l\](u) \!\[i\](u)"),
        ("two\nlines\r\n", "two lines "),
        ("&amp; ~~s~~ $x$ #1", r"\&amp; \~\~s\~\~ \$x\$ \#1"),
        ("咸安区 88.5%", "咸安区 88.5%"),
    ],
)
def test_escape(raw: str, shown: str) -> None:
    assert escape(raw) == shown


SCALE = FIXTURES / "scale"


def test_many_counties_are_summarised() -> None:
    report = run_check([SCALE / "province.csv"], SCALE / "targets.yaml")
    text = renderer_for(Format.MARKDOWN)(report, RenderOptions())
    check_golden(text.replace(str(SCALE), "tests/fixtures/scale"), GOLDEN / "markdown" / "scale.md")
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    overview, city, *_ = tables(tokens, plain=True)
    assert overview[0][2:7] == ["met", "NOT MET", "warning", "MISSING", "share"]
    assert [row[:4] for row in overview[1:]] == [
        ["入学率Enrolment rate", "≥ 85%", "7", "5"],
        ["示范学校Model schools", "≥ 2", "6", "—"],
        ["新建学校New schools", "≥ 20", "—", "1"],
    ]
    assert len(city) == 4
