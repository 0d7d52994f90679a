"""The words of a draft circular (通报): every sentence made from the report's facts. Pure.

A bureau sends its counties a circular that says how the plan's targets were met. This module
writes its text, in the language in use: the title and the plan judged against (its issuer,
date and reference), the verdict, the city's result on each target in a sentence (`全市学前三年
毛入园率为 86.94%，低于 87% 的目标 0.06 个百分点，在园幼儿数尚差 70（未达标）。`) with the
counties that would carry it over, then each target's counties met and below, ranked
(`ranking.py`), then an appendix table. Nothing comes from an input's free text (a county's
note, a file's comment): only names (of the plan, its issuer, counties, targets) and figures.
`docx.py` lays the circular out as a Word document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from planctl.domain.terms import Comparator, Part, UnitKind
from planctl.i18n.catalog import Language, language, text
from planctl.i18n.codes import Msg
from planctl.judge.report import Report, Status, TargetResult
from planctl.render.common import (
    carry_line,
    clause_ref,
    counted,
    counties_named,
    county_title,
    explain,
    format_change,
    format_gap,
    format_result_target,
    format_target,
    format_value,
    in_language,
    matrix_label,
    result_of,
    run_line,
    status_label,
    superseded_lines,
    targets_shown,
    unit_name,
    verdict_line,
)
from planctl.render.options import RenderOptions
from planctl.render.ranking import Placed, ranking
from planctl.render.scale import MATRIX_COUNTIES
from planctl.targets.models import Target

# A county's place on a target, by the list of the circular it is named in.
MET = frozenset({Status.MET, Status.MEETS_CITY_TARGET, Status.BASICALLY_MET})
BELOW = frozenset({Status.NOT_MET, Status.WARNING, Status.BELOW_CITY_TARGET})
SHARE = frozenset({Status.CITY_TOTAL})


@dataclass(frozen=True)
class Section:
    """A heading and its paragraphs."""

    heading: str
    paragraphs: list[str]


@dataclass(frozen=True)
class Circular:
    """A draft circular's parts, in the order a document shows them."""

    title: str
    opening: list[str]
    city: Section | None
    counties: str
    targets: list[Section]
    appendix: str
    table: list[list[str]]
    after_table: list[str]
    footer: str


def circular(report: Report, options: RenderOptions) -> Circular:
    """The circular of `report`, in the language in use."""
    plan = report.targets.plan
    plan_name = text(Msg.NAME_PAIR, name=plan.title, name_en=plan.title_en)
    submitted = [county for county in report.counties if county.submitted]
    # Units of another kind (市直学校) are counted apart, never as counties.
    units = len([c for c in submitted if c.county.kind is not UnitKind.COUNTY])
    opening = [
        text(
            Msg.CIRCULAR_BASIS_UNITS if units else Msg.CIRCULAR_BASIS,
            plan=plan_name,
            issuer=text(Msg.NAME_PAIR, name=plan.issuing_body, name_en=plan.issuing_body_en),
            issued=plan.issued.isoformat(),
            reference=in_language(plan.reference, plan.reference_zh),
            year=report.year,
            counties=len(submitted) - units,
            units=units,
        ),
        *superseded_lines(report),
        text(Msg.CIRCULAR_VERDICT, verdict=verdict_line(report, options)),
    ]
    absent = [county_title(county) for county in report.not_submitted]
    if absent:
        opening.append(text(Msg.CIRCULAR_NOT_SUBMITTED, counties=counties_named(absent)))
    city = None
    if report.city is not None:
        city = Section(
            text(Msg.CIRCULAR_CITY_HEADING),
            [city_sentences(result) for result in report.city],
        )
    targets = [
        _target_section(number, target, ranking(report, target))
        for number, target in enumerate(targets_shown(report), start=1)
    ]
    table, after = _appendix(report)
    return Circular(
        title=text(Msg.CIRCULAR_TITLE, plan=plan_name),
        opening=opening,
        city=city,
        counties=text(Msg.CIRCULAR_COUNTIES_HEADING),
        targets=targets,
        appendix=text(Msg.CIRCULAR_APPENDIX_HEADING),
        table=table,
        after_table=[*after, text(Msg.CIRCULAR_DRAFT_NOTE)],
        footer=run_line(report, options),
    )


def indicator_name(target: Target) -> str:
    """The plan's term, and beside it in English the English name as a sentence uses it."""
    return text(Msg.NAME_PAIR, name=target.name_zh, name_en=counted(target.name_en))


