"""The cycle collector is paused while a check works in bulk, and back on after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from planctl import check
from planctl.domain.collector import paused_collection
from planctl.judge.report import Report
from planctl.render import Format, csv, renderer_for
from planctl.render.options import RenderOptions
from tests.conftest import DATA, TARGETS_2017


def test_paused_and_back_as_it_was() -> None:
    assert gc.isenabled()
    with paused_collection():
        assert not gc.isenabled()
        with paused_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), paused_collection():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_check_judges_and_renders_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, bool] = {}

    def evaluate(*args: Any, **kwargs: Any) -> Report:
        seen["judging"] = gc.isenabled()
        return judging(*args, **kwargs)

    def render_csv(report: Report, options: RenderOptions) -> Iterator[str]:
        seen["rendering"] = gc.isenabled()
        yield from rendering(report, options)

    judging, rendering = check.evaluate, csv.render_csv
    monkeypatch.setattr(check, "evaluate", evaluate)
    monkeypatch.setattr(csv, "render_csv", render_csv)
    report = check.run_check([DATA], TARGETS_2017)
    assert renderer_for(Format.CSV)(report, RenderOptions()).startswith("\ufeffview,")
    assert seen == {"judging": False, "rendering": False}
    assert gc.isenabled()
