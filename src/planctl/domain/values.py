"""Reading the numbers people write in a submission: `88.4`, `88.4%`, `８８．４％`, `15,320`.

`parse_number` turns a cell's text into a `Number` (or None for a blank cell) and remembers
how many decimals were written, which sets the rounding allowed when the value is checked
against its numerator and denominator. `read_value` then applies the indicator's unit:

- a percent indicator takes `88.4` or `88.4%`; a bare number above 0 and at most 1
  (`0.884`) is refused as ambiguous, since it may be a fraction of 1 or a tiny percentage:
  the message suggests `88.4%` and `0.884%`, and either one is then read as written;
- a count takes whole numbers, with or without thousands separators, and no % sign; it may
  carry the unit word of a count after it (`3所`, `5 所`, `2,400人`), which a percentage
  may not (`88所` is refused there), and a numerator or denominator may too;
- a ratio (生师比) takes any number with no % sign and no unit word: `16.8`, fractions
  allowed, as the quotient of pupils over teachers seldom is whole; also written to one, as
  plans and yearbooks write it (`16.8:1`, `16.8：1`), which nothing else may be.

Digits are ASCII `0-9` and their full-width forms `０-９`; digits of other scripts
(Arabic-Indic `٨٨`, Devanagari, mathematical `𝟖`, …), which `float` or NFKC would read
silently, are refused, with the number they would be in `0-9`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from planctl.domain import cells
from planctl.domain.terms import Unit
from planctl.i18n.catalog import SCRIPT_CONTEXT, term
from planctl.i18n.codes import Msg

# Signs that NFKC leaves alone but people paste from word processors.
_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "})
# A decimal digit of another script than ASCII and full-width (NFKC would make some of them
# ASCII: mathematical digits; float() reads the others: Arabic-Indic, Devanagari, …).
_OTHER_DIGIT = r"[^\D0-9０-９]"
# The Arabic decimal point, thousands separator and percent sign, for a suggestion.
_ARABIC_SIGNS = str.maketrans({"\u066b": ".", "\u066c": ",", "\u066a": "%"})
_NUMBER = (
    r"(?P<sign>[+-])?"
    r"(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)"
    r"(?:\.(?P<fraction>[0-9]*))?"
    r"(?:[eE](?P<exponent>[+-]?[0-9]+))?"
)
# The measure words of a count people write after it (所 schools, 个 places, 人 and 名 people,
# 家 institutions, 项 items); any other word after a number is still not a number.
COUNT_WORDS = "所个人名家项"
_COUNT_WORD = rf"\s*[{COUNT_WORDS}]$"
# A ratio to one after a number (16.8:1; NFKC makes the full-width colon ASCII). `1:19` is not
# one: which figure would be the ratio?
_TO_ONE = r"(?<=[0-9.])\s*:\s*1$"


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    """One of the general rules' patterns, compiled when a cell first needs it: most cells are
    plain digits (`_PLAIN_NUMBER`), and a check's start pays for no pattern it does not use."""
    return re.compile(pattern)


class NumberError(ValueError):
    """A cell that cannot be read as the number it should be; carries a message code."""

    def __init__(self, code: Msg, **fields: object) -> None:
        super().__init__(code.value)
        self.code = code
        self.fields = fields


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written in a cell."""

    value: float
    decimals: int
    percent: bool
    text: str
    # Whether a count's unit word followed it (`3所`).
    counted: bool = False
    # Whether it was written as a ratio to one (`16.8:1`).
    to_one: bool = False

    @property
    def rounding(self) -> float:
        """Half a unit in the last written place: the error the writer's rounding allows."""
        return cells.rounding(self.decimals)


# The common cell, plain digits with or without a fraction (`88.51`, `21950`): read as the
# general rules below read it, without normalising, searching for a unit word or a percent
# sign (a test holds the two to the same Number on any text).
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.([0-9]+))?")


def parse_number(raw: str) -> Number | None:
    """Read a cell's text as a number; None for a blank cell; NumberError otherwise."""
    plain = _PLAIN_NUMBER.fullmatch(raw)
    if plain is not None:
        value = float(raw)
        if math.isfinite(value):
            return Number(value=value, decimals=len(plain.group(1) or ""), percent=False, text=raw)
    return parse_any_number(raw)


