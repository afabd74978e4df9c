"""Departed-cadre subsidies: years served, the birthday, 29 February, disqualifiers, the ledger."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from qunyan.core.scopes import Scope
from qunyan.evaluation.choices import StopKind
from qunyan.evaluation.models import SubsidyPayment
from qunyan.evaluation.services_pay import cadre_stop_add, ledger_generate, subsidy_rule_save
from qunyan.evaluation.subsidies import departed_cadres, subsidy_terms_for, years_served

from .factories import add_term, make_cadre

D = datetime.date
pytestmark = pytest.mark.usefixtures("english")
SECRETARY = "党组织书记"


@pytest.mark.parametrize(
    ("spans", "years"),
    [
        ([(D(2015, 1, 1), D(2017, 12, 31))], 3),  # exactly three years
        ([(D(2015, 1, 1), D(2017, 12, 30))], 2),  # one day short
        ([(D(2016, 2, 29), D(2019, 2, 28))], 3),  # 29 Feb start: anniversary on 1 March
        ([(D(2016, 2, 29), D(2019, 2, 27))], 2),
        # two posts at once count once
        ([(D(2015, 1, 1), D(2017, 12, 31)), (D(2016, 1, 1), D(2016, 12, 31))], 3),
        # two stretches of 1 year and 183+183 days: the days add to one more year
        ([(D(2010, 1, 1), D(2011, 7, 2)), (D(2013, 1, 1), D(2014, 7, 3))], 3),
    ],
)
def test_years_served(spans, years):
    assert years_served(spans) == years


def rule(unit, **overrides):
    values = {
        "eligible_posts": [SECRETARY, "村委会主任"],
        "min_years": 3,
        "male_age": 60,
        "female_age": 55,
        "disqualifiers": ["dismissed", "civil_servant"],
        "tiers": [(3, Decimal("100")), (6, Decimal("150.50"))],
    }
    values.update(overrides)
    return subsidy_rule_save(unit=unit, **values, by=None, scope=Scope.unrestricted())


def entry(town, person):
    return next(e for e in departed_cadres(town) if e.person.pk == person.pk)


@pytest.mark.django_db
def test_exactly_the_minimum_years_is_enough(yangjiaotang, niupingao):
    rule(yangjiaotang)
    enough = make_cadre(
        niupingao, post=SECRETARY, started=D(2015, 1, 1), ended=D(2017, 12, 31), birth=D(1950, 6, 1)
    )
    short = make_cadre(
        niupingao, post=SECRETARY, started=D(2015, 1, 2), ended=D(2017, 12, 31), birth=D(1950, 6, 1)
    )
    assert entry(yangjiaotang, enough).eligible_from == D(2018, 1, 1)
    assert entry(yangjiaotang, enough).amount == Decimal("100")
    assert entry(yangjiaotang, short).eligible_from is None
    assert any("2 full years" in reason for reason in entry(yangjiaotang, short).reasons)


@pytest.mark.django_db
def test_only_eligible_posts_count_and_tiers_rise(yangjiaotang, niupingao):
    rule(yangjiaotang)
    person = make_cadre(
        niupingao, post="委员", started=D(2005, 1, 1), ended=D(2010, 12, 31), birth=D(1950, 6, 1)
    )
    assert entry(yangjiaotang, person).eligible_from is None
    add_term(person, niupingao, post=SECRETARY, started=D(2011, 1, 1), ended=D(2016, 12, 31))
    assert entry(yangjiaotang, person).years == 6
    assert entry(yangjiaotang, person).amount == Decimal("150.50")


@pytest.mark.django_db
def test_the_birthday_makes_someone_eligible_and_the_next_month_is_paid(yangjiaotang, niupingao):
    rule(yangjiaotang)
    man = make_cadre(
        niupingao,
        post=SECRETARY,
        started=D(2010, 1, 1),
        ended=D(2019, 12, 31),
        birth=D(1964, 3, 15),
    )
    woman = make_cadre(
        niupingao,
        post=SECRETARY,
        started=D(2010, 1, 1),
        ended=D(2019, 12, 31),
        birth=D(1969, 3, 1),
        gender="F",
    )
    him, her = entry(yangjiaotang, man), entry(yangjiaotang, woman)
    assert him.eligible_from == D(2024, 3, 15)
    assert not him.payable_on(D(2024, 3, 1)) and him.payable_on(D(2024, 4, 1))
    # A woman at 55, on her birthday, the first of the month: that month is paid.
    assert her.eligible_from == D(2024, 3, 1) and her.payable_on(D(2024, 3, 1))


@pytest.mark.django_db
def test_born_on_29_february_reaches_the_age_on_1_march(yangjiaotang, niupingao):
    rule(yangjiaotang)
    person = make_cadre(
        niupingao,
        post=SECRETARY,
        started=D(2000, 1, 1),
        ended=D(2009, 12, 31),
        birth=D(1964, 2, 29),
    )
    assert entry(yangjiaotang, person).eligible_from == D(2024, 2, 29)  # 2024 is a leap year
    later = make_cadre(
        niupingao,
        post=SECRETARY,
        started=D(2000, 1, 1),
        ended=D(2009, 12, 31),
        birth=D(1968, 2, 29),
        gender="F",
    )
    assert entry(yangjiaotang, later).eligible_from == D(2023, 3, 1)


@pytest.mark.django_db
def test_a_disqualifier_in_the_table_bars_and_one_outside_does_not(yangjiaotang, niupingao):
    rule(yangjiaotang)
    barred = make_cadre(
        niupingao, post=SECRETARY, started=D(2000, 1, 1), ended=D(2009, 12, 31), birth=D(1950, 1, 1)
    )
    kept = make_cadre(
        niupingao, post=SECRETARY, started=D(2000, 1, 1), ended=D(2009, 12, 31), birth=D(1950, 1, 1)
    )
    scope = Scope.unrestricted()
    cadre_stop_add(
        person=barred, kind=StopKind.DISMISSED, on=D(2009, 12, 31), note="", by=None, scope=scope
    )
    cadre_stop_add(
        person=kept, kind=StopKind.RECALLED, on=D(2009, 12, 31), note="", by=None, scope=scope
    )
    assert entry(yangjiaotang, barred).eligible_from is None
    assert any("Disqualified" in r for r in entry(yangjiaotang, barred).reasons)
    assert entry(yangjiaotang, kept).eligible_from == D(2010, 1, 1)


@pytest.mark.django_db
def test_a_town_table_wins_over_the_county_and_the_county_over_the_default(
    county, yangjiaotang, baishui
):
    assert subsidy_terms_for(yangjiaotang).source == ""
    rule(county, min_years=5)
    assert subsidy_terms_for(baishui).min_years == 5
    rule(yangjiaotang, min_years=4)
    assert subsidy_terms_for(yangjiaotang).min_years == 4
    assert subsidy_terms_for(baishui).min_years == 5


@pytest.mark.django_db
def test_a_rule_table_needs_tiers(yangjiaotang):
    with pytest.raises(ValidationError):
        rule(yangjiaotang, tiers=[])


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2024, 4, 10, 9, 0), tick=False)
def test_the_ledger_stops_after_death(yangjiaotang, niupingao):
    """Paid for the month they were alive on the 1st; not after; running twice adds nothing."""
    rule(yangjiaotang)
    person = make_cadre(
        niupingao, post=SECRETARY, started=D(2000, 1, 1), ended=D(2009, 12, 31), birth=D(1950, 1, 1)
    )
    scope = Scope.unrestricted()
    assert ledger_generate(town=yangjiaotang, month=D(2024, 1, 1), by=None, scope=scope) == 1
    assert ledger_generate(town=yangjiaotang, month=D(2024, 1, 1), by=None, scope=scope) == 0
    cadre_stop_add(
        person=person, kind=StopKind.DEATH, on=D(2024, 2, 10), note="", by=None, scope=scope
    )
    assert ledger_generate(town=yangjiaotang, month=D(2024, 2, 1), by=None, scope=scope) == 1
    assert ledger_generate(town=yangjiaotang, month=D(2024, 3, 1), by=None, scope=scope) == 0
    months = list(SubsidyPayment.objects.values_list("month", flat=True).order_by("month"))
    assert months == [D(2024, 1, 1), D(2024, 2, 1)]
    assert any("Died" in r for r in entry(yangjiaotang, person).reasons)


@pytest.mark.django_db
def test_a_later_disqualification_stops_the_ledger_too(yangjiaotang, niupingao):
    rule(yangjiaotang)
    person = make_cadre(
        niupingao, post=SECRETARY, started=D(2000, 1, 1), ended=D(2009, 12, 31), birth=D(1950, 1, 1)
    )
    cadre_stop_add(
        person=person,
        kind=StopKind.CIVIL_SERVANT,
        on=D(2024, 5, 20),
        note="",
        by=None,
        scope=Scope.unrestricted(),
    )
    found = entry(yangjiaotang, person)
    assert found.payable_on(D(2024, 5, 1)) and not found.payable_on(D(2024, 6, 1))


@pytest.mark.django_db
def test_serving_cadres_are_not_departed(yangjiaotang, niupingao):
    person = make_cadre(niupingao, post=SECRETARY, started=D(2000, 1, 1), ended=D(2009, 12, 31))
    add_term(person, niupingao, post="委员", started=D(2012, 1, 1))
    assert all(e.person.pk != person.pk for e in departed_cadres(yangjiaotang))
