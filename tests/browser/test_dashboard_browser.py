"""The dashboard in a real browser: its figures are `qunyan stats`'s, and every chart draws."""

import io
import json
import re

import pytest
from django.core.management import call_command

from qunyan.core.scopes import Scope
from qunyan.core.tests.factories import PASSWORD
from qunyan.demo.generator import build_workbook
from qunyan.reports.figures import flatten, show
from qunyan.spreadsheets.engine import workbook_import

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ("villages", "age", "education", "party", "training", "mentoring", "ratings", "outreach")


@pytest.fixture
def demo_town(tree):
    """The demo town's workbook for 2023, imported into the test tree's 羊角塘镇."""
    report = workbook_import(io.BytesIO(build_workbook(2023)), scope=Scope.unrestricted(), by=None)
    assert report.ok


def _stats_command(**period: str) -> dict:
    out = io.StringIO()
    call_command("stats", town="羊角塘镇", stdout=out, **period)
    return json.loads(out.getvalue())


def test_the_dashboard_shows_the_figures_of_qunyan_stats(page, alice, demo_town):
    """Each card and every row of the full table equals the command's JSON; the charts draw."""
    stats = _stats_command(period_from="2021-01-01", period_to="2023-12-31")
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/?from=2021-01-01&to=2023-12-31")
    assert page.inner_text("[data-figure=villages]") == str(stats["villages"])
    assert page.inner_text("[data-figure=reserves]") == str(stats["reserves"]["total"])
    new = stats["party_development"]["new_probationary_members"]
    assert page.inner_text("[data-figure=new-members]") == str(new)
    persons = page.inner_text("[data-figure=person-times]")
    assert persons == str(stats["training"]["person_times"])
    page.click("#all-figures summary")
    for path, value in flatten(stats):
        assert page.inner_text(f'[data-stat="{path}"]') == show(value), path
    for chart in CHARTS:
        assert page.locator(f'[data-chart="{chart}"] canvas').count() == 1, chart


def test_a_figure_leads_to_the_list_behind_it(page, alice, demo_town):
    """The young-and-college card opens the registry filtered to those reserves."""
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/?from=2021-01-01&to=2023-12-31")
    page.click("a:has([data-figure=young-and-college])")
    page.wait_for_load_state("networkidle")
    assert re.search(r"identity=reserve", page.url)


def test_the_big_screen_and_a_phone(page, alice, demo_town):
    """数据大屏 draws its charts; on a phone-sized screen the dashboard still fits its width."""
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/screen/?from=2021-01-01&to=2023-12-31")
    assert page.locator('[data-chart="villages"] canvas').count() == 1
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{page.base_url}/?from=2021-01-01&to=2023-12-31")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
