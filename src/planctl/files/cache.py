"""planctl's cache: work already done, kept in the user's cache directory to be done once.

The cache can only make planctl faster, never different. An entry is stored under a name
that names everything its content depends on (a different name is a miss, never a stale
hit), and is sealed with an HMAC-SHA256 over its kind, its name and its exact bytes, keyed by
a random per-user secret kept *outside* the cache directory (`key_path`). Whoever can write
the cache directory but not read the key, such as a CI cache restored from another branch
or a pull request, cannot make an entry planctl accepts: an entry whose seal does not match
is ignored (and rewritten by the next validation). Checking the seal costs a few
microseconds; the validation it saves costs tens of milliseconds.

A cache directory, or a folder of entries in it, that is a symbolic link, belongs to another
user or is writable by the group or by everyone is not used at all (POSIX; on Windows,
which has no such modes, the user's profile folders are private by their access lists, and
the seal is what protects an entry). Neither is a key file that others could read or
replace. `open_store` says why in a note, for `--verbose`.

Otherwise the cache only ever saves time: a directory that cannot be made, an entry that
cannot be written or read, and an entry that is corrupt are all a miss. Entries are written
whole (`planctl.files.output`), so a run never reads half of one that another run is writing.
Pruning deletes only regular files that the cache wrote (by name and by the marker at the
start of the file), never through a symbolic link and never outside its folder. The whole
directory is safe to delete at any time.

Where it lives: `PLANCTL_CACHE_DIR` if set; otherwise `%LOCALAPPDATA%\\planctl\\Cache` on
Windows, `~/Library/Caches/planctl` on macOS, and `$XDG_CACHE_HOME/planctl` (by default
`~/.cache/planctl`) elsewhere. These few rules are written here rather than taken from
platformdirs because importing it costs a tenth of what the cache saves at start-up.
`PLANCTL_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from planctl.domain.problems import Problem, Severity
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg

APP_NAME = "planctl"
# Entries of one kind kept at most; the oldest go first. A targets file is edited a few
# times a day at most, so this keeps weeks of them.
MAX_ENTRIES = 64
# The first bytes of every entry: what pruning recognises as the cache's own file. The
# number is the format; an entry of another format is a miss.
MARKER = b"planctl-cache 2 "
# An entry's name: a hex digest, as every caller's key is.
ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
# Bounds on what is read: a targets file's entry is a few times the file (itself bounded).
MAX_ENTRY_BYTES = 512 * 2**20
KEY_BYTES = 32

_POSIX = hasattr(os, "geteuid")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class CacheUse(StrEnum):
    """How a command uses the cache."""

    # Take an entry when it is there, store one after validating.
    ON = "on"
    # Never read an entry (the command's answer must come from the file itself), but store
    # the fresh result for the next command.
    REFRESH = "refresh"
    # Neither read nor write (`--no-cache`, PLANCTL_NO_CACHE=1).
    OFF = "off"


def cache_use(no_cache: bool, default: CacheUse = CacheUse.ON) -> CacheUse:
    """The use a command makes of the cache, given `--no-cache` and PLANCTL_NO_CACHE."""
    if no_cache or os.environ.get("PLANCTL_NO_CACHE", "") not in ("", "0"):
        return CacheUse.OFF
    return default


def cache_directory() -> Path | None:
    """The directory planctl keeps its cache in, or None when there is no place for one."""
    override = os.environ.get("PLANCTL_CACHE_DIR")
    if override:
        return Path(override)
    try:
        if sys.platform == "win32":
            return _local_app_data() / APP_NAME / "Cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / APP_NAME
        # The XDG spec: a relative XDG_CACHE_HOME is invalid and must be ignored.
        return _xdg("XDG_CACHE_HOME", ".cache") / APP_NAME
    except RuntimeError:  # no home directory to be found
        return None


def key_path() -> Path | None:
    """The file of the secret that seals the cache's entries; never in the cache directory.

    `PLANCTL_CACHE_KEY` if set; otherwise `%LOCALAPPDATA%\\planctl\\cache.key` on Windows
    (beside the `Cache` folder, not in it), `~/Library/Application Support/planctl/cache.key`
    on macOS and `$XDG_STATE_HOME/planctl/cache.key` (by default `~/.local/state/...`)
    elsewhere: state of the user's, which CI systems do not restore with caches.
    """
    override = os.environ.get("PLANCTL_CACHE_KEY")
    if override:
        return Path(override)
    try:
        if sys.platform == "win32":
            return _local_app_data() / APP_NAME / "cache.key"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Application Support" / APP_NAME / "cache.key"
        return _xdg("XDG_STATE_HOME", ".local/state") / APP_NAME / "cache.key"
    except RuntimeError:
        return None


def _local_app_data() -> Path:
    local = os.environ.get("LOCALAPPDATA")
    return Path(local) if local else Path.home() / "AppData" / "Local"


def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / default


@dataclass
class Store:
    """The entries of one kind, in a folder fit for them, sealed with the user's key."""

    kind: str
    folder: Path
    key: bytes = field(repr=False)
    # What --verbose says about the cache: entries refused.
    notes: list[Problem] = field(default_factory=list)

    def read(self, name: str) -> Any | None:
        """The document stored under `name`, or None on a miss (absent, corrupt, forged)."""
        path = self.folder / f"{name}.json"
        try:
            data = _read_bounded(path)
        except OSError:
            return None
        seal, newline, payload = data[len(MARKER) :].partition(b"\n")
        if not data.startswith(MARKER) or not newline:
            return None
        if not hmac.compare_digest(seal, self._seal(name, payload)):
            self.notes.append(_note(path, Msg.CACHE_ENTRY_FORGED))
            return None
        try:
            return json.loads(payload)
        except (ValueError, RecursionError):
            return None

    def write(self, name: str, value: Any) -> None:
        """Store `value` (plain JSON data) under `name`; quietly do nothing if it cannot be."""
        from planctl.domain.problems import OutputError
        from planctl.files.output import remove_leftovers, write_file

        payload = json.dumps(value, ensure_ascii=False).encode("utf-8")
        data = MARKER + self._seal(name, payload) + b"\n" + payload
        try:
            # Not flushed to disk: an entry torn by a power cut fails its seal, a miss.
            write_file(self.folder / f"{name}.json", data, durable=False)
        except OutputError:
            return
        _prune(self.folder)
        remove_leftovers(self.folder, lambda entry: ENTRY_NAME.fullmatch(entry) is not None)

    def _seal(self, name: str, payload: bytes) -> bytes:
        message = b"%s\0%s\0%s" % (self.kind.encode(), name.encode(), payload)
        return hmac.new(self.key, message, hashlib.sha256).hexdigest().encode()


