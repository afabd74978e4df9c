"""Party development pages: scope, the next-step form, due items, the plan, and the public notices."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document as WordDocument

from qunyan.party.models import DevelopmentPlan, DevelopmentRecord, VisitCounter
from qunyan.party.tests.factories import make_members, walk
from qunyan.people.tests.factories import make_person

from .conftest import login

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


@pytest.fixture
def members(niupingao):
    return make_members(niupingao)


@pytest.fixture
def zhang(niupingao):
    return make_person(niupingao, name="张伟", birth=D(1995, 3, 8), phone="13912345678")


@pytest.fixture
def shimen_record(shimen, members):
    li = make_person(shimen, name="李娜", birth=D(1996, 1, 1), gender="F")
    return walk(li, members, upto=3)


def test_the_officer_sees_the_town_and_filters_by_stage(alice, zhang, members, shimen_record):
    """Both villages' records are listed; the stage filter keeps only activists."""
    walk(zhang, members, upto=16)
    client = login(alice)
    page = client.get(reverse("party:record-list")).content.decode()
    assert "张伟" in page and "李娜" in page
    page = client.get(reverse("party:record-list"), {"stage": 2}).content.decode()
    assert "李娜" in page and "张伟" not in page


def test_a_secretary_sees_only_the_own_village(bob, zhang, members, shimen_record):
    """bob (牛坪坳村) does not see 石门村's record, and its page is a 404 for him."""
    walk(zhang, members, upto=1)
    client = login(bob)
    page = client.get(reverse("party:record-list")).content.decode()
    assert "张伟" in page and "李娜" not in page
    assert client.get(shimen_record.get_absolute_url()).status_code == 404
    due = client.get(reverse("party:due")).content.decode()
    assert "李娜" not in due


def test_a_secretary_cannot_record_a_step(bob, zhang, members):
    """Recording steps is the town officer's (MANAGE_PARTY): bob is refused."""
    record = walk(zhang, members, upto=1)
    response = login(bob).post(reverse("party:step-add", args=[record.pk]), {"on": "2024-03-10"})
    assert response.status_code == 403
    assert record.steps.count() == 1


def test_the_next_step_form_shows_the_rule_in_chinese(alice, zhang, members):
    """A late talk is refused on the page with the rule in Chinese; nothing is saved."""
    record = walk(zhang, members, upto=1)
    client = login(alice)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "党组织派人谈话" in page
    response = client.post(
        reverse("party:step-add", args=[record.pk]),
        {"on": "2024-04-05", "person": members[0].pk},
    )
    assert response.status_code == 200
    assert "一个月内" in response.content.decode()
    assert record.steps.count() == 1


def test_the_officer_records_the_talk(alice, zhang, members):
    """A valid talk is saved and the page moves on to step 3."""
    record = walk(zhang, members, upto=1)
    client = login(alice)
    response = client.post(
        reverse("party:step-add", args=[record.pk]),
        {"on": "2024-03-20", "person": members[0].pk},
    )
    assert response.status_code == 302
    page = client.get(record.get_absolute_url()).content.decode()
    assert "推荐和确定入党积极分子" in page
    assert record.participants.get().person == members[0]


def test_the_due_list_shows_an_overdue_approval(alice, zhang, members):
    """Admitted in June 2025 without approval: overdue by November 2026."""
    walk(zhang, members, upto=16)
    page = login(alice).get(reverse("party:due")).content.decode()
    assert "张伟" in page and "table-danger" in page


def test_the_plan_compares_quota_and_admissions_by_source(alice, zhang, members, niupingao):
    """A quota of 3 for 牛坪坳村 and one 退役军人 admitted in 2025."""
    walk(zhang, members, upto=16, source="veteran")
    client = login(alice)
    client.post(reverse("party:plan"), {"village": niupingao.pk, "year": 2025, "quota": 3})
    assert DevelopmentPlan.objects.get().quota == 3
    response = client.get(reverse("party:plan"), {"year": 2025})
    rows = {
        row.village.name: (row.quota, row.actual, counts)
        for row, counts in response.context["table"]
    }
    assert rows["牛坪坳村"] == (3, 1, [0, 0, 0, 1, 0])
    assert rows["石门村"] == (None, 0, [0, 0, 0, 0, 0])


def test_the_word_record_has_the_steps_and_a_masked_id(alice, zhang, members):
    """The 纪实表 names the person, masks the ID number and lists the 25 steps."""
    record = walk(zhang, members, upto=5)
    response = login(alice).get(reverse("party:record-export", args=[record.pk]))
    assert response.status_code == 200
    document = WordDocument(io.BytesIO(response.content))
    text = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "张伟" in text and zhang.masked_id_number in text
    assert zhang.id_number not in text
    assert "指定培养联系人" in text


@pytest.fixture
def under_publicity(zhang, members):
    """张伟's admission publicity runs 16–23 November 2026."""
    from qunyan.core.scopes import Scope
    from qunyan.party.services import development_step_record
    from qunyan.party.tests.factories import step_input

    record = walk(zhang, members, upto=11)
    return development_step_record(
        record=record,
        data=step_input(
            12,
            members,
            on=D(2026, 11, 16),
            publicity_from=D(2026, 11, 16),
            publicity_to=D(2026, 11, 23),
        ),
        by=None,
        scope=Scope.unrestricted(),
    )


def test_the_public_page_needs_no_login_and_shows_only_the_notice(
    client, under_publicity, zhang, settings
):
    """Name, sex, birth month, education, unit, stage, dates and contact; nothing more."""
    settings.QUNYAN_PORTAL = {
        "host_unit": "测试主办",
        "tech_support": "测试支持",
        "icp": "湘ICP备0号",
    }
    response = client.get("/party/notices/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "张伟" in page and "1995年3月" in page and "牛坪坳村" in page
    assert "镇党委组织办 0746-1234567" in page
    assert "测试主办" in page and "测试支持" in page and "湘ICP备0号" in page
    assert zhang.id_number not in page and zhang.masked_id_number not in page
    assert "13912345678" not in page and "3月8日" not in page
    assert "党员0" not in page  # the talker, contacts and sponsors stay inside
    assert "/party/" + str(under_publicity.pk) not in page


def test_the_public_page_leaves_out_ended_and_future_notices(client, zhang, members):
    """Only notices running today are shown."""
    walk(zhang, members, upto=12)  # its publicity ended in June 2025
    assert "张伟" not in client.get("/party/notices/").content.decode()


def test_the_visitor_counter_counts_visitors_not_reloads(under_publicity):
    """A reload with the cookie keeps the number; a new visitor gets the next one."""
    from django.test import Client

    first = Client()
    assert "您是第 1 位来访者" in first.get("/party/notices/").content.decode()
    assert "您是第 1 位来访者" in first.get("/party/notices/").content.decode()
    second = Client()
    assert "您是第 2 位来访者" in second.get("/party/notices/").content.decode()
    assert VisitCounter.objects.get().count == 2


def test_a_forged_visitor_cookie_is_a_new_visitor(client, under_publicity):
    """An unsigned cookie does not choose the number shown."""
    client.cookies["qy_visitor"] = "999"
    assert "您是第 1 位来访者" in client.get("/party/notices/").content.decode()


def test_the_officer_pages_need_a_login(client, zhang, members):
    """Anonymous visitors of the record list are sent to log in."""
    record = walk(zhang, members, upto=1)
    for url in (reverse("party:record-list"), record.get_absolute_url(), reverse("party:due")):
        assert client.get(url).status_code == 302
    assert DevelopmentRecord.objects.count() == 1
