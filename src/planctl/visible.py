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
(a report, a targets file): renderers draw from that copy, so no string of an input reaches
an output raw, whichever field it is in. `visible_line` is for one-line messages (stderr),
`json_visible` for JSON text, which keeps every string intact as a JSON escape.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

_Value = TypeVar("_Value")

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# U+2028 and U+2029 end lines in some programs (a JSON viewer, an editor) and not others.
_SEPARATORS = "\u2028\u2029"
_ACTING = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}]|\r(?!\n)",
)
_ACTING_IN_A_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}]")
# JSON's serializer escapes C0 controls itself; the rest it writes raw.
_ACTING_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}{_SEPARATORS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with each control and bidi character written as an escape (`\\x1b`)."""
    return _ACTING.sub(_escape, text) if _ACTING.search(text) else text


def visible_line(text: str) -> str:
    """`text` on one line: also its line ends escaped (`\\x0a`); tabs kept."""
    return _ACTING_IN_A_LINE.sub(_escape, text)


def json_visible(text: str) -> str:
    """JSON text with each bidi and C1 control character in its strings as a `\\u` escape: the
    same strings to a JSON reader, no raw acting characters to a terminal or a viewer."""
    return _ACTING_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def shown(value: _Value) -> _Value:
    """A copy of `value` (a dataclass, a pydantic model, a container of them) with every
    string made `visible`; the very objects where nothing needs it, so the common case copies
    nothing. A lazy sequence of results stays lazy."""
    return _Shower().show(value)


class _Shower:
    def __init__(self) -> None:
        # Objects seen, by identity: a target shared by 85,000 results is shown once.
        self._seen: dict[int, Any] = {}
        self._texts: dict[str, str] = {}
        # The objects seen, kept alive so that no id in `_seen` is reused for another.
        self._alive: list[Any] = []

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
        from planctl.report import LazyResults

        if isinstance(value, LazyResults):
            results = value
            return LazyResults(results.brief, lambda: [self.show(r) for r in results])
        if isinstance(value, list | tuple):
            items = [self.show(item) for item in value]
            if all(new is old for new, old in zip(items, value, strict=True)):
                return value
            return type(value)(items)
        if isinstance(value, dict):
            pairs = {self.show(k): self.show(v) for k, v in value.items()}
            same = all(
                new_k is old_k and pairs[new_k] is old_v
                for new_k, (old_k, old_v) in zip(pairs, value.items(), strict=False)
            )
            return value if same and len(pairs) == len(value) else pairs
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = [f.name for f in dataclasses.fields(value) if f.init]
            return self._changed(value, names, lambda v, c: dataclasses.replace(v, **c))
        model_fields = getattr(type(value), "model_fields", None)
        if isinstance(model_fields, dict):
            return self._changed(value, list(model_fields), lambda v, c: v.model_copy(update=c))
        # Enums, dates, paths and numbers are planctl's own or carry no text of an input.
        return value

    def _changed(
        self, value: Any, names: list[str], rebuild: Callable[[Any, dict[str, Any]], Any]
    ) -> Any:
        changes: dict[str, Any] = {}
        for name in names:
            if name.startswith("_"):
                continue  # look-up tables, by the names as written: not shown
            old = getattr(value, name)
            new = self.show(old)
            if new is not old:
                changes[name] = new
        return rebuild(value, changes) if changes else value
