"""Judging: a dataset × the targets → a report of what each county, and the city, met. Pure.

Two views, one rule. In the county view (one county in the input, or `--county`) each
county is judged alone. In the city view (several counties, or `--city`) the city totals
are judged too (see rollup.py), and every county the targets file expects must have
submitted. In either view:

- a county-level target is met when the value meets its goal (see verdict.py); unmet, a
  binding target fails and an aspirational one warns; not reported, it is "missing" and fails;
- a city-level target is judged on the city total; a county with a quota of that total is
  also judged on its quota; any other county's figure is shown as its contribution, and for
  a rate (pooled as a ratio) also held against the city's line as a diagnostic that never
  fails: below the city target, or meeting it. A
  county outside a target's `contributors` that reported nothing for it has no result on it.
"""

from __future__ import annotations

from collections.abc import Iterable

from planctl.domain.problems import PlanctlError, Problem
from planctl.domain.terms import Level
from planctl.gather.dataset import Dataset
from planctl.i18n.catalog import NAMES_LISTED, one_of, text
from planctl.i18n.codes import Msg
from planctl.judge.query import ResultQuery, county_results_of
from planctl.judge.report import (
    Brief,
    Briefs,
    CountyResult,
    Details,
    HeldResults,
    InputFile,
    Report,
    Status,
    View,
)
from planctl.judge.rollup import city_results, county_lines_short
from planctl.judge.verdict import verdicts
from planctl.targets.models import County, Target, TargetSet


def choose_view(dataset: Dataset, city: bool, selected: list[str]) -> View:
    """The city view when asked, or when the input holds several counties and none is chosen."""
    if city:
        return View.CITY
    if selected:
        return View.COUNTY
    return View.CITY if len(dataset.counties) > 1 else View.COUNTY


def select_counties(targets: TargetSet, dataset: Dataset, names: list[str]) -> list[str]:
    """The official names of the counties `--county` names; PlanctlError if one has no figures."""
    chosen: list[str] = []
    problems: list[Problem] = []
    present = dataset.counties
    known = set(present)
    for name in names:
        county = targets.find_county(name)
        official = county.name if county is not None else name
        if official in known:
            chosen.append(official)
            continue
        # A slip ('咸按' for '咸安区') is answered with the county meant, when it sent figures;
        # otherwise the counties that did are listed.
        near = [n for n in targets.suggest_counties(name) if n in known]
        hint = (
            text(Msg.DID_YOU_MEAN, candidates=one_of(near))
            if near
            else text(Msg.EXPECTED_ONE_OF, candidates=one_of(present, limit=NAMES_LISTED))
        )
        problems.append(
            Problem(Msg.COUNTY_NOT_IN_INPUT, "--county", fields={"county": name, "hint": hint})
        )
    if problems:
        raise PlanctlError(problems)
    return list(dict.fromkeys(chosen))


def evaluate(
    targets: TargetSet,
    dataset: Dataset,
    inputs: Iterable[InputFile] = (),
    view: View = View.COUNTY,
    selected: list[str] | None = None,
) -> Report:
    """Judge the counties of `dataset` (or the `selected` ones), and the city in the city view."""
    present = dataset.counties
    # Sets, not lists, to look names up in: a national check has 100,000 counties.
    known = set(present)
    # The targets file's order, then any county it does not list, in the order of the input.
    expected = [county.name for county in targets.counties]
    if view is View.COUNTY:
        expected = [name for name in expected if name in known]
    names = list(dict.fromkeys(expected + present))
    if selected:
        chosen = set(selected)
        names = [name for name in names if name in chosen]
    submitted = [name for name in names if name in known]
    # Units the file does not hold to county-level targets (judged: false).
    not_judged = {unit.name for unit in targets.units if not unit.judged}
    outside = [_outside(targets, target) for target in targets.targets]
    briefs: dict[str, Briefs]
    columns = None
    if dataset.columnar:
        # A large check, in columns: its 85,500 statuses and gaps are never objects.
        from planctl.gather.columns import ColumnDataset
        from planctl.judge.columns import brief_columns

        assert isinstance(dataset, ColumnDataset)

        places = [(place, name) for place, name in enumerate(names) if name in known]
        columns, apart_at = brief_columns(targets, dataset, places, outside, not_judged)
        briefs = {name: columns.of(place) for place, name in places}
        apart = {name: apart_at.get(place, set()) for place, name in places}
    else:
        briefs, apart = _briefs(targets, dataset, submitted, outside, not_judged)
    county_results = [
        CountyResult(
            targets.find_county(name) or County(name=name, name_en=name),
            briefs.get(name, ()),
            submitted=name in briefs,
            apart=frozenset(apart.get(name, ())),
        )
        for name in names
    ]
    details: Details
    if columns is not None:
        # Tens of thousands of results that a summary never reads: a query the renderers
        # that print them ask.
        details = ResultQuery(
            targets,
            dataset,
            tuple((c.county.name, c.apart if c.submitted else None) for c in county_results),
            columns,
        )
    else:
        details = HeldResults(
            tuple(
                county_results_of(targets, dataset, c.county.name, c.apart) if c.submitted else ()
                for c in county_results
            )
        )
    return Report(
        targets=targets,
        inputs=list(inputs),
        view=view,
        year=dataset.year,
        counties=county_results,
        details=details,
        city=city_results(targets, dataset) if view is View.CITY else None,
        briefs=columns,
        warnings=[
            *dataset.warnings,
            *(county_lines_short(targets, dataset) if view is View.CITY else []),
        ],
    )


def _briefs(
    targets: TargetSet,
    dataset: Dataset,
    submitted: list[str],
    outside: list[frozenset[str]],
    not_judged: set[str],
) -> tuple[dict[str, Briefs], dict[str, set[str]]]:
    """Each county's statuses and gaps, worked out a target at a time; and the city-level
    targets each county has no part in, left out of its results."""
    briefs: dict[str, list[Brief]] = {name: [] for name in submitted}
    apart: dict[str, set[str]] = {name: set() for name in submitted}
    for target, shut in zip(targets.targets, outside, strict=True):
        figures = dataset.current_figures(target.id)
        values = [
            figure.value if (figure := figures.get(name)) is not None else None
            for name in submitted
        ]
        for name, value, (status, goal, _) in zip(
            submitted, values, verdicts(target, submitted, values), strict=True
        ):
            if value is None and name in shut:
                apart[name].add(target.id)
                continue
            if name in not_judged and target.level is Level.COUNTY:
                status = Status.CITY_TOTAL
            judged = value is not None and status is not Status.CITY_TOTAL
            briefs[name].append((status, goal.gap(value) if judged and value is not None else None))
    return {name: tuple(found) for name, found in briefs.items()}, apart


def _outside(targets: TargetSet, target: Target) -> frozenset[str]:
    """The counties a city-level target names no part for: not among its `contributors` and
    without a quota; and the units whose `reports` leave the target out. One that reported
    nothing for it has no result on it at all (a figure it did report still adds to the city
    total, so that is kept and shown)."""
    elsewhere = frozenset(unit.name for unit in targets.units if not unit.reports_on(target.id))
    if target.level is not Level.CITY or target.contributors is None:
        return elsewhere
    part = set(target.contributors) | set(target.quotas)
    return elsewhere | {county.name for county in targets.counties if county.name not in part}
