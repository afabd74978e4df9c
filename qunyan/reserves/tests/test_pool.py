"""The reserve pool: who is in it on a day, and how stays are written."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from qunyan.core.models import AuditEntry
from qunyan.people.tests.factories import make_person
from qunyan.reserves.models import Reserve
from qunyan.reserves.selectors import reserves_in_pool
from qunyan.reserves.services import reserves_upsert
from qunyan.reserves.tests.factories import make_reserve

pytestmark = pytest.mark.django_db

D = datetime.date


def in_pool(on: datetime.date) -> list[str]:
    return sorted(stay.person.name for stay in reserves_in_pool(on=on).select_related("person"))


def test_a_stay_is_open_from_its_entry_day_until_the_day_before_its_exit(niupingao):
    """Entered on 1 March, left on 1 June: in on 1 March and 31 May, out on 28 Feb and 1 June."""
    make_reserve(make_person(niupingao, name="甲"), entered_on=D(2023, 3, 1), left_on=D(2023, 6, 1))
    assert in_pool(D(2023, 2, 28)) == []
    assert in_pool(D(2023, 3, 1)) == ["甲"]
    assert in_pool(D(2023, 5, 31)) == ["甲"]
    assert in_pool(D(2023, 6, 1)) == []


def test_an_open_stay_lasts(niupingao):
    """No exit date: in the pool on any later day."""
    make_reserve(make_person(niupingao, name="甲"), entered_on=D(2021, 1, 1))
    assert in_pool(D(2099, 1, 1)) == ["甲"]


def test_an_exit_before_the_entry_is_refused_by_the_database(niupingao):
    """The dates-in-order constraint holds whatever path writes the row."""
    person = make_person(niupingao)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reserve.objects.create(
            person=person,
            town_id=person.town_id,
            entered_on=D(2023, 3, 1),
            left_on=D(2023, 2, 28),
            source_category="other",
        )


def test_a_person_enters_on_a_given_day_once(niupingao):
    """(person, entry date) is the natural key of a stay."""
    person = make_person(niupingao)
    make_reserve(person, entered_on=D(2023, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Reserve.objects.create(
            person=person, town_id=person.town_id, entered_on=D(2023, 3, 1), source_category="other"
        )


def test_upserting_stays_creates_updates_and_leaves_the_rest(niupingao, alice):
    """Keyed by (person, entry date): new stays created, a changed exit updated, others unchanged."""
    first, second = make_person(niupingao, name="甲"), make_person(niupingao, name="乙")
    make_reserve(first, entered_on=D(2022, 1, 1))
    make_reserve(second, entered_on=D(2022, 1, 1))
    base = {"town_id": niupingao.town_id, "leave_reason": "", "source_category": "other"}
    counts = reserves_upsert(
        records=[
            {
                **base,
                "person_id": first.pk,
                "entered_on": D(2022, 1, 1),
                "left_on": D(2023, 5, 1),
                "leave_reason": "任村干部",
            },
            {**base, "person_id": second.pk, "entered_on": D(2022, 1, 1), "left_on": None},
            {**base, "person_id": second.pk, "entered_on": D(2023, 7, 1), "left_on": None},
        ],
        by=alice,
    )
    assert (counts.created, counts.updated, counts.unchanged) == (1, 1, 1)
    update = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert update.actor == alice
    assert update.changes == {
        "left_on": [None, "2023-05-01"],
        "leave_reason": ["", "任村干部"],
        "stage": ["reserved", "appointed"],
    }
    created = AuditEntry.objects.filter(
        action=AuditEntry.Action.CREATE, target_type="reserves.Reserve", actor=alice
    )
    assert created.count() == 1
    assert created.get().changes["entered_on"] == [None, "2023-07-01"]
