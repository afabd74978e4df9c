"""Writes to party member development records."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError

from qunyan.core.models import Account
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.people.models import Person

from .models import DevelopmentRecord
from .workflow import STAGE_FIELDS, StageDates, development_violations


def development_records_upsert(
    *, records: Sequence[dict[str, Any]], by: Account | None
) -> UpsertCounts:
    """Create or update development records keyed by person; refuse any that breaks a rule."""
    people = {
        pk: (name, birth_date)
        for pk, name, birth_date in Person.objects.filter(
            pk__in={record["person_id"] for record in records}
        ).values_list("pk", "name", "birth_date")
    }
    for record in records:
        dates = StageDates(**{name: record.get(name) for name in STAGE_FIELDS})
        birth_date = people[record["person_id"]][1]
        violations = development_violations(dates, birth_date=birth_date)
        if violations:
            raise ValidationError([message for _column, message in violations])
    return records_upsert(
        DevelopmentRecord,
        key=("person_id",),
        rows=records,
        by=by,
        describe=lambda record: f"{people[record.person_id][0]} ({record.applied_on})",
    )
