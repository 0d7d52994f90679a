"""A plan's text cut into numbered clauses and sentences, each with the line it starts on.

Chinese plans number their items `11.`, `3、`, `（2）` or, when they have no Arabic numbers,
`（十一）`; sections are headed `一、`. A clause runs from its heading to the next heading of
either kind; text before the first clause (the preamble) belongs to no clause. Sentences end
at 。！？ or a line break, so a sentence's commas and semicolons stay inside it, as plans quote
them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planctl.domain.problems import PlanTextError
from planctl.files.limits import PLAN_TEXT
from planctl.files.text import read_text

_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_NUMERAL = "零〇一二两三四五六七八九十百"
# `11.` or `3、` but not `2.5万`; `（2）`; and, in plans without them, `（十一）`.
_ARABIC_HEADING = re.compile(r"\s*(?:(\d{1,3})\s*[.、．](?!\d)|[（(]\s*(\d{1,3})\s*[)）])")
_CHINESE_HEADING = re.compile(rf"\s*[（(]([{_CHINESE_NUMERAL}]+)[)）]")
_SECTION_HEADING = re.compile(rf"\s*[{_CHINESE_NUMERAL}]+、")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the plan, exactly as written, and where it is."""

    text: str
    clause: int | None
    line: int


@dataclass(frozen=True)
class Clause:
    """A numbered item of the plan: its number, first line and text (heading included)."""

    number: int | None
    line: int
    text: str

    def sentences(self) -> Iterator[Sentence]:
        """The clause's sentences, in order."""
        return _sentences(self)


@dataclass(frozen=True)
class PlanText:
    """A plan's text and its clauses."""

    display: str
    text: str
    clauses: list[Clause]

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence of the plan, clause by clause."""
        for clause in self.clauses:
            yield from clause.sentences()

    def clauses_holding(self, sentence: str) -> list[int | None]:
        """The numbers of the clauses whose text holds `sentence` (None: the preamble)."""
        return [clause.number for clause in self.clauses if sentence in clause.text]


def read_plan(path: Path) -> PlanText:
    """Read a plan's text file; PlanTextError if it cannot be read as text."""
    source = read_text(path, PlanTextError, PLAN_TEXT)
    return parse_plan(source.text, source.display)


def parse_plan(text: str, display: str = "<plan>") -> PlanText:
    """Cut a plan's text into clauses."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    use_arabic = any(_ARABIC_HEADING.match(line) for line in lines)
    clauses: list[Clause] = []
    number: int | None = None
    start = 1
    body: list[str] = []
    for index, line in enumerate(lines, start=1):
        heading = _heading_number(line, use_arabic)
        if heading is not None or _SECTION_HEADING.match(line):
            if body:
                clauses.append(Clause(number, start, "\n".join(body)))
            number = heading
            start, body = index, []
        body.append(line)
    if body:
        clauses.append(Clause(number, start, "\n".join(body)))
    return PlanText(display, text, clauses)


def chinese_number(numeral: str) -> int | None:
    """`十一` → 11, `二十` → 20, `一百零五` → 105, `两` → 2; None if it is not a numeral."""
    total, digit = 0, None
    units = {"十": 10, "百": 100}
    for char in numeral:
        if char in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[char]
        elif char in units:
            total += (1 if digit is None else digit) * units[char]
            digit = None
        else:
            return None
    if not numeral:
        return None
    return total + (digit or 0)


def _heading_number(line: str, use_arabic: bool) -> int | None:
    if use_arabic:
        match = _ARABIC_HEADING.match(line)
        if match:
            return int(match.group(1) or match.group(2))
        return None
    match = _CHINESE_HEADING.match(line)
    return chinese_number(match.group(1)) if match else None


def _sentences(clause: Clause) -> Iterator[Sentence]:
    for offset, line in enumerate(clause.text.split("\n")):
        if offset == 0 and clause.number is not None:
            # The heading's number is not part of the clause's first sentence.
            heading = _ARABIC_HEADING.match(line) or _CHINESE_HEADING.match(line)
            if heading:
                line = line[heading.end() :]
        for piece in _SENTENCE_END.split(line):
            if piece.strip():
                yield Sentence(piece.strip(), clause.number, clause.line + offset)
