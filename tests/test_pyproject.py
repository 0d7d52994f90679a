"""pyproject.toml tells the truth: the modules its comments name are there."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_the_modules_the_comments_name_exist() -> None:
    package = ROOT / "src" / "planctl"
    named = set()
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        comment = line.partition("#")[2]
        named.update(re.findall(r"\b[a-z_]+(?:/[a-z_]+)*\.py\b", comment))
    assert named, "no module named in pyproject.toml's comments: has their form changed?"
    assert sorted(path for path in named if not (package / path).is_file()) == []
