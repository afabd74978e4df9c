"""Keyset pages of the registry and the audit log: every row once, in pinyin order, no OFFSET."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import AuditEntry
from qunyan.core.pagination import estimated_count, keyset_page
from qunyan.people.models import Person
from qunyan.people.tests.factories import make_person
from tests.web.conftest import login

# Pinyin order: a ming, an ran, bai xue, chen jing, li na, liu yang, ou yang hua, wang fang,
# zhang wei, zhao min — not the order of the code points (张 U+5F20 < 李 U+674E < 王 U+738B …).
PINYIN_ORDER = ["阿明", "安然", "白雪", "陈静", "李娜", "刘洋", "欧阳华", "王芳", "张伟", "赵敏"]


@pytest.fixture
def registry(tree):
    """The ten names in a shuffled order over both villages of 羊角塘镇, plus one in 白水镇."""
    shuffled = ["张伟", "李娜", "王芳", "阿明", "赵敏", "欧阳华", "陈静", "安然", "刘洋", "白雪"]
    for index, name in enumerate(shuffled):
        village = tree.niupingao if index % 2 else tree.shimen
        make_person(village, name=name, birth=datetime.date(1960 + index, 1, 1 + index))
    make_person(tree.dongcun, name="艾青")
    return shuffled


def _names(html: str) -> list[str]:
    return re.findall(r'<a href="/people/\d+/">([^<]+)</a>', html)


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}"\s+href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def _walk(client, params: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Follow the next links from the first page, then the previous links back."""
    url = reverse("people:person-list")
    html = client.get(url, params).content.decode()
    pages = [_names(html)]
    while link := _link(html, "next"):
        html = client.get(url + link).content.decode()
        pages.append(_names(html))
    back = [_names(html)]
    while link := _link(html, "prev"):
        html = client.get(url + link).content.decode()
        back.append(_names(html))
    return [name for page in pages for name in page], back[::-1]


def test_names_sort_in_pinyin_order(registry, alice):
    """The registry lists 阿明 … 赵敏 by pinyin on SQLite and PostgreSQL alike."""
    html = login(alice).get(reverse("people:person-list")).content.decode()
    assert _names(html) == PINYIN_ORDER


@pytest.mark.parametrize("sort", ["name", "-name", "birth", "-birth", "unit"])
def test_keyset_pages_visit_every_person_once_in_each_sort(registry, alice, monkeypatch, sort):
    """Next links walk the whole list page by page; previous links walk back to the same pages."""
    monkeypatch.setattr("qunyan.people.views.PAGE_SIZE", 3)
    client = login(alice)
    names, back = _walk(client, {"sort": sort})
    everyone = _names(client.get(reverse("people:person-list"), {"sort": sort}).content.decode())
    assert len(names) == 10
    assert sorted(names) == sorted(PINYIN_ORDER)
    forwards = [names[i : i + 3] for i in range(0, 10, 3)]
    assert back == forwards
    if sort == "name":
        assert names == PINYIN_ORDER
    if sort == "-name":
        assert names == PINYIN_ORDER[::-1]
    assert everyone == names[:3]


def test_pages_keep_the_filters_and_a_foreign_cursor_starts_over(
    registry, alice, tree, monkeypatch
):
    monkeypatch.setattr("qunyan.people.views.PAGE_SIZE", 2)
    client = login(alice)
    names, _back = _walk(client, {"unit": str(tree.niupingao.pk)})
    assert sorted(names) == sorted(registry[1::2])
    # A cursor made for the name sort, sent with the birth sort, shows the first page.
    html = client.get(reverse("people:person-list")).content.decode()
    cursor = _link(html, "next").split("after=")[1].split("&")[0]
    birth = client.get(reverse("people:person-list"), {"sort": "birth", "after": cursor})
    first = client.get(reverse("people:person-list"), {"sort": "birth"})
    assert _names(birth.content.decode()) == _names(first.content.decode())
    assert client.get(reverse("people:person-list"), {"after": "not*a*cursor"}).status_code == 200


def test_the_page_query_has_no_offset(registry, alice, monkeypatch):
    monkeypatch.setattr("qunyan.people.views.PAGE_SIZE", 3)
    client = login(alice)
    html = client.get(reverse("people:person-list")).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("people:person-list") + _link(html, "next"))
    person_table = Person._meta.db_table
    selects = [q["sql"] for q in queries if f'FROM "{person_table}"' in q["sql"]]
    assert selects
    assert not any("OFFSET" in sql.upper() for sql in selects)


def test_the_count_is_exact_on_small_results(registry, alice):
    response = login(alice).get(reverse("people:person-list"))
    assert response.context["page"].paginator.count == 10
    assert not response.context["page"].count_is_estimate


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner estimates: PostgreSQL")
def test_large_results_show_the_planners_estimate(registry):
    with connection.cursor() as cursor:
        cursor.execute(f'ANALYZE "{Person._meta.db_table}"')
    whole, estimated = estimated_count(Person.objects.all(), exact_below=0)
    assert estimated and whole > 0
    filtered, estimated = estimated_count(Person.objects.filter(name="张伟"), exact_below=0)
    assert estimated and filtered >= 1
    assert estimated_count(Person.objects.all()) == (11, False)


def test_the_audit_log_pages_newest_first(auditor, monkeypatch):
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for minute in range(7):
        # Entries sharing a time (the last three): the id breaks the tie.
        with time_machine.travel(start + datetime.timedelta(minutes=min(minute, 4)), tick=False):
            audit_record(action=Action.EXPORT, actor=None, note=f"n{minute}")
    expected = list(AuditEntry.objects.order_by("-at", "-id").values_list("pk", flat=True))
    seen: list[int] = []
    page = keyset_page(AuditEntry.objects.order_by("-at", "-id"), size=3)
    while True:
        seen += [entry.pk for entry in page]
        if not page.has_next:
            break
        page = keyset_page(
            AuditEntry.objects.order_by("-at", "-id"), after=page.next_cursor, size=3
        )
    assert seen == expected
    back = keyset_page(
        AuditEntry.objects.order_by("-at", "-id"), before=page.previous_cursor, size=3
    )
    assert [entry.pk for entry in back] == expected[len(expected) - len(page) - 3 : -len(page)]
    client = login(auditor)
    response = client.get(reverse("core:audit-list"))
    assert response.status_code == 200
    assert response.context["page"].count >= 7


def test_numbered_pages_link_with_a_single_question_mark(rf):
    """Lists still on Django's Paginator share the template: `querystring` adds the "?" itself."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    request = rf.get("/x/", {"q": "张", "page": "1"})
    page = Paginator(list(range(120)), 50).get_page(1)
    html = render_to_string("includes/pagination.html", {"page": page}, request=request)
    assert 'href="?q=%E5%BC%A0&amp;page=2"' in html
    assert "??" not in html
