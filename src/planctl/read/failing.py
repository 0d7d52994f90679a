"""Rows that fail as rows before them failed: their problems counted, not read again one by one.

The column reader hands every row it cannot vouch for to the row-by-row reader. A national file
sent against the wrong targets file (every county and indicator unknown), with a year column
wrong throughout or every value `n/a`, has a million such rows, failing for a few reasons
over and over: read row by row, they took a minute and gigabytes. Here the cells of a batch's
plain rows (no quote in their part of the file, no cell past the header's, none too long) are
taken from the columns polars parsed, and what each distinct text gives is worked out once
by the row reader's own builder: the county, the indicator, the year, and the figure (value,
numerator and denominator, for its target). A row one of them fails gets the problems the
row-by-row reader gives it, in the same order, kept compactly (domain/problems.Problems):
a figure's problems as its line and the figure's index, made again when read (a file whose
every value is out of range, each a different value, has a million distinct problems).
A row whose cells all pass (a number written unusually), a total or comment row, a blank
county or figure, or a row not plain, is left to the row-by-row reader, which says what it
says.
"""

from __future__ import annotations

import bisect
import dataclasses
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from planctl.domain.names import fold
from planctl.domain.problems import Alike, Problem, Problems, Severity
from planctl.files.limits import MAX_CELL_CHARS
from planctl.i18n.codes import Msg
from planctl.read.figures import TOTAL_ROW_NAMES, FigureCells, ObservationBuilder
from planctl.read.header import COUNTY, DENOMINATOR, INDICATOR, NUMERATOR, VALUE, YEAR, Header
from planctl.read.table import Cell
from planctl.targets.models import TargetSet

if TYPE_CHECKING:
    import polars as pl

# Figures (target, value, numerator, denominator) remembered across batches at most: a file
# whose every value is out of range has a distinct figure a row, each failing once.
_FIGURES_KEPT = 65_536
# From how many rows a batch's failing rows are judged again for their figures alone.
_JUDGED_FROM = 512
_FIGURE_CELLS = ("figure_value", "figure_numerator", "figure_denominator")
_FIGURE_KEY = ["target", *_FIGURE_CELLS]


class Segment(Protocol):
    """A part of a file in a batch (columns._Segment)."""

    @property
    def data(self) -> bytes: ...

    @property
    def file(self) -> FileLike: ...


class FileLike(Protocol):
    @property
    def index(self) -> int: ...

    @property
    def display(self) -> str: ...


# What a figure's problems are, each problem's code, field and level: what one `_Figures`
# of a file keeps together.
_Shape = tuple[tuple[Msg, str | None, Severity], ...]


class _Figures:
    """A file's failing rows whose figures have problems of one shape: each row's line and
    figure (an index into FailingRows' figures), its problems made again when read."""

    def __init__(
        self, display: str, problems_of: Callable[[int], tuple[Problem, ...]], size: int
    ) -> None:
        self.display = display
        self.problems_of = problems_of
        self.lines = array("I")
        self.figures = array("I")
        self.alike = [_FigureProblem(self, at) for at in range(size)]
        # Their indices in the file's problems.
        self.ids: tuple[int, ...] = ()

    def made(self, line: int, at: int) -> Problem:
        place = bisect.bisect_left(self.lines, line)
        if place == len(self.lines) or self.lines[place] != line:
            raise KeyError(line)
        problem = self.problems_of(self.figures[place])[at]
        return dataclasses.replace(problem, path=self.display, line=line)


class _FigureProblem(Alike):
    """The problem at `at` of the figures of a `_Figures`."""

    def __init__(self, figures: _Figures, at: int) -> None:
        self.figures = figures
        self.at = at

    @property
    def sample(self) -> Problem:
        return self.made(self.figures.lines[0])

    def made(self, line: int) -> Problem:
        return self.figures.made(line, self.at)


@dataclass
class _File:
    """One file's failing rows' problems, and the indices in them of each piece's problems."""

    problems: Problems = field(default_factory=Problems)
    like: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # Its rows by the shape of their figure's problems.
    figures: dict[int, _Figures] = field(default_factory=dict)


