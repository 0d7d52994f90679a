"""The targets file: YAML in, validated pydantic models out, every problem tied to its line.

`load_targets(path)` parses with PyYAML's safe loader, remembers the line of every key, and
validates with pydantic; a broken file raises `TargetsError` whose problems read
`targets/2017.yaml:42: threshold: …`. A value that starts with `TODO` is a placeholder that
`planctl extract` left for a person to fill, and is reported as such. The result, a
`TargetSet`, answers the questions the rest of planctl asks: which target does this name
mean, which county is this, on which line is this field.

A file validated once is kept in planctl's cache (`planctl.files.cache`) under a key made of its
bytes and of the code that validates it, so the next run with the same file skips parsing
and validation and rebuilds the models from the entry (`planctl.targets.construct`); that, and
building pydantic's validators only when a file is validated (`defer_build`), is what lets a
check start fast. A file that changed is a new key, so it is always validated afresh, and
an entry is taken only if its seal, keyed by the user's secret, matches (see `planctl.files.cache`):
an entry that someone else wrote into the cache is validated over, never believed.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

from planctl import __version__
from planctl.domain.goal import Goal
from planctl.domain.names import closest, fold, one_slip
from planctl.domain.problems import Problem, TargetsError
from planctl.domain.terms import Comparator, Level, Rollup, Strength, Unit
from planctl.files.cache import CacheUse
from planctl.files.limits import MAX_YAML_DEPTH, TARGETS_FILE
from planctl.files.text import TextFile, read_text
from planctl.i18n.catalog import english, one_of, text
from planctl.i18n.codes import Msg

if TYPE_CHECKING:
    import yaml

    from planctl.files.cache import Store

DEFAULT_TARGETS = "2017.yaml"
# What `planctl extract` writes where a person must decide; never a valid value.
PLACEHOLDER = "TODO"
_Item = TypeVar("_Item")


class _Model(BaseModel):
    # defer_build: a run that takes its targets from the cache never validates, so it need
    # not pay for building the validators when this module is imported.
    # allow_inf_nan: a threshold or range of "nan" or "inf" (as text) judges nothing.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class Quantity(_Model):
    """The numerator or denominator of a rate: what is counted.

    Two targets whose parts share a `key` count the same people (the children enrolled are
    the gross enrolment rate's numerator and the coverage share's denominator), so a county
    must report the same figure for both.
    """

    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = Field(
        default=None, description=english(Msg.SCHEMA_QUANTITY_KEY)
    )
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)


class Baseline(_Model):
    """A city figure from before the plan, the starting point of a target's trend."""

    year: int = Field(ge=1900, le=2200)
    value: float
    source: str = Field(min_length=1)


class ValidRange(_Model):
    """The values a county can truthfully report; anything outside is a data error."""

    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ValidRange:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(text(Msg.TARGETS_RANGE_REVERSED, min=self.min, max=self.max))
        return self

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Bounds(_Model):
    """The two bounds of a `between` target, both inclusive: 生师比 between 15 and 19."""

    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if not self.min < self.max:
            raise ValueError(
                text(Msg.TARGETS_BOUNDS_REVERSED, min=f"{self.min:g}", max=f"{self.max:g}")
            )
        return self


def _threshold_kind(value: Any) -> str:
    return "bounds" if isinstance(value, dict | Bounds) else "number"


# One number, or the two bounds of `between`; which is meant is told by the YAML itself, so a
# mistake is reported once, against what was written (`threshold: x` is not a number).
Threshold = Annotated[
    Annotated[float, Tag("number")] | Annotated[Bounds, Tag("bounds")],
    Discriminator(_threshold_kind),
]
# The tags above, which pydantic puts in an error's location: not fields a person wrote.
_UNION_TAGS = frozenset({"number", "bounds"})


class Provenance(_Model):
    """Where in the plan a target is set: clause number, exact sentence, deadline year."""

    clause: int = Field(ge=1)
    sentence: str = Field(min_length=1)
    deadline: int = Field(ge=1900, le=2200)


