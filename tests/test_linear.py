"""Checking stays linear in the number of counties and in the rows of a file.

Each test times the same work at a small and a large size in one process, interleaved, and
bounds the ratio: linear work grows with the size, quadratic work with its square, so the
bound sits far from both and holds on a busy machine.
"""

from __future__ import annotations

import csv
import dataclasses
import gc
import random
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
import yaml

from planctl.check import run_check
from planctl.domain.names import closest
from planctl.domain.problems import PlanctlError
from planctl.gather.dataset import Dataset
from planctl.i18n.codes import Msg
from planctl.judge.evaluate import evaluate
from planctl.judge.report import Status, View
from planctl.read.submissions import Observation
from planctl.render.common import COUNTIES_NAMED, counties_named, explain
from planctl.render.scale import tallies
from planctl.targets.models import County, TargetSet, name_index
from tests.conftest import DATA, TARGETS_2017

# Slow (timing at two sizes): `pytest -m "not slow"` leaves it out; CI runs it.
pytestmark = pytest.mark.slow


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
        t for t in targets.targets if t.id in ("school_broadband_coverage", "model_kindergartens")
    ]
    listing = [County(name=name, name_en=name) for name in names] if listed else []
    spec = dataclasses.replace(targets.spec, counties=listing, units=[], targets=kept)
    nation = TargetSet(
        path=targets.path,
        display=targets.display,
        sha256=targets.sha256,
        spec=spec,
        _targets_by_name=name_index(kept, lambda t: t.names),
        _counties_by_name=name_index(listing, lambda c: [c.name, *c.aliases]),
    )
    figures = {
        name: {
            2017: {
                "school_broadband_coverage": Observation(
                    name,
                    "school_broadband_coverage",
                    90.0 + i % 11,
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


def _sample_rows() -> list[list[str]]:
    """The sample data's rows, each with a year cell (blank where the file has none)."""
    rows = []
    for path in sorted(DATA.glob("*.csv")):
        raw = path.read_bytes()
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = raw.decode("gb18030")
        lines = [line for line in content.splitlines()[2:] if line]
        rows += [[*cells, ""][:7] for cells in csv.reader(lines)]
    return rows


def _clean_rows(targets: TargetSet, count: int) -> list[list[str]]:
    """`count` rows that all pass: each county, each target, a year at a time back from 2017."""
    rows: list[list[str]] = []
    year = 2017
    while len(rows) < count:
        for county in targets.counties:
            for target in targets.targets:
                value = f"{min(target.goal.threshold, 99):g}"
                rows.append([county.name, target.id, value, "", "", "", str(year)])
        year -= 1
    return rows[:count]


def _conflicting_rows(count: int) -> list[list[str]]:
    """`count` rows of the sample data, drawn again and again, one in three with a
    different value, one in five with a misspelt indicator, one in ten a misspelt county."""
    rng = random.Random(17)
    sample = _sample_rows()
    rows = []
    for _ in range(count):
        row = list(rng.choice(sample))
        if rng.random() < 1 / 3:
            row[2], row[3], row[4] = str(rng.randint(1, 99)), "", ""
        if rng.random() < 1 / 5:
            row[1] = row[1][:-1]
        if rng.random() < 1 / 10:
            row[0] = row[0][:-1] + "乡"
        rows.append(row)
    return rows


def _write(path: Path, rows: list[list[str]]) -> Path:
    lines = ["county,indicator,value,numerator,denominator,note,year", *map(",".join, rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read(path: Path, columns: bool) -> Callable[[], None]:
    """Check a file as the CLI does, up to the text of every problem."""

    def work() -> None:
        try:
            run_check([path], TARGETS_2017, columns=columns)
        except PlanctlError as exc:
            assert "\n".join(map(str, exc.problems))

    return work


@pytest.mark.parametrize("columns", [False, True], ids=["row by row", "in columns"])
def test_repeated_and_conflicting_rows_take_about_as_long_as_clean_ones(
    tmp_path: Path, targets: TargetSet, columns: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 3,000 rows, over a thousand of them with a problem. Each misspelt name was compared
    # with every known name again on every row it was on: 10 to 40 times the time of clean
    # rows. The reference is clean rows read row by row, as rows in doubt are.
    clean = _write(tmp_path / "clean.csv", _clean_rows(targets, 3_000))
    rows = _conflicting_rows(3_000)
    conflicting = _write(tmp_path / "conflicting.csv", rows)
    compared: list[str] = []

    def counted(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
        compared.append(name)
        return closest(name, known, limit)

    monkeypatch.setattr("planctl.targets.models.closest", counted)
    with pytest.raises(PlanctlError) as caught:
        run_check([conflicting], TARGETS_2017, columns=columns)
    codes = {problem.code for problem in caught.value.problems}
    assert {Msg.ROW_DUPLICATE, Msg.ROW_INDICATOR_UNKNOWN, Msg.ROW_COUNTY_UNKNOWN} <= codes
    # Each misspelt name is compared with the known ones once, however many rows repeat it.
    assert len(compared) == len(set(compared)) < len(rows) / 50
    # The fastest of five: a loaded machine stretched one of three to 3.1 times.
    ratio = _best_ratio(_read(clean, False), _read(conflicting, columns), runs=5)
    assert ratio < 3, f"conflicting rows took {ratio:.1f} times as long as clean ones"


def test_a_sentence_names_ten_counties_and_counts_the_rest(targets: TargetSet) -> None:
    # A province's incomplete total lacks thousands of counties: the table, Markdown, HTML and
    # JUnit name ten of them and count the rest (the JSON and CSV list them all).
    nation, dataset = _nation(targets, 5_000, listed=True)
    two = Dataset(2017, dict(list(dataset.figures.items())[:2]))
    report = evaluate(nation, two, view=View.CITY)
    assert report.city is not None
    city = next(r for r in report.city if r.status is Status.INCOMPLETE)
    assert len(city.lacking) == 4_998
    (sentence,) = explain(city)
    assert sentence.count("测试县") == COUNTIES_NAMED
    assert "(and 4,988 more)" in sentence
    assert counties_named(["咸安区", "嘉鱼县"]) == "咸安区、嘉鱼县"


def test_a_hint_lists_twenty_counties_and_counts_the_rest(tmp_path: Path) -> None:
    spec = yaml.safe_load(TARGETS_2017.read_text("utf-8"))
    spec["counties"] += [{"name": f"测试县{i:02d}", "name_en": f"T{i}"} for i in range(30)]
    spec["plan"]["source_text"] = str(TARGETS_2017.parent / spec["plan"]["source_text"])
    targets_file = tmp_path / "province.yaml"
    targets_file.write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
    submission = tmp_path / "c.csv"
    submission.write_text("county,indicator,value\n无名之地,model_kindergartens,3\n", "utf-8")
    with pytest.raises(PlanctlError) as raised:
        run_check([submission], targets_file)
    (problem,) = raised.value.problems
    # The rest: sixteen of the thirty, and the city-run schools.
    assert "'咸安区'" in problem.message and "(and 17 more)" in problem.message
    assert problem.message.count("'测试县") == 20 - 6
