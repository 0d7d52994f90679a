"""JUnit XML, for the test-report views of CI systems (GitHub, GitLab, Jenkins).

One `<testsuite>` per county and one for the city, one `<testcase>` per target, named by
the plan's Chinese term, the English name and the target's id (`学前三年毛入园率 Three-year
preschool gross enrolment rate (preschool_gross_enrolment_rate)`), so people can read it and
a CI system can follow it across runs.
What each status becomes:

- met: a passing testcase;
- not met, missing, incomplete, cannot pool: a `<failure>` whose message states the status,
  the value, the target and the clause, and whose text adds the trend, the pace and the
  plan's sentence;
- a county that submitted nothing: its suite holds one failing testcase, "submitted figures";
- warning (an unmet aspirational target): `<skipped>` with a message that starts with
  "warning:". The check passes, so it must not be a failure; a passing testcase would hide
  it, as GitHub's, GitLab's and Jenkins' views show only the counts and the failures
  unopened, while each of them counts and lists skipped tests apart. With `--strict`,
  where the check fails on warnings, it is a `<failure>` too;
- judged on the city total (a county's share of a city-level target): `<skipped>`, since
  the target is not judged for that county; the city's suite judges it. A share the county
  did not report has no testcase: the city's suite names the counties its total lacks.

Failures and skips carry no `type`: their message starts with the status already.

Every testcase carries the plan's sentence in `<system-out>`. The XML validates against
the widely used Jenkins/Ant junit-10.xsd (see tests/junit/).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import assert_never

from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.judge.report import CountyResult, Report, Status, TargetResult
from planctl.render.common import (
    city_name,
    city_units_line,
    clause_ref,
    counties_named,
    county_summary,
    county_title,
    explain,
    format_gap,
    format_reported,
    format_result_target,
    generator,
    indicator_title,
    people_line,
    plan_lines,
    provenance_heading,
    status_label,
)
from planctl.render.options import RenderOptions

# XML 1.0 cannot carry most control characters, not even escaped; a county name or a note
# holding one would make the whole file unreadable, so they are shown as \xNN.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(report: Report, options: RenderOptions) -> str:
    title = plan_lines(report)[0]
    root = ET.Element("testsuites", name=_xml(f"{generator()}: {title}"))
    suites = [_county_suite(report, county, options) for county in report.counties]
    if report.city is not None:
        city = report.targets.spec.city.name
        suites.append(_suite(city_name(report), city, None, report.city, options))
    # The units the city totals add, where the targets file declares units other than counties.
    units = city_units_line(report)
    # Each suite says which run it is from (Report.run_digest), as every report does.
    run = report.run_digest(options.strict)
    for suite in suites:
        properties = ET.Element("properties")
        ET.SubElement(properties, "property", name="planctl.run", value=run)
        for old, new in report.superseded:
            # A file not read because a corrected one replaced it (--supersede).
            shown = _xml(f"{old} → {new}")
            ET.SubElement(properties, "property", name="planctl.superseded", value=shown)
        if units is not None and suite is suites[-1] and report.city is not None:
            ET.SubElement(properties, "property", name="planctl.city_total", value=_xml(units))
        suite.insert(0, properties)
        root.append(suite)
    _count(root, suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml(value: object) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", str(value))


def _county_suite(report: Report, county: CountyResult, options: RenderOptions) -> ET.Element:
    title = county_title(county.county)
    if county.submitted:
        results = report.results_of(county)
        paths = sorted({r.source.path for r in results if r.source is not None})
        path = paths[0] if len(paths) == 1 else None
        return _suite(title, county.county.name, path, results, options)
    suite = ET.Element("testsuite", name=_xml(title))
    case = ET.SubElement(
        suite, "testcase", name=text(Msg.SUBMISSION_CASE), classname=_xml(county.county.name)
    )
    summary = county_summary(county)
    ET.SubElement(case, "failure", message=_xml(summary))
    return suite


def _suite(
    name: str,
    classname: str,
    path: str | None,
    results: Sequence[TargetResult],
    options: RenderOptions,
) -> ET.Element:
    """A suite of results; `classname` (the county's or city's name) groups them in Jenkins."""
    suite = ET.Element("testsuite", name=_xml(name))
    if path is not None:
        suite.set("file", _xml(path))
    for result in results:
        # A county's share of a city total it did not report says nothing ("contributes -"):
        # the city's suite names a county whose figure its total lacks.
        if result.status is Status.CITY_TOTAL and result.value is None:
            continue
        suite.append(_case(classname, result, options))
    return suite


def _case(classname: str, result: TargetResult, options: RenderOptions) -> ET.Element:
    target = result.target
    case = ET.Element("testcase", name=_xml(f"{indicator_title(target)} ({target.id})"))
    case.set("classname", _xml(classname))
    status = result.status
    gap = format_gap(result)
    fields = {
        "value": _value(result),
        "target": format_result_target(result),
        "gap": f", gap {gap}" if gap else "",
        "clause": clause_ref(target),
    }
    # No `type` attribute: the message starts with the status, and viewers that show both
    # (junit-viewer) would read "warning warning: …".
    if status.fails or (status is Status.WARNING and options.strict):
        message = text(Msg.JUNIT_MESSAGE, status=status_label(status), **fields)
        failure = ET.SubElement(case, "failure", message=_xml(_with_people(message, result)))
        failure.text = _xml("\n".join(explain(result)))
    elif status is Status.WARNING:
        message = text(Msg.JUNIT_SKIPPED_WARNING, **fields)
        ET.SubElement(case, "skipped", message=_xml(message))
    elif status is Status.CITY_TOTAL:
        message = text(Msg.JUNIT_SKIPPED_CONTRIBUTION, **fields)
        ET.SubElement(case, "skipped", message=_xml(message))
    elif status.diagnostic:
        # A county's rate against the city's line: shown, not judged, so skipped like a
        # share; below the line, the people short are in the message.
        message = text(Msg.JUNIT_SKIPPED_DIAGNOSTIC, status=status_label(status), **fields)
        ET.SubElement(case, "skipped", message=_xml(_with_people(message, result)))
    out = [provenance_heading(target), target.provenance.sentence]
    if status is Status.BASICALLY_MET:
        # A pass, so no message: the case's output says it passed within the tolerance.
        out.insert(0, explain(result)[0])
    if result.source is not None and result.source.note:
        out.append(text(Msg.NOTE, note=result.source.note))
    ET.SubElement(case, "system-out").text = _xml("\n".join(out))
    return case


def _with_people(message: str, result: TargetResult) -> str:
    """The message, and for a rate short of its goal the people short (`; 106,070 of …`)."""
    people = people_line(result)
    return f"{message}; {people}" if people is not None else message


def _value(result: TargetResult) -> str:
    """What the failure message says was reported."""
    match result.status:
        case Status.INCOMPLETE:
            counties = counties_named(result.lacking)
            return text(Msg.JUNIT_WITHOUT, value=format_reported(result), counties=counties)
        case Status.CANNOT_POOL:
            return text(Msg.JUNIT_UNPOOLED, counties=counties_named(result.unpooled))
        case Status.MISSING:
            return text(Msg.NOT_REPORTED)
        case (
            Status.MET
            | Status.NOT_MET
            | Status.WARNING
            | Status.CITY_TOTAL
            | Status.NOT_SUBMITTED
            | Status.BELOW_CITY_TARGET
            | Status.MEETS_CITY_TARGET
            | Status.BASICALLY_MET
        ):
            return format_reported(result)
        case unexpected:
            assert_never(unexpected)


def _count(root: ET.Element, suites: list[ET.Element]) -> None:
    """The tests, failures, errors and skipped counts every consumer reads from attributes."""
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in suites:
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for case in cases if case.find("failure") is not None),
            "errors": 0,
            "skipped": sum(1 for case in cases if case.find("skipped") is not None),
        }
        for key, count in counts.items():
            suite.set(key, str(count))
        for key in totals:
            totals[key] += counts[key]
    for key, total in totals.items():
        root.set(key, str(total))
