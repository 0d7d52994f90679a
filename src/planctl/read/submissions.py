"""County submissions: CSV files and Excel workbooks in, observations with their place out.

A file is routed by what it is, not only by its name: a zip archive is read as an .xlsx
workbook, a legacy Office file as .xls, anything else as CSV text. Each CSV file, and each
sheet of a workbook that has a header, is one table; its header decides the layout (long: one
row per indicator; wide: one row per county), and one shared builder turns every layout's
cells into observations. Every problem of a file is collected before `SubmissionError` is
raised, so one bad cell never hides the next.

Modules: `table` (rows and where cells are), `csvrows` and `workbook` (files → tables),
`sheetxml` (streaming an .xlsx sheet), `archive` (refusing zip bombs), `header` (column
names, layouts), `layouts` (rows → cells of figures), `figures` (cells → checked
observations).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, assert_never, overload

from planctl.domain.problems import Problem, Problems, Severity, SubmissionError, in_line_order
from planctl.files.limits import CSV_SUBMISSION, MAX_FOLDER_DEPTH, MAX_FOLDER_ENTRIES, InputLimit
from planctl.files.text import decode_text, read_bytes, too_large
from planctl.i18n.catalog import one_of
from planctl.i18n.codes import Msg
from planctl.read.csvrows import csv_table
from planctl.read.figures import Observation, ObservationBuilder
from planctl.read.header import HEADER_SEARCH_ROWS, find_header, layout_note
from planctl.read.kinds import (
    CSV_SUFFIXES,
    SUBMISSION_SUFFIXES,
    WORKBOOK_SUFFIXES,
    Kind,
    kind_of,
)
from planctl.read.layouts import LongLayout, layout_for
from planctl.read.reports import is_planctl_report
from planctl.read.sheetcolumns import read_sheet_rows
from planctl.read.table import Table, sheet_reference
from planctl.targets.models import TargetSet

if TYPE_CHECKING:
    from planctl.read.columns import ColumnRead, Progress

# The files a directory given to `planctl check` contributes. A file named otherwise is still
# read when given by name (Excel's "Unicode text" is a .txt, for one).

__all__ = [
    "CSV_SUFFIXES",
    "SUBMISSION_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "Observation",
    "Submission",
    "Submissions",
    "files_in",
    "is_planctl_report",
    "parse_submission",
    "read_submission",
    "read_submissions",
]


@dataclass(frozen=True)
class Submission:
    """A submission file read and checked cell by cell."""

    path: Path
    display: str
    encoding: str
    sha256: str
    observations: Sequence[Observation]
    warnings: list[Problem]
    # What was made of the file: encoding or sheets, layout, rows skipped (for --verbose).
    notes: list[Problem] = field(default_factory=list)
    # Read by the column reader: its figures are also rows of the reader's frame.
    columns: ColumnFile | None = None


def read_submission(path: Path, targets: TargetSet, *, sheet: str | None = None) -> Submission:
    """Read one submission file (only `sheet` of a workbook, if given); raise SubmissionError
    listing every problem in it."""
    named_workbook = path.suffix.lower() in WORKBOOK_SUFFIXES
    data = read_bytes(
        path, SubmissionError, _workbook_limit() if named_workbook else CSV_SUBMISSION
    )
    kind = kind_of(data)
    match kind:
        case Kind.XLSX | Kind.XLS:
            return _read_workbook(path, data, kind, targets, sheet)
        case Kind.CSV:
            if named_workbook:
                problem = Problem(Msg.FILE_NOT_WORKBOOK, str(path), fields={"suffix": path.suffix})
                raise SubmissionError([problem])
            return _read_csv(path, data, targets)
        case _:
            assert_never(kind)


def _read_csv(path: Path, data: bytes, targets: TargetSet) -> Submission:
    source = decode_text(path, data, SubmissionError, Msg.ADVICE_SAVE_SHEET)
    parsed = _read_tables([csv_table(source.text, source.display, source.encoding)], targets)
    return Submission(path, source.display, source.encoding, source.sha256, *parsed)


def _workbook_limit() -> InputLimit:
    # The workbook readers (openpyxl, xlrd, zip checks) are imported only for a workbook.
    from planctl.read.workbook import MAX_WORKBOOK_BYTES

    return InputLimit(MAX_WORKBOOK_BYTES, Msg.INPUT_SUBMISSION)


def _read_workbook(
    path: Path, data: bytes, kind: Kind, targets: TargetSet, sheet: str | None
) -> Submission:
    from planctl.read.workbook import read_workbook

    display = str(path)
    limit = _workbook_limit()
    if len(data) > limit.max_bytes:  # a workbook under another name
        raise SubmissionError([too_large(display, len(data), limit)])
    book = read_workbook(data, display, kind, sheet)
    sheets = one_of(book.sheet_names, limit=len(book.sheet_names))
    note = Problem(
        Msg.NOTE_WORKBOOK_READ,
        display,
        fields={"kind": kind, "sheets": sheets},
        level=Severity.NOTE,
    )
    parsed = _read_tables(
        book.tables,
        targets,
        lenient=sheet is None,
        all_sheets=book.sheet_names,
        notes=[note],
        warnings=book.skipped,
    )
    return Submission(path, display, kind.value, hashlib.sha256(data).hexdigest(), *parsed)


@dataclass
class FolderScan:
    """The submission files found in a folder, and what the search met on the way."""

    files: list[Path] = field(default_factory=list)
    # Folders too deep or unreadable, a folder too large to look through: errors.
    problems: list[Problem] = field(default_factory=list)
    # Folders skipped because their files are read already (a loop, a second link): notes.
    notes: list[Problem] = field(default_factory=list)


# A folder holding this file holds record tables, not submissions (see planctl.records).
RECORDS_MARKER = ".planctl-records"


def files_in(directory: Path) -> FolderScan:
    """Every submission file inside `directory`, recursively, in name order.

    A folder of record tables (one holding `RECORDS_MARKER`) is left to `planctl compute`.
    Hidden entries (`.git`) and the lock files Excel leaves beside an open workbook (`~$name`)
    are skipped. Links to folders are followed, but never into a folder already read (a link
    back up is a loop), and never deeper than `MAX_FOLDER_DEPTH` levels or past
    `MAX_FOLDER_ENTRIES` entries in all. A file that is a broken link, a pipe or a device is
    kept, so that reading it says what it is rather than it disappearing.
    """
    scan = FolderScan()
    try:
        root = _folder_id(directory)
    except OSError as exc:
        scan.problems.append(_unreadable_folder(directory, exc))
        return scan
    first_seen: dict[tuple[int, int], Path] = {root: directory}
    # Depth first, each folder with the identities of the folders that hold it.
    pending: list[tuple[Path, int, tuple[tuple[int, int], ...]]] = [(directory, 0, (root,))]
    entries = 0
    while pending:
        folder, depth, holders = pending.pop()
        try:
            with os.scandir(folder) as listing:
                found = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            scan.problems.append(_unreadable_folder(folder, exc))
            continue
        entries += len(found)
        if entries > MAX_FOLDER_ENTRIES:
            limit = f"{MAX_FOLDER_ENTRIES:,}"
            scan.problems.append(Problem(Msg.DIR_TOO_MANY, str(directory), fields={"limit": limit}))
            break
        below: list[tuple[Path, int, tuple[tuple[int, int], ...]]] = []
        for entry in found:
            if entry.name.startswith((".", "~$")):
                continue
            path = Path(entry.path)
            try:
                is_folder = entry.is_dir()
                identity = _folder_id(path) if is_folder else None
            except OSError:
                is_folder, identity = False, None
            if identity is None:
                if not is_folder and path.suffix.lower() in SUBMISSION_SUFFIXES:
                    scan.files.append(path)
                continue
            if identity in holders:
                ancestor = str(first_seen[identity])
                scan.notes.append(_folder_note(path, Msg.NOTE_DIR_LOOP, ancestor=ancestor))
            elif identity in first_seen:
                first = str(first_seen[identity])
                scan.notes.append(_folder_note(path, Msg.NOTE_DIR_AGAIN, first=first))
            elif (path / RECORDS_MARKER).exists():
                # Record tables (census forms) beside the submissions: not figures a county
                # sent, and read by `planctl compute`; said with -v.
                scan.notes.append(_folder_note(path, Msg.NOTE_DIR_RECORDS, marker=RECORDS_MARKER))
            elif depth + 1 > MAX_FOLDER_DEPTH:
                fields: dict[str, object] = {"limit": MAX_FOLDER_DEPTH, "root": str(directory)}
                scan.problems.append(Problem(Msg.DIR_TOO_DEEP, str(path), fields=fields))
            else:
                first_seen[identity] = path
                below.append((path, depth + 1, (*holders, identity)))
        pending.extend(reversed(below))
    scan.files.sort()
    return scan


def _folder_id(path: Path) -> tuple[int, int]:
    """What a folder is, whatever the path that leads to it (a link, another mount)."""
    status = path.stat()
    return status.st_dev, status.st_ino


def _unreadable_folder(folder: Path, exc: OSError) -> Problem:
    reason = exc.strerror or exc.__class__.__name__
    return Problem(Msg.DIR_UNREADABLE, str(folder), fields={"reason": reason})


def _folder_note(path: Path, code: Msg, **fields: object) -> Problem:
    return Problem(code, str(path), fields=fields, level=Severity.NOTE)


def read_submissions(
    paths: list[Path],
    targets: TargetSet,
    *,
    sheet: str | None = None,
    progress: Progress | None = None,
    columns: bool | None = None,
    superseded: frozenset[str] = frozenset(),
) -> Submissions:
    """Read every file, and every submission file in every directory, named in `paths` (only
    `sheet` of each workbook, if given). A file whose real path is in `superseded` (a
    corrected file replaces it, `--supersede`) is not read: it is listed in
    `Submissions.superseded`.

    A file named twice (or also found in a directory named) is read once. A report that
    planctl wrote (CSV or Excel, see `reports.py`) is never read: one found in a directory is
    skipped with a warning (in `skipped`), one named is an error. Raises one
    SubmissionError with the problems of all of them, in the order of `paths`. CSV files
    that add up to `COLUMNS_FROM` bytes or more are read in batches of columns (see
    `columns.py`; `columns` says yes or no instead); `progress` is told the bytes read.
    """
    submissions = Submissions()
    # Compact: a file wrong on every row has millions of problems.
    problems = Problems()
    notes: list[Problem] = []
    # Each path's files in order, or the problem of a directory without any.
    found: list[Path | Problem] = []
    seen: set[str] = set()
    # What searching the folders skipped, said with the first file's notes (--verbose).
    searched: list[Problem] = []
    for path in paths:
        named = not path.is_dir()
        if named:
            files = [path]
        else:
            scan = files_in(path)
            files = scan.files
            found.extend(scan.problems)
            searched.extend(scan.notes)
        reports = [] if named else [file for file in files if is_planctl_report(file)]
        if reports:
            # Passed over with a warning: reports written into the folder by an earlier run.
            files = [file for file in files if file not in reports]
            submissions.skipped.extend(_report_problem(file, skipped=True) for file in reports)
        if not files and (named or not scan.problems):
            suffixes = ", ".join(SUBMISSION_SUFFIXES)
            found.append(Problem(Msg.DIR_NO_SUBMISSIONS, str(path), fields={"suffixes": suffixes}))
        for file in files:
            # realpath, not resolve(): a link that loops must be read (and refused), not raise.
            real = os.path.realpath(file)
            if real in seen:
                continue
            seen.add(real)
            if real in superseded:
                submissions.superseded.append((real, str(file)))
                continue
            # A report named is a mistake to point out, not a file to read.
            found.append(
                _report_problem(file, skipped=False) if named and is_planctl_report(file) else file
            )
    files = [item for item in found if isinstance(item, Path)]
    sizes = {file: _size(file) for file in files}
    if progress is not None:
        progress.expect(sum(sizes.values()))
    by_columns, read_otherwise = _read_by_columns(files, sizes, targets, progress, columns)
    for item in found:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        read = by_columns.get(item)
        try:
            if read is not None:
                submission = read.submission()
            else:
                submission = read_submission(item, targets, sheet=sheet)
                if progress is not None:
                    progress.advance(sizes[item])
        except SubmissionError as exc:
            warned, noted = _warnings_and_notes(read_otherwise.get(item, []))
            problems.extend(warned)
            problems.extend(exc.problems)
            notes.extend(noted + exc.notes)
        else:
            if item in read_otherwise:
                warned, noted = _warnings_and_notes(read_otherwise[item])
                submission = dataclasses.replace(
                    submission,
                    warnings=warned + submission.warnings,
                    notes=noted + submission.notes,
                )
            submissions.append(submission)
            notes.extend(submission.notes)
    if problems:
        # The files skipped too: they may be why a folder has no submissions.
        every = Problems(submissions.skipped)
        every.extend(problems)
        raise SubmissionError(every, searched + notes)
    if searched and submissions:
        first = submissions[0]
        submissions[0] = dataclasses.replace(first, notes=searched + first.notes)
    return submissions


class Submissions(list[Submission]):
    """The submissions read, and the warnings about files found but not read as one."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: list[Problem] = []
        # The files not read because a corrected file supersedes them: (real path, as named).
        self.superseded: list[tuple[str, str]] = []


