"""Control and bidi characters from an input, made visible in everything planctl shows.

A county name, a note or a targets file's wording can hold characters that act rather than
show: ESC starts a terminal's escape sequence (clear the screen, colour, a title), other C0
and C1 controls and DEL move the cursor or vanish, and the bidi controls (U+202A–U+202E,
U+2066–U+2069, U+200E, U+200F, U+061C) reorder the text around them, so `咸安区` could read
as something else. Every renderer shows such a character as an escape (`\\x1b`, `\\u202e`);
ordinary text, Chinese, full-width forms and CJK punctuation pass untouched, and so do tab
and line ends, which the formats lay out themselves (a bare carriage return, which moves the
cursor back over a line, is escaped).

`visible` is the one escaping function. `shown` applies it to every string of a model
(a report, a targets file, a template): renderers draw from that copy (`showing` wraps a
renderer so), so no string of an input reaches an output raw, whichever field it is in.
`visible_line` is for one-line messages (stderr), `json_visible` for JSON text, which keeps
every string intact as a JSON escape.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import Any, TypeVar, assert_never

from planctl.domain.collector import paused_collection

_Value = TypeVar("_Value")
_Options = TypeVar("_Options")

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# U+2028 and U+2029 end lines in some programs (a JSON viewer, an editor) and not others.
_SEPARATORS = "\u2028\u2029"
_ACTING = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}]|\r(?!\n)",
)
# The same characters, and any carriage return: one class, searched fast over long texts.
_MAYBE_ACTING = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}]")
_ACTING_IN_A_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}]")
# JSON's serializer escapes C0 controls itself; the rest it writes raw.
_ACTING_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}{_SEPARATORS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with each control and bidi character written as an escape (`\\x1b`)."""
    return _ACTING.sub(_escape, text) if _MAYBE_ACTING.search(text) else text


def visible_line(text: str) -> str:
    """`text` on one line: also its line ends escaped (`\\x0a`); tabs kept."""
    return _ACTING_IN_A_LINE.sub(_escape, text)


def json_visible(text: str) -> str:
    """JSON text with each bidi and C1 control character in its strings as a `\\u` escape: the
    same strings to a JSON reader, no raw acting characters to a terminal or a viewer."""
    return _ACTING_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def showing(
    draw: Callable[[_Value, _Options], str], *, json: bool
) -> Callable[[_Value, _Options], str]:
    """`draw` (a renderer) drawing from `shown(value)`; for JSON, from `value` itself, its text
    then made `json_visible`, so that every fact stays as it was given."""

    def draw_shown(value: _Value, options: _Options) -> str:
        # A national report's renderer makes a million objects that live until it returns.
        with paused_collection():
            if json:
                return json_visible(draw(value, options))
            return draw(shown(value), options)

    return draw_shown


def showing_pieces(
    draw: Callable[[_Value, _Options], Iterator[str]], *, json: bool
) -> Callable[[_Value, _Options], Iterator[str]]:
    """`showing` for a renderer that writes its text in pieces. A JSON renderer draws from the
    value itself and makes each string `json_visible` as it encodes it (a national report's
    text is too long to search again): its pieces are passed on as they come."""

    def draw_shown(value: _Value, options: _Options) -> Iterator[str]:
        # Paused while the pieces are drawn and written: the renderer's objects live on.
        with paused_collection():
            yield from draw(value if json else shown(value), options)

    return draw_shown


def shown(value: _Value) -> _Value:
    """A copy of `value` (a dataclass, a pydantic model, a container of them) with every
    string made `visible`; the very objects where nothing needs it, so the common case copies
    nothing. A report's results in full are shown as a renderer asks for them (render/shown.py)."""
    return _Shower().show(value)


class _Kind(Enum):
    DETAILS = "details"
    SEQUENCE = "sequence"
    MAPPING = "mapping"
    DATACLASS = "dataclass"
    MODEL = "model"
    OTHER = "other"


