"""The HTML report: self-contained, every input escaped, and rendered by headless Chromium
without console errors (a screenshot is kept in the test's temporary directory); charts whose
axis shows the differences and whose values the target line does not cross; a page that fits
a 390 px phone and prints on A4 and Letter without losing a column of the matrix."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from planctl.i18n.catalog import Language, text, use_language
from planctl.i18n.codes import Msg
from planctl.judge.report import Report
from planctl.render import Format, renderer_for
from planctl.render.html import (
    LABEL_ASCENT,
    LABEL_DESCENT,
    Chart,
    chart,
    columns_of,
    label_clear_of,
    print_parts,
)
from planctl.render.options import RenderOptions
from planctl.targets.load import load_targets
from tests.conftest import TARGETS_2017, hostile_report, sample_report

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, ViewportSize

pytestmark = pytest.mark.usefixtures("at_root")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)",
)
# What the brief for CI asks of a headless browser: no sandbox (root in a container), no GPU,
# nothing fetched in the background, a fresh profile (given per test below).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def render(report: Report) -> str:
    return renderer_for(Format.HTML)(report, RenderOptions())


@dataclass
class Page:
    """What Chromium made of a report."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    title: str = ""
    text: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def open_in_chromium(html: str, folder: Path) -> Page:
    """Load the report from a file in Chromium, record what it logs and asks for, and keep a
    screenshot beside it."""
    from playwright.sync_api import sync_playwright

    path = folder / "report.html"
    path.write_bytes(html.encode("utf-8"))
    seen = Page()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(folder / "profile"),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = context.new_page()
            page.on("console", lambda m: seen.console.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: seen.errors.append(str(e)))
            page.on("dialog", lambda dialog: _dismiss(dialog, seen))
            page.on("request", lambda r: seen.requests.append(r.url))
            page.goto(path.as_uri(), wait_until="load")
            seen.title = page.title()
            seen.text = page.inner_text("body")
            for selector in ("script", "img", "iframe", "figure > svg", "table.matrix:visible tr"):
                seen.counts[selector] = page.locator(selector).count()
            page.screenshot(path=str(folder / "report.png"), full_page=True)
        finally:
            context.close()
    return seen


def _dismiss(dialog: Dialog, seen: Page) -> None:
    seen.dialogs.append(dialog.message)
    dialog.dismiss()


