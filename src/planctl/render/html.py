"""One self-contained HTML page: verdict, county × target matrix, a chart per target, provenance.

The page needs no network and runs no script: styles are inline, each chart is inline SVG
(counties as bars, the city total as the last bar, each judged bar's threshold, the target
or a county's quota, as a line across its slot), and a Content-Security-Policy forbids
scripts and every fetch. The template (templates/report.html.j2) is rendered by Jinja2 with
autoescaping on, so every string from an input, a county named `<script>` included, is
text. This module computes the charts' geometry; the template only places it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planctl.domain.terms import UnitKind
from planctl.i18n.catalog import english_names_shown, text
from planctl.i18n.codes import Msg
from planctl.judge.report import Report, Status, TargetResult
from planctl.render.axis import value_axis
from planctl.render.common import (
    city_name,
    clause_ref,
    counties_named,
    county_title,
    explain,
    format_parts,
    format_result_target,
    format_target,
    format_value,
    generator,
    indicator_title,
    kind_label,
    matrix_label,
    needing_attention,
    plan_lines,
    result_of,
    run_line,
    status_label,
    targets_label,
    targets_shown,
    unit_name,
    verdict_line,
)
from planctl.render.options import RenderOptions
from planctl.targets.models import Target

if TYPE_CHECKING:
    from jinja2 import Template

# The chart's frame, in SVG user units: room at the left for the tick labels, at the top for
# the note that the axis does not start at 0, at the bottom for the names.
WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 60, 12, 30, 44
BAR_SHARE, BAR_MAX = 0.6, 64
# Counties in one printed part of the matrix: with the indicator, target and city columns,
# as many as A4 and Letter portrait hold at the print size (render/templates' @media print).
PRINT_COUNTIES = 4
# A value written above a bar, in user units from its baseline: how far it reaches up and
# down (text of 11 units, 14 on a phone: the template's styles), and the gap kept from a
# threshold line (2 units wide).
LABEL_ASCENT, LABEL_DESCENT, LABEL_GAP = 13.0, 4.0, 2.0


@dataclass(frozen=True)
class Bar:
    """One county's (or the city's) figure in a chart; `value` None draws a dash. The value is
    written at `label_y`, above the bar, or above a threshold line the bar ends just under."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    status: Status
    title: str
    label_y: float
    city: bool = False


@dataclass(frozen=True)
class Line:
    """A threshold across one bar's slot, dashed; its `label` is in the chart's legend.
    For a `between` goal, `band_y` is the upper bound's height: the band between is shaded."""

    x1: float
    x2: float
    y: float
    label: str
    band_y: float | None = None


@dataclass(frozen=True)
class Tick:
    """A value on the axis: a faint line across the plot, its label at the left."""

    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    target: Target
    bars: list[Bar]
    lines: list[Line]
    axis_y: float
    ticks: list[Tick]
    # `axis from 80%` when the axis does not start at 0, else None.
    axis_note: str | None
    # Each distinct threshold's label, in the order the lines are drawn.
    legend: list[str]
    # The counties with no part in the target, which have no bar; None if every one has.
    absent: str | None
    description: str


@dataclass(frozen=True)
class Column:
    """A column of the matrix: a county or the city, and its results."""

    title: str
    name: str
    results: Sequence[TargetResult]
    submitted: bool = True
    city: bool = False
    # The targets a unit reports (its `reports` in the targets file); None: every target.
    reports: frozenset[str] | None = None
    # A unit other than a county: its kind, shown under its bare name in the matrix's
    # header (a line of its own, so that the header wraps where it should, not in the label).
    kind: str = ""
    bare: str = ""


