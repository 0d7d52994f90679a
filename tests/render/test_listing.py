"""`planctl targets`: the table and the JSON, pinned by golden files."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.render.listing import ListFormat, lister_for
from planctl.render.options import RenderOptions
from planctl.targets.models import TargetSet, validator
from tests.conftest import GOLDEN, TARGETS_2017, check_golden


def listed(targets: TargetSet, format_: ListFormat) -> str:
    # The targets path is the machine's own; pin it for the golden file.
    return lister_for(format_)(targets, RenderOptions(width=100)).replace(
        targets.display, "targets/2017.yaml"
    )


def test_table(targets: TargetSet) -> None:
    text = listed(targets, ListFormat.TABLE)
    check_golden(text, GOLDEN / "listing" / "2017.txt")
    text.encode("gbk")  # a Chinese Windows console can show it


def test_json_is_the_targets_file(targets: TargetSet) -> None:
    text = listed(targets, ListFormat.JSON)
    check_golden(text, GOLDEN / "listing" / "2017.json")
    assert json.loads(text) == validator().dump_python(targets.spec, mode="json")


def test_the_cli_prints_what_the_lister_returns(targets: TargetSet, runner: CliRunner) -> None:
    for format_ in ListFormat:
        result = runner.invoke(
            app, ["targets", "--targets", str(TARGETS_2017), "-f", format_.value]
        )
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == lister_for(format_)(targets, RenderOptions())


def test_every_format_has_a_lister() -> None:
    for format_ in ListFormat:
        assert callable(lister_for(format_))
