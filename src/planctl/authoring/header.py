"""A plan's header: title, issuer, date, reference (索引号, 文号) and year, as the header lines
Chinese government sites print them (`发文单位:`, `发布日期:`, `索引号:`) above the text.

Only the first few thousand characters are read, where such sites put them. Whatever the
header does not say is None: the draft, not this module, decides what stands in its place.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from planctl.authoring.plantext import PlanText

# Header lines stand above the text; a plan's body is not searched for them.
HEADER_CHARS = 3000

_TITLE = re.compile(r"《([^》]*?(?:要点|规划|计划|方案|纲要|意见|安排))》")
_ISSUER = re.compile(r"(?:发文单位|发布单位|发文机关|发布机构)\s*[:：]\s*(\S+)")
_DATE = re.compile(
    r"(?:发文日期|发布日期|成文日期|印发日期)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)
_INDEX = re.compile(r"索引号\s*[:：]\s*(\S+)")
_NUMBER = re.compile(r"文\s*号\s*[:：]\s*(\S+)")
_BODY_IN_TITLE = re.compile(r"^(.+?(?:教育局|教育厅|教育委员会|教育和体育局|人民政府|局|厅|委))")
_CITY = re.compile(r"^(.{1,8}?(?:市|州|盟|地区|县|区))")


@dataclass(frozen=True)
class PlanHeader:
    """What a plan's header says; None where it says nothing (or a date that is no date)."""

    title: str | None
    issuer: str | None
    issued: datetime.date | None
    reference: str | None  # `索引号 …; 文号 …`, as many of the two as the header gives
    year: int | None  # the year the title names, else the year it was issued

    @property
    def city(self) -> str | None:
        """The city (or county, prefecture) the issuer belongs to: 咸宁市 of 咸宁市教育局."""
        match = _CITY.search(self.issuer) if self.issuer is not None else None
        return match.group(1) if match else None


def read_header(plan: PlanText) -> PlanHeader:
    """The header of a plan's text; the issuer, when no line names it, from the title."""
    head = plan.text[:HEADER_CHARS]
    title_match = _TITLE.search(head)
    title = title_match.group(1) if title_match else None
    issuer_match = _ISSUER.search(head) or _BODY_IN_TITLE.search(title or "")
    issued: datetime.date | None = None
    if date := _DATE.search(head):
        try:
            issued = datetime.date(*(int(part) for part in date.groups()))
        except ValueError:
            issued = None
    reference = "; ".join(
        f"{label} {match.group(1)}"
        for label, match in (("索引号", _INDEX.search(head)), ("文号", _NUMBER.search(head)))
        if match
    )
    year_match = re.search(r"(\d{4})\s*年", title) if title is not None else None
    year = int(year_match.group(1)) if year_match else None
    if year is None and issued is not None:
        year = issued.year
    return PlanHeader(
        title=title,
        issuer=issuer_match.group(1) if issuer_match else None,
        issued=issued,
        reference=reference or None,
        year=year,
    )
