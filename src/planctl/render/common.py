"""What every renderer shows the same way: labels, targets, values, gaps, paces and reasons."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, assert_never

from planctl import __version__
from planctl.domain.goal import Goal
from planctl.domain.terms import Part, Unit, UnitKind
from planctl.domain.values import format_number
from planctl.i18n.catalog import Language, language, listed, text
from planctl.i18n.codes import Msg
from planctl.judge.report import CountyResult, Report, Status, TargetResult, Verdict
from planctl.render.options import RenderOptions
from planctl.targets.models import County, Plan, Target, TargetSet

if TYPE_CHECKING:
    from planctl.judge.trends import Category, Progress

STATUS_LABEL: dict[Status, Msg] = {
    Status.MET: Msg.STATUS_MET,
    Status.NOT_MET: Msg.STATUS_NOT_MET,
    Status.WARNING: Msg.STATUS_WARNING,
    Status.MISSING: Msg.STATUS_MISSING,
    Status.CITY_TOTAL: Msg.STATUS_CITY_TOTAL,
    Status.NOT_SUBMITTED: Msg.STATUS_NOT_SUBMITTED,
    Status.INCOMPLETE: Msg.STATUS_INCOMPLETE,
    Status.CANNOT_POOL: Msg.STATUS_CANNOT_POOL,
    Status.BELOW_CITY_TARGET: Msg.STATUS_BELOW_CITY_TARGET,
    Status.MEETS_CITY_TARGET: Msg.STATUS_MEETS_CITY_TARGET,
    Status.BASICALLY_MET: Msg.STATUS_BASICALLY_MET,
}

# Short marks for matrix cells, where a full label would not fit; failures keep their label.
MATRIX_MARK: dict[Status, Msg | None] = {
    Status.MET: Msg.MARK_MET,
    Status.WARNING: Msg.MARK_WARNING,
    Status.CITY_TOTAL: Msg.MARK_CONTRIBUTION,
    Status.NOT_MET: None,
    Status.MISSING: None,
    Status.NOT_SUBMITTED: None,
    Status.INCOMPLETE: None,
    Status.CANNOT_POOL: None,
    Status.BELOW_CITY_TARGET: Msg.MARK_BELOW_CITY,
    Status.MEETS_CITY_TARGET: Msg.MARK_MEETS_CITY,
    Status.BASICALLY_MET: Msg.MARK_BASICALLY_MET,
}


def status_label(status: Status) -> str:
    return text(STATUS_LABEL[status])


def matrix_label(status: Status) -> str:
    """The status in a matrix cell: `ok`, `warn`, `share`, or a failure's full label."""
    mark = MATRIX_MARK[status]
    return text(mark) if mark is not None else status_label(status)


def _amount(value: float, unit: Unit, signed: bool = False) -> str:
    """A value in its unit: percentages and ratios to two decimals at most, counts as whole
    numbers."""
    sign = "+" if signed else ""
    match unit:
        case Unit.PERCENT | Unit.RATIO:
            shown = f"{value:{sign},.2f}".rstrip("0").rstrip(".")
        case Unit.COUNT:
            shown = f"{value:{sign},.0f}"
        case _:
            assert_never(unit)
    return "0" if shown in ("+0", "-0") else shown


_UNIT_SIGN = {
    Unit.PERCENT: Msg.UNIT_PERCENT,
    Unit.COUNT: Msg.UNIT_COUNT,
    Unit.RATIO: Msg.UNIT_RATIO,
}


def format_value(value: float | None, unit: Unit) -> str:
    """A reported value with its unit sign: `88.51%`, `15,320`, `16.8:1` (a ratio to one, as
    plans write a pupil–teacher ratio, so that it never reads as a count); `-` when not
    reported."""
    if value is None:
        return "-"
    return _amount(value, unit) + text(_UNIT_SIGN[unit])


