"""click's and typer's own words (`Usage:`, `Options`, `[required]`, `No such option`) in the
language in use.

typer carries its own copy of click, whose words are English literals, and its own core, whose
words go through the standard library's `gettext`: neither reads a catalog of ours. So the
catalog holds their words too (entries of context `click` in the PO file, their msgid the
English as typer writes it, with `{fields}` where typer fills something in), and `install`
puts them where typer looks: the `_` of typer's core, the usage prefix, headings and option
help of the help formatter, and the messages of the usage errors. It is called once, before
the app is built, and only for a language other than English, so English start-up is as
before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import IO, Any

from planctl.i18n.catalog import Language, toolkit_words

_FIELD = re.compile(r"\{([a-z_]+)\}")


class Words:
    """A language's translations of typer's words, looked up exactly or by pattern."""

    def __init__(self, words: dict[str, str]) -> None:
        self.templates = words
        self.exact = {english: own for english, own in words.items() if "{" not in english}
        self._patterns: list[tuple[re.Pattern[str], str]] | None = None

    @property
    def patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """The sentences with fields as patterns, compiled when an error first needs them
        (help needs only words)."""
        if self._patterns is None:
            self._patterns = []
            # Longer patterns first, so that "Missing argument {name}. {detail}" is tried
            # before "Missing argument {name}.".
            for english, own in sorted(self.templates.items(), key=lambda item: -len(item[0])):
                if "{" not in english:
                    continue
                pieces = _FIELD.split(english)
                regex = "".join(
                    re.escape(piece) if index % 2 == 0 else f"(?P<{piece}>.+?)"
                    for index, piece in enumerate(pieces)
                )
                self._patterns.append((re.compile(f"^{regex}$", re.DOTALL), own))
        return self._patterns

    def template(self, english: str) -> str:
        """The translation of a template with `{fields}`, to be filled in by the caller."""
        return self.templates.get(english, english)

    def __call__(self, message: str) -> str:
        """`message` in the language: a word looked up, a sentence matched with its fields
        translated in turn; unchanged when the catalog does not know it."""
        if message in self.exact:
            return self.exact[message]
        for pattern, own in self.patterns:
            match = pattern.match(message)
            if match:
                fields = {name: self(value) for name, value in match.groupdict().items()}
                return own.format(**fields)
        return message


def install(language: Language) -> None:
    """Make typer speak `language` in help and in its error messages."""
    words = Words(toolkit_words(language))
    if not words.templates:
        return
    import typer.core
    from typer._click import exceptions, formatting

    typer.core._ = words
    formatting.wrap_text = wrap_text
    _translate_formatter(formatting.HelpFormatter, words)
    _translate_errors(exceptions, words)


def _translate_formatter(formatter: type[Any], words: Words) -> None:
    write_usage, write_dl = formatter.write_usage, formatter.write_dl

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, words("Usage: ") if prefix is None else prefix)

    def heading(self: Any, name: str) -> None:
        line = words.template("{heading}:").format(heading=words(name))
        self.write(f"{'':>{self.current_indent}}{line}\n")

    def definitions(self: Any, rows: Any, *args: Any, **kwargs: Any) -> None:
        write_dl(self, [(term, words(help_)) for term, help_ in rows], *args, **kwargs)

    formatter.write_usage, formatter.write_heading, formatter.write_dl = (
        usage,
        heading,
        definitions,
    )


def _translate_errors(exceptions: Any, words: Words) -> None:
    def translated(format_message: Callable[[Any], str]) -> Callable[[Any], str]:
        def format_in_language(self: Any) -> str:
            return words(format_message(self))

        return format_in_language

    # ClickException inherits its format_message; the others that format their own are
    # wrapped too, each once.
    base = exceptions.ClickException
    base.format_message = translated(base.format_message)
    for name in dir(exceptions):
        cls = getattr(exceptions, name)
        own = isinstance(cls, type) and issubclass(cls, base) and cls is not base
        if own and "format_message" in vars(cls):
            cls.format_message = translated(vars(cls)["format_message"])

    echo = exceptions.echo

    def show_click(self: Any, file: IO[Any] | None = None) -> None:
        stream = file if file is not None else exceptions.get_text_stderr()
        message = words.template("Error: {message}").format(message=self.format_message())
        echo(message, file=stream, color=self.show_color)

    def show_usage(self: Any, file: IO[Any] | None = None) -> None:
        stream = file if file is not None else exceptions.get_text_stderr()
        color = None
        hint = ""
        if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
            command, option = self.ctx.command_path, self.ctx.help_option_names[0]
            hint = words.template("Try '{command} {option}' for help.").format(
                command=command, option=option
            )
            hint += "\n"
        if self.ctx is not None:
            color = self.ctx.color
            echo(f"{self.ctx.get_usage()}\n{hint}", file=stream, color=color)
        message = words.template("Error: {message}").format(message=self.format_message())
        echo(message, file=stream, color=color)

    exceptions.ClickException.show = show_click
    exceptions.UsageError.show = show_usage


# Chinese has no spaces between words: a line may break between any two characters, except
# before the punctuation that closes a phrase, which stays with the character before it.
_NO_LINE_START = frozenset("，。、；：？！）》」』”’%")
_ATOM = re.compile(r"\s+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.", re.DOTALL)


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: two for a wide (CJK) character, one for the others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_text(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click's `wrap_text`, measuring wide characters as two columns and breaking between
    Chinese characters; paragraphs (blank-line separated) are wrapped one by one."""
    paragraphs = re.split(r"\n\s*\n", text) if preserve_paragraphs else [text]
    out: list[str] = []
    for paragraph in paragraphs:
        out.extend(_wrap(" ".join(paragraph.split()), width, initial_indent, subsequent_indent))
        out.append("")
    return "\n".join(out[:-1])


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    lines: list[str] = []
    line: list[str] = []
    used = display_width(first)
    indent = first
    for atom in _ATOM.findall(text):
        size = display_width(atom)
        if atom.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        if used + size > width and any(not piece.isspace() for piece in line):
            carried: list[str] = []
            if atom[0] in _NO_LINE_START and line and not line[-1].isspace():
                carried = [line.pop()]
            while line and line[-1].isspace():
                line.pop()
            lines.append(indent + "".join(line))
            indent = rest
            line = carried
            used = display_width(rest) + display_width("".join(carried))
        line.append(atom)
        used += size
    while line and line[-1].isspace():
        line.pop()
    lines.append(indent + "".join(line))
    return lines
