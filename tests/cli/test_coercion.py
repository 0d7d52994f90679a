"""planctl's coercion of parameters gives what typer's own gives, value for value, error for
error, and builds typer's validator only for a value that needs one."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main
from hypothesis import given
from hypothesis import strategies as st
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from planctl.cli import coercion
from planctl.cli.app import app

ROOT = typer.main.get_command(app)


def _params() -> list[tuple[str, Any]]:
    found = []
    commands: list[tuple[str, Any]] = [("", ROOT)]
    while commands:
        name, command = commands.pop()
        commands += [
            (f"{name} {sub}", each) for sub, each in getattr(command, "commands", {}).items()
        ]
        found += [(f"{name.strip()} --{param.name}", param) for param in command.params]
    return found


PARAMS = _params()
SAMPLES = ["data/xianan.csv", "a/", "", ".", "-", "json", "JSON", "table", "nope", "2017", "9999"]
SAMPLES += ["x=y", "咸安区", " 88.4 ", "\x00", "~/out.csv", "a//b"]


def _outcome(runtime: Any, param: Any, value: Any) -> tuple[str, Any]:
    context = Context(ROOT)
    try:
        result = runtime.coerce(value, param=param, ctx=context)
    except BadParameter as exc:
        return "error", exc.format_message()
    except ValueError as exc:  # a path with a NUL character, from os.stat
        return type(exc).__name__, str(exc)
    return type(result).__name__, result


def _same(param: Any, value: Any) -> None:
    descriptor = param.type_descriptor
    ours = coercion.WhenGiven(
        parameter_info=descriptor.parameter_info,
        annotation=descriptor.annotation,
        descriptor=descriptor,
    )
    typers = build_runtime_param(descriptor)
    assert _outcome(ours, param, value) == _outcome(typers, param, value)


@pytest.mark.parametrize(("name", "param"), PARAMS, ids=[name for name, _ in PARAMS])
def test_each_parameter_coerces_as_typer_does(name: str, param: Any) -> None:
    many = param.multiple or param.nargs == -1
    for value in [None, *SAMPLES]:
        _same(param, (value,) if many and value is not None else value)
    if many:
        _same(param, tuple(SAMPLES))
        _same(param, ())


@pytest.mark.slow  # two coercions held equal on random text: CI runs it
@given(st.text(max_size=12))
def test_any_text_coerces_as_typer_does(value: str) -> None:
    for _, param in PARAMS:
        many = param.multiple or param.nargs == -1
        _same(param, (value,) if many else value)


def test_a_value_not_given_builds_no_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Any] = []
    monkeypatch.setattr(coercion, "build_runtime_param", built.append)
    for _, param in PARAMS:
        descriptor = param.type_descriptor
        ours = coercion.WhenGiven(
            parameter_info=descriptor.parameter_info,
            annotation=descriptor.annotation,
            descriptor=descriptor,
        )
        ours.coerce(None, param=param, ctx=Context(ROOT))
    assert built == []
