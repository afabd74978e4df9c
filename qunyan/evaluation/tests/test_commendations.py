"""Commendations by hand: a person or a village, never both; village honours stay out of stats."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope
from qunyan.evaluation.services import commendation_delete
from qunyan.evaluation.tests.factories import save_commendation
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import commendations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
D = datetime.date


def test_a_village_honour_does_not_count_as_a_person(niupingao, yangjiaotang):
    save_commendation(person=make_person(niupingao))
    save_commendation(village=niupingao, title="先进基层党组织", authority="祁阳市委")
    result = commendations([yangjiaotang], period_from=D(2023, 1, 1), period_to=D(2023, 12, 31))[
        yangjiaotang.pk
    ]
    assert result == {"persons": 1, "by_authority": {"镇党委": 1}}


@pytest.mark.parametrize("who", ["both", "neither"])
def test_an_honour_goes_to_one_person_or_one_village(niupingao, who):
    person = make_person(niupingao)
    with pytest.raises(ValidationError):
        if who == "both":
            save_commendation(person=person, village=niupingao)
        else:
            save_commendation()


def test_the_same_honour_twice_is_refused_and_changes_are_audited(niupingao):
    person = make_person(niupingao)
    honour = save_commendation(person=person)
    with pytest.raises(ValidationError):
        save_commendation(person=person)
    save_commendation(commendation=honour, person=person, authority="祁阳市委")
    honour.refresh_from_db()
    assert honour.authority == "祁阳市委"
    commendation_delete(commendation=honour, by=None, scope=Scope.unrestricted())
    actions = list(
        AuditEntry.objects.filter(target_type="evaluation.Commendation").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_a_person_outside_the_scope_is_refused(niupingao, baishui):
    with pytest.raises(ValidationError):
        save_commendation(person=make_person(niupingao), scope=Scope(root_paths=(baishui.path,)))
