"""The figures of column-read submissions, gathered and looked up without an object each.

`gather` (rows.py) hands submissions read in columns (see read/columns.py) here. The
rules are rules.py's: a file with no figures for the year judged is an error, years after
it are ignored with a warning, a county and year given in two files must agree, parts that
count the same people must agree; each is found over whole columns, and its message is made
by rules.py's own functions from the few figures concerned, so it reads the same. The
dataset answers what judging asks (this year's figures, earlier values, the city's history)
from the columns; an Observation is made only for a figure a report shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from planctl.domain.pooling import Figure, pool
from planctl.domain.problems import Problem, Severity, SubmissionError
from planctl.domain.terms import Rollup
from planctl.gather import rules
from planctl.gather.dataset import Dataset
from planctl.read.columns import ColumnRead, figure_schema, load_polars
from planctl.read.submissions import Observation, Submission
from planctl.targets.models import Target, TargetSet

if TYPE_CHECKING:
    import polars as pl
    from polars import DataFrame

_FIGURE = ("county", "target", "value", "numerator", "denominator")
# Sums of whole numbers below this are exact in floating point in any order, so polars adds
# them as Python would; other sums are made by pooling.pool, in its order.
_EXACT = 2.0**53
# How many counties' observations `current` makes at a time.
_BATCH = 64


class Values(NamedTuple):
    """A county's figure, for pooling: value and parts."""

    value: float
    numerator: float | None
    denominator: float | None


@dataclass(frozen=True)
class _Place:
    """Where a submission's figures came from, to make their observations."""

    display: str
    # For a file read row by row (a workbook): each figure's (line, cell), by its position.
    cells: list[tuple[int, str | None]] | None


