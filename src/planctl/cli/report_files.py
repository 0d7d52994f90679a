"""Writing report files: every one of them or none, each one whole, and out of the inputs.

Each file is staged in full beside its destination and flushed to disk (`planctl.files.output`),
then all are renamed into place: a reader, or a CI job uploading the files, sees the old
report or the new one, never half of one. When any file cannot be written, the temporary
files are removed and no report is replaced. Before writing, the temporary files that an
earlier run killed mid-write left beside these reports are removed.

A report is never written over an input file, nor into a folder the check reads: outputs
kept apart from inputs, and a report with a submission's extension (.csv) would be found
among the submissions by the next check of that folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from planctl.domain.problems import PlanctlError, Problem
from planctl.files.output import Staged, remove_leftovers
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.read.kinds import SUBMISSION_SUFFIXES
from planctl.render import FORMAT_BY_SUFFIX


def reports_in_read_folders(reports: Iterable[Path], read: Iterable[Path]) -> list[Problem]:
    """A problem for each report that would land in a folder the check reads.

    The folders read are the directories among `read` (the check's FILE_OR_DIR arguments)
    and every folder below one that the check walks into: not a hidden one (`.reports`), as
    the check skips those. A report beside a file given by name is not in a folder read.
    """
    folders = [path.resolve() for path in read if path.is_dir()]
    problems = []
    for report in reports:
        where = report.resolve().parent
        for folder in folders:
            if where == folder or (
                where.is_relative_to(folder)
                and not any(
                    part.startswith((".", "~$")) for part in where.relative_to(folder).parts
                )
            ):
                # Only a report the check would find again is said to be found: the others
                # (.json, .md, .xml, .html, .txt) are refused only to keep outputs apart.
                suffix = report.suffix.lower()
                code = Msg.REPORT_IN_INPUT_FOLDER
                if suffix in SUBMISSION_SUFFIXES:
                    code = Msg.REPORT_READABLE_IN_INPUT_FOLDER
                fields = {"folder": folder, "suffix": suffix}
                problems.append(Problem(code, str(report), fields=fields))
                break
    return problems


def write_reports(
    reports: Mapping[Path, bytes | Iterable[bytes]], inputs: Iterable[Path] = ()
) -> None:
    """Write each report's bytes (whole, or pieces drawn as they are written) to its path;
    PlanctlError naming every one that cannot be."""
    if not reports:
        # No report to write: the inputs (a folder of 2,850 files) need no resolving.
        return
    protected = {path.resolve() for path in inputs}
    problems = [
        Problem(Msg.REPORT_IS_INPUT, str(path)) for path in reports if path.resolve() in protected
    ]
    if problems:
        raise PlanctlError(problems)
    for folder in {path.parent for path in reports}:
        remove_leftovers(folder, _is_report_name)
    staged: list[Staged] = []
    try:
        for path, data in reports.items():
            if path.is_dir():
                problems.append(_unwritable(path, text(Msg.FILE_IS_DIRECTORY)))
                continue
            try:
                staged.append(Staged(path, data))
            except OSError as exc:
                problems.append(_unwritable(path, exc.strerror or exc.__class__.__name__))
        if problems:
            raise PlanctlError(problems)
        while staged:
            staged[0].commit()
            staged.pop(0)
    finally:
        for file in staged:
            file.discard()


def _is_report_name(name: str) -> bool:
    return Path(name).suffix.lower() in FORMAT_BY_SUFFIX


def _unwritable(path: Path, reason: str) -> Problem:
    return Problem(Msg.REPORT_UNWRITABLE, str(path), fields={"reason": reason})
