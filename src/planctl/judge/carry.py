"""Which counties would carry the city over its line: the fewest whose reaching their own
line would make the pooled city rate meet its goal. Pure.

A county reaching its line adds to the city's numerator the people it is short
(Goal.people_to_meet), the denominator unchanged (for a ratio, whose people are counted in
its denominator, to the denominator, the numerator unchanged); the city meets its goal once
those additions cover the people the city is short. So:

- the fewest counties: the k largest shortfalls are the most any k counties can add, so k is
  the least number of them, taken largest first, that covers the city's shortfall;
- among the sets of k counties that cover it, the one that needs the fewest people in all
  (then the first in the targets file's order), found by looking at every such set while
  there are at most EXACT_SETS of them; beyond that, the k − 1 largest and then the smallest
  shortfall that completes them: still the fewest counties, the people perhaps not the fewest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from planctl.domain.goal import Goal
from planctl.domain.terms import Part, Unit

# Sets of the fewest counties compared one by one, at most: C(6, 3) is 20; a province's
# hundreds of counties would give more sets than can be looked at.
EXACT_SETS = 20_000


@dataclass(frozen=True)
class Carry:
    """The counties that would carry the city over its line, and the city it would make."""

    # Each county with the people it is short of its line, in the targets file's order.
    counties: tuple[tuple[str, int], ...]
    numerator: float
    denominator: float
    value: float

    @property
    def people(self) -> int:
        """The people the counties would add in all (negative: take away, for a ceiling)."""
        return sum(short for _, short in self.counties)


def carriers(
    goal: Goal,
    numerator: float,
    denominator: float,
    short: Mapping[str, int],
    unit: Unit = Unit.PERCENT,
) -> Carry | None:
    """The fewest counties of `short` (each county's people short of its own line, in order)
    whose reaching their lines makes `numerator / denominator` meet `goal`; None when the
    city meets it, or when not even every county at its line would carry it."""
    needed = goal.people_to_meet(numerator, denominator, unit.scale, unit.moves)
    if needed == 0 or denominator <= 0:
        return None
    sign = 1 if needed > 0 else -1
    order = {county: index for index, county in enumerate(short)}
    # Only a county short in the direction the city is short helps it.
    gains = sorted(
        ((sign * people, county) for county, people in short.items() if sign * people > 0),
        key=lambda gain: (-gain[0], order[gain[1]]),
    )
    wanted, covered, fewest = abs(needed), 0, 0
    for gain, _ in gains:
        covered, fewest = covered + gain, fewest + 1
        if covered >= wanted:
            break
    else:
        return None
    chosen = _cheapest(gains, fewest, wanted, order)
    chosen.sort(key=lambda gain: order[gain[1]])
    added = sign * sum(gain for gain, _ in chosen)
    if unit.moves is Part.DENOMINATOR:
        numerator_after, denominator_after = numerator, denominator + added
    else:
        numerator_after, denominator_after = numerator + added, denominator
    return Carry(
        tuple((county, sign * gain) for gain, county in chosen),
        numerator_after,
        denominator_after,
        numerator_after * unit.scale / denominator_after,
    )


def _cheapest(
    gains: list[tuple[int, str]], size: int, wanted: int, order: Mapping[str, int]
) -> list[tuple[int, str]]:
    """Of the sets of `size` gains that cover `wanted`, the one of the fewest people."""
    if math.comb(len(gains), size) <= EXACT_SETS:
        covering = (
            combo for combo in combinations(gains, size) if sum(g for g, _ in combo) >= wanted
        )
        best = min(
            covering,
            key=lambda combo: (
                sum(g for g, _ in combo),
                sorted(order[county] for _, county in combo),
            ),
        )
        return list(best)
    largest = gains[: size - 1]
    rest = wanted - sum(gain for gain, _ in largest)
    last = min((gain for gain in gains[size - 1 :] if gain[0] >= rest), key=lambda g: g[0])
    return [*largest, last]
