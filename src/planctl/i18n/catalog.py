"""The catalog in use: the language, chosen once, and the text of every message in it.

The language is carried explicitly: the command line chooses it (`use_language`) before it
builds any help text, and `text()` fills in the templates of that language's catalog, which
is read when first needed. English is the source (`en.py`); every other language is a
gettext PO file beside this module (`zh.po`, read by `po.py`), so a new language is a member
of `Language` and a file, nothing else. A key a catalog lacks falls back to English (a test
fails on any such key, so none ships).
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from planctl.i18n.codes import Msg

if TYPE_CHECKING:
    from planctl.i18n import po


class Language(StrEnum):
    """The languages planctl speaks, by their code."""

    EN = "en"
    ZH = "zh"


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
        case Language.ZH:
            return _read_po(language)
        case _:
            assert_never(language)


def _read_po(language: Language) -> dict[Msg, str]:
    """The translated, current entries of `language`'s PO file, by key."""
    from planctl.i18n.en import CATALOG

    known = {key.value: key for key in Msg}
    # An empty English template (a count's unit) is the same in every language.
    templates: dict[Msg, str] = {key: "" for key, english in CATALOG.items() if not english}
    for entry in _entries(language):
        key = known.get(entry.msgctxt or "")
        # An entry whose English has changed since it was translated may no longer say
        # the same thing: English is shown until a translator looks at it again.
        if key is not None and entry.translated and entry.msgid == CATALOG[key]:
            templates[key] = entry.msgstr
    return templates


def toolkit_words(language: Language) -> dict[str, str]:
    """The translations of click's and typer's own words (`Usage:`), by their English."""
    if language is Language.EN:
        return {}
    from planctl.i18n.po import TOOLKIT_CONTEXT

    return {
        e.msgid: e.msgstr
        for e in _entries(language)
        if e.msgctxt == TOOLKIT_CONTEXT and e.translated
    }


# The context of PO entries that name the scripts whose digits planctl does not read.
SCRIPT_CONTEXT = "script"


def term(context: str, english: str) -> str:
    """A name the catalog translates under `context` (`script`: `Arabic-Indic` → 阿拉伯-印度),
    such as the name of a Unicode script; `english` itself where it has none."""
    if _language is Language.EN:
        return english
    for entry in _entries(_language):
        if entry.msgctxt == context and entry.msgid == english and entry.translated:
            return entry.msgstr
    return english


@functools.cache
def _entries(language: Language) -> list[po.Entry]:
    """The entries of `language`'s PO file, read once: the messages and typer's words."""
    from planctl.i18n import po

    return po.read(po.catalog_path(language.value).read_text(encoding="utf-8"))


# The messages whose English names a counted thing (`6 counties submitted`), each with the
# field that holds the count and the message that says one of it (`1 county submitted`): a
# count of one (1, or "1" as formatted) is worded by the second. The key, a problem's stable
# code, stays the first; Chinese, which has no plural, words the two alike.
SINGULAR: dict[Msg, tuple[str, Msg]] = {
    Msg.CSV_QUOTE_SWALLOWS_ROWS: ("rows", Msg.CSV_QUOTE_SWALLOWS_ROWS_ONE),
    Msg.CSV_NO_HEADER: ("rows", Msg.CSV_NO_HEADER_ONE),
    Msg.CITY_TOTAL_UNITS: ("counties", Msg.CITY_TOTAL_UNITS_ONE),
    Msg.CITY_TOTAL_COUNTIES_ONLY: ("counties", Msg.CITY_TOTAL_COUNTIES_ONLY_ONE),
    Msg.VIEW_CITY: ("counties", Msg.VIEW_CITY_ONE),
    Msg.VIEW_CITY_UNITS: ("counties", Msg.VIEW_CITY_UNITS_ONE),
    Msg.CIRCULAR_BASIS: ("counties", Msg.CIRCULAR_BASIS_ONE),
    Msg.CIRCULAR_BASIS_UNITS: ("counties", Msg.CIRCULAR_BASIS_UNITS_ONE),
    Msg.SCALE_VIEW: ("counties", Msg.SCALE_VIEW_ONE),
    Msg.SCALE_COUNTIES: ("count", Msg.SCALE_COUNTIES_ONE),
    Msg.SCALE_NOT_SUBMITTED: ("count", Msg.SCALE_NOT_SUBMITTED_ONE),
    Msg.RECORDS_JOIN_UNMATCHED: ("rows", Msg.RECORDS_JOIN_UNMATCHED_ONE),
    Msg.RECORDS_NOTE: ("rows", Msg.RECORDS_NOTE_ONE),
    Msg.RECORDS_PARQUET_ROWS: ("count", Msg.RECORDS_PARQUET_ROWS_ONE),
    Msg.RECONCILE_BEHIND: ("count", Msg.RECONCILE_BEHIND_ONE),
    Msg.RECONCILE_MORE: ("count", Msg.RECONCILE_MORE_ONE),
}


