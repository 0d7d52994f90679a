"""Writing report files: every one of them or none, each one whole.

Each file is first written in full to a temporary file beside it (same directory, so the
rename cannot cross file systems), then renamed over the target with `os.replace`, which is
atomic: a reader, or a CI job uploading the file, sees the old report or the new one, never
half of one. When any file cannot be written, the temporary files are removed and no report
is replaced. A report is never written over an input file.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from planctl.messages import Msg, text
from planctl.problems import PlanctlError, Problem


def write_reports(reports: dict[Path, bytes], inputs: Iterable[Path] = ()) -> None:
    """Write each report's bytes to its path; PlanctlError naming every one that cannot be."""
    protected = {path.resolve() for path in inputs}
    problems = [
        Problem(Msg.REPORT_IS_INPUT, str(path)) for path in reports if path.resolve() in protected
    ]
    if problems:
        raise PlanctlError(problems)
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in reports.items():
            if path.is_dir():
                problems.append(_unwritable(path, text(Msg.FILE_IS_DIRECTORY)))
                continue
            try:
                staged.append((_stage(path, data), path))
            except OSError as exc:
                problems.append(_unwritable(path, exc.strerror or exc.__class__.__name__))
        if problems:
            raise PlanctlError(problems)
        while staged:
            temporary, path = staged.pop(0)
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _stage(path: Path, data: bytes) -> Path:
    """`data` written and flushed to disk in a new hidden file beside `path`."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # O_EXCL: never write through a file that is already there; 0o666 lets the umask decide.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _unwritable(path: Path, reason: str) -> Problem:
    return Problem(Msg.REPORT_UNWRITABLE, str(path), fields={"reason": reason})


# Windows opens files in text mode unless told otherwise; elsewhere the flag does not exist.
_BINARY = getattr(os, "O_BINARY", 0)
