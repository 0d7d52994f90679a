"""`planctl check`: the submissions judged, reports written, the exit code of the view."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from planctl.cli.options import (
    EXIT_BAD_INPUT,
    DebugOption,
    EngineOption,
    LangOption,
    MasterOption,
    MeasuresOption,
    NoCacheOption,
    TargetsOption,
)
from planctl.cli.terminal import (
    color_wanted,
    exit_with,
    print_problems,
    progress_bar,
    reporting_errors,
    width,
    write_stdout_bytes,
    write_stdout_pieces,
    write_stdout_utf8,
)
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.records.choices import EngineName
from planctl.render import Format, suffix_of
from planctl.render.options import RenderOptions


def known_report_suffixes(paths: list[Path] | None) -> list[Path] | None:
    """Refuse a `--report` file whose extension names no format, before anything is read."""
    from planctl.render import FORMAT_BY_SUFFIX, format_for_suffix

    for path in paths or []:
        if format_for_suffix(path.suffix) is None:
            suffixes = ", ".join(FORMAT_BY_SUFFIX)
            raise typer.BadParameter(text(Msg.REPORT_UNKNOWN_SUFFIX, path=path, suffixes=suffixes))
    return paths


def check(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE_OR_DIR", help=text(Msg.HELP_CHECK_FILES))
    ],
    targets: TargetsOption = None,
    county_targets: Annotated[
        Path | None,
        typer.Option(
            "--county-targets",
            metavar="FILE",
            help=text(Msg.HELP_COUNTY_TARGETS),
            show_default=False,
        ),
    ] = None,
    supersede: Annotated[
        list[str] | None,
        typer.Option("--supersede", metavar="OLD=NEW", help=text(Msg.HELP_SUPERSEDE)),
    ] = None,
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
            callback=known_report_suffixes,
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
    records: Annotated[bool, typer.Option("--records", help=text(Msg.HELP_CHECK_RECORDS))] = False,
    measures: MeasuresOption = None,
    engine: EngineOption = EngineName.DUCKDB,
    master: MasterOption = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    lang: LangOption = None,
) -> None:
    from planctl.check import run_check, run_check_records
    from planctl.cli.report_files import reports_in_read_folders, write_reports
    from planctl.domain.problems import PlanctlError, SubmissionError
    from planctl.files.cache import cache_use
    from planctl.render import file_pieces, format_for_suffix, pieces_for, render_file

    with reporting_errors(debug):
        if format_.binary and sys.stdout.isatty():
            # A workbook's bytes on a terminal are noise, and may drive it: refuse before reading.
            example = f"report{suffix_of(format_)}"
            typer.echo(text(Msg.FORMAT_TO_FILE_ONLY, format=format_.value, file=example), err=True)
            raise typer.Exit(EXIT_BAD_INPUT)
        # An option the chosen path does not read is refused, never dropped in silence.
        given = {"--sheet": sheet is not None, "--supersede": bool(supersede)}
        if records:
            unread = [option for option, used in given.items() if used]
            code = Msg.OPTION_NOT_WITH_RECORDS
        else:
            extra = {"--measures": measures is not None, "--master": master is not None}
            extra["--engine"] = engine is not EngineName.DUCKDB
            unread = [option for option, used in extra.items() if used]
            code = Msg.OPTION_NEEDS_RECORDS
        for option in unread:
            typer.echo(text(code, option=option), err=True)
        if unread:
            raise typer.Exit(EXIT_BAD_INPUT)
        misplaced = reports_in_read_folders(reports or [], files)
        if misplaced:
            exit_with(misplaced)
        bar = progress_bar(progress)
        try:
            if records:
                report = run_check_records(
                    files,
                    targets,
                    measures=measures,
                    engine=engine.value,
                    master=master,
                    cache=cache_use(no_cache),
                    year=year,
                    city=city,
                    counties=county or [],
                    county_targets=county_targets,
                )
            else:
                report = run_check(
                    files,
                    targets,
                    year=year,
                    city=city,
                    counties=county or [],
                    sheet=sheet,
                    progress=bar,
                    cache=cache_use(no_cache),
                    county_targets=county_targets,
                    supersede=_pairs(supersede or []),
                )
        except PlanctlError as exc:
            if bar is not None:
                bar.close()
            if verbose and isinstance(exc, SubmissionError):
                print_problems(exc.notes, summarise=True)
            print_problems(exc.problems, summarise=isinstance(exc, SubmissionError))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        if bar is not None:
            bar.close()
        if verbose:
            print_problems(report.notes, summarise=True)
        # Files get the plain table at a fixed width, whatever the terminal is.
        file_options = RenderOptions(strict=strict)
        # Each file is rendered as it is written, in pieces: no report is held whole.
        contents: dict[Path, bytes | Iterable[bytes]] = {}
        for path in reports or []:
            file_format = format_for_suffix(path.suffix)
            assert file_format is not None  # known_report_suffixes refused the others
            contents[path] = file_pieces(file_format, report, file_options)
        inputs = [report.targets.path, *(Path(read.display) for read in report.inputs)]
        inputs += [county_targets] if county_targets is not None else []
        try:
            write_reports(contents, inputs)
        except PlanctlError as exc:
            print_problems(exc.problems)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        options = RenderOptions(color=color_wanted(), width=width(), strict=strict)
        if format_.binary:
            write_stdout_bytes(render_file(format_, report, options))
        elif format_ is Format.JSON:
            # Its renderer makes the UTF-8 bytes itself: they are not encoded again.
            write_stdout_utf8(file_pieces(format_, report, options))
        else:
            write_stdout_pieces(pieces_for(format_)(report, options), format_)
        print_problems(report.warnings, summarise=True)
    raise typer.Exit(report.exit_code(strict))


def _pairs(given: list[str]) -> list[tuple[Path, Path]]:
    """`OLD=NEW` → (OLD, NEW); a usage error (exit 2) for anything else."""
    from planctl.domain.problems import Problem

    pairs = []
    wrong = []
    for pair in given:
        old, sign, new = pair.partition("=")
        if not sign or not old or not new:
            wrong.append(Problem(Msg.SUPERSEDE_FORM, pair, field="--supersede"))
        pairs.append((Path(old), Path(new)))
    if wrong:
        exit_with(wrong)
    return pairs
