"""The registry of input kinds: each kind's file names, and a file's kind told by its bytes."""

from __future__ import annotations

import pytest

from planctl.read.kinds import (
    CSV_SUFFIXES,
    SUBMISSION_SUFFIXES,
    WORKBOOK_SUFFIXES,
    Kind,
    kind_of,
    suffixes_of,
)


def test_every_kind_has_file_names_of_its_own() -> None:
    names = [suffix for kind in Kind for suffix in suffixes_of(kind)]
    assert len(names) == len(set(names))
    assert all(name.startswith(".") and name == name.lower() for name in names)


def test_a_folder_contributes_the_names_of_every_kind_in_order() -> None:
    assert SUBMISSION_SUFFIXES == (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")
    assert set(CSV_SUFFIXES) | set(WORKBOOK_SUFFIXES) == set(SUBMISSION_SUFFIXES)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04rest of a zip", Kind.XLSX),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Kind.XLS),
        (b"county,indicator,value\n", Kind.CSV),
        (b"", Kind.CSV),
    ],
)
def test_a_file_is_the_kind_its_bytes_say(data: bytes, kind: Kind) -> None:
    assert kind_of(data) is kind
    assert kind.workbook is (kind is not Kind.CSV)
