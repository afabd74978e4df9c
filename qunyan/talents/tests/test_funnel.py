"""The returnee funnel: its steps, its tables by village and by campaign, and `qunyan stats`."""

import datetime
from types import SimpleNamespace

import pytest

from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.demo.services import demo_load
from qunyan.party.services import development_records_upsert
from qunyan.people.choices import SourceCategory
from qunyan.reports.selectors import returnees
from qunyan.reserves.tests.factories import make_reserve
from qunyan.talents.choices import Intent, Occasion, OutreachWay
from qunyan.talents.funnel import STAGE_KEYS, returnee_funnel, returnee_outcomes

from .factories import make_campaign, make_contact, make_talent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date
FROM, TO = D(2023, 1, 1), D(2023, 12, 31)


def applied(person, on):
    development_records_upsert(
        records=[
            {
                "person_id": person.pk,
                "town_id": person.town_id,
                "applied_on": on,
                "source_category": SourceCategory.OTHER,
            }
        ],
        by=None,
    )


@pytest.fixture
def town(tree):
    """A year of 羊角塘镇 with a 春节 and a 国庆 campaign, people at every step, and noise.

    a 牛坪坳村: met at 春节 (committed), home, business, pool and party application after it.
    b 牛坪坳村: met at 春节 and again outside campaigns, still away.
    c 石门村: met at 国庆 (committed), home in November.
    d 石门村: home in 2022, business in 2023, in the pool since 2022 (before the period).
    e 石门村: in the pool before coming home (not a returnee's step), applied after it.
    g 牛坪坳村: business just before the period, contact just after it.
    f 东村 of 白水镇: another town's returnee.
    """
    spring = make_campaign(tree.yangjiaotang)
    national = make_campaign(
        tree.yangjiaotang,
        name="2023年国庆返乡人才走访",
        occasion=Occasion.NATIONAL_DAY,
        starts_on=D(2023, 10, 1),
        ends_on=D(2023, 10, 7),
    )
    a = make_talent(
        tree.niupingao, name="甲", returned_on=D(2023, 3, 1), business_started_on=D(2023, 4, 1)
    )
    make_contact(a.person, D(2023, 1, 20), intent=Intent.COMMITTED)
    make_reserve(a.person, entered_on=D(2023, 6, 1))
    applied(a.person, D(2023, 7, 1))
    b = make_talent(tree.niupingao, name="乙")
    make_contact(b.person, D(2023, 1, 22), intent=Intent.CONSIDERING)
    make_contact(b.person, D(2023, 3, 10), intent=Intent.NONE)
    c = make_talent(tree.shimen, name="丙", returned_on=D(2023, 11, 1))
    make_contact(c.person, D(2023, 10, 3), way=OutreachWay.SYMPOSIUM, intent=Intent.COMMITTED)
    d = make_talent(
        tree.shimen, name="丁", returned_on=D(2022, 5, 1), business_started_on=D(2023, 2, 1)
    )
    make_reserve(d.person, entered_on=D(2022, 6, 1))
    e = make_talent(tree.shimen, name="戊", returned_on=D(2022, 1, 1))
    make_reserve(e.person, entered_on=D(2021, 12, 1), left_on=D(2021, 12, 20))
    applied(e.person, D(2023, 5, 1))
    g = make_talent(
        tree.niupingao, name="己", returned_on=D(2022, 11, 1), business_started_on=D(2022, 12, 31)
    )
    make_contact(g.person, D(2024, 1, 1))
    f = make_talent(
        tree.dongcun, name="庚", returned_on=D(2023, 3, 1), business_started_on=D(2023, 4, 1)
    )
    make_contact(f.person, D(2023, 1, 20), intent=Intent.COMMITTED)
    return SimpleNamespace(
        unit=tree.yangjiaotang, spring=spring, national=national, a=a, d=d, e=e, tree=tree
    )


def funnel_of(town, scope=None, period=(FROM, TO)):
    return returnee_funnel(
        town=town.unit,
        period_from=period[0],
        period_to=period[1],
        scope=scope or Scope.unrestricted(),
    )


def steps(counts):
    return [counts[key] for key in (*STAGE_KEYS, "outreach_contacts")]


def test_each_step_counts_the_people_who_reached_it_in_the_period(town):
    """contacted a b c · intends a c · returned a c · business a d · pool a · party a e."""
    assert steps(funnel_of(town).totals) == [3, 2, 2, 2, 1, 2, 4]


