"""Moving stays through the life cycle with the services; history kept, scopes enforced."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope
from qunyan.people.choices import SourceCategory
from qunyan.people.tests.factories import make_person
from qunyan.reserves.choices import ReservedPost, Stage
from qunyan.reserves.models import Reserve
from qunyan.reserves.selectors import reserves_in_pool
from qunyan.reserves.services import reserve_add, reserve_move
from qunyan.reserves.tests.factories import make_reserve

D = datetime.date


START = D(2022, 3, 1)


def _add(person, scope, stage=Stage.SURVEYED, on=START):
    return reserve_add(
        person=person,
        stage=stage,
        on=on,
        source_category=SourceCategory.VETERAN,
        reserved_for=ReservedPost.SECRETARY,
        recommended_by="村党支部",
        recommendation="branch",
        by=scope.account,
        scope=scope,
    )


def test_a_surveyed_person_enters_the_pool_on_the_day_of_储备(alice, niupingao):
    """摸排 does not count in the pool; 储备 sets the entry date the statistics use."""
    scope = Scope.for_account(alice)
    stay = _add(make_person(niupingao), scope)
    assert stay.entered_on is None
    assert not reserves_in_pool(on=D(2022, 6, 1)).filter(pk=stay.pk).exists()
    reserve_move(reserve=stay, stage=Stage.RESERVED, on=D(2022, 5, 1), by=alice, scope=scope)
    stay.refresh_from_db()
    assert (stay.stage, stay.entered_on) == (Stage.RESERVED, D(2022, 5, 1))
    assert reserves_in_pool(on=D(2022, 6, 1)).filter(pk=stay.pk).exists()


def test_appointment_ends_the_stay_and_keeps_every_step(alice, niupingao):
    """使用 sets the exit date and reason; the earlier steps stay in the history."""
    scope = Scope.for_account(alice)
    stay = _add(make_person(niupingao), scope, stage=Stage.RESERVED)
    reserve_move(reserve=stay, stage=Stage.DEVELOPING, on=D(2022, 9, 1), by=alice, scope=scope)
    reserve_move(
        reserve=stay,
        stage=Stage.APPOINTED,
        on=D(2023, 3, 20),
        reason="当选村干部",
        by=alice,
        scope=scope,
    )
    stay.refresh_from_db()
    assert (stay.left_on, stay.leave_reason) == (D(2023, 3, 20), "当选村干部")
    assert list(stay.changes.values_list("stage", flat=True)) == [
        Stage.RESERVED,
        Stage.DEVELOPING,
        Stage.APPOINTED,
    ]
    assert not reserves_in_pool(on=D(2023, 3, 20)).filter(pk=stay.pk).exists()
    assert AuditEntry.objects.filter(target_type="reserves.Reserve", action="update").count() == 2


def test_a_wrong_move_is_refused_and_nothing_changes(alice, niupingao):
    """Straight from 摸排 to 使用 is not a move of the life cycle."""
    scope = Scope.for_account(alice)
    stay = _add(make_person(niupingao), scope)
    with pytest.raises(ValidationError):
        reserve_move(
            reserve=stay,
            stage=Stage.APPOINTED,
            on=D(2022, 4, 1),
            reason="当选",
            by=alice,
            scope=scope,
        )
    stay.refresh_from_db()
    assert stay.stage == Stage.SURVEYED
    assert stay.changes.count() == 1


def test_a_person_has_one_open_stay_at_a_time(alice, niupingao):
    """Adding someone already in the pool is refused; after they leave, a new stay may start."""
    scope = Scope.for_account(alice)
    person = make_person(niupingao)
    stay = _add(person, scope, stage=Stage.RESERVED)
    with pytest.raises(ValidationError):
        _add(person, scope, stage=Stage.RESERVED, on=D(2022, 8, 1))
    reserve_move(
        reserve=stay, stage=Stage.LEFT, on=D(2022, 9, 1), reason="外出务工", by=alice, scope=scope
    )
    second = _add(person, scope, stage=Stage.RESERVED, on=D(2024, 1, 1))
    assert Reserve.objects.filter(person=person).count() == 2
    assert second.entered_on == D(2024, 1, 1)


def test_only_the_town_office_manages_the_pool(bob, alice, niupingao, dongcun):
    """A secretary cannot add reserves; an officer cannot add another town's person."""
    with pytest.raises(PermissionDenied):
        _add(make_person(niupingao), Scope.for_account(bob))
    with pytest.raises(ValidationError):
        _add(make_person(dongcun), Scope.for_account(alice))


def test_an_imported_stay_gets_its_history_once(niupingao):
    """The 后备力量 sheet's entry and exit become 储备 and 使用 steps, not repeated on re-import."""
    person = make_person(niupingao)
    for _ in range(2):
        make_reserve(person, entered_on=D(2021, 2, 1), left_on=D(2023, 3, 31))
    stay = Reserve.objects.get(person=person)
    assert list(stay.changes.values_list("stage", "on")) == [
        (Stage.RESERVED, D(2021, 2, 1)),
        (Stage.LEFT, D(2023, 3, 31)),
    ]
