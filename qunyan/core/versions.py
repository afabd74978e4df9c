"""Optimistic locking: an edit made on a stale copy of a record is refused, not silently applied.

A form carries the record's `updated_at` as it was when the form was opened; the service compares
it with the row, locked for the rest of the transaction, before it writes.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _


def version_of(record: models.Model) -> str:
    stamp = getattr(record, "updated_at", None)
    return stamp.isoformat() if stamp else ""


def require_unchanged(record: models.Model, version: str) -> None:
    """Raise ValidationError when the row changed since `version` (call inside a transaction)."""
    if not version or record.pk is None:
        return
    current = (
        type(record)
        ._default_manager.select_for_update()
        .filter(pk=record.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is not None and current.isoformat() != version:
        when = timezone.localtime(current).strftime("%Y-%m-%d %H:%M:%S")
        raise ValidationError(
            _(
                "Someone else changed this record at %(when)s, after you opened it. Open it again "
                "to see their changes, then make yours."
            )
            % {"when": when}
        )
