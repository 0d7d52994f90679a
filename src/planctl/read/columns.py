"""Large CSV submissions read a batch of rows at a time, the plan's rules applied to columns.

The row-by-row reader (`layouts`, `figures`) spends tens of microseconds on a row: a national
file of a million rows would take a minute. Here polars parses a few megabytes of rows at
once and every rule is applied to whole columns. A row is taken this way only when every rule
is sure to pass for it: a county and an indicator the targets file names, a year or none,
numbers written in a form whose reading is certain (`88.4`, `88.4%`, `19,320`, `-3`,
full-width `８８．４％`), parts that agree with the value, values in range. Any other row (a
bad cell, a blank, total or comment row, a number written unusually) goes to the row-by-row
reader, so its messages are the ones that reader gives, on the same line (or, for rows failing
as rows before them failed, the same messages counted by `failing`). Repeated figures
are then checked over all of a file's rows in line order, as that reader checks them.

A file is read row by row whole when its rows cannot be tied to its lines for sure (a line
break inside a quoted cell, an encoding other than UTF-8, control characters, a bare carriage
return, DOS's Ctrl-Z end-of-file mark at the end) or when it is not the long layout (the wide
one has a row per county: never large).
Files with the same header are parsed together, so 2,850 county files take about as long as
one file of the same rows.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from planctl.domain import cells as rules
from planctl.domain.names import fold
from planctl.domain.problems import Problem, Problems, SubmissionError, in_line_order
from planctl.domain.terms import Unit
from planctl.files.limits import CSV_SUBMISSION, MAX_CELL_CHARS
from planctl.files.text import open_input
from planctl.read.csvrows import (
    csv_dialect,
    csv_note,
    csv_table,
    is_skipped,
    malformed,
    row_cells,
)
from planctl.read.failing import FailingRows
from planctl.read.figures import (
    TOTAL_ROW_NAMES,
    Observation,
    ObservationBuilder,
    read_year,
)
from planctl.read.header import (
    COUNTY,
    DENOMINATOR,
    INDICATOR,
    NOTE,
    NUMERATOR,
    VALUE,
    YEAR,
    Header,
    Layout,
    find_header,
    layout_note,
)
from planctl.read.layouts import LongLayout
from planctl.read.repeats import find_repeats
from planctl.read.table import Row
from planctl.targets.models import Target, TargetSet

if TYPE_CHECKING:
    from concurrent.futures import Executor

    import polars as pl

# How many bytes of rows polars parses at once: enough that its cost per call vanishes, few
# enough that a batch's columns stay a few tens of megabytes.
BATCH_BYTES = 2 * 2**20
# The header must lie within a file's first bytes (it is among the first ten rows).
HEAD_BYTES = 64 * 2**10

# Control characters that make a file's text doubtful (files/text.py allows tab, line ends,
# form feed and Ctrl-Z): the row-by-row reader judges a file that holds any.
_CONTROL = bytes(c for c in range(32) if c not in b"\t\n\r\x0c\x1a")
_NOT_CONTROL = bytes(c for c in range(256) if c not in _CONTROL)
# Files the row-by-row reader routes elsewhere or decodes otherwise.
_NOT_UTF8_TEXT = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\x03\x04", b"\xd0\xcf\x11\xe0")

# What NFKC and values._SIGNS make of the non-ASCII characters people put in numbers:
# full-width digits, point, comma, signs and percent, the ideographic and no-break spaces,
# and the minus and dashes of word processors. A cell with any other non-ASCII character
# does not match _NUMBER and is read row by row.
_FORMS = {
    **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
    "．": ".",
    "，": ",",
    "％": "%",
    "＋": "+",
    "－": "-",
    "\u3000": " ",
    "\u00a0": " ",
    "\u2212": "-",
    "\u2013": "-",
    "\u2014": "-",
}
# The numbers whose reading is certain: values.parse_number's grammar less the exponent (which
# changes the decimals written), with a digit before any point or after a bare one.
_NUMBER = r"^[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)$"
_NON_ASCII = r"[^\x00-\x7f]"
# Plain numbers, read as they stand: digits, and a point with digits after it.
_PLAIN = r"^[0-9]+(?:\.[0-9]+)?$"
# values.Number.rounding for each number of decimals; a number with more is read row by row.
_ROUNDING = {decimals: rules.rounding(decimals) for decimals in range(31)}


class Progress(Protocol):
    """Told how much work there is and how much is done, in bytes of input."""

    def expect(self, size: int) -> None: ...

    def advance(self, size: int) -> None: ...


@dataclass(frozen=True)
class _Start:
    """What the first lines of a file say: its header, and where its rows begin."""

    header: Header
    skipped: int
    dialect: type[csv.Dialect]
    # The byte offset and the line number of the first line after the header.
    body_offset: int
    body_line: int

    @property
    def signature(self) -> tuple[object, ...]:
        """Files with the same signature are parsed in one batch."""
        roles = tuple(sorted(self.header.roles.items()))
        return (self.delimiter, len(self.header.row.cells), roles)

    @property
    def delimiter(self) -> str:
        return str(self.dialect.delimiter)


@dataclass
class FileRead:
    """One file as the column reader left it."""

    index: int
    path: Path
    display: str
    start: _Start
    layout: LongLayout
    builder: ObservationBuilder
    # How it was read and its layout, then notes about rows read row by row (--verbose).
    notes: list[Problem]
    digest: Any = field(default_factory=hashlib.sha256)
    # The file cannot be read in columns after all: the row-by-row reader reads it whole.
    fallback: bool = False
    # The line of a row the csv module cannot read, where the file's table ends.
    stopped_at: int | None = None
    sha256: str = ""
    problems: Problems = field(default_factory=Problems)
    # Compact, as the problems: a file given twice over repeats every figure.
    warnings: Problems = field(default_factory=Problems)
    # Whether any figure was read (or repeated), which an empty table lacks.
    has_rows: bool = False


@dataclass
class _Segment:
    """Whole lines of one file, parsed in a batch with others of the same header."""

    file: FileRead
    first_line: int
    data: bytes
    lines: int
    _split: list[bytes] | None = None

    def line(self, number: int) -> bytes:
        """The bytes of one of the segment's lines, by its number in the file."""
        if self._split is None:
            self._split = self.data.split(b"\n")
        return self._split[number - self.first_line]


