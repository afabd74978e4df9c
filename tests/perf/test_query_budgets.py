"""SQL queries per page and per API call: a fixed budget that does not grow with the data.

Every parameterless page of the URL conf (tests/security/urlconf.py) is fetched as the town
officer, with the main detail pages and the API's GET endpoints, at two data sizes (34 and 60
people in two villages, every module's records): the counts must be equal (no N+1) and within
the budget.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from qunyan.api.services import token_issue
from qunyan.casework.models import MediationCase, ServiceRecord
from qunyan.mentoring.models import Mentor, Mentorship
from qunyan.party.models import DevelopmentRecord
from qunyan.people.models import Person
from qunyan.reserves.models import Reserve
from qunyan.talents.models import Campaign, OutsideTalent
from qunyan.training.models import TrainingClass
from tests.security.urlconf import all_routes
from tests.web.conftest import login

from .conftest import add_batch

# Queries a page may make at most (session, account, scope, the page's own reads, the menu).
BUDGET = 40
# The year report reads every statistic of the town and names up to five rare honours (one
# small query each, bounded).
BUDGETS = {"reports:report": 60}
# Pages that are not lists or details (downloads, forms that only post, the way out).
SKIP = {"core:logout", "set_language", "api-v1:openapi-json", "api-v1:openapi-view"}


def _first(model: Any, **filters: Any) -> Callable[[Any], int]:
    return lambda tree: (
        model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True)[0]
    )


# The main detail pages: route → the pk of a record in 羊角塘镇.
DETAILS: dict[str, Callable[[Any], int]] = {
    "people:person-detail": _first(Person, town__name="羊角塘镇"),
    "reserves:reserve-detail": _first(Reserve),
    "party:record-detail": _first(DevelopmentRecord),
    "talents:talent-detail": _first(OutsideTalent),
    "talents:campaign-detail": _first(Campaign),
    "training:class-detail": _first(TrainingClass),
    "training:person-record": _first(Person, town__name="羊角塘镇"),
    "mentoring:pair-detail": _first(Mentorship),
    "mentoring:mentor-detail": _first(Mentor),
    "casework:case-detail": _first(MediationCase),
    "casework:service-detail": _first(ServiceRecord),
    "duties:village-detail": lambda tree: tree.niupingao.pk,
    "evaluation:village-scores": lambda tree: tree.niupingao.pk,
}


def _pages(tree: Any) -> list[tuple[str, str]]:
    pages = []
    for route in all_routes():
        if route.name in SKIP:
            continue
        if route.name in DETAILS:
            pages.append((route.name, route.url(pk=DETAILS[route.name](tree))))
        elif not route.takes_arguments:
            pages.append((route.name, route.url()))
    pages.append(("api-v1:person", f"/api/v1/people/{DETAILS['people:person-detail'](tree)}/"))
    return pages


def _measure(client: Client, api: Client, pages: list[tuple[str, str]]) -> dict[str, int]:
    counts = {}
    for name, url in pages:
        caller = api if name.startswith("api-v1:") else client
        with CaptureQueriesContext(connection) as queries:
            response = caller.get(url)
        if response.status_code != 200:
            continue  # a form that only posts, or a page this role does not have
        counts[name] = len(queries)
    return counts


@pytest.fixture
def clients(alice):
    _token, clear = token_issue(account=alice, name="budget")
    return login(alice), Client(headers={"authorization": f"Bearer {clear}"})


def test_every_page_keeps_its_query_budget_as_the_data_grows(
    town_data, clients, django_assert_max_num_queries
):
    client, api = clients
    pages = _pages(town_data)
    # First visits set things up (default catalogues, devices); a few reads only run once some
    # kind of record exists. So the two measured sizes, 34 and 60 people, both have everything.
    _measure(client, api, pages)
    add_batch(town_data, 12)
    small = _measure(client, api, pages)
    add_batch(town_data, 13)
    large = _measure(client, api, pages)
    # The detail pages and the main lists must all have answered.
    missing = [
        name for name in [*DETAILS, "people:person-list", "api-v1:people"] if name not in large
    ]
    assert not missing
    grown = {
        name: (small.get(name), count) for name, count in large.items() if small.get(name) != count
    }
    assert not grown, f"queries grew with the data (N+1): {grown}"
    over = {name: count for name, count in large.items() if count > BUDGETS.get(name, BUDGET)}
    assert not over, f"over the budget of {BUDGET}: {over}"
    for name, url in pages:
        if name in large:
            with django_assert_max_num_queries(large[name]):
                (api if name.startswith("api-v1:") else client).get(url)
