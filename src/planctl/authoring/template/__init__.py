"""The county template's file formats: a registry of writers, one module per format.

`TemplateFormat` is the registry: its members are what `--output`'s extension may say, and
`writer_for` maps each one, exhaustively, to the function that turns a `Template` (see
`rows.py`) into bytes, its strings `visible.shown` (a targets file's names are shown, never
obeyed, as in reports). Writer modules are imported only when chosen.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, assert_never

from planctl.domain.problems import OutputError, Problem
from planctl.i18n.catalog import one_of
from planctl.i18n.codes import Msg

if TYPE_CHECKING:
    from planctl.authoring.template.rows import Template


class TemplateFormat(StrEnum):
    """The file formats a template is written in, by file extension."""

    CSV = "csv"
    XLSX = "xlsx"


class TemplateWriter(Protocol):
    """Turns a template into the bytes of one file format."""

    def __call__(self, template: Template) -> bytes: ...


def writer_for(format_: TemplateFormat) -> TemplateWriter:
    """The writer of `format_`, imported on first use, writing the template's strings visibly."""
    writer = _writer(format_)

    def write(template: Template) -> bytes:
        from planctl.render.visible import shown

        return writer(shown(template))

    return write


def _writer(format_: TemplateFormat) -> TemplateWriter:
    match format_:
        case TemplateFormat.CSV:
            from planctl.authoring.template.csv_file import write_csv

            return write_csv
        case TemplateFormat.XLSX:
            from planctl.authoring.template.xlsx_file import write_xlsx_template

            return write_xlsx_template
        case _:
            assert_never(format_)


def format_of(path: Path) -> TemplateFormat:
    """The format that `path`'s extension names; OutputError if planctl cannot write it."""
    if path.is_dir():
        raise OutputError([Problem(Msg.OUTPUT_IS_DIRECTORY, str(path))])
    suffix = path.suffix.lower().lstrip(".")
    try:
        return TemplateFormat(suffix)
    except ValueError:
        formats = one_of([f".{format_.value}" for format_ in TemplateFormat])
        fields: dict[str, object] = {"suffix": path.suffix or path.name, "formats": formats}
        raise OutputError([Problem(Msg.OUTPUT_FORMAT_UNKNOWN, str(path), fields=fields)]) from None
