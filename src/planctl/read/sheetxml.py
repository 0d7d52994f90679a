"""One .xlsx sheet's XML, streamed through expat, → its rows as the text of each cell.

openpyxl's reader builds an element and a dict for every cell, and a whole row's elements at
once: a sheet of a million cells took 40 s, and one row of a million cells 700 MB before any
of it could be looked at. Here expat calls a handler per tag and only the cells inside the
bounds are kept: a row to column `max_columns`, a sheet to row `max_rows`; past those, only
whether something is there (and the number of the first row past `max_rows`). openpyxl
still reads the workbook around the sheets (sheet names and states, shared strings, number
formats, the date epoch), which is small.

The same pass sees each cell's formula: a formula without a saved value (a workbook written
by a script and never opened in a spreadsheet program) is reported, never computed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat

_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",  # ISO 29500 strict
    }
)
_ROW, _CELL, _VALUE, _FORMULA, _INLINE, _TEXT, _PHONETIC = range(7)
_LOCAL_NAMES = {
    "row": _ROW,
    "c": _CELL,
    "v": _VALUE,
    "f": _FORMULA,
    "is": _INLINE,
    "t": _TEXT,
    "rPh": _PHONETIC,
}
_REFERENCE = re.compile(r"([A-Z]{1,3})(\d+)")
_DIGITS = "0123456789"
# Column letters → number, filled as met: a sheet uses the same few letters on every row.
_COLUMNS: dict[str, int] = {}
_CHUNK = 1 << 16
FORMULAS_KEPT = 5


class SheetXMLError(Exception):
    """The sheet's XML is broken or hostile (a document type declaration, entities)."""


@dataclass
class SheetRows:
    """What streaming a sheet found: its non-blank rows within the bounds, and the rest."""

    # (row number, the text of each cell from column A).
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    # The number of a row past `max_rows` (with or without cells), where reading stopped;
    # whether a cell with a value lies past `max_columns`.
    row_past_last: int | None = None
    more_columns: bool = False
    # Cells holding a formula but no saved value: the first `FORMULAS_KEPT` (row, column,
    # formula), and how many in all (a script may write thousands).
    unsaved_formulas: list[tuple[int, int, str]] = field(default_factory=list)
    unsaved_count: int = 0


@dataclass(frozen=True)
class CellStyles:
    """What a cell's style index `s` says about reading its number."""

    # Per style index: the number format, whether it is a date format, a duration format.
    number_formats: Sequence[str | None]
    dates: frozenset[int]
    durations: frozenset[int]
    epoch: datetime.datetime


class _Stop(Exception):
    """Raised from a handler once the rows past the bound start: nothing after them is read."""


def read_sheet(
    stream: IO[bytes],
    shared_strings: Sequence[object],
    styles: CellStyles,
    text: Callable[[object, str | None], str],
    max_rows: int,
    max_columns: int,
) -> SheetRows:
    """Stream the sheet in `stream`; `text` turns a cell's value and number format into the
    text a person reads in it. SheetXMLError if the XML is broken or declares entities."""
    # Without expat's namespace processing, which costs a third of the time: the root's
    # declarations say which prefix (usually none) names the spreadsheet namespace.
    parser = expat.ParserCreate()
    parser.buffer_text = True
    reader = _Reader(parser, shared_strings, styles, text, max_rows, max_columns)
    reader.reading()

    # No spreadsheet program writes a document type into a sheet; entities in one can only
    # be an attempt to blow it up (the "billion laughs") or to read other files.
    def refuse(*_: object) -> None:
        raise SheetXMLError("the sheet declares a document type")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        raise SheetXMLError(f"broken sheet XML: {exc}") from None
    return reader.found