def format_change(change: float, unit: Unit) -> str:
    """A signed amount in the target's unit: `+1.51 pts`, `-3`."""
    shown = _amount(change, unit, signed=True)
    return shown + " " + text(Msg.UNIT_PERCENT_GAP) if unit is Unit.PERCENT else shown


def format_target(target: Target, goal: Goal | None = None) -> str:
    """The target as a comparison: `≥ 87%`, `≤ 0`, `15–19`; held to `goal` (a county's quota)
    if given."""
    shown = goal if goal is not None else target.goal
    return shown.shown(lambda bound: format_value(bound, target.unit))


def format_result_target(result: TargetResult) -> str:
    """What a result was held against: the target, `≥ 2 (quota)`, or for a county's rate
    shown against a city-level line, `≥ 87% (city target)`."""
    shown = format_target(result.target, result.goal)
    if result.quota:
        return text(Msg.QUOTA_OF, target=shown)
    if result.county_line:
        return text(Msg.COUNTY_LINE_OF, target=shown)
    if result.status.diagnostic:
        return text(Msg.CITY_LINE_OF, target=shown)
    return shown


def counted(name: str) -> str:
    """A numerator's English name as a sentence uses it: `Children enrolled` → `children
    enrolled`; a name that starts with an acronym or a non-Latin letter is kept."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def in_language(written: str, chinese: str | None) -> str:
    """The targets file's words in the language in use: its Chinese variant (`source_zh`,
    `reference_zh`) in Chinese output where it gives one, else what it wrote."""
    return chinese if chinese is not None and language() is Language.ZH else written


def people_line(result: TargetResult) -> str | None:
    """`106,070 of 122,000: 70 more children enrolled in kindergartens would meet ≥ 87%`: an
    unmet rate's gap in its numerator's own unit, or None (met, or no parts)."""
    target, people = result.target, result.people
    if not people or target.numerator is None or result.numerator is None:
        return None
    if result.denominator is None or target.denominator is None:
        return None
    if target.unit.moves is Part.DENOMINATOR:
        # A ratio's people are its denominator's (teachers), its numerator (pupils) held:
        # the line says so, as that is an assumption, not a fact of the figures.
        return text(
            Msg.DETAIL_PEOPLE_MORE_HELD if people > 0 else Msg.DETAIL_PEOPLE_FEWER_HELD,
            numerator=format_number(result.numerator),
            denominator=format_number(result.denominator),
            count=f"{abs(people):,}",
            name=_part_name(target.denominator.name_zh, target.denominator.name_en),
            held=_part_name(target.numerator.name_zh, target.numerator.name_en),
            target=format_result_target(result),
        )
    return text(
        Msg.DETAIL_PEOPLE_MORE if people > 0 else Msg.DETAIL_PEOPLE_FEWER,
        numerator=format_number(result.numerator),
        denominator=format_number(result.denominator),
        count=f"{abs(people):,}",
        # The numerator's name in the language in use: the targets file has both.
        name=target.numerator.name_zh
        if language() is Language.ZH
        else counted(target.numerator.name_en),
        target=format_result_target(result),
    )


def _part_name(name_zh: str, name_en: str) -> str:
    """A part's name in the language in use: the targets file has both."""
    return name_zh if language() is Language.ZH else counted(name_en)


def format_gap(result: TargetResult) -> str:
    """The gap to the goal, signed: `+1.51 pts`, `-3`; empty when there is nothing to judge."""
    if result.gap is None or result.status is Status.CITY_TOTAL:
        return ""
    return format_change(result.gap, result.target.unit)


def format_parts(result: TargetResult) -> str:
    """`numerator / denominator` of a rate, or empty."""
    if result.numerator is None or result.denominator is None:
        return ""
    return f"{format_number(result.numerator)} / {format_number(result.denominator)}"


def format_reported(result: TargetResult) -> str:
    """The value with its parts: `82.01% (19,600 / 23,900)`; `-` when not reported."""
    value = format_value(result.value, result.target.unit)
    parts = format_parts(result)
    return text(Msg.VALUE_WITH_PARTS, value=value, parts=parts) if parts else value


