"""Writing a command's output file: all or nothing, and never over one of its inputs.

A file is written beside its destination and renamed into place, so a failed run never
leaves half a file, and an analyst's earlier template or draft stays whole until the new one
is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planctl.messages import Msg
from planctl.problems import OutputError, Problem


def write_file(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write `data` to `path` atomically; OutputError if it cannot be, or is an input."""
    display = str(path)
    if any(_same_file(path, source) for source in inputs):
        raise OutputError([Problem(Msg.OUTPUT_IS_INPUT, display)])
    if path.is_dir():
        raise OutputError([Problem(Msg.OUTPUT_IS_DIRECTORY, display)])
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private; give it the mode any new file would get.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise OutputError(
            [Problem(Msg.OUTPUT_UNWRITABLE, display, fields={"reason": reason})]
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
