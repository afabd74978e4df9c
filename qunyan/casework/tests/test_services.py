import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from qunyan.casework.choices import CaseResult
from qunyan.casework.mediation import case_close, step_add
from qunyan.casework.models import MediationCase, MediationParty, ServiceCategory
from qunyan.casework.selectors import OVERDUE, case_get, case_list, categories_of, service_list
from qunyan.casework.services import category_save
from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope

from .factories import make_case, make_service, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime.fromisoformat("2026-04-15 10:00+08:00"), tick=False)


def test_a_town_starts_with_the_default_categories_and_edits_its_own(
    tree: SimpleNamespace, alice: object
) -> None:
    names = list(categories_of(town=tree.yangjiaotang).values_list("name", flat=True))
    assert names[:3] == ["为老人代办", "政策宣讲", "矛盾纠纷调解"]
    category_save(
        town=tree.yangjiaotang,
        name="防溺水宣传",
        by=None,
        scope=Scope.for_account(alice),  # type: ignore[arg-type]
    )
    assert categories_of(town=tree.baishui).filter(name="防溺水宣传").count() == 0
    assert ServiceCategory.objects.filter(town=tree.yangjiaotang).count() == len(names) + 1


def test_a_secretary_records_only_in_their_village(
    tree: SimpleNamespace, bob: object, english: None
) -> None:
    from qunyan.casework.services import ServiceData, service_save

    from .factories import category

    data = ServiceData(
        village=tree.shimen,
        category=category(tree.yangjiaotang),
        date=datetime.date(2026, 4, 1),
        summary="走访",
        hours=Decimal(1),
    )
    with pytest.raises(ValidationError) as caught:
        service_save(data=data, servers=[], by=None, scope=Scope.for_account(bob))  # type: ignore[arg-type]
    assert "village" in caught.value.message_dict


def test_servers_belong_to_the_village(tree: SimpleNamespace, english: None) -> None:
    with pytest.raises(ValidationError) as caught:
        make_service(tree.niupingao, servers=[member(tree.shimen)])
    assert "servers" in caught.value.message_dict


def test_parties_are_encrypted_at_rest_and_masked_in_the_log(tree: SimpleNamespace) -> None:
    case = make_case(tree.niupingao)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone FROM casework_mediationparty ORDER BY id")
        stored = cursor.fetchall()
    assert "张大山" not in stored[0][0] and "13912345678" not in stored[0][1]
    party = MediationParty.objects.filter(case=case).first()
    assert party is not None and party.name == "张大山" and party.masked_name == "张**"
    assert party.masked_phone == "139****5678"
    entry = AuditEntry.objects.get(target_type="casework.MediationCase", action="create")
    assert "张大山" not in str(entry.changes) and "张**" in str(entry.changes)


def test_a_case_open_past_the_set_days_is_overdue(tree: SimpleNamespace, settings: object) -> None:
    old = make_case(tree.niupingao, received_on=datetime.date(2026, 3, 1))
    recent = make_case(tree.niupingao, received_on=datetime.date(2026, 4, 1), title="债务")
    scope = Scope.unrestricted()
    assert list(case_list(scope=scope, status=OVERDUE)) == [old]
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "CASE_OPEN_ALERT_DAYS": 10}  # type: ignore[attr-defined]
    assert set(case_list(scope=scope, status=OVERDUE)) == {old, recent}
    case_close(
        case=old,
        result=CaseResult.SETTLED,
        closed_on=datetime.date(2026, 4, 10),
        agreement="双方同意以界桩为准",
        by=None,
        scope=scope,
    )
    assert list(case_list(scope=scope, status=OVERDUE)) == [recent]
    assert case_get(scope=scope, pk=old.pk).result == CaseResult.SETTLED


def test_steps_are_logged_in_order_within_the_case_dates(
    tree: SimpleNamespace, english: None
) -> None:
    case = make_case(tree.niupingao, received_on=datetime.date(2026, 4, 1))
    scope = Scope.unrestricted()
    step_add(case=case, date=datetime.date(2026, 4, 3), action="现场查看", by=None, scope=scope)
    step_add(case=case, date=datetime.date(2026, 4, 2), action="分别谈话", by=None, scope=scope)
    assert [s.action for s in case.steps.all()] == ["分别谈话", "现场查看"]
    with pytest.raises(ValidationError):
        step_add(case=case, date=datetime.date(2026, 3, 1), action="早", by=None, scope=scope)


def test_another_village_sees_neither_services_nor_cases(
    tree: SimpleNamespace, bob: object, charlie: object, alice: object
) -> None:
    make_service(tree.niupingao)
    case = make_case(tree.niupingao)
    charlie_scope = Scope.for_account(charlie)  # type: ignore[arg-type]
    assert not service_list(scope=charlie_scope).exists()
    with pytest.raises(MediationCase.DoesNotExist):
        case_get(scope=charlie_scope, pk=case.pk)
    assert case_get(scope=Scope.for_account(alice), pk=case.pk) == case  # type: ignore[arg-type]
