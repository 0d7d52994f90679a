"""The targets file's models: what a file may say, and the look-ups planctl asks of it.

The models are frozen dataclasses; each field's annotation states what the field may hold
(`Annotated[str, Field(min_length=1)]`) and `__post_init__` the rules one model can check
alone (a ratio needs its parts, a `between` target its two bounds). pydantic validates a
file against these same classes (`validator()`), and describes them (`json_schema()`); the
annotations are text, evaluated only then, so a run that takes its targets from the cache
(`planctl.targets.cached`) never imports pydantic. `TargetSet` is a validated file with the
questions the rest of planctl asks: which target does this name mean, which county is this,
on which line is this field. Reading and validating a file is `planctl.targets.load`; the
line of every key, `planctl.targets.lines`.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from planctl.domain.goal import Goal
from planctl.domain.names import closest, fold, one_slip
from planctl.domain.problems import Problem
from planctl.domain.terms import Comparator, Level, Rollup, Strength, Unit, UnitKind
from planctl.i18n.catalog import english, text
from planctl.i18n.codes import Msg
from planctl.targets.lines import Location, line_at

if TYPE_CHECKING:
    from pydantic import TypeAdapter

DEFAULT_TARGETS = "2017.yaml"
# What `planctl extract` writes where a person must decide; never a valid value.
PLACEHOLDER = "TODO"
_Item = TypeVar("_Item")


# pydantic's Field, Tag and Discriminator, as the annotations below name them: each imports
# pydantic when an annotation is evaluated, which pydantic does when it builds validation or
# a schema from these classes, and nothing else does (see TYPES_ONLY).
def Field(**rules: Any) -> Any:
    import pydantic

    return pydantic.Field(**rules)


def Tag(tag: str) -> Any:
    import pydantic

    return pydantic.Tag(tag)


def Discriminator(kind: Callable[[Any], str]) -> Any:
    import pydantic

    return pydantic.Discriminator(kind)


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


# The same names for reading the annotations' types alone, without their rules and without
# pydantic (`planctl.targets.construct` rebuilding a file from the cache).
TYPES_ONLY: dict[str, Callable[..., None]] = {
    "Field": _nothing,
    "Tag": _nothing,
    "Discriminator": _nothing,
}


class _Model:
    """What every model of the file shares: pydantic's settings for validating it."""

    __slots__ = ()
    # extra: a key that no field has is a mistake (a misspelt field), never ignored.
    # allow_inf_nan: a threshold or range of "nan" or "inf" (as text) judges nothing.
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "allow_inf_nan": False}

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        """The schema pydantic makes of the class, with the default of a field made by a
        factory (`[]`, `{}`, which a dataclass cannot hold as a default) shown as it is."""
        schema = handler(core_schema)
        properties = handler.resolve_ref_schema(schema).get("properties", {})
        for item in dataclasses.fields(cls):  # type: ignore[arg-type]
            if item.default_factory is not dataclasses.MISSING and item.name in properties:
                properties[item.name]["default"] = item.default_factory()
        return schema


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity(_Model):
    """The numerator or denominator of a rate: what is counted.

    Two targets whose parts share a `key` count the same people (the children enrolled are
    the gross enrolment rate's numerator and the coverage share's denominator), so a county
    must report the same figure for both.
    """

    key: Annotated[
        Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None,
        Field(description=english(Msg.SCHEMA_QUANTITY_KEY)),
    ] = None
    name_zh: Annotated[str, Field(min_length=1)]
    name_en: Annotated[str, Field(min_length=1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Baseline(_Model):
    """A city figure from before the plan, the starting point of a target's trend."""

    year: Annotated[int, Field(ge=1900, le=2200)]
    value: float
    source: Annotated[str, Field(min_length=1)]
    source_zh: Annotated[
        str | None, Field(min_length=1, description=english(Msg.SCHEMA_SOURCE_ZH))
    ] = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidRange(_Model):
    """The values a county can truthfully report; anything outside is a data error."""

    min: float | None = None
    max: float | None = None

    def __post_init__(self) -> None:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(text(Msg.TARGETS_RANGE_REVERSED, min=self.min, max=self.max))

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bounds(_Model):
    """The two bounds of a `between` target, both inclusive: 生师比 between 15 and 19."""

    min: float
    max: float

    def __post_init__(self) -> None:
        if not self.min < self.max:
            raise ValueError(
                text(Msg.TARGETS_BOUNDS_REVERSED, min=f"{self.min:g}", max=f"{self.max:g}")
            )


def _threshold_kind(value: Any) -> str:
    return "bounds" if isinstance(value, dict | Bounds) else "number"


# The tags of a threshold's two kinds (see Target.threshold), which pydantic puts in an
# error's location: not fields a person wrote.
UNION_TAGS = frozenset({"number", "bounds"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance(_Model):
    """Where in the plan a target is set: clause number, exact sentence, deadline year."""

    clause: Annotated[int, Field(ge=1)]
    sentence: Annotated[str, Field(min_length=1)]
    deadline: Annotated[int, Field(ge=1900, le=2200)]


@dataclass(frozen=True, slots=True, kw_only=True)
class CountyTarget(_Model):
    """A county's own line for a target, from a bureau's decomposition (目标分解) or a
    目标责任书, not from the plan: the county is judged on it instead of the plan's line."""

    threshold: float
    strength: Annotated[Strength, Field(description=english(Msg.SCHEMA_STRENGTH_LINE))] = (
        Strength.BINDING
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Target(_Model):
    """One quantitative target of the plan."""

    id: Annotated[
        str, Field(pattern=r"^[a-z][a-z0-9_]*$", description=english(Msg.SCHEMA_TARGET_ID))
    ]
    name_zh: Annotated[str, Field(min_length=1)]
    name_en: Annotated[str, Field(min_length=1)]
    aliases: Annotated[list[str], Field(description=english(Msg.SCHEMA_ALIASES))] = field(
        default_factory=list
    )
    unit: Annotated[Unit, Field(description=english(Msg.SCHEMA_UNIT))]
    comparator: Comparator
    # One number, or the two bounds of `between`; which is meant is told by the YAML itself,
    # so a mistake is reported once, against what was written (`threshold: x` is not a number).
    threshold: Annotated[
        Annotated[float, Tag("number")] | Annotated[Bounds, Tag("bounds")],
        Discriminator(_threshold_kind),
        Field(description=english(Msg.SCHEMA_THRESHOLD)),
    ]
    valid_range: Annotated[ValidRange, Field(description=english(Msg.SCHEMA_VALID_RANGE))]
    # A gross rate (毛入园率) counts people outside its denominator too, so it may pass 100%;
    # any other percentage is a share, and a share above 100% is a mistake.
    gross: Annotated[bool, Field(description=english(Msg.SCHEMA_GROSS))] = False
    strength: Strength
    level: Level
    rollup: Rollup
    numerator: Quantity | None = None
    denominator: Quantity | None = None
    contributors: Annotated[
        list[str] | None, Field(description=english(Msg.SCHEMA_CONTRIBUTORS))
    ] = None
    quotas: Annotated[dict[str, float], Field(description=english(Msg.SCHEMA_QUOTAS))] = field(
        default_factory=dict
    )
    tolerance: Annotated[float | None, Field(ge=0, description=english(Msg.SCHEMA_TOLERANCE))] = (
        None
    )
    county_targets: Annotated[
        dict[str, CountyTarget], Field(description=english(Msg.SCHEMA_COUNTY_TARGETS))
    ] = field(default_factory=dict)
    baseline: Annotated[Baseline | None, Field(description=english(Msg.SCHEMA_BASELINE))] = None
    provenance: Provenance

    def __post_init__(self) -> None:
        has_parts = self.numerator is not None and self.denominator is not None
        if self.rollup is Rollup.RATIO and not has_parts:
            raise ValueError(text(Msg.TARGETS_RATIO_NEEDS_PARTS))
        if self.rollup is Rollup.SUM and (self.numerator or self.denominator):
            raise ValueError(text(Msg.TARGETS_SUM_NO_PARTS))
        if self.unit is Unit.COUNT and self.rollup is Rollup.RATIO:
            raise ValueError(text(Msg.TARGETS_COUNT_AS_RATIO))
        if self.unit is Unit.RATIO and self.rollup is not Rollup.RATIO:
            # A city's pupils per teacher is its pupils over its teachers, not a sum of ratios.
            raise ValueError(text(Msg.TARGETS_RATIO_UNIT_AS_SUM))
        if self.level is Level.COUNTY and (self.quotas or self.contributors is not None):
            raise ValueError(text(Msg.TARGETS_QUOTAS_CITY_ONLY))
        if self.gross and self.unit is not Unit.PERCENT:
            raise ValueError(text(Msg.TARGETS_GROSS_PERCENT_ONLY))
        between = self.comparator is Comparator.BETWEEN
        if between != isinstance(self.threshold, Bounds):
            raise ValueError(
                text(Msg.TARGETS_BETWEEN_NEEDS_BOUNDS)
                if between
                else text(Msg.TARGETS_BOUNDS_NEED_BETWEEN, comparator=self.comparator)
            )
        if isinstance(self.threshold, Bounds):
            valid = self.valid_range
            if not (valid.contains(self.threshold.min) and valid.contains(self.threshold.max)):
                low, high = f"{self.threshold.min:g}", f"{self.threshold.max:g}"
                bounds = text(Msg.TARGETS_BOUNDS_OUTSIDE, low=low, high=high, valid=_range(valid))
                raise ValueError(bounds)
            if self.quotas:
                raise ValueError(text(Msg.TARGETS_BETWEEN_NO_QUOTAS))
            if self.county_targets:
                raise ValueError(text(Msg.TARGETS_BETWEEN_NO_COUNTY_TARGETS))
        if self.tolerance is not None and self.comparator in (Comparator.BETWEEN, Comparator.EQUAL):
            raise ValueError(text(Msg.TARGETS_TOLERANCE_ONE_SIDED))
        for county, line in self.county_targets.items():
            if not self.valid_range.contains(line.threshold):
                raise ValueError(
                    text(
                        Msg.TARGETS_COUNTY_TARGET_OUTSIDE,
                        county=county,
                        threshold=f"{line.threshold:g}",
                        valid=_range(self.valid_range),
                    )
                )

    @property
    def goal(self) -> Goal:
        """What a figure of this target is held against (see domain/goal.py)."""
        if isinstance(self.threshold, Bounds):
            return Goal(self.comparator, self.threshold.min, self.threshold.max)
        return Goal(self.comparator, self.threshold)

    @property
    def names(self) -> list[str]:
        """Every name this target answers to."""
        return [self.id, self.name_zh, self.name_en, *self.aliases]

    @property
    def has_parts(self) -> bool:
        """Whether the target is a rate reported with numerator and denominator."""
        return self.rollup is Rollup.RATIO


def _range(valid: ValidRange) -> str:
    low = text(Msg.TARGETS_NO_MINIMUM) if valid.min is None else f"{valid.min:g}"
    high = text(Msg.TARGETS_NO_MAXIMUM) if valid.max is None else f"{valid.max:g}"
    return text(Msg.TARGETS_RANGE, low=low, high=high)


@dataclass(frozen=True, slots=True, kw_only=True)
class County(_Model):
    """A reporting unit expected to submit figures: a county-level unit (under `counties:`),
    or a unit of another kind (under `units:`), such as the city-run schools (市直学校)."""

    name: Annotated[str, Field(min_length=1)]
    name_en: Annotated[str, Field(min_length=1)]
    aliases: list[str] = field(default_factory=list)
    kind: Annotated[UnitKind, Field(description=english(Msg.SCHEMA_UNIT_KIND))] = UnitKind.COUNTY
    judged: Annotated[bool, Field(description=english(Msg.SCHEMA_UNIT_JUDGED))] = True
    in_city_total: Annotated[bool, Field(description=english(Msg.SCHEMA_UNIT_IN_CITY_TOTAL))] = True
    reports: Annotated[list[str] | None, Field(description=english(Msg.SCHEMA_UNIT_REPORTS))] = None

    def __post_init__(self) -> None:
        if not self.judged and not self.in_city_total:
            raise ValueError(text(Msg.TARGETS_UNIT_COUNTS_NOWHERE))

    def reports_on(self, target_id: str) -> bool:
        """Whether this unit submits a figure for the target (every one, unless `reports`)."""
        return self.reports is None or target_id in self.reports


@dataclass(frozen=True, slots=True, kw_only=True)
class City(_Model):
    """The unit whose totals the city-level targets judge."""

    name: Annotated[str, Field(min_length=1)]
    name_en: Annotated[str, Field(min_length=1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan(_Model):
    """The plan document the targets come from."""

    title: Annotated[str, Field(min_length=1)]
    title_en: Annotated[str, Field(min_length=1)]
    issuing_body: Annotated[str, Field(min_length=1)]
    issuing_body_en: Annotated[str, Field(min_length=1)]
    issued: datetime.date
    reference: Annotated[str, Field(min_length=1)]
    reference_zh: Annotated[
        str | None, Field(min_length=1, description=english(Msg.SCHEMA_REFERENCE_ZH))
    ] = None
    year: Annotated[int, Field(ge=1900, le=2200)]
    source_text: Annotated[str | None, Field(description=english(Msg.SCHEMA_SOURCE_TEXT))] = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetsFile(_Model):
    """The whole targets file, as written."""

    schema_version: Literal[1]
    plan: Plan
    city: City
    counties: list[County]
    units: Annotated[list[County], Field(description=english(Msg.SCHEMA_UNITS))] = field(
        default_factory=list
    )
    targets: Annotated[list[Target], Field(min_length=1)]


@functools.cache
def validator() -> TypeAdapter[TargetsFile]:
    """pydantic's validation of a whole file, built the first time a file is validated."""
    from pydantic import TypeAdapter

    return TypeAdapter(TargetsFile)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a targets file (planctl.schemas adds the dialect)."""
    return validator().json_schema()


@dataclass(frozen=True)
class TargetSet:
    """A validated targets file and the look-ups planctl needs from it."""

    path: Path
    display: str
    sha256: str
    spec: TargetsFile
    _targets_by_name: dict[str, Target] = field(repr=False)
    _counties_by_name: dict[str, County] = field(repr=False)
    _lines: dict[Location, int] = field(repr=False, default_factory=dict)
    # What --verbose says about how the file was loaded (a cache not used, an entry refused).
    notes: list[Problem] = field(repr=False, compare=False, default_factory=list)
    # The county-targets file (--county-targets) whose lines were laid over the file's own.
    county_targets_file: str | None = None

    @property
    def built_in(self) -> bool:
        """Whether this is the targets file the package carries (used without --targets)."""
        try:
            return self.path.resolve() == default_targets_path().resolve()
        except OSError:
            return False

    @property
    def plan(self) -> Plan:
        return self.spec.plan

    @property
    def targets(self) -> list[Target]:
        return self.spec.targets

    @functools.cached_property
    def counties(self) -> list[County]:
        """Every reporting unit expected to submit: the county-level units, then the file's
        other units (市直学校, a development zone), which submit and are judged alike except
        where their own fields (judged, in_city_total, reports) say otherwise."""
        if not self.spec.units:
            return self.spec.counties
        return [*self.spec.counties, *self.spec.units]

    @property
    def units(self) -> list[County]:
        """The reporting units that are not county-level (`units:` in the file)."""
        return self.spec.units

    def in_city_total(self, target: Target) -> list[str]:
        """The units whose figures the city total of `target` may add: all but those whose
        `in_city_total` is false or whose `reports` leaves the target out."""
        return [c.name for c in self.counties if c.in_city_total and c.reports_on(target.id)]

    def with_county_targets(
        self, lines: dict[str, dict[str, CountyTarget]], sha256: str, source: str
    ) -> TargetSet:
        """These targets with each county's own line of `lines` (target id → county → line)
        over the file's own; `sha256` names the result (the run digest covers both files)."""
        targets = [
            dataclasses.replace(
                target, county_targets={**target.county_targets, **lines[target.id]}
            )
            if target.id in lines
            else target
            for target in self.targets
        ]
        spec = dataclasses.replace(self.spec, targets=targets)
        return dataclasses.replace(
            self,
            sha256=sha256,
            spec=spec,
            _targets_by_name=name_index(targets, lambda t: t.names),
            county_targets_file=source,
        )

    def find_target(self, name: str) -> Target | None:
        """The target that `name` (an id, the Chinese wording or an alias) means."""
        return self._targets_by_name.get(fold(name))

    @functools.cached_property
    def _near(self) -> dict[tuple[str, str], list[str]]:
        """The "did you mean" answers given, by the folded name asked about: a file that
        repeats a misspelt name on thousands of rows asks as often, and each answer compares
        every known name (difflib, milliseconds each)."""
        return {}

    def suggest_targets(self, name: str, limit: int = 3) -> list[str]:
        """The names nearest to `name`, each naming a different target, best first."""
        key = ("target", fold(name))
        if key not in self._near:
            suggestions: dict[str, str] = {}
            for candidate in closest(name, (n for t in self.targets for n in t.names), limit=12):
                target = self._targets_by_name[fold(candidate)]
                suggestions.setdefault(target.id, candidate)
            self._near[key] = list(suggestions.values())
        return self._near[key][:limit]

    def find_county(self, name: str) -> County | None:
        """The county `name` means; None when unknown or when the file lists no counties."""
        return self._counties_by_name.get(fold(name))

    def suggest_counties(self, name: str, limit: int = 3) -> list[str]:
        """The official names of the counties nearest to `name`, best first."""
        key = ("county", fold(name))
        if key not in self._near:
            known = [n for c in self.counties for n in (c.name, *c.aliases)]
            # A slip of one character in a short name ('咸按' for '咸安') is too large a share
            # of it for the closeness measure (half of two characters), yet plainly meant.
            near = closest(name, known, limit=12) or one_slip(name, known)
            names = dict.fromkeys(self._counties_by_name[fold(n)].name for n in near)
            self._near[key] = list(names)
        return self._near[key][:limit]

    def line_of(self, location: Location) -> int | None:
        """The line of a field in the file, e.g. `("targets", 3, "threshold")`."""
        return line_at(location, self._lines)

    def contributors(self, target: Target) -> list[str]:
        """The counties whose figures make up a city-level target's total."""
        if target.contributors is not None:
            return target.contributors
        return self.in_city_total(target)


def default_targets_path() -> Path:
    """The 2017 Xianning targets: inside the installed package, or in a source checkout."""
    packaged = Path(__file__).parent / DEFAULT_TARGETS
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "targets" / DEFAULT_TARGETS


def name_index(items: list[_Item], names_of: Callable[[_Item], list[str]]) -> dict[str, _Item]:
    index: dict[str, _Item] = {}
    for item in items:
        for name in names_of(item):
            index.setdefault(fold(name), item)
    return index