@dataclass(frozen=True)
class ColumnDataset(Dataset):
    """A dataset held in columns; see the module's docstring.

    `rows` holds one row per figure kept: sub (the submission's position), at (its line, or
    for a file read row by row its position), county (an index into `names`), target (into
    the targets), year (as written, null if none), value, numerator, denominator.
    """

    columnar: ClassVar[bool] = True
    targets: TargetSet | None = None
    rows: pl.DataFrame = None  # type: ignore[assignment]  # always given; a default for the base's fields
    names: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    places: list[_Place] = field(default_factory=list)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict)

    @property
    def counties(self) -> list[str]:
        if "counties" not in self._cache:
            present = set(self._current().get_column("county").unique().to_list())
            self._cache["counties"] = [
                name for name in self.order if self._index()[name] in present
            ]
        counties: list[str] = self._cache["counties"]
        return counties

    def current(self, county: str) -> dict[str, Observation]:
        index = self._index().get(county)
        if index is None:
            return {}
        # A report reads its counties' results one after another, in its order: made for a
        # batch of them at a time, from the county asked on. A national check's 85,500 held
        # at once took 19 MiB and more; a batch, well under one.
        known: dict[int, dict[str, Observation]] | None = self._cache.get("current")
        if known is None or index not in known:
            known = self._cache["current"] = self._current_batch(index)
        return known[index]

    def _current_batch(self, index: int) -> dict[int, dict[str, Observation]]:
        """This year's observations of the county `index` and of the next counties a report
        asks (see `_asked`), by county: gathered from their slices of the figures sorted by
        county, found once for all counties by a search of the sorted county indexes."""
        pl = load_polars()
        order, place = self._asked()
        batch = order[place[index] : place[index] + _BATCH] if index in place else [index]
        rows, firsts = self._current_firsts()
        spans = [(firsts[at], firsts[at + 1]) for at in batch]
        wanted = pl.Series([row for first, last in spans for row in range(first, last)])
        observations = self._observations(rows[wanted] if len(wanted) else rows.clear())
        by_county: dict[int, dict[str, Observation]] = {}
        for at, (first, last) in zip(batch, spans, strict=True):
            found = by_county[at] = {}
            for _ in range(first, last):
                observation = next(observations)
                found[observation.target_id] = observation
        return by_county

    def _asked(self) -> tuple[list[int], dict[int, int]]:
        """The counties' indexes in the order a report asks their results (the targets
        file's counties, then the others as the input gives them), and each one's place."""
        if "asked" not in self._cache:
            assert self.targets is not None
            index = self._index()
            expected = [county.name for county in self.targets.counties]
            order = [index[n] for n in dict.fromkeys(expected + self.order) if n in index]
            self._cache["asked"] = (order, {at: place for place, at in enumerate(order)})
        asked: tuple[list[int], dict[int, int]] = self._cache["asked"]
        return asked

    def _current_firsts(self) -> tuple[pl.DataFrame, list[int]]:
        """This year's figures sorted by county, and for each county (and past the last) the
        row its figures begin at."""
        if "current_firsts" not in self._cache:
            pl = load_polars()
            rows = self._current()
            numbers = pl.Series(range(len(self.names) + 1), dtype=pl.UInt32)
            firsts = rows.get_column("county").search_sorted(numbers, "left").to_list()
            self._cache["current_firsts"] = (rows, firsts)
        found: tuple[DataFrame, list[int]] = self._cache["current_firsts"]
        return found

    def earlier(self, county: str, target_id: str) -> list[Observation]:
        pl = load_polars()
        index, target = self._index().get(county), self._target_index().get(target_id)
        rows = self._effective().filter(
            (pl.col("county") == index)
            & (pl.col("target") == target)
            & (pl.col("year") < self.year)
        )
        return list(self._observations(rows.sort("year")))

    def earlier_points(self, county: str, target_id: str) -> list[tuple[int, float]]:
        return list(self.county_points(county).get(target_id, []))

    def county_points(self, county: str) -> dict[str, list[tuple[int, float]]]:
        # One county's at a time, as renderers ask county by county: a national report's
        # million points held as tuples took 230 MB. Kept for the county last asked, as a
        # report that reads one of its trends reads them all.
        known = self._cache.get("points")
        if known is None or known[0] != county:
            index = self._index().get(county)
            points = {} if index is None else self._county_points(index)
            known = self._cache["points"] = (county, points)
        found: dict[str, list[tuple[int, float]]] = known[1]
        return found

    def _county_points(self, index: int) -> dict[str, list[tuple[int, float]]]:
        """One county's earlier values by target id: its slice of the earlier figures sorted
        by county, target, year and value, cut where each of its targets' rows begin (found
        once for all counties: no Python work per figure but making its pair)."""
        rows, heads, targets, firsts = self._points_frame()
        first, last = firsts[index], firsts[index + 1]
        if first == last:
            return {}
        begin = heads[first]
        part = rows.slice(begin, heads[last] - begin)
        pairs = list(zip(*(part.get_column(c).to_list() for c in ("year", "value")), strict=True))
        assert self.targets is not None
        ids = [target.id for target in self.targets.targets]
        points: dict[str, list[tuple[int, float]]] = {}
        for group in range(first, last):
            points[ids[targets[group]]] = pairs[heads[group] - begin : heads[group + 1] - begin]
        return points

    def _points_frame(self) -> tuple[pl.DataFrame, list[int], list[int], list[int]]:
        """The earlier figures sorted by county, target, year and value (the value too: were
        a year given twice, its points are in the order sorted() gives pairs, as trend_of
        sorts them); the row where each county's target begins (and the end); that target's
        number; and for each county (and past the last), its first such group."""
        if "points_frame" not in self._cache:
            pl = load_polars()
            wanted = ("county", "target", "year", "value")
            rows = self._earlier().select(wanted).sort(wanted)
            new = (
                (pl.col("county") != pl.col("county").shift())
                | (pl.col("target") != pl.col("target").shift())
            ).fill_null(True)
            at = rows.select(pl.arg_where(new)).to_series()
            groups = rows.select(pl.col("county", "target").gather(at))
            heads = [*at.to_list(), rows.height]
            targets = groups.get_column("target").to_list()
            numbers = pl.Series(range(len(self.names) + 1), dtype=pl.UInt32)
            firsts = groups.get_column("county").search_sorted(numbers, "left").to_list()
            self._cache["points_frame"] = (rows, heads, targets, firsts)
        found: tuple[DataFrame, list[int], list[int], list[int]] = self._cache["points_frame"]
        return found

    def earlier_years(self) -> list[int]:
        if "earlier_years" not in self._cache:
            years = self._earlier().get_column("year").unique().sort().to_list()
            self._cache["earlier_years"] = years
        earlier: list[int] = self._cache["earlier_years"]
        return earlier

    def figure(self, county: str, year: int, target_id: str) -> Observation | None:
        pl = load_polars()
        index, target = self._index().get(county), self._target_index().get(target_id)
        if index is None or target is None:
            return None
        rows = self._effective().filter(
            (pl.col("county") == index) & (pl.col("target") == target) & (pl.col("year") == year)
        )
        return next(iter(self._observations(rows)), None)

    def current_frame(self) -> pl.DataFrame:
        """This year's figures as columns, by county: county (an index into `names`), target
        (into the targets), value, numerator, denominator. What judging in columns reads."""
        return self._current().select(_FIGURE)

    def current_totals(self, left_out: frozenset[str] = frozenset()) -> pl.DataFrame:
        """This year's figures added up by target, but those of the counties `left_out`: per
        target (its index), as `_yearly_totals` adds up each earlier year's."""
        key = f"current_totals {sorted(left_out)}"
        if key not in self._cache:
            pl = load_polars()
            index = self._index()
            gone = [index[name] for name in left_out if name in index]
            rows = self._current()
            if gone:
                rows = rows.filter(~pl.col("county").is_in(pl.Series(gone, dtype=pl.UInt32)))
            self._cache[key] = _yearly_totals(rows, ["target"])
        totals: DataFrame = self._cache[key]
        return totals

    def current_figures(self, target_id: str) -> dict[str, Figure]:
        if "current_figures" not in self._cache:
            by_target: dict[int, dict[str, Figure]] = {}
            rows = self._current()
            names = self.names
            for county, target, value, numerator, denominator in zip(
                *(rows.get_column(c).to_list() for c in _FIGURE), strict=True
            ):
                by_target.setdefault(target, {})[names[county]] = Values(
                    value, numerator, denominator
                )
            self._cache["current_figures"] = by_target
        target = self._target_index().get(target_id)
        found: dict[str, Figure] = self._cache["current_figures"].get(target, {})
        return found

    def city_history(self, target: Target, expected: list[str]) -> dict[int, float]:
        return self.city_histories([(target, expected)])[0]

    def city_histories(self, asked: Sequence[tuple[Target, list[str]]]) -> list[dict[int, float]]:
        """`city_history` of each target with its expected counties, in one grouped pass over
        the earlier years: the city's trends of a whole check at once, not a pass a target."""
        pl = load_polars()
        index, numbers = self._index(), self._target_index()
        wanted = [list(dict.fromkeys(expected)) for _, expected in asked]
        # A county the dataset does not hold reported no year: no history.
        known = [at for at, names in enumerate(wanted) if all(name in index for name in names)]
        # Each target asked of every county is added up with every other (made once); a target
        # asked of some counties, with the others asked so, their figures picked by a join.
        every = [at for at in known if len(wanted[at]) == len(index)]
        some = [at for at in known if len(wanted[at]) < len(index)]
        found: dict[int, list[tuple[Any, ...]]] = {}
        if every:
            if "totals" not in self._cache:
                # From the figures as kept, filtered as they are summed: no copy of them.
                earlier = self._effective().lazy().filter(pl.col("year") < self.year)
                self._cache["totals"] = _yearly_totals(earlier, ["target", "year"])
            by_target: dict[int, list[tuple[Any, ...]]] = {}
            for row in self._cache["totals"].sort("target", "year").iter_rows():
                by_target.setdefault(row[0], []).append(row[1:])
            for at in every:
                found[at] = by_target.get(numbers[asked[at][0].id], [])
        if some:
            pairs = pl.DataFrame(
                {
                    "ask": [at for at in some for _ in wanted[at]],
                    "target": [numbers[asked[at][0].id] for at in some for _ in wanted[at]],
                    "county": [index[name] for at in some for name in wanted[at]],
                },
                schema={"ask": pl.UInt32, "target": pl.UInt16, "county": pl.UInt32},
            )
            earlier = self._effective().lazy().filter(pl.col("year") < self.year)
            picked = earlier.join(pairs.lazy(), on=["target", "county"])
            totals = _yearly_totals(picked, ["ask", "year"])
            found.update((at, []) for at in some)
            for row in totals.sort("ask", "year").iter_rows():
                found[row[0]].append(row[1:])
        return [
            self._history(target, wanted[at], found[at]) if at in found else {}
            for at, (target, _) in enumerate(asked)
        ]

    def _history(
        self, target: Target, wanted: list[str], totals: list[tuple[Any, ...]]
    ) -> dict[int, float]:
        """The city's figure of each earlier year all `wanted` counties reported, from each
        year's totals (oldest first, as `_yearly_totals` adds them up)."""
        pl = load_polars()
        number = self._target_index()[target.id]
        history: dict[int, float] = {}
        for year, reported, unparted, whole, parts_whole, value, numerator, denominator in totals:
            if reported < len(wanted):
                continue
            # Only what is added up must be whole: the values of a sum, the parts of a rate.
            sums = [value] if target.rollup is Rollup.SUM else [numerator, denominator]
            exact = whole if target.rollup is Rollup.SUM else parts_whole
            if not exact or any(abs(total) >= _EXACT for total in sums):
                # The year's figures of every county: pooled, in order, for those wanted.
                rows = self._earlier().filter(
                    (pl.col("target") == number) & (pl.col("year") == year)
                )
                total = self._pool_in_order(target, rows, wanted)
                if total is not None:
                    history[year] = total
                continue
            if target.rollup is Rollup.SUM:
                history[year] = value
            elif not unparted and denominator:
                history[year] = numerator * target.unit.scale / denominator
        return history

    def _pool_in_order(self, target: Target, rows: pl.DataFrame, wanted: list[str]) -> float | None:
        """pooling.pool over one year's figures, added in the expected counties' order."""
        by_county = {
            self.names[county]: Values(value, numerator, denominator)
            for county, value, numerator, denominator in rows.select(
                "county", "value", "numerator", "denominator"
            ).iter_rows()
        }
        figures: dict[str, Figure | None] = {name: by_county.get(name) for name in wanted}
        total = pool(target, figures)
        return total.value if not total.lacking else None

    # --- Frames and indexes, made when first needed ----------------------------------------

    def _effective(self) -> pl.DataFrame:
        """`rows` with each row's year the year judged where it gave none."""
        if "effective" not in self._cache:
            pl = load_polars()
            self._cache["effective"] = self.rows.with_columns(
                pl.col("year").alias("written"), pl.col("year").fill_null(self.year)
            )
        frame: DataFrame = self._cache["effective"]
        return frame

    def _current(self) -> pl.DataFrame:
        if "current_rows" not in self._cache:
            pl = load_polars()
            frame = self._effective().filter(pl.col("year") == self.year).sort("county")
            self._cache["current_rows"] = frame
        current: DataFrame = self._cache["current_rows"]
        return current

    def _earlier(self) -> pl.DataFrame:
        """The figures of earlier years, in input order: what the city's history needs."""
        if "earlier" not in self._cache:
            pl = load_polars()
            columns = ("county", "target", "year", "value", "numerator", "denominator")
            frame = self._effective().select(columns).filter(pl.col("year") < self.year)
            self._cache["earlier"] = frame
        earlier: DataFrame = self._cache["earlier"]
        return earlier

    def _index(self) -> dict[str, int]:
        if "index" not in self._cache:
            self._cache["index"] = {name: i for i, name in enumerate(self.names)}
        index: dict[str, int] = self._cache["index"]
        return index

    def _target_index(self) -> dict[str, int]:
        if "target_index" not in self._cache:
            assert self.targets is not None
            targets = self.targets.targets
            self._cache["target_index"] = {target.id: i for i, target in enumerate(targets)}
        index: dict[str, int] = self._cache["target_index"]
        return index

    def _observations(self, rows: pl.DataFrame) -> Iterator[Observation]:
        """Rows of the effective frame as observations."""
        assert self.targets is not None
        targets = self.targets.targets
        columns = ("sub", "at", "county", "target", "written", "value", "numerator", "denominator")
        for sub, at, county, target, year, value, numerator, denominator in rows.select(
            columns
        ).iter_rows():
            place = self.places[sub]
            line, cell = place.cells[at] if place.cells is not None else (at, None)
            yield Observation(
                self.names[county],
                targets[target].id,
                value,
                numerator,
                denominator,
                year,
                self.notes.get((sub, at), ""),
                place.display,
                line,
                cell,
            )


