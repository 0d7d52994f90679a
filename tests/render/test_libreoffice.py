"""The workbook and the circular opened by a real consumer: LibreOffice, headless.

For the city check of data/, in Chinese and in English, LibreOffice converts each file to PDF
(the text then extracted with pdftotext) and the workbook also to a flat OpenDocument
spreadsheet, whose cells say which type LibreOffice read each one as: every figure a number
(a percentage as a percentage), no figure as text. Skipped where LibreOffice or pdftotext is
not installed (.ci/run installs both from Debian's archive).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from planctl.check import run_check
from planctl.i18n.catalog import Language, text, use_language
from planctl.i18n.codes import Msg
from planctl.read.reports import is_workbook_report
from planctl.render import Format, render_file, suffix_of
from planctl.render.options import RenderOptions
from tests.conftest import DATA, ROOT, hostile_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed"),
]

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
COUNTIES = ["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市"]


def convert(folder: Path, target: str, files: list[Path]) -> None:
    """LibreOffice's own conversion, with a profile of its own (never the user's)."""
    assert SOFFICE is not None
    profile = (folder / "profile").as_uri()
    run = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("libreoffice")
    files = []
    try:
        for lang in Language:
            use_language(lang)
            report = run_check([DATA])
            for format_ in (Format.XLSX, Format.DOCX):
                # Named apart, as each becomes NAME.pdf.
                path = folder / f"{lang}-{format_}{suffix_of(format_)}"
                path.write_bytes(render_file(format_, report, RenderOptions()))
                files.append(path)
    finally:
        use_language(Language.EN)
    hostile = folder / "hostile.xlsx"
    with contextlib.chdir(ROOT):
        hostile.write_bytes(render_file(Format.XLSX, hostile_report(), RenderOptions()))
    convert(folder, "pdf", files)
    convert(folder, "fods", [*(path for path in files if path.suffix == ".xlsx"), hostile])
    return folder


def pdf_text(path: Path) -> str:
    assert PDFTOTEXT is not None
    run = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120, check=True
    )
    return run.stdout.decode("utf-8")


def cell_text(cell: etree._Element) -> str:
    """A cell's text as shown: its paragraphs, without the file's indentation around them."""
    return "\n".join(
        "".join(str(part) for part in paragraph.itertext()).strip()
        for paragraph in cell.iter(f"{{{TEXT}}}p")
    )


def squeezed(value: str) -> str:
    """Without white space: a PDF's text breaks lines and spaces Chinese from figures."""
    return re.sub(r"\s+", "", value)


@pytest.mark.parametrize("lang", list(Language), ids=str)
def test_the_workbook_prints_the_city_and_every_county(converted: Path, lang: Language) -> None:
    shown = pdf_text(converted / f"{lang}-xlsx.pdf")
    for county in [*COUNTIES, "市直学校", "咸宁市"]:
        assert county in shown, county
    # The figures as their number formats show them: a percentage, thousands separators.
    # 99.42%: the city's broadband, 1,033 of 1,039 schools with the city-run ones.
    for figure in ("86.94%", "106,070", "122,000", "99.42%"):
        assert figure in shown, figure
    use_language(lang)
    assert text(Msg.SHEET_SUMMARY) in shown or text(Msg.LEGEND_TITLE) in shown


@pytest.mark.parametrize("lang", list(Language), ids=str)
def test_libreoffice_reads_every_figure_as_a_number(converted: Path, lang: Language) -> None:
    tree = etree.parse(str(converted / f"{lang}-xlsx.fods"))
    types: dict[str, int] = {}
    number = re.compile(r"[+-]?[\d,]+(\.\d+)?%?")
    for cell in tree.iter(f"{{{TABLE}}}table-cell"):
        kind = cell.get(f"{{{OFFICE}}}value-type")
        if kind is None:
            continue
        types[kind] = types.get(kind, 0) + 1
        if kind == "string":
            shown = cell_text(cell)
            assert not number.fullmatch(shown), f"a figure read as text: {shown}"
    assert types.get("percentage", 0) > 100 and types.get("float", 0) > 100, types
    values = [
        float(str(cell.get(f"{{{OFFICE}}}value")))
        for cell in tree.iter(f"{{{TABLE}}}table-cell")
        if cell.get(f"{{{OFFICE}}}value-type") == "percentage"
    ]
    assert any(abs(value - 106070 / 122000) < 1e-9 for value in values)
    # No formula but the booleans (quota, fails), which OpenDocument writes as TRUE() and FALSE().
    formulas = {cell.get(f"{{{TABLE}}}formula") for cell in tree.iter(f"{{{TABLE}}}table-cell")}
    assert formulas - {None} == {"of:=TRUE()", "of:=FALSE()"}


@pytest.mark.parametrize("lang", list(Language), ids=str)
def test_the_circular_prints_the_city_s_figures_in_its_sentences(
    converted: Path, lang: Language
) -> None:
    shown = squeezed(pdf_text(converted / f"{lang}-docx.pdf"))
    if lang is Language.ZH:
        sentence = (
            "全市学前三年毛入园率为86.94%，低于87%的目标0.06个百分点，在园幼儿数尚差70（未达标）。"
        )
    else:
        sentence = "is86.94%,0.06ptsbelowthetargetof87%;70morechildrenenrolledinkindergartens"
    assert squeezed(sentence) in shown
    for county in [*COUNTIES, "市直学校", "咸宁市"]:
        assert county in shown, county


def test_libreoffice_reads_text_from_an_input_as_text(converted: Path) -> None:
    """A note `=HYPERLINK(…)` and a county named `=1+2`, opened by LibreOffice: text cells."""
    tree = etree.parse(str(converted / "hostile.fods"))
    strings = set()
    for cell in tree.iter(f"{{{TABLE}}}table-cell"):
        assert cell.get(f"{{{TABLE}}}formula") in (None, "of:=TRUE()", "of:=FALSE()")
        if cell.get(f"{{{OFFICE}}}value-type") == "string":
            strings.add(cell_text(cell))
    assert '=HYPERLINK("http://evil.invalid","click")' in strings
    assert {"=1+2", "@SUM(A1:A2)", "-2+3", "+cmd|' /C calc'!A0"} <= strings


def test_a_report_saved_again_by_libreoffice_is_still_told_from_a_submission(
    tmp_path: Path,
) -> None:
    """The stamp a check recognises an Excel report by (read/reports.py) is a document
    property, which a spreadsheet program keeps when it saves the workbook again."""
    report = tmp_path / "report.xlsx"
    report.write_bytes(render_file(Format.XLSX, run_check([DATA]), RenderOptions()))
    saved = tmp_path / "saved"
    saved.mkdir()
    convert(saved, "xlsx:Calc MS Excel 2007 XML", [report])
    again = saved / "report.xlsx"
    assert again.read_bytes() != report.read_bytes()
    assert is_workbook_report(report) and is_workbook_report(again)
