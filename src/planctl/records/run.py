"""The records commands as calls: load the targets and the records file, compute, reconcile.

The CLI and library users call these and get plain results; the engine is opened and closed
within each call.
"""

from __future__ import annotations

from pathlib import Path

from planctl.files.cache import CacheUse
from planctl.records.compute import (
    Computed,
    compute_figures,
    measured_targets,
    open_session,
    submission_csv,
)
from planctl.records.engines import EngineName
from planctl.records.reconcile import Reconciliation, reconcile
from planctl.records.spec import Records, default_records_path, load_records
from planctl.records.sql import Dialect, script
from planctl.targets.load import load_targets
from planctl.targets.models import TargetSet, default_targets_path


def load_both(
    targets_path: Path | None, records_path: Path | None, cache: CacheUse = CacheUse.ON
) -> tuple[TargetSet, Records]:
    """The targets file and its records file (by default the one beside it)."""
    targets = load_targets(targets_path or default_targets_path(), cache)
    return targets, load_records(records_path or default_records_path(targets.path), targets)


def emit_sql_script(records: Records, targets: TargetSet, dialect: Dialect) -> str:
    """The SQL of every measure a target uses, for a warehouse."""
    keys = list(
        dict.fromkeys(key for each in measured_targets(records, targets).values() for key in each)
    )
    return script(records, keys, dialect)


def compute_submission(
    paths: list[Path],
    records: Records,
    targets: TargetSet,
    engine: EngineName = EngineName.DUCKDB,
    master: str | None = None,
) -> tuple[str, Computed]:
    """The long-layout submission of the figures computed from the tables at `paths`."""
    with open_session(paths, records, targets, engine, master) as session:
        computed = compute_figures(session, targets)
    return submission_csv(computed, targets), computed


def reconcile_records(
    submissions: list[Path],
    paths: list[Path],
    records: Records,
    targets: TargetSet,
    engine: EngineName = EngineName.DUCKDB,
    master: str | None = None,
    year: int | None = None,
) -> Reconciliation:
    """The submitted figures at `submissions` beside those computed from `paths`."""
    from planctl.gather.rows import gather
    from planctl.read.submissions import read_submissions

    read = read_submissions(submissions, targets)
    dataset = gather(read, targets, year)
    with open_session(paths, records, targets, engine, master) as session:
        computed = compute_figures(session, targets)
        return reconcile(dataset, computed, session, targets)
