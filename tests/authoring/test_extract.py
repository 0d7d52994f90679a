"""The extractor: precision and recall on sentences written for the tests, and every target of
the 2017 plan found in its text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from planctl.authoring.extract import Found, extract, find_in_sentence
from planctl.authoring.plantext import PlanText, parse_plan, read_plan
from planctl.domain.terms import Comparator
from planctl.targets.models import TargetSet
from tests.conftest import FIXTURES, PLAN_TEXT

SENTENCES = FIXTURES / "extract" / "sentences.yaml"
HELD_OUT = FIXTURES / "extract" / "held-out.yaml"
# Written after the scope patterns, in the style of other cities' and provinces' plans.
HELD_OUT_2 = FIXTURES / "extract" / "held-out-2.yaml"
# Committed before extract was changed for issue 12's 95% goal; measured before and once after.
HELD_OUT_3 = FIXTURES / "extract" / "held-out-3.yaml"
SETS = [SENTENCES, HELD_OUT, HELD_OUT_2, HELD_OUT_3]
# What the README states; a regression below these fails.
FLOORS = {
    SENTENCES: (0.95, 0.95),
    HELD_OUT: (0.9, 0.9),
    HELD_OUT_2: (0.95, 0.94),
    HELD_OUT_3: (0.95, 0.96),
}

# clause, sentence, comparator, bounds (the threshold, or a band's min and max), unit,
# strength, scope
Key = tuple[int | None, str, str | None, tuple[float, ...], str, str, str | None]


@dataclass(frozen=True)
class Score:
    true_positives: int
    extracted: int
    expected: int
    missed: list[Key]
    extra: list[Key]

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected


def key(item: Found) -> Key:
    finding = item.finding
    comparator = finding.comparator.value if finding.comparator else None
    scope = finding.scope.level.value if finding.scope else None
    return (
        item.clause,
        item.sentence,
        comparator,
        (finding.threshold,) if finding.high is None else (finding.threshold, finding.high),
        finding.unit.value,
        finding.strength.value,
        scope,
    )


def bounds(threshold: float | dict[str, float]) -> tuple[float, ...]:
    """A fixture's threshold as bounds: a number, or a band written {min: A, max: B}."""
    if isinstance(threshold, dict):
        return float(threshold["min"]), float(threshold["max"])
    return (float(threshold),)


def cases(path: Path) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def as_plan(loaded: list[dict[str, Any]]) -> tuple[PlanText, list[int]]:
    """The sentences as one plan, each a numbered clause of its own unless it `continues` the
    one before (so that a scope word can carry into it), and each case's clause number."""
    lines: list[str] = []
    numbers: list[int] = []
    clause = 0
    for case in loaded:
        if case.get("continues"):
            lines.append(case["sentence"])
        else:
            clause += 1
            lines.append(f"（{clause}）{case['sentence']}")
        numbers.append(clause)
    return parse_plan("\n".join(lines) + "\n", "cases.txt"), numbers


def score(path: Path) -> Score:
    """A finding counts only when its clause and sentence, comparator, threshold, unit,
    strength and scope are all right."""
    loaded = cases(path)
    plan, numbers = as_plan(loaded)
    assert [s.text for s in plan.sentences()] == [c["sentence"] for c in loaded], path.name
    found = Counter(key(item) for item in extract(plan))
    wanted: Counter[Key] = Counter(
        (
            number,
            case["sentence"],
            target["comparator"],
            bounds(target["threshold"]),
            target["unit"],
            target["strength"],
            target["scope"],
        )
        for case, number in zip(loaded, numbers, strict=True)
        for target in case["targets"]
    )
    return Score(
        sum((found & wanted).values()),
        sum(found.values()),
        sum(wanted.values()),
        sorted((wanted - found).elements(), key=str),
        sorted((found - wanted).elements(), key=str),
    )


@pytest.mark.parametrize("path", SETS, ids=[path.stem for path in SETS])
def test_precision_and_recall_stay_above_their_floor(path: Path) -> None:
    measured = score(path)
    precision_floor, recall_floor = FLOORS[path]
    assert measured.precision >= precision_floor, measured
    assert measured.recall >= recall_floor, measured


