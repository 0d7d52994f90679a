"""Every figure of a check, by county and year, and what judging asks of them.

`Dataset` answers the questions of judging (this year's figures, earlier values, the city's
history); `columns.ColumnDataset` answers the same from columns, for national inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from planctl.domain.pooling import Figure, pool
from planctl.domain.problems import Problem
from planctl.read.figures import Observation
from planctl.targets.models import Target

# county → year → target id → the observation.
Figures = dict[str, dict[int, dict[str, Observation]]]


@dataclass(frozen=True)
class Dataset:
    """Every figure of a check, by county and year, and the year judged."""

    year: int
    figures: Figures
    warnings: list[Problem] = field(default_factory=list)
    # Whether the figures are held in columns (a national input), so that judging keeps
    # them there and makes a county's results only when a renderer asks (judge/query.py).
    columnar: ClassVar[bool] = False

    @property
    def counties(self) -> list[str]:
        """The counties with figures for the year judged."""
        return [county for county, years in self.figures.items() if self.year in years]

    def current(self, county: str) -> dict[str, Observation]:
        """A county's figures for the year judged."""
        return self.figures.get(county, {}).get(self.year, {})

    def earlier(self, county: str, target_id: str) -> list[Observation]:
        """A county's figures for one target in the years before the one judged, oldest first."""
        years = self.figures.get(county, {})
        return [
            years[year][target_id]
            for year in sorted(years)
            if year < self.year and target_id in years[year]
        ]

    def earlier_years(self) -> list[int]:
        """Every year before the one judged that any county reported, oldest first."""
        return sorted({y for years in self.figures.values() for y in years if y < self.year})

    def figure(self, county: str, year: int, target_id: str) -> Observation | None:
        return self.figures.get(county, {}).get(year, {}).get(target_id)

    def earlier_points(self, county: str, target_id: str) -> list[tuple[int, float]]:
        """A county's values of one target in the years before the one judged, oldest first
        (as sorted() orders its (year, value) pairs)."""
        return [(o.year or self.year, o.value) for o in self.earlier(county, target_id)]

    def county_points(self, county: str) -> dict[str, list[tuple[int, float]]]:
        """earlier_points of each target the county gave earlier figures of, by target id:
        what a county's results ask at once. The lists are the dataset's: not to be changed."""
        years = self.figures.get(county, {})
        ids = dict.fromkeys(t for y in years if y < self.year for t in years[y])
        return {target_id: self.earlier_points(county, target_id) for target_id in ids}

    def current_figures(self, target_id: str) -> dict[str, Figure]:
        """Each county's figure of one target for the year judged, by county."""
        found: dict[str, Figure] = {}
        for county, years in self.figures.items():
            observation = years.get(self.year, {}).get(target_id)
            if observation is not None:
                found[county] = observation
        return found

    def city_history(self, target: Target, expected: list[str]) -> dict[int, float]:
        """The pooled city value of each earlier year that every expected county reported."""
        history: dict[int, float] = {}
        for year in self.earlier_years():
            figures: dict[str, Figure | None] = {
                c: self.figure(c, year, target.id) for c in expected
            }
            total = pool(target, figures)
            if total.value is not None and not total.lacking:
                history[year] = total.value
        return history
