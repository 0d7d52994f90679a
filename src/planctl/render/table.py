"""The tables people read in a terminal.

County view: one table per county. City view: one matrix, a row per target and a column
per county plus the city, each cell a value and its status. Then, in both views, what
needs attention (gaps, trends and paces, reasons), each target's provenance, the verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from planctl.domain.terms import UnitKind
from planctl.i18n.catalog import listed, text
from planctl.i18n.codes import Msg
from planctl.judge.report import CountyResult, Report, Status, TargetResult, Verdict
from planctl.render.common import (
    city_name,
    county_summary,
    county_title,
    explain,
    format_gap,
    format_parts,
    format_result_target,
    format_target,
    format_value,
    matrix_label,
    needing_attention,
    plan_lines,
    result_of,
    run_line,
    status_label,
    targets_in_report,
    targets_shown,
    unit_name,
    verdict_line,
)
from planctl.render.console import buffer_console, console_output, print_provenance
from planctl.render.fit import needed, parts, table_width
from planctl.render.options import RenderOptions
from planctl.render.scale import (
    COUNTED,
    NAMED_COUNTIES,
    Tally,
    city_lines,
    county_lines,
    tallies,
    target_heading,
    too_many_counties,
)

STATUS_STYLE: dict[Status, str] = {
    Status.MET: "green",
    Status.NOT_MET: "bold red",
    Status.WARNING: "yellow",
    Status.MISSING: "bold red",
    Status.CITY_TOTAL: "cyan",
    Status.NOT_SUBMITTED: "bold red",
    Status.INCOMPLETE: "bold red",
    Status.CANNOT_POOL: "bold red",
    Status.BELOW_CITY_TARGET: "magenta",
    Status.MEETS_CITY_TARGET: "cyan",
    Status.BASICALLY_MET: "green",
}
# The least width of the indicator column (it folds), and of a county's column in the matrix.
INDICATOR_WIDTH = 16
COUNTY_WIDTH = 7

VERDICT_STYLE: dict[Verdict, str] = {
    Verdict.PASS: "bold green",
    Verdict.WARN: "bold yellow",
    Verdict.FAIL: "bold red",
}


def render_table(report: Report, options: RenderOptions) -> str:
    # Tables draw with box.SQUARE: GBK has its characters, so a Chinese Windows console can
    # show them.
    console = buffer_console(options)
    heading, *details = plan_lines(report)
    console.print(Text(heading, style="bold"))
    for detail in details:
        console.print(Text(detail, style="dim"))
    console.print()
    if report.city is None:
        for county in report.counties:
            console.print(_county_table(county, report.results_of(county), options.width))
            console.print()
    elif too_many_counties(report, options):
        counted = tallies(report)
        for part in _overview(report, counted, options.width):
            console.print(part)
            console.print()
        _print_scale_attention(console, report, counted)
    else:
        for part in _matrix(report, options.width):
            console.print(part)
            console.print()
    if report.city is None or not too_many_counties(report, options):
        _print_attention(console, report)
    print_provenance(console, targets_shown(report))
    console.print()
    verdict_style = VERDICT_STYLE[report.outcome(options.strict)]
    console.print(Text(verdict_line(report, options), style=verdict_style))
    console.print(Text(run_line(report, options, digits=12), style="dim"))
    return console_output(console)


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, 4), expand=False)


def _print_attention(console: Console, report: Report) -> None:
    """Each failing or warning result explained, in the county view only where a trend adds to
    the table (the table already shows value, target and gap)."""
    items = list(needing_attention(report))
    if report.city is None:
        items = [item for item in items if any(r.trend and r.trend.pace for r in item.results)]
    if not items:
        return
    console.print(Text(text(Msg.ATTENTION_TITLE), style="bold"))
    for item in items:
        if item.not_submitted:
            label = Text(status_label(Status.NOT_SUBMITTED), style="bold red")
            console.print(Text(f"{item.scope}: ").append_text(label))
            continue
        console.print(Text(item.scope))
        for result in item.results:
            first, *rest = explain(result)
            console.print(_indented(Text(first, style=STATUS_STYLE[result.status])))
            for detail in rest:
                console.print(_indented(_indented(Text(detail))))
    console.print()


def _county_table(county: CountyResult, results: Sequence[TargetResult], width: int) -> Table:
    table = Table(
        title=county_title(county.county),
        title_justify="left",
        title_style="bold",
        caption=county_summary(county),
        caption_justify="left",
        box=box.SQUARE,
        show_lines=True,
    )
    rows = []
    for result in results:
        target = result.target
        indicator = Text(target.name_zh)
        clause = text(Msg.CLAUSE_REF, clause=target.provenance.clause)
        indicator.append(
            "\n" + text(Msg.INDICATOR_NOTE, name_en=target.name_en, clause=clause), style="dim"
        )
        reported = Text(format_value(result.value, target.unit))
        parts = format_parts(result)
        if parts:
            reported.append("\n" + parts, style="dim")
        status = Text(status_label(result.status), style=STATUS_STYLE[result.status])
        rows.append((indicator, format_result_target(result), reported, format_gap(result), status))
    headings = [
        text(Msg.COL_TARGET),
        text(Msg.COL_REPORTED),
        text(Msg.COL_GAP),
        text(Msg.COL_STATUS),
    ]
    widths = [
        needed([heading, *(row[i + 1] for row in rows)]) for i, heading in enumerate(headings)
    ]
    # Each on one line where they fit; on a narrow terminal they wrap at spaces rather than
    # be cut short or dropped (rich drops what does not fit).
    one_line = table_width([INDICATOR_WIDTH, *widths]) <= width
    # Chinese names have no spaces to break at: fold them rather than cut them short.
    table.add_column(text(Msg.COL_INDICATOR), ratio=1, overflow="fold")
    table.add_column(headings[0], no_wrap=one_line)
    table.add_column(headings[1], justify="right", no_wrap=one_line)
    table.add_column(headings[2], justify="right", no_wrap=one_line)
    table.add_column(headings[3], no_wrap=one_line)
    for row in rows:
        table.add_row(*row)
    return table


def _matrix(report: Report, width: int) -> list[Table]:
    """Targets down, counties and the city across; each cell a value over its status. When
    the counties do not fit the width, several tables, each with the indicator and the city
    and as many counties as fit, each saying which counties it holds."""
    city = report.targets.spec.city
    targets = targets_in_report(report)
    labels = []
    for target in targets:
        label = Text(target.name_zh)
        label.append(f"\n{format_target(target)}", style="dim")
        labels.append(label)
    counties = []
    for county in report.counties:
        # A county that sent nothing gets a red name and empty cells; the caption says why.
        style = "" if county.submitted else STATUS_STYLE[Status.NOT_SUBMITTED]
        results = report.results_of(county)
        cells = [_cell(result_of(results, target)) for target in targets]
        counties.append(_Column(Text(unit_name(county.county), style=style), cells, COUNTY_WIDTH))
    # Wide enough for the longest status the city column shows, so none is cut short.
    longest = max((len(status_label(r.status)) for r in report.city or []), default=7)
    city_cells = [_cell(result_of(report.city or [], target)) for target in targets]
    city_column = _Column(Text(city.name), city_cells, longest)
    absent = [county_summary(county) for county in report.counties if not county.submitted]
    split = parts(width, [INDICATOR_WIDTH, city_column.width], [c.width for c in counties])
    tables = []
    for run in split:
        table = Table(box=box.SQUARE, show_lines=True)
        if len(split) > 1:
            # 市直学校 among the columns is not a county: the caption counts units then.
            if all(c.county.kind is UnitKind.COUNTY for c in report.counties):
                key = Msg.MATRIX_PART if len(run) > 1 else Msg.MATRIX_PART_ONE
            else:
                key = Msg.MATRIX_PART_UNITS if len(run) > 1 else Msg.MATRIX_PART_ONE_UNIT
            table.title = text(key, first=run.start + 1, last=run.stop, total=len(counties))
            table.title_justify = "left"
            table.title_style = "dim"
        table.add_column(text(Msg.COL_INDICATOR), ratio=1, overflow="fold", min_width=16)
        for column in (counties[i] for i in run):
            table.add_column(column.heading, justify="right", no_wrap=True, min_width=7)
        table.add_column(
            city_column.heading, justify="right", no_wrap=True, min_width=longest, style="bold"
        )
        for row, label in enumerate(labels):
            cells = [counties[i].cells[row] for i in run]
            table.add_row(label, *cells, city_column.cells[row])
        tables.append(table)
    if absent:
        tables[-1].caption = "; ".join(absent)
        tables[-1].caption_justify = "left"
    return tables


@dataclass(frozen=True)
class _Column:
    """A column of cells and the width it needs on one line."""

    heading: Text
    cells: list[Text]
    least: int

    @property
    def width(self) -> int:
        return needed([self.heading, *self.cells], self.least)


def _overview(report: Report, counted: list[Tally], width: int) -> list[Table]:
    """Targets down; the counties counted by status across, then the city's figure; split
    like the matrix when the columns do not fit the width."""
    city = report.targets.spec.city
    submitted = sum(1 for county in report.counties if county.submitted)
    labels = []
    for tally in counted:
        label = Text(tally.target.name_zh)
        label.append(f"\n{format_target(tally.target)}", style="dim")
        labels.append(label)
    statuses = []
    for status in COUNTED:
        heading = matrix_label(status) if _short(status) else status_label(status)
        cells = [
            Text(f"{tally.counts[status]:,}") if tally.counts[status] else Text("-", style="dim")
            for tally in counted
        ]
        statuses.append(_Column(Text(heading, style=STATUS_STYLE[status]), cells, 0))
    longest = max((len(status_label(r.status)) for r in report.city or []), default=7)
    city_column = _Column(Text(city.name), [_cell(tally.city) for tally in counted], longest)
    split = parts(width, [INDICATOR_WIDTH, city_column.width], [c.width for c in statuses])
    tables = []
    for run in split:
        title = text(Msg.SCALE_VIEW, counties=f"{submitted:,}")
        if len(split) > 1:
            title += " " + text(
                Msg.OVERVIEW_PART, first=run.start + 1, last=run.stop, total=len(statuses)
            )
        table = Table(
            box=box.SQUARE,
            show_lines=True,
            expand=True,
            title=title,
            title_justify="left",
            title_style="dim",
        )
        table.add_column(text(Msg.COL_INDICATOR), ratio=1, overflow="fold", min_width=16)
        for column in (statuses[i] for i in run):
            table.add_column(column.heading, justify="right", no_wrap=True)
        table.add_column(
            city_column.heading, justify="right", no_wrap=True, min_width=longest, style="bold"
        )
        for row, label in enumerate(labels):
            table.add_row(label, *(statuses[i].cells[row] for i in run), city_column.cells[row])
        tables.append(table)
    absent = [unit_name(county.county) for county in report.counties if not county.submitted]
    if absent:
        names = listed(absent[:NAMED_COUNTIES], max(0, len(absent) - NAMED_COUNTIES))
        tables[-1].caption = text(Msg.SCALE_NOT_SUBMITTED, count=f"{len(absent):,}", names=names)
        tables[-1].caption_justify = "left"
    return tables


def _print_scale_attention(console: Console, report: Report, counted: list[Tally]) -> None:
    """Each target's failing counties, worst first and cut short; the city's results in full."""
    console.print(Text(text(Msg.ATTENTION_TITLE), style="bold"))
    for tally in counted:
        lines = county_lines(tally)
        if not lines:
            continue
        console.print(Text(target_heading(tally.target)))
        for line in lines:
            console.print(_indented(Text(line)))
    explained = city_lines(report)
    if explained:
        console.print(Text(city_name(report)))
        for result, (first, *rest) in zip(
            [r for r in report.city or [] if r.status.fails or r.status is Status.WARNING],
            explained,
            strict=True,
        ):
            console.print(_indented(Text(first, style=STATUS_STYLE[result.status])))
            for detail in rest:
                console.print(_indented(_indented(Text(detail))))
    console.print(Text(text(Msg.SCALE_EVERY_RESULT), style="dim"))
    console.print()


def _short(status: Status) -> bool:
    """Whether the overview heads a status's column with its mark (`share`, `below city`)."""
    return status is Status.CITY_TOTAL or status.diagnostic


def _cell(result: TargetResult | None) -> Text:
    if result is None or (result.status is Status.CITY_TOTAL and result.value is None):
        return Text("-", style="dim")
    value = "" if result.value is None else format_value(result.value, result.target.unit)
    label = matrix_label(result.status)
    cell = Text(value)
    cell.append(("\n" if value else "") + label, style=STATUS_STYLE[result.status])
    return cell
