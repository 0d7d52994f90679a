"""Reading an input file's bytes as text, in the encodings counties really send.

UTF-8 comes first (with or without the BOM Excel writes for "CSV UTF-8"), then GB18030, the
superset of GBK that Excel on Chinese Windows writes; UTF-8 bytes are never read as GB18030
because a UTF-8 decode that succeeds is final. UTF-16 with a BOM (Excel's "Unicode text") is
read too. Spreadsheets, other binary files and undecodable bytes are refused with a message
that says what to do instead. Files are opened for reading only: inputs are never modified.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from planctl.messages import Msg
from planctl.problems import PlanctlError, Problem

# Magic numbers of the files people send instead of a CSV.
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\x1a"}


class _Fail(Protocol):
    """Turns a message code and its fields into the caller's exception."""

    def __call__(self, code: Msg, /, **fields: object) -> PlanctlError: ...


@dataclass(frozen=True)
class TextFile:
    """An input file's text, with how it was decoded and a digest of its bytes."""

    path: Path
    display: str
    text: str
    encoding: str
    sha256: str


def read_text(path: Path, error: type[PlanctlError]) -> TextFile:
    """Read `path` as text, or raise `error` with a problem saying why it cannot be."""
    display = str(path)

    def fail(code: Msg, /, **fields: object) -> PlanctlError:
        return error([Problem(code, display, fields=fields)])

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail(Msg.FILE_NOT_FOUND) from None
    except IsADirectoryError:
        raise fail(Msg.FILE_IS_DIRECTORY) from None
    except OSError as exc:
        raise fail(Msg.FILE_UNREADABLE, reason=exc.strerror or exc.__class__.__name__) from None

    text, encoding = _decode(data, fail)
    if not text.strip():
        raise fail(Msg.FILE_EMPTY)
    return TextFile(path, display, text, encoding, hashlib.sha256(data).hexdigest())


def _decode(data: bytes, fail: _Fail) -> tuple[str, str]:
    if data.startswith(_ZIP):
        raise fail(Msg.FILE_WORKBOOK, kind="zip archive (an .xlsx workbook?)")
    if data.startswith(_OLE):
        raise fail(Msg.FILE_WORKBOOK, kind="legacy Office file (an .xls workbook?)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise fail(Msg.FILE_BINARY, detail="broken UTF-16") from None
    if b"\x00" in data:
        raise fail(Msg.FILE_BINARY, detail="it holds NUL bytes")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise fail(Msg.FILE_ENCODING, offset=utf8_error.start) from None
    controls = sum(1 for char in text if char < " " and char not in _CONTROL_OK)
    if controls > max(2, len(text) // 100):
        raise fail(Msg.FILE_BINARY, detail=f"{controls} control characters")
    return text, encoding
