"""A large sheet's rows checked in columns give what the row reader gives: figures, problems,
warnings and notes, each at its cell."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from planctl.read import columns as bulk
from planctl.read import sheetcolumns
from planctl.read.submissions import read_submissions
from tests.conftest import FIXTURES
from tests.read.test_columns import TARGETS, Outcome, outcome, rows

HEADER = ["county", "indicator", "value", "numerator", "denominator", "note", "year"]


def _sheet_outcome(path: Path, monkeypatch: pytest.MonkeyPatch, in_columns: bool) -> Outcome:
    with monkeypatch.context() as patch:
        patch.setattr(sheetcolumns, "COLUMN_ROWS_FROM", 0 if in_columns else 10**9)
        return outcome([path], TARGETS, columns=False)


def assert_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    by_columns = _sheet_outcome(path, monkeypatch, True)
    assert by_columns == _sheet_outcome(path, monkeypatch, False)
    return by_columns


def _as_number(text: str) -> object:
    """A cell as a spreadsheet would hold it: a number where the text is one."""
    try:
        number = float(text)
    except ValueError:
        return text
    return number if text.strip() == text and "_" not in text else text


def _workbook(path: Path, grid: list[list[str]], numbers: bool) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "填报"
    for row in grid:
        # A sheet cannot hold control characters: they are left out, as Excel leaves them.
        texts = [ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row]
        sheet.append([_as_number(cell) if numbers else cell for cell in texts])
    book.save(path)
    return path


@pytest.mark.parametrize(
    "path",
    [
        *sorted((FIXTURES / "workbooks").glob("*.xlsx")),
        *sorted((FIXTURES / "submissions" / "bad").glob("*.csv")),
    ],
    ids=lambda path: path.name,
)
def test_sample_workbooks_read_the_same(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if path.suffix == ".csv":
        # The bad CSV samples, cell for cell on a sheet: every mistake, now at a cell.
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
            grid = list(csv.reader(stream))
        path = _workbook(tmp_path / f"{path.stem}.xlsx", grid, numbers=True)
    assert_same(path, monkeypatch)


def test_a_large_sheet_is_checked_in_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The long sample's rows, repeated past the threshold: taken by the column rules, with
    the same figures and places (Sheet1!B7) as the row reader gives."""
    monkeypatch.setattr(sheetcolumns, "polars_loaded", lambda: True)
    path = _many(tmp_path)
    judged = _spy_judged(monkeypatch)
    (submission,) = read_submissions([path], TARGETS, columns=False)
    assert judged and judged[0] >= sheetcolumns.COLUMN_ROWS_FROM
    first = submission.observations[0]
    assert first.cell is not None and first.cell.startswith("填报!B")
    monkeypatch.setattr(bulk.ColumnReader, "judge", _JUDGE)
    assert_same(path, monkeypatch)


def test_a_sheet_too_short_to_pay_for_loading_polars_is_read_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where nothing loaded polars yet, loading it costs what reading a few thousand rows
    does: a sheet past the threshold but under four times it is read row by row, alike."""
    path = _many(tmp_path)
    monkeypatch.setattr(sheetcolumns, "polars_loaded", lambda: False)
    judged = _spy_judged(monkeypatch)
    (submission,) = read_submissions([path], TARGETS, columns=False)
    assert not judged
    monkeypatch.setattr(sheetcolumns, "polars_loaded", lambda: True)
    (in_columns,) = read_submissions([path], TARGETS, columns=False)
    assert judged
    assert submission.observations == in_columns.observations


_JUDGE = bulk.ColumnReader.judge


def _spy_judged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of sure rows of each batch the column rules judge, as they judge it."""
    judged: list[int] = []

    def spy(self: bulk.ColumnReader, *args: object, **kwargs: object) -> object:
        frame = _JUDGE(self, *args, **kwargs)  # type: ignore[arg-type]
        judged.append(int(frame.get_column("ok").sum()))
        return frame

    monkeypatch.setattr(bulk.ColumnReader, "judge", spy)
    return judged


def _many(tmp_path: Path) -> Path:
    """The long sample's rows, repeated to just past `COLUMN_ROWS_FROM`."""
    sample = FIXTURES / "workbooks" / "canonical.csv"
    with sample.open(encoding="utf-8-sig", newline="") as stream:
        grid = [row for row in csv.reader(stream) if not row[0].startswith("#")]
    header, body = [*grid[0], "year"], grid[1:]
    many = [header]
    for copy in range(sheetcolumns.COLUMN_ROWS_FROM // len(body) + 1):
        # Each copy another year, so none repeats a figure.
        many += [[*row, str(1900 + copy)] for row in body]
    return _workbook(tmp_path / "many.xlsx", many, numbers=True)


@pytest.mark.slow
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(grid=st.lists(rows(), max_size=12), numbers=st.booleans())
def test_random_sheets_read_the_same(
    grid: list[list[str]], numbers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _workbook(Path(folder) / "random.xlsx", [HEADER, *grid], numbers)
        assert_same(path, monkeypatch)