def parse_any_number(raw: str) -> Number | None:
    """`parse_number` by its general rules alone: any text a person may write a number in."""
    if not raw.isascii() and _pattern(_OTHER_DIGIT).search(raw):
        _refuse_other_digits(raw)
    text = unicodedata.normalize("NFKC", raw).translate(_SIGNS).strip()
    if not text:
        return None
    word = _pattern(_COUNT_WORD).search(text)
    counted = word is not None
    text_number = text[: word.start()] if word is not None else text
    ratio = _pattern(_TO_ONE).search(text_number) if not counted else None
    if ratio is not None:
        text_number = text_number[: ratio.start()]
    percent = text_number.endswith("%")
    digits = text_number.removesuffix("%").strip().replace(" ", "") if percent else text_number
    match = _pattern(_NUMBER).fullmatch(digits)
    # A digit before the exponent: `e5` alone matches the pattern but is no number.
    if match is None or not (match.group("whole") or match.group("fraction")):
        if "," in digits and _pattern(_NUMBER).fullmatch(digits.replace(",", "")):
            raise NumberError(
                Msg.VALUE_BAD_SEPARATOR, text=raw.strip(), suggestion=_comma_fix(digits)
            )
        raise NumberError(Msg.VALUE_NOT_NUMBER, text=raw.strip())
    fraction = match.group("fraction") or ""
    exponent = int(match.group("exponent") or 0)
    value = float(digits.replace(",", ""))
    if not math.isfinite(value):
        raise NumberError(Msg.VALUE_NOT_NUMBER, text=raw.strip())
    return Number(
        value=value,
        decimals=max(0, len(fraction) - exponent),
        percent=percent,
        text=text,
        counted=counted,
        to_one=ratio is not None,
    )


def _refuse_other_digits(raw: str) -> None:
    """NumberError naming the script of a number written in other digits than 0-9."""
    text = raw.strip()
    first = _pattern(_OTHER_DIGIT).search(text)
    assert first is not None
    script = unicodedata.name(first.group(), "").rsplit(" DIGIT", 1)[0].title() or "other"
    script = term(SCRIPT_CONTEXT, script)
    ascii_ = _pattern(_OTHER_DIGIT).sub(lambda match: str(unicodedata.decimal(match.group())), text)
    raise NumberError(
        Msg.VALUE_OTHER_DIGITS,
        text=text,
        script=script,
        suggestion=unicodedata.normalize("NFKC", ascii_.translate(_ARABIC_SIGNS)),
    )


def _comma_fix(digits: str) -> str:
    """What a number with misplaced commas probably meant: a decimal comma, or no commas."""
    whole, _, tail = digits.rpartition(",")
    if digits.count(",") == 1 and 1 <= len(tail) <= 2 and "." not in digits:
        return f"{whole}.{tail}"
    return digits.replace(",", "")


def read_value(number: Number, unit: Unit, indicator: str) -> float:
    """The value of `number` for an indicator measured in `unit`, by the module's rules."""
    if number.to_one and unit is not Unit.RATIO:
        raise NumberError(Msg.VALUE_TO_ONE_NOT_RATIO, text=number.text, indicator=indicator)
    if unit is Unit.PERCENT:
        if number.counted:
            raise NumberError(
                Msg.VALUE_COUNT_WORD_ON_PERCENT, text=number.text, indicator=indicator
            )
        if not cells.percentage(cells.NUMBERS, number.value, number.percent):
            raise NumberError(
                Msg.VALUE_AMBIGUOUS_FRACTION,
                text=number.text,
                indicator=indicator,
                as_percent=format_number(number.value * 100),
            )
        return number.value
    if unit is Unit.RATIO:
        if number.counted:
            raise NumberError(Msg.VALUE_COUNT_WORD_ON_RATIO, text=number.text, indicator=indicator)
        if not cells.ratio(cells.NUMBERS, number.value, number.percent):
            raise NumberError(Msg.VALUE_PERCENT_ON_RATIO, text=number.text, indicator=indicator)
        return number.value
    if not cells.count(cells.NUMBERS, number.value, number.percent):
        # Which half of the rule it breaks decides the message.
        code = Msg.VALUE_PERCENT_ON_COUNT if number.percent else Msg.VALUE_NOT_WHOLE
        raise NumberError(code, text=number.text, indicator=indicator)
    return number.value


def read_head_count(number: Number, field: str) -> float:
    """A numerator or denominator: a non-negative number of people or schools."""
    if number.to_one:
        raise NumberError(Msg.RATIO_TO_ONE_PART, text=number.text, field=field)
    if not cells.head_count(cells.NUMBERS, number.value, number.percent):
        # Which half of the rule it breaks decides the message.
        code = Msg.RATIO_PERCENT_SIGN if number.percent else Msg.RATIO_NEGATIVE
        raise NumberError(code, text=number.text, field=field)
    return number.value


def format_number(value: float, decimals: int | None = None, grouping: bool = True) -> str:
    """A number for people: no float noise, thousands separated (unless not `grouping`),
    `decimals` places if given."""
    comma = "," if grouping else ""
    if decimals is not None:
        return f"{value:{comma}.{decimals}f}"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):{comma}}"
    return f"{value:{comma}.6f}".rstrip("0").rstrip(".")
