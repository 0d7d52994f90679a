"""planctl's own reports told from submissions: by the stamp the writers put in them, within
bounds, and never a county's workbook taken for one."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from planctl.check import run_check
from planctl.read.reports import REPORT_PROPERTY, is_planctl_report, is_workbook_report
from planctl.render import Format, render_file
from planctl.render.options import RenderOptions
from tests.conftest import DATA, FIXTURES

WORKBOOKS = FIXTURES / "workbooks"


def custom_part(*names: str, padding: int = 0, doctype: str = "") -> str:
    properties = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" '
        f'name="{name}"><vt:lpwstr>1</vt:lpwstr></property>'
        for pid, name in enumerate(names, start=2)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{properties}{" " * padding}</Properties>'
    )


def workbook_with(path: Path, custom: str | None) -> Path:
    """The fixture workbook with `custom` as its custom properties part."""
    with zipfile.ZipFile(WORKBOOKS / "long.xlsx") as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            if item.filename != "docProps/custom.xml":
                out.writestr(item, source.read(item))
        if custom is not None:
            out.writestr("docProps/custom.xml", custom, zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("format_", [Format.XLSX, Format.CSV])
def test_a_report_planctl_wrote_is_one(tmp_path: Path, format_: Format) -> None:
    path = tmp_path / f"report.{format_.value}"
    path.write_bytes(render_file(format_, run_check([DATA]), RenderOptions()))
    assert is_planctl_report(path)
    # By what it holds, not its name.
    renamed = path.rename(tmp_path / f"county.{'xlsm' if format_ is Format.XLSX else 'tsv'}")
    assert is_planctl_report(renamed)


@pytest.mark.parametrize(
    "name", ["long.xlsx", "wide.xlsx", "wide.xls", "broken.xlsx", "wide.csv", "canonical.csv"]
)
def test_a_submission_is_none(name: str) -> None:
    assert not is_planctl_report(WORKBOOKS / name)


@pytest.mark.parametrize(
    ("custom", "report"),
    [
        (custom_part("填报单位", REPORT_PROPERTY), True),
        # Other properties, one named like planctl, are a county's own.
        (custom_part("填报单位", "planctl", "report"), False),
        (None, False),
        # Not XML, or a part with a DTD (an entity could expand it): not read as a report.
        ("planctl report", False),
        (
            custom_part(
                REPORT_PROPERTY, doctype='<!DOCTYPE Properties [<!ENTITY a "planctl report">]>'
            ),
            False,
        ),
        # Larger than any custom properties a workbook holds: not unpacked.
        (custom_part(REPORT_PROPERTY, padding=300 * 1024), False),
    ],
    ids=["stamped", "other-properties", "none", "not-xml", "dtd", "too-large"],
)
def test_a_workbook_is_a_report_by_its_stamp_alone(
    tmp_path: Path, custom: str | None, report: bool
) -> None:
    path = workbook_with(tmp_path / "county.xlsx", custom)
    assert is_workbook_report(path) is report


def test_a_damaged_part_is_none(tmp_path: Path) -> None:
    """A stamped part whose packed bytes are broken: no error here, the reader says why."""
    path = workbook_with(tmp_path / "county.xlsx", custom_part(REPORT_PROPERTY))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        part = archive.getinfo("docProps/custom.xml")
    start = part.header_offset + 30 + len(part.filename.encode()) + len(part.extra)
    data[start : start + part.compress_size] = b"\xff" * part.compress_size
    path.write_bytes(bytes(data))
    assert not is_workbook_report(path)


def test_a_workbook_name_that_holds_text_is_none(tmp_path: Path) -> None:
    path = tmp_path / "county.xlsx"
    path.write_text(f"county,indicator,value\n{REPORT_PROPERTY},x,1\n", encoding="utf-8")
    assert not is_planctl_report(path)
