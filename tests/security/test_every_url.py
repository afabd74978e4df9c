"""Every URL of the URL conf tried by every role and by nobody: none escapes the guards.

The routes come from the URL conf (tests/security/urlconf.py), so a view added tomorrow is tried
here without anyone listing it. Arguments name records that do not exist; scope with records
that do exist is in test_scope_by_url.py.
"""

import pytest
from django.test import Client

from tests.web.conftest import login

from .urlconf import Route, all_routes

ROUTES = all_routes()
PERSONAS = ["alice", "bob", "charlie", "dora", "leader", "sysadmin", "secadmin", "auditor"]
# Pages meant for everyone: the login steps, the language switch, the API's schema and docs and
# the public notices (公示) with their footer. Everything else needs an account.
PUBLIC = {
    "core:login",
    "core:logout",
    "set_language",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "party:notices",
}


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_without_an_account_only_public_pages_answer(db, route: Route):
    response = Client().get(route.url())
    if route.name in PUBLIC:
        assert response.status_code < 500
    elif route.name.startswith("api-v1:"):
        assert response.status_code in {401, 404, 405, 422}
    else:
        assert _is_login_redirect(response) or response.status_code == 405, response.status_code
        if response.status_code == 405:
            assert _is_login_redirect(Client().post(route.url()))


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_role_meets_a_server_error_on_any_url(request, tree, persona):
    client = login(request.getfixturevalue(persona))
    failures = {}
    for route in ROUTES:
        if route.name in {"core:logout", "set_language"}:
            continue
        for method in ("get", "post"):
            status = getattr(client, method)(route.url()).status_code
            if status >= 500:
                failures[f"{method.upper()} {route}"] = status
    assert not failures


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.name.startswith("api-v1:")], ids=str)
def test_every_form_post_needs_the_csrf_token(alice, route: Route):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(route.url(), {"name": "x"}).status_code == 403