@dataclass
class _Batch:
    start: _Start
    segments: list[_Segment] = field(default_factory=list)
    size: int = 0


@dataclass
class ColumnRead:
    """What the column reader made of its files: the figures of all of them in one frame.

    `frame` holds one row per figure taken, sorted by file and line: file (an index into
    `files`), line, county (into `counties`), target (into the targets file's targets),
    year (null where the row gave none), value, numerator and denominator. `notes` holds
    the note of each (file, line) that has one.
    """

    targets: TargetSet
    files: list[FileRead]
    frame: pl.DataFrame
    counties: list[str]
    notes: dict[tuple[int, int], str]

    def observations(self, file: int) -> list[Observation]:
        """One file's figures as observations, in line order."""
        pl = load_polars()
        rows = self.frame.filter(pl.col("file") == file)
        return list(self.to_observations(rows))

    def to_observations(self, rows: pl.DataFrame) -> Iterable[Observation]:
        """Rows of `frame` as observations."""
        targets = self.targets.targets
        for file, line, county, target, year, value, numerator, denominator in rows.select(
            _COLUMNS
        ).iter_rows():
            yield Observation(
                self.counties[county],
                targets[target].id,
                value,
                numerator,
                denominator,
                year,
                self.notes.get((file, line), ""),
                self.files[file].display,
                line,
            )


_COLUMNS = ["file", "line", "county", "target", "year", "value", "numerator", "denominator"]


def load_polars() -> Any:
    """polars, imported on first use (a small check never loads it)."""
    if "polars" not in sys.modules:
        # polars' allocator (jemalloc) keeps freed pages for ten seconds by default, so each
        # batch's columns would add to the process's memory until the check ends; a quarter
        # of a second returns them between batches at no measurable cost (a national check
        # peaks 60 MiB lower). Read when polars loads; a value already set is kept.
        os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:250,muzzy_decay_ms:0")
    import polars

    return polars


