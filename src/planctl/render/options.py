"""What every renderer is given and what it is: the one interface of the output formats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from planctl.judge.report import Report


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need to know: where its output goes, and whether warnings fail."""

    color: bool = False
    width: int = 100
    strict: bool = False


class Renderer(Protocol):
    """Turns a report into the text of one format."""

    def __call__(self, report: Report, options: RenderOptions, /) -> str: ...
