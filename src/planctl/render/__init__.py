"""Renderers: a report in, its text out in pieces; one module per format behind one interface.

`Format` is the registry: its members are the choices `--format` accepts, `pieces_for`
maps each one, exhaustively, to the function that renders it, and `suffix_of` to the file
extension a `--report` file of that format has. Renderer modules are imported only when
chosen, so the CLI starts without loading them all. Every renderer draws from a copy of the
report whose strings are `visible.shown` (JSON from the report itself, each string made
`json_visible` as it is encoded), so no control or bidi character of an input reaches an
output raw.

A renderer gives its text in pieces (`options.Renderer`), which the CLI writes as they come,
to stdout or a report file: a national report (231 MB of JSON) is never held whole. The
small formats give one piece; JSON and CSV a county's results at a time.

Two formats are files of bytes, not text (`Format.binary`): the Excel workbook and the Word
circular. `file_pieces` gives the bytes of a report file in every format (`render_file`,
whole); `pieces_for`, the text of a text format, which is what a terminal is given
(`renderer_for`, whole).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from planctl.judge.report import Report
    from planctl.render.options import Renderer, RenderOptions, TextRenderer


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


def file_pieces(format_: Format, report: Report, options: RenderOptions) -> Iterator[bytes]:
    """The bytes of a report file in `format_`, in pieces to be written in order, drawn from
    the report's strings made visible (a workbook or a document comes whole)."""
    from planctl.render.visible import shown

    match format_:
        case Format.XLSX:
            from planctl.render.xlsx import render_xlsx

            yield render_xlsx(shown(report), options)
        case Format.DOCX:
            from planctl.render.docx import render_docx

            yield render_docx(shown(report), options)
        case Format.JSON:
            from planctl.domain.collector import paused_collection
            from planctl.render.json import json_pieces

            # Its text made as bytes (231 MB of a national report, not encoded once more),
            # from the report itself with its strings made visible (see render_json); paused
            # as pieces_for pauses it.
            with paused_collection():
                yield from gathered(json_pieces(report, options))
        case _:
            yield from encoded(pieces_for(format_)(report, options))


def render_file(format_: Format, report: Report, options: RenderOptions) -> bytes:
    """The bytes of a report file in `format_`, whole."""
    return b"".join(file_pieces(format_, report, options))


def encoded(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """Text pieces as UTF-8, gathered into pieces of about `size` bytes: few large writes."""
    return gathered((piece.encode("utf-8") for piece in pieces), size)


def gathered(pieces: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """Pieces of bytes gathered into pieces of about `size` bytes."""
    held: list[bytes] = []
    length = 0
    for data in pieces:
        held.append(data)
        length += len(data)
        if length >= size:
            yield b"".join(held)
            held.clear()
            length = 0
    if held:
        yield b"".join(held)


def pieces_for(format_: Format) -> Renderer:
    """The renderer of a text format, imported on first use, writing its text in pieces and
    showing the report's strings visibly; ValueError for a binary one (see `file_pieces`)."""
    from planctl.render.visible import showing_pieces

    return showing_pieces(_renderer(format_), json=format_ is Format.JSON)


def renderer_for(format_: Format) -> TextRenderer:
    """The whole text of a text format (the pieces of `pieces_for`, joined)."""
    draw = pieces_for(format_)

    def whole(report: Report, options: RenderOptions) -> str:
        return "".join(draw(report, options))

    return whole


def _renderer(format_: Format) -> Renderer:
    match format_:
        case Format.TABLE:
            from planctl.render.table import render_table

            return _in_one_piece(render_table)
        case Format.JSON:
            from planctl.render.json import render_json

            return render_json
        case Format.MARKDOWN:
            from planctl.render.markdown import render_markdown

            return _in_one_piece(render_markdown)
        case Format.JUNIT:
            from planctl.render.junit import render_junit

            return _in_one_piece(render_junit)
        case Format.CSV:
            from planctl.render.csv import render_csv

            return render_csv
        case Format.HTML:
            from planctl.render.html import render_html

            return _in_one_piece(render_html)
        case Format.XLSX | Format.DOCX:
            raise ValueError(f"{format_} is written to a file, not as text")
        case _:
            assert_never(format_)


def _in_one_piece(draw: TextRenderer) -> Renderer:
    """A format whose text is small (a summary, a page): written in one piece."""

    def pieces(report: Report, options: RenderOptions) -> Iterator[str]:
        yield draw(report, options)

    return pieces


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
