"""Mentoring pairs keep the town that wrote them: the mentee's, as the figures count them."""

import datetime
import importlib

import pytest
from django.apps import apps

from qunyan.core.scopes import Scope
from qunyan.mentoring.choices import Principle
from qunyan.mentoring.models import Mentorship
from qunyan.mentoring.services import mentorship_create
from qunyan.people.tests.factories import make_person

from .factories import make_cadre, make_mentor, make_pair

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


def test_an_accepted_pair_keeps_the_mentees_town(alice, yangjiaotang, niupingao):
    mentor = make_mentor(make_person(yangjiaotang, name="黄志强", birth=D(1970, 5, 5)))
    mentee = make_cadre(make_person(niupingao, name="吴佳", birth=D(1996, 7, 7), gender="F"))
    pair = mentorship_create(
        mentor=mentor,
        mentee=mentee,
        principle=Principle.TOWN_TO_VILLAGE,
        started_on=D(2023, 3, 1),
        by=alice,
        scope=Scope.for_account(alice),
    )
    assert pair.town == yangjiaotang


def test_an_imported_pair_keeps_the_mentees_town_not_the_mentors(dongcun, niupingao, yangjiaotang):
    pair = make_pair(make_person(dongcun), make_person(niupingao))
    assert pair.town == yangjiaotang


def test_the_migration_fills_each_pairs_town_from_its_mentee(
    county, niupingao, dongcun, yangjiaotang, baishui
):
    migration = importlib.import_module("qunyan.mentoring.migrations.0003_mentorship_town")
    into_yangjiaotang = make_pair(make_person(dongcun), make_person(niupingao))
    into_baishui = make_pair(make_person(niupingao), make_person(dongcun))
    Mentorship.objects.update(town=county)
    migration.mentorship_town_fill(apps, None)
    towns = dict(Mentorship.objects.values_list("pk", "town_id"))
    assert towns == {into_yangjiaotang.pk: yangjiaotang.pk, into_baishui.pk: baishui.pk}
