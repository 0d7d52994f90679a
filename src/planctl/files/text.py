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
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from planctl.domain.problems import PlanctlError, Problem
from planctl.files.limits import InputLimit
from planctl.i18n import catalog
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg

# Magic numbers of the files people send instead of a CSV.
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\x1a"}
_CONTROL_BYTES = bytes(code for code in range(32) if chr(code) not in _CONTROL_OK)
# A FIFO opened without O_NONBLOCK waits for a writer; neither flag exists on Windows, which
# has no FIFOs in the file system and no text mode below Python's.
_NO_BLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
# How much more is read at a time of a file that grows while it is read.
_CHUNK = 2**20
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


def read_text(path: Path, error: type[PlanctlError], limit: InputLimit) -> TextFile:
    """Read `path` as text, or raise `error` with a problem saying why it cannot be."""
    return decode_text(path, read_bytes(path, error, limit), error)


def read_bytes(path: Path, error: type[PlanctlError], limit: InputLimit) -> bytes:
    """The bytes of `path`, or `error` saying why not: not a regular file, over `limit` bytes
    (or growing past it while read)."""
    with open_input(path, error, limit) as stream:
        size = os.fstat(stream.fileno()).st_size
        # One read of the size the file says it has (and a byte more, to see it is the end);
        # a file that grows meanwhile is read on, to the limit.
        data = stream.read(size + 1)
        if len(data) <= size:
            return data
        grown = bytearray(data)
        while chunk := stream.read(min(_CHUNK, limit.max_bytes + 1 - len(grown))):
            grown += chunk
            if len(grown) > limit.max_bytes:
                raise error([grew(str(path), limit)])
        return bytes(grown)


def open_input(path: Path, error: type[PlanctlError], limit: InputLimit) -> BinaryIO:
    """`path` opened for reading, or `error` saying why not, in bounded time.

    Only a regular file is opened: a named pipe with no writer would block forever, and a
    device such as /dev/zero never ends. The file is looked at before it is opened, and
    opened without blocking (in case it was swapped for a pipe in between); a file over
    `limit` is refused by its size before a byte is read.
    """
    display = str(path)
    try:
        kind = _special_kind(os.stat(path).st_mode)
        if kind is None:
            descriptor = os.open(path, os.O_RDONLY | _NO_BLOCK | _BINARY)
            try:
                status = os.fstat(descriptor)
                kind = _special_kind(status.st_mode)
                if kind is None and status.st_size > limit.max_bytes:
                    raise error([too_large(display, status.st_size, limit)])
                if kind is None:
                    return os.fdopen(descriptor, "rb")
            except BaseException:
                os.close(descriptor)
                raise
    except FileNotFoundError:
        raise error([_not_found(path)]) from None
    except IsADirectoryError:
        raise error([Problem(Msg.FILE_IS_DIRECTORY, display)]) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise error([Problem(Msg.FILE_LINK_LOOP, display)]) from None
        reason = exc.strerror or exc.__class__.__name__
        raise error([Problem(Msg.FILE_UNREADABLE, display, fields={"reason": reason})]) from None
    if kind is Msg.KIND_DIRECTORY:
        raise error([Problem(Msg.FILE_IS_DIRECTORY, display)])
    raise error([not_regular(display, kind)])


def not_regular(display: str, kind: Msg) -> Problem:
    """The problem of a path that is a pipe, a device or a socket, not a file."""
    return Problem(Msg.FILE_NOT_REGULAR, display, fields={"kind": text(kind)})


def _not_found(path: Path) -> Problem:
    """No such file; or a link to none, which says where it points."""
    try:
        target = os.readlink(path)
    except OSError:
        return Problem(Msg.FILE_NOT_FOUND, str(path))
    return Problem(Msg.FILE_BROKEN_LINK, str(path), fields={"target": target})


def _special_kind(mode: int) -> Msg | None:
    """What a path is when it is not a regular file; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Msg.KIND_DIRECTORY
    if stat.S_ISFIFO(mode):
        return Msg.KIND_FIFO
    if stat.S_ISCHR(mode):
        return Msg.KIND_CHARACTER_DEVICE
    if stat.S_ISBLK(mode):
        return Msg.KIND_BLOCK_DEVICE
    if stat.S_ISSOCK(mode):
        return Msg.KIND_SOCKET
    return Msg.KIND_SPECIAL


def too_large(display: str, size: int, limit: InputLimit) -> Problem:
    """The problem of a file of `size` bytes, over the `limit` planctl reads."""
    fields: dict[str, object] = {
        "size": format_size(size),
        "limit": format_size(limit.max_bytes),
        "kind": text(limit.kind),
    }
    return Problem(Msg.FILE_TOO_LARGE, display, fields=fields)


def grew(display: str, limit: InputLimit) -> Problem:
    """The problem of a file that grew past `limit` while it was read."""
    fields: dict[str, object] = {"limit": format_size(limit.max_bytes), "kind": text(limit.kind)}
    return Problem(Msg.FILE_GREW, display, fields=fields)


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
    # In UTF-8 and GB18030 a control character is its one byte, and no byte of another
    # character is below 0x30: counting bytes runs at memory speed, characters do not.
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > max(2, len(text) // 100):
        raise fail(
            Msg.FILE_BINARY, detail=catalog.text(Msg.FILE_CONTROL_CHARACTERS, count=controls)
        )
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