def _report_problem(file: Path, *, skipped: bool) -> Problem:
    """A report of planctl's found in a folder (`skipped`, a warning) or named (an error)."""
    workbook = file.suffix.lower() in WORKBOOK_SUFFIXES
    if skipped:
        code = Msg.FILE_WORKBOOK_REPORT_SKIPPED if workbook else Msg.FILE_REPORT_SKIPPED
        return Problem(code, str(file), level=Severity.WARNING)
    return Problem(Msg.FILE_IS_WORKBOOK_REPORT if workbook else Msg.FILE_IS_REPORT, str(file))


# The CSV bytes from which the column reader pays for loading polars (about 0.2 s): the
# row-by-row reader takes about as long for 100 KiB.
COLUMNS_FROM = 256 * 2**10
# The CSV bytes from which reading row by row, for want of polars, is said always (a warning),
# not only under -v: the row reader takes 1 to 3 s a MiB (measured on the development
# machine), so 8 MiB is 10 s or more where polars takes under one.
SLOW_ROWS_FROM = 8 * 2**20
# The row reader's seconds a MiB, the lower of the figures above, for the warning's estimate.
_ROW_SECONDS_PER_MIB = 1.0


def _warnings_and_notes(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """Why a file was read row by row: the warnings, always shown, and the notes, for -v."""
    warned = [problem for problem in problems if problem.level is Severity.WARNING]
    return warned, [problem for problem in problems if problem.level is not Severity.WARNING]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_by_columns(
    files: list[Path],
    sizes: dict[Path, int],
    targets: TargetSet,
    progress: Progress | None,
    columns: bool | None,
) -> tuple[dict[Path, ColumnFile], dict[Path, list[Problem]]]:
    """The CSV files the column reader took, each as it left it; the others are read row by
    row (it reads a file it does not take only to its header). Without polars (installed
    without its dependencies, or a broken wheel) every file is read row by row, with a note
    for -v saying so: the second of the pair, by file; from `SLOW_ROWS_FROM` bytes in all,
    the first file's note is a warning instead, always shown, as a wait of minutes would
    otherwise go unexplained."""
    candidates = [file for file in files if file.suffix.lower() not in WORKBOOK_SUFFIXES]
    if columns is None:
        columns = sum(sizes[file] for file in candidates) >= COLUMNS_FROM
    if not columns or not candidates:
        return {}, {}
    from planctl.read.columns import ColumnReader, load_polars

    try:
        load_polars()
    except ImportError as exc:
        # The row reader gives the same figures and messages, only slower: no reason to fail.
        reason = str(exc) or type(exc).__name__
        why = {
            file: [
                Problem(
                    Msg.NOTE_NO_POLARS, str(file), fields={"reason": reason}, level=Severity.NOTE
                )
            ]
            for file in candidates
        }
        total = sum(sizes[file] for file in candidates)
        if total >= SLOW_ROWS_FROM:
            mib = total / 2**20
            seconds = max(1, round(mib * _ROW_SECONDS_PER_MIB))
            fields = {"size": f"{mib:,.1f}", "seconds": f"{seconds:,}"}
            first = candidates[0]
            why[first] = [
                Problem(
                    Msg.WARN_NO_POLARS_SLOW,
                    str(first),
                    fields={**fields, "reason": reason},
                    level=Severity.WARNING,
                )
            ]
        return {}, why
    read = ColumnReader(targets, progress).read(candidates)
    taken: dict[Path, ColumnFile] = {}
    for file in read.files:
        if file.fallback:
            if progress is not None:
                progress.expect(sizes[file.path])
        else:
            taken[file.path] = ColumnFile(read, file.index)
    return taken, {}


@dataclass(frozen=True)
class ColumnFile:
    """A file the column reader took: its figures are rows of the reader's one frame."""

    read: ColumnRead
    index: int

    def submission(self) -> Submission:
        """The file as a submission; SubmissionError as the row-by-row reader raises it."""
        file = self.read.files[self.index]
        extra = []
        if not file.has_rows and not file.problems:
            extra = [file.start.header.row.problem(file.display, Msg.CSV_NO_ROWS)]
        if file.problems or extra:
            report = in_line_order(file.problems, file.warnings)
            report.extend(extra)
            raise SubmissionError(report, file.notes)
        return Submission(
            file.path,
            file.display,
            "utf-8",
            file.sha256,
            _ColumnObservations(self),
            list(file.warnings),
            file.notes,
            columns=self,
        )


class _ColumnObservations(Sequence[Observation]):
    """A column-read file's observations, made when first asked for."""

    def __init__(self, file: ColumnFile) -> None:
        self._file = file
        self._made: list[Observation] | None = None

    def _all(self) -> list[Observation]:
        if self._made is None:
            self._made = self._file.read.observations(self._file.index)
        return self._made

    def __len__(self) -> int:
        return len(self._all())

    @overload
    def __getitem__(self, index: int) -> Observation: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Observation]: ...

    def __getitem__(self, index: int | slice) -> Observation | Sequence[Observation]:
        return self._all()[index]


