"""Problems found in the input, and the exceptions that carry them out of the core.

A `Problem` names where it is (file, 1-based line or a workbook cell such as `Sheet1!C4`, and
the field or column), what it is (a stable `Msg` code with its fields) and how bad it is. The
core collects every problem of a file before raising, so one bad cell never hides the next;
the CLI prints them and exits 2.
"""

from __future__ import annotations

import abc
import bisect
import collections
import dataclasses
import itertools
import operator
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import overload

from planctl.i18n.catalog import field_label, text
from planctl.i18n.codes import Msg


class Severity(StrEnum):
    """How bad a problem is: an error stops the check, a warning is shown and the check goes on."""

    ERROR = "error"
    WARNING = "warning"
    # What planctl made of an input (the layout it detected, rows it skipped): shown with -v.
    NOTE = "note"


# Fields of a message that name a column by its role (`numerator only`): shown as people
# call the column in the language in use.
_COLUMN_FIELDS = ("given", "field")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with enough context to find and fix it."""

    code: Msg
    path: str
    line: int | None = None
    field: str | None = None
    fields: dict[str, object] = dataclasses.field(default_factory=dict)
    level: Severity = Severity.ERROR
    # In a workbook, the cell (`Sheet1!C4`) or sheet the problem is in; `line` is then its row.
    cell: str | None = None

    @property
    def message(self) -> str:
        fields = {
            name: field_label(value) if name in _COLUMN_FIELDS and isinstance(value, str) else value
            for name, value in self.fields.items()
        }
        return text(self.code, **fields)

    def __str__(self) -> str:
        """`file:line: field: message` (`file:Sheet1!C4: …` in a workbook), as editors read it."""
        if self.cell is not None:
            location = f"{self.path}:{self.cell}"
        else:
            location = self.path if self.line is None else f"{self.path}:{self.line}"
        parts = [location]
        if self.level is Severity.WARNING:
            parts.append(text(Msg.LEVEL_WARNING))
        elif self.level is Severity.NOTE:
            parts.append(text(Msg.LEVEL_NOTE))
        if self.field:
            parts.append(field_label(self.field))
        parts.append(self.message)
        return ": ".join(parts)


# Past this many problems of one kind in one file, only the first SHOWN are printed in full,
# then one line counts the others and gives their lines: 100,000 repeated rows would
# otherwise print 100,000 lines. Machine-readable reports still carry every problem.
FULL_UP_TO = 5
SHOWN = 3


class Alike(abc.ABC):
    """Problems of one kind (file, level, code and field: what `summarised` counts together),
    at most one a line, each made from its line only when read: a file whose every figure
    is given twice has a million problems that differ in their fields, kept as columns by
    the one who found them (read/repeats.py). Kept in `Problems` as one problem like them."""

    @property
    @abc.abstractmethod
    def sample(self) -> Problem:
        """One of them, standing for what they share."""

    @abc.abstractmethod
    def made(self, line: int) -> Problem:
        """The one on `line`."""


class Problems(Sequence[Problem]):
    """Problems in a compact form: each is kept as its line and the index of a problem like it
    but for the line, made again only when read. A national file sent against the wrong
    targets file has two problems on each of a million rows, from a few thousand distinct
    ones: as objects they would take gigabytes, here eight bytes each. Problems alike but
    for their fields (`Alike`) are kept the same way, their fields made when read."""

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        # Each distinct problem but for its line; the first of them is the problem itself.
        # An `Alike` stands for many, each made from its line.
        self._like: list[Problem | Alike] = []
        self._index: dict[tuple[object, ...], int] = {}
        # Each problem's line (0: none) and the index of the one like it.
        self._lines = array("I")
        self._which = array("I")
        self.extend(problems)

    def like(self, problem: Problem | Alike) -> int:
        """The index of a problem like `problem` but for its line, kept from now on (an
        `Alike` is never like another)."""
        key = _likeness(problem) if isinstance(problem, Problem) else None
        found = self._index.get(key) if key is not None else None
        if found is None:
            found = len(self._like)
            self._like.append(problem)
            if key is not None:
                self._index[key] = found
        return found

    def add(self, like: int, line: int) -> None:
        """One more problem: the one at index `like`, on `line`."""
        self._lines.append(line)
        self._which.append(like)

    def add_many(self, lines: Iterable[int], like: Iterable[int]) -> None:
        """More problems: those at the indices `like`, each on its line of `lines`."""
        self._lines.extend(lines)
        self._which.extend(like)

    def add_alike(self, alike: Alike, lines: Sequence[int]) -> None:
        """More problems: those of `alike` on `lines`."""
        if lines:
            self._lines.extend(lines)
            self._which.extend(itertools.repeat(self.like(alike), len(lines)))

    def append(self, problem: Problem) -> None:
        self.add(self.like(problem), problem.line or 0)

    def extend(self, problems: Iterable[Problem]) -> None:
        if not isinstance(problems, Problems):
            for problem in problems:
                self.append(problem)
            return
        if not self._like:
            self._like = list(problems._like)
            self._index = dict(problems._index)
            self._which = array("I", problems._which)
        else:
            index = [self.like(problem) for problem in problems._like]
            self._which.extend(index[which] for which in problems._which)
        self._lines.extend(problems._lines)

    def before(self, line: int) -> Problems:
        """Those on lines before `line`, of problems in line order."""
        cut = bisect.bisect_left(self._lines, line)
        if cut == len(self._lines):
            return self
        kept = Problems()
        kept._like, kept._index = self._like, self._index
        kept.add_many(self._lines[:cut], self._which[:cut])
        return kept

    def in_line_order(self) -> Problems:
        """The same problems by line (none first), those on one line in the order they came."""
        lines = self._lines
        if all(map(operator.le, lines, itertools.islice(lines, 1, None))):
            return self
        order = sorted(range(len(lines)), key=lines.__getitem__)
        ordered = Problems()
        ordered._like, ordered._index = self._like, self._index
        ordered._lines = array("I", (lines[i] for i in order))
        ordered._which = array("I", (self._which[i] for i in order))
        return ordered

    def _made(self, which: int, line: int) -> Problem:
        problem = self._like[which]
        if isinstance(problem, Alike):
            return problem.made(line)
        if (problem.line or 0) == line:
            return problem
        return dataclasses.replace(problem, line=line or None)

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[Problem]:
        for line, which in zip(self._lines, self._which, strict=True):
            yield self._made(which, line)

    @overload
    def __getitem__(self, index: int) -> Problem: ...

    @overload
    def __getitem__(self, index: slice) -> list[Problem]: ...

    def __getitem__(self, index: int | slice) -> Problem | list[Problem]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._made(self._which[index], self._lines[index])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Problems({list(self)!r})"


def in_line_order(*parts: Iterable[Problem]) -> Problems:
    """`parts` one after another, then sorted by line as `sorted(..., key=line)` would: the
    largest part is kept as it is (millions, alike) and the others placed into it, still
    compact (a problem like one already kept is not made)."""
    logs = [(p if isinstance(p, Problems) else Problems(p)).in_line_order() for p in parts]
    if not logs:
        return Problems()
    biggest = max(range(len(logs)), key=lambda i: len(logs[i]))
    base = logs[biggest]
    if all(not log for part, log in enumerate(logs) if part != biggest):
        return base
    merged = Problems()
    merged._like, merged._index = list(base._like), dict(base._index)
    rest: list[tuple[int, int, int]] = []
    for part, log in enumerate(logs):
        if part != biggest and log:
            index = [merged.like(like) for like in log._like]
            rest.extend(zip(log._lines, itertools.repeat(part), map(index.__getitem__, log._which)))
    # Sorted by line, then part: the order of a stable sort of the parts one after another.
    rest.sort(key=lambda item: item[:2])
    lines, which = base._lines, base._which
    done = 0
    for line, part, like in rest:
        # On one line, a part before the largest comes before its problems, one after after.
        place = bisect.bisect_left if part < biggest else bisect.bisect_right
        cut = place(lines, line, lo=done)
        merged.add_many(lines[done:cut], which[done:cut])
        merged.add(like, line)
        done = cut
    merged.add_many(lines[done:], which[done:])
    return merged


def _likeness(problem: Problem) -> tuple[object, ...] | None:
    """What two problems alike but for their line share; None if it cannot be compared."""
    key = (
        problem.code,
        problem.path,
        problem.line is None,
        problem.field,
        problem.level,
        problem.cell,
        tuple(problem.fields.items()),
    )
    try:
        hash(key)
    except TypeError:
        return None
    return key


def summarised(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` for people to read: of each kind (file, sheet, level, code and field) past
    FULL_UP_TO, the first SHOWN, then one problem in the place of the next that counts the
    rest and lists their lines as ranges (`lines 5-9, 12`). Nothing is dropped uncounted.

    Worked out on the compact form (`Problems`), a few million in a second: only the
    problems shown are made, and the lines of those counted are gathered at C speed."""
    log = problems if isinstance(problems, Problems) else Problems(problems)
    kinds = [_kind(like.sample if isinstance(like, Alike) else like) for like in log._like]
    counts: dict[tuple[object, ...], int] = {}
    for which, count in collections.Counter(log._which).items():
        kind = kinds[which]
        if kind is not None:
            counts[kind] = counts.get(kind, 0) + count
    many = [kind is not None and counts[kind] > FULL_UP_TO for kind in kinds]
    if not any(many):
        return list(log)
    lines, whiches = log._lines, log._which
    shown: list[Problem | tuple[object, ...]] = []
    seen: dict[tuple[object, ...], int] = {}
    example: dict[tuple[object, ...], Problem] = {}
    first: dict[tuple[object, ...], Problem] = {}
    # Where the problems each kind's count line counts begin.
    counted: dict[tuple[object, ...], int] = {}
    pending = len({kind for kind, counts_many in zip(kinds, many, strict=True) if counts_many})
    position = 0
    # Up to where every kind counted has had its first SHOWN and the one the count replaces.
    while pending:
        which, line = whiches[position], lines[position]
        if not many[which]:
            shown.append(log._made(which, line))
        else:
            key = kinds[which]
            assert key is not None
            seen[key] = seen.get(key, -1) + 1
            if seen[key] < SHOWN:
                problem = log._made(which, line)
                example.setdefault(key, problem)
                shown.append(problem)
            elif seen[key] == SHOWN:
                first[key], counted[key] = log._made(which, line), position
                shown.append(key)
                pending -= 1
        position += 1
    # Past it, the problems of kinds not counted are all shown.
    few = [not counts_many for counts_many in many]
    later = itertools.compress(
        range(position, len(lines)), map(few.__getitem__, whiches[position:])
    )
    shown.extend(log._made(whiches[at], lines[at]) for at in later)
    rest: dict[tuple[object, ...], list[int]] = {}
    for key, at in counted.items():
        alike = [kind == key for kind in kinds]
        rest[key] = list(itertools.compress(lines[at:], map(alike.__getitem__, whiches[at:])))
    return [
        item if isinstance(item, Problem) else _more(example[item], first[item], rest[item])
        for item in shown
    ]


