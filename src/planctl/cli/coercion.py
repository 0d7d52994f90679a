"""typer's parameters, turned into values without pydantic where no validator is needed.

typer 0.29 turns each parameter's value into its type with a pydantic `TypeAdapter`, built the
first time the parameter is processed: and every parameter is processed on every call,
given or not, so `planctl check county.csv` built 13 of them (importing pydantic's models
and its plugin loader, about a quarter of the check's start-up), and `check --help` one for
`--help` itself. Here the commands and groups (`Command`, `Group`) give each parameter a
`WhenGiven` coercion instead, which

- returns a value that was not given as typer does (None, or () for a list), building
  nothing;
- turns what planctl's commands take — paths, text, a choice from an enum, and lists of
  these — into values the way typer's own coercion does, without a validator;
- hands anything else (a number with bounds, such as `--year`) and every value its own rules
  refuse to typer's coercion, built then, so that results and error messages are typer's.

It leans on typer's internal modules (`typer._coercion`, `typer._param_types`): a typer
without them fails to import this module, and `options.py` then uses typer's own command
classes, which are correct and slower (tests/cli/test_startup.py then says so).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_choice, coerce_cli_path, routes_to_path

# What a plain conversion returns when the value is not one it handles: typer's coercion
# decides it instead.
_TYPER = object()


def _path(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    path_type = info.path_type
    if path_type is None and isinstance(annotation, type) and issubclass(annotation, Path):
        path_type = annotation
    if path_type is None or path_type in (str, bytes):
        return _TYPER
    # pydantic makes a Path of a text as Path(text) does; the message of a path refused
    # names the text as given, so a text that a Path would change ("a/", "") is left to it.
    if type(value) is not str or str(path_type(value)) != value:
        return _TYPER
    try:
        return coerce_cli_path(path_type(value), info, path_type=path_type, param=param, ctx=ctx)
    except ValueError:  # os.stat on a NUL character: typer words it as a bad value
        return _TYPER


def _text(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    return value if type(value) is str else _TYPER


def _choice(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    choices = list(annotation)
    try:
        return coerce_cli_choice(
            value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx
        )
    except ValueError:  # typer words the refusal (pydantic's message around it)
        return _TYPER


_Plain = Callable[[Any, Any, Any, Any, Any], Any]


def _plain_for(annotation: Any, descriptor: Any) -> _Plain | None:
    """The plain conversion of a value of `annotation`, or None if typer's is needed."""
    info = descriptor.parameter_info
    if info.parser is not None or descriptor.file_annotation is not None:
        return None
    if annotation is str:
        return _text
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _choice
    if routes_to_path(annotation, info):
        return _path
    return None


@dataclass(frozen=True)
class WhenGiven(RuntimeParam):
    """A parameter's coercion that builds typer's validator only for a value that needs it."""

    descriptor: Any = None

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        # A value not given never reaches here: RuntimeParam.coerce returns None or () for it.
        result = self._plain(value, param, ctx)
        if result is not _TYPER:
            return result
        typer_own = build_runtime_param(self.descriptor)
        param._runtime_param = typer_own
        return typer_own._coerce_value(value, param=param, ctx=ctx)

    def _plain(self, value: Any, param: Any, ctx: Any) -> Any:
        annotation = self.descriptor.annotation
        if get_origin(annotation) is list:
            (item,) = get_args(annotation)
            plain = _plain_for(item, self.descriptor)
            if plain is None:
                return _TYPER
            # As typer's list coercion: a single value is a list of one; the result a list.
            items = value if isinstance(value, list | tuple) else [value]
            info = self.descriptor.parameter_info
            converted = [plain(item, info, each, param, ctx) for each in items]
            return _TYPER if any(each is _TYPER for each in converted) else converted
        plain = _plain_for(annotation, self.descriptor)
        if plain is None:
            return _TYPER
        return plain(annotation, self.descriptor.parameter_info, value, param, ctx)


def _defer(params: list[Any]) -> list[Any]:
    """Give each typer parameter not processed yet a `WhenGiven` coercion."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if isinstance(descriptor, TypeDescriptor) and param._runtime_param is None:
            param._runtime_param = WhenGiven(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
    return params


class Command(typer.core.TyperCommand):
    """A typer command whose parameters build validators only for values that need them."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _defer(super().get_params(ctx))


class Group(typer.core.TyperGroup):
    """A typer group whose own parameters (a callback's options, --help) do the same."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _defer(super().get_params(ctx))
