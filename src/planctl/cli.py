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
from typing import TYPE_CHECKING, Annotated, Any

import typer

from planctl import __version__
from planctl.messages import Msg, text
from planctl.render import Format, RenderOptions
from planctl.schemas import Schema, schema_help

if TYPE_CHECKING:
    from planctl.problems import Problem

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

# How every typer app of planctl behaves: plain help, no completion, no rich tracebacks.
_APP_SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}
app = typer.Typer(name="planctl", help=text(Msg.HELP_APP), **_APP_SETTINGS)

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


def _known_report_suffixes(paths: list[Path] | None) -> list[Path] | None:
    """Refuse a `--report` file whose extension names no format, before anything is read."""
    from planctl.render import FORMAT_BY_SUFFIX, format_for_suffix

    for path in paths or []:
        if format_for_suffix(path.suffix) is None:
            suffixes = ", ".join(FORMAT_BY_SUFFIX)
            raise typer.BadParameter(text(Msg.REPORT_UNKNOWN_SUFFIX, path=path, suffixes=suffixes))
    return paths


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
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=text(Msg.HELP_FORMAT, formats=", ".join(Format)),
        ),
    ] = Format.TABLE,
    reports: Annotated[
        list[Path] | None,
        typer.Option(
            "--report",
            metavar="PATH",
            help=text(Msg.HELP_REPORT),
            callback=_known_report_suffixes,
        ),
    ] = None,
    debug: DebugOption = False,
) -> None:
    from planctl.check import run_check
    from planctl.problems import PlanctlError
    from planctl.render import format_for_suffix, renderer_for
    from planctl.reportfiles import write_reports

    with _reporting_errors(debug):
        try:
            report = run_check(files, targets, year=year, city=city, counties=county or [])
        except PlanctlError as exc:
            _print_problems(exc.problems)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        # Files get the plain table at a fixed width, whatever the terminal is.
        file_options = RenderOptions(strict=strict)
        contents: dict[Path, bytes] = {}
        for path in reports or []:
            file_format = format_for_suffix(path.suffix)
            assert file_format is not None  # _known_report_suffixes refused the others
            contents[path] = renderer_for(file_format)(report, file_options).encode("utf-8")
        inputs = [report.targets.path, *(Path(read.display) for read in report.inputs)]
        try:
            write_reports(contents, inputs)
        except PlanctlError as exc:
            _print_problems(exc.problems)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        options = RenderOptions(color=_color_wanted(), width=_width(), strict=strict)
        _write_stdout(renderer_for(format_)(report, options), format_)
        _print_problems(report.warnings)
    raise typer.Exit(report.exit_code(strict))


schema_app = typer.Typer(name="schema", help=text(Msg.HELP_SCHEMA), **_APP_SETTINGS)
app.add_typer(schema_app)


def _add_schema_command(schema: Schema) -> None:
    """`planctl schema NAME`, printing the shipped schema."""

    def print_schema() -> None:
        from planctl.schemas import schema_text

        _write_stdout(schema_text(schema), Format.JSON)

    schema_app.command(schema.value, help=text(schema_help(schema)))(print_schema)


for _schema in Schema:
    _add_schema_command(_schema)


def _write_stdout(output: str, format_: Format) -> None:
    """The table in the console's encoding; every other format as the UTF-8 it declares.

    XML and HTML declare UTF-8, JSON is UTF-8 by its RFC and the CSV starts with a UTF-8 BOM:
    redirected to a file on Chinese Windows, where stdout is GBK, they must stay UTF-8.
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if format_ is Format.TABLE or buffer is None:
        sys.stdout.write(output)
        return
    sys.stdout.flush()
    buffer.write(output.encode("utf-8"))
    buffer.flush()


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
