"""The Excel workbook a bureau circulates (统计表): a report as sheets people sort and print.

Six sheets, in the language in use: the summary (the verdict, the city's results with the
people each rate is short and the counties that would carry it over, each county's tally),
the county × target matrix (a fill for each status, and its word in the cell, so that
colour is never the only sign; a legend below), the ranking of the counties on each target
(`ranking.py`), every result as a row under the CSV report's columns (`csv.COLUMNS`), each
target's provenance (its clause, sentence and deadline, and a baseline marked as from outside
the plan), and the input files with their SHA-256.

Numbers are numbers: a percentage is stored as a fraction with a percent format (86.94% is
0.8694, so Excel sums and charts it), counts with thousands separators, gaps in points with a
sign. In the matrix a cell's number format carries its status word (`0.00%" not met"`), so the
cell stays a number that sorts. Every header is frozen and repeated on each printed page; each
sheet prints A4 landscape, one page wide.

Library: XlsxWriter, not openpyxl (which reads workbooks in planctl and in the tests). It
writes each cell with an explicit type, so text is never taken for a formula (`write_string`,
and `strings_to_formulas` off: a county note `=HYPERLINK(…)` stays text), it supports the
whole page set-up (repeated rows and columns, fit to width, paper, orientation), and it writes
a national report's 85,000 result rows several times faster than openpyxl in far less memory.
The file is the same bytes for the same report (a fixed creation date), as every format is.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, assert_never

from planctl import __version__
from planctl.domain.terms import Unit
from planctl.domain.values import format_number
from planctl.files.xlsx import display_width
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.judge.report import Report, Status, TargetResult, Verdict
from planctl.read.reports import REPORT_PROPERTY
from planctl.render.common import (
    carry_line,
    city_name,
    county_title,
    format_change,
    format_people,
    format_result_target,
    format_target,
    format_value,
    in_language,
    indicator_title,
    matrix_label,
    plan_lines,
    result_of,
    run_line,
    status_label,
    targets_in_report,
    targets_label,
    targets_shown,
    verdict_line,
)
from planctl.render.csv import COLUMNS, Cell, result_rows
from planctl.render.options import RenderOptions
from planctl.render.ranking import ranking
from planctl.targets.models import Target

if TYPE_CHECKING:
    from xlsxwriter.format import Format as CellFormat
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

# Fills by status: green met, pale green basically met, amber warning or below the city's
# line, red failing, grey a contribution to the city total. The word in the cell says the same.
GOOD, BASIC, WARN, BAD, SHARE = "#C6EFCE", "#E2EFDA", "#FFEB9C", "#FFC7CE", "#EDEDED"
FILL: dict[Status, str] = {
    Status.MET: GOOD,
    Status.MEETS_CITY_TARGET: GOOD,
    Status.BASICALLY_MET: BASIC,
    Status.WARNING: WARN,
    Status.BELOW_CITY_TARGET: WARN,
    Status.NOT_MET: BAD,
    Status.MISSING: BAD,
    Status.NOT_SUBMITTED: BAD,
    Status.INCOMPLETE: BAD,
    Status.CANNOT_POOL: BAD,
    Status.CITY_TOTAL: SHARE,
}
VERDICT_FILL = {Verdict.PASS: GOOD, Verdict.WARN: WARN, Verdict.FAIL: BAD}

PERCENT = "0.00%"
COUNT = "#,##0"
FRACTIONAL = "#,##0.00"
SIGNED_COUNT = "+#,##0;-#,##0;0"
SIGNED_RATIO = "+0.00;-0.00;0"
INTEGER = "0"
# Columns no wider than this (a sentence wraps in its cell), nor narrower.
WIDEST, NARROWEST = 60, 6
# A matrix column is as wide as its figures, its heading (which wraps) at most this wide.
MATRIX_HEADING = 18
PAPER_A4 = 9
# The rows one sheet holds, its header's included (Excel's and LibreOffice's limit).
EXCEL_ROWS = 1_048_576
NONE = "—"
# Document properties carry a date; a fixed one keeps the file the same bytes for one report.
CREATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def render_xlsx(report: Report, options: RenderOptions) -> bytes:
    """The workbook's bytes (the report's strings already made visible by the registry)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            # Every cell is written with its type; nothing is guessed from text.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    plan = report.targets.plan
    book.set_properties(
        {
            "title": text(Msg.NAME_PAIR, name=plan.title, name_en=plan.title_en),
            "comments": run_line(report, options),
            "created": CREATED,
        }
    )
    # The stamp by which a check tells this workbook from a county's (read/reports.py).
    book.set_custom_property(REPORT_PROPERTY, __version__)
    styles = _Styles(book)
    _summary(_Sheet(book, styles, text(Msg.SHEET_SUMMARY)), report, options)
    _matrix(_Sheet(book, styles, text(Msg.SHEET_MATRIX)), report)
    ranked = _Table(book, styles, text(Msg.SHEET_RANKING), _ranking_header(), {0: 40})
    _ranking(ranked, report)
    _results(_Table(book, styles, text(Msg.SHEET_RESULTS), COLUMNS), report, options)
    _provenance(_Sheet(book, styles, text(Msg.SHEET_PROVENANCE)), report)
    _inputs(_Sheet(book, styles, text(Msg.SHEET_INPUTS)), report, options)
    book.close()
    return buffer.getvalue()


