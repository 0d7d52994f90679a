"""What every renderer shows the same way: labels of statuses, targets, values and gaps."""

from __future__ import annotations

from typing import assert_never

from planctl.evaluate import Report, Status, TargetResult, Verdict
from planctl.messages import Msg, text
from planctl.render import RenderOptions
from planctl.targets import Target
from planctl.terms import Unit
from planctl.values import format_number

STATUS_LABEL: dict[Status, Msg] = {
    Status.MET: Msg.STATUS_MET,
    Status.NOT_MET: Msg.STATUS_NOT_MET,
    Status.WARNING: Msg.STATUS_WARNING,
    Status.MISSING: Msg.STATUS_MISSING,
    Status.CITY_TOTAL: Msg.STATUS_CITY_TOTAL,
}


def status_label(status: Status) -> str:
    return text(STATUS_LABEL[status])


def _amount(value: float, unit: Unit, signed: bool = False) -> str:
    """A value in its unit: percentages to two decimals at most, counts as whole numbers."""
    sign = "+" if signed else ""
    match unit:
        case Unit.PERCENT:
            shown = f"{value:{sign},.2f}".rstrip("0").rstrip(".")
        case Unit.COUNT:
            shown = f"{value:{sign},.0f}"
        case _:
            assert_never(unit)
    return "0" if shown in ("+0", "-0") else shown


def format_value(value: float | None, unit: Unit) -> str:
    """A reported value with its unit sign: `88.51%`, `15,320`; `-` when not reported."""
    if value is None:
        return "-"
    suffix = text(Msg.UNIT_PERCENT) if unit is Unit.PERCENT else text(Msg.UNIT_COUNT)
    return _amount(value, unit) + suffix


def format_target(target: Target) -> str:
    """The target as a comparison: `≥ 87%`, `≤ 0`."""
    return f"{target.comparator.symbol} {format_value(target.threshold, target.unit)}"


def format_gap(result: TargetResult) -> str:
    """Value minus threshold, signed: `+1.51 pts`, `-3`; empty when there is nothing to judge."""
    if result.gap is None or result.status is Status.CITY_TOTAL:
        return ""
    unit = result.target.unit
    shown = _amount(result.gap, unit, signed=True)
    if unit is Unit.PERCENT:
        shown += " " + text(Msg.UNIT_PERCENT_GAP)
    return shown


def format_parts(result: TargetResult) -> str:
    """`numerator / denominator` of a rate, or empty."""
    if result.numerator is None or result.denominator is None:
        return ""
    return f"{format_number(result.numerator)} / {format_number(result.denominator)}"


def verdict_line(report: Report, options: RenderOptions) -> str:
    """The one line that says whether the check passed."""
    match report.verdict():
        case Verdict.PASS:
            return text(Msg.OVERALL_PASS)
        case Verdict.FAIL:
            return text(Msg.OVERALL_FAIL, count=report.failures)
        case Verdict.WARN:
            key = Msg.OVERALL_WARN_STRICT if options.strict else Msg.OVERALL_WARN
            return text(key, count=report.warning_count)
        case unexpected:
            assert_never(unexpected)


def plan_lines(report: Report) -> list[str]:
    """The plan's title, issuer and reference, and the targets file: the report's heading."""
    plan = report.targets.plan
    return [
        f"{plan.title} {plan.title_en}",
        text(
            Msg.PLAN_LINE,
            issuing_body=plan.issuing_body,
            issuing_body_en=plan.issuing_body_en,
            issued=plan.issued.isoformat(),
            reference=plan.reference,
        ),
        text(Msg.TARGETS_LINE, path=report.targets.display),
    ]


def provenance_heading(target: Target) -> str:
    """`clause 11, 学前三年毛入园率 (preschool_gross_enrolment_rate), due 2017:`."""
    source = target.provenance
    return text(
        Msg.PROVENANCE_LINE,
        clause=source.clause,
        name_zh=target.name_zh,
        id=target.id,
        deadline=source.deadline,
    )


def targets_in_report(report: Report) -> list[Target]:
    """The targets the report judges, in the targets file's order."""
    return list(report.targets.targets)
