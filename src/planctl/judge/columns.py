"""Judging a dataset held in columns: each county's statuses and gaps, and the city's totals,
worked out by polars from the one statement of the rules. Pure.

A national check judges 85,500 county results. Here verdict.py's ladders and Goal's `holds`
and `gap` are compiled into polars expressions (the very functions, given a column), so no
result becomes an object until a renderer that prints it asks (report.BriefColumns). The few
counties held to a line of their own (a quota, county_targets) are judged by verdict.py
itself, one by one.

The city's totals are sums over a group: exact, and so what pooling.pool makes in any order,
where every figure added is a whole number and the sums stay below 2**53 (the rule the city's
history keeps, gather/columns.py); any other total is left to rollup.py's pooling, in its
order. The people a county is short of its line (Goal.people_to_meet, in exact fractions) are
worked out only for the counties whose figures the columns cannot show to meet it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from planctl.domain.pooling import Total
from planctl.domain.terms import Level, Rollup
from planctl.gather.columns import ColumnDataset
from planctl.judge.report import STATUS_CODE, BriefColumns, Status
from planctl.judge.verdict import Judging, Ladder, own_lines, plan_judging, verdicts
from planctl.read.columns import load_polars
from planctl.targets.models import Target, TargetSet

if TYPE_CHECKING:
    import polars as pl
    from polars import DataFrame, Expr, Series

# Whole numbers below this add up exactly in floating point, in any order.
_EXACT = 2.0**53


def climbed(ladder: Ladder, value: pl.Expr) -> pl.Expr:
    """The code of the status each value of a column earns on `ladder` (Ladder.of, compiled)."""
    pl = load_polars()
    chain: Any = pl
    for goal, status in ladder.rungs:
        chain = chain.when(goal.holds(value)).then(STATUS_CODE[status])
    if chain is pl:
        return pl.lit(STATUS_CODE[ladder.otherwise])
    found: Expr = chain.otherwise(STATUS_CODE[ladder.otherwise])
    return found


def judged(plan: Judging, value: pl.Expr) -> pl.Expr:
    """The code of each county's status under the plan's goal (Judging.of, compiled)."""
    pl = load_polars()
    if plan.ladder is None:
        reported = pl.lit(STATUS_CODE[Status.CITY_TOTAL])
    else:
        reported = climbed(plan.ladder, value)
    found: Expr = pl.when(value.is_null()).then(STATUS_CODE[plan.missing]).otherwise(reported)
    return found


def brief_columns(
    targets: TargetSet,
    dataset: ColumnDataset,
    places: Sequence[tuple[int, str]],
    outside: Sequence[frozenset[str]],
    not_judged: set[str],
) -> tuple[BriefColumns, dict[int, set[str]]]:
    """Each submitted county's status and gap on each target, as evaluate.py works them out
    row by row; and for each county's place, the city-level targets it has no part in.

    `places` are the submitted counties, each with its place in the report; `outside` the
    counties each target names no part for; `not_judged` the units held to no county-level
    target."""
    pl = load_polars()
    index = {name: number for number, name in enumerate(dataset.names)}
    counties = pl.DataFrame(
        {"county": [index[name] for _, name in places], "place": [p for p, _ in places]},
        schema={"county": pl.UInt32, "place": pl.UInt32},
    )
    current = dataset.current_frame().select(pl.col("county").cast(pl.UInt32), "target", "value")
    by_target = current.partition_by("target", as_dict=True, include_key=False)
    empty = current.clear().drop("target")
    value, county = pl.col("value"), pl.col("county")
    city_total = STATUS_CODE[Status.CITY_TOTAL]

    def codes(names: set[str] | frozenset[str]) -> Series:
        return pl.Series([index[name] for name in names if name in index], dtype=pl.UInt32)

    unjudged = codes(not_judged)
    frames: list[DataFrame] = []
    apart: dict[int, set[str]] = {}
    for number, target in enumerate(targets.targets):
        rows = counties.join(
            by_target.get((number,), empty), on="county", how="left", maintain_order="left"
        )
        shut = codes(outside[number])
        if len(shut):
            # Nothing reported for a target it has no part in: no result at all.
            gone = value.is_null() & county.is_in(shut.implode())
            for place in rows.filter(gone).get_column("place").to_list():
                apart.setdefault(place, set()).add(target.id)
            rows = rows.filter(~gone)
        status = judged(plan_judging(target), value)
        if target.level is Level.COUNTY and len(unjudged):
            status = pl.when(county.is_in(unjudged.implode())).then(city_total).otherwise(status)
        rows = rows.with_columns(
            status.cast(pl.UInt8).alias("status"), target.goal.gap(value).alias("gap")
        )
        own = codes(own_lines(target))
        if len(own):
            rows = _own_lines(target, dataset, rows, own, not_judged)
        rows = rows.select(
            "place",
            pl.lit(number, dtype=pl.UInt16).alias("target"),
            "status",
            pl.when(value.is_not_null() & (pl.col("status") != city_total)).then(pl.col("gap")),
        )
        frames.append(rows)
    frame = pl.concat(frames).sort("place", "target") if frames else pl.DataFrame()
    return BriefColumns(frame), apart


def _own_lines(
    target: Target,
    dataset: ColumnDataset,
    rows: pl.DataFrame,
    own: pl.Series,
    not_judged: set[str],
) -> pl.DataFrame:
    """`rows` with the counties held to a line of their own judged by verdict.py, one by one."""
    pl = load_polars()
    mine = pl.col("county").is_in(own.implode())
    theirs = rows.filter(mine)
    names = [dataset.names[number] for number in theirs.get_column("county").to_list()]
    values = theirs.get_column("value").to_list()
    judged_here = []
    for name, value, (status, goal, _) in zip(
        names, values, verdicts(target, names, values), strict=True
    ):
        if name in not_judged and target.level is Level.COUNTY:
            status = Status.CITY_TOTAL
        gap = goal.gap(value) if value is not None else None
        judged_here.append((STATUS_CODE[status], gap))
    patched = theirs.with_columns(
        pl.Series("status", [code for code, _ in judged_here], dtype=pl.UInt8),
        pl.Series("gap", [gap for _, gap in judged_here], dtype=pl.Float64),
    )
    return pl.concat([rows.filter(~mine), patched])


def city_totals(
    targets: TargetSet,
    dataset: ColumnDataset,
    expected: Sequence[list[str]],
    left_out: frozenset[str],
) -> list[tuple[Total, Callable[[], dict[str, int]]] | None]:
    """Each target's city total pooled in columns, all at once, and a function giving each
    county's people short of its line, in the order pooling adds them (for carry.py); None
    where the columns cannot make it exactly as pooling.pool does (a sum of fractions or of
    huge figures, a rate given without its parts): rollup.py then pools it in order.

    `expected` are, by target, the units whose figures its total needs; `left_out` those
    kept out of the city's totals (their figures are in a county's)."""
    totals = {row[0]: row[1:] for row in dataset.current_totals(left_out).iter_rows()}
    index = {name: at for at, name in enumerate(dataset.names)}
    rows = _rows_of(dataset, left_out, index)
    by_target = rows.partition_by("target", as_dict=True, include_key=False)
    empty = rows.clear().drop("target")
    found = []
    for number, (target, wanted) in enumerate(zip(targets.targets, expected, strict=True)):
        rows_of = by_target.get((number,), empty)
        found.append(_pooled(target, dataset, wanted, left_out, totals.get(number), rows_of, index))
    return found


def _pooled(
    target: Target,
    dataset: ColumnDataset,
    expected: list[str],
    left_out: frozenset[str],
    totals: tuple[Any, ...] | None,
    rows: pl.DataFrame,
    index: dict[str, int],
) -> tuple[Total, Callable[[], dict[str, int]]] | None:
    """One target's city total from its `totals` (see `_yearly_totals`) and its `rows`."""
    if totals is not None:
        reported, unparted, whole, parts_whole, value, numerator, denominator = totals
    else:
        reported = unparted = 0
        whole = parts_whole = True
        value = numerator = denominator = None
    have = set(rows.get_column("county").to_list())
    lacking: tuple[str, ...] = ()
    # Every county of the input reported it, and every one expected is among them (the
    # common case, known from the sets alone): none lacking.
    if len(have) < len(index) or not index.keys() >= set(expected):
        lacking = tuple(
            name
            for name in dict.fromkeys(expected)
            if name not in left_out and index.get(name) not in have
        )
    if target.rollup is Rollup.SUM:
        if reported and not (whole and abs(value) < _EXACT):
            return None
        return Total(value if reported else None, lacking=lacking), dict
    if unparted:
        return None
    if not reported:
        return Total(None, lacking=lacking), dict
    if not (parts_whole and abs(numerator) < _EXACT and abs(denominator) < _EXACT):
        return None
    pooled_value = numerator * target.unit.scale / denominator if denominator else None
    total = Total(pooled_value, numerator, denominator, lacking)

    def short() -> dict[str, int]:
        order = [n for n in dict.fromkeys(expected + dataset.counties) if n not in left_out]
        return _short(target, dataset, rows, order)

    return total, short


