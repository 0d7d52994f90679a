"""Validated targets files kept in planctl's cache: the key of an entry, and the entry itself.

A file validated once is kept in planctl's cache (`planctl.files.cache`) under a key made of its
bytes and of the code that validates it, so the next run with the same file skips parsing
and validation and rebuilds the models from the entry (`planctl.targets.construct`); that, and
importing pydantic only when a file is validated, is what lets a check start fast. A file
that changed is a new key, so it is always validated afresh, and an entry is taken only if
its seal, keyed by the user's secret, matches (see `planctl.files.cache`): an entry that
someone else wrote into the cache is validated over, never believed.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planctl import __version__
from planctl.targets.construct import construct, dump
from planctl.targets.lines import Location
from planctl.targets.models import TargetsFile

if TYPE_CHECKING:
    from planctl.files.cache import Store

# The cache entries of validated targets files (see planctl.files.cache).
CACHE_KIND = "targets"
# A new format of the entries, or any change to the modules that decide what a file's bytes
# validate to, makes a new key: a cached file is never judged by other rules than these.
_CACHE_FORMAT = "2"
_VALIDATING_MODULES = (
    "planctl.targets.models",
    "planctl.targets.construct",
    "planctl.targets.load",
    "planctl.targets.lines",
    "planctl.domain.terms",
    "planctl.domain.goal",
    "planctl.domain.names",
    "planctl.files.text",
)


@functools.cache
def _code_digest() -> str | None:
    """A digest of the code that validates targets files: planctl's, and pydantic's version
    (read from its source, not imported: a run that finds its file in the cache never
    imports pydantic)."""
    digest = hashlib.sha256(f"{_CACHE_FORMAT}\0{__version__}".encode())
    pydantic = importlib.util.find_spec("pydantic")
    if pydantic is None or pydantic.origin is None:
        return None
    sources = [Path(pydantic.origin).with_name("version.py")]
    for name in _VALIDATING_MODULES:
        module = sys.modules.get(name)
        if module is None or module.__file__ is None:
            return None
        sources.append(Path(module.__file__))
    for source in sources:
        try:
            digest.update(source.read_bytes())
        except OSError:  # no source to be read: no cache
            return None
    return digest.hexdigest()


def cache_key(file_sha256: str) -> str | None:
    code = _code_digest()
    if code is None:
        return None
    return hashlib.sha256(f"{code}\0{file_sha256}".encode()).hexdigest()


def from_cache(store: Store, key: str) -> tuple[TargetsFile, dict[Location, int]] | None:
    """The targets file validated before under `key`; None on a miss or a corrupt entry."""
    entry = store.read(key)
    if entry is None:
        return None
    try:
        spec = construct(TargetsFile, entry["spec"])
        lines = {tuple(location): int(line) for location, line in entry["lines"]}
    except Exception:  # whatever is wrong with an entry, validating the file is the answer
        return None
    return spec, lines


def to_cache(store: Store, key: str, spec: TargetsFile, lines: dict[Location, int]) -> None:
    entry = {
        "spec": dump(spec),
        "lines": [[list(location), line] for location, line in lines.items()],
    }
    store.write(key, entry)
