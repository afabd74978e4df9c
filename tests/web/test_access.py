"""Every role against pages and records inside and outside its scope, by direct URL."""

import pytest
from django.test import Client
from django.urls import reverse

from qunyan.core.models import AuditEntry

from .conftest import login

# Expected status of a person's detail page, per persona and the person's village.
DETAIL = {
    "alice": {"niupingao": 200, "shimen": 200, "dongcun": 404},
    "bob": {"niupingao": 200, "shimen": 404, "dongcun": 404},
    "charlie": {"niupingao": 404, "shimen": 200, "dongcun": 404},
    "dora": {"niupingao": 200, "shimen": 200, "dongcun": 200},
    "leader": {"niupingao": 200, "shimen": 200, "dongcun": 404},
    "sysadmin": {"niupingao": 403, "shimen": 403, "dongcun": 403},
    "secadmin": {"niupingao": 403, "shimen": 403, "dongcun": 403},
    "auditor": {"niupingao": 403, "shimen": 403, "dongcun": 403},
}


@pytest.mark.parametrize("persona", list(DETAIL))
@pytest.mark.parametrize("place", ["niupingao", "shimen", "dongcun"])
def test_a_person_page_opens_only_inside_the_accounts_scope(request, residents, persona, place):
    """A direct URL to a person outside the account's unit answers 404, as if it did not exist."""
    client = login(request.getfixturevalue(persona))
    person = getattr(residents, place)
    response = client.get(reverse("people:person-detail", args=[person.pk]))
    assert response.status_code == DETAIL[persona][place]


EDIT = {"alice": 200, "bob": 200, "charlie": 404, "dora": 403, "leader": 403, "sysadmin": 403}


@pytest.mark.parametrize("persona", list(EDIT))
def test_only_writers_in_scope_open_the_edit_form(request, residents, persona):
    """The town officer and the village's own secretary may edit; readers and others may not."""
    client = login(request.getfixturevalue(persona))
    response = client.get(reverse("people:person-edit", args=[residents.niupingao.pk]))
    assert response.status_code == EDIT[persona]


PAGES = {
    "spreadsheets:import": {"alice": 200, "bob": 403, "dora": 403, "leader": 403, "auditor": 403},
    "spreadsheets:export": {"alice": 200, "bob": 403, "dora": 200, "leader": 403, "auditor": 403},
    "core:audit-list": {"alice": 403, "bob": 403, "dora": 403, "sysadmin": 403, "auditor": 200},
    "core:account-list": {"alice": 403, "sysadmin": 200, "secadmin": 200, "auditor": 403},
    "core:account-create": {"alice": 403, "sysadmin": 200, "secadmin": 403},
    "core:unit-create": {"alice": 200, "bob": 403, "dora": 403},
    "people:person-list": {"alice": 200, "bob": 200, "sysadmin": 403, "auditor": 403},
}


@pytest.mark.parametrize(
    ("url_name", "persona", "status"),
    [(name, persona, status) for name, cases in PAGES.items() for persona, status in cases.items()],
)
def test_each_page_answers_each_role_as_its_capabilities_say(
    request, tree, url_name, persona, status
):
    """Roles reach the pages of their capabilities and get 403 elsewhere (三员分立 included)."""
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == status


@pytest.mark.parametrize(
    "url_name", ["core:home", "people:person-list", "spreadsheets:import", "core:audit-list"]
)
def test_anonymous_visitors_are_sent_to_the_login_page(db, url_name):
    """Nothing but the login page is open without an account."""
    response = Client().get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_the_registry_lists_only_people_in_scope(bob, residents):
    """A village secretary's registry shows their own village's people only."""
    html = login(bob).get(reverse("people:person-list")).content.decode()
    assert "张三" in html
    assert "李四" not in html
    assert "王五" not in html


def test_lists_and_pages_show_numbers_masked(alice, residents):
    """The full ID and phone numbers appear nowhere until someone reveals them."""
    person = residents.niupingao
    client = login(alice)
    for url in (reverse("people:person-list"), person.get_absolute_url()):
        html = client.get(url).content.decode()
        assert person.id_number not in html
        assert person.masked_id_number in html
    assert "13812345678" not in client.get(person.get_absolute_url()).content.decode()


def test_revealing_shows_the_full_number_and_is_audited(alice, residents):
    """Reveal is a POST that shows the number and writes who saw it."""
    person = residents.niupingao
    response = login(alice).post(reverse("people:person-reveal", args=[person.pk]))
    assert person.id_number in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REVEAL)
    assert entry.actor_name == "alice"
    assert entry.target_id == str(person.pk)


def test_revealing_needs_the_permission(bob, residents):
    """A village secretary cannot reveal, even in their own village."""
    response = login(bob).post(reverse("people:person-reveal", args=[residents.niupingao.pk]))
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.REVEAL).exists()


def test_reveal_refuses_get(alice, residents):
    """Revealing changes the audit log, so it is never done by a plain link."""
    response = login(alice).get(reverse("people:person-reveal", args=[residents.niupingao.pk]))
    assert response.status_code == 405
