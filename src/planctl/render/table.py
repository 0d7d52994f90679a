"""The table people read in a terminal: one rich table per county, then the provenance."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from planctl.evaluate import CountyResult, Report, Status, Verdict
from planctl.messages import Msg, text
from planctl.render import RenderOptions
from planctl.render.common import (
    format_gap,
    format_parts,
    format_target,
    format_value,
    plan_lines,
    status_label,
    targets_in_report,
    verdict_line,
)
from planctl.render.console import buffer_console, console_output, print_provenance

STATUS_STYLE: dict[Status, str] = {
    Status.MET: "green",
    Status.NOT_MET: "bold red",
    Status.WARNING: "yellow",
    Status.MISSING: "bold red",
    Status.CITY_TOTAL: "cyan",
}
VERDICT_STYLE: dict[Verdict, str] = {
    Verdict.PASS: "bold green",
    Verdict.WARN: "bold yellow",
    Verdict.FAIL: "bold red",
}


def render_table(report: Report, options: RenderOptions) -> str:
    console = buffer_console(options)
    heading, *details = plan_lines(report)
    console.print(Text(heading, style="bold"))
    for detail in details:
        console.print(Text(detail, style="dim"))
    for county in report.counties:
        console.print()
        console.print(_county_table(county))
    console.print()
    print_provenance(console, targets_in_report(report))
    console.print()
    style = VERDICT_STYLE[report.verdict()]
    if options.strict and report.verdict() is Verdict.WARN:
        style = VERDICT_STYLE[Verdict.FAIL]
    console.print(Text(verdict_line(report, options), style=style))
    return console_output(console)


def _county_table(county: CountyResult) -> Table:
    title = text(Msg.COUNTY_TITLE, name=county.county.name, name_en=county.county.name_en)
    # SQUARE draws with the box characters GBK has, so a Chinese Windows console can show it.
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        caption=_summary(county),
        caption_justify="left",
        box=box.SQUARE,
        show_lines=True,
    )
    # Chinese names have no spaces to break at: fold them rather than cut them short.
    table.add_column(text(Msg.COL_INDICATOR), ratio=1, overflow="fold")
    table.add_column(text(Msg.COL_TARGET), no_wrap=True)
    table.add_column(text(Msg.COL_REPORTED), justify="right", no_wrap=True)
    table.add_column(text(Msg.COL_GAP), justify="right", no_wrap=True)
    table.add_column(text(Msg.COL_STATUS), no_wrap=True)
    for result in county.results:
        target = result.target
        indicator = Text(target.name_zh)
        clause = text(Msg.CLAUSE_REF, clause=target.provenance.clause)
        indicator.append(f"\n{target.name_en} ({clause})", style="dim")
        reported = Text(format_value(result.value, target.unit))
        parts = format_parts(result)
        if parts:
            reported.append("\n" + parts, style="dim")
        status = Text(status_label(result.status), style=STATUS_STYLE[result.status])
        table.add_row(
            indicator,
            format_target(target),
            reported,
            format_gap(result),
            status,
        )
    return table


def _summary(county: CountyResult) -> str:
    return text(
        Msg.COUNTY_SUMMARY,
        name=county.county.name,
        met=county.count(Status.MET),
        not_met=county.count(Status.NOT_MET),
        warning=county.count(Status.WARNING),
        missing=county.count(Status.MISSING),
        city_total=county.count(Status.CITY_TOTAL),
    )