def parse_submission(
    text_: str, display: str, targets: TargetSet
) -> tuple[list[Observation], list[Problem]]:
    """The observations in a CSV submission's text, and the warnings about it."""
    observations, warnings, _ = _read_tables([csv_table(text_, display, "utf-8")], targets)
    return observations, warnings


def _read_tables(
    tables: list[Table],
    targets: TargetSet,
    *,
    lenient: bool = False,
    all_sheets: list[str] | None = None,
    notes: list[Problem] | None = None,
    warnings: list[Problem] | None = None,
) -> tuple[list[Observation], list[Problem], list[Problem]]:
    """Observations, warnings and notes of a file's tables; SubmissionError with every problem.

    `lenient` (a workbook read whole): a sheet that names no column at all (instructions, a
    chart's data) and a sheet with a header but no figures are skipped with a note, as long
    as another sheet has figures; otherwise they are the errors.
    """
    reader = _TablesReader(targets, tables[0].display if tables else "", notes or [])
    reader.warnings.extend(warnings or [])
    reader.report.extend(warnings or [])
    for table in tables:
        reader.read(table, lenient)
    extra: list[Problem] = []
    if not reader.tables_read and (lenient or not reader.problems):
        extra = reader.headerless + reader.no_rows
        if not extra and not reader.problems:
            sheets = one_of(all_sheets or [], limit=len(all_sheets or []))
            extra = [Problem(Msg.WORKBOOK_NO_SUBMISSION, reader.display, fields={"sheets": sheets})]
    if reader.problems or extra:
        # With the warnings in their places: a column ignored may explain an error.
        raise SubmissionError(reader.report + extra, reader.notes)
    return reader.builder.observations, reader.warnings, reader.notes


