"""The progress bar: only when wanted, only once work lasts, never in stdout."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from planctl.cli import terminal as cli
from planctl.cli.app import app
from planctl.cli.progress import ProgressBar
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from tests.conftest import DATA


class _Terminal:
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(
    ("flag", "ci", "terminal", "shown"),
    [
        (None, None, True, True),
        (None, None, False, False),
        (None, "true", True, False),
        (True, "true", False, True),
        (False, None, True, False),
    ],
    ids=["terminal", "pipe", "ci", "asked", "refused"],
)
def test_the_bar_is_wanted_on_a_terminal_outside_ci(
    monkeypatch: pytest.MonkeyPatch, flag: bool | None, ci: str | None, terminal: bool, shown: bool
) -> None:
    monkeypatch.delenv("TERM", raising=False)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    if terminal:
        monkeypatch.setattr(sys, "stderr", _Terminal())
    assert (cli.progress_bar(flag) is not None) is shown


def test_no_bar_before_the_delay() -> None:
    bar = ProgressBar(color=False, delay=3600)
    bar.expect(100)
    bar.advance(60)
    assert bar._bar is None
    assert (bar.done, bar.total) == (60, 100)
    bar.close()


def test_the_bar_counts_what_is_read_once_shown(capsys: pytest.CaptureFixture[str]) -> None:
    bar = ProgressBar(color=False, delay=0)
    bar.expect(100)
    bar.advance(40)
    assert bar._bar is not None
    task = bar._bar.tasks[0]
    assert (task.completed, task.total) == (40, 100)
    bar.advance(60)
    bar.close()
    assert bar._bar is None
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("flag", ["--progress", "--no-progress"])
def test_progress_leaves_stdout_alone(runner: CliRunner, flag: str) -> None:
    plain = runner.invoke(app, ["check", str(DATA / "xianan.csv")])
    result = runner.invoke(app, ["check", flag, str(DATA / "xianan.csv")])
    assert (result.exit_code, result.stdout) == (plain.exit_code, plain.stdout)


def test_progress_draws_the_bar_on_a_redirected_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    # capsys's stderr is no terminal, as a redirected one is not: --progress draws anyway.
    bar = cli.progress_bar(True)
    assert bar is not None
    bar.delay = 0
    bar.expect(100)
    bar.advance(40)
    bar.close()
    captured = capsys.readouterr()
    assert text(Msg.PROGRESS_READING) in captured.err
    assert captured.out == ""


def test_no_bar_on_a_redirected_stderr_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    bar = ProgressBar(color=False, delay=0)
    bar.expect(100)
    bar.advance(40)
    bar.close()
    assert text(Msg.PROGRESS_READING) not in capsys.readouterr().err
