"""planctl's cache: where it lives, and that it only ever saves time, never fails a run."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.files import cache
from planctl.files.cache import (
    MARKER,
    cache_directory,
    key_path,
    open_store,
    read_entry,
    write_entry,
)
from planctl.targets.load import load_targets
from tests.conftest import DATA, TARGETS_2017

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


def _poison(entry: Path) -> bytes:
    """The entry's payload with every threshold set to 0: a well-formed, false entry."""
    payload = json.loads(entry.read_bytes().partition(b"\n")[2])
    for target in payload["spec"]["targets"]:
        target["threshold"] = 0
        target.pop("quotas", None)
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _targets_entry(folder: Path) -> Path:
    (entry,) = (folder / "targets").glob("*.json")
    return entry


class TestTrust:
    """The cache can only make planctl faster, never different."""

    @pytest.fixture
    def cache_of_own(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        folder = tmp_path / "cache"
        monkeypatch.setenv("PLANCTL_CACHE_DIR", str(folder))
        return folder

    def check(self, runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
        result = runner.invoke(app, ["check", *map(str, args)])
        assert "Traceback" not in result.stdout + result.stderr
        return result.exit_code, result.stdout, result.stderr

    @pytest.mark.parametrize("inputs", [["tongcheng.csv"], ["."]])
    def test_a_forged_entry_is_ignored_and_rewritten(
        self,
        runner: CliRunner,
        cache_of_own: Path,
        monkeypatch: pytest.MonkeyPatch,
        inputs: list[str],
    ) -> None:
        monkeypatch.chdir(DATA)
        assert self.check(runner, *inputs)[0] == 1
        entry = _targets_entry(cache_of_own)
        genuine = entry.read_bytes()
        seal = genuine.partition(b"\n")[0]
        # What a writer of the cache can do: keep the seal, or seal with a key of its own.
        for forged in (
            seal + b"\n" + _poison(entry),
            MARKER + b"0" * 64 + b"\n" + _poison(entry),
            json.dumps({"key": entry.stem, "value": json.loads(_poison(entry))}).encode(),
        ):
            entry.write_bytes(forged)
            code, stdout, stderr = self.check(runner, *inputs, "-v")
            assert code == 1, "the real verdict, not the poisoned one"
            assert "FAIL" in stdout
            assert entry.read_bytes() == genuine, "rewritten by the validation"
            if forged.startswith(MARKER):
                assert f"{entry}: note: cache entry ignored: its seal does not match" in stderr

    def test_an_entry_sealed_with_the_key_is_taken(
        self, runner: CliRunner, cache_of_own: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The other side of the test above: with the key, an entry is believed, which is
        why the key lives outside the cache and `targets validate` never reads it."""
        monkeypatch.chdir(DATA)
        self.check(runner, "tongcheng.csv")
        entry = _targets_entry(cache_of_own)
        store, _ = open_store("targets")
        assert store is not None
        store.write(entry.stem, json.loads(_poison(entry)))
        assert self.check(runner, "tongcheng.csv")[0] == 0
        # --no-cache and PLANCTL_NO_CACHE=1 do not read it ...
        assert self.check(runner, "tongcheng.csv", "--no-cache")[0] == 1
        monkeypatch.setenv("PLANCTL_NO_CACHE", "1")
        assert self.check(runner, "tongcheng.csv")[0] == 1
        monkeypatch.delenv("PLANCTL_NO_CACHE")
        # ... and neither do the listing and `targets validate`, which store what is true.
        listing = runner.invoke(app, ["targets", "--format", "json"])
        assert json.loads(listing.stdout)["targets"][0]["threshold"] == 87
        assert self.check(runner, "tongcheng.csv")[0] == 1
        store.write(entry.stem, json.loads(_poison(entry)))
        validated = runner.invoke(app, ["targets", "validate", str(TARGETS_2017)])
        assert validated.exit_code == 0
        assert self.check(runner, "tongcheng.csv")[0] == 1

    def test_no_cache_writes_nothing(
        self, runner: CliRunner, cache_of_own: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(DATA)
        assert self.check(runner, "tongcheng.csv", "--no-cache")[0] == 1
        monkeypatch.setenv("PLANCTL_NO_CACHE", "1")
        assert runner.invoke(app, ["targets"]).exit_code == 0
        assert runner.invoke(app, ["template"]).exit_code == 0
        assert not cache_of_own.exists()

    @pytest.mark.skipif(sys.platform == "win32", reason="no POSIX modes on Windows")
    @pytest.mark.parametrize("where", ["cache", "targets"])
    def test_a_folder_others_can_write_is_not_used(
        self,
        runner: CliRunner,
        cache_of_own: Path,
        monkeypatch: pytest.MonkeyPatch,
        where: str,
    ) -> None:
        monkeypatch.chdir(DATA)
        self.check(runner, "tongcheng.csv")
        folder = cache_of_own if where == "cache" else cache_of_own / "targets"
        folder.chmod(0o777)
        entry = _targets_entry(cache_of_own)
        store, notes = open_store("targets")
        assert store is None
        assert [str(note) for note in notes] == [
            f"{folder}: note: cache not used: other users may change it "
            "(mode 0777); chmod go-w it (a key file: chmod 600); the targets file is "
            "validated afresh"
        ]
        before = entry.read_bytes()
        code, _, stderr = self.check(runner, "tongcheng.csv", "-v")
        assert code == 1 and "cache not used: other users may change it (mode 0777)" in stderr
        assert entry.read_bytes() == before, "not written either"

    @pytest.mark.skipif(sys.platform == "win32", reason="no POSIX owners on Windows")
    def test_a_folder_of_another_user_is_not_used(
        self, cache_of_own: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        cache_of_own.mkdir(mode=0o700)
        monkeypatch.setattr(os, "geteuid", lambda: os.stat(cache_of_own).st_uid + 1)
        store, notes = open_store("targets")
        assert store is None
        assert "cache not used: it belongs to another user" in str(notes[0])

    @pytest.mark.skipif(sys.platform == "win32", reason="no POSIX modes on Windows")
    def test_a_key_others_can_read_is_not_used(
        self, cache_of_own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        key = tmp_path / "keys" / "cache.key"
        monkeypatch.setenv("PLANCTL_CACHE_KEY", str(key))
        assert open_store("targets")[0] is not None
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        key.chmod(0o644)
        store, notes = open_store("targets")
        assert store is None and str(notes[0]).startswith(f"{key}: note: cache not used: ")
        # A key others can only read is said to be readable, with the one fix that helps;
        # "other users may change it" and "chmod go-w" would be wrong on both counts.
        assert "other users may read it (mode 0644)" in str(notes[0])
        assert "chmod 600" in str(notes[0]) and "go-w" not in str(notes[0])

    def test_a_key_inside_the_cache_is_not_used(
        self, cache_of_own: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        key = cache_of_own / "cache.key"
        monkeypatch.setenv("PLANCTL_CACHE_KEY", str(key))
        store, notes = open_store("targets")
        assert store is None and not key.exists()
        assert f"its key file {key} is inside the cache directory" in str(notes[0])

    def test_the_key_is_outside_the_cache_by_default(
        self, home: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("PLANCTL_CACHE_KEY", raising=False)
        monkeypatch.delenv("XDG_STATE_HOME", raising=False)
        for platform in ("linux", "darwin", "win32"):
            monkeypatch.setattr(sys, "platform", platform)
            directory, key = cache_directory(), key_path()
            assert directory is not None and key is not None
            assert not key.is_relative_to(directory), platform
        monkeypatch.setattr(sys, "platform", "linux")
        assert key_path() == home / ".local" / "state" / "planctl" / "cache.key"


class TestPruning:
    """Pruning deletes only the cache's own files, in its own folder."""

    def test_a_symlinked_folder_of_other_files_keeps_them_all(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        others = tmp_path / "someone-elses"
        others.mkdir()
        for number in range(70):
            (others / f"{number:064x}.json").write_text('{"mine": true}', encoding="utf-8")
            (others / f"note-{number}.json").write_text("{}", encoding="utf-8")
        cache_dir = tmp_path / "cache"
        cache_dir.mkdir(mode=0o700)
        (cache_dir / "targets").symlink_to(others, target_is_directory=True)
        monkeypatch.setenv("PLANCTL_CACHE_DIR", str(cache_dir))
        store, notes = open_store("targets")
        assert store is None and "it is a symbolic link" in str(notes[0])
        for number in range(3):
            write_entry("targets", f"{number:064d}", {"n": number})
        load_targets(TARGETS_2017)
        assert len(list(others.iterdir())) == 140

    def test_only_marked_regular_files_are_pruned(
        self, private_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
        folder = private_cache / "test-prune-own"
        for number in range(4):
            write_entry("test-prune-own", f"{number:064d}", {"n": number})
        outside = tmp_path / "outside"
        outside.mkdir()
        precious = outside / "precious.json"
        precious.write_bytes(MARKER + b"looks like an entry\n{}")
        unmarked = folder / f"{'a' * 64}.json"
        unmarked.write_text("{}", encoding="utf-8")
        link = folder / f"{'b' * 64}.json"
        link.symlink_to(precious)
        for path in [*folder.iterdir(), precious]:
            os.utime(path, (1_000_000, 1_000_000), follow_symlinks=False)
        write_entry("test-prune-own", "9" * 64, {"n": 9})
        kept = sorted(path.name for path in folder.iterdir())
        assert unmarked.name in kept and link.name in kept and precious.exists()
        marked = [name for name in kept if name not in (unmarked.name, link.name)]
        assert len(marked) == 2 and f"{'9' * 64}.json" in marked

    def test_entries_from_before_the_seal_are_pruned_too(
        self, private_cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An earlier planctl wrote `{"key": NAME, "value": ...}`: its entries are the
        cache's own, a miss now, and go first as the oldest."""
        monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
        folder = private_cache / "test-prune-old"
        folder.mkdir()
        old = folder / f"{'c' * 64}.json"
        old.write_text(json.dumps({"key": "c" * 64, "value": {}}), encoding="utf-8")
        os.utime(old, (1_000_000, 1_000_000))
        assert read_entry("test-prune-old", "c" * 64) is None
        for number in range(2):
            write_entry("test-prune-old", f"{number:064d}", {"n": number})
        assert not old.exists()
        assert len(list(folder.iterdir())) == 2
