"""Renderers: a report in, a string out; one module per format behind one interface.

`Format` is the registry: its members are the choices `--format` accepts, and
`renderer_for` maps each one, exhaustively, to the function that renders it. Renderer
modules are imported only when chosen, so the CLI starts without loading them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

if TYPE_CHECKING:
    from planctl.evaluate import Report


class Format(StrEnum):
    """The output formats, by the name `--format` takes."""

    TABLE = "table"


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need to know about where its output goes."""

    color: bool = False
    width: int = 100
    strict: bool = False


class Renderer(Protocol):
    """Turns a report into the text of one format."""

    def __call__(self, report: Report, options: RenderOptions) -> str: ...


def renderer_for(format_: Format) -> Renderer:
    """The renderer of `format_`, imported on first use."""
    match format_:
        case Format.TABLE:
            from planctl.render.table import render_table

            return render_table
        case _:
            assert_never(format_)
