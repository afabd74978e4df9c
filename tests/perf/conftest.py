"""Realistic data for the query budgets: people in two villages with every module's records."""

import datetime
import itertools
from types import SimpleNamespace

import pytest

from qunyan.casework.tests.factories import make_case, make_service
from qunyan.evaluation.tests.factories import make_commendation, make_rating
from qunyan.mentoring.choices import WorkArea
from qunyan.mentoring.tests.factories import make_cadre, make_mentor, make_need, make_pair
from qunyan.party.tests.factories import make_record
from qunyan.people.tests.factories import make_person
from qunyan.reserves.tests.factories import make_reserve
from qunyan.talents.tests.factories import make_campaign, make_contact, make_talent
from qunyan.training.tests.factories import enrol, make_class, make_session

SURNAMES = "张李王刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
_serial = itertools.count()


def add_batch(tree: SimpleNamespace, per_village: int) -> None:
    """`per_village` people in each village of 羊角塘镇, each with some module's records."""
    for village in (tree.niupingao, tree.shimen):
        people = []
        for index in range(per_village):
            serial = next(_serial)
            people.append(
                make_person(
                    village,
                    name=SURNAMES[serial % 20] + GIVEN[(serial * 7) % 20],
                    birth=datetime.date(1960 + serial % 40, 1 + serial % 12, 1 + serial % 28),
                    gender="MF"[serial % 2],
                    political_status="cpc" if index % 2 else "masses",
                )
            )
        members = [p for p in people if p.political_status == "cpc"]
        for index, person in enumerate(people):
            if index % 3 == 0:
                make_reserve(person)
            if index % 4 == 1:
                make_cadre(person)
                make_commendation(person, 2025, title=f"优秀村干部{index}")
            if index % 4 == 2:
                make_record(person)
            if index % 5 == 3:
                make_contact(make_talent(village, person=person).person, datetime.date(2026, 1, 10))
            if index % 5 == 4:
                make_need(person, WorkArea.FINANCE)
        mentor = make_mentor(people[0], capacity=per_village)
        for mentee in people[1:4]:
            make_pair(mentor.person, mentee)
        training_class = make_class(tree.yangjiaotang, code=f"PX-{next(_serial)}")
        make_session(training_class)
        enrol(training_class, *people)
        make_service(village, servers=members[:3])
        make_case(village, mediators=members[:2])
        make_campaign(tree.yangjiaotang, name=f"走访{next(_serial)}")


@pytest.fixture
def town_data(tree: SimpleNamespace) -> SimpleNamespace:
    make_rating(tree.niupingao, 2025, "model")
    make_rating(tree.shimen, 2025, "advanced")
    add_batch(tree, 5)
    return tree