def verdict_line(report: Report, options: RenderOptions) -> str:
    """The one line that says whether the check passed."""
    match report.verdict():
        case Verdict.PASS:
            return text(Msg.OVERALL_PASS)
        case Verdict.FAIL:
            return text(Msg.OVERALL_FAIL, count=report.failures)
        case Verdict.WARN:
            key = Msg.OVERALL_WARN_STRICT if options.strict else Msg.OVERALL_WARN
            return text(key, count=report.warning_count)
        case unexpected:
            assert_never(unexpected)


def plan_lines(report: Report) -> list[str]:
    """The plan's title, issuer and reference, and the targets file: the report's heading."""
    plan = report.targets.plan
    return [*_heading(report, plan), *superseded_lines(report)]


def superseded_lines(report: Report) -> list[str]:
    """`superseded: data/old.csv, replaced by the corrected data/new.csv, not read`."""
    return [text(Msg.SUPERSEDED_LINE, old=old, new=new) for old, new in report.superseded]


def _heading(report: Report, plan: Plan) -> list[str]:
    return [
        text(Msg.NAME_PAIR, name=plan.title, name_en=plan.title_en),
        text(
            Msg.PLAN_LINE,
            issuing_body=plan.issuing_body,
            issuing_body_en=plan.issuing_body_en,
            issued=plan.issued.isoformat(),
            reference=in_language(plan.reference, plan.reference_zh),
        ),
        text(Msg.TARGETS_LINE, path=targets_label(report.targets)),
        _view_line(report),
        *([line] if (line := city_units_line(report)) is not None else []),
    ]


def _view_line(report: Report) -> str:
    """`city view: 6 counties submitted, figures for 2017`; units of other kinds apart."""
    submitted = [c.county for c in report.counties if c.submitted]
    units = len([c for c in submitted if c.kind is not UnitKind.COUNTY])
    if report.city is not None and units:
        counties = len(submitted) - units
        return text(Msg.VIEW_CITY_UNITS, year=report.year, counties=counties, units=units)
    key = Msg.VIEW_CITY if report.city is not None else Msg.VIEW_COUNTY
    return text(key, year=report.year, counties=len(submitted))


def city_units_line(report: Report) -> str | None:
    """`city totals add the 6 county-level units and 市直学校 (city-run)`: in the city view of
    a targets file that declares units other than counties, which units its totals add."""
    targets = report.targets
    if report.city is None or not targets.units:
        return None
    added = [_unit_item(unit) for unit in targets.units if unit.in_city_total]
    counties = len(targets.spec.counties)
    line = (
        text(Msg.CITY_TOTAL_UNITS, counties=counties, units=listed(added))
        if added
        else text(Msg.CITY_TOTAL_COUNTIES_ONLY, counties=counties)
    )
    apart = [unit_name(unit) for unit in targets.units if not unit.in_city_total]
    if apart:
        line += text(Msg.CITY_TOTAL_WITHOUT, units=listed(apart))
    return line


def _unit_item(unit: County) -> str:
    shown = unit_name(unit)
    if unit.reports is not None:
        shown = text(Msg.UNIT_ON_TARGETS, unit=shown, count=len(unit.reports))
    if not unit.judged:
        shown = text(Msg.UNIT_NOT_JUDGED, unit=shown)
    return shown


def kind_label(kind: UnitKind) -> str:
    """`city-run` (市直): what kind of reporting unit a unit is."""
    match kind:
        case UnitKind.COUNTY:
            return text(Msg.UNIT_KIND_COUNTY)
        case UnitKind.CITY_RUN:
            return text(Msg.UNIT_KIND_CITY_RUN)
        case UnitKind.ZONE:
            return text(Msg.UNIT_KIND_ZONE)
        case unexpected:
            assert_never(unexpected)