def test_the_fixtures_hold_targets_and_traps() -> None:
    """Both sets mix sentences that set targets with sentences that must not be read as such,
    and every target says its scope (null where no word decides it)."""
    for path in SETS:
        loaded = cases(path)
        assert sum(1 for case in loaded if not case["targets"]) >= 15, path.name
        assert sum(len(case["targets"]) for case in loaded) >= 30, path.name
        assert all("scope" in target for case in loaded for target in case["targets"])
    for fresh in (cases(HELD_OUT_2), cases(HELD_OUT_3)):
        assert sum(1 for case in fresh if case["targets"]) >= 40
        assert sum(1 for case in fresh if not case["targets"]) >= 20
    assert len(cases(HELD_OUT_3)) >= 60


@pytest.mark.parametrize(
    "sentence",
    [
        "组团参加湖北省第十四届中学生运动会。",
        "全面落实“9+3”免费教育政策。",
        "全年召开3次教育工作推进会。",
        "做好2018—2019学年度学生资助工作。",
        "3.加强教师队伍建设。",
        "教育经费较上年增长8%。",
        "投资3000万元的县一中新校区一期工程开工建设。",
    ],
)
def test_numbers_that_set_nothing(sentence: str) -> None:
    assert find_in_sentence(sentence) == []


def test_a_sentence_with_two_targets_and_their_wordings() -> None:
    primary, kindergarten = find_in_sentence("在市城区新建2所小学和2所幼儿园。")
    assert (primary.wording, kindergarten.wording) == ("市城区新建小学", "市城区新建幼儿园")
    assert primary.threshold == kindergarten.threshold == 2


def test_respectively_pairs_items_with_numbers() -> None:
    primary, junior = find_in_sentence("全县小学、初中辍学率分别控制在0.5%和1.5%以内。")
    assert (primary.wording, primary.threshold) == ("小学辍学率", 0.5)
    assert (junior.wording, junior.threshold) == ("初中辍学率", 1.5)


def test_a_lead_in_makes_the_whole_sentence_aspirational() -> None:
    findings = find_in_sentence(
        "力争到2020年，全市普惠性幼儿园覆盖率达到80%以上，公办园占比达到50%。"
    )
    assert [f.strength.value for f in findings] == ["aspirational", "aspirational"]


def test_basic_inside_a_noun_is_not_aspirational() -> None:
    (finding,) = find_in_sentence("义务教育学校基本办学条件达标率达到100%。")
    assert finding.strength.value == "binding"


# The scope each 2017 target's words set, read in the plan: 全市 or 各县市区 before it in its
# sentence, or (the 85%) 扩大全市公办园和普惠性民办园的覆盖面 in the sentence before. The others
# have no such word: 其中乡镇…, 市城区 (a place, not the whole city), or none at all.
SCOPE_2017 = {
    "preschool_gross_enrolment_rate": "city",  # 全市2017年学前三年毛入园率达到87%以上。
    "inclusive_kindergarten_coverage": "city",  # 扩大全市公办园和普惠性民办园的覆盖面。
    "special_education_enrolment_rate": "city",  # 到2017年,全市基本普及…,…入学率达到90%以上。
    "model_kindergartens": "city",  # 力争全市有33所幼儿园…
    "vocational_quality_projects": "city",  # 督促实施好全市6所中职学校…
    "school_improvement_completion": "county",  # 指导督促各县市区完成…
}


def test_every_2017_target_is_found_in_the_plan(targets: TargetSet) -> None:
    assert set(SCOPE_2017) <= {target.id for target in targets.targets}
    found_keys = Counter(key(item) for item in extract(read_plan(PLAN_TEXT)))
    wanted: Counter[Key] = Counter(
        (
            target.provenance.clause,
            target.provenance.sentence,
            target.comparator.value,
            target.goal.bounds,
            target.unit.value,
            target.strength.value,
            SCOPE_2017.get(target.id),
        )
        for target in targets.targets
    )
    assert wanted - found_keys == Counter(), "missed"
    # Nothing else in the plan is a target: precision on the 2017 plan is 13/13.
    assert found_keys - wanted == Counter(), "extra"


