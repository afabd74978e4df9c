"""One synthetic town, whole: the people and the records of every module (see synthetic_plan)."""

import datetime
import random
from collections.abc import Callable

from qunyan.evaluation.choices import Rating
from qunyan.mentoring.choices import Principle
from qunyan.talents.choices import Occasion, OutreachWay
from qunyan.training.choices import Programme

from .synthetic_plan import (
    CATEGORIES,
    EDUCATION,
    OTHER_PROGRAMMES,
    PLACES,
    PROJECTS,
    TEACHERS,
    TRADES,
    Period,
    TownPlan,
    add_committees,
    add_development,
    add_people,
    add_reserves,
    age,
    pick,
)

Cadres = dict[int, list[tuple[int, str]]]
# The rating of a village in a year, as often as the demo town's (3, 5, 8 of 35).
RATING_MIX: tuple[Rating, ...] = (
    (Rating.RED_FLAG,) * 3 + (Rating.MODEL,) * 5 + (Rating.ADVANCED,) * 8 + (Rating.ORDINARY,) * 19
)


def build_town(
    *,
    rng: random.Random,
    town_index: int,
    town_id: int,
    village_ids: list[int],
    people: int,
    period: Period,
    next_id: Callable[[str], int],
) -> TownPlan:
    """The town's plan; `next_id(label)` gives the primary key of each new row of a model."""
    plan = TownPlan(town_id=town_id, village_ids=village_ids)
    add_people(plan, rng, town_index, people, period, next_id)
    residents: dict[int, list[int]] = {v: [] for v in village_ids}
    staff: list[int] = []
    for index, row in enumerate(plan.people):
        (staff if row[7] == town_id else residents[row[7]]).append(index)
    cadres = add_committees(plan, rng, residents, period)
    reserves = add_reserves(plan, rng, residents, period)
    add_development(plan, rng, residents, reserves, period)
    _talents(plan, rng, residents, period)
    _training(plan, rng, residents, cadres, period, next_id)
    _mentoring(plan, rng, staff, cadres, [index for index, _ in reserves], period)
    _ratings(plan, rng, period)
    _commendations(plan, rng, cadres, period)
    return plan


def _talents(
    plan: TownPlan, rng: random.Random, residents: dict[int, list[int]], period: Period
) -> None:
    """About one talent working away per village; half came home, most of them started up."""
    for people in residents.values():
        for _ in range(rng.choice((0, 1, 1, 2))):
            index = pick(rng, people, plan.busy, lambda i: 25 <= age(plan, i, period.as_of) <= 50)
            if index is None:
                continue
            returned = started = None
            if rng.random() < 0.55:
                returned = period.day(rng, margin=100)
                if rng.random() < 0.85:
                    started = returned + datetime.timedelta(days=rng.randrange(10, 90))
            person_id = plan.person_ids[index]
            plan.add(
                "talents.OutsideTalent",
                person_id=person_id,
                town_id=plan.town_id,
                place=rng.choice(PLACES),
                trade=rng.choice(TRADES),
                returned_on=returned,
                business_started_on=started,
                business_project=rng.choice(PROJECTS) if started else "",
            )
            # Contacts at the holidays when people come home, while they are still away.
            for year in range(period.first_day.year, period.report_year + 1):
                spring = datetime.date(year, 1, 20) + datetime.timedelta(days=rng.randrange(26))
                national = datetime.date(year, 10, rng.randrange(1, 8))
                for day, occasion in (
                    (spring, Occasion.SPRING_FESTIVAL),
                    (national, Occasion.NATIONAL_DAY),
                ):
                    if day <= period.as_of and (returned is None or day < returned):
                        plan.add(
                            "talents.Outreach",
                            person_id=person_id,
                            town_id=plan.town_id,
                            date=day,
                            way=rng.choice(OutreachWay.values),
                            occasion=occasion,
                            notes="动员返乡创业",
                        )


def _class(
    plan: TownPlan,
    next_id: Callable[[str], int],
    *,
    code: str,
    name: str,
    programme: str,
    starts: datetime.date,
    days: int,
    hours: int,
    category: str,
    teacher: str,
) -> int:
    class_id = next_id("training.TrainingClass")
    plan.add(
        "training.TrainingClass",
        id=class_id,
        town_id=plan.town_id,
        code=code,
        name=name,
        programme=programme,
        category=category,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=days - 1),
        hours=hours,
        teacher=teacher,
    )
    return class_id