def _kind_of(kind: type) -> _Kind:
    from planctl.judge.report import Details

    if issubclass(kind, Details):
        return _Kind.DETAILS
    if issubclass(kind, list | tuple):
        return _Kind.SEQUENCE
    if issubclass(kind, dict):
        return _Kind.MAPPING
    if dataclasses.is_dataclass(kind):
        return _Kind.DATACLASS
    if isinstance(getattr(kind, "model_fields", None), dict):
        return _Kind.MODEL
    return _Kind.OTHER


# Words of a field's annotation that carry no text of an input: such a field is not looked at.
# A result's Goal holds a comparator and numbers: no text of an input.
# Progress: a category (planctl's own word), numbers and a flag.
_NO_TEXT = {
    "int",
    "float",
    "bool",
    "None",
    "list",
    "tuple",
    "dict",
    "class",
    "NoneType",
    "Goal",
    "Progress",
    # A county's statuses and gaps (85,500 in a national report): planctl's words, numbers;
    # and a large report's, held in columns.
    "Brief",
    "Briefs",
    "BriefColumns",
}
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A run of models this long is looked at all at once (see `_Shower._plain`).
_MANY = 32


# The fields of a result, and of its source, that `_Shower._result` looks at.
RESULT_TEXT = ("target", "status", "source", "trend", "lacking", "unpooled", "carry")
SOURCE_TEXT = ("county", "target_id", "note", "path", "cell")


def _source_text(source: Any) -> str:
    cell = source.cell or ""
    return f"{source.county} {source.target_id} {source.note} {source.path} {cell}"


def _plain_tuples(items: list[Any] | tuple[Any, ...]) -> bool:
    """Whether tuples of strings and numbers hold no string that needs showing."""
    texts: list[str] = []
    if not all(type(item) is tuple and _scalars(item, texts) for item in items):
        return False
    return not _MAYBE_ACTING.search(" ".join(texts))


def _scalars(values: Iterable[Any], texts: list[str]) -> bool:
    """Whether `values` are all strings (each added to `texts`), numbers, enum members or None:
    what `_Shower.show` returns as it came unless a string acts."""
    for value in values:
        if isinstance(value, str):
            texts.append(value)
        elif not (value is None or isinstance(value, Enum | int | float)):
            return False
    return True


