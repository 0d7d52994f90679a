"""planctl's cache: work already done, kept in the user's cache directory to be done once.

An entry is a JSON document stored under a key that names everything its content depends
on; a different key is a miss, never a stale hit. The cache only ever saves time: a
directory that cannot be made, an entry that cannot be written or read, and an entry that is
corrupt are all treated as a miss, silently. Entries are written whole (to a temporary file,
then renamed), so a run never reads half of one that another run is writing. The whole
directory is safe to delete at any time.

Where it lives: `PLANCTL_CACHE_DIR` if set; otherwise `%LOCALAPPDATA%\\planctl\\Cache` on
Windows, `~/Library/Caches/planctl` on macOS, and `$XDG_CACHE_HOME/planctl` (by default
`~/.cache/planctl`) elsewhere. These few rules are written here rather than taken from
platformdirs because importing it costs a tenth of what the cache saves at start-up.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

APP_NAME = "planctl"
# Entries of one kind kept at most; the oldest go first. A targets file is edited a few
# times a day at most, so this keeps weeks of them.
MAX_ENTRIES = 64


def cache_directory() -> Path | None:
    """The directory planctl keeps its cache in, or None when there is no place for one."""
    override = os.environ.get("PLANCTL_CACHE_DIR")
    if override:
        return Path(override)
    try:
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA")
            base = Path(local) if local else Path.home() / "AppData" / "Local"
            return base / APP_NAME / "Cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / APP_NAME
        # The XDG spec: a relative XDG_CACHE_HOME is invalid and must be ignored.
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        return base / APP_NAME
    except RuntimeError:  # no home directory to be found
        return None


def read_entry(kind: str, key: str) -> Any | None:
    """The document stored under `key`, or None on a miss (absent, unreadable, corrupt)."""
    path = _entry_path(kind, key)
    if path is None:
        return None
    try:
        stored = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    # The key inside guards against a file renamed or copied under another entry's name.
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored.get("value")


def write_entry(kind: str, key: str, value: Any) -> None:
    """Store `value` (plain JSON data) under `key`; quietly do nothing if it cannot be."""
    from planctl.output import write_file
    from planctl.problems import OutputError

    path = _entry_path(kind, key)
    if path is None:
        return
    data = json.dumps({"key": key, "value": value}, ensure_ascii=False).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, data)
    except (OSError, OutputError):
        return
    _prune(path.parent)


def _entry_path(kind: str, key: str) -> Path | None:
    directory = cache_directory()
    return None if directory is None else directory / kind / f"{key}.json"


def _prune(directory: Path) -> None:
    """Keep the newest MAX_ENTRIES entries of a kind."""
    entries = list(directory.glob("*.json"))
    if len(entries) <= MAX_ENTRIES:
        return

    def modified(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(entries, key=modified)[:-MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            old.unlink()
