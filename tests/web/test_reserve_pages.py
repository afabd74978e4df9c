"""The reserve pool, survey and work list through the web, per role."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qunyan.core.scopes import Scope
from qunyan.people.tests.factories import make_person
from qunyan.reserves.models import Reserve, Supervision, WorkItem
from qunyan.reserves.tests.factories import make_reserve
from qunyan.reserves.worklist import survey_generate

from .conftest import login

D = datetime.date


@pytest.fixture
def items(alice, tree):
    """A survey on 2023-01-01 with nobody in the pool: every village has an open item."""
    survey_generate(
        town=tree.yangjiaotang, on=D(2023, 1, 1), by=alice, scope=Scope.for_account(alice)
    )
    return {item.village.name: item for item in WorkItem.objects.select_related("village")}


def test_the_survey_page_shows_the_same_numbers_as_the_statistics(alice, tree):
    """The town total and the short villages on the page are the contract's figures."""
    make_reserve(make_person(tree.niupingao, birth=D(1995, 1, 1)), entered_on=D(2022, 1, 1))
    html = login(alice).get(reverse("reserves:survey"), {"on": "2023-12-31"}).content.decode()
    assert 'data-total="total">1<' in html
    assert 'data-total="young_and_college">1<' in html
    assert 'data-figure="short">2<' in html


def test_the_survey_exports_to_xlsx(alice, tree):
    """One row per village and the town total; the export is audited."""
    response = login(alice).get(reverse("reserves:survey"), {"on": "2023-12-31", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert names[:2] == ["牛坪坳村", "石门村"]
    assert len(names) == 3


def test_running_the_survey_needs_the_town_office(bob, tree):
    """A secretary may read the survey but not save it."""
    client = login(bob)
    assert client.get(reverse("reserves:survey")).status_code == 200
    assert client.post(reverse("reserves:survey-run"), {"on": "2023-01-01"}).status_code == 403
    assert not WorkItem.objects.exists()


def test_a_secretary_sees_and_supervises_only_their_villages_item(bob, items):
    """bob's work list has 牛坪坳村 only; 石门村's item is a 404 for him."""
    client = login(bob)
    html = client.get(reverse("reserves:worklist")).content.decode()
    assert "牛坪坳村" in html
    assert "石门村" not in html
    other = items["石门村"]
    assert client.get(reverse("reserves:work-item", args=[other.pk])).status_code == 404
    own = items["牛坪坳村"]
    response = client.post(
        reverse("reserves:work-item", args=[own.pk]),
        {"on": "2023-01-05", "way": "visit", "agreed": "月底前推荐两名人选"},
    )
    assert response.status_code == 302
    assert Supervision.objects.get().item == own


def test_the_officer_adds_a_reserve_by_id_number(alice, tree):
    """The add form finds the person in the registry by ID number, within the scope."""
    person = make_person(tree.niupingao)
    stranger = make_person(tree.dongcun)
    client = login(alice)
    data = {
        "stage": "reserved",
        "on": "2023-02-01",
        "source_category": "veteran",
        "reserved_for": "committee",
    }
    response = client.post(reverse("reserves:reserve-add"), {**data, "id_number": person.id_number})
    stay = Reserve.objects.get(person=person)
    assert response["Location"] == reverse("reserves:reserve-detail", args=[stay.pk])
    response = client.post(
        reverse("reserves:reserve-add"), {**data, "id_number": stranger.id_number}
    )
    assert response.status_code == 200
    assert not Reserve.objects.filter(person=stranger).exists()


def test_the_pool_marks_who_may_apply_to_join_the_party(alice, tree):
    """A reserve of 18 or over who is not a member and has not applied carries the mark."""
    make_reserve(
        make_person(tree.niupingao, name="王小明", birth=D(1998, 1, 1)), entered_on=D(2022, 1, 1)
    )
    html = login(alice).get(reverse("reserves:pool")).content.decode()
    assert "王小明" in html
    assert "badge text-bg-danger" in html
