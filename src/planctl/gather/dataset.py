"""From submission files to the figures a check judges, one set per county and year.

Rows without a `year` are for the year judged (the targets file's, unless `--year` says
otherwise). Three things are refused here, each with file and line: a file with no figures
for the year judged, a county given in two files with different figures, and parts of two
rates that count the same people (see `Quantity.key`) but disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from planctl.domain.pooling import Figure, pool
from planctl.domain.problems import Level, Problem, SubmissionError
from planctl.domain.values import format_number
from planctl.i18n.messages import Msg
from planctl.read.submissions import Observation, Submission
from planctl.targets.models import Target, TargetSet

# Head counts are whole numbers; two that differ by less than this are the same count.
_SAME_COUNT = 0.5

# county → year → target id → the observation.
Figures = dict[str, dict[int, dict[str, Observation]]]


@dataclass(frozen=True)
class Dataset:
    """Every figure of a check, by county and year, and the year judged."""

    year: int
    figures: Figures
    warnings: list[Problem] = field(default_factory=list)

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
        """A county's values of one target in the years before the one judged, oldest first."""
        return [(o.year or self.year, o.value) for o in self.earlier(county, target_id)]

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


def gather(submissions: list[Submission], targets: TargetSet, year: int | None = None) -> Dataset:
    """The figures of all submissions; SubmissionError listing every conflict among them."""
    judged = year if year is not None else targets.plan.year
    if any(submission.columns is not None for submission in submissions):
        from planctl.gather.columns import gather_columns

        return gather_columns(submissions, targets, judged, year is not None)
    problems: list[Problem] = []
    warnings = [warning for submission in submissions for warning in submission.warnings]
    figures: Figures = {}
    # (county, year) → the file that first gave it, to tell a repeat from a conflict.
    origin: dict[tuple[str, int], str] = {}
    for submission in submissions:
        rows = [(o.year if o.year is not None else judged, o) for o in submission.observations]
        years = {y for y, _ in rows}
        if judged not in years:
            problems.append(_year_mismatch(submission, sorted(years), judged, year is not None))
            continue
        later = sorted(y for y in years if y > judged)
        if later:
            warnings.append(
                Problem(
                    Msg.YEAR_LATER_IGNORED,
                    submission.display,
                    fields={"years": ", ".join(map(str, later)), "year": judged},
                    level=Level.WARNING,
                )
            )
        by_key: dict[tuple[str, int], dict[str, Observation]] = {}
        for row_year, observation in rows:
            if row_year <= judged:
                by_key.setdefault((observation.county, row_year), {})[observation.target_id] = (
                    observation
                )
        for (county, row_year), observed in by_key.items():
            first_file = origin.setdefault((county, row_year), submission.display)
            if first_file == submission.display:
                figures.setdefault(county, {})[row_year] = observed
                continue
            earlier = figures[county][row_year]
            conflicts = list(_conflicts(county, row_year, earlier, observed))
            if conflicts:
                problems.extend(conflicts)
            else:
                first = next(iter(observed.values()))
                warnings.append(
                    Problem(
                        Msg.COUNTY_REPEATED_FILE,
                        submission.display,
                        first.line,
                        fields={"county": county, "year": row_year, "other": first_file},
                        level=Level.WARNING,
                        cell=first.cell,
                    )
                )
    for county, by_year in figures.items():
        for observed in by_year.values():
            problems.extend(_disagreeing_parts(county, observed, targets))
    if problems:
        raise SubmissionError(problems)
    return Dataset(judged, figures, warnings)


def _year_mismatch(submission: Submission, years: list[int], judged: int, chosen: bool) -> Problem:
    first = submission.observations[0]
    return _year_mismatch_problem(submission.display, first, years, judged, chosen)


def _year_mismatch_problem(
    display: str, first: Observation, years: list[int], judged: int, chosen: bool
) -> Problem:
    """A file with no figures for the year judged, placed at its first figure."""
    return Problem(
        Msg.YEAR_MISMATCH_CHOSEN if chosen else Msg.YEAR_MISMATCH,
        display,
        first.line,
        "year",
        {"years": ", ".join(map(str, years)), "year": judged, "suggestion": years[-1]},
        cell=first.cell,
    )


def _shown(observation: Observation) -> str:
    shown = format_number(observation.value)
    if observation.numerator is not None and observation.denominator is not None:
        shown += (
            f" ({format_number(observation.numerator)}/{format_number(observation.denominator)})"
        )
    return shown


def _conflicts(
    county: str, year: int, first: dict[str, Observation], second: dict[str, Observation]
) -> Iterator[Problem]:
    """One problem for each figure two files give differently for one county and year."""
    for target_id in dict.fromkeys([*first, *second]):
        a, b = first.get(target_id), second.get(target_id)
        if a is not None and b is not None and _shown(a) == _shown(b):
            continue
        here = b or next(iter(second.values()))
        yield Problem(
            Msg.COUNTY_IN_TWO_FILES,
            here.path,
            here.line,
            "county",
            {
                "county": county,
                "year": year,
                "indicator": target_id,
                "value": _shown(b) if b else "nothing",
                "other": f"{a.path}:{a.cell or a.line}" if a else next(iter(first.values())).path,
                "other_value": _shown(a) if a else "nothing",
            },
            cell=here.cell,
        )


def _disagreeing_parts(
    county: str, observed: dict[str, Observation], targets: TargetSet
) -> Iterator[Problem]:
    """Parts that count the same people (one `key`) must agree within one county and year."""
    seen: dict[str, tuple[float, Observation, str]] = {}
    for target in targets.targets:
        observation = observed.get(target.id)
        if observation is None:
            continue
        for quantity, count, role in (
            (target.numerator, observation.numerator, "numerator"),
            (target.denominator, observation.denominator, "denominator"),
        ):
            if quantity is None or quantity.key is None or count is None:
                continue
            role_here = f"{role} of {target.id}"
            first = seen.setdefault(quantity.key, (count, observation, role_here))
            if abs(first[0] - count) >= _SAME_COUNT:
                yield Problem(
                    Msg.PARTS_DISAGREE,
                    observation.path,
                    observation.line,
                    role,
                    {
                        "county": county,
                        "quantity": quantity.name_zh,
                        "value": format_number(count),
                        "role": role_here,
                        "other_value": format_number(first[0]),
                        "other_place": first[1].place,
                        "other_role": first[2],
                    },
                    cell=observation.cell,
                )
