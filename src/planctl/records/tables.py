"""Record files in, each matched to its source and checked row by row, out as clean tables.

A file belongs to the source whose `files:` patterns match its name or the name of a folder it
is in. CSV text (any encoding planctl reads) and .xlsx workbooks are checked here cell by cell
against the source's columns, before anything is aggregated: `幼儿园.xlsx:Sheet1!F12:
在园幼儿数: 'x' is not a number`. A personal column's text is never shown. The rows that pass
are written, typed and with the county's name as the targets file spells it, to one clean
CSV file per source in a staging folder, which the engine reads. Parquet files are checked by
the engine itself (`records.parquet`), since they may hold tens of millions of rows.

Bounds: a CSV or workbook table at most `RECORD_TABLE` bytes and `RECORD_TABLE_ROWS` rows (a
table past them is refused, never cut short); folders as deep and wide as `planctl check`'s.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planctl.domain.names import closest, fold
from planctl.domain.problems import Problem, RecordsError, Severity
from planctl.domain.values import NumberError, parse_number
from planctl.files.limits import (
    MAX_FOLDER_DEPTH,
    MAX_FOLDER_ENTRIES,
    PARQUET_RECORDS_FILE,
    RECORD_TABLE,
    RECORD_TABLE_ROWS,
)
from planctl.files.text import decode_text, not_regular, read_bytes, too_large, workbook_kind
from planctl.i18n.catalog import one_of, text
from planctl.i18n.codes import Msg
from planctl.read.csvrows import csv_table, is_skipped
from planctl.read.table import Row
from planctl.records.spec import Column, ColumnType, Records, Source
from planctl.targets.models import TargetSet

TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".parquet")
# How many of a file's problems are collected before reading stops: a table of 290,000 rows
# each wrong in one cell would otherwise build 290,000 messages; the count says how many.
MAX_PROBLEMS = 1_000


@dataclass
class TableFile:
    """One file of a record table."""

    source: str
    path: Path
    display: str

    @property
    def parquet(self) -> bool:
        return self.path.suffix.lower() == ".parquet"


@dataclass
class Staged:
    """A source's table, ready for an engine: clean CSV (from CSV and workbooks) or Parquet."""

    source: str
    files: list[TableFile]
    # The clean CSV written for the checked rows, or None when the table is Parquet.
    clean: Path | None
    parquet: list[Path] = field(default_factory=list)
    # Rows per file (display name), for the note of a computed figure.
    rows: dict[str, int] = field(default_factory=dict)
    # What reading said without stopping: sheets of a workbook left unread.
    warnings: list[Problem] = field(default_factory=list)


def find_tables(paths: list[Path], records: Records) -> dict[str, list[TableFile]]:
    """The record files among `paths` (files and folders), by source; RecordsError naming
    every file that is missing, unreadable, or matches no source or more than one."""
    found: dict[str, list[TableFile]] = {name: [] for name in records.spec.sources}
    problems: list[Problem] = []
    for given in paths:
        if not given.exists():
            problems.append(Problem(Msg.FILE_NOT_FOUND, str(given)))
            continue
        candidates = list(_walk(given, problems)) if given.is_dir() else [(given, list[str]())]
        for path, folders in candidates:
            sources = _sources_of(path, folders, records)
            if len(sources) == 1:
                found[sources[0]].append(TableFile(sources[0], path, str(path)))
                continue
            patterns = "; ".join(
                f"{name}: {', '.join(source.files)}"
                for name, source in records.spec.sources.items()
            )
            code = Msg.RECORDS_FILE_NO_SOURCE if not sources else Msg.RECORDS_FILE_TWO_SOURCES
            fields: dict[str, object] = {"patterns": patterns, "sources": ", ".join(sources)}
            problems.append(Problem(code, str(path), fields=fields))
    if problems:
        raise RecordsError(problems)
    if not any(found.values()):
        shown = ", ".join(str(path) for path in paths)
        raise RecordsError([Problem(Msg.RECORDS_NO_TABLES, shown)])
    return found


