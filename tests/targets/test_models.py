"""The targets file: the shipped 2017 plan, and broken files reported by line and field."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.domain.problems import TargetsError
from planctl.domain.terms import Comparator, Level, Rollup, Strength, Unit
from planctl.files.text import TextFile
from planctl.i18n.codes import Msg
from planctl.targets import cached as cached_module
from planctl.targets import load as load_module
from planctl.targets.load import load_targets
from planctl.targets.models import TargetSet, default_targets_path
from tests.conftest import PLAN_TEXT, ROOT, TARGETS_2017, assert_same_models

ORIGINAL = TARGETS_2017.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    assert old in ORIGINAL, old
    text = ORIGINAL.replace(old, new, 1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def problems_of(path: Path) -> list[str]:
    with pytest.raises(TargetsError) as caught:
        load_targets(path)
    return [str(problem) for problem in caught.value.problems]


class TestThe2017Plan:
    @pytest.mark.parametrize(
        ("target_id", "name_zh", "comparator", "threshold", "level", "strength"),
        [
            ("preschool_gross_enrolment_rate", "学前三年毛入园率", ">=", 87, "city", "binding"),
            (
                "inclusive_kindergarten_coverage",
                "公办园和普惠性民办园覆盖率",
                ">=",
                85,
                "city",
                "binding",
            ),
            (
                "special_education_enrolment_rate",
                "视力、听力、智力残疾儿童少年义务教育入学率",
                ">=",
                90,
                "city",
                "binding",
            ),
            (
                "model_kindergartens",
                "达到省级和市级示范幼儿园标准的幼儿园",
                ">=",
                33,
                "city",
                "aspirational",
            ),
            ("unlicensed_kindergartens", "无证办园", "<=", 0, "county", "aspirational"),
        ],
    )
    def test_fixed_ids_and_thresholds(
        self,
        targets: TargetSet,
        target_id: str,
        name_zh: str,
        comparator: str,
        threshold: float,
        level: str,
        strength: str,
    ) -> None:
        target = targets.find_target(target_id)
        assert target is not None and target.id == target_id
        assert target.name_zh == name_zh
        assert target.comparator is Comparator(comparator)
        assert target.threshold == threshold
        assert target.level is Level(level)
        assert target.strength is Strength(strength)

    def test_every_sentence_is_quoted_exactly_from_the_plan(self, targets: TargetSet) -> None:
        plan = PLAN_TEXT.read_text(encoding="utf-8")
        for target in targets.targets:
            assert target.provenance.sentence in plan, target.id
            clause = f"\n{target.provenance.clause}."
            clause_start = (
                plan.index(clause)
                if clause in plan
                else plan.index(f"\n{target.provenance.clause}、")
            )
            clause_end = plan.find("\n", clause_start + 1)
            assert target.provenance.sentence in plan[clause_start:clause_end], target.id

    def test_each_level_follows_the_plans_words(self, targets: TargetSet) -> None:
        # 全市 (the whole city) puts a target on the city total, 各县市区 (each county) on
        # every county. Two sentences name neither: the coverage share and its township part
        # measure the sentence before them, 扩大全市公办园和普惠性民办园的覆盖面.
        plan = PLAN_TEXT.read_text(encoding="utf-8")
        assert "扩大全市公办园和普惠性民办园的覆盖面。2017年公办园和普惠性民办园覆盖率" in plan
        by_coverage = {"inclusive_kindergarten_coverage", "township_inclusive_service_coverage"}
        for target in targets.targets:
            sentence = target.provenance.sentence
            if "全市" in sentence or target.id in by_coverage:
                assert target.level is Level.CITY, target.id
            if "各县市区" in sentence:
                assert target.level is Level.COUNTY, target.id

    def test_the_plans_other_targets_are_encoded(self, targets: TargetSet) -> None:
        ids = {target.id for target in targets.targets}
        assert {
            "vocational_quality_projects",
            "city_area_new_primary_schools",
            "city_area_new_kindergartens",
            "provincial_it_pilot_schools",
            "school_broadband_coverage",
        } <= ids

    def test_rates_roll_up_as_ratios_and_counts_as_sums(self, targets: TargetSet) -> None:
        for target in targets.targets:
            if target.unit is Unit.PERCENT:
                assert target.rollup is Rollup.RATIO and target.numerator and target.denominator
            else:
                assert target.rollup is Rollup.SUM

    def test_valid_ranges(self, targets: TargetSet) -> None:
        gross = targets.find_target("preschool_gross_enrolment_rate")
        coverage = targets.find_target("inclusive_kindergarten_coverage")
        count = targets.find_target("model_kindergartens")
        assert gross and coverage and count
        assert gross.valid_range.contains(104) and not coverage.valid_range.contains(104)
        assert not count.valid_range.contains(-1)

    def test_six_counties_with_short_forms(self, targets: TargetSet) -> None:
        assert [c.name for c in targets.spec.counties] == [
            "咸安区",
            "嘉鱼县",
            "通城县",
            "崇阳县",
            "通山县",
            "赤壁市",
        ]
        chibi = targets.find_county("赤壁")
        assert chibi is not None and chibi.name == "赤壁市"

    def test_plan_metadata(self, targets: TargetSet) -> None:
        assert targets.plan.title == "咸宁市教育局2017年工作要点"
        assert targets.plan.issuing_body == "咸宁市教育局"
        assert targets.plan.issued.isoformat() == "2017-05-02"
        assert "11337776/2017-1013698" in targets.plan.reference

    @pytest.mark.parametrize("written", ['"2017-05-02"', "2017-05-02", "'2017-05-02'"])
    def test_the_issue_date_may_be_quoted_or_a_yaml_date(
        self, tmp_path: Path, written: str
    ) -> None:
        path, _ = broken(tmp_path, 'issued: "2017-05-02"', f"issued: {written}")
        assert load_targets(path).plan.issued.isoformat() == "2017-05-02"

    def test_names_fold_case_width_and_spaces(self, targets: TargetSet) -> None:
        for name in (
            "毛入园率",
            "PRESCHOOL_GROSS_ENROLMENT_RATE",
            " 学前三年毛入园率 ",
            "ｍｏｄｅｌ kindergartens",
        ):
            assert targets.find_target(name) is not None, name

    def test_near_miss_is_suggested(self, targets: TargetSet) -> None:
        suggestions = targets.suggest_targets("preschool_gross_enrollment_rate")
        assert suggestions[0] == "preschool_gross_enrolment_rate"


def test_default_targets_are_the_2017_file() -> None:
    assert default_targets_path().read_bytes() == TARGETS_2017.read_bytes()


class TestBrokenFiles:
    def test_bad_threshold_names_line_and_field(self, tmp_path: Path) -> None:
        path, text = broken(tmp_path, "threshold: 87", "threshold: eighty-seven")
        (problem,) = problems_of(path)
        line = line_of(text, "threshold: eighty-seven")
        assert problem.startswith(f"{path}:{line}: threshold: Input should be a valid number")
        assert "'eighty-seven'" in problem

    def test_every_problem_is_reported(self, tmp_path: Path) -> None:
        path, text = broken(tmp_path, "threshold: 87", "threshold: high")
        text = text.replace(
            'comparator: ">="\n    threshold: 85', 'comparator: "=>"\n    threshold: 85'
        )
        path.write_text(text, encoding="utf-8")
        problems = problems_of(path)
        assert len(problems) == 2
        assert f":{line_of(text, 'threshold: high')}: threshold:" in problems[0]
        comparator_line = line_of(text, 'comparator: "=>"')
        assert f":{comparator_line}: comparator:" in problems[1]

    def test_missing_field_points_at_its_target(self, tmp_path: Path) -> None:
        path, text = broken(tmp_path, "    strength: binding\n", "")
        (problem,) = problems_of(path)
        assert (
            f"{path}:{line_of(text, '- id: preschool_gross_enrolment_rate')}: strength: " in problem
        )
        assert "Field required" in problem

    def test_a_part_that_is_not_a_mapping_is_named_by_its_model(self, tmp_path: Path) -> None:
        """The models are dataclasses; pydantic words their errors as it did a BaseModel's."""
        path, text = broken(tmp_path, "valid_range: {min: 0, max: 200}", "valid_range: 5")
        (problem,) = problems_of(path)
        line = line_of(text, "valid_range: 5")
        expected = "valid_range: Input should be a valid dictionary or instance of ValidRange"
        assert problem == f"{path}:{line}: {expected} (got 5)"

    @pytest.mark.parametrize(
        ("lang", "message"),
        [("en", "schema_version: Input should be 1 (got 2)"), ("zh", "schema_version: 应为 1")],
    )
    def test_another_schema_version_is_told_on_its_line(
        self, runner: CliRunner, tmp_path: Path, lang: str, message: str
    ) -> None:
        """A choice that is a number (Literal[1]) was read as a list of quoted words, none,
        and the message was an internal error."""
        path, text = broken(tmp_path, "schema_version: 1", "schema_version: 2")
        result = runner.invoke(app, ["targets", "validate", "--lang", lang, str(path)])
        assert result.exit_code == 2
        assert f"{path}:{line_of(text, 'schema_version: 2')}: {message}" in result.stderr

    def test_misspelt_field_gets_a_suggestion(self, tmp_path: Path) -> None:
        path, text = broken(tmp_path, "threshold: 87", "threshhold: 87")
        problems = problems_of(path)
        line = line_of(text, "threshhold")
        assert f"{path}:{line}: threshhold: unknown field; did you mean 'threshold'?" in problems

    def test_yaml_syntax_error_has_its_line(self, tmp_path: Path) -> None:
        path, _ = broken(tmp_path, "threshold: 87", "threshold: [87")
        (problem,) = problems_of(path)
        assert problem.startswith(f"{path}:")
        assert "not valid YAML" in problem

    def test_python_tags_are_refused(self, tmp_path: Path) -> None:
        path, text = broken(
            tmp_path, "threshold: 87", "threshold: !!python/object/apply:os.system ['true']"
        )
        (problem,) = problems_of(path)
        assert f"{path}:{line_of(text, '!!python')}:" in problem
        assert "tag" in problem

    def test_duplicate_key_is_refused(self, tmp_path: Path) -> None:
        path, text = broken(tmp_path, "threshold: 87\n", "threshold: 87\n    threshold: 88\n")
        (problem,) = problems_of(path)
        assert f":{line_of(text, 'threshold: 88')}:" in problem and "twice" in problem

    def test_aliases_are_refused(self, tmp_path: Path) -> None:
        path, _ = broken(
            tmp_path, "valid_range: {min: 0, max: 200}", "valid_range: &r {min: 0, max: 200}"
        )
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "valid_range: {min: 0, max: 100}", "valid_range: *r", 1
            ),
            encoding="utf-8",
        )
        (problem,) = problems_of(path)
        assert "aliases" in problem

    def test_an_anchor_used_many_times_is_refused_once(self, tmp_path: Path) -> None:
        """Each use of an alias reached the anchored node again, and each visit added the
        same line to stderr: nine uses, nine identical lines, all naming the anchor."""
        path, _ = broken(
            tmp_path, "valid_range: {min: 0, max: 200}", "valid_range: &r {min: 0, max: 200}"
        )
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "valid_range: {min: 0, max: 100}", "valid_range: *r"
            ),
            encoding="utf-8",
        )
        assert path.read_text(encoding="utf-8").count("*r") > 2
        problems = problems_of(path)
        assert len(problems) == len(set(problems)) == 1
        assert "aliases" in problems[0]

    def test_duplicate_id(self, tmp_path: Path) -> None:
        path, text = broken(
            tmp_path,
            "- id: inclusive_kindergarten_coverage",
            "- id: preschool_gross_enrolment_rate",
        )
        (problem,) = problems_of(path)
        first = line_of(text, "- id: preschool_gross_enrolment_rate")
        second = text[: text.rindex("- id: preschool_gross_enrolment_rate")].count("\n") + 1
        assert problem == (
            f"{path}:{second}: id: target id 'preschool_gross_enrolment_rate' is used twice "
            f"(first at line {first})"
        )

    def test_alias_shared_by_two_targets(self, tmp_path: Path) -> None:
        path, _ = broken(
            tmp_path, "aliases: [普惠性幼儿园覆盖率", "aliases: [毛入园率, 普惠性幼儿园覆盖率"
        )
        (problem,) = problems_of(path)
        assert (
            "names both preschool_gross_enrolment_rate and inclusive_kindergarten_coverage"
            in problem
        )

    @pytest.mark.parametrize(
        ("lang", "message"),
        [
            (
                "en",
                "quotas: '通成县' is not the name of a unit listed under counties or units "
                "(aliases do not count here)",
            ),
            ("zh", "quotas: “通成县” 不是 counties 或 units 下所列单位的名称（此处不认别名）"),
        ],
    )
    def test_quota_for_unknown_county(
        self, runner: CliRunner, tmp_path: Path, lang: str, message: str
    ) -> None:
        """The names a quota may use are those under both keys (市直学校 is under units:),
        and the message said counties only."""
        path, text = broken(
            tmp_path,
            "quotas: {市直学校: 1, 咸安区: 1, 通城县: 1}",
            "quotas: {市直学校: 1, 咸安区: 1, 通成县: 1}",
        )
        result = runner.invoke(app, ["targets", "validate", "--lang", lang, str(path)])
        assert result.exit_code == 2
        assert result.stderr.count(f"{path}:") == 1
        assert f"{path}:{line_of(text, '通成县')}: {message}\n" in result.stderr

    def test_ratio_without_denominator(self, tmp_path: Path) -> None:
        path, _ = broken(
            tmp_path,
            "    denominator: {key: population_3_to_5, name_zh: 3至5周岁适龄人口, "
            "name_en: Population aged 3 to 5}\n",
            "",
        )
        (problem,) = problems_of(path)
        assert "needs both numerator and denominator" in problem

    def test_not_a_mapping(self, tmp_path: Path) -> None:
        path = tmp_path / "list.yaml"
        path.write_text("- a\n- b\n", encoding="utf-8")
        (problem,) = problems_of(path)
        assert (
            problem
            == f"{path}:1: the file must be a mapping with keys plan, city, counties, targets"
        )

    @pytest.mark.parametrize(
        ("content", "message"),
        [(b"", "the file is empty"), (b"\x00\x01\x02binary", "not a text file")],
    )
    def test_unusable_files(self, tmp_path: Path, content: bytes, message: str) -> None:
        path = tmp_path / "t.yaml"
        path.write_bytes(content)
        (problem,) = problems_of(path)
        assert message in problem
        # Advice about saving a spreadsheet is for submissions, not for a targets file.
        assert "save the sheet" not in problem

    def test_a_workbook_given_as_targets(self, tmp_path: Path) -> None:
        path = tmp_path / "t.yaml"
        path.write_bytes(b"PK\x03\x04rest")
        (problem,) = problems_of(path)
        assert problem == f"{path}: this is a zip archive (an .xlsx workbook?), not a text file"

    def test_missing_file(self, tmp_path: Path) -> None:
        (problem,) = problems_of(tmp_path / "nope.yaml")
        assert problem == f"{tmp_path / 'nope.yaml'}: no such file"

    def test_gbk_encoded_targets_file_loads(self, tmp_path: Path) -> None:
        path = tmp_path / "gbk.yaml"
        path.write_bytes(ORIGINAL.encode("gb18030"))
        assert load_targets(path).plan.title == "咸宁市教育局2017年工作要点"


