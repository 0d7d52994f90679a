"""Checking stays linear in the number of counties and in the rows of a file.

Each test times the same work at a small and a large size in one process, interleaved, and
bounds the ratio: linear work grows with the size, quadratic work with its square, so the
bound sits far from both and holds on a busy machine.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from planctl.evaluate import evaluate
from planctl.gather import Dataset
from planctl.render.scale import tallies
from planctl.report import Status, View
from planctl.submissions import Observation
from planctl.targets import County, TargetSet, _index


def _best_ratio(small: Callable[[], object], large: Callable[[], object], runs: int = 3) -> float:
    """The ratio of the large run's time to the small run's, each the fastest of `runs`,
    interleaved; the garbage collector is held off while timing, as its pauses land in one
    run or another by chance."""
    best = {True: float("inf"), False: float("inf")}
    for _ in range(runs):
        for work, is_small in ((small, True), (large, False)):
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                work()
                took = time.perf_counter() - start
            finally:
                gc.enable()
            best[is_small] = min(best[is_small], took)
    return best[False] / best[True]


def _nation(targets: TargetSet, counties: int, listed: bool) -> tuple[TargetSet, Dataset]:
    """The 2017 targets with `counties` counties (listed in the targets file or not), each
    reporting one county-level rate and its share of one city-level count."""

    names = [f"测试县{i:06d}" for i in range(counties)]
    kept = [
        t
        for t in targets.targets
        if t.id in ("preschool_gross_enrolment_rate", "model_kindergartens")
    ]
    listing = [County(name=name, name_en=name) for name in names] if listed else []
    spec = targets.spec.model_copy(update={"counties": listing, "targets": kept})
    nation = TargetSet(
        path=targets.path,
        display=targets.display,
        sha256=targets.sha256,
        spec=spec,
        _targets_by_name=_index(kept, lambda t: t.names),
        _counties_by_name=_index(listing, lambda c: [c.name, *c.aliases]),
    )
    figures = {
        name: {
            2017: {
                "preschool_gross_enrolment_rate": Observation(
                    name,
                    "preschool_gross_enrolment_rate",
                    80.0 + i % 10,
                    None,
                    None,
                    None,
                    "",
                    "n.csv",
                    2 * i + 2,
                ),
                "model_kindergartens": Observation(
                    name, "model_kindergartens", 1, None, None, None, "", "n.csv", 2 * i + 3
                ),
            }
        }
        for i, name in enumerate(names)
    }
    return nation, Dataset(2017, figures)


def _judge(targets: TargetSet, dataset: Dataset) -> Callable[[], None]:
    """Judging in the city view, the exit code, and the scale view's tallies."""

    def work() -> None:
        report = evaluate(targets, dataset, view=View.CITY)
        assert report.exit_code() == 1
        assert sum(tally.counts[Status.MET] for tally in tallies(report)) > 0

    return work


def test_judging_is_linear_in_the_counties(targets: TargetSet) -> None:
    # 1,000 and 12,000 counties: linear judging takes about 12 times as long; looking each
    # county up in a list (as judging and pooling once did) took 60 to 100 times as long.
    for listed in (True, False):
        ratio = _best_ratio(
            _judge(*_nation(targets, 1_000, listed)), _judge(*_nation(targets, 12_000, listed))
        )
        assert ratio < 32, (
            f"counties listed: {listed}; 12 times the counties, {ratio:.0f} times the time"
        )
