"""The city view of hundreds or thousands of counties, in a form people can read.

A matrix with a column per county is unreadable past a screen's width, and "what needs
attention" county by county runs to thousands of lines. At that scale the table shows a row
per target counting the counties by status, with the city's figure; then, for each target,
the counties that fail it, worst first and cut short; then the city's own results in full.
Every county's result is still in the CSV and JSON reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planctl.i18n.catalog import listed, text
from planctl.i18n.codes import Msg
from planctl.judge.report import Report, Status, TargetResult
from planctl.render.common import (
    explain,
    format_change,
    format_target,
    result_of,
    status_label,
    targets_in_report,
    unit_name,
)
from planctl.render.options import RenderOptions
from planctl.targets.models import Target

# Up to this many counties the city view keeps a column per county, whatever the width.
MATRIX_COUNTIES = 8
# How many failing counties a target's line names.
NAMED_COUNTIES = 10
# The statuses a county can have on a target, in the order the overview counts them.
COUNTED = (
    Status.MET,
    Status.NOT_MET,
    Status.WARNING,
    Status.MISSING,
    Status.CITY_TOTAL,
    Status.BELOW_CITY_TARGET,
    Status.MEETS_CITY_TARGET,
    Status.BASICALLY_MET,
)
# The statuses whose counties are named, in the order they are listed.
NAMED = (Status.NOT_MET, Status.MISSING, Status.WARNING, Status.BELOW_CITY_TARGET)


def too_many_counties(report: Report, options: RenderOptions) -> bool:
    """Whether a column per county would not fit: more than fit in the width at 10
    characters each, and more than MATRIX_COUNTIES."""
    return len(report.counties) > max(MATRIX_COUNTIES, (options.width - 40) // 10)


@dataclass
class Tally:
    """How the counties fared on one target, and the city's result."""

    target: Target
    counts: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    # The counties of each named status, with their gaps (of a large report's, only the
    # NAMED_COUNTIES farthest from their goal: `counts` says how many there are).
    counties: dict[Status, list[tuple[str, float | None]]] = field(
        default_factory=lambda: {status: [] for status in NAMED}
    )
    city: TargetResult | None = None

    def named(self, status: Status) -> tuple[int, list[str]]:
        """How many counties have `status`, and the first names, worst first."""
        found = self.counties[status]
        ordered = sorted(found, key=lambda item: -abs(item[1] or 0.0))
        unit = self.target.unit
        names = [
            name if gap is None else f"{name} ({format_change(gap, unit)})"
            for name, gap in ordered[:NAMED_COUNTIES]
        ]
        return self.counts[status], names


def tallies(report: Report) -> list[Tally]:
    """Each target's tally, in the targets file's order, read from the results' statuses."""
    targets = targets_in_report(report)
    found = [Tally(target, city=result_of(report.city or [], target)) for target in targets]
    if report.briefs is not None:
        # A large report's statuses, counted in columns.
        counts, worst = report.briefs.by_target(NAMED, NAMED_COUNTIES)
        for number, tally in enumerate(found):
            for status in COUNTED:
                tally.counts[status] = counts.get((number, status), 0)
            for status in NAMED:
                tally.counties[status] = [
                    (unit_name(report.counties[place].county), gap)
                    for place, gap in worst.get((number, status), [])
                ]
        return found
    for county in report.counties:
        if not county.submitted:
            continue
        judged = [tally for tally in found if tally.target.id not in county.apart]
        for tally, (status, gap) in zip(judged, county.brief, strict=True):
            tally.counts[status] = tally.counts.get(status, 0) + 1
            if status in tally.counties:
                tally.counties[status].append((unit_name(county.county), gap))
    return found


def county_lines(tally: Tally) -> list[str]:
    """One line per named status of a target: its counties, the worst first."""
    lines = []
    for status in NAMED:
        count, names = tally.named(status)
        if not count:
            continue
        more = count - len(names)
        shown = listed(list(names), more)
        worst = text(Msg.SCALE_WORST) if status is not Status.MISSING else ""
        lines.append(
            text(
                Msg.SCALE_COUNTIES,
                status=status_label(status),
                count=f"{count:,}",
                worst=worst,
                names=shown,
            )
        )
    return lines


def target_heading(target: Target) -> str:
    """`指标01 (target_01), ≥ 80%`."""
    return f"{target.name_zh} ({target.id}), {format_target(target)}"


def city_lines(report: Report) -> list[list[str]]:
    """The city's failing and warning results, each explained."""
    return [
        explain(result)
        for result in report.city or []
        if result.status.fails or result.status is Status.WARNING
    ]
