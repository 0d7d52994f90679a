"""The terminal's side of every command: problems to stderr, output to stdout, exit codes.

Policy lives here once for all commands: one line a problem (control characters escaped), an
unforeseen exception as one line and exit 2 unless --debug, colour only on a terminal, the
width of the table, the progress bar only where someone watches.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from planctl.cli.options import EXIT_BAD_INPUT
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.render import Format

if TYPE_CHECKING:
    from planctl.cli.progress import ProgressBar
    from planctl.domain.problems import Problem

_Result = TypeVar("_Result")


@contextmanager
def reporting_errors(debug: bool) -> Iterator[None]:
    """Turn an unforeseen exception into one line on stderr and exit 2, unless --debug."""
    try:
        yield
    except typer.Exit:
        raise
    except Exception as exc:
        if debug:
            raise
        typer.echo(text(Msg.INTERNAL_ERROR, error=printable(repr(exc))), err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def attempt(step: Callable[[], _Result], problems: list[Problem]) -> _Result | None:
    """Run a step of the core; on a PlanctlError, keep its problems and return None."""
    from planctl.domain.problems import PlanctlError

    try:
        return step()
    except PlanctlError as exc:
        problems.extend(exc.problems)
        return None


def or_exit(step: Callable[[], _Result]) -> _Result:
    """Run a step of the core; on a PlanctlError, print its problems and exit 2."""
    problems: list[Problem] = []
    result = attempt(step, problems)
    if problems:
        exit_with(problems)
    return result  # type: ignore[return-value]


def exit_with(problems: list[Problem]) -> NoReturn:
    print_problems(problems)
    raise typer.Exit(EXIT_BAD_INPUT)


def print_problems(problems: Iterable[Problem], *, summarise: bool = False) -> None:
    """One line a problem; with `summarise` (a submission's rows), many of one kind in a file
    are counted on one line past the first few (see problems.summarised)."""
    from planctl.domain.problems import summarised

    for problem in summarised(problems) if summarise else problems:
        typer.echo(printable(str(problem)), err=True)


def printable(message: str) -> str:
    """Escape control and bidi characters, so a county name cannot drive the terminal."""
    from planctl.render.visible import visible_line

    return visible_line(message)


def write_stdout(output: str, format_: Format) -> None:
    """The table in the console's encoding; every other format as the UTF-8 it declares.

    XML and HTML declare UTF-8, JSON is UTF-8 by its RFC and the CSV starts with a UTF-8 BOM:
    redirected to a file on Chinese Windows, where stdout is GBK, they must stay UTF-8.
    """
    write_stdout_pieces([output], format_)


def write_stdout_pieces(pieces: Iterable[str], format_: Format) -> None:
    """`write_stdout` for text given in pieces, each written as it comes (a national report's
    text is never held whole)."""
    from planctl.render import encoded

    buffer = getattr(sys.stdout, "buffer", None)
    if format_ is Format.TABLE or buffer is None:
        for piece in pieces:
            sys.stdout.write(piece)
        return
    sys.stdout.flush()
    for data in encoded(pieces):
        buffer.write(data)
    buffer.flush()


def write_stdout_utf8(pieces: Iterable[bytes]) -> None:
    """Text already encoded as UTF-8 (a national JSON report's pieces), as it is; as text
    where stdout takes no bytes (a program that runs planctl with a text stream for stdout)."""
    buffer = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    for data in pieces:
        if buffer is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)
    if buffer is not None:
        buffer.flush()


def write_stdout_bytes(data: bytes) -> None:
    """Bytes as they are (a template's BOM included), for `> template.csv`."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def relative(path: Path, start: Path) -> str:
    """`path` as seen from `start`, as a draft's source_text names its plan."""
    try:
        return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(path.resolve())


def color_wanted() -> bool:
    """Colour on a terminal unless NO_COLOR is set; FORCE_COLOR asks for it in CI logs."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def progress_bar(wanted: bool | None) -> ProgressBar | None:
    """A progress bar when asked (--progress), or by default when stderr is a terminal and
    this is not CI; never with --no-progress."""
    forced = wanted is True
    if wanted is None:
        wanted = (
            not os.environ.get("CI") and sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
        )
    if not wanted:
        return None
    from planctl.cli.progress import ProgressBar

    color = not os.environ.get("NO_COLOR") and (
        bool(os.environ.get("FORCE_COLOR")) or sys.stderr.isatty()
    )
    return ProgressBar(color, force=forced)


def width() -> int:
    # 60 columns is the narrowest table drawn, for a terminal and for COLUMNS alike: a
    # narrower COLUMNS gets that table, not the 100 columns of an unset one.
    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((100, 24)).columns)
    columns = os.environ.get("COLUMNS", "")
    return max(60, int(columns)) if columns.isdigit() and int(columns) > 0 else 100
