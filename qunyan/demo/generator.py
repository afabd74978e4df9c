"""The demo town 羊角塘镇, generated so that its figures are the article's.

The generator writes an exchange workbook and loads it through the same importer a town uses,
so the demo is also a proof that the engine takes what the contract describes. Dates are laid in
the three calendar years ending with `report_year` (the article's 2021–2023 when it is 2023).
Each module adds its sheet's rows in its own builder below; builders that pick people from
earlier sheets run after them, so the earlier figures do not move.
"""

import datetime
import io
import random
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from qunyan.party.workflow import add_years, age_on
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

# The article's figures for the other modules, over the three years unless said otherwise.
NEW_MEMBERS = 75  # 新发展农村党员75人
NEW_MEMBERS_FROM_RESERVES = 5  # in report_year: 5名村级后备力量被发展为预备党员
RETURNEES_STARTED_BUSINESS = 14  # 动员14名优秀乡土人才回乡创业
LEAD_GEESE_CLASSES = 7  # since the year before report_year: 培训7场次
LEAD_GEESE_ABSENCES = 2  # so that the secretaries' attendance is 240余人次 (243)
FARMER_COLLEGE_CLASSES = 3
FARMER_COLLEGE_STUDENTS = 36  # 30余名村干部和村后备干部
OTHER_CLASSES = {"乡村学堂": 7, "党建+乡村振兴高素质农民": 7, "其他": 5}  # with 农民大学生: 20余期
PERSON_TIMES = 3524  # all classes: 3520余人次
MENTORS = 51
MENTEES = 93
TOWN_MENTORS = 15  # town staff among the mentors (镇带村)
COMMENDED_CADRES = 53  # in report_year, by the town Party committee
RATED = {"红旗村": 3, "模范村": 5, "先进村": 8}  # a year's ratings; every other unit is 一般
SECRETARY_VILLAGE = "牛坪坳村"  # whose secretary the county commended in report_year

SOURCES = ("乡土实用人才", "农村致富带头人", "返乡创业大学生", "退役军人", "其他")
PLACES = ("广东东莞", "深圳", "长沙", "上海", "浙江义乌", "广州")
TRADES = ("物流", "餐饮", "建筑", "电商", "电子制造")
PROJECTS = ("油茶种植", "民宿", "农产品电商", "生态养殖", "稻虾共养")
CLASS_CATEGORIES = ("理论政策", "种养技术", "电商", "政策法规")
TEACHERS = ("党校教师", "农业部门专家", "优秀乡土人才")
HIGH = ("小学", "初中", "高中", "中专")
COLLEGE = ("大专", "本科", "本科", "大专", "硕士研究生")
POSTS = ("书记兼主任", "副书记", "委员", "委员", "妇联主席")


@dataclass
class Demo:
    report_year: int
    rng: random.Random
    sheets: dict[str, list[list[Any]]] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)
    # 人员 rows by ID number (the rows themselves, so later builders may amend them).
    roster: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def as_of(self) -> datetime.date:
        return datetime.date(self.report_year, 12, 31)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.report_year - 2, 1, 1)

    def day_in_period(self, *, margin: int = 0) -> datetime.date:
        """A day of the three years, at least `margin` days before their end."""
        return self.first_day + datetime.timedelta(days=self.rng.randrange(365 * 3 - margin))

    def age(self, id_number: str) -> int:
        """Full years on the last day of report_year."""
        return age_on(self.roster[id_number][4], self.as_of)

    def cadres(self, post: str | None = None) -> list[str]:
        """ID numbers of the two-committee members (with that post), in sheet order."""
        return [row[0] for row in self.sheets["村干部"] if post is None or row[1] == post]

    def person(
        self,
        *,
        unit: str,
        age: int,
        education: str,
        gender: str | None = None,
        political: str = "群众",
        skills: str = "",
    ) -> str:
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
        row = [
            name,
            id_number,
            "男" if gender == "M" else "女",
            rng.choice(ETHNICITIES),
            birth,
            education,
            political,
            unit,
            phone,
            skills or rng.choice(SKILLS),
        ]
        self.sheets["人员"].append(row)
        self.roster[id_number] = row
        return id_number