def _rows_of(dataset: ColumnDataset, left_out: frozenset[str], index: dict[str, int]) -> DataFrame:
    """This year's figures, but those of the units left out."""
    pl = load_polars()
    rows = dataset.current_frame()
    gone = [index[name] for name in left_out if name in index]
    if gone:
        rows = rows.filter(~pl.col("county").is_in(pl.Series(gone, dtype=pl.UInt32).implode()))
    return rows


def _short(
    target: Target, dataset: ColumnDataset, rows: pl.DataFrame, order: list[str]
) -> dict[str, int]:
    """Each county's people short of its line (its own, or the city's), in `order`, but the
    counties the columns show to meet it, which are short of none (people_to_meet is 0 for
    a rate that holds, or for a denominator of 0 or less)."""
    pl = load_polars()
    goal, lines, unit = target.goal, target.county_targets, target.unit
    numerator, denominator = pl.col("numerator"), pl.col("denominator")

    def exact(part: Expr) -> Expr:
        return (part == part.floor()) & (part.abs() * unit.scale < _EXACT)

    # Worked out as people_to_meet works it: the rate of two whole parts, each exact in a
    # float, divided once, is the nearest float to the fraction it takes.
    meets = (denominator <= 0) | (
        exact(numerator) & exact(denominator) & goal.holds(numerator * unit.scale / denominator)
    )
    index = {name: at for at, name in enumerate(dataset.names)}
    own = pl.Series([index[name] for name in lines if name in index], dtype=pl.UInt32)
    left = rows.filter(
        numerator.is_not_null()
        & denominator.is_not_null()
        & (~meets | pl.col("county").is_in(own.implode()))
    )
    found = {
        dataset.names[county]: (n, d)
        for county, n, d in left.select("county", "numerator", "denominator").iter_rows()
    }
    short: dict[str, int] = {}
    # Asked once, not of each of a national check's 12,000 counties short of a line.
    scale, moves = unit.scale, unit.moves
    for name in order:
        parts = found.get(name)
        if parts is None:
            continue
        held = goal.with_bound(lines[name].threshold) if name in lines else goal
        short[name] = held.people_to_meet(parts[0], parts[1], scale, moves)
    return short
