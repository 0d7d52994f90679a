"""Control and bidi characters of an input are shown as escapes in every output, never raw."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from planctl.check import run_check
from planctl.cli.app import app
from planctl.domain.problems import Problem
from planctl.i18n.codes import Msg
from planctl.judge.report import CountyResult, Report, TargetResult
from planctl.judge.trends import Pace, Trend
from planctl.read.submissions import Observation
from planctl.render import Format
from planctl.render.options import RenderOptions
from planctl.render.visible import (
    RESULT_TEXT,
    SOURCE_TEXT,
    _Shower,
    json_visible,
    shown,
    visible,
    visible_line,
)
from planctl.targets.models import County
from tests.conftest import FIXTURES, sample_report
from tests.render.readback import shown_text

ACTING_TARGETS = FIXTURES / "reports" / "acting.yaml"
ACTING_SUBMISSION = FIXTURES / "reports" / "acting.csv"
# What must never reach an output raw: C0 controls but tab and line ends, DEL, C1 controls,
# the bidi controls, the line and paragraph separators; and a carriage return not before \n.
ACTING = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029]|\r(?!\n)"
)
# The colours rich writes on a terminal: planctl's own escapes, not an input's.
COLOUR = re.compile("\x1b\\[[0-9;]*m")
# Text that must pass untouched: Chinese, full-width forms, CJK punctuation, the ideographic
# space, a no-break space.
PLAIN = "咸安区：学前三年毛入园率（％）达到８７．５，“全覆盖”。\u3000ＡＢＣ\u00a0½"


def acting_report() -> Report:
    return run_check([ACTING_SUBMISSION], ACTING_TARGETS)


def test_visible_escapes_what_acts_and_keeps_what_shows() -> None:
    assert visible("a\x1b[2Jb\x7f\x9b\u202e\u2066\u200f\u061c\x85") == (
        "a\\x1b[2Jb\\x7f\\x9b\\u202e\\u2066\\u200f\\u061c\\x85"
    )
    assert visible(PLAIN) is PLAIN
    assert visible("two\nlines\tand\r\nCRLF") == "two\nlines\tand\r\nCRLF"
    assert visible("bare\rreturn") == "bare\\x0dreturn"
    assert visible_line("a\nb\tc") == "a\\x0ab\tc"


@given(st.text())
def test_nothing_acting_survives_visible(text: str) -> None:
    assert not ACTING.search(visible(text))
    assert visible(visible(text)) == visible(text)


def test_json_visible_keeps_every_string_as_it_was() -> None:
    data = {"name": "通城\u202e县\u2067", "note": "\x1b[2J\x9b\x7f\u2028" + PLAIN}
    text = json_visible(json.dumps(data, ensure_ascii=False))
    assert not ACTING.search(text) and json.loads(text) == data


@pytest.mark.usefixtures("at_root")
def test_shown_copies_nothing_where_nothing_acts() -> None:
    report = sample_report("city")
    copy = shown(report)
    # The report and its details are new (results are shown as asked for), the rest is the
    # very same objects, and so is each result where nothing needs showing.
    assert copy.targets is report.targets and copy.inputs is report.inputs
    assert copy.city is report.city and copy.warnings is report.warnings
    assert copy.details is not report.details
    for county, original in zip(copy.counties, report.counties, strict=True):
        assert county is original
        results = copy.results_of(county)
        assert results and all(
            a is b for a, b in zip(results, report.results_of(original), strict=True)
        )


@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("format_", list(Format))
def test_no_acting_character_reaches_any_format_raw(format_: Format, color: bool) -> None:
    """County names (the targets file lists none), target names and the plan's words (in the
    targets file) and notes, full of escapes, C1 controls, DEL and bidi controls."""
    output = shown_text(format_, acting_report(), RenderOptions(color=color, width=200))
    if format_ is Format.TABLE and color:
        assert COLOUR.search(output)
        output = COLOUR.sub("", output)
    assert not [m.group() for m in ACTING.finditer(output)]
    assert "咸安区" in output and "，。" in output
    if format_ is Format.JSON:
        document = json.loads(output)
        counties = [county["name"] for county in document["counties"]]
        assert counties == ["\x1b[2J咸安区", "通城\u202e县\u2067", "嘉鱼\x85县"]
    else:
        # Markdown writes `\\x1b\\[2J`, which shows as `\x1b[2J`.
        assert "x1b" in output and "\\u202e" in output.replace("\\\\", "\\")
        assert "\\x85" in output.replace("\\\\", "\\")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100"}).invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_problems_on_stderr_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "county.csv"
    path.write_text(
        "county,indicator,value\n通城\u202e县,示范幼儿园,9\n咸安区,x\x9b2J,1\n", encoding="utf-8"
    )
    code, _, stderr = run("check", str(path))
    assert code == 2
    assert not ACTING.search(stderr)
    assert "通城\\u202e县" in stderr and "x\\x9b2J" in stderr


@pytest.mark.parametrize("format_", ["table", "json"])
def test_the_targets_listing_is_escaped(format_: str) -> None:
    code, stdout, _ = run("targets", "--targets", str(ACTING_TARGETS), "--format", format_)
    assert code == 0 and "入园率" in stdout
    assert not ACTING.search(stdout)


def test_the_template_is_escaped() -> None:
    code, stdout, _ = run("template", "--targets", str(ACTING_TARGETS), "--county", "咸安区")
    assert code == 0 and "入园率\\x1b]0;owned\\x07，。" in stdout
    assert not ACTING.search(stdout)


def test_the_quick_look_at_results_covers_every_field_that_holds_text() -> None:
    """`_Shower._results` looks at a result's target, source, lacking and unpooled only (its
    status is an enum, its trend numbers): a new text field must be added there."""
    shower = _Shower()
    assert shower._text_fields(TargetResult) == list(RESULT_TEXT)
    assert shower._text_fields(Observation) == list(SOURCE_TEXT)
    assert shower._text_fields(Trend) == ["pace", "outside"] and shower._text_fields(Pace) == []
    # A county's statuses and gaps are not walked (a national report holds 85,500).
    assert shower._text_fields(CountyResult) == ["county", "apart"]


def test_one_acting_note_among_clean_results_is_shown() -> None:
    report = acting_report()
    copy = shown(report)
    notes = [r.source.note for c in copy.counties for r in copy.results_of(c) if r.source]
    assert "note \\x1b[31mred\\x1b[0m" in notes and "ｆｕｌｌ－ｗｉｄｔｈ，中文。" in notes


@pytest.mark.parametrize("field", ["name", "name_en", "aliases"])
@pytest.mark.parametrize("at", [0, 36, 99])
def test_one_acting_name_among_many_counties_is_shown(field: str, at: int) -> None:
    """A national file's counties are looked at all at once: clean, the very list is kept;
    one name or alias that acts among a hundred, that county alone is shown escaped."""
    clean = [
        County(name=f"测试县{i:04}", name_en=f"County {i}", aliases=[f"县{i}"]) for i in range(100)
    ]
    assert shown(clean) is clean
    counties = list(clean)
    changes: dict[str, tuple[Any, Any]] = {
        "name": ("县\x1b[2J", "县\\x1b[2J"),
        "name_en": ("County\u202e", "County\\u202e"),
        "aliases": (["别名\x07"], ["别名\\x07"]),
    }
    acting, escaped = changes[field]
    counties[at] = dataclasses.replace(counties[at], **{field: acting})
    copy = shown(counties)
    assert copy is not counties and getattr(copy[at], field) == escaped
    others = [c for place, c in enumerate(copy) if place != at]
    assert all(a is b for a, b in zip(others, clean[:at] + clean[at + 1 :], strict=True))
    # Results by county whose county acts: shown through it.
    results = [CountyResult(county) for county in counties]
    assert shown(results)[at].county == copy[at]


def test_one_acting_county_among_many_that_would_carry_the_city_is_shown() -> None:
    """The counties that would carry the city, with their people, are looked at all at once."""
    clean = tuple((f"测试县{i:04}", i) for i in range(100))
    assert shown(clean) is clean
    acting = (*clean[:50], ("县\u202e", 50), *clean[51:])
    copy = shown(acting)
    assert copy[50] == ("县\\u202e", 50) and copy[:50] == clean[:50] and copy[51:] == clean[51:]


def test_one_acting_field_among_many_notes_is_shown() -> None:
    """A folder of 2,850 files has two notes each, looked at all at once: a value in one
    note's fields that acts is still shown escaped, in that note alone."""
    notes = [
        Problem(Msg.NOTE_CSV_READ, f"county-{i:04}.csv", fields={"encoding": "utf-8", "n": i})
        for i in range(100)
    ]
    assert shown(notes) is notes
    acting = list(notes)
    acting[7] = dataclasses.replace(notes[7], fields={"encoding": "utf-8\x1b[2J", "n": 7})
    copy = shown(acting)
    assert copy[7].fields == {"encoding": "utf-8\\x1b[2J", "n": 7}
    assert all(a is b for place, (a, b) in enumerate(zip(copy, notes, strict=True)) if place != 7)