def _worded(key: Msg, fields: dict[str, object]) -> Msg:
    """The message that words `key` with `fields`: its singular when it counts one."""
    singular = SINGULAR.get(key)
    if singular is not None and str(fields.get(singular[0])) == "1":
        return singular[1]
    return key


def text(key: Msg, /, **fields: object) -> str:
    """The user-facing text of `key` in the language in use, with `fields` filled in (a
    count of one in the singular, see `SINGULAR`)."""
    global _catalog
    if _catalog is None:
        _catalog = catalog_of(_language)
    key = _worded(key, fields)
    template = _catalog.get(key)
    if template is None:
        template = catalog_of(Language.EN)[key]
    return template.format(**fields)


def english(key: Msg, /, **fields: object) -> str:
    """The English text of `key`, whatever the language in use: for what stays English in
    every language, such as the descriptions of the JSON Schema."""
    return catalog_of(Language.EN)[_worded(key, fields)].format(**fields)


# Names a hint lists in full when none is close ("expected one of …"): every county of a city,
# the first of a province's thousands and how many more.
NAMES_LISTED = 20


def english_names_shown() -> bool:
    """Whether reports show a name's English beside its Chinese (`学前三年毛入园率 Three-year
    …`): the language's own catalog says so, by whether its name pair uses the English."""
    return "{name_en}" in text(Msg.NAME_PAIR, name="{name}", name_en="{name_en}")


# A submission's columns by the role planctl gives them (`read/header.py`), as people call them.
_FIELD_LABELS = {
    "county": Msg.FIELD_COUNTY,
    "indicator": Msg.FIELD_INDICATOR,
    "value": Msg.FIELD_VALUE,
    "numerator": Msg.FIELD_NUMERATOR,
    "denominator": Msg.FIELD_DENOMINATOR,
    "note": Msg.FIELD_NOTE,
    "year": Msg.FIELD_YEAR,
}


def field_label(field: str) -> str:
    """A column's role (`value`) in the language in use (`数值`); any other name, such as a
    header as the file writes it, unchanged."""
    key = _FIELD_LABELS.get(field)
    return text(key) if key is not None else field


def listed(names: list[str], more: int = 0) -> str:
    """Names in a sentence, and how many `more` there are: `a, b (and 3 more)`."""
    shown = text(Msg.LIST_SEPARATOR).join(names)
    if not more:
        return shown
    return text(Msg.LIST_MORE, items=shown, more=text(Msg.AND_MORE, count=more))


def one_of(candidates: list[str], limit: int = 5) -> str:
    """A short quoted list of names, for hints: 'a', 'b' or 'c' (“a”、“b”或“c”)."""
    quoted = [text(Msg.QUOTED, name=name) for name in candidates[:limit]]
    separator = text(Msg.LIST_SEPARATOR)
    if len(candidates) > limit:
        more = text(Msg.AND_MORE, count=len(candidates) - limit)
        return text(Msg.LIST_MORE, items=separator.join(quoted), more=more)
    if len(quoted) == 1:
        return quoted[0]
    return text(Msg.LIST_LAST, items=separator.join(quoted[:-1]), last=quoted[-1])
