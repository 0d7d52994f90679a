"""Writes the illustrative record tables of data/records/ (run: python data/records/generate.py).

Invented, like data/'s submissions, and made to agree with them: each county's kindergartens
add up to the children, coverage, township, licence and model-kindergarten figures its
submission reports, and its population by age to its population aged 3 to 5. One difference
is there on purpose, for `planctl reconcile` to find: 嘉鱼县 reports 10,010 children in public
or inclusive kindergartens, and its census forms hold 9,870, since one private kindergarten of
140 children, 嘉鱼县小星星幼儿园, is not 普惠 in the census. The output is the same on every run
(a test checks the committed files against it).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTICE = (
    "# Illustrative records for trying planctl; not official statistics. "
    "示例数据，仅供演示，非官方统计。"
)

# county: (code, enrolled, inclusive, township, township inclusive, unlicensed, model, age 3-5)
COUNTIES = {
    "咸安区": ("421202", 21950, 19320, 6420, 6420, 0, 9, 24800),
    "嘉鱼县": ("421221", 11720, 10010, 4910, 4870, 0, 4, 12600),
    "通城县": ("421222", 19600, 16270, 8530, 8210, 3, 5, 23900),
    "崇阳县": ("421223", 20510, 17640, 9120, 9120, 1, 5, 24500),
    "通山县": ("421224", 12280, 10690, 6010, 5960, 0, 3, 13200),
    "赤壁市": ("421281", 20010, 17410, 7340, 7340, 2, 6, 23000),
}
TOWNS = ["城关", "官埠桥", "横沟桥", "贺胜桥", "双溪桥", "马桥", "桂花", "高桥", "大幕", "汀泗桥"]
PRIVATE = [
    "小太阳",
    "蓝天",
    "童心",
    "育才",
    "启明星",
    "金色摇篮",
    "阳光",
    "七色花",
    "爱心",
    "未来星",
]
# The one kindergarten that the county counts as inclusive and the census does not.
DIFFERENCE = ("嘉鱼县", "嘉鱼县小星星幼儿园", 140)


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` children in `parts` kindergartens of uneven size, adding up exactly."""
    if parts == 0:
        return []
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    sizes = [int(total * w / sum(weights)) for w in weights]
    sizes[0] += total - sum(sizes)
    return sizes


def kindergartens(
    county: str, figures: tuple[str, int, int, int, int, int, int, int]
) -> list[list[str]]:
    code, enrolled, inclusive, township, township_inclusive, unlicensed, model, _ = figures
    rng = random.Random(code)
    rows: list[list[str]] = []
    # (seat, public?, inclusive private?, children) groups that make up the county's figures.
    urban_inclusive = inclusive - township_inclusive
    urban_other = enrolled - township - urban_inclusive
    township_other = township - township_inclusive
    extra = 0
    if county == DIFFERENCE[0]:
        urban_inclusive -= DIFFERENCE[2]
        extra = DIFFERENCE[2]
    groups = [
        ("城区", "公办", "否", urban_inclusive * 6 // 10, 8),
        ("城区", "民办", "是", urban_inclusive - urban_inclusive * 6 // 10, 6),
        ("城区", "民办", "否", urban_other, 4 + unlicensed),
        ("镇区", "公办", "否", township_inclusive * 7 // 10, 6),
        ("乡村", "民办", "是", township_inclusive - township_inclusive * 7 // 10, 4),
        ("乡村", "民办", "否", township_other, 2 if township_other else 0),
    ]
    serial = 0
    models_left, unlicensed_left = model, unlicensed
    for seat, kind, private_inclusive, children, count in groups:
        for size in split(children, count, rng):
            serial += 1
            town = TOWNS[serial % len(TOWNS)]
            if kind == "公办":
                name = (
                    f"{county}{town}{'中心' if seat != '城区' else '第' + str(serial) + ''}幼儿园"
                )
            else:
                name = f"{county}{PRIVATE[serial % len(PRIVATE)]}{serial}幼儿园"
            level = "无"
            if kind == "公办" and models_left:
                level = "省级示范" if models_left % 3 == 0 else "市级示范"
                models_left -= 1
            licence = "有"
            if kind == "民办" and private_inclusive == "否" and seat == "城区" and unlicensed_left:
                licence = "无"
                unlicensed_left -= 1
            rows.append(
                [
                    f"{code}{serial:04d}",
                    name,
                    county,
                    kind,
                    private_inclusive,
                    seat,
                    licence,
                    level,
                    str(size),
                ]
            )
    if extra:
        serial += 1
        rows.append(
            [
                f"{code}{serial:04d}",
                DIFFERENCE[1],
                county,
                "民办",
                "否",
                "城区",
                "有",
                "无",
                str(extra),
            ]
        )
    assert models_left == 0 and unlicensed_left == 0, county
    return rows


def population(
    county: str, figures: tuple[str, int, int, int, int, int, int, int]
) -> list[list[str]]:
    rng = random.Random(figures[0] + "p")
    aged = split(figures[7], 3, rng)
    # Ages 2 and 6 are in the register too: the measure must leave them out.
    return [
        [county, str(age), str(count)]
        for age, count in zip(
            [2, 3, 4, 5, 6],
            [rng.randint(7000, 9000), *aged, rng.randint(7000, 9000)],
            strict=True,
        )
    ]


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(NOTICE + "\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    kg = [row for county, figures in COUNTIES.items() for row in kindergartens(county, figures)]
    write(
        HERE / "幼儿园.csv",
        [
            "学校标识码",
            "学校名称",
            "行政区划",
            "办别",
            "是否普惠性民办园",
            "驻地城乡类型",
            "办园许可证",
            "示范等级",
            "在园幼儿数",
        ],
        kg,
    )
    people = [row for county, figures in COUNTIES.items() for row in population(county, figures)]
    write(HERE / "人口.csv", ["行政区划", "年龄", "人数"], people)


if __name__ == "__main__":
    main()
