"""Writes to mentoring pairs."""

from collections.abc import Sequence
from typing import Any

from qunyan.core.models import Account
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.people.models import Person

from .models import Mentorship


def mentorships_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update mentoring pairs keyed by (mentor, mentee, start date)."""
    person_ids = {record[name] for record in records for name in ("mentor_id", "mentee_id")}
    names = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "name"))
    return records_upsert(
        Mentorship,
        key=("mentor_id", "mentee_id", "started_on"),
        rows=records,
        by=by,
        describe=lambda pair: f"{names[pair.mentor_id]} → {names[pair.mentee_id]}",
    )