class CountyTarget(_Model):
    """A county's own line for a target, from a bureau's decomposition (目标分解) or a
    目标责任书, not from the plan: the county is judged on it instead of the plan's line."""

    threshold: float
    strength: Strength = Field(
        default=Strength.BINDING, description=english(Msg.SCHEMA_STRENGTH_LINE)
    )


class Target(_Model):
    """One quantitative target of the plan."""

    id: Annotated[
        str, Field(pattern=r"^[a-z][a-z0-9_]*$", description=english(Msg.SCHEMA_TARGET_ID))
    ]
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: list[str] = Field(default=[], description=english(Msg.SCHEMA_ALIASES))
    unit: Unit = Field(description=english(Msg.SCHEMA_UNIT))
    comparator: Comparator
    threshold: Threshold = Field(description=english(Msg.SCHEMA_THRESHOLD))
    valid_range: ValidRange = Field(description=english(Msg.SCHEMA_VALID_RANGE))
    # A gross rate (毛入园率) counts people outside its denominator too, so it may pass 100%;
    # any other percentage is a share, and a share above 100% is a mistake.
    gross: bool = Field(default=False, description=english(Msg.SCHEMA_GROSS))
    strength: Strength
    level: Level
    rollup: Rollup
    numerator: Quantity | None = None
    denominator: Quantity | None = None
    contributors: list[str] | None = Field(
        default=None, description=english(Msg.SCHEMA_CONTRIBUTORS)
    )
    quotas: dict[str, float] = Field(default={}, description=english(Msg.SCHEMA_QUOTAS))
    tolerance: float | None = Field(default=None, ge=0, description=english(Msg.SCHEMA_TOLERANCE))
    county_targets: dict[str, CountyTarget] = Field(
        default={}, description=english(Msg.SCHEMA_COUNTY_TARGETS)
    )
    baseline: Baseline | None = Field(default=None, description=english(Msg.SCHEMA_BASELINE))
    provenance: Provenance

    @model_validator(mode="after")
    def _consistent(self) -> Target:
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
                raise ValueError("a between target takes no county_targets")
        if self.tolerance is not None and self.comparator in (Comparator.BETWEEN, Comparator.EQUAL):
            raise ValueError("a tolerance needs a comparator with one side: >=, >, <= or <")
        for county, line in self.county_targets.items():
            if not self.valid_range.contains(line.threshold):
                raise ValueError(
                    f"the county target of {county}, {line.threshold:g}, must lie inside the "
                    f"valid range ({_range(self.valid_range)})"
                )
        return self

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


class County(_Model):
    """A county-level unit expected to submit figures."""

    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: list[str] = []


class City(_Model):
    """The unit whose totals the city-level targets judge."""

    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)


class Plan(_Model):
    """The plan document the targets come from."""

    title: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    issuing_body: str = Field(min_length=1)
    issuing_body_en: str = Field(min_length=1)
    issued: datetime.date
    reference: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2200)
    source_text: str | None = Field(default=None, description=english(Msg.SCHEMA_SOURCE_TEXT))