class ColumnReader:
    """Reads CSV files in batches of columns; see the module's docstring."""

    def __init__(self, targets: TargetSet, progress: Progress | None = None) -> None:
        self.pl = load_polars()
        self.targets = targets
        self.progress = progress
        self.files: list[FileRead] = []
        self.counties: list[str] = []
        self.notes: dict[tuple[int, int], str] = {}
        self._county_index: dict[str, int] = {}
        # Raw cell text → what it reads as; None: the row is read row by row.
        self._county_of: dict[str, int | None] = {}
        self._target_of: dict[str, int | None] = {}
        self._year_of: dict[str, int | None] = {}
        self._blank_years: set[str] = set()
        self._totals = TOTAL_ROW_NAMES | {fold(targets.spec.city.name)}
        # Bytes up to a header already found → what they say.
        self._starts: dict[bytes, _Start] = {}
        self._batches: dict[tuple[object, ...], _Batch] = {}
        self._taken: list[pl.DataFrame] = []
        self._failing = FailingRows(targets)
        rules = [_Rules.of(target) for target in targets.targets]
        self._percent = {i: rule.percent for i, rule in enumerate(rules)}
        self._ratio = {i: rule.ratio for i, rule in enumerate(rules)}
        self._scale: dict[int, float | None] = {i: rule.scale for i, rule in enumerate(rules)}
        self._parts = {i: rule.parts for i, rule in enumerate(rules)}
        self._low = {i: rule.low for i, rule in enumerate(rules)}
        self._high = {i: rule.high for i, rule in enumerate(rules)}

    def read(self, paths: list[Path]) -> ColumnRead:
        """Read `paths`; a file that must be read row by row after all is marked `fallback`."""
        from concurrent.futures import ThreadPoolExecutor

        # The files' sha256 is worked out beside the parsing: hashlib lets go of the GIL.
        with ThreadPoolExecutor(1, thread_name_prefix="planctl-sha256") as hashing:
            for path in paths:
                self._read_file(path, hashing)
        for batch in self._batches.values():
            self._flush(batch)
        return self._finish()

    # --- Files -------------------------------------------------------------------------------

    def _read_file(self, path: Path, hashing: Executor) -> None:
        try:
            stream = open_input(path, SubmissionError, CSV_SUBMISSION)
        except SubmissionError:
            return  # not taken: the row-by-row reader says why
        with stream:
            head = stream.read(HEAD_BYTES)
            file = self._open(path, head, more=len(head) == HEAD_BYTES)
            if file is None:
                return
            # One thread updates the digest, block after block, in the order they are read.
            hashed = hashing.submit(file.digest.update, head)
            self._advance(len(head))
            data, line = head[file.start.body_offset :], file.start.body_line
            total = len(head)
            tail = head[-8:]
            while True:
                block = stream.read(BATCH_BYTES)
                hashed = hashing.submit(file.digest.update, block)
                self._advance(len(block))
                total += len(block)
                if total > CSV_SUBMISSION.max_bytes:
                    # It grew while read: the row-by-row reader reads it again, and refuses it.
                    file.fallback = True
                    break
                tail = (tail + block[-8:])[-8:]
                if not block:
                    if tail.rstrip(b"\r\n").endswith(b"\x1a"):
                        # DOS's end-of-file mark, which files/text.py drops: read row by row.
                        file.fallback = True
                    if data:
                        self._add(file, line, data if data.endswith(b"\n") else data + b"\n")
                    break
                # The whole lines so far, copied once: the rest waits for the next block.
                cut = block.rfind(b"\n") + 1
                if cut:
                    line = self._add(file, line, b"".join((data, memoryview(block)[:cut])))
                    data = block[cut:]
                else:
                    data += block
        hashed.result()
        file.sha256 = file.digest.hexdigest()
        file.digest = None

    def _advance(self, size: int) -> None:
        if self.progress is not None and size:
            self.progress.advance(size)

    def _open(self, path: Path, head: bytes, more: bool) -> FileRead | None:
        """The file's state, or None when its start already says to read it row by row."""
        if head.startswith(_NOT_UTF8_TEXT) or b"\x00" in head:
            return None
        display = str(path)
        start = next((s for prefix, s in self._starts.items() if head.startswith(prefix)), None)
        if start is None:
            start = self._find_start(head[: head.rfind(b"\n") + 1] if more else head, display)
            if start is None:
                return None
        builder = ObservationBuilder(self.targets, display, dedupe=False)
        file = FileRead(
            index=len(self.files),
            path=path,
            display=display,
            start=start,
            layout=LongLayout(start.header, builder),
            builder=builder,
            notes=[
                csv_note(display, "utf-8", start.delimiter),
                layout_note(start.header, start.skipped, display),
            ],
        )
        self.files.append(file)
        return file

    def _find_start(self, head: bytes, display: str) -> _Start | None:
        """The header among the first lines, as the row-by-row reader finds it; None when it is
        not there, or not one the column reader takes."""
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
        table = csv_table(text, display, "utf-8")
        found = find_header(iter(table.rows), self.targets, display)
        header = found.header
        if (
            header is None
            or found.problems
            or table.problems
            or header.layout is not Layout.LONG
            or any("\n" in cell or "\r" in cell for cell in header.row.cells)
        ):
            return None
        offset = 0
        for _ in range(header.row.line):
            offset = head.find(b"\n", offset) + 1
            if not offset:
                return None
        dialect = csv_dialect(text)
        start = _Start(header, found.skipped, dialect, offset, header.row.line + 1)
        self._starts[head[:offset]] = start
        return start

    def _add(self, file: FileRead, line: int, data: bytes) -> int:
        """Queue whole lines of a file for their batch; the number of the line after them."""
        lines = data.count(b"\n")
        if file.fallback or file.stopped_at is not None:
            return line + lines
        bare_return = b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
        if bare_return or data.translate(None, _NOT_CONTROL):
            file.fallback = True
            return line + lines
        batch = self._batches.setdefault(file.start.signature, _Batch(file.start))
        batch.segments.append(_Segment(file, line, data, lines))
        batch.size += len(data)
        if batch.size >= BATCH_BYTES:
            self._flush(batch)
        return line + lines

    # --- Batches -------------------------------------------------------------------------------

    def _flush(self, batch: _Batch) -> None:
        segments = [
            segment
            for segment in batch.segments
            if not segment.file.fallback and segment.file.stopped_at is None
        ]
        batch.segments, batch.size = [], 0
        if segments:
            self._parse(batch.start, segments)

    def _parse(self, start: _Start, segments: list[_Segment]) -> None:
        """Parse segments together; in doubt, each alone; a doubtful one's file falls back."""
        width = len(start.header.row.cells)
        header = start.delimiter.join(f"c{i}" for i in range(width)).encode() + b"\n"
        data = b"".join([header, *(segment.data for segment in segments)])
        lines = sum(segment.lines for segment in segments)
        overflow = None
        frame = _read_csv(data, start.delimiter, truncate=False)
        if frame is None or frame.height != lines:
            if len(segments) > 1:
                for segment in segments:
                    self._parse(start, [segment])
                return
            # A row with more cells than the header (an unquoted thousands separator) stops a
            # strict read: read again cutting such rows short, and find them by counting
            # separators without regard to quotes (so never too few).
            frame = _read_csv(data, start.delimiter, truncate=True)
            raw = _read_lines(data)
            if frame is None or raw is None or not frame.height == raw.height == lines:
                segments[0].file.fallback = True
                return
            separators = raw.get_column("line").str.count_matches(start.delimiter, literal=True)
            overflow = (separators > width - 1).fill_null(False)
        self._take(start, segments, frame, overflow)

    def _take(
        self,
        start: _Start,
        segments: list[_Segment],
        frame: pl.DataFrame,
        overflow: pl.Series | None,
    ) -> None:
        """Keep the rows every rule passes; hand the others to the row-by-row reader."""
        pl = self.pl
        roles = start.header.roles
        if len(segments) == 1:
            # One file's lines: each row's line is the first line plus its position.
            first = segments[0].first_line
            frame = frame.with_columns(
                pl.lit(0, dtype=pl.UInt32).alias("segment"),
                pl.lit(segments[0].file.index, dtype=pl.UInt32).alias("file"),
                pl.int_range(first, first + frame.height, dtype=pl.UInt32).alias("line"),
            )
        else:
            frame = pl.concat([frame, _places(segments)], how="horizontal")
        if overflow is not None:
            frame = frame.with_columns(overflow=overflow)
        maps = self._resolve(frame, roles)
        judged = _judge(frame, roles, maps, self, overflow is not None)
        ok = pl.col("ok")
        self._taken.append(judged.select(*_COLUMNS, ok).filter(ok).drop("ok").cast(figure_schema()))
        if NOTE in roles:
            noted = judged.select("file", "line", "note", ok).filter(
                ok & pl.col("note").is_not_null()
            )
            for file, line, note, _ in noted.iter_rows():
                if note.strip():
                    self.notes[(file, line)] = note.strip()
        routed = frame.filter(~judged.get_column("ok") & ~judged.get_column("blank"))
        # Rows failing as rows before them failed are counted there, the others read row by row.
        routed = self._failing.take(
            start.header,
            segments,
            routed,
            lambda rows: self.judge(rows, roles, overflow is not None).get_column("ok"),
        )
        for index, line in routed.iter_rows():
            segment = segments[index]
            file = segment.file
            if file.stopped_at is not None:
                continue
            raw = segment.line(line)
            try:
                cells = row_cells(raw.decode("utf-8") + "\n", start.dialect)
            except csv.Error as exc:
                # As the row-by-row reader does: the problem, and nothing after it is read.
                file.problems.append(malformed(file.display, line, exc))
                file.stopped_at = line
                continue
            if not is_skipped(cells):
                file.layout.read(Row(line, cells))

    def judge(self, frame: pl.DataFrame, roles: dict[str, int], overflowing: bool) -> pl.DataFrame:
        """Rows of text cells `c0`, `c1`, … (and `overflow`, if `overflowing`) judged as a
        batch is: each row's figures, `blank`, and `ok` where every rule surely passes; a
        county is an index into `county_names`. For a sheet's rows (read/sheetcolumns.py)."""
        return _judge(frame, roles, self._resolve(frame, roles), self, overflowing)

    @property
    def county_names(self) -> list[str]:
        """The official name of each county index `judge` gave so far."""
        return list(self._county_index)

    def _resolve(self, frame: pl.DataFrame, roles: dict[str, int]) -> dict[str, dict[str, Any]]:
        """What each county, indicator and year cell of a batch reads as, by the rules of the
        row-by-row reader, worked out once per distinct text."""
        first = roles.get(COUNTY) == 0, roles.get(INDICATOR) == 0, roles.get(YEAR) == 0
        for role, known, resolve, at_first in (
            (COUNTY, self._county_of, self._county, first[0]),
            (INDICATOR, self._target_of, self._target, first[1]),
            (YEAR, self._year_of, self._year, first[2]),
        ):
            if role not in roles:
                continue
            for raw in frame.get_column(f"c{roles[role]}").unique().to_list():
                if raw is not None and raw not in known:
                    # A first cell starting with # makes the row a comment (csvrows.py).
                    comment = at_first and raw.lstrip().startswith("#")
                    known[raw] = None if comment else resolve(raw)
        return {
            COUNTY: {k: v for k, v in self._county_of.items() if v is not None},
            INDICATOR: {k: v for k, v in self._target_of.items() if v is not None},
            YEAR: {k: v for k, v in self._year_of.items() if v is not None},
        }

    def _county(self, raw: str) -> int | None:
        name = raw.strip()
        if not name or fold(name) in self._totals:
            return None
        if self.targets.counties:
            county = self.targets.find_county(name)
            if county is None:
                return None
            name = county.name
        return self._county_index.setdefault(name, len(self._county_index))

    def _target(self, raw: str) -> int | None:
        target = self.targets.find_target(raw.strip())
        return None if target is None else self.targets.targets.index(target)

    def _year(self, raw: str) -> int | None:
        written = raw.strip()
        if not written:
            self._blank_years.add(raw)
            return None
        return read_year(written)

    # --- The end -------------------------------------------------------------------------------

    def _finish(self) -> ColumnRead:
        """All rows taken, checked for repeats in each file; each file's problems."""
        pl = self.pl
        self.counties = list(self._county_index)
        routed = [
            row for file in self.files if not file.fallback for row in self._routed_rows(file)
        ]
        frames = [frame for frame in self._taken if frame.height]
        self._taken = []
        schema = figure_schema()
        # A batch's rows are in file and line order: files are read one after another, each
        # from its start. So are the rows read row by row, unless a file's lines were not.
        ordered = True
        if routed:
            frames.append(pl.DataFrame(routed, schema=schema, orient="row"))
            ordered = _in_order(frames[-1])
        ordered = ordered and all(
            _place_of(before, -1) < _place_of(after, 0) for before, after in pairwise(frames)
        )
        # The batches' frames are kept as chunks of one frame, not copied into one.
        frame = pl.concat(frames, rechunk=False) if frames else pl.DataFrame(schema=schema)
        del frames
        gone = [file.index for file in self.files if file.fallback]
        if gone:
            frame = frame.filter(~pl.col("file").is_in(pl.Series(gone, dtype=pl.UInt32).implode()))
        for file in self.files:
            if file.stopped_at is not None and not file.fallback:
                # The rows after the one that ends the table, as the row-by-row reader ends it.
                frame = frame.filter(
                    (pl.col("file") != file.index) | (pl.col("line") < file.stopped_at)
                )
        # Batches come in file and line order, but for rows read row by row and files whose
        # batches interleave with other headers'.
        if not ordered:
            frame = frame.sort("file", "line")
        frame = self._repeats(frame)
        for file in self.files:
            if file.fallback:
                continue
            failing = self._failing.problems(file.index)
            if file.stopped_at is not None:
                failing = failing.before(file.stopped_at)
            file.problems = in_line_order(file.builder.problems, failing, file.problems)
            file.notes.extend(file.layout.notes)
        read = frame.get_column("file").unique().to_list()
        for index in read:
            self.files[index].has_rows = True
        return ColumnRead(self.targets, self.files, frame, self.counties, self.notes)

    def _routed_rows(self, file: FileRead) -> Iterable[tuple[object, ...]]:
        """The rows the row-by-row reader took, as rows of the frame."""
        target_index = {target.id: i for i, target in enumerate(self.targets.targets)}
        for observation in file.builder.observations:
            county = self._county_index.setdefault(observation.county, len(self._county_index))
            if observation.note:
                self.notes[(file.index, observation.line)] = observation.note
            yield (
                file.index,
                observation.line,
                county,
                target_index[observation.target_id],
                observation.year,
                observation.value,
                observation.numerator,
                observation.denominator,
            )
        self.counties = list(self._county_index)

    def _repeats(self, frame: pl.DataFrame) -> pl.DataFrame:
        """A figure given twice in a file: the rows after the first are checked against it, in
        line order, by the row-by-row reader's rule, and dropped (read/repeats.py)."""
        targets = self.targets.targets
        self.counties = list(self._county_index)
        frame, found = find_repeats(
            frame,
            _figure_key(frame, len(targets)),
            [file.display for file in self.files],
            [target.id for target in targets],
            self.counties,
        )
        for index, repeats in found.items():
            file = self.files[index]
            if repeats.errors is not None:
                file.problems.add_alike(repeats.errors, repeats.errors.lines)
            if repeats.warnings is not None:
                file.warnings.add_alike(repeats.warnings, repeats.warnings.lines)
                file.has_rows = True
        return frame