def test_a_scope_word_leads_sits_inside_or_carries_into_the_next_sentence() -> None:
    (led,) = find_in_sentence("全市2017年学前三年毛入园率达到87%以上。")
    assert led.scope is not None and (led.scope.level.value, led.scope.words) == ("city", "全市")
    (inside,) = find_in_sentence("推进全市学前教育发展，毛入园率达到90%。")
    assert inside.scope is not None and inside.scope.level.value == "city"
    continued, part = find_in_sentence(
        "2017年公办园和普惠性民办园覆盖率达85%以上,其中乡镇入园幼儿基本享受普惠性服务。",
        "扩大全市公办园和普惠性民办园的覆盖面。",
    )
    assert continued.scope is not None and continued.scope.level.value == "city"
    assert continued.scope.carried_from == "扩大全市公办园和普惠性民办园的覆盖面"
    assert part.scope is None  # 其中: a part of the whole, its level left open
    # Only a target that names what the scope word qualified continues it.
    (other,) = find_in_sentence(
        "义务教育学校大班额比例控制在5%以内。", "推进全市义务教育优质均衡发展。"
    )
    assert other.scope is None


@pytest.mark.parametrize(
    ("sentence", "scopes"),
    [
        ("各县（市、区）学前三年毛入园率均达到85%以上。", [("county", "各县（市、区）")]),
        ("各地要确保义务教育巩固率达到95%。", [("county", "各地")]),
        ("每个县至少建成1所特殊教育学校。", [("county", "每个县")]),
        ("全市毛入园率达到90%，各县市区不低于85%。", [("city", "全市"), ("county", "各县市区")]),
        ("全省义务教育巩固率达到96%。", [("city", "全省")]),
        ("全市各县市区义务教育巩固率均达到95%。", [("county", "各县市区")]),
        ("全市每所学校至少配备1名心理健康教育教师。", [None]),
        ("巩固率达到96%，高于全省平均水平。", [None]),
        ("健全市级财政投入机制，投入资金1000万元。", [None]),
        ("确保全市义务教育巩固率达到96%。", [("city", "全市")]),
        ("完成全县20所农村学校校舍改造任务。", [("city", "全县")]),
        ("巩固率达到96%。", [None]),
    ],
)
def test_the_words_that_decide_a_scope(sentence: str, scopes: list[object]) -> None:
    found = [
        (f.scope.level.value, f.scope.words) if f.scope else None
        for f in find_in_sentence(sentence)
    ]
    assert found == scopes


@pytest.mark.parametrize(
    ("sentence", "comparators"),
    [
        ("义务教育适龄儿童入学率100%、巩固率100%。", [">=", ">="]),
        ("残疾儿童少年入学率达99%。", [">="]),
        ("公办园在园幼儿占比50%。", [">="]),
        ("初中辍学率1%。", [None]),  # a rate to bring down: floor or ceiling, the words do not say
        ("高中阶段毛入学率90%左右。", [None]),
    ],
)
def test_a_bare_rate_is_at_least_its_figure(sentence: str, comparators: list[str | None]) -> None:
    found = [f.comparator.value if f.comparator else None for f in find_in_sentence(sentence)]
    assert found == comparators


_PLAN_LIKE = st.text(
    alphabet=st.sampled_from(
        "全市率达到以上以内不低于新建所个%％.0123456789一两十第年“”,，。消除覆盖力争基本"
        "各县（市、区）其中每所我本地确保健"
    )
)


@given(_PLAN_LIKE, _PLAN_LIKE)
def test_no_text_makes_the_extractor_fail(sentence: str, previous: str) -> None:
    for finding in find_in_sentence(sentence, previous):
        assert finding.threshold >= 0
        assert finding.as_written
        if finding.scope is not None:
            assert finding.scope.words in sentence + previous


@given(st.text(), st.text())
def test_any_text_at_all(sentence: str, previous: str) -> None:
    find_in_sentence(sentence, previous)


