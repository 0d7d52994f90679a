"""The sample records are what their generator writes, and labelled illustrative."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

from tests.records.conftest import SAMPLE


def test_the_committed_sample_is_the_generators_output(tmp_path: Path) -> None:
    copy = tmp_path / "generate.py"
    shutil.copy(SAMPLE / "generate.py", copy)
    runpy.run_path(str(copy), run_name="__main__")
    for name in ("幼儿园.csv", "人口.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_the_sample_says_it_is_illustrative() -> None:
    assert "not official statistics" in (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert (SAMPLE / ".planctl-records").is_file()
