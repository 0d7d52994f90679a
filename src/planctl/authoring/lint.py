"""Checking a targets file without any submission: its errors, and warnings about content the
schema allows but that is probably a mistake.

Warnings: a threshold outside the valid range; a share (a percentage not marked
`gross: true`) whose valid range passes 100, or a gross rate capped at 100; a percentage
that rolls up as a sum; city quotas that do not add up to the city target; and, given the
plan's text, a sentence that is not in the plan or not in the clause it is quoted from.

A name or alias shared by two targets stays an error of the loader, not a warning: a
submission's row would silently go to whichever target came first.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planctl.authoring.plantext import PlanText, read_plan
from planctl.domain.problems import PlanTextError, Problem, Severity, TargetsError
from planctl.domain.terms import Comparator, Rollup, Unit
from planctl.domain.values import format_number
from planctl.files.cache import CacheUse
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.targets.lines import Location
from planctl.targets.load import load_targets
from planctl.targets.models import Target, TargetSet


@dataclass(frozen=True)
class Validation:
    """What validating one targets file found."""

    display: str
    targets: TargetSet | None  # None when the file has errors
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    plan: PlanText | None = None  # the text the sentences were checked against


def validate(
    path: Path, plan: PlanText | None = None, cache: CacheUse = CacheUse.REFRESH
) -> Validation:
    """Load a targets file and lint it, against `plan` or else its own plan.source_text.

    The file is always validated, never taken from the cache (`cache` says whether the fresh
    result is stored for the next check)."""
    if cache is CacheUse.ON:
        cache = CacheUse.REFRESH
    try:
        targets = load_targets(path, cache)
    except TargetsError as exc:
        return Validation(str(path), None, errors=list(exc.problems))
    warnings: list[Problem] = []
    if plan is None:
        plan, unreadable = source_plan(targets)
        warnings += unreadable
    warnings += lint(targets, plan)
    return Validation(targets.display, targets, warnings=warnings, plan=plan)


def source_plan(targets: TargetSet) -> tuple[PlanText | None, list[Problem]]:
    """The plan's text that the file names in plan.source_text, beside the file."""
    name = targets.plan.source_text
    if name is None:
        return None, []
    path = Path(os.path.normpath(targets.path.parent / name))
    try:
        return read_plan(path), []
    except PlanTextError as exc:
        reason = exc.problems[0].message
        where = targets.line_of(("plan", "source_text"))
        fields: dict[str, object] = {"path": str(path), "reason": reason}
        warning = Problem(
            Msg.LINT_PLAN_TEXT_UNREADABLE,
            targets.display,
            where,
            "source_text",
            fields,
            Severity.WARNING,
        )
        return None, [warning]


def lint(targets: TargetSet, plan: PlanText | None = None) -> list[Problem]:
    """Every warning about the targets, in the order of the file."""
    warnings: list[Problem] = []
    for index, target in enumerate(targets.targets):
        checks = [
            _ranges(target),
            _rollup(target),
            _quotas(target),
            _county_targets(target, targets.in_city_total(target)),
        ]
        if plan is not None:
            checks.append(_provenance(target, plan))
        for check in checks:
            for sub, code, fields in check:
                location: Location = ("targets", index, *sub)
                line = targets.line_of(location)
                name = ".".join(sub)
                warnings.append(
                    Problem(code, targets.display, line, name, fields, Severity.WARNING)
                )
    return sorted(warnings, key=lambda warning: warning.line or 0)


_Finding = tuple[tuple[str, ...], Msg, dict[str, object]]