def unit_name(county: County) -> str:
    """A reporting unit's name as reports show it: a county's alone (`咸安区`), any other
    unit's with its kind (`市直学校 (city-run)`), so that it is never taken for a county."""
    if county.kind is UnitKind.COUNTY:
        return county.name
    return text(Msg.UNIT_NAMED, name=county.name, kind=kind_label(county.kind))


# The words that say what kind of place a city's English name ends with: "Xianning City"
# is "the 2017 Xianning plan".
_PLACE_KINDS = (" City", " Prefecture", " County", " District", " Municipality", " Province")


def targets_label(targets: TargetSet) -> str:
    """What people read for the targets file: its path, or for the file the package carries
    (whose path is deep inside site-packages) `the 2017 Xianning plan (built in)`, from the
    file's own plan and city. The JSON report and -v keep the path."""
    if not targets.built_in:
        return targets.display
    place = targets.spec.city.name_en
    for kind in _PLACE_KINDS:
        place = place.removesuffix(kind)
    return text(Msg.TARGETS_BUILT_IN, year=targets.plan.year, place=place)


def provenance_heading(target: Target) -> str:
    """`clause 11, 学前三年毛入园率 (preschool_gross_enrolment_rate), due 2017:`."""
    source = target.provenance
    return text(
        Msg.PROVENANCE_LINE,
        clause=source.clause,
        name_zh=target.name_zh,
        id=target.id,
        deadline=source.deadline,
    )


def targets_in_report(report: Report) -> list[Target]:
    """The targets the report judges, in the targets file's order."""
    return list(report.targets.targets)


def targets_shown(report: Report) -> list[Target]:
    """The targets of `targets_in_report` that the view gives a row: in a county view, not a
    city-level target every county shown has no part in (`CountyResult.apart`), so that the
    provenance lists no target the report leaves out (通山县 has no IT-pilot row)."""
    if report.city is not None or not report.counties:
        return targets_in_report(report)
    apart = frozenset.intersection(*(county.apart for county in report.counties))
    return [target for target in targets_in_report(report) if target.id not in apart]


def county_title(county: County) -> str:
    """`咸安区 Xian'an District`; a unit of another kind with its kind (`… (city-run)`)."""
    title = text(Msg.COUNTY_TITLE, name=county.name, name_en=county.name_en)
    if county.kind is UnitKind.COUNTY:
        return title
    return text(Msg.UNIT_NAMED, name=title, kind=kind_label(county.kind))


def indicator_title(target: Target) -> str:
    """The plan's Chinese term beside the English name: `学前三年毛入园率 Three-year …`."""
    return text(Msg.NAME_PAIR, name=target.name_zh, name_en=target.name_en)


def clause_ref(target: Target) -> str:
    """`clause 11`."""
    return text(Msg.CLAUSE_REF, clause=target.provenance.clause)


def result_of(results: Iterable[TargetResult], target: Target) -> TargetResult | None:
    """The result of `target` among `results`, if judged there."""
    return next((result for result in results if result.target.id == target.id), None)


def generator() -> str:
    """`planctl 0.1.0`: what made a report file."""
    return text(Msg.GENERATED_BY, version=__version__)


def run_line(report: Report, options: RenderOptions, digits: int = 64) -> str:
    """`planctl 0.1.0 · run 3f…`: what made a report, and the run it is from; `digits` of the
    digest (a terminal line is kept short enough not to wrap, as git shortens a commit)."""
    digest = report.run_digest(options.strict)[:digits]
    return text(Msg.RUN_DIGEST, generator=generator(), digest=digest)


def city_name(report: Report) -> str:
    city = report.targets.spec.city
    return text(Msg.CITY_TITLE, name=city.name, name_en=city.name_en)