def test_self_contained_and_script_free() -> None:
    html = render(sample_report("city"))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<script|\ssrc=|\shref=|@import|url\(", html)


def test_every_input_string_is_escaped() -> None:
    html = render(hostile_report())
    for raw in ("<script>", "<svg onload", "<img", "<em>tags", "<b>bold", "<i>"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "Enrolment rate | with a pipe &amp; &lt;em&gt;tags&lt;/em&gt;" in html


def test_the_template_is_compiled_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that renders many pages (the library, --report x.html beside another)
    built a Jinja environment and compiled the template for each; the page is the same."""
    import jinja2

    from planctl.render import html as module

    built: list[jinja2.Environment] = []

    class Counted(jinja2.Environment):
        def __init__(self, **settings: Any) -> None:
            super().__init__(**settings)
            built.append(self)

    monkeypatch.setattr(jinja2, "Environment", Counted)
    module._template.cache_clear()
    try:
        first, second = render(sample_report("city")), render(sample_report("city"))
        use_language(Language.ZH)
        chinese = render(sample_report("city"))
    finally:
        module._template.cache_clear()
    assert len(built) == 1
    assert first == second
    assert "<html lang" in chinese and chinese != first


def test_the_module_does_not_import_jinja2() -> None:
    """Only rendering a page imports jinja2 (a check that writes no HTML never loads it)."""
    probe = "import sys, planctl.render.html; print('jinja2' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "False\n"), run.stderr


@pytest.mark.slow
@needs_chromium
def test_chromium_renders_the_city_view(tmp_path: Path) -> None:
    page = open_in_chromium(render(sample_report("city")), tmp_path)
    assert page.console == [] and page.errors == []
    assert page.requests == [(tmp_path / "report.html").as_uri()]
    assert page.title.startswith("FAIL: 9 failing result(s)")
    # 13 targets: a chart each, a row each (and the header row) in the matrix on screen.
    assert page.counts["figure > svg"] == 13 and page.counts["table.matrix:visible tr"] == 14
    assert "全市2017年学前三年毛入园率达到87%以上。" in page.text
    assert (tmp_path / "report.png").stat().st_size > 10_000


@pytest.mark.slow
@needs_chromium
def test_chromium_renders_a_county(tmp_path: Path) -> None:
    page = open_in_chromium(render(sample_report("tongcheng")), tmp_path)
    assert page.console == [] and page.errors == []
    assert "82.01%" in page.text and "NOT MET" in page.text
    assert (tmp_path / "report.png").is_file()


@pytest.mark.slow
@needs_chromium
def test_a_county_named_script_does_not_run(tmp_path: Path) -> None:
    page = open_in_chromium(render(hostile_report()), tmp_path)
    assert page.console == [] and page.errors == [] and page.dialogs == []
    assert page.counts["script"] == 0 and page.counts["img"] == 0
    assert "<script>alert(1)</script>" in page.text
    assert "<img src=x onerror=alert(2)>" in page.text
    assert (tmp_path / "report.png").is_file()


def charts_of(case: str) -> dict[str, Chart]:
    report = sample_report(case)
    columns = columns_of(report)
    return {target.id: chart(target, columns) for target in report.targets.targets}


def test_an_axis_that_does_not_start_at_0_says_so() -> None:
    """98.54% does not look like 100%: the broadband chart's axis starts at 98%."""
    broadband = charts_of("city")["school_broadband_coverage"]
    assert broadband.axis_note == "axis from 98%"
    assert [tick.label for tick in broadband.ticks] == ["98%", "98.5%", "99%", "99.5%", "100%"]
    heights = {bar.label: bar.height for bar in broadband.bars}
    assert heights["通城县"] < heights["咸安区"] * 0.4  # 98.54% against 100%
    # Counts from 3 to 33 are drawn from 0, and say nothing.
    models = charts_of("city")["model_kindergartens"]
    assert models.axis_note is None and models.ticks[0].label == "0"


def test_the_axis_note_is_in_chinese() -> None:
    use_language(Language.ZH)
    assert charts_of("city")["school_broadband_coverage"].axis_note == "纵轴自 98% 起"


@pytest.mark.parametrize("case", ["city", "county-targets", "between", "basically"])
def test_no_threshold_line_crosses_a_value(case: str) -> None:
    """A bar's value is written clear of every threshold line drawn across its slot (86.94%
    just under the 87% line is written above it)."""
    for drawn in charts_of(case).values():
        for bar in drawn.bars:
            top, bottom = bar.label_y - LABEL_ASCENT, bar.label_y + LABEL_DESCENT
            for line in drawn.lines:
                if line.x1 <= bar.x < line.x2:
                    for y in (line.y, line.band_y):
                        assert y is None or not top - 1 <= y <= bottom + 1, (bar, line)


def test_a_label_moves_above_the_lines_it_would_cross() -> None:
    assert label_clear_of(100.0, [150.0]) == 100.0  # the line well below
    assert label_clear_of(100.0, [98.0]) == 91.0  # above the line, with room
    # Past the first line into a second (a band's upper bound): above both.
    assert label_clear_of(100.0, [98.0, 90.0]) == 83.0


def test_the_target_lines_labels_are_in_a_legend() -> None:
    enrolment = charts_of("county-targets")["preschool_gross_enrolment_rate"]
    assert enrolment.legend == [
        "≥ 87% (city target)",
        "≥ 84% (county target)",
        "≥ 83% (county target)",
        "≥ 87%",
    ]


def test_the_city_view_says_which_county_has_no_part() -> None:
    """嘉鱼县 has no part in the provincial IT pilots: its cell says so, its chart names it."""
    pilots = charts_of("city")["provincial_it_pilot_schools"]
    assert [bar.label for bar in pilots.bars] == [
        "咸安区",
        "通城县",
        "市直学校 (city-run)",
        "咸宁市",
    ]
    assert pilots.absent == (
        "no bar for a county with no part in this target: 嘉鱼县、崇阳县、通山县、赤壁市"
    )
    html = render(sample_report("city"))
    # And the city-run schools in the ten targets they do not report (their `reports`).
    assert html.count(f">{text(Msg.MATRIX_NO_PART)}</td>") == 2 * (4 + 5 + 5 + 10)
    assert "嘉鱼县 Jiayu County has no part in this target (not among its contributors)" in html
    unreported = "市直学校 City-run schools (city-run) does not report this target"
    assert html.count(unreported) == 2 * 10


def test_a_county_view_leaves_out_a_target_it_has_no_part_in() -> None:
    """通城县 has no part in the city-area schools: no row, no chart, as in every format."""
    html = render(sample_report("tongcheng"))
    for target in ("市城区新建小学", "市城区新建幼儿园"):
        assert target not in html
    assert '<td class="num">-</td>' not in html
    assert html.count("<figure>") == 11


def test_the_printed_matrix_repeats_the_city_in_every_part() -> None:
    columns = columns_of(sample_report("city"))
    parts = print_parts(columns)
    assert [[column.name for column in part] for part in parts] == [
        ["咸安区", "嘉鱼县", "通城县", "崇阳县", "咸宁市"],
        ["通山县", "赤壁市", "市直学校 (city-run)", "咸宁市"],
    ]
    # Four counties and the city fit one page: one matrix, no parts.
    assert print_parts(columns[:4] + columns[-1:]) == []


@dataclass
class Looked:
    """What a reader sees of a report: on a desktop, on a phone, printed."""

    wide_text: str = ""
    phone_text: str = ""
    phone_width: int = 0
    # The matrix's indicator and city columns on the phone, (left, right) in px, with the
    # matrix scrolled to its start and to its end.
    phone_columns: list[list[float]] = field(default_factory=list)
    # Each printed page's text, by paper size.
    pages: dict[str, list[str]] = field(default_factory=dict)


PHONE: ViewportSize = {"width": 390, "height": 844}


def look_at(html: str, folder: Path) -> Looked:
    """Screenshots at 1280 and 390 px and the report printed to PDF on A4 and Letter, all
    kept in `folder`."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    path = folder / "report.html"
    path.write_bytes(html.encode("utf-8"))
    seen = Looked()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(path.as_uri(), wait_until="load")
            page.screenshot(path=str(folder / "wide.png"), full_page=True)
            seen.wide_text = page.inner_text("body")
            for paper in ("A4", "Letter"):
                page.pdf(path=str(folder / f"{paper}.pdf"), format=paper)
                reader = PdfReader(folder / f"{paper}.pdf")
                seen.pages[paper] = [sheet.extract_text() for sheet in reader.pages]
            phone = browser.new_page(viewport=PHONE, device_scale_factor=2)
            phone.goto(path.as_uri(), wait_until="load")
            phone.screenshot(path=str(folder / "phone.png"), full_page=True)
            seen.phone_text = phone.inner_text("body")
            seen.phone_width = phone.evaluate("document.documentElement.scrollWidth")
            # The first column (the indicator) and the last (the city).
            seen.phone_columns = phone.locator("#results table.matrix:visible").evaluate(
                """table => [0, table.parentElement.scrollWidth].flatMap(scroll => {
                    table.parentElement.scrollLeft = scroll;
                    return ["th:first-child", "th:last-child"].map(selector => {
                        const box = table.querySelector(selector).getBoundingClientRect();
                        return [box.left, box.right];
                    });
                })"""
            )
        finally:
            browser.close()
    return seen


def matrix_headers(pages: list[str]) -> list[list[str]]:
    """The places named in each printed header row of the matrix (`指标 目标 咸安区 …`), on
    the pages from the results' heading to the charts'."""
    head = f"{text(Msg.COL_INDICATOR)} {text(Msg.COL_TARGET)} "
    first = next(i for i, page in enumerate(pages) if page.startswith(text(Msg.RESULTS_TITLE)))
    end = next(i for i, page in enumerate(pages) if page.startswith(text(Msg.CHARTS_TITLE)))
    # A unit's kind is a line of its own under its name (`市直学校` / `city-run`), and the text
    # of the header cells after it follows on the next lines: read on past the kind.
    kinds = {text(Msg.UNIT_KIND_CITY_RUN), text(Msg.UNIT_KIND_ZONE)}
    headers = []
    for page in pages[first:end]:
        lines = page.splitlines()
        for index, line in enumerate(lines):
            if not line.startswith(head):
                continue
            places = line.removeprefix(head).split()
            rest = iter(lines[index + 1 :])
            while (after := next(rest, None)) is not None and after in kinds:
                places += (next(rest, "") or "").split()
            headers.append(places)
    return headers


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("language", [Language.EN, Language.ZH])
def test_the_city_view_fits_a_phone_and_prints_every_column(
    language: Language, tmp_path: Path
) -> None:
    use_language(language)
    seen = look_at(render(sample_report("city")), tmp_path)
    spec = load_targets(TARGETS_2017).spec
    # The city-run schools too: their kind is a line of its own under their name.
    counties = [county.name for county in [*spec.counties, *spec.units]]
    city, figure = spec.city.name, "86.94%"  # the city's pooled gross enrolment rate
    for shown in (seen.wide_text, seen.phone_text):
        assert city in shown and figure in shown
        assert all(county in shown for county in counties)
    # The phone: no sideways scroll of the page; the matrix scrolls in its box, its
    # indicator and city columns on the screen wherever it is scrolled to.
    assert seen.phone_width <= PHONE["width"]
    assert len(seen.phone_columns) == 4
    assert all(0 <= left < right <= PHONE["width"] for left, right in seen.phone_columns)
    for name in ("wide.png", "phone.png"):
        assert (tmp_path / name).stat().st_size > 10_000
    # Paper: every county and the city in the printed matrix, the city in every part.
    for paper, pages in seen.pages.items():
        headers = matrix_headers(pages)
        assert headers, paper
        assert all(places[-1] == city for places in headers), (paper, headers)
        assert {place for places in headers for place in places} == {*counties, city}, paper
        printed = "\n".join(pages)
        assert figure in printed and text(Msg.PROVENANCE_TITLE) in printed
        # Each section starts a page of its own.
        for title in (Msg.RESULTS_TITLE, Msg.CHARTS_TITLE, Msg.PROVENANCE_TITLE):
            assert any(page.startswith(text(title)) for page in pages), (paper, title)
