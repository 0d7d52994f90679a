"""The catalog in use: the language, chosen once, and the text of every message in it.

The language is carried explicitly: the command line chooses it (`use_language`) before it
builds any help text, and `text()` fills in the templates of that language's catalog, which
is imported when first needed. English is the only catalog so far; a language is a member
of `Language` and a catalog module beside this one, nothing else.
"""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from planctl.i18n.codes import Msg


class Language(StrEnum):
    """The languages planctl speaks, by their code."""

    EN = "en"


_language = Language.EN
_catalog: dict[Msg, str] | None = None


def use_language(language: Language) -> None:
    """Speak `language` from now on; call it before any help text or message is made."""
    global _language, _catalog
    _language, _catalog = language, None


def language() -> Language:
    """The language in use."""
    return _language


def catalog_of(language: Language) -> dict[Msg, str]:
    """The templates of `language`, by key."""
    match language:
        case Language.EN:
            from planctl.i18n.en import CATALOG

            return CATALOG
        case _:
            assert_never(language)


def text(key: Msg, /, **fields: object) -> str:
    """The user-facing text of `key` in the language in use, with `fields` filled in."""
    global _catalog
    if _catalog is None:
        _catalog = catalog_of(_language)
    return _catalog[key].format(**fields)


# Names a hint lists in full when none is close ("expected one of …"): every county of a city,
# the first of a province's thousands and how many more.
NAMES_LISTED = 20


def one_of(candidates: list[str], limit: int = 5) -> str:
    """A short quoted list of names, for hints: 'a', 'b' or 'c'."""
    quoted = [f"'{name}'" for name in candidates[:limit]]
    if len(candidates) > limit:
        return ", ".join(quoted) + " " + text(Msg.AND_MORE, count=len(candidates) - limit)
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
