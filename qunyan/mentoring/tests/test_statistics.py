"""mentoring of `qunyan stats`: distinct people of the pairs active at any time in the period."""

import datetime

import pytest

from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import mentoring

from .factories import make_pair

pytestmark = pytest.mark.django_db

D = datetime.date
FROM, TO = D(2021, 1, 1), D(2023, 12, 31)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("started", "ended", "active"),
    [
        pytest.param(TO, None, True, id="paired on the last day"),
        pytest.param(TO + DAY, None, False, id="paired the day after"),
        pytest.param(D(2019, 1, 1), FROM, True, id="ended on the first day"),
        pytest.param(D(2019, 1, 1), FROM - DAY, False, id="ended the day before"),
        pytest.param(D(2019, 1, 1), None, True, id="open since before the period"),
    ],
)
def test_a_pair_counts_when_active_at_any_time_in_the_period(
    niupingao, yangjiaotang, started, ended, active
):
    """Paired by the end of the period, and not ended before its start."""
    make_pair(make_person(yangjiaotang), make_person(niupingao), started=started, ended=ended)
    expected = {"mentors": 1, "mentees": 1} if active else {"mentors": 0, "mentees": 0}
    assert mentoring([yangjiaotang], period_from=FROM, period_to=TO)[yangjiaotang.pk] == expected


def test_mentors_and_mentees_are_counted_once_each(niupingao, shimen, yangjiaotang, dongcun):
    """Two mentees of one mentor, and one mentee paired twice, are distinct counts; pairs of
    another town's mentees are left out."""
    mentor, other_mentor = make_person(yangjiaotang), make_person(yangjiaotang)
    first, second = make_person(niupingao), make_person(shimen)
    make_pair(mentor, first)
    make_pair(mentor, second)
    make_pair(other_mentor, first)
    make_pair(mentor, first, started=D(2023, 1, 1))
    make_pair(other_mentor, make_person(dongcun))
    assert mentoring([yangjiaotang], period_from=FROM, period_to=TO)[yangjiaotang.pk] == {
        "mentors": 2,
        "mentees": 2,
    }
