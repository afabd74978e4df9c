"""Commendations keep the town that wrote them: the person's, or the honoured village's."""

import importlib

import pytest
from django.apps import apps

from qunyan.evaluation.models import Commendation
from qunyan.people.tests.factories import make_person

from .factories import make_commendation, save_commendation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_persons_honour_keeps_the_persons_town(niupingao, yangjiaotang):
    assert save_commendation(person=make_person(niupingao)).town == yangjiaotang


def test_a_village_honour_keeps_the_villages_town(dongcun, baishui):
    assert save_commendation(village=dongcun, title="先进基层党组织").town == baishui


def test_an_honour_given_to_someone_else_moves_to_their_town(
    niupingao, dongcun, yangjiaotang, baishui
):
    """Correcting who was honoured takes the new honouree's town; other corrections keep it."""
    honour = save_commendation(person=make_person(niupingao))
    honour = save_commendation(commendation=honour, village=dongcun)
    honour.refresh_from_db()
    assert (honour.person, honour.village, honour.town) == (None, dongcun, baishui)
    honour = save_commendation(commendation=honour, person=make_person(niupingao))
    honour.refresh_from_db()
    assert honour.town == yangjiaotang
    save_commendation(commendation=honour, person=honour.person, authority="祁阳市委")
    honour.refresh_from_db()
    assert (honour.authority, honour.town) == ("祁阳市委", yangjiaotang)


def test_imported_honours_keep_each_persons_town(niupingao, dongcun, yangjiaotang, baishui):
    here, there = make_person(niupingao), make_person(dongcun)
    make_commendation(here, 2023)
    make_commendation(there, 2023)
    towns = dict(Commendation.objects.values_list("person_id", "town_id"))
    assert towns == {here.pk: yangjiaotang.pk, there.pk: baishui.pk}


def test_the_migration_fills_each_honours_town_from_its_person_or_village(
    county, niupingao, dongcun, yangjiaotang, baishui
):
    migration = importlib.import_module("qunyan.evaluation.migrations.0003_commendation_town")
    person_honour = save_commendation(person=make_person(niupingao))
    village_honour = save_commendation(village=dongcun, title="先进基层党组织")
    Commendation.objects.update(town=county)
    migration.commendation_town_fill(apps, None)
    towns = dict(Commendation.objects.values_list("pk", "town_id"))
    assert towns == {person_honour.pk: yangjiaotang.pk, village_honour.pk: baishui.pk}
