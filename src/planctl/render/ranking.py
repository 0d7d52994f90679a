"""The counties of each target in rank order (排名), as a workbook's sheet and a circular list them.

Counties are ranked by their figure, best first in the target's own direction: highest first
for a floor (`≥`, `>`), lowest first for a ceiling (`≤`, `<`), nearest the goal first for `=`
and `between`. Counties with the same figure share a rank and the next rank is skipped
(1, 2, 2, 4), as league tables do. A county without a figure (not reported, submitted nothing)
follows the ranked ones, unranked, so that no county disappears from the list; a county that
has no part in a city-level target (`CountyResult.apart`) has no place in its ranking at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from planctl.domain.terms import Comparator
from planctl.judge.report import Report, Status, TargetResult
from planctl.render.common import result_of
from planctl.targets.models import County, Target


@dataclass(frozen=True)
class Placed:
    """A county's place on one target: its rank (None without a figure) and its result."""

    rank: int | None
    county: County
    status: Status
    result: TargetResult | None = None


def ranking(report: Report, target: Target) -> list[Placed]:
    """The counties of `report` on `target`, ranked, then those without a figure."""
    ranked: list[tuple[float, County, TargetResult]] = []
    unranked: list[Placed] = []
    for county in report.counties:
        if not county.county.reports_on(target.id):
            continue  # a unit whose `reports` leave the target out has no place on it
        if not county.submitted:
            unranked.append(Placed(None, county.county, Status.NOT_SUBMITTED))
            continue
        result = result_of(report.results_of(county), target)
        if result is None:
            continue
        if result.value is None:
            unranked.append(Placed(None, county.county, result.status, result))
            continue
        ranked.append((_order(target, result.value), county.county, result))
    # Stable: counties with the same figure stay in the targets file's order.
    ranked.sort(key=lambda entry: entry[0])
    placed: list[Placed] = []
    for index, (key, place, result) in enumerate(ranked):
        tied = index > 0 and key == ranked[index - 1][0]
        rank = placed[-1].rank if tied else index + 1
        placed.append(Placed(rank, place, result.status, result))
    return placed + unranked


def _order(target: Target, value: float) -> float:
    """A key that sorts the best figure first; rounded so that float noise ties no one apart."""
    goal = target.goal
    match goal.comparator:
        case Comparator.AT_LEAST | Comparator.MORE_THAN:
            key = -value
        case Comparator.AT_MOST | Comparator.LESS_THAN:
            key = value
        case Comparator.EQUAL | Comparator.BETWEEN:
            key = abs(goal.gap(value))
        case _:
            assert_never(goal.comparator)
    return round(key, 9)
