"""农民大学生: eligibility at its edges (education and full-year age on the nomination day) and
the status path through study to graduation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from qunyan.core.scopes import Scope
from qunyan.people.tests.factories import make_person
from qunyan.training.choices import CollegeTrack, NominationStatus
from qunyan.training.college import nomination_add, nomination_move
from qunyan.training.workflow import college_eligibility

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date
ON = D(2026, 3, 1)


def born_aged(age):
    """A birth date giving exactly `age` full years on ON (a birthday that very day)."""
    return D(ON.year - age, ON.month, ON.day)


@pytest.mark.parametrize(
    ("track", "education", "age", "ok"),
    [
        (CollegeTrack.DIPLOMA, "senior", 45, True),
        (CollegeTrack.DIPLOMA, "vocational", 45, True),
        (CollegeTrack.DIPLOMA, "senior", 46, False),
        (CollegeTrack.DIPLOMA, "junior", 30, False),
        (CollegeTrack.DIPLOMA, "college", 30, False),
        (CollegeTrack.DEGREE, "college", 50, True),
        (CollegeTrack.DEGREE, "college", 51, False),
        (CollegeTrack.DEGREE, "senior", 30, False),
        (CollegeTrack.DEGREE, "bachelor", 30, False),
    ],
)
def test_eligibility_edges(niupingao, track, education, age, ok):
    person = make_person(niupingao, birth=born_aged(age), education=education)
    assert (college_eligibility(person, track, ON) == []) is ok


def test_the_age_is_in_full_years_on_the_nomination_day(niupingao):
    """Born 1980-03-02: 45 on 2026-03-01, 46 the next day."""
    person = make_person(niupingao, birth=D(1980, 3, 2), education="senior")
    assert college_eligibility(person, CollegeTrack.DIPLOMA, ON) == []
    assert college_eligibility(person, CollegeTrack.DIPLOMA, D(2026, 3, 2)) != []


def test_the_age_caps_are_settings(niupingao, settings):
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "FARMER_COLLEGE_DIPLOMA_MAX_AGE": 40}
    person = make_person(niupingao, birth=born_aged(41), education="senior")
    assert college_eligibility(person, CollegeTrack.DIPLOMA, ON) != []


def test_an_ineligible_nomination_is_refused(niupingao):
    person = make_person(niupingao, birth=born_aged(46), education="senior")
    with pytest.raises(ValidationError, match="up to 45"):
        nomination_add(
            person=person,
            track=CollegeTrack.DIPLOMA,
            nominated_on=ON,
            by=None,
            scope=Scope.unrestricted(),
        )


def test_a_nomination_goes_through_study_to_graduation(niupingao):
    person = make_person(niupingao, birth=born_aged(30), education="senior")
    nomination = nomination_add(
        person=person,
        track=CollegeTrack.DIPLOMA,
        nominated_on=ON,
        by=None,
        scope=Scope.unrestricted(),
    )
    with pytest.raises(ValidationError):
        nomination_move(nomination=nomination, to=NominationStatus.GRADUATED, on=ON, by=None)
    nomination_move(nomination=nomination, to=NominationStatus.STUDYING, on=D(2026, 9, 1), by=None)
    with pytest.raises(ValidationError, match="before"):
        nomination_move(
            nomination=nomination, to=NominationStatus.GRADUATED, on=D(2026, 8, 1), by=None
        )
    nomination_move(
        nomination=nomination, to=NominationStatus.GRADUATED, on=D(2029, 1, 15), by=None
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.study_started_on, nomination.finished_on) == (
        NominationStatus.GRADUATED,
        D(2026, 9, 1),
        D(2029, 1, 15),
    )
    with pytest.raises(ValidationError):
        nomination_move(
            nomination=nomination, to=NominationStatus.WITHDRAWN, on=D(2029, 2, 1), by=None
        )


def test_one_running_nomination_per_track_and_only_in_scope(niupingao, shimen, bob):
    person = make_person(niupingao, birth=born_aged(30), education="senior")
    nomination_add(
        person=person,
        track=CollegeTrack.DIPLOMA,
        nominated_on=ON,
        by=None,
        scope=Scope.unrestricted(),
    )
    with pytest.raises(ValidationError, match="already"):
        nomination_add(
            person=person,
            track=CollegeTrack.DIPLOMA,
            nominated_on=ON,
            by=None,
            scope=Scope.unrestricted(),
        )
    neighbour = make_person(shimen, birth=born_aged(30), education="senior")
    with pytest.raises(ValidationError, match="not in your area"):
        nomination_add(
            person=neighbour,
            track=CollegeTrack.DIPLOMA,
            nominated_on=ON,
            by=None,
            scope=Scope.for_account(bob),
        )
