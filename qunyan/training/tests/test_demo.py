"""The module's demo records on a small town: needs, a class opened from them with sessions and
attendance, nominations; the report period's training figures do not move."""

import datetime

import pytest

from qunyan.mentoring.tests.factories import make_cadre
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import training
from qunyan.training.choices import NeedStatus
from qunyan.training.demo import demo_add
from qunyan.training.models import Nomination, SessionAttendance, TrainingNeed
from qunyan.training.tests.factories import make_class

pytestmark = pytest.mark.django_db

D = datetime.date


def test_the_demo_adds_needs_a_class_with_attendance_and_nominations(alice, tree):
    for unit in (tree.niupingao, tree.shimen):
        for number in range(6):
            make_cadre(
                make_person(
                    unit,
                    name=f"{unit.name}{number}",
                    birth=D(1985 + number, 1, 1),
                    education="senior" if number % 2 else "college",
                ),
                started=D(2020, 1, 1),
            )
    make_class(tree.yangjiaotang, "OLD-1", starts=D(2023, 5, 1))
    town = tree.yangjiaotang
    period = {"period_from": D(2021, 1, 1), "period_to": D(2023, 12, 31)}
    before = training([town], **period)[town.pk]
    demo_add(report_year=2023, officer=alice)
    assert training([town], **period)[town.pk] == before
    assert TrainingNeed.objects.filter(status=NeedStatus.OPEN).exists()
    invited = TrainingNeed.objects.filter(status=NeedStatus.INVITED)
    assert invited.exists()
    opened = invited.first().training_class
    assert opened.sessions.count() == 2 and opened.starts_on.year == 2024
    assert SessionAttendance.objects.filter(session__training_class=opened, present=True).exists()
    assert (
        training([tree.yangjiaotang], period_from=D(2024, 1, 1), period_to=D(2024, 12, 31))[
            tree.yangjiaotang.pk
        ]["person_times"]
        == opened.attendances.count()
        > 0
    )
    assert set(Nomination.objects.values_list("status", flat=True)) == {
        "nominated",
        "studying",
        "graduated",
    }
