"""gettext PO files, read and written with the standard library alone.

A catalog of another language than English is a PO file beside this module (`zh.po`), the
format translators' tools (Poedit, Weblate, Lokalize, `msgfmt --check`) read: each entry's
`msgctxt` is the message's stable key (`row.county_unknown`), its `msgid` the English
template, its `msgstr` the translation. Reading the text file at first use costs about a
millisecond, less than importing a compiled catalog would save, and keeps the wheel a copy of
the tree, with no build step. `python -m planctl.i18n.po zh` brings a catalog up to date
with the English one: new keys are added untranslated, and an entry whose English changed is
marked fuzzy until a translator looks at it again.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The context of entries that translate click's and typer's own words ("Usage:", "Options").
TOOLKIT_CONTEXT = "click"

# The contexts of entries that are not keys of the catalog but words it translates: typer's,
# and the names of scripts (`catalog.SCRIPT_CONTEXT`).
_TERM_CONTEXTS = (TOOLKIT_CONTEXT, "script")

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
_ESCAPE = re.compile(r"\\(.)")
_KEYWORDS = frozenset({"msgctxt", "msgid", "msgstr"})


@dataclass
class Entry:
    """One message of a PO file."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)

    @property
    def translated(self) -> bool:
        """Whether the entry is ready for use: translated and not marked fuzzy."""
        return bool(self.msgstr) and "fuzzy" not in self.flags


class POError(ValueError):
    """A PO file that does not follow the format (a line number and what is wrong)."""


def _unescape(quoted: str) -> str:
    if "\\" not in quoted:
        return quoted
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), quoted)


def _string(line: str, number: int) -> str:
    """The text of a quoted PO string (`"…"`), unescaped."""
    if len(line) < 2 or line[0] != '"' or line[-1] != '"':
        raise POError(f"line {number}: not a quoted string: {line!r}")
    return _unescape(line[1:-1])


def read(text: str) -> list[Entry]:
    """The entries of a PO file's text, the header (empty msgid) left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    part: str | None = None
    flags: set[str] = set()
    comments: list[str] = []

    def finish() -> None:
        nonlocal current, part
        # The header is the entry with neither a context nor a msgid.
        if current is not None and (current.msgid or current.msgctxt is not None):
            entries.append(current)
        current, part = None, None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
        elif line[0] == "#":
            finish()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            else:
                comments.append(line)
        elif line[0] == '"':
            if current is None or part is None:
                raise POError(f"line {number}: a string outside an entry: {raw!r}")
            setattr(current, part, getattr(current, part) + _string(line, number))
        else:
            keyword, _, rest = line.partition(" ")
            if keyword not in _KEYWORDS:
                raise POError(f"line {number}: not a line of a PO file: {raw!r}")
            value = _string(rest.strip(), number)
            if keyword != "msgstr" and current is not None and current.msgstr:
                finish()
            if current is None:
                current, flags, comments = Entry("", flags=flags, comments=comments), set(), []
            part = keyword
            if keyword == "msgctxt":
                current.msgctxt = value
            elif keyword == "msgid":
                current.msgid = value
            else:
                current.msgstr = value
    finish()
    return entries


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = escaped.split("\n")
    pieces = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if len(pieces) <= 1:
        return f'"{pieces[0] if pieces else ""}"'
    return '""\n' + "\n".join(f'"{piece}"' for piece in pieces)


def write(entries: list[Entry], header: str) -> str:
    """A PO file of `entries`, after the header entry whose msgstr is `header`."""
    out = ['msgid ""', f"msgstr {_quote(header)}", ""]
    for entry in entries:
        out.extend(entry.comments)
        if entry.flags:
            out.append("#, " + ", ".join(sorted(entry.flags)))
        if entry.msgctxt is not None:
            out.append(f"msgctxt {_quote(entry.msgctxt)}")
        out.append(f"msgid {_quote(entry.msgid)}")
        out.append(f"msgstr {_quote(entry.msgstr)}")
        out.append("")
    return "\n".join(out)


HEADER = (
    "Project-Id-Version: planctl\n"
    "PO-Revision-Date: 2026-12-01 00:00+0000\n"
    "Last-Translator: planctl\n"
    "Language-Team: planctl\n"
    "Language: {language}\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
)


def catalog_path(language: str) -> Path:
    """Where the PO file of `language` lives."""
    return Path(__file__).with_name(f"{language}.po")


def merged(existing: list[Entry]) -> list[Entry]:
    """The entries of a catalog brought up to date with the English templates, in their order:
    a new key untranslated, a changed English template fuzzy, a key no longer used dropped;
    the toolkit's entries kept as they are."""
    from planctl.i18n.codes import Msg
    from planctl.i18n.en import CATALOG

    by_key = {entry.msgctxt: entry for entry in existing}
    out: list[Entry] = []
    for key in Msg:
        english = CATALOG[key]
        entry = by_key.get(key.value) or Entry(english, msgctxt=key.value)
        if entry.msgid != english:
            entry.msgid = english
            if entry.msgstr:
                entry.flags.add("fuzzy")
        out.append(entry)
    out.extend(entry for entry in existing if entry.msgctxt in _TERM_CONTEXTS)
    return out


def main(argv: list[str]) -> int:
    """`python -m planctl.i18n.po LANG`: update LANG's catalog with the English templates."""
    if len(argv) != 1:
        print("usage: python -m planctl.i18n.po LANGUAGE", file=sys.stderr)
        return 2
    path = catalog_path(argv[0])
    existing = read(path.read_text(encoding="utf-8")) if path.exists() else []
    entries = merged(existing)
    path.write_text(write(entries, HEADER.format(language=argv[0])), encoding="utf-8")
    # An empty English template (a count's unit) has nothing to translate.
    untranslated = sum(1 for entry in entries if entry.msgid and not entry.translated)
    print(f"{path}: {len(entries)} entries, {untranslated} to translate", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
