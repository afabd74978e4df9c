"""Each module's main edit form: the later of two edits opened on the same version is refused
(optimistic locking, core/versions.py) instead of silently overwriting the first."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import models
from django.urls import reverse

from .conftest import login


def _talent(tree: Any) -> models.Model:
    from qunyan.talents.tests.factories import make_talent

    return make_talent(tree.niupingao)


def _outreach(tree: Any) -> models.Model:
    from qunyan.talents.tests.factories import make_contact

    return make_contact(_talent(tree).person, datetime.date(2026, 3, 1))  # type: ignore[attr-defined]


def _class(tree: Any) -> models.Model:
    from qunyan.training.tests.factories import make_class

    return make_class(tree.yangjiaotang)


def _service(tree: Any) -> models.Model:
    from qunyan.casework.tests.factories import make_service

    return make_service(tree.niupingao)


def _case(tree: Any) -> models.Model:
    from qunyan.casework.tests.factories import make_case

    return make_case(tree.niupingao)


def _commendation(tree: Any) -> models.Model:
    from qunyan.evaluation.models import Commendation
    from qunyan.evaluation.tests.factories import make_commendation
    from qunyan.people.tests.factories import make_person

    make_commendation(make_person(tree.niupingao, name="赵六"), 2025)
    return Commendation.objects.get()


def _duty(tree: Any) -> models.Model:
    from qunyan.duties.services import catalogue_ensure

    return catalogue_ensure(town=tree.yangjiaotang, by=None)[0]


EDITS: list[tuple[str, Callable[[Any], models.Model], str]] = [
    ("talents:talent-edit", _talent, "trade"),
    ("talents:outreach-edit", _outreach, "notes"),
    ("training:class-edit", _class, "name"),
    ("casework:service-edit", _service, "summary"),
    ("casework:case-edit", _case, "title"),
    ("evaluation:commendation-edit", _commendation, "title"),
    ("duties:duty-edit", _duty, "name"),
]


def form_data(client: Any, url: str) -> dict[str, Any]:
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else value
    return data


@pytest.mark.parametrize(("route", "make", "field"), EDITS, ids=[edit[0] for edit in EDITS])
def test_the_later_of_two_edits_from_the_same_version_is_refused(alice, tree, route, make, field):
    record = make(tree)
    url = reverse(route, args=[record.pk])
    first, second = login(alice), login(alice)
    first_form, second_form = form_data(first, url), form_data(second, url)
    assert first_form["version"] and first_form["version"] == second_form["version"]
    saved = first.post(url, {**first_form, field: "甲方改的"})
    assert saved.status_code == 302, saved.context["form"].errors
    refused = second.post(url, {**second_form, field: "乙方改的"})
    assert refused.status_code == 200
    # In Chinese (the pages' language), saying the record changed after it was opened.
    assert "在您打开此记录之后" in refused.content.decode()
    record.refresh_from_db()
    assert getattr(record, field) == "甲方改的"
    # Opened again, the form carries the new version and the edit goes through.
    again = second.post(url, {**form_data(second, url), field: "乙方改的"})
    assert again.status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == "乙方改的"


def test_a_party_step_from_a_page_opened_before_the_last_step_is_refused(alice, niupingao):
    """Without the version, the second officer's talk would be recorded as the step after it."""
    from qunyan.party.tests.factories import make_members, walk
    from qunyan.people.tests.factories import make_person

    members = make_members(niupingao)
    record = walk(
        make_person(niupingao, name="张伟", birth=datetime.date(1995, 3, 8)), members, upto=1
    )
    url = reverse("party:step-add", args=[record.pk])
    first, second = login(alice), login(alice)
    versions = [
        client.get(record.get_absolute_url()).context["step_form"]["version"].value()
        for client in (first, second)
    ]
    assert versions[0] and versions[0] == versions[1]
    talk = {"on": "2024-03-20", "person": members[0].pk}
    assert first.post(url, {**talk, "version": versions[0]}).status_code == 302
    refused = second.post(url, {**talk, "version": versions[1]})
    assert refused.status_code == 200
    assert "在您打开此记录之后" in refused.content.decode()
    assert sorted(record.steps.values_list("number", flat=True)) == [1, 2]
