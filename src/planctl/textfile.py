"""Reading an input file's bytes as text, in the encodings counties really send.

UTF-8 comes first (with or without the BOM Excel writes for "CSV UTF-8"), then GB18030, the
superset of GBK that Excel on Chinese Windows writes; UTF-8 bytes are never read as GB18030
because a UTF-8 decode that succeeds is final. UTF-16 with a BOM (Excel's "Unicode text") is
read too. Spreadsheets, other binary files and undecodable bytes are refused with a message
that says what to do instead (`workbook_kind` lets a caller route workbooks elsewhere first);
bytes that no encoding reads are placed by line and column. A Ctrl-Z (0x1A) at the very end,
the end-of-file mark of old DOS tools, often on a line of its own, ends the text. Files are
opened for reading only: inputs are never modified.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from planctl.messages import Msg, text
from planctl.problems import PlanctlError, Problem

# Magic numbers of the files people send instead of a CSV.
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\x1a"}
# DOS's end-of-file mark, and the line ends after it: the text ends before it.
_DOS_END = re.compile("\x1a[\r\n]*\\Z")


class _Fail(Protocol):
    """Turns a message code and its fields (on `line`, if given) into the caller's exception."""

    def __call__(
        self, code: Msg, /, *, line: int | None = None, **fields: object
    ) -> PlanctlError: ...


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
    return decode_text(path, read_bytes(path, error), error)


def read_bytes(path: Path, error: type[PlanctlError], limit: int | None = None) -> bytes:
    """The bytes of `path`, or `error` saying why not (or that it is over `limit` bytes)."""
    display = str(path)
    try:
        if limit is not None and (size := path.stat().st_size) > limit:
            raise error([too_large(display, size, limit)])
        return path.read_bytes()
    except FileNotFoundError:
        raise error([Problem(Msg.FILE_NOT_FOUND, display)]) from None
    except IsADirectoryError:
        raise error([Problem(Msg.FILE_IS_DIRECTORY, display)]) from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise error([Problem(Msg.FILE_UNREADABLE, display, fields={"reason": reason})]) from None


def too_large(display: str, size: int, limit: int) -> Problem:
    """The problem of a file of `size` bytes, over the `limit` planctl reads."""
    fields: dict[str, object] = {"size": format_size(size), "limit": format_size(limit)}
    return Problem(Msg.FILE_TOO_LARGE, display, fields=fields)


def decode_text(
    path: Path, data: bytes, error: type[PlanctlError], advice: Msg | None = None
) -> TextFile:
    """`data`, read from `path`, as text; or `error` saying why it is not text, followed by
    `advice` on what to send instead where the caller has some."""
    display = str(path)
    said = text(advice) if advice is not None else ""

    def fail(code: Msg, /, *, line: int | None = None, **fields: object) -> PlanctlError:
        return error([Problem(code, display, line, fields={**fields, "advice": said})])

    content, encoding = _decode(data, fail)
    if not content.strip():
        raise fail(Msg.FILE_EMPTY)
    return TextFile(path, display, content, encoding, hashlib.sha256(data).hexdigest())


def workbook_kind(data: bytes) -> str | None:
    """`xlsx` for a zip archive, `xls` for a legacy Office file, None for anything else."""
    if data.startswith(_ZIP):
        return "xlsx"
    if data.startswith(_OLE):
        return "xls"
    return None


def format_size(size: int) -> str:
    """A byte count for people: 512 bytes, 3.2 MiB, 2.0 GiB."""
    if size < 1024:
        return f"{size} bytes"
    value, unit = float(size), "bytes"
    for unit in ("KiB", "MiB", "GiB", "TiB"):  # noqa: B007 (the unit reached is the answer)
        value /= 1024
        if value < 1024:
            break
    return f"{value:.1f} {unit}"


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
        except UnicodeDecodeError as gb_error:
            # The encoding that reads further is the likelier one: its first bad byte is the
            # one to fix.
            # utf-8-sig counts from after the BOM.
            bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
            best, name = max((utf8_error.start + bom, "utf-8"), (gb_error.start, "gb18030"))
            line, column = _place(data, best, name)
            byte = f"0x{data[best]:02x}"
            raise fail(Msg.FILE_ENCODING, line=line, column=column, byte=byte) from None
    controls = sum(1 for char in text if char < " " and char not in _CONTROL_OK)
    if controls > max(2, len(text) // 100):
        raise fail(Msg.FILE_BINARY, detail=f"{controls} control characters")
    return _DOS_END.sub("", text), encoding


def _place(data: bytes, offset: int, encoding: str) -> tuple[int, int]:
    """The 1-based line and column (in characters) of the byte at `offset` in `data`, valid in
    `encoding` before it; a line ends at \\n, \\r\\n or a bare \\r, as the CSV reader counts
    them."""
    before = data[:offset]
    line = 1 + before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n")
    start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    if start == 0 and encoding == "utf-8":
        encoding = "utf-8-sig"
    column = len(before[start:].decode(encoding)) + 1
    return line, column
