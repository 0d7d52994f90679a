"""Gathering a set of submissions: years, a county in two files, parts that must agree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planctl.domain.problems import Severity, SubmissionError
from planctl.gather.rows import gather
from planctl.i18n.codes import Msg
from planctl.read.submissions import read_submissions
from planctl.targets.models import TargetSet

Write = Callable[..., Path]
HEADER_YEAR = "county,indicator,value,numerator,denominator,note,year\n"
HEADER = "county,indicator,value,numerator,denominator,note\n"


def problems(write_paths: list[Path], targets: TargetSet, year: int | None = None) -> list[str]:
    with pytest.raises(SubmissionError) as caught:
        gather(read_submissions(write_paths, targets), targets, year)
    return [str(p) for p in caught.value.problems]


def test_rows_without_year_are_for_the_year_judged(write: Write, targets: TargetSet) -> None:
    path = write(HEADER + "咸安区,无证办园,0,,,\n")
    data = gather(read_submissions([path], targets), targets)
    assert data.year == 2017 and data.current("咸安区")["unlicensed_kindergartens"].value == 0


def test_earlier_years_are_history(write: Write, targets: TargetSet) -> None:
    path = write(
        HEADER_YEAR
        + "咸安区,无证办园,4,,,,2015\n咸安区,无证办园,2,,,,2016\n咸安区,无证办园,0,,,,2017\n"
    )
    data = gather(read_submissions([path], targets), targets)
    assert [o.value for o in data.earlier("咸安区", "unlicensed_kindergartens")] == [4, 2]
    assert data.earlier_years() == [2015, 2016]


def test_a_file_for_another_year_is_refused(write: Write, targets: TargetSet) -> None:
    path = write(HEADER_YEAR + "咸安区,无证办园,2,,,,2016\n")
    assert problems([path], targets) == [
        f"{path}:2: year: the figures are for 2016, but the targets are for 2017; "
        "give --year 2016 to judge 2016 against them"
    ]
    assert gather(read_submissions([path], targets), targets, 2016).year == 2016


def test_year_option_needs_figures_for_that_year(write: Write, targets: TargetSet) -> None:
    path = write(HEADER + "咸安区,无证办园,0,,,\n")
    # Rows without a year are taken to be for the year judged, whichever it is.
    assert gather(read_submissions([path], targets), targets, 2018).year == 2018
    dated = write(HEADER_YEAR + "咸安区,无证办园,2,,,,2016\n", name="dated.csv")
    assert problems([dated], targets, 2018) == [
        f"{dated}:2: year: the figures are for 2016, not 2018 as --year asks"
    ]


def test_later_years_are_ignored_with_a_warning(write: Write, targets: TargetSet) -> None:
    path = write(HEADER_YEAR + "咸安区,无证办园,0,,,,2017\n咸安区,无证办园,9,,,,2018\n")
    data = gather(read_submissions([path], targets), targets)
    (warning,) = data.warnings
    assert warning.level is Severity.WARNING and "2018" in warning.message
    assert data.current("咸安区")["unlicensed_kindergartens"].value == 0


def test_a_county_in_two_files_with_different_figures(write: Write, targets: TargetSet) -> None:
    one = write(HEADER + "咸安区,无证办园,0,,,\n咸安区,示范幼儿园,9,,,\n", name="one.csv")
    two = write(HEADER + "咸安,示范幼儿园,8,,,\n咸安区,无证办园,0,,,\n", name="two.csv")
    assert problems([one, two], targets) == [
        f"{two}:2: county: 咸安区 (2017) is also in {one}:3, with different figures: "
        "model_kindergartens is 8 here and 9 there"
    ]


def test_a_county_in_two_files_with_a_row_only_in_one(write: Write, targets: TargetSet) -> None:
    one = write(HEADER + "咸安区,无证办园,0,,,\n", name="one.csv")
    two = write(HEADER + "咸安区,无证办园,0,,,\n咸安区,示范幼儿园,9,,,\n", name="two.csv")
    (message,) = problems([one, two], targets)
    assert message.startswith(f"{two}:3: county: 咸安区 (2017) is also in {one}")
    assert "model_kindergartens is 9 here and nothing there" in message


def test_a_county_in_two_identical_files_counts_once(write: Write, targets: TargetSet) -> None:
    rows = HEADER + "咸安区,无证办园,0,,,\n"
    one, two = write(rows, name="one.csv"), write(rows, name="two.csv")
    data = gather(read_submissions([one, two], targets), targets)
    (warning,) = data.warnings
    assert warning.code is Msg.COUNTY_REPEATED_FILE and warning.path == str(two)


def test_parts_counting_the_same_children_must_agree(write: Write, targets: TargetSet) -> None:
    path = write(
        HEADER + "咸安区,毛入园率,88.51,21950,24800,\n咸安区,普惠园覆盖率,88.22%,19320,21900,\n"
    )
    assert problems([path], targets) == [
        f"{path}:3: denominator: 咸安区: 在园幼儿数 is 21,900 here (denominator of "
        "inclusive_kindergarten_coverage) but 21,950 at line 2 (numerator of "
        "preschool_gross_enrolment_rate); the two must agree"
    ]


def test_every_conflict_is_reported(write: Write, targets: TargetSet) -> None:
    dated = write(HEADER_YEAR + "咸安区,无证办园,2,,,,2016\n", name="dated.csv")
    bad = write(
        HEADER + "嘉鱼县,毛入园率,90,900,1000,\n嘉鱼县,普惠园覆盖率,90,810,901,\n", name="bad.csv"
    )
    assert len(problems([dated, bad], targets)) == 2