@dataclass(frozen=True)
class _Rules:
    """What the column reader checks of a target's figures."""

    percent: bool
    ratio: bool
    # numerator × scale / denominator is the value (Unit.scale).
    scale: float
    parts: bool
    low: float | None
    high: float | None

    @classmethod
    def of(cls, target: Target) -> _Rules:
        valid = target.valid_range
        unit = target.unit
        return cls(
            unit is Unit.PERCENT,
            unit is Unit.RATIO,
            unit.scale,
            target.has_parts,
            valid.min,
            valid.max,
        )


def _figure_key(frame: pl.DataFrame, targets: int) -> pl.Expr:
    """One number per (file, county, target, year), so repeats are found by sorting numbers:
    of 32 bits where they fit (half the memory of 64), of 64 where those do, else a hash of
    the columns."""
    import polars as pl  # loaded (and its allocator tuned) by load_polars already

    files, counties, first, last = frame.select(
        pl.col("file").max().fill_null(0),
        pl.col("county").max().fill_null(0),
        pl.col("year").min().fill_null(0).alias("first"),
        pl.col("year").max().fill_null(0).alias("last"),
    ).row(0)
    files, counties = int(files) + 1, int(counties) + 1
    # A year's number: 0 where none is given, else 1 for the first year, and so on.
    years = int(last) - int(first) + 2
    size = files * counties * targets * years
    if size >= 2**63:
        return pl.struct("file", "county", "target", "year").hash()
    dtype = pl.UInt32 if size < 2**32 else pl.UInt64
    year = (pl.col("year").cast(pl.Int64) - (int(first) - 1)).fill_null(0).cast(dtype)
    figure = pl.col("file").cast(dtype) * counties + pl.col("county").cast(dtype)
    return (figure * targets + pl.col("target").cast(dtype)) * years + year