def open_store(kind: str) -> tuple[Store | None, list[Problem]]:
    """The store of entries of `kind`, or None and the reason why the cache cannot be used.

    Makes the directories and the key when they do not exist yet. A place that cannot be
    made is a silent miss; a place that is there but not safe to trust is a note.
    """
    directory, key_file = cache_directory(), key_path()
    if directory is None or key_file is None:
        return None, []
    folder = directory / kind
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
    except OSError:
        return None, []
    try:
        for place, follow in ((directory, True), (folder, False)):
            reason = _unsafe_folder(place, follow=follow)
            if reason is not None:
                return None, [_note(place, Msg.CACHE_UNUSED, reason=reason)]
        if key_file.resolve().is_relative_to(directory.resolve()):
            return None, [
                _note(directory, Msg.CACHE_UNUSED, reason=text(Msg.CACHE_KEY_INSIDE, key=key_file))
            ]
        key = _user_key(key_file)
    except _Unsafe as exc:
        return None, [_note(key_file, Msg.CACHE_UNUSED, reason=str(exc))]
    except OSError:
        return None, []
    return Store(kind, folder, key), []


def read_entry(kind: str, key: str) -> Any | None:
    """The document stored under `key`, or None on a miss or when there is no cache."""
    store, _ = open_store(kind)
    return None if store is None else store.read(key)


