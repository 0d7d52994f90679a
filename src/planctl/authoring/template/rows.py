"""A blank submission for counties to fill in, as rows of cells.

`build_template` decides the rows: for each county, every county-level target, and every
city-level target the county contributes to (the `contributors` of the target, or every
county), since the city total is the sum of the counties' figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from planctl.domain.problems import Problem, TemplateError
from planctl.domain.terms import Level, Unit
from planctl.domain.values import format_number
from planctl.i18n.catalog import NAMES_LISTED, one_of, text
from planctl.i18n.codes import Msg
from planctl.read.header import COUNTY, DENOMINATOR, INDICATOR, NOTE, NUMERATOR, VALUE
from planctl.render.common import format_target
from planctl.targets.models import Quantity, Target, TargetSet

# Columns that only help the person filling in; `planctl check` ignores them.
NAME_ZH, UNIT, HINT = "name_zh", "unit", "hint"

# What the header row calls each column in the language in use; `planctl check` reads the
# columns it needs under either language's name (`read/header.py`), and ignores the others.
_HEADINGS = {
    COUNTY: Msg.FIELD_COUNTY,
    INDICATOR: Msg.FIELD_INDICATOR,
    VALUE: Msg.FIELD_VALUE,
    NUMERATOR: Msg.FIELD_NUMERATOR,
    DENOMINATOR: Msg.FIELD_DENOMINATOR,
    NOTE: Msg.FIELD_NOTE,
    NAME_ZH: Msg.TEMPLATE_COL_NAME_ZH,
    UNIT: Msg.TEMPLATE_COL_UNIT,
    HINT: Msg.TEMPLATE_COL_HINT,
}


def heading(column: str) -> str:
    """The header cell of a template's `column`."""
    return text(_HEADINGS[column])


@dataclass(frozen=True)
class Template:
    """The cells of a blank submission, and which columns a county fills in."""

    comment: str
    columns: list[str]
    rows: list[list[str]]
    fill_in: frozenset[str]


def build_template(targets: TargetSet, counties: list[str] | None = None) -> Template:
    """The rows for `counties` (names or aliases; every county when None)."""
    names = _chosen_counties(targets, counties)
    with_parts = any(target.has_parts for target in targets.targets)
    columns = [COUNTY, INDICATOR, NAME_ZH, UNIT, VALUE]
    columns += [NUMERATOR, DENOMINATOR] if with_parts else []
    columns += [NOTE, HINT]
    rows = [
        _row(target, county, columns, targets)
        for county in names
        for target in targets.targets
        if (target.level is Level.COUNTY or county in targets.contributors(target))
        and _reports(targets, county, target)
    ]
    plan = targets.plan
    comment = text(Msg.TEMPLATE_COMMENT, title=plan.title, targets=targets.path.name)
    return Template(comment, columns, rows, frozenset({VALUE, NUMERATOR, DENOMINATOR, NOTE}))


def _reports(targets: TargetSet, county: str, target: Target) -> bool:
    """Whether the unit submits a figure for the target (a unit's `reports` may narrow it)."""
    unit = targets.find_county(county)
    return unit is None or unit.reports_on(target.id)


def _chosen_counties(targets: TargetSet, counties: list[str] | None) -> list[str]:
    if counties is None:
        if not targets.counties:
            raise TemplateError([Problem(Msg.TEMPLATE_NO_COUNTIES, targets.display)])
        return [county.name for county in targets.counties]
    if not targets.counties:
        return list(dict.fromkeys(counties))
    chosen: list[str] = []
    problems: list[Problem] = []
    for name in counties:
        county = targets.find_county(name)
        if county is not None:
            chosen.append(county.name)
            continue
        near = targets.suggest_counties(name)
        if near:
            hint = text(Msg.DID_YOU_MEAN, candidates=one_of(near))
        else:
            known = [county.name for county in targets.counties]
            hint = text(Msg.EXPECTED_ONE_OF, candidates=one_of(known, limit=NAMES_LISTED))
        fields: dict[str, object] = {"county": name, "hint": hint}
        problems.append(Problem(Msg.ROW_COUNTY_UNKNOWN, "--county", fields=fields))
    if problems:
        raise TemplateError(problems)
    return list(dict.fromkeys(chosen))


def _row(target: Target, county: str, columns: list[str], targets: TargetSet) -> list[str]:
    cells = {
        COUNTY: county,
        INDICATOR: target.id,
        NAME_ZH: target.name_zh,
        UNIT: text(_UNIT_CELL[target.unit]),
        HINT: text(Msg.TEMPLATE_HINT_SEPARATOR).join(_hints(target, county)),
    }
    return [cells.get(column, "") for column in columns]


# What the template's unit column says: the sign of a percentage, the name of the others.
_UNIT_CELL = {
    Unit.PERCENT: Msg.UNIT_PERCENT,
    Unit.COUNT: Msg.UNIT_NAME_COUNT,
    Unit.RATIO: Msg.UNIT_NAME_RATIO,
}


def _hints(target: Target, county: str) -> list[str]:
    match target.level:
        case Level.COUNTY:
            hints = [text(Msg.TEMPLATE_HINT_TARGET, target=format_target(target))]
        case Level.CITY:
            hints = [text(Msg.TEMPLATE_HINT_CITY, target=format_target(target))]
            if county in target.quotas:
                hints.append(
                    text(Msg.TEMPLATE_HINT_QUOTA, quota=format_number(target.quotas[county]))
                )
        case _:
            assert_never(target.level)
    if target.numerator is not None and target.denominator is not None:
        hints.append(
            text(
                Msg.TEMPLATE_HINT_PARTS,
                numerator=_quantity(target.numerator),
                denominator=_quantity(target.denominator),
            )
        )
    if target.unit is Unit.RATIO:
        # 16.8:1 typed into a spreadsheet may become a time of day; one number cannot.
        hints.append(text(Msg.TEMPLATE_HINT_RATIO))
    return hints


def _quantity(quantity: Quantity) -> str:
    return text(Msg.QUANTITY_NAME, name=quantity.name_zh, name_en=quantity.name_en)