def build_rows(report_year: int, seed: int = 2023) -> dict[str, list[list[Any]]]:
    """Every sheet's rows of the demo town (without header rows)."""
    demo = Demo(report_year=report_year, rng=random.Random(seed))
    demo.sheets = {
        name: []
        for name in (
            "村社区",
            "人员",
            "村干部",
            "后备力量",
            "发展党员",
            "在外人才",
            "走访座谈",
            "培训班",
            "参训记录",
            "导师帮带",
            "年度考评",
            "表彰奖励",
        )
    }
    units = [(name, "村") for name in VILLAGES] + [(name, "社区") for name in COMMUNITIES]
    for name, kind in units:
        demo.sheets["村社区"].append([TOWN, name, kind])
    _town_staff(demo)
    _committees(demo, [name for name, _ in units])
    _reserve_pool(demo, [name for name, _ in units])
    _party_development(demo, VILLAGES)
    _outside_talents(demo, VILLAGES)
    _training(demo)
    _mentoring(demo)
    _ratings(demo, [name for name, _ in units])
    _commendations(demo)
    return demo.sheets


def _town_staff(demo: Demo) -> None:
    for _ in range(30):
        demo.person(
            unit=TOWN,
            age=demo.rng.randrange(26, 55),
            education=demo.rng.choice(COLLEGE),
            political="中共党员",
        )


def _committees(demo: Demo, units: list[str]) -> None:
    term_start = datetime.date(demo.report_year - 2, 3, 20)
    for unit in units:
        for post in POSTS:
            gender = "F" if post == "妇联主席" else None
            id_number = demo.person(
                unit=unit,
                age=demo.rng.randrange(30, 58),
                gender=gender,
                education=demo.rng.choice(HIGH + COLLEGE),
                political="中共党员",
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
            unit=unit,
            age=age,
            education=rng.choice(COLLEGE if college else HIGH),
            political=rng.choice(("群众", "共青团员", "中共党员")),
        )
        entered = demo.first_day + datetime.timedelta(days=rng.randrange(365 * 3 - 30))
        demo.sheets["后备力量"].append([id_number, entered, None, None, rng.choice(sources)])
    for _ in range(POOL_LEFT):
        id_number = demo.person(
            unit=rng.choice(full), age=rng.randrange(28, 45), education=rng.choice(COLLEGE)
        )
        entered = demo.first_day + datetime.timedelta(days=rng.randrange(300))
        left = entered + datetime.timedelta(days=rng.randrange(200, 600))
        demo.sheets["后备力量"].append(
            [
                id_number,
                entered,
                left,
                rng.choice(("任村干部", "外出务工", "考录公务员")),
                rng.choice(sources),
            ]
        )


def _development_dates(demo: Demo, admitted: datetime.date) -> list[datetime.date]:
    """Application, activist and candidate dates before an admission, keeping the 细则's rules."""
    rng = demo.rng
    candidate = admitted - datetime.timedelta(days=rng.randrange(60, 200))
    activist = add_years(candidate, -1) - datetime.timedelta(days=rng.randrange(120))
    applied = activist - datetime.timedelta(days=rng.randrange(20, 150))
    return [applied, activist, candidate]


def _party_development(demo: Demo, villages: list[str]) -> None:
    rng = demo.rng
    roster = demo.roster
    # Reserves admitted in report_year: old enough, and in the pool well before admission.
    report_year_start = datetime.date(demo.report_year, 1, 15)
    candidates = [
        row
        for row in demo.sheets["后备力量"]
        if row[2] is None
        and row[1] < datetime.date(demo.report_year, 9, 1)
        and demo.age(row[0]) >= 25
    ]
    for id_number, entered, _left, _reason, source in rng.sample(
        candidates, NEW_MEMBERS_FROM_RESERVES
    ):
        start = max(entered + datetime.timedelta(days=30), report_year_start)
        admitted = start + datetime.timedelta(days=rng.randrange((demo.as_of - start).days - 10))
        dates = _development_dates(demo, admitted)
        demo.sheets["发展党员"].append([id_number, *dates, admitted, None, source])
        roster[id_number][6] = "中共预备党员"
    for _ in range(NEW_MEMBERS - NEW_MEMBERS_FROM_RESERVES):
        _new_member(demo, villages, admitted=demo.day_in_period())
    # Around the period, so its edges show: admitted (and converted) before it, still on the way.
    for _ in range(3):
        _new_member(
            demo, villages, admitted=demo.first_day - datetime.timedelta(rng.randrange(30, 300))
        )
    for _ in range(6):
        applied = demo.as_of - datetime.timedelta(days=rng.randrange(60, 900))
        activist = applied + datetime.timedelta(days=rng.randrange(30, 150))
        candidate = add_years(activist, 1) + datetime.timedelta(days=rng.randrange(60))
        id_number = demo.person(
            unit=rng.choice(villages),
            age=rng.randrange(20, 35) + 3,
            education=rng.choice(COLLEGE),
            political="共青团员",
        )
        # Still on the way on the last day: the stages not reached yet stay blank.
        reached = [day if day <= demo.as_of else None for day in (applied, activist, candidate)]
        demo.sheets["发展党员"].append([id_number, *reached, None, None, rng.choice(SOURCES)])


