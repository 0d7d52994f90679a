"""Record tables × measures → each county's figures, and the long-layout submission of them.

`compute_figures` finds the record files, checks them row by row, runs the measures on an
engine and returns, for every target whose quantities all have measures (and tables), each
county's figure with the rows behind it. `submission_csv` writes them as the long layout that
`planctl check` reads (county, indicator, value, numerator, denominator, note), the note
naming the tables and the rows counted. Nothing is dropped without a word: a county with no
rows, a target left out for want of a measure or a table, rows that match nothing in a joined
table, each is a warning or an error.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from planctl.domain.problems import Problem, RecordsError, Severity
from planctl.domain.terms import Unit
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.records.engines import Engine, EngineName, open_engine
from planctl.records.spec import Records, quantity_keys
from planctl.records.sql import Query, queries
from planctl.records.tables import Staged, find_tables, stage
from planctl.targets.models import Target, TargetSet

# The first line of a computed submission, which `planctl check` skips as a comment.
HEADER = ["county", "indicator", "value", "numerator", "denominator", "note"]


@dataclass(frozen=True)
class Figure:
    """One county's computed figure for one target."""

    county: str
    target_id: str
    value: float
    numerator: float | None
    denominator: float | None
    # Source name → rows of that county's table behind the figure.
    rows: dict[str, int]


@dataclass
class Computed:
    """Every figure computed, and what was said along the way."""

    figures: list[Figure]
    # Source → the files it was read from (display names).
    files: dict[str, list[str]]
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    # Measure key → county → value, for reconcile's drill-down.
    values: dict[str, dict[str, float]] = field(default_factory=dict)
    # (county, target) → figure, built on first look-up: reconcile asks for every pair.
    _index: dict[tuple[str, str], Figure] = field(default_factory=dict, repr=False)

    def figure(self, county: str, target_id: str) -> Figure | None:
        if len(self._index) != len(self.figures):
            self._index = {(each.county, each.target_id): each for each in self.figures}
        return self._index.get((county, target_id))


@dataclass
class Session:
    """An engine with the record tables registered, open for further queries."""

    engine: Engine
    records: Records
    targets: TargetSet
    staged: dict[str, Staged]


def measured_targets(records: Records, targets: TargetSet) -> dict[str, list[str]]:
    """The targets whose quantities all have measures → the measure keys they need."""
    found: dict[str, list[str]] = {}
    measures = records.spec.measures
    for target in targets.targets:
        keys = _keys_of(target)
        if keys and all(key in measures for key in keys):
            found[target.id] = keys
    return found


def _keys_of(target: Target) -> list[str]:
    keys = quantity_keys(target)
    return keys if len(keys) == (2 if target.has_parts else 1) else []


@contextmanager
def open_session(
    paths: list[Path], records: Records, targets: TargetSet, engine: EngineName, master: str | None
) -> Iterator[Session]:
    """The record tables found under `paths`, checked, staged and registered on an engine."""
    found = find_tables(paths, records)
    with tempfile.TemporaryDirectory(prefix="planctl-records-") as folder:
        staged = stage(found, records, targets, Path(folder))
        connected = open_engine(engine, master)
        try:
            parquet = {name: table for name, table in staged.items() if table.clean is None}
            if parquet:
                from planctl.records.parquet import check_parquet

                check_parquet(parquet, records, targets)
            connected.register(staged, records)
            yield Session(connected, records, targets, staged)
        finally:
            connected.close()


def compute_figures(session: Session, targets: TargetSet) -> Computed:
    """Every computable target's figure for every county with rows."""
    records = session.records
    wanted = measured_targets(records, targets)
    notes: list[Problem] = []
    warnings: list[Problem] = []
    usable: dict[str, list[str]] = {}
    for target_id, keys in wanted.items():
        lacking = [
            source
            for key in keys
            for source in _sources_of(records, key)
            if source not in session.staged
        ]
        if lacking:
            fields: dict[str, object] = {
                "target": target_id,
                "sources": ", ".join(dict.fromkeys(lacking)),
            }
            warnings.append(
                Problem(
                    Msg.RECORDS_TARGET_NO_TABLE,
                    records.display,
                    fields=fields,
                    level=Severity.WARNING,
                )
            )
            continue
        usable[target_id] = keys
    left_out = [t.id for t in targets.targets if t.id not in wanted]
    if left_out:
        notes.append(
            Problem(
                Msg.RECORDS_TARGETS_NOT_MEASURED,
                records.display,
                fields={"targets": ", ".join(left_out)},
                level=Severity.NOTE,
            )
        )
    if not usable:
        raise RecordsError([Problem(Msg.RECORDS_NOTHING_TO_COMPUTE, records.display)])
    keys = list(dict.fromkeys(key for each in usable.values() for key in each))
    values, rows = _run(session, queries(records, keys, session.engine.dialect), targets)
    figures: list[Figure] = []
    for target in targets.targets:
        if target.id not in usable:
            continue
        figures.extend(_figures_of(target, usable[target.id], values, rows, records, warnings))
    warnings = [w for table in session.staged.values() for w in table.warnings] + warnings
    files = {name: [file.display for file in table.files] for name, table in session.staged.items()}
    return Computed(figures, files, warnings, notes, values)