def _walk(folder: Path, problems: list[Problem]) -> Iterator[tuple[Path, list[str]]]:
    """The table files under `folder` (by suffix) and the folders between, bounded."""
    seen = 0
    stack: list[tuple[Path, list[str]]] = [(folder, [])]
    while stack:
        here, folders = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda entry: entry.name)
        except OSError as exc:
            problems.append(Problem(Msg.FILE_UNREADABLE, str(here), fields={"reason": exc}))
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_FOLDER_ENTRIES:
                many: dict[str, object] = {"entries": f"{MAX_FOLDER_ENTRIES:,}"}
                problems.append(Problem(Msg.RECORDS_FOLDER_TOO_LARGE, str(folder), fields=many))
                return
            path = Path(entry.path)
            if entry.is_dir():
                if len(folders) < MAX_FOLDER_DEPTH:
                    stack.append((path, [*folders, entry.name]))
                continue
            if path.suffix.lower() in TABLE_SUFFIXES:
                yield path, folders


def _sources_of(path: Path, folders: list[str], records: Records) -> list[str]:
    names = [path.name, *folders]
    return [
        name
        for name, source in records.spec.sources.items()
        if any(
            fnmatch.fnmatch(fold(each), fold(pattern)) for each in names for pattern in source.files
        )
    ]


def stage(
    found: dict[str, list[TableFile]], records: Records, targets: TargetSet, folder: Path
) -> dict[str, Staged]:
    """Check every CSV and workbook file row by row and write each source's clean table into
    `folder`; RecordsError with every problem of every file."""
    staged: dict[str, Staged] = {}
    problems: list[Problem] = []
    for name, files in found.items():
        if not files:
            continue
        source = records.spec.sources[name]
        parquet = [file for file in files if file.parquet]
        others = [file for file in files if not file.parquet]
        if parquet and others:
            problems.append(
                Problem(
                    Msg.RECORDS_MIXED_FORMATS,
                    others[0].display,
                    fields={"source": name, "parquet": parquet[0].display},
                )
            )
            continue
        if parquet:
            problems.extend(problem for file in parquet for problem in _parquet_bounds(file))
            staged[name] = Staged(name, files, None, [file.path for file in parquet])
            continue
        clean = folder / f"{name}.csv"
        with clean.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(list(source.columns))
            rows: dict[str, int] = {}
            warnings: list[Problem] = []
            for file in others:
                before = len(problems)
                counted = 0
                for cells in _checked_rows(file, source, targets, problems, warnings):
                    if len(problems) == before:
                        writer.writerow(cells)
                    counted += 1
                rows[file.display] = counted
        staged[name] = Staged(name, files, clean, rows=rows, warnings=warnings)
    if problems:
        raise RecordsError(problems)
    return staged


def _parquet_bounds(file: TableFile) -> list[Problem]:
    """A Parquet file is read by the engine, not here: it must be a regular file within
    PARQUET_RECORDS_FILE's bytes."""
    try:
        status = file.path.stat()
    except OSError as exc:
        return [Problem(Msg.FILE_UNREADABLE, file.display, fields={"reason": exc.strerror})]
    if not stat.S_ISREG(status.st_mode):
        return [not_regular(file.display, Msg.INPUT_RECORD_TABLE)]
    if status.st_size > PARQUET_RECORDS_FILE.max_bytes:
        return [too_large(file.display, status.st_size, PARQUET_RECORDS_FILE)]
    return []