def _yearly_totals(rows: pl.DataFrame | pl.LazyFrame, keys: list[str]) -> pl.DataFrame:
    """For each group: how many figures, how many lack a part, whether the values and the
    parts are whole numbers (so that any order of adding gives the same sum), and the sums."""
    import polars as pl  # loaded (and its allocator tuned) by load_polars already

    def whole(*columns: str) -> pl.Expr:
        return pl.all_horizontal(
            pl.col(c).is_null() | ((pl.col(c) == pl.col(c).floor()) & (pl.col(c).abs() < _EXACT))
            for c in columns
        ).all()

    # Grouped by the streaming engine, a part at a time; the sums it makes in any order are
    # used only where they are exact (see _EXACT).
    return (
        rows.lazy()
        .group_by(keys)
        .agg(
            pl.len().alias("reported"),
            (pl.col("numerator").is_null() | pl.col("denominator").is_null())
            .sum()
            .alias("unparted"),
            whole("value").alias("whole"),
            whole("numerator", "denominator").alias("parts_whole"),
            pl.col("value").sum(),
            pl.col("numerator").sum(),
            pl.col("denominator").sum(),
        )
        .collect()
    )


def gather_columns(
    submissions: list[Submission], targets: TargetSet, judged: int, chosen: bool
) -> ColumnDataset:
    """gather.gather for submissions some of which were read in columns."""
    pl = load_polars()
    rows, names, places, notes = _rows(submissions, targets)
    dataset = ColumnDataset(
        judged, {}, [], targets=targets, rows=rows, names=names, places=places, notes=notes
    )
    effective = dataset._effective()
    problems: list[Problem] = []
    warnings = [warning for submission in submissions for warning in submission.warnings]
    years = {
        sub: sorted(found)
        for sub, found in (
            # Grouped by the streaming engine, a part at a time: a few MiB, not tens.
            effective.lazy().group_by("sub").agg(pl.col("year").unique()).collect().iter_rows()
        )
    }
    refused = set()
    # Each file's year mismatch (an error) or later years (a warning).
    later_warnings: dict[int, list[Problem]] = {}
    for sub, submission in enumerate(submissions):
        found = years.get(sub, [])
        if judged not in found:
            first = next(dataset._observations(effective.filter(pl.col("sub") == sub).head(1)))
            mismatch = rules.year_mismatch(submission.display, first, found, judged, chosen)
            later_warnings[sub] = [mismatch]
            refused.add(sub)
            continue
        later = [y for y in found if y > judged]
        if later:
            later_warnings[sub] = [rules.later_years(submission.display, later, judged)]
    kept = effective
    if refused or (effective.get_column("year").max() or judged) > judged:  # type: ignore[operator]
        gone = pl.Series(sorted(refused), dtype=pl.UInt32).implode()
        kept = effective.filter(~pl.col("sub").is_in(gone) & (pl.col("year") <= judged))
    events: dict[int, list[Problem]] = {}
    if len(submissions) > 1:
        events, kept = _shared(dataset, kept)
    # In the order of the files, as rows.py finds them.
    for sub in range(len(submissions)):
        for problem in [*later_warnings.get(sub, []), *events.get(sub, [])]:
            (warnings if problem.level is Severity.WARNING else problems).append(problem)
    # The counties in the order the input first gives them.
    ranked = (
        kept.lazy()
        .group_by("county")
        .agg(_place().min().alias("first"))
        .sort("first")
        .collect()
        .get_column("county")
        .to_list()
    )
    written = kept.get_column("written")
    if written.null_count() and (written == judged).any():
        # A figure with no year and one for the year judged, in one file: the later counts.
        kept = kept.unique(["county", "year", "target"], keep="last", maintain_order=True)
    rows = kept.select(
        "sub",
        "at",
        "county",
        "target",
        pl.col("written").alias("year"),
        "value",
        "numerator",
        "denominator",
    )
    result = ColumnDataset(
        judged,
        {},
        warnings,
        targets=targets,
        rows=rows,
        names=names,
        order=[names[i] for i in ranked],
        places=places,
        notes=notes,
    )
    problems.extend(_parts(result, targets, ranked))
    if problems:
        raise SubmissionError(problems)
    return result


