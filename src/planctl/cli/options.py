"""What every command shares: exit codes, command groups' settings, and the options that
several commands take (`--targets`, `--debug`, `--no-cache`, `--lang`), each defined once here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planctl.i18n.catalog import Language, text, use_language
from planctl.i18n.codes import Msg
from planctl.records.choices import EngineName

try:
    # typer's parameters without a pydantic validator for each value not given (coercion.py).
    from planctl.cli.coercion import Command, Group
except ImportError:  # a typer without the internals it relies on: typer's own, slower
    from typer.core import TyperCommand as Command  # type: ignore[assignment]  # noqa: F401
    from typer.core import TyperGroup as Group  # type: ignore[assignment]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def command_group(
    name: str,
    help_text: str,
    no_args_is_help: bool = False,
    context_settings: dict[str, object] | None = None,
) -> typer.Typer:
    """A command group with planctl's settings: plain help, no completion, our own errors;
    its commands are registered with `cls=Command`."""
    return typer.Typer(
        name=name,
        cls=Group,
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
# Options of the commands that compute figures from record tables (compute, reconcile, and
# check --records).
MeasuresOption = Annotated[
    Path | None,
    typer.Option("--measures", metavar="FILE", help=text(Msg.HELP_MEASURES), show_default=False),
]
EngineOption = Annotated[
    EngineName,
    typer.Option(
        "--engine", metavar="ENGINE", help=text(Msg.HELP_ENGINE, engines=", ".join(EngineName))
    ),
]
MasterOption = Annotated[
    str | None,
    typer.Option("--master", metavar="URL", help=text(Msg.HELP_MASTER), show_default=False),
]
DebugOption = Annotated[bool, typer.Option("--debug", help=text(Msg.HELP_DEBUG))]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help=text(Msg.HELP_NO_CACHE))]


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
# Not on the root: a value that is not a bool, processed before `check --help` exits, would
# have typer import pydantic to validate it.
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
