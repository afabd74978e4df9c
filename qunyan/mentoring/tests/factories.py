"""Mentoring pairs for tests."""

import datetime

from qunyan.mentoring.choices import Principle
from qunyan.mentoring.services import mentorships_upsert
from qunyan.people.models import Person

MENTORSHIP_HEADER = ("导师身份号码", "帮带对象身份号码", "帮带方式", "结对日期", "结束日期")


def make_pair(
    mentor: Person,
    mentee: Person,
    *,
    started: datetime.date = datetime.date(2022, 1, 1),
    ended: datetime.date | None = None,
) -> None:
    """A pair written through the service."""
    mentorships_upsert(
        records=[
            {
                "mentor_id": mentor.pk,
                "mentee_id": mentee.pk,
                "principle": Principle.VETERAN_TO_NEW,
                "started_on": started,
                "ended_on": ended,
            }
        ],
        by=None,
    )
