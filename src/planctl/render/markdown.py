"""GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY` and pull-request comments.

The verdict first, then the failing results and the warnings, each a table with a status
mark; then every result (a table per county, or in the city view the county × target
matrix); then, folded in `<details>` blocks, what needs attention with trends and paces,
each target's provenance, and the input files with their digests.

Every string that comes from an input (county names, notes, and the targets file's own
words) goes through `escape`, so a `|` cannot split a table cell and `<script>` or `[x](y)`
stays text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planctl.i18n.catalog import english_names_shown, listed, text
from planctl.i18n.codes import Msg
from planctl.judge.report import CountyResult, Report, Status, TargetResult, Verdict
from planctl.render.common import (
    Attention,
    city_name,
    clause_ref,
    county_summary,
    county_title,
    explain,
    format_gap,
    format_reported,
    format_result_target,
    format_target,
    format_value,
    matrix_label,
    needing_attention,
    plan_lines,
    result_of,
    run_line,
    status_label,
    targets_in_report,
    targets_label,
    targets_shown,
    unit_name,
    verdict_line,
)
from planctl.render.options import RenderOptions
from planctl.render.scale import (
    COUNTED,
    MATRIX_COUNTIES,
    NAMED_COUNTIES,
    county_lines,
    tallies,
    target_heading,
)
from planctl.targets.models import Target

MARK: dict[Status, str] = {
    Status.MET: "✅",
    Status.NOT_MET: "❌",
    Status.WARNING: "⚠️",
    Status.MISSING: "❌",
    Status.CITY_TOTAL: "➖",
    Status.NOT_SUBMITTED: "❌",
    Status.INCOMPLETE: "❌",
    Status.CANNOT_POOL: "❌",
    # A county's rate against the city's line: shown, never failing.
    Status.BELOW_CITY_TARGET: "🔻",
    Status.MEETS_CITY_TARGET: "➖",
    Status.BASICALLY_MET: "☑️",
}
VERDICT_MARK: dict[Verdict, str] = {Verdict.PASS: "✅", Verdict.WARN: "⚠️", Verdict.FAIL: "❌"}
NONE = "—"

# Characters with a meaning in GitHub Markdown anywhere in a line (emphasis, code, links,
# HTML, entities, tables, strikethrough, maths); a backslash makes each one literal.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$&!#])")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")


def escape(value: object) -> str:
    """Text from an input, shown literally inside a line or a table cell."""
    return _SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(value)))


def render_markdown(report: Report, options: RenderOptions) -> str:
    outcome = report.outcome(options.strict)
    title, *details = plan_lines(report)
    lines = [
        f"## {VERDICT_MARK[outcome]} {escape(verdict_line(report, options))}",
        "",
        "<br>\n".join([f"**{escape(title)}**", *(escape(detail) for detail in details)]),
        "",
    ]
    # The last line says which planctl and which run wrote it (see Report.run_digest).
    footer = f"<sub>{escape(run_line(report, options))}</sub>"
    if report.city is not None and len(report.counties) > MATRIX_COUNTIES:
        return "\n".join([*lines, *_at_scale(report), footer]) + "\n"
    flagged = _flagged(report)
    failing = [(scope, r) for scope, r in flagged if r is None or r.status.fails]
    warnings: list[tuple[str, TargetResult | None]] = [
        (scope, r) for scope, r in flagged if r is not None and r.status is Status.WARNING
    ]
    # Counties below a city-level line: no failure and no warning, but where the city's
    # shortfall lies, in a table of their own.
    below: list[tuple[str, TargetResult | None]] = [
        (scope, r) for scope, r in flagged if r is not None and r.status.diagnostic
    ]
    for heading, rows in (
        (Msg.FAILING_TITLE, failing),
        (Msg.WARNINGS_TITLE, warnings),
        (Msg.BELOW_CITY_TITLE, below),
    ):
        if rows:
            lines += [f"### {text(heading, count=len(rows))}", "", *_flagged_table(rows), ""]
    lines += [f"### {text(Msg.RESULTS_TITLE)}", ""]
    if report.city is None:
        for county in report.counties:
            lines += _county_table(county, report.results_of(county))
    else:
        lines += [*_matrix(report), ""]
    lines += _details(text(Msg.ATTENTION_TITLE), _attention(report))
    lines += _details(text(Msg.PROVENANCE_TITLE), _provenance(report))
    lines += _details(text(Msg.INPUTS_TITLE), _inputs(report))
    lines.append(footer)
    return "\n".join(lines) + "\n"


def _at_scale(report: Report) -> list[str]:
    """The city view of many counties: a row per target counting the counties by status, each
    target's failing counties worst first, the city's own results; every county's results
    are in the CSV and JSON reports (a step summary holds 1 MiB)."""
    counted = tallies(report)
    submitted = sum(1 for county in report.counties if county.submitted)
    city = report.targets.spec.city
    headings = [
        (
            escape(matrix_label(s) if s is Status.CITY_TOTAL or s.diagnostic else status_label(s)),
            "r",
        )
        for s in COUNTED
    ]
    lines = [f"### {escape(text(Msg.SCALE_VIEW, counties=f'{submitted:,}'))}", ""]
    lines += _header(
        (text(Msg.COL_INDICATOR), "l"),
        (text(Msg.COL_TARGET), "r"),
        *headings,
        (escape(city.name), "r"),
    )
    for tally in counted:
        target = tally.target
        counts = [f"{tally.counts[s]:,}" if tally.counts[s] else NONE for s in COUNTED]
        lines.append(
            _row(
                _names(target),
                escape(format_target(target)),
                *counts,
                _matrix_cell(tally.city),
            )
        )
    lines.append("")
    for tally in counted:
        for line in county_lines(tally):
            lines.append(f"- **{escape(target_heading(tally.target))}**: {escape(line)}")
    absent = [unit_name(county.county) for county in report.counties if not county.submitted]
    if absent:
        names = listed(absent[:NAMED_COUNTIES], max(0, len(absent) - NAMED_COUNTIES))
        lines.append(
            f"- {MARK[Status.NOT_SUBMITTED]} "
            + escape(text(Msg.SCALE_NOT_SUBMITTED, count=f"{len(absent):,}", names=names))
        )
    lines.append("")
    scope = city_name(report)
    results = [r for r in report.city or [] if r.status.fails or r.status is Status.WARNING]
    if results:
        lines += [f"### {escape(scope)}", "", *_flagged_table([(scope, r) for r in results]), ""]
        lines += _details(text(Msg.ATTENTION_TITLE), _attention_item(Attention(scope, results)))
    lines += _details(text(Msg.PROVENANCE_TITLE), _provenance(report))
    lines += _details(text(Msg.INPUTS_TITLE), _inputs(report))
    lines.append(escape(text(Msg.SCALE_EVERY_RESULT)))
    lines.append("")
    return lines


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _header(*columns: tuple[str, str]) -> list[str]:
    """A table's header and delimiter rows; each column is (title, alignment `l` or `r`)."""
    rule = {"l": "---", "r": "---:"}
    return [_row(*(title for title, _ in columns)), _row(*(rule[a] for _, a in columns))]


