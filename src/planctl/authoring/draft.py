"""A draft targets file from what `extract` found: YAML for a person to review and complete.

Each target found becomes an entry under the sentence it came from. Where its wording names
an indicator of a known targets file (last year's, say) with the same unit, the entry takes
that target's id, names, valid range, level and numerator and denominator, so ids stay
stable from year to year; the plan's new sentence gives comparator, threshold, strength and
provenance, and the level where its words decide it (全市, 各县市区: a comment says which
words, and notes a known file that has another level). Every value no text can give (an
English name, what a new rate counts) is a `TODO…` placeholder, which the loader reports
until a person fills it; guesses (a new target's level, a gross rate's upper bound) are
marked in comments. The plan's title, issuer, date and reference come from its header
(`header.py`).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from planctl.authoring.extract import Found, Scope
from planctl.authoring.header import PlanHeader, read_header
from planctl.authoring.plantext import PlanText
from planctl.domain.names import fold
from planctl.domain.terms import Level, Rollup, Unit
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.targets.models import PLACEHOLDER, Target, TargetSet

# How alike a wording and a known name must be (difflib's ratio) to reuse the known id.
MATCH_CUTOFF = 0.75
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class DraftSource:
    """Where the draft comes from, as its comments and source_text name it."""

    plan: str  # the plan's text file as the draft names it (relative to the draft)
    draft: str  # the draft's own file, for the command its header gives
    known: TargetSet | None


def match_known(found: list[Found], known: TargetSet | None) -> dict[int, Target]:
    """The known target each finding measures, by index; each known target used once."""
    if known is None:
        return {}
    scored = sorted(
        (
            (_score(item.finding.wording, target), index, position)
            for index, item in enumerate(found)
            for position, target in enumerate(known.targets)
            if target.unit is item.finding.unit
        ),
        reverse=True,
    )
    matches: dict[int, Target] = {}
    used: set[int] = set()
    for score, index, position in scored:
        if score < MATCH_CUTOFF or index in matches or position in used:
            continue
        matches[index] = known.targets[position]
        used.add(position)
    return matches


def _score(wording: str, target: Target) -> float:
    """1 for the same name; high when one name holds the other; else difflib's ratio."""
    mine = fold(wording)
    if len(mine) < 2:
        return 0.0
    best = 0.0
    for name in (target.name_zh, *target.aliases):
        theirs = fold(name)
        if not _CJK.search(theirs):
            continue
        if theirs == mine:
            return 1.0
        shorter, longer = sorted((mine, theirs), key=len)
        if len(shorter) >= 3 and shorter in longer:
            best = max(best, 0.7 + 0.3 * len(shorter) / len(longer))
        else:
            best = max(best, difflib.SequenceMatcher(None, mine, theirs).ratio())
    return best


def write_draft(plan: PlanText, found: list[Found], source: DraftSource) -> str:
    """The draft targets file, as YAML text."""
    known = source.known
    plan_header = read_header(plan)
    metadata = _plan_metadata(plan_header, known)
    header = text(Msg.DRAFT_HEADER, plan=source.plan, draft=source.draft).split("\n")
    parts = [_comments(header), "schema_version: 1\n"]
    parts.append(_dump({"plan": {**metadata, "source_text": source.plan}}))
    city, counties = _city_and_counties(plan_header, known)
    parts += ["\n", _dump({"city": city}), "\n"]
    example = "{name: 咸安区, name_en: Xian'an District, aliases: [咸安]}"
    parts += [_comments([text(Msg.DRAFT_COUNTIES, example=example)]), _dump({"counties": counties})]
    units = _units(known) if known is not None and known.spec.city.name == city["name"] else []
    if units:
        note = text(Msg.DRAFT_UNITS, targets=known.display if known is not None else "")
        parts += ["\n", _comments([note]), _dump({"units": units})]
    parts.append("\ntargets:\n")
    matches = match_known(found, known)
    new_ids = _new_ids(found, matches)
    year = metadata["year"]
    first_with_name: dict[str, str] = {}
    for index, item in enumerate(found):
        match = matches.get(index)
        notes = [_sentence_note(item), *_notes(item, match, known)]
        entry = _entry(item, match, new_ids.get(index, ""), year)
        first = first_with_name.setdefault(fold(entry["name_zh"]), entry["id"])
        if first != entry["id"]:
            notes.append(text(Msg.DRAFT_REPEATED, id=first))
        parts.append("\n" + _comments(notes, indent="  "))
        parts.append(_indent(_dump([entry]), "  "))
    return "".join(parts)


