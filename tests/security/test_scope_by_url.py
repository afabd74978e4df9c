"""Records of another town, reached by URL: every view that takes a record answers 404 or 403.

Each route of the URL conf that takes an argument must appear in OUTSIDE (how to name a record
of 白水镇, outside the personas' town 羊角塘镇) or in NOT_A_RECORD; a new view that is in neither
fails test_every_route_with_an_argument_is_covered, so none escapes the scope check.
"""

import datetime
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from qunyan.api.services import token_issue
from qunyan.mentoring.tests.factories import make_cadre, make_mentor, make_pair
from qunyan.people.tests.factories import make_person
from qunyan.reserves.models import WorkItem
from qunyan.reserves.tests.factories import make_reserve
from qunyan.talents.models import Symposium
from qunyan.talents.tests.factories import make_campaign, make_contact, make_talent
from tests.web.conftest import login

from .urlconf import all_routes

# Arguments that do not name a record (the API's own 404 is tested in tests/web/test_api.py).
NOT_A_RECORD: set[str] = {"api-v1:person"}

Kwargs = Callable[[SimpleNamespace], dict[str, Any]]
OUTSIDE: dict[str, Kwargs] = {
    "api:token-revoke": lambda o: {"pk": o.token.pk},
    "core:account-role": lambda o: {"pk": o.account.pk},
    "core:account-unlock": lambda o: {"pk": o.account.pk},
    "core:unit-edit": lambda o: {"pk": o.village.pk},
    "people:person-detail": lambda o: {"pk": o.person.pk},
    "people:person-edit": lambda o: {"pk": o.person.pk},
    "people:person-reveal": lambda o: {"pk": o.person.pk},
    "reserves:reserve-detail": lambda o: {"pk": o.reserve.pk},
    "reserves:work-item": lambda o: {"pk": o.work_item.pk},
    "mentoring:mentee-detail": lambda o: {"pk": o.mentee.pk},
    "mentoring:mentor-detail": lambda o: {"pk": o.mentor.pk},
    "mentoring:pair-detail": lambda o: {"pk": o.pair.pk},
    "talents:talent-detail": lambda o: {"pk": o.talent.pk},
    "talents:talent-edit": lambda o: {"pk": o.talent.pk},
    "talents:outreach-edit": lambda o: {"pk": o.contact.pk},
    "talents:outreach-done": lambda o: {"pk": o.contact.pk},
    "talents:campaign-detail": lambda o: {"pk": o.campaign.pk},
    "talents:campaign-edit": lambda o: {"pk": o.campaign.pk},
    "talents:visit-list": lambda o: {"pk": o.campaign.pk},
    "talents:symposium-detail": lambda o: {"pk": o.symposium.pk},
}


@pytest.fixture
def outside(tree, dora) -> SimpleNamespace:
    """One record of each kind in 东村 / 白水镇."""
    person = make_person(tree.dongcun, name="王外")
    mentee = make_person(tree.dongcun, name="赵新", birth=datetime.date(1998, 3, 1))
    make_cadre(mentee)
    mentor_person = make_person(tree.dongcun, name="钱老", birth=datetime.date(1970, 3, 1))
    talent = make_talent(tree.dongcun, name="孙远")
    campaign = make_campaign(tree.baishui)
    today = datetime.date(2023, 6, 1)
    return SimpleNamespace(
        token=token_issue(account=dora, name="dora")[0],
        account=dora,
        village=tree.dongcun,
        person=person,
        reserve=make_reserve(person),
        work_item=WorkItem.objects.create(village=tree.dongcun, opened_on=today, checked_on=today),
        mentee=mentee,
        mentor=make_mentor(mentor_person),
        pair=make_pair(mentor_person, mentee),
        talent=talent,
        contact=make_contact(talent.person, datetime.date(2023, 1, 20)),
        campaign=campaign,
        symposium=Symposium.objects.create(
            campaign=campaign, held_on=datetime.date(2023, 1, 25), topic="返乡创业座谈"
        ),
    )


def test_every_route_with_an_argument_is_covered():
    with_arguments = {route.name for route in all_routes() if route.takes_arguments}
    missing = with_arguments - set(OUTSIDE) - NOT_A_RECORD
    assert not missing, f"add these views to OUTSIDE or NOT_A_RECORD: {sorted(missing)}"


@pytest.mark.parametrize("persona", ["alice", "bob", "leader"])
def test_records_of_another_town_are_out_of_reach(request, outside, persona):
    client = login(request.getfixturevalue(persona))
    routes = {route.name: route for route in all_routes()}
    reached = {}
    for name, kwargs in OUTSIDE.items():
        url = routes[name].url(**kwargs(outside))
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status not in {403, 404, 405}:
                reached[f"{method.upper()} {url}"] = status
    assert not reached


def test_the_same_records_open_for_the_county(outside, dora):
    """The control: the records exist and the county, whose scope holds them, reaches them."""
    client = login(dora)
    assert client.get(f"/people/{outside.person.pk}/").status_code == 200
    assert client.get(f"/talents/{outside.talent.pk}/").status_code == 200