def _names(target: Target) -> str:
    """The Chinese name, and below it the English one where the language shows it."""
    if english_names_shown():
        return f"{escape(target.name_zh)}<br>{escape(target.name_en)}"
    return escape(target.name_zh)


def _indicator(result: TargetResult) -> str:
    target = result.target
    return _names(target)


def _reported(result: TargetResult) -> str:
    shown = escape(format_reported(result)) if result.value is not None else NONE
    if result.source is not None and result.source.note:
        shown += "<br>" + escape(text(Msg.NOTE, note=result.source.note))
    return shown


def _flagged(report: Report) -> list[tuple[str, TargetResult | None]]:
    """(scope, result) of every failing or warning result; None for a county not submitted."""
    rows: list[tuple[str, TargetResult | None]] = []
    for item in needing_attention(report):
        if item.not_submitted:
            rows.append((item.scope, None))
        rows.extend((item.scope, result) for result in item.results)
    return rows


def _flagged_table(rows: Sequence[tuple[str, TargetResult | None]]) -> list[str]:
    lines = _header(
        ("", "l"),
        (text(Msg.COL_SCOPE), "l"),
        (text(Msg.COL_INDICATOR), "l"),
        (text(Msg.COL_TARGET), "r"),
        (text(Msg.COL_REPORTED), "r"),
        (text(Msg.COL_GAP), "r"),
        (text(Msg.COL_STATUS), "l"),
        (text(Msg.COL_CLAUSE), "r"),
    )
    for scope, result in rows:
        if result is None:
            label = status_label(Status.NOT_SUBMITTED)
            lines.append(_row(MARK[Status.NOT_SUBMITTED], escape(scope), *[NONE] * 4, label, NONE))
            continue
        lines.append(
            _row(
                MARK[result.status],
                escape(scope),
                _indicator(result),
                escape(format_result_target(result)),
                _reported(result),
                escape(format_gap(result)) or NONE,
                escape(status_label(result.status)),
                escape(result.target.provenance.clause),
            )
        )
    return lines


