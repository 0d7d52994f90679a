"""Listing a targets file: a TargetSet in, a string out; one module per format.

`ListFormat` is the registry: its members are the choices `planctl targets --format`
accepts, and `lister_for` maps each one, exhaustively, to the function that renders it. As
with reports (`render`), the table draws from a copy of the targets file whose strings are
`visible.shown`, and the JSON's text is made `json_visible`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

if TYPE_CHECKING:
    from planctl.render.options import RenderOptions
    from planctl.targets.models import TargetSet


class ListFormat(StrEnum):
    """The formats of `planctl targets`, by the name `--format` takes."""

    TABLE = "table"
    JSON = "json"


class Lister(Protocol):
    """Turns a targets file into the text of one format."""

    def __call__(self, targets: TargetSet, options: RenderOptions, /) -> str: ...


def lister_for(format_: ListFormat) -> Lister:
    """The lister of `format_`, imported on first use, showing the file's strings visibly."""
    from planctl.render.visible import showing

    return showing(_lister(format_), json=format_ is ListFormat.JSON)


def _lister(format_: ListFormat) -> Lister:
    match format_:
        case ListFormat.TABLE:
            from planctl.render.listing.table import list_table

            return list_table
        case ListFormat.JSON:
            from planctl.render.listing.json import list_json

            return list_json
        case _:
            assert_never(format_)