def _place() -> pl.Expr:
    """A figure's place in the input as one number: its submission, then its line."""
    pl = load_polars()
    return pl.col("sub").cast(pl.UInt64) * 2**32 + pl.col("at")


def _rows(
    submissions: list[Submission], targets: TargetSet
) -> tuple[pl.DataFrame, list[str], list[_Place], dict[tuple[int, int], str]]:
    """All submissions' figures as one frame, in submission order, each in its order."""
    pl = load_polars()
    names: list[str] = []
    index: dict[str, int] = {}
    places: list[_Place] = []
    notes: dict[tuple[int, int], str] = {}
    frames: list[DataFrame] = []
    target_index = {target.id: i for i, target in enumerate(targets.targets)}
    schema = figure_schema("sub", "at")
    # Each column reader's files, by the submission each became.
    reads: dict[int, tuple[ColumnRead, dict[int, int]]] = {}
    for sub, submission in enumerate(submissions):
        columns = submission.columns
        if columns is not None:
            places.append(_Place(submission.display, None))
            read, files = reads.setdefault(id(columns.read), (columns.read, {}))
            files[columns.index] = sub
            continue
        cells = []
        table = []
        for at, o in enumerate(submission.observations):
            cells.append((o.line, o.cell))
            if o.note:
                notes[(sub, at)] = o.note
            table.append(
                (
                    sub,
                    at,
                    index.setdefault(o.county, len(index)),
                    target_index[o.target_id],
                    o.year,
                    o.value,
                    o.numerator,
                    o.denominator,
                )
            )
        places.append(_Place(submission.display, cells))
        frames.append(pl.DataFrame(table, schema=schema, orient="row"))
    for read, files in reads.values():
        counties = [index.setdefault(name, len(index)) for name in read.counties]
        frame = read.frame
        if len(files) < len(read.files):
            taken = pl.Series(list(files), dtype=pl.UInt32).implode()
            frame = frame.filter(pl.col("file").is_in(taken))
        same = list(files.items()) == [(file, file) for file in range(len(files))]
        frame = frame.select(
            pl.col("file")
            if same
            else pl.col("file").replace_strict(files, return_dtype=pl.UInt32),
            pl.col("line").alias("at"),
            pl.col("county")
            if counties == list(range(len(counties)))
            else pl.col("county").replace_strict(dict(enumerate(counties)), return_dtype=pl.UInt32),
            "target",
            "year",
            "value",
            "numerator",
            "denominator",
        ).rename({"file": "sub"})
        frames.append(frame.cast(schema))
        for (file, line), note in read.notes.items():
            if file in files:
                notes[(files[file], line)] = note
    names = list(index)
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
    if len(frames) > 1 and not frame.select((_place().diff().fill_null(1) > 0).all()).item():
        frame = frame.sort("sub", "at")
    return frame, names, places, notes


