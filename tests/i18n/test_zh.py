"""The Chinese catalog: a PO file translators' tools read, complete, and Chinese throughout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.i18n import po
from planctl.i18n.catalog import Language, catalog_of
from planctl.i18n.codes import Msg
from planctl.i18n.en import CATALOG
from tests.conftest import ROOT

# Three English words in a row are a sentence, or the start of one. What Chinese text may
# hold in Latin letters is taken out first: ids and codes (lower_snake_case, `file.empty`),
# options and commands (`--year`, `planctl targets validate`), fields, file names, and the
# names of formats, encodings and programs.
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,})+")
ALLOWED = [
    r"\{[a-z_]+\}",
    r"--?[a-z][a-z-]*(?: [a-z0-9.]+)?",
    r"planctl(?: [a-z]+)*",
    r"pip install [a-z]+",
    r"pip install '[^']+'",
    r"chmod [a-z0-9+-]+",
    r"[A-Za-z_]+\.[A-Za-z_.]+",
    r"\b[a-z]+_[a-z_]+\b",
    r"\b(?:plan|city|counties|targets|comparator|between|threshold|min|max|gross|true|rollup"
    r"|sum|ratio|TODO)\b",
    r"\b(?:CSV|UTF|GB\d+|GBK|Excel|WPS|JSON|Schema|YAML|Markdown|JUnit|HTML|FIFO|SHA|CI)\b",
]
_ALLOWED = re.compile("|".join(ALLOWED))


def english_in(chinese: str) -> list[str]:
    """The English sentences in a text meant to be Chinese."""
    return ENGLISH_SENTENCE.findall(_ALLOWED.sub(" ", chinese))


def test_the_catalog_is_a_po_file_that_msgfmt_accepts() -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    path = po.catalog_path("zh")
    run = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def test_each_entry_names_its_key_and_holds_todays_english() -> None:
    entries = po.read(po.catalog_path("zh").read_text(encoding="utf-8"))
    by_key = {e.msgctxt: e for e in entries if e.msgctxt not in (po.TOOLKIT_CONTEXT, "script")}
    assert set(by_key) == {key.value for key in Msg}
    stale = [key for key in Msg if by_key[key.value].msgid != CATALOG[key]]
    assert stale == [], "English changed since translated: python -m planctl.i18n.po zh"
    assert [e.msgctxt for e in entries if "fuzzy" in e.flags] == []


@pytest.mark.parametrize("key", list(Msg), ids=str)
def test_no_translation_holds_an_english_sentence(key: Msg) -> None:
    assert english_in(catalog_of(Language.ZH)[key]) == []


def test_the_check_for_english_finds_english() -> None:
    assert english_in("未知指标 “x”，did you mean this one？") == ["did you mean this one"]
    assert english_in("请执行 planctl targets validate a.yaml，或 --year 2017") == []


def test_chinese_sentences_use_chinese_punctuation() -> None:
    # A comma, colon or semicolon between two Chinese characters is full width.
    half_width = re.compile(r"[\u4e00-\u9fff][,:;?][\u4e00-\u9fff]")
    zh = catalog_of(Language.ZH)
    assert [key for key in Msg if half_width.search(zh[key])] == []


def test_a_po_file_reads_back_as_written() -> None:
    entries = [
        po.Entry('a "quoted"\nline\\', "一\n二", "x.y", {"python-brace-format"}, ["#. note"]),
        po.Entry("", "", "unit.count"),
        po.Entry("Usage:", "用法：", po.TOOLKIT_CONTEXT),
    ]
    assert po.read(po.write(entries, po.HEADER.format(language="zh"))) == entries


def test_a_changed_english_template_makes_its_translation_fuzzy() -> None:
    old = po.Entry("an older English text", "旧译文", Msg.FILE_EMPTY.value)
    merged = {e.msgctxt: e for e in po.merged([old])}
    assert merged[Msg.FILE_EMPTY.value].msgid == CATALOG[Msg.FILE_EMPTY]
    assert "fuzzy" in merged[Msg.FILE_EMPTY.value].flags
    assert not merged[Msg.FILE_EMPTY.value].translated
    # A key the catalog did not have comes in untranslated.
    assert merged[Msg.FILE_NOT_FOUND.value].msgstr == ""


def test_a_broken_po_line_is_refused_with_its_number() -> None:
    with pytest.raises(po.POError, match="line 2"):
        po.read('msgid "a"\nnonsense\n')


def test_the_chinese_problem_fixtures_hold_no_english_sentence() -> None:
    bad = Path(__file__).resolve().parents[1] / "fixtures" / "submissions" / "bad"
    fixtures = sorted(bad.glob("*.zh.stderr"))
    assert fixtures
    for path in fixtures:
        for line in path.read_text(encoding="utf-8").splitlines():
            # The file's own words (a quoted cell's text) are the county's, not planctl's.
            said = re.sub(r"“[^”]*”|（\"[^）]*）", " ", line.partition(": ")[2])
            assert english_in(said) == [], (path.name, line)


def test_the_json_schema_stays_english(runner: CliRunner) -> None:
    english = runner.invoke(app, ["schema", "targets"]).stdout
    chinese = runner.invoke(app, ["schema", "targets", "--lang", "zh"]).stdout
    assert chinese == english and "gross rate" in english


def test_a_broken_targets_file_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    source = (ROOT / "targets" / "2017.yaml").read_text(encoding="utf-8")
    broken = source.replace("unit: percent", "unit: percnt", 1)
    broken = broken.replace('comparator: ">="', 'comparator: "=>"', 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    english = runner.invoke(app, ["targets", "validate", str(path)])
    assert "unit: Input should be 'percent', 'count' or 'ratio' (got 'percnt')" in english.stderr
    result = runner.invoke(app, ["targets", "validate", "--lang", "zh", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    wanted = "unit: 应为 “percent”、“count”或“ratio”（实际为 'percnt'）"
    assert any(line.endswith(wanted) for line in lines)
    assert any("comparator: 应为 “>=”、“>”" in line for line in lines)
    assert "个错误；不是可用的目标文件" in result.stdout
    for line in lines:
        assert english_in(line.partition(": ")[2]) == [], line


def test_the_catalog_reads_the_same_after_a_translators_tool_rewraps_it(tmp_path: Path) -> None:
    msgcat = shutil.which("msgcat")
    if msgcat is None:
        pytest.skip("GNU gettext's msgcat is not installed")
    wrapped = tmp_path / "zh.po"
    source = po.catalog_path("zh")
    subprocess.run([msgcat, "--width=40", str(source), "-o", str(wrapped)], check=True)
    assert wrapped.read_text(encoding="utf-8") != source.read_text(encoding="utf-8")

    def entries(path: Path) -> list[tuple[str | None, str, str]]:
        return [(e.msgctxt, e.msgid, e.msgstr) for e in po.read(path.read_text(encoding="utf-8"))]

    assert entries(wrapped) == entries(source)
