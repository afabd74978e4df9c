"""The register, contacts, campaigns and the funnel through the web, per role and scope."""

import datetime
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from qunyan.core.models import AuditEntry
from qunyan.core.scopes import Scope
from qunyan.party.services import development_records_upsert
from qunyan.people.choices import SourceCategory
from qunyan.reports.selectors import town_statistics
from qunyan.reserves.tests.factories import make_reserve
from qunyan.talents.campaigns import assignment_save
from qunyan.talents.choices import Intent
from qunyan.talents.models import Assignment, Campaign, Outreach, OutsideTalent
from qunyan.talents.tests.factories import make_campaign, make_contact, make_talent
from qunyan.talents.visitors import Visitor

from .conftest import add_person, login

pytestmark = pytest.mark.usefixtures("english")

D = datetime.date


@pytest.fixture
def talents(tree):
    """One person working elsewhere in each of 牛坪坳村, 石门村 and 东村 (another town)."""
    return {
        "niupingao": make_talent(tree.niupingao, person=add_person("张三", tree.niupingao, 1)),
        "shimen": make_talent(tree.shimen, person=add_person("李四", tree.shimen, 2)),
        "dongcun": make_talent(tree.dongcun, person=add_person("王五", tree.dongcun, 3)),
    }


@pytest.fixture
def campaign(tree, talents):
    """The 2023 春节 campaign of 羊角塘镇, listing both of its villages' people."""
    campaign = make_campaign(tree.yangjiaotang)
    for key in ("niupingao", "shimen"):
        assignment_save(
            campaign=campaign,
            person=talents[key].person,
            by=None,
            scope=Scope.unrestricted(),
        )
    return campaign


PAGES = {
    "talents:talent-list": {"alice": 200, "bob": 200, "dora": 200, "leader": 200, "auditor": 403},
    "talents:outreach-list": {"alice": 200, "bob": 200, "dora": 200, "sysadmin": 403},
    "talents:campaign-list": {"alice": 200, "bob": 200, "dora": 200, "secadmin": 403},
    "talents:funnel": {"alice": 200, "bob": 200, "dora": 200, "leader": 200, "auditor": 403},
    "talents:talent-add": {"alice": 200, "bob": 200, "dora": 403, "leader": 403},
    "talents:campaign-add": {"alice": 200, "bob": 403, "dora": 403, "leader": 403},
}


@pytest.mark.parametrize(
    ("url_name", "persona", "status"),
    [(name, persona, status) for name, cases in PAGES.items() for persona, status in cases.items()],
)
def test_each_page_answers_each_role_as_its_capabilities_say(
    request, tree, url_name, persona, status
):
    """Readers read; secretaries write their village's; only the town office plans campaigns."""
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == status


