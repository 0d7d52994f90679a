"""The JSON Schemas planctl ships, by the name `planctl schema NAME` takes.

`Schema` is the registry: each member is a `planctl schema` command and a file beside this
module, committed so that editors, CI jobs and other programs can use it without planctl;
tests keep each file equal to the models it is generated from.
"""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from planctl.messages import Msg


class Schema(StrEnum):
    """The schemas, by name."""

    REPORT = "report"


def schema_file(schema: Schema) -> str:
    """The name of the shipped file holding `schema`."""
    return f"{schema.value}.schema.json"


def schema_help(schema: Schema) -> Msg:
    """What `planctl schema NAME --help` says the schema describes."""
    match schema:
        case Schema.REPORT:
            return Msg.HELP_SCHEMA_REPORT
        case _:
            assert_never(schema)


def schema_text(schema: Schema) -> str:
    """The shipped JSON Schema, as text."""
    from importlib import resources

    return resources.files(__package__).joinpath(schema_file(schema)).read_text(encoding="utf-8")
