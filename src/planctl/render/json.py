"""The JSON report: every fact of a check, versioned, for programs to read.

The document is described by the pydantic models below; `report_schema()` turns them into
the JSON Schema that the package ships (`planctl schema report` prints it, and a test keeps
the shipped copy equal to these models). Each result carries its target's threshold,
comparator, unit, strength, level and provenance, so a program can rebuild any other view
from one result alone. Numbers are written as computed, unrounded; `null` means "none".
Bump `SCHEMA_VERSION` on any change a reader could trip over.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from planctl import __version__
from planctl.domain.problems import Problem, Severity
from planctl.domain.terms import Comparator, Level, Strength, Unit, UnitKind
from planctl.judge.carry import Carry
from planctl.judge.report import CountyResult, Report, Status, TargetResult, Verdict, View
from planctl.judge.trends import Category, Progress, Trend
from planctl.render.options import RenderOptions
from planctl.render.visible import json_visible
from planctl.targets.construct import plain
from planctl.targets.models import Bounds, Plan, Provenance, Target, TargetSet

SCHEMA_VERSION = 4


class _Document(BaseModel):
    # defer_build: render_json writes plain data (see there); the models only describe it,
    # for the schema and the tests, and building their validators at import took 40 ms.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class InputDocument(_Document):
    """A file the check read."""

    path: str = Field(description="The path as given on the command line.")
    sha256: str = Field(description="SHA-256 of the file's bytes, in hex.")
    encoding: str | None = Field(description="How the text was decoded; null for the targets.")


class Inputs(_Document):
    """What the check read: the targets file and every submission."""

    targets: InputDocument
    submissions: list[InputDocument]


class TrendPoint(_Document):
    year: int
    value: float
    source: str | None = Field(
        description="For a point not from the submissions (the targets file's baseline, from "
        "outside the plan and the counties' figures): where it comes from; null for the "
        "counties' own figures."
    )


class PaceDocument(_Document):
    """How fast a figure moved since its earliest year, against how fast it had to move."""

    since_year: int
    since_value: float
    achieved_per_year: float = Field(description="In the target's unit per year.")
    needed_per_year: float | None = Field(
        description="The steady pace that would have met the target by its deadline."
    )
    years_left: int
    needed_from_now_per_year: float | None


class ProgressDocument(_Document):
    """Where the trend is heading, by Statistics Canada's method as Open SDG applies it."""

    category: Category
    ratio: float | None = Field(
        description="Observed over needed growth (compound annual rates, or linear paces when "
        "`compound` is false); null when the goal is met or no growth was needed."
    )
    projected: float = Field(description="The value in `year` if the observed growth holds.")
    year: int = Field(description="The deadline, or the year judged once it has passed.")
    compound: bool


class TrendDocument(_Document):
    points: list[TrendPoint] = Field(description="Values by year, oldest first.")
    pace: PaceDocument | None
    progress: ProgressDocument | None


class SourceDocument(_Document):
    """Where a county wrote the figure."""

    path: str
    line: int
    year: int | None = Field(description="The row's year column; null when the row had none.")
    note: str


class ResultDocument(_Document):
    """One target judged for one county or for the city; self-contained."""

    target: str = Field(description="The target's id.")
    name_zh: str
    name_en: str
    status: Status
    fails: bool = Field(description="Whether this result alone makes the check fail.")
    value: float | None
    numerator: float | None
    denominator: float | None
    threshold: float | Bounds = Field(
        description="What the value is held against: a number, or for comparator between "
        "the bounds {min, max}, both inclusive."
    )
    quota: bool = Field(description="Whether `threshold` is the county's quota of a city target.")
    county_target: bool = Field(
        description="Whether `threshold` is the county's own line (county_targets, "
        "--county-targets), not the plan's."
    )
    comparator: Comparator
    unit: Unit
    gap: float | None = Field(
        description="value − threshold in the unit (for between: 0 inside the bounds, else "
        "value − the nearer bound); null when unjudged."
    )
    strength: Strength
    level: Level
    trend: TrendDocument | None
    provenance: Provenance
    source: SourceDocument | None
    lacking: list[str] = Field(description="City: counties whose figure the total lacks.")
    unpooled: list[str] = Field(
        description="City: counties that gave a rate without numerator and denominator."
    )
    people: int | None = Field(
        description="For a rate with numerator and denominator: the whole change in the "
        "numerator (people, schools, in its own unit) that would meet what the value is held "
        "against, the denominator held (for unit ratio, the change in the denominator, "
        "teachers for a pupil-teacher ratio, the numerator held); positive for more, negative "
        "for fewer, 0 when met or when no whole change meets it; null without both parts."
    )
    carry: CarryDocument | None = Field(
        description="City: for a rate short of its goal, the fewest counties (then the "
        "fewest people) whose reaching their lines would make the city meet it; null when "
        "met, not a pooled rate, or when no such counties exist."
    )