def _places(segments: list[_Segment]) -> pl.DataFrame:
    """Each row's segment, file and line, for a batch of several segments."""
    import polars as pl  # loaded (and its allocator tuned) by load_polars already

    return pl.DataFrame(
        {
            "segment": range(len(segments)),
            "file": [segment.file.index for segment in segments],
            "first": [segment.first_line for segment in segments],
            "lines": [segment.lines for segment in segments],
        },
        schema={
            "segment": pl.UInt32,
            "file": pl.UInt32,
            "first": pl.UInt32,
            "lines": pl.UInt32,
        },
    ).select(
        pl.col("segment").repeat_by("lines").explode(),
        pl.col("file").repeat_by("lines").explode(),
        pl.int_ranges("first", pl.col("first") + pl.col("lines"), dtype=pl.UInt32)
        .explode()
        .alias("line"),
    )


def _in_order(frame: pl.DataFrame) -> bool:
    """Whether a frame of figures is in file and line order."""
    import polars as pl  # loaded (and its allocator tuned) by load_polars already

    place = pl.col("file").cast(pl.UInt64) * 2**32 + pl.col("line")
    return bool(frame.select((place.diff().fill_null(1) > 0).all()).item())


def _place_of(frame: pl.DataFrame, row: int) -> tuple[int, int]:
    """The file and line of one row of a frame of figures."""
    return frame.item(row, "file"), frame.item(row, "line")


