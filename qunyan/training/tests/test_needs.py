"""Training needs: villages submit for their own people, demand adds up per topic, and the
town opens a class from a need list in one step, inviting everyone who asked."""

import pytest
from django.core.exceptions import ValidationError

from qunyan.core.scopes import Scope
from qunyan.people.tests.factories import make_person
from qunyan.training.choices import NeedStatus
from qunyan.training.models import Attendance, Enrolment
from qunyan.training.needs import class_open_from_needs, need_submit, need_withdraw
from qunyan.training.selectors import need_demand, need_list

from .factories import moment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_secretary_submits_for_their_village_only(bob, niupingao, shimen):
    scope = Scope.for_account(bob)
    ours = make_person(niupingao, name="本村")
    need = need_submit(person=ours, topic=" 电 商 ", by=bob, scope=scope)
    assert need.topic == "电商"
    with pytest.raises(ValidationError, match="not in your area"):
        need_submit(person=make_person(shimen, name="邻村"), topic="电商", by=bob, scope=scope)
    with pytest.raises(ValidationError, match="already waits"):
        need_submit(person=ours, topic="电商", by=bob, scope=scope)


def test_demand_counts_people_and_villages_per_topic_in_scope(niupingao, shimen, bob):
    everyone = Scope.unrestricted()
    for unit, topic in [
        (niupingao, "电商"),
        (niupingao, "电商"),
        (shimen, "电商"),
        (shimen, "种养技术"),
    ]:
        need_submit(person=make_person(unit), topic=topic, by=None, scope=everyone)
    withdrawn = need_submit(person=make_person(shimen), topic="种养技术", by=None, scope=everyone)
    need_withdraw(need=withdrawn, by=None)
    assert need_demand(scope=everyone) == [
        {"topic": "电商", "people": 3, "villages": 2},
        {"topic": "种养技术", "people": 1, "villages": 1},
    ]
    assert need_demand(scope=Scope.for_account(bob)) == [
        {"topic": "电商", "people": 2, "villages": 1}
    ]


def test_opening_a_class_from_needs_invites_who_asked_without_person_times(
    niupingao, shimen, yangjiaotang, dongcun
):
    everyone = Scope.unrestricted()
    needs = [
        need_submit(person=make_person(unit), topic="电商", by=None, scope=everyone)
        for unit in (niupingao, shimen)
    ]
    training_class = class_open_from_needs(
        town=yangjiaotang,
        needs=needs,
        class_data={
            "code": "DS-1",
            "name": "电商培训班",
            "programme": "village_school",
            "hours": None,
        },
        session_data={
            "starts_at": moment("2026-05-06 09:00"),
            "ends_at": moment("2026-05-06 17:00"),
            "place": "电商产业园",
            "venue": "on_site",
            "hours": 8,
        },
        by=None,
    )
    assert training_class.category == "电商"
    assert training_class.starts_on.isoformat() == "2026-05-06"
    assert training_class.sessions.get().place == "电商产业园"
    assert set(Enrolment.objects.values_list("person", flat=True)) == {n.person_id for n in needs}
    assert not Attendance.objects.exists()
    assert set(need_list(scope=everyone, status="").values_list("status", flat=True)) == {
        NeedStatus.INVITED
    }
    with pytest.raises(ValidationError):  # the needs are no longer open
        class_open_from_needs(
            town=yangjiaotang, needs=needs, class_data={}, session_data={}, by=None
        )
    other_town = need_submit(person=make_person(dongcun), topic="电商", by=None, scope=everyone)
    with pytest.raises(ValidationError, match="town"):
        class_open_from_needs(
            town=yangjiaotang, needs=[other_town], class_data={}, session_data={}, by=None
        )
