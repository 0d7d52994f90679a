"""Pooling county figures into a city total: rates and ratios as sum over sum, counts as
sums. Pure.

A rate (or a ratio: pupils per teacher) is pooled as the sum of the counties' numerators
over the sum of their denominators, never as a mean of county rates: a large county with a
low rate weighs more than a small one with a high rate. Where a county gave a rate without
numerator and denominator, the city rate "cannot be pooled" (no guess is made); where a
county whose figure belongs in a total did not report it, the total is "incomplete".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from planctl.domain.terms import Rollup, Unit


class Pooled(Protocol):
    """What pooling needs of a target: how its figures combine, and its unit's scale."""

    @property
    def rollup(self) -> Rollup: ...

    @property
    def unit(self) -> Unit: ...


class Figure(Protocol):
    """What pooling needs of a county's figure (an Observation has it)."""

    @property
    def value(self) -> float: ...

    @property
    def numerator(self) -> float | None: ...

    @property
    def denominator(self) -> float | None: ...


@dataclass(frozen=True)
class Total:
    """A city figure: value and parts, or why there is none."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    lacking: tuple[str, ...] = ()
    unpooled: tuple[str, ...] = ()


def pool(target: Pooled, figures: dict[str, Figure | None]) -> Total:
    """Roll county figures up by the target's rule; `figures` maps each expected county."""
    lacking = tuple(county for county, obs in figures.items() if obs is None)
    reported = [obs for obs in figures.values() if obs is not None]
    if target.rollup is Rollup.SUM:
        return Total(sum(obs.value for obs in reported) if reported else None, lacking=lacking)
    unpooled = tuple(
        county
        for county, obs in figures.items()
        if obs is not None and (obs.numerator is None or obs.denominator is None)
    )
    if unpooled or not reported:
        return Total(None, lacking=lacking, unpooled=unpooled)
    numerator = sum(obs.numerator or 0.0 for obs in reported)
    denominator = sum(obs.denominator or 0.0 for obs in reported)
    value = numerator * target.unit.scale / denominator if denominator else None
    return Total(value, numerator, denominator, lacking)
