"""Finding the quantitative targets in a plan's sentences, as Chinese policy language sets them.

A sentence is cut into segments at commas, semicolons and colons (not inside quotes or
brackets). In each segment, a target is either a number with its unit (`87%`, `百分之九十五`,
`33所`, `1.2万个`, `两所` after a verb such as 新建) or a level said in words: 全覆盖,
校校通/班班通 and 应助尽助/不落一人 (a share of 100%), 消除/杜绝 X (a count of at most 0),
全部享受 (a share of 100%), 完成 a year's projects (a completion rate of 100%), 完成 a list
of named schools (a count of them).

The comparator comes from the words around the number (以上, 不低于, 控制在…以内, 超过, 低于,
…, 突破); a count of things to build or hire is a minimum, and a rate followed by its figure with
no word between (入学率100%) is at least that figure, unless it is a rate a plan brings down
(辍学率). A band (控制在40至45人之间, 保持在85%—95%) is between its bounds, both inclusive.
A level written with no unit (marked `bare`) is a ratio (unit ratio) where it names one or is
written to one: a pupil–teacher ratio's band (生师比控制在15至19之间, 保持在15—19), or after
its name and a comparator word one bound (生师比不高于19:1, 农村小学不高于17:1); after the name
of a coefficient or class size it is a plain number (unit count: 差异系数低于0.5).
力争/争取/努力/力求, and 基本 before a verb, make a target aspirational, for their segment
or, in a lead-in such as 力争到2020年, for the sentence; 确保 makes it binding.

The scope comes from the words too: 全市 (全省, 全县, 我市, …) sets a target on the whole area's
total, 各县市区 (各县（市、区）, 各地, 每个县, …) for each county. The nearest such word before
the target in its sentence decides; 其中 (a part of the whole) and words for a school or a
township (每所学校, 各乡镇) end its reach. A sentence without one continues the scope of the
sentence before it in its clause, for a target that names what that scope word qualified
(扩大全市公办园和普惠性民办园的覆盖面。…公办园和普惠性民办园覆盖率达85%以上), and no further.

Numbers that set nothing are passed over: years and dates, ordinals (第十四届), slogans in
quotes ("9+3"), ages, version numbers, counts of meetings without a minimum, changes against
an unstated baseline (提高3个百分点, 增长8%), facts about the present or past (现有…, 去年…),
and amounts that only describe something (投资3000万元的…). The module only reads text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from planctl.authoring.plantext import PlanText, chinese_number
from planctl.domain.problems import Problem, Severity
from planctl.domain.terms import Comparator, Level, Strength, Unit
from planctl.files.limits import MAX_SENTENCE_CHARS
from planctl.i18n.codes import Msg

# Full-width forms (０-９, ％, ，, （ …) to ASCII, one character for one, so that offsets into
# the normalised text are offsets into the original.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_MULTIPLIER = {"万": 10_000, "亿": 100_000_000}
# Units that make a number a count of something a plan can set a level for.
_COUNT_UNITS = [
    *("平方米", "人次", "学时", "课时", "所", "个", "家", "项", "名", "人", "台", "套", "间"),
    *("座", "支", "户", "篇", "门", "部", "节", "种", "处", "条", "亩", "元", "张", "本"),
    *("册", "件", "位", "批", "辆", "块", "校", "园"),
]
# Units of time and of events: a target only with a stated minimum or maximum.
_EVENT_UNITS = ["小时", "分钟", "次", "场", "天"]
_UNITS = sorted(_COUNT_UNITS + _EVENT_UNITS, key=len, reverse=True)
_CN_DIGITS = "零〇一二两三四五六七八九十百"
# A band, both bounds inclusive: 控制在40至45人之间, 保持在85%—90%, 稳定在15~19人. The unit
# may follow either bound or both, or neither: a ratio such as 生师比 has none (控制在15至19之间).
_BAND_UNIT = r"%|" + "|".join(sorted(_COUNT_UNITS, key=len, reverse=True))
_BAND = re.compile(
    r"(?:控制在|保持在|稳定在)\s*"
    r"(?P<low>\d+(?:\.\d+)?)\s*(?P<low_unit>" + _BAND_UNIT + r")?\s*"
    r"(?:至|到|—{1,2}|–|-|~|～)\s*"
    r"(?P<high>\d+(?:\.\d+)?)\s*(?P<unit>" + _BAND_UNIT + r")?(?P<between>\s*之间)?"
)
# What may follow a number with no unit that sets a level: the end of its segment, a suffix
# such as 以内, the next item of a list (0.5和0.45, 0.5、初中…), or a band's 之间; not a word
# that is its unit after all (15至19岁, 2至3年, 19万).
_BARE_END = re.compile(r"\s*(?:$|以内|之内|以下|以上|左右|之间|[和、及与]|[)）])")
# Names of a level written as a plain number: a ratio (生师比19:1), a coefficient (差异系数),
# the size of a class (班额不超过45).
_BARE_NAME = re.compile(r"生师比|师生比|系数|比值|班额|班容量|人数")
# Of those, the quotients of two head counts: drafted as unit ratio (pupils over teachers).
_RATIO_NAME = re.compile(r"生师比|师生比")

_QUANTITY = re.compile(
    r"百分之(?P<cn_percent>[\d.]+|[" + _CN_DIGITS + r"]+)"
    r"|(?P<number>\d+(?:\.\d+)?)\s*(?P<mult>[万亿])?\s*(?P<unit>%|" + "|".join(_UNITS) + r")?"
    r"|(?P<cn_number>[一二两三四五六七八九十百]+)(?P<cn_unit>" + "|".join(_COUNT_UNITS) + r")"
)

_AT_LEAST = (
    "不低于 不少于 不下于 至少 达到 提高到 提高至 提升到 提升至 增加到 增加至 增长到 增至 上升到 "
    "保持在 保持 稳定在 稳定 实现 达(?!标)"
)
_MORE_THAN = "超过 高于 多于 大于 突破"
_AT_MOST = (
    "不超过 不高于 不多于 不大于 控制在 控制 降至 降到 降低到 降低至 下降到 下降至 减少到 减少至 "
    "减至 压缩到 压缩至"
)
_LESS_THAN = "低于 少于 小于"
_COMPARATOR_WORDS: dict[str, Comparator] = {
    **dict.fromkeys(_AT_LEAST.split(), Comparator.AT_LEAST),
    **dict.fromkeys(_MORE_THAN.split(), Comparator.MORE_THAN),
    **dict.fromkeys(_AT_MOST.split(), Comparator.AT_MOST),
    **dict.fromkeys(_LESS_THAN.split(), Comparator.LESS_THAN),
}
# Longest first, so that 不低于 is read before 低于 (a look-ahead does not count as length).
_COMPARATOR = re.compile(
    "|".join(sorted(_COMPARATOR_WORDS, key=lambda word: len(word.split("(")[0]), reverse=True))
)
_SUFFIX = re.compile(r"\s*(以上|以内|之内|以下|左右)")
# An amount per head (每生每年1000元): a fee or an allowance, a target only after a comparator
# word (生均公用经费不低于每生每年800元).
_PER_HEAD = re.compile(r"每(?:生|人|名|校|班|所)(?:每(?:年|月|天|学期|学年))?\s*$")
_ENDS_WITH_COMPARATOR = re.compile(rf"(?:{_COMPARATOR.pattern})\s*$")
# 均, 都 before the comparator: one figure for each thing named (移交率、普惠率均达到100%).
_EACH_OF = re.compile(rf"(?:均|都)\s*(?:{_COMPARATOR.pattern})?\s*$")
_SUFFIX_COMPARATOR = {
    "以上": Comparator.AT_LEAST,
    "以内": Comparator.AT_MOST,
    "之内": Comparator.AT_MOST,
    "以下": Comparator.AT_MOST,
    "左右": None,
}
# The name of a share, right before its figure: 入学率100%, 公办园占比50%.
_SHARE_END = re.compile(r"(?:率|比例|占比|比重)\s*$")
# Rates a plan brings down, for which a bare figure says neither at least nor at most.
_DOWNWARD = re.compile(r"辍学|流失|失学|近视|肥胖|发生|事故|差错|超标|不合格|违规|大班额|检出|空置")
# Verbs after which a Chinese numeral with a unit (新建两所) is a target.
_CN_NUMBER_VERBS = re.compile(
    r"(新建|建成|创建|新增|培育|打造|建设|改扩建|办好|配备|至少|不少于|达到|完成|招聘|招录|培训|选派)$"
)
# A change by an amount (增长8%, 提高3个百分点), not a level: the baseline is elsewhere.
_CHANGE_VERB = re.compile(r"(增长|增加|提高|提升|下降|降低|减少|上升|扩大|缩小)了?\s*$")
# Facts about the present or the past, not targets.
_FACT = re.compile(r"现有|共有|已有|已经|过去|去年|上年|截至|截止|目前")
_VERBS_AFTER_BASIC = (
    "实现|消除|普及|享受|达到|完成|建成|形成|解决|满足|覆盖|具备|杜绝|做到|保障|消灭|取消|落实|"
    "建立|健全|达"
)
_STRENGTH = re.compile(rf"力争|争取|努力|力求|尽力|确保|基本(?={_VERBS_AFTER_BASIC})")
_TIME = re.compile(
    r"(?:到|至|在|于|从)?\d{4}\s*年(?:度|底|末)?(?:前|内|底|末|以前)?"
    r"|(?:用|经过)?[一二两三四五六七八九十\d]+年(?:左右)?时间|年内|年底前|今年|明年|全年|当年"
)
# The whole area a plan speaks for (全市, 全省, 我县, 本市…), but not inside a word (健全市级…,
# 安全区域, 完全市场化, 基本, 成本) nor as a yardstick (全省平均水平, 全市前列). Only words
# that go before 市/区 themselves are left out: 确保全市 and 完成全市 are scopes.
_WHOLE = (
    r"(?:(?<![健安完齐])全|(?<!自)我|(?<![基根成资书样版课文日原账剧脚标读校])本)"
    r"(?:省|市|州|盟|县|区|旗)(?!场)"
    r"(?!平均|前列|前茅|领先|第|排名|前\s*\d|前[一二三四五六七八九十])"
)
# Each county (各县市区, 各县（市、区）, 各地, 每个县, 县县…), or each city of a province's plan.
_COUNTY_LIST = r"\(\s*市\s*(?:[、,]\s*区\s*)?\)"  # the （市、区） of 县（市、区）
_EACH = (
    rf"(?:各|每个|每一个|所有)?\s*县\s*{_COUNTY_LIST}|(?:各|每个|每一个|所有)?县市区|各县、市、区"
    r"|(?:各|每个|每一个|所有)(?:县区|区县|县市|县)|各区(?!域|间|别)"
    r"|各(?:市\s*\(\s*州\s*\)|市州|市、州|地市|市县)|各地区|各地|每县|县县"
    rf"|以县\s*(?:{_COUNTY_LIST}|市区|域)?为单位"
)
# A school, a township, a village, a class, a person: finer than any level a targets file
# judges, so the words leave the level open.
_FINER = (
    r"每所|每个学校|每校|各校|各学校|所有学校|各中小学|各幼儿园|每个幼儿园|每个乡镇|各乡镇|"
    r"每个乡|每乡|每个村|每村|每个班|每班|每名|每位"
)
# Longer than any indicator's name (the 2017 plan's longest is 20 characters).
_LONGEST_NAME = 60
# 其中: a part of what came before (其中乡镇…), whose level the words leave open.
_PART = r"其中"
_SCOPE_MARK = re.compile(
    rf"(?P<whole>{_WHOLE})|(?P<each>{_EACH})|(?P<finer>{_FINER})|(?P<part>{_PART})"
)
_SCOPE = re.compile(rf"^(?:全国|{_WHOLE}|{_EACH}|各校)")
_LEADING = re.compile(
    r"^(?:其中|并且|并|同时|进一步|继续|使(?!用)|让|将(?!来)|把|督促|指导|推动|推进|组织|支持|"
    r"鼓励|引导|要求|做好|抓好|实施好|落实好)"
)
_TRAILING = re.compile(r"(?:做到|实现|达到|均|都)$")
_CITY_WIDE = re.compile(r"全市|全县|全区|全州|全省")

# Words that set a level without a number.
_ELIMINATE = re.compile(r"(?:基本|全面|坚决|彻底|逐步|动态)?(?:消除|杜绝|消灭|清零)")
_FULL_COVERAGE = re.compile(r"(?:实现|达到|做到)?(?:全覆盖|全部覆盖)")
_EVERY_UNIT = re.compile(r"([\u4e00-\u9fff])\1通")  # 校校通, 班班通, 人人通
_NONE_LEFT_OUT = re.compile(r"应(.)尽\1|不落一[人生户个]|一个(?:都|也)不(?:能)?少")
_ALL_RECEIVE = re.compile(r"(?:基本|全部|均|都|全面|普遍)享受")
_COMPLETE_YEAR = re.compile(r"完成\s*\d{4}\s*年度?(?P<object>.+?)(?:(?:建设)?任务)?$")
_INSTITUTION = "学校|小学|中学|初中|高中|外校|一中|二中|三中|幼儿园|学院|大学|中心|校区|分校"
# Named schools, each with a name of four characters or more: 市实验外校、区外国语实验小学…
_NAMED_LIST = re.compile(
    rf"(?:完成|建成)(?P<items>[^、和及与]{{2,}}?(?:{_INSTITUTION})"
    rf"(?:[、和及与][^、和及与]{{2,}}(?:{_INSTITUTION}))+)(?P<rest>.*)$"
)
_QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")
_OPENING, _CLOSING = "“《「(〔[【", "”》」)〕]】"


@dataclass(frozen=True)
class Scope:
    """Where the plan's words set a target: on the whole area's total or for each county."""

    level: Level
    words: str  # the words that decided it, as written: 全市, 各县（市、区）
    # The words of the sentence before that the target continues (扩大全市…覆盖面), when the
    # scope word is there; None when it is in the target's own sentence.
    carried_from: str | None = None


@dataclass(frozen=True)
class Finding:
    """A target as one sentence sets it."""

    wording: str  # the indicator as the plan words it, for a person to shorten
    comparator: Comparator | None  # None when the words leave it open (…左右)
    threshold: float  # the bound, or the lower bound of a band (comparator between)
    unit: Unit
    strength: Strength
    as_written: str  # the words that set the level: "87%以上", "33所", "全覆盖"
    high: float | None = None  # the upper bound of a band: 控制在40至45人之间
    scope: Scope | None = None  # None when no word decides it
    # Written with no unit: a ratio (生师比15至19, 19:1) or a coefficient, drafted as a count.
    bare: bool = False


@dataclass(frozen=True)
class _Carried:
    """A scope word of one sentence, for the next to continue: its scope and the words it
    qualifies (全市 → 公办园和普惠性民办园的覆盖面)."""

    scope: Scope
    subject: str


@dataclass(frozen=True)
class Found:
    """A target found in a plan: the finding and where its sentence is."""

    finding: Finding
    sentence: str
    clause: int | None
    line: int
    year: int | None  # the latest year the sentence names, a deadline's likely source
    city_wide: bool  # the sentence speaks of the whole city (全市…)


def extract(plan: PlanText) -> list[Found]:
    """Every target found in the plan, in the order of its sentences; a sentence longer than
    MAX_SENTENCE_CHARS is not searched (see `too_long`)."""
    found: list[Found] = []
    for clause in plan.clauses:
        # A scope word carries into the next sentence of its clause, never across clauses.
        carried: _Carried | None = None
        for sentence in clause.sentences():
            if len(sentence.text) > MAX_SENTENCE_CHARS:
                carried = None
                continue
            years = [int(year) for year in re.findall(r"(\d{4})\s*年", _normalise(sentence.text))]
            year = max(years) if years else None
            city_wide = bool(_CITY_WIDE.search(sentence.text))
            findings, carried = _find(sentence.text, carried)
            found.extend(
                Found(finding, sentence.text, sentence.clause, sentence.line, year, city_wide)
                for finding in findings
            )
    return found


def too_long(plan: PlanText) -> list[Problem]:
    """A warning for each sentence too long to search: reading one takes time that grows with
    its length times its numbers, and no plan's sentence is this long (text without 。?)."""
    return [
        Problem(
            Msg.EXTRACT_SENTENCE_TOO_LONG,
            plan.display,
            sentence.line,
            fields={"length": f"{len(sentence.text):,}", "limit": f"{MAX_SENTENCE_CHARS:,}"},
            level=Severity.WARNING,
        )
        for sentence in plan.sentences()
        if len(sentence.text) > MAX_SENTENCE_CHARS
    ]


