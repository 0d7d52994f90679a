"""Hostile workbooks end in a clear error or a bounded, fast read; never a hang or a memory blow-up.

Every hostile file is made here, small on disk: a truncated or damaged archive, a zip bomb
that declares gigabytes, one packed a thousand to one, one whose headers lie about its size,
an XML entity bomb, a sheet of a million empty rows, a cell at the sheet's far corner.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from planctl.domain.problems import SubmissionError
from planctl.files.limits import MAX_SHEET_ROWS
from planctl.i18n.codes import Msg
from planctl.read.archive import MAX_PART_BYTES
from planctl.read.submissions import read_submission
from planctl.targets.models import TargetSet
from tests.conftest import FIXTURES

SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>county</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>indicator</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>value</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>咸安区</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>示范幼儿园</t></is></c><c r="C2"><v>9</v></c></row>'
)
SHEET_END = "</sheetData></worksheet>"


def _parts(tmp_path: Path) -> dict[str, bytes]:
    """The parts of a small real workbook."""
    book = Workbook()
    book.worksheets[0].append(["county"])
    book.save(tmp_path / "base.xlsx")
    with zipfile.ZipFile(tmp_path / "base.xlsx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _with_sheet(tmp_path: Path, sheet: bytes, name: str = "county.xlsx") -> Path:
    parts = _parts(tmp_path)
    parts[SHEET] = sheet
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


def _raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of already-deflated parts: (name, deflated bytes, CRC-32, unpacked size)."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, packed, crc, size in entries:
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0, crc, len(packed), size, len(encoded))
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded + packed)
        directory.write(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + encoded
        )
    start, listing = out.tell(), directory.getvalue()
    out.write(listing)
    count = len(entries)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(listing), start, 0))
    return out.getvalue()


def _deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _zeros_deflated(mebibytes: int) -> tuple[bytes, int]:
    """A deflate stream of `mebibytes` MiB of zeros, about 1 KiB per MiB, and its CRC-32.

    A full flush resets the compressor, so every MiB packs to the same bytes: packing one
    and repeating it makes gigabytes in milliseconds."""
    zeros = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(zeros, crc)
    return block * mebibytes + packer.flush(), crc


def _error(path: Path, targets: TargetSet, seconds: float = 5.0) -> SubmissionError:
    started = time.perf_counter()
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, targets)
    assert time.perf_counter() - started < seconds
    return caught.value


@pytest.mark.slow
def test_a_zip_bomb_is_refused_unread(targets: TargetSet, tmp_path: Path) -> None:
    parts = _parts(tmp_path)
    bomb, crc = _zeros_deflated(2048)  # 2 GiB unpacked
    entries = [
        (name, _deflated(data), zlib.crc32(data), len(data))
        for name, data in parts.items()
        if name != SHEET
    ]
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_raw_zip([*entries, (SHEET, bomb, crc, 2048 << 20)]))
    assert path.stat().st_size < 4 << 20
    error = _error(path, targets, seconds=2.0)
    (problem,) = error.problems
    assert problem.code is Msg.WORKBOOK_UNPACKS_TOO_BIG
    assert f"{SHEET} alone 2.0 GiB" in str(problem)


def test_a_part_packed_a_thousand_to_one_is_refused(targets: TargetSet, tmp_path: Path) -> None:
    sheet = SHEET_START.encode() + b" " * (MAX_PART_BYTES // 4) + SHEET_END.encode()
    path = _with_sheet(tmp_path, sheet)
    (problem,) = _error(path, targets).problems
    assert problem.code is Msg.WORKBOOK_BOMB
    assert "no spreadsheet program writes" in str(problem)


def test_a_part_that_lies_about_its_size_fails_its_check(
    targets: TargetSet, tmp_path: Path
) -> None:
    """Headers declaring 2 KiB over 64 MiB of packed zeros: reading stops at 2 KiB."""
    parts = _parts(tmp_path)
    bomb, _ = _zeros_deflated(64)
    entries = [
        (name, _deflated(data), zlib.crc32(data), len(data))
        for name, data in parts.items()
        if name != SHEET
    ]
    path = tmp_path / "liar.xlsx"
    path.write_bytes(_raw_zip([*entries, (SHEET, bomb, 0, 2048)]))
    (problem,) = _error(path, targets).problems
    assert problem.code is Msg.WORKBOOK_UNREADABLE


@pytest.mark.parametrize("damage", ["truncated", "flipped"])
def test_a_damaged_archive(targets: TargetSet, tmp_path: Path, damage: str) -> None:
    source = FIXTURES / "workbooks" / "wide.xlsx"
    data = bytearray(source.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        # The middle of the sheet's packed cells: a deflate or CRC error when they are read.
        with zipfile.ZipFile(source) as archive:
            part = archive.getinfo(SHEET)
        middle = part.header_offset + 30 + len(SHEET) + part.compress_size // 2
        for index in range(middle, middle + 16):
            data[index] ^= 0xFF
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    (problem,) = _error(path, targets).problems
    assert problem.code is Msg.WORKBOOK_UNREADABLE
    assert str(problem).startswith(f"{path}: cannot read the workbook (")


def test_an_xml_entity_bomb(targets: TargetSet, tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    sheet = SHEET_START.replace("<worksheet", f"<!DOCTYPE worksheet [{entities}]><worksheet", 1)
    sheet = sheet.replace("<t>county</t>", "<t>&a9;</t>")
    (problem,) = _error(_with_sheet(tmp_path, (sheet + SHEET_END).encode()), targets).problems
    assert problem.code is Msg.WORKBOOK_UNREADABLE


def _million_empty_rows(dimension: bool) -> bytes:
    sheet = SHEET_START
    if dimension:
        sheet = sheet.replace("<sheetData>", '<dimension ref="A1:C1048576"/><sheetData>')
    rows = "".join(f'<row r="{n}"/>' for n in range(3, 1_048_577))
    return (sheet + rows + SHEET_END).encode()


@pytest.mark.slow
def test_a_million_empty_rows_read_fast(targets: TargetSet, tmp_path: Path) -> None:
    """Every row is read, to the last a sheet has: a few µs of CPU an empty row, and the
    bytes of a part bound how many there can be. CPU time, not the wall clock, which a
    loaded machine stretches past any bound."""
    path = _with_sheet(tmp_path, _million_empty_rows(dimension=True))
    assert path.stat().st_size < 4 << 20
    started = time.process_time()
    submission = read_submission(path, targets)
    assert time.process_time() - started < 10.0
    assert [o.target_id for o in submission.observations] == ["model_kindergartens"]
    assert submission.warnings == []


def test_a_row_past_the_last_a_sheet_has_is_an_error(targets: TargetSet, tmp_path: Path) -> None:
    """Reading such a sheet in part would leave out what is below: none of it is read."""
    far = f'<row r="{MAX_SHEET_ROWS + 1}"><c r="A{MAX_SHEET_ROWS + 1}"><v>1</v></c></row>'
    path = _with_sheet(tmp_path, (SHEET_START + far + SHEET_END).encode())
    (problem,) = _error(path, targets).problems
    assert problem.code is Msg.SHEET_TOO_LONG
    assert str(problem) == (
        f"{path}:Sheet: the sheet has a row numbered 1,048,577, past row 1,048,576, the last a "
        "spreadsheet has: not a sheet Excel or WPS wrote, so none of it is read; save the "
        "sheet again from a spreadsheet program"
    )


@pytest.mark.slow
def test_a_million_empty_rows_without_a_size_record_are_refused(
    targets: TargetSet, tmp_path: Path
) -> None:
    """openpyxl scans a sheet without a size record to learn its size (7 s here); more than
    UNSIZED_SHEETS_BYTES of such sheets is refused before it can."""
    path = _with_sheet(tmp_path, _million_empty_rows(dimension=False))
    (problem,) = _error(path, targets, seconds=2.0).problems
    assert problem.code is Msg.WORKBOOK_SHEET_UNSIZED


@pytest.mark.slow
def test_a_sheet_too_big_to_be_a_submission(targets: TargetSet, tmp_path: Path) -> None:
    """A million rows as LibreOffice writes formatted rows: 130 MiB of XML, refused unread."""
    row = '<row r="{}" s="1" customFormat="true" ht="12.8" hidden="false"/>'
    rows = "".join(row.format(n) for n in range(3, 1_048_577))
    path = _with_sheet(tmp_path, (SHEET_START + rows + SHEET_END).encode())
    (problem,) = _error(path, targets, seconds=2.0).problems
    assert problem.code is Msg.WORKBOOK_UNPACKS_TOO_BIG


def test_a_cell_in_the_far_corner_is_cheap(targets: TargetSet, tmp_path: Path) -> None:
    """A lone cell at XFD1048576 claims the whole grid; reading stays within the bounds."""
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    sheet = SHEET_START.replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    path = _with_sheet(tmp_path, (sheet + far + SHEET_END).encode())
    started = time.perf_counter()
    submission = read_submission(path, targets)
    assert time.perf_counter() - started < 5.0
    assert len(submission.observations) == 1


def test_a_file_too_large_to_be_a_submission(targets: TargetSet, tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:  # sparse: nothing is written to disk
        handle.truncate(40 << 20)
    (problem,) = _error(path, targets).problems
    assert problem.code is Msg.FILE_TOO_LARGE
    assert str(problem).startswith(f"{path}: the file is 40.0 MiB;")


def test_a_zip_that_is_no_workbook(targets: TargetSet, tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    (problem,) = _error(path, targets).problems
    assert problem.code is Msg.WORKBOOK_UNREADABLE