class CarryCountyDocument(_Document):
    county: str
    people: int = Field(description="The people the county is short of its line.")


class CarryDocument(_Document):
    """The fewest counties whose reaching their lines would carry the city over its goal."""

    counties: list[CarryCountyDocument]
    people: int = Field(description="The people they would add in all.")
    numerator: float = Field(description="The city's numerator if they did.")
    denominator: float
    value: float = Field(description="The city's rate if they did.")


class CountyDocument(_Document):
    name: str
    name_en: str
    kind: UnitKind = Field(
        description="The kind of reporting unit: county (县市区), city_run (市直学校) or zone "
        "(a development zone), as the targets file declares it. New in version 4."
    )
    submitted: bool
    results: list[ResultDocument]


class CityDocument(_Document):
    name: str
    name_en: str
    includes: list[str] = Field(
        description="The reporting units whose figures the city totals may add, in the "
        "targets file's order (a unit with in_city_total: false is not among them; a target's "
        "contributors, and a unit's reports, narrow it further). New in version 4."
    )
    results: list[ResultDocument]


class ProblemDocument(_Document):
    """A warning about the input; the check went on."""

    code: str
    path: str
    line: int | None
    field: str | None
    level: Severity
    message: str


class SupersededDocument(_Document):
    old: str = Field(description="The file replaced, as named; it was not read.")
    new: str = Field(description="The corrected file that replaces it, read in its place.")


class ReportDocument(_Document):
    """The outcome of `planctl check`: what was read, what was judged, and the verdict."""

    schema_version: Literal[4]
    planctl_version: str
    run_digest: str = Field(
        description=(
            "SHA-256 (hex) of planctl's version, the targets file's and every submission's "
            "SHA-256 and the choices that change the verdict (year, view, counties judged, "
            "sheet, strict): every report of one run carries the same. New in version 2."
        )
    )
    view: View = Field(description="county: each county judged alone; city: the city too.")
    superseded: list[SupersededDocument] = Field(
        description="Files not read because a corrected file supersedes them (--supersede)."
    )
    year: int = Field(description="The year whose figures were judged.")
    verdict: Verdict = Field(description="fail: a result fails; warn: only warnings.")
    strict: bool = Field(description="Whether --strict made warnings fail.")
    exit_code: Literal[0, 1]
    failures: int
    warnings: int
    plan: Plan
    inputs: Inputs
    targets: list[Target] = Field(description="The targets file's targets, in its order.")
    counties: list[CountyDocument]
    city: CityDocument | None = Field(description="The city's results; null in the county view.")
    problems: list[ProblemDocument] = Field(description="Warnings about the input.")


def render_json(report: Report, options: RenderOptions) -> Iterator[str]:
    """The document's text in pieces, a county at a time (`json_pieces`, decoded)."""
    for piece in json_pieces(report, options):
        yield piece.decode("utf-8")


