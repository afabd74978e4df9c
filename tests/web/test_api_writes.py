"""API writes: through the modules' services (validated, audited), scoped, role-checked, and
refused with 409 when made on a stale read (optimistic locking)."""

import datetime
import json

import pytest
import time_machine
from django.test import Client

from qunyan.api.services import token_issue
from qunyan.casework.models import ServiceRecord
from qunyan.casework.tests.factories import category, make_service
from qunyan.core.models import AuditEntry
from qunyan.party.models import DevelopmentRecord
from qunyan.talents.models import Outreach
from qunyan.training.models import TrainingNeed

TODAY = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY):
        yield


def call(account, method: str, path: str, body: dict | None = None, **params) -> tuple[int, dict]:
    _token, clear = token_issue(account=account, name="test")
    response = getattr(Client(), method)(
        f"/api/v1/{path}",
        json.dumps(body) if body is not None else params,
        content_type="application/json" if body is not None else None,
        HTTP_AUTHORIZATION=f"Bearer {clear}",
    )
    return response.status_code, response.json()


def audited(record, actor) -> bool:
    return AuditEntry.objects.filter(
        target_type=record._meta.label, target_id=str(record.pk), actor=actor
    ).exists()


# --- people ---------------------------------------------------------------------------------


def test_a_person_is_changed_through_the_registry_service_and_audited(alice, residents):
    person = residents.niupingao
    version = call(alice, "get", f"people/{person.pk}/")[1]["version"]
    status, body = call(
        alice,
        "patch",
        f"people/{person.pk}/",
        {"version": version, "skills": "养殖", "phone": "13900001111"},
    )
    assert status == 200, body
    assert body["version"] != version and "*" in body["phone"] and "phone" not in body["id_number"]
    person.refresh_from_db()
    assert (person.skills, person.phone) == ("养殖", "13900001111")
    assert person.id_number.endswith(body["id_number"][-4:])
    entry = AuditEntry.objects.filter(target_type="people.Person", actor=alice).latest("pk")
    assert "skills" in entry.changes and "13900001111" not in json.dumps(entry.changes)


def test_a_stale_person_update_is_a_409_and_changes_nothing(alice, residents):
    person = residents.niupingao
    version = call(alice, "get", f"people/{person.pk}/")[1]["version"]
    assert (
        call(alice, "patch", f"people/{person.pk}/", {"version": version, "skills": "a"})[0] == 200
    )
    status, body = call(alice, "patch", f"people/{person.pk}/", {"version": version, "skills": "b"})
    assert (status, body["code"]) == (409, "conflict")
    person.refresh_from_db()
    assert person.skills == "a"


def test_a_person_update_is_validated_scoped_and_role_checked(alice, bob, dora, residents):
    person = residents.niupingao
    version = call(alice, "get", f"people/{person.pk}/")[1]["version"]
    status, body = call(alice, "patch", f"people/{person.pk}/", {"version": version, "phone": "12"})
    assert (status, body["code"]) == (400, "invalid") and "phone" in body["errors"]
    status, body = call(
        bob, "patch", f"people/{residents.shimen.pk}/", {"version": version, "skills": "x"}
    )
    assert (status, body["code"]) == (404, "not_found")
    status, body = call(dora, "patch", f"people/{person.pk}/", {"version": version, "skills": "x"})
    assert (status, body["code"]) == (403, "forbidden")
    assert not AuditEntry.objects.filter(target_type="people.Person", actor__isnull=False).exists()


# --- talents ---------------------------------------------------------------------------------


def contact(person, **extra) -> dict:
    return {"person_id": person.pk, "date": "2026-06-01", "way": "home_visit", **extra}


def test_an_outreach_contact_is_recorded_and_corrected_with_its_version(alice, residents):
    status, body = call(alice, "post", "talents/outreach/", contact(residents.niupingao))
    assert status == 201, body
    record = Outreach.objects.get(pk=body["id"])
    assert audited(record, alice)
    path = f"talents/outreach/{record.pk}/"
    status, changed = call(
        alice, "patch", path, {"version": body["version"], "intent": "considering"}
    )
    assert (status, changed["intent"]) == (200, "considering")
    status, stale = call(alice, "patch", path, {"version": body["version"], "intent": "none"})
    assert (status, stale["code"]) == (409, "conflict")
    record.refresh_from_db()
    assert record.intent == "considering"