def _entry(item: Found, match: Target | None, new_id: str, year: object) -> dict[str, Any]:
    finding = item.finding
    todo = text(Msg.TODO_VALUE)
    entry: dict[str, Any] = {}
    if match is not None:
        entry |= {"id": match.id, "name_zh": match.name_zh, "name_en": match.name_en}
        if match.aliases:
            entry["aliases"] = _FlowList(match.aliases)
    else:
        entry |= {
            "id": new_id,
            "name_zh": finding.wording or todo,
            "name_en": text(Msg.TODO_NAME_EN),
        }
    entry |= {
        "unit": finding.unit.value,
        "comparator": finding.comparator.value if finding.comparator else todo,
        "threshold": _number(finding.threshold)
        if finding.high is None
        else _Flow({"min": _number(finding.threshold), "max": _number(finding.high)}),
    }
    if match is not None:
        valid = dataclasses.asdict(match.valid_range)
        entry["valid_range"] = _Flow(
            {key: _number(value) for key, value in valid.items() if value is not None}
        )
        if match.gross:
            entry["gross"] = True
    elif finding.unit is Unit.PERCENT and _is_gross(finding.wording):
        entry |= {"valid_range": _Flow({"min": 0, "max": todo}), "gross": True}
    elif finding.unit in (Unit.PERCENT, Unit.RATIO):
        # A ratio too: a pupil–teacher ratio of 168 is a slip for 16.8; the person checks.
        entry["valid_range"] = _Flow({"min": 0, "max": 100})
    else:
        entry["valid_range"] = _Flow({"min": 0})
    entry["strength"] = finding.strength.value
    entry["level"] = _level(item, match).value
    rollup = Rollup.SUM if finding.unit is Unit.COUNT else Rollup.RATIO
    entry["rollup"] = rollup.value
    if rollup is Rollup.RATIO:
        if match is not None and match.numerator and match.denominator:
            entry["numerator"] = _Flow(dataclasses.asdict(match.numerator))
            entry["denominator"] = _Flow(dataclasses.asdict(match.denominator))
        else:
            counted = {"name_zh": text(Msg.TODO_QUANTITY_ZH), "name_en": text(Msg.TODO_QUANTITY_EN)}
            entry |= {"numerator": _Flow(counted), "denominator": _Flow(counted)}
    entry["provenance"] = {
        "clause": item.clause if item.clause is not None else todo,
        "sentence": item.sentence,
        "deadline": item.year or year,
    }
    return entry


def _notes(item: Found, match: Target | None, known: TargetSet | None) -> Iterator[str]:
    finding = item.finding
    if match is not None and known is not None:
        yield text(Msg.DRAFT_MATCHED, id=match.id, targets=known.path.name)
    else:
        yield text(Msg.DRAFT_NEW)
    if finding.comparator is None:
        yield text(Msg.DRAFT_COMPARATOR_OPEN, written=finding.as_written)
    else:
        yield text(Msg.DRAFT_AS_WRITTEN, written=finding.as_written)
    if item.clause is None:
        yield text(Msg.DRAFT_CLAUSE_UNKNOWN)
    scope = finding.scope
    if scope is not None:
        yield _scope_note(scope)
        if match is not None and known is not None and match.level is not scope.level:
            yield text(
                Msg.DRAFT_LEVEL_UNLIKE_KNOWN, targets=known.path.name, level=match.level.value
            )
    elif match is None:
        yield f"level: {text(Msg.DRAFT_GUESSED)}"
    if match is None and finding.unit is Unit.PERCENT and _is_gross(finding.wording):
        yield text(Msg.DRAFT_GROSS)
    if finding.unit is Unit.RATIO:
        yield text(Msg.DRAFT_RATIO, written=finding.as_written)
    elif finding.bare:
        yield text(Msg.DRAFT_NO_UNIT, written=finding.as_written)


def _scope_note(scope: Scope) -> str:
    """`level: city — 全市`: the words that decided the level, and where they stand."""
    if scope.carried_from is None:
        return text(Msg.DRAFT_LEVEL_WORDS, level=scope.level.value, words=scope.words)
    return text(
        Msg.DRAFT_LEVEL_CARRIED,
        level=scope.level.value,
        words=scope.words,
        before=scope.carried_from,
    )


