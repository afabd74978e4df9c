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
