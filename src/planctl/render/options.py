"""What every renderer is given and what it is: the one interface of the output formats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterator

    from planctl.judge.report import Report


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need to know: where its output goes, and whether warnings fail."""

    color: bool = False
    width: int = 100
    strict: bool = False


class Renderer(Protocol):
    """Turns a report into the text of one format, in pieces to be written in order: a
    national report's text is never held whole (a small one may come as one piece)."""

    def __call__(self, report: Report, options: RenderOptions, /) -> Iterator[str]: ...


class TextRenderer(Protocol):
    """A report's text in one piece: what a small format's module writes, and what
    `renderer_for` gives a caller that wants the whole text."""

    def __call__(self, report: Report, options: RenderOptions, /) -> str: ...
