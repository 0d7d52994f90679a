"""The check as one call: load the targets, read the submissions, gather, judge.

The CLI and library users call `run_check` and get a `Report`; each step is a function of
its own module, so each can be tested alone. Raises PlanctlError with every problem found.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planctl.domain.collector import paused_collection
from planctl.domain.problems import Problem, Severity, SubmissionError
from planctl.files.cache import CacheUse
from planctl.gather.rows import gather
from planctl.i18n.codes import Msg
from planctl.judge.evaluate import choose_view, evaluate, select_counties
from planctl.judge.report import InputFile, Report
from planctl.read.submissions import Submissions, read_submissions
from planctl.targets.load import load_targets
from planctl.targets.models import default_targets_path

if TYPE_CHECKING:
    from planctl.read.columns import Progress


def run_check(
    paths: list[Path],
    targets_path: Path | None = None,
    *,
    year: int | None = None,
    city: bool = False,
    counties: list[str] | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
    columns: bool | None = None,
    cache: CacheUse = CacheUse.ON,
    county_targets: Path | None = None,
    supersede: list[tuple[Path, Path]] | None = None,
) -> Report:
    """Check the submissions at `paths` (files or directories; only `sheet` of a workbook, if
    given) against a targets file; `progress` is told the bytes read, and `columns` says
    whether large CSV files are read in columns (see read_submissions); `cache` how the
    targets file may come from planctl's cache; `county_targets` a bureau's own line per
    county (see read/county_targets.py)."""
    # Reading and judging a national input makes millions of objects and few cycles.
    with paused_collection():
        return _run_check(
            paths,
            targets_path,
            year=year,
            city=city,
            counties=counties,
            sheet=sheet,
            progress=progress,
            columns=columns,
            cache=cache,
            county_targets=county_targets,
            supersede=supersede,
        )


def _run_check(
    paths: list[Path],
    targets_path: Path | None,
    *,
    year: int | None,
    city: bool,
    counties: list[str] | None,
    sheet: str | None,
    progress: Progress | None,
    columns: bool | None,
    cache: CacheUse,
    county_targets: Path | None,
    supersede: list[tuple[Path, Path]] | None,
) -> Report:
    targets = load_targets(targets_path or default_targets_path(), cache)
    if county_targets is not None:
        from planctl.read.county_targets import apply_county_targets

        targets = apply_county_targets(targets, county_targets)
    replaced = {os.path.realpath(old): new for old, new in supersede or []}
    submissions = read_submissions(
        paths,
        targets,
        sheet=sheet,
        progress=progress,
        columns=columns,
        superseded=frozenset(replaced),
    )
    superseded = _superseded(replaced, submissions)
    dataset = gather(submissions, targets, year)
    selected = select_counties(targets, dataset, counties) if counties else []
    view = choose_view(dataset, city, selected)
    inputs = [InputFile(s.display, s.sha256, s.encoding) for s in submissions]
    report = evaluate(targets, dataset, inputs, view, selected)
    # -v names the targets file by its path, where the reports may say "built in".
    where = Problem(Msg.NOTE_TARGETS_FILE, targets.display, level=Severity.NOTE)
    notes = [where, *targets.notes, *(n for s in submissions for n in s.notes)]
    warnings = [*submissions.skipped, *report.warnings]
    return dataclasses.replace(
        report, notes=notes, warnings=warnings, sheet=sheet, superseded=superseded
    )


def _superseded(replaced: dict[str, Path], submissions: Submissions) -> list[tuple[str, str]]:
    """(old, new) of each file superseded, as named; SubmissionError if an old file was not
    among the inputs, or its new one was not read."""
    if not replaced:
        # Nothing superseded: no real path of every file read (a folder of 2,850) is needed.
        return []
    read = {os.path.realpath(s.path): s.display for s in submissions}
    found = dict(submissions.superseded)
    pairs: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for old, new in replaced.items():
        if old not in found:
            problems.append(Problem(Msg.SUPERSEDE_OLD_NOT_READ, old, field="--supersede"))
            continue
        shown = read.get(os.path.realpath(new))
        if shown is None:
            problems.append(Problem(Msg.SUPERSEDE_NEW_NOT_READ, str(new), field="--supersede"))
            continue
        pairs.append((found[old], shown))
    if problems:
        raise SubmissionError(problems)
    return pairs


def run_check_records(
    paths: list[Path],
    targets_path: Path | None = None,
    *,
    measures: Path | None = None,
    engine: str = "duckdb",
    master: str | None = None,
    cache: CacheUse = CacheUse.ON,
    **options: Any,
) -> Report:
    """Compute the figures from the record tables at `paths` (see planctl.records), then check
    them as `run_check` checks a submission; the report names the record files it read."""
    import hashlib
    import tempfile

    from planctl.records.choices import EngineName
    from planctl.records.run import compute_submission, load_both

    targets, records = load_both(targets_path, measures, cache)
    submission, computed = compute_submission(paths, records, targets, EngineName(engine), master)
    with tempfile.TemporaryDirectory(prefix="planctl-computed-") as folder:
        figures = Path(folder) / "computed.csv"
        figures.write_text(submission, encoding="utf-8")
        report = run_check([figures], targets.path, cache=cache, **options)
    inputs = [
        InputFile(name, hashlib.sha256(Path(name).read_bytes()).hexdigest(), "records")
        for files in computed.files.values()
        for name in files
    ]
    return dataclasses.replace(
        report,
        inputs=inputs,
        notes=[*report.notes, *computed.notes],
        warnings=[*computed.warnings, *report.warnings],
    )
