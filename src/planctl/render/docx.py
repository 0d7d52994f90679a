"""The draft circular (通报) as a Word document that a bureau edits and sends.

The words are `circular.py`'s; this module lays them out with python-docx: the title, the
opening paragraphs, a heading and paragraphs for the city and for each target, then the
appendix table on a landscape page of its own (a column per county is wider than a portrait
page), the run line in every page's footer. Chinese text is given a Chinese font (宋体, which
Word and WPS have and LibreOffice replaces with the Chinese font it has), English text
Times New Roman, as official documents use.

A .docx is a zip file whose entries python-docx stamps with the time of writing; they are
stamped again with one fixed time, so that one report gives the same bytes, as every format
does (`Report.run_digest`).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import TYPE_CHECKING

from planctl.judge.report import Report
from planctl.render.circular import Circular, circular
from planctl.render.options import RenderOptions

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

LATIN_FONT = "Times New Roman"
CHINESE_FONT = "SimSun"
# The zip entries' and the document properties' time: fixed, for the same bytes every time.
STAMP = (2000, 1, 1, 0, 0, 0)


def render_docx(report: Report, options: RenderOptions) -> bytes:
    """The document's bytes (the report's strings already made visible by the registry)."""
    return _fixed_times(_document(circular(report, options)))


def _document(shown: Circular) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    _fonts(document)
    properties = document.core_properties
    properties.title = shown.title
    properties.author = properties.last_modified_by = "planctl"
    properties.comments = shown.footer
    properties.created = properties.modified = datetime.datetime(*STAMP)
    properties.revision = 1
    title = document.add_heading(shown.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for paragraph in shown.opening:
        document.add_paragraph(paragraph)
    if shown.city is not None:
        document.add_heading(shown.city.heading, level=1)
        for paragraph in shown.city.paragraphs:
            document.add_paragraph(paragraph)
    document.add_heading(shown.counties, level=1)
    for section in shown.targets:
        document.add_heading(section.heading, level=2)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = landscape.page_height, landscape.page_width
    document.add_heading(shown.appendix, level=1)
    header, *rows = shown.table
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        cell.text = value
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    _widths(table, landscape.page_width - landscape.left_margin - landscape.right_margin)
    # The header row repeats on every page the table runs onto.
    _repeat_header(table.rows[0])
    for each in table.rows:
        for cell in each.cells:
            for run in (run for paragraph in cell.paragraphs for run in paragraph.runs):
                run.font.size = Pt(9)
    for paragraph in shown.after_table:
        document.add_paragraph(paragraph)
    for page in document.sections:
        footer = page.footer.paragraphs[0]
        footer.text = shown.footer
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fonts(document: Document) -> None:
    """Latin text in Times New Roman, Chinese in SimSun, in every style the circular uses."""
    from docx.oxml.ns import qn

    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        font = style.font
        font.name = LATIN_FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), CHINESE_FONT)


def _widths(table: Table, room: int) -> None:
    """The indicator's column wide enough for a name on two or three lines, the target's for
    `≥ 100%`, the rest of the page shared by the counties and the city."""
    from docx.shared import Cm

    first, second = Cm(5), Cm(2)
    rest = max(Cm(1.5), (room - first - second) // max(1, len(table.columns) - 2))
    table.autofit = False
    for index, column in enumerate(table.columns):
        width = first if index == 0 else second if index == 1 else rest
        # The table's grid (which LibreOffice lays out by) and each cell (which Word does).
        column.width = width
        for cell in column.cells:
            cell.width = width


def _repeat_header(row: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def _fixed_times(data: bytes) -> bytes:
    """The same zip, every entry stamped with STAMP instead of the time it was written."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, date_time=STAMP)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, source.read(entry.filename))
    return out.getvalue()
