"""Problems found in the input, and the exceptions that carry them out of the core.

A `Problem` names where it is (file, 1-based line or a workbook cell such as `Sheet1!C4`, and
the field or column), what it is (a stable `Msg` code with its fields) and how bad it is. The
core collects every problem of a file before raising, so one bad cell never hides the next;
the CLI prints them and exits 2.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from planctl.messages import Msg, text


class Level(StrEnum):
    """How bad a problem is: an error stops the check, a warning is shown and the check goes on."""

    ERROR = "error"
    WARNING = "warning"
    # What planctl made of an input (the layout it detected, rows it skipped): shown with -v.
    NOTE = "note"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with enough context to find and fix it."""

    code: Msg
    path: str
    line: int | None = None
    field: str | None = None
    fields: dict[str, object] = dataclasses.field(default_factory=dict)
    level: Level = Level.ERROR
    # In a workbook, the cell (`Sheet1!C4`) or sheet the problem is in; `line` is then its row.
    cell: str | None = None

    @property
    def message(self) -> str:
        return text(self.code, **self.fields)

    def __str__(self) -> str:
        """`file:line: field: message` (`file:Sheet1!C4: …` in a workbook), as editors read it."""
        if self.cell is not None:
            location = f"{self.path}:{self.cell}"
        else:
            location = self.path if self.line is None else f"{self.path}:{self.line}"
        parts = [location]
        if self.level is Level.WARNING:
            parts.append(text(Msg.LEVEL_WARNING))
        elif self.level is Level.NOTE:
            parts.append(text(Msg.LEVEL_NOTE))
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


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


class PlanTextError(PlanctlError):
    """A plan's text file cannot be read."""


class OutputError(PlanctlError):
    """An output file cannot be written."""


class TemplateError(PlanctlError):
    """A template cannot be made for the counties asked for."""
