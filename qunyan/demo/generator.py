"""The demo town 羊角塘镇, generated so that its figures are the article's.

The generator writes an exchange workbook and loads it through the same importer a town uses,
so the demo is also a proof that the engine takes what the contract describes. Dates are laid in
the three calendar years ending with `report_year` (the article's 2021–2023 when it is 2023).
Each module adds its sheet's rows in its own builder below.
"""

import datetime
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from qunyan.people.idnumbers import make_id_number

from .names import COMMUNITIES, ETHNICITIES, FEMALE_CHARS, MALE_CHARS, SKILLS, SURNAMES, VILLAGES

TOWN = "羊角塘镇"
COUNTY = "祁阳市"
REGION = "431181"  # 祁阳市's administrative division code

# The article's figures for the foundation: 35 villages and communities, a pool of 72, of whom
# 48 are 35 or under with college education. The other splits are plausible, not from the article.
POOL_SIZE = 72
POOL_YOUNG_COLLEGE = 48
POOL_YOUNG_ONLY = 6
POOL_COLLEGE_ONLY = 9
POOL_LEFT = 6  # stays that ended within the period (appointed, left for work …)
# Villages that stay short of reserves, so the work list has something to show.
SHORT_VILLAGES = ("竹山村", "长冲村", "向阳社区")

HIGH = ("小学", "初中", "高中", "中专")
COLLEGE = ("大专", "本科", "本科", "大专", "硕士研究生")
POSTS = ("书记兼主任", "副书记", "委员", "委员", "妇联主席")


@dataclass
class Demo:
    report_year: int
    rng: random.Random
    sheets: dict[str, list[list[Any]]] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)

    @property
    def as_of(self) -> datetime.date:
        return datetime.date(self.report_year, 12, 31)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.report_year - 2, 1, 1)

    def day_in_period(self) -> datetime.date:
        return self.first_day + datetime.timedelta(days=self.rng.randrange(365 * 3))

    def person(self, *, unit: str, age: int, education: str, gender: str | None = None,
               political: str = "群众", skills: str = "") -> str:
        """Add a 人员 row; returns the new person's ID number."""
        rng = self.rng
        gender = gender or rng.choice("MF")
        birth = self.as_of - datetime.timedelta(days=365 * age + rng.randrange(30, 330))
        while True:
            id_number = make_id_number(REGION, birth, rng.randrange(500), gender)
            if id_number not in self.used_ids:
                break
        self.used_ids.add(id_number)
        chars = MALE_CHARS if gender == "M" else FEMALE_CHARS
        name = rng.choice(SURNAMES) + "".join(rng.choice(chars) for _ in range(rng.choice((1, 2))))
        phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
        self.sheets["人员"].append([
            name, id_number, "男" if gender == "M" else "女", rng.choice(ETHNICITIES), birth,
            education, political, unit, phone, skills or rng.choice(SKILLS),
        ])
        return id_number


def build_rows(report_year: int, seed: int = 2023) -> dict[str, list[list[Any]]]:
    """Every sheet's rows of the demo town (without header rows)."""
    demo = Demo(report_year=report_year, rng=random.Random(seed))
    demo.sheets = {name: [] for name in ("村社区", "人员", "村干部", "后备力量")}
    units = [(name, "村") for name in VILLAGES] + [(name, "社区") for name in COMMUNITIES]
    for name, kind in units:
        demo.sheets["村社区"].append([TOWN, name, kind])
    _town_staff(demo)
    _committees(demo, [name for name, _ in units])
    _reserve_pool(demo, [name for name, _ in units])
    return demo.sheets


def _town_staff(demo: Demo) -> None:
    for _ in range(30):
        demo.person(unit=TOWN, age=demo.rng.randrange(26, 55), education=demo.rng.choice(COLLEGE),
                    political="中共党员")


def _committees(demo: Demo, units: list[str]) -> None:
    term_start = datetime.date(demo.report_year - 2, 3, 20)
    for unit in units:
        for post in POSTS:
            gender = "F" if post == "妇联主席" else None
            id_number = demo.person(
                unit=unit, age=demo.rng.randrange(30, 58), gender=gender,
                education=demo.rng.choice(HIGH + COLLEGE), political="中共党员",
            )
            bonus = 36000 if post == "书记兼主任" else 24000
            demo.sheets["村干部"].append([id_number, post, term_start, None, bonus])


def _reserve_pool(demo: Demo, units: list[str]) -> None:
    rng = demo.rng
    # (age on as-of, college?) in the proportions above; young-and-college first so that the
    # round-robin below gives every village that is not short at least one of them.
    kinds = [(rng.randrange(23, 36), True) for _ in range(POOL_YOUNG_COLLEGE)]
    kinds += [(rng.randrange(22, 36), False) for _ in range(POOL_YOUNG_ONLY)]
    kinds += [(rng.randrange(37, 50), True) for _ in range(POOL_COLLEGE_ONLY)]
    kinds += [(rng.randrange(37, 52), False) for _ in range(POOL_SIZE - len(kinds))]
    full = [u for u in units if u not in SHORT_VILLAGES]
    # Short villages have one reserve each, from the last (neither young nor college) kinds.
    placement = [full[i % len(full)] for i in range(POOL_SIZE - len(SHORT_VILLAGES))]
    placement += list(SHORT_VILLAGES)
    sources = ["乡土实用人才", "农村致富带头人", "返乡创业大学生", "退役军人", "其他"]
    for (age, college), unit in zip(kinds, placement, strict=True):
        id_number = demo.person(
            unit=unit, age=age, education=rng.choice(COLLEGE if college else HIGH),
            political=rng.choice(("群众", "共青团员", "中共党员")),
        )
        entered = demo.first_day + datetime.timedelta(days=rng.randrange(365 * 3 - 30))
        demo.sheets["后备力量"].append([id_number, entered, None, None, rng.choice(sources)])
    for _ in range(POOL_LEFT):
        id_number = demo.person(unit=rng.choice(full), age=rng.randrange(28, 45),
                                education=rng.choice(COLLEGE))
        entered = demo.first_day + datetime.timedelta(days=rng.randrange(300))
        left = entered + datetime.timedelta(days=rng.randrange(200, 600))
        demo.sheets["后备力量"].append(
            [id_number, entered, left, rng.choice(("任村干部", "外出务工", "考录公务员")),
             rng.choice(sources)])


def build_workbook(report_year: int) -> bytes:
    """The demo town as an exchange workbook (.xlsx bytes)."""
    from qunyan.spreadsheets.engine import sheet_specs

    book = Workbook(write_only=True)
    rows = build_rows(report_year)
    for spec in sheet_specs():
        if spec.name not in rows:
            continue
        sheet = book.create_sheet(spec.name)
        sheet.append([column.header for column in spec.columns])
        for row in rows[spec.name]:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
