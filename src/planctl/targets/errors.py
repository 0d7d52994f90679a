"""pydantic's validation errors as planctl's problems: on their line, in the language in use.

Each error becomes a `Problem` naming the field as people read it (`threshold`, not
`targets.3.threshold`) and its line; an unknown field gets a "did you mean"; the messages of
pydantic's common error types are worded by the catalog, so a Chinese run reads Chinese.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from planctl.domain.names import closest
from planctl.domain.problems import Problem
from planctl.i18n.catalog import english, one_of, text
from planctl.i18n.codes import Msg
from planctl.targets.lines import Location, field_name, line_at
from planctl.targets.models import (
    UNION_TAGS,
    Bounds,
    City,
    County,
    Plan,
    Provenance,
    Quantity,
    Target,
    TargetsFile,
    ValidRange,
)

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core.core_schema import ErrorType

# The models are dataclasses, whose errors pydantic names apart from a model's: a key that
# no field has, an input that is not a mapping. They are said as a model's were.
_AS_A_MODEL: dict[str, ErrorType] = {
    "unexpected_keyword_argument": "extra_forbidden",
    "dataclass_type": "model_type",
}


def _all_field_names() -> set[str]:
    models: list[type[Any]] = [
        TargetsFile,
        Plan,
        City,
        County,
        Target,
        Quantity,
        ValidRange,
        Bounds,
        Provenance,
    ]
    return {item.name for model in models for item in dataclasses.fields(model)}


def schema_problems(
    exc: ValidationError, lines: dict[Location, int], display: str
) -> Iterator[tuple[Location, Problem]]:
    for error in map(_as_a_model, exc.errors(include_url=False)):
        location: Location = tuple(part for part in error["loc"] if part not in UNION_TAGS)
        line = line_at(location, lines)
        name = field_name(location)
        if error["type"] == "extra_forbidden":
            key = str(location[-1])
            candidates = closest(key, _all_field_names())
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
            problem = Problem(Msg.TARGETS_UNKNOWN_FIELD, display, line, name, {"hint": hint})
            yield location, problem
            continue
        message = _schema_message(error)
        if error["type"] not in ("missing", "value_error") and "input" in error:
            message += text(Msg.SCHEMA_GOT, input=repr(error["input"]))
        fields: dict[str, object] = {"message": message}
        yield location, Problem(Msg.TARGETS_SCHEMA, display, line, name or None, fields)


def _as_a_model(error: Any) -> Any:
    """`error` as pydantic words it for a model (`BaseModel`) rather than a dataclass."""
    kind = _AS_A_MODEL.get(error["type"])
    if kind is None:
        return error
    from pydantic_core import PydanticKnownError

    return {**error, "type": kind, "msg": PydanticKnownError(kind, error.get("ctx")).message()}


# pydantic's error types whose message the catalog words, and the context field it fills in
# (also for the records file, planctl.records.spec).
SCHEMA_MESSAGES: dict[str, tuple[Msg, str | None]] = {
    "missing": (Msg.SCHEMA_MISSING, None),
    "literal_error": (Msg.SCHEMA_CHOICE, "expected"),
    "enum": (Msg.SCHEMA_CHOICE, "expected"),
    "float_type": (Msg.SCHEMA_NUMBER, None),
    "float_parsing": (Msg.SCHEMA_NUMBER_PARSING, None),
    "int_type": (Msg.SCHEMA_INTEGER, None),
    "int_parsing": (Msg.SCHEMA_INTEGER_PARSING, None),
    "int_from_float": (Msg.SCHEMA_INTEGER_FRACTION, None),
    "string_type": (Msg.SCHEMA_STRING, None),
    "bool_type": (Msg.SCHEMA_BOOLEAN, None),
    "bool_parsing": (Msg.SCHEMA_BOOLEAN_PARSING, None),
    "list_type": (Msg.SCHEMA_LIST, None),
    "dict_type": (Msg.SCHEMA_DICTIONARY, None),
    "greater_than_equal": (Msg.SCHEMA_AT_LEAST, "ge"),
    "less_than_equal": (Msg.SCHEMA_AT_MOST, "le"),
    "greater_than": (Msg.SCHEMA_ABOVE, "gt"),
    "less_than": (Msg.SCHEMA_BELOW, "lt"),
}


def _schema_message(error: Any) -> str:
    """pydantic's message for `error` in the language in use. The English templates are
    pydantic's words; a message that differs from them (a pydantic that words it otherwise)
    is kept as pydantic wrote it, so English never changes."""
    written: str = error["msg"]
    context = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in context:
        message = str(context["error"])
        if english(Msg.SCHEMA_VALUE_ERROR, message=message) == written:
            return text(Msg.SCHEMA_VALUE_ERROR, message=message)
        return written
    known = SCHEMA_MESSAGES.get(error["type"])
    if known is None:
        return written
    key, name = known
    if name is None:
        return text(key) if english(key) == written else written
    value = context.get(name)
    if name == "expected":
        choices = re.findall(r"'((?:[^'\\]|\\.)*)'", str(value))
        if not choices:  # not text: a number, as `schema_version: 1` expects, written bare
            bare = str(value)
            return text(key, expected=bare) if english(key, expected=bare) == written else written
        as_english = english(key, expected=_english_one_of(choices))
        return (
            text(key, expected=one_of(choices, limit=len(choices)))
            if as_english == written
            else written
        )
    return text(key, bound=value) if english(key, bound=value) == written else written


def _english_one_of(choices: list[str]) -> str:
    """`'a', 'b' or 'c'`, as pydantic lists the values it expected."""
    quoted = [f"'{choice}'" for choice in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
