"""training of `qunyan stats`: classes that start in the period, their 人次, per programme."""

import datetime

import pytest

from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import training
from qunyan.training.choices import Programme
from qunyan.training.services import attendances_upsert, training_classes_upsert

pytestmark = pytest.mark.django_db

D = datetime.date
FROM, TO = D(2021, 1, 1), D(2023, 12, 31)
DAY = datetime.timedelta(days=1)


def training_class(town, code, *, starts, programme=Programme.LEAD_GEESE, people=()):
    training_classes_upsert(
        records=[
            {
                "town_id": town.pk,
                "code": code,
                "name": code,
                "programme": programme,
                "category": "",
                "starts_on": starts,
                "ends_on": starts + DAY,
                "hours": None,
                "teacher": "",
            }
        ],
        by=None,
    )
    class_id = town.training_classes.get(code=code).pk
    attendances_upsert(
        records=[
            {"training_class_id": class_id, "person_id": person.pk, "completed": True}
            for person in people
        ],
        by=None,
    )


def test_classes_and_person_times_count_classes_starting_in_the_period(
    niupingao, yangjiaotang, baishui
):
    """Starts on the first and last day count, with their rows; earlier, later and other towns'
    classes do not, even when they end inside the period."""
    people = [make_person(niupingao) for _ in range(3)]
    training_class(yangjiaotang, "A", starts=FROM, people=people)
    training_class(yangjiaotang, "B", starts=TO, people=people[:1])
    training_class(yangjiaotang, "C", starts=FROM - DAY, people=people)  # ends on FROM
    training_class(yangjiaotang, "D", starts=TO + DAY, people=people)
    training_class(baishui, "A", starts=D(2022, 1, 1), people=people)
    result = training([yangjiaotang], period_from=FROM, period_to=TO)[yangjiaotang.pk]
    assert (result["classes"], result["person_times"]) == (2, 4)


def test_the_same_person_in_two_classes_is_two_person_times(niupingao, yangjiaotang):
    """A 人次 is an attendance row, not a distinct person."""
    person = make_person(niupingao)
    training_class(yangjiaotang, "A", starts=D(2022, 3, 1), people=[person])
    training_class(yangjiaotang, "B", starts=D(2022, 6, 1), people=[person])
    assert (
        training([yangjiaotang], period_from=FROM, period_to=TO)[yangjiaotang.pk]["person_times"]
        == 2
    )


def test_every_programme_is_listed_with_zeros(niupingao, yangjiaotang):
    """by_programme has the five contract words; a class nobody attended is a class of 0 人次."""
    person = make_person(niupingao)
    training_class(yangjiaotang, "A", starts=D(2022, 3, 1), people=[person])
    training_class(yangjiaotang, "B", starts=D(2022, 6, 1), programme=Programme.VILLAGE_SCHOOL)
    assert training([yangjiaotang], period_from=FROM, period_to=TO)[yangjiaotang.pk][
        "by_programme"
    ] == {
        "头雁工程": {"classes": 1, "person_times": 1},
        "农民大学生": {"classes": 0, "person_times": 0},
        "乡村学堂": {"classes": 1, "person_times": 0},
        "党建+乡村振兴高素质农民": {"classes": 0, "person_times": 0},
        "其他": {"classes": 0, "person_times": 0},
    }