def _shared(
    dataset: ColumnDataset, kept: pl.DataFrame
) -> tuple[dict[int, list[Problem]], pl.DataFrame]:
    """A county and year given in two files: the later file's figures must be the same
    (a warning) or they conflict (an error); the first file's are kept."""
    pl = load_polars()
    owners = (
        kept.lazy()
        .group_by("county", "year")
        .agg(pl.col("sub").min().alias("owner"), pl.col("sub").n_unique().alias("files"))
        .collect()
    )
    shared = owners.filter(pl.col("files") > 1)
    events: dict[int, list[Problem]] = {}
    if not shared.height:
        return events, kept
    kept = kept.join(owners.select("county", "year", "owner"), on=["county", "year"])
    involved = kept.join(shared.select("county", "year"), on=["county", "year"]).sort("sub", "at")
    groups: dict[tuple[int, int, int], dict[str, Observation]] = {}
    firsts: dict[tuple[int, int, int], int] = {}
    owner_of: dict[tuple[int, int], int] = {}
    for observation, (sub, at, county, year, owner) in zip(
        dataset._observations(involved),
        involved.select("sub", "at", "county", "year", "owner").iter_rows(),
        strict=True,
    ):
        groups.setdefault((sub, county, year), {})[observation.target_id] = observation
        firsts.setdefault((sub, county, year), at)
        owner_of[(county, year)] = owner
    for (sub, county, year), observed in sorted(
        groups.items(), key=lambda g: (g[0][0], firsts[g[0]])
    ):
        owner = owner_of[(county, year)]
        if sub == owner:
            continue
        name = dataset.names[county]
        earlier = groups[(owner, county, year)]
        conflicts = list(rules.conflicts(name, year, earlier, observed))
        if conflicts:
            events.setdefault(sub, []).extend(conflicts)
            continue
        first = next(iter(observed.values()))
        other = next(iter(earlier.values())).path
        events.setdefault(sub, []).append(rules.repeated_file(first, name, year, other))
    return events, kept.filter(pl.col("sub") == pl.col("owner")).drop("owner")


