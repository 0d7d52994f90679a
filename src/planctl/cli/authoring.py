"""`planctl template` and `planctl extract`: the files a bureau writes for a plan."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planctl.cli.options import (
    DebugOption,
    LangOption,
    NoCacheOption,
    TargetsOption,
)
from planctl.cli.terminal import (
    attempt,
    exit_with,
    or_exit,
    print_problems,
    relative,
    reporting_errors,
    write_stdout_bytes,
)
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg


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
    from planctl.targets.load import load_targets
    from planctl.targets.models import default_targets_path

    with reporting_errors(debug):
        format_ = or_exit(lambda: format_of(output)) if output else TemplateFormat.CSV
        use = cache_use(no_cache)
        target_set = or_exit(lambda: load_targets(targets or default_targets_path(), use))
        data = or_exit(lambda: writer_for(format_)(build_template(target_set, counties)))
        if output is None:
            write_stdout_bytes(data)
        else:
            or_exit(lambda: write_file(output, data, inputs=[target_set.path]))


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
    from planctl.targets.load import load_targets
    from planctl.targets.models import default_targets_path

    with reporting_errors(debug):
        known_path = known or default_targets_path()
        # Both inputs are read before either is reported, so one run shows every problem.
        problems: list[Problem] = []
        plan_text = attempt(lambda: read_plan(plan), problems)
        known_set = attempt(lambda: load_targets(known_path, cache_use(no_cache)), problems)
        if plan_text is None or known_set is None:
            exit_with(problems)
        found = find_targets(plan_text)
        print_problems(too_long(plan_text))
        if not found:
            exit_with([Problem(Msg.EXTRACT_NOTHING, plan_text.display)])
        source = DraftSource(
            plan=relative(plan, output.parent if output else Path()),
            draft=str(output) if output else "THIS_FILE",
            known=known_set,
        )
        draft = write_draft(plan_text, found, source)
        if output is None:
            sys.stdout.write(draft)
        else:
            data = draft.encode("utf-8")
            or_exit(lambda: write_file(output, data, inputs=[plan, known_path]))
