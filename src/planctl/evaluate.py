"""Judging: observations × targets → a report of what each county met. Pure; no I/O.

A county-level target is met when the county's value satisfies the comparator; unmet, a
binding target fails and an aspirational one warns; a county that did not report it is
"missing", which fails. A city-level target is only judged on the city total: a county's
figure is shown as its contribution.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from planctl.problems import Problem
from planctl.submissions import Observation, Submission
from planctl.targets import County, Target, TargetSet
from planctl.terms import Level, Strength


class Status(StrEnum):
    """The verdict on one target for one county."""

    MET = "met"
    NOT_MET = "not_met"
    WARNING = "warning"
    MISSING = "missing"
    CITY_TOTAL = "city_total"

    @property
    def fails(self) -> bool:
        return self in (Status.NOT_MET, Status.MISSING)


class Verdict(StrEnum):
    """The outcome of a whole check."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class TargetResult:
    """One target judged for one county."""

    target: Target
    status: Status
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    # value − threshold in the target's unit (percentage points or a count); None if no value.
    gap: float | None = None
    source: Observation | None = None


@dataclass(frozen=True)
class CountyResult:
    """Every target judged for one county."""

    county: County
    results: list[TargetResult]

    def count(self, status: Status) -> int:
        return sum(1 for result in self.results if result.status is status)


@dataclass(frozen=True)
class InputFile:
    """A file the check read, identified for the record."""

    display: str
    sha256: str
    encoding: str


@dataclass(frozen=True)
class Report:
    """The outcome of checking submissions against a targets file."""

    targets: TargetSet
    inputs: list[InputFile]
    counties: list[CountyResult]
    warnings: list[Problem] = field(default_factory=list)

    def results(self) -> Iterable[TargetResult]:
        for county in self.counties:
            yield from county.results

    @property
    def failures(self) -> int:
        return sum(1 for result in self.results() if result.status.fails)

    @property
    def warning_count(self) -> int:
        return sum(1 for result in self.results() if result.status is Status.WARNING)

    def verdict(self) -> Verdict:
        if self.failures:
            return Verdict.FAIL
        if self.warning_count:
            return Verdict.WARN
        return Verdict.PASS


def judge(target: Target, observation: Observation | None) -> TargetResult:
    """The result of one target for one county, given what the county reported."""
    if observation is None:
        status = Status.CITY_TOTAL if target.level is Level.CITY else Status.MISSING
        return TargetResult(target, status)
    value = observation.value
    if target.level is Level.CITY:
        status = Status.CITY_TOTAL
    elif target.comparator.holds(value, target.threshold):
        status = Status.MET
    elif target.strength is Strength.BINDING:
        status = Status.NOT_MET
    else:
        status = Status.WARNING
    return TargetResult(
        target,
        status,
        value,
        observation.numerator,
        observation.denominator,
        value - target.threshold,
        observation,
    )


def evaluate(targets: TargetSet, submissions: list[Submission]) -> Report:
    """Judge every county found in `submissions` against every target."""
    by_county: dict[str, dict[str, Observation]] = {}
    for submission in submissions:
        for observation in submission.observations:
            if observation.year not in (None, targets.plan.year):
                continue
            by_county.setdefault(observation.county, {})[observation.target_id] = observation
    counties = [county for county in targets.counties if county.name in by_county]
    known = {county.name for county in counties}
    counties += [County(name=name, name_en=name) for name in by_county if name not in known]
    return Report(
        targets=targets,
        inputs=[InputFile(s.display, s.sha256, s.encoding) for s in submissions],
        counties=[
            CountyResult(county, _judge_all(targets, by_county[county.name])) for county in counties
        ],
        warnings=[warning for submission in submissions for warning in submission.warnings],
    )


def _judge_all(targets: TargetSet, reported: dict[str, Observation]) -> list[TargetResult]:
    return [judge(target, reported.get(target.id)) for target in targets.targets]
