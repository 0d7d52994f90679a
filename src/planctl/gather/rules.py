"""The set rules of gathering, stated once for the dataset of rows and the one of columns.

Each rule returns the problem it finds, made from the few figures concerned, so a check
says the same words whichever path read the files: a file with no figures for the year
judged (an error), years after it (ignored, with a warning), a county and year given in two
files (the same figures: a warning; others: an error for each), and parts of two rates that
count the same people (see `Quantity.key`) but disagree.
"""

from __future__ import annotations

from collections.abc import Iterator

from planctl.domain.problems import Problem, Severity
from planctl.domain.values import format_number
from planctl.i18n.codes import Msg
from planctl.read.figures import Observation
from planctl.targets.models import TargetSet

# Head counts are whole numbers; two that differ by less than this are the same count.
SAME_COUNT = 0.5


def later_years(display: str, later: list[int], judged: int) -> Problem:
    """Figures of years after the one judged: ignored, and said so."""
    return Problem(
        Msg.YEAR_LATER_IGNORED,
        display,
        fields={"years": ", ".join(map(str, later)), "year": judged},
        level=Severity.WARNING,
    )


def repeated_file(first: Observation, county: str, year: int, other: str) -> Problem:
    """A county and year a second file gives again with the same figures: counted once."""
    return Problem(
        Msg.COUNTY_REPEATED_FILE,
        first.path,
        first.line,
        fields={"county": county, "year": year, "other": other},
        level=Severity.WARNING,
        cell=first.cell,
    )


def year_mismatch(
    display: str, first: Observation, years: list[int], judged: int, chosen: bool
) -> Problem:
    """A file with no figures for the year judged, placed at its first figure."""
    return Problem(
        Msg.YEAR_MISMATCH_CHOSEN if chosen else Msg.YEAR_MISMATCH,
        display,
        first.line,
        "year",
        {"years": ", ".join(map(str, years)), "year": judged, "suggestion": years[-1]},
        cell=first.cell,
    )


def shown(observation: Observation) -> str:
    shown = format_number(observation.value)
    if observation.numerator is not None and observation.denominator is not None:
        shown += (
            f" ({format_number(observation.numerator)}/{format_number(observation.denominator)})"
        )
    return shown


def conflicts(
    county: str, year: int, first: dict[str, Observation], second: dict[str, Observation]
) -> Iterator[Problem]:
    """One problem for each figure two files give differently for one county and year."""
    for target_id in dict.fromkeys([*first, *second]):
        a, b = first.get(target_id), second.get(target_id)
        if a is not None and b is not None and shown(a) == shown(b):
            continue
        here = b or next(iter(second.values()))
        yield Problem(
            Msg.COUNTY_IN_TWO_FILES,
            here.path,
            here.line,
            "county",
            {
                "county": county,
                "year": year,
                "indicator": target_id,
                "value": shown(b) if b else "nothing",
                "other": f"{a.path}:{a.cell or a.line}" if a else next(iter(first.values())).path,
                "other_value": shown(a) if a else "nothing",
            },
            cell=here.cell,
        )


def disagreeing_parts(
    county: str, observed: dict[str, Observation], targets: TargetSet
) -> Iterator[Problem]:
    """Parts that count the same people (one `key`) must agree within one county and year."""
    seen: dict[str, tuple[float, Observation, str]] = {}
    for target in targets.targets:
        observation = observed.get(target.id)
        if observation is None:
            continue
        for quantity, count, role in (
            (target.numerator, observation.numerator, "numerator"),
            (target.denominator, observation.denominator, "denominator"),
        ):
            if quantity is None or quantity.key is None or count is None:
                continue
            role_here = f"{role} of {target.id}"
            first = seen.setdefault(quantity.key, (count, observation, role_here))
            if abs(first[0] - count) >= SAME_COUNT:
                yield Problem(
                    Msg.PARTS_DISAGREE,
                    observation.path,
                    observation.line,
                    role,
                    {
                        "county": county,
                        "quantity": quantity.name_zh,
                        "value": format_number(count),
                        "role": role_here,
                        "other_value": format_number(first[0]),
                        "other_place": first[1].place,
                        "other_role": first[2],
                    },
                    cell=observation.cell,
                )
