"""planctl's cache: where it lives, and that it only ever saves time, never fails a run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from planctl import cache
from planctl.cache import cache_directory, read_entry, write_entry

KEY = "0" * 64


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No PLANCTL_CACHE_DIR, no XDG_CACHE_HOME or LOCALAPPDATA, and a home of the test's."""
    for name in ("PLANCTL_CACHE_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "home"))
    return tmp_path / "home"


class TestWhereItLives:
    def test_planctl_cache_dir_comes_first(
        self, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        monkeypatch.setenv("PLANCTL_CACHE_DIR", str(tmp_path / "mine"))
        assert cache_directory() == tmp_path / "mine"

    def test_xdg_cache_home_on_linux(
        self, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "platform", "linux")
        assert cache_directory() == home / ".cache" / "planctl"
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache_directory() == tmp_path / "xdg" / "planctl"
        # The XDG spec: a relative path is invalid and ignored.
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
        assert cache_directory() == home / ".cache" / "planctl"

    def test_local_app_data_on_windows(
        self, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "platform", "win32")
        assert cache_directory() == home / "AppData" / "Local" / "planctl" / "Cache"
        monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
        assert cache_directory() == tmp_path / "Local" / "planctl" / "Cache"

    def test_library_caches_on_macos(self, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sys, "platform", "darwin")
        assert cache_directory() == home / "Library" / "Caches" / "planctl"

    def test_no_home_means_no_cache(self, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def no_home(cls: type[Path]) -> Path:
            raise RuntimeError("Could not determine home directory.")

        monkeypatch.setattr(Path, "home", classmethod(no_home))
        assert cache_directory() is None
        write_entry("kind", KEY, {"a": 1})
        assert read_entry("kind", KEY) is None


class TestEntries:
    def test_an_entry_written_is_read_back(self, private_cache: Path) -> None:
        value = {"text": "咸安区", "numbers": [1, 2.5, None], "nested": {"ok": True}}
        write_entry("test-roundtrip", KEY, value)
        assert read_entry("test-roundtrip", KEY) == value
        assert read_entry("test-roundtrip", "1" * 64) is None

    def test_entries_are_written_whole(self, private_cache: Path) -> None:
        write_entry("test-whole", KEY, {"a": 1})
        write_entry("test-whole", KEY, {"a": 2})
        assert read_entry("test-whole", KEY) == {"a": 2}
        assert [p.name for p in (private_cache / "test-whole").iterdir()] == [f"{KEY}.json"]

    @pytest.mark.parametrize(
        "content",
        [
            b"",
            b"{not json",
            b"\xff\xfe\x00garbage",
            b"[1, 2]",
            b'{"value": {"a": 1}}',
            b"[" * 100_000 + b"]" * 100_000,
        ],
    )
    def test_a_corrupt_entry_is_a_miss(self, private_cache: Path, content: bytes) -> None:
        write_entry("test-corrupt", KEY, {"a": 1})
        (private_cache / "test-corrupt" / f"{KEY}.json").write_bytes(content)
        assert read_entry("test-corrupt", KEY) is None

    def test_an_entry_under_another_name_is_a_miss(self, private_cache: Path) -> None:
        write_entry("test-renamed", KEY, {"a": 1})
        folder = private_cache / "test-renamed"
        (folder / f"{KEY}.json").rename(folder / f"{'2' * 64}.json")
        assert read_entry("test-renamed", "2" * 64) is None

    @pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
    def test_a_cache_that_cannot_be_written_is_skipped(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        monkeypatch.setenv("PLANCTL_CACHE_DIR", str(locked / "planctl"))
        write_entry("kind", KEY, {"a": 1})
        assert read_entry("kind", KEY) is None

    def test_a_cache_dir_that_is_a_file_is_skipped(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        blocker = tmp_path / "a-file"
        blocker.write_text("not a directory", encoding="utf-8")
        monkeypatch.setenv("PLANCTL_CACHE_DIR", str(blocker))
        write_entry("kind", KEY, {"a": 1})
        assert read_entry("kind", KEY) is None
        assert blocker.read_text(encoding="utf-8") == "not a directory"

    def test_the_oldest_entries_go_first(
        self, private_cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
        folder = private_cache / "test-prune"
        for number in range(5):
            write_entry("test-prune", f"{number:064d}", {"n": number})
            os.utime(folder / f"{number:064d}.json", (1_000_000 + number, 1_000_000 + number))
        write_entry("test-prune", "9" * 64, {"n": 9})
        kept = sorted(path.stem for path in folder.glob("*.json"))
        assert kept == [f"{3:064d}", f"{4:064d}", "9" * 64]
        assert not list(folder.glob("*.tmp"))
