"""Every format's output as text a test can search: the text formats as they are, the workbook
read back with openpyxl and the circular with python-docx, as their readers see them."""

from __future__ import annotations

import io

from planctl.judge.report import Report
from planctl.render import Format, render_file, renderer_for
from planctl.render.options import RenderOptions


def shown_text(format_: Format, report: Report, options: RenderOptions) -> str:
    """What `format_` shows of `report`, as text."""
    if format_ is Format.XLSX:
        return xlsx_text(render_file(format_, report, options))
    if format_ is Format.DOCX:
        return docx_text(render_file(format_, report, options))
    return renderer_for(format_)(report, options)


def xlsx_text(data: bytes) -> str:
    """Every cell's value, sheet by sheet, a row a line (cells apart by tabs)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        lines.append(sheet.title)
        lines += [
            "\t".join("" if value is None else str(value) for value in row)
            for row in sheet.iter_rows(values_only=True)
        ]
    return "\n".join(lines)


def docx_text(data: bytes) -> str:
    """Every paragraph, every table cell (a row a line) and every footer."""
    from docx import Document

    document = Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    for section in document.sections:
        lines += [paragraph.text for paragraph in section.footer.paragraphs]
    return "\n".join(lines)
