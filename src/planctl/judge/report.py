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
from typing import TYPE_CHECKING, Any, overload

from planctl import __version__
from planctl.domain.goal import Goal
from planctl.domain.problems import Problem
from planctl.judge.carry import Carry
from planctl.read.submissions import Observation
from planctl.targets.models import County, Target, TargetSet

if TYPE_CHECKING:
    import polars as pl

    from planctl.judge.trends import Trend


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
# A county's results in brief: a tuple, or a view of a large check's columns (ColumnBrief).
Briefs = Sequence[Brief]
# The statuses in the order their codes number them in a large check's columns.
STATUSES = tuple(Status)
STATUS_CODE = {status: code for code, status in enumerate(STATUSES)}


class BriefColumns:
    """Every submitted county's results in brief, held in columns: a national check's 85,500
    statuses and gaps made by polars (see judge/columns.py), counted without an object each.

    `frame` holds one row per result, in the report's order of counties then the targets
    file's: place (the county's in the report), target (its position in the targets file),
    status (its code: its position in STATUSES) and gap.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self._spans: dict[int, tuple[int, int]] | None = None
        self._lists: tuple[list[int], list[float | None]] | None = None

    def of(self, place: int) -> ColumnBrief:
        """The results in brief of the county at `place`."""
        if self._spans is None:
            self._spans, start = {}, 0
            runs = self.frame.get_column("place").rle()
            for length, at in zip(*(runs.struct.field(f) for f in ("len", "value")), strict=True):
                self._spans[at] = (start, start + length)
                start += length
        start, stop = self._spans.get(place, (0, 0))
        return ColumnBrief(self, start, stop)

    def rows(self, start: int, stop: int) -> list[Brief]:
        """The results in brief from `start` to `stop`, made as a renderer asks."""
        if self._lists is None:
            self._lists = (
                self.frame.get_column("status").to_list(),
                self.frame.get_column("gap").to_list(),
            )
        codes, gaps = self._lists
        return [
            (STATUSES[code], gap)
            for code, gap in zip(codes[start:stop], gaps[start:stop], strict=True)
        ]

    def by_target(
        self, named: Sequence[Status], first: int
    ) -> tuple[
        dict[tuple[int, Status], int], dict[tuple[int, Status], list[tuple[int, float | None]]]
    ]:
        """How many results of each target (by its position) have each status; and of each
        target's results with a `named` status, the `first` farthest from their goal (then in
        the report's order), each as its county's place and its gap."""
        pl = _polars()
        frame = self.frame
        counts = {
            (target, STATUSES[code]): count
            for target, code, count in frame.group_by("target", "status").len().iter_rows()
        }
        codes = pl.Series([STATUS_CODE[status] for status in named], dtype=pl.UInt8)
        farthest = (
            frame.filter(pl.col("status").is_in(codes.implode()))
            .with_columns((-pl.col("gap").fill_null(0.0).abs()).alias("far"))
            .sort("target", "status", "far", "place")
            .group_by("target", "status", maintain_order=True)
            .head(first)
        )
        worst: dict[tuple[int, Status], list[tuple[int, float | None]]] = {}
        for target, code, place, gap in farthest.select(
            "target", "status", "place", "gap"
        ).iter_rows():
            worst.setdefault((target, STATUSES[code]), []).append((place, gap))
        return counts, worst

    def tally(self) -> Counter[Status]:
        """How many results have each status."""
        counts = self.frame.get_column("status").value_counts()
        return Counter({STATUSES[code]: count for code, count in counts.iter_rows()})


def _polars() -> Any:
    """polars, which a report in columns was made with (never imported for a small check)."""
    import polars

    return polars


class ColumnBrief(Sequence[Brief]):
    """A county's results in brief, read from the check's BriefColumns when asked."""

    def __init__(self, columns: BriefColumns, start: int, stop: int) -> None:
        self._columns, self._start, self._stop = columns, start, stop

    def _rows(self) -> list[Brief]:
        return self._columns.rows(self._start, self._stop)

    def __len__(self) -> int:
        return self._stop - self._start

    @overload
    def __getitem__(self, index: int) -> Brief: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Brief]: ...
    def __getitem__(self, index: int | slice) -> Brief | Sequence[Brief]:
        return self._rows()[index]

    def __iter__(self) -> Iterator[Brief]:
        return iter(self._rows())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


@dataclass(frozen=True)
class CountyResult:
    """Every target judged for one county; `submitted` is False for an absent county.

    `brief` holds each result's status and gap, in the targets file's order: what a summary
    counts. The results in full are the report's to give (`Report.results_of`): held for a
    small check, made on request from the columns of a large one (see `Details`).
    """

    county: County
    brief: Briefs = ()
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
    # A large check's results in brief, in columns (each county's `brief` a view of them).
    briefs: BriefColumns | None = None
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
        if self.briefs is None:
            return Counter(self.statuses())
        return self.briefs.tally() + Counter(result.status for result in self.city or ())

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
