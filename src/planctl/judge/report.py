"""The result model of a check: statuses, results per target, per county, and the report.

Every renderer reads this model and nothing else, so each output format shows the same
facts. `Status.fails` is the rule for the exit code: a report fails when any result fails.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from planctl import __version__
from planctl.domain.goal import Goal
from planctl.domain.problems import Problem
from planctl.judge.carry import Carry
from planctl.judge.trends import Trend
from planctl.read.submissions import Observation
from planctl.targets.models import County, Target, TargetSet


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
    # A county's rate held against a city-level line (全市…) as a diagnostic: it shows where
    # the city's shortfall lies but never fails the check, which the city total decides.
    BELOW_CITY_TARGET = "below_city_target"
    MEETS_CITY_TARGET = "meets_city_target"
    # 基本 (basically): short of the bound by no more than the targets file's tolerance.
    BASICALLY_MET = "basically_met"

    @property
    def fails(self) -> bool:
        """Whether this status fails the check (exit code 1)."""
        return self in _FAILING

    @property
    def diagnostic(self) -> bool:
        """Whether this is a county's figure shown against the city's line (never failing)."""
        return self in (Status.BELOW_CITY_TARGET, Status.MEETS_CITY_TARGET)


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
    # What the value is held against: the target's goal, or the county's quota.
    goal: Goal
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    # How far from the goal, in the target's unit (percentage points or a count): value − the
    # bound, or for `between` 0 inside the band (see Goal.gap); None if unjudged.
    gap: float | None = None
    quota: bool = False
    source: Observation | None = None
    trend: Trend | None = None
    # For the city: counties whose figure the total lacks, and counties that gave a rate
    # without numerator and denominator, so it cannot be pooled.
    lacking: tuple[str, ...] = ()
    unpooled: tuple[str, ...] = ()
    # For a rate with both parts: the whole change in the numerator that would meet the
    # goal, the denominator held (+70: seventy more children enrolled; 0 when met).
    people: int | None = None
    # For a city rate short of its goal: the fewest counties whose reaching their lines would
    # carry it over (see carry.py); None when met, not a rate, or no such counties.
    carry: Carry | None = None
    # Whether `goal` is the county's own line (county_targets), not the plan's.
    county_line: bool = False


# A result in brief: its status and gap, known before the result is made in full.
Brief = tuple[Status, float | None]


@dataclass(frozen=True)
class CountyResult:
    """Every target judged for one county; `submitted` is False for an absent county.

    `brief` holds each result's status and gap, in the targets file's order: what a summary
    counts. The results in full are the report's to give (`Report.results_of`): held for a
    small check, made on request from the columns of a large one (see `Details`).
    """

    county: County
    brief: tuple[Brief, ...] = ()
    submitted: bool = True
    # The ids of the city-level targets the county has no part in (not among their
    # contributors, and nothing reported): left out of its results, in every format.
    apart: frozenset[str] = frozenset()

    def count(self, status: Status) -> int:
        return sum(1 for known, _ in self.brief if known is status)


class Details(ABC):
    """Where a report's results in full come from, county by county.

    A small check holds them (`HeldResults`: plain data). A national one holds tens of
    thousands, each with its source and trend, that a table summarising them never reads: the
    judge gives an explicit query over its columns instead (judge/query.py), which a renderer
    that prints results asks, a county or a batch of counties at a time. Either way the
    judge produced it and renderers only read: nothing is judged by reading a field.
    """

    @abstractmethod
    def results(self, place: int) -> Sequence[TargetResult]:
        """The results of the county at `place` in the report's counties, in the targets
        file's order (less its `apart`); none for a county that sent nothing."""


@dataclass(frozen=True)
class HeldResults(Details):
    """The results of a small check, made by the judge: plain data, by the county's place."""

    by_place: tuple[tuple[TargetResult, ...], ...] = ()

    def results(self, place: int) -> Sequence[TargetResult]:
        return self.by_place[place] if place < len(self.by_place) else ()


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
    # Each submitted county's results in full: held, or made from columns when asked.
    details: Details = field(default_factory=HeldResults)
    warnings: list[Problem] = field(default_factory=list)
    # How each input was read (encoding, sheets, layout, rows skipped), for --verbose.
    notes: list[Problem] = field(default_factory=list)
    # The one sheet of each workbook read (--sheet), or None for every sheet with a header.
    sheet: str | None = None
    # Files not read because a corrected one supersedes them (--supersede): (old, new).
    superseded: list[tuple[str, str]] = field(default_factory=list)

    def results_of(self, county: CountyResult) -> Sequence[TargetResult]:
        """The results in full of one of the report's counties (none if it sent nothing)."""
        if not county.submitted:
            return ()
        return self.details.results(self._places[id(county)])

    @cached_property
    def _places(self) -> dict[int, int]:
        # By identity, not name: a copy whose names are shown visibly asks by the same places.
        return {id(county): place for place, county in enumerate(self.counties)}

    def results(self) -> Iterator[TargetResult]:
        """Every judged result: each county's, then the city's."""
        for county in self.counties:
            yield from self.results_of(county)
        yield from self.city or ()

    @property
    def not_submitted(self) -> list[County]:
        return [result.county for result in self.counties if not result.submitted]

    def statuses(self) -> Iterator[Status]:
        """The status of every judged result, without making the results."""
        for county in self.counties:
            for status, _ in county.brief:
                yield status
        for result in self.city or ():
            yield result.status

    @cached_property
    def _tally(self) -> Counter[Status]:
        # A report never changes, and a national one holds 85,500 statuses: count them once
        # for the verdict, the exit code and every renderer's summary.
        return Counter(self.statuses())

    @property
    def failures(self) -> int:
        failing = sum(count for status, count in self._tally.items() if status.fails)
        return failing + len(self.not_submitted)

    @property
    def warning_count(self) -> int:
        return self._tally[Status.WARNING]

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

    def run_digest(self, strict: bool = False) -> str:
        """The SHA-256 (hex) of what decides this run's reports: planctl's version, the
        targets file's and every submission's SHA-256, and the choices that change the
        verdict (year, view, counties judged, sheet, strict).

        Every report of one run carries it, so a set of reports that mixes two runs (one
        killed between renaming two of them) shows it; two runs of the same inputs and
        choices give the same digest, as they give the same bytes.
        """
        facts = {
            "planctl": __version__,
            "targets": self.targets.sha256,
            "submissions": [read.sha256 for read in self.inputs],
            "year": self.year,
            "view": self.view.value,
            "counties": [county.county.name for county in self.counties],
            "sheet": self.sheet,
            "strict": strict,
        }
        if self.superseded:
            # Only when given, so a run without --supersede keeps the digest it had.
            facts["superseded"] = self.superseded
        encoded = json.dumps(facts, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()
