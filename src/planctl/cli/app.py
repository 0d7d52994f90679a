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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from planctl import __version__
from planctl.i18n.catalog import Language, text, use_language
from planctl.i18n.codes import Msg
from planctl.render import Format
from planctl.render.listing import ListFormat
from planctl.render.options import RenderOptions
from planctl.schemas import SchemaName

if TYPE_CHECKING:
    from planctl.cli.progress import ProgressBar
    from planctl.domain.problems import Problem

_Result = TypeVar("_Result")

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _typer(
    name: str,
    help_text: str,
    no_args_is_help: bool = False,
    context_settings: dict[str, object] | None = None,
) -> typer.Typer:
    """A command group with planctl's settings: plain help, no completion, our own errors."""
    return typer.Typer(
        name=name,
        help=help_text,
        no_args_is_help=no_args_is_help,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings=context_settings,
    )


# The root's --help is None when not given, and typer builds a pydantic validator for any
# value that is not a bool: `planctl check --help` would import pydantic (about 90 ms) just
# to print a page of text. A default of False is a bool, and is not validated.
app = _typer(
    "planctl",
    text(Msg.HELP_APP),
    no_args_is_help=True,
    context_settings={"default_map": {"help": False}},
)

# Options shared by every command that reads a targets file.
TargetsOption = Annotated[
    Path | None,
    typer.Option("--targets", "-t", help=text(Msg.HELP_TARGETS_PATH), show_default=False),
]
DebugOption = Annotated[bool, typer.Option("--debug", help=text(Msg.HELP_DEBUG))]


def _use_language(value: str | None) -> None:
    """Speak the language asked for; the entry point chose it already, before any help was
    built (`planctl.cli.main`), and this makes it hold where that did not run (tests)."""
    if value is None:
        return
    from planctl.i18n.choose import parse

    language = parse(value)
    if language is None:
        choices = ", ".join(each.value for each in Language)
        raise typer.BadParameter(text(Msg.LANG_UNKNOWN, value=value, choices=choices))
    use_language(language)


# Every command takes --lang (the entry point reads it first: see `planctl.i18n.choose`).
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="zh|en",
        help=text(Msg.HELP_LANG),
        callback=_use_language,
        show_default=False,
    ),
]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help=text(Msg.HELP_NO_CACHE))]

# `planctl targets` lists the targets; `planctl targets validate` checks targets files.
targets_app = _typer("targets", text(Msg.HELP_TARGETS))
app.add_typer(targets_app)


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
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="NAME", help=text(Msg.HELP_SHEET))
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=text(Msg.HELP_VERBOSE))] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help=text(Msg.HELP_PROGRESS), show_default=False),
    ] = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    lang: LangOption = None,
) -> None:
    from planctl.check import run_check
    from planctl.cli.report_files import reports_in_read_folders, write_reports
    from planctl.domain.problems import PlanctlError, SubmissionError
    from planctl.files.cache import cache_use
    from planctl.render import format_for_suffix, renderer_for

    with _reporting_errors(debug):
        misplaced = reports_in_read_folders(reports or [], files)
        if misplaced:
            _exit_with(misplaced)
        bar = _progress_bar(progress)
        try:
            report = run_check(
                files,
                targets,
                year=year,
                city=city,
                counties=county or [],
                sheet=sheet,
                progress=bar,
                cache=cache_use(no_cache),
            )
        except PlanctlError as exc:
            if bar is not None:
                bar.close()
            if verbose and isinstance(exc, SubmissionError):
                _print_problems(exc.notes, summarise=True)
            _print_problems(exc.problems, summarise=isinstance(exc, SubmissionError))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        if bar is not None:
            bar.close()
        if verbose:
            _print_problems(report.notes, summarise=True)
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
        _print_problems(report.warnings, summarise=True)
    raise typer.Exit(report.exit_code(strict))


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


