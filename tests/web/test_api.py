"""The REST API: tokens, the same scopes as the pages, masking, keyset pages and JSON errors."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from qunyan.api.models import ApiToken
from qunyan.api.services import token_issue, token_revoke
from qunyan.core.models import AuditEntry
from qunyan.reports.selectors import town_statistics

from .conftest import login


def api(account, path: str, **params) -> tuple[int, dict]:
    _token, clear = token_issue(account=account, name="test")
    response = Client().get(f"/api/v1/{path}", params, HTTP_AUTHORIZATION=f"Bearer {clear}")
    return response.status_code, response.json()


def test_a_token_is_stored_only_as_its_digest_and_its_issue_is_audited(alice):
    token, clear = token_issue(account=alice, name="统计程序")
    assert clear.startswith("qy_") and len(clear) > 40
    assert clear not in {token.digest, token.prefix} and token.prefix == clear[:10]
    assert AuditEntry.objects.filter(target_type="api.ApiToken", target_id=str(token.pk)).exists()


def test_without_a_valid_token_the_api_answers_401_with_a_stable_code(alice, residents):
    assert Client().get("/api/v1/people/").json()["code"] == "unauthenticated"
    token, clear = token_issue(account=alice, name="x")
    token_revoke(token=token, by=alice)
    response = Client().get("/api/v1/people/", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_roles_without_personal_data_are_refused(sysadmin, residents):
    status, body = api(sysadmin, "people/")
    assert (status, body["code"]) == (403, "forbidden")


@pytest.mark.parametrize(
    ("persona", "names"),
    [("alice", {"张三", "李四"}), ("bob", {"张三"}), ("dora", {"张三", "李四", "王五"})],
)
def test_people_are_those_of_the_accounts_scope_and_masked(request, residents, persona, names):
    status, body = api(request.getfixturevalue(persona), "people/")
    assert status == 200
    assert {item["name"] for item in body["items"]} == names
    for item in body["items"]:
        assert "*" in item["id_number"] and "*" in item["phone"]


def test_a_person_outside_the_scope_is_not_found(bob, residents):
    status, body = api(bob, f"people/{residents.shimen.pk}/")
    assert (status, body["code"]) == (404, "not_found")
    status, body = api(bob, f"people/{residents.niupingao.pk}/")
    assert (status, body["name"]) == (200, "张三")


def test_pages_follow_the_last_id_seen(dora, residents):
    _token, clear = token_issue(account=dora, name="pages")
    client, seen, after = Client(), [], None
    for _ in range(4):
        params = {"limit": 2, **({"after": after} if after else {})}
        body = client.get("/api/v1/people/", params, HTTP_AUTHORIZATION=f"Bearer {clear}").json()
        seen += [item["id"] for item in body["items"]]
        after = body["next_after"]
        if after is None:
            break
    assert seen == sorted(seen) and len(seen) == 3


def test_malformed_parameters_are_a_422_naming_the_field(alice, residents):
    status, body = api(alice, "people/", limit=0)
    assert (status, body["code"]) == (422, "invalid_request")
    assert "limit" in str(body["errors"])


def test_stats_are_the_contracts_json_for_a_town_in_scope(alice, bob, residents, tree):
    params = {"town": tree.yangjiaotang.pk, "from": "2021-01-01", "to": "2023-12-31"}
    status, body = api(alice, "stats/", **params)
    expected = town_statistics(
        town=tree.yangjiaotang,
        period_from=datetime.date(2021, 1, 1),
        period_to=datetime.date(2023, 12, 31),
        as_of=datetime.date(2023, 12, 31),
    )
    assert status == 200 and body == expected
    status, body = api(alice, "stats/", **{**params, "town": tree.baishui.pk})
    assert (status, body["code"]) == (404, "not_found")
    status, body = api(alice, "stats/", **{**params, "to": "2020-01-01"})
    assert (status, body["code"]) == (400, "invalid")


def test_the_schema_is_public_and_lists_every_endpoint(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/people/", "/api/v1/reserves/", "/api/v1/stats/"} <= set(schema["paths"])


def test_an_account_issues_and_revokes_its_own_tokens_only(alice, bob):
    client = login(alice)
    response = client.post(reverse("api:token-list"), {"name": "报表程序"})
    assert response.status_code == 200 and "qy_" in response.content.decode()
    token = ApiToken.objects.get(account=alice)
    assert login(bob).post(reverse("api:token-revoke", args=[token.pk])).status_code == 404
    client.post(reverse("api:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_module_records_keep_to_the_scope_and_filter_by_village_and_year(alice, bob, tree):
    from qunyan.casework.tests.factories import make_service

    make_service(tree.niupingao)
    make_service(tree.shimen)
    status, body = api(alice, "casework/services/")
    assert status == 200 and {item["village_id"] for item in body["items"]} == {
        tree.niupingao.pk,
        tree.shimen.pk,
    }
    status, body = api(bob, "casework/services/")
    assert [item["village_id"] for item in body["items"]] == [tree.niupingao.pk]
    status, body = api(alice, "casework/services/", village=tree.shimen.pk)
    assert [item["village_id"] for item in body["items"]] == [tree.shimen.pk]
    year = body["items"][0]["date"][:4]
    assert api(alice, "casework/services/", year=int(year) + 1)[1]["items"] == []


def test_town_level_records_are_those_of_the_towns_in_scope(alice, dora, tree):
    from qunyan.training.tests.factories import make_class

    make_class(tree.yangjiaotang, "YJT-1")
    make_class(tree.baishui, "BS-1")
    assert [c["code"] for c in api(alice, "training/classes/")[1]["items"]] == ["YJT-1"]
    assert len(api(dora, "training/classes/")[1]["items"]) == 2
    assert api(alice, "training/classes/", village=tree.niupingao.pk)[1]["items"] == []
