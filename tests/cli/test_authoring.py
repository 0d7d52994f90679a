"""The commands that write targets files and templates, as users run them: exit codes, stdout
kept apart from stderr, and a clear message naming the file for every kind of bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.schemas import SchemaName, committed_path
from tests.conftest import PLAN_TEXT, TARGETS_2017


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, result.stdout, result.stderr


def run_bytes(runner: CliRunner, *args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


# Each kind of unusable input file, and the message that must name it.
BadInput = Callable[[Path], Path]


def _file(name: str, data: bytes) -> BadInput:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


BAD_INPUTS: dict[str, tuple[BadInput, str]] = {
    "missing": (lambda folder: folder / "absent.yaml", "absent.yaml: no such file"),
    "directory": (lambda folder: folder, ": is a directory"),
    "empty": (_file("empty.yaml", b"  \n"), "empty.yaml: the file is empty"),
    "encoding": (
        _file("latin.yaml", b"title: caf\x80\n"),
        "latin.yaml:1: the text is neither UTF-8 nor GB18030/GBK: byte 0x80 at column 11",
    ),
    "binary": (_file("t.xlsx", b"PK\x03\x04...."), "t.xlsx: this is a zip archive"),
    "broken YAML": (_file("broken.yaml", b"plan: [unclosed\n"), "broken.yaml:2: not valid YAML"),
}
BROKEN_ONLY_FOR_YAML = {"broken YAML"}


def commands_reading(path: Path, kind: str) -> list[list[str]]:
    """Every command line that reads `path` as an input file."""
    lines = [
        ["targets", "--targets", str(path)],
        ["targets", "validate", str(path)],
        ["template", "--targets", str(path)],
        ["extract", str(PLAN_TEXT), "--targets", str(path)],
        ["check", "--targets", str(path), str(PLAN_TEXT)],
    ]
    if kind not in BROKEN_ONLY_FOR_YAML:  # a plan's text is not YAML
        lines += [
            ["targets", "validate", str(TARGETS_2017), "--plan", str(path)],
            ["extract", str(path)],
        ]
    return lines


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_every_command_refuses_bad_input_with_exit_2(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    make, message = BAD_INPUTS[kind]
    path = make(tmp_path)
    for line in commands_reading(path, kind):
        code, stdout, stderr = run(runner, *line)
        assert code == 2, line
        assert message in stderr, (line, stderr)
        assert stderr.startswith(str(path)), (line, stderr)
        if line[:2] != ["targets", "validate"]:
            assert stdout == "", line


# --- planctl targets validate -------------------------------------------------------------

UNCHECKED = "; sentences not checked (give the plan's text with --plan)"


def test_validate_the_2017_file(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "targets", "validate", str(TARGETS_2017))
    assert (code, stderr) == (0, "")
    assert stdout == (
        f"{TARGETS_2017}: 13 target(s), 0 warning(s); sentences checked against "
        f"{TARGETS_2017.parent / PLAN_TEXT.name}\n"
    )


def _with_warning(tmp_path: Path) -> Path:
    path = tmp_path / "warned.yaml"
    text = TARGETS_2017.read_text(encoding="utf-8").replace("    gross: true\n", "")
    path.write_text(text.replace("source_text: ", "# source_text: "), encoding="utf-8")
    return path


def test_warnings_exit_0_or_1_with_strict(runner: CliRunner, tmp_path: Path) -> None:
    path = _with_warning(tmp_path)
    code, stdout, stderr = run(runner, "targets", "validate", str(path))
    assert code == 0 and stderr.startswith(f"{path}:") and ": warning: valid_range.max:" in stderr
    assert stdout == (f"{path}: 13 target(s), 1 warning(s){UNCHECKED}\n")
    assert run(runner, "targets", "validate", "--strict", str(path))[0] == 1


def test_the_plan_option(runner: CliRunner, tmp_path: Path) -> None:
    path = _with_warning(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("1.别的计划。\n", encoding="utf-8")
    code, stdout, stderr = run(runner, "targets", "validate", str(path), "--plan", str(other))
    assert code == 0 and stderr.count("the sentence is not in the plan's text") == 13
    assert stdout.endswith(f"; sentences checked against {other}\n")


def test_errors_in_one_file_and_warnings_in_another(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        TARGETS_2017.read_text(encoding="utf-8").replace("threshold: 87", "threshold: x"),
        encoding="utf-8",
    )
    warned = _with_warning(tmp_path)
    code, stdout, stderr = run(runner, "targets", "validate", str(broken), str(warned))
    assert code == 2
    assert f"{broken}:" in stderr and ": threshold: Input should be a valid number" in stderr
    assert f"{warned}:" in stderr and ": warning: " in stderr
    assert stdout.splitlines() == [
        f"{broken}: 1 error(s); not a usable targets file",
        f"{warned}: 13 target(s), 1 warning(s){UNCHECKED}",
    ]


# --- planctl schema -----------------------------------------------------------------------


def test_schema_prints_the_committed_copy(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "schema", "targets")
    assert (code, stderr) == (0, "")
    assert stdout == committed_path(SchemaName.TARGETS).read_text(encoding="utf-8")


def test_schema_of_an_unknown_file(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "schema", "report-card")
    assert (code, stdout) == (2, "") and "'report-card' is not one of 'targets'" in stderr


# --- planctl template ---------------------------------------------------------------------


def test_template_on_stdout_is_csv_for_excel(runner: CliRunner) -> None:
    code, stdout, stderr = run_bytes(runner, "template", "--county", "咸安", "--county", "通城")
    assert (code, stderr) == (0, "")
    assert stdout.startswith(b"\xef\xbb\xbf# ")
    lines = stdout.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("county,indicator,name_zh,unit,value,numerator,denominator,note")
    assert {line.split(",")[0] for line in lines[2:]} == {"咸安区", "通城县"}


def test_template_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "template.csv"
    code, stdout, stderr = run(runner, "template", "--output", str(output))
    assert (code, stdout, stderr) == (0, "", "")
    assert output.read_bytes().startswith(b"\xef\xbb\xbf# ")
    assert run(runner, "check", str(output))[0] == 2  # blank: nothing to judge yet


def test_template_never_overwrites_its_targets_file(runner: CliRunner, tmp_path: Path) -> None:
    targets = tmp_path / "t.csv"
    targets.write_bytes(TARGETS_2017.read_bytes())
    before = targets.read_bytes()
    code, stdout, stderr = run(runner, "template", "-t", str(targets), "-o", str(targets))
    assert (code, stdout) == (2, "")
    assert (
        stderr == f"{targets}: is also an input, and planctl never overwrites its inputs; "
        "choose another file\n"
    )
    assert targets.read_bytes() == before


def test_template_bad_options(runner: CliRunner, tmp_path: Path) -> None:
    code, stdout, stderr = run(runner, "template", "-o", str(tmp_path / "t.pdf"))
    assert (code, stdout) == (
        2,
        "",
    ) and "t.pdf: cannot write a '.pdf' file; write '.csv' or '.xlsx'" in stderr
    code, stdout, stderr = run(runner, "template", "--county", "赤壁县")
    assert (code, stdout) == (2, "")
    assert stderr == "--county: unknown county '赤壁县'; did you mean '赤壁市'?\n"
    # A slip of one character in a two-character name: too much of it for difflib's
    # closeness, so neither template nor check suggested the county meant.
    code, stdout, stderr = run(runner, "template", "--county", "咸按")
    assert (code, stdout) == (2, "")
    assert stderr == "--county: unknown county '咸按'; did you mean '咸安区'?\n"
    code, _, stderr = run(runner, "template", "-o", str(tmp_path))
    assert code == 2 and "is a directory; name a file to write" in stderr


# --- planctl extract ----------------------------------------------------------------------


def test_extract_to_stdout(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "extract", str(PLAN_TEXT))
    assert (code, stderr) == (0, "")
    assert stdout.startswith("# DRAFT of a targets file")
    assert len(yaml.safe_load(stdout)["targets"]) == 13


def test_extract_to_a_file_then_validate(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes(PLAN_TEXT.read_text(encoding="utf-8").encode("gb18030"))  # as Windows saves it
    draft = tmp_path / "drafts" / "2017.yaml"
    draft.parent.mkdir()
    code, stdout, stderr = run(runner, "extract", str(plan), "-o", str(draft))
    assert (code, stdout, stderr) == (0, "", "")
    text = draft.read_text(encoding="utf-8")
    assert "source_text: ../plan.txt" in text
    assert f"    planctl targets validate {draft}\n" in text
    code, stdout, stderr = run(runner, "targets", "validate", str(draft))
    assert code == 2 and stderr.count("placeholder left by planctl extract") == 1
    draft.write_text(
        text.replace("title_en: 'TODO: the English name'", "title_en: Work Priorities"),
        encoding="utf-8",
    )
    code, stdout, stderr = run(runner, "targets", "validate", str(draft))
    assert (code, stderr) == (0, ""), stderr
    assert f"sentences checked against {plan}" in stdout


def test_extract_never_overwrites_the_plan(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes(PLAN_TEXT.read_bytes())
    code, _, stderr = run(runner, "extract", str(plan), "-o", str(plan))
    assert code == 2 and "is also an input" in stderr
    assert plan.read_bytes() == PLAN_TEXT.read_bytes()


def test_extract_from_text_without_targets(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "notes.txt"
    plan.write_text("会议纪要\n1.组团参加第十四届运动会。\n", encoding="utf-8")
    code, stdout, stderr = run(runner, "extract", str(plan))
    assert (code, stdout) == (2, "")
    assert (
        stderr == f"{plan}: found no sentence that sets a quantitative target; "
        "is this the text of a plan?\n"
    )


def test_extract_reports_both_inputs_at_once(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = run(
        runner, "extract", str(tmp_path / "a.txt"), "-t", str(tmp_path / "b.yaml")
    )
    assert code == 2
    assert stderr == f"{tmp_path / 'a.txt'}: no such file\n{tmp_path / 'b.yaml'}: no such file\n"
