"""The JSON report: every fact of a check, versioned, for programs to read.

The document is described by the pydantic models below; `report_schema()` turns them into
the JSON Schema that the package ships (`planctl schema report` prints it, and a test keeps
the shipped copy equal to these models). Each result carries its target's threshold,
comparator, unit, strength, level and provenance, so a program can rebuild any other view
from one result alone. Numbers are written as computed, unrounded; `null` means "none".
Bump `SCHEMA_VERSION` on any change a reader could trip over.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from planctl import __version__
from planctl.domain.goal import Goal
from planctl.domain.problems import Problem, Severity
from planctl.domain.terms import Comparator, Level, Strength, Unit, UnitKind
from planctl.judge.carry import Carry
from planctl.judge.report import CountyResult, Report, Status, TargetResult, Verdict, View
from planctl.judge.trends import Category, Pace, Progress, Trend
from planctl.read.submissions import Observation
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
    """The document's text in pieces, a county at a time, every string made `json_visible`.

    The document is written as pydantic's serializer writes the plain data of the models
    below (the same text as json.dumps(ensure_ascii=False, indent=2)); a test holds the text
    to the models. All but the counties is serialized as one document; a national report's
    85,500 county results and million trend points are written by `_Results`, which splices
    text encoded once a target (names, comparator, unit, provenance) with each result's own
    figures, so that neither a dict of each result nor the whole text is ever made.
    """
    document = to_json(_document(report, options, []), indent=2).decode("utf-8")
    # Only the document's own key sits at two spaces' indent, and a string holds no raw
    # line end: this is the one place the counties go.
    before, after = document.split(_NO_COUNTIES)
    if not report.counties:
        yield json_visible(before + _NO_COUNTIES + after) + "\n"
        return
    yield json_visible(before) + '\n  "counties": [\n    '
    results = _Results(indent=8)
    for place, county in enumerate(report.counties):
        text = results.county(county, report.results_of(county))
        yield text if place == 0 else ",\n    " + text
    yield "\n  ],\n" + json_visible(after) + "\n"


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


def _result(result: TargetResult) -> dict[str, Any]:
    target = result.target
    source = result.source
    return {
        "target": target.id,
        "name_zh": target.name_zh,
        "name_en": target.name_en,
        "status": result.status,
        "fails": result.status.fails,
        "value": result.value,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "threshold": threshold_of(result.goal),
        "quota": result.quota,
        "county_target": result.county_line,
        "comparator": target.comparator,
        "unit": target.unit,
        "gap": result.gap,
        "strength": target.strength,
        "level": target.level,
        "trend": _trend(result.trend) if result.trend is not None else None,
        "provenance": _provenance(target.provenance),
        "source": {
            "path": source.path,
            "line": source.line,
            "year": source.year,
            "note": source.note,
        }
        if source is not None
        else None,
        "lacking": list(result.lacking),
        "unpooled": list(result.unpooled),
        "people": result.people,
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


def threshold_of(goal: Goal) -> float | dict[str, float]:
    """The threshold as the targets file writes it: a number, or {min, max} for between."""
    if goal.high is None:
        return goal.threshold
    return {"min": goal.threshold, "max": goal.high}


def _trend(trend: Trend) -> dict[str, Any]:
    pace = trend.pace
    return {
        "points": [
            {"year": year, "value": value, "source": trend.outside.get(year)}
            for year, value in trend.points
        ],
        "pace": {
            "since_year": pace.since_year,
            "since_value": pace.since_value,
            "achieved_per_year": pace.achieved_per_year,
            "needed_per_year": pace.needed_per_year,
            "years_left": pace.years_left,
            "needed_from_now_per_year": pace.needed_from_now_per_year,
        }
        if pace is not None
        else None,
        "progress": _progress(trend.progress) if trend.progress is not None else None,
    }


def _progress(progress: Progress) -> dict[str, Any]:
    # Not dataclasses.asdict, which copies deeply: 5% of a national report's time.
    return {
        "category": progress.category,
        "ratio": progress.ratio,
        "projected": progress.projected,
        "year": progress.year,
        "compound": progress.compound,
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


def _number(value: object) -> str:
    """A number (or null, or a flag) as pydantic's serializer writes it: Python's repr of a
    float where that is plain decimals, the serializer's own text otherwise (`1e-7`, not
    `1e-07`; `0.00001`, not `1e-05`)."""
    kind = type(value)
    if kind is float:
        written = repr(value)
        if "e" in written or "n" in written:  # exponents, inf, nan
            return to_json(value).decode("ascii")
        return written
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    return to_json(value).decode("utf-8")


class _Results:
    """The JSON text of results, at one indent, encoded with as little work a result as can
    be: what is the same for every result of a target is encoded once, strings once each."""

    def __init__(self, indent: int) -> None:
        self.indent = indent
        self._inner = "\n" + " " * (indent + 2)
        # By identity; each entry keeps its target, so its id is never another's.
        self._targets: dict[int, tuple[Target, tuple[str, str, str, str]]] = {}
        self._strings: dict[str, str] = {}
        self._statuses: dict[Status, str] = {}
        # Each year's point up to its value, and its end, at the trend's indent.
        self._years: dict[int, str] = {}
        at = " " * (indent + 6)
        self._point_end = f',\n{at}  "source": null\n{at}}}'
        self._point_source = f',\n{at}  "source": '
        self._point_close = f"\n{at}}}"

    def county(self, county: CountyResult, results: Sequence[TargetResult]) -> str:
        """A county's object, at four spaces' indent."""
        head = _county(county, ())
        text = json_visible(to_json(head, indent=2).decode("utf-8").replace("\n", "\n    "))
        if not results:
            return text
        assert text.endswith(_EMPTY_RESULTS)
        items = ",\n        ".join([self.result(result) for result in results])
        return f"{text[: -len(_EMPTY_RESULTS)]}[\n        {items}\n      ]\n    }}"

    def string(self, value: str) -> str:
        known = self._strings.get(value)
        if known is None:
            known = self._strings[value] = json_visible(to_json(value).decode("utf-8"))
        return known

    def result(self, result: TargetResult) -> str:
        target = result.target
        known = self._targets.get(id(target))
        if known is None or known[0] is not target:
            known = self._targets[id(target)] = (target, self._fixed(target))
        head, middle, tail, provenance = known[1]
        status = self._statuses.get(result.status)
        if status is None:
            status = self._statuses[result.status] = self.string(result.status.value)
        n = "," + self._inner
        source = result.source
        trend = result.trend
        carry = result.carry
        return "".join(
            [
                head,
                status,
                n,
                '"fails": ',
                "true" if result.status.fails else "false",
                n,
                '"value": ',
                _number(result.value),
                n,
                '"numerator": ',
                _number(result.numerator),
                n,
                '"denominator": ',
                _number(result.denominator),
                n,
                '"threshold": ',
                self._threshold(result.goal),
                n,
                '"quota": ',
                "true" if result.quota else "false",
                n,
                '"county_target": ',
                "true" if result.county_line else "false",
                middle,
                _number(result.gap),
                tail,
                "null" if trend is None else self._trend(trend),
                provenance,
                n,
                '"source": ',
                "null" if source is None else self._source(source),
                n,
                '"lacking": ',
                self._names(result.lacking),
                n,
                '"unpooled": ',
                self._names(result.unpooled),
                n,
                '"people": ',
                _number(result.people),
                n,
                '"carry": ',
                "null" if carry is None else self._nested(_carry(carry), self.indent + 2),
                "\n",
                " " * self.indent,
                "}",
            ]
        )

    def _fixed(self, target: Target) -> tuple[str, str, str, str]:
        """A target's text: up to its status; from the comparator to the gap; from the
        strength to the trend; and its provenance, after the trend."""
        n = self._inner
        head = (
            f"{{{n}"
            f'"target": {self.string(target.id)},{n}'
            f'"name_zh": {self.string(target.name_zh)},{n}'
            f'"name_en": {self.string(target.name_en)},{n}'
            '"status": '
        )
        middle = (
            f",{n}"
            f'"comparator": {self.string(target.comparator.value)},{n}'
            f'"unit": {self.string(target.unit.value)},{n}'
            '"gap": '
        )
        tail = (
            f",{n}"
            f'"strength": {self.string(target.strength.value)},{n}'
            f'"level": {self.string(target.level.value)},{n}'
            '"trend": '
        )
        provenance = self._nested(_provenance(target.provenance), self.indent + 2)
        return head, middle, tail, f',{n}"provenance": {provenance}'

    def _threshold(self, goal: Goal) -> str:
        if goal.high is None:
            return _number(goal.threshold)
        at = " " * (self.indent + 2)
        return (
            f'{{\n{at}  "min": {_number(goal.threshold)},\n'
            f'{at}  "max": {_number(goal.high)}\n{at}}}'
        )

    def _nested(self, value: Any, indent: int) -> str:
        """Any plain data, as the serializer writes it at `indent` (for what is rare or the
        same for many results: a target's provenance, a city's carry)."""
        text = to_json(value, indent=2).decode("utf-8").replace("\n", "\n" + " " * indent)
        return json_visible(text)

    def _names(self, names: tuple[str, ...]) -> str:
        if not names:
            return "[]"
        return self._nested(list(names), self.indent + 2)

    def _source(self, source: Observation) -> str:
        return _flat(
            self._inner + "  ",
            (
                ("path", self.string(source.path)),
                ("line", _number(source.line)),
                ("year", _number(source.year)),
                ("note", self.string(source.note)),
            ),
        )

    def _trend(self, trend: Trend) -> str:
        at = self._inner + "  "
        outside = trend.outside
        years = self._years
        points = []
        # The values written by the serializer in one call, as a list (a number holds no
        # comma): a national report has a million.
        values = to_json([value for _, value in trend.points]).decode("utf-8")[1:-1].split(",")
        for (year, _), value in zip(trend.points, values if trend.points else [], strict=True):
            start = years.get(year)
            if start is None:
                start = years[year] = self._point_start(year)
            if outside and year in outside:
                end = self._point_source + self.string(outside[year]) + self._point_close
            else:
                end = self._point_end
            points.append(start + value + end)
        pace = trend.pace
        progress = trend.progress
        items = at + "  "
        return "".join(
            [
                "{",
                at,
                '"points": [',
                f"{items}{(',' + items).join(points)}{at}]," if points else "],",
                at,
                '"pace": ',
                "null" if pace is None else self._pace(pace),
                ",",
                at,
                '"progress": ',
                "null" if progress is None else self._progress(progress),
                self._inner,
                "}",
            ]
        )

    def _point_start(self, year: int) -> str:
        at = " " * (self.indent + 8)
        return f'{{\n{at}"year": {_number(year)},\n{at}"value": '

    def _pace(self, pace: Pace) -> str:
        return _flat(
            self._inner + "    ",
            (
                ("since_year", _number(pace.since_year)),
                ("since_value", _number(pace.since_value)),
                ("achieved_per_year", _number(pace.achieved_per_year)),
                ("needed_per_year", _number(pace.needed_per_year)),
                ("years_left", _number(pace.years_left)),
                ("needed_from_now_per_year", _number(pace.needed_from_now_per_year)),
            ),
        )

    def _progress(self, progress: Progress) -> str:
        return _flat(
            self._inner + "    ",
            (
                ("category", self.string(progress.category.value)),
                ("ratio", _number(progress.ratio)),
                ("projected", _number(progress.projected)),
                ("year", _number(progress.year)),
                ("compound", _number(progress.compound)),
            ),
        )


def _flat(at: str, fields: tuple[tuple[str, str], ...]) -> str:
    """An object of values already written, its keys at `at` (a line end and an indent), its
    closing brace two spaces before them."""
    inner = ",".join([f'{at}"{key}": {value}' for key, value in fields])
    return f"{{{inner}{at[:-2]}}}"


# The end of a county's object with no results, as the serializer writes it.
_EMPTY_RESULTS = "[]\n    }"
