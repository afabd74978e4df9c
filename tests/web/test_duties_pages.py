"""The duties pages: who sees what, the proposal and its explanation, confirming, exports."""

import io

import pytest
from openpyxl import load_workbook

from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.scopes import Scope
from qunyan.core.services import orgunit_create
from qunyan.duties.choices import ChiefRole
from qunyan.duties.models import ChiefPost, Division, Duty, Wish
from qunyan.duties.services import catalogue_ensure
from qunyan.duties.tests.factories import committee
from qunyan.people.tests.factories import make_person

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(niupingao, yangjiaotang, alice):
    catalogue_ensure(town=yangjiaotang, by=alice)
    return committee(niupingao, "F", "M", "M", "M")


def test_the_officer_sees_the_proposal_explained_in_chinese(alice, niupingao, members):
    """Score parts and the hard rules are shown, and nothing is saved by looking."""
    page = login(alice).get(f"/duties/villages/{niupingao.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "建议分工方案" in text and "妇女儿童" in text and "限女性" in text
    assert "确认此分工方案" in text
    assert not Division.objects.exists()


def test_the_secretary_sees_her_village_but_not_the_proposal_or_others(
    bob, niupingao, shimen, members
):
    client = login(bob)
    page = client.get(f"/duties/villages/{niupingao.pk}/")
    assert page.status_code == 200
    assert "确认此分工方案" not in page.content.decode()
    assert client.get(f"/duties/villages/{shimen.pk}/").status_code == 404
    assert client.get("/duties/proposals/").status_code == 403
    assert client.post(f"/duties/villages/{niupingao.pk}/confirm/", {"plan": ""}).status_code == 403


def test_a_neighbour_secretary_gets_404(charlie, niupingao, members):
    assert login(charlie).get(f"/duties/villages/{niupingao.pk}/").status_code == 404


def test_confirming_twice_keeps_both_versions(alice, niupingao, members):
    client = login(alice)
    page = client.get(f"/duties/villages/{niupingao.pk}/")
    plan = page.context["proposal"].plan_text
    for _ in range(2):
        response = client.post(f"/duties/villages/{niupingao.pk}/confirm/", {"plan": plan})
        assert response.status_code == 302
    assert list(Division.objects.values_list("version", "status").order_by("version")) == [
        (1, "superseded"),
        (2, "current"),
    ]
    page = client.get(f"/duties/villages/{niupingao.pk}/")
    assert "第2版" in page.content.decode()


def test_a_stale_plan_is_refused(alice, niupingao, members):
    """A plan putting a man on the women-only duty is not saved."""
    women = Duty.objects.get(name="妇女儿童")
    plan = f"{members[1].pk}:{women.pk}"
    response = login(alice).post(
        f"/duties/villages/{niupingao.pk}/confirm/", {"plan": plan}, follow=True
    )
    assert "方案已不符合规则" in response.content.decode()
    assert not Division.objects.exists()


def test_pinning_changes_the_proposal(alice, niupingao, members):
    party = Duty.objects.get(name="党建工作")
    client = login(alice)
    client.post(
        f"/duties/villages/{niupingao.pk}/pin/",
        {"person": members[3].pk, "duty": party.pk, "assign": "1"},
    )
    page = client.get(f"/duties/villages/{niupingao.pk}/")
    row = next(r for r, _p, _rules in page.context["rows"] if r.duty == party)
    assert row.person == members[3]
    assert "组织委员已锁定" in page.content.decode()


def test_an_all_male_village_shows_why(alice, shimen, yangjiaotang):
    catalogue_ensure(town=yangjiaotang, by=alice)
    committee(shimen, "M", "M", "M")
    text = login(alice).get(f"/duties/villages/{shimen.pk}/").content.decode()
    assert "没有满足全部规则的分工方案" in text
    assert "班子中应有女性成员" in text


def test_the_profile_form_saves_ranked_wishes(alice, members):
    finance = Duty.objects.get(name="财务报账")
    publicity = Duty.objects.get(name="宣传文化")
    response = login(alice).post(
        f"/duties/people/{members[1].pk}/",
        {"skills": "写作", "traits": ["steady"], "wish_1": publicity.pk, "wish_2": finance.pk},
    )
    assert response.status_code == 302
    assert list(
        Wish.objects.filter(profile__person=members[1]).values_list("duty__name", "rank")
    ) == [("宣传文化", 1), ("财务报账", 2)]


def test_the_same_wish_twice_is_an_error(alice, members):
    finance = Duty.objects.get(name="财务报账")
    response = login(alice).post(
        f"/duties/people/{members[1].pk}/", {"wish_1": finance.pk, "wish_2": finance.pk}
    )
    assert response.status_code == 200
    assert "每项分工只能填写一次" in response.content.decode()


def test_the_export_masks_id_numbers_and_is_audited(alice, niupingao, members):
    client = login(alice)
    plan = client.get(f"/duties/villages/{niupingao.pk}/").context["proposal"].plan_text
    client.post(f"/duties/villages/{niupingao.pk}/confirm/", {"plan": plan})
    response = client.get(f"/duties/villages/{niupingao.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("村（社区）", "版本", "姓名", "公民身份号码", "分工")
    assert len(rows) == 1 + len(plan.split(","))
    assert all("*" in row[3] for row in rows[1:])
    assert AuditEntry.objects.filter(action="export").exists()


def test_the_person_page_shows_the_duties(alice, niupingao, members):
    client = login(alice)
    plan = client.get(f"/duties/villages/{niupingao.pk}/").context["proposal"].plan_text
    client.post(f"/duties/villages/{niupingao.pk}/confirm/", {"plan": plan})
    text = client.get(f"/people/{members[0].pk}/").content.decode()
    assert "分工与“三长”" in text and "妇女儿童" in text


def test_the_catalogue_can_be_edited(alice, members):
    client = login(alice)
    response = client.post(
        "/duties/catalogue/new/",
        {"name": "人居环境", "order": 95, "people_needed": 1, "gender": "", "active": "on"},
    )
    assert response.status_code == 302
    assert Duty.objects.filter(name="人居环境").exists()
    assert "人居环境" in client.get("/duties/catalogue/").content.decode()


def test_coverage_and_suggestions_for_three_chief_teams(alice, niupingao, members):
    """A new group lacks all three; the suggestion seats a party member, renamed labels show."""
    group = orgunit_create(
        name="第一村民小组",
        kind=OrgUnit.Kind.GROUP,
        parent=niupingao,
        by=alice,
        scope=Scope.for_account(alice),
    )
    make_person(niupingao, name="党员甲", political_status="cpc")
    client = login(alice)
    client.post("/duties/settings/", {"traits": ["steady"], "label_grid": "网格员"})
    text = client.get("/duties/chiefs/").content.decode()
    assert "1个村民小组中有1个缺少" in text and "网格员" in text
    page = client.get(f"/duties/groups/{group.pk}/")
    candidate = page.context["rows"][0][3][0][0]
    client.post(
        f"/duties/groups/{group.pk}/",
        {"role": ChiefRole.PARTY_GROUP, "person": candidate.pk, "started_on": "2026-01-05"},
    )
    assert ChiefPost.objects.filter(group=group, role=ChiefRole.PARTY_GROUP).exists()


def test_the_overview_and_all_villages_pages(alice, niupingao, members):
    client = login(alice)
    assert "牛坪坳村" in client.get("/duties/").content.decode()
    page = client.get("/duties/proposals/")
    assert page.status_code == 200
    assert "求解并生成说明用时" in page.content.decode()


def test_the_village_page_reads_in_english_too(alice, niupingao, members, settings):
    """The same page in English: words from the source, duty names stay the town's data."""
    client = login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(f"/duties/villages/{niupingao.pk}/").content.decode()
    assert "Proposed division" in text and "Confirm this division" in text
    assert "women only" in text and "妇女儿童" in text


def test_a_cap_of_one_duty_each_is_explained(alice, niupingao, members, settings):
    """The setting: four people taking at most one duty each cannot cover nine duties."""
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "DUTIES_MAX_PER_PERSON": 1}
    text = login(alice).get(f"/duties/villages/{niupingao.pk}/").content.decode()
    assert "各项分工共需9个岗位，但4人每人最多分管1项，只能承担4个。" in text