class FailingRows:
    """Takes the failing rows of files read in columns; see the module's docstring."""

    def __init__(self, targets: TargetSet) -> None:
        self.targets = targets
        # The row reader's builder, asked about one cell at a time; its problems are taken.
        self._builder = ObservationBuilder(targets, "", dedupe=False)
        self._totals = TOTAL_ROW_NAMES | {fold(targets.spec.city.name)}
        self._files: dict[int, _File] = {}
        self._display: dict[int, str] = {}
        # A piece is what one cell's text gives: the problems the row reader has for it
        # (placed nowhere yet). Piece 0 has none.
        self._pieces: list[tuple[Problem, ...]] = [()]
        # Cell text → its piece, by role; None: a row to leave to the row reader.
        self._county: dict[str, int | None] = {}
        self._indicator: dict[str, int] = {}
        self._target: dict[str, int] = {}
        self._year: dict[str, int] = {}
        self._comment: dict[str, bool] = {}
        # Figure text → its index (0: no problem), forgotten past _FIGURES_KEPT; each index's
        # texts (in frames of `_FIGURE_KEY`, the first starting at index 1) and shape.
        self._figure: dict[tuple[int, str, str, str], int | None] = {}
        self._figure_texts: list[pl.DataFrame] = []
        self._figure_starts: list[int] = []
        self._figure_shape = array("I", [0])
        self._shapes: dict[_Shape, int] = {(): 0}
        self._shape_sizes = [0]
        # The builder that makes a figure's problems again when they are read.
        self._remaker = ObservationBuilder(targets, "", dedupe=False)

    def take(
        self,
        header: Header,
        segments: Sequence[Segment],
        rows: pl.DataFrame,
        judge: Callable[[pl.DataFrame], pl.Series],
    ) -> pl.DataFrame:
        """Keep the problems of those of `rows` that fail plainly (the rows of a batch not
        taken: text cells `c0`, `c1`, …, `segment`, `file`, `line`, perhaps `overflow`); the
        rows left for the row-by-row reader (`segment`, `line`), in their order. `judge`
        says of such rows where every rule surely passes, as the column reader judges."""
        import polars as pl  # loaded (and its allocator tuned) by columns.load_polars already

        left = rows.select("segment", "line")
        if not rows.height:
            return left
        roles = header.roles
        self._display.update((s.file.index, s.file.display) for s in segments)

        def cell(role: str) -> pl.Expr:
            index = roles.get(role)
            text = pl.col(f"c{index}") if index is not None else pl.lit(None, dtype=pl.String)
            return text.fill_null("")

        cells = [name for name in rows.columns if name.startswith("c")]
        quoted = [i for i, segment in enumerate(segments) if b'"' in segment.data]
        plain = ~pl.col("segment").is_in(pl.Series(quoted, dtype=pl.UInt32).implode())
        if "overflow" in rows.columns:
            plain = plain & ~pl.col("overflow")
        too_long = pl.any_horizontal(pl.col(c).str.len_bytes() > MAX_CELL_CHARS for c in cells)
        plain = plain & ~too_long.fill_null(False)
        # The counties first: one known to pass stands in for the others in _sure_figures.
        _known(
            rows.select(cell(COUNTY).alias("county")), "county", self._county, self._county_piece
        )
        frame = rows.with_columns(
            cell(COUNTY).alias("county_text"),
            cell(INDICATOR).alias("indicator_text"),
            cell(YEAR).alias("year_text"),
            *(cell(role).alias(name) for role, name in zip(_ROLES, _FIGURE_CELLS, strict=True)),
            plain.alias("plain"),
            self._sure_figures(header, rows, judge).alias("sure"),
        ).filter(pl.col("plain"))
        if not frame.height:
            return left
        # A first cell starting with # makes the row a comment (csvrows.py).
        comments = _known(frame, "c0", self._comment, _is_comment)
        county = _known(frame, "county_text", self._county, self._county_piece)
        target = _known(frame, "indicator_text", self._target, self._target_index)
        indicator = _known(frame, "indicator_text", self._indicator, self._indicator_piece)
        year = _known(frame, "year_text", self._year, self._year_piece)
        frame = frame.with_columns(
            pl.col("c0")
            .fill_null("")
            .is_in(pl.Series([t for t, c in comments.items() if c], dtype=pl.String).implode())
            .alias("comment"),
            pl.col("county_text").replace_strict(county, return_dtype=pl.Int64).alias("county"),
            pl.col("indicator_text").replace_strict(target, return_dtype=pl.Int64).alias("target"),
            pl.col("indicator_text")
            .replace_strict(indicator, return_dtype=pl.Int64)
            .alias("indicator"),
            pl.col("year_text").replace_strict(year, return_dtype=pl.Int64).alias("year"),
        ).filter(~pl.col("comment") & pl.col("county").is_not_null())
        frame = frame.with_columns(self._figures(frame)).filter(pl.col("figure").is_not_null())
        failing = self._keep(frame)
        if failing is None:
            return left
        return left.join(failing, on=["segment", "line"], how="anti", maintain_order="left")

    def problems(self, index: int) -> Problems:
        """The problems of the rows of file `index` taken here, in line order."""
        file = self._files.get(index)
        return file.problems if file is not None else Problems()

    # --- Pieces ------------------------------------------------------------------------------

    def _piece(self, problems: list[Problem]) -> int:
        if not problems:
            return 0
        self._pieces.append(tuple(problems))
        problems.clear()
        return len(self._pieces) - 1

    def _county_piece(self, text: str) -> int | None:
        written = text.strip()
        if not written or fold(written) in self._totals:
            return None  # a blank county (perhaps a blank row), a total: the row reader's
        self._builder.county(Cell(written, 0, None, COUNTY))
        return self._piece(self._builder.problems)

    def _target_index(self, text: str) -> int:
        target = self.targets.find_target(text.strip()) if text.strip() else None
        return -1 if target is None else self.targets.targets.index(target)

    def _indicator_piece(self, text: str) -> int:
        self._builder.target(Cell(text.strip(), 0, None, INDICATOR))
        return self._piece(self._builder.problems)

    def _year_piece(self, text: str) -> int:
        self._builder.year(Cell(text.strip(), 0, None, YEAR))
        return self._piece(self._builder.problems)

    def _sure_figures(
        self, header: Header, rows: pl.DataFrame, judge: Callable[[pl.DataFrame], pl.Series]
    ) -> pl.Series:
        """Where a row's figure surely passes every rule: where the row would be taken with a
        county known to pass and no year. A year column wrong throughout leaves a million
        distinct figures, each far slower to check one by one."""
        import polars as pl  # loaded (and its allocator tuned) by columns.load_polars already

        if rows.height < _JUDGED_FROM or INDICATOR not in header.roles:
            return pl.repeat(False, rows.height, eager=True)
        changed = []
        if YEAR in header.roles:
            changed.append(pl.lit(None, dtype=pl.String).alias(f"c{header.roles[YEAR]}"))
        good = next((text for text, piece in self._county.items() if piece == 0), None)
        if good is not None and COUNTY in header.roles:
            changed.append(pl.lit(good, dtype=pl.String).alias(f"c{header.roles[COUNTY]}"))
        return judge(rows.with_columns(changed)).fill_null(False)

    def _figures(self, frame: pl.DataFrame) -> list[pl.Expr]:
        """Each row's `figure` (an index into `_figure_shape`; 0 for one without problems,
        -1 for a row without a target; null for a blank figure, left to the row reader: a
        note) and the `shape` of its problems (0: none)."""
        import polars as pl  # loaded (and its allocator tuned) by columns.load_polars already

        if len(self._figure) > _FIGURES_KEPT:
            self._figure.clear()
        distinct = (
            frame.filter((pl.col("target") >= 0) & ~pl.col("sure")).select(_FIGURE_KEY).unique()
        )
        found: list[int | None] = []
        shapes: list[int] = []
        new: list[int] = []
        for row, (target, *texts) in enumerate(distinct.iter_rows()):
            figure = (target, *texts)
            piece = self._figure.get(figure, -2)
            if piece == -2:
                if not any(text.strip() for text in texts):
                    piece = None
                else:
                    problems = self._figure_problems(self._builder, target, texts)
                    piece = 0
                    if problems:
                        shape = tuple((p.code, p.field, p.level) for p in problems)
                        piece = len(self._figure_shape)
                        if shape not in self._shapes:
                            self._shapes[shape] = len(self._shape_sizes)
                            self._shape_sizes.append(len(shape))
                        self._figure_shape.append(self._shapes[shape])
                        new.append(row)
                self._figure[figure] = piece
            found.append(piece)
            shapes.append(self._figure_shape[piece] if piece else 0)
        if new:
            self._figure_starts.append(len(self._figure_shape) - len(new))
            self._figure_texts.append(distinct[new])
        table = distinct.with_columns(
            pl.Series("figure", found, dtype=pl.Int64), pl.Series("shape", shapes, dtype=pl.Int64)
        )
        joined = frame.select(_FIGURE_KEY).join(
            table, on=_FIGURE_KEY, how="left", maintain_order="left"
        )
        plain = (pl.col("target") >= 0) & ~pl.col("sure")
        return [
            pl.when(pl.col("target") < 0)
            .then(-1)
            .when(pl.col("sure"))
            .then(0)
            .otherwise(joined.get_column("figure"))
            .alias("figure"),
            pl.when(plain).then(joined.get_column("shape")).otherwise(0).alias("shape"),
        ]

    def _figure_problems(
        self, builder: ObservationBuilder, target: int, texts: Sequence[str]
    ) -> tuple[Problem, ...]:
        """The problems the row reader has for a figure's cells (placed nowhere yet)."""
        value, numerator, denominator = (
            Cell(text.strip(), 0, None, role) for text, role in zip(texts, _ROLES, strict=True)
        )
        # Blocked: only the figure's problems are wanted, never an observation.
        builder.observe(
            None,
            self.targets.targets[target],
            FigureCells(value, numerator, denominator),
            note="",
            year=None,
            blocked=True,
            at=value,
        )
        problems = tuple(builder.problems)
        builder.problems.clear()
        return problems

    def _problems_again(self, piece: int) -> tuple[Problem, ...]:
        """The problems of figure `piece`, made again from its texts."""
        chunk = bisect.bisect_right(self._figure_starts, piece) - 1
        target, *texts = self._figure_texts[chunk].row(piece - self._figure_starts[chunk])
        return self._figure_problems(self._remaker, target, texts)

    # --- Problems ----------------------------------------------------------------------------

    def _keep(self, frame: pl.DataFrame) -> pl.DataFrame | None:
        """Keep the problems of the rows with any, each file's in line order; those rows."""
        import polars as pl  # loaded (and its allocator tuned) by columns.load_polars already

        lists = []
        for column in ("county", "indicator", "year", "shape"):
            pairs = frame.select("file", column).unique()
            ids = [
                list(
                    self._shape_ids(index, piece)
                    if column == "shape"
                    else self._ids(index, piece, self._pieces)
                )
                for index, piece in pairs.iter_rows()
            ]
            table = pairs.with_columns(pl.Series(f"{column}_ids", ids, dtype=pl.List(pl.UInt32)))
            lists.append(
                frame.select("file", column)
                .join(table, on=["file", column], how="left", maintain_order="left")
                .get_column(f"{column}_ids")
            )
        failing = (
            frame.select("segment", "file", "line")
            .with_columns(pl.concat_list(lists).alias("ids"))
            .filter(pl.col("ids").list.len() > 0)
        )
        if not failing.height:
            return None
        # The rows of each file and shape of figure problems, in line order.
        shaped = frame.filter(pl.col("shape") > 0).select("file", "shape", "line", "figure")
        for part in shaped.partition_by("file", "shape", maintain_order=True):
            figures = self._files[part.item(0, "file")].figures[part.item(0, "shape")]
            figures.lines.extend(part.get_column("line").to_list())
            figures.figures.extend(part.get_column("figure").to_list())
        placed = failing.select("file", "line", "ids").explode("ids")
        for part in placed.partition_by("file", maintain_order=True):
            file = self._files[part.get_column("file")[0]]
            file.problems.add_many(
                part.get_column("line").to_list(), part.get_column("ids").to_list()
            )
        return failing.select("segment", "line")

    def _file(self, index: int) -> _File:
        file = self._files.get(index)
        if file is None:
            file = self._files[index] = _File()
        return file

    def _ids(self, index: int, piece: int, pieces: list[tuple[Problem, ...]]) -> tuple[int, ...]:
        """The indices in file `index`'s problems of a piece's problems."""
        if piece <= 0:
            return ()
        file = self._file(index)
        like = file.like.get(piece)
        if like is None:
            display = self._display[index]
            like = file.like[piece] = tuple(
                file.problems.like(dataclasses.replace(problem, path=display))
                for problem in pieces[piece]
            )
        return like

    def _shape_ids(self, index: int, shape: int) -> tuple[int, ...]:
        """The indices in file `index`'s problems of those of its figures of `shape`."""
        if shape <= 0:
            return ()
        file = self._file(index)
        figures = file.figures.get(shape)
        if figures is None:
            figures = file.figures[shape] = _Figures(
                self._display[index], self._problems_again, self._shape_sizes[shape]
            )
            figures.ids = tuple(file.problems.like(alike) for alike in figures.alike)
        return figures.ids


_ROLES = (VALUE, NUMERATOR, DENOMINATOR)
_Known = TypeVar("_Known")


def _known(
    frame: pl.DataFrame, column: str, known: dict[str, _Known], work_out: Callable[[str], _Known]
) -> dict[str, _Known]:
    """What each distinct text of `column` gives, worked out once for all batches."""
    for text in frame.get_column(column).fill_null("").unique().to_list():
        if text not in known:
            known[text] = work_out(text)
    return known


def _is_comment(text: str) -> bool:
    return text.lstrip().startswith("#")