class _TablesReader:
    """Reads a file's tables through one builder, so a figure given on two sheets is caught."""

    def __init__(self, targets: TargetSet, display: str, notes: list[Problem]) -> None:
        self.targets = targets
        self.display = display
        self.builder = ObservationBuilder(targets, display)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        # Errors and warnings together, each table's in the order of its rows.
        self.report: list[Problem] = []
        self.notes = list(notes)
        # Problems of the tables skipped leniently, raised if no table has figures.
        self.headerless: list[Problem] = []
        self.no_rows: list[Problem] = []
        self.tables_read = 0

    def read(self, table: Table, lenient: bool) -> None:
        display, builder = self.display, self.builder
        self.notes.extend(table.notes)
        found = find_header(iter(table.rows), self.targets, display)
        if found.header is None:
            if lenient and not found.attempted:
                code = Msg.NOTE_SHEET_SKIPPED if found.problems else Msg.NOTE_SHEET_EMPTY
                self.notes.append(_sheet_note(table, code))
                self.headerless.extend(found.problems)
                self._add([], table.warnings)
            else:
                empty = [Problem(Msg.FILE_EMPTY, display)]
                self._add(found.problems + table.problems or empty, table.warnings)
            return
        header = found.header
        layout = layout_for(header, builder)
        kept = len(builder.observations) + len(builder.repeats)
        repeats = len(builder.repeats)
        if table.sheet is not None and isinstance(layout, LongLayout):
            # A sheet's rows are at hand whole: a large one is checked in columns.
            read_sheet_rows(list(found.rows), header, layout)
        else:
            for row in found.rows:
                layout.read(row)
        problems = found.problems + builder.problems + table.problems
        builder.problems = []
        warnings = table.warnings + layout.warnings + builder.repeats[repeats:]
        problems, warnings = _quote_faults(table, problems, warnings)
        self.notes += [layout_note(header, found.skipped, display), *layout.notes]
        self._add(problems, warnings)
        if len(builder.observations) + len(builder.repeats) > kept:
            self.tables_read += 1
        elif not problems:
            self.no_rows.append(header.row.problem(display, Msg.CSV_NO_ROWS))

    def _add(self, problems: list[Problem], warnings: list[Problem]) -> None:
        self.problems.extend(sorted(problems, key=_line))
        self.warnings.extend(warnings)
        self.report.extend(sorted(problems + warnings, key=_quote_first))