def write_entry(kind: str, key: str, value: Any) -> None:
    """Store `value` (plain JSON data) under `key`; quietly do nothing if it cannot be."""
    store, _ = open_store(kind)
    if store is not None:
        store.write(key, value)


class _Unsafe(Exception):
    """A key file others could read or replace; the message says how."""


def _unsafe_folder(path: Path, *, follow: bool) -> str | None:
    """Why a folder of the cache cannot be trusted, or None. `follow`: a symbolic link to a
    folder is accepted (a user's ~/.cache on another disk), but not for a folder of entries,
    which planctl made itself."""
    status = path.stat() if follow else path.lstat()
    if stat.S_ISLNK(status.st_mode):
        return text(Msg.CACHE_SYMLINK)
    if not stat.S_ISDIR(status.st_mode):
        return text(Msg.CACHE_NOT_FOLDER)
    return _unsafe_owner_or_mode(status, 0o022)


def _unsafe_owner_or_mode(status: os.stat_result, forbidden: int) -> str | None:
    if not _POSIX:  # Windows: no owners or modes to check (see the module's docstring)
        return None
    if status.st_uid != os.geteuid():
        return text(Msg.CACHE_NOT_OWNED)
    if status.st_mode & forbidden:
        return text(Msg.CACHE_OPEN_TO_OTHERS, mode=f"{stat.S_IMODE(status.st_mode):04o}")
    return None


def _user_key(path: Path) -> bytes:
    """The user's secret in `path`, made (readable by the user alone) if there is none yet."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        _make_key(path)
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except OSError:
        if path.is_symlink():  # O_NOFOLLOW refused it: a link could point at any file
            raise _Unsafe(text(Msg.CACHE_SYMLINK)) from None
        raise
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        reason = _unsafe_owner_or_mode(status, 0o077)
        if reason is None and not stat.S_ISREG(status.st_mode):
            reason = text(Msg.CACHE_KEY_NOT_FILE)
        if reason is None:
            reason = _unsafe_owner_or_mode(os.stat(path.parent), 0o022)
        if reason is not None:
            raise _Unsafe(reason)
        key = file.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise OSError("not a key")  # a key being made right now, or damaged: a miss
    return key


def _make_key(path: Path) -> None:
    """A new random key at `path`, whole or not at all, never replacing one made meanwhile."""
    import secrets  # only here: it imports `random`, which a cache hit does not need

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(secrets.token_bytes(KEY_BYTES))
        with contextlib.suppress(FileExistsError):  # another run made one first: use it
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _read_bounded(path: Path) -> bytes:
    with path.open("rb") as file:
        data = file.read(MAX_ENTRY_BYTES + 1)
    if len(data) > MAX_ENTRY_BYTES:
        raise OSError("entry too large")
    return data


def _note(path: Path, code: Msg, **fields: object) -> Problem:
    return Problem(code, str(path), fields=fields, level=Severity.NOTE)


def _prune(folder: Path) -> None:
    """Keep the newest MAX_ENTRIES entries: regular files named and marked as the cache's."""
    try:
        candidates = list(os.scandir(folder))
    except OSError:
        return
    entries: list[tuple[float, str]] = []
    for candidate in candidates:
        if not ENTRY_NAME.fullmatch(candidate.name):
            continue
        try:
            status = candidate.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode):
            entries.append((status.st_mtime, candidate.name))
    if len(entries) <= MAX_ENTRIES:
        return
    ours = [entry for entry in sorted(entries) if _is_entry(folder / entry[1])]
    for _, name in ours[:-MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _is_entry(path: Path) -> bool:
    """Whether `path` is a regular file (not a link to one) that the cache wrote: it starts
    with the marker, or, written by a planctl before the seal, with its own name as key."""
    before_seal = b'{"key": "%s"' % path.stem.encode()
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return False
        start = file.read(len(before_seal))
    return start.startswith(MARKER) or start == before_seal
