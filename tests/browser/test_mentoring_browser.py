"""A town officer opens the suggested pairs, accepts one and logs the pair's first meeting."""

import datetime

import pytest

from qunyan.core.tests.factories import PASSWORD
from qunyan.mentoring.choices import WorkArea
from qunyan.mentoring.models import Meeting, Mentorship
from qunyan.mentoring.tests.factories import make_cadre, make_mentor, make_need
from qunyan.people.tests.factories import make_person

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_suggestion_to_pair_to_logged_meeting(page, alice, tree):
    """Nothing is paired until the officer accepts; the pair's page then takes the log."""
    mentor = make_mentor(
        make_person(tree.yangjiaotang, name="财务导师", birth=datetime.date(1972, 1, 1)),
        strengths=[WorkArea.FINANCE],
    )
    mentee = make_cadre(
        make_person(tree.niupingao, name="待结对甲", birth=datetime.date(1996, 1, 1))
    )
    make_need(mentee, WorkArea.FINANCE)
    log_in(page, "alice", PASSWORD)

    page.goto(f"{page.base_url}/mentoring/")
    page.click("#nav-suggestions")
    row = page.locator("tr[data-mentee=待结对甲]")
    row.wait_for()
    assert row.get_attribute("data-mentor") == "财务导师"
    assert row.locator("[data-part=skill]").inner_text() == "40.0"
    assert not Mentorship.objects.exists()

    row.locator("input[type=date]").fill("2023-12-01")
    row.locator("button.accept").click()
    page.wait_for_selector("#log-meeting")
    pair = Mentorship.objects.get()
    assert (pair.mentor, pair.mentee) == (mentor.person, mentee)
    assert pair.started_on == datetime.date(2023, 12, 1)

    page.fill("#id_meeting-on", "2023-12-15")
    page.fill("#id_meeting-topic", "村级财务公开与报账流程")
    page.fill("#id_meeting-tasks_given", "整理本季度村务公开资料")
    page.click("#log-meeting")
    page.wait_for_selector("#meetings >> text=村级财务公开与报账流程")
    meeting = Meeting.objects.get()
    assert (meeting.pair, meeting.on) == (pair, datetime.date(2023, 12, 15))
