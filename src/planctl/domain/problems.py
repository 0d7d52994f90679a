"""Problems found in the input, and the exceptions that carry them out of the core.

A `Problem` names where it is (file, 1-based line or a workbook cell such as `Sheet1!C4`, and
the field or column), what it is (a stable `Msg` code with its fields) and how bad it is. The
core collects every problem of a file before raising, so one bad cell never hides the next;
the CLI prints them and exits 2.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

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


def summarised(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` for people to read: of each kind (file, sheet, level, code and field) past
    FULL_UP_TO, the first SHOWN, then one problem in the place of the next that counts the
    rest and lists their lines as ranges (`lines 5-9, 12`). Nothing is dropped uncounted."""
    problems = list(problems)
    kinds: dict[tuple[object, ...], list[Problem]] = {}
    for problem in problems:
        key = _kind(problem)
        if key is not None:
            kinds.setdefault(key, []).append(problem)
    shown: list[Problem] = []
    seen: dict[tuple[object, ...], int] = {}
    for problem in problems:
        key = _kind(problem)
        same = kinds.get(key) if key is not None else None
        if key is None or same is None or len(same) <= FULL_UP_TO:
            shown.append(problem)
            continue
        position = seen[key] = seen.get(key, -1) + 1
        if position < SHOWN:
            shown.append(problem)
        elif position == SHOWN:
            shown.append(_more(same[0], same[SHOWN:]))
    return shown


def _kind(problem: Problem) -> tuple[object, ...] | None:
    """What makes problems alike; None for one that is not on a line (not summarised)."""
    if problem.line is None:
        return None
    sheet = problem.cell.rpartition("!")[0] if problem.cell is not None else None
    return (problem.path, sheet, problem.level, problem.code, problem.field)


def _more(example: Problem, rest: list[Problem]) -> Problem:
    """One problem, placed at the first of `rest`, counting them and giving their lines;
    `example` is the first of their kind, shown in full."""
    first = rest[0]
    ranges = line_ranges([p.line for p in rest if p.line is not None])
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
            "count": f"{len(rest):,}",
            "first": example.cell or text(Msg.PLACE_LINE, line=example.line),
            "places": places,
        },
        first.level,
        first.cell,
    )


def line_ranges(lines: Iterable[int]) -> str:
    """Line numbers as ranges: `5-9, 12, 20-21`."""
    ordered = sorted(set(lines))
    runs: list[str] = []
    start = end = None
    for line in [*ordered, None]:
        if start is not None and end is not None and line == end + 1:
            end = line
            continue
        if start is not None:
            runs.append(str(start) if start == end else f"{start}-{end}")
        start = end = line
    return ", ".join(runs)


class PlanctlError(Exception):
    """Raised by the core when an input cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a PlanctlError needs at least one problem")
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class TargetsError(PlanctlError):
    """The targets file cannot be read or does not describe valid targets."""


class SubmissionError(PlanctlError):
    """A county submission cannot be read or holds invalid figures."""

    def __init__(self, problems: list[Problem], notes: list[Problem] | None = None) -> None:
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
