"""What every command shares: exit codes, command groups' settings, and the options that
several commands take (`--targets`, `--debug`, `--no-cache`), each defined once here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def command_group(
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


# Options shared by every command that reads a targets file.
TargetsOption = Annotated[
    Path | None,
    typer.Option("--targets", "-t", help=text(Msg.HELP_TARGETS_PATH), show_default=False),
]
DebugOption = Annotated[bool, typer.Option("--debug", help=text(Msg.HELP_DEBUG))]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help=text(Msg.HELP_NO_CACHE))]
