"""Reports in Chinese: the table, Markdown and HTML of the city and of one county, pinned by
golden files (tests/golden/zh/; PLANCTL_UPDATE_GOLDEN=1 rewrites them), aligned at 80 and 100
columns with wide characters, and without an English sentence of planctl's own."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from planctl.check import run_check
from planctl.i18n.catalog import Language, use_language
from planctl.render import Format, renderer_for
from planctl.render.options import RenderOptions
from planctl.targets.load import load_targets
from tests.conftest import GOLDEN, TARGETS_2017, check_golden
from tests.i18n.test_zh import english_in

# Relative to the repository's root (the at_root fixture), so that the inputs' paths in the
# reports are the same on every machine.
CASES = {
    "city": Path("data"),
    "tongcheng": Path("data/tongcheng.csv"),
    "units": Path("tests/fixtures/units/submissions"),
}
# The targets file of a case, where it is not the 2017 file.
CASE_TARGETS = {"units": Path("tests/fixtures/units/targets.yaml")}
pytestmark = pytest.mark.usefixtures("at_root")
SUFFIX = {Format.TABLE: "txt", Format.MARKDOWN: "md", Format.HTML: "html"}


def render(case: str, format_: Format, width: int = 100) -> str:
    use_language(Language.ZH)
    report = run_check([CASES[case]], CASE_TARGETS.get(case))
    return renderer_for(format_)(report, RenderOptions(width=width))


def planctls_own_words(output: str) -> str:
    """What the report says, in HTML without markup, styles and the embedded data. The
    targets file's own words are in it too: the 2017 file gives the plan's reference and the
    baseline's source in Chinese (`reference_zh`, `source_zh`), so none is English."""
    # Lines a table wraps are joined first, and HTML's entities read, so that the words are
    # found wherever a format put them.
    output = re.sub(r"\s+", " ", html.unescape(output))
    # Digests in <code> are hex, not words (one ending in "cb" beside "data/" reads as two).
    output = re.sub(r"<code\b[^>]*>.*?</code>", " ", output)
    output = re.sub(r"<(style|script)\b.*?</\1>", " ", output, flags=re.S)
    output = re.sub(r"<[^>]*>", " ", output)
    return re.sub(r"`[^`]*`", " ", output)


def flat(output: str) -> str:
    """The text without any white space, so that words are found wherever a table wraps."""
    return re.sub(r"\s+", "", html.unescape(output))


@pytest.mark.parametrize("format_", list(SUFFIX), ids=str)
def test_the_targets_files_chinese_words_show_in_chinese(format_: Format) -> None:
    targets = load_targets(TARGETS_2017)
    (baseline,) = [t.baseline for t in targets.targets if t.baseline]
    assert targets.plan.reference_zh is not None and baseline.source_zh is not None
    chinese = flat(render("city", format_))
    use_language(Language.EN)
    english = flat(renderer_for(format_)(run_check([CASES["city"]]), RenderOptions(width=100)))
    for written, zh in [
        (targets.plan.reference, targets.plan.reference_zh),
        (baseline.source, baseline.source_zh),
    ]:
        assert flat(zh) in chinese and flat(written) not in chinese
        assert flat(written) in english and flat(zh) not in english


@pytest.mark.parametrize("format_", list(SUFFIX), ids=str)
@pytest.mark.parametrize("case", list(CASES))
def test_reports_in_chinese(case: str, format_: Format) -> None:
    output = render(case, format_)
    check_golden(output, GOLDEN / "zh" / f"{case}.{SUFFIX[format_]}")
    assert english_in(planctls_own_words(output)) == []


@pytest.mark.parametrize("case", list(CASES))
def test_the_chinese_table_fits_80_columns(case: str) -> None:
    output = render(case, Format.TABLE, width=80)
    check_golden(output, GOLDEN / "zh" / f"{case}-80.txt")
    assert max(cell_len(line) for line in output.splitlines()) <= 80
    # Every row of a table has its borders where the header's are: aligned.
    for block in re.findall(r"┌.*?┘", output, flags=re.S):
        lines = block.splitlines()
        assert len({cell_len(line) for line in lines}) == 1, lines[0]


def test_what_programs_read_does_not_change_with_the_language() -> None:
    """JSON is the same bytes in both languages; CSV differs only in `status_label`."""
    use_language(Language.EN)
    report = run_check([CASES["city"]])
    english_json = renderer_for(Format.JSON)(report, RenderOptions())
    english_csv = renderer_for(Format.CSV)(report, RenderOptions())
    assert render("city", Format.JSON) == english_json
    chinese_csv = render("city", Format.CSV)
    rows = [list(csv.reader(io.StringIO(text))) for text in (english_csv, chinese_csv)]
    header = rows[0][0]
    assert rows[1][0] == header
    label = header.index("status_label")
    for english_row, chinese_row in zip(rows[0][1:], rows[1][1:], strict=True):
        assert english_row[:label] + english_row[label + 1 :] == (
            chinese_row[:label] + chinese_row[label + 1 :]
        )
    assert {row[label] for row in rows[1][1:]} <= {
        "达标",
        "未达标",
        "预警",
        "缺报",
        "计入全市",
        "低于全市目标",
        "达到全市目标",
    }
