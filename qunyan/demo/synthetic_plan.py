"""One synthetic town's rows: people and every module's records, in the models' own codes.

Pure Python, no database: `qunyan generate` writes a plan with COPY / executemany, and
`--workbooks` writes the same plan as an exchange workbook. The proportions follow the demo
town (qunyan/demo/generator.py, the article's figures) scaled per village: five committee posts,
about two reserves, two new members in three years, ratings for every village and year.
Primary keys come from the caller's allocator, so records can refer to people before anything
is written.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qunyan.party.workflow import add_years
from qunyan.people.choices import Education, Gender, PoliticalStatus, SourceCategory
from qunyan.people.idnumbers import make_id_number
from qunyan.training.choices import Programme

from .names import ETHNICITIES, FEMALE_CHARS, MALE_CHARS, SKILLS, SURNAMES

POSTS = ("书记兼主任", "副书记", "委员", "委员", "妇联主席")
# Education of the population at large; the roles below raise it where the article says so.
EDUCATION_MIX = (
    (Education.PRIMARY,) * 4
    + (Education.JUNIOR,) * 6
    + (Education.SENIOR,) * 3
    + (Education.VOCATIONAL,) * 2
    + (Education.COLLEGE,) * 2
    + (Education.BACHELOR,) * 2
    + (Education.MASTER,)
)
COLLEGE = (Education.COLLEGE, Education.BACHELOR, Education.BACHELOR, Education.MASTER)
POLITICAL_MIX = (PoliticalStatus.MASSES,) * 14 + (
    PoliticalStatus.CPC_MEMBER,
    PoliticalStatus.CPC_MEMBER,
    PoliticalStatus.CYL_MEMBER,
    PoliticalStatus.CYL_MEMBER,
    PoliticalStatus.JIUSAN,
)
SOURCES = tuple(SourceCategory.values)
PLACES = ("广东东莞", "深圳", "长沙", "上海", "浙江义乌", "广州")
TRADES = ("物流", "餐饮", "建筑", "电商", "电子制造")
PROJECTS = ("油茶种植", "民宿", "农产品电商", "生态养殖", "稻虾共养")
OTHER_PROGRAMMES = (Programme.VILLAGE_SCHOOL, Programme.HIGH_QUALITY_FARMERS, Programme.OTHER)
CATEGORIES = ("理论政策", "种养技术", "电商", "政策法规")
TEACHERS = ("党校教师", "农业部门专家", "优秀乡土人才")
LEAVE_REASONS = ("任村干部", "外出务工", "考录公务员")

# Person columns of the plan (clear values; the writer encrypts and indexes).
NAME, ID_NUMBER, GENDER, ETHNICITY, BIRTH, EDUCATION, POLITICAL, UNIT, PHONE, SKILL = range(10)


@dataclass
class TownPlan:
    town_id: int
    village_ids: list[int]
    # Each person: [name, id_number, gender, ethnicity, birth, education, political, unit_id,
    # phone, skills]; person_ids[i] is the primary key of people[i].
    people: list[list[Any]] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    # Other rows by model label ("people.CadreTerm" …), each a dict of column attnames.
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # People who already hold a role that another role should not reuse (cadres, members …).
    busy: set[int] = field(default_factory=set)

    def add(self, label: str, **values: Any) -> None:
        self.records.setdefault(label, []).append(values)


@dataclass
class Period:
    report_year: int
    today: datetime.date

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.report_year - 2, 1, 1)

    @property
    def as_of(self) -> datetime.date:
        return min(datetime.date(self.report_year, 12, 31), self.today)

    def day(self, rng: random.Random, *, margin: int = 0) -> datetime.date:
        span = (self.as_of - self.first_day).days - margin
        return self.first_day + datetime.timedelta(days=rng.randrange(max(span, 1)))


def region_code(town_index: int) -> str:
    """A six-digit division code of its own per town (43xxyy), so IDs never clash across towns."""
    return f"43{town_index // 99 % 100 + 1:02d}{town_index % 99 + 1:02d}"


def add_people(
    plan: TownPlan,
    rng: random.Random,
    town_index: int,
    count: int,
    period: Period,
    next_id: Callable[[str], int],
) -> None:
    region = region_code(town_index)
    used: set[tuple[datetime.date, int, str]] = set()
    villages = plan.village_ids
    staff = min(30, max(count // 50, 1))
    start = period.as_of - datetime.timedelta(days=365 * 88)
    span = 365 * 70  # born 18 to 88 years before the last day
    choice, randrange, random_ = rng.choice, rng.randrange, rng.random
    for index in range(count):
        gender = "M" if random_() < 0.52 else "F"
        while True:
            birth = start + datetime.timedelta(days=randrange(span))
            sequence = randrange(500)
            if (birth, sequence, gender) not in used:
                break
        used.add((birth, sequence, gender))
        chars = MALE_CHARS if gender == "M" else FEMALE_CHARS
        name = choice(SURNAMES) + "".join(choice(chars) for _ in range(1 if random_() < 0.3 else 2))
        roll = random_()
        phone = (
            f"1{choice('3456789')}{randrange(10**9):09d}"
            if roll < 0.9
            else (f"0746-{randrange(10**7):07d}" if roll < 0.95 else "")
        )
        plan.people.append(
            [
                name,
                make_id_number(region, birth, sequence, gender),
                gender,
                choice(ETHNICITIES),
                birth,
                choice(COLLEGE) if index < staff else choice(EDUCATION_MIX),
                PoliticalStatus.CPC_MEMBER if index < staff else choice(POLITICAL_MIX),
                plan.town_id if index < staff else villages[randrange(len(villages))],
                phone,
                choice(SKILLS) if random_() < 0.6 else "",
            ]
        )
        plan.person_ids.append(next_id("people.Person"))


def age(plan: TownPlan, index: int, on: datetime.date) -> int:
    birth: datetime.date = plan.people[index][BIRTH]
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def pick(
    rng: random.Random,
    candidates: list[int],
    taken: set[int],
    accept: Callable[[int], bool],
    tries: int = 40,
) -> int | None:
    """A random candidate not yet taken that `accept`s, or any free one after `tries`."""
    if not candidates:
        return None
    for attempt in range(tries + 10):
        index = candidates[rng.randrange(len(candidates))]
        if index not in taken and (attempt >= tries or accept(index)):
            taken.add(index)
            return index
    return None


def add_committees(
    plan: TownPlan, rng: random.Random, residents: dict[int, list[int]], period: Period
) -> dict[int, list[tuple[int, str]]]:
    """Five posts per village, from a term start in the period's first year; a few earlier terms."""
    start = datetime.date(period.report_year - 2, 3, 20)
    cadres: dict[int, list[tuple[int, str]]] = {}
    taken = plan.busy
    for village, people in residents.items():
        cadres[village] = []
        for post in POSTS:

            def suits(i: int, post: str = post) -> bool:
                return 28 <= age(plan, i, period.as_of) <= 58 and (
                    post != "妇联主席" or plan.people[i][GENDER] == Gender.FEMALE
                )

            index = pick(rng, people, taken, suits)
            if index is None:
                continue
            plan.people[index][POLITICAL] = PoliticalStatus.CPC_MEMBER
            cadres[village].append((index, post))
            plan.add(
                "people.CadreTerm",
                person_id=plan.person_ids[index],
                village_id=village,
                post=post,
                started_on=start,
                ended_on=None,
                bonus_base=36000 if post == "书记兼主任" else 24000,
            )
            if rng.random() < 0.3:  # served the term before as well
                plan.add(
                    "people.CadreTerm",
                    person_id=plan.person_ids[index],
                    village_id=village,
                    post=post,
                    started_on=datetime.date(start.year - 5, 3, 20),
                    ended_on=start - datetime.timedelta(days=1),
                    bonus_base=None,
                )
    return cadres