def city_sentences(result: TargetResult) -> str:
    """The city's result on one target, in a sentence or two: its figure against the goal, the
    people it is short, its status, and which counties would carry it over."""
    status = result.status
    if result.value is None or status in (Status.INCOMPLETE, Status.CANNOT_POOL):
        return text(Msg.CIRCULAR_STOP, sentence=explain(result)[0])
    target, goal = result.target, result.goal
    unit = target.unit
    fields = {"indicator": indicator_name(target), "value": format_value(result.value, unit)}
    if goal.holds(result.value) or result.gap is None:
        # `达到 87% 的目标` for a floor, as people say it; any other goal as reports write it.
        met = goal.comparator is Comparator.AT_LEAST and not result.quota
        shown = format_value(goal.threshold, unit) if met else format_result_target(result)
        sentence = text(Msg.CIRCULAR_CITY_MET, target=shown, **fields)
    else:
        distance = format_change(abs(result.gap), unit).removeprefix("+")
        bound = format_value(goal.threshold, unit)
        match goal.comparator:
            case Comparator.AT_LEAST | Comparator.MORE_THAN:
                sentence = text(Msg.CIRCULAR_CITY_BELOW, gap=distance, bound=bound, **fields)
            case Comparator.AT_MOST | Comparator.LESS_THAN:
                sentence = text(Msg.CIRCULAR_CITY_ABOVE, gap=distance, bound=bound, **fields)
            case Comparator.EQUAL | Comparator.BETWEEN:
                shown = format_result_target(result)
                sentence = text(Msg.CIRCULAR_CITY_OFF, gap=distance, target=shown, **fields)
            case unexpected:
                assert_never(unexpected)
    sentence += _people(result)
    sentences = text(Msg.CIRCULAR_CLOSE, sentence=sentence, status=status_label(status))
    carry = carry_line(result)
    if carry is None:
        return sentences
    return text(Msg.CIRCULAR_THEN, first=sentences, then=text(Msg.CIRCULAR_STOP, sentence=carry))


def _people(result: TargetResult) -> str:
    """`，在园幼儿数尚差 70`: a rate's gap in the people its moving part counts, or nothing."""
    target, people = result.target, result.people
    # The part that moves: a rate's numerator (children enrolled), a ratio's denominator
    # (teachers, its pupils held), as the report's other formats say it.
    part = target.denominator if target.unit.moves is Part.DENOMINATOR else target.numerator
    if not people or part is None:
        return ""
    name = part.name_zh if language() is Language.ZH else counted(part.name_en)
    key = Msg.CIRCULAR_PEOPLE_MORE if people > 0 else Msg.CIRCULAR_PEOPLE_FEWER
    return text(key, count=f"{abs(people):,}", name=name)


def _target_section(number: int, target: Target, places: list[Placed]) -> Section:
    heading = text(
        Msg.CIRCULAR_TARGET_HEADING,
        number=number,
        indicator=indicator_name(target),
        target=format_target(target),
        clause=clause_ref(target),
    )
    lists = (
        (Msg.CIRCULAR_MET_LIST, [p for p in places if p.rank is not None and p.status in MET]),
        (Msg.CIRCULAR_BELOW_LIST, [p for p in places if p.rank is not None and p.status in BELOW]),
        (Msg.CIRCULAR_SHARE_LIST, [p for p in places if p.rank is not None and p.status in SHARE]),
        (Msg.CIRCULAR_NO_FIGURE_LIST, [p for p in places if p.rank is None]),
    )
    paragraphs = [
        text(key, counties=counties_named([_item(place) for place in named]))
        for key, named in lists
        if named
    ]
    return Section(heading, paragraphs)


def _item(place: Placed) -> str:
    """`通城县（82.01%，-4.99 个百分点）`, `咸安区（88.51%）`, `嘉鱼县（未报送）`."""
    county, result = county_title(place.county), place.result
    if result is None or result.value is None:
        return text(Msg.CIRCULAR_NO_FIGURE_ITEM, county=county, status=status_label(place.status))
    value = format_value(result.value, result.target.unit)
    if place.status in BELOW:
        return text(Msg.CIRCULAR_RANKED_GAP, county=county, value=value, gap=format_gap(result))
    return text(Msg.CIRCULAR_RANKED, county=county, value=value)


def _appendix(report: Report) -> tuple[list[list[str]], list[str]]:
    """Targets down, the counties and the city across, each cell its figure and status word; at
    a province's scale the city's column alone (every county is in the CSV and JSON reports)."""
    few = len(report.counties) <= MATRIX_COUNTIES
    counties = report.counties if few else []
    header = [text(Msg.COL_INDICATOR), text(Msg.COL_TARGET)]
    header += [unit_name(county.county) for county in counties]
    if report.city is not None:
        header.append(report.targets.spec.city.name)
    rows = [header]
    for target in targets_shown(report):
        row = [indicator_name(target), format_target(target)]
        for county in counties:
            if not county.submitted:
                row.append(status_label(Status.NOT_SUBMITTED))
                continue
            row.append(_cell(result_of(report.results_of(county), target)))
        if report.city is not None:
            row.append(_cell(result_of(report.city, target)))
        rows.append(row)
    return rows, [] if few else [text(Msg.SCALE_EVERY_RESULT)]


def _cell(result: TargetResult | None) -> str:
    if result is None:
        # A county with no part in a city-level target (not among its contributors).
        return text(Msg.MATRIX_NO_PART)
    if result.value is None:
        return status_label(result.status)
    return f"{format_value(result.value, result.target.unit)} {matrix_label(result.status)}"
