"""Renderers: a report in, a string out; one module per format behind one interface.

`Format` is the registry: its members are the choices `--format` accepts, `renderer_for`
maps each one, exhaustively, to the function that renders it, and `suffix_of` to the file
extension a `--report` file of that format has. Renderer modules are imported only when
chosen, so the CLI starts without loading them all. Every renderer draws from a copy of the
report whose strings are `visible.shown` (JSON from the report itself, its text then made
`json_visible`), so no control or bidi character of an input reaches an output raw.

Two formats are files of bytes, not text (`Format.binary`): the Excel workbook and the Word
circular. `render_file` gives the bytes of a report file in every format; `renderer_for`, the
text of a text format, which is what a terminal is given.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from planctl.judge.report import Report
    from planctl.render.options import Renderer, RenderOptions


class Format(StrEnum):
    """The output formats, by the name `--format` takes."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    JUNIT = "junit"
    CSV = "csv"
    HTML = "html"
    XLSX = "xlsx"
    DOCX = "docx"

    @property
    def binary(self) -> bool:
        """Whether the format is a file of bytes (a workbook, a document), never text."""
        return self in (Format.XLSX, Format.DOCX)


def render_file(format_: Format, report: Report, options: RenderOptions) -> bytes:
    """The bytes of a report file in `format_`, drawn from the report's strings made visible."""
    from planctl.render.visible import shown

    match format_:
        case Format.XLSX:
            from planctl.render.xlsx import render_xlsx

            return render_xlsx(shown(report), options)
        case Format.DOCX:
            from planctl.render.docx import render_docx

            return render_docx(shown(report), options)
        case _:
            return renderer_for(format_)(report, options).encode("utf-8")


def renderer_for(format_: Format) -> Renderer:
    """The renderer of a text format, imported on first use, showing the report's strings
    visibly; ValueError for a binary one (see `render_file`)."""
    from planctl.render.visible import showing

    return showing(_renderer(format_), json=format_ is Format.JSON)


def _renderer(format_: Format) -> Renderer:
    match format_:
        case Format.TABLE:
            from planctl.render.table import render_table

            return render_table
        case Format.JSON:
            from planctl.render.json import render_json

            return render_json
        case Format.MARKDOWN:
            from planctl.render.markdown import render_markdown

            return render_markdown
        case Format.JUNIT:
            from planctl.render.junit import render_junit

            return render_junit
        case Format.CSV:
            from planctl.render.csv import render_csv

            return render_csv
        case Format.HTML:
            from planctl.render.html import render_html

            return render_html
        case Format.XLSX | Format.DOCX:
            raise ValueError(f"{format_} is written to a file, not as text")
        case _:
            assert_never(format_)


def suffix_of(format_: Format) -> str:
    """The extension of a report file in `format_` (the table goes to plain text)."""
    match format_:
        case Format.TABLE:
            return ".txt"
        case Format.JSON:
            return ".json"
        case Format.MARKDOWN:
            return ".md"
        case Format.JUNIT:
            return ".xml"
        case Format.CSV:
            return ".csv"
        case Format.HTML:
            return ".html"
        case Format.XLSX:
            return ".xlsx"
        case Format.DOCX:
            return ".docx"
        case _:
            assert_never(format_)


# `--report compliance.xml` writes JUnit: the extension names the format.
FORMAT_BY_SUFFIX: dict[str, Format] = {suffix_of(format_): format_ for format_ in Format}


def format_for_suffix(suffix: str) -> Format | None:
    """The format a report file named with `suffix` (`.XML` as `.xml`) is written in."""
    return FORMAT_BY_SUFFIX.get(suffix.lower())