def _checked_rows(
    file: TableFile,
    source: Source,
    targets: TargetSet,
    problems: list[Problem],
    warnings: list[Problem],
) -> Iterator[list[str]]:
    """Each data row of `file` as clean cells in the source's column order, checked; every
    problem goes into `problems` (reading stops after MAX_PROBLEMS of them)."""
    try:
        rows = _rows(file)
        warnings.extend(
            Problem(
                Msg.RECORDS_SHEET_SKIPPED,
                file.display,
                fields={"sheet": name, "read": rows.sheet},
                level=Severity.WARNING,
            )
            for name in rows.skipped
        )
        header = _header(rows, file, source, problems)
        if header is not None:
            yield from _checked_cells(rows, header, file, source, targets, problems)
    except RecordsError as exc:  # the CSV reader finds a broken quote only when it gets there
        problems.extend(exc.problems)


def _checked_cells(
    rows: _Rows,
    header: tuple[dict[str, int], str | None],
    file: TableFile,
    source: Source,
    targets: TargetSet,
    problems: list[Problem],
) -> Iterator[list[str]]:
    index, sheet = header
    columns = [(name, source.column(name)) for name in source.columns]
    mine = len(problems)
    for count, row in enumerate(rows, start=1):
        if count > RECORD_TABLE_ROWS:
            cap: dict[str, object] = {"rows": f"{RECORD_TABLE_ROWS:,}"}
            problems.append(Problem(Msg.RECORDS_TOO_MANY_ROWS, file.display, fields=cap))
            return
        cells: list[str] = []
        for name, column in columns:
            assert column is not None
            at = index[name]
            raw = row.cells[at].strip() if at < len(row.cells) else ""
            cell, problem = _cell(raw, name, column, source, targets)
            if problem is not None:
                code, fields = problem
                ref = _ref(row, at, sheet)
                problems.append(Problem(code, file.display, row.line, name, fields, cell=ref))
            cells.append(cell)
        if len(problems) - mine >= MAX_PROBLEMS:
            stop: dict[str, object] = {"count": f"{MAX_PROBLEMS:,}"}
            problems.append(Problem(Msg.RECORDS_STOPPED, file.display, row.line, fields=stop))
            return
        yield cells


def _ref(row: Row, index: int, sheet: str | None) -> str | None:
    if sheet is None:
        return None
    return Row(row.line, row.cells, sheet).ref(index)


class _Rows:
    """The non-blank rows of a CSV file or of a workbook's first visible sheet."""

    def __init__(
        self, rows: Iterator[Row], sheet: str | None, skipped: list[str] | None = None
    ) -> None:
        self._rows = rows
        self.sheet = sheet
        # The other visible sheets of a workbook, which are not read: each a warning.
        self.skipped = skipped or []

    def __iter__(self) -> Iterator[Row]:
        return self._rows


def _rows(file: TableFile) -> _Rows:
    data = read_bytes(file.path, RecordsError, RECORD_TABLE)
    kind = workbook_kind(data)
    if kind == "xls":
        raise RecordsError([Problem(Msg.RECORDS_XLS, file.display)])
    if kind == "xlsx":
        return _workbook_rows(data, file.display)
    decoded = decode_text(file.path, data, RecordsError)
    table = csv_table(decoded.text, file.display, decoded.encoding)

    def rows() -> Iterator[Row]:
        yield from table.rows
        if table.problems:
            raise RecordsError(table.problems)

    return _Rows(rows(), None)


def _workbook_rows(data: bytes, display: str) -> _Rows:
    """The rows of the first visible sheet, read with openpyxl after the archive is checked
    (planctl's submission reader stops at its own row cap, which a record table passes)."""
    import openpyxl

    from planctl.read.archive import check_archive
    from planctl.read.workbook import cell_text

    try:
        check_archive(data, display)
    except Exception as exc:  # the archive check speaks for submissions; the problems hold
        problems = getattr(exc, "problems", None)
        if problems is None:
            raise
        raise RecordsError(problems) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        reason = type(exc).__name__
        problem = Problem(Msg.RECORDS_WORKBOOK, display, fields={"reason": reason})
        raise RecordsError([problem]) from None
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    if not visible:
        raise RecordsError([Problem(Msg.RECORDS_WORKBOOK_EMPTY, display)])
    sheet = visible[0]

    def rows() -> Iterator[Row]:
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [cell_text(value, None) for value in values]
                if not is_skipped(cells):
                    yield Row(number, cells, sheet.title)
        finally:
            book.close()

    return _Rows(rows(), sheet.title, [other.title for other in visible[1:]])