def find_in_sentence(sentence: str, previous: str | None = None) -> list[Finding]:
    """The targets one sentence sets, in the order it sets them; `previous` is the sentence
    before it in its clause, whose scope word a target may continue."""
    carried = None
    if previous is not None:
        text = _normalise(previous)
        carried = _carried(previous, _scope_marks(previous, text), list(_segments(text)))
    return _find(sentence, carried)[0]


def _find(sentence: str, carried: _Carried | None) -> tuple[list[Finding], _Carried | None]:
    """The targets one sentence sets, and the scope it leaves to the next sentence."""
    text = _normalise(sentence)
    marks = _scope_marks(sentence, text)
    starts = [mark.start for mark in marks]
    spans = list(_segments(text))
    findings: list[Finding] = []
    lead_strength: Strength | None = None
    # A fact word anywhere before a segment's end makes it a fact: the first one decides,
    # found once (searching each segment's whole prefix took time squared in its length);
    # the words are all two characters, so the first match ends first.
    first_fact = _FACT.search(text)
    for start, end in spans:
        segment = text[start:end]
        fact = first_fact is not None and first_fact.end() <= end
        in_segment = [] if fact else list(_numeric(segment, lead_strength))
        if not in_segment and not fact:
            # What is said in words is set by the whole segment (基本消除全市无证园).
            in_segment = [(len(segment), f) for f in _in_words(segment, lead_strength)]
        if not in_segment:
            lead_strength = _lead_in(segment) or lead_strength
        findings.extend(
            replace(finding, scope=_scope(marks, starts, start + offset, finding, carried))
            for offset, finding in in_segment
        )
    return _without_restatements(findings), _carried(sentence, marks, spans)