class TargetsFile(_Model):
    """The whole targets file, as written."""

    schema_version: Literal[1]
    plan: Plan
    city: City
    counties: list[County]
    targets: list[Target] = Field(min_length=1)


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

    @property
    def counties(self) -> list[County]:
        return self.spec.counties

    def with_county_targets(
        self, lines: dict[str, dict[str, CountyTarget]], sha256: str, source: str
    ) -> TargetSet:
        """These targets with each county's own line of `lines` (target id → county → line)
        over the file's own; `sha256` names the result (the run digest covers both files)."""
        targets = [
            target.model_copy(
                update={"county_targets": {**target.county_targets, **lines[target.id]}}
            )
            if target.id in lines
            else target
            for target in self.targets
        ]
        spec = self.spec.model_copy(update={"targets": targets})
        return dataclasses.replace(
            self,
            sha256=sha256,
            spec=spec,
            _targets_by_name=_index(targets, lambda t: t.names),
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
        return _line_of(location, self._lines)

    def contributors(self, target: Target) -> list[str]:
        """The counties whose figures make up a city-level target's total."""
        if target.contributors is not None:
            return target.contributors
        return [county.name for county in self.counties]


def default_targets_path() -> Path:
    """The 2017 Xianning targets: inside the installed package, or in a source checkout."""
    packaged = Path(__file__).parent / DEFAULT_TARGETS
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "targets" / DEFAULT_TARGETS


def load_targets(path: Path, cache: CacheUse = CacheUse.ON) -> TargetSet:
    """Load and validate a targets file; raise TargetsError listing every problem.

    A file whose bytes were validated before is taken from the cache (unless `cache` says
    otherwise), equal to what validating it again would give.
    """
    from planctl.files.cache import open_store

    source = read_text(path, TargetsError, TARGETS_FILE)
    key = _cache_key(source.sha256) if cache is not CacheUse.OFF else None
    store, notes = open_store(CACHE_KIND) if key is not None else (None, [])
    cached = None
    if store is not None and key is not None and cache is CacheUse.ON:
        cached = _from_cache(store, key)
    if cached is not None:
        spec, lines = cached
    else:
        spec, lines = _validate(source)
        if store is not None and key is not None:
            _to_cache(store, key, spec, lines)
    return TargetSet(
        path=path,
        display=source.display,
        sha256=source.sha256,
        spec=spec,
        _targets_by_name=_index(spec.targets, lambda t: t.names),
        _counties_by_name=_index(spec.counties, lambda c: [c.name, *c.aliases]),
        _lines=lines,
        notes=notes + (store.notes if store is not None else []),
    )


def _validate(source: TextFile) -> tuple[TargetsFile, dict[Location, int]]:
    """The validated targets file and the line of every key; TargetsError with every problem."""
    data, lines = _parse_yaml(source.text, source.display)
    if not isinstance(data, dict):
        line = 1 if not lines else min(lines.values())
        raise TargetsError([Problem(Msg.TARGETS_NOT_MAPPING, source.display, line)])
    placeholders = dict(_placeholders(data))
    # Said by name, not as whatever a field's type makes of them (nan is a float to pydantic).
    non_finite = dict(_non_finite(data))
    found = [
        *_value_problems(Msg.TARGETS_PLACEHOLDER, placeholders, lines, source.display),
        *_value_problems(
            Msg.TARGETS_NOT_FINITE,
            {where: _NON_FINITE_NAMES[str(value)] for where, value in non_finite.items()},
            lines,
            source.display,
        ),
    ]
    try:
        spec = TargetsFile.model_validate(data)
    except ValidationError as exc:
        problems = [
            problem
            for location, problem in _schema_problems(exc, lines, source.display)
            if not any(location[: len(where)] == where for where in [*placeholders, *non_finite])
        ]
        raise TargetsError(_by_line(found, problems)) from None
    problems = list(_cross_check(spec, lines, source.display))
    if problems or found:
        raise TargetsError(_by_line(found, problems))
    return spec, lines


# The cache entries of validated targets files (see planctl.files.cache).
CACHE_KIND = "targets"
# A new format of the entries, or any change to the modules that decide what a file's bytes
# validate to, makes a new key: a cached file is never judged by other rules than these.
_CACHE_FORMAT = "1"
_VALIDATING_MODULES = (
    "planctl.targets.models",
    "planctl.domain.terms",
    "planctl.domain.goal",
    "planctl.domain.names",
    "planctl.files.text",
)


@functools.cache
def _code_digest() -> str | None:
    """A digest of the code that validates targets files: planctl's, and pydantic's version."""
    import pydantic

    digest = hashlib.sha256(f"{_CACHE_FORMAT}\0{__version__}\0{pydantic.VERSION}".encode())
    for name in _VALIDATING_MODULES:
        try:
            digest.update(Path(sys.modules[name].__file__ or "").read_bytes())
        except (KeyError, OSError):  # no source to be read: no cache
            return None
    return digest.hexdigest()


def _cache_key(file_sha256: str) -> str | None:
    code = _code_digest()
    if code is None:
        return None
    return hashlib.sha256(f"{code}\0{file_sha256}".encode()).hexdigest()


def _from_cache(store: Store, key: str) -> tuple[TargetsFile, dict[Location, int]] | None:
    """The targets file validated before under `key`; None on a miss or a corrupt entry."""
    from planctl.targets.construct import construct

    entry = store.read(key)
    if entry is None:
        return None
    try:
        spec = construct(TargetsFile, entry["spec"])
        lines = {tuple(location): int(line) for location, line in entry["lines"]}
    except Exception:  # whatever is wrong with an entry, validating the file is the answer
        return None
    return spec, lines


def _to_cache(store: Store, key: str, spec: TargetsFile, lines: dict[Location, int]) -> None:
    from planctl.targets.construct import dump

    entry = {
        "spec": dump(spec),
        "lines": [[list(location), line] for location, line in lines.items()],
    }
    store.write(key, entry)


def _index(items: list[_Item], names_of: Callable[[_Item], list[str]]) -> dict[str, _Item]:
    index: dict[str, _Item] = {}
    for item in items:
        for name in names_of(item):
            index.setdefault(fold(name), item)
    return index


# A path into the parsed YAML document, as pydantic reports locations: keys and list indexes.
Location = tuple[str | int, ...]


def _parse_yaml(source: str, display: str) -> tuple[Any, dict[Location, int]]:
    """The document and the 1-based line of every key and list item in it."""
    import yaml  # only when a file is validated: a cached one is not parsed

    # libyaml where PyYAML was built with it (its wheels are): the same YAML, ten times as
    # fast, which bounds the time a large file takes to seconds.
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _check_depth(source, display, loader_class)
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines = _node_lines(node, display)
        return loader.construct_document(node), lines
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        tag = (exc.problem or "").rsplit(" ", 1)[-1]
        raise TargetsError(
            [Problem(Msg.TARGETS_YAML_TAG, display, line, fields={"tag": tag})]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        raise TargetsError(
            [Problem(Msg.TARGETS_YAML_SYNTAX, display, line, fields={"problem": problem})]
        ) from None
    except yaml.YAMLError as exc:
        raise TargetsError(
            [Problem(Msg.TARGETS_YAML_SYNTAX, display, fields={"problem": str(exc)})]
        ) from None
    finally:
        loader.dispose()


def _check_depth(source: str, display: str, loader_class: Any) -> None:
    """Refuse mappings and lists nested deeper than MAX_YAML_DEPTH, from the parser's events,
    which are read without recursion: building the nodes recurses once a level, so a file
    of 10,000 brackets would exhaust Python's stack. Syntax errors are left to the parse."""
    import yaml

    def too_deep(line: int | None) -> TargetsError:
        fields: dict[str, object] = {"limit": MAX_YAML_DEPTH}
        return TargetsError([Problem(Msg.TARGETS_TOO_DEEP, display, line, fields=fields)])

    depth = 0
    loader = loader_class(source)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    mark = event.start_mark
                    raise too_deep(mark.line + 1 if mark is not None else None)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml stops at 1,000 levels before the events reach this one: the same refusal.
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise too_deep(exc.problem_mark.line + 1) from None
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


_INT_TAG = "tag:yaml.org,2002:int"
# Python reads integers of up to 4,300 digits from text; a sign and underscores may be written.
_MAX_INT_CHARS = 4_000


def _node_lines(root: yaml.Node, display: str) -> dict[Location, int]:
    """Walk the node tree; refuse duplicate keys and aliases, which only hide mistakes here."""
    import yaml

    lines: dict[Location, int] = {}
    problems: list[Problem] = []
    seen: set[int] = set()
    # An anchored node reached again through each of its aliases is refused once, not once
    # a use: every refusal names the same line, the anchor's.
    aliased: set[int] = set()

    def refuse(node: yaml.Node, code: Msg, **fields: object) -> None:
        problems.append(Problem(code, display, node.start_mark.line + 1, fields=fields))

    def walk(node: yaml.Node, location: Location) -> None:
        if id(node) in seen:
            if id(node) not in aliased:
                aliased.add(id(node))
                aliases = "anchors and aliases (&name, *name) are not supported"
                refuse(node, Msg.TARGETS_YAML_SYNTAX, problem=aliases)
            return
        seen.add(id(node))
        lines.setdefault(location, node.start_mark.line + 1)
        if (
            isinstance(node, yaml.ScalarNode)
            and node.tag == _INT_TAG
            and len(node.value) > _MAX_INT_CHARS
        ):
            # Python refuses to read an integer this long (a ValueError, not a YAML error).
            refuse(node, Msg.TARGETS_NUMBER_TOO_LONG, digits=f"{len(node.value):,}")
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if (*location, key) in lines:
                    twice = text(Msg.TARGETS_KEY_TWICE, key=key)
                    refuse(key_node, Msg.TARGETS_YAML_SYNTAX, problem=twice)
                lines[(*location, key)] = key_node.start_mark.line + 1
                walk(value_node, (*location, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*location, index))

    walk(root, ())
    if problems:
        raise TargetsError(problems)
    return lines


def _line_of(location: Location, lines: dict[Location, int]) -> int | None:
    """The line of the deepest part of `location` that the file has."""
    for end in range(len(location), -1, -1):
        line = lines.get(location[:end])
        if line is not None:
            return line
    return None


def _field_name(location: Location) -> str:
    """A field's name as people read it: `threshold`, not `targets.3.threshold`."""
    parts = list(location)
    if len(parts) >= 2 and parts[0] in ("targets", "counties") and isinstance(parts[1], int):
        parts = parts[2:] or parts
    return ".".join(str(part) for part in parts)


def _all_field_names() -> set[str]:
    models: list[type[BaseModel]] = [
        TargetsFile,
        Plan,
        City,
        County,
        Target,
        Quantity,
        ValidRange,
        Bounds,
        Provenance,
    ]
    return {name for model in models for name in model.model_fields}


def _schema_problems(
    exc: ValidationError, lines: dict[Location, int], display: str
) -> Iterator[tuple[Location, Problem]]:
    for error in exc.errors(include_url=False):
        location: Location = tuple(part for part in error["loc"] if part not in _UNION_TAGS)
        line = _line_of(location, lines)
        name = _field_name(location)
        if error["type"] == "extra_forbidden":
            key = str(location[-1])
            candidates = closest(key, _all_field_names())
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(candidates)) if candidates else ""
            problem = Problem(Msg.TARGETS_UNKNOWN_FIELD, display, line, name, {"hint": hint})
            yield location, problem
            continue
        message = _schema_message(error)
        if error["type"] not in ("missing", "value_error") and "input" in error:
            message += text(Msg.SCHEMA_GOT, input=repr(error["input"]))
        fields: dict[str, object] = {"message": message}
        yield location, Problem(Msg.TARGETS_SCHEMA, display, line, name or None, fields)


# pydantic's error types whose message the catalog words, and the context field it fills in.
_SCHEMA_MESSAGES: dict[str, tuple[Msg, str | None]] = {
    "missing": (Msg.SCHEMA_MISSING, None),
    "literal_error": (Msg.SCHEMA_CHOICE, "expected"),
    "enum": (Msg.SCHEMA_CHOICE, "expected"),
    "float_type": (Msg.SCHEMA_NUMBER, None),
    "float_parsing": (Msg.SCHEMA_NUMBER_PARSING, None),
    "int_type": (Msg.SCHEMA_INTEGER, None),
    "int_parsing": (Msg.SCHEMA_INTEGER_PARSING, None),
    "int_from_float": (Msg.SCHEMA_INTEGER_FRACTION, None),
    "string_type": (Msg.SCHEMA_STRING, None),
    "bool_type": (Msg.SCHEMA_BOOLEAN, None),
    "bool_parsing": (Msg.SCHEMA_BOOLEAN_PARSING, None),
    "list_type": (Msg.SCHEMA_LIST, None),
    "dict_type": (Msg.SCHEMA_DICTIONARY, None),
    "greater_than_equal": (Msg.SCHEMA_AT_LEAST, "ge"),
    "less_than_equal": (Msg.SCHEMA_AT_MOST, "le"),
    "greater_than": (Msg.SCHEMA_ABOVE, "gt"),
    "less_than": (Msg.SCHEMA_BELOW, "lt"),
}


def _schema_message(error: Any) -> str:
    """pydantic's message for `error` in the language in use. The English templates are
    pydantic's words; a message that differs from them (a pydantic that words it otherwise)
    is kept as pydantic wrote it, so English never changes."""
    written: str = error["msg"]
    context = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in context:
        message = str(context["error"])
        if english(Msg.SCHEMA_VALUE_ERROR, message=message) == written:
            return text(Msg.SCHEMA_VALUE_ERROR, message=message)
        return written
    known = _SCHEMA_MESSAGES.get(error["type"])
    if known is None:
        return written
    key, name = known
    if name is None:
        return text(key) if english(key) == written else written
    value = context.get(name)
    if name == "expected":
        choices = re.findall(r"'((?:[^'\\]|\\.)*)'", str(value))
        as_english = english(key, expected=_english_one_of(choices))
        return (
            text(key, expected=one_of(choices, limit=len(choices)))
            if as_english == written
            else written
        )
    return text(key, bound=value) if english(key, bound=value) == written else written


def _english_one_of(choices: list[str]) -> str:
    """`'a', 'b' or 'c'`, as pydantic lists the values it expected."""
    quoted = [f"'{choice}'" for choice in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _leaves(data: Any, location: Location = ()) -> Iterator[tuple[Location, Any]]:
    """Every value of the document that is not a mapping or a list, and where it is."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*location, str(key)))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _leaves(item, (*location, index))
    else:
        yield location, data


def _placeholders(data: Any) -> Iterator[tuple[Location, str]]:
    """Every value that is still a `TODO…` placeholder, and where it is."""
    for location, value in _leaves(data):
        if isinstance(value, str) and value.startswith(PLACEHOLDER):
            yield location, value


def _non_finite(data: Any) -> Iterator[tuple[Location, float]]:
    """Every NaN and infinity (`.nan`, `.inf`, `-.inf`, `1e999`), and where it is."""
    for location, value in _leaves(data):
        if isinstance(value, float) and not math.isfinite(value):
            yield location, value


_NON_FINITE_NAMES = {"nan": "NaN (not a number)", "inf": "infinity", "-inf": "minus infinity"}


def _value_problems(
    code: Msg, values: dict[Location, str], lines: dict[Location, int], display: str
) -> list[Problem]:
    """A problem of `code` for each value, on the line of its field."""
    return [
        Problem(code, display, _line_of(location, lines), _field_name(location), {"value": value})
        for location, value in values.items()
    ]


def _by_line(*groups: list[Problem]) -> list[Problem]:
    return sorted((p for group in groups for p in group), key=lambda p: p.line or 0)


def _cross_check(spec: TargetsFile, lines: dict[Location, int], display: str) -> Iterator[Problem]:
    """What pydantic cannot see one model at a time: ids, names and counties across the file."""
    first_id_line: dict[str, int | None] = {}
    owner_of_name: dict[str, str] = {}
    county_names = {county.name for county in spec.counties}
    for index, target in enumerate(spec.targets):
        here: Location = ("targets", index)
        if target.id in first_id_line:
            yield Problem(
                Msg.TARGETS_DUPLICATE_ID,
                display,
                _line_of((*here, "id"), lines),
                "id",
                {"id": target.id, "first_line": first_id_line[target.id]},
            )
            continue
        first_id_line[target.id] = _line_of((*here, "id"), lines)
        for name in dict.fromkeys(fold(n) for n in target.names):
            owner = owner_of_name.setdefault(name, target.id)
            if owner != target.id:
                yield Problem(
                    Msg.TARGETS_DUPLICATE_NAME,
                    display,
                    _line_of((*here, "aliases"), lines),
                    "aliases",
                    {"name": name, "first": owner, "second": target.id},
                )
        named_counties = [
            (("contributors", i), name) for i, name in enumerate(target.contributors or [])
        ] + [(("quotas", name), name) for name in target.quotas]
        named_counties += [(("county_targets", name), name) for name in target.county_targets]
        for sub, county in named_counties:
            if spec.counties and county not in county_names:
                yield Problem(
                    Msg.TARGETS_UNKNOWN_COUNTY,
                    display,
                    _line_of((*here, *sub), lines),
                    sub[0],
                    {"county": county},
                )


# The YAML reader with the line of every key, for the other YAML files planctl reads.
parse_yaml = _parse_yaml