@functools.cache
def _template() -> Template:
    """The page's template, compiled once per process, when the first page is rendered:
    building the environment and compiling the template cost more than rendering a small
    report, and jinja2 stays out of the start-up of every command that draws no page."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("planctl.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("report.html.j2")


def render_html(report: Report, options: RenderOptions) -> str:
    template = _template()
    title, *plan_details = plan_lines(report)
    columns = columns_of(report)
    # A county view leaves out the targets no county shown has a part in, as every format
    # does; the city view keeps them, each county without a part saying so in its cell.
    shown = targets_shown(report)
    return template.render(
        Msg=Msg,
        Status=Status,
        text=text,
        title=title,
        plan_details=plan_details,
        verdict=report.outcome(options.strict).value,
        verdict_line=verdict_line(report, options),
        columns=columns,
        print_parts=print_parts(columns),
        targets=shown,
        provenance=shown,
        result_of=result_of,
        attention=list(needing_attention(report)),
        charts=[chart(target, columns) for target in shown],
        frame={"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT},
        report=report,
        generator=generator(),
        run_line=run_line(report, options),
        explain=explain,
        status_label=status_label,
        matrix_label=matrix_label,
        format_value=format_value,
        format_parts=format_parts,
        format_target=format_target,
        format_result_target=format_result_target,
        indicator_title=indicator_title,
        clause_ref=clause_ref,
        english_names=english_names_shown(),
        targets_label=targets_label,
    )


def columns_of(report: Report) -> list[Column]:
    columns = [
        Column(
            county_title(c.county),
            unit_name(c.county),
            report.results_of(c),
            c.submitted,
            reports=frozenset(c.county.reports) if c.county.reports is not None else None,
            kind="" if c.county.kind is UnitKind.COUNTY else kind_label(c.county.kind),
            bare=c.county.name,
        )
        for c in report.counties
    ]
    if report.city is not None:
        city = report.targets.spec.city
        columns.append(Column(city_name(report), city.name, report.city, city=True))
    return columns


def print_parts(columns: list[Column]) -> list[list[Column]]:
    """The matrix as printed: the counties in even parts of at most PRINT_COUNTIES, each
    with the city's column (the indicator and target columns repeat in every part), so that
    no column is lost off the edge of a page; one part (none here) when all fit."""
    counties = [column for column in columns if not column.city]
    city = [column for column in columns if column.city]
    parts = -(-len(counties) // PRINT_COUNTIES)
    if parts <= 1:
        return []
    size = -(-len(counties) // parts)
    return [counties[start : start + size] + city for start in range(0, len(counties), size)]


def chart(target: Target, columns: list[Column]) -> Chart:
    """Bars on an axis from 0, or from where the figures' differences show (render/axis.py)."""
    # A county with no part in a city-level target (not among its contributors) has no bar;
    # the chart names it instead.
    results = [
        (column, result)
        for column in columns
        if (result := result_of(column.results, target)) is not None or not column.submitted
    ]
    absent = [
        column.name
        for column in columns
        if column.submitted and result_of(column.results, target) is None
    ]
    judged = [r for _, r in results if r is not None and r.status is not Status.CITY_TOTAL]
    figures = [*target.goal.bounds]
    figures += [r.value for _, r in results if r is not None and r.value is not None]
    figures += [bound for r in judged for bound in r.goal.bounds]
    axis = value_axis(figures)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(results), 1)
    base = max(axis.start, 0.0)

    def y_of(value: float) -> float:
        return round(TOP + plot_height * (axis.end - value) / (axis.end - axis.start), 1)

    bars: list[Bar] = []
    lines: list[Line] = []
    for index, (column, result) in enumerate(results):
        x = LEFT + slot * index
        value = result.value if result is not None else None
        top, bottom = sorted((y_of(value if value is not None else base), y_of(base)))
        status = result.status if result is not None else Status.NOT_SUBMITTED
        width = min(slot * BAR_SHARE, BAR_MAX)
        drawn: list[float] = []
        if result is not None and result.status is not Status.CITY_TOTAL:
            label = format_result_target(result)
            goal = result.goal
            band = y_of(goal.high) if goal.high is not None else None
            drawn = [y_of(goal.threshold), *([band] if band is not None else [])]
            line = Line(round(x, 1), round(x + slot, 1), y_of(goal.threshold), label, band)
            previous = lines[-1] if lines else None
            # One line across neighbouring slots held to the same threshold: the target.
            if previous and (previous.x2, previous.y, previous.label, previous.band_y) == (
                line.x1,
                line.y,
                line.label,
                line.band_y,
            ):
                lines[-1] = Line(previous.x1, line.x2, line.y, line.label, line.band_y)
            else:
                lines.append(line)
        bars.append(
            Bar(
                x=round(x + (slot - width) / 2, 1),
                y=top,
                width=round(width, 1),
                height=round(bottom - top, 1) if value is not None else 0.0,
                label=column.name,
                value=format_value(value, target.unit),
                status=status,
                title=_bar_title(column, result),
                label_y=label_clear_of(top - LABEL_GAP - LABEL_DESCENT, drawn),
                city=column.city,
            )
        )
    return Chart(
        target=target,
        bars=bars,
        lines=lines,
        axis_y=y_of(base),
        ticks=[Tick(y_of(tick), format_value(tick, target.unit)) for tick in axis.ticks],
        axis_note=None
        if axis.from_zero
        else text(Msg.CHART_AXIS_FROM, start=format_value(axis.start, target.unit)),
        legend=list(dict.fromkeys(line.label for line in lines)),
        absent=text(Msg.CHART_NO_PART, counties=counties_named(absent)) if absent else None,
        description=text(
            Msg.CHART_DESCRIPTION, indicator=indicator_title(target), target=format_target(target)
        ),
    )


def label_clear_of(baseline: float, lines: Sequence[float]) -> float:
    """The baseline for a value written at `baseline` (above its bar), moved up above any
    threshold line (at the heights `lines`) it would cross: a bar ending just under its
    target has its value above the target's line, not struck through by it."""
    for line in sorted(lines, reverse=True):
        if baseline - LABEL_ASCENT - LABEL_GAP <= line <= baseline + LABEL_DESCENT + LABEL_GAP:
            baseline = line - LABEL_GAP - LABEL_DESCENT - 1
    return round(baseline, 1)


def _bar_title(column: Column, result: TargetResult | None) -> str:
    """The tooltip of a bar: whose figure it is, and what was made of it."""
    detail = explain(result)[0] if result is not None else status_label(Status.NOT_SUBMITTED)
    return text(Msg.PLACE_DETAIL, place=column.title, detail=detail)
