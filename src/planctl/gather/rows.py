"""From submission files to the figures a check judges, one set per county and year.

Rows without a `year` are for the year judged (the targets file's, unless `--year` says
otherwise). The set rules are `rules.py`'s; submissions read in columns are gathered by
`columns.py`, over whole columns, by the same rules.
"""

from __future__ import annotations

from planctl.domain.problems import Problem, SubmissionError
from planctl.gather import rules
from planctl.gather.dataset import Dataset, Figures
from planctl.read.figures import Observation
from planctl.read.submissions import Submission
from planctl.targets.models import TargetSet


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
            warnings.append(rules.later_years(submission.display, later, judged))
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
            conflicts = list(rules.conflicts(county, row_year, earlier, observed))
            if conflicts:
                problems.extend(conflicts)
            else:
                first = next(iter(observed.values()))
                warnings.append(rules.repeated_file(first, county, row_year, first_file))
    for county, by_year in figures.items():
        for observed in by_year.values():
            problems.extend(rules.disagreeing_parts(county, observed, targets))
    if problems:
        raise SubmissionError(problems)
    return Dataset(judged, figures, warnings)


def _year_mismatch(submission: Submission, years: list[int], judged: int, chosen: bool) -> Problem:
    first = submission.observations[0]
    return rules.year_mismatch(submission.display, first, years, judged, chosen)
