"""`targets validate`'s checks: errors from the loader, warnings for suspicious content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planctl.authoring.lint import validate
from planctl.authoring.plantext import parse_plan, read_plan
from tests.conftest import PLAN_TEXT, TARGETS_2017
from tests.targets.test_models import line_of

ORIGINAL = TARGETS_2017.read_text(encoding="utf-8")


def edited(tmp_path: Path, *changes: tuple[str, str]) -> tuple[Path, str]:
    """A copy of the 2017 file, with its plan text beside it, after each (old, new) change."""
    text = ORIGINAL
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    shutil.copy(PLAN_TEXT, tmp_path / PLAN_TEXT.name)
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def warnings_of(path: Path, plan_text: str | None = None) -> list[str]:
    plan = parse_plan(plan_text, "plan.txt") if plan_text is not None else None
    result = validate(path, plan)
    assert result.errors == []
    return [str(warning) for warning in result.warnings]


def test_the_2017_file_is_clean_and_checked_against_its_plan() -> None:
    result = validate(TARGETS_2017)
    assert (result.errors, result.warnings) == ([], [])
    assert result.plan is not None and result.plan.display.endswith(PLAN_TEXT.name)


# Each edit of the 2017 file, the text on the line the warning must point at, and the warning.
WARNINGS = {
    "threshold outside the valid range": (
        [("threshold: 85", "threshold: 105")],
        "threshold: 105",
        "threshold: the threshold 105 lies outside the valid range (0 to 100), so no county "
        "could truthfully report it",
    ),
    "a share that may pass 100": (
        [("85\n    valid_range: {min: 0, max: 100}", "85\n    valid_range: {min: 0, max: 120}")],
        "max: 120",
        "valid_range.max: the valid range allows 120%, but a share cannot pass 100%",
    ),
    "a gross rate not marked gross": (
        [("    gross: true\n", "")],
        "max: 200",
        "valid_range.max: the valid range allows 200%",
    ),
    "a share without a max": (
        [("85\n    valid_range: {min: 0, max: 100}", "85\n    valid_range: {min: 0}")],
        "valid_range: {min: 0}\n    strength: binding",
        "valid_range: the valid range has no max, but a share cannot pass 100%",
    ),
    "a gross rate capped at 100": (
        [("max: 200}", "max: 100}")],
        "max: 100}\n    gross: true",
        "valid_range.max: a gross rate may pass 100%, but the valid range stops at 100%",
    ),
    "a rate that rolls up as a sum": (
        [
            (
                "    rollup: ratio\n    numerator: {name_zh: 接入宽带网络的学校数",
                "    rollup: sum\n    x: {name_zh: 接入宽带网络的学校数",
            ),
            (
                "    x: {name_zh: 接入宽带网络的学校数, name_en: Schools connected to broadband}\n",
                "",
            ),
            ("    denominator: {name_zh: 学校总数, name_en: Schools}\n", ""),
        ],
        "rollup: sum\n    provenance:\n      clause: 7",
        "rollup: a percentage with rollup: sum cannot be pooled",
    ),
    "quotas short of the city target": (
        [("quotas: {市直学校: 1, 咸安区: 1, 通城县: 1}", "quotas: {咸安区: 1, 通城县: 1}")],
        "quotas: {咸安区: 1",
        "quotas: the quotas add up to 2, which does not meet the city target ≥ 3",
    ),
    "county lines that cannot pool to the city target": (
        [
            (
                "    numerator: {key: children_enrolled",
                "    county_targets: {咸安区: {threshold: 86}, 嘉鱼县: {threshold: 80}, "
                "通城县: {threshold: 82}, 崇阳县: {threshold: 83}, 通山县: {threshold: 85}, "
                "赤壁市: {threshold: 86.5}}\n    numerator: {key: children_enrolled",
            )
        ],
        "county_targets: {咸安区",
        "county_targets: every county's line falls short of the city target ≥ 87 (the nearest "
        "is 86.5)",
    ),
    "a count's county lines that do not add up": (
        [
            (
                "    level: city\n    rollup: sum\n    provenance:\n      clause: 11",
                "    level: city\n    rollup: sum\n    county_targets: {咸安区: {threshold: 9}, "
                "嘉鱼县: {threshold: 4}, 通城县: {threshold: 5}, 崇阳县: {threshold: 5}, "
                "通山县: {threshold: 3}, 赤壁市: {threshold: 6}}\n"
                "    provenance:\n      clause: 11",
            )
        ],
        "county_targets: {咸安区: {threshold: 9}",
        "county_targets: the county targets add up to 32, which does not meet the city target ≥ 33",
    ),
    "a sentence not in the plan": (
        [("达到87%以上。", "达到88%以上。")],
        "达到88%以上。",
        "provenance.sentence: the sentence is not in the plan's text",
    ),
    "a sentence copied with other punctuation": (
        [("到2017年,全市", "到2017年，全市")],
        "到2017年，全市",
        "provenance.sentence: the sentence is in",
    ),
    "a sentence quoted from another clause": (
        [("      clause: 15\n", "      clause: 14\n")],
        "clause: 14",
        "provenance.clause: the sentence is in clause 15 of",
    ),
    "a clause the plan does not have": (
        [("      clause: 15\n", "      clause: 99\n")],
        "clause: 99",
        "provenance.clause:",
    ),
    "an unreadable source text": (
        [("source_text: xianning", "source_text: missing-xianning")],
        "source_text:",
        "source_text: plan.source_text names",
    ),
}


@pytest.mark.parametrize("case", list(WARNINGS))
def test_each_warning_names_its_line_and_field(tmp_path: Path, case: str) -> None:
    changes, needle, message = WARNINGS[case]
    path, text = edited(tmp_path, *changes)
    (warning,) = warnings_of(path)
    assert warning.startswith(f"{path}:{line_of(text, needle)}: warning: {message}"), warning


def test_what_the_plan_warnings_say(tmp_path: Path) -> None:
    plan = tmp_path / PLAN_TEXT.name
    for changes, ending in [
        (
            [("到2017年,全市", "到2017年，全市")],
            "only when spaces and full-width characters are ignored; copy it exactly",
        ),
        ([("      clause: 15\n", "      clause: 14\n")], f"clause 15 of {plan}, not in clause 14"),
        ([("      clause: 15\n", "      clause: 99\n")], f"{plan} has no clause 99"),
        (
            [("source_text: xianning", "source_text: missing-xianning")],
            "(no such file); the sentences were not checked against the plan",
        ),
    ]:
        path, _ = edited(tmp_path, *changes)
        (warning,) = warnings_of(path)
        assert warning.endswith(ending), warning


def test_an_explicit_plan_text_is_used_instead(tmp_path: Path) -> None:
    path, _ = edited(tmp_path)
    warnings = warnings_of(path, "1.别的计划。\n")
    assert len(warnings) == 13 and all(
        "the sentence is not in the plan's text (plan.txt)" in w for w in warnings
    )


def test_an_unreadable_source_text_is_a_warning(tmp_path: Path) -> None:
    path, text = edited(tmp_path, ("source_text: xianning", "source_text: missing-xianning"))
    (warning,) = warnings_of(path)
    assert warning.startswith(f"{path}:{line_of(text, 'source_text:')}: warning: source_text: ")
    assert "no such file" in warning and "were not checked" in warning


def test_errors_come_from_the_loader(tmp_path: Path) -> None:
    path, _ = edited(tmp_path, ("threshold: 87", "threshold: x"))
    result = validate(path, read_plan(PLAN_TEXT))
    assert result.targets is None and len(result.errors) == 1
    assert ": threshold: Input should be a valid number" in str(result.errors[0])


@pytest.mark.parametrize("value", ["TODO", "TODO: the English name"])
def test_placeholders_are_errors_that_say_so(tmp_path: Path, value: str) -> None:
    path, text = edited(
        tmp_path,
        ("threshold: 87", f"threshold: '{value}'"),
        ("name_en: Jiayu County", f"name_en: '{value}'"),
    )
    message = f"'{value}' is a placeholder left by planctl extract; replace it with the real value"
    assert [str(e) for e in validate(path).errors] == [
        f"{path}:{line_of(text, f'name_en: {value!r}')}: name_en: {message}",
        f"{path}:{line_of(text, f'threshold: {value!r}')}: threshold: {message}",
    ]


def test_an_alias_shared_by_two_targets_stays_an_error(tmp_path: Path) -> None:
    path, _ = edited(
        tmp_path, ("aliases: [普惠性幼儿园覆盖率", "aliases: [毛入园率, 普惠性幼儿园覆盖率")
    )
    result = validate(path)
    assert result.targets is None
    assert "names both preschool_gross_enrolment_rate and inclusive_kindergarten_coverage" in str(
        result.errors[0]
    )


def test_only_a_percentage_can_be_gross(tmp_path: Path) -> None:
    path, _ = edited(tmp_path, ("    rollup: sum\n", "    rollup: sum\n    gross: true\n"))
    result = validate(path)
    assert "only a percentage can be a gross rate" in str(result.errors[0])
