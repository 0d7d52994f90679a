"""The rich console every rich renderer draws on, and the provenance block they all end with."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.render.common import provenance_heading
from planctl.render.options import RenderOptions
from planctl.targets.models import Target

# rich's own height for a console that is not a terminal.
_HEIGHT = 25


def buffer_console(options: RenderOptions) -> Console:
    """A console that writes into a string, with no markup, emoji or highlighting of input."""
    return Console(
        file=io.StringIO(),
        width=options.width,
        # No renderer draws to a height (no vertical alignment, no layout), and with both
        # given rich does not ask the terminal and the environment for its size at every print.
        height=_HEIGHT,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )


def console_output(console: Console) -> str:
    """What a console from `buffer_console` holds."""
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def print_provenance(console: Console, targets: Iterable[Target]) -> None:
    """Each target's clause, name and deadline, and the plan's sentence beneath it."""
    console.print(Text(text(Msg.PROVENANCE_TITLE), style="bold"))
    for target in targets:
        console.print(Text(provenance_heading(target)))
        console.print(
            Padding(Text(target.provenance.sentence, style="dim"), (0, 0, 0, 4), expand=False)
        )