def _kind(problem: Problem) -> tuple[object, ...] | None:
    """What makes problems alike; None for one that is not on a line (not summarised)."""
    if problem.line is None:
        return None
    sheet = problem.cell.rpartition("!")[0] if problem.cell is not None else None
    return (problem.path, sheet, problem.level, problem.code, problem.field)


def _more(example: Problem, first: Problem, lines: list[int]) -> Problem:
    """One problem, placed at `first`, counting it and the others of its kind on `lines`;
    `example` is the first of their kind, shown in full."""
    ranges = line_ranges(lines)
    sheet = first.cell.rpartition("!")[0] if first.cell is not None else ""
    if sheet:
        places = text(Msg.PROBLEMS_ROWS, ranges=ranges, sheet=sheet.strip("'"))
    else:
        places = text(Msg.PROBLEMS_LINES, ranges=ranges)
    return Problem(
        Msg.PROBLEMS_MORE,
        first.path,
        first.line,
        first.field,
        {
            "count": f"{len(lines):,}",
            "first": example.cell or text(Msg.PLACE_LINE, line=example.line),
            "places": places,
        },
        first.level,
        first.cell,
    )


def line_ranges(lines: Iterable[int]) -> str:
    """Line numbers as ranges: `5-9, 12, 20-21`."""
    ordered = sorted(set(lines))
    if not ordered:
        return ""
    # Where a run breaks: a line that does not follow the one before (found at C speed).
    steps = map(operator.sub, itertools.islice(ordered, 1, None), ordered)
    breaks = itertools.compress(range(1, len(ordered)), map((1).__ne__, steps))
    starts = [0, *breaks]
    ends = [*starts[1:], len(ordered)]
    runs = (
        str(ordered[a]) if b - a == 1 else f"{ordered[a]}-{ordered[b - 1]}"
        for a, b in zip(starts, ends, strict=True)
    )
    return ", ".join(runs)


class PlanctlError(Exception):
    """Raised by the core when an input cannot be used; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("a PlanctlError needs at least one problem")
        self.problems = problems
        super().__init__()

    def __str__(self) -> str:
        # Made when asked for, not when raised: a file wrong on every row has millions.
        return "\n".join(str(problem) for problem in self.problems)


class TargetsError(PlanctlError):
    """The targets file cannot be read or does not describe valid targets."""


class SubmissionError(PlanctlError):
    """A county submission cannot be read or holds invalid figures."""

    def __init__(self, problems: Sequence[Problem], notes: list[Problem] | None = None) -> None:
        super().__init__(problems)
        # What was understood of the files before the problems (shown with --verbose).
        self.notes = notes or []


class RecordsError(PlanctlError):
    """A records file, a record table or the engine that aggregates them cannot be used."""


class PlanTextError(PlanctlError):
    """A plan's text file cannot be read."""


class OutputError(PlanctlError):
    """An output file cannot be written."""


class TemplateError(PlanctlError):
    """A template cannot be made for the counties asked for."""
