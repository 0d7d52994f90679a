"""Refusing hostile .xlsx archives before anything unpacks them.

An .xlsx file is a zip of XML parts. A small file can declare parts that unpack to gigabytes
(a zip bomb); `check_archive` reads only the zip's directory and refuses a workbook whose
parts are too large in all, or one by one, or packed more tightly than any spreadsheet program
packs XML. Python's zipfile never unpacks more than a part's declared size (a part that lies
fails its CRC check instead), so checking the declared sizes bounds what reading can cost.

One more bound: openpyxl learns a sheet's size from its `<dimension>` record, which Excel,
WPS and LibreOffice write before the cells; without one it scans the whole sheet on opening
the workbook, even though the cells are then streamed (`sheetxml`) within the row and column
caps. openpyxl's own write-only mode writes no such record, so such sheets are read, up to
`UNSIZED_SHEETS_BYTES` of them in all (its scan takes about 0.3 s a MiB); a workbook with
more is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Protocol

from planctl.domain.problems import Problem, SubmissionError
from planctl.files.text import format_size
from planctl.i18n.codes import Msg

# A county's workbook unpacks to well under a megabyte, and a city's sheet of 56 counties'
# 20,160 rows to about 4 MiB; these leave room to spare, and bound a sheet's rows (every row
# of a sheet is read).
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
# XML that spreadsheet programs write packs 5 to 50 times; zeros pack a thousand times.
MAX_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
# The sheets that do not say their size in their first `_HEAD_BYTES` may add up to this: a
# sheet of 10,000 rows is about 2 to 5 MiB, and openpyxl's scan of 8 MiB of the densest XML
# that passes MAX_RATIO took 2.5 s.
UNSIZED_SHEETS_BYTES = 8 * 1024 * 1024
_HEAD_BYTES = 64 * 1024
_WORKSHEET = re.compile(rb"<(?:\w+:)?worksheet\b")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b")


class _Refuse(Protocol):
    def __call__(self, code: Msg, /, **fields: object) -> SubmissionError: ...


def check_archive(data: bytes, display: str) -> None:
    """Raise SubmissionError unless the zip in `data` is safe to unpack."""

    def refuse(code: Msg, /, **fields: object) -> SubmissionError:
        return SubmissionError([Problem(code, display, fields=fields)])

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive.infolist(), refuse)
            _check_sheets_sized(archive, refuse)
    except _ZIP_ERRORS as exc:
        raise refuse(Msg.WORKBOOK_UNREADABLE, reason=f"not a valid zip archive: {exc}") from None


# What zipfile raises on a broken archive, an encrypted part or an unknown compression.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ValueError,
    EOFError,
    zlib.error,
    RuntimeError,
    NotImplementedError,
)


def _check_sheets_sized(archive: zipfile.ZipFile, refuse: _Refuse) -> None:
    unsized = 0
    for part in archive.infolist():
        with archive.open(part) as stream:
            head = stream.read(_HEAD_BYTES)
        if _WORKSHEET.search(head) and not _DIMENSION.search(head):
            unsized += part.file_size
            if unsized > UNSIZED_SHEETS_BYTES:
                raise refuse(
                    Msg.WORKBOOK_SHEET_UNSIZED,
                    part=part.filename,
                    size=format_size(unsized),
                    limit=format_size(UNSIZED_SHEETS_BYTES),
                )


def _check_sizes(parts: list[zipfile.ZipInfo], refuse: _Refuse) -> None:
    total = sum(part.file_size for part in parts)
    largest = max(parts, key=lambda part: part.file_size, default=None)
    if largest is not None and (total > MAX_UNPACKED_BYTES or largest.file_size > MAX_PART_BYTES):
        raise refuse(
            Msg.WORKBOOK_UNPACKS_TOO_BIG,
            size=format_size(total),
            part=largest.filename,
            part_size=format_size(largest.file_size),
            limit=format_size(MAX_UNPACKED_BYTES),
            part_limit=format_size(MAX_PART_BYTES),
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size >= RATIO_CHECKED_FROM_BYTES and ratio > MAX_RATIO:
            raise refuse(
                Msg.WORKBOOK_BOMB,
                part=part.filename,
                size=format_size(part.file_size),
                ratio=f"{ratio:,.0f}",
            )
