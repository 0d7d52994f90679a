"""The reconcile report in every format, English and Chinese, against golden files."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.records.choices import ReconcileFormat
from planctl.render.reconcile import RENDERER_BY_FORMAT
from tests.conftest import ROOT, check_golden

GOLDEN = ROOT / "tests" / "golden" / "reconcile"
SUFFIX = {
    ReconcileFormat.TABLE: "txt",
    ReconcileFormat.JSON: "json",
    ReconcileFormat.MARKDOWN: "md",
    ReconcileFormat.CSV: "csv",
}


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERER_BY_FORMAT) == set(ReconcileFormat) == set(SUFFIX)


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("format_", list(ReconcileFormat))
def test_reconcile_of_the_sample(
    runner: CliRunner, format_: ReconcileFormat, language: str
) -> None:
    result = runner.invoke(
        app,
        ["reconcile", "--lang", language, "data", "--records", "data/records", "-f", format_],
    )
    assert (result.exit_code, result.stderr) == (1, "")
    check_golden(result.stdout, GOLDEN / language / f"sample.{SUFFIX[format_]}")
