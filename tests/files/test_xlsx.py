"""The Excel form planctl writes reads back as what was written, title row and all."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from planctl.check import run_check
from planctl.files.xlsx import write_xlsx
from planctl.judge.report import Verdict
from planctl.read.submissions import read_submission
from planctl.targets.models import TargetSet
from tests.conftest import TARGETS_2017

HEADER = ["county", "indicator", "value", "numerator", "denominator", "note"]


def test_a_form_filled_in_at_the_thresholds_passes(targets: TargetSet, tmp_path: Path) -> None:
    """Each target at its threshold, or at 咸安区's quota of a city total."""
    figures = [(t, t.quotas.get("咸安区", t.goal.threshold)) for t in targets.targets]
    rows = [["咸安区", target.name_zh, value, None, None, None] for target, value in figures]
    path = tmp_path / "template.xlsx"
    write_xlsx(path, HEADER, rows, sheet="填报表", title="咸宁市2017年教育工作要点指标填报表")
    submission = read_submission(path, targets)
    assert [(o.target_id, o.value) for o in submission.observations] == [
        (target.id, value) for target, value in figures
    ]
    assert submission.observations[0].cell == "填报表!B3"
    assert run_check([path], TARGETS_2017).verdict() is Verdict.PASS


def test_the_form_is_laid_out_for_people(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_xlsx(
        path, ["县市区", "指标", "数值"], [["咸安区", "学前三年毛入园率", None]], title="标题"
    )
    sheet = load_workbook(path).worksheets[0]
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:C1"]
    assert sheet.freeze_panes == "A3"
    assert sheet["A2"].font.bold and sheet["A2"].value == "县市区"
    assert sheet.column_dimensions["B"].width == 2 * len("学前三年毛入园率") + 2