def _training(
    plan: TownPlan,
    rng: random.Random,
    residents: dict[int, list[int]],
    cadres: Cadres,
    period: Period,
    next_id: Callable[[str], int],
) -> None:
    """头雁工程 for every secretary (7 classes), 农民大学生, and ~20 classes open to everyone."""
    secretaries = [i for posts in cadres.values() for i, post in posts if post == "书记兼主任"]
    committee = [i for posts in cadres.values() for i, _post in posts]
    for number in range(7):
        year = period.report_year - 1 + number * 2 // 7
        starts = min(datetime.date(year, 1 + 3 * (number % 4), rng.randrange(1, 25)), period.as_of)
        class_id = _class(
            plan, next_id, code=f"TY{year}-{number + 1:02d}",
            name=f"头雁工程村党组织书记培训班第{number + 1}期", programme=Programme.LEAD_GEESE,
            starts=starts, days=3, hours=24, category="理论政策", teacher="市委党校教师",
        )  # fmt: skip
        for index in secretaries:
            if rng.random() < 0.99:
                _attend(plan, class_id, index, completed=True)
    eligible = [
        i for i in committee if plan.people[i][EDUCATION] in ("senior", "vocational", "college")
    ]
    for number in range(3):
        year = period.first_day.year + number
        class_id = _class(
            plan, next_id, code=f"NM{year}-01", name="农民大学生学历提升班",
            programme=Programme.FARMER_COLLEGE, starts=datetime.date(year, 3, rng.randrange(1, 28)),
            days=5, hours=40, category="学历教育", teacher="开放大学教师",
        )  # fmt: skip
        for index in rng.sample(eligible, min(len(eligible), 12)):
            _attend(plan, class_id, index, completed=True)
    everyone = [i for people in residents.values() for i in people]
    for number in range(19):
        starts = period.day(rng, margin=10)
        programme = rng.choice(OTHER_PROGRAMMES)
        class_id = _class(
            plan, next_id, code=f"PX{starts.year}-{number + 1:02d}", name="乡村振兴培训班",
            programme=programme, starts=starts, days=2, hours=8,
            category=rng.choice(CATEGORIES), teacher=rng.choice(TEACHERS),
        )  # fmt: skip
        size = min(len(everyone), rng.randrange(60, 260))
        for index in rng.sample(everyone, size):
            _attend(plan, class_id, index, completed=rng.random() < 0.8)


def _attend(plan: TownPlan, class_id: int, index: int, *, completed: bool) -> None:
    plan.add(
        "training.Attendance",
        training_class_id=class_id,
        person_id=plan.person_ids[index],
        completed=completed,
    )


def _mentoring(
    plan: TownPlan,
    rng: random.Random,
    staff: list[int],
    cadres: Cadres,
    reserves: list[int],
    period: Period,
) -> None:
    """Town staff and secretaries mentor young committee members and reserves (~2.6 a village)."""
    leaders = [
        i for posts in cadres.values() for i, post in posts if post in ("书记兼主任", "副书记")
    ]
    mentors = staff[:15] + leaders
    young = [
        i
        for posts in cadres.values()
        for i, post in posts
        if post not in ("书记兼主任", "副书记") and age(plan, i, period.as_of) <= 40
    ]
    mentees = list(dict.fromkeys(young + reserves))
    if not mentors:
        return
    town_staff = set(staff)
    for number, mentee in enumerate(mentees):
        mentor = mentors[number % len(mentors)]
        if mentor == mentee:
            continue
        started = period.day(rng, margin=60)
        ended = None
        if rng.random() < 0.15:
            ended = started + datetime.timedelta(days=rng.randrange(30, 60))
        plan.add(
            "mentoring.Mentorship",
            mentor_id=plan.person_ids[mentor],
            mentee_id=plan.person_ids[mentee],
            town_id=plan.town_id,
            principle=Principle.TOWN_TO_VILLAGE
            if mentor in town_staff
            else rng.choice((Principle.VETERAN_TO_NEW, Principle.STRONG_TO_WEAK)),
            started_on=started,
            ended_on=ended,
        )


def _ratings(plan: TownPlan, rng: random.Random, period: Period) -> None:
    for year in range(period.first_day.year, period.report_year + 1):
        for village in plan.village_ids:
            plan.add(
                "evaluation.VillageRating",
                village_id=village,
                year=year,
                rating=rng.choice(RATING_MIX),
                source="sheet",
            )


def _commendations(plan: TownPlan, rng: random.Random, cadres: Cadres, period: Period) -> None:
    """About 1.5 cadres a village commended by the town in the report year; secretaries by the
    county now and then."""
    for posts in cadres.values():
        for index, post in posts:
            if rng.random() < 0.3:
                plan.add(
                    "evaluation.Commendation",
                    person_id=plan.person_ids[index],
                    town_id=plan.town_id,
                    year=period.report_year,
                    title="优秀村干部",
                    authority="镇党委",
                )
            if post == "书记兼主任" and rng.random() < 0.05:
                plan.add(
                    "evaluation.Commendation",
                    person_id=plan.person_ids[index],
                    town_id=plan.town_id,
                    year=period.report_year,
                    title="乡村振兴担当作为党组织书记",
                    authority="县委",
                )
