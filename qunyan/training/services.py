"""Writes to training classes and attendance."""

from collections.abc import Sequence
from typing import Any

from qunyan.core.models import Account
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.people.models import Person

from .models import Attendance, TrainingClass


def training_classes_upsert(
    *, records: Sequence[dict[str, Any]], by: Account | None
) -> UpsertCounts:
    """Create or update classes keyed by (town, class number)."""
    return records_upsert(TrainingClass, key=("town_id", "code"), rows=records, by=by)


def attendances_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update attendance keyed by (class, person)."""
    codes = dict(
        TrainingClass.objects.filter(
            pk__in={record["training_class_id"] for record in records}
        ).values_list("pk", "code")
    )
    names = dict(
        Person.objects.filter(pk__in={record["person_id"] for record in records}).values_list(
            "pk", "name"
        )
    )
    return records_upsert(
        Attendance,
        key=("training_class_id", "person_id"),
        rows=records,
        by=by,
        # Described from the two lookups above, not one query per record.
        describe=lambda a: f"{codes[a.training_class_id]} {names[a.person_id]}",
    )
