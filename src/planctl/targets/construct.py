"""Rebuilding validated models from their own JSON dump, without validating again.

`dump` writes a model (a frozen dataclass of `planctl.targets.models`) as plain JSON data,
every field; `construct` rebuilds the whole tree from it: nested models, optional values,
lists, dicts, enums and dates, each turned into the type its annotation names. It is for
data that models of the same definition validated and dumped, such as a cache entry: the
models then equal those validation makes, and neither pydantic nor its validators are
needed. The annotations are read for their types alone (`TYPES_ONLY`), so their rules
(pydantic's `Field`) are never evaluated. An annotation it does not know raises TypeError, and
data of the wrong shape raises TypeError, ValueError, KeyError or AttributeError: the caller
validates instead. The rules one model checks alone (`__post_init__`) still run.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import sys
import types
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from planctl.targets.models import TYPES_ONLY

_Model = TypeVar("_Model")


def dump(model: Any) -> Any:
    """The model as JSON data, every field (what `construct` rebuilds it from)."""
    return plain(model)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(cls))


def plain(value: Any) -> Any:
    """A model (or a list or dict of them) as the plain data pydantic's serializer writes of it
    (every field, in order; enums as their values, dates in ISO form), without pydantic: a
    targets file from the cache never imported it, and building its serializer to write a
    JSON report took longer than the rest of the report."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {name: plain(item) for name, item in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@functools.cache
def _fields(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    """The type of each field of `cls` (its annotation without the rules), and the required."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not a model")
    names = {**vars(sys.modules[cls.__module__]), **TYPES_ONLY}
    fields = dataclasses.fields(cls)
    # Each annotation is evaluated once, as written (typing.get_type_hints, which walks each
    # again and strips its metadata, took half of a cache hit's time).
    hints = {
        item.name: eval(item.type, names) if isinstance(item.type, str) else item.type
        for item in fields
    }
    required = frozenset(
        item.name
        for item in fields
        if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
    )
    return {item.name: hints[item.name] for item in fields}, required


def construct(cls: type[_Model], data: dict[str, Any]) -> _Model:
    """The model of type `cls` that `dump` turned into `data`."""
    kind: type = cls
    fields, required = _fields(kind)
    if not isinstance(data, dict) or not required <= data.keys() <= fields.keys():
        raise ValueError(f"not the dump of a {cls.__name__}")
    return cls(**{name: _value(fields[name], item) for name, item in data.items()})


def _value(annotation: Any, data: Any) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _value(get_args(annotation)[0], data)
    if origin in (Union, types.UnionType):
        if data is None and type(None) in get_args(annotation):
            return None
        arms = [arm for arm in get_args(annotation) if arm is not type(None)]
        if len(arms) > 1:
            # A number or a model (threshold: 87, or {min: 15, max: 19}): the data says which.
            arms = [arm for arm in arms if _is_model(arm) == isinstance(data, dict)]
        if len(arms) != 1:
            raise TypeError(f"cannot rebuild a value of {annotation}: which type is meant?")
        return _value(arms[0], data)
    if origin is list:
        (item,) = get_args(annotation)
        return [_value(item, element) for element in data]
    if origin is dict:
        key, item = get_args(annotation)
        if key is not str:
            raise TypeError(f"cannot rebuild a value of {annotation}")
        return {str(name): _value(item, element) for name, element in data.items()}
    if origin is Literal:
        if data not in get_args(annotation):
            raise ValueError(f"{data!r} is not one of {get_args(annotation)}")
        return data
    if isinstance(annotation, type):
        return _scalar(annotation, data)
    raise TypeError(f"cannot rebuild a value of {annotation}")


def _is_model(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return _is_model(get_args(annotation)[0])
    return isinstance(annotation, type) and dataclasses.is_dataclass(annotation)


def _scalar(annotation: type, data: Any) -> Any:
    if dataclasses.is_dataclass(annotation):
        return construct(annotation, data)
    if issubclass(annotation, enum.Enum):
        return annotation(data)
    if annotation is datetime.date:
        return datetime.date.fromisoformat(data)
    if annotation is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise ValueError(f"{data!r} is not a number")
        return float(data)
    if annotation in (str, int, bool):
        # bool is an int; JSON keeps them apart, and so must the rebuilt model.
        if type(data) is not annotation:
            raise ValueError(f"{data!r} is not a {annotation.__name__}")
        return data
    raise TypeError(f"cannot rebuild a value of {annotation.__name__}")
