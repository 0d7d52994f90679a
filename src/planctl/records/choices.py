"""The choices of the records commands' options, apart so that the CLI imports nothing heavy.

`planctl --help` and `planctl check` import the CLI's modules; these enums are all they need
of the records package until a records command runs.
"""

from __future__ import annotations

from enum import StrEnum


class EngineName(StrEnum):
    """The engines `--engine` accepts."""

    DUCKDB = "duckdb"
    SPARK = "spark"


class Dialect(StrEnum):
    """The SQL dialects `planctl compute --emit-sql` writes."""

    DUCKDB = "duckdb"
    SPARK = "spark"
    POSTGRES = "postgres"


class ReconcileFormat(StrEnum):
    """The formats `planctl reconcile --format` writes."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
