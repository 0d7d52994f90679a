"""Report files: written whole or not at all, never over an input."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.cli.report_files import write_reports
from planctl.domain.problems import PlanctlError
from planctl.files.output import Staged
from tests.conftest import DATA


def test_writes_every_report(tmp_path: Path) -> None:
    reports = {tmp_path / "a.json": b"{}\n", tmp_path / "b.md": "咸安区\n".encode()}
    write_reports(reports)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "a.json": b"{}\n",
        "b.md": "咸安区\n".encode(),
    }


def test_replaces_an_old_report(tmp_path: Path) -> None:
    old = tmp_path / "compliance.xml"
    old.write_text("old and longer than the new one")
    write_reports({old: b"new"})
    assert old.read_bytes() == b"new" and list(tmp_path.iterdir()) == [old]


def test_none_is_written_when_one_cannot_be(tmp_path: Path) -> None:
    old = tmp_path / "summary.md"
    old.write_text("old")
    missing = tmp_path / "no-such-folder" / "compliance.xml"
    with pytest.raises(PlanctlError) as caught:
        write_reports({old: b"new", missing: b"<testsuites/>"})
    (problem,) = caught.value.problems
    assert str(problem) == f"{missing}: cannot write the report: No such file or directory"
    # The other report keeps its old content, and no temporary file is left behind.
    assert old.read_text() == "old" and list(tmp_path.iterdir()) == [old]


def test_a_directory_is_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(PlanctlError) as caught:
        write_reports({tmp_path: b"x"})
    assert str(caught.value) == f"{tmp_path}: cannot write the report: is a directory; give a file"


def test_an_input_is_never_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    county = tmp_path / "xianan.csv"
    county.write_text("county,indicator,value\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanctlError) as caught:
        write_reports({Path("./xianan.csv"): b"report"}, inputs=[county])
    assert str(caught.value) == (
        "xianan.csv: the report would overwrite an input file; write it elsewhere"
    )
    assert county.read_text() == "county,indicator,value\n"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_umask_decides_the_mode(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_reports({tmp_path / "r.csv": b"x"})
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "r.csv").stat().st_mode) == 0o644


def _aged(path: Path, seconds: float = 60) -> Path:
    old = time.time() - seconds
    os.utime(path, (old, old), follow_symlinks=False)
    return path


def test_a_killed_run_leaves_a_temporary_file_that_the_next_run_removes(
    runner: CliRunner, tmp_path: Path
) -> None:
    """SIGKILL while writing: nothing can remove the temporary file but a later run."""
    report = tmp_path / "r.json"
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys; from pathlib import Path; "
            "from planctl.files.output import Staged; "
            "Staged(Path(sys.argv[1]), b'{' * 100_000); os.kill(os.getpid(), signal.SIGKILL)",
            str(report),
        ],
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    (leftover,) = tmp_path.iterdir()
    assert re.fullmatch(r"\.r\.json\.[0-9a-f]{8}\.tmp", leftover.name)
    _aged(leftover)
    result = runner.invoke(app, ["check", str(DATA / "tongcheng.csv"), "--report", str(report)])
    assert result.exit_code == 1
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and symbolic links")
def test_only_planctl_leftovers_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep")
    removed = [folder / ".r.csv.0123abcd.tmp", folder / ".other.md.89abcdef.tmp"]
    kept = [
        folder / ".r.csv.fedcba98.tmp",  # written just now: a run may be about to lock it
        folder / ".r.csv.zzzzzzzz.tmp",  # not planctl's pattern
        folder / ".draft.yaml.0123abcd.tmp",  # not a report
        folder / "r.csv.0123abcd.tmp",  # not hidden
        folder / "sub" / ".r.csv.0123abcd.tmp",  # another folder
    ]
    for path in removed + kept:
        path.touch()
        _aged(path, 0 if path.name == ".r.csv.fedcba98.tmp" else 60)
    link = folder / ".link.csv.0123abcd.tmp"
    link.symlink_to(outside)
    _aged(link)
    write_reports({folder / "r.csv": b"new"})
    assert not any(path.exists() for path in removed)
    assert all(path.exists() for path in kept)
    assert link.is_symlink() and outside.read_text() == "keep"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")
def test_a_file_another_run_is_writing_is_left_alone(tmp_path: Path) -> None:
    """Two runs at once: the second must not remove the first's staged report."""
    staged = Staged(tmp_path / "r.json", b"{}")
    _aged(staged.temporary, 3600)  # a slow write: old, but still locked
    write_reports({tmp_path / "r.md": b"# other run"})
    assert staged.temporary.exists()
    staged.commit()
    assert (tmp_path / "r.json").read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "r.md"]


def test_reports_are_flushed_to_disk(tmp_path: Path, fsynced: list[int]) -> None:
    write_reports({tmp_path / "a.json": b"{}", tmp_path / "b.md": b"#"})
    assert len(fsynced) >= 2
