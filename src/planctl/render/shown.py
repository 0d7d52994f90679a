"""A report's results in full, each county's shown visibly (see visible.py) as a renderer
asks for it: a national report's results are made only when asked, so they are shown then."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planctl.judge.report import Details, TargetResult

Show = Callable[[list[TargetResult]], list[TargetResult]]


class ShownDetails(Details):
    """`inner`'s results, each county's passed through `show` when asked for."""

    def __init__(self, inner: Details, show: Show) -> None:
        self._inner = inner
        self._show = show

    def results(self, place: int) -> Sequence[TargetResult]:
        return self._show(list(self._inner.results(place)))
