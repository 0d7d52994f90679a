"""Rebuilding models from their dump without validation: what validation would have built."""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import to_json

from planctl.domain.terms import Comparator, Level, Rollup, Strength, Unit
from planctl.targets.construct import construct, dump, plain
from planctl.targets.models import Plan, Provenance, TargetSet, TargetsFile, validator
from tests.conftest import assert_same_models

TEXT = st.text(min_size=1, max_size=8)
NUMBER = st.one_of(st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False))
IDENTIFIER = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


def _rebuilt(model: TargetsFile) -> TargetsFile:
    """Through JSON text, as a cache entry goes."""
    return construct(TargetsFile, json.loads(json.dumps(dump(model), ensure_ascii=False)))


@st.composite
def _valid_range(draw: st.DrawFn) -> dict[str, Any]:
    low, high = sorted(draw(st.lists(NUMBER, min_size=2, max_size=2)))
    return {k: v for k, v in (("min", low), ("max", high)) if draw(st.booleans())}


@st.composite
def _quantity(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"name_zh": draw(TEXT), "name_en": draw(TEXT)}
    if draw(st.booleans()):
        data["key"] = draw(st.one_of(st.none(), IDENTIFIER))
    return data


@st.composite
def _target(draw: st.DrawFn, counties: list[str]) -> dict[str, Any]:
    ratio = draw(st.booleans())
    # A ratio (unit ratio) rolls up only as a ratio; a percentage either way, a count summed.
    unit = draw(
        st.sampled_from([Unit.PERCENT, Unit.RATIO] if ratio else [Unit.PERCENT, Unit.COUNT])
    )
    level = draw(st.sampled_from(Level))
    data: dict[str, Any] = {
        "id": draw(IDENTIFIER),
        "name_zh": draw(TEXT),
        "name_en": draw(TEXT),
        "unit": unit.value,
        "comparator": draw(st.sampled_from(Comparator)).value,
        "threshold": draw(NUMBER),
        "valid_range": {},
        "strength": draw(st.sampled_from(Strength)).value,
        "level": level.value,
        "rollup": (Rollup.RATIO if ratio else Rollup.SUM).value,
        "provenance": {
            "clause": draw(st.integers(1, 99)),
            "sentence": draw(TEXT),
            "deadline": draw(st.integers(1900, 2200)),
        },
    }
    if data["comparator"] == Comparator.BETWEEN:
        low, high = sorted(draw(st.lists(NUMBER, min_size=2, max_size=2, unique=True)))
        data["threshold"] = {"min": low, "max": high}
    else:
        data["valid_range"] = draw(_valid_range())
    optional: dict[str, Any] = {"aliases": draw(st.lists(TEXT, max_size=3))}
    if unit is Unit.PERCENT:
        optional["gross"] = draw(st.booleans())
    if ratio:
        data["numerator"], data["denominator"] = draw(_quantity()), draw(_quantity())
    if level is Level.CITY and counties and data["comparator"] != Comparator.BETWEEN:
        optional["contributors"] = draw(st.one_of(st.none(), st.lists(st.sampled_from(counties))))
        optional["quotas"] = draw(st.dictionaries(st.sampled_from(counties), NUMBER, max_size=3))
    optional["baseline"] = draw(
        st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {"year": st.integers(1900, 2200), "value": NUMBER, "source": TEXT}
            ),
        )
    )
    data.update({k: v for k, v in optional.items() if draw(st.booleans())})
    return data


@st.composite
def _targets_file(draw: st.DrawFn) -> dict[str, Any]:
    counties = draw(st.lists(TEXT, max_size=4, unique=True))
    plan: dict[str, Any] = {
        "title": draw(TEXT),
        "title_en": draw(TEXT),
        "issuing_body": draw(TEXT),
        "issuing_body_en": draw(TEXT),
        # YAML gives a date; JSON (`targets --format json`) a string.
        "issued": draw(st.one_of(st.dates(), st.dates().map(datetime.date.isoformat))),
        "reference": draw(TEXT),
        "year": draw(st.integers(1900, 2200)),
    }
    if draw(st.booleans()):
        plan["source_text"] = draw(st.one_of(st.none(), TEXT))
    return {
        "schema_version": 1,
        "plan": plan,
        "city": {"name": draw(TEXT), "name_en": draw(TEXT)},
        "counties": [
            {"name": name, "name_en": draw(TEXT)}
            | ({"aliases": draw(st.lists(TEXT, max_size=2))} if draw(st.booleans()) else {})
            for name in counties
        ],
        "targets": draw(st.lists(_target(counties), min_size=1, max_size=4)),
    }


@pytest.mark.slow
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_targets_file())
def test_any_valid_targets_file_is_rebuilt_as_validated(data: dict[str, Any]) -> None:
    validated = validator().validate_python(data)
    rebuilt = _rebuilt(validated)
    assert_same_models(rebuilt, validated)
    assert validator().dump_json(rebuilt) == validator().dump_json(validated)


@pytest.mark.slow  # two ways of writing targets held equal: CI runs it
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(_targets_file())
def test_plain_data_is_what_pydantic_writes(data: dict[str, Any]) -> None:
    """The JSON report writes a targets file's plan and targets as plain data: the text
    pydantic's serializer writes of the models, which a cached file never built."""
    model = validator().validate_python(data)
    assert to_json(plain(model), indent=2) == validator().dump_json(model, indent=2)
    assert to_json(plain(model.targets)) == to_json(model.targets)


def test_the_2017_plan_is_rebuilt_as_validated(targets: TargetSet) -> None:
    assert_same_models(_rebuilt(targets.spec), targets.spec)


def test_defaults_come_back() -> None:
    rebuilt = construct(Provenance, {"clause": 3, "sentence": "全市…", "deadline": 2017})
    assert rebuilt == Provenance(clause=3, sentence="全市…", deadline=2017)
    plan = construct(
        Plan,
        {
            "title": "t",
            "title_en": "t",
            "issuing_body": "b",
            "issuing_body_en": "b",
            "issued": "2017-05-02",
            "reference": "r",
            "year": 2017,
        },
    )
    assert plan.source_text is None and plan.reference_zh is None
    assert plan.issued == datetime.date(2017, 5, 2)


@pytest.mark.parametrize(
    "data",
    [
        {"clause": "3", "sentence": "s", "deadline": 2017},  # a string for an int
        {"clause": True, "sentence": "s", "deadline": 2017},  # a bool is no clause number
        {"clause": 3, "sentence": "s", "deadline": 2017, "extra": 1},  # not a field
        {"clause": 3, "sentence": "s"},  # a required field missing
        ["clause", 3],
    ],
)
def test_data_of_the_wrong_shape_is_refused(data: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        construct(Provenance, data)


def test_wrong_enum_value_and_date_are_refused(targets: TargetSet) -> None:
    data = dump(targets.spec)
    data["targets"][0]["unit"] = "percentage"
    with pytest.raises(ValueError):
        construct(TargetsFile, data)
    data = dump(targets.spec)
    data["plan"]["issued"] = "2017-13-45"
    with pytest.raises(ValueError):
        construct(TargetsFile, data)


def test_an_annotation_it_does_not_know_is_refused() -> None:
    @dataclasses.dataclass
    class Ambiguous:
        either: int | str

    @dataclasses.dataclass
    class Unknown:
        numbers: set[int]

    with pytest.raises(TypeError):
        construct(Ambiguous, {"either": 1})
    with pytest.raises(TypeError):
        construct(Unknown, {"numbers": [1]})
