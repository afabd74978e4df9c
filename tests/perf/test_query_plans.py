"""PostgreSQL reaches the registry through its indices: pinyin search, ID lookup, keyset page.

The test tables are small, so the planner would rightly scan them whole; with sequential scans
priced out (enable_seqscan = off) a plan still shows "Seq Scan on people_person" only when no
index can answer the query at all — which is what these tests catch.
"""

import datetime
import json

import pytest
from django.db import connection, transaction

from qunyan.core import pagination
from qunyan.core.pagination import keyset_page
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.selectors import person_list
from qunyan.people.tests.factories import make_person

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are checked on PostgreSQL"
)


@pytest.fixture
def registry(tree):
    names = ["张伟", "李娜", "王芳", "阿明", "赵敏", "欧阳华", "陈静", "安然", "刘洋", "白雪"]
    people = [
        make_person(tree.niupingao, name=name, birth=datetime.date(1970 + i, 1, 1))
        for i, name in enumerate(names)
    ]
    with connection.cursor() as cursor:
        cursor.execute(f'ANALYZE "{Person._meta.db_table}"')
    return people


def _plan(queryset, *priced_out: str) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in ("enable_seqscan", *priced_out):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return json.dumps(plan if not isinstance(plan, str) else json.loads(plan))


def _nodes(plan: str) -> list[dict]:
    nodes = []

    def walk(node: dict) -> None:
        nodes.append(node)
        for child in node.get("Plans", []):
            walk(child)

    walk(json.loads(plan)[0]["Plan"])
    return nodes


def _uses_a_person_index(plan: str) -> bool:
    table = Person._meta.db_table
    on_people = [n for n in _nodes(plan) if n.get("Relation Name") == table]
    return bool(on_people) and all(n["Node Type"] != "Seq Scan" for n in on_people)


@pytest.mark.parametrize("text", ["zhang", "zw", "ouyang"])
def test_the_pinyin_prefix_search_uses_an_index(registry, text):
    plan = _plan(person_list(scope=Scope.unrestricted(), q=text))
    assert _uses_a_person_index(plan), plan


def test_the_id_number_search_uses_the_blind_index(registry):
    plan = _plan(person_list(scope=Scope.unrestricted(), q=registry[4].id_number))
    assert _uses_a_person_index(plan), plan
    assert "person_id_number_unique" in plan


@pytest.mark.parametrize("sort", ["name", "-name", "birth"])
def test_a_keyset_page_seeks_through_an_index(registry, sort):
    people = person_list(scope=Scope.unrestricted(), sort=sort)
    first = keyset_page(people, size=3, count=False)
    assert first.next_cursor
    # The query the next page runs, with its boundary and LIMIT.
    ordering = pagination._ordering(people)
    values = pagination._decode(Person, ordering, first.next_cursor)
    page_query = people.filter(pagination._beyond(ordering, values, backwards=False))[:4]
    # A full sort priced out too: it still shows when no index can deliver the order.
    plan = _plan(page_query, "enable_sort", "enable_bitmapscan")
    assert _uses_a_person_index(plan), plan
    # The index gives the order (at most an incremental sort for the id tie-break): no sort
    # of every matching row before the LIMIT.
    assert "Sort" not in [node["Node Type"] for node in _nodes(plan)], plan
