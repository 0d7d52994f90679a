"""The JSON report: every fact of a check, versioned, for programs to read.

The document is described by the pydantic models below; `report_schema()` turns them into
the JSON Schema that the package ships (`planctl schema report` prints it, and a test keeps
the shipped copy equal to these models). Each result carries its target's threshold,
comparator, unit, strength, level and provenance, so a program can rebuild any other view
from one result alone. Numbers are written as computed, unrounded; `null` means "none".
Bump `SCHEMA_VERSION` on any change a reader could trip over.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from planctl import __version__
from planctl.domain.goal import Goal
from planctl.domain.problems import Problem, Severity
from planctl.domain.terms import Comparator, Level, Strength, Unit, UnitKind
from planctl.judge.carry import Carry
from planctl.judge.report import CountyResult, Report, Status, TargetResult, Verdict, View
from planctl.judge.trends import Category, Progress, Trend
from planctl.render.options import RenderOptions
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


def render_json(report: Report, options: RenderOptions) -> str:
    # The document is built as plain dicts in the models' field order and written by
    # pydantic's serializer (the same text as json.dumps(ensure_ascii=False, indent=2)): a
    # national report holds 85,500 results and a million trend points, and making a model
    # of each would take longer than the whole check. A test holds the text to the models.
    # The counties are written one at a time into their place in the document, so that the
    # dicts of no more than one county's results exist at once (a national report's would
    # take a gigabyte).
    # Joined as UTF-8 bytes, a byte a character for most of it, and decoded once.
    document = to_json(_document(report, options, []), indent=2)
    # Only the document's own key sits at two spaces' indent, and a string holds no raw
    # line end: this is the one place the counties go.
    before, after = document.split(_NO_COUNTIES)
    if not report.counties:
        return (before + _NO_COUNTIES + after).decode("utf-8") + "\n"
    counties = [
        to_json(_county(county, report.results_of(county)), indent=2).replace(b"\n", b"\n    ")
        for county in report.counties
    ]
    written = b"".join(
        [before, b'\n  "counties": [\n    ', b",\n    ".join(counties), b"\n  ],\n", after, b"\n"]
    )
    del counties
    return written.decode("utf-8")


_NO_COUNTIES = b'\n  "counties": [],\n'


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
