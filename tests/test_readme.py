"""The README tells the truth: its --help excerpt and its two commands match reality."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from planctl.cli.app import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_check_help_excerpt_is_current(runner: CliRunner) -> None:
    match = re.search(
        r"<!-- check-help:start -->\n```\n(.*?)```\n<!-- check-help:end -->", README, re.S
    )
    assert match, "README lacks the check --help excerpt"
    assert runner.invoke(app, ["check", "--help"]).stdout == match.group(1)


def test_ci_runs_the_readme_commands() -> None:
    for name in ("SAMPLE_COMMAND", "TEST_COMMAND"):
        match = re.search(rf'^{name}="(.*)"$', CI_RUN, re.M)
        assert match, name
        assert f"```sh\n{match.group(1)}\n```" in README, name


def test_sample_data_is_labelled_illustrative() -> None:
    for path in sorted((ROOT / "data").glob("**/*.csv")):
        raw = path.read_bytes()
        text = (
            raw.decode("gb18030")
            if b"\r\n" in raw and not raw.startswith(b"\xef")
            else raw.decode("utf-8-sig")
        )
        assert "not official statistics" in text.splitlines()[0], path.name


def layout_section() -> str:
    start = README.index("The layout: packages in layers")
    return README[start : README.index("Where a change goes", start)]


def layout_paths() -> set[str]:
    return set(re.findall(r"^\|[^|]*\| `([^`]+)` \|", layout_section(), re.M))


def test_the_layout_table_lists_every_module_and_package() -> None:
    package = ROOT / "src" / "planctl"
    wanted = set()
    for path in package.rglob("*.py"):
        relative = path.relative_to(package).as_posix()
        if path.name == "__init__.py":
            if path.parent != package:
                wanted.add(relative.removesuffix("__init__.py"))
        elif relative != "__main__.py":
            wanted.add(relative)
    listed = layout_paths()
    assert sorted(wanted - listed) == [], "modules missing from the README's layout table"
    assert sorted(listed - wanted) == [], "the README's layout table lists what is not there"
