"""The JSON Schemas of the files planctl reads and writes, generated from pydantic models.

`SchemaName` is the registry: its members are the names `planctl schema` accepts, and
`schema_of` maps each one, exhaustively, to its model. The models are the one source of
truth; the copies committed under `schemas/` (and shipped in the package, so that the
`$schema` comment of `targets/2017.yaml` resolves in a checkout and in an installation alike)
are what `schema_text` returns, and a test keeps them equal.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, assert_never

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIRECTORY = "schemas"


class SchemaName(StrEnum):
    """The files whose schema `planctl schema NAME` prints."""

    TARGETS = "targets"
    REPORT = "report"
    RECORDS = "records"


def schema_of(name: SchemaName) -> dict[str, Any]:
    """The JSON Schema of the file called `name`."""
    match name:
        case SchemaName.TARGETS:
            from planctl.targets.models import TargetsFile

            schema = TargetsFile.model_json_schema()
        case SchemaName.RECORDS:
            from planctl.records.spec import RecordsFile

            schema = RecordsFile.model_json_schema(by_alias=True)
        case SchemaName.REPORT:
            from planctl.render.json import report_schema

            schema = report_schema()
        case _:
            assert_never(name)
    return {"$schema": JSON_SCHEMA_DIALECT, **schema}


def schema_text(name: SchemaName) -> str:
    """The schema as the committed file holds it: indented JSON, Chinese left readable."""
    import json  # not at import: the CLI imports this module for SchemaName alone

    return json.dumps(schema_of(name), ensure_ascii=False, indent=2) + "\n"


def committed_path(name: SchemaName) -> Path:
    """Where the committed copy is: inside the installed package, or in a source checkout."""
    file_name = f"{name.value}.schema.json"
    packaged = Path(__file__).parent / SCHEMA_DIRECTORY / file_name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / SCHEMA_DIRECTORY / file_name
