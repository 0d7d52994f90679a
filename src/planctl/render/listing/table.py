"""The targets as a table people read in a terminal, followed by each one's provenance."""

from __future__ import annotations

from typing import assert_never

from rich import box
from rich.table import Table
from rich.text import Text

from planctl.domain.terms import Level, Strength, Unit
from planctl.i18n.catalog import english_names_shown, text
from planctl.i18n.codes import Msg
from planctl.render.common import format_target, targets_label
from planctl.render.console import buffer_console, console_output, print_provenance
from planctl.render.options import RenderOptions
from planctl.targets.models import Target, TargetSet


def list_table(targets: TargetSet, options: RenderOptions) -> str:
    console = buffer_console(options)
    plan = targets.plan
    console.print(Text(text(Msg.NAME_PAIR, name=plan.title, name_en=plan.title_en), style="bold"))
    console.print(Text(text(Msg.TARGETS_LINE, path=targets_label(targets)), style="dim"))
    console.print()
    city = sum(1 for target in targets.targets if target.level is Level.CITY)
    # SQUARE draws with the box characters GBK has, so a Chinese Windows console can show it.
    table = Table(
        box=box.SQUARE,
        show_lines=True,
        caption=text(
            Msg.LIST_SUMMARY,
            count=len(targets.targets),
            county=len(targets.targets) - city,
            city=city,
        ),
        caption_justify="left",
    )
    table.add_column(text(Msg.COL_INDICATOR), ratio=1, overflow="fold")
    table.add_column(text(Msg.COL_TARGET), no_wrap=True)
    table.add_column(text(Msg.COL_UNIT), no_wrap=True)
    table.add_column(text(Msg.COL_LEVEL), no_wrap=True)
    table.add_column(text(Msg.COL_STRENGTH), no_wrap=True)
    table.add_column(text(Msg.COL_CLAUSE), justify="right", no_wrap=True)
    for target in targets.targets:
        indicator = Text(target.name_zh)
        english = f"\n{target.name_en}" if english_names_shown() else ""
        indicator.append(f"{english}\n{target.id}", style="dim")
        table.add_row(
            indicator,
            format_target(target),
            _unit(target),
            text(Msg.LEVEL_NAME_CITY if target.level is Level.CITY else Msg.LEVEL_NAME_COUNTY),
            text(
                Msg.STRENGTH_BINDING
                if target.strength is Strength.BINDING
                else Msg.STRENGTH_ASPIRATIONAL
            ),
            str(target.provenance.clause),
        )
    console.print(table)
    console.print()
    print_provenance(console, targets.targets)
    return console_output(console)


def _unit(target: Target) -> str:
    match target.unit:
        case Unit.PERCENT:
            return text(Msg.UNIT_NAME_GROSS if target.gross else Msg.UNIT_NAME_PERCENT)
        case Unit.COUNT:
            return text(Msg.UNIT_NAME_COUNT)
        case Unit.RATIO:
            return text(Msg.UNIT_NAME_RATIO)
        case _:
            assert_never(target.unit)