def _line(problem: Problem) -> int:
    return problem.line or 0


def figure_schema(file: str = "file", line: str = "line") -> pl.Schema:
    """The columns of a frame of figures, one row each, placed by `file` and `line` columns.

    One definition for the column reader and for gathering, so their frames concatenate."""
    pl = load_polars()
    return pl.Schema(
        {
            file: pl.UInt32,
            line: pl.UInt32,
            "county": pl.UInt32,
            "target": pl.UInt16,
            "year": pl.Int16,
            "value": pl.Float64,
            "numerator": pl.Float64,
            "denominator": pl.Float64,
        }
    )


def _read_csv(data: bytes, delimiter: str, *, truncate: bool) -> pl.DataFrame | None:
    """Every cell as text, or None when polars cannot read the rows (bad quotes, not UTF-8)."""
    import polars as pl  # loaded (and its allocator tuned) by load_polars already

    try:
        return pl.read_csv(
            data,
            has_header=True,
            separator=delimiter,
            infer_schema=False,
            truncate_ragged_lines=truncate,
            encoding="utf8",
        )
    except pl.exceptions.PolarsError:
        return None


def _read_lines(data: bytes) -> pl.DataFrame | None:
    """Each line after the first as one text, quotes and separators left alone."""
    import polars as pl  # loaded (and its allocator tuned) by load_polars already

    try:
        return pl.read_csv(
            data,
            has_header=False,
            skip_lines=1,
            separator="\x00",
            quote_char=None,
            new_columns=["line"],
            infer_schema=False,
            truncate_ragged_lines=True,
            encoding="utf8",
        )
    except pl.exceptions.PolarsError:
        return None


