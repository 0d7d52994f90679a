"""The kinds of input planctl reads, in one registry: their file names and how each is told.

`Kind` is the registry: its members are the kinds of submission file planctl reads, and
`suffixes_of` maps each, exhaustively, to the names a folder contributes of it (a file named
otherwise is still read when given by name). `kind_of` tells a file's kind by its bytes, not
its name, so a workbook saved as `.csv` is read as a workbook. `read_submission` (in
`submissions.py`) maps each kind, exhaustively, to its reader. A new kind of input (Parquet,
a database table) is a member here, its reader module, and that one case.
"""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from planctl.files.text import workbook_kind


class Kind(StrEnum):
    """A kind of submission file, by the name its notes and `--verbose` give it."""

    CSV = "csv"
    XLSX = "xlsx"
    XLS = "xls"

    @property
    def workbook(self) -> bool:
        """Whether the kind is a spreadsheet program's workbook (read by sheets)."""
        return self is not Kind.CSV


def suffixes_of(kind: Kind) -> tuple[str, ...]:
    """The file names of `kind` that a directory given to `planctl check` contributes; CSV
    includes tab-separated text (Excel's "Unicode text" is a .txt, read when named)."""
    match kind:
        case Kind.CSV:
            return (".csv", ".tsv")
        case Kind.XLSX:
            return (".xlsx", ".xlsm")
        case Kind.XLS:
            return (".xls",)
        case _:
            assert_never(kind)


CSV_SUFFIXES = suffixes_of(Kind.CSV)
WORKBOOK_SUFFIXES = tuple(suffix for kind in Kind if kind.workbook for suffix in suffixes_of(kind))
SUBMISSION_SUFFIXES = CSV_SUFFIXES + WORKBOOK_SUFFIXES


def kind_of(data: bytes) -> Kind:
    """The kind a file's bytes are: a zip archive is an .xlsx workbook, a legacy Office file
    an .xls one, anything else CSV text."""
    found = workbook_kind(data)
    return Kind(found) if found is not None else Kind.CSV