class _Shower:
    def __init__(self) -> None:
        # Objects seen, by identity: a target shared by 85,000 results is shown once.
        self._seen: dict[int, Any] = {}
        self._texts: dict[str, str] = {}
        # The objects seen, kept alive so that no id in `_seen` is reused for another.
        self._alive: list[Any] = []
        # The fields of each type that may hold text, and what each type is, worked out once.
        self._fields: dict[type, list[str]] = {}
        self._kinds: dict[type, _Kind] = {}

    def show(self, value: Any) -> Any:
        # An enum member is planctl's own word, and a str enum's members must stay members.
        if value is None or isinstance(value, Enum | int | float):
            return value
        if isinstance(value, str):
            # Only strings that change are remembered: any other is returned as it came.
            known = self._texts.get(value)
            if known is None:
                known = visible(value)
                if known is value:
                    return value
                self._texts[value] = known
            return known
        key = id(value)
        if key in self._seen:
            return self._seen[key]
        result = self._seen[key] = self._show(value)
        self._alive.append(value)
        return result

    def _show(self, value: Any) -> Any:
        match self._kind(type(value)):
            case _Kind.DETAILS:
                from planctl.render.shown import ShownDetails

                return ShownDetails(value, self._results)
            case _Kind.SEQUENCE:
                if not value or self._plain(value):
                    return value
                items = [self.show(item) for item in value]
                if all(new is old for new, old in zip(items, value, strict=True)):
                    return value
                return type(value)(items)
            case _Kind.MAPPING:
                pairs = {self.show(k): self.show(v) for k, v in value.items()}
                same = len(pairs) == len(value) and all(
                    new_k is old_k and pairs[new_k] is old_v
                    for new_k, (old_k, old_v) in zip(pairs, value.items(), strict=True)
                )
                return value if same else pairs
            case _Kind.DATACLASS:
                return self._changed(value, lambda v, c: dataclasses.replace(v, **c))
            case _Kind.MODEL:
                return self._changed(value, lambda v, c: v.model_copy(update=c))
            case _Kind.OTHER:
                # Dates and paths are planctl's own or carry no text of an input.
                return value
            case unexpected:
                assert_never(unexpected)

    def _plain(self, items: list[Any] | tuple[Any, ...]) -> bool:
        """Whether a long run of models of one type (a national file's 2,850 counties, its
        files and their notes, the report's results by county), or of tuples of plain values
        (the counties that would carry the city, with their people), holds no string that
        needs showing: their strings looked at all at once, each item then taken as it is.
        False (look at each) for anything else, or where a string, or an object not yet
        seen, may need it."""
        if len(items) < _MANY:
            return False
        kind = type(items[0])
        if kind is tuple:
            return _plain_tuples(items)
        if self._kind(kind) not in (_Kind.DATACLASS, _Kind.MODEL):
            return False
        names = self._text_fields(kind)
        seen, texts = self._seen, []
        for item in items:
            if type(item) is not kind:
                return False
            for name in names:
                field = getattr(item, name)
                if isinstance(field, str):
                    texts.append(field)
                elif field is None or isinstance(field, Enum | int | float):
                    continue
                elif isinstance(field, list | tuple):
                    if not _scalars(field, texts):
                        return False
                elif isinstance(field, dict):
                    # A problem's fields: names and the values its message is written with.
                    if not (_scalars(field.keys(), texts) and _scalars(field.values(), texts)):
                        return False
                elif (
                    seen.get(id(field)) is not field and self._kind(type(field)) is not _Kind.OTHER
                ):
                    return False
        if _MAYBE_ACTING.search(" ".join(texts)):
            return False
        for item in items:
            seen[id(item)] = item
        self._alive.extend(items)
        return True

    def _kind(self, kind: type) -> _Kind:
        known = self._kinds.get(kind)
        if known is None:
            known = self._kinds[kind] = _kind_of(kind)
        return known

    def _results(self, results: list[Any]) -> list[Any]:
        """A county's results (a national report holds tens of thousands): the very list
        where, looked at all at once, nothing needs showing; else each result by `_result`."""
        seen = self._seen
        if all(
            seen.get(id(r.target)) is r.target and not r.lacking and not r.unpooled for r in results
        ) and not _MAYBE_ACTING.search(
            " ".join(_source_text(r.source) for r in results if r.source)
        ):
            return results
        return [self._result(r) for r in results]

    def _result(self, result: Any) -> Any:
        """A county's result (a national report holds tens of thousands): the result itself,
        looked at quickly, where its target is shown unchanged and its source holds nothing
        that acts (its status is planctl's and its trend numbers: `RESULT_TEXT` says so, and a
        test holds it to the fields)."""
        source = result.source
        if (
            self._seen.get(id(result.target)) is result.target
            and not result.lacking
            and not result.unpooled
            and result.carry is None
            and (result.trend is None or not result.trend.outside)
            and (source is None or not _MAYBE_ACTING.search(_source_text(source)))
        ):
            return result
        return self._changed(result, lambda v, c: dataclasses.replace(v, **c))

    def _changed(self, value: Any, rebuild: Callable[[Any, dict[str, Any]], Any]) -> Any:
        changes: dict[str, Any] = {}
        for name in self._text_fields(type(value)):
            old = getattr(value, name)
            new = self.show(old)
            if new is not old:
                changes[name] = new
        return rebuild(value, changes) if changes else value

    def _text_fields(self, kind: type) -> list[str]:
        known = self._fields.get(kind)
        if known is None:
            if dataclasses.is_dataclass(kind):
                typed = [(f.name, f.type) for f in dataclasses.fields(kind) if f.init]
            else:
                typed = [(n, f.annotation) for n, f in kind.model_fields.items()]  # type: ignore[attr-defined]
            known = self._fields[kind] = [
                name
                for name, annotation in typed
                # Look-up tables, by the names as written, are not shown.
                if not name.startswith("_") and not set(_WORD.findall(str(annotation))) <= _NO_TEXT
            ]
        return known
