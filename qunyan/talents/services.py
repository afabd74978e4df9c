"""Writes to outside talents and outreach contacts."""

from collections.abc import Sequence
from typing import Any

from qunyan.core.models import Account
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.people.models import Person

from .models import Outreach, OutsideTalent


def _names(records: Sequence[dict[str, Any]]) -> dict[int, str]:
    """Person names for audit descriptions, in one query rather than one per record."""
    person_ids = {record["person_id"] for record in records}
    return dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "name"))


def outside_talents_upsert(
    *, records: Sequence[dict[str, Any]], by: Account | None
) -> UpsertCounts:
    """Create or update outside talents keyed by person."""
    names = _names(records)
    return records_upsert(
        OutsideTalent,
        key=("person_id",),
        rows=records,
        by=by,
        describe=lambda talent: names[talent.person_id],
    )


def outreach_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update outreach contacts keyed by (person, date, way)."""
    names = _names(records)
    return records_upsert(
        Outreach,
        key=("person_id", "date", "way"),
        rows=records,
        by=by,
        describe=lambda contact: f"{names[contact.person_id]} {contact.date}",
    )
