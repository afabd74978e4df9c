"""Annual class hours against the requirements (settings), new secretaries, and the scope."""

import datetime
from decimal import Decimal

import pytest

from qunyan.core.scopes import Scope
from qunyan.mentoring.tests.factories import make_cadre
from qunyan.people.tests.factories import make_person
from qunyan.training.attendance import presence_correct
from qunyan.training.hours import add_months, compliance, hours_by_person, hours_per_year
from qunyan.training.services import attendances_upsert

from .factories import enrol, make_class, make_session, moment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date
ON = D(2026, 11, 30)


def attend(person, hours, day="2026-03-02", town=None, code=None):
    """One session of `hours` hours with `person` present (marked by the organiser)."""
    training_class = make_class(
        town or person.town, code or f"C{person.pk}-{day}-{hours}", starts=D.fromisoformat(day)
    )
    session = make_session(training_class, f"{day} 08:00", f"{day} 18:00", hours=hours)
    enrol(training_class, person)
    presence_correct(
        session=session,
        person=person,
        present=True,
        reason="补录",
        now=moment(f"{day} 18:00"),
        by=None,
    )
    return training_class


def rows_by_name(villages):
    return {row.person.name: row for village in villages for row in village.rows}


def test_cadres_need_56_hours_and_party_members_32(niupingao):
    cadre = make_cadre(make_person(niupingao, name="委员甲"))
    member = make_person(niupingao, name="党员乙", political_status="cpc")
    make_person(niupingao, name="群众丙")  # no requirement: not listed
    attend(cadre, 40)
    attend(cadre, 16, day="2026-05-06")
    attend(member, 31)
    rows = rows_by_name(compliance(scope=Scope.unrestricted(), year=2026, on=ON))
    assert set(rows) == {"委员甲", "党员乙"}
    assert (rows["委员甲"].required, rows["委员甲"].hours, rows["委员甲"].is_short) == (
        56,
        56,
        False,
    )
    assert (rows["党员乙"].required, rows["党员乙"].short_by) == (32, Decimal(1))


def test_a_cadre_who_is_a_party_member_needs_the_cadre_hours(niupingao):
    cadre = make_cadre(make_person(niupingao, name="书记", political_status="cpc"))
    attend(cadre, 40)
    row = rows_by_name(compliance(scope=Scope.unrestricted(), year=2026, on=ON))["书记"]
    assert (row.group, row.required, row.short_by) == ("cadre", 56, Decimal(16))


def test_the_requirements_are_settings(niupingao, settings):
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "TRAINING_HOURS_PARTY_MEMBER": 20}
    member = make_person(niupingao, name="党员", political_status="cpc")
    attend(member, 24)
    assert not rows_by_name(compliance(scope=Scope.unrestricted(), year=2026, on=ON))[
        "党员"
    ].is_short


def test_hours_count_the_year_of_the_session_and_absences_do_not_count(niupingao):
    person = make_person(niupingao, name="学员")
    attend(person, 8, day="2025-12-31")
    training_class = attend(person, 6, day="2026-01-01")
    session = training_class.sessions.get()
    presence_correct(
        session=session,
        person=person,
        present=False,
        reason="未到",
        now=moment("2026-01-01 18:00"),
        by=None,
    )
    attend(person, 4, day="2026-02-01")
    assert hours_by_person([person.pk], 2026) == {person.pk: Decimal(4)}
    assert hours_per_year(person) == {2026: Decimal(4), 2025: Decimal(8)}


def test_imported_classes_without_sessions_count_their_hours(niupingao, yangjiaotang):
    person = make_person(niupingao)
    training_class = make_class(yangjiaotang, "TY-1", starts=D(2026, 4, 1), hours=Decimal(24))
    attendances_upsert(
        records=[
            {"training_class_id": training_class.pk, "person_id": person.pk, "completed": True}
        ],
        by=None,
    )
    assert hours_by_person([person.pk], 2026) == {person.pk: Decimal(24)}


@pytest.mark.parametrize(
    ("started", "trained_on", "trained", "overdue"),
    [
        pytest.param(D(2026, 3, 1), "2026-09-01", True, False, id="trained on the last day"),
        pytest.param(D(2026, 3, 1), "2026-09-02", False, True, id="trained a day late"),
        pytest.param(D(2026, 3, 1), None, False, True, id="never trained, overdue"),
        pytest.param(D(2026, 8, 1), None, False, False, id="not yet due"),
    ],
)
def test_new_secretaries_are_trained_within_six_months(
    niupingao, started, trained_on, trained, overdue
):
    secretary = make_cadre(
        make_person(niupingao, name="新书记"), post="书记兼主任", started=started
    )
    if trained_on:
        attend(secretary, 8, day=trained_on)
    row = rows_by_name(compliance(scope=Scope.unrestricted(), year=2026, on=ON))["新书记"]
    assert row.new_secretary_deadline == add_months(started, 6)
    assert (row.new_secretary_trained, row.new_secretary_overdue) == (trained, overdue)


def test_a_secretary_sees_only_their_own_village(bob, niupingao, shimen):
    make_cadre(make_person(niupingao, name="本村委员"))
    make_cadre(make_person(shimen, name="邻村委员"))
    villages = compliance(scope=Scope.for_account(bob), year=2026, on=ON)
    assert [v.village.name for v in villages] == ["牛坪坳村"]
    assert set(rows_by_name(villages)) == {"本村委员"}


def test_add_months_keeps_the_day_or_falls_back_to_the_month_end():
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert add_months(D(2026, 1, 15), 6) == D(2026, 7, 15)
