"""The city view from the command line: exit codes and messages of each city-level rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from tests.conftest import DATA, FIXTURES

HEADER = "county,indicator,value,numerator,denominator,note\n"


@pytest.fixture
def runner() -> CliRunner:
    """Wide enough that no line of the report wraps."""
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "300", "FORCE_COLOR": None})


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A copy of the sample submissions, to change one at a time."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def test_all_samples(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "check", DATA)
    assert (code, stderr) == (1, "")
    assert "city view: 6 counties and 1 other unit(s) submitted, figures for 2017" in stdout
    assert "86.94% (106,070 / 122,000) against ≥ 87%, gap -0.06 pts: NOT MET" in stdout
    assert "pace since 2015: +1.47 pts a year achieved; +1.5 pts a year needed" in stdout


def test_a_county_that_did_not_submit_fails_the_city(runner: CliRunner, samples: Path) -> None:
    (samples / "tongshan.csv").unlink()
    code, stdout, _ = run(runner, "check", samples)
    assert code == 1
    assert "通山县 Tongshan County: NOT SUBMITTED" in stdout
    assert "the city total lacks the figures of 通山县" in stdout


def test_one_county_alone_is_not_failed_by_the_others_absence(runner: CliRunner) -> None:
    assert run(runner, "check", DATA / "xianan.csv")[0] == 0
    code, stdout, _ = run(runner, "check", "--city", DATA / "xianan.csv")
    assert code == 1 and "嘉鱼县: submitted no figures" in stdout


def test_a_county_twice_with_different_rows_exits_2(runner: CliRunner, samples: Path) -> None:
    copy = samples / "xianan-again.csv"
    copy.write_text(
        (samples / "xianan.csv").read_text(encoding="utf-8").replace("88.51,21950", "88.5,21950"),
        encoding="utf-8",
    )
    code, stdout, stderr = run(runner, "check", samples)
    assert (code, stdout) == (2, "")
    # xianan-again.csv sorts first, so the conflict is found in xianan.csv.
    assert stderr == (
        f"{samples / 'xianan.csv'}:3: county: 咸安区 (2017) is also in {copy}:3, with different "
        "figures: preschool_gross_enrolment_rate is 88.51 (21,950/24,800) here and 88.5 "
        "(21,950/24,800) there\n"
    )


def test_a_county_twice_with_identical_rows_is_counted_once(
    runner: CliRunner, samples: Path
) -> None:
    shutil.copy(samples / "xianan.csv", samples / "xianan-again.csv")
    code, _, stderr = run(runner, "check", samples)
    assert code == 1
    assert stderr == (
        f"{samples / 'xianan.csv'}:3: warning: 咸安区 (2017) repeats the figures of "
        f"{samples / 'xianan-again.csv'}; counted once\n"
    )


def test_a_quota_unmet_fails_the_county(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "xianan.csv"
    path.write_text(
        (DATA / "xianan.csv")
        .read_text(encoding="utf-8")
        .replace("city_area_new_kindergartens,2", "city_area_new_kindergartens,1"),
        encoding="utf-8",
    )
    code, stdout, _ = run(runner, "check", path)
    assert code == 1
    assert "≥ 2 (quota)" in stdout and "FAIL: 1 failing result(s)" in stdout


def test_an_incomplete_city_total_fails(runner: CliRunner, samples: Path) -> None:
    path = samples / "jiayu.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(
        "\n".join(line for line in text.splitlines() if "示范幼儿园标准" not in line) + "\n",
        encoding="utf-8",
    )
    code, stdout, _ = run(runner, "check", samples)
    assert code == 1
    assert "the city total lacks the figures of 嘉鱼县 (without them: 28)" in stdout


def test_a_rate_without_parts_cannot_be_pooled(runner: CliRunner, samples: Path) -> None:
    path = samples / "tongshan.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("92.25,262,284,", "92.25,,,"), encoding="utf-8"
    )
    code, stdout, _ = run(runner, "check", samples)
    assert code == 1
    assert (
        "the city rate cannot be pooled: 通山县 gave the rate without numerator and denominator"
        in stdout
    )


def test_a_mismatched_year_exits_2_and_year_overrides(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text(
        HEADER.replace("note", "note,year") + "咸安区,无证办园,0,,,,2016\n", encoding="utf-8"
    )
    code, stdout, stderr = run(runner, "check", path)
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"{path}:2: year: the figures are for 2016, but the targets are for 2017; "
        "give --year 2016 to judge 2016 against them\n"
    )
    code, stdout, _ = run(runner, "check", "--year", "2016", path)
    assert code == 1 and "figures for 2016" in stdout


def test_pace_of_an_unmet_target(runner: CliRunner) -> None:
    _, stdout, _ = run(runner, "check", DATA / "tongcheng.csv")
    assert "by year: 2016: 79.75%, 2017: 82.01%" in stdout
    assert "pace since 2016: +2.26 pts a year achieved; +7.25 pts a year needed" in stdout


def test_county_option(runner: CliRunner) -> None:
    code, stdout, _ = run(runner, "check", "--county", "咸安", DATA)
    assert code == 0 and "county view" in stdout and "嘉鱼县" not in stdout
    code, _, stderr = run(runner, "check", "--county", "武昌区", DATA)
    assert code == 2 and stderr.startswith("--county: '武昌区' has no figures in the input")


def test_county_option_answers_a_slip_with_the_county_meant(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "check", "--county", "咸按", DATA)
    assert (code, stdout) == (2, "")
    assert stderr == "--county: '咸按' has no figures in the input; did you mean '咸安区'?\n"
    # A county known to the targets but absent from the input is not offered.
    code, _, stderr = run(runner, "check", "--county", "咸按", DATA / "tongcheng.csv")
    assert code == 2 and "did you mean" not in stderr and "expected one of '通城县'" in stderr


def test_parts_that_disagree_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        HEADER + "咸安区,毛入园率,88.51,21950,24800,\n咸安区,普惠园覆盖率,88.22%,19320,21900,\n",
        encoding="utf-8",
    )
    code, _, stderr = run(runner, "check", path)
    assert code == 2 and f"{path}:3: denominator: 咸安区: 在园幼儿数 is 21,900" in stderr


def test_the_city_at_its_line_passes_with_counties_below_it_named(runner: CliRunner) -> None:
    # 全市2017年学前三年毛入园率达到87%以上: the city's rate is judged. At 87.80% it is met;
    # 通城县 and 崇阳县 are below the city's line, which is shown and never fails the check.
    code, stdout, stderr = run(runner, "check", FIXTURES / "city_line")
    assert (code, stderr) == (0, "")
    assert "PASS" in stdout
    assert (
        "学前三年毛入园率 (preschool_gross_enrolment_rate): 82.01% (19,600 / 23,900) against ≥ 87% "
        "(city target), gap -4.99 pts: below the city target" in stdout
    )
    assert "19,600 of 23,900: 1,193 more children enrolled in kindergartens would meet" in stdout
    assert "20,510 of 24,500: 805 more children enrolled in kindergartens would meet" in stdout
    code, stdout, _ = run(runner, "check", FIXTURES / "city_line" / "tongcheng.csv")
    assert code == 0
    assert (
        "通城县: 4 met, 0 not met, 1 warning(s), 0 missing, 6 judged on the city total "
        "(3 below the city target)" in stdout
    )


def test_the_city_short_of_its_line_says_by_how_many_children(runner: CliRunner) -> None:
    code, stdout, _ = run(runner, "check", DATA)
    assert code == 1
    assert (
        "106,070 of 122,000: 70 more children enrolled in kindergartens would meet ≥ 87%" in stdout
    )
    # The 2015 figure is the targets file's baseline, from outside the plan and the counties.
    assert (
        "by year: 2015: 84% (baseline, not from the plan nor the submissions: Xianning's 2015 "
        "city figure" in stdout
    )
    # 崇阳县 (805 short of the line) carries it with fewer children than 通城县 (1,193).
    assert (
        "崇阳县 (805 more) reaching its line would carry the city over: 106,875 of 122,000, 87.6%"
        in stdout
    )


SUPERSEDE = FIXTURES / "supersede"


def test_a_corrected_file_is_an_error_unless_it_is_said_to_supersede(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "check", SUPERSEDE)
    assert (code, stdout) == (2, "")
    assert "通城县 (2017) is also in" in stderr
    old, new = SUPERSEDE / "tongcheng.csv", SUPERSEDE / "tongcheng-corrected.csv"
    code, stdout, stderr = run(runner, "check", SUPERSEDE, "--supersede", f"{old}={new}")
    assert (code, stderr) == (1, "")
    assert f"superseded: {old}, replaced by the corrected {new}, not read" in stdout
    # The corrected broadband figure is the one judged: 206 of 206.
    assert "98.54%" not in stdout


def test_a_supersede_that_names_no_file_read_exits_2(runner: CliRunner) -> None:
    new = SUPERSEDE / "tongcheng-corrected.csv"
    code, stdout, stderr = run(runner, "check", SUPERSEDE, "--supersede", f"elsewhere.csv={new}")
    assert (code, stdout) == (2, "")
    assert "this file is to be superseded, but it is not among the files checked" in stderr
    code, _, stderr = run(runner, "check", SUPERSEDE, "--supersede", "just-one-file.csv")
    assert code == 2
    assert stderr == (
        "just-one-file.csv: --supersede: write --supersede OLD=NEW, the file replaced and the "
        "corrected file\n"
    )
