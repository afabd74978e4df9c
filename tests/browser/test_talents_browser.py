"""A town officer plans a holiday campaign, assigns a visitor, records the visit and sees the
funnel move."""

import datetime

import pytest
from django.utils import timezone

from qunyan.core.tests.factories import PASSWORD
from qunyan.talents.choices import HomeTime
from qunyan.talents.models import Assignment, Outreach
from qunyan.talents.tests.factories import make_talent

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def figure(page, key: str) -> int:
    return int(page.inner_text(f'#funnel-figures [data-figure="{key}"]'))


def test_campaign_to_assignment_to_visit_to_funnel(page, alice, bob, tree):
    """Plan, assign 张强 to bob, record bob's visit, and watch contacted and intends go up."""
    talent = make_talent(tree.niupingao, name="张强", home_time=HomeTime.SPRING_FESTIVAL)
    today = timezone.localdate()
    log_in(page, "alice", PASSWORD)

    page.goto(f"{page.base_url}/talents/funnel/")
    page.wait_for_selector("#funnel-chart canvas")
    assert (figure(page, "contacted"), figure(page, "intends")) == (0, 0)

    page.goto(f"{page.base_url}/talents/campaigns/new/")
    page.fill("#id_name", "春节返乡人才走访")
    page.select_option("#id_occasion", "spring_festival")
    page.fill("#id_starts_on", (today - datetime.timedelta(days=3)).isoformat())
    page.fill("#id_ends_on", (today + datetime.timedelta(days=10)).isoformat())
    page.click("#save-campaign")
    page.wait_for_selector("#assignment-form")

    page.select_option("#id_person", str(talent.person_id))
    page.select_option("#id_visitor", f"account:{bob.pk}")
    page.click("#assign")
    page.wait_for_selector("#assignment-table tr[data-person=张强]")
    assert "bob" in page.inner_text("#assignment-table tr[data-person=张强] [data-visitor]")
    assert Assignment.objects.get().visitor_account == bob

    page.click("#visit-lists a")
    page.wait_for_selector("#visit-table")
    assert "张强" in page.inner_text("#visit-table")

    page.goto(f"{page.base_url}{talent.get_absolute_url()}")
    page.fill("#id_date", today.isoformat())
    page.select_option("#id_way", "home_visit")
    page.select_option("#id_visitor", f"account:{bob.pk}")
    page.select_option("#id_intent", "committed")
    page.fill("#id_notes", "打算回村办油茶加工厂，需要用地支持")
    page.fill("#id_follow_up_on", (today + datetime.timedelta(days=20)).isoformat())
    page.click("#record-contact")
    page.wait_for_selector("#contact-table")
    contact = Outreach.objects.get()
    assert contact.campaign is not None
    assert contact.campaign.name == "春节返乡人才走访"

    page.goto(f"{page.base_url}/talents/funnel/")
    page.wait_for_selector("#funnel-chart canvas")
    assert (figure(page, "contacted"), figure(page, "intends")) == (1, 1)
    row = page.locator("#campaign-funnel-table tr[data-campaign=春节返乡人才走访] td")
    assert row.nth(1).inner_text() == "1"
    assert page.get_attribute("#funnel-chart", "data-values").startswith("1,1,")