@dataclass(frozen=True)
class _Mark:
    """A word in a sentence that sets, or ends, a scope."""

    start: int
    end: int
    scope: Scope | None  # None: a part (其中) or something finer (每所学校) ends the scope


def _scope_marks(sentence: str, text: str) -> list[_Mark]:
    """The scope words of a sentence (its normalised text), outside quotes and titles."""
    marks: list[_Mark] = []
    # Quotes are counted from one word to the next, not from the start for each word, so a
    # sentence of many scope words takes time in its length, not its length squared.
    depth = {"“": 0, "”": 0, "《": 0, "》": 0}
    counted = 0
    for match in _SCOPE_MARK.finditer(text):
        for char in depth:
            depth[char] += text.count(char, counted, match.start())
        counted = match.start()
        if depth["“"] > depth["”"] or depth["《"] > depth["》"]:
            continue
        words = sentence[match.start() : match.end()]
        kind = match.lastgroup
        scope = None
        if kind == "whole":
            scope = Scope(Level.CITY, words)
        elif kind == "each":
            scope = Scope(Level.COUNTY, words)
        marks.append(_Mark(match.start(), match.end(), scope))
    return marks


def _scope(
    marks: list[_Mark], starts: list[int], position: int, finding: Finding, carried: _Carried | None
) -> Scope | None:
    """The nearest scope word before a target (at `position`) decides; without one in its
    sentence, the sentence before decides if the target names what its scope word qualified."""
    nearest = bisect.bisect_left(starts, position)
    if nearest:
        return marks[nearest - 1].scope
    if carried is not None and _names_the_same(finding.wording, carried.subject):
        return carried.scope
    return None


