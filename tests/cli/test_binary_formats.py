"""`--format xlsx` and `--format docx`: files, not text: written when stdout is redirected,
refused on a terminal before anything is read. And JSON, made as UTF-8 bytes: written to any
stdout."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from planctl.render import Format, render_file
from planctl.render.options import RenderOptions
from tests.conftest import DATA, ROOT


def planctl(*args: str, stdout: int) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "planctl", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PLANCTL_LANG": "en", "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("format_", [Format.XLSX, Format.DOCX], ids=str)
def test_a_binary_format_is_refused_on_a_terminal(format_: Format) -> None:
    leader, follower = pty.openpty()
    try:
        run = planctl("check", "data", "--format", format_.value, stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert run.returncode == 2
    assert run.stderr.decode() == (
        f"--format {format_} writes a file, not text for a terminal: redirect stdout "
        f"(> report.{format_}) or use --report report.{format_}\n"
    )


@pytest.mark.parametrize("format_", [Format.XLSX, Format.DOCX], ids=str)
def test_a_binary_format_is_written_to_a_redirected_stdout(
    format_: Format, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / f"report.{format_}"
    with out.open("wb") as stream:
        run = planctl("check", "data", "--format", format_.value, stdout=stream.fileno())
    assert (run.returncode, run.stderr) == (1, b"")
    assert zipfile.is_zipfile(out)
    monkeypatch.chdir(ROOT)
    from planctl.check import run_check

    expected = render_file(format_, run_check([Path("data")]), RenderOptions(width=100))
    assert out.read_bytes() == expected


def test_a_workbook_report_is_refused_in_a_folder_the_check_reads(tmp_path: Path) -> None:
    """A .xlsx report in a folder read would be read back as a county's workbook."""
    run = planctl("check", str(DATA), "--report", str(DATA / "report.xlsx"), stdout=subprocess.PIPE)
    assert run.returncode == 2
    assert "report.xlsx" in run.stderr.decode()
    assert not (DATA / "report.xlsx").exists()


def test_json_is_written_to_a_stdout_that_takes_text_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The JSON report is made as UTF-8 bytes; a program that runs planctl with a text stream
    for stdout (no `.buffer`) still gets it, as text, whole."""
    import io
    import json

    from planctl.cli import main

    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "argv", ["planctl", "check", str(DATA), "--format", "json"])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code in (0, 1)
    written = json.loads(stdout.getvalue())
    assert {county["name"] for county in written["counties"]} >= {"咸安区", "赤壁市"}
