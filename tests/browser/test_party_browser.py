"""The town officer takes one person from the application to full member through the pages."""

import datetime

import pytest
import time_machine

from qunyan.core.tests.factories import PASSWORD
from qunyan.party.models import DevelopmentRecord
from qunyan.party.tests.factories import PATH, PUBLICITY, make_members
from qunyan.people.tests.factories import make_person

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def iso(day: datetime.date) -> str:
    return day.isoformat()


def test_application_to_full_member_through_the_pages(page, alice, tree):
    """25 steps through the next-step form, one refusal on the way, then the 纪实表 is full."""
    traveller = time_machine.travel(datetime.datetime(2026, 11, 20, 9, 0), tick=True)
    traveller.start()
    try:
        _walk(page, tree)
    finally:
        traveller.stop()


def _walk(page, tree):
    zhang = make_person(tree.niupingao, name="张伟", birth=datetime.date(1995, 3, 8))
    members = make_members(tree.niupingao)
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/party/new/?person={zhang.pk}")
    page.fill("#id_applied_on", iso(PATH[1]))
    page.select_option("#id_source_category", "veteran")
    page.click("#save-start")
    page.wait_for_selector("#step-form")

    # A talk too late is refused with the rule, in Chinese, and the form stays on step 2.
    page.fill("#id_on", "2024-04-05")
    page.select_option("#id_person", str(members[0].pk))
    page.click("#save-step")
    page.wait_for_selector("text=一个月内")
    assert "第2步" in page.inner_text("#next-step")

    for number in range(2, 26):
        page.fill("#id_on", iso(PATH[number]))
        if number in (2, 16):
            page.select_option("#id_person", str(members[0].pk))
        if number == 5:
            page.select_option("#id_people", [str(m.pk) for m in members[:2]])
        if number == 9:
            page.select_option("#id_people", [str(m.pk) for m in members[1:3]])
        if number == 10:
            page.select_option("#id_review_passed", "yes")
        if number == 11:
            page.fill("#id_training_days", "3")
        if number in PUBLICITY:
            page.fill("#id_publicity_from", iso(PUBLICITY[number][0]))
            page.fill("#id_publicity_to", iso(PUBLICITY[number][1]))
            page.fill("#id_publicity_contact", "镇党委组织办 0746-1234567")
        if number in (15, 23):
            page.fill("#id_due", "10")
            page.fill("#id_present", "8")
            page.fill("#id_yes", "7")
            page.fill("#id_no", "1")
        if number == 23:
            page.select_option("#id_outcome", "convert")
        page.click("#save-step")
        page.wait_for_selector(f"[data-step='{number}'].list-group-item-success")

    assert "正式党员" in page.inner_text("#record-stage")
    record = DevelopmentRecord.objects.get(person=zhang)
    assert (record.admitted_on, record.converted_on) == (PATH[15], PATH[23])
    assert record.steps.count() == 25
    assert page.locator(".list-group-item-success").count() == 25
