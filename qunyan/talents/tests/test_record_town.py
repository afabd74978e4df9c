"""Outreach contacts keep the town that wrote them, whichever way they are written."""

import datetime
import importlib

import pytest
from django.apps import apps

from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.services import PersonData, person_save
from qunyan.people.tests.factories import make_person
from qunyan.spreadsheets.engine import sheet_specs
from qunyan.talents.campaigns import symposium_attendance, symposium_invite, symposium_save
from qunyan.talents.choices import Occasion, OutreachWay
from qunyan.talents.models import Outreach
from qunyan.talents.services import outreach_upsert

from .factories import make_campaign, make_contact, make_talent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


def _move(person: Person, unit) -> None:
    """The registry moves the person to `unit` (another town's village)."""
    data = PersonData(
        name=person.name,
        id_number=person.id_number,
        unit=unit,
        gender=person.gender,
        birth_date=person.birth_date,
        education=person.education,
        political_status=person.political_status,
    )
    person_save(data=data, by=None, scope=Scope.unrestricted(), person=person)


def test_a_recorded_contact_keeps_the_persons_town(niupingao, yangjiaotang):
    contact = make_contact(make_person(niupingao), D(2023, 1, 25))
    assert contact.town == yangjiaotang


def test_imported_contacts_keep_each_persons_town(niupingao, dongcun, yangjiaotang, baishui):
    """The 走访座谈 sheet's rows take the town of their person, one town or several."""
    here, there = make_person(niupingao), make_person(dongcun)
    outreach_upsert(
        records=[
            {"person_id": person.pk, "date": D(2023, 1, 25), "way": OutreachWay.HOME_VISIT,
             "occasion": Occasion.OTHER, "notes": ""}
            for person in (here, there)
        ],
        by=None,
    )  # fmt: skip
    towns = dict(Outreach.objects.values_list("person_id", "town_id"))
    assert towns == {here.pk: yangjiaotang.pk, there.pk: baishui.pk}


def test_a_symposium_contact_keeps_the_attendees_town(alice, niupingao, yangjiaotang):
    campaign = make_campaign(yangjiaotang)
    person = make_talent(niupingao).person
    scope = Scope.for_account(alice)
    symposium = symposium_save(
        campaign=campaign, held_on=D(2023, 1, 25), topic="返乡创业座谈", by=alice, scope=scope
    )
    symposium_invite(symposium=symposium, people=[person], by=alice, scope=scope)
    symposium_attendance(symposium=symposium, attended=[person.pk], by=alice, scope=scope)
    assert Outreach.objects.get().town == yangjiaotang


def test_a_contact_stays_with_its_town_when_the_person_moves(
    niupingao, dongcun, yangjiaotang, baishui
):
    """The town that wrote the contact keeps it, in its figures and in its 走访座谈 sheet."""
    person = make_person(niupingao)
    contact = make_contact(person, D(2023, 1, 25))
    _move(person, dongcun)
    contact.refresh_from_db()
    assert contact.town == yangjiaotang
    sheet = next(spec for spec in sheet_specs() if spec.name == "走访座谈")
    assert [row[0] for row in sheet.export_rows(town=yangjiaotang, reveal=True)] == [contact.date]
    assert list(sheet.export_rows(town=baishui, reveal=True)) == []


def test_the_migration_fills_each_contacts_town_from_its_person(
    county, niupingao, dongcun, yangjiaotang, baishui
):
    migration = importlib.import_module("qunyan.talents.migrations.0003_outreach_town")
    here = make_contact(make_person(niupingao), D(2023, 1, 25))
    there = make_contact(make_person(dongcun), D(2023, 1, 25))
    Outreach.objects.update(town=county)
    migration.outreach_town_fill(apps, None)
    towns = dict(Outreach.objects.values_list("pk", "town_id"))
    assert towns == {here.pk: yangjiaotang.pk, there.pk: baishui.pk}