def _parts(dataset: ColumnDataset, targets: TargetSet, ranked: list[int]) -> list[Problem]:
    """rules.disagreeing_parts, for the county years whose keyed parts disagree."""
    pl = load_polars()
    parts: list[tuple[int, str, str]] = []
    for number, target in enumerate(targets.targets):
        for quantity, role in (
            (target.numerator, "numerator"),
            (target.denominator, "denominator"),
        ):
            if quantity is not None and quantity.key is not None:
                parts.append((number, role, quantity.key))
    if not parts:
        return []
    rows = dataset._effective()
    pieces = [
        rows.filter(pl.col("target") == number).select(
            "county",
            "year",
            "sub",
            "at",
            pl.lit(key).alias("key"),
            pl.lit(rank).alias("rank"),
            pl.col(role).alias("count"),
        )
        for rank, (number, role, key) in enumerate(parts)
    ]
    counts = pl.concat(pieces).drop_nulls("count").sort("rank")
    flagged = (
        counts.group_by("county", "year", "key")
        .agg(((pl.col("count") - pl.col("count").first()).abs() >= 0.5).any().alias("off"))
        .filter(pl.col("off"))
        .select("county", "year")
        .unique()
    )
    if not flagged.height:
        return []
    rank_of = {county: position for position, county in enumerate(ranked)}
    firsts = rows.group_by("county", "year").agg(_place().min().alias("position"))
    ordered = flagged.join(firsts, on=["county", "year"])
    problems: list[Problem] = []
    keyed = sorted(ordered.iter_rows(), key=lambda row: (rank_of.get(row[0], 0), row[2]))
    for county, year, _ in keyed:
        group = rows.filter((pl.col("county") == county) & (pl.col("year") == year)).sort(
            "sub", "at"
        )
        observed = {o.target_id: o for o in dataset._observations(group)}
        problems.extend(rules.disagreeing_parts(dataset.names[county], observed, targets))
    return problems
