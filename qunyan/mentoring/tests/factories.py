"""Mentoring records for tests, written through the services."""

import datetime
from collections.abc import Sequence

from qunyan.core.scopes import Scope
from qunyan.mentoring.choices import MentorKind, Principle
from qunyan.mentoring.models import MenteeNeed, Mentor, Mentorship
from qunyan.mentoring.services import mentee_need_save, mentor_register, mentorships_upsert
from qunyan.people.models import Person
from qunyan.people.services import cadre_terms_upsert

MENTORSHIP_HEADER = ("导师身份号码", "帮带对象身份号码", "帮带方式", "结对日期", "结束日期")


def make_pair(
    mentor: Person,
    mentee: Person,
    *,
    started: datetime.date = datetime.date(2022, 1, 1),
    ended: datetime.date | None = None,
    principle: str = Principle.VETERAN_TO_NEW,
) -> Mentorship:
    """A pair written through the service (as the 导师帮带 sheet would)."""
    mentorships_upsert(
        records=[
            {
                "mentor_id": mentor.pk,
                "mentee_id": mentee.pk,
                "principle": principle,
                "started_on": started,
                "ended_on": ended,
            }
        ],
        by=None,
    )
    return Mentorship.objects.get(mentor=mentor, mentee=mentee, started_on=started)


def make_mentor(
    person: Person,
    *,
    kind: str = MentorKind.TOWN_CADRE,
    strengths: Sequence[str] = (),
    capacity: int = 3,
    available: bool = True,
    serving_since: datetime.date | None = datetime.date(2005, 1, 1),
) -> Mentor:
    """A register entry for `person`."""
    return mentor_register(
        person=person,
        kind=kind,
        strengths=strengths,
        capacity=capacity,
        available=available,
        serving_since=serving_since,
        by=None,
        scope=Scope.unrestricted(),
    )


def make_cadre(
    person: Person,
    *,
    post: str = "委员",
    started: datetime.date = datetime.date(2021, 3, 20),
    ended: datetime.date | None = None,
) -> Person:
    """A committee term for `person` in their own village."""
    cadre_terms_upsert(
        records=[
            {
                "person_id": person.pk,
                "village_id": person.unit_id,
                "post": post,
                "started_on": started,
                "ended_on": ended,
                "bonus_base": None,
            }
        ],
        by=None,
    )
    return person


def make_need(person: Person, *areas: str) -> MenteeNeed:
    return mentee_need_save(person=person, weak_areas=areas, by=None, scope=Scope.unrestricted())
