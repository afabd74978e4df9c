"""The work list: surveys open, close and re-open items; supervision within the village scope."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunyan.core.scopes import Scope
from qunyan.people.tests.factories import make_person
from qunyan.reserves.choices import Stage
from qunyan.reserves.models import Reserve, WorkItem
from qunyan.reserves.services import reserve_move
from qunyan.reserves.tests.factories import make_reserve
from qunyan.reserves.worklist import (
    is_overdue,
    supervision_add,
    survey_generate,
    work_item_update,
)

D = datetime.date


def _young_graduate(unit, entered):
    return make_reserve(make_person(unit, birth=D(1995, 1, 1)), entered_on=entered)


@pytest.fixture
def officer_scope(alice):
    return Scope.for_account(alice)


def test_the_cycle_open_close_reopen(alice, officer_scope, tree):
    """Short → item opens; enough reserves → it closes; one leaves → it opens again."""
    town = tree.yangjiaotang
    survey_generate(town=town, on=D(2023, 1, 1), by=alice, scope=officer_scope)
    item = WorkItem.objects.get(village=tree.niupingao)
    assert (item.status, item.opened_on, item.times_opened) == ("open", D(2023, 1, 1), 1)

    _young_graduate(tree.niupingao, D(2023, 2, 1))
    second = _young_graduate(tree.niupingao, D(2023, 2, 1))
    survey_generate(town=town, on=D(2023, 3, 1), by=alice, scope=officer_scope)
    item.refresh_from_db()
    assert (item.status, item.closed_on) == ("closed", D(2023, 3, 1))

    reserve_move(
        reserve=second,
        stage=Stage.LEFT,
        on=D(2023, 5, 1),
        reason="外出务工",
        by=alice,
        scope=officer_scope,
    )
    survey_generate(town=town, on=D(2023, 6, 1), by=alice, scope=officer_scope)
    item.refresh_from_db()
    assert (item.status, item.opened_on, item.closed_on, item.times_opened) == (
        "open",
        D(2023, 6, 1),
        None,
        2,
    )
    assert WorkItem.objects.filter(village=tree.niupingao).count() == 1


def test_an_item_names_the_secretary_and_a_deadline(alice, officer_scope, tree, settings):
    """The responsible person defaults to the serving secretary; the deadline to the setting."""
    from qunyan.people.services import cadre_terms_upsert

    secretary = make_person(tree.shimen, name="石书记")
    cadre_terms_upsert(
        records=[
            {
                "person_id": secretary.pk,
                "village_id": tree.shimen.pk,
                "post": "书记兼主任",
                "started_on": D(2021, 3, 20),
                "ended_on": None,
                "bonus_base": None,
            }
        ],
        by=None,
    )
    survey_generate(town=tree.yangjiaotang, on=D(2023, 1, 1), by=alice, scope=officer_scope)
    item = WorkItem.objects.get(village=tree.shimen)
    assert item.responsible == "石书记"
    days = settings.QUNYAN_RULES["WORKLIST_DEADLINE_DAYS"]
    assert item.deadline == D(2023, 1, 1) + datetime.timedelta(days=days)
    assert not is_overdue(item, item.deadline)
    assert is_overdue(item, item.deadline + datetime.timedelta(days=1))


def test_a_secretary_supervises_their_own_item_only(alice, bob, officer_scope, tree):
    """bob records supervision on 牛坪坳村's item; 石门村's is outside his scope."""
    survey_generate(town=tree.yangjiaotang, on=D(2023, 1, 1), by=alice, scope=officer_scope)
    own = WorkItem.objects.get(village=tree.niupingao)
    other = WorkItem.objects.get(village=tree.shimen)
    bob_scope = Scope.for_account(bob)
    record = supervision_add(
        item=own, on=D(2023, 1, 10), way="phone", agreed="两周内推荐人选", by=bob, scope=bob_scope
    )
    assert record.by == bob
    with pytest.raises(ValidationError):
        supervision_add(
            item=other, on=D(2023, 1, 10), way="phone", agreed="x", by=bob, scope=bob_scope
        )
    with pytest.raises(PermissionDenied):
        work_item_update(item=own, responsible="bob", deadline=None, by=bob, scope=bob_scope)


def test_a_supervision_needs_what_was_agreed_and_a_date_after_opening(alice, officer_scope, tree):
    """Empty agreements and dates before the item opened are refused."""
    survey_generate(town=tree.yangjiaotang, on=D(2023, 1, 1), by=alice, scope=officer_scope)
    item = WorkItem.objects.get(village=tree.niupingao)
    with pytest.raises(ValidationError) as caught:
        supervision_add(
            item=item, on=D(2022, 12, 1), way="visit", agreed=" ", by=alice, scope=officer_scope
        )
    assert set(caught.value.message_dict) == {"on", "agreed"}


def test_a_village_that_always_met_the_standard_gets_no_item(alice, officer_scope, tree):
    """Only villages short of reserves appear on the work list."""
    for _ in range(2):
        _young_graduate(tree.shimen, D(2022, 1, 1))
    survey_generate(town=tree.yangjiaotang, on=D(2023, 1, 1), by=alice, scope=officer_scope)
    assert not WorkItem.objects.filter(village=tree.shimen).exists()
    assert Reserve.objects.count() == 2