def _sentence_note(item: Found) -> str:
    clause = text(Msg.CLAUSE_REF, clause=item.clause) if item.clause is not None else "-"
    return f"{clause}, line {item.line}: {item.sentence}"


def _new_ids(found: list[Found], matches: dict[int, Target]) -> dict[int, str]:
    """`TODO_c11_2`: a placeholder id, unique in the draft, that says where its target is."""
    ids: dict[int, str] = {}
    per_clause: dict[int | None, int] = {}
    for index, item in enumerate(found):
        if index in matches:
            continue
        per_clause[item.clause] = per_clause.get(item.clause, 0) + 1
        clause = "x" if item.clause is None else item.clause
        ids[index] = f"{PLACEHOLDER}_c{clause}_{per_clause[item.clause]}"
    return ids


def _is_gross(wording: str) -> bool:
    """毛入园率, 毛入学率: gross rates, which may pass 100%."""
    return "毛入" in wording


def _level(item: Found, match: Target | None) -> Level:
    """The plan's words decide (全市, 各县市区); without them, the known target's level, or
    else a guess."""
    if item.finding.scope is not None:
        return item.finding.scope.level
    return match.level if match is not None else _guess_level(item)


def _guess_level(item: Found) -> Level:
    """A count for the whole city (全市新建…) is judged on the city total; the rest per county."""
    return Level.CITY if item.finding.unit is Unit.COUNT and item.city_wide else Level.COUNTY


def _plan_metadata(header: PlanHeader, known: TargetSet | None) -> dict[str, Any]:
    """The draft's `plan:` block: what the header says, a placeholder for what it does not."""
    todo = text(Msg.TODO_VALUE)
    issuer = header.issuer if header.issuer is not None else todo
    issuer_en = todo
    if known is not None and known.plan.issuing_body == issuer:
        issuer_en = known.plan.issuing_body_en
    return {
        "title": header.title if header.title is not None else todo,
        "title_en": text(Msg.TODO_NAME_EN),
        "issuing_body": issuer,
        "issuing_body_en": issuer_en,
        # A string, which the dumper quotes: YAML 1.1 loaders (PyYAML, ruamel.yaml, ajv)
        # read a bare 2017-05-02 as a date, and the JSON Schema wants a string.
        "issued": header.issued.isoformat() if header.issued is not None else todo,
        "reference": header.reference if header.reference is not None else todo,
        "year": header.year if header.year is not None else todo,
    }


def _city_and_counties(
    header: PlanHeader, known: TargetSet | None
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The city the issuing body belongs to; its counties when the known file is its own."""
    todo = text(Msg.TODO_VALUE)
    name = header.city if header.city is not None else todo
    if known is not None and known.spec.city.name == name:
        counties = [
            {"name": c.name, "name_en": c.name_en, "aliases": _FlowList(c.aliases)}
            for c in known.spec.counties
        ]
        return dataclasses.asdict(known.spec.city), counties
    county = {"name": todo, "name_en": text(Msg.TODO_NAME_EN), "aliases": _FlowList()}
    return {"name": name, "name_en": text(Msg.TODO_NAME_EN)}, [county]


def _units(known: TargetSet) -> list[dict[str, Any]]:
    """The known file's reporting units other than counties (市直学校, a zone), as it has them."""
    units: list[dict[str, Any]] = []
    for unit in known.units:
        entry: dict[str, Any] = {
            "name": unit.name,
            "name_en": unit.name_en,
            "aliases": _FlowList(unit.aliases),
            "kind": unit.kind.value,
            "judged": unit.judged,
            "in_city_total": unit.in_city_total,
        }
        if unit.reports is not None:
            entry["reports"] = _FlowList(unit.reports)
        units.append(entry)
    return units


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


class _Flow(dict[str, Any]):
    """A small mapping written on one line: {min: 0, max: 100}."""


class _FlowList(list[str]):
    """A short list written on one line: [咸安, Xianan]."""


class _Dumper(yaml.SafeDumper):
    """Block style, except for what is marked `_Flow` or `_FlowList`."""


def _flow_mapping(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(_Flow, _flow_mapping)
_Dumper.add_representer(_FlowList, _flow_list)


def _dump(data: object) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
    )


def _indent(block: str, prefix: str) -> str:
    return "".join(prefix + line if line.strip() else line for line in block.splitlines(True))


def _comments(lines: list[str], indent: str = "") -> str:
    return "".join(f"{indent}# {line}\n" if line else f"{indent}#\n" for line in lines)