def _sources_of(records: Records, key: str) -> list[str]:
    measure = records.spec.measures[key]
    return [measure.from_] + ([measure.join.source] if measure.join is not None else [])


def _run(
    session: Session, planned: list[Query], targets: TargetSet
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, int]]]:
    """Measure → county → value, and measure → county → rows counted."""
    values: dict[str, dict[str, float]] = {}
    rows: dict[str, dict[str, int]] = {}
    problems: list[Problem] = []
    # (source, county) → how the table spells the county.
    spellings: dict[tuple[str, str], list[str]] = {}
    for query in planned:
        for record in session.engine.rows(query.sql):
            raw, count, *figures = record
            if raw is None:
                # Rows of the table that the join placed in no county: said, never dropped.
                fields: dict[str, object] = {
                    "rows": f"{int(count):,}",
                    "source": query.source,
                    "joined": query.join or "",
                }
                problems.append(
                    Problem(Msg.RECORDS_JOIN_UNMATCHED, session.records.display, fields=fields)
                )
                continue
            county = targets.find_county(str(raw))
            name = county.name if county is not None else str(raw)
            spelled = spellings.setdefault((query.source, name), [])
            spelled.append(str(raw))
            distinct = [
                key
                for key in query.measures
                if session.records.spec.measures[key].aggregate == "count_distinct"
            ]
            if len(spelled) == 2 and distinct:
                # Distinct values counted per spelling cannot be added: one child under 咸安
                # and 咸安区 would count twice.
                fields = {
                    "county": name,
                    "spellings": ", ".join(sorted(spelled)),
                    "source": query.source,
                }
                problems.append(
                    Problem(Msg.RECORDS_COUNTY_SPELLINGS, session.records.display, fields=fields)
                )
            for key, value in zip(query.measures, figures, strict=True):
                values.setdefault(key, {})
                values[key][name] = values[key].get(name, 0.0) + float(value or 0)
                rows.setdefault(key, {})
                rows[key][name] = rows[key].get(name, 0) + int(count)
    if problems:
        raise RecordsError(problems)
    return values, rows


def _figures_of(
    target: Target,
    keys: list[str],
    values: dict[str, dict[str, float]],
    rows: dict[str, dict[str, int]],
    records: Records,
    warnings: list[Problem],
) -> Iterator[Figure]:
    counties = list(dict.fromkeys(county for key in keys for county in values.get(key, {})))
    for county in counties:
        behind = {
            records.spec.measures[key].from_: rows.get(key, {}).get(county, 0) for key in keys
        }
        if len(keys) == 1:
            count = values.get(keys[0], {}).get(county, 0.0)
            yield Figure(county, target.id, count, None, None, behind)
            continue
        numerator = values.get(keys[0], {}).get(county)
        denominator = values.get(keys[1], {}).get(county)
        if numerator is None or denominator is None or denominator == 0:
            fields: dict[str, object] = {"county": county, "target": target.id}
            warnings.append(
                Problem(
                    Msg.RECORDS_NO_DENOMINATOR,
                    records.display,
                    fields=fields,
                    level=Severity.WARNING,
                )
            )
            continue
        scale = 100.0 if target.unit is Unit.PERCENT else 1.0
        yield Figure(
            county, target.id, scale * numerator / denominator, numerator, denominator, behind
        )


def submission_csv(computed: Computed, targets: TargetSet) -> str:
    """The figures as a long-layout submission, one row per county and target."""
    out = io.StringIO()
    sources = "; ".join(f"{name}: {', '.join(files)}" for name, files in computed.files.items())
    out.write("# " + text(Msg.RECORDS_COMPUTED_HEADER, sources=sources) + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    order = {county.name: index for index, county in enumerate(targets.counties)}
    target_order = {target.id: index for index, target in enumerate(targets.targets)}
    for figure in sorted(
        computed.figures,
        key=lambda f: (order.get(f.county, len(order)), target_order[f.target_id]),
    ):
        note = "; ".join(
            text(
                Msg.RECORDS_NOTE,
                source=name,
                files=", ".join(computed.files.get(name, [])),
                rows=f"{count:,}",
            )
            for name, count in figure.rows.items()
        )
        parts = [figure.numerator, figure.denominator]
        value = f"{figure.value:.2f}" if figure.numerator is not None else _whole(figure.value)
        writer.writerow(
            [
                figure.county,
                figure.target_id,
                value,
                *("" if part is None else _whole(part) for part in parts),
                note,
            ]
        )
    return out.getvalue()


def _whole(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)
