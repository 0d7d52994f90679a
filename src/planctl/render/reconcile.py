"""A reconciliation (submitted beside computed figures) as a table, JSON, Markdown or CSV.

`RENDERER_BY_FORMAT` is the registry: its keys are the formats `planctl reconcile --format`
accepts. Each renderer returns a string; the CLI decides where it goes. JSON keys, statuses
and CSV columns are stable codes; the table and Markdown speak the language in use. Every
string from an input is shown escaped (`render.visible`), so a county's name cannot drive
the terminal or break the Markdown.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import assert_never

from planctl.domain.values import format_number
from planctl.i18n.catalog import Language, language, text
from planctl.i18n.codes import Msg
from planctl.records.choices import ReconcileFormat
from planctl.records.reconcile import Behind, Compared, Line, Reconciliation, Status
from planctl.render.visible import visible

# The CSV's columns and the JSON's keys of a line: stable.
LINE_FIELDS = [
    "county",
    "target",
    "part",
    "submitted",
    "computed",
    "difference",
    "status",
    "where",
]
_STATUS_LABELS = {
    Status.AGREE: Msg.RECONCILE_AGREE,
    Status.DIFFERS: Msg.RECONCILE_DIFFERS,
    Status.NOT_SUBMITTED: Msg.RECONCILE_NOT_SUBMITTED,
    Status.NOT_COMPUTED: Msg.RECONCILE_NOT_COMPUTED,
}
_PART_LABELS = {
    Compared.VALUE: Msg.RECONCILE_VALUE,
    Compared.NUMERATOR: Msg.RECONCILE_NUMERATOR,
    Compared.DENOMINATOR: Msg.RECONCILE_DENOMINATOR,
}


def render_reconciliation(result: Reconciliation, format_: ReconcileFormat) -> str:
    """`result` in `format_`."""
    return RENDERER_BY_FORMAT[format_](result)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return format_number(value, 2 if value != int(value) else None)


def _target_name(result: Reconciliation, target_id: str) -> str:
    target = result.targets.find_target(target_id)
    return target.name_zh if target is not None else target_id


def _row(result: Reconciliation, line: Line) -> list[str]:
    return [
        visible(line.county),
        visible(_target_name(result, line.target_id)),
        text(_PART_LABELS[line.part]),
        _number(line.submitted),
        _number(line.computed),
        _number(line.difference) if line.status is Status.DIFFERS else "",
        text(_STATUS_LABELS[line.status]),
    ]


def _headers() -> list[str]:
    return [
        text(key)
        for key in (
            Msg.RECONCILE_COUNTY,
            Msg.RECONCILE_TARGET,
            Msg.RECONCILE_PART,
            Msg.RECONCILE_SUBMITTED,
            Msg.RECONCILE_COMPUTED,
            Msg.RECONCILE_DIFFERENCE,
            Msg.RECONCILE_STATUS,
        )
    ]


def _summary(result: Reconciliation) -> str:
    missing = result.count(Status.NOT_SUBMITTED) + result.count(Status.NOT_COMPUTED)
    return text(
        Msg.RECONCILE_SUMMARY,
        agree=result.count(Status.AGREE),
        differ=result.count(Status.DIFFERS),
        missing=missing,
    )


def _behind_heading(result: Reconciliation, behind: Behind) -> str:
    return text(
        Msg.RECONCILE_BEHIND,
        county=visible(behind.county),
        target=visible(_target_name(result, behind.target_id)),
        rate=f"{behind.value:.2f}%",
        line=behind.line,
        count=f"{behind.count:,}",
        source=visible(behind.source_names[0 if language() is Language.ZH else 1]),
        total=_number(behind.total),
    )


def _more(behind: Behind) -> str | None:
    rest = behind.count - len(behind.records)
    if rest <= 0:
        return None
    shown = sum(record.counted for record in behind.records)
    return text(Msg.RECONCILE_MORE, count=f"{rest:,}", total=_number(behind.total - shown))


def table(result: Reconciliation) -> str:
    """Aligned columns for a terminal, then the records behind each shortfall."""
    from rich.console import Console
    from rich.table import Table

    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None, highlight=False)
    grid = Table(title=text(Msg.RECONCILE_TITLE), show_lines=False)
    for header in _headers():
        grid.add_column(header, overflow="fold")
    for line in result.lines:
        grid.add_row(*_row(result, line))
    if not result.lines:
        console.print(text(Msg.RECONCILE_NONE))
    else:
        console.print(grid)
    console.print(_summary(result))
    for behind in result.behind:
        console.print()
        console.print(_behind_heading(result, behind))
        records = Table(show_header=True)
        for label in [*behind.label_columns, text(Msg.RECONCILE_RECORD_VALUE)]:
            records.add_column(visible(label))
        for record in behind.records:
            records.add_row(*(visible(cell) for cell in record.label), _number(record.counted))
        console.print(records)
        more = _more(behind)
        if more is not None:
            console.print(more)
    return out.getvalue()


def markdown(result: Reconciliation) -> str:
    """GitHub-flavoured Markdown: a table of the lines, then a table per shortfall."""

    def cell(value: str) -> str:
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    def rows(headers: list[str], body: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
        lines.append("|" + "---|" * len(headers))
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in body]
        return lines

    out = [f"# {text(Msg.RECONCILE_TITLE)}", ""]
    out += rows(_headers(), [_row(result, line) for line in result.lines])
    out += ["", _summary(result)]
    if result.behind:
        out += ["", f"## {text(Msg.RECONCILE_BEHIND_TITLE)}"]
    for behind in result.behind:
        out += ["", cell(_behind_heading(result, behind)), ""]
        headers = [*(visible(label) for label in behind.label_columns)]
        headers.append(text(Msg.RECONCILE_RECORD_VALUE))
        body = [[*(visible(c) for c in r.label), _number(r.counted)] for r in behind.records]
        out += rows(headers, body)
        more = _more(behind)
        if more is not None:
            out += ["", more]
    return "\n".join(out) + "\n"


def _line_data(line: Line) -> dict[str, object]:
    return {
        "county": line.county,
        "target": line.target_id,
        "part": line.part.value,
        "submitted": line.submitted,
        "computed": line.computed,
        "difference": line.difference,
        "status": line.status.value,
        "where": line.where,
    }


def as_json(result: Reconciliation) -> str:
    """Stable keys: `agrees`, `counts` by status, `lines`, `behind` (records by label)."""
    data = {
        "agrees": result.agrees,
        "counts": {status.value: result.count(status) for status in Status},
        "lines": [_line_data(line) for line in result.lines],
        "behind": [
            {
                "county": behind.county,
                "target": behind.target_id,
                "source": behind.source,
                "computed": behind.value,
                "line": behind.line,
                "records_not_counted": behind.count,
                "total_not_counted": behind.total,
                "label_columns": behind.label_columns,
                "records": [
                    {"label": record.label, "counted": record.counted} for record in behind.records
                ],
            }
            for behind in result.behind
        ],
        "warnings": [str(problem) for problem in result.warnings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_csv(result: Reconciliation) -> str:
    """One row per line, the columns of LINE_FIELDS; UTF-8 with a BOM, for Excel."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LINE_FIELDS)
    for line in result.lines:
        data = _line_data(line)
        writer.writerow([_plain(data[key]) for key in LINE_FIELDS])
    return out.getvalue()


def _plain(value: object) -> object:
    """A number as a spreadsheet reads it, without float noise (88.508064516129, 21950)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(round(value, 12), grouping=False)
    return value


def _renderer(format_: ReconcileFormat) -> Callable[[Reconciliation], str]:
    match format_:
        case ReconcileFormat.TABLE:
            return table
        case ReconcileFormat.JSON:
            return as_json
        case ReconcileFormat.MARKDOWN:
            return markdown
        case ReconcileFormat.CSV:
            return as_csv
        case _:
            assert_never(format_)


RENDERER_BY_FORMAT: dict[ReconcileFormat, Callable[[Reconciliation], str]] = {
    format_: _renderer(format_) for format_ in ReconcileFormat
}