@targets_app.callback(invoke_without_command=True)
def targets(
    context: typer.Context,
    targets: TargetsOption = None,
    format_: Annotated[
        ListFormat, typer.Option("--format", "-f", help=text(Msg.HELP_TARGETS_FORMAT))
    ] = ListFormat.TABLE,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    lang: LangOption = None,
) -> None:
    if context.invoked_subcommand is not None:
        return
    from planctl.files.cache import CacheUse, cache_use
    from planctl.render.listing import lister_for
    from planctl.targets.models import default_targets_path, load_targets

    # The listing shows what the file says, so it never takes the file from the cache.
    use = cache_use(no_cache, CacheUse.REFRESH)
    with _reporting_errors(debug):
        target_set = _or_exit(lambda: load_targets(targets or default_targets_path(), use))
        options = RenderOptions(color=_color_wanted(), width=_width())
        sys.stdout.write(lister_for(format_)(target_set, options))


@targets_app.command("validate", help=text(Msg.HELP_VALIDATE))
def validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="PATH", help=text(Msg.HELP_VALIDATE_FILES))
    ],
    plan: Annotated[
        Path | None,
        typer.Option("--plan", metavar="PLAN.txt", help=text(Msg.HELP_VALIDATE_PLAN)),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=text(Msg.HELP_VALIDATE_STRICT))] = False,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    lang: LangOption = None,
) -> None:
    from planctl.authoring.lint import validate as validate_file
    from planctl.authoring.plantext import read_plan
    from planctl.files.cache import CacheUse, cache_use

    use = cache_use(no_cache, CacheUse.REFRESH)
    with _reporting_errors(debug):
        plan_text = _or_exit(lambda: read_plan(plan)) if plan is not None else None
        results = [validate_file(path, plan_text, use) for path in files]
        for result in results:
            _print_problems([*result.errors, *result.warnings])
            if result.targets is None:
                typer.echo(
                    text(Msg.VALIDATE_FAILED, path=result.display, errors=len(result.errors))
                )
                continue
            checked = (
                text(Msg.VALIDATE_PLAN_CHECKED, plan=result.plan.display)
                if result.plan is not None
                else text(Msg.VALIDATE_PLAN_UNCHECKED)
            )
            typer.echo(
                _printable(
                    text(
                        Msg.VALIDATE_SUMMARY,
                        path=result.display,
                        count=len(result.targets.targets),
                        warnings=len(result.warnings),
                        plan=checked,
                    )
                )
            )
    if any(result.errors for result in results):
        raise typer.Exit(EXIT_BAD_INPUT)
    warned = any(result.warnings for result in results)
    raise typer.Exit(EXIT_FAILED if strict and warned else EXIT_OK)


@app.command(help=text(Msg.HELP_SCHEMA))
def schema(
    name: Annotated[SchemaName, typer.Argument(metavar="NAME", help=text(Msg.HELP_SCHEMA_NAME))],
    lang: LangOption = None,
) -> None:
    from planctl.schemas import schema_text

    _write_stdout(schema_text(name), Format.JSON)


@app.command(help=text(Msg.HELP_TEMPLATE))
def template(
    targets: TargetsOption = None,
    counties: Annotated[
        list[str] | None,
        typer.Option("--county", metavar="NAME", help=text(Msg.HELP_TEMPLATE_COUNTY)),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="PATH", help=text(Msg.HELP_TEMPLATE_OUTPUT)),
    ] = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    lang: LangOption = None,
) -> None:
    from planctl.authoring.template import TemplateFormat, format_of, writer_for
    from planctl.authoring.template.rows import build_template
    from planctl.files.cache import cache_use
    from planctl.files.output import write_file
    from planctl.targets.models import default_targets_path, load_targets

    with _reporting_errors(debug):
        format_ = _or_exit(lambda: format_of(output)) if output else TemplateFormat.CSV
        use = cache_use(no_cache)
        target_set = _or_exit(lambda: load_targets(targets or default_targets_path(), use))
        data = _or_exit(lambda: writer_for(format_)(build_template(target_set, counties)))
        if output is None:
            _write_stdout_bytes(data)
        else:
            _or_exit(lambda: write_file(output, data, inputs=[target_set.path]))