def test_anonymous_visitors_are_sent_to_the_login_page(db):
    response = Client().get(reverse("talents:funnel"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_a_secretary_lists_only_their_villages_people(bob, talents):
    html = login(bob).get(reverse("talents:talent-list")).content.decode()
    assert "张三" in html
    assert "李四" not in html
    assert "王五" not in html


DETAIL = {
    "alice": {"niupingao": 200, "shimen": 200, "dongcun": 404},
    "bob": {"niupingao": 200, "shimen": 404, "dongcun": 404},
    "charlie": {"niupingao": 404, "shimen": 200, "dongcun": 404},
    "dora": {"niupingao": 200, "shimen": 200, "dongcun": 200},
}


@pytest.mark.parametrize("persona", list(DETAIL))
@pytest.mark.parametrize("place", ["niupingao", "shimen", "dongcun"])
def test_an_entry_opens_only_inside_the_accounts_scope(request, talents, persona, place):
    """A direct URL to someone outside the account's area answers 404."""
    client = login(request.getfixturevalue(persona))
    talent = talents[place]
    assert client.get(talent.get_absolute_url()).status_code == DETAIL[persona][place]


def test_direct_urls_to_another_villages_records_are_404_for_a_secretary(bob, talents):
    """Edit form, contact and its follow-up: all outside bob's area."""
    other = talents["shimen"]
    contact = make_contact(other.person, D(2023, 1, 20), follow_up_on=D(2023, 2, 1))
    client = login(bob)
    assert client.get(reverse("talents:talent-edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("talents:outreach-edit", args=[contact.pk])).status_code == 404
    response = client.post(
        reverse("talents:outreach-done", args=[contact.pk]), {"done_on": "2023-02-01"}
    )
    assert response.status_code == 404
    assert client.post(other.get_absolute_url(), {"date": "2023-01-21"}).status_code == 404
    assert Outreach.objects.get().follow_up_done_on is None


def test_a_secretary_enters_their_villager_by_id_number_but_not_a_neighbours(bob, tree):
    own = add_person("陈刚", tree.niupingao, 11)
    neighbour = add_person("刘强", tree.shimen, 12)
    client = login(bob)
    data = {"place": "深圳", "trade": "电商", "home_time": "both", "skills": "直播带货"}
    response = client.post(reverse("talents:talent-add"), {**data, "id_number": own.id_number})
    talent = OutsideTalent.objects.get(person=own)
    assert response["Location"] == talent.get_absolute_url()
    own.refresh_from_db()
    assert own.skills == "直播带货"
    response = client.post(
        reverse("talents:talent-add"), {**data, "id_number": neighbour.id_number}
    )
    assert response.context["form"].errors["id_number"]
    assert not OutsideTalent.objects.filter(person=neighbour).exists()


def test_a_person_can_be_entered_from_their_record_without_typing_the_id(bob, tree):
    """?person= fills in who it is (in scope only); the ID number is never put in the form."""
    own = add_person("陈刚", tree.niupingao, 11)
    neighbour = add_person("刘强", tree.shimen, 12)
    client = login(bob)
    url = reverse("talents:talent-add")
    response = client.get(url, {"person": own.pk})
    assert own.id_number not in response.content.decode()
    response = client.post(f"{url}?person={own.pk}", {"place": "长沙", "trade": "建筑"})
    assert response["Location"] == OutsideTalent.objects.get(person=own).get_absolute_url()
    assert client.get(url, {"person": neighbour.pk}).status_code == 404


def test_a_secretary_records_a_contact_on_the_entry_page(bob, talents, campaign):
    """The contact joins the campaign of its day; bob is the visiting cadre."""
    talent = talents["niupingao"]
    response = login(bob).post(
        talent.get_absolute_url(),
        {
            "date": "2023-01-25",
            "way": "home_visit",
            "visitor": f"account:{bob.pk}",
            "intent": "considering",
            "notes": "关心返乡创业贷款",
            "follow_up_on": "2023-03-01",
        },
    )
    assert response.status_code == 302
    contact = Outreach.objects.get()
    assert (contact.campaign, contact.visitor_account, contact.intent) == (
        campaign,
        bob,
        Intent.CONSIDERING,
    )


def test_overdue_follow_ups_stand_out(alice, talents):
    """Register row and contact list both mark the late follow-up; the filter finds it."""
    late = talents["niupingao"]
    make_contact(late.person, D(2023, 1, 20), follow_up_on=D(2023, 2, 1))
    make_contact(talents["shimen"].person, D(2023, 1, 20))
    client = login(alice)
    html = client.get(reverse("talents:talent-list")).content.decode()
    row = re.search(r'<tr class="([^"]*)"\s+data-person="张三"', html)
    assert row and "table-danger" in row.group(1)
    assert "badge text-bg-danger" in html
    response = client.get(reverse("talents:outreach-list"), {"follow_up": "overdue"})
    assert [c.person for c, _late in response.context["rows"]] == [late.person]
    assert all(is_late for _c, is_late in response.context["rows"])


def test_a_follow_up_is_marked_done_and_the_page_does_not_redirect_off_site(alice, talents):
    contact = make_contact(talents["niupingao"].person, D(2023, 1, 20), follow_up_on=D(2023, 2, 1))
    response = login(alice).post(
        reverse("talents:outreach-done", args=[contact.pk]),
        {"done_on": "2023-02-02", "next": "https://example.com/"},
    )
    assert response["Location"] == reverse("talents:outreach-list")
    assert Outreach.objects.get().follow_up_done_on == D(2023, 2, 2)


def test_the_officer_plans_a_campaign_and_a_secretary_cannot(alice, bob, tree):
    data = {
        "name": "2024年春节返乡人才走访",
        "occasion": "spring_festival",
        "starts_on": "2024-02-01",
        "ends_on": "2024-02-20",
    }
    assert login(bob).post(reverse("talents:campaign-add"), data).status_code == 403
    response = login(alice).post(reverse("talents:campaign-add"), data)
    campaign = Campaign.objects.get()
    assert response["Location"] == campaign.get_absolute_url()
    assert campaign.town == tree.yangjiaotang


def test_a_secretary_assigns_their_villager_but_may_not_fill_the_list(bob, talents, campaign):
    client = login(bob)
    url = campaign.get_absolute_url()
    assert client.post(url, {"action": "fill"}).status_code == 403
    own = talents["niupingao"].person
    response = client.post(
        url, {"action": "assign", "person": own.pk, "visitor": f"account:{bob.pk}"}
    )
    assert response.status_code == 302
    assert Assignment.objects.get(person=own).visitor_account == bob
    other = talents["shimen"].person
    response = client.post(
        url, {"action": "assign", "person": other.pk, "visitor": f"account:{bob.pk}"}
    )
    assert response.status_code == 200
    assert Assignment.objects.get(person=other).visitor_account is None


def test_a_secretary_sees_only_their_villages_part_of_a_campaign(bob, campaign):
    html = login(bob).get(campaign.get_absolute_url()).content.decode()
    assert 'data-person="张三"' in html
    assert 'data-person="李四"' not in html


def test_another_towns_campaign_is_404(charlie, baishui, bob):
    other = make_campaign(baishui, name="白水镇春节走访")
    assert login(bob).get(other.get_absolute_url()).status_code == 404


def test_the_visit_list_prints_and_exports_with_numbers_masked(alice, bob, talents, campaign):
    """The page and the .xlsx mask phones; the export is audited."""
    person = talents["niupingao"].person
    Assignment.objects.filter(person=person).update(visitor_account=bob)
    url = reverse("talents:visit-list", args=[campaign.pk])
    client = login(alice)
    html = client.get(url, {"visitor": f"account:{bob.pk}"}).content.decode()
    assert "张三" in html
    assert "李四" not in html
    assert person.masked_phone in html
    assert person.phone not in html
    response = client.get(url, {"visitor": f"account:{bob.pk}", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert [(row[0], row[5]) for row in rows] == [("张三", person.masked_phone)]
    assert AuditEntry.objects.filter(action="export", target_type="talents.Campaign").exists()


def test_full_numbers_in_the_visit_list_need_the_reveal_permission(alice, bob, talents, campaign):
    person = talents["niupingao"].person
    Assignment.objects.filter(person=person).update(visitor_account=bob)
    url = reverse("talents:visit-list", args=[campaign.pk])
    data = {"visitor": f"account:{bob.pk}", "reveal": "1"}
    assert login(bob).post(url, data).status_code == 403
    response = login(alice).post(url, data)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert next(sheet.iter_rows(min_row=3, values_only=True))[5] == person.phone
    assert AuditEntry.objects.filter(action="reveal", actor_name="alice").exists()


def test_the_funnel_page_shows_the_statistics_and_links_the_records(alice, tree, talents, campaign):
    """started_business and the contact rows are those of `qunyan stats` for the same period;
    the returnee's reserve stay and party record are linked."""
    person = talents["niupingao"].person
    make_contact(person, D(2023, 1, 20), intent=Intent.COMMITTED)
    make_contact(talents["shimen"].person, D(2023, 3, 3))
    talent = make_talent(
        tree.niupingao, name="赵六", returned_on=D(2023, 3, 1), business_started_on=D(2023, 4, 1)
    )
    stay = make_reserve(talent.person, entered_on=D(2023, 6, 1))
    development_records_upsert(
        records=[
            {
                "person_id": talent.person.pk,
                "town_id": talent.town_id,
                "applied_on": D(2023, 7, 1),
                "source_category": SourceCategory.OTHER,
            }
        ],
        by=None,
    )
    period = {"from": "2023-01-01", "to": "2023-12-31"}
    html = login(alice).get(reverse("talents:funnel"), period).content.decode()
    stats = town_statistics(
        town=tree.yangjiaotang,
        period_from=D(2023, 1, 1),
        period_to=D(2023, 12, 31),
        as_of=D(2023, 12, 31),
    )["returnees"]
    assert f'data-figure="started_business">{stats["started_business"]}<' in html
    assert f'data-figure="outreach_contacts">{stats["outreach_contacts"]}<' in html
    assert 'data-total="outreach_contacts">2<' in html
    assert 'data-figure="joined_pool">1<' in html
    assert reverse("reserves:reserve-detail", args=[stay.pk]) in html
    assert f"{talent.person.get_absolute_url()}#section-party" in html
    assert 'data-campaign="2023年春节返乡人才走访"' in html
    assert 'data-village="牛坪坳村"' in html


def test_the_funnel_selects_a_village_for_its_chart(alice, talents, campaign):
    make_contact(talents["niupingao"].person, D(2023, 1, 20), intent=Intent.COMMITTED)
    village = talents["niupingao"].person.unit
    response = login(alice).get(
        reverse("talents:funnel"), {"from": "2023-01-01", "to": "2023-12-31", "village": village.pk}
    )
    assert response.context["chart"]["title"] == "牛坪坳村"
    assert response.context["chart"]["values"][:2] == [1, 1]


def test_the_entry_page_links_into_reserves_and_party_development(alice, tree):
    talent = make_talent(tree.niupingao, name="赵六", returned_on=D(2023, 3, 1))
    stay = make_reserve(talent.person, entered_on=D(2023, 6, 1))
    development_records_upsert(
        records=[
            {
                "person_id": talent.person.pk,
                "town_id": talent.town_id,
                "applied_on": D(2023, 7, 1),
                "source_category": SourceCategory.OTHER,
            }
        ],
        by=None,
    )
    html = login(alice).get(talent.get_absolute_url()).content.decode()
    assert reverse("reserves:reserve-detail", args=[stay.pk]) in html
    assert f"{talent.person.get_absolute_url()}#section-party" in html


def test_the_person_page_shows_the_work_elsewhere_and_the_contacts(alice, talents):
    talent = talents["niupingao"]
    make_contact(talent.person, D(2023, 1, 20), intent=Intent.COMMITTED)
    response = login(alice).get(talent.person.get_absolute_url())
    assert 'id="section-talent"' in response.content.decode()
    rows = dict((section.key, rows) for section, rows in response.context["sections"])["talent"]
    assert rows[0][0] == "广东东莞"
    assert len(rows) == 2  # the entry, then the contact


def test_visitor_of_an_assignment_can_be_a_registry_person(alice, tree, campaign, talents):
    """The campaign page names a registry cadre as the visitor."""
    cadre = add_person("王委员", tree.yangjiaotang, 20)
    Assignment.objects.filter(person=talents["niupingao"].person).update(visitor_person=cadre)
    html = login(alice).get(campaign.get_absolute_url()).content.decode()
    assert "王委员" in html
    assert Visitor(person=cadre).key == f"person:{cadre.pk}"