def test_an_outreach_contact_is_validated_scoped_and_role_checked(alice, bob, dora, residents):
    status, body = call(
        alice, "post", "talents/outreach/", contact(residents.niupingao, date="2026-07-01")
    )
    assert (status, body["code"]) == (400, "invalid") and "date" in body["errors"]
    status, body = call(bob, "post", "talents/outreach/", contact(residents.shimen))
    assert (status, body["code"]) == (404, "not_found")
    status, body = call(dora, "post", "talents/outreach/", contact(residents.niupingao))
    assert (status, body["code"]) == (403, "forbidden")
    assert not Outreach.objects.exists()


# --- casework --------------------------------------------------------------------------------


def service(tree, **extra) -> dict:
    return {
        "village_id": tree.niupingao.pk,
        "category_id": category(tree.yangjiaotang).pk,
        "date": "2026-06-10",
        "summary": "宣讲政策",
        "hours": "2.5",
        "served_count": 8,
        **extra,
    }


def test_a_service_is_recorded_and_corrected_with_its_version(alice, bob, tree):
    status, body = call(bob, "post", "casework/services/", service(tree))
    assert status == 201, body
    record = ServiceRecord.objects.get(pk=body["id"])
    assert audited(record, bob) and body["hours"] in ("2.5", 2.5)
    path = f"casework/services/{record.pk}/"
    changed = service(tree, summary="走访", version=body["version"])
    assert call(alice, "put", path, changed)[0] == 200
    status, stale = call(bob, "put", path, service(tree, summary="x", version=body["version"]))
    assert (status, stale["code"]) == (409, "conflict")
    record.refresh_from_db()
    assert record.summary == "走访"


def test_a_service_is_validated_scoped_and_role_checked(bob, dora, tree):
    status, body = call(bob, "post", "casework/services/", service(tree, hours="30"))
    assert (status, body["code"]) == (400, "invalid") and "hours" in body["errors"]
    status, body = call(bob, "post", "casework/services/", service(tree, village_id=tree.shimen.pk))
    assert (status, body["code"]) == (404, "not_found")
    status, body = call(dora, "post", "casework/services/", service(tree))
    assert (status, body["code"]) == (403, "forbidden")
    other = make_service(tree.shimen)
    status, body = call(bob, "put", f"casework/services/{other.pk}/", service(tree, version="x"))
    assert (status, body["code"]) == (404, "not_found")
    assert ServiceRecord.objects.count() == 1


# --- training --------------------------------------------------------------------------------


def test_a_training_need_is_submitted_validated_scoped_and_role_checked(
    alice, bob, dora, residents
):
    need = {"person_id": residents.niupingao.pk, "topic": "电商 直播"}
    status, body = call(bob, "post", "training/needs/", need)
    assert (status, body["topic"]) == (201, "电商直播")
    assert audited(TrainingNeed.objects.get(pk=body["id"]), bob)
    status, body = call(alice, "post", "training/needs/", need)
    assert (status, body["code"]) == (400, "invalid") and "topic" in body["errors"]
    status, body = call(bob, "post", "training/needs/", {**need, "person_id": residents.shimen.pk})
    assert (status, body["code"]) == (404, "not_found")
    assert call(dora, "post", "training/needs/", need)[0] == 403
    assert [item["topic"] for item in call(bob, "get", "training/needs/")[1]["items"]] == [
        "电商直播"
    ]


# --- party -----------------------------------------------------------------------------------


def test_an_application_opens_a_record_validated_scoped_and_role_checked(alice, bob, residents):
    application = {
        "person_id": residents.niupingao.pk,
        "applied_on": "2026-05-06",
        "source_category": "other",
    }
    assert call(bob, "post", "party/records/", application)[0] == 403
    status, body = call(
        alice, "post", "party/records/", {**application, "person_id": residents.dongcun.pk}
    )
    assert (status, body["code"]) == (404, "not_found")
    status, body = call(
        alice, "post", "party/records/", {**application, "applied_on": "2027-01-04"}
    )
    assert (status, body["code"]) == (400, "invalid")
    status, body = call(alice, "post", "party/records/", application)
    assert status == 201, body
    assert audited(DevelopmentRecord.objects.get(pk=body["id"]), alice)
    status, body = call(alice, "post", "party/records/", application)
    assert (status, body["code"]) == (400, "invalid")


def test_every_record_output_carries_its_version(alice, tree):
    make_service(tree.niupingao)
    item = call(alice, "get", "casework/services/")[1]["items"][0]
    assert item["version"] == ServiceRecord.objects.get().updated_at.isoformat()
