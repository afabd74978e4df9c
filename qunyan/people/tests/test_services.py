"""Writes to the registry through person_save: validation, scope and audit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.pinyin import name_keys
from qunyan.people.services import PersonData, person_save
from qunyan.people.tests.factories import make_person, new_id_number

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def data(unit, **fields) -> PersonData:
    values = {"name": "张三", "id_number": new_id_number(), "unit": unit, **fields}
    return PersonData(**values)


def test_a_secretary_creates_a_person_in_her_village(bob, niupingao):
    """bob adds a villager; the audit entry names him and masks the number."""
    person = person_save(data=data(niupingao), by=bob, scope=Scope.for_account(bob))
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.CREATE, target_id=str(person.pk), target_type="people.Person"
    )
    assert entry.actor == bob
    assert entry.target_repr == f"张三 {person.masked_id_number}"


def test_a_secretary_cannot_create_a_person_in_another_village(bob, shimen):
    """A unit outside bob's village is refused on the unit field."""
    with pytest.raises(ValidationError) as caught:
        person_save(data=data(shimen), by=bob, scope=Scope.for_account(bob))
    assert caught.value.message_dict == {"unit": ["This unit is outside your area."]}
    assert Person.objects.count() == 0


def test_a_secretary_cannot_change_another_villages_person(bob, charlie, shimen, niupingao):
    """Editing charlie's villager — even to move them into bob's village — is refused."""
    person = make_person(shimen, name="李四")
    edit = data(niupingao, id_number=person.id_number, name="李四改")
    with pytest.raises(ValidationError) as caught:
        person_save(data=edit, by=bob, scope=Scope.for_account(bob), person=person)
    assert "This person is outside your area." in caught.value.message_dict["unit"]
    person.refresh_from_db()
    assert (person.name, person.unit) == ("李四", shimen)


def test_a_second_person_with_the_same_id_number_is_refused(niupingao):
    """The ID number is unique in the registry, whatever its case or width."""
    person = make_person(niupingao)
    with pytest.raises(ValidationError) as caught:
        person_save(
            data=data(niupingao, id_number=person.id_number.lower()),
            by=None,
            scope=Scope.unrestricted(),
        )
    assert caught.value.message_dict["id_number"] == ["Another person already has this ID number."]


def test_a_corrected_id_number_is_audited_masked(alice, niupingao):
    """Fixing a mistyped number re-keys the record and logs old → new, both masked."""
    person = make_person(niupingao, birth=datetime.date(1990, 5, 17))
    old = person.masked_id_number
    new_number = new_id_number(datetime.date(1990, 5, 17))
    person_save(
        data=data(niupingao, id_number=new_number),
        by=alice,
        scope=Scope.for_account(alice),
        person=person,
    )
    person.refresh_from_db()
    assert person.id_number == new_number
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).get(
        changes__has_key="id_number"
    )
    assert entry.changes["id_number"] == [old, person.masked_id_number]
    assert new_number not in str(entry.changes)


def test_saving_unchanged_data_writes_no_audit_entry(alice, niupingao):
    """No change, no update entry."""
    person = make_person(niupingao, phone="13812345678")
    same = data(
        niupingao,
        id_number=person.id_number,
        phone="13812345678",
        education="bachelor",
        political_status="masses",
    )
    person_save(data=same, by=alice, scope=Scope.for_account(alice), person=person)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()


def test_a_changed_phone_is_audited_masked(alice, niupingao):
    """A new phone number: old and new masked in the update entry."""
    person = make_person(niupingao, phone="13812345678")
    edit = data(
        niupingao,
        id_number=person.id_number,
        phone="13900001111",
        education="bachelor",
        political_status="masses",
    )
    person_save(data=edit, by=alice, scope=Scope.for_account(alice), person=person)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.changes == {"phone": ["138****5678", "139****1111"]}
    assert Person.objects.get().phone == "13900001111"


def test_every_field_error_is_reported_at_once(niupingao):
    """Blank name, bad ID and bad phone: three fields in one ValidationError."""
    bad = data(niupingao, name=" ", id_number="431181199001011230", phone="123")
    with pytest.raises(ValidationError) as caught:
        person_save(data=bad, by=None, scope=Scope.unrestricted())
    assert set(caught.value.message_dict) == {"name", "id_number", "phone"}


def test_a_person_gets_the_town_of_their_unit(niupingao, yangjiaotang):
    """Village people and town-office staff both carry the town for statistics."""
    assert make_person(niupingao).town == yangjiaotang
    assert make_person(yangjiaotang).town == yangjiaotang


def test_a_person_cannot_belong_to_a_county(county):
    """People belong to a town, a village or a community."""
    with pytest.raises(ValidationError) as caught:
        person_save(data=data(county), by=None, scope=Scope.unrestricted())
    assert "unit" in caught.value.message_dict


def test_messages_follow_the_active_language(niupingao):
    """The same refusal reads in English when English is active."""
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        person_save(data=data(niupingao, name=""), by=None, scope=Scope.unrestricted())
    assert caught.value.message_dict["name"] == ["The person's name is required."]


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("张三", ("zhang san", "zs")),
        ("欧阳娜娜", ("ou yang na na", "oynn")),
        ("吕布", ("lv bu", "lb")),
    ],
)
def test_names_get_pinyin_keys(name, keys):
    """A full-pinyin sort key and the initials used by search."""
    assert name_keys(name) == keys
