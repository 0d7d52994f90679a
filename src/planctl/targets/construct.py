"""Rebuilding validated pydantic models from their own JSON dump, without validating again.

pydantic's `model_construct` trusts its input but builds one model, not the models nested in
it; `construct` walks the field annotations to rebuild the whole tree: nested models,
optional values, lists, dicts, enums and dates. It is for data that a model of the same
definition has already validated and dumped with `dump`, such as a cache entry: the models
then equal those validation makes, fields set included, and pydantic never has to build its
validators. An annotation it does not know raises TypeError, and data of the wrong shape
raises TypeError, ValueError, KeyError or AttributeError: the caller validates instead.
"""

from __future__ import annotations

import datetime
import enum
import types
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

_Model = TypeVar("_Model", bound=BaseModel)


def dump(model: BaseModel) -> Any:
    """The model as JSON data, with only the fields that were set (defaults come back)."""
    return model.model_dump(mode="json", exclude_unset=True)


def plain(value: Any) -> Any:
    """A model (or a list or dict of them) as the plain data pydantic's serializer writes of it
    (every field, in order; enums as their values, dates in ISO form), without building the
    serializer: a targets file from the cache never built its validators, and building them
    to write a JSON report took longer than the rest of the report."""
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {name: plain(item) for name, item in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def construct(cls: type[_Model], data: dict[str, Any]) -> _Model:
    """The model of type `cls` that `dump` turned into `data`."""
    fields = cls.model_fields
    required = {name for name, info in fields.items() if info.is_required()}
    if not isinstance(data, dict) or not required <= data.keys() <= fields.keys():
        raise ValueError(f"not the dump of a {cls.__name__}")
    values = {name: _value(fields[name].annotation, item) for name, item in data.items()}
    return cls.model_construct(_fields_set=set(values), **values)


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
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _scalar(annotation: type, data: Any) -> Any:
    if issubclass(annotation, BaseModel):
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
