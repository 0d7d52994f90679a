"""Which language to speak: `--lang`, else `PLANCTL_LANG`, else the locale, else English.

The locale is the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set, as POSIX orders
them; on Windows, where those are rarely set, the user's display language. `zh`, `zh_CN`,
`zh-Hans`, `zh_CN.UTF-8` and `Chinese (Simplified)_China.936` all mean Chinese; `C`, `POSIX`
and a language planctl does not speak mean English. This runs before any help text is
built, so it reads the command line itself rather than wait for click to parse it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence

from planctl.i18n.catalog import Language

LANG_OPTION = "--lang"
ENVIRONMENT = "PLANCTL_LANG"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

# The primary language of a Windows LANGID (its low 10 bits): LANG_CHINESE.
_WINDOWS_CHINESE = 0x04
_TAG = re.compile(r"[A-Za-z]+")


def parse(tag: str) -> Language | None:
    """The language a tag names (`zh_CN.UTF-8`, `zh-Hans`, `en`), None for one planctl does
    not speak or that names no language (`C`, `POSIX`, empty)."""
    match = _TAG.match(tag.strip())
    if match is None:
        return None
    head = match.group(0).lower()
    if head in ("zh", "chinese"):
        return Language.ZH
    if head in ("en", "english"):
        return Language.EN
    return None


def from_argv(argv: Sequence[str]) -> str | None:
    """The value of the last `--lang X` or `--lang=X` before `--`, as typed."""
    value = None
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == LANG_OPTION and index + 1 < len(argv):
            value = argv[index + 1]
        elif argument.startswith(LANG_OPTION + "="):
            value = argument.partition("=")[2]
    return value


def without_leading_lang(argv: Sequence[str]) -> list[str]:
    """`argv` without a `--lang X` given before the command (`planctl --lang zh check …`):
    every command takes --lang, and the language is chosen from the command line before
    click parses it, so the root need not take it too."""
    out = list(argv)
    while out and (out[0] == LANG_OPTION or out[0].startswith(LANG_OPTION + "=")):
        del out[: 2 if out[0] == LANG_OPTION else 1]
    return out


def windows_ui_language() -> Language | None:
    """The user's display language on Windows; None elsewhere or when it cannot be asked."""
    # os.name, not sys.platform, so that type checkers on other systems read the rest too.
    if os.name != "nt":
        return None
    try:
        import ctypes

        windll = getattr(ctypes, "windll", None)
        langid = int(windll.kernel32.GetUserDefaultUILanguage()) if windll else 0
    except (AttributeError, OSError, ValueError, TypeError):
        return None
    return Language.ZH if langid & 0x3FF == _WINDOWS_CHINESE else Language.EN


def choose(
    argv: Sequence[str],
    environ: Mapping[str, str],
    system: Callable[[], Language | None] = windows_ui_language,
) -> Language:
    """The language to speak, for a command line and an environment."""
    asked = from_argv(argv)
    if asked is not None:
        # A value click will refuse ("--lang fr") is reported by click, in English.
        return parse(asked) or Language.EN
    explicit = environ.get(ENVIRONMENT, "")
    if explicit.strip():
        return parse(explicit) or Language.EN
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return parse(value) or Language.EN
    return system() or Language.EN
