"""Reading a targets file: YAML in, a validated `TargetSet` out, every problem tied to its line.

`load_targets(path)` reads the file within its bounds, parses it with the line of every key
(`planctl.targets.lines`) and validates it with pydantic; a broken file raises `TargetsError`
whose problems read `targets/2017.yaml:42: threshold: …` (`planctl.targets.errors`). A value
that starts with `TODO` is a placeholder that `planctl extract` left for a person to fill, and
is reported as such; what pydantic cannot see one model at a time (an id twice, an unknown
county) is checked across the file. A file validated before is taken from the cache
(`planctl.targets.cached`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from planctl.domain.names import closest, fold
from planctl.domain.problems import Problem, TargetsError
from planctl.domain.terms import UnitKind
from planctl.files.cache import CacheUse
from planctl.files.limits import TARGETS_FILE
from planctl.files.text import TextFile, read_text
from planctl.i18n.catalog import one_of, text
from planctl.i18n.codes import Msg
from planctl.targets.cached import CACHE_KIND, cache_key, from_cache, to_cache
from planctl.targets.lines import Location, field_name, line_at, parse_yaml
from planctl.targets.models import PLACEHOLDER, TargetSet, TargetsFile, name_index, validator


def load_targets(path: Path, cache: CacheUse = CacheUse.ON) -> TargetSet:
    """Load and validate a targets file; raise TargetsError listing every problem.

    A file whose bytes were validated before is taken from the cache (unless `cache` says
    otherwise), equal to what validating it again would give.
    """
    from planctl.files.cache import open_store

    source = read_text(path, TargetsError, TARGETS_FILE)
    key = cache_key(source.sha256) if cache is not CacheUse.OFF else None
    store, notes = open_store(CACHE_KIND) if key is not None else (None, [])
    cached = None
    if store is not None and key is not None and cache is CacheUse.ON:
        cached = from_cache(store, key)
    if cached is not None:
        spec, lines = cached
    else:
        spec, lines = _validate(source)
        if store is not None and key is not None:
            to_cache(store, key, spec, lines)
    return TargetSet(
        path=path,
        display=source.display,
        sha256=source.sha256,
        spec=spec,
        _targets_by_name=name_index(spec.targets, lambda t: t.names),
        _counties_by_name=name_index([*spec.counties, *spec.units], lambda c: [c.name, *c.aliases]),
        _lines=lines,
        notes=notes + (store.notes if store is not None else []),
    )


def _validate(source: TextFile) -> tuple[TargetsFile, dict[Location, int]]:
    """The validated targets file and the line of every key; TargetsError with every problem."""
    data, lines = parse_yaml(source.text, source.display)
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
            {where: text(_NON_FINITE_NAMES[str(value)]) for where, value in non_finite.items()},
            lines,
            source.display,
        ),
    ]
    from pydantic import ValidationError  # only here: a file from the cache needs no pydantic

    from planctl.targets.errors import schema_problems

    try:
        spec = validator().validate_python(data)
    except ValidationError as exc:
        problems = [
            problem
            for location, problem in schema_problems(exc, lines, source.display)
            if not any(location[: len(where)] == where for where in [*placeholders, *non_finite])
        ]
        raise TargetsError(_by_line(found, problems)) from None
    problems = list(_cross_check(spec, lines, source.display))
    if problems or found:
        raise TargetsError(_by_line(found, problems))
    return spec, lines


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


_NON_FINITE_NAMES = {
    "nan": Msg.NUMBER_NAN,
    "inf": Msg.NUMBER_INFINITY,
    "-inf": Msg.NUMBER_MINUS_INFINITY,
}


def _value_problems(
    code: Msg, values: dict[Location, str], lines: dict[Location, int], display: str
) -> list[Problem]:
    """A problem of `code` for each value, on the line of its field."""
    return [
        Problem(code, display, line_at(location, lines), field_name(location), {"value": value})
        for location, value in values.items()
    ]


def _by_line(*groups: list[Problem]) -> list[Problem]:
    return sorted((p for group in groups for p in group), key=lambda p: p.line or 0)


def _cross_check(spec: TargetsFile, lines: dict[Location, int], display: str) -> Iterator[Problem]:
    """What pydantic cannot see one model at a time: ids, names and counties across the file."""
    first_id_line: dict[str, int | None] = {}
    owner_of_name: dict[str, str] = {}
    county_names = {county.name for county in [*spec.counties, *spec.units]}
    yield from _unit_problems(spec, lines, display)
    for index, target in enumerate(spec.targets):
        here: Location = ("targets", index)
        if target.id in first_id_line:
            yield Problem(
                Msg.TARGETS_DUPLICATE_ID,
                display,
                line_at((*here, "id"), lines),
                "id",
                {"id": target.id, "first_line": first_id_line[target.id]},
            )
            continue
        first_id_line[target.id] = line_at((*here, "id"), lines)
        for name in dict.fromkeys(fold(n) for n in target.names):
            owner = owner_of_name.setdefault(name, target.id)
            if owner != target.id:
                yield Problem(
                    Msg.TARGETS_DUPLICATE_NAME,
                    display,
                    line_at((*here, "aliases"), lines),
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
                    line_at((*here, *sub), lines),
                    sub[0],
                    {"county": county},
                )


def _unit_problems(
    spec: TargetsFile, lines: dict[Location, int], display: str
) -> Iterator[Problem]:
    """Counties under counties, other units under units, no name for two units, and only
    targets of the file in a unit's `reports`."""

    def problem(code: Msg, where: Location, field: str, **fields: object) -> Problem:
        return Problem(code, display, line_at(where, lines), field, fields)

    for index, county in enumerate(spec.counties):
        if county.kind is not UnitKind.COUNTY:
            where: Location = ("counties", index, "kind")
            yield problem(Msg.TARGETS_COUNTY_KIND, where, "kind", kind=county.kind.value)
    first_line: dict[str, int | None] = {}
    for index, county in enumerate(spec.counties):
        for name in (county.name, *county.aliases):
            first_line.setdefault(fold(name), line_at(("counties", index), lines))
    ids = [target.id for target in spec.targets]
    for index, unit in enumerate(spec.units):
        here: Location = ("units", index)
        if unit.kind is UnitKind.COUNTY:
            yield problem(Msg.TARGETS_UNIT_KIND, (*here, "kind"), "kind")
        for name in dict.fromkeys(fold(n) for n in (unit.name, *unit.aliases)):
            if name in first_line:
                first = first_line[name]
                yield problem(Msg.TARGETS_UNIT_TWICE, here, "name", name=name, first_line=first)
            else:
                first_line[name] = line_at(here, lines)
        for position, target_id in enumerate(unit.reports or []):
            if target_id not in ids:
                near = closest(target_id, ids)
                hint = text(Msg.DID_YOU_MEAN, candidates=one_of(near)) if near else ""
                where = (*here, "reports", position)
                yield problem(
                    Msg.TARGETS_UNIT_UNKNOWN_TARGET, where, "reports", target=target_id, hint=hint
                )
