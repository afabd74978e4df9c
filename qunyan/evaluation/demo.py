"""This module's records in the demo town, added after the workbook is imported.

The imported ratings and commendations stay as they are: indicator scores are drawn inside the
band of each village's imported rating, so computing the ratings again would give the same ones.
"""

import datetime
import random
from decimal import Decimal

from qunyan.core.models import VILLAGE_KINDS, Account, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.choices import Gender
from qunyan.people.idnumbers import make_id_number
from qunyan.people.models import Person
from qunyan.people.services import PersonData, cadre_terms_upsert, id_number_index, person_save

from .choices import Grade, Rating, StopKind
from .models import IndicatorScore, VillageRating
from .rules import default_subsidy_terms, indicator_weights
from .services import grades_save
from .services_pay import cadre_stop_add, ledger_generate, pay_standard_save, subsidy_rule_save
from .workflow import assessed_ids, excellent_quota

D = datetime.date
# Score band of each imported rating (the default minimums are 90 / 80 / 70).
BANDS = {
    Rating.RED_FLAG: (91, 98),
    Rating.MODEL: (81, 88),
    Rating.ADVANCED: (71, 78),
    Rating.ORDINARY: (55, 68),
}
STANDARDS = {  # post: (base pay a month, bonus base a year)
    "书记兼主任": ("3000.00", "36000.00"),
    "副书记": ("2400.00", "24000.00"),
    "委员": ("2200.00", "24000.00"),
    "妇联主席": ("2200.00", "24000.00"),
}
# Former cadres: (name, sex, birth, post, start, end, event); the years are relative offsets.
DEPARTED = (
    ("唐德福", "M", D(1955, 4, 12), "书记兼主任", (-25, 3, 1), (-13, 2, 28), None),
    ("欧阳秀英", "F", D(1962, 9, 1), "村委会主任", (-20, 1, 1), (-11, 12, 31), None),
    ("蒋国华", "M", D(1958, 2, 28), "党组织书记", (-18, 3, 1), (-9, 2, 28), StopKind.DEATH),
    ("邓建军", "M", D(1957, 7, 7), "党组织书记", (-16, 3, 1), (-10, 2, 28), StopKind.DISMISSED),
    ("刘桂兰", "F", D(1960, 11, 3), "委员", (-15, 3, 1), (-6, 2, 28), None),
    ("周光明", "M", D(1952, 5, 20), "村委会主任", (-14, 3, 1), (-12, 2, 28), None),
    ("谭志刚", "M", D(1966, 12, 1), "书记兼主任", (-15, 3, 1), (-3, 2, 28), None),
)


def demo_add(*, report_year: int, officer: Account) -> None:
    """Scores, grades, pay standards, a subsidy rule table, departed cadres and their ledger."""
    scope = Scope.for_account(officer)
    town = officer.unit
    assert town is not None
    rng = random.Random(report_year)
    villages = list(OrgUnit.objects.filter(parent=town, kind__in=VILLAGE_KINDS).order_by("name"))
    _scores(villages, report_year, rng)
    for post, (base, bonus) in STANDARDS.items():
        pay_standard_save(
            town=town,
            year=report_year,
            post=post,
            base_monthly=Decimal(base),
            bonus_base=Decimal(bonus),
            by=officer,
            scope=scope,
        )
    for year in (report_year - 1, report_year):
        _grades(villages, year, rng, officer, scope)
    _departed(town, villages, report_year, officer, scope)


def _scores(villages: list[OrgUnit], year: int, rng: random.Random) -> None:
    ratings = dict(
        VillageRating.objects.filter(village__in=villages, year=year).values_list(
            "village_id", "rating"
        )
    )
    rows = []
    for village in villages:
        low, high = BANDS[Rating(ratings.get(village.pk, Rating.ORDINARY))]
        for key in indicator_weights():
            score = Decimal(rng.randrange(low * 10, high * 10 + 1)) / 10
            rows.append(IndicatorScore(village=village, year=year, indicator=key, score=score))
    # Straight to the table: the demo is built by the system, and one insert keeps it fast.
    IndicatorScore.objects.bulk_create(rows)


def _grades(
    villages: list[OrgUnit], year: int, rng: random.Random, officer: Account, scope: Scope
) -> None:
    ratings = dict(
        VillageRating.objects.filter(village__in=villages, year=year).values_list(
            "village_id", "rating"
        )
    )
    for index, village in enumerate(villages):
        people = sorted(assessed_ids(village, year))
        if not people:
            continue
        rng.shuffle(people)
        quota = excellent_quota(len(people), ratings.get(village.pk))
        grades = {pid: Grade.COMPETENT for pid in people}
        for pid in people[:quota]:
            grades[pid] = Grade.EXCELLENT
        if index % 6 == 1:
            grades[people[-1]] = Grade.BASIC
        if index == 2:  # the same member 不称职 twice in a row: flagged
            grades[sorted(people)[-1]] = Grade.INCOMPETENT
        grades_save(village=village, year=year, grades=grades, by=officer, scope=scope)


def _departed(
    town: OrgUnit, villages: list[OrgUnit], year: int, officer: Account, scope: Scope
) -> None:
    terms = default_subsidy_terms()
    subsidy_rule_save(
        unit=town,
        eligible_posts=[*terms.eligible_posts, "委员"],
        min_years=terms.min_years,
        male_age=terms.male_age,
        female_age=terms.female_age,
        disqualifiers=list(terms.disqualifiers),
        tiers=list(terms.tiers),
        by=officer,
        scope=scope,
    )
    for number, (name, sex, birth, post, start, end, event) in enumerate(DEPARTED):
        village = villages[(number * 5) % len(villages)]
        person = person_save(
            data=PersonData(
                name=name,
                id_number=_free_id(birth, sex),
                unit=village,
                gender=Gender.MALE if sex == "M" else Gender.FEMALE,
                birth_date=birth,
                political_status="cpc",
                education="senior",
            ),
            by=officer,
            scope=scope,
        )
        started = D(year + start[0], start[1], start[2])
        ended = D(year + end[0], end[1], end[2])
        cadre_terms_upsert(
            records=[
                {
                    "person_id": person.pk,
                    "village_id": village.pk,
                    "post": post,
                    "started_on": started,
                    "ended_on": ended,
                    "bonus_base": None,
                }
            ],
            by=officer,
        )
        if event == StopKind.DEATH:
            cadre_stop_add(
                person=person, kind=event, on=D(year, 6, 18), note="", by=officer, scope=scope
            )
        elif event is not None:
            cadre_stop_add(person=person, kind=event, on=ended, note="", by=officer, scope=scope)
    for month in range(1, 13):
        ledger_generate(town=town, month=D(year, month, 1), by=officer, scope=scope)


def _free_id(birth: datetime.date, sex: str) -> str:
    """An ID number for the birth date that nobody in the registry has yet."""
    for sequence in range(480, 500):
        number = make_id_number("431181", birth, sequence, sex)
        if not Person.objects.filter(id_number_index=id_number_index(number)).exists():
            return number
    raise RuntimeError("no free ID number")