def _new_member(demo: Demo, villages: list[str], *, admitted: datetime.date) -> None:
    rng = demo.rng
    dates = _development_dates(demo, admitted)
    converted: datetime.date | None = add_years(admitted, 1) + datetime.timedelta(
        days=rng.randrange(40)
    )
    if converted and converted > demo.as_of:
        converted = None
    # At least 18 on the application date, whatever the year of the report.
    age = rng.randrange(19, 40) + (demo.as_of.year - dates[0].year)
    id_number = demo.person(
        unit=rng.choice(villages),
        age=age,
        education=rng.choice(HIGH + COLLEGE),
        political="中共党员" if converted else "中共预备党员",
    )
    demo.sheets["发展党员"].append([id_number, *dates, admitted, converted, rng.choice(SOURCES)])


def _outside_talents(demo: Demo, villages: list[str]) -> None:
    rng = demo.rng
    # (returned on, business started on): 14 in the period, two before it, twelve still away.
    returns: list[tuple[datetime.date | None, datetime.date | None]] = []
    for _ in range(RETURNEES_STARTED_BUSINESS):
        home = demo.day_in_period(margin=100)
        returns.append((home, home + datetime.timedelta(days=rng.randrange(10, 90))))
    earlier = demo.first_day - datetime.timedelta(days=200)
    returns += [(earlier, earlier + datetime.timedelta(days=60))] * 2
    returns += [(None, None)] * 12
    for returned, started in returns:
        id_number = demo.person(
            unit=rng.choice(villages),
            age=rng.randrange(25, 50),
            education=rng.choice(HIGH + COLLEGE),
        )
        demo.sheets["在外人才"].append(
            [
                id_number,
                rng.choice(PLACES),
                rng.choice(TRADES),
                returned,
                started,
                rng.choice(PROJECTS) if started else None,
            ]
        )
        # Contacts at the holidays when people come home, as long as they are still away.
        for year in range(demo.first_day.year, demo.report_year + 1):
            spring = datetime.date(year, 1, 20) + datetime.timedelta(days=rng.randrange(26))
            national = datetime.date(year, 10, rng.randrange(1, 8))
            for day, occasion in ((spring, "春节"), (national, "国庆")):
                if returned is None or day < returned:
                    demo.sheets["走访座谈"].append(
                        [
                            day,
                            rng.choice(("上门走访", "座谈会")),
                            id_number,
                            occasion,
                            "动员返乡创业",
                        ]
                    )


def _training(demo: Demo) -> None:
    rng = demo.rng
    roster = demo.roster
    secretaries = demo.cadres("书记兼主任")
    # 头雁工程: every secretary, seven times since the year before report_year, two absences.
    absences = set(rng.sample(range(LEAD_GEESE_CLASSES * len(secretaries)), LEAD_GEESE_ABSENCES))
    for number in range(LEAD_GEESE_CLASSES):
        year = demo.report_year - 1 + number * 2 // LEAD_GEESE_CLASSES
        code = f"TY{year}-{number + 1:02d}"
        starts = datetime.date(year, 1 + 3 * (number % 4), rng.randrange(1, 25))
        _class(
            demo,
            code,
            f"头雁工程村党组织书记培训班第{number + 1}期",
            "头雁工程",
            "理论政策",
            starts,
            days=3,
            hours=24,
            teacher="市委党校教师",
        )
        for index, id_number in enumerate(secretaries):
            if number * len(secretaries) + index not in absences:
                demo.sheets["参训记录"].append([code, id_number, "是"])

    # 农民大学生: cadres and reserves who meet the entry rules (high school ≤ 45, college ≤ 50).
    def eligible(id_number: str) -> bool:
        education, age = roster[id_number][5], demo.age(id_number)
        return (education in ("高中", "中专") and age <= 45) or (education == "大专" and age <= 50)

    people = demo.cadres() + [row[0] for row in demo.sheets["后备力量"]]
    students = sorted(people, key=lambda p: not eligible(p))[:FARMER_COLLEGE_STUDENTS]
    per_class = FARMER_COLLEGE_STUDENTS // FARMER_COLLEGE_CLASSES
    for number in range(FARMER_COLLEGE_CLASSES):
        code = f"NM{demo.first_day.year + number}-01"
        starts = datetime.date(demo.first_day.year + number, 3, rng.randrange(1, 28))
        _class(
            demo,
            code,
            "农民大学生学历提升班",
            "农民大学生",
            "学历教育",
            starts,
            days=5,
            hours=40,
            teacher="开放大学教师",
        )
        for id_number in students[number * per_class : (number + 1) * per_class]:
            demo.sheets["参训记录"].append([code, id_number, "是"])
    # The rest: open to everyone at home, with the total person-times of the article.
    town_staff = {row[1] for row in demo.sheets["人员"] if row[7] == TOWN}
    away = {row[0] for row in demo.sheets["在外人才"] if row[3] is None}
    trainees = [p for p in roster if p not in town_staff and p not in away]
    programmes = [word for word, count in OTHER_CLASSES.items() for _ in range(count)]
    rng.shuffle(programmes)
    remaining = PERSON_TIMES - len(demo.sheets["参训记录"])
    for number, programme in enumerate(programmes):
        size = remaining // (len(programmes) - number)
        remaining -= size
        starts = demo.day_in_period(margin=10)
        code = f"PX{starts.year}-{number + 1:02d}"
        _class(
            demo,
            code,
            f"{programme}培训班",
            programme,
            rng.choice(CLASS_CATEGORIES),
            starts,
            days=2,
            hours=8,
            teacher=rng.choice(TEACHERS),
        )
        for id_number in rng.sample(trainees, size):
            demo.sheets["参训记录"].append([code, id_number, "是" if rng.random() < 0.8 else "否"])
    # One class just before the period, which the period's figures leave out.
    starts = demo.first_day - datetime.timedelta(days=20)
    _class(
        demo,
        "PX-OLD-01",
        "乡村学堂冬训班",
        "乡村学堂",
        "政策法规",
        starts,
        days=2,
        hours=4,
        teacher="党校教师",
    )
    for id_number in rng.sample(trainees, 40):
        demo.sheets["参训记录"].append(["PX-OLD-01", id_number, "是"])