def json_pieces(report: Report, options: RenderOptions) -> Iterator[bytes]:
    """The document's UTF-8 text in pieces, a county at a time, every string made
    `json_visible`: a report file's bytes, and what stdout is given.

    The document is written as pydantic's serializer writes the plain data of the models
    below (the same text as json.dumps(ensure_ascii=False, indent=2)); a test holds the text
    to the models. All but the counties is serialized as one document; a national report's
    85,500 county results and million trend points are written by `_Results`, which fills
    templates of each result's shape with its own figures, so that neither a dict of each
    result nor the whole text is ever made, and the text is made as bytes (231 MB of text,
    encoded once more, cost a tenth of its writing).
    """
    document = to_json(_document(report, options, []), indent=2).decode("utf-8")
    # Only the document's own key sits at two spaces' indent, and a string holds no raw
    # line end: this is the one place the counties go.
    before, after = document.split(_NO_COUNTIES)
    if not report.counties:
        yield (json_visible(before + _NO_COUNTIES + after) + "\n").encode("utf-8")
        return
    yield (json_visible(before) + '\n  "counties": [\n    ').encode("utf-8")
    results = _Results(indent=8)
    for place, county in enumerate(report.counties):
        text = results.county(county, report.results_of(county))
        yield text if place == 0 else b",\n    " + text
    yield ("\n  ],\n" + json_visible(after) + "\n").encode("utf-8")


_NO_COUNTIES = '\n  "counties": [],\n'


def build_document(report: Report, options: RenderOptions) -> dict[str, Any]:
    """The report as the JSON document, in the shape ReportDocument describes."""
    counties = [_county(county, report.results_of(county)) for county in report.counties]
    return _document(report, options, counties)