def test_the_funnel_has_the_numbers_of_the_statistics(town):
    """started_business and the contact rows are `qunyan stats`'s returnees, period by period."""
    for period in ((FROM, TO), (D(2022, 1, 1), TO), (D(2023, 4, 1), D(2023, 10, 3))):
        totals = funnel_of(town, period=period).totals
        expected = returnees([town.unit], period_from=period[0], period_to=period[1])[town.unit.pk]
        assert totals["started_business"] == expected["started_business"]
        assert totals["outreach_contacts"] == expected["outreach_contacts"]


def test_by_village_each_person_counts_in_their_village(town):
    rows = {row.label: steps(row.counts) for row in funnel_of(town).villages}
    assert rows == {"牛坪坳村": [2, 1, 1, 1, 1, 1, 3], "石门村": [1, 1, 1, 1, 0, 1, 1]}


def test_by_campaign_each_person_counts_for_the_latest_campaign_before_the_step(town):
    """a's whole way is 春节's; c is 国庆's; d's business and e's application are outside."""
    rows = {row.label: steps(row.counts) for row in funnel_of(town).campaigns}
    assert rows == {
        "2023年春节返乡人才走访": [2, 1, 1, 1, 1, 1, 2],
        "2023年国庆返乡人才走访": [1, 1, 1, 0, 0, 0, 1],
        "Outside campaigns": [0, 0, 0, 1, 0, 1, 1],
    }


def test_both_tables_add_up_to_the_total(town):
    funnel = funnel_of(town)
    for rows in (funnel.villages, funnel.campaigns):
        for key, total in funnel.totals.items():
            assert sum(row.counts[key] for row in rows) == total


def test_a_secretary_sees_the_funnel_of_their_village(town, bob):
    """bob's totals are 牛坪坳村's row; 石门村 is not in his tables."""
    funnel = funnel_of(town, scope=Scope.for_account(bob))
    assert steps(funnel.totals) == [2, 1, 1, 1, 1, 1, 3]
    assert [row.label for row in funnel.villages] == ["牛坪坳村"]


def test_the_outcomes_link_the_reserve_stay_and_the_party_record(town):
    """The stay after the return and the application are found; a stay before it is not."""
    outcomes = {
        t.person.name: t
        for t in returnee_outcomes(
            town=town.unit, period_from=FROM, period_to=TO, scope=Scope.unrestricted()
        )
    }
    assert set(outcomes) == {"甲", "丙", "丁", "戊"}
    a = outcomes["甲"]
    assert a.stay_id == town.a.person.reserve_stays.get().pk
    assert a.applied_on == D(2023, 7, 1)
    assert outcomes["戊"].stay_id is None
    assert outcomes["戊"].applied_on == D(2023, 5, 1)
    assert outcomes["丁"].stay_id == town.d.person.reserve_stays.get().pk


def test_the_funnel_needs_a_bounded_number_of_queries(town, django_assert_max_num_queries):
    """Aggregates only: the count does not grow with the people."""
    with django_assert_max_num_queries(30):
        funnel_of(town)


def test_the_demo_towns_funnel_is_its_statistics():
    """14 business starts in 2021–2023 and every year's contacts, as `qunyan stats` has them."""
    demo_load(report_year=2023)
    town = OrgUnit.objects.get(name="羊角塘镇", kind=OrgUnit.Kind.TOWN)
    for first in (D(2021, 1, 1), D(2022, 1, 1), D(2023, 1, 1)):
        funnel = returnee_funnel(
            town=town, period_from=first, period_to=TO, scope=Scope.unrestricted()
        )
        stats = returnees([town], period_from=first, period_to=TO)[town.pk]
        assert funnel.totals["started_business"] == stats["started_business"]
        assert funnel.totals["outreach_contacts"] == stats["outreach_contacts"]
    three_years = returnee_funnel(
        town=town, period_from=D(2021, 1, 1), period_to=TO, scope=Scope.unrestricted()
    )
    assert three_years.totals["started_business"] == 14
    assert three_years.totals["joined_pool"] >= 1
    assert three_years.totals["applied_party"] >= 1
    assert [row.label for row in three_years.campaigns][:2] == [
        "2023年春节返乡人才走访",
        "2023年国庆返乡人才走访",
    ]