def _numbers(frame: pl.DataFrame, roles: dict[str, int]) -> pl.LazyFrame:
    """The value, numerator and denominator cells read as values.parse_number reads them,
    where the reading is certain, as columns `<role>_<what>`.

    `empty`: blank; `good`: blank or certain; `value` and `percent` as in values.Number, and
    the value's `value_decimals`. A column of plain numbers only (`88.51`, `21950`: by far
    the most common) is read directly, all three columns found plain in one pass; full-width
    digits and signs are mapped only in a column that has any non-ASCII character. Computed
    lazily in steps, so that no step is worked out twice and each step's columns are freed
    once the next is made.
    """
    import polars as pl  # loaded (and its allocator tuned) by load_polars already

    present = {role: roles[role] for role in (VALUE, NUMERATOR, DENOMINATOR) if role in roles}
    # Head counts written as whole numbers (`21950`: nearly all of them) are read as integers,
    # one pass that both reads them and proves them so: an integer's reading, sign and all, is
    # certain, and so is the float made of it.
    parts = [role for role in (NUMERATOR, DENOMINATOR) if role in present]
    wholes = frame.select(
        pl.col(f"c{present[role]}").cast(pl.Int64, strict=False).alias(role) for role in parts
    )
    whole = {
        role: wholes.get_column(role).null_count()
        == frame.get_column(f"c{present[role]}").null_count()
        for role in parts
    }
    tested = [role for role in present if not whole.get(role)]
    plain = (
        frame.select(
            pl.col(f"c{present[role]}").str.contains(_PLAIN).all().alias(role) for role in tested
        ).row(0, named=True)
        if tested
        else {}
    )
    steps: list[list[pl.Expr]] = [[], [], []]
    for role in (VALUE, NUMERATOR, DENOMINATOR):
        index = present.get(role)
        if index is None:
            steps[2] += [
                pl.lit(True).alias(f"{role}_empty"),
                pl.lit(None, dtype=pl.Float64).alias(f"{role}_value"),
                pl.lit(True).alias(f"{role}_good"),
                pl.lit(False).alias(f"{role}_percent"),
            ]
            if role == VALUE:
                steps[2].append(pl.lit(0, dtype=pl.Int64).alias("value_decimals"))
            continue
        raw = pl.col(f"c{index}")
        if whole.get(role):
            steps[2] += [
                raw.is_null().alias(f"{role}_empty"),
                pl.lit(wholes.get_column(role)).cast(pl.Float64).alias(f"{role}_value"),
                pl.lit(True).alias(f"{role}_good"),
                pl.lit(False).alias(f"{role}_percent"),
            ]
            continue
        if plain[role]:
            # Blank cells are null: a quoted empty cell ("") is not plain.
            steps[2] += [
                raw.is_null().alias(f"{role}_empty"),
                raw.cast(pl.Float64, strict=False).alias(f"{role}_value"),
                pl.lit(True).alias(f"{role}_good"),
                pl.lit(False).alias(f"{role}_percent"),
            ]
            digits = raw
        else:
            if frame.get_column(f"c{index}").str.contains(_NON_ASCII).any():
                raw = raw.fill_null("").str.replace_many(_FORMS)
            text = raw.fill_null("").str.strip_chars(" \t")
            steps[0] += [text.alias(f"{role}_text")]
            percent, stripped = pl.col(f"{role}_text").str.ends_with("%"), pl.col(f"{role}_text")
            unsigned = stripped.str.strip_suffix("%").str.strip_chars(" \t")
            steps[1] += [
                percent.alias(f"{role}_percent"),
                pl.when(percent).then(unsigned).otherwise(stripped).alias(f"{role}_digits"),
            ]
            written = pl.col(f"{role}_digits")
            steps[2] += [
                (pl.col(f"{role}_text") == "").alias(f"{role}_empty"),
                written.str.replace_all(",", "", literal=True)
                .cast(pl.Float64, strict=False)
                .alias(f"{role}_value"),
                written.str.contains(_NUMBER).alias(f"{role}_good"),
            ]
            digits = written
        if role == VALUE:
            # Only the value's decimals matter: they give the rounding its parts must meet.
            point = digits.str.find(".", literal=True).cast(pl.Int64)
            steps[2].append(
                (digits.str.len_bytes().cast(pl.Int64) - point - 1)
                .fill_null(0)
                .alias("value_decimals")
            )
    lazy = frame.lazy()
    for step in steps:
        if step:
            lazy = lazy.with_columns(step)
    return lazy.with_columns(
        (
            pl.col(f"{role}_empty") | (pl.col(f"{role}_good") & pl.col(f"{role}_value").is_finite())
        ).alias(f"{role}_good")
        for role in (VALUE, NUMERATOR, DENOMINATOR)
    )


class Columns:
    """The algebra of the cell rules (domain/cells.py) over polars expressions: each rule
    the row reader runs on a cell, run here on whole columns. A null bound holds."""

    def both(self, a: pl.Expr, b: pl.Expr, /) -> pl.Expr:
        return a & b

    def negate(self, a: pl.Expr, /) -> pl.Expr:
        return ~a

    def above(self, a: pl.Expr, b: pl.Expr | float, /) -> pl.Expr:
        return a > b

    def at_least(self, a: pl.Expr, b: pl.Expr | float | None, /) -> pl.Expr:
        return _unbounded(b) | (a >= b) if b is not None else _true()

    def at_most(self, a: pl.Expr, b: pl.Expr | float | None, /) -> pl.Expr:
        return _unbounded(b) | (a <= b) if b is not None else _true()

    def same(self, a: pl.Expr, b: pl.Expr, /) -> pl.Expr:
        return a == b

    def floor(self, a: pl.Expr, /) -> pl.Expr:
        return a.floor()

    def distance(self, a: pl.Expr, b: pl.Expr, /) -> pl.Expr:
        return (a - b).abs()

    def plus(self, a: pl.Expr, b: float, /) -> pl.Expr:
        return a + b

    def times(self, a: pl.Expr, b: pl.Expr | float, /) -> pl.Expr:
        return a * b

    def divided(self, a: pl.Expr, b: pl.Expr, /) -> pl.Expr:
        return a / b


def _true() -> pl.Expr:
    return load_polars().lit(True)


def _unbounded(bound: pl.Expr | float) -> pl.Expr:
    """Where a column of bounds has none (null); a number is always a bound."""
    pl = load_polars()
    return bound.is_null() if isinstance(bound, pl.Expr) else pl.lit(False)


COLUMNS = Columns()


