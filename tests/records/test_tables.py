"""Record tables checked row by row before any figure is made; personal fields never shown."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.records.conftest import run, variant

COLUMNS = ["学校标识码", "学校名称", "行政区划", "办别", "是否普惠性民办园"]
COLUMNS += ["驻地城乡类型", "办园许可证", "示范等级", "在园幼儿数"]
HEADER = ",".join(COLUMNS) + "\n"


def test_a_bad_cell_in_a_workbook_is_named_by_its_cell(runner: CliRunner, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.strip().split(","))
    for row in range(10):
        sheet.append(
            ["1", "甲园", "咸安区", "公办", "否", "城区", "有", "无", "x" if row == 9 else 10]
        )
    book.save(tmp_path / "幼儿园.xlsx")
    code, stdout, stderr = run(runner, "compute", str(tmp_path))
    assert (code, stdout) == (2, "")
    assert stderr == f"{tmp_path}/幼儿园.xlsx:Sheet!I11: 在园幼儿数: 'x' is not a number\n"


def test_every_bad_cell_of_a_csv_is_reported_with_its_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "幼儿园.csv").write_text(
        HEADER
        + "1,甲园,咸安,公办,否,城区,有,无,12\n"
        + "2,乙园,咸安区,公立,否,城区,有,无,-3\n"
        + "3,丙园,咸宁区,公办,否,城区,有,无,1.5\n",
        encoding="utf-8",
    )
    code, _, stderr = run(runner, "compute", str(tmp_path))
    assert code == 2
    path = tmp_path / "幼儿园.csv"
    assert stderr.splitlines() == [
        f"{path}:3: 办别: '公立' is not one of '公办' or '民办'",
        f"{path}:3: 在园幼儿数: '-3' is below the column's least value, 0",
        f"{path}:4: 行政区划: unknown county '咸宁区'; did you mean '咸安区'?",
        f"{path}:4: 在园幼儿数: '1.5' is not a whole number",
    ]


def test_a_personal_column_is_never_echoed(runner: CliRunner, tmp_path: Path) -> None:
    measures = variant(
        tmp_path,
        "      学校名称: text\n      行政区划: text\n      办别:",
        "      学校名称: text\n      行政区划: text\n"
        "      园长身份证号: {type: enum, values: [有], personal: true}\n      办别:",
    )
    tables = tmp_path / "t"
    tables.mkdir()
    (tables / "幼儿园.csv").write_text(
        HEADER.replace("行政区划,", "行政区划,园长身份证号,")
        + "1,甲园,咸安区,420102199001011234,公办,否,城区,有,无,12\n",
        encoding="utf-8",
    )
    code, _, stderr = run(runner, "compute", "--measures", str(measures), str(tables))
    assert code == 2
    assert "420102199001011234" not in stderr
    assert "园长身份证号: the value (personal, not shown) is not one of '有'" in stderr


@pytest.mark.slow  # a 12,000-row sheet: CI runs it
def test_a_table_past_the_workbook_cap_is_read_whole(tmp_path: Path) -> None:
    """The submission reader stops at 10,000 rows of a sheet; a record table does not."""
    from planctl.records.run import compute_submission, load_both

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(HEADER.strip().split(","))
    for row in range(12_000):
        sheet.append([str(row), "园", "通山县", "公办", "否", "城区", "有", "无", 1])
    book.save(tmp_path / "幼儿园.xlsx")
    targets, records = load_both(None, None)
    _, computed = compute_submission([tmp_path], records, targets)
    enrolled = computed.values["children_enrolled"]["通山县"]
    assert enrolled == 12_000


def test_a_file_that_matches_no_source_is_named(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "学校.csv").write_text("a\n1\n", encoding="utf-8")
    code, _, stderr = run(runner, "compute", str(tmp_path))
    assert code == 2
    assert stderr.startswith(
        f"{tmp_path}/学校.csv: matches no source's files (kindergartens: 幼儿园*"
    )


def test_a_second_sheet_is_not_read_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "幼儿园"
    sheet.append(COLUMNS)
    sheet.append(["1", "甲园", "咸安区", "公办", "否", "城区", "有", "无", 10])
    book.create_sheet("补充")
    book.save(tmp_path / "幼儿园.xlsx")
    code, stdout, stderr = run(runner, "compute", str(tmp_path))
    assert code == 0 and stdout
    assert (
        f"{tmp_path}/幼儿园.xlsx: warning: sheet 补充 is not read: a record table is the first "
        "visible sheet (幼儿园); move the rows there or save the sheet as a file of its own"
    ) in stderr.splitlines()
