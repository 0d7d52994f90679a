"""The records file: a bad measure fails with its file and line, and says what was meant."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planctl.domain.problems import RecordsError
from planctl.i18n.catalog import Language, use_language
from planctl.records.spec import load_records
from planctl.targets.load import load_targets
from planctl.targets.models import default_targets_path
from tests.records.conftest import RECORDS_2017, SAMPLE, line_of, run, variant

TARGETS = load_targets(default_targets_path())


def test_the_2017_records_file_is_valid() -> None:
    records = load_records(RECORDS_2017, TARGETS)
    assert "children_enrolled" in records.spec.measures


def test_a_measure_naming_a_column_not_in_the_table_exits_2_with_its_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = variant(tmp_path, "    column: 人数\n", "    column: 人口数\n")
    code, stdout, stderr = run(runner, "compute", "--measures", str(path), str(SAMPLE))
    assert (code, stdout) == (2, "")
    line = line_of(path, "column: 人口数")
    assert stderr == (
        f"{path}:{line}: column: no column '人口数' in population; did you mean '人数'?\n"
    )


def test_a_value_that_the_column_cannot_take_is_named_with_the_nearest(tmp_path: Path) -> None:
    path = variant(tmp_path, "where: {办园许可证: [无]}", "where: {办园许可证: [没有]}")
    with pytest.raises(RecordsError) as caught:
        load_records(path, TARGETS)
    (problem,) = caught.value.problems
    assert problem.line == line_of(path, "办园许可证: [没有]")
    assert (
        problem.message == "'没有' is not a value of this column ('有' or '无'); did you mean '有'?"
    )


def test_a_quantity_no_target_counts_is_refused_with_did_you_mean(tmp_path: Path) -> None:
    path = variant(tmp_path, "  children_enrolled:\n", "  children_enroled:\n")
    with pytest.raises(RecordsError) as caught:
        load_records(path, TARGETS)
    (problem,) = caught.value.problems
    assert problem.line == line_of(path, "children_enroled:")
    assert "did you mean 'children_enrolled'" in problem.message


def test_an_unknown_field_and_a_missing_one_are_each_reported(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "    aggregate: count\n    where: {办园许可证",
        "    agregate: count\n    where: {办园许可证",
    )
    with pytest.raises(RecordsError) as caught:
        load_records(path, TARGETS)
    shown = sorted(str(problem) for problem in caught.value.problems)
    line = line_of(path, "agregate: count")
    assert (
        f"{path}:{line}: measures.unlicensed_kindergartens.agregate: "
        "unknown field; did you mean 'aggregate'?" in shown
    )
    assert any("measures.unlicensed_kindergartens.aggregate: Field required" in s for s in shown)


@pytest.mark.parametrize(("lang", "message"), [("en", "Input should be 1"), ("zh", "应为 1")])
def test_another_schema_version_is_told_on_its_line(
    tmp_path: Path, lang: str, message: str
) -> None:
    """A choice that is a number (Literal[1]) has no quoted words: it was an internal error."""
    use_language(Language(lang))
    path = variant(tmp_path, "schema_version: 1\n", "schema_version: 2\n")
    with pytest.raises(RecordsError) as caught:
        load_records(path, TARGETS)
    (problem,) = caught.value.problems
    assert problem.line == line_of(path, "schema_version: 2")
    assert problem.message.startswith(message), problem.message


def test_sum_of_a_text_column_is_refused(tmp_path: Path) -> None:
    path = variant(tmp_path, "    column: 人数\n", "    column: 行政区划\n")
    with pytest.raises(RecordsError) as caught:
        load_records(path, TARGETS)
    assert [p.message for p in caught.value.problems] == [
        "cannot sum '行政区划', a text column; sum an integer or number column"
    ]


def test_a_join_to_an_unknown_table_and_unknown_columns(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "    where: {示范等级: [省级示范, 市级示范]}\n",
        "    where: {示范等级: [省级示范, 市级示范]}\n"
        "    join: {source: kindergarten, keys: {学校标识码: 学校标识码}}\n",
    )
    with pytest.raises(RecordsError) as caught:
        load_records(path, TARGETS)
    assert [p.message for p in caught.value.problems] == [
        "no source 'kindergarten' in sources; did you mean 'kindergartens'?"
    ]


measure_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


@pytest.mark.slow  # a property test of many measures: `pytest -m "not slow"` leaves it to CI
@settings(max_examples=150)
@given(
    field=st.sampled_from(["from", "aggregate", "column", "where", "join", "extra"]),
    value=measure_values,
)
def test_no_measure_makes_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, field: str, value: object
) -> None:
    """Any value of any field of a measure is loaded or refused with problems on lines."""
    data = yaml.safe_load(RECORDS_2017.read_text(encoding="utf-8"))
    data["measures"]["children_enrolled"][field] = value
    path = tmp_path_factory.mktemp("spec") / "records.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load_records(path, TARGETS)
    except RecordsError as exc:
        assert all(problem.line is not None for problem in exc.problems), exc.problems
