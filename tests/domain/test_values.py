"""Reading the numbers people write: forms accepted, forms refused, and the fraction rule."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planctl.domain.terms import Unit
from planctl.domain.values import (
    COUNT_WORDS,
    NumberError,
    format_number,
    parse_any_number,
    parse_number,
    read_head_count,
    read_value,
)
from planctl.i18n.codes import Msg


@pytest.mark.parametrize(
    ("raw", "value", "decimals", "percent"),
    [
        ("88.4", 88.4, 1, False),
        ("88.4%", 88.4, 1, True),
        ("  88.4 % ", 88.4, 1, True),
        ("８８．４％", 88.4, 1, True),
        ("15,320", 15320, 0, False),
        ("１５，３２０", 15320, 0, False),
        ("1,234,567.5", 1234567.5, 1, False),
        ("-3", -3, 0, False),
        ("－３", -3, 0, False),
        ("\u22123", -3, 0, False),
        ("+2", 2, 0, False),
        (".5", 0.5, 1, False),
        ("87", 87, 0, False),
        ("87.00", 87, 2, False),
        ("1.5E+04", 15000, 0, False),
        ("\u300088\u3000", 88, 0, False),
    ],
)
def test_accepted_forms(raw: str, value: float, decimals: int, percent: bool) -> None:
    number = parse_number(raw)
    assert number is not None
    assert number.value == pytest.approx(value)
    assert (number.decimals, number.percent) == (decimals, percent)


@pytest.mark.parametrize("raw", ["", "   ", "\u3000"])
def test_blank_is_none(raw: str) -> None:
    assert parse_number(raw) is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("8x.4", Msg.VALUE_NOT_NUMBER),
        ("abc", Msg.VALUE_NOT_NUMBER),
        ("nan", Msg.VALUE_NOT_NUMBER),
        ("inf", Msg.VALUE_NOT_NUMBER),
        ("1" * 400, Msg.VALUE_NOT_NUMBER),
        ("%", Msg.VALUE_NOT_NUMBER),
        ("-", Msg.VALUE_NOT_NUMBER),
        ("88%%", Msg.VALUE_NOT_NUMBER),
        ("e5", Msg.VALUE_NOT_NUMBER),
        (".e5", Msg.VALUE_NOT_NUMBER),
        ("+E3%", Msg.VALUE_NOT_NUMBER),
        ("88,4", Msg.VALUE_BAD_SEPARATOR),
        ("1,23,456", Msg.VALUE_BAD_SEPARATOR),
    ],
)
def test_refused_forms(raw: str, code: Msg) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(raw)
    assert caught.value.code is code


def test_decimal_comma_suggests_a_point() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number("88,4")
    assert caught.value.fields["suggestion"] == "88.4"


def test_rounding_follows_written_decimals() -> None:
    assert parse_number("88.4").rounding == pytest.approx(0.05)  # type: ignore[union-attr]
    assert parse_number("88").rounding == pytest.approx(0.5)  # type: ignore[union-attr]


class TestFractionRule:
    """A bare 0 < x <= 1 for a percent indicator is refused, never silently guessed."""

    def test_bare_fraction_is_refused_with_both_readings(self) -> None:
        number = parse_number("0.884")
        assert number is not None
        with pytest.raises(NumberError) as caught:
            read_value(number, Unit.PERCENT, "inclusive_kindergarten_coverage")
        assert caught.value.code is Msg.VALUE_AMBIGUOUS_FRACTION
        assert caught.value.fields["as_percent"] == "88.4"

    @pytest.mark.parametrize("raw", ["0.884%", "88.4", "88.4%", "0", "1.5"])
    def test_unambiguous_forms_are_read_as_written(self, raw: str) -> None:
        number = parse_number(raw)
        assert number is not None
        assert read_value(number, Unit.PERCENT, "x") == number.value

    def test_one_without_sign_is_ambiguous(self) -> None:
        number = parse_number("1")
        assert number is not None
        with pytest.raises(NumberError):
            read_value(number, Unit.PERCENT, "x")


@pytest.mark.parametrize(
    ("raw", "unit", "code"),
    [
        ("3%", Unit.COUNT, Msg.VALUE_PERCENT_ON_COUNT),
        ("2.5", Unit.COUNT, Msg.VALUE_NOT_WHOLE),
        # A ratio takes fractions, but no % sign and no count's word.
        ("16.8%", Unit.RATIO, Msg.VALUE_PERCENT_ON_RATIO),
        ("17人", Unit.RATIO, Msg.VALUE_COUNT_WORD_ON_RATIO),
        # Only a ratio is written to one.
        ("19:1", Unit.COUNT, Msg.VALUE_TO_ONE_NOT_RATIO),
        ("88:1", Unit.PERCENT, Msg.VALUE_TO_ONE_NOT_RATIO),
    ],
)
def test_counts_and_ratios_refuse_what_is_not_theirs(raw: str, unit: Unit, code: Msg) -> None:
    number = parse_number(raw)
    assert number is not None
    with pytest.raises(NumberError) as caught:
        read_value(number, unit, "indicator")
    assert caught.value.code is code


@given(st.text())
def test_any_text_parses_or_is_refused_cleanly(raw: str) -> None:
    try:
        number = parse_number(raw)
    except NumberError as exc:
        assert isinstance(exc.code, Msg)
        return
    assert number is None or math.isfinite(number.value)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1e9, max_value=1e9))
def test_written_decimals_round_trip(value: object) -> None:
    written = f"{value:,}"
    number = parse_number(written)
    assert number is not None
    assert number.value == pytest.approx(float(written.replace(",", "")))


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_formatted_numbers_parse_back(value: float) -> None:
    number = parse_number(format_number(value))
    assert number is not None
    assert number.value == pytest.approx(value, abs=1e-6)


@pytest.mark.parametrize(
    ("raw", "script", "suggestion"),
    [
        ("٨٨.٥١", "Arabic-Indic", "88.51"),
        ("٨٨٫٥١٪", "Arabic-Indic", "88.51%"),
        ("۹", "Extended Arabic-Indic", "9"),
        ("१२३", "Devanagari", "123"),
        ("8٨", "Arabic-Indic", "88"),
    ],
)
def test_digits_of_other_scripts_are_refused_with_the_number_in_0_to_9(
    raw: str, script: str, suggestion: str
) -> None:
    """Python's float reads them silently; a county's figure must be what it looks like."""
    with pytest.raises(NumberError) as caught:
        parse_number(raw)
    assert caught.value.code is Msg.VALUE_OTHER_DIGITS
    assert caught.value.fields == {"text": raw, "script": script, "suggestion": suggestion}


@given(st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=6))
def test_only_ascii_and_full_width_digits_are_digits(raw: str) -> None:
    ascii_or_wide = all("0" <= c <= "9" or "０" <= c <= "９" for c in raw)
    try:
        number = parse_number(raw)
    except NumberError as exc:
        assert not ascii_or_wide and exc.code is Msg.VALUE_OTHER_DIGITS
    else:
        assert ascii_or_wide and number is not None


@pytest.mark.parametrize(
    ("raw", "value"),
    [("3所", 3), ("5 所", 5), ("120个", 120), ("2,400人", 2400), ("７名", 7), ("2家", 2)],
)
def test_a_count_may_carry_its_unit_word(raw: str, value: float) -> None:
    number = parse_number(raw)
    assert number is not None
    assert read_value(number, Unit.COUNT, "model_kindergartens") == value
    assert read_head_count(number, "denominator") == value


@pytest.mark.parametrize("raw", ["3元", "3 schools", "3所所", "所", "3 万", "88吨"])
def test_other_words_after_a_number_are_still_refused(raw: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(raw)
    assert caught.value.code is Msg.VALUE_NOT_NUMBER


@pytest.mark.parametrize("raw", ["88所", "87.5 人", "90%个"])
def test_a_percentage_refuses_a_count_word(raw: str) -> None:
    number = parse_number(raw)
    assert number is not None
    with pytest.raises(NumberError) as caught:
        read_value(number, Unit.PERCENT, "preschool_gross_enrolment_rate")
    assert caught.value.code is Msg.VALUE_COUNT_WORD_ON_PERCENT


def test_a_count_word_does_not_excuse_a_fraction() -> None:
    number = parse_number("2.5所")
    assert number is not None
    with pytest.raises(NumberError) as caught:
        read_value(number, Unit.COUNT, "model_kindergartens")
    assert caught.value.code is Msg.VALUE_NOT_WHOLE


@given(
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from(COUNT_WORDS),
    st.sampled_from(["", " ", "\u3000"]),
    st.booleans(),
)
def test_any_count_with_its_unit_word_reads_as_the_bare_count(
    value: int, word: str, space: str, grouped: bool
) -> None:
    written = f"{value:,}" if grouped else str(value)
    bare, worded = parse_number(written), parse_number(written + space + word)
    assert bare is not None and worded is not None
    assert read_value(worded, Unit.COUNT, "x") == read_value(bare, Unit.COUNT, "x") == value
    with pytest.raises(NumberError):
        read_value(worded, Unit.PERCENT, "x")


@given(st.integers(min_value=0, max_value=10**6), st.characters(codec="utf-8"))
def test_only_the_unit_words_of_a_count_follow_a_number(value: int, word: str) -> None:
    try:
        number = parse_number(f"{value}{word}")
    except NumberError:
        assert word not in COUNT_WORDS
        return
    # Accepted: a count word, or what is still a plain number (a digit, a point, a %, a space).
    assert number is not None
    assert word in COUNT_WORDS or not number.counted


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("16.8", 16.8),
        ("１６．８", 16.8),
        ("0.06", 0.06),
        ("19", 19.0),
        ("13.50", 13.5),
        # Written to one, as plans write it; the full-width colon too.
        ("16.8:1", 16.8),
        ("16.8 : 1", 16.8),
        ("１６．８：１", 16.8),
    ],
)
def test_a_ratio_takes_fractions(raw: str, value: float) -> None:
    number = parse_number(raw)
    assert number is not None
    assert read_value(number, Unit.RATIO, "pupil_teacher_ratio") == value


@given(st.text())
def test_any_text_reads_as_a_ratio_or_is_refused_cleanly(raw: str) -> None:
    try:
        number = parse_number(raw)
        if number is None:
            return
        value = read_value(number, Unit.RATIO, "pupil_teacher_ratio")
    except NumberError as refused:
        assert refused.code in set(Msg)
        return
    # Read as written: no % sign, no count's word, the number itself (never a hundredth).
    assert not number.percent and not number.counted and value == number.value


@pytest.mark.parametrize("raw", ["1:19", "19:2", ":1", "19:1:1", "19:1%"])
def test_only_a_number_to_one_is_a_ratio_to_one(raw: str) -> None:
    with pytest.raises(NumberError) as refused:
        number = parse_number(raw)
        assert number is not None
        read_value(number, Unit.RATIO, "indicator")
    assert refused.value.code is Msg.VALUE_NOT_NUMBER


def test_a_part_of_a_ratio_is_not_written_to_one() -> None:
    number = parse_number("500:1")
    assert number is not None
    with pytest.raises(NumberError) as refused:
        read_head_count(number, "denominator")
    assert refused.value.code is Msg.RATIO_TO_ONE_PART


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=0, max_value=1e6))
def test_every_decimal_ratio_is_read_as_written(written: object) -> None:
    number = parse_number(str(written))
    assert number is not None
    assert read_value(number, Unit.RATIO, "pupil_teacher_ratio") == float(str(written))


def _outcome(parse: object, raw: str) -> object:
    try:
        return parse(raw)  # type: ignore[operator]
    except NumberError as exc:
        return ("refused", exc.code, exc.fields)


@given(
    st.one_of(
        st.text(max_size=12),
        st.from_regex(r"[0-9]{1,20}(\.[0-9]{0,20})?", fullmatch=True),
        st.sampled_from(["0", "007", "1" * 400, "88.51", "5.", ".5", "1e5", " 9"]),
    )
)
def test_the_plain_digits_shortcut_reads_as_the_general_rules(raw: str) -> None:
    assert _outcome(parse_number, raw) == _outcome(parse_any_number, raw)


def test_plain_digits_compile_none_of_the_general_patterns() -> None:
    """A check's start compiles only the patterns its cells need (most cells are plain)."""
    code = (
        "from planctl.domain import values\n"
        "values.parse_number('88.51'); values.parse_number('21950')\n"
        "assert values._pattern.cache_info().currsize == 0\n"
        "values.parse_number('88.5%')\n"
        "assert values._pattern.cache_info().currsize > 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
