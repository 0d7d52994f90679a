"""The catalog's keys: `Msg` is the StrEnum its class body states, however it is built."""

from __future__ import annotations

import ast
import inspect
from enum import StrEnum

from planctl.i18n import codes
from planctl.i18n.codes import Msg


def stated() -> type[StrEnum]:
    """An ordinary `class Msg(StrEnum)` of the names and values written in codes.py."""
    module = ast.parse(inspect.getsource(codes))
    (body,) = (node for node in module.body if isinstance(node, ast.ClassDef))
    members = [
        (target.id, ast.literal_eval(node.value))
        for node in body.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]
    return StrEnum("Msg", members)  # type: ignore[return-value]


def test_msg_is_the_strenum_its_body_states() -> None:
    expected = stated()
    assert issubclass(Msg, StrEnum)
    assert [(key.name, key.value) for key in Msg] == [(key.name, key.value) for key in expected]
    assert list(Msg.__members__) == list(expected.__members__)
    assert len(Msg) > 600
    for key, same in zip(Msg, expected, strict=True):
        assert isinstance(key, Msg) and isinstance(key, str)
        assert Msg(key.value) is key and Msg[key.name] is key
        assert (str(key), f"{key}", repr(key), hash(key)) == (
            str(same),
            f"{same}",
            repr(same),
            hash(same),
        )
        assert key == key.value
    assert Msg.__doc__ == "Keys of the message catalog; the values are stable codes."
