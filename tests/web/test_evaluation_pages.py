"""Evaluation through the web, per role: ratings, grades, pay, subsidies and commendations."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from qunyan.core.models import AuditEntry
from qunyan.evaluation.choices import Grade, Rating, StopKind
from qunyan.evaluation.models import (
    CadreGrade,
    CadreStop,
    Commendation,
    IndicatorScore,
    PayStandard,
    SubsidyPayment,
    SubsidyRule,
    VillageRating,
)
from qunyan.evaluation.tests.factories import make_cadre, make_commendation, make_rating

from .conftest import login as login_zh

pytestmark = pytest.mark.usefixtures("english")
D = datetime.date


def login(account):
    """Logged in, reading English (the catalogue's state does not matter to the assertions)."""
    client = login_zh(account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def cadres(tree):
    return {
        "ours": make_cadre(
            tree.niupingao,
            name="牛坪坳委员",
            post="书记兼主任",
            bonus_base=Decimal("100.15"),
            started=D(2020, 1, 1),
        ),
        "theirs": make_cadre(tree.shimen, name="石门委员", started=D(2020, 1, 1)),
        "departed": make_cadre(
            tree.niupingao,
            name="老书记",
            post="党组织书记",
            started=D(2000, 1, 1),
            ended=D(2009, 12, 31),
            birth=D(1950, 1, 1),
        ),
        "other_town": make_cadre(tree.dongcun, name="东村委员", started=D(2020, 1, 1)),
    }


def test_the_officer_scores_a_village_and_computes_the_ratings(alice, tree, cadres):
    client = login(alice)
    url = reverse("evaluation:village-scores", args=[tree.niupingao.pk]) + "?year=2023"
    response = client.post(
        url,
        {
            "action": "scores",
            "year": 2023,
            "s-party_building": "95",
            "s-economy": "90",
            "s-governance": "92",
            "s-services": "91",
        },
    )
    assert response.status_code == 302
    assert IndicatorScore.objects.filter(village=tree.niupingao).count() == 4
    response = client.post(
        reverse("evaluation:ratings-compute") + f"?town={tree.yangjiaotang.pk}&year=2023"
    )
    assert response.status_code == 302
    assert VillageRating.objects.get(village=tree.niupingao).rating == Rating.RED_FLAG
    page = client.get(reverse("evaluation:ratings") + "?year=2023")
    assert "Red-flag village" in page.content.decode()
    assert AuditEntry.objects.filter(target_type="evaluation.VillageRating").exists()


def test_the_secretary_reads_only_their_village_and_cannot_write(bob, tree, cadres):
    make_rating(tree.niupingao, 2023, Rating.MODEL)
    make_rating(tree.shimen, 2023, Rating.RED_FLAG)
    client = login(bob)
    page = client.get(reverse("evaluation:ratings") + "?year=2023").content.decode()
    assert "牛坪坳村" in page and "石门村" not in page
    url = reverse("evaluation:village-scores", args=[tree.niupingao.pk])
    assert client.get(url).status_code == 403
    assert client.post(reverse("evaluation:ratings-compute")).status_code == 403
    grades = reverse("evaluation:village-grades", args=[tree.shimen.pk])
    assert client.get(grades).status_code == 404


def test_a_village_of_another_town_is_not_found(alice, tree):
    url = reverse("evaluation:village-scores", args=[tree.dongcun.pk])
    assert login(alice).get(url).status_code == 404


def test_grading_respects_the_quota_and_shows_the_error(alice, tree, cadres):
    # Five assessed: 5 × 20 % = one excellent.
    second, *_ = [make_cadre(tree.niupingao, name=f"委员{i}") for i in range(4)]
    client = login(alice)
    url = reverse("evaluation:village-grades", args=[tree.niupingao.pk]) + "?year=2023"
    response = client.post(
        url,
        {"year": 2023, f"p{cadres['ours'].pk}": Grade.EXCELLENT, f"p{second.pk}": Grade.EXCELLENT},
    )
    assert response.status_code == 200
    assert "may be graded excellent" in response.content.decode()
    assert not CadreGrade.objects.exists()
    response = client.post(
        url,
        {"year": 2023, f"p{cadres['ours'].pk}": Grade.EXCELLENT, f"p{second.pk}": Grade.COMPETENT},
    )
    assert response.status_code == 302
    assert CadreGrade.objects.count() == 2


def test_the_bonus_page_and_sheet_show_the_exact_amount(alice, tree, cadres):
    make_rating(tree.niupingao, 2023, Rating.ADVANCED)
    client = login(alice)
    url = reverse("evaluation:village-grades", args=[tree.niupingao.pk]) + "?year=2023"
    client.post(url, {"year": 2023, f"p{cadres['ours'].pk}": Grade.COMPETENT})
    response = client.post(
        reverse("evaluation:pay") + "?year=2023",
        {"year": 2023, "post": "委员", "base_monthly": "2000", "bonus_base": "24000"},
    )
    assert response.status_code == 302
    assert PayStandard.objects.get().bonus_base == Decimal("24000")
    page = client.get(reverse("evaluation:pay") + "?year=2023").content.decode()
    assert "110.17" in page and "110.165" in page
    sheet = client.get(reverse("evaluation:bonus-download") + "?year=2023")
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "村（社区）"
    assert rows[2][1] == "牛坪坳委员" and Decimal(str(rows[2][9])) == Decimal("110.17")
    assert "*" in rows[2][2]  # masked ID number
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_the_reader_cannot_download_the_bonus_sheet(leader, tree):
    client = login(leader)
    assert client.get(reverse("evaluation:pay")).status_code == 200
    assert client.get(reverse("evaluation:bonus-download")).status_code == 403


@time_machine.travel(datetime.datetime(2024, 3, 10, 9, 0), tick=False)
def test_subsidies_rule_eligibility_stop_and_ledger(alice, tree, cadres):
    client = login(alice)
    page = client.get(reverse("evaluation:subsidies")).content.decode()
    assert "老书记" in page and "Eligible from" in page
    assert "牛坪坳委员" not in page  # still serving
    response = client.post(
        reverse("evaluation:subsidy-rule"),
        {
            "eligible_posts": "党组织书记，村委会主任",
            "min_years": 3,
            "male_age": 60,
            "female_age": 55,
            "disqualifiers": ["dismissed"],
            "tiers": "3=120\n9=180.50",
        },
    )
    assert response.status_code == 302
    assert SubsidyRule.objects.get(unit=tree.yangjiaotang).eligible_posts == [
        "党组织书记",
        "村委会主任",
    ]
    ledger = reverse("evaluation:ledger")
    assert client.post(ledger, {"month": "2024-02"}).status_code == 302
    assert SubsidyPayment.objects.get().amount == Decimal("180.50")
    client.post(
        reverse("evaluation:subsidies"),
        {"person": cadres["departed"].pk, "kind": StopKind.DEATH, "on": "2024-02-20", "note": ""},
    )
    assert CadreStop.objects.count() == 1
    client.post(ledger, {"month": "2024-03"})
    assert SubsidyPayment.objects.count() == 1
    public = client.get(reverse("evaluation:public-list") + "?year=2024").content.decode()
    assert "老书记" in public and "180.50" in public


def test_the_secretary_cannot_record_a_death(bob, tree, cadres):
    client = login(bob)
    response = client.post(
        reverse("evaluation:subsidies"),
        {"person": cadres["departed"].pk, "kind": StopKind.DEATH, "on": "2024-02-20"},
    )
    assert response.status_code == 404
    assert not CadreStop.objects.exists()


def test_commendations_of_a_person_and_of_a_village(alice, tree, cadres):
    client = login(alice)
    person = cadres["ours"]
    response = client.post(
        reverse("evaluation:commendation-add"),
        {"id_number": person.id_number, "year": 2023, "title": "优秀村干部", "authority": "镇党委"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("evaluation:commendation-add"),
        {"village": tree.shimen.pk, "year": 2023, "title": "先进基层党组织", "authority": "镇党委"},
    )
    assert response.status_code == 302
    assert Commendation.objects.filter(village=tree.shimen, person=None).exists()
    detail = client.get(person.get_absolute_url()).content.decode()
    assert "优秀村干部" in detail
    page = client.get(reverse("evaluation:commendations")).content.decode()
    assert "先进基层党组织" in page
    honour = Commendation.objects.get(person=person)
    response = client.post(
        reverse("evaluation:commendation-edit", args=[honour.pk]),
        {
            "id_number": person.masked_id_number,
            "year": 2022,
            "title": "优秀村干部",
            "authority": "镇党委",
        },
    )
    assert response.status_code == 302
    honour.refresh_from_db()
    assert honour.year == 2022
    client.post(reverse("evaluation:commendation-delete", args=[honour.pk]))
    assert not Commendation.objects.filter(pk=honour.pk).exists()


def test_commendations_outside_the_scope_are_hidden(alice, bob, tree, cadres):
    make_commendation(cadres["theirs"], 2023, title="石门荣誉")
    make_commendation(cadres["other_town"], 2023, title="东村荣誉")
    assert "石门荣誉" not in login(bob).get(reverse("evaluation:commendations")).content.decode()
    theirs = Commendation.objects.get(title="东村荣誉")
    url = reverse("evaluation:commendation-edit", args=[theirs.pk])
    assert login(alice).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "empty"),
    [
        ("ratings", "年度考评"),
        ("grades", "优秀"),
        ("pay", "尚无"),
        ("subsidies", "离任村干部"),
        ("ledger", "尚未"),
        ("public-list", "补贴"),
        ("commendations", "尚无表彰"),
    ],
)
def test_the_pages_speak_chinese_and_have_empty_states(alice, tree, name, empty):
    response = login_zh(alice).get(reverse(f"evaluation:{name}"))
    assert response.status_code == 200
    assert empty in response.content.decode()


def test_the_secretary_sees_only_their_villages_departed_cadres(bob, tree, cadres):
    make_cadre(
        tree.shimen,
        name="石门老主任",
        post="村委会主任",
        started=D(2000, 1, 1),
        ended=D(2009, 12, 31),
        birth=D(1950, 1, 1),
    )
    page = login(bob).get(reverse("evaluation:subsidies")).content.decode()
    assert "老书记" in page and "石门老主任" not in page
    assert 'id="add-stop"' not in page


def test_a_payment_written_before_a_death_was_known_is_to_recover(alice, tree, cadres):
    client = login(alice)
    ledger = reverse("evaluation:ledger")
    client.post(ledger, {"month": "2024-05"})
    CadreStop.objects.create(person=cadres["departed"], kind=StopKind.DEATH, on=D(2024, 4, 2))
    page = client.get(ledger).content.decode()
    assert 'id="recover"' in page and "2024-05" in page


def test_a_town_officer_cannot_edit_the_county_table(alice, tree):
    client = login(alice)
    page = client.get(reverse("evaluation:subsidy-rule")).content.decode()
    assert "unit=county" not in page
    assert client.get(reverse("evaluation:subsidy-rule") + "?unit=county").status_code == 404


def test_the_person_page_shows_grades_and_the_subsidy(alice, tree, cadres):
    client = login(alice)
    client.post(reverse("evaluation:ledger"), {"month": "2024-05"})
    page = client.get(cadres["departed"].get_absolute_url()).content.decode()
    assert 'id="section-subsidy"' in page
    section = page[page.find('id="section-subsidy"') :][:800]
    # Ten years in office: the default table's 9-year tier, 200 yuan a month.
    assert "<td>2024</td><td>1</td><td>200.00</td>" in section


def test_the_demo_towns_evaluation_pages(db):
    """Every page with the demo town's records, for the officer and a village secretary."""
    from django.test import Client

    from qunyan.demo.services import DEMO_PASSWORD, demo_load

    demo_load(report_year=2023)
    for username in ("officer", "secretary"):
        client = Client()
        assert client.login(username=username, password=DEMO_PASSWORD)
        for name in ("ratings", "grades", "pay", "subsidies", "ledger", "commendations"):
            response = client.get(reverse(f"evaluation:{name}"), {"year": 2023})
            assert response.status_code == 200, (username, name)
        public = client.get(reverse("evaluation:public-list"), {"year": 2023})
        assert public.status_code == 200
    pay = client.get(reverse("evaluation:pay"), {"year": 2023}).content.decode()
    assert "bonus-table" in pay  # the secretary reads their village's bonuses
    officer = Client()
    officer.login(username="officer", password=DEMO_PASSWORD)
    sheet = officer.get(reverse("evaluation:bonus-download"), {"year": 2023})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 + 35 * 5 + 1  # title, header, every committee member, total
