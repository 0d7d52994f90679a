"""The command line as users run it: exit codes, stdout kept apart from stderr, messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl import __version__
from planctl.cli.app import app
from planctl.targets.models import default_targets_path
from tests.conftest import DATA, FIXTURES, TARGETS_2017, check_golden

BAD = FIXTURES / "submissions" / "bad"
HEADER = "county,indicator,value,numerator,denominator,note\n"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(p.stem for p in BAD.glob("*.csv")))
def test_bad_submission_fixture(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str, language: str
) -> None:
    """Each file in fixtures/submissions/bad exits 2 with exactly the messages beside it:
    `name.stderr` in English, `name.zh.stderr` in Chinese."""
    monkeypatch.chdir(BAD)
    code, stdout, stderr = run(runner, "check", "--lang", language, f"{name}.csv")
    assert (code, stdout) == (2, "")
    suffix = ".stderr" if language == "en" else f".{language}.stderr"
    check_golden(stderr, BAD / f"{name}{suffix}")


def test_passing_county_exits_0(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "check", str(DATA / "xianan.csv"))
    assert (code, stderr) == (0, "")
    assert "PASS: every binding target is met" in stdout


def test_failing_county_exits_1(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "check", str(DATA / "tongcheng.csv"))
    assert (code, stderr) == (1, "")
    assert "NOT MET" in stdout and "FAIL: 2 failing result(s)" in stdout


def test_missing_indicator_fails(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "partial.csv"
    path.write_text(HEADER + "咸安区,毛入园率,88.51,21950,24800,\n", encoding="utf-8")
    code, stdout, _ = run(runner, "check", str(path))
    assert code == 1 and "MISSING" in stdout


def test_warnings_pass_unless_strict(runner: CliRunner) -> None:
    chibi = str(DATA / "chibi.csv")
    code, stdout, _ = run(runner, "check", chibi)
    assert code == 0 and "PASS with 1 warning(s)" in stdout
    code, stdout, _ = run(runner, "check", "--strict", chibi)
    assert code == 1 and "FAIL (--strict): 1 aspirational target(s) not met" in stdout


def test_gbk_county_file(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "check", str(DATA / "chongyang.csv"))
    assert (code, stderr) == (1, "")
    assert "崇阳县 Chongyang County" in stdout and "83.71%" in stdout


def test_provenance_travels_with_each_target(runner: CliRunner) -> None:
    _, stdout, _ = run(runner, "check", str(DATA / "xianan.csv"))
    assert "clause 11, 学前三年毛入园率 (preschool_gross_enrolment_rate), due 2017:" in stdout
    assert "全市2017年学前三年毛入园率达到87%以上。" in stdout


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "absent.csv", "absent.csv: no such file"),
        (lambda d: d, ": no submission files (.csv, .tsv, .xlsx, .xlsm, .xls) in this directory"),
        (lambda d: _write(d / "binary.csv", b"\x00\x01\x02\x03"), "binary.csv: not a text file"),
        (
            lambda d: _write(d / "book.xlsx", b"PK\x03\x04...."),
            "book.xlsx: cannot read the workbook (not a valid zip archive",
        ),
    ],
)
def test_unusable_inputs_exit_2(runner: CliRunner, tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    code, stdout, stderr = run(runner, "check", str(make(tmp_path)))
    assert (code, stdout) == (2, "")
    assert message in stderr and stderr.count("\n") == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path / "locked.csv", HEADER.encode())
    path.chmod(0)
    code, _, stderr = run(runner, "check", str(path))
    assert code == 2 and "locked.csv: cannot read the file: Permission denied" in stderr


def test_unreadable_file_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root can read a chmod-0 file, so the permission error is simulated here."""
    from planctl.domain.problems import SubmissionError
    from planctl.files import text as textfile
    from planctl.files.limits import CSV_SUBMISSION

    def deny(path: object, flags: int) -> int:
        raise PermissionError(13, "Permission denied")

    (tmp_path / "x.csv").write_text(HEADER, encoding="utf-8")
    monkeypatch.setattr(textfile.os, "open", deny)
    with pytest.raises(SubmissionError) as caught:
        textfile.read_text(tmp_path / "x.csv", SubmissionError, CSV_SUBMISSION)
    assert str(caught.value) == f"{tmp_path / 'x.csv'}: cannot read the file: Permission denied"


def test_problems_in_several_files_are_all_reported(runner: CliRunner) -> None:
    code, _, stderr = run(
        runner, "check", str(BAD / "not-a-number.csv"), str(BAD / "out-of-range.csv")
    )
    assert code == 2 and stderr.count("\n") == 3


def test_bad_targets_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "t.yaml"
    broken.write_text(
        TARGETS_2017.read_text(encoding="utf-8").replace("threshold: 87", "threshold: x"),
        encoding="utf-8",
    )
    code, stdout, stderr = run(runner, "check", "--targets", str(broken), str(DATA / "xianan.csv"))
    assert (code, stdout) == (2, "")
    assert (
        stderr.startswith(f"{broken}:") and ": threshold: Input should be a valid number" in stderr
    )


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert run(runner, "check")[0] == 2
    assert run(runner, "check", "--format", "pdf", str(DATA / "xianan.csv"))[0] == 2
    assert run(runner, "frobnicate")[0] == 2


