"""The due-and-overdue list and the annual plan, narrowed to the account's scope."""

import datetime

import pytest
import time_machine

from qunyan.core.scopes import Scope
from qunyan.party.choices import DocumentKind
from qunyan.party.models import Document
from qunyan.party.selectors import due_items, plan_rows
from qunyan.party.services import plan_save
from qunyan.people.tests.factories import make_person

from .factories import make_members, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date
ALL = Scope.unrestricted()


@pytest.fixture
def members(niupingao):
    return make_members(niupingao)


def kinds(scope, on):
    return [
        (str(item.kind), item.record.person.name, item.due_on, item.overdue)
        for item in due_items(scope=scope, on=on)
    ]


def test_a_talk_is_due_a_month_after_the_application(niupingao, members):
    """Applied 1 March 2024: the talk is due 1 April, overdue from 2 April."""
    walk(make_person(niupingao, name="甲"), members, upto=1)
    with time_machine.travel(datetime.datetime(2024, 3, 10, 9), tick=False):
        assert kinds(ALL, D(2024, 3, 10)) == [
            ("Talk after the application", "甲", D(2024, 4, 1), False)
        ]
    assert kinds(ALL, D(2024, 4, 2))[0][3] is True


def test_an_activist_is_assessed_every_half_year(niupingao, members):
    """Fixed 1 April 2024, assessed 1 October: the next assessment is due 1 April 2025."""
    record = walk(make_person(niupingao, name="乙"), members, upto=5)
    Document.objects.create(record=record, kind=DocumentKind.ASSESSMENT, received_on=D(2024, 10, 1))
    assert kinds(ALL, D(2025, 3, 15)) == [
        ("Half-yearly activist assessment", "乙", D(2025, 4, 1), False)
    ]
    assert kinds(ALL, D(2025, 1, 1)) == []  # more than the look-ahead away


def test_an_approval_pending_over_three_months_is_overdue(niupingao, members):
    """Admitted 16 June 2025 and not approved by 17 September: overdue."""
    walk(make_person(niupingao, name="丙"), members, upto=16)
    items = kinds(ALL, D(2025, 9, 17))
    assert ("Approval of the admission", "丙", D(2025, 9, 16), True) in items


def test_probations_ending_and_publicity_running_are_listed(niupingao, members):
    """After step 22 the conversion publicity runs and the probation ends on 16 June 2026."""
    walk(make_person(niupingao, name="丁"), members, upto=22)
    items = kinds(ALL, D(2026, 6, 3))
    assert ("End of probation", "丁", D(2026, 6, 16), False) in items
    assert ("Publicity running", "丁", D(2026, 6, 5), False) in items


def test_the_due_list_keeps_to_the_scope(niupingao, shimen, members, bob, charlie):
    """bob sees 牛坪坳村's talk, charlie (石门村) sees nothing."""
    walk(make_person(niupingao, name="甲"), members, upto=1)
    assert len(kinds(Scope.for_account(bob), D(2024, 3, 10))) == 1
    assert kinds(Scope.for_account(charlie), D(2024, 3, 10)) == []


def test_the_plan_counts_admissions_of_the_year_by_village_and_source(
    niupingao, yangjiaotang, members
):
    """Two admitted in 2025 in 牛坪坳村, one 乡土实用人才 and one 退役军人, against a quota of 3."""
    walk(make_person(niupingao, name="戊"), members, upto=15, source="local_talent")
    walk(make_person(niupingao, name="己"), members, upto=15, source="veteran")
    plan_save(village=niupingao, year=2025, quota=3, by=None, scope=ALL)
    rows = {row.village.name: row for row in plan_rows(scope=ALL, town=yangjiaotang, year=2025)}
    row = rows["牛坪坳村"]
    assert (row.quota, row.actual) == (3, 2)
    assert dict(row.by_source) == {"local_talent": 1, "veteran": 1}
    assert rows["石门村"].actual == 0
    assert plan_rows(scope=ALL, town=yangjiaotang, year=2024)[0].actual == 0


def test_the_plan_of_a_secretary_shows_the_own_village_only(niupingao, yangjiaotang, bob):
    """bob's plan has one row: 牛坪坳村."""
    rows = plan_rows(scope=Scope.for_account(bob), town=yangjiaotang, year=2025)
    assert [row.village.name for row in rows] == ["牛坪坳村"]
