"""Output files: written whole or not at all, never over an input."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from planctl.domain.problems import OutputError
from planctl.files.output import write_file


def test_writes_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_file(path, b"one")
    write_file(path, b"two")
    assert path.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    if os.name == "posix":
        assert path.stat().st_mode & 0o044, "readable by others, like any new file"


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_bytes(b"plan")
    with pytest.raises(OutputError) as caught:
        write_file(tmp_path / "." / "plan.txt", b"draft", inputs=[source])
    assert "is also an input" in str(caught.value)
    assert source.read_bytes() == b"plan"


def test_a_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_file(tmp_path, b"x")
    assert str(caught.value) == f"{tmp_path}: is a directory; name a file to write"


def test_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_file(tmp_path / "no" / "out.csv", b"x")
    assert (
        str(caught.value)
        == f"{tmp_path / 'no' / 'out.csv'}: cannot write the file: No such file or directory"
    )


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(b"old")

    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OutputError) as caught:
        write_file(path, b"new")
    assert str(caught.value) == f"{path}: cannot write the file: No space left on device"
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize(("durable", "synced"), [(True, True), (False, False)])
def test_a_file_is_flushed_to_disk_unless_asked_not_to(
    tmp_path: Path, fsynced: list[int], durable: bool, synced: bool
) -> None:
    write_file(tmp_path / "template.csv", b"x", durable=durable)
    assert bool(fsynced) is synced
    assert [p.name for p in tmp_path.iterdir()] == ["template.csv"]


def test_a_file_is_written_from_its_pieces_as_they_come(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    written: list[bytes] = []

    def pieces() -> Iterator[bytes]:
        for piece in (b"{", b'"a": 1', b"}"):
            # Each piece is in the temporary file before the next is drawn.
            (temporary,) = tmp_path.glob(".report.json.*.tmp")
            assert temporary.read_bytes() == b"".join(written)
            written.append(piece)
            yield piece

    write_file(path, pieces())
    assert path.read_bytes() == b'{"a": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_pieces_that_fail_midway_leave_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_bytes(b"old")

    def pieces() -> Iterator[bytes]:
        yield b"{"
        raise RuntimeError("the renderer failed")

    with pytest.raises(RuntimeError):
        write_file(path, pieces())
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
