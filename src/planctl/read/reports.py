"""planctl's own reports, told from the counties' submissions beside them by what the report
writers put in every report they write, never by a file's name.

A CSV report begins with its fixed header row (planctl.render.csv.COLUMNS, after its BOM). An
Excel report carries a custom document property, `REPORT_PROPERTY`, which render/xlsx.py
stamps on every workbook it writes and which Excel, WPS and LibreOffice keep when they save the
file again; its sheets' names are in the language of the run, so they cannot tell it. Reading
either takes a few bytes or a small part of the archive, within the bounds of reading the file
itself; a file that cannot be read is not a report here, and reading it for real says why.
"""

from __future__ import annotations

from pathlib import Path

from planctl.domain.problems import SubmissionError
from planctl.files.limits import CSV_SUBMISSION, InputLimit
from planctl.files.text import open_input
from planctl.i18n.codes import Msg
from planctl.read.kinds import WORKBOOK_SUFFIXES

# How planctl's own CSV report begins: a file that does is one of its reports, never a
# county's submission.
REPORT_CSV_START = "\ufeffview,year,scope,county,county_en,target,".encode()
# The custom document property every Excel report of planctl's has (its value: the version
# that wrote it); no county's workbook has a property of this name.
REPORT_PROPERTY = "planctl report"
# Where a workbook keeps its custom properties, and the most a part of them takes: a few
# hundred bytes for planctl's, a few KiB for a workbook with dozens.
_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_PART_BYTES = 256 * 1024
_PROPERTY_TAG = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties property"


def is_planctl_report(path: Path) -> bool:
    """Whether `path` is a report that planctl wrote: CSV by its first bytes, a workbook
    (`.xlsx`, `.xlsm`) by its stamp."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return is_workbook_report(path)
    try:
        # Opened as every input is: a pipe named report.csv must not hang the search.
        with open_input(path, SubmissionError, CSV_SUBMISSION) as file:
            return file.read(len(REPORT_CSV_START)) == REPORT_CSV_START
    except (SubmissionError, OSError):  # reading it for real will say what is wrong
        return False


def is_workbook_report(path: Path) -> bool:
    """Whether `path` is an Excel report that planctl wrote (by `REPORT_PROPERTY`)."""
    # The workbook readers' bound, and the zip and XML modules, only for a workbook.
    import zipfile
    import zlib

    from planctl.read.workbook import MAX_WORKBOOK_BYTES

    limit = InputLimit(MAX_WORKBOOK_BYTES, Msg.INPUT_SUBMISSION)
    try:
        # Only the archive's directory and the one small part are read, not the sheets.
        with (
            open_input(path, SubmissionError, limit) as file,
            zipfile.ZipFile(file) as archive,
        ):
            part = archive.getinfo(_CUSTOM_PART)
            if part.file_size > _CUSTOM_PART_BYTES:
                return False
            xml = archive.read(part)
    except (
        SubmissionError,
        OSError,
        EOFError,
        KeyError,
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ):
        # Not a zip (an .xls, a CSV misnamed), no custom properties, a damaged, encrypted or
        # oddly packed part: not planctl's; reading it as a workbook says what it is.
        return False
    return REPORT_PROPERTY in _custom_property_names(xml)


class _Refused(Exception):
    """The part declares a document type, which no spreadsheet program writes there."""


def _custom_property_names(xml: bytes) -> set[str]:
    """The names of the custom document properties in `xml`; none if it does not parse."""
    from xml.parsers import expat

    names: set[str] = set()
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag == _PROPERTY_TAG:
            names.add(attributes.get("name", ""))

    # As sheetxml does: entities could only blow the part up (the "billion laughs").
    def refuse(*_: object) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    try:
        parser.Parse(xml, True)
    except (_Refused, expat.ExpatError, ValueError):
        return set()
    return names
