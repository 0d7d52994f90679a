"""The typer app: the commands and their help, registered; no logic of its own.

The commands live a group a module (`check.py`, `targets.py`, `authoring.py`), the
options they share in `options.py`, the terminal's policy in `terminal.py`.

No logic lives here. Exit codes: 0 every binding target met; 1 a binding target not met or
missing (with --strict, a warning too); 2 bad input, a bad targets file or bad usage.
Heavy modules (pydantic, yaml, rich) are imported inside commands, so `--help` and
`--version` start fast.
"""

from __future__ import annotations

import copy
import sys
from typing import Annotated

import typer

from planctl import __version__
from planctl.cli.authoring import extract, template
from planctl.cli.check import check
from planctl.cli.options import EXIT_OK, Command, command_group
from planctl.cli.records import compute, reconcile
from planctl.cli.targets import schema, targets, validate
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg

# Its commands and groups build no pydantic validator for a parameter not given (see
# coercion.py): `planctl check --help` would import pydantic (about 90 ms) for its --help.
app = command_group("planctl", text(Msg.HELP_APP), no_args_is_help=True)

# `planctl targets` lists the targets; `planctl targets validate` checks targets files.
targets_app = command_group("targets", text(Msg.HELP_TARGETS))
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


app.command(help=text(Msg.HELP_CHECK), cls=Command)(check)
targets_app.callback(invoke_without_command=True)(targets)
targets_app.command("validate", help=text(Msg.HELP_VALIDATE), cls=Command)(validate)
app.command(help=text(Msg.HELP_SCHEMA), cls=Command)(schema)
app.command(help=text(Msg.HELP_TEMPLATE), cls=Command)(template)
app.command(help=text(Msg.HELP_EXTRACT), cls=Command)(extract)
app.command(help=text(Msg.HELP_COMPUTE), cls=Command)(compute)
app.command(help=text(Msg.HELP_RECONCILE), cls=Command)(reconcile)


def _name(command: typer.models.CommandInfo) -> str:
    assert command.callback is not None
    return command.name or typer.main.get_command_name(command.callback.__name__)


def _group_name(group: typer.models.TyperInfo) -> object:
    assert group.typer_instance is not None
    return group.typer_instance.info.name


def for_arguments(arguments: list[str]) -> typer.Typer:
    """The app to run these arguments: with the command they name alone, when they begin
    with one. typer turns every registered command into click's on each call, reading every
    parameter of every command (about 10 ms); a command runs the same without its siblings,
    which only the root's help and its unknown-command message list, and these arguments
    never reach those. Any other arguments get the whole app."""
    first = arguments[0] if arguments else None
    commands = [command for command in app.registered_commands if _name(command) == first]
    groups = [group for group in app.registered_groups if _group_name(group) == first]
    if not commands and not groups:
        return app
    alone = copy.copy(app)
    alone.registered_commands, alone.registered_groups = commands, groups
    return alone


def main() -> None:
    """Console-script entry point."""
    # A Chinese Windows console writes GBK: replace what it cannot show rather than crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        for_arguments(sys.argv[1:])(prog_name="planctl")
    except KeyboardInterrupt:
        typer.echo(text(Msg.CLI_INTERRUPTED), err=True)
        sys.exit(130)
