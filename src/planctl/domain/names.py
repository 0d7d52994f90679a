"""Matching the names people type (indicators, counties, columns) to the names we know.

Names are compared after folding: full-width characters to their ASCII forms (NFKC),
case, white space, underscores and hyphens ignored, and anything in brackets dropped, since
Chinese tables often put a unit in brackets after a name (`毛入园率（%）`, `示范幼儿园【所】`).
A name that matches nothing gets the closest known names as a "did you mean".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_IGNORED = re.compile(r"[\s_\-]+")
# After NFKC, full-width （） and ［］ are ASCII; 【】 and 〔〕 have no ASCII form.
_BRACKETED = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]")


def fold(name: str) -> str:
    """The form in which two spellings of one name are equal."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return _IGNORED.sub("", _BRACKETED.sub("", folded))


def closest(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known names nearest to `name`, best first; empty when none is close."""
    by_folded: dict[str, str] = {}
    for candidate in known:
        by_folded.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(name), list(by_folded), n=limit, cutoff=0.6)
    return [by_folded[match] for match in matches]


def one_slip(name: str, known: Iterable[str]) -> list[str]:
    """The known names one character away from `name` (one changed, added or left out), for
    a name of two characters or more; in the order of `known`."""
    folded = fold(name)
    if len(folded) < 2:
        return []
    return [candidate for candidate in known if _one_apart(folded, fold(candidate))]


def _one_apart(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    return any(b[:at] + b[at + 1 :] == a for at in range(len(b)))