def county_summary(county: CountyResult) -> str:
    if not county.submitted:
        return text(Msg.DETAIL_NOT_SUBMITTED, county=unit_name(county.county))
    return text(
        Msg.COUNTY_SUMMARY,
        name=unit_name(county.county),
        met=county.count(Status.MET),
        not_met=county.count(Status.NOT_MET),
        warning=county.count(Status.WARNING),
        missing=county.count(Status.MISSING),
        city_total=sum(
            county.count(status)
            for status in (Status.CITY_TOTAL, Status.BELOW_CITY_TARGET, Status.MEETS_CITY_TARGET)
        ),
    ) + _below_city(county)


def _below_city(county: CountyResult) -> str:
    below = county.count(Status.BELOW_CITY_TARGET)
    return text(Msg.COUNTY_SUMMARY_BELOW, count=below) if below else ""


# Counties a sentence names before it counts the rest: a province's incomplete total could
# otherwise name tens of thousands (the JSON and CSV reports list them all).
COUNTIES_NAMED = 10


def counties_named(names: Sequence[str]) -> str:
    """`咸安区、嘉鱼县`, or the first ten and how many more."""
    shown = "、".join(names[:COUNTIES_NAMED])
    if len(names) <= COUNTIES_NAMED:
        return shown
    more = text(Msg.AND_MORE, count=f"{len(names) - COUNTIES_NAMED:,}")
    return text(Msg.LIST_MORE, items=shown, more=more)


def explain(result: TargetResult) -> list[str]:
    """Why a result needs attention, in sentences: value and gap, trend and pace, or reason."""
    target = result.target
    name = text(Msg.NAME_WITH_ID, name=target.name_zh, id=target.id)
    match result.status:
        case Status.MISSING:
            return [text(Msg.DETAIL_MISSING, indicator=name)]
        case Status.INCOMPLETE:
            return [
                text(
                    Msg.DETAIL_INCOMPLETE,
                    indicator=name,
                    counties=counties_named(result.lacking),
                    value=format_value(result.value, target.unit),
                )
            ]
        case Status.CANNOT_POOL:
            return [
                text(
                    Msg.DETAIL_CANNOT_POOL, indicator=name, counties=counties_named(result.unpooled)
                )
            ]
        case (
            Status.MET
            | Status.NOT_MET
            | Status.WARNING
            | Status.CITY_TOTAL
            | Status.NOT_SUBMITTED
            | Status.BELOW_CITY_TARGET
            | Status.MEETS_CITY_TARGET
            | Status.BASICALLY_MET
        ):
            pass
        case unexpected:
            assert_never(unexpected)
    lines = [
        text(
            Msg.DETAIL_RESULT,
            indicator=name,
            value=format_reported(result),
            target=format_result_target(result),
            gap=format_gap(result),
            status=status_label(result.status),
        )
    ]
    people = people_line(result)
    if people is not None:
        lines.append(people)
    carry = carry_line(result)
    if carry is not None:
        lines.append(carry)
    trend = result.trend
    if trend is not None and len(trend.points) > 1:
        points = listed(
            [_point(year, value, target, trend.outside) for year, value in trend.points]
        )
        lines.append(text(Msg.DETAIL_TREND, points=points))
    pace = trend.pace if trend else None
    if pace is not None:
        needed = (
            format_change(pace.needed_per_year, target.unit)
            if pace.needed_per_year is not None
            else "-"
        )
        pace_line = text(
            Msg.DETAIL_PACE,
            since=pace.since_year,
            achieved=format_change(pace.achieved_per_year, target.unit),
            needed=needed,
            deadline=target.provenance.deadline,
        )
        if pace.needed_from_now_per_year is not None:
            pace_line += text(
                Msg.DETAIL_PACE_NOW,
                needed=format_change(pace.needed_from_now_per_year, target.unit),
                years=pace.years_left,
            )
        lines.append(pace_line)
    progress = trend.progress if trend else None
    if progress is not None:
        lines.append(progress_line(progress, target))
    return lines