def _line(problem: Problem) -> int:
    return problem.line or 0


def _quote_first(problem: Problem) -> tuple[int, bool]:
    """By line, a quote's warning first on its line: it may explain the errors after it."""
    return _line(problem), problem.code is not Msg.CSV_QUOTE_SWALLOWS_ROWS


def _quote_faults(
    table: Table, problems: list[Problem], warnings: list[Problem]
) -> tuple[list[Problem], list[Problem]]:
    """A row a stray quote broke: its errors ('unknown county \'咸安区,township_…\'', 'the
    indicator is empty') are the quote's doing, so the quote's warning replaces them, as an
    error, the row being unreadable. A broken row without errors keeps its warning."""
    faulty = {
        line: warning
        for line, warning in table.broken_by_quote.items()
        if any(problem.line == line for problem in problems)
    }
    if not faulty:
        return problems, warnings
    kept = [problem for problem in problems if problem.line not in faulty]
    errors = [dataclasses.replace(warning, level=Severity.ERROR) for warning in faulty.values()]
    replaced = {id(warning) for warning in faulty.values()}
    return kept + errors, [warning for warning in warnings if id(warning) not in replaced]


def _sheet_note(table: Table, code: Msg) -> Problem:
    return Problem(
        code,
        table.display,
        fields={"rows": HEADER_SEARCH_ROWS},
        level=Severity.NOTE,
        cell=sheet_reference(table.sheet) if table.sheet is not None else None,
    )