@pytest.mark.parametrize(
    ("sentence", "wording", "bounds", "unit", "written"),
    [
        ("全市小学班额控制在40至45人之间。", "小学班额", (40, 45), "count", "40至45人之间"),
        ("学前三年毛入园率保持在85%—95%。", "学前三年毛入园率", (85, 95), "percent", "85%—95%"),
        ("毛入园率保持在85%-95%之间。", "毛入园率", (85, 95), "percent", "85%-95%之间"),
        ("每班幼儿数稳定在25~30人。", "每班幼儿数", (25, 30), "count", "25~30人"),
        (
            "高中阶段毛入学率保持在９０％至９５％。",
            "高中阶段毛入学率",
            (90, 95),
            "percent",
            "90%至95%",
        ),
    ],
)
def test_a_band_is_read_as_between(
    sentence: str, wording: str, bounds: tuple[float, float], unit: str, written: str
) -> None:
    (finding,) = find_in_sentence(sentence)
    assert finding.comparator is Comparator.BETWEEN
    assert (finding.wording, (finding.threshold, finding.high)) == (wording, bounds)
    assert (finding.unit.value, finding.as_written) == (unit, written)


@pytest.mark.parametrize(
    "sentence",
    [
        "义务教育学校学制保持在6至9年。",  # years: a unit planctl does not count
        "参训教师年龄控制在25至45岁之间。",  # an age band
        "学前三年毛入园率保持在95%—85%。",  # bounds the wrong way round
        "3至6岁儿童入园率达到87%以上。",  # an age band, not a target's band
    ],
)
def test_no_band_where_none_is_set(sentence: str) -> None:
    assert all(f.comparator is not Comparator.BETWEEN for f in find_in_sentence(sentence))


@pytest.mark.parametrize(
    ("sentence", "bands"),
    [
        ("全市义务教育学校生师比控制在15至19之间。", [("义务教育学校生师比", 15, 19)]),
        ("初中生师比保持在12—14。", [("初中生师比", 12, 14)]),
        (
            "全县小学生师比保持在15—19，初中生师比保持在12～14之间。",
            [("小学生师比", 15, 19), ("初中生师比", 12, 14)],
        ),
        ("各县市区普通高中生师比稳定在12.5至13.5之间。", [("普通高中生师比", 12.5, 13.5)]),
    ],
)
def test_a_pupil_teacher_ratios_band_is_a_ratio_between_its_bounds(
    sentence: str, bands: list[tuple[str, float, float]]
) -> None:
    found = find_in_sentence(sentence)
    assert [(f.wording, f.threshold, f.high) for f in found] == bands
    assert all(f.comparator is Comparator.BETWEEN for f in found)
    # Pupils over teachers: a ratio (16.8 allowed, pooled as sum over sum), not a count.
    assert all(f.unit.value == "ratio" and f.bare for f in found)


def test_a_band_with_no_unit_that_names_no_ratio_is_a_plain_number() -> None:
    (band,) = find_in_sentence("各县市区校际差异系数控制在0.3至0.5之间。")
    assert (band.comparator, band.unit.value, band.bare) == (Comparator.BETWEEN, "count", True)


def test_a_share_band_with_no_percent_sign_is_in_percent() -> None:
    (band,) = find_in_sentence("学前三年毛入园率保持在85—95之间。")
    assert (band.comparator, band.unit.value, band.bare) == (Comparator.BETWEEN, "percent", False)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("农村小学生师比不高于19:1。", [("<=", 19, "19:1", "ratio")]),
        ("普通高中生师比不高于13.5：1。", [("<=", 13.5, "13.5:1", "ratio")]),
        ("全市幼儿园生师比控制在15以内。", [("<=", 15, "15以内", "ratio")]),
        ("城区小学不高于19：1。", [("<=", 19, "19:1", "ratio")]),  # a ratio to one names itself
        ("县域义务教育校际综合差异系数低于0.5。", [("<", 0.5, "0.5", "count")]),
        (
            "全市小学、初中校际综合差异系数分别控制在0.5和0.45以内。",
            [("<=", 0.5, "0.5", "count"), ("<=", 0.45, "0.45以内", "count")],
        ),
        # The nearest name decides: the coefficient after the ratio is a plain number.
        (
            "生师比不高于19:1，差异系数低于0.5。",
            [("<=", 19, "19:1", "ratio"), ("<", 0.5, "0.5", "count")],
        ),
        ("小学班额不超过45。", [("<=", 45, "45", "count")]),
    ],
)
def test_a_ratio_or_coefficient_with_no_unit(
    sentence: str, found: list[tuple[str, float, str, str]]
) -> None:
    findings = find_in_sentence(sentence)
    assert [
        (f.comparator.value if f.comparator else None, f.threshold, f.as_written, f.unit.value)
        for f in findings
    ] == found
    assert all(f.bare for f in findings)