def test_codes_are_stable_strings() -> None:
    assert Msg.TARGETS_SCHEMA.value == "targets.schema"


class TestTheCache:
    """A file validated once is taken from the cache, equal to what validating it gives."""

    @pytest.fixture
    def copy(self, tmp_path: Path) -> Path:
        path = tmp_path / "targets.yaml"
        path.write_bytes(TARGETS_2017.read_bytes())
        return path

    @staticmethod
    def entry_of(loaded: TargetSet, cache: Path) -> Path:
        key = cached_module.cache_key(loaded.sha256)
        assert key is not None
        return cache / cached_module.CACHE_KIND / f"{key}.json"

    @staticmethod
    def not_validated(monkeypatch: pytest.MonkeyPatch) -> None:
        def fail(source: object) -> None:
            raise AssertionError("validated again instead of taken from the cache")

        monkeypatch.setattr(load_module, "_validate", fail)

    @pytest.mark.parametrize(
        "source", [TARGETS_2017, ROOT / "tests" / "fixtures" / "reports" / "no-counties.yaml"]
    )
    def test_a_cached_file_equals_a_fresh_validation(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path
    ) -> None:
        path = tmp_path / source.name
        path.write_bytes(source.read_bytes())
        fresh = load_targets(path)
        self.not_validated(monkeypatch)
        cached = load_targets(path)
        assert_same_models(cached.spec, fresh.spec)
        assert cached == fresh  # path, digest, look-ups and the line of every key

    def test_an_edited_file_is_validated_afresh(
        self, copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert load_targets(copy).find_target("毛入园率").threshold == 87  # type: ignore[union-attr]
        text = ORIGINAL.replace("threshold: 87", "threshold: 88", 1)
        copy.write_text(text, encoding="utf-8")
        assert load_targets(copy).find_target("毛入园率").threshold == 88  # type: ignore[union-attr]
        copy.write_text(ORIGINAL.replace("threshold: 87", "threshold: eighty-seven"), "utf-8")
        (problem,) = problems_of(copy)
        line = line_of(ORIGINAL, "threshold: 87")
        assert problem.startswith(f"{copy}:{line}: threshold: Input should be a valid number")

    def test_a_file_with_errors_is_never_cached(self, tmp_path: Path, private_cache: Path) -> None:
        path, _ = broken(tmp_path, "threshold: 87", "threshold: high")
        problems = problems_of(path)
        assert problems_of(path) == problems
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        key = cached_module.cache_key(digest)
        assert not (private_cache / cached_module.CACHE_KIND / f"{key}.json").exists()

    @pytest.mark.parametrize(
        "entry",
        [
            b"{truncated",
            b'{"key": "KEY", "value": {"spec": {"schema_version": 1}, "lines": []}}',
            b'{"key": "KEY", "value": {"spec": {"bogus": 1}, "lines": [[["plan"], 3]]}}',
            b'{"key": "KEY", "value": {"lines": "none"}}',
        ],
    )
    def test_a_corrupt_entry_is_ignored_and_replaced(
        self, copy: Path, private_cache: Path, entry: bytes
    ) -> None:
        fresh = load_targets(copy)
        path = self.entry_of(fresh, private_cache)
        path.write_bytes(entry.replace(b"KEY", path.stem.encode()))
        assert load_targets(copy) == fresh
        payload = path.read_bytes().partition(b"\n")[2]
        assert json.loads(payload)["spec"]["schema_version"] == 1

    def test_an_entry_of_another_planctl_is_not_used(
        self, copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        load_targets(copy)
        cached_module._code_digest.cache_clear()
        monkeypatch.setattr(cached_module, "__version__", "0.0.0-other")
        validated: list[object] = []
        validate = load_module._validate

        def counting(source: TextFile) -> object:
            validated.append(source)
            return validate(source)

        monkeypatch.setattr(load_module, "_validate", counting)
        load_targets(copy)
        cached_module._code_digest.cache_clear()
        assert len(validated) == 1

    def test_nothing_is_written_beside_the_targets_file(self, copy: Path) -> None:
        before = sorted(copy.parent.iterdir())
        load_targets(copy)
        load_targets(copy)
        assert sorted(copy.parent.iterdir()) == before

    def test_a_cache_that_cannot_be_used_is_skipped(
        self, copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        blocker = tmp_path / "not-a-directory"
        blocker.write_text("", encoding="utf-8")
        monkeypatch.setenv("PLANCTL_CACHE_DIR", str(blocker / "planctl"))
        first = load_targets(copy)
        assert load_targets(copy) == first


class TestBetween:
    """comparator: between with threshold: {min, max}: both bounds inclusive, validated."""

    BAND = "comparator: between\n    threshold: {min: 85, max: 95}"

    def band(self, tmp_path: Path, threshold: str = "{min: 85, max: 95}") -> tuple[Path, str]:
        return broken(
            tmp_path,
            'comparator: ">="\n    threshold: 87',
            f"comparator: between\n    threshold: {threshold}",
        )

    def test_a_band_loads_as_a_goal_with_two_bounds(self, tmp_path: Path) -> None:
        path, _ = self.band(tmp_path)
        target = load_targets(path).find_target("毛入园率")
        assert target is not None
        assert (target.goal.comparator, target.goal.bounds) == (Comparator.BETWEEN, (85, 95))

    def test_a_band_from_the_cache_is_the_band_validated(self, tmp_path: Path) -> None:
        path, _ = self.band(tmp_path)
        first, again = load_targets(path), load_targets(path)
        assert_same_models(again.spec, first.spec)

    @pytest.mark.parametrize(
        ("threshold", "message"),
        [
            ("{min: 95, max: 85}", "min 95 must be below max 85"),
            ("{min: 90, max: 90}", "min 90 must be below max 90"),
            (
                "{min: -5, max: 95}",
                "the bounds -5 to 95 must lie inside the valid range (0 to 200)",
            ),
            ("{min: 85, max: 250}", "the bounds 85 to 250 must lie inside the valid range"),
            ("87", "comparator between takes threshold: {min: A, max: B}"),
            ("{min: 85}", "max: Field required"),
        ],
    )
    def test_a_bad_band_names_its_line(self, tmp_path: Path, threshold: str, message: str) -> None:
        path, text = self.band(tmp_path, threshold)
        (problem,) = problems_of(path)
        assert message in problem
        assert problem.startswith(f"{path}:")
        line = int(problem.split(":")[1])
        # On the band's own line, or the target's where the rule spans fields.
        assert line in (line_of(text, f"threshold: {threshold}"), line_of(text, "- id: pre"))

    def test_bounds_need_comparator_between(self, tmp_path: Path) -> None:
        path, _ = broken(tmp_path, "threshold: 87", "threshold: {min: 85, max: 95}")
        (problem,) = problems_of(path)
        assert "threshold: {min, max} needs comparator: between, not >=" in problem

    def test_a_band_takes_no_quotas(self, tmp_path: Path) -> None:
        text = ORIGINAL
        start = text.index("    quotas:")
        before = text.rfind('comparator: ">="', 0, start)
        threshold_line = text.index("threshold:", before)
        end = text.index("\n", threshold_line)
        text = text[:before] + "comparator: between\n    threshold: {min: 1, max: 5}" + text[end:]
        path = tmp_path / "quotas.yaml"
        path.write_text(text, encoding="utf-8")
        assert any("a between target takes no quotas" in p for p in problems_of(path))


_GROSS = 'comparator: ">="\n    threshold: 87\n'
# Each rule: the target's lines as written, then the message in English and in Chinese.
_LINE_RULES = {
    "county line outside": (
        _GROSS + "    county_targets: {咸安区: {threshold: 250}}\n",
        "the county target of 咸安区, 250, must lie inside the valid range (0 to 200)",
        "咸安区 的县级目标 250 须在有效范围（0 至 200）之内",
    ),
    "band with county lines": (
        "comparator: between\n    threshold: {min: 85, max: 95}\n"
        "    county_targets: {咸安区: {threshold: 90}}\n",
        "a between target takes no county_targets",
        "between 目标不带县级目标（county_targets）",
    ),
    "tolerance of an equality": (
        'comparator: "=="\n    threshold: 87\n    tolerance: 0.5\n',
        "a tolerance needs a comparator with one side: >=, >, <= or <",
        "容差（tolerance）只用于单向比较符：>=、>、<= 或 <",
    ),
}


@pytest.mark.parametrize("case", _LINE_RULES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_county_lines_and_tolerance_are_told_in_the_language_on_their_line(
    runner: CliRunner, tmp_path: Path, case: str, lang: str
) -> None:
    replacement, english, chinese = _LINE_RULES[case]
    path, text = broken(tmp_path, _GROSS, replacement)
    result = runner.invoke(app, ["targets", "validate", "--lang", lang, str(path)])
    assert result.exit_code == 2
    (line,) = [line for line in result.stderr.splitlines() if str(path) in line]
    # A rule across fields is told on the target's first line (its `- id:`).
    assert line.startswith(f"{path}:{line_of(text, '- id: preschool_gross')}: ")
    assert (english if lang == "en" else chinese) in line
    if lang == "zh":
        assert english not in line


_UNIT = "    kind: city_run\n    judged: true\n    in_city_total: true\n"
# Each mistake in the declaration of a unit: the change, the line it is told on, the message.
_UNIT_MISTAKES = {
    "a county of another kind": (
        ("    aliases: [赤壁, Chibi]\n", "    aliases: [赤壁, Chibi]\n    kind: zone\n"),
        "kind: zone",
        "kind: a unit of kind zone is not a county-level unit: list it under units, not counties",
    ),
    "a unit of kind county": (
        ("    kind: city_run\n", "    kind: county\n"),
        "kind: county",
        "kind: a county-level unit belongs under counties; a unit under units has kind city_run",
    ),
    "a unit that counts nowhere": (
        (_UNIT, "    kind: city_run\n    judged: false\n    in_city_total: false\n"),
        "- name: 市直学校",
        "a unit neither judged nor in the city total counts nowhere",
    ),
    "a target it reports that the file lacks": (
        ("reports: [school_broadband_coverage,", "reports: [school_broadband_coverag,"),
        "reports: [school_broadband_coverag,",
        "reports: 'school_broadband_coverag' is not the id of a target in this file; did you "
        "mean 'school_broadband_coverage'?",
    ),
    "a name a county has": (
        ("    aliases: [市直, 市直属学校]\n", "    aliases: [市直, 咸安]\n"),
        "- name: 市直学校",
        "name: '咸安' names two reporting units (first at line",
    ),
}


@pytest.mark.parametrize("case", _UNIT_MISTAKES)
def test_a_mistaken_unit_is_told_on_its_line(tmp_path: Path, case: str) -> None:
    (old, new), needle, message = _UNIT_MISTAKES[case]
    path, text = broken(tmp_path, old, new)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:{line_of(text, needle)}: "), problem
    assert message in problem


def test_a_mistaken_unit_is_told_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    path, _ = broken(tmp_path, "    kind: city_run\n", "    kind: county\n")
    result = runner.invoke(app, ["targets", "validate", "--lang", "zh", str(path)])
    assert result.exit_code == 2
    assert (
        "县市区应列在 counties 下；units 下的单位类型（kind）须为 city_run 或 zone" in result.stderr
    )