def add_reserves(
    plan: TownPlan,
    rng: random.Random,
    residents: dict[int, list[int]],
    period: Period,
) -> list[tuple[int, datetime.date]]:
    """About two reserves per village, most young with college education; some villages short."""
    taken = plan.busy
    pool: list[tuple[int, datetime.date]] = []
    for people in residents.values():
        for _ in range(rng.choice((1, 2, 2, 3, 3, 3, 4))):
            young = rng.random() < 0.75

            def suits_reserve(i: int, young: bool = young) -> bool:
                low, high = (22, 35) if young else (36, 50)
                return low <= age(plan, i, period.as_of) <= high

            index = pick(rng, people, taken, suits_reserve)
            if index is None:
                continue
            if rng.random() < 0.75:
                plan.people[index][EDUCATION] = rng.choice(COLLEGE)
            entered = period.day(rng, margin=30)
            left = None
            if rng.random() < 0.08:
                left = entered + datetime.timedelta(days=rng.randrange(1, 400))
                left = left if left <= period.as_of else None
            plan.add(
                "reserves.Reserve",
                person_id=plan.person_ids[index],
                town_id=plan.town_id,
                stage="left" if left else "reserved",
                entered_on=entered,
                left_on=left,
                leave_reason=rng.choice(LEAVE_REASONS) if left else "",
                source_category=rng.choice(SOURCES),
            )
            if left is None:
                pool.append((index, entered))
    return pool


def add_development(
    plan: TownPlan,
    rng: random.Random,
    residents: dict[int, list[int]],
    reserves: list[tuple[int, datetime.date]],
    period: Period,
) -> None:
    """About two new probationary members per village in three years, a few from the pool."""
    taken = plan.busy

    def record(index: int, admitted: datetime.date | None, source: str) -> None:
        reference = admitted or period.as_of
        candidate = reference - datetime.timedelta(days=rng.randrange(60, 200))
        # The 细则's waits are counted in calendar years (add_years), not 365 days.
        activist = add_years(candidate, -1) - datetime.timedelta(days=rng.randrange(1, 120))
        applied = activist - datetime.timedelta(days=rng.randrange(20, 150))
        if age(plan, index, applied) < 18:
            return
        converted = None
        if admitted:
            converted = add_years(admitted, 1) + datetime.timedelta(days=rng.randrange(1, 40))
            converted = converted if converted <= period.as_of else None
        plan.people[index][POLITICAL] = (
            PoliticalStatus.CPC_MEMBER
            if converted
            else (PoliticalStatus.CPC_PROBATIONARY if admitted else PoliticalStatus.CYL_MEMBER)
        )
        plan.add(
            "party.DevelopmentRecord",
            person_id=plan.person_ids[index],
            town_id=plan.town_id,
            applied_on=applied,
            activist_on=activist,
            candidate_on=candidate if admitted else None,
            admitted_on=admitted,
            converted_on=converted,
            source_category=source,
        )

    for index, entered in reserves:
        if rng.random() < 0.07 and entered < period.as_of - datetime.timedelta(days=40):
            admitted = entered + datetime.timedelta(days=30 + rng.randrange(10))
            record(index, min(admitted, period.as_of), rng.choice(SOURCES))
    for people in residents.values():
        for _ in range(rng.choice((1, 2, 2, 3))):
            member = pick(
                rng,
                people,
                taken,
                lambda i: 24 <= age(plan, i, period.as_of) <= 48,
            )
            if member is not None:
                in_progress = rng.random() < 0.1
                record(member, None if in_progress else period.day(rng), rng.choice(SOURCES))
