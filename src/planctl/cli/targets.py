"""`planctl targets` (the targets listed), `targets validate` and `schema`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planctl.cli.options import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    DebugOption,
    LangOption,
    NoCacheOption,
    TargetsOption,
)
from planctl.cli.terminal import (
    color_wanted,
    or_exit,
    print_problems,
    printable,
    reporting_errors,
    width,
    write_stdout,
)
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.render import Format
from planctl.render.listing import ListFormat
from planctl.render.options import RenderOptions
from planctl.schemas import SchemaName


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
    from planctl.targets.load import load_targets
    from planctl.targets.models import default_targets_path

    # The listing shows what the file says, so it never takes the file from the cache.
    use = cache_use(no_cache, CacheUse.REFRESH)
    with reporting_errors(debug):
        target_set = or_exit(lambda: load_targets(targets or default_targets_path(), use))
        options = RenderOptions(color=color_wanted(), width=width())
        sys.stdout.write(lister_for(format_)(target_set, options))


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
    with reporting_errors(debug):
        plan_text = or_exit(lambda: read_plan(plan)) if plan is not None else None
        results = [validate_file(path, plan_text, use) for path in files]
        for result in results:
            print_problems([*result.errors, *result.warnings])
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
                printable(
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


def schema(
    name: Annotated[SchemaName, typer.Argument(metavar="NAME", help=text(Msg.HELP_SCHEMA_NAME))],
    lang: LangOption = None,
) -> None:
    from planctl.schemas import schema_text

    write_stdout(schema_text(name), Format.JSON)