@pytest.mark.parametrize(
    "sentence",
    [
        "师生比1:19。",  # the other way round: which figure is the level is not said
        "生师比19:1。",  # no comparator word
        "生师比较上年下降0.5。",  # a change, not a level
        "班额2020年起逐步下降。",  # a year
        "按照1:1比例配套建设经费。",  # a ratio that is no indicator
    ],
)
def test_numbers_with_no_unit_that_set_nothing(sentence: str) -> None:
    assert find_in_sentence(sentence) == []


def test_a_unit_still_decides_a_count() -> None:
    (classes,) = find_in_sentence("义务教育学校班额不超过45人。")
    assert (classes.comparator, classes.threshold, classes.unit.value) == (
        Comparator.AT_MOST,
        45,
        "count",
    )
    assert not classes.bare


def test_a_band_beside_another_target() -> None:
    band, rate = find_in_sentence("每班幼儿数稳定在25~30人，毛入园率达到87%以上。")
    assert (band.comparator, band.high, rate.comparator, rate.threshold) == (
        Comparator.BETWEEN,
        30,
        Comparator.AT_LEAST,
        87,
    )


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("全市小学班额控制在40至45人之间。", ("city", "全市")),
        ("各县（市、区）学前三年毛入园率保持在85%—95%。", ("county", "各县（市、区）")),
        ("全市毛入园率达到90%，各县市区毛入园率稳定在85%～95%。", ("county", "各县市区")),
        ("每班幼儿数稳定在25~30人。", None),
    ],
)
def test_a_bands_scope_is_the_nearest_scope_word_before_it(
    sentence: str, scope: tuple[str, str] | None
) -> None:
    band = [f for f in find_in_sentence(sentence) if f.comparator is Comparator.BETWEEN]
    assert len(band) == 1
    found = band[0].scope
    assert (None if found is None else (found.level.value, found.words)) == scope


def test_one_figure_for_a_list_of_rates_sets_each() -> None:
    found = find_in_sentence("城镇小区配套幼儿园移交率、普惠率均达到100%。")
    assert [(f.wording, f.threshold) for f in found] == [
        ("城镇小区配套幼儿园移交率", 100),
        ("普惠率", 100),
    ]
    junior, senior = find_in_sentence("小学、初中巩固率均达到95%。")
    assert (junior.wording, senior.wording) == ("小学巩固率", "初中巩固率")
    # 均 after places, not rates: one target for each county, not two.
    (each,) = find_in_sentence("各县市区毛入园率均达到85%。")
    assert each.wording == "毛入园率"


@pytest.mark.parametrize(
    ("sentence", "wording"),
    [
        ("确保校外培训机构违规收费问题动态清零。", "校外培训机构违规收费"),
        ("超大班额全部消除。", "超大班额"),
        ("基本消除城镇大班额。", "城镇大班额"),
    ],
)
def test_what_is_brought_to_nought_before_or_after_the_verb(sentence: str, wording: str) -> None:
    (finding,) = find_in_sentence(sentence)
    assert (finding.wording, finding.comparator, finding.threshold) == (
        wording,
        Comparator.AT_MOST,
        0,
    )


@pytest.mark.parametrize(
    ("sentence", "wordings"),
    [
        # Words beside a figure of 100% that name something else set a target of their own.
        (
            "城区义务教育学校学位满足率达到100%，农村留守儿童关爱服务实现全覆盖。",
            ["城区义务教育学校学位满足率", "农村留守儿童关爱服务覆盖率"],
        ),
        # Words that say no one is left out restate it.
        ("乡村教师生活补助发放率达到100%，做到应发尽发。", ["乡村教师生活补助发放率"]),
        ("课后服务覆盖率达到100%，有需求的学生做到应托尽托。", ["课后服务覆盖率"]),
        # As do words that name the same thing.
        ("家庭经济困难学生资助覆盖率达到100%，资助实现全覆盖。", ["家庭经济困难学生资助覆盖率"]),
    ],
)
def test_words_beside_a_full_figure(sentence: str, wordings: list[str]) -> None:
    assert [f.wording for f in find_in_sentence(sentence)] == wordings
