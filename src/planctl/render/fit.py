"""Whether a table's columns fit a terminal's width, and parts of them that do.

rich fits a table that is too wide by narrowing its columns, and when that is not enough it
cuts columns short or drops them without a word: at 80 columns the city matrix lost 咸宁市.
Nothing may vanish, so the table renderer asks here first: the width each column needs at
the least (its longest unbreakable line, for a column that does not wrap), and which runs
of the middle columns fit beside the columns every part repeats (the indicator first, the
city last).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text

# What a column adds to its content: a space either side and the rule on its right.
COLUMN_EXTRA = 3
# The rule on the table's left edge.
EDGE = 1


def widest_line(cell: RenderableType) -> int:
    """The width of a cell's longest line, in terminal cells (a Chinese character is two)."""
    plain = cell.plain if isinstance(cell, Text) else str(cell)
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def needed(cells: Iterable[RenderableType], min_width: int = 0) -> int:
    """The least width a column that does not wrap needs to show `cells` (header included)."""
    return max([min_width, *(widest_line(cell) for cell in cells)])


def table_width(columns: Iterable[int]) -> int:
    """The width of a table whose columns need `columns` each."""
    return EDGE + sum(width + COLUMN_EXTRA for width in columns)


def parts(width: int, fixed: Sequence[int], middle: Sequence[int]) -> list[range]:
    """The runs of `middle` columns that fit `width` beside every `fixed` column, in order;
    a single run when all fit. A column too wide even alone still gets a part of its own, so
    that none is left out."""
    room = width - table_width(fixed)
    found: list[range] = []
    start, used = 0, 0
    for index, column in enumerate(middle):
        wanted = column + COLUMN_EXTRA
        if index > start and used + wanted > room:
            found.append(range(start, index))
            start, used = index, 0
        used += wanted
    if middle:
        found.append(range(start, len(middle)))
    return _balanced(room, middle, found)


def _balanced(room: int, middle: Sequence[int], found: list[range]) -> list[range]:
    """The same number of parts with the columns shared out evenly (3 and 3, not 5 and 1),
    when each part still fits."""
    count = len(found)
    if count < 2:
        return found
    size = -(-len(middle) // count)
    even = [range(i, min(i + size, len(middle))) for i in range(0, len(middle), size)]
    fits = all(sum(middle[i] + COLUMN_EXTRA for i in run) <= room for run in even)
    return even if fits and len(even) == count else found
