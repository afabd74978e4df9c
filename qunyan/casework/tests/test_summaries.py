import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from qunyan.casework.choices import CaseResult
from qunyan.casework.mediation import case_close
from qunyan.casework.summaries import (
    summary_by_group,
    summary_by_person,
    village_service_summary,
)
from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create

from .factories import make_case, make_service, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime.fromisoformat("2026-06-30 10:00+08:00"), tick=False)


START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


@pytest.fixture
def work(tree: SimpleNamespace) -> SimpleNamespace:
    """Three services and three cases in 牛坪坳村, one service in 石门村, one out of the period."""
    group = orgunit_create(
        name="一组",
        kind=OrgUnit.Kind.GROUP,
        parent=tree.niupingao,
        by=None,
        scope=Scope.unrestricted(),
    )
    liu, chen = member(tree.niupingao, "刘红"), member(tree.niupingao, "陈明")
    make_service(tree.niupingao, hours="2", served_count=3, servers=[liu, chen], group=group)
    make_service(
        tree.niupingao, hours="1.5", served_count=1, servers=[liu], category_name="为老人代办"
    )
    make_service(tree.niupingao, hours="4", date=datetime.date(2025, 12, 31), servers=[liu])
    make_service(tree.shimen, hours="3", served_count=10)
    settled = make_case(tree.niupingao, mediators=[liu], group=group)
    case_close(
        case=settled,
        result=CaseResult.SETTLED,
        closed_on=datetime.date(2026, 3, 5),
        by=None,
        scope=Scope.unrestricted(),
    )
    referred = make_case(tree.niupingao, title="山林", mediators=[chen])
    case_close(
        case=referred,
        result=CaseResult.REFERRED,
        closed_on=datetime.date(2026, 3, 9),
        by=None,
        scope=Scope.unrestricted(),
    )
    make_case(tree.niupingao, title="欠款")
    return SimpleNamespace(group=group, liu=liu, chen=chen)


def test_the_village_summary_counts_services_hours_and_cases_in_the_period(
    tree: SimpleNamespace, work: SimpleNamespace
) -> None:
    result = village_service_summary(
        scope=Scope.unrestricted(), town=tree.yangjiaotang, start=START, end=END
    )
    assert set(result) == {tree.niupingao.pk, tree.shimen.pk}
    niupingao = result[tree.niupingao.pk]
    assert (niupingao["services"], niupingao["served"], niupingao["hours"]) == (
        2,
        4,
        Decimal("3.5"),
    )
    assert niupingao["by_category"] == {"政策宣讲": 1, "为老人代办": 1}
    assert (niupingao["cases"], niupingao["cases_settled"], niupingao["cases_referred"]) == (
        3,
        1,
        1,
    )
    assert (niupingao["cases_unsettled"], niupingao["cases_open"]) == (0, 1)
    assert result[tree.shimen.pk]["services"] == 1 and result[tree.shimen.pk]["cases"] == 0


def test_a_secretary_summary_holds_only_their_village(
    tree: SimpleNamespace, work: SimpleNamespace, bob: object
) -> None:
    result = village_service_summary(
        scope=Scope.for_account(bob),
        town=tree.yangjiaotang,
        start=START,
        end=END,  # type: ignore[arg-type]
    )
    assert list(result) == [tree.niupingao.pk]


def test_each_server_is_credited_with_the_whole_service(
    tree: SimpleNamespace, work: SimpleNamespace
) -> None:
    rows = {
        row.label: row
        for row in summary_by_person(
            scope=Scope.unrestricted(), town=tree.yangjiaotang, start=START, end=END
        )
    }
    assert (rows["刘红"].services, rows["刘红"].hours, rows["刘红"].cases["settled"]) == (
        2,
        Decimal("3.5"),
        1,
    )
    assert (rows["陈明"].services, rows["陈明"].hours, rows["陈明"].cases["referred"]) == (
        1,
        Decimal("2"),
        1,
    )


def test_the_group_summary_counts_what_was_recorded_for_the_group(
    tree: SimpleNamespace, work: SimpleNamespace
) -> None:
    (row,) = summary_by_group(
        scope=Scope.unrestricted(), town=tree.yangjiaotang, start=START, end=END
    )
    assert row.label == "牛坪坳村 一组"
    assert (row.services, row.case_total, row.cases["settled"]) == (1, 1, 1)
