"""Writing planctl's files: all or nothing, flushed to disk, and never over one of its inputs.

Every file planctl writes (a report, a template, a draft, a cache entry) goes through
`stage`: it is written in full to a hidden temporary file beside its destination
(`.NAME.1a2b3c4d.tmp`, in the same folder, so the rename cannot cross file systems), flushed
to disk, and only then renamed into place with `os.replace`, which is atomic: a reader, or a
CI job uploading the file, sees the old file or the new one, never half of one.

A run killed while writing (SIGKILL, a power cut) cannot remove its temporary file.
`remove_leftovers` removes such files on a later run: only names of this pattern, only in
the folder asked about, never a symbolic link, and never the file of a run still writing. A
writer holds a lock on its temporary file (on Windows an open file cannot be deleted at all)
and a file modified in the last few seconds is left alone, as it may be one whose writer has
not taken its lock yet.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from planctl.domain.problems import OutputError, Problem
from planctl.i18n.codes import Msg

# `.NAME.` + 8 hex digits + `.tmp`: the name of every temporary file planctl writes.
TEMPORARY_NAME = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{8}\.tmp")
# A temporary file younger than this may belong to a writer that has not locked it yet.
LEFTOVER_AGE = 2.0

# Windows has no fcntl, and needs none: a file open in another process cannot be deleted.
if sys.platform != "win32":
    import fcntl

# Windows opens files in text mode unless told otherwise; elsewhere the flag does not exist.
_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Staged:
    """A file written in full beside its destination, locked, not yet in place."""

    def __init__(self, path: Path, data: bytes, durable: bool = True) -> None:
        self.path = path
        self.durable = durable
        import secrets  # only here: it imports `random`, which a check to stdout does not need

        self.temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        # O_EXCL: never write through a file that is already there; 0o666 lets the umask
        # decide the mode, as for any new file.
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY
        self._descriptor: int | None = os.open(self.temporary, flags, 0o666)
        try:
            if sys.platform != "win32":
                # Held until the file is renamed or removed: another run's
                # remove_leftovers then knows it is in use.
                fcntl.flock(self._descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            view = memoryview(data)
            while view:
                view = view[os.write(self._descriptor, view) :]
            if durable:
                os.fsync(self._descriptor)
        except BaseException:
            self.discard()
            raise

    def commit(self) -> None:
        """Rename the file into place; OSError if it cannot be (the file is then removed)."""
        if sys.platform == "win32":
            self._close()  # Windows cannot rename a file that is open
        try:
            os.replace(self.temporary, self.path)
        except BaseException:
            self.discard()
            raise
        self._close()
        if self.durable:
            _sync_folder(self.path.parent)

    def discard(self) -> None:
        """Remove the temporary file; the destination stays as it was."""
        with contextlib.suppress(OSError):
            self.temporary.unlink()
        self._close()

    def _close(self) -> None:
        if self._descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(self._descriptor)
            self._descriptor = None


def write_file(
    path: Path, data: bytes, inputs: Iterable[Path] = (), *, durable: bool = True
) -> None:
    """Write `data` to `path` atomically; OutputError if it cannot be, or is an input.

    `durable`: flushed to disk before the rename (a cache entry, which only saves time, need
    not pay for it).
    """
    display = str(path)
    if any(_same_file(path, source) for source in inputs):
        raise OutputError([Problem(Msg.OUTPUT_IS_INPUT, display)])
    if path.is_dir():
        raise OutputError([Problem(Msg.OUTPUT_IS_DIRECTORY, display)])
    try:
        Staged(path, data, durable).commit()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise OutputError(
            [Problem(Msg.OUTPUT_UNWRITABLE, display, fields={"reason": reason})]
        ) from None


def remove_leftovers(folder: Path, wanted: Callable[[str], bool]) -> list[Path]:
    """Remove the temporary files that runs killed while writing left in `folder`.

    Only regular files named as `Staged` names them, for a destination name that `wanted`
    accepts, older than LEFTOVER_AGE and not locked by a writer; nothing below `folder`.
    Returns what was removed; a file that cannot be examined or removed is left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = TEMPORARY_NAME.fullmatch(entry.name)
        if match is None or not wanted(match["name"]):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(status.st_mode) or now - status.st_mtime < LEFTOVER_AGE:
            continue
        if _remove_unless_locked(Path(entry.path)):
            removed.append(Path(entry.path))
    return removed


def _remove_unless_locked(path: Path) -> bool:
    if sys.platform == "win32":
        try:  # Windows refuses to delete a file another process has open
            path.unlink()
        except OSError:
            return False
        return True
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path.unlink()
    except OSError:  # locked (a run is writing it), or gone already
        return False
    finally:
        os.close(descriptor)
    return True


def _sync_folder(folder: Path) -> None:
    """Flush a rename to disk (POSIX); where a folder cannot be opened, the rename stands."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