@app.command(help=text(Msg.HELP_EXTRACT))
def extract(
    plan: Annotated[Path, typer.Argument(metavar="PLAN.txt", help=text(Msg.HELP_EXTRACT_PLAN))],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="PATH", help=text(Msg.HELP_EXTRACT_OUTPUT)),
    ] = None,
    known: Annotated[
        Path | None,
        typer.Option("--targets", "-t", help=text(Msg.HELP_EXTRACT_KNOWN), show_default=False),
    ] = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    lang: LangOption = None,
) -> None:
    from planctl.authoring.draft import DraftSource, write_draft
    from planctl.authoring.extract import extract as find_targets
    from planctl.authoring.extract import too_long
    from planctl.authoring.plantext import read_plan
    from planctl.domain.problems import Problem
    from planctl.files.cache import cache_use
    from planctl.files.output import write_file
    from planctl.targets.models import default_targets_path, load_targets

    with _reporting_errors(debug):
        known_path = known or default_targets_path()
        # Both inputs are read before either is reported, so one run shows every problem.
        problems: list[Problem] = []
        plan_text = _attempt(lambda: read_plan(plan), problems)
        known_set = _attempt(lambda: load_targets(known_path, cache_use(no_cache)), problems)
        if plan_text is None or known_set is None:
            _exit_with(problems)
        found = find_targets(plan_text)
        _print_problems(too_long(plan_text))
        if not found:
            _exit_with([Problem(Msg.EXTRACT_NOTHING, plan_text.display)])
        source = DraftSource(
            plan=_relative(plan, output.parent if output else Path()),
            draft=str(output) if output else "THIS_FILE",
            known=known_set,
        )
        draft = write_draft(plan_text, found, source)
        if output is None:
            sys.stdout.write(draft)
        else:
            data = draft.encode("utf-8")
            _or_exit(lambda: write_file(output, data, inputs=[plan, known_path]))


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


def _attempt(step: Callable[[], _Result], problems: list[Problem]) -> _Result | None:
    """Run a step of the core; on a PlanctlError, keep its problems and return None."""
    from planctl.domain.problems import PlanctlError

    try:
        return step()
    except PlanctlError as exc:
        problems.extend(exc.problems)
        return None


def _or_exit(step: Callable[[], _Result]) -> _Result:
    """Run a step of the core; on a PlanctlError, print its problems and exit 2."""
    problems: list[Problem] = []
    result = _attempt(step, problems)
    if problems:
        _exit_with(problems)
    return result  # type: ignore[return-value]


def _exit_with(problems: list[Problem]) -> NoReturn:
    _print_problems(problems)
    raise typer.Exit(EXIT_BAD_INPUT)


def _write_stdout_bytes(data: bytes) -> None:
    """Bytes as they are (a template's BOM included), for `> template.csv`."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _relative(path: Path, start: Path) -> str:
    """`path` as seen from `start`, as a draft's source_text names its plan."""
    try:
        return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(path.resolve())


def _print_problems(problems: Iterable[Problem], *, summarise: bool = False) -> None:
    """One line a problem; with `summarise` (a submission's rows), many of one kind in a file
    are counted on one line past the first few (see problems.summarised)."""
    from planctl.domain.problems import summarised

    for problem in summarised(problems) if summarise else problems:
        typer.echo(_printable(str(problem)), err=True)


def _printable(message: str) -> str:
    """Escape control and bidi characters, so a county name cannot drive the terminal."""
    from planctl.render.visible import visible_line

    return visible_line(message)


def _color_wanted() -> bool:
    """Colour on a terminal unless NO_COLOR is set; FORCE_COLOR asks for it in CI logs."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _progress_bar(wanted: bool | None) -> ProgressBar | None:
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
