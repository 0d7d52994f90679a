"""The message catalog: every key has a template, and every template can be filled."""

from __future__ import annotations

import string

from planctl.i18n.catalog import one_of, text
from planctl.i18n.codes import Msg
from planctl.i18n.en import CATALOG as EN


def test_every_key_has_an_english_template() -> None:
    assert set(EN) == set(Msg)


def test_every_template_fills_with_its_own_fields() -> None:
    for key, template in EN.items():
        fields = {name: "x" for _, name, _, _ in string.Formatter().parse(template) if name}
        assert isinstance(text(key, **fields), str)


def test_one_of() -> None:
    assert one_of(["a"]) == "'a'"
    assert one_of(["a", "b", "c"]) == "'a', 'b' or 'c'"
    assert one_of(list("abcdefg"), limit=2) == "'a', 'b' (and 5 more)"
