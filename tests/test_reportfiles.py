"""Report files: written whole or not at all, never over an input."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planctl.problems import PlanctlError
from planctl.reportfiles import write_reports


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