def test_version(runner: CliRunner) -> None:
    assert run(runner, "--version") == (0, f"planctl {__version__}\n", "")


def test_no_colour_in_a_pipe_and_with_no_color() -> None:
    env = {**os.environ, "FORCE_COLOR": ""}
    for extra in ({}, {"NO_COLOR": "1"}):
        result = subprocess.run(
            [sys.executable, "-m", "planctl", "check", str(DATA / "xianan.csv")],
            capture_output=True,
            env={**env, **extra},
            check=False,
        )
        assert result.returncode == 0
        assert b"\x1b[" not in result.stdout


def test_force_color_colours() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "planctl", "check", str(DATA / "tongcheng.csv")],
        capture_output=True,
        env={**os.environ, "FORCE_COLOR": "1", "NO_COLOR": ""},
        check=False,
    )
    assert result.returncode == 1 and b"\x1b[" in result.stdout


def test_python_dash_m_and_default_targets_from_another_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "planctl", "check", str(DATA / "tongcheng.csv")],
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "通城县 Tongcheng County".encode() in result.stdout


def test_internal_errors_are_one_line_unless_debug(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planctl.check

    def explode(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(planctl.check, "evaluate", explode)
    code, _, stderr = run(runner, "check", str(DATA / "xianan.csv"))
    assert code == 2 and "internal error: RuntimeError('boom')" in stderr
    result = runner.invoke(app, ["check", "--debug", str(DATA / "xianan.csv")])
    assert isinstance(result.exception, RuntimeError)


def test_control_characters_in_input_are_escaped(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path / "esc.csv", (HEADER + "\x1b[31m咸安区,毛入园率,1%,,,\n").encode())
    code, _, stderr = run(runner, "check", str(path))
    assert code == 2 and "\x1b" not in stderr and "\\x1b[31m" in stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


WORKBOOKS = FIXTURES / "workbooks"


@pytest.mark.parametrize("name", ["wide.xlsx", "wide.xls", "long.xlsx", "wide.csv"])
def test_workbooks_and_a_wide_csv_print_the_canonical_table(runner: CliRunner, name: str) -> None:
    """Chinese headers, a title row, % formats, formulas: the same table as the canonical CSV."""
    canonical = run(runner, "check", str(WORKBOOKS / "canonical.csv"))
    assert canonical[0] == 1 and "通城县 Tongcheng County" in canonical[1]
    code, stdout, stderr = run(runner, "check", str(WORKBOOKS / name))
    # All but the last line, which names the run: other files, so another run.
    *table, run_line = stdout.splitlines()
    assert (code, table, stderr) == (canonical[0], canonical[1].splitlines()[:-1], canonical[2])
    assert run_line.startswith("planctl ") and run_line != canonical[1].splitlines()[-1]


def test_a_broken_workbook_exits_2_naming_each_cell(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "check", str(WORKBOOKS / "broken.xlsx"))
    assert (code, stdout) == (2, "")
    where = f"{WORKBOOKS / 'broken.xlsx'}:Sheet!"
    assert stderr.splitlines() == [
        f"{where}C4: value: '八十八' is not a number",
        f"{where}A5: county: unknown county '咸安县'; did you mean '咸安区'?",
        f"{where}C6: value: '0%' has a % sign, but unlicensed_kindergartens is a count",
    ]


def test_a_corrupt_workbook_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    data = (WORKBOOKS / "wide.xlsx").read_bytes()
    path = _write(tmp_path / "corrupt.xlsx", data[: len(data) // 3])
    code, stdout, stderr = run(runner, "check", str(path))
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"{path}: cannot read the workbook (not a valid zip archive")


def test_verbose_says_how_each_file_was_read(runner: CliRunner) -> None:
    code, _, stderr = run(runner, "check", "-v", str(WORKBOOKS / "wide.xlsx"))
    path = WORKBOOKS / "wide.xlsx"
    assert code == 1
    assert stderr.splitlines() == [
        f"{default_targets_path()}: note: the targets file the check judges by",
        f"{path}: note: xlsx workbook with sheets '学前教育' or '填表说明'",
        f"{path}:学前教育!A2: note: wide layout (one row per county, one column per indicator), "
        "header here with 13 indicator column(s); 1 row(s) above it skipped (a title?)",
        f"{path}:填表说明: note: sheet skipped: none of its first 10 rows names the columns of "
        "a submission",
    ]
    assert run(runner, "check", str(path))[2] == ""


def test_verbose_notes_come_before_the_problems(runner: CliRunner) -> None:
    _, _, stderr = run(runner, "check", "--verbose", str(BAD / "not-a-number.csv"))
    assert stderr.splitlines() == [
        f"{BAD / 'not-a-number.csv'}: note: read as utf-8 text, cells separated by ','",
        f"{BAD / 'not-a-number.csv'}:1: note: long layout (one row per indicator), header here",
        f"{BAD / 'not-a-number.csv'}:2: value: '8x.4' is not a number",
    ]


def test_sheet_option(runner: CliRunner) -> None:
    path = str(WORKBOOKS / "wide.xlsx")
    assert run(runner, "check", "--sheet", "学前教育", path)[0] == 1
    code, stdout, stderr = run(runner, "check", "--sheet", "Sheet1", path)
    assert (code, stdout) == (2, "")
    assert stderr == f"{path}: no sheet named 'Sheet1'; expected one of '学前教育' or '填表说明'\n"