def progress_line(progress: Progress, target: Target) -> str:
    """`progress: limited progress (growth 31% of the growth needed, …); at this growth,
    82.01% in 2017`."""
    category = text(progress_labels()[progress.category])
    if progress.ratio is None:
        return text(Msg.DETAIL_PROGRESS_MET, category=category)
    return text(
        Msg.DETAIL_PROGRESS,
        category=category,
        ratio=f"{progress.ratio:.0%}",
        projected=format_value(progress.projected, target.unit),
        year=progress.year,
    )


@cache
def progress_labels() -> dict[Category, Msg]:
    """The label of each category of progress (judge/trends.py imported only by a report
    that has a trend to show)."""
    from planctl.judge.trends import Category

    return {
        Category.ACHIEVED: Msg.PROGRESS_ACHIEVED,
        Category.ON_TRACK: Msg.PROGRESS_ON_TRACK,
        Category.ACCELERATION_NEEDED: Msg.PROGRESS_ACCELERATION_NEEDED,
        Category.LIMITED_PROGRESS: Msg.PROGRESS_LIMITED_PROGRESS,
        Category.MOVING_AWAY: Msg.PROGRESS_MOVING_AWAY,
    }


def _point(year: int, value: float, target: Target, outside: dict[int, str]) -> str:
    """`2016: 79.75%`; a point not from the submissions says where it comes from."""
    shown = text(Msg.TREND_POINT, year=year, value=format_value(value, target.unit))
    source = outside.get(year)
    baseline = target.baseline
    if source is not None and baseline is not None and baseline.year == year:
        source = in_language(source, baseline.source_zh)
    return text(Msg.POINT_OUTSIDE, point=shown, source=source) if source is not None else shown


@dataclass(frozen=True)
class Attention:
    """The results of one county, or of the city, that fail or warn, explained."""

    scope: str
    results: list[TargetResult]
    not_submitted: bool = False


def flagged(result: TargetResult) -> bool:
    """Whether a result needs attention: it fails, warns, or is a county's rate below the
    city's line (which fails nothing, but is where the city's shortfall lies)."""
    status = result.status
    return status.fails or status in (Status.WARNING, Status.BELOW_CITY_TARGET)


def format_people(people: int) -> str:
    """`805 more`, `3 fewer`."""
    key = Msg.PEOPLE_MORE if people >= 0 else Msg.PEOPLE_FEWER
    return text(key, count=f"{abs(people):,}")


def carry_line(result: TargetResult) -> str | None:
    """For a city rate short of its goal: which counties reaching their lines would carry it
    over, and the city it would make; None for any other result."""
    carry = result.carry
    if carry is None:
        short = result.people and result.target.numerator is not None
        if short and result.status is not Status.MET and not result.status.diagnostic:
            return text(Msg.DETAIL_CARRY_NONE) if result.source is None else None
        return None
    named = [f"{county} ({format_people(people)})" for county, people in carry.counties]
    # A ratio's parts are not a part of a whole: 8,400 / 520, not 8,400 of 520.
    if result.target.unit is Unit.RATIO:
        key = Msg.DETAIL_CARRY_ONE_RATIO if len(named) == 1 else Msg.DETAIL_CARRY_MANY_RATIO
    else:
        key = Msg.DETAIL_CARRY_ONE if len(named) == 1 else Msg.DETAIL_CARRY_MANY
    return text(
        key,
        counties=counties_named(named),
        numerator=format_number(carry.numerator),
        denominator=format_number(carry.denominator),
        value=format_value(carry.value, result.target.unit),
    )


def needing_attention(report: Report) -> Iterator[Attention]:
    """For each county and for the city, what failed, warned or fell below the city's line,
    in report order."""
    for county in report.counties:
        scope = county_title(county.county)
        if not county.submitted:
            yield Attention(scope, [], not_submitted=True)
            continue
        found = [r for r in report.results_of(county) if flagged(r)]
        if found:
            yield Attention(scope, found)
    if report.city is not None:
        found = [r for r in report.city if flagged(r)]
        if found:
            yield Attention(city_name(report), found)
