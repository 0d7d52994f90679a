"""One self-contained HTML page: verdict, county × target matrix, a chart per target, provenance.

The page needs no network and runs no script: styles are inline, each chart is inline SVG
(counties as bars, the city total as the last bar, each judged bar's threshold, the target
or a county's quota, as a line across its slot), and a Content-Security-Policy forbids
scripts and every fetch. The template (templates/report.html.j2) is rendered by Jinja2 with
autoescaping on, so every string from an input, a county named `<script>` included, is
text. This module computes the charts' geometry; the template only places it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planctl.i18n.catalog import english_names_shown, text
from planctl.i18n.codes import Msg
from planctl.judge.report import Report, Status, TargetResult
from planctl.render.common import (
    city_name,
    clause_ref,
    county_title,
    explain,
    format_parts,
    format_result_target,
    format_target,
    format_value,
    generator,
    indicator_title,
    matrix_label,
    needing_attention,
    plan_lines,
    result_of,
    run_line,
    status_label,
    targets_in_report,
    targets_label,
    targets_shown,
    unit_name,
    verdict_line,
)
from planctl.render.options import RenderOptions
from planctl.targets.models import Target

# The chart's frame, in SVG user units.
WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 72, 24, 44
BAR_SHARE, BAR_MAX = 0.6, 64


@dataclass(frozen=True)
class Bar:
    """One county's (or the city's) figure in a chart; `value` None draws a dash."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    status: Status
    title: str
    city: bool = False


@dataclass(frozen=True)
class Line:
    """A threshold across one bar's slot; `label` is written at the right of the last one.
    For a `between` goal, `band_y` is the upper bound's height: the band between is shaded."""

    x1: float
    x2: float
    y: float
    label: str
    band_y: float | None = None


@dataclass(frozen=True)
class Chart:
    target: Target
    bars: list[Bar]
    lines: list[Line]
    axis_y: float
    axis_label: str
    description: str


@dataclass(frozen=True)
class Column:
    """A column of the matrix: a county or the city, and its results."""

    title: str
    name: str
    results: Sequence[TargetResult]
    submitted: bool = True
    city: bool = False


def render_html(report: Report, options: RenderOptions) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("planctl.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = environment.get_template("report.html.j2")
    title, *plan_details = plan_lines(report)
    columns = _columns(report)
    return template.render(
        Msg=Msg,
        Status=Status,
        text=text,
        title=title,
        plan_details=plan_details,
        verdict=report.outcome(options.strict).value,
        verdict_line=verdict_line(report, options),
        columns=columns,
        targets=targets_in_report(report),
        provenance=targets_shown(report),
        result_of=result_of,
        attention=list(needing_attention(report)),
        charts=[_chart(target, columns) for target in targets_in_report(report)],
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


def _columns(report: Report) -> list[Column]:
    columns = [
        Column(county_title(c.county), unit_name(c.county), c.results, c.submitted)
        for c in report.counties
    ]
    if report.city is not None:
        city = report.targets.spec.city
        columns.append(Column(city_name(report), city.name, report.city, city=True))
    return columns


def _chart(target: Target, columns: list[Column]) -> Chart:
    """Bars on a scale from 0 (or the lowest value) to a little above the highest figure."""
    # A county with no part in a city-level target (not among its contributors) has no bar.
    results = [
        (column, result)
        for column in columns
        if (result := result_of(column.results, target)) is not None or not column.submitted
    ]
    judged = [r for _, r in results if r is not None and r.status is not Status.CITY_TOTAL]
    figures = [0.0, *target.goal.bounds]
    figures += [r.value for _, r in results if r is not None and r.value is not None]
    figures += [bound for r in judged for bound in r.goal.bounds]
    low, high = min(figures), max(figures) * 1.1 or 1.0
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(results), 1)

    def y_of(value: float) -> float:
        return round(TOP + plot_height * (high - value) / (high - low), 1)

    bars: list[Bar] = []
    lines: list[Line] = []
    for index, (column, result) in enumerate(results):
        x = LEFT + slot * index
        value = result.value if result is not None else None
        top, bottom = sorted((y_of(value if value is not None else low), y_of(max(low, 0.0))))
        status = result.status if result is not None else Status.NOT_SUBMITTED
        width = min(slot * BAR_SHARE, BAR_MAX)
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
                city=column.city,
            )
        )
        if result is not None and result.status is not Status.CITY_TOTAL:
            label = format_result_target(result)
            goal = result.goal
            band = y_of(goal.high) if goal.high is not None else None
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
    return Chart(
        target=target,
        bars=bars,
        lines=lines,
        axis_y=y_of(max(low, 0.0)),
        axis_label=format_value(max(low, 0.0), target.unit),
        description=text(
            Msg.CHART_DESCRIPTION, indicator=indicator_title(target), target=format_target(target)
        ),
    )


def _bar_title(column: Column, result: TargetResult | None) -> str:
    """The tooltip of a bar: whose figure it is, and what was made of it."""
    detail = explain(result)[0] if result is not None else status_label(Status.NOT_SUBMITTED)
    return text(Msg.PLACE_DETAIL, place=column.title, detail=detail)
