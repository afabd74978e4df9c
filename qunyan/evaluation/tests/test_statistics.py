"""commendations and ratings of `qunyan stats`: years of the period, distinct people."""

import datetime

import pytest

from qunyan.evaluation.choices import Rating
from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import commendations, ratings

from .factories import make_commendation, make_rating

pytestmark = pytest.mark.django_db

D = datetime.date


def test_commendations_count_distinct_people_of_the_periods_years(niupingao, dongcun, yangjiaotang):
    """A person honoured twice is one; years of from and to count; other towns do not."""
    first, second, early = make_person(niupingao), make_person(niupingao), make_person(niupingao)
    make_commendation(first, 2021)
    make_commendation(first, 2023, title="优秀共产党员")
    make_commendation(first, 2023, title="祁阳市乡村振兴担当作为党组织书记", authority="祁阳市委")
    make_commendation(second, 2023)
    make_commendation(early, 2020)
    make_commendation(make_person(niupingao), 2024)
    make_commendation(make_person(dongcun), 2022)
    # A period from mid-2021 to mid-2023 still covers the years 2021 to 2023.
    result = commendations([yangjiaotang], period_from=D(2021, 7, 1), period_to=D(2023, 6, 30))[
        yangjiaotang.pk
    ]
    assert result == {"persons": 2, "by_authority": {"祁阳市委": 1, "镇党委": 2}}


def test_ratings_count_villages_of_the_year_of_to_without_ordinary(
    niupingao, shimen, dongcun, yangjiaotang
):
    """Only the year of `to` counts; 一般 is not listed; every other rating is, with zeros."""
    make_rating(niupingao, 2023, Rating.RED_FLAG)
    make_rating(shimen, 2023, Rating.ORDINARY)
    make_rating(shimen, 2022, Rating.RED_FLAG)
    make_rating(dongcun, 2023, Rating.RED_FLAG)
    assert ratings([yangjiaotang], year=2023)[yangjiaotang.pk] == {
        "红旗村": 1,
        "模范村": 0,
        "先进村": 0,
    }
