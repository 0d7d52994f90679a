"""The command line: options in, the core called, output written, an exit code out.

No logic lives here. Exit codes: 0 every binding target met; 1 a binding target not met or
missing (with --strict, a warning too); 2 bad input, a bad targets file or bad usage.
Heavy modules (pydantic, yaml, rich) are imported inside commands, so `--help` and
`--version` start fast.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planctl import __version__
from planctl.messages import Msg, text
from planctl.render import Format, RenderOptions

if TYPE_CHECKING:
    from planctl.problems import Problem

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

app = typer.Typer(
    name="planctl",
    help=text(Msg.HELP_APP),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Options shared by every command that reads a targets file.
TargetsOption = Annotated[
    Path | None,
    typer.Option("--targets", "-t", help=text(Msg.HELP_TARGETS_PATH), show_default=False),
]
DebugOption = Annotated[bool, typer.Option("--debug", help=text(Msg.HELP_DEBUG))]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"planctl {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help=text(Msg.HELP_VERSION)
        ),
    ] = False,
) -> None:
    """Check the figures counties submit against the quantitative targets of a plan."""


@app.command(help=text(Msg.HELP_CHECK))
def check(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE_OR_DIR", help=text(Msg.HELP_CHECK_FILES))
    ],
    targets: TargetsOption = None,
    city: Annotated[bool, typer.Option("--city", help=text(Msg.HELP_CITY))] = False,
    county: Annotated[
        list[str] | None,
        typer.Option("--county", "-c", metavar="NAME", help=text(Msg.HELP_COUNTY)),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", min=1900, max=2200, help=text(Msg.HELP_YEAR))
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=text(Msg.HELP_STRICT))] = False,
    format_: Annotated[
        Format, typer.Option("--format", "-f", help=text(Msg.HELP_FORMAT))
    ] = Format.TABLE,
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="NAME", help=text(Msg.HELP_SHEET))
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=text(Msg.HELP_VERBOSE))] = False,
    debug: DebugOption = False,
) -> None:
    from planctl.check import run_check
    from planctl.problems import PlanctlError, SubmissionError
    from planctl.render import renderer_for
    from planctl.report import Verdict

    with _reporting_errors(debug):
        try:
            report = run_check(
                files, targets, year=year, city=city, counties=county or [], sheet=sheet
            )
        except PlanctlError as exc:
            if verbose and isinstance(exc, SubmissionError):
                _print_problems(exc.notes)
            _print_problems(exc.problems)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        if verbose:
            _print_problems(report.notes)
        options = RenderOptions(color=_color_wanted(), width=_width(), strict=strict)
        sys.stdout.write(renderer_for(format_)(report, options))
        _print_problems(report.warnings)
        verdict = report.verdict()
    failed = verdict is Verdict.FAIL or (strict and verdict is Verdict.WARN)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@contextmanager
def _reporting_errors(debug: bool) -> Iterator[None]:
    """Turn an unforeseen exception into one line on stderr and exit 2, unless --debug."""
    try:
        yield
    except typer.Exit:
        raise
    except Exception as exc:
        if debug:
            raise
        typer.echo(text(Msg.INTERNAL_ERROR, error=_printable(repr(exc))), err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def _print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        typer.echo(_printable(str(problem)), err=True)


def _printable(message: str) -> str:
    """Escape control characters, so a county name cannot drive the terminal."""
    return "".join(
        char if char.isprintable() or char == "\t" else f"\\x{ord(char):02x}" for char in message
    )


def _color_wanted() -> bool:
    """Colour on a terminal unless NO_COLOR is set; FORCE_COLOR asks for it in CI logs."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _width() -> int:
    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((100, 24)).columns)
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= 60 else 100


def main() -> None:
    """Console-script entry point."""
    # A Chinese Windows console writes GBK: replace what it cannot show rather than crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        app(prog_name="planctl")
    except KeyboardInterrupt:
        typer.echo(text(Msg.CLI_INTERRUPTED), err=True)
        sys.exit(130)
