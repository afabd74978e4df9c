"""party_development of `qunyan stats`: the closed period, sources and pool membership."""

import datetime

import pytest

from qunyan.people.choices import SourceCategory
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import party_development
from qunyan.reserves.tests.factories import make_reserve

from .factories import make_record

pytestmark = pytest.mark.django_db

D = datetime.date
FROM, TO = D(2021, 1, 1), D(2023, 12, 31)


def stats(town):
    return party_development([town], period_from=FROM, period_to=TO)[town.pk]


def test_new_members_are_those_admitted_within_the_closed_period(niupingao, yangjiaotang):
    """Admissions on the first and last day count; the day before and the day after do not."""
    for admitted in (FROM, TO, FROM - datetime.timedelta(1), TO + datetime.timedelta(1), None):
        make_record(make_person(niupingao), admitted=admitted)
    assert stats(yangjiaotang)["new_probationary_members"] == 2


def test_other_towns_are_left_out(dongcun, yangjiaotang):
    """A member admitted in 白水镇 is not one of 羊角塘镇's."""
    make_record(make_person(dongcun), admitted=D(2022, 1, 1))
    assert stats(yangjiaotang)["new_probationary_members"] == 0


def test_every_source_is_listed_by_its_contract_word_with_zeros(niupingao, yangjiaotang):
    """by_source has the five words in the contract's order, zeros included."""
    make_record(make_person(niupingao), source=SourceCategory.VETERAN)
    make_record(make_person(niupingao), source=SourceCategory.VETERAN)
    make_record(make_person(niupingao), source=SourceCategory.LOCAL_TALENT)
    assert stats(yangjiaotang)["by_source"] == {
        "乡土实用人才": 1,
        "农村致富带头人": 0,
        "返乡创业大学生": 0,
        "退役军人": 2,
        "其他": 0,
    }


@pytest.mark.parametrize(
    ("entered", "left", "counted"),
    [
        pytest.param(D(2022, 7, 1), None, True, id="entered on the admission day"),
        pytest.param(D(2022, 7, 2), None, False, id="entered the day after"),
        pytest.param(D(2021, 3, 1), D(2022, 7, 1), False, id="left on the admission day"),
        pytest.param(D(2021, 3, 1), D(2022, 7, 2), True, id="left the day after"),
    ],
)
def test_from_reserves_counts_those_in_the_pool_on_their_admission_day(
    niupingao, yangjiaotang, entered, left, counted
):
    """The pool on the admission day is the pool of the as-of rule: entered by it, not yet left."""
    reserve = make_person(niupingao)
    make_reserve(reserve, entered_on=entered, left_on=left)
    make_record(reserve, admitted=D(2022, 7, 1))
    make_record(make_person(niupingao), admitted=D(2022, 7, 1))
    result = stats(yangjiaotang)
    assert result["new_probationary_members"] == 2
    assert result["from_reserves"] == (1 if counted else 0)


def test_from_reserves_counts_a_person_once_whatever_their_stays(niupingao, yangjiaotang):
    """Two stays of the same person, one open on the admission day, count one member."""
    reserve = make_person(niupingao)
    make_reserve(reserve, entered_on=D(2020, 1, 1), left_on=D(2020, 6, 1))
    make_reserve(reserve, entered_on=D(2021, 1, 1))
    make_record(reserve, admitted=D(2022, 7, 1))
    assert stats(yangjiaotang)["from_reserves"] == 1
