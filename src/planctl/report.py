"""The result model of a check: statuses, results per target, per county, and the report.

Every renderer reads this model and nothing else, so each output format shows the same
facts. `Status.fails` is the rule for the exit code: a report fails when any result fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from planctl.problems import Problem
from planctl.submissions import Observation
from planctl.targets import County, Target, TargetSet
from planctl.terms import Strength
from planctl.trends import Trend


class Status(StrEnum):
    """The verdict on one target for one county, or for the city."""

    MET = "met"
    NOT_MET = "not_met"
    WARNING = "warning"
    MISSING = "missing"
    CITY_TOTAL = "city_total"
    NOT_SUBMITTED = "not_submitted"
    INCOMPLETE = "incomplete"
    CANNOT_POOL = "cannot_pool"

    @property
    def fails(self) -> bool:
        """Whether this status fails the check (exit code 1)."""
        return self in _FAILING


_FAILING = frozenset(
    {Status.NOT_MET, Status.MISSING, Status.NOT_SUBMITTED, Status.INCOMPLETE, Status.CANNOT_POOL}
)


class View(StrEnum):
    """Whom a check judges: each county alone, or the counties and the city together."""

    COUNTY = "county"
    CITY = "city"


class Verdict(StrEnum):
    """The outcome of a whole check."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class TargetResult:
    """One target judged for one county or for the city."""

    target: Target
    status: Status
    # What the value is held against: the target's threshold, or the county's quota.
    threshold: float
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    # value − threshold in the target's unit (percentage points or a count); None if unjudged.
    gap: float | None = None
    quota: bool = False
    source: Observation | None = None
    trend: Trend | None = None
    # For the city: counties whose figure the total lacks, and counties that gave a rate
    # without numerator and denominator, so it cannot be pooled.
    lacking: tuple[str, ...] = ()
    unpooled: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountyResult:
    """Every target judged for one county; `submitted` is False for an absent county."""

    county: County
    results: list[TargetResult]
    submitted: bool = True

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
    view: View
    year: int
    counties: list[CountyResult]
    city: list[TargetResult] | None = None
    warnings: list[Problem] = field(default_factory=list)
    # How each input was read (encoding, sheets, layout, rows skipped), for --verbose.
    notes: list[Problem] = field(default_factory=list)

    def results(self) -> Iterator[TargetResult]:
        """Every judged result: each county's, then the city's."""
        for county in self.counties:
            yield from county.results
        yield from self.city or ()

    @property
    def not_submitted(self) -> list[County]:
        return [result.county for result in self.counties if not result.submitted]

    @property
    def failures(self) -> int:
        failing = sum(1 for result in self.results() if result.status.fails)
        return failing + len(self.not_submitted)

    @property
    def warning_count(self) -> int:
        return sum(1 for result in self.results() if result.status is Status.WARNING)

    def verdict(self) -> Verdict:
        if self.failures:
            return Verdict.FAIL
        if self.warning_count:
            return Verdict.WARN
        return Verdict.PASS

    def outcome(self, strict: bool = False) -> Verdict:
        """The verdict that decides the exit code: with `strict`, warnings fail too."""
        verdict = self.verdict()
        return Verdict.FAIL if strict and verdict is Verdict.WARN else verdict

    def exit_code(self, strict: bool = False) -> int:
        """0 when the check passes, 1 when a result fails (with `strict`, a warning too)."""
        return 1 if self.outcome(strict) is Verdict.FAIL else 0


def status_for(target: Target, value: float, threshold: float) -> Status:
    """Met, or what an unmet target of this strength is."""
    if target.comparator.holds(value, threshold):
        return Status.MET
    return Status.NOT_MET if target.strength is Strength.BINDING else Status.WARNING
