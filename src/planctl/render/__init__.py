"""Renderers: a report in, a string out; one module per format behind one interface.

`Format` is the registry: its members are the choices `--format` accepts, `renderer_for`
maps each one, exhaustively, to the function that renders it, and `suffix_of` to the file
extension a `--report` file of that format has. Renderer modules are imported only when
chosen, so the CLI starts without loading them all. Every renderer draws from a copy of the
report whose strings are `visible.shown` (JSON from the report itself, its text then made
`json_visible`), so no control or bidi character of an input reaches an output raw.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from planctl.render.options import Renderer


class Format(StrEnum):
    """The output formats, by the name `--format` takes."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    JUNIT = "junit"
    CSV = "csv"
    HTML = "html"


def renderer_for(format_: Format) -> Renderer:
    """The renderer of `format_`, imported on first use, showing the report's strings visibly."""
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
        case _:
            assert_never(format_)


# `--report compliance.xml` writes JUnit: the extension names the format.
FORMAT_BY_SUFFIX: dict[str, Format] = {suffix_of(format_): format_ for format_ in Format}


def format_for_suffix(suffix: str) -> Format | None:
    """The format a report file named with `suffix` (`.XML` as `.xml`) is written in."""
    return FORMAT_BY_SUFFIX.get(suffix.lower())
