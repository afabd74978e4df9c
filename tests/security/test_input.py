"""Hostile text: markup is shown as text on every page, SQL metacharacters are just characters."""

import datetime

import pytest
from django.test import Client

from qunyan.core.scopes import Scope
from qunyan.people.idnumbers import make_id_number
from qunyan.people.services import PersonData, person_save
from tests.web.conftest import login

from .urlconf import all_routes

SCRIPT = '<script>alert("qy")</script>'
IMAGE = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, IMAGE)


@pytest.fixture
def hostile(tree):
    """A person whose name and free-text fields hold markup."""
    return person_save(
        data=PersonData(
            name="张<b>恶意</b>",
            id_number=make_id_number("431181", datetime.date(1990, 5, 17), 9, "M"),
            unit=tree.niupingao,
            ethnicity=SCRIPT[:20],
            skills=IMAGE + SCRIPT,
        ),
        by=None,
        scope=Scope.unrestricted(),
    )


def _pages(hostile) -> list[str]:
    urls = [route.url() for route in all_routes() if not route.takes_arguments]
    return [*urls, f"/people/{hostile.pk}/", f"/people/?q={SCRIPT}", f"/people/?q={IMAGE}"]


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_markup_in_data_comes_out_escaped_on_every_page(request, hostile, persona):
    client = login(request.getfixturevalue(persona))
    leaks = []
    for url in _pages(hostile):
        if url.startswith(("/logout/", "/i18n/", "/api/v1/docs")):
            continue
        response = client.get(url)
        body = response.content.decode("utf-8", "replace")
        if response.get("Content-Type", "").startswith("text/html"):
            leaks += [url for payload in (*PAYLOADS, "<b>恶意</b>") if payload in body]
    assert not leaks
    # The data is on the page, as text.
    detail = client.get(f"/people/{hostile.pk}/").content.decode()
    assert "&lt;script&gt;" in detail and "&lt;b&gt;恶意&lt;/b&gt;" in detail


@pytest.mark.parametrize(
    "text", ["' OR '1'='1", "%", "_", "\\", "'; DROP TABLE people_person; --", "张%' --", "\x00"]
)
def test_sql_metacharacters_in_search_find_nothing_and_break_nothing(alice, hostile, text):
    client = login(alice)
    response = client.get("/people/", {"q": text})
    assert response.status_code == 200
    assert hostile.name not in response.content.decode()
    assert Client().get("/people/").status_code == 302  # the table is still there for the next


@pytest.fixture
def hostile_records(tree, hostile):
    """Markup in the free text of every module's records, inside the town officer's area."""
    from qunyan.casework.tests.factories import make_case, make_service
    from qunyan.duties.models import Duty
    from qunyan.evaluation.models import Commendation
    from qunyan.talents.tests.factories import make_talent
    from qunyan.training.tests.factories import make_class

    talent = make_talent(tree.niupingao, name="钱远", place=SCRIPT, trade=IMAGE[:60])
    service = make_service(tree.niupingao, summary=SCRIPT + IMAGE, place=IMAGE[:60])
    case = make_case(tree.niupingao, title=SCRIPT, parties=((SCRIPT[:20], ""),))
    training_class = make_class(tree.yangjiaotang, "PX<b>1</b>")
    honour = Commendation.objects.create(
        person=hostile, town=hostile.town, year=2023, title=SCRIPT, authority=IMAGE[:60]
    )
    duty = Duty.objects.create(town=tree.yangjiaotang, name=IMAGE[:40])
    return [
        f"/talents/{talent.pk}/",
        f"/casework/{service.pk}/",
        f"/casework/cases/{case.pk}/",
        f"/training/classes/{training_class.pk}/",
        f"/evaluation/commendations/{honour.pk}/",
        f"/duties/catalogue/{duty.pk}/",
        f"/duties/villages/{tree.niupingao.pk}/",
        f"/duties/people/{hostile.pk}/",
    ]


def test_markup_in_every_modules_text_comes_out_escaped(alice, hostile, hostile_records):
    client = login(alice)
    leaks, shown = [], 0
    for url in [*_pages(hostile), *hostile_records]:
        if url.startswith(("/logout/", "/i18n/", "/api/v1/docs")):
            continue
        response = client.get(url)
        assert url not in hostile_records or response.status_code == 200, url
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        body = response.content.decode("utf-8", "replace")
        leaks += [url for payload in (*PAYLOADS, "<b>1</b>") if payload in body]
        shown += "&lt;script&gt;" in body
    assert not leaks
    assert shown >= 4  # the hostile text is really on the pages, escaped