class _Styles:
    """The workbook's cell formats, each made once (a workbook holds a few thousand at most)."""

    def __init__(self, book: Workbook) -> None:
        self._book = book
        self._made: dict[tuple[tuple[str, Any], ...], CellFormat] = {}
        # The display width of each line of a text, by the text: a national report writes the
        # same names, statuses and sentences tens of thousands of times.
        self.widths: dict[str, list[int]] = {}

    def __call__(self, **properties: Any) -> CellFormat:
        key = tuple(sorted(properties.items())) if properties else ()
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._book.add_format({"valign": "top", **properties})
        return made


HEADER: dict[str, Any] = {"bold": True, "text_wrap": True, "bottom": 1, "bg_color": "#F2F2F2"}
# The height of a line of text in a row, in points, at the default font.
LINE_HEIGHT = 15


class _Sheet:
    """A worksheet that knows how wide its columns, and how tall its rows, must be for what was
    written in them: a text wider than its column's cap wraps, and its row grows to show it."""

    def __init__(self, book: Workbook, styles: _Styles, name: str) -> None:
        self.sheet: Worksheet = book.add_worksheet(_sheet_name(name))
        self._styles = styles
        self._widths: dict[int, int] = {}
        self._caps: dict[int, int] = {}
        # (row, column, display width of each line) of every text that wraps.
        self._wrapped: list[tuple[int, int, list[int]]] = []

    def text(self, row: int, column: int, value: str, *, fit: bool = True, **style: Any) -> None:
        """Text as text, never a formula; with `fit` False it widens no column (a heading
        that runs over the empty cells beside it, or wraps)."""
        widths = self._styles.widths.get(value)
        if widths is None:
            widths = [display_width(line) for line in value.split("\n")]
            self._styles.widths[value] = widths
        cap = self._caps.get(column, WIDEST)
        if style.get("text_wrap") or max(widths) + 2 > cap:
            style["text_wrap"] = True
            self._wrapped.append((row, column, widths))
        self.sheet.write_string(row, column, value, self._styles(**style))
        if fit:
            self._fit(column, max(widths))

    def number(
        self, row: int, column: int, value: float, number_format: str, shown: str, **style: Any
    ) -> None:
        """A number stored as a number, shown by `number_format` (`shown`: how it reads)."""
        self.sheet.write_number(row, column, value, self._styles(num_format=number_format, **style))
        self._fit(column, display_width(shown))

    def cell(self, row: int, column: int, value: Cell, **style: Any) -> None:
        """A value by its own type: text as text (never a formula), numbers, booleans, blank."""
        match value:
            case None:
                # A blank cell without a format is nothing to write.
                if style:
                    self.sheet.write_blank(row, column, None, self._styles(**style))
            case bool():
                self.sheet.write_boolean(row, column, value, self._styles(**style))
                self._fit(column, len("FALSE"))
            case int() | float():
                self.number(row, column, float(value), INTEGER, format_number(value), **style)
            case str():
                self.text(row, column, value, **style)

    def header(self, row: int, labels: Sequence[str]) -> None:
        for column, label in enumerate(labels):
            self.text(row, column, label, **HEADER)

    def cap(self, column: int, width: int) -> None:
        """No wider than `width`: a longer text wraps. Set before the column is written."""
        self._caps[column] = width

    def finish(self, header: int | None, frozen_columns: int = 0, last_row: int = 0) -> None:
        """Widths and heights, the frozen header, and the page set-up: A4 landscape, one page
        wide, the header repeated on every page."""
        sheet = self.sheet
        widths: dict[int, int] = {}
        for column, width in self._widths.items():
            cap = self._caps.get(column, WIDEST)
            widths[column] = max(NARROWEST, min(width + 2, cap))
            sheet.set_column(column, column, widths[column])
        lines: dict[int, int] = {}
        for row, column, each in self._wrapped:
            room = max(1, widths.get(column, self._caps.get(column, WIDEST)) - 1)
            needed = sum(max(1, -(-width // room)) for width in each)
            lines[row] = max(lines.get(row, 1), needed)
        for row, count in lines.items():
            if count > 1:
                sheet.set_row(row, LINE_HEIGHT * count)
        if header is not None:
            sheet.freeze_panes(header + 1, frozen_columns)
            sheet.repeat_rows(header)
            if frozen_columns:
                sheet.repeat_columns(0, frozen_columns - 1)
            if last_row > header and self._widths:
                sheet.autofilter(header, 0, last_row, max(self._widths))
        sheet.set_landscape()
        sheet.set_paper(PAPER_A4)
        sheet.fit_to_pages(1, 0)
        sheet.set_footer("&C&P / &N")

    def _fit(self, column: int, width: int) -> None:
        if width > self._widths.get(column, 0):
            self._widths[column] = width


def _sheet_name(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in name)
    return cleaned[:31]


def _literal(label: str) -> str:
    """A word quoted inside a number format, where a quote or backslash would end it."""
    return label.replace('"', "").replace("\\", "")


def _points() -> str:
    """A gap in percentage points, signed: `+1.11 pts`, `-0.06 个百分点`."""
    unit = _literal(text(Msg.UNIT_PERCENT_GAP))
    return f'+0.00" {unit}";-0.00" {unit}";0'


def _amount(value: float, unit: Unit) -> tuple[float, str]:
    """A value in its unit as stored and formatted: a percentage as a fraction, a ratio as
    its quotient shown `16.80:1`, a count whole with thousands separators."""
    match unit:
        case Unit.PERCENT:
            return round(value / 100, 10), PERCENT
        case Unit.RATIO:
            return value, f'0.00"{_literal(text(Msg.UNIT_RATIO))}"'
        case Unit.COUNT:
            return value, COUNT if float(value).is_integer() else FRACTIONAL
        case _:
            assert_never(unit)


def _value(sheet: _Sheet, row: int, column: int, value: float | None, unit: Unit) -> None:
    if value is None:
        sheet.text(row, column, NONE)
        return
    stored, number_format = _amount(value, unit)
    sheet.number(row, column, stored, number_format, format_value(value, unit))


def _gap(sheet: _Sheet, row: int, column: int, gap: float | None, unit: Unit) -> None:
    if gap is None:
        sheet.cell(row, column, None)
        return
    match unit:
        case Unit.PERCENT:
            number_format = _points()
        case Unit.RATIO:
            number_format = SIGNED_RATIO
        case Unit.COUNT:
            number_format = SIGNED_COUNT
        case _:
            assert_never(unit)
    sheet.number(row, column, round(gap, 10), number_format, format_change(gap, unit))


def _count(sheet: _Sheet, row: int, column: int, count: float | None, signed: bool) -> None:
    if count is None:
        sheet.cell(row, column, None)
        return
    whole = float(count).is_integer()
    number_format = SIGNED_COUNT if signed else COUNT if whole else FRACTIONAL
    sheet.number(row, column, float(count), number_format, f"+{format_number(count)}")


def _status(sheet: _Sheet, row: int, column: int, status: Status) -> None:
    sheet.text(row, column, status_label(status), bg_color=FILL[status])


def _summary(sheet: _Sheet, report: Report, options: RenderOptions) -> None:
    # The heading lines run over the empty cells beside them.
    title, *details = plan_lines(report)
    sheet.text(0, 0, title, fit=False, bold=True, font_size=14)
    row = 1
    for detail in details:
        sheet.text(row, 0, detail, fit=False)
        row += 1
    verdict = report.outcome(options.strict)
    sheet.text(
        row, 0, verdict_line(report, options), fit=False, bold=True, bg_color=VERDICT_FILL[verdict]
    )
    row += 2
    header: int | None = None
    if report.city is not None:
        sheet.text(row, 0, city_name(report), fit=False, bold=True, font_size=12)
        header = row + 1
        row = _city_table(sheet, header, report.city) + 1
    sheet.text(row, 0, text(Msg.SUMMARY_COUNTIES), fit=False, bold=True, font_size=12)
    _county_table(sheet, row + 1, report)
    # Frozen below the city's table header, when there is one: the figures people scroll.
    sheet.finish(header)


def _city_table(sheet: _Sheet, header: int, results: Sequence[TargetResult]) -> int:
    """The city's results: each figure, its gap, the people it is short, who would carry it."""
    sheet.cap(0, 40)
    sheet.cap(1, 24)
    sheet.cap(8, 40)
    sheet.header(
        header,
        [
            text(Msg.COL_INDICATOR),
            text(Msg.COL_TARGET),
            text(Msg.COL_REPORTED),
            text(Msg.COL_NUMERATOR),
            text(Msg.COL_DENOMINATOR),
            text(Msg.COL_GAP),
            text(Msg.COL_PEOPLE),
            text(Msg.COL_STATUS),
            text(Msg.COL_CARRY),
            text(Msg.COL_CARRY_VALUE),
            text(Msg.COL_CLAUSE),
        ],
    )
    row = header + 1
    for result in results:
        target = result.target
        unit = target.unit
        sheet.text(row, 0, indicator_title(target))
        sheet.text(row, 1, format_result_target(result))
        _value(sheet, row, 2, result.value, unit)
        _count(sheet, row, 3, result.numerator, signed=False)
        _count(sheet, row, 4, result.denominator, signed=False)
        _gap(sheet, row, 5, None if result.status is Status.CITY_TOTAL else result.gap, unit)
        _count(sheet, row, 6, result.people or None, signed=True)
        _status(sheet, row, 7, result.status)
        carry = result.carry
        if carry is not None:
            named = [f"{county} ({format_people(people)})" for county, people in carry.counties]
            sheet.text(row, 8, text(Msg.LIST_SEPARATOR).join(named))
            _value(sheet, row, 9, carry.value, unit)
        else:
            # Short, yet not even every county at its line would carry it: said so.
            sheet.cell(row, 8, carry_line(result))
        sheet.number(row, 10, target.provenance.clause, INTEGER, str(target.provenance.clause))
        row += 1
    return row


# A county's tally on the summary: the statuses a county's result can have, in this order.
TALLIED = (
    Status.MET,
    Status.BASICALLY_MET,
    Status.NOT_MET,
    Status.WARNING,
    Status.MISSING,
    Status.MEETS_CITY_TARGET,
    Status.BELOW_CITY_TARGET,
    Status.CITY_TOTAL,
)


def _county_table(sheet: _Sheet, header: int, report: Report) -> None:
    sheet.header(header, [text(Msg.COL_SCOPE), *(status_label(s) for s in TALLIED)])
    row = header + 1
    for county in report.counties:
        sheet.text(row, 0, county_title(county.county))
        if not county.submitted:
            _status(sheet, row, 1, Status.NOT_SUBMITTED)
        else:
            for column, status in enumerate(TALLIED, start=1):
                count = county.count(status)
                fill = {"bg_color": FILL[status]} if count else {}
                sheet.number(row, column, count, COUNT, str(count), **fill)
        row += 1


def _matrix(sheet: _Sheet, report: Report) -> None:
    """Counties down (any number of them fits), targets across, the city last and in bold."""
    targets = targets_in_report(report)
    sheet.header(0, [text(Msg.COL_SCOPE)])
    for column, target in enumerate(targets, start=1):
        sheet.cap(column, MATRIX_HEADING)
        # The headings wrap, so their own width does not widen the column: only the figures do.
        heading = f"{indicator_title(target)}\n{format_target(target)}"
        sheet.text(0, column, heading, fit=False, **HEADER)
    # The statuses shown, and None where a county has no part in a target.
    seen: set[Status | None] = set()
    row = 1
    for county in report.counties:
        sheet.text(row, 0, county_title(county.county))
        for column, target in enumerate(targets, start=1):
            if not county.submitted:
                seen.add(Status.NOT_SUBMITTED)
                _status(sheet, row, column, Status.NOT_SUBMITTED)
                continue
            _matrix_cell(sheet, row, column, result_of(report.results_of(county), target), seen)
        row += 1
    if report.city is not None:
        city: dict[str, Any] = {"bold": True, "top": 1}
        sheet.text(row, 0, city_name(report), **city)
        for column, target in enumerate(targets, start=1):
            _matrix_cell(sheet, row, column, result_of(report.city, target), seen, **city)
        row += 1
    _legend(sheet, row + 1, seen)
    sheet.finish(0, frozen_columns=1)


def _matrix_cell(
    sheet: _Sheet,
    row: int,
    column: int,
    result: TargetResult | None,
    seen: set[Status | None],
    **style: Any,
) -> None:
    if result is None:
        # A county with no part in a city-level target: no figure, and nothing to judge.
        seen.add(None)
        sheet.text(row, column, text(Msg.MATRIX_NO_PART), align="center", **style)
        return
    seen.add(result.status)
    fill = FILL[result.status]
    if result.value is None:
        sheet.text(row, column, status_label(result.status), bg_color=fill, **style)
        return
    # The status word is part of the number's format: the cell stays a number that sorts.
    unit = result.target.unit
    stored, number_format = _amount(result.value, unit)
    word = matrix_label(result.status)
    shown = f"{format_value(result.value, unit)} {word}"
    number_format = f'{number_format}" {_literal(word)}"'
    sheet.number(row, column, stored, number_format, shown, bg_color=fill, **style)


def _legend(sheet: _Sheet, row: int, seen: set[Status | None]) -> None:
    """Each status the matrix shows: its fill with its word, and what it means."""
    sheet.text(row, 0, text(Msg.LEGEND_TITLE), fit=False, bold=True)
    for status in Status:
        if status in seen:
            row += 1
            sheet.text(row, 0, matrix_label(status), bg_color=FILL[status])
            sheet.text(row, 1, status_label(status), fit=False)
    if None in seen:
        meaning = text(Msg.MATRIX_NO_PART_DETAIL, county=text(Msg.COL_SCOPE))
        sheet.text(row + 1, 0, text(Msg.MATRIX_NO_PART), align="center")
        sheet.text(row + 1, 1, meaning, fit=False)


class _Table:
    """A table under one header that runs on to further sheets (`Results (2)`) past the rows
    one sheet holds, so that no row of a province's report is lost to Excel's limit."""

    def __init__(
        self,
        book: Workbook,
        styles: _Styles,
        name: str,
        header: Sequence[str],
        caps: dict[int, int] | None = None,
    ) -> None:
        self._book, self._styles, self._name = book, styles, name
        self._header, self._caps = header, caps or {}
        self._sheets = 0
        self._open()

    def _open(self) -> None:
        self._sheets += 1
        name = self._name
        if self._sheets > 1:
            name = text(Msg.SHEET_CONTINUED, name=name, number=self._sheets)
        self.sheet = _Sheet(self._book, self._styles, name)
        for column, width in self._caps.items():
            self.sheet.cap(column, width)
        self.sheet.header(0, self._header)
        self._next = 1

    def row(self) -> tuple[_Sheet, int]:
        """The sheet and the row to write the next row in."""
        if self._next >= EXCEL_ROWS:
            self.finish()
            self._open()
        row, self._next = self._next, self._next + 1
        return self.sheet, row

    def finish(self) -> None:
        self.sheet.finish(0, last_row=self._next - 1)


def _ranking(table: _Table, report: Report) -> None:
    for target in targets_in_report(report):
        for place in ranking(report, target):
            sheet, row = table.row()
            result = place.result
            sheet.text(row, 0, indicator_title(target))
            sheet.text(row, 1, format_result_target(result) if result else format_target(target))
            if place.rank is not None:
                sheet.number(row, 2, place.rank, INTEGER, str(place.rank))
            else:
                sheet.text(row, 2, NONE)
            sheet.text(row, 3, county_title(place.county))
            _value(sheet, row, 4, result.value if result else None, target.unit)
            gap = result.gap if result and result.status is not Status.CITY_TOTAL else None
            _gap(sheet, row, 5, gap, target.unit)
            _status(sheet, row, 6, place.status)
    table.finish()


def _ranking_header() -> list[str]:
    return [
        text(Msg.COL_INDICATOR),
        text(Msg.COL_TARGET),
        text(Msg.COL_RANK),
        text(Msg.COL_SCOPE),
        text(Msg.COL_REPORTED),
        text(Msg.COL_GAP),
        text(Msg.COL_STATUS),
    ]


# The results sheet's columns in a target's unit, its gaps, and what counts people or schools.
_IN_UNIT = frozenset({"value", "threshold", "carry_value"})
_GAPS = frozenset({"gap"})
_COUNTS = frozenset({"numerator", "denominator"})
_SIGNED = frozenset({"people"})


def _results(table: _Table, report: Report, options: RenderOptions) -> None:
    """Every result under the CSV report's columns, each value typed and formatted."""
    unit_at = COLUMNS.index("unit")
    for cells in result_rows(report, options.strict):
        sheet, row = table.row()
        unit = Unit(str(cells[unit_at]))
        for column, (name, value) in enumerate(zip(COLUMNS, cells, strict=True)):
            if isinstance(value, bool) or not isinstance(value, int | float):
                sheet.cell(row, column, value)
            elif name in _IN_UNIT:
                _value(sheet, row, column, value, unit)
            elif name in _GAPS:
                _gap(sheet, row, column, value, unit)
            elif name in _COUNTS or name in _SIGNED:
                _count(sheet, row, column, value, signed=name in _SIGNED)
            else:
                sheet.cell(row, column, value)
    table.finish()


def _provenance(sheet: _Sheet, report: Report) -> None:
    sheet.cap(5, WIDEST)
    sheet.cap(8, 40)
    sheet.header(
        0,
        [
            text(Msg.COL_CLAUSE),
            text(Msg.COL_INDICATOR),
            text(Msg.COL_ID),
            text(Msg.COL_TARGET),
            text(Msg.COL_DEADLINE),
            text(Msg.COL_SENTENCE),
            text(Msg.COL_BASELINE_YEAR),
            text(Msg.COL_BASELINE),
            text(Msg.COL_BASELINE_SOURCE),
        ],
    )
    row = 1
    for target in targets_shown(report):
        source = target.provenance
        sheet.number(row, 0, source.clause, INTEGER, str(source.clause))
        sheet.text(row, 1, indicator_title(target))
        sheet.text(row, 2, target.id)
        sheet.text(row, 3, format_target(target))
        sheet.number(row, 4, source.deadline, INTEGER, str(source.deadline))
        sheet.text(row, 5, source.sentence)
        _baseline(sheet, row, target)
        row += 1
    sheet.finish(0)


def _baseline(sheet: _Sheet, row: int, target: Target) -> None:
    """The figure a trend starts from, which the targets file gives from outside the plan."""
    baseline = target.baseline
    if baseline is None:
        return
    sheet.number(row, 6, baseline.year, INTEGER, str(baseline.year))
    _value(sheet, row, 7, baseline.value, target.unit)
    sheet.text(
        row, 8, text(Msg.BASELINE_OUTSIDE, source=in_language(baseline.source, baseline.source_zh))
    )


def _inputs(sheet: _Sheet, report: Report, options: RenderOptions) -> None:
    sheet.header(0, [text(Msg.COL_FILE), text(Msg.COL_ENCODING), text(Msg.COL_SHA256)])
    targets = report.targets
    rows = [(targets_label(targets), NONE, targets.sha256)]
    rows += [(read.display, read.encoding, read.sha256) for read in report.inputs]
    for row, cells in enumerate(rows, start=1):
        for column, value in enumerate(cells):
            sheet.text(row, column, value)
    sheet.text(len(rows) + 2, 0, run_line(report, options), fit=False)
    sheet.finish(0)
