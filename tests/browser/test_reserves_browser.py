"""A town officer takes the survey, works a village's item and sees it close."""

import datetime

import pytest

from qunyan.core.tests.factories import PASSWORD
from qunyan.people.tests.factories import make_person
from qunyan.reserves.models import Supervision, WorkItem

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_survey_to_work_item_to_supervision_to_closing(page, alice, tree):
    """The work list follows the survey: open, supervised, then closed once the village has enough."""
    graduates = [
        make_person(tree.niupingao, name=name, birth=datetime.date(1996, 3, 3))
        for name in ("青年甲", "青年乙")
    ]
    log_in(page, "alice", PASSWORD)

    page.goto(f"{page.base_url}/reserves/survey/?on=2023-01-01")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#run-survey")
    page.wait_for_selector("#worklist-table")
    page.click("text=牛坪坳村")
    assert "open" in page.get_attribute("#item-status", "class") or page.inner_text("#item-status")

    page.fill("#id_on", "2023-01-10")
    page.select_option("#id_way", "visit")
    page.fill("#id_agreed", "月底前推荐两名35岁以下大专以上人选")
    page.click("#add-supervision")
    page.wait_for_selector("text=月底前推荐两名35岁以下大专以上人选")
    assert Supervision.objects.count() == 1

    for person in graduates:
        page.goto(f"{page.base_url}/reserves/new/?person={person.pk}")
        page.fill("#id_on", "2023-01-20")
        page.select_option("#id_stage", "reserved")
        page.click("#add-reserve")
        page.wait_for_selector("#stage-history")

    page.goto(f"{page.base_url}/reserves/survey/?on=2023-02-01")
    row = page.locator("tr[data-village=牛坪坳村]")
    assert "table-warning" not in (row.get_attribute("class") or "")
    page.click("#run-survey")
    page.wait_for_selector("#worklist-table, .alert-info")
    item = WorkItem.objects.get(village=tree.niupingao)
    assert item.status == WorkItem.Status.CLOSED
    assert item.closed_on == datetime.date(2023, 2, 1)