def _header(
    rows: _Rows, file: TableFile, source: Source, problems: list[Problem]
) -> tuple[dict[str, int], str | None] | None:
    """The column of each declared column, from the first row; None (with problems) when
    a declared column is missing from it or named twice."""
    first = next(iter(rows), None)
    if first is None:
        problems.append(Problem(Msg.RECORDS_TABLE_EMPTY, file.display))
        return None
    names = [cell.strip() for cell in first.cells]
    index: dict[str, int] = {}
    missing = []
    for name in source.columns:
        at = [i for i, cell in enumerate(names) if cell == name]
        if len(at) > 1:
            problems.append(
                Problem(Msg.CSV_DUPLICATE_COLUMN, file.display, first.line, fields={"column": name})
            )
        if at:
            index[name] = at[0]
        else:
            missing.append(name)
    for name in missing:
        candidates = closest(name, [cell for cell in names if cell and cell not in index])
        hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
        problems.append(
            Problem(
                Msg.CSV_MISSING_COLUMN,
                file.display,
                first.line,
                fields={"column": name, "hint": hint},
                cell=_ref(first, 0, rows.sheet),
            )
        )
    if missing or len(index) < len(source.columns):
        return None
    return index, rows.sheet


def _cell(
    raw: str, name: str, column: Column, source: Source, targets: TargetSet
) -> tuple[str, tuple[Msg, dict[str, object]] | None]:
    """The clean text of one cell, and why it is wrong (None if it is not)."""
    shown = text(Msg.RECORDS_PERSONAL_HIDDEN) if column.personal else f"'{raw}'"
    if not raw:
        if column.optional:
            return "", None
        return "", (Msg.RECORDS_CELL_EMPTY, {})
    if name == source.county:
        county = targets.find_county(raw)
        if county is None:
            candidates = targets.suggest_counties(raw)
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
            return raw, (Msg.ROW_COUNTY_UNKNOWN, {"county": raw, "hint": hint})
        return county.name, None
    match column.type:
        case ColumnType.TEXT:
            return raw, None
        case ColumnType.ENUM:
            allowed = [str(value) for value in column.values or []]
            if raw in allowed:
                return raw, None
            candidates = [] if column.personal else closest(raw, allowed)
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
            values = one_of(allowed, limit=len(allowed))
            return raw, (
                Msg.RECORDS_CELL_NOT_VALUE,
                {"text": shown, "values": values, "hint": hint},
            )
        case ColumnType.INTEGER | ColumnType.NUMBER:
            return _number(raw, shown, column)


def _number(
    raw: str, shown: str, column: Column
) -> tuple[str, tuple[Msg, dict[str, object]] | None]:
    try:
        number = parse_number(raw)
    except NumberError:
        return raw, (Msg.RECORDS_CELL_NOT_NUMBER, {"text": shown})
    if number is None or number.percent or number.counted:
        return raw, (Msg.RECORDS_CELL_NOT_NUMBER, {"text": shown})
    value = number.value
    if column.type is ColumnType.INTEGER:
        if value != int(value):
            return raw, (Msg.RECORDS_CELL_NOT_WHOLE, {"text": shown})
        clean = str(int(value))
    else:
        clean = repr(value)
    if column.min is not None and value < column.min:
        return raw, (Msg.RECORDS_CELL_BELOW, {"text": shown, "bound": _bound(column.min)})
    if column.max is not None and value > column.max:
        return raw, (Msg.RECORDS_CELL_ABOVE, {"text": shown, "bound": _bound(column.max)})
    return clean, None


def _bound(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
