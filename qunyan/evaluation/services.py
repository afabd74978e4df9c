"""Writes to village ratings and commendations."""

from collections.abc import Sequence
from typing import Any

from qunyan.core.models import Account, OrgUnit
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.people.models import Person

from .models import Commendation, VillageRating


def village_ratings_upsert(
    *, records: Sequence[dict[str, Any]], by: Account | None
) -> UpsertCounts:
    """Create or update annual ratings keyed by (village, year)."""
    village_ids = {record["village_id"] for record in records}
    names = dict(OrgUnit.objects.filter(pk__in=village_ids).values_list("pk", "name"))
    return records_upsert(
        VillageRating,
        key=("village_id", "year"),
        rows=records,
        by=by,
        describe=lambda rating: f"{rating.year} {names[rating.village_id]}",
    )


def commendations_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update commendations keyed by (person, year, title)."""
    person_ids = {record["person_id"] for record in records}
    names = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "name"))
    return records_upsert(
        Commendation,
        key=("person_id", "year", "title"),
        rows=records,
        by=by,
        describe=lambda honour: f"{honour.year} {honour.title}: {names[honour.person_id]}",
    )
