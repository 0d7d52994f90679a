"""The counties of each target in rank order: best first in the target's direction, ties
sharing a rank, counties without a figure last and unranked, none left out."""

from __future__ import annotations

import pytest

from planctl.judge.report import Status
from planctl.render.ranking import ranking
from tests.conftest import sample_report


def places(case: str, target_id: str) -> list[tuple[int | None, str, float | None]]:
    report = sample_report(case)
    (target,) = [t for t in report.targets.targets if t.id == target_id]
    return [
        (p.rank, p.county.name, p.result.value if p.result else None)
        for p in ranking(report, target)
    ]


@pytest.mark.usefixtures("at_root")
def test_a_floor_ranks_the_highest_first() -> None:
    assert places("city", "preschool_gross_enrolment_rate") == [
        (1, "通山县", 93.03),
        (2, "嘉鱼县", 93.02),
        (3, "咸安区", 88.51),
        (4, "赤壁市", 87.0),
        (5, "崇阳县", 83.71),
        (6, "通城县", 82.01),
    ]


@pytest.mark.usefixtures("at_root")
def test_a_ceiling_ranks_the_lowest_first_and_equal_figures_share_a_rank() -> None:
    assert places("city", "unlicensed_kindergartens") == [
        (1, "咸安区", 0),
        (1, "嘉鱼县", 0),
        (1, "通山县", 0),
        (4, "崇阳县", 1),
        (5, "赤壁市", 2),
        (6, "通城县", 3),
    ]


@pytest.mark.usefixtures("at_root")
def test_a_band_ranks_the_nearest_first() -> None:
    ranked = places("between", "preschool_gross_enrolment_rate")
    # Inside the band first (gap nil), then by how far outside it.
    assert [rank for rank, _, _ in ranked] == [1, 2, 3]
    assert ranked[0][2] == 88.51


@pytest.mark.usefixtures("at_root")
def test_a_county_without_a_figure_follows_unranked_and_one_with_no_part_is_left_out() -> None:
    # The city view of 咸安区 alone: five counties sent nothing.
    report = sample_report("city-incomplete")
    target = report.targets.targets[0]
    placed = ranking(report, target)
    assert (placed[0].rank, placed[0].county.name) == (1, "咸安区")
    assert [p.status for p in placed[1:]] == [Status.NOT_SUBMITTED] * 5
    assert all(p.rank is None for p in placed[1:])
    # 通山县 has no part in the IT pilots: it has no place in their ranking.
    pilots = [t for t in report.targets.targets if t.id == "provincial_it_pilot_schools"]
    city = sample_report("city")
    assert "通山县" not in [p.county.name for p in ranking(city, pilots[0])]
