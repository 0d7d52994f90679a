"""`planctl compute` and `planctl reconcile`: figures from record tables, and set beside the
submitted ones. Their engines (DuckDB, Spark) are imported only inside these commands.

Exit codes: compute 0 (written) or 2 (bad input, a missing extra); reconcile 0 (every figure
agrees), 1 (a figure differs or is on one side only), 2 (bad input).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planctl.cli.options import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    DebugOption,
    EngineOption,
    LangOption,
    MasterOption,
    MeasuresOption,
    NoCacheOption,
    TargetsOption,
)
from planctl.cli.terminal import print_problems, reporting_errors, write_stdout
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.records.choices import Dialect, EngineName, ReconcileFormat
from planctl.render import Format

VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help=text(Msg.HELP_VERBOSE))]


def compute(
    records: Annotated[
        list[Path] | None,
        typer.Argument(metavar="RECORDS", help=text(Msg.HELP_RECORDS_PATHS), show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help=text(Msg.HELP_OUTPUT), show_default=False
        ),
    ] = None,
    targets: TargetsOption = None,
    measures: MeasuresOption = None,
    engine: EngineOption = EngineName.DUCKDB,
    master: MasterOption = None,
    emit_sql: Annotated[bool, typer.Option("--emit-sql", help=text(Msg.HELP_EMIT_SQL))] = False,
    dialect: Annotated[
        Dialect,
        typer.Option(
            "--dialect", metavar="DIALECT", help=text(Msg.HELP_DIALECT, dialects=", ".join(Dialect))
        ),
    ] = Dialect.DUCKDB,
    verbose: VerboseOption = False,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    lang: LangOption = None,
) -> None:
    from planctl.domain.problems import PlanctlError
    from planctl.files.cache import cache_use
    from planctl.records.run import compute_submission, emit_sql_script, load_both

    with reporting_errors(debug):
        try:
            target_set, spec = load_both(targets, measures, cache_use(no_cache))
            if emit_sql:
                write_stdout(emit_sql_script(spec, target_set, dialect), Format.CSV)
                raise typer.Exit(EXIT_OK)
            if not records:
                raise typer.BadParameter(text(Msg.COMPUTE_NEEDS_RECORDS), param_hint="RECORDS")
            submission, computed = compute_submission(records, spec, target_set, engine, master)
        except PlanctlError as exc:
            print_problems(exc.problems)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        if verbose:
            print_problems(computed.notes)
        print_problems(computed.warnings)
        if output is None:
            write_stdout(submission, Format.CSV)
        else:
            from planctl.files.output import write_file

            try:
                write_file(output, submission.encode("utf-8"), [*records, spec.path])
            except PlanctlError as exc:
                print_problems(exc.problems)
                raise typer.Exit(EXIT_BAD_INPUT) from None
    raise typer.Exit(EXIT_OK)


def reconcile(
    submissions: Annotated[
        list[Path], typer.Argument(metavar="SUBMISSIONS", help=text(Msg.HELP_RECONCILE_SUBMISSIONS))
    ],
    records: Annotated[
        list[Path] | None,
        typer.Option("--records", metavar="PATH", help=text(Msg.HELP_RECONCILE_RECORDS)),
    ] = None,
    targets: TargetsOption = None,
    measures: MeasuresOption = None,
    engine: EngineOption = EngineName.DUCKDB,
    master: MasterOption = None,
    format_: Annotated[
        ReconcileFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=text(Msg.HELP_FORMAT, formats=", ".join(ReconcileFormat)),
        ),
    ] = ReconcileFormat.TABLE,
    year: Annotated[
        int | None, typer.Option("--year", min=1900, max=2200, help=text(Msg.HELP_YEAR))
    ] = None,
    verbose: VerboseOption = False,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    lang: LangOption = None,
) -> None:
    from planctl.domain.problems import PlanctlError
    from planctl.files.cache import cache_use
    from planctl.records.run import load_both, reconcile_records
    from planctl.render.reconcile import render_reconciliation

    with reporting_errors(debug):
        if not records:
            raise typer.BadParameter(text(Msg.RECONCILE_NEEDS_RECORDS), param_hint="--records")
        try:
            target_set, spec = load_both(targets, measures, cache_use(no_cache))
            result = reconcile_records(submissions, records, spec, target_set, engine, master, year)
        except PlanctlError as exc:
            print_problems(exc.problems)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        if verbose:
            print_problems(result.notes)
        shown = Format.TABLE if format_ is ReconcileFormat.TABLE else Format.JSON
        write_stdout(render_reconciliation(result, format_), shown)
        print_problems(result.warnings)
    raise typer.Exit(EXIT_OK if result.agrees else EXIT_FAILED)
