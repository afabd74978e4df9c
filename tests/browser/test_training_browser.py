"""A town officer opens a class from the villages' needs, signs two people in by their QR codes
on the sign-in sheet, and sees the class's person-times."""

import datetime

import pytest
from django.utils import timezone

from qunyan.core.scopes import Scope
from qunyan.core.tests.factories import PASSWORD
from qunyan.people.tests.factories import make_person
from qunyan.training.models import Attendance, Enrolment, TrainingClass
from qunyan.training.needs import need_submit

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_a_class_from_needs_and_check_two_people_in_by_qr(page, alice, tree):
    for unit, name in ((tree.niupingao, "刘建国"), (tree.shimen, "周丽")):
        need_submit(
            person=make_person(unit, name=name), topic="电商", by=None, scope=Scope.unrestricted()
        )
    log_in(page, "alice", PASSWORD)

    page.goto(f"{page.base_url}/training/needs/")
    row = page.locator("tr[data-topic=电商]")
    assert row.locator("[data-part=people]").inner_text() == "2"
    row.locator("a.open-class").click()
    now = timezone.localtime()
    page.fill("#id_code", "DS-2026-01")
    page.fill("#id_name", "农村电商培训班")
    page.fill("#id_starts_at", (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (now + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "电商服务站")
    page.select_option("#id_venue", "on_site")
    page.fill("#id_hours", "3")
    page.click("#open-class")
    page.wait_for_selector("#person-times")
    training_class = TrainingClass.objects.get(code="DS-2026-01")
    assert Enrolment.objects.filter(training_class=training_class).count() == 2
    assert page.locator("#person-times").inner_text() == "0"  # invited is not attended

    page.click("a.session-link")
    page.click("#signin-sheet")
    page.wait_for_selector("td.qy-qr")
    cells = page.locator("td.qy-qr")
    assert cells.count() == 2
    assert page.locator("td.qy-qr svg").count() == 2
    urls = [cells.nth(i).get_attribute("data-checkin-url") for i in range(2)]
    for url in urls:
        page.goto(url)
        page.click("#confirm-checkin")
        page.wait_for_selector("#checkin-done")
    page.goto(urls[0])  # the same code again
    assert "只能使用一次" in page.locator("#checkin-refused").inner_text()

    page.goto(f"{page.base_url}/training/classes/{training_class.pk}/")
    assert page.locator("#person-times").inner_text() == "2"
    assert Attendance.objects.filter(training_class=training_class).count() == 2