def _ranges(target: Target) -> Iterator[_Finding]:
    valid = target.valid_range
    # The bounds of a between target lie inside the valid range, or the file is refused.
    if isinstance(target.threshold, float) and not valid.contains(target.threshold):
        yield (
            ("threshold",),
            Msg.LINT_THRESHOLD_OUT_OF_RANGE,
            {
                "threshold": format_number(target.threshold),
                "low": "-∞" if valid.min is None else format_number(valid.min),
                "high": "∞" if valid.max is None else format_number(valid.max),
            },
        )
    if target.unit is Unit.RATIO and (valid.min is None or valid.max is None):
        # Pupils over teachers is never below 0, and a range with no top lets a slip through.
        yield ("valid_range",), Msg.LINT_RATIO_UNBOUNDED, {}
    if target.unit is not Unit.PERCENT:
        return
    if target.gross:
        if valid.max is not None and valid.max <= 100:
            yield ("valid_range", "max"), Msg.LINT_GROSS_CAPPED, {"high": format_number(valid.max)}
    elif valid.max is None:
        yield ("valid_range",), Msg.LINT_SHARE_UNBOUNDED, {}
    elif valid.max > 100:
        yield ("valid_range", "max"), Msg.LINT_SHARE_ABOVE_100, {"high": format_number(valid.max)}


def _rollup(target: Target) -> Iterator[_Finding]:
    if target.unit is Unit.PERCENT and target.rollup is Rollup.SUM:
        yield ("rollup",), Msg.LINT_RATE_SUMMED, {}


def _quotas(target: Target) -> Iterator[_Finding]:
    if not target.quotas:
        return
    total = sum(target.quotas.values())
    if not target.goal.holds(total):
        shown = target.goal.shown(format_number)
        yield ("quotas",), Msg.LINT_QUOTAS_SHORT, {"total": format_number(total), "target": shown}


def _county_targets(target: Target, counties: list[str]) -> Iterator[_Finding]:
    """County lines that cannot make the city's line: a count's lines that do not add up to
    it, or a rate's lines, every county's given, that all fall short of it (pooled, the city
    rate lies between the counties' rates, whatever their denominators)."""
    lines = target.county_targets
    if not lines or target.comparator is Comparator.BETWEEN:
        return
    every = [county for county in counties if county in lines]
    if not counties or len(every) < len(counties):
        return
    shown = target.goal.shown(format_number)
    values = [lines[county].threshold for county in every]
    if target.rollup is Rollup.SUM:
        total = sum(values)
        if not target.goal.holds(total):
            yield (
                ("county_targets",),
                Msg.LINT_COUNTY_TARGETS_SHORT,
                {"total": format_number(total), "target": shown},
            )
    elif not any(target.goal.holds(value) for value in values):
        ceiling = target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN)
        best = min(values) if ceiling else max(values)
        yield (
            ("county_targets",),
            Msg.LINT_COUNTY_TARGETS_CANNOT_POOL,
            {"best": format_number(best), "target": shown},
        )


def _provenance(target: Target, plan: PlanText) -> Iterator[_Finding]:
    source = target.provenance
    if source.sentence not in plan.text:
        loose = _loose(source.sentence) in _loose(plan.text)
        code = Msg.LINT_SENTENCE_LOOSELY if loose else Msg.LINT_SENTENCE_NOT_IN_PLAN
        yield ("provenance", "sentence"), code, {"plan": plan.display}
        return
    holding = plan.clauses_holding(source.sentence)
    if source.clause in holding:
        return
    if not any(clause.number == source.clause for clause in plan.clauses):
        yield (
            ("provenance", "clause"),
            Msg.LINT_CLAUSE_NOT_IN_PLAN,
            {"plan": plan.display, "clause": source.clause},
        )
        return
    found = [
        text(Msg.CLAUSE_REF, clause=number) if number is not None else text(Msg.PREAMBLE)
        for number in dict.fromkeys(holding)
    ] or [text(Msg.PREAMBLE)]
    yield (
        ("provenance", "clause"),
        Msg.LINT_SENTENCE_ELSEWHERE,
        {"found": ", ".join(found), "plan": plan.display, "clause": source.clause},
    )


def _loose(value: str) -> str:
    """Text with width and spacing folded, to tell a near copy from a missing sentence."""
    return "".join(unicodedata.normalize("NFKC", value).split())
