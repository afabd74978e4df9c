"""The demo town through the pages: the article's figures and a person's identities."""

import pytest
from django.test import Client
from django.urls import reverse

from qunyan.demo.services import DEMO_PASSWORD, demo_load
from qunyan.evaluation.models import Commendation


@pytest.fixture
def officer(db) -> Client:
    demo_load(report_year=2023)
    client = Client()
    assert client.login(username="officer", password=DEMO_PASSWORD)
    return client


def test_the_overview_shows_the_articles_reserve_figures(officer):
    """35 villages, a pool of 72 and 48 young with college education, for 2021–2023."""
    html = officer.get(reverse("core:home"), {"from": "2021-01-01", "to": "2023-12-31"}).content
    text = html.decode()
    for figure, value in (("villages", 35), ("reserves", 72), ("young-and-college", 48)):
        assert f'data-figure="{figure}">{value}<' in text


def test_a_persons_page_gathers_every_identity(officer):
    """The 牛坪坳村 secretary's page lists the post, the commendations and the training."""
    city = Commendation.objects.get(authority="祁阳市委")
    html = officer.get(city.person.get_absolute_url()).content.decode()
    for section in ("cadre", "training", "commendations"):
        assert f'id="section-{section}"' in html
    assert "祁阳市乡村振兴担当作为党组织书记" in html


def test_the_registry_filters_outside_talents(officer):
    """The identity filter added by the talents module finds the people working elsewhere."""
    response = officer.get(reverse("people:person-list"), {"identity": "outside_talent"})
    assert response.context["page"].paginator.count >= 14
