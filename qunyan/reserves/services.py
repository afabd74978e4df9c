"""Writes to the reserve pool."""

from collections.abc import Sequence
from typing import Any

from qunyan.core.models import Account
from qunyan.core.upsert import UpsertCounts, records_upsert
from qunyan.people.services import person_names

from .models import Reserve


def reserves_upsert(*, records: Sequence[dict[str, Any]], by: Account | None) -> UpsertCounts:
    """Create or update pool stays keyed by (person, entry date)."""
    names = person_names(record["person_id"] for record in records)
    return records_upsert(
        Reserve, key=("person_id", "entered_on"), rows=records, by=by,
        describe=lambda stay: f"{names[stay.person_id]} ({stay.entered_on})",
    )