def _county_table(county: CountyResult, results: Sequence[TargetResult]) -> list[str]:
    lines = [f"#### {escape(county_title(county.county))}", ""]
    if results:
        lines += _header(
            ("", "l"),
            (text(Msg.COL_INDICATOR), "l"),
            (text(Msg.COL_TARGET), "r"),
            (text(Msg.COL_REPORTED), "r"),
            (text(Msg.COL_GAP), "r"),
            (text(Msg.COL_STATUS), "l"),
        )
        for result in results:
            lines.append(
                _row(
                    MARK[result.status],
                    f"{_indicator(result)} ({escape(clause_ref(result.target))})",
                    escape(format_result_target(result)),
                    _reported(result),
                    escape(format_gap(result)) or NONE,
                    escape(status_label(result.status)),
                )
            )
        lines.append("")
    return [*lines, escape(county_summary(county)), ""]


def _matrix(report: Report) -> list[str]:
    """Targets down, counties and the city across; each cell a mark and a value."""
    columns = [(text(Msg.COL_INDICATOR), "l"), (text(Msg.COL_TARGET), "r")]
    for county in report.counties:
        mark = "" if county.submitted else f"{MARK[Status.NOT_SUBMITTED]} "
        columns.append((mark + escape(unit_name(county.county)), "r"))
    columns.append((escape(report.targets.spec.city.name), "r"))
    lines = _header(*columns)
    for target in targets_in_report(report):
        cells = [
            _names(target),
            escape(format_target(target)),
        ]
        cells += [
            _matrix_cell(result_of(results, target))
            for results in map(report.results_of, report.counties)
        ]
        cells.append(_matrix_cell(result_of(report.city or [], target)))
        lines.append(_row(*cells))
    return lines


def _matrix_cell(result: TargetResult | None) -> str:
    if result is None or (result.status is Status.CITY_TOTAL and result.value is None):
        return NONE
    shown = MARK[result.status]
    if result.value is not None:
        shown += " " + escape(format_value(result.value, result.target.unit))
    if result.status.fails:
        shown += "<br>" + escape(status_label(result.status))
    return shown


def _details(summary: str, body: list[str]) -> list[str]:
    """A folded block; GitHub needs the blank lines to read Markdown inside it."""
    if not body:
        return []
    return ["<details>", f"<summary>{escape(summary)}</summary>", "", *body, "", "</details>", ""]


def _attention(report: Report) -> list[str]:
    lines: list[str] = []
    for item in needing_attention(report):
        lines += _attention_item(item)
    return lines


def _attention_item(item: Attention) -> list[str]:
    if item.not_submitted:
        label = status_label(Status.NOT_SUBMITTED)
        return [f"- {MARK[Status.NOT_SUBMITTED]} **{escape(item.scope)}**: {escape(label)}"]
    lines = [f"- **{escape(item.scope)}**"]
    for result in item.results:
        first, *rest = explain(result)
        lines.append(f"  - {MARK[result.status]} {escape(first)}")
        lines += [f"    - {escape(detail)}" for detail in rest]
    return lines


def _provenance(report: Report) -> list[str]:
    lines = _header(
        (text(Msg.COL_CLAUSE), "r"),
        (text(Msg.COL_INDICATOR), "l"),
        (text(Msg.COL_TARGET), "r"),
        (text(Msg.COL_DEADLINE), "r"),
        (text(Msg.COL_SENTENCE), "l"),
    )
    for target in targets_shown(report):
        source = target.provenance
        lines.append(
            _row(
                escape(source.clause),
                f"{_names(target)} (`{target.id}`)",
                escape(format_target(target)),
                escape(source.deadline),
                escape(source.sentence),
            )
        )
    return lines


def _inputs(report: Report) -> list[str]:
    lines = _header(
        (text(Msg.COL_FILE), "l"), (text(Msg.COL_ENCODING), "l"), (text(Msg.COL_SHA256), "l")
    )
    targets = report.targets
    lines.append(_row(escape(targets_label(targets)), NONE, f"`{targets.sha256}`"))
    for read in report.inputs:
        lines.append(_row(escape(read.display), escape(read.encoding), f"`{read.sha256}`"))
    return lines