class _Reader:
    """The expat handlers' state: where in the sheet the parser is."""

    def __init__(
        self,
        parser: expat.XMLParserType,
        shared_strings: Sequence[object],
        styles: CellStyles,
        text: Callable[[object, str | None], str],
        max_rows: int,
        max_columns: int,
    ) -> None:
        self.parser = parser
        self.shared_strings = shared_strings
        self.styles = styles
        self.text = text
        self.max_rows = max_rows
        self.max_columns = max_columns
        self.found = SheetRows()
        self.row = 0
        self.cells: dict[int, str] = {}
        # The cell being read: its column, whether it is within the bounds, its type, style,
        # and the text of its formula, value and inline string as collected.
        self.column = 0
        self.kept = False
        self.type = "n"
        self.style = 0
        self.formula: list[str] | None = None
        self.value: list[str] | None = None
        self.inline: list[str] | None = None
        # Which text is being collected: a list of the parts of a value, a formula, a string.
        self.collect: list[str] | None = None
        self.phonetic = 0
        self.tags: dict[str, int] | None = None

    def _declared(self, attributes: dict[str, str]) -> dict[str, int]:
        prefixes = [
            name.partition(":")[2]
            for name, value in attributes.items()
            if name.partition(":")[0] == "xmlns" and value in _NAMESPACES
        ]
        return {
            (f"{prefix}:{local}" if prefix else local): tag
            for prefix in prefixes
            for local, tag in _LOCAL_NAMES.items()
        }

    def reading(self) -> None:
        """Every tag to the handlers that read cells."""
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters

    def skipping(self) -> None:
        """The rest of the row to handlers that look only for its end: past `max_columns`,
        once a value was seen there, a row of a million cells costs two calls a cell."""
        self.parser.StartElementHandler = None
        self.parser.EndElementHandler = self.skipped
        self.parser.CharacterDataHandler = None
        self.collect = None

    def skipped(self, name: str) -> None:
        if self.tags is not None and self.tags.get(name) == _ROW:
            self.reading()
            self.end(name)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tags = self.tags
        if tags is None:
            tags = self.tags = self._declared(attributes)
        tag = tags.get(name)
        if tag == _CELL:
            reference = attributes.get("r")
            column = _COLUMNS.get(reference.rstrip(_DIGITS)) if reference else None
            if column is None and reference and (match := _REFERENCE.fullmatch(reference)):
                column = _COLUMNS[match[1]] = _column_number(match[1])
            self.column = column or self.column + 1
            self.kept = self.column <= self.max_columns
            if not self.kept and self.found.more_columns:
                self.skipping()
                return
            self.type = attributes.get("t", "n")
            self.style = int(attributes.get("s") or 0)
            self.formula = self.value = self.inline = None
        elif tag == _VALUE:
            self.collect = self.value = []
        elif tag == _FORMULA:
            self.collect = self.formula = []
        elif tag == _INLINE:
            self.inline = []
        elif tag == _TEXT:
            # The text runs of an inline string; a phonetic guide (rPh) is not the cell's text.
            self.collect = self.inline if not self.phonetic else None
        elif tag == _PHONETIC:
            self.phonetic += 1
        elif tag == _ROW:
            reference = attributes.get("r")
            self.row = int(float(reference)) if reference else self.row + 1
            if self.row > self.max_rows:
                self.found.row_past_last = self.row
                raise _Stop
            self.cells = {}
            self.column = 0

    def characters(self, data: str) -> None:
        if self.collect is not None:
            self.collect.append(data)

    def end(self, name: str) -> None:
        tag = self.tags.get(name) if self.tags is not None else None
        if tag in (_VALUE, _FORMULA, _TEXT):
            self.collect = None
        elif tag == _PHONETIC:
            self.phonetic -= 1
        elif tag == _CELL:
            self._end_cell()
        elif tag == _ROW and self.cells:
            width = max(self.cells)
            texts = [""] * width
            for column, value in self.cells.items():
                texts[column - 1] = value
            self.found.rows.append((self.row, texts))

    def _end_cell(self) -> None:
        value = "".join(self.value) if self.value is not None else ""
        kind = self.type
        if kind == "inlineStr":
            value = "".join(self.inline) if self.inline is not None else ""
        if not value:
            # A formula's string result may be empty ("" from IF); any other formula without a
            # value was never computed, and what it would give is not guessed.
            if self.formula is not None and kind != "str" and self.kept:
                found = self.found
                found.unsaved_count += 1
                if len(found.unsaved_formulas) < FORMULAS_KEPT:
                    formula = "=" + "".join(self.formula)[:200]
                    found.unsaved_formulas.append((self.row, self.column, formula))
            return
        if not self.kept:
            self.found.more_columns = True
            self.skipping()
            return
        shown = self._shown(value, kind)
        if shown:
            self.cells[self.column] = shown

    def _shown(self, value: str, kind: str) -> str:
        if kind in ("inlineStr", "str", "e"):
            return value
        if kind == "s":
            return self.text(self.shared_strings[int(value)], None)
        if kind == "b":
            return self.text(value.strip() not in ("0", "false", ""), None)
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return self.text(from_ISO8601(value), None)
        style, styles = self.style, self.styles
        number_format = styles.number_formats[style] if style else None
        # The common case, a whole number under no special format, is already its text.
        if value.isdigit() and (value[0] != "0" or len(value) == 1) and not number_format:
            return value
        number: object = _number(value)
        if style in styles.dates:
            from openpyxl.utils.datetime import from_excel

            try:
                number = from_excel(number, styles.epoch, timedelta=style in styles.durations)
            except (OverflowError, ValueError):
                return "#VALUE!"
        return self.text(number, number_format)


def _number(value: str) -> float | int:
    # As openpyxl reads a number: with a point or an exponent it is a float.
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
