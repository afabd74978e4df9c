"""The demo town gives the article's figures for party development, returns, training,
mentoring, commendations and ratings (test_demo.py covers the villages and the pool)."""

import datetime

import pytest
from django.db.models import Q

from qunyan.core.models import OrgUnit
from qunyan.demo.generator import COUNTY, TOWN
from qunyan.demo.services import demo_load
from qunyan.evaluation.models import Commendation, VillageRating
from qunyan.mentoring.models import Mentorship
from qunyan.people.models import CadreTerm
from qunyan.reports.selectors import town_statistics
from qunyan.talents.choices import Occasion
from qunyan.talents.models import Outreach
from qunyan.training.choices import Programme
from qunyan.training.models import Attendance

D = datetime.date


def stats(town, first_year):
    return town_statistics(
        town=town, period_from=D(first_year, 1, 1), period_to=D(2023, 12, 31), as_of=D(2023, 12, 31)
    )


@pytest.mark.django_db
def test_the_demo_town_shows_the_articles_figures():
    """2021–2023 as the article tells them, each figure from the statistics of the contract."""
    demo_load(report_year=2023)
    town = OrgUnit.objects.get(name=TOWN, kind=OrgUnit.Kind.TOWN)
    three_years, since_2022, in_2023 = stats(town, 2021), stats(town, 2022), stats(town, 2023)

    # 近三年来，全镇新发展农村党员75人 … 2023年 … 5名村级后备力量被发展为预备党员
    party = three_years["party_development"]
    assert party["new_probationary_members"] == 75
    assert sum(party["by_source"].values()) == 75
    assert party["from_reserves"] == in_2023["party_development"]["from_reserves"] == 5

    # 动员14名优秀乡土人才回乡创业, met at 春节 and 国庆
    assert three_years["returnees"]["started_business"] == 14
    assert three_years["returnees"]["outreach_contacts"] > 0
    occasions = set(Outreach.objects.values_list("occasion", flat=True))
    assert occasions == {Occasion.SPRING_FESTIVAL, Occasion.NATIONAL_DAY}

    # 2022年以来开展培训7场次，参训村党支部书记240余人次 (头雁工程, secretaries only)
    lead_geese = since_2022["training"]["by_programme"]["头雁工程"]
    assert lead_geese["classes"] == 7
    assert 240 <= lead_geese["person_times"] < 250
    secretaries = CadreTerm.objects.filter(post="书记兼主任").values("person")
    trainees = Attendance.objects.filter(training_class__programme=Programme.LEAD_GEESE)
    assert not trainees.exclude(person__in=secretaries).exists()
    # 举办各类培训班20余期，参训学员3520余人次
    training = three_years["training"]
    assert 20 <= training["classes"] - lead_geese["classes"] < 30
    assert 3520 <= training["person_times"] < 3530
    # 优选30余名村干部和村后备干部参加上级"农民大学生"培训计划
    students = (
        Attendance.objects.filter(training_class__programme=Programme.FARMER_COLLEGE)
        .filter(Q(person__cadre_terms__isnull=False) | Q(person__reserve_stays__isnull=False))
        .values("person")
        .distinct()
    )
    assert 30 <= students.count() < 40

    # 共聘请"导师"51人，结对帮带年轻镇村干部93名, on the three principles
    assert three_years["mentoring"] == {"mentors": 51, "mentees": 93}
    assert Mentorship.objects.values("principle").distinct().count() == 3

    # 2023年，牛坪坳村党支部书记被评为"祁阳市乡村振兴担当作为党组织书记"，53名村干部被镇党委表彰
    honours = in_2023["commendations"]
    assert honours["by_authority"] == {f"{COUNTY}委": 1, "镇党委": 53}
    county_honour = Commendation.objects.get(authority=f"{COUNTY}委")
    assert county_honour.title == "祁阳市乡村振兴担当作为党组织书记"
    assert county_honour.person.unit.name == "牛坪坳村"
    assert county_honour.person.cadre_terms.filter(post="书记兼主任").exists()

    # Every village rated every year, a few 红旗村/模范村/先进村 among them.
    for year in (2021, 2022, 2023):
        assert VillageRating.objects.filter(year=year).count() == 35
    assert 0 < sum(three_years["ratings"].values()) < 35