def _class(
    demo: Demo,
    code: str,
    name: str,
    programme: str,
    category: str,
    starts: datetime.date,
    *,
    days: int,
    hours: int,
    teacher: str,
) -> None:
    ends = starts + datetime.timedelta(days=days - 1)
    demo.sheets["培训班"].append([code, name, programme, category, starts, ends, hours, teacher])


def _mentoring(demo: Demo) -> None:
    rng = demo.rng
    town_staff = [row[1] for row in demo.sheets["人员"] if row[7] == TOWN][:TOWN_MENTORS]
    secretaries = demo.cadres("书记兼主任")
    deputies = demo.cadres("副书记")
    mentors = town_staff + (secretaries + deputies)[: MENTORS - len(town_staff)]
    # Mentees: young committee members first, then reserves; never a mentor.
    young = [p for p in demo.cadres() if demo.age(p) <= 40 and p not in mentors]
    reserves = [row[0] for row in demo.sheets["后备力量"]]
    mentees = list(dict.fromkeys(young + reserves))[:MENTEES]
    for index, mentee in enumerate(mentees):
        mentor = mentors[index % len(mentors)]
        principle = "镇带村" if mentor in town_staff else rng.choice(("老带新", "强带弱"))
        started = demo.day_in_period(margin=60)
        ended = None
        if rng.random() < 0.15:
            ended = started + datetime.timedelta(
                days=rng.randrange(30, (demo.as_of - started).days)
            )
        demo.sheets["导师帮带"].append([mentor, mentee, principle, started, ended])
    # A pair that ended before the period: it adds nobody to the period's figures.
    started = datetime.date(demo.first_day.year - 2, 3, 1)
    demo.sheets["导师帮带"].append(
        [mentors[0], mentees[0], "镇带村", started, demo.first_day - datetime.timedelta(days=1)]
    )


def _ratings(demo: Demo, units: list[str]) -> None:
    for year in range(demo.first_day.year, demo.report_year + 1):
        shuffled = demo.rng.sample(units, len(units))
        ratings = [word for word, count in RATED.items() for _ in range(count)]
        ratings += ["一般"] * (len(units) - len(ratings))
        for unit, rating in zip(shuffled, ratings, strict=True):
            demo.sheets["年度考评"].append([year, unit, rating])


def _commendations(demo: Demo) -> None:
    roster = demo.roster
    secretary = next(p for p in demo.cadres("书记兼主任") if roster[p][7] == SECRETARY_VILLAGE)
    others = [p for p in demo.cadres() if p != secretary]
    commended = [secretary, *demo.rng.sample(others, COMMENDED_CADRES - 1)]
    for id_number in commended:
        demo.sheets["表彰奖励"].append([id_number, demo.report_year, "优秀村干部", "镇党委"])
    demo.sheets["表彰奖励"].append(
        [secretary, demo.report_year, "祁阳市乡村振兴担当作为党组织书记", f"{COUNTY}委"]
    )
    # An earlier honour, outside the period.
    demo.sheets["表彰奖励"].append([commended[1], demo.first_day.year - 1, "优秀村干部", "镇党委"])


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