def _document(
    report: Report, options: RenderOptions, counties: list[dict[str, Any]]
) -> dict[str, Any]:
    targets = report.targets
    return {
        "schema_version": SCHEMA_VERSION,
        "planctl_version": __version__,
        "run_digest": report.run_digest(options.strict),
        "view": report.view,
        "superseded": [{"old": old, "new": new} for old, new in report.superseded],
        "year": report.year,
        "verdict": report.verdict(),
        "strict": options.strict,
        "exit_code": 1 if report.exit_code(options.strict) else 0,
        "failures": report.failures,
        "warnings": report.warning_count,
        "plan": plain(targets.plan),
        "inputs": {
            "targets": {"path": targets.display, "sha256": targets.sha256, "encoding": None},
            "submissions": [
                {"path": f.display, "sha256": f.sha256, "encoding": f.encoding}
                for f in report.inputs
            ],
        },
        "targets": plain(targets.targets),
        "counties": counties,
        "city": _city(targets, report.city) if report.city is not None else None,
        "problems": [_problem(problem) for problem in report.warnings],
    }


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the document `render_json` writes (planctl.schemas adds the dialect)."""
    return ReportDocument.model_json_schema(mode="serialization")


def _county(county: CountyResult, results: Sequence[TargetResult]) -> dict[str, Any]:
    return {
        "name": county.county.name,
        "name_en": county.county.name_en,
        "kind": county.county.kind,
        "submitted": county.submitted,
        "results": [_result(result) for result in results],
    }


def _city(targets: TargetSet, results: list[TargetResult]) -> dict[str, Any]:
    city = targets.spec.city
    return {
        "name": city.name,
        "name_en": city.name_en,
        "includes": [unit.name for unit in targets.counties if unit.in_city_total],
        "results": [_result(result) for result in results],
    }


def _as_is(value: Any) -> Any:
    return value


# What `_result` does with each value that differs between results of one shape: the plain
# data takes it as it is; `_Results` puts a mark where it goes, to make a template.
Slot = Callable[[Any], Any]


def _result(result: TargetResult, slot: Slot = _as_is) -> dict[str, Any]:
    """A result as plain data: the one statement of a result's keys, their order and which
    values are its slots (see `Slot`; `_Results.add_slots` gives them in this order)."""
    target = result.target
    source = result.source
    goal = result.goal
    return {
        "target": target.id,
        "name_zh": target.name_zh,
        "name_en": target.name_en,
        "status": result.status,
        "fails": result.status.fails,
        "value": slot(result.value),
        "numerator": slot(result.numerator),
        "denominator": slot(result.denominator),
        # The threshold as the targets file writes it: a number, or {min, max} for between.
        "threshold": slot(goal.threshold)
        if goal.high is None
        else {"min": slot(goal.threshold), "max": slot(goal.high)},
        "quota": slot(result.quota),
        "county_target": slot(result.county_line),
        "comparator": target.comparator,
        "unit": target.unit,
        "gap": slot(result.gap),
        "strength": target.strength,
        "level": target.level,
        "trend": _trend(result.trend, slot) if result.trend is not None else None,
        "provenance": _provenance(target.provenance),
        "source": {
            "path": slot(source.path),
            "line": slot(source.line),
            "year": slot(source.year),
            "note": slot(source.note),
        }
        if source is not None
        else None,
        "lacking": list(result.lacking),
        "unpooled": list(result.unpooled),
        "people": slot(result.people),
        "carry": _carry(result.carry) if result.carry is not None else None,
    }


# A target's provenance as plain data, made once a target and not once a result (a national
# report has 85,500); each entry keeps its model, so its id is never another's.
_PROVENANCE: dict[int, tuple[Provenance, dict[str, Any]]] = {}


def _provenance(provenance: Provenance) -> dict[str, Any]:
    known = _PROVENANCE.get(id(provenance))
    if known is None or known[0] is not provenance:
        known = _PROVENANCE[id(provenance)] = (provenance, plain(provenance))
    return known[1]


def _carry(carry: Carry) -> dict[str, Any]:
    return {
        "counties": [{"county": county, "people": people} for county, people in carry.counties],
        "people": carry.people,
        "numerator": carry.numerator,
        "denominator": carry.denominator,
        "value": carry.value,
    }


def _trend(trend: Trend, slot: Slot = _as_is) -> dict[str, Any]:
    pace = trend.pace
    return {
        "points": [
            {"year": year, "value": slot(value), "source": trend.outside.get(year)}
            for year, value in trend.points
        ],
        "pace": {
            "since_year": slot(pace.since_year),
            "since_value": slot(pace.since_value),
            "achieved_per_year": slot(pace.achieved_per_year),
            "needed_per_year": slot(pace.needed_per_year),
            "years_left": slot(pace.years_left),
            "needed_from_now_per_year": slot(pace.needed_from_now_per_year),
        }
        if pace is not None
        else None,
        "progress": _progress(trend.progress, slot) if trend.progress is not None else None,
    }


def _progress(progress: Progress, slot: Slot = _as_is) -> dict[str, Any]:
    # Not dataclasses.asdict, which copies deeply: 5% of a national report's time.
    return {
        "category": progress.category,
        "ratio": slot(progress.ratio),
        "projected": slot(progress.projected),
        "year": slot(progress.year),
        "compound": slot(progress.compound),
    }


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code.value,
        "path": problem.path,
        "line": problem.line,
        "field": problem.field,
        "level": problem.level,
        "message": problem.message,
    }


class _Results:
    """The UTF-8 text of a county's results, written with as little work a result as can be.

    Results of one shape (target, status, kind of threshold, trend's years and parts, whether
    it has a source) differ only in their slots (see `_result`): each shape's text is written
    once, by the serializer, as a template with a `%s` in each slot, and encoded once. A
    county's slot values are then written by the serializer in one call, as one list (a
    number holds no comma), and its results' templates filled by one `%`.
    """

    def __init__(self, indent: int) -> None:
        self._indent = "\n" + " " * indent
        # By shape; each entry keeps its target, so the id in its key is never another's.
        self._templates: dict[tuple[Any, ...], tuple[Target, bytes]] = {}
        self._strings: dict[str, bytes] = {}

    def county(self, county: CountyResult, results: Sequence[TargetResult]) -> bytes:
        """A county's object, at four spaces' indent."""
        head = to_json(_county(county, ()), indent=2).decode("utf-8").replace("\n", "\n    ")
        text = json_visible(head).encode("utf-8")
        if not results:
            return text
        assert text.endswith(_EMPTY_RESULTS)
        values: list[Any] = []
        strings: list[tuple[int, bytes]] = []
        templates = [self.template(result, values, strings) for result in results]
        written = to_json(values)[1:-1].split(b",") if values else []
        for at, string in strings:
            written[at] = string
        items = b",\n        ".join(templates) % tuple(written)
        return b"%s[\n        %s\n      ]\n    }" % (text[: -len(_EMPTY_RESULTS)], items)

    def string(self, value: str) -> bytes:
        """A string's JSON text (a slot's: a source's path or note)."""
        known = self._strings.get(value)
        if known is None:
            text = json_visible(to_json(value).decode("utf-8"))
            known = self._strings[value] = text.encode("utf-8")
        return known

    def template(
        self, result: TargetResult, values: list[Any], strings: list[tuple[int, bytes]]
    ) -> bytes:
        """The result's template; its slots' values added to `values`, where a string's
        place holds None and `strings` its place and text."""
        if result.carry is not None:  # the city's, never a county's: written whole
            return self._text(_result(result)).replace("%", "%%").encode("utf-8")
        target = result.target
        goal = result.goal
        # The slots in `_result`'s order; what is not a slot, in the key.
        values += (result.value, result.numerator, result.denominator, goal.threshold)
        if goal.high is not None:
            values.append(goal.high)
        values += (result.quota, result.county_line, result.gap)
        trend = result.trend
        shape = None if trend is None else _add_trend(trend, values)
        source = result.source
        if source is not None:
            # Most often known: looked up here rather than by a call a result.
            known_strings = self._strings
            path = known_strings.get(source.path) or self.string(source.path)
            note = known_strings.get(source.note) or self.string(source.note)
            strings += ((len(values), path), (len(values) + 3, note))
            values += (None, source.line, source.year, None)
        values.append(result.people)
        key = (
            id(target),
            result.status,
            goal.high is None,
            shape,
            source is None,
            result.lacking,
            result.unpooled,
        )
        known = self._templates.get(key)
        if known is None or known[0] is not target:
            known = self._templates[key] = (target, self._template(result).encode("utf-8"))
        return known[1]

    def _template(self, result: TargetResult) -> str:
        """The result's text with a `%s` in each slot (and every `%` of its own text doubled)."""
        for attempt in itertools.count():
            # A mark that no string of the result's own text is taken for.
            mark = f"\x00{attempt}"
            data, slots = _marked(result, mark)
            text = self._text(data)
            marked = to_json(mark).decode("utf-8")
            if text.count(marked) == slots:
                return text.replace("%", "%%").replace(marked, "%s")
        raise AssertionError("unreachable")

    def _text(self, data: dict[str, Any]) -> str:
        """Plain data as the serializer writes it, at the results' indent."""
        return json_visible(to_json(data, indent=2).decode("utf-8").replace("\n", self._indent))


def _add_trend(trend: Trend, values: list[Any]) -> tuple[Any, ...]:
    """A trend's slots added to `values`, in `_trend`'s order; what is not a slot: its shape."""
    points = trend.points
    years: tuple[int, ...] = ()
    if points:
        years, figures = zip(*points, strict=True)
        values += figures
    pace = trend.pace
    if pace is not None:
        values += (pace.since_year, pace.since_value, pace.achieved_per_year)
        values += (pace.needed_per_year, pace.years_left, pace.needed_from_now_per_year)
    progress = trend.progress
    if progress is not None:
        values += (progress.ratio, progress.projected, progress.year, progress.compound)
    category = None if progress is None else progress.category
    outside = tuple(trend.outside.items()) if trend.outside else ()
    return years, pace is None, category, outside


def _marked(result: TargetResult, mark: str) -> tuple[dict[str, Any], int]:
    """The result's plain data with `mark` in each slot; how many slots it has."""
    slots = 0

    def slot(_: Any) -> str:
        nonlocal slots
        slots += 1
        return mark

    return _result(result, slot), slots


# The end of a county's object with no results, as the serializer writes it.
_EMPTY_RESULTS = b"[]\n    }"