def _judge(
    frame: pl.DataFrame,
    roles: dict[str, int],
    maps: dict[str, dict[str, Any]],
    reader: ColumnReader,
    overflowing: bool,
) -> pl.DataFrame:
    """Each row's figures, and whether every rule surely passes (`ok`) or every cell is blank
    (`blank`: a row the row-by-row reader skips without a word)."""
    import polars as pl  # loaded (and its allocator tuned) by load_polars already

    def cell(role: str) -> pl.Expr:
        index = roles.get(role)
        return pl.col(f"c{index}") if index is not None else pl.lit(None, dtype=pl.String)

    def mapped(role: str, dtype: type[pl.DataType]) -> pl.Expr:
        mapping = maps[role]
        if not mapping:
            return pl.lit(None, dtype=dtype)
        return cell(role).replace_strict(mapping, default=None, return_dtype=dtype)

    cells = [pl.col(name) for name in frame.columns if name.startswith("c")]
    blank = pl.all_horizontal(c.is_null() for c in cells)
    if overflowing:
        blank = blank & ~pl.col("overflow")
    year_raw = cell(YEAR)
    blank_years = pl.Series(sorted(reader._blank_years), dtype=pl.String)
    year_blank = (
        year_raw.is_null() | year_raw.is_in(blank_years.implode())
        if YEAR in roles
        else pl.lit(True)
    )
    lazy = _numbers(frame, roles).with_columns(
        mapped(COUNTY, pl.UInt32).alias("county"),
        mapped(INDICATOR, pl.UInt32).alias("target"),
        mapped(YEAR, pl.Int32).alias("year"),
        year_blank.alias("year_blank"),
        cell(NOTE).alias("note"),
        blank.alias("blank"),
    )
    target = pl.col("target")

    def rule(table: dict[int, bool] | dict[int, float | None], dtype: type[pl.DataType]) -> pl.Expr:
        # Targets are numbered from 0: each rule is looked up by position, not hashed.
        return pl.lit(pl.Series(list(table.values()), dtype=dtype)).gather(target)

    lazy = lazy.with_columns(
        rule(reader._percent, pl.Boolean).alias("percent_unit"),
        rule(reader._ratio, pl.Boolean).alias("ratio_unit"),
        rule(reader._parts, pl.Boolean).alias("has_parts"),
        rule(reader._low, pl.Float64).alias("low"),
        rule(reader._high, pl.Float64).alias("high"),
        rules.rate(
            COLUMNS,
            pl.col("numerator_value"),
            pl.col("denominator_value"),
            rule(reader._scale, pl.Float64),
        ).alias("computed"),
        # More decimals than _ROUNDING has: null, and the row is read row by row (`ok`).
        pl.lit(pl.Series([*_ROUNDING.values(), None], dtype=pl.Float64))
        .gather(pl.col("value_decimals").clip(0, len(_ROUNDING)))
        .alias("rounding"),
    )
    v_empty, v_value, v_percent = (pl.col(f"value_{w}") for w in ("empty", "value", "percent"))
    n_empty, n_value, n_percent = (pl.col(f"numerator_{w}") for w in ("empty", "value", "percent"))
    d_empty, d_value, d_percent = (
        pl.col(f"denominator_{w}") for w in ("empty", "value", "percent")
    )
    computed = pl.col("computed")
    lazy = lazy.with_columns(
        pl.when(v_empty).then(computed).otherwise(v_value).alias("value"),
        pl.when(~n_empty).then(n_value).alias("numerator"),
        pl.when(~n_empty).then(d_value).alias("denominator"),
    )
    value = pl.col("value")
    # The cell rules of domain/cells.py, the very functions the row reader runs, here over
    # columns: the fraction rule for a percentage, a whole count, head counts, the parts
    # agreeing with the value within its rounding, the valid range.
    value_rule = v_empty | pl.when(pl.col("percent_unit")).then(
        rules.percentage(COLUMNS, v_value, v_percent)
    ).when(pl.col("ratio_unit")).then(rules.ratio(COLUMNS, v_value, v_percent)).otherwise(
        rules.count(COLUMNS, v_value, v_percent)
    )
    # figures._figures: both parts or neither, a rate's parts, no zero denominator.
    head_counts = (n_empty | rules.head_count(COLUMNS, n_value, n_percent)) & (
        d_empty | rules.head_count(COLUMNS, d_value, d_percent)
    )
    parts_rule = n_empty | (
        pl.col("has_parts")
        & (d_value != 0)
        & (v_empty | rules.agrees(COLUMNS, computed, v_value, pl.col("rounding")))
    )
    ok = (
        pl.col("county").is_not_null()
        & target.is_not_null()
        & (pl.col("year_blank") | pl.col("year").is_not_null())
        & pl.col("value_good")
        & pl.col("numerator_good")
        & pl.col("denominator_good")
        & ~(v_empty & n_empty & d_empty)
        & (n_empty == d_empty)
        & head_counts
        & value_rule
        & parts_rule
        & value.is_finite()
        & pl.col("rounding").is_not_null()
        & rules.in_range(COLUMNS, value, pl.col("low"), pl.col("high"))
    )
    if 0 not in {roles.get(r) for r in (COUNTY, INDICATOR, YEAR, VALUE, NUMERATOR, DENOMINATOR)}:
        # A first cell starting with # makes the row a comment (csvrows.py).
        ok = ok & ~pl.col("c0").fill_null("").str.contains("#", literal=True)
    if overflowing:
        ok = ok & ~pl.col("overflow")
    # A cell of more bytes than the csv module reads characters may be too long for it: such a
    # row is read row by row, which says so if it is (a character takes a byte or more).
    ok = ok & ~pl.any_horizontal(c.str.len_bytes() > MAX_CELL_CHARS for c in cells).fill_null(False)
    kept = ["segment", "file", "line", "county", "target", "year", "value", "numerator"]
    kept += ["denominator", "note", "blank"]
    return lazy.select(*kept, ok.fill_null(False).alias("ok")).collect()