def _carried(sentence: str, marks: list[_Mark], spans: list[tuple[int, int]]) -> _Carried | None:
    """The scope a sentence leaves to the next: its last scope word, with the words after it
    in its segment; nothing if it ends on a part or something finer."""
    mark = marks[-1] if marks else None
    if mark is None or mark.scope is None:
        return None
    start, end = next(
        ((start, end) for start, end in spans if start <= mark.start < end), (0, len(sentence))
    )
    scope = replace(mark.scope, carried_from=sentence[start:end].strip())
    return _Carried(scope, _normalise(sentence[mark.end : end]))


def _names_the_same(wording: str, subject: str) -> bool:
    """Whether a target's wording names what a scope word qualified: a run of at least four
    characters in common, and at least half of the wording (公办园和普惠性民办园覆盖率 and
    公办园和普惠性民办园的覆盖面; not 义务教育学校大班额比例 and 义务教育优质均衡发展). A
    wording longer than any indicator's name is not one, and is not compared."""
    if len(wording) > _LONGEST_NAME:
        return False
    run = max(4, (len(wording) + 1) // 2)
    return any(wording[i : i + run] in subject for i in range(len(wording) - run + 1))


def _normalise(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the text between commas, semicolons and colons that are outside brackets."""
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and char in ",;:。!?" and not _ratio_colon(text, index):
            if index > start:
                yield start, index
            start = index + 1
    if start < len(text):
        yield start, len(text)


def _ratio_colon(text: str, index: int) -> bool:
    """Whether the colon at `index` is a ratio's (19:1), which does not end a segment."""
    return (
        text[index] == ":"
        and text[index - 1 : index].isdigit()
        and text[index + 1 : index + 2].isdigit()
    )


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    value: float
    unit: Unit
    event: bool  # a unit of time or events: a target only with a stated limit
    written: str
    bare: bool = False  # no unit: a ratio or coefficient (生师比不高于19:1)


def _quantities(segment: str) -> list[_Quantity]:
    quantities: list[_Quantity] = []
    for match in _QUANTITY.finditer(segment):
        quantity = _quantity(segment, match)
        if quantity is not None:
            quantities.append(quantity)
    return quantities


def _quantity(segment: str, match: re.Match[str]) -> _Quantity | None:
    start, end = match.span()
    before, after = segment[:start], segment[end:]
    if _inside_quotes(segment, start) or before.endswith("第"):
        return None
    if match.group("cn_percent"):
        raw = match.group("cn_percent")
        value = float(raw) if raw[0].isdigit() else chinese_number(raw.replace("点", ""))
        if value is None:
            return None
        return _Quantity(start, end, float(value), Unit.PERCENT, False, match.group())
    if match.group("cn_number"):
        number = chinese_number(match.group("cn_number"))
        if number is None or not _CN_NUMBER_VERBS.search(before):
            return None
        return _Quantity(start, end, float(number), Unit.COUNT, False, match.group())
    unit = match.group("unit")
    if unit is None and match.group("mult") is None:
        return _bare(segment, match)
    if unit is None or before.endswith("+") or after.startswith("+"):
        return None
    if unit != "%" and re.match(r"\s*(以上|以下)?的", after):
        return None  # an amount that describes something: 投资3000万元的新校区
    if (unit == "个" and after.startswith("百分点")) or _CHANGE_VERB.search(before):
        return None
    per_head = _PER_HEAD.search(before) if unit == "元" else None
    if per_head and not _ENDS_WITH_COMPARATOR.search(before[: per_head.start()]):
        return None  # 按每生每月600元执行: a rate of pay or a fee, not a level to reach
    multiplier = _MULTIPLIER.get(match.group("mult") or "", 1)
    value = float(Decimal(match.group("number")) * multiplier)
    if unit == "%":
        return _Quantity(start, end, value, Unit.PERCENT, False, match.group())
    return _Quantity(start, end, value, Unit.COUNT, unit in _EVENT_UNITS, match.group())


def _bare(segment: str, match: re.Match[str]) -> _Quantity | None:
    """A number with no unit that sets a level: after the name of a ratio, coefficient or class
    size and a comparator word (生师比不高于19:1, 差异系数低于0.5), or before a suffix
    (分别控制在0.5和0.45以内). `19:1` is 19 (a ratio to one); `1:19` is not read."""
    start, end = match.span()
    before, after = segment[:start], segment[end:]
    to_one = re.match(r"\s*:\s*1(?![\d.])", after)
    # A ratio to one (不高于17:1) is a ratio whatever it names; a plain number needs a name.
    if not (to_one or _BARE_NAME.search(before)) or re.search(r"[:.]\s*$", before):
        return None
    if to_one:
        end += to_one.end()
    elif after.lstrip().startswith(":") or not _BARE_END.match(after):
        return None
    if not (_ENDS_WITH_COMPARATOR.search(before) or _SUFFIX.match(segment, end)):
        return None
    value = float(Decimal(match.group("number")))
    # The nearest name before the figure says what it is: 生师比…，差异系数低于0.5 is a count.
    names = _BARE_NAME.findall(before)
    ratio = bool(to_one) or bool(names and _RATIO_NAME.fullmatch(names[-1]))
    unit = Unit.RATIO if ratio else Unit.COUNT
    return _Quantity(start, end, value, unit, False, segment[start:end], bare=True)


def _inside_quotes(segment: str, index: int) -> bool:
    before = segment[:index]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


def _numeric(segment: str, lead_strength: Strength | None) -> Iterator[tuple[int, Finding]]:
    """The targets a segment sets with numbers, each with where its number stands (a band's,
    where its lower bound does); the numbers of a band are not read again on their own."""
    bands = list(_bands(segment, lead_strength))
    yield from ((start, finding) for finding, (start, _) in bands)
    eliminate = _ELIMINATE.search(segment)
    quantities = [
        q
        for q in _quantities(segment)
        if (eliminate is None or q.start < eliminate.start())
        and not any(start <= q.start < end for _, (start, end) in bands)
    ]
    if not quantities:
        return
    comparators = _comparators(segment, quantities)
    wordings = _wordings(segment, quantities)
    for index, quantity in enumerate(quantities):
        comparator, suffix = comparators[index]
        if quantity.event and not _states_a_limit(segment, quantity):
            continue
        finding = Finding(
            wording=wordings[index],
            comparator=comparator,
            threshold=quantity.value,
            unit=quantity.unit,
            strength=_strength(segment[: quantity.start], lead_strength),
            as_written=quantity.written + suffix,
            bare=quantity.bare,
        )
        each = len(quantities) == 1 and _EACH_OF.search(segment[: quantity.start])
        shares = _each_share(wordings[index]) if each else None
        for wording in shares or [finding.wording]:
            yield quantity.start, replace(finding, wording=wording)
    if eliminate is not None:
        # What is said in words is set by the whole segment (基本消除全市无证园).
        yield from ((len(segment), finding) for finding in _in_words(segment, lead_strength))


def _bands(
    segment: str, lead_strength: Strength | None
) -> Iterator[tuple[Finding, tuple[int, int]]]:
    """The bands a segment sets (控制在A至B之间), each with the span of its words."""
    for match in _BAND.finditer(segment):
        low_unit, unit = match.group("low_unit"), match.group("unit")
        unit = unit or low_unit
        low, high = float(match.group("low")), float(match.group("high"))
        if (low_unit is not None and low_unit != unit) or not low < high:
            continue
        if unit is None and not _BARE_END.match(segment, match.end()):
            continue  # 保持在2至3年: a unit planctl does not count
        start = match.start("low")
        wording = _wordings(segment, [_Quantity(start, match.end(), low, Unit.PERCENT, False, "")])
        # With no unit, a share's band (毛入园率保持在85—95) is in percent, a pupil–teacher
        # ratio's (生师比控制在15至19之间) a ratio; any other a plain number.
        share = unit is None and bool(_SHARE_END.search(wording[0]))
        plain = Unit.RATIO if unit is None and _RATIO_NAME.search(wording[0]) else Unit.COUNT
        finding = Finding(
            wording=wording[0],
            comparator=Comparator.BETWEEN,
            threshold=low,
            unit=Unit.PERCENT if unit == "%" or share else plain,
            strength=_strength(segment[:start], lead_strength),
            as_written=segment[start : match.end()],
            high=high,
            bare=unit is None and not share,
        )
        yield finding, (start, match.end())


def _states_a_limit(segment: str, quantity: _Quantity) -> bool:
    before, after = segment[: quantity.start], segment[quantity.end :]
    return bool(
        re.search(r"(不少于|至少|不低于|不超过|不多于|不高于)\s*(每\S{0,4})?$", before)
        or _SUFFIX.match(after)
    )


def _comparators(segment: str, quantities: list[_Quantity]) -> list[tuple[Comparator | None, str]]:
    """Each quantity's comparator, and the suffix (以上, 以内) that says it."""
    result: list[tuple[Comparator | None, str]] = []
    last_suffix = _SUFFIX.match(segment, quantities[-1].end)
    for index, quantity in enumerate(quantities):
        previous_end = quantities[index - 1].end if index else 0
        suffix = _SUFFIX.match(segment, quantity.end)
        words = list(_COMPARATOR.finditer(segment, previous_end, quantity.start))
        if suffix is None and last_suffix is not None and "分别" in segment:
            suffix = last_suffix
        if suffix is not None:
            comparator = _SUFFIX_COMPARATOR[suffix.group(1)]
        elif words:
            comparator = _COMPARATOR_WORDS[_comparator_key(words[-1].group())]
        elif quantity.unit is Unit.PERCENT and _bare_share(segment[previous_end : quantity.start]):
            # 入学率100%、巩固率100%: a share the plan wants at least this high.
            comparator = Comparator.AT_LEAST
        elif quantity.unit is Unit.PERCENT and segment.startswith("的", quantity.end):
            # 85%的学校达到…标准: the share of them that must, at least.
            comparator = Comparator.AT_LEAST
        elif index and result:
            comparator = result[-1][0]
        elif quantity.unit is Unit.COUNT:
            # A number of schools to build or teachers to hire is a minimum.
            comparator = Comparator.AT_LEAST
        else:
            comparator = None
        written = suffix.group(1) if suffix is not None and suffix.start() == quantity.end else ""
        result.append((comparator, written))
    return result


def _bare_share(before: str) -> bool:
    """Whether a percentage follows its rate's name with no word between (入学率100%), and
    the rate is not one a plan brings down (辍学率1% could be a floor or a ceiling)."""
    return bool(_SHARE_END.search(before)) and not _DOWNWARD.search(before)


def _comparator_key(word: str) -> str:
    return "达(?!标)" if word == "达" else word


def _strength(before: str, lead_strength: Strength | None) -> Strength:
    markers = _STRENGTH.findall(before)
    if markers:
        return Strength.BINDING if markers[-1] == "确保" else Strength.ASPIRATIONAL
    return lead_strength or Strength.BINDING


def _lead_in(segment: str) -> Strength | None:
    """The strength a lead-in such as 力争到2020年 gives the rest of its sentence."""
    markers = _STRENGTH.findall(segment)
    rest = _SCOPE.sub("", _TIME.sub("", _STRENGTH.sub("", segment)).strip())
    if not markers or len(rest.strip()) > 2:
        return None
    return Strength.BINDING if markers[-1] == "确保" else Strength.ASPIRATIONAL


def _wordings(segment: str, quantities: list[_Quantity]) -> list[str]:
    """The indicator each quantity measures, as the segment words it."""
    tail = segment[quantities[-1].end :]
    tail = _SUFFIX.sub("", tail, count=1).lstrip("的").strip()
    if "分别" in segment and len(quantities) > 1:
        items = _respectively(segment[: segment.index("分别")], len(quantities))
        if items:
            return items
    wordings: list[str] = []
    if len(tail) >= 2:
        # The quantity comes before what it counts: 新建2所小学和2所幼儿园.
        prefix = _without_comparators(segment[: quantities[0].start])
        prefix = re.sub(r"^\s*在|有\s*$", "", prefix)  # 在市城区新建…, 全市有33所…
        for index, quantity in enumerate(quantities):
            end = quantities[index + 1].start if index + 1 < len(quantities) else len(segment)
            counted = _SUFFIX.sub("", segment[quantity.end : end], count=1)
            counted = re.sub(r"^的|[、和及与]$", "", counted.strip())
            wordings.append(_clean(prefix + counted))
        return wordings
    # What is measured comes before its quantity: 毛入园率达到87%, 新建幼儿园8所.
    for index, quantity in enumerate(quantities):
        start = quantities[index - 1].end if index else 0
        before = segment[start : quantity.start]
        before = _SUFFIX.sub("", before, count=1) if index else before
        words = list(_COMPARATOR.finditer(before))
        wording = _clean(before[: words[-1].start()]) if words else _clean(before)
        if len(wording) < 2 and words:
            # The verb comes first: 实现义务教育学校标准化建设达标率100%.
            wording = _clean(before[words[-1].end() :])
        wordings.append(wording)
    return wordings


def _respectively(subject: str, count: int) -> list[str] | None:
    """`小学、初中辍学率` → [小学辍学率, 初中辍学率]: the items a 分别 pairs with its numbers."""
    items = [item for item in re.split(r"[、和及与]", _clean(subject)) if item]
    if len(items) != count:
        return None
    last = items[-1]
    shared = last[len(items[0]) :] if len(items[0]) < len(last) else ""
    return [item if item.endswith(shared) else item + shared for item in items]


def _each_share(wording: str) -> list[str] | None:
    """`移交率、普惠率` → [移交率, 普惠率]: the rates one figure sets each of (…均达到100%)."""
    if not _SHARE_END.search(wording):
        return None
    items = _respectively(wording, len(re.split(r"[、和及与]", wording)))
    return items if items is not None and len(items) > 1 else None


def _without_comparators(text: str) -> str:
    return _COMPARATOR.sub("", text)


def _clean(text: str) -> str:
    """An indicator's wording without time, scope, strength, quotes and leading verbs."""
    text = re.sub(r"[“”\"「」]", "", text)
    text = _TIME.sub("", _STRENGTH.sub("", text))
    text = re.sub(r"基本(?=" + _VERBS_AFTER_BASIC + ")", "", text)
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", _SCOPE.sub("", text.strip(" ,;:、")))
        text = _TRAILING.sub("", text)
    return text.strip(" ,;:、的")


def _in_words(segment: str, lead_strength: Strength | None) -> Iterator[Finding]:
    """The targets a segment sets in words: 全覆盖, 校校通, 消除…, 完成…任务."""
    strength = _strength(segment, lead_strength)
    if eliminate := _ELIMINATE.search(segment):
        target = re.sub(r"(现象|问题)$", "", segment[eliminate.end() :]).strip()
        if not target:
            # …违规收费问题动态清零, 超大班额全部消除: what is brought to nought comes first.
            before = re.sub(
                r"(?:全部|全面|基本|彻底|逐步|坚决|动态)\s*$", "", segment[: eliminate.start()]
            )
            target = _clean(re.sub(r"(现象|问题)\s*$", "", before))
        if target:
            yield Finding(target, Comparator.AT_MOST, 0.0, Unit.COUNT, strength, eliminate.group())
        return
    if coverage := _FULL_COVERAGE.search(segment):
        # 全市所有中小学实现宽带网络全覆盖: what is covered follows the verb.
        covered = segment[: coverage.start()]
        wording = _clean(re.sub(r"^.*(实现|达到|做到)", "", covered)) or _clean(covered)
        yield _everyone(wording + "覆盖率" if wording else "", strength, coverage.group())
        return
    if every := _EVERY_UNIT.search(segment):
        yield _everyone(_quoted_or_clean(segment, every), strength, every.group())
        return
    if none_left := _NONE_LEFT_OUT.search(segment):
        quoted = _quote_around(segment, none_left.start())
        source = quoted if quoted is not None else segment[: none_left.start()]
        wording = _clean(source.replace(none_left.group(), ""))
        yield _everyone(wording, strength, none_left.group())
        return
    if receive := _ALL_RECEIVE.search(segment):
        wording = _clean(segment[: receive.start()] + "享受" + segment[receive.end() :])
        yield _everyone(wording, strength, receive.group())
        return
    if complete := _COMPLETE_YEAR.search(segment):
        project = re.sub(r"(建设)?任务$", "", complete.group("object")).strip()
        yield _everyone(project + "完成率", strength, complete.group())
        return
    if named := _NAMED_LIST.search(segment):
        items = [item for item in re.split(r"[、和及与]", named.group("items")) if item.strip()]
        yield Finding(
            _clean(named.group("rest")) or _clean(named.group("items")),
            Comparator.AT_LEAST,
            float(len(items)),
            Unit.COUNT,
            strength,
            named.group("items"),
        )


def _everyone(wording: str, strength: Strength, written: str) -> Finding:
    """A share of 100%: every school, every child, every project."""
    return Finding(wording, Comparator.AT_LEAST, 100.0, Unit.PERCENT, strength, written)


def _quote_around(segment: str, index: int) -> str | None:
    for match in _QUOTED.finditer(segment):
        if match.start() <= index < match.end():
            return match.group(1) if match.group(1) is not None else match.group(2)
    return None


def _quoted_or_clean(segment: str, match: re.Match[str]) -> str:
    quoted = _quote_around(segment, match.start())
    if quoted is not None and len(quoted) > len(match.group()):
        return quoted
    return _clean(re.sub(r"^.*?(实现|达到|做到)", "", segment))


def _without_restatements(findings: list[Finding]) -> list[Finding]:
    """Drop a share of 100% said in words when the sentence already sets it with a number
    (…发放率达到100%，做到应发尽发): words that say no one is left out (应X尽X, 不落一人),
    and words that name nothing of their own or the same thing as the number; and exact
    repeats. Words that name something else set a target of their own
    (…满足率达到100%，农村留守儿童关爱服务实现全覆盖)."""
    numeric_full = [
        f.wording
        for f in findings
        if f.unit is Unit.PERCENT and f.threshold == 100 and f.as_written[0].isdigit()
    ]
    kept: list[Finding] = []
    for finding in findings:
        said_in_words = not finding.as_written[:1].isdigit() and "百分之" not in finding.as_written
        restated = (
            _NONE_LEFT_OUT.search(finding.as_written) is not None
            or len(finding.wording) < 2
            or any(
                _names_the_same(finding.wording, wording)
                or _names_the_same(wording, finding.wording)
                for wording in numeric_full
            )
        )
        if numeric_full and said_in_words and finding.unit is Unit.PERCENT and restated:
            continue
        if finding not in kept:
            kept.append(finding)
    return kept
